"""IKPA, NKA, PKPA and SAKIP, hand-computed; golden values from the published report."""

import pytest

from lakip_xl.compute.angka import bulat
from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.skor import (
    KomponenMasukan,
    hasil_nka,
    hitung_ikpa,
    hitung_nka,
    hitung_pkpa,
    hitung_sakip,
    nilai_efisiensi,
)

A = aturan_bawaan()  # the shipped rules (PMK 22/2021 NKA, PER-5/PB/2022 IKPA bands)

# The seed's IKPA Semester I 2022 table (values as copied from OM-SPAN).
SEED_2022 = {
    "revisi_dipa": 100,
    "deviasi_halaman_iii": 75.75,
    "penyerapan": 100,
    "belanja_kontraktual": 97,
    "penyelesaian_tagihan": 100,
    "up_tup": 99.99,
    "dispensasi_spm": 100,
    "capaian_output": 99.46,
}


def komponen(values, tidak_berlaku=()):
    return [KomponenMasukan(k, v, k not in tidak_berlaku) for k, v in values.items()]


def test_ikpa_2022_reproduces_the_published_table():
    h = hitung_ikpa(komponen(SEED_2022), A.set_ikpa("2022"), predikat=A)
    # Hand: 1000 + 757.5 + 2000 + 970 + 1000 + 999.9 + 500 + 2486.5 = 9713.9 -> / 100
    assert h.nilai_total == pytest.approx(97.139)
    assert h.konversi_bobot == 100
    assert h.nilai_akhir == pytest.approx(97.139)
    # Published: 97,14 / 100 % / 97,14 and aspects 87,88 / 99,40 / 99,46, "Sangat Baik".
    assert str(bulat(h.nilai_total)) == "97.14"
    assert str(bulat(h.nilai_akhir)) == "97.14"
    assert [str(bulat(h.aspek[a])) for a in ("perencanaan", "pelaksanaan", "hasil")] == ["87.88", "99.40", "99.46"]
    assert h.predikat == "Sangat Baik"
    # Published "Nilai Akhir" row: 10,00 7,58 20,00 9,70 10,00 10,00 5,00 24,87
    assert [str(bulat(k.nilai_tertimbang)) for k in h.komponen] == [
        "10.00", "7.58", "20.00", "9.70", "10.00", "10.00", "5.00", "24.87"
    ]  # fmt: skip


def test_ikpa_aspects_are_plain_means_with_dispensasi_2022():
    h = hitung_ikpa(komponen(SEED_2022), A.set_ikpa("2022"))
    # OM-SPAN: plain mean of the five Pelaksanaan indicators, Dispensasi SPM one of them:
    # (100 + 97 + 100 + 99.99 + 100) / 5 = 496.99 / 5 = 99.398 -> 99,40 as published.
    assert h.aspek["pelaksanaan"] == pytest.approx(496.99 / 5)
    # Perencanaan (100 + 75.75) / 2 = 87.875 -> 87,88; Hasil = Capaian Output.
    assert h.aspek["perencanaan"] == pytest.approx(87.875)
    assert h.aspek["hasil"] == pytest.approx(99.46)


def test_ikpa_weighted_aspect_setting_differs_on_the_2022_example():
    # The weighted mean includes Dispensasi SPM (5 %) too:
    # (100*20 + 97*10 + 100*10 + 99.99*10 + 100*5) / 55 = 5469.9 / 55 = 99.4527... -> 99,45,
    # not the published 99,40; Perencanaan (equal weights 10/10) and Hasil agree.
    h = hitung_ikpa(komponen(SEED_2022), A.set_ikpa("2022"), metode_aspek="tertimbang")
    assert h.aspek["pelaksanaan"] == pytest.approx(5469.9 / 55)
    assert str(bulat(h.aspek["pelaksanaan"])) == "99.45"
    assert h.aspek["perencanaan"] == pytest.approx(87.875)
    assert h.aspek["hasil"] == pytest.approx(99.46)
    # The values of earlier versions are still understood.
    assert hitung_ikpa(komponen(SEED_2022), A.set_ikpa("2022"), metode_aspek="dengan_dispensasi").aspek == h.aspek
    lama = hitung_ikpa(komponen(SEED_2022), A.set_ikpa("2022"), metode_aspek="tanpa_dispensasi")
    assert lama.aspek["pelaksanaan"] == pytest.approx(496.99 / 5)
    with pytest.raises(ValueError):
        hitung_ikpa(komponen(SEED_2022), A.set_ikpa("2022"), metode_aspek="median")


