"""The validator on the published example and on planted bad input."""

import copy

import pytest

from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.hasil import hitung
from lakip_xl.schema.data import dari_dict
from lakip_xl.validasi import ada_galat
from lakip_xl.validasi import validasi as _validasi


def validasi(lakip):
    """Every finding of a model under the shipped rules."""
    return _validasi(lakip, hitung(lakip, aturan_bawaan()), aturan_bawaan())


def temuan_dari(data):
    lakip, baca = dari_dict(data)
    return baca + validasi(lakip)


def cari(temuan, kode, lokasi):
    return [t for t in temuan if t.kode == kode and t.lokasi == lokasi]


OPS = "anggaran.program[0].kegiatan[0].kro[1]"  # KRO Operasi Bidang Keamanan
SARPRAS = "anggaran.program[1].kegiatan[0].kro[1]"  # KRO Layanan Sarana dan Prasarana Internal


@pytest.mark.parametrize(
    ("kode", "lokasi", "teks"),
    [
        # Penyelidikan Intelijen: realisasi 193.192.935 exceeds its pagu 162.992.935.
        ("REALISASI_MELEBIHI_PAGU", f"{OPS}.output[0].realisasi", "193.192.935"),
        # The four outputs of Operasi Bidang Keamanan sum to 505.142.935, not 679.398.000.
        ("RINCIAN_TIDAK_SAMA", f"{OPS}.pagu", "505.142.935"),
        # Layanan Prasarana Internal 31,61 stated 91,82; its group 34,86 stated 92,19.
        ("DINYATAKAN_BERBEDA", f"{SARPRAS}.output[1].penyerapan_dinyatakan", "31,61"),
        ("DINYATAKAN_BERBEDA", f"{SARPRAS}.penyerapan_dinyatakan", "34,86"),
        # The eight groups sum to a realisasi of 3.902.749.878, not 4.463.785.560.
        ("RINCIAN_TIDAK_SAMA", "anggaran.total_realisasi_dinyatakan", "3.902.749.878"),
        # Total penyerapan 54,21 printed as 45,79.
        ("DINYATAKAN_BERBEDA", "anggaran.total_penyerapan_dinyatakan", "54,21"),
        # IKPA paragraph says 98,54; the table 97,14.
        ("DINYATAKAN_BERBEDA", "ikpa.disebut[0].nilai", "98,54"),
        # Output achievements: 7/12 is 58,33 (57,52); 6/7 is 85,71 (85,95); 4/7 is 57,14
        # (88,09); 1/1 is 100 (50).
        ("DINYATAKAN_BERBEDA", f"{OPS}.output[0].capaian_volume_dinyatakan", "58,33"),
        ("DINYATAKAN_BERBEDA", f"{OPS}.output[1].capaian_volume_dinyatakan", "85,71"),
        ("DINYATAKAN_BERBEDA", "anggaran.program[0].kegiatan[0].kro[3].output[0].capaian_volume_dinyatakan", "57,14"),
        ("DINYATAKAN_BERBEDA", "anggaran.program[1].kegiatan[0].kro[3].output[2].capaian_volume_dinyatakan", "100,00"),
        # Pagu totals disagree across chapters: 4.663.135.000 vs the DIPA's 8.234.057.000.
        ("TOTAL_BERBEDA", "anggaran.jenis_belanja", "8.234.057.000"),
        ("TOTAL_BERBEDA", "anggaran.sumber_dana", "8.234.057.000"),
        ("TOTAL_BERBEDA", "anggaran.alokasi_pk_dinyatakan", "4.663.135.000"),
        # Program 2's printed realisasi does not add up from its kegiatan.
        ("RINCIAN_TIDAK_SAMA", "anggaran.program[1].realisasi", "3.218.279.860"),
    ],
)
def test_example_inconsistencies_of_domain_section_7(contoh, kode, lokasi, teks):
    found = cari(validasi(contoh), kode, lokasi)
    assert found, f"{kode} at {lokasi} not found"
    assert any(teks in t.pesan for t in found)


def test_example_correct_figures_raise_nothing(contoh):
    temuan = validasi(contoh)
    lokasi = {t.lokasi for t in temuan}
    # Figures the report got right are not flagged.
    assert "anggaran.program[0].kegiatan[0].kro[0].output[0].penyerapan_dinyatakan" not in lokasi  # 40,15
    assert "ikpa.nilai_total_dinyatakan" not in lokasi  # 97,14
    assert "ikpa.pelaksanaan_dinyatakan" not in lokasi  # 99,40
    assert "anggaran.jenis_belanja[0].sisa_dinyatakan" not in lokasi  # 7.339.504
    assert ada_galat(temuan)
    for t in temuan:
        assert t.tingkat in ("galat", "peringatan")
        assert t.pesan and t.lokasi


