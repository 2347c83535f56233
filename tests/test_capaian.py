"""Capaian formulas, hand-computed."""

import pytest

from lakip_xl.compute.capaian import capaian, realisasi_indikator, realisasi_kumulatif


def test_positive_polarity_seed_figures():
    # Seed, Bab III: IKM 1,63 of 3,25 -> 50,15 (printed); 7 of 12 operations -> 58,33.
    assert capaian(3.25, 1.63) == pytest.approx(1.63 / 3.25 * 100)
    assert round(capaian(3.25, 1.63), 2) == 50.15
    assert capaian(12, 7) == pytest.approx(58.3333333333, rel=1e-9)


def test_negative_polarity_two_t_minus_r():
    # Target: at most 20 complaints; 15 received -> (2*20 - 15) / 20 * 100 = 125.
    assert capaian(20, 15, "negatif") == pytest.approx(125.0)
    # 30 received -> (40 - 30) / 20 * 100 = 50.
    assert capaian(20, 30, "negatif") == pytest.approx(50.0)


def test_negative_polarity_t_over_r_setting():
    # 20 / 25 * 100 = 80.
    assert capaian(20, 25, "negatif", rumus_negatif="t/r") == pytest.approx(80.0)
    assert capaian(20, 0, "negatif", rumus_negatif="t/r") is None


# Range targets (PermenPANRB 6/2022): 100 inside the range; outside, the indicator's own
# polarity formula against the nearer bound. Hand calculations in the comments.
@pytest.mark.parametrize(
    ("realisasi", "hasil"),
    [
        (70, 87.5),  # below 80-90: 70 / 80 * 100
        (80, 100.0),  # the bounds belong to the range
        (85, 100.0),
        (90, 100.0),
        (95, 105.55555555555556),  # above: 95 / 90 * 100 = 105,56 (no cap: batas_capaian_indikator blank)
    ],
)
def test_range_target_positive(realisasi, hasil):
    assert capaian(80, realisasi, "positif", target_atas=90) == pytest.approx(hasil, rel=1e-12)


def test_range_target_positive_above_with_a_cap():
    # 95 / 90 * 100 = 105,56 is capped at 100 when BatasCapaianIndikator is 100; 120 does not cap it.
    assert capaian(80, 95, "positif", batas=100, target_atas=90) == 100.0
    assert capaian(80, 95, "positif", batas=120, target_atas=90) == pytest.approx(105.5555555556)


@pytest.mark.parametrize(
    ("realisasi", "rumus", "hasil"),
    [
        (25, "2t-r", 75.0),  # above 10-20: (2*20 - 25) / 20 * 100 = 15 / 20 * 100
        (5, "2t-r", 150.0),  # below: (2*10 - 5) / 10 * 100 = 15 / 10 * 100
        (25, "t/r", 80.0),  # above: 20 / 25 * 100
        (5, "t/r", 200.0),  # below: 10 / 5 * 100
        (15, "2t-r", 100.0),  # inside
        (15, "t/r", 100.0),
        (10, "t/r", 100.0),
        (20, "2t-r", 100.0),
    ],
)
def test_range_target_negative(realisasi, rumus, hasil):
    assert capaian(10, realisasi, "negatif", target_atas=20, rumus_negatif=rumus) == pytest.approx(hasil)


def test_range_bounds_in_either_order():
    # Upper bound typed below the lower one: the bounds are swapped (the validator warns).
    assert capaian(90, 70, "positif", target_atas=80) == pytest.approx(87.5)
    assert capaian(20, 25, "negatif", target_atas=10) == pytest.approx(75.0)


