"""Rules keyed by fiscal year (issue 11 items 1 and 3): the IKPA rule set and the NKA regime in
force follow the data's year unless the data chooses; golden values are published figures."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lakip_xl.compute.angka import format_angka
from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.hasil import hitung
from lakip_xl.compute.skor import hasil_nka, hasil_nka_pmk62, nilai_perencanaan
from lakip_xl.model import KomponenIkpa
from lakip_xl.schema.data import baca_json, contoh_path
from lakip_xl.validasi import validasi


def _contoh(tahun: int | None, aturan_ikpa: str = ""):
    lakip, _ = baca_json(contoh_path())
    lakip.profil.tahun = tahun
    lakip.ikpa.aturan = aturan_ikpa
    return lakip


@pytest.mark.parametrize(
    ("tahun", "kode"),
    [(2021, "2021"), (2022, "2022"), (2023, "2022"), (2024, "2024"), (2025, "2024"), (2026, "2024")],
)
def test_the_year_picks_the_ikpa_rule_set(tahun, kode):
    # RULES-2024-2026.md 1.1: TA 2023 still used PER-5/PB/2022; PER-5/PB/2024 for TA 2024-2026.
    h = hitung(_contoh(tahun), aturan_bawaan())
    assert h.aturan_ikpa == kode
    assert h.alasan_aturan_ikpa == f"menurut TA {tahun}"
    assert not [t for t in validasi(_contoh(tahun), h, aturan_bawaan()) if t.kode == "ATURAN_TAHUN"]


def test_a_year_after_the_newest_takes_the_newest_with_a_warning():
    lakip = _contoh(2027)
    h = hitung(lakip, aturan_bawaan())
    assert h.aturan_ikpa == "2024" and h.alasan_aturan_ikpa == "TA 2027 belum dikenal: aturan terbaru"
    (t,) = [t for t in validasi(lakip, h, aturan_bawaan()) if t.kode == "ATURAN_TAHUN"]
    assert t.tingkat == "peringatan" and "TA 2027" in t.pesan


def test_an_explicit_choice_overrides_the_year():
    h = hitung(_contoh(2025, "2022"), aturan_bawaan())
    assert h.aturan_ikpa == "2022" and h.alasan_aturan_ikpa == "dipilih di sel di atas"


def test_kotabumi_2022_unchanged():
    # The seed report: IKPA 97,14, aspects 87,88 / 99,40 / 99,46; NKA by PMK 22/2021.
    h = hitung(_contoh(2022), aturan_bawaan())
    assert format_angka(h.ikpa.nilai_akhir) == "97,14"
    assert [format_angka(h.ikpa.aspek[a]) for a in ("perencanaan", "pelaksanaan", "hasil")] == [
        "87,88",
        "99,40",
        "99,46",
    ]
    assert h.nka.rezim == "pmk22_2021" and h.pkpa is not None


def test_nka_pmk22_check_case():
    # LAN Puslatbang KMP 2021: P 95,53, K 99,61, CRO 99,72, NE 59,98 -> 87,93.
    n = hasil_nka(95.53, 99.61, 99.72, 59.98, None, aturan_bawaan())
    assert format_angka(n.nilai) == "87,93"


def test_nka_pmk62_published_figures():
    a = aturan_bawaan()
    # TA 2024 national figures (Menkeu S-296/MK.02/2025): 0,5 x 89,96 + 0,5 x 96,14 = 93,05.
    n = hasil_nka_pmk62(89.96, 96.14, a)
    assert format_angka(n.nilai) == "93,05" and n.predikat == "Sangat Baik"
    # Kejaksaan RI TW II 2026: 0,5 x 18,70 + 0,5 x 99,27 = 58,985 -> 58,99 (half-up), "Kurang" (> 50).
    n = hasil_nka_pmk62(18.70, 99.27, a)
    assert format_angka(n.nilai) == "58,99" and n.predikat == "Kurang"
    # Satker planning value: 0,75 x capaian RO 90 + 0,25 x efisiensi SBK 80 = 87,5; SMART's own value wins.
    assert nilai_perencanaan(None, 90, 80, a) == pytest.approx(87.5)
    assert nilai_perencanaan(70.0, 90, 80, a) == 70.0


def test_a_2024_unit_is_scored_by_pmk62_without_pkpa():
    lakip = _contoh(2024)
    # Every 2024 indicator valued 96,14, no deduction: IKPA 96,14.
    lakip.ikpa.komponen = [KomponenIkpa(i.kode, 96.14) for i in aturan_bawaan().set_ikpa("2024").indikator]
    lakip.ikpa.pengurang_dispensasi = None
    lakip.smart = dataclasses.replace(lakip.smart, nilai_perencanaan=89.96)
    h = hitung(lakip, aturan_bawaan())
    assert h.aturan_ikpa == "2024" and format_angka(h.ikpa.nilai_akhir) == "96,14"
    assert h.nka.rezim == "pmk62_2023" and format_angka(h.nka.nilai) == "93,05"
    assert h.pkpa is None
    # Chosen explicitly, the old regime applies again.
    lakip.smart = dataclasses.replace(lakip.smart, aturan_nka="pmk22_2021")
    assert hitung(lakip, aturan_bawaan()).nka.rezim == "pmk22_2021"


def test_report_words_the_nka_by_its_regime():
    from lakip_xl.laporan.konteks import bangun_konteks
    from lakip_xl.layanan import Asal, olah

    lakip = _contoh(2024)
    lakip.ikpa.komponen = [KomponenIkpa(i.kode, 96.14) for i in aturan_bawaan().set_ikpa("2024").indikator]
    lakip.smart = dataclasses.replace(lakip.smart, nilai_perencanaan=89.96)
    dok = olah(lakip, aturan_bawaan(), Asal("x.json", "0" * 64, dt.datetime(2026, 1, 1), "uji"))
    k = bangun_konteks(dok, draf=True)
    assert "PMK 62/2023" in k["kalimat"]["nka"] and "93,05" in k["kalimat"]["nka"]
    assert [r["nama"] for r in k["smart"]["rows"]] == [
        "Nilai Kinerja Perencanaan Anggaran",
        "Nilai Kinerja Pelaksanaan Anggaran (IKPA)",
    ]
    assert k["kalimat"]["pkpa"] == ""


def test_workbook_shows_the_rule_in_force(tmp_path):
    from python_calamine import CalamineWorkbook

    from lakip_xl.buku_kerja.baca import baca_buku_kerja
    from lakip_xl.buku_kerja.tulis import bangun_buku_kerja

    path = bangun_buku_kerja(_contoh(2025), tmp_path / "b.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(path)
    assert bk.lakip.ikpa.aturan == "" and bk.aturan.tahun_ikpa == aturan_bawaan().tahun_ikpa
    lembar, r, c = bk.tata.sel["AturanIkpa"]
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(lembar).to_python()
    assert grid[r][c] == "2024" and grid[r + 1][c] == "menurut TA 2025"