def test_planted_bad_input(contoh_dict):
    d = copy.deepcopy(contoh_dict)
    out0 = d["anggaran"]["program"][0]["kegiatan"][0]["kro"][0]["output"][0]
    out0["pagu"] = "seratus juta"  # not a number
    out0["realisasi"] = "78.367.000"  # Indonesian text: read, with a warning
    d["anggaran"]["program"][0]["kegiatan"][0]["kro"][0]["output"][1]["realisasi"] = -5
    d["indikator"][0]["target"] = 0
    d["indikator"][1]["target"] = None
    d["indikator"][2]["targte"] = 3  # typo'd key
    d["ikpa"]["komponen"][0]["bobot"] = 15  # weights now add to 105
    d["profil"]["kepala_nip"] = "19710311"
    temuan = temuan_dari(d)
    by = {(t.kode, t.lokasi): t for t in temuan}
    o = "anggaran.program[0].kegiatan[0].kro[0].output"
    assert by[("ANGKA_TIDAK_VALID", f"{o}[0].pagu")].tingkat == "galat"
    assert by[("ANGKA_SEBAGAI_TEKS", f"{o}[0].realisasi")].tingkat == "peringatan"
    assert by[("ANGKA_NEGATIF", f"{o}[1].realisasi")].tingkat == "galat"
    assert by[("TARGET_KOSONG", "indikator[0].target")].tingkat == "galat"
    assert "nol" in by[("TARGET_KOSONG", "indikator[0].target")].pesan
    assert "kosong" in by[("TARGET_KOSONG", "indikator[1].target")].pesan
    assert by[("KUNCI_TIDAK_DIKENAL", "indikator[2].targte")].tingkat == "peringatan"
    assert "105" in by[("BOBOT_IKPA", "ikpa.komponen")].pesan
    assert ("PROFIL", "profil.kepala_nip") in by
    # The text figure was read as the number it says.
    lakip, _ = dari_dict(d)
    assert lakip.anggaran.program[0].kegiatan[0].kro[0].output[0].realisasi == 78367000
    assert lakip.anggaran.program[0].kegiatan[0].kro[0].output[0].pagu is None
    hitung(lakip, aturan_bawaan())  # nothing raises on bad input


def test_money_must_be_whole_rupiah(contoh_dict):
    d = copy.deepcopy(contoh_dict)
    d["anggaran"]["jenis_belanja"][0]["pagu"] = 1.5
    temuan = temuan_dari(d)
    assert cari(temuan, "BUKAN_BILANGAN_BULAT", "anggaran.jenis_belanja[0].pagu")


def test_ikpa_blank_value_and_unknown_rule(contoh_dict):
    d = copy.deepcopy(contoh_dict)
    d["ikpa"]["komponen"][1]["nilai"] = None
    assert cari(temuan_dari(d), "NILAI_IKPA", "ikpa.komponen[1].nilai")
    d["ikpa"]["komponen"][1]["berlaku"] = False
    assert not cari(temuan_dari(d), "NILAI_IKPA", "ikpa.komponen[1].nilai")
    d["ikpa"]["aturan"] = "2019"
    assert cari(temuan_dari(d), "ATURAN_IKPA", "ikpa.aturan")


def test_ikpa_2024_with_dispensasi_component(contoh_dict):
    d = copy.deepcopy(contoh_dict)
    d["ikpa"]["aturan"] = "2024"
    found = cari(temuan_dari(d), "ATURAN_IKPA", "ikpa.komponen[6].kode")
    assert found and "pengurang" in found[0].pesan


def test_office_class_written_two_ways(contoh_dict):
    d = copy.deepcopy(contoh_dict)
    d["narasi"]["latar_belakang"] = "Kantor Imigrasi Kelas II Non TPI Kotabumi melayani tujuh kabupaten."
    found = cari(temuan_dari(d), "PROFIL", "narasi.latar_belakang")
    assert found and "Kelas II" in found[0].pesan


def test_range_indicator_needs_upper_bound(contoh_dict):
    d = copy.deepcopy(contoh_dict)
    d["indikator"][0]["polaritas"] = "rentang"
    found = cari(temuan_dari(d), "TARGET_RENTANG", "indikator[0].target_atas")
    assert [t.tingkat for t in found] == ["galat"]
    d["indikator"][0]["polaritas"] = "naik"
    assert cari(temuan_dari(d), "PILIHAN_TIDAK_VALID", "indikator[0].polaritas")


