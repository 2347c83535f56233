"""Workbooks edited the way people edit them (issue 10): every edit either leaves the computed
results unchanged or is a galat naming its place; never a silent change.

The edits are made by LibreOffice over UNO (``tests/alat/lo_ubah.py``) on the example workbook,
saved, and read back by lakip-xl. Rows and columns below are 0-based, as UNO counts; the
example's Indikator data starts at row 4 (IKU-1), Realisasi at row 4, Output data at row ``_O``
(below the Program and Kegiatan tables, read from the workbook's defined names).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lakip_xl.doors.cli import hasil_json
from lakip_xl.layanan import buka

ROOT = Path(__file__).parents[1]
CONTOH = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"
LO_UBAH = Path(__file__).parent / "alat" / "lo_ubah.py"


def _awal(tabel: str) -> int:
    from lakip_xl.buku_kerja.baca import baca_buku_kerja

    return baca_buku_kerja(CONTOH, periksa_rumus=False).tata.posisi[tabel].awal


_O = _awal("Output")  # the first output row (OUT-01)

# Each scenario: the edits, and what must come of them.
#   "sama": results and galat codes unchanged.   A code: that galat must appear (results may differ).
SKENARIO: dict[str, tuple[list[dict[str, Any]], str]] = {
    "simpan.xlsm": ([], "sama"),
    "simpan.xlsx": ([], "sama"),
    "nama_output.xlsm": ([{"op": "ganti_nama", "lembar": "Output", "baru": "Keluaran"}], "sama"),
    "nama_indikator.xlsm": ([{"op": "ganti_nama", "lembar": "Indikator", "baru": "PK 2022"}], "sama"),
    "nama_ikpa.xlsm": ([{"op": "ganti_nama", "lembar": "IKPA", "baru": "Nilai IKPA"}], "sama"),
    # LibreOffice does not fill a table's formulas into an inserted row (Excel does): named, not silent.
    "sisip_output_kosong.xlsm": ([{"op": "sisip_baris", "lembar": "Output", "baris": _O + 2}], "RUMUS_DITIMPA"),
    "sisip_realisasi_kosong.xlsm": ([{"op": "sisip_baris", "lembar": "Realisasi", "baris": 6}], "RUMUS_DITIMPA"),
    # The documented way (insert, copy the row above) with the code left unchanged.
    "sisip_output_salin.xlsm": ([{"op": "sisip_baris", "lembar": "Output", "baris": _O + 2, "salin_dari": _O + 1}], "KODE_GANDA"),
    # Realisasi rows reordered: each still shows (and is matched by) its indicator's code.
    "sisip_realisasi_salin.xlsm": (
        [{"op": "sisip_baris", "lembar": "Realisasi", "baris": 6, "salin_dari": 5}], "BARIS_TANPA_PASANGAN",
    ),
    "tukar_output.xlsm": ([{"op": "tukar_baris", "lembar": "Output", "a": _O, "b": _O + 1}], "sama"),
    # Indikator sorted by name: the typed Realisasi/Analisis rows stay where they were while the code
    # formulas show other indicators (found by a hostile test).
    "urut_indikator.xlsm": ([{"op": "urut", "lembar": "Indikator", "rentang": "A5:O14", "kolom": 3}], "PASANGAN_BERGESER"),
    # A new indicator inserted on Indikator only: no Realisasi row shows it.
    "sisip_indikator.xlsm": (
        [{"op": "sisip_baris", "lembar": "Indikator", "baris": 6, "salin_dari": 5, "isi": {"0": "IKU-9", "7": 5}}],
        "PASANGAN_HILANG",
    ),
    # An Indikator row cut and pasted to a spare row lower down: the formulas follow it, so the
    # Realisasi row typed for it still shows it (and so does the spare Realisasi row beside it).
    "pindah_indikator.xlsm": ([{"op": "pindah", "lembar": "Indikator", "dari": "A5:O5", "ke": "A20"}], "sama"),
    "kode_kosong.xlsm": ([{"op": "isi", "lembar": "Indikator", "baris": 6, "kolom": 0, "nilai": ""}], "KODE_KOSONG"),
    "hapus_ikpa.xlsm": ([{"op": "hapus_lembar", "lembar": "IKPA"}], "STRUKTUR_RUSAK"),
    "hapus_referensi.xlsm": ([{"op": "hapus_lembar", "lembar": "Referensi"}], "STRUKTUR_RUSAK"),
    "hapus_realisasi.xlsm": ([{"op": "hapus_lembar", "lembar": "Realisasi"}], "STRUKTUR_RUSAK"),
    "sisip_kolom.xlsm": ([{"op": "sisip_kolom", "lembar": "Indikator", "kolom": 3}], "STRUKTUR_RUSAK"),
    "galat_excel.xlsm": ([{"op": "rumus", "lembar": "Output", "baris": _O, "kolom": 7, "rumus": "=1/0"}], "NILAI_GALAT_EXCEL"),
}  # fmt: skip


def _baris_baru_setiap_tabel() -> dict[str, tuple[list[dict[str, Any]], str]]:
    """For every bound table: a row inserted inside its data and made ready for typing the way
    the README says (copy the row above, clear what was typed). Nothing was entered: nothing
    may change, and there is nothing to complain about."""
    from lakip_xl.buku_kerja import skema as S
    from lakip_xl.buku_kerja.baca import baca_buku_kerja

    tata = baca_buku_kerja(CONTOH).tata
    out = {}
    for ik in S.IKATAN:
        p = tata.posisi[ik.tabel]
        isian = [p.kolom(k.kunci) for k in p.tabel.kolom if k.jenis == "input"]
        ubah = {"op": "sisip_baris", "lembar": p.lembar, "baris": p.awal + 1, "salin_dari": p.awal, "kosongkan": isian}
        out[f"baris_baru_{ik.tabel}.xlsm"] = ([ubah], "sama")
    return out


SKENARIO.update(_baris_baru_setiap_tabel())


@pytest.fixture(scope="module")
def diubah(tmp_path_factory, uno_python) -> Path:
    folder = tmp_path_factory.mktemp("ubah")
    sk = folder / "skenario.json"
    sk.write_text(json.dumps({k: v[0] for k, v in SKENARIO.items()}), "utf-8")
    r = subprocess.run(
        [uno_python, str(LO_UBAH), str(CONTOH), str(sk), str(folder)], capture_output=True, text=True, timeout=600
    )
    d = json.loads(r.stdout or "{}")
    assert d.get("ok"), (d, r.stderr[-2000:])
    return folder


def _ringkas(path: Path) -> tuple[dict[str, Any], set[str]]:
    """The computed results (outputs keyed by code, so row order does not matter) and the galat codes."""
    dok = buka(path)
    h = hasil_json(dok)
    h.pop("validasi")
    h["output"] = {o["kode"]: o for o in h["output"]}
    h["indikator"] = {i["kode"]: i for i in h["indikator"]}
    return h, {t.kode for t in dok.temuan if t.tingkat == "galat"}


@pytest.mark.parametrize("nama", list(SKENARIO))
def test_an_edit_changes_nothing_or_is_a_galat(diubah, nama):
    asli, galat_asli = _ringkas(CONTOH)
    hasil, galat = _ringkas(diubah / nama)
    harap = SKENARIO[nama][1]
    if harap == "sama":
        assert galat == galat_asli
        assert hasil == asli
    else:
        assert harap in galat - galat_asli or (harap in galat and harap not in galat_asli), galat


def test_inserted_indicator_keeps_every_other_indicator(diubah):
    """The bug of issue 10 item 1: realisations shifted onto the wrong indicators in silence."""
    asli, _ = _ringkas(CONTOH)
    hasil, _ = _ringkas(diubah / "sisip_indikator.xlsm")
    assert set(hasil["indikator"]) == set(asli["indikator"]) | {"IKU-9"}
    for kode, ind in asli["indikator"].items():
        assert hasil["indikator"][kode] == ind, kode
    # Kotabumi 2022: IKU-3's realisation is 43,5 (seeds, Tabel Capaian IKU); it must stay with IKU-3.
    assert asli["indikator"]["IKU-3"]["realisasi"] == 43.5
    assert hasil["indikator"]["IKU-9"]["realisasi"] is None


@pytest.mark.parametrize("nama", [n for n, (_, harap) in SKENARIO.items() if harap == "sama"])
def test_after_an_edit_that_changes_nothing_the_workbook_shows_what_lakip_xl_computes(diubah, nama):
    """Every named formula cell (Beranda, table totals, the native checks) as LibreOffice
    recalculated it after the edit equals lakip-xl's value for the same file. Before, the
    Beranda's IKU average paired each Realisasi row with the Indikator row at the same position:
    after a row inserted the documented way it was blank, and after a row cut from Indikator and
    pasted lower it showed 50,053 while the report said 50,078, and nothing told them apart."""
    from lakip_xl.buku_kerja import skema as S
    from lakip_xl.buku_kerja.baca import _Pembaca
    from lakip_xl.buku_kerja.mesin import mesin

    from alat.banding import sama

    path = diubah / nama
    pb = _Pembaca.dari_berkas(path, periksa_rumus=False)
    dok = buka(path)
    m = mesin(dok.lakip, dok.hasil, dok.aturan)
    salah = []
    for n in S.hasil_nama():
        lembar, r, c, _, _ = pb.nama[n]
        di_buku, harap = pb.sel(lembar, r, c), m.nama(n)
        if not sama(di_buku, harap):
            salah.append((n, di_buku, harap))
    assert salah == []
    assert isinstance(pb.sel(*pb.nama["RataRataCapaianIKU"][:3]), float)


def _cli(*args: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lakip_xl.doors.cli", *map(str, args)], capture_output=True, text=True)


def test_suggested_repair_works_on_the_file_it_is_suggested_for(diubah, tmp_path):
    for nama in ("sisip_indikator.xlsm", "hapus_ikpa.xlsm", "hapus_realisasi.xlsm"):
        dok = buka(diubah / nama)
        saran = [t.pesan for t in dok.temuan if t.kode in ("PASANGAN_HILANG", "STRUKTUR_RUSAK")]
        assert saran and all("tingkatkan" in s for s in saran), saran
        paksa = ["--paksa"] if "--paksa" in saran[0] else []
        baru = tmp_path / f"baru_{nama}"
        r = _cli("buku-kerja", "tingkatkan", diubah / nama, "-o", baru, *paksa)
        assert r.returncode == 0, r.stderr
        galat_baru = {t.kode for t in buka(baru).temuan if t.tingkat == "galat"}
        assert not galat_baru & {"PASANGAN_HILANG", "STRUKTUR_RUSAK"}, galat_baru


def test_strict_report_refuses_a_damaged_workbook(diubah, tmp_path):
    r = _cli("laporan", diubah / "hapus_ikpa.xlsm", "-o", tmp_path / "l.docx", "--ketat")
    assert r.returncode != 0 and not (tmp_path / "l.docx").exists()


def test_libreoffice_saved_copies_open_in_openpyxl(diubah):
    """LibreOffice 7.4 writes shape text unescaped: button captions must hold no '&', '<', '>'."""
    from openpyxl import load_workbook

    for nama in ("simpan.xlsm", "simpan.xlsx"):
        load_workbook(diubah / nama, keep_vba=nama.endswith(".xlsm")).close()