def test_ikpa_2024_plain_aspects_and_deduction_after_rescaling():
    # OM-SPAN row: KPU Kab. OKU Selatan (656574), December 2024 (IKPA_DESEMBER_2024.xlsx):
    # Revisi 100, Deviasi 55.87, Penyerapan 99.92, Kontraktual 100, Tagihan 100, UP/TUP 84.39,
    # Capaian Output 100, Konversi 100 %, Dispensasi (pengurang) 1; published Perencanaan
    # 77.94, Pelaksanaan 96.08, Hasil 100, Nilai Total 91.8, Nilai Akhir 90.8.
    vals = {"revisi_dipa": 100, "deviasi_halaman_iii": 55.87, "penyerapan": 99.92, "belanja_kontraktual": 100,
            "penyelesaian_tagihan": 100, "up_tup": 84.39, "capaian_output": 100}  # fmt: skip
    h = hitung_ikpa(komponen(vals), A.set_ikpa("2024"), pengurang=1, predikat=A)
    # Total (1000 + 838.05 + 1998.4 + 1000 + 1000 + 843.9 + 2500) / 100 = 91.8035
    assert h.nilai_total == pytest.approx(91.8035)
    # Akhir 91.8035 / 1.00 - 1 = 90.8035 -> 90,80 (Baik)
    assert h.nilai_akhir == pytest.approx(90.8035) and h.predikat == "Baik"
    # Perencanaan (100 + 55.87) / 2 = 77.935 -> 77,94 (weighted would be 73,52)
    assert str(bulat(h.aspek["perencanaan"])) == "77.94"
    # Pelaksanaan (99.92 + 100 + 100 + 84.39) / 4 = 96.0775 -> 96,08 (weighted 96,85)
    assert str(bulat(h.aspek["pelaksanaan"])) == "96.08"
    assert h.aspek["hasil"] == 100
    assert A.set_ikpa("2024").bobot_per_aspek() == {"perencanaan": 25, "pelaksanaan": 50, "hasil": 25}
    assert A.set_ikpa("2022").bobot_per_aspek() == {"perencanaan": 20, "pelaksanaan": 55, "hasil": 25}


def test_ikpa_inapplicable_indicator_rescales():
    # No contracts: Belanja Kontraktual (weight 10) drops out -> konversi bobot 90 %.
    h = hitung_ikpa(komponen(SEED_2022, tidak_berlaku={"belanja_kontraktual"}), A.set_ikpa("2022"))
    # nilai total = 97.139 - 9.70 = 87.439; nilai akhir = 87.439 / 0.90 = 97.15444...
    assert h.konversi_bobot == 90
    assert h.nilai_total == pytest.approx(87.439)
    assert h.nilai_akhir == pytest.approx(87.439 / 0.9)
    # Pelaksanaan without contracts: (100 + 100 + 99.99 + 100) / 4 = 99.9975
    assert h.aspek["pelaksanaan"] == pytest.approx(99.9975)


VAL_2024 = {
    "revisi_dipa": 100,
    "deviasi_halaman_iii": 80,
    "penyerapan": 100,
    "belanja_kontraktual": 100,
    "penyelesaian_tagihan": 100,
    "up_tup": 100,
    "capaian_output": 100,
}


def test_ikpa_2024_dispensasi_is_a_deduction():
    aturan = A.set_ikpa("2024")
    assert aturan.cari("dispensasi_spm") is None
    # (1000 + 80*15 + 2000 + 1000 + 1000 + 1000 + 2500) / 100 = 97.0; minus 0.5 -> 96.5
    h = hitung_ikpa(komponen(VAL_2024), aturan, pengurang=0.5)
    assert h.nilai_total == pytest.approx(97.0)
    assert h.nilai_akhir == pytest.approx(96.5)
    assert h.pengurang_dispensasi == 0.5


def test_ikpa_2024_deduction_before_or_after_rescaling():
    aturan = A.set_ikpa("2024")
    vals = komponen(VAL_2024, tidak_berlaku={"belanja_kontraktual"})
    # nilai total 87.0, konversi 90 %.
    setelah = hitung_ikpa(vals, aturan, pengurang=0.5, urutan_pengurang="setelah")
    sebelum = hitung_ikpa(vals, aturan, pengurang=0.5, urutan_pengurang="sebelum")
    assert setelah.nilai_akhir == pytest.approx(87.0 / 0.9 - 0.5)  # 96.1111 - 0.5
    assert sebelum.nilai_akhir == pytest.approx((87.0 - 0.5) / 0.9)  # 96.1111


def test_ikpa_weight_override_is_used():
    vals = [KomponenMasukan(k, v, True, 12.0 if k == "revisi_dipa" else None) for k, v in SEED_2022.items()]
    h = hitung_ikpa(vals, A.set_ikpa("2022"))
    assert h.konversi_bobot == 102
    assert h.nilai_total == pytest.approx(97.139 + 100 * 2 / 100)