def test_old_range_polarity_is_read_with_a_warning(contoh_dict):
    d = copy.deepcopy(contoh_dict)
    d["indikator"][0].update(polaritas="rentang", target=3, target_atas=4)
    lakip, baca = dari_dict(d)
    assert baca == [] and lakip.indikator[0].polaritas == "rentang"
    (t,) = cari(validasi(lakip), "POLARITAS_RENTANG", "indikator[0].polaritas")
    assert t.tingkat == "peringatan" and "positif atau negatif" in t.pesan
    # Positive and negative range targets are the current form: no such warning.
    for pol in ("positif", "negatif"):
        d["indikator"][0]["polaritas"] = pol
        assert not [t for t in temuan_dari(d) if t.kode == "POLARITAS_RENTANG"]


@pytest.mark.parametrize("polaritas", ["positif", "negatif", "rentang"])
def test_range_bounds_swapped_warns_for_any_polarity(contoh_dict, polaritas):
    d = copy.deepcopy(contoh_dict)
    d["indikator"][0].update(polaritas=polaritas, target=90, target_atas=80)
    (t,) = cari(temuan_dari(d), "TARGET_RENTANG", "indikator[0].target_atas")
    assert t.tingkat == "peringatan" and "dipertukarkan" in t.pesan


def test_zero_lower_bound_of_a_range_is_a_target(contoh_dict):
    d = copy.deepcopy(contoh_dict)
    d["indikator"][0].update(polaritas="negatif", target=0, target_atas=5)
    assert not cari(temuan_dari(d), "TARGET_KOSONG", "indikator[0].target")
    d["indikator"][0]["target_atas"] = None
    (t,) = cari(temuan_dari(d), "TARGET_KOSONG", "indikator[0].target")
    assert "Target" in t.pesan and "nol" in t.pesan
    d["indikator"][0].update(target=None, target_atas=5)
    (t,) = cari(temuan_dari(d), "TARGET_KOSONG", "indikator[0].target")
    assert t.pesan.startswith("Batas bawah target") and "kosong" in t.pesan
    d["indikator"][0].update(target=3, target_atas=-5)
    assert cari(temuan_dari(d), "ANGKA_NEGATIF", "indikator[0].target_atas")


def test_quarterly_targets_must_add_up_for_counts(contoh_dict):
    d = copy.deepcopy(contoh_dict)
    ind = d["indikator"][6]  # PRG-3, a count
    ind["target_tw"] = [0.25, 0.25, 0.25, 0.5]
    assert cari(temuan_dari(d), "TARGET_TRIWULAN", "indikator[6].target_tw")
    ind["target_tw"] = [0.25, 0.25, 0.25]
    assert cari(temuan_dari(d), "JUMLAH_TRIWULAN", "indikator[6].target_tw")


@pytest.mark.parametrize(("dinyatakan", "beda"), [(97.14, False), (97.15, False), (97.13, False), (97.16, True)])
def test_ikpa_stated_values_allow_omspans_hundredth(contoh_dict, dinyatakan, beda):
    """OM-SPAN rounds from unrounded indicator values: 0,01 apart is not a discrepancy, 0,02 is.
    Kotabumi 2022 computes 97,139 (shown 97,14)."""
    d = copy.deepcopy(contoh_dict)
    d["ikpa"]["nilai_akhir_dinyatakan"] = dinyatakan
    d["ikpa"]["disebut"] = []
    lakip, _ = dari_dict(d)
    temuan = _validasi(lakip, hitung(lakip, aturan_bawaan()), aturan_bawaan())
    assert any(t.jalur == ("ikpa", "nilai_akhir_dinyatakan") for t in temuan) == beda


@pytest.mark.parametrize(
    ("kode_a", "kode_b", "galat"),
    [
        ("1.1", "1.10", True),  # both read as the number 1,1 by COUNTIFS
        ("01", "1", True),
        ("IKU-1", "iku-1", True),  # COUNTIFS ignores case
        ("IKU-1", "IKU-10", False),
        ("1.1", "1.2", False),
        ("IKU-1", "IKU*", True),  # a pattern
        ("IKU-1", ">5", True),  # an operator
    ],
)
def test_codes_the_workbook_formulas_cannot_tell_apart_are_galat(kode_a, kode_b, galat):
    """The Beranda's IKU average matches Realisasi rows to Indikator by COUNTIFS: two codes
    that COUNTIFS takes for one (or a code it reads as a pattern) would mix their capaian."""
    from lakip_xl.schema.data import baca_json, contoh_path

    lakip, _ = baca_json(contoh_path())
    lakip.indikator[0].kode, lakip.indikator[1].kode = kode_a, kode_b
    t = [t for t in validasi(lakip) if t.kode == "KODE_SAMA_DI_EXCEL"]
    assert bool(t) == galat, t
    if galat:
        assert [x.tingkat for x in t] == ["galat"] and t[0].lokasi == "indikator[1].kode", t
        assert f"'{kode_b}'" in t[0].pesan