def test_range_with_a_zero_lower_bound():
    # Errors 0-5 %: 0 and 3 are inside (100); 6 -> (2*5 - 6) / 5 * 100 = 80; t/r: 10 -> 5 / 10 * 100 = 50.
    assert capaian(0, 0, "negatif", target_atas=5) == 100.0
    assert capaian(0, 3, "negatif", target_atas=5) == 100.0
    assert capaian(0, 6, "negatif", target_atas=5) == pytest.approx(80.0)
    assert capaian(0, 10, "negatif", target_atas=5, rumus_negatif="t/r") == pytest.approx(50.0)
    # A zero single target, or 0-0, is still no target.
    assert capaian(0, 3, "negatif") is None
    assert capaian(0, 3, "positif", target_atas=0) is None
    # Below a range whose nearer bound is 0 would divide by zero: blank, not an exception.
    assert capaian(5, -1, "positif", target_atas=0) is None
    assert capaian(5, -1, "negatif", target_atas=0) is None


def test_single_target_is_unchanged_by_the_range_rule():
    # A blank upper bound, or one equal to the target, is the plain formula.
    assert capaian(3.25, 1.63, "positif", target_atas=3.25) == pytest.approx(1.63 / 3.25 * 100)
    assert capaian(20, 15, "negatif", target_atas=20) == pytest.approx(125.0)
    assert capaian(20, 25, "negatif", target_atas=None, rumus_negatif="t/r") == pytest.approx(80.0)
    assert capaian(20, 20, "negatif", rumus_negatif="t/r") == 100.0


def test_old_range_polarity_keeps_its_old_meaning():
    # Polaritas "rentang" (before range targets): band 2-4, 100 inside.
    assert capaian(2, 3, "rentang", target_atas=4) == 100.0
    # Below the lower bound as positive: 1 / 2 * 100 = 50.
    assert capaian(2, 1, "rentang", target_atas=4) == pytest.approx(50.0)
    # Above the upper bound as negative 2t-r: (2*4 - 5) / 4 * 100 = 75 ...
    assert capaian(2, 5, "rentang", target_atas=4) == pytest.approx(75.0)
    # ... whatever rumus_negatif says (t/r would give 4 / 5 * 100 = 80).
    assert capaian(2, 5, "rentang", target_atas=4, rumus_negatif="t/r") == pytest.approx(75.0)


@pytest.mark.parametrize(("batas", "hasil"), [(None, 381.3), (100, 100.0), (120, 120.0)])
def test_caps(batas, hasil):
    # Seed: 7.626 passports of a target of 2.000 is 381,3 % uncapped; the report shows 100.
    assert capaian(2000, 7626, batas=batas) == pytest.approx(hasil)


def test_cap_does_not_raise_lower_values():
    assert capaian(12, 7, batas=100) == pytest.approx(58.3333333333)


@pytest.mark.parametrize("target", [0, None])
def test_zero_or_blank_target_is_not_an_exception(target):
    assert capaian(target, 5) is None
    assert capaian(5, None) is None


def test_cumulative_rules():
    q = [10, 20, None, 5]
    assert realisasi_kumulatif(q, "jumlah", 4) == 35
    assert realisasi_kumulatif(q, "jumlah", 2) == 30
    assert realisasi_kumulatif(q, "terakhir", 4) == 5
    assert realisasi_kumulatif(q, "terakhir", 3) == 20  # TW III blank: latest filled is TW II
    assert realisasi_kumulatif([None] * 4, "jumlah") is None


def test_indicator_realisation_uses_quarters_up_to_the_period():
    # An index reported quarterly: Semester I takes TW II, the year takes TW IV.
    q = [3.0, 3.1, 3.2, 3.3]
    assert realisasi_indikator(q, None, "terakhir", "Semester I") == 3.1
    assert realisasi_indikator(q, None, "terakhir", "Tahunan") == 3.3
    # No quarter filled: the cumulative figure typed in is used.
    assert realisasi_indikator([None] * 4, 1.63, "terakhir", "Semester I") == 1.63


@pytest.mark.parametrize("polaritas", ["positif", "negatif"])
def test_a_ratio_too_large_for_a_float_has_no_capaian(polaritas):
    # 100000 / 1e-320 overflows to infinity: no capaian, never inf in the results.
    assert capaian(1e-320, 100000, polaritas) is None
    assert capaian(1e-20, 100000, "positif") == pytest.approx(1e27)
