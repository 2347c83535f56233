"""Indonesian number parsing, display rounding, formatting and amounts in words."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lakip_xl.compute.angka import AngkaTidakValid, bulat, format_angka, format_rupiah, parse_angka, terbilang


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("Rp. 1.147.335.000", 1147335000),
        ("Rp. 3,515,800,000,-", 3515800000),
        ("3,25", 3.25),
        ("97,14 %", 97.14),
        ("09", 9),
        ("1.084", 1084),
        ("2.537.891", 2537891),
        ("57.52", 57.52),  # the seed's tables use a decimal point
        ("Rp 1.234.567,50", 1234567.5),
        ("1,234,567.50", 1234567.5),
        ("-1.000", -1000),
        ("(1.000)", -1000),
        ("0.125", 0.125),
        (" 100 ", 100),
        (42, 42),
        (3.5, 3.5),
    ],
)
def test_parse_forms_seen_in_source_documents(teks, nilai):
    hasil = parse_angka(teks)
    assert hasil == nilai
    assert type(hasil) is type(nilai)


@pytest.mark.parametrize(
    "teks", ["", "abc", "1..2", "1.2.3", "12.34.567", "1,2,3", "Rp", "3,25,", "1.000,00,0", True, None]
)
def test_parse_rejects_what_is_not_a_number(teks):
    with pytest.raises(AngkaTidakValid):
        parse_angka(teks)


@given(st.integers(min_value=0, max_value=10**13))
def test_parse_reads_back_indonesian_formatted_integers(n):
    assert parse_angka(format_angka(n, 0)) == n
    assert parse_angka(format_rupiah(n)) == n
    assert parse_angka("Rp. " + f"{n:,}" + ",-") == n  # the English-grouped form in the seed


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_parse_reads_back_two_decimal_figures(d):
    teks = format_angka(float(d), 2)  # e.g. "1.234,50"
    assert Decimal(repr(float(parse_angka(teks)))).quantize(Decimal("0.01")) == d


@pytest.mark.parametrize(
    ("nilai", "digit", "hasil"),
    [
        (87.875, 2, "87.88"),  # seed: aspect perencanaan 87,875 printed 87,88 (half-up)
        (97.139, 2, "97.14"),
        (99.398, 2, "99.40"),
        (2.675, 2, "2.68"),  # binary float 2.67499..., Excel ROUND gives 2.68
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),  # half-up, not banker's rounding
        (-2.5, 0, "-3"),
        # A computed sum that binary floating point leaves just below the half: LibreOffice's
        # ROUND (checked: =ROUND(100*10/100+68.64*15/100+99.99*20/100+90.31*10/100+100*25/100;2)
        # gives 74,33) works on 15 significant digits, and so does the engine.
        (100 * 10 / 100 + 68.64 * 15 / 100 + 99.99 * 20 / 100 + 90.31 * 10 / 100 + 100 * 25 / 100, 2, "74.33"),
        (94.99 + 0.005, 2, "95.00"),
        (94.99499999999, 2, "94.99"),  # a value really below the half stays below
    ],
)
def test_half_up_rounding(nilai, digit, hasil):
    assert str(bulat(nilai, digit)) == hasil


def test_format_is_indonesian():
    assert format_angka(97.139) == "97,14"
    assert format_angka(2537891, 0) == "2.537.891"
    assert format_rupiah(4463785560) == "Rp4.463.785.560"  # PUEBI: no space after Rp


@pytest.mark.parametrize(
    ("n", "kata"),
    [
        # The seed's PK chapter, in official spelling ("miliar", not "milyar").
        (4663135000, "empat miliar enam ratus enam puluh tiga juta seratus tiga puluh lima ribu rupiah"),
        (1001000, "satu juta seribu rupiah"),
        (101000, "seratus satu ribu rupiah"),
        (2001001000, "dua miliar satu juta seribu rupiah"),
        (1000, "seribu rupiah"),
        (0, "nol rupiah"),
    ],
)
def test_terbilang(n, kata):
    assert terbilang(n) == kata


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 2, 3]),
)
def test_fast_formatter_equals_babel(d, digit):
    from babel.numbers import format_decimal

    x = float(d)
    pola = "#,##0" + ("." + "0" * digit if digit else "")
    harap = format_decimal(bulat(x, digit), format=pola, locale="id_ID")
    if harap.startswith("-") and set(harap[1:]) <= set("0,."):
        harap = harap[1:]  # we never print "-0,00"
    assert format_angka(x, digit) == harap
    assert format_rupiah(int(d), prefix=False) == format_decimal(int(d), format="#,##0", locale="id_ID")


def test_huge_figures_format_without_a_decimal_error():
    # 28 significant digits is decimal's default: a capaian of 1e27 % needs 30 once rounded.
    assert format_angka(1e27) == "1.000.000.000.000.000.000.000.000.000,00"
    assert format_angka(-1e30, 0) == "-1.000.000.000.000.000.000.000.000.000.000"
    assert format_angka(1e-20) == "0,00"
    assert format_angka(1e300).endswith(".000,00")
