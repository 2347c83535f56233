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


def test_range_polarity():
    # Target band 2-4 (e.g. a percentage that should stay inside the band).
    assert capaian(2, 3, "rentang", target_atas=4) == 100.0
    # Below the lower bound: 1 / 2 * 100 = 50.
    assert capaian(2, 1, "rentang", target_atas=4) == pytest.approx(50.0)
    # Above the upper bound: (2*4 - 5) / 4 * 100 = 75.
    assert capaian(2, 5, "rentang", target_atas=4) == pytest.approx(75.0)


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