def test_ikpa_2021_weights_add_to_100():
    assert sum(i.bobot for i in A.set_ikpa("2021").indikator) == 100
    assert sum(i.bobot for i in A.set_ikpa("2022").indikator) == 100
    assert sum(i.bobot for i in A.set_ikpa("2024").indikator) == 100


@pytest.mark.parametrize(
    ("nilai", "predikat"),
    [(95, "Sangat Baik"), (94.99, "Baik"), (89, "Baik"), (88.99, "Cukup"), (70, "Cukup"), (69.99, "Kurang")],
)
def test_ikpa_predicate_bands(nilai, predikat):
    assert A.nilai_predikat_ikpa(nilai) == predikat


def test_ikpa_predicate_is_that_of_the_shown_value():
    # docs/aturan.md: the predicate belongs to the value as shown (half-up, two decimals).
    assert A.nilai_predikat_ikpa(94.995) == "Sangat Baik"  # shown 95,00
    assert A.nilai_predikat_ikpa(94.99499) == "Baik"  # shown 94,99
    assert A.nilai_predikat_ikpa(88.995) == "Baik" and A.nilai_predikat_ikpa(69.994) == "Kurang"
    # A sum binary floating point leaves just below the half (94.99 + 0.005 = 94.99499999999999)
    # is shown 95,00 by Excel's and LibreOffice's ROUND (15 significant digits): Sangat Baik,
    # as in the workbook formula ROUND(x,2)>=95.
    assert 94.99 + 0.005 < 94.995 and A.nilai_predikat_ikpa(94.99 + 0.005) == "Sangat Baik"


def test_nka_check_case():
    # A published 2021 report: P 95.53, K 99.61, CRO 99.72, NE 59.98 -> NKA 87.93.
    # 0.097*95.53 + 0.182*99.61 + 0.435*99.72 + 0.286*59.98 = 87.92791
    n = hitung_nka(95.53, 99.61, 99.72, 59.98, A.bobot_nka)
    assert n == pytest.approx(87.92791)
    assert str(bulat(n)) == "87.93"
    assert A.nilai_predikat_nka(n) == "Baik"


def test_nka_seed():
    # Seed: P 53.66, K 97.27, CRO 61.1, E 49.5 -> 5.20502 + 17.70314 + 26.5785 + 14.157 = 63.64366
    h = hasil_nka(53.66, 97.27, 61.1, 49.5, None, A)
    assert h.nilai == pytest.approx(63.64366)
    assert h.predikat == "Cukup"


@pytest.mark.parametrize(("e", "ne"), [(0, 50), (10, 75), (20, 100), (35, 100), (-10, 25), (-25, 0)])
def test_efficiency_normalisation(e, ne):
    assert nilai_efisiensi(e, A.batas_efisiensi) == pytest.approx(ne)


def test_nka_uses_raw_efficiency_when_score_blank():
    # E = 10 % -> NE 75; 0.097*90 + 0.182*90 + 0.435*90 + 0.286*75 = 64.26 + 21.45 = 85.71
    assert hasil_nka(90, 90, 90, None, 10, A).nilai == pytest.approx(85.71)
    assert hitung_nka(90, None, 90, 90, A.bobot_nka) is None


@pytest.mark.parametrize(
    ("nilai", "predikat"),
    [(90.01, "Sangat Baik"), (90, "Baik"), (80, "Cukup"), (60, "Kurang"), (50.01, "Kurang"), (50, "Sangat Kurang")],
)
def test_nka_predicate_bands(nilai, predikat):
    assert A.nilai_predikat_nka(nilai) == predikat


def test_pkpa():
    # 60 % SMART + 40 % IKPA: 0.6 * 63.64366 + 0.4 * 97.139 = 38.186196 + 38.8556
    assert hitung_pkpa(63.64366, 97.139, A) == pytest.approx(77.041796)
    assert hitung_pkpa(None, 97.0, A) is None


def test_sakip_grade():
    # 0.30*80 + 0.30*70 + 0.15*60 + 0.25*90 = 24 + 21 + 9 + 22.5 = 76.5 -> BB
    nilai, grade = hitung_sakip({"perencanaan": 80, "pengukuran": 70, "pelaporan": 60, "evaluasi": 90}, A)
    assert nilai == pytest.approx(76.5)
    assert grade == "BB"
    assert hitung_sakip({"perencanaan": 80}, A) == (None, None)


@pytest.mark.parametrize(
    ("nilai", "grade"),
    [(90.5, "AA"), (90, "A"), (80.1, "A"), (75, "BB"), (65, "B"), (55, "CC"), (40, "C"), (30, "D"), (0, "D")],
)
def test_sakip_bands(nilai, grade):
    assert A.nilai_predikat_sakip(nilai) == grade
