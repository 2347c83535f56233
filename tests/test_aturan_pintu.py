"""Rules travel with the data: rules edited on a workbook's Referensi sheet reach compute,
the report's tables and sentences, the worksheet functions, the rekap row, and survive a
JSON export read back. Expected values are hand-computed below."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from test_laporan import teks_docx

from lakip_xl.buku_kerja.baca import _nama_dari_zip
from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
from lakip_xl.compute.aturan import Aturan, BobotNka, Pita, aturan_bawaan
from lakip_xl.doors import udf
from lakip_xl.laporan import render_docx
from lakip_xl.layanan import buka
from lakip_xl.rekap import olah
from lakip_xl.schema.data import baca_json, contoh_path

# NKA weights 25/25/25/25 instead of 9,7/18,2/43,5/28,6, and IKPA bands cut at 98 and 90.
# The example's SMART variables: P 53,66, K 97,27, CRO 61,1, NE 49,5
#   -> (53.66 + 97.27 + 61.1 + 49.5) / 4 = 261.53 / 4 = 65.3825 (shipped weights give 63,64).
# Its IKPA 97,139 is "Sangat Baik" under the shipped bands (>= 95) but "Baik" under >= 90 < 98.
NKA_DIUBAH = 65.3825


def aturan_diubah() -> Aturan:
    return dataclasses.replace(
        aturan_bawaan(),
        bobot_nka=BobotNka(25, 25, 25, 25),
        predikat_ikpa=(Pita(98, "Istimewa"), Pita(90, "Baik"), Pita(None, "Kurang")),
    )


@pytest.fixture(scope="module")
def buku(tmp_path_factory) -> Path:
    """The example workbook whose Referensi sheet carries the edited rules."""
    lakip, _ = baca_json(contoh_path())
    return bangun_buku_kerja(lakip, tmp_path_factory.mktemp("aturan") / "Diubah.xlsm", aturan=aturan_diubah())


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lakip_xl.doors.cli", *args], capture_output=True, text=True)


def test_workbook_rules_are_read_and_used(buku):
    dok = buka(buku)
    assert dok.aturan == aturan_diubah() and dok.aturan_diubah and dok.aturan_dari == "buku_kerja"
    assert dok.hasil.nka.nilai == pytest.approx(NKA_DIUBAH)
    assert dok.hasil.ikpa.nilai_akhir == pytest.approx(97.139)
    assert dok.hasil.ikpa.predikat == "Baik"
    assert any(t.kode == "ATURAN_DIUBAH" for t in dok.temuan)


def test_report_prints_the_rules_in_force(buku):
    isi, _ = render_docx(buka(buku))
    teks = teks_docx(isi)
    assert "25%" in teks
    for lama in ("9,70%", "18,20%", "43,50%", "28,60%"):
        assert lama not in teks
    kalimat_nka = next(p for p in teks.splitlines() if "Nilai Kinerja Anggaran pada aplikasi SMART" in p)
    assert "65,38" in kalimat_nka
    kalimat_ikpa = next(p for p in teks.splitlines() if p.startswith("Nilai IKPA mencapai"))
    assert "predikat Baik" in kalimat_ikpa


def test_report_pkpa_sentence_uses_the_rule_weights():
    lakip, _ = baca_json(contoh_path())
    lakip.profil.periode = "Tahunan"
    from lakip_xl.layanan import asal_berkas
    from lakip_xl.layanan import olah as olah_dok

    aturan = dataclasses.replace(aturan_bawaan(), bobot_pkpa_smart=50, bobot_pkpa_ikpa=50)
    dok = olah_dok(lakip, aturan, asal_berkas(contoh_path()))
    # (63.64366 + 97.139) / 2 = 80.39133
    assert dok.hasil.pkpa == pytest.approx(80.39133)
    teks = teks_docx(render_docx(dok)[0])
    kalimat = next(p for p in teks.splitlines() if p.startswith("Nilai PKPA"))
    assert "50% SMART dan 50% IKPA" in kalimat and "80,39" in kalimat


def test_worksheet_functions_take_the_workbook_rules(buku):
    nama = _nama_dari_zip(buku)
    wb = CalamineWorkbook.from_path(str(buku))

    def sel(n):
        lembar, r, c, _, _ = nama[n]
        return wb.get_sheet_by_name(lembar).to_python()[r][c]

    def tabel(n):
        lembar, r1, c1, r2, c2 = nama[n]
        rows = wb.get_sheet_by_name(lembar).to_python()
        return [[rows[r][c] if c < len(rows[r]) else "" for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    bobot = [
        sel(n) for n in ("BobotNkaPenyerapan", "BobotNkaKonsistensi", "BobotNkaCapaianOutput", "BobotNkaEfisiensi")
    ]
    assert bobot == [25, 25, 25, 25]
    assert udf.LAKIP_NKA(53.66, 97.27, 61.1, 49.5, bobot) == pytest.approx(NKA_DIUBAH)
    assert udf.LAKIP_NKA(53.66, 97.27, 61.1, 49.5) == pytest.approx(63.64366)  # shipped weights without the range
    pita = tabel("Data_RefPredikatIkpa")
    assert udf.LAKIP_PREDIKAT(97.139, "ikpa", pita) == "Baik"
    assert udf.LAKIP_PREDIKAT(98.2, "ikpa", pita) == "Istimewa"
    assert udf.LAKIP_PREDIKAT(97.139, "ikpa") == "Sangat Baik"
    assert udf.LAKIP_PREDIKAT(97, "ikpa", [[90, "Baik"]]).startswith("#LAKIP")
    aturan_ikpa = tabel("Data_RefAturanIkpa")
    assert udf.LAKIP_IKPA([90, 80], [50, 50], None, 2024, 0.5, "setelah", aturan_ikpa) == pytest.approx(84.5)


def test_rekap_row_uses_each_workbooks_rules(buku, tmp_path):
    u = olah(str(buku))
    assert u.nka == pytest.approx(NKA_DIUBAH) and u.predikat_nka == "Cukup"
    assert u.predikat_ikpa == "Baik" and u.pita_ikpa == ("Istimewa", "Baik", "Kurang")
    from lakip_xl.rekap.tulis import _kriteria, predikat_ikpa

    assert predikat_ikpa([u]) == ["Istimewa", "Baik", "Kurang"]
    # A band name from a unit's file cannot break out of the COUNTIF criterion.
    assert _kriteria('Baik"),1)+HYPERLINK("x') == 'Baik""),1)+HYPERLINK(""x'
    assert _kriteria("A*?~") == "A~*~?~~"


def test_json_export_keeps_edited_rules(buku, tmp_path):
    data = tmp_path / "d.json"
    r = cli("ekspor-data", str(buku), "-o", str(data))
    assert r.returncode == 0, r.stderr
    assert "aturan" in json.loads(data.read_text("utf-8"))
    dari_json, dari_buku = buka(data), buka(buku)
    assert dari_json.aturan == dari_buku.aturan and dari_json.aturan_dari == "json"
    assert any(t.kode == "ATURAN_DIUBAH" for t in dari_json.temuan)
    assert dataclasses.asdict(dari_json.hasil) == dataclasses.asdict(dari_buku.hasil)
    # ... and back into a workbook: the Referensi sheet carries them again.
    lagi = bangun_buku_kerja(dari_json.lakip, tmp_path / "lagi.xlsm", aturan=dari_json.aturan)
    assert buka(lagi).aturan == aturan_diubah()


def test_json_export_always_carries_its_rules(tmp_path):
    lakip, _ = baca_json(contoh_path())
    buku = bangun_buku_kerja(lakip, tmp_path / "b.xlsm", aturan=aturan_bawaan())
    data = tmp_path / "d.json"
    r = cli("ekspor-data", str(buku), "-o", str(data))
    assert r.returncode == 0, r.stderr
    assert json.loads(data.read_text("utf-8"))["aturan"] == aturan_bawaan().ke_dict()
    assert not any(t.kode == "ATURAN_DIUBAH" for t in buka(data).temuan)


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        (lambda d: d["nka"]["bobot"].update(efisiensi="dua"), "bobot NKA efisiensi"),
        (lambda d: d["predikat_ikpa"].pop(), "baris terakhir predikat IKPA"),
        (lambda d: d["ikpa"]["2022"].update(dispensasi="potong"), "dispensasi aturan IKPA 2022"),
        (lambda d: d["ikpa"]["2024"]["bobot_aspek"].update(hasil=30), "bobot aspek hasil aturan IKPA 2024 (30)"),
        (lambda d: d.pop("sakip"), "'sakip'"),
        (lambda d: d["predikat_ikpa"].insert(0, d["predikat_ikpa"].pop(1)), "urut dari yang tertinggi"),
        (lambda d: d["predikat_ikpa"][1].update(batas_bawah=None), "urut dari yang tertinggi"),
    ],
)
def test_broken_rules_in_json_are_refused_with_one_line(tmp_path, ubah, pesan):
    d = json.loads(contoh_path().read_text("utf-8"))
    d["aturan"] = aturan_bawaan().ke_dict()
    ubah(d["aturan"])
    p = tmp_path / "rusak.json"
    p.write_text(json.dumps(d), "utf-8")
    r = cli("hitung", str(p))
    assert r.returncode == 2 and pesan in r.stderr and "Traceback" not in r.stderr


def test_libreoffice_formulas_follow_the_edited_rules(buku, tmp_path, lo):
    from lakip_xl.office import konversi

    (hitung_lo,) = konversi([buku], "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    nama = _nama_dari_zip(hitung_lo)
    wb = CalamineWorkbook.from_path(str(hitung_lo))

    def sel(n):
        lembar, r, c, _, _ = nama[n]
        return wb.get_sheet_by_name(lembar).to_python()[r][c]

    assert sel("NilaiNKA") == pytest.approx(NKA_DIUBAH)
    assert sel("PredikatIKPA") == "Baik"
