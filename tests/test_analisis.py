"""The pandas API for analysts (lakip_xl.analisis): the rekap and the OM-SPAN checks as DataFrames.

Golden values: figures set by hand in the test's own units, OM-SPAN's published figures for a
hand-checked row (the same row as tests/test_omspan.py), and the rekap workbook's cells.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd  # a test dependency (the [test] extra)
import pytest
from python_calamine import CalamineWorkbook

from lakip_xl.model import Lakip, Profil
from lakip_xl.rekap.sintetis import unit
from lakip_xl.rekap.skema import tabel_rekap
from lakip_xl.rekap.tulis import AWAL
from lakip_xl.schema.data import tulis_json

OMSPAN_2024 = Path(__file__).parent / "data" / "omspan" / "IKPA_DESEMBER_2024.xlsx"


@pytest.fixture(scope="module")
def kiriman(tmp_path_factory) -> Path:
    """Three units with a hand-set budget each, and one without any budget."""
    folder = tmp_path_factory.mktemp("kiriman")
    for i, (pagu, real) in enumerate(((1000, 800), (3000, 1500), (2000, 2000))):
        u = unit(i, 3)
        kg = u.anggaran.program[0].kegiatan[0]
        kr = kg.kro[0]
        kr.output = kr.output[:1]
        kg.kro = [kr]
        u.anggaran.program[0].kegiatan = [kg]
        u.anggaran.program = u.anggaran.program[:1]
        kr.output[0].pagu, kr.output[0].realisasi, kr.pagu = pagu, real, pagu
        tulis_json(u, folder / f"u{i}.json")
    tulis_json(Lakip(profil=Profil(nama="Satker tanpa anggaran", kode_satker="699999", tahun=2024)), folder / "u3.json")
    (folder / "catatan.txt").write_text("bukan data", encoding="utf-8")
    return folder


def test_rekap_dataframes_match_hand_figures_and_the_workbook(kiriman, tmp_path):
    from lakip_xl.analisis import dari_hasil
    from lakip_xl.rekap import rekap
    from lakip_xl.rekap.tulis import tulis_rekap

    h = rekap([kiriman], jobs=1)
    r = dari_hasil(h, [kiriman])
    s = r.satker
    assert len(s) == 4 and r.jumlah_berkas == 4
    per_kode = s.set_index("kode_satker")
    # Hand figures: the budgets set above, and penyerapan 800/1000, 1500/3000, 2000/2000.
    assert per_kode.loc["650000", "pagu"] == 1000 and per_kode.loc["650001", "realisasi"] == 1500
    assert list(per_kode.loc[["650000", "650001", "650002"], "penyerapan"]) == pytest.approx([80.0, 50.0, 100.0])
    assert s["pagu"].sum() == 6000 and s["realisasi"].sum() == 4300
    assert pd.isna(per_kode.loc["699999", "pagu"]) and pd.isna(per_kode.loc["699999", "peringkat_ikpa"])
    # The file notes are rows of the findings, as on the Temuan sheet.
    catatan = r.temuan[r.temuan["kode"] == "BERKAS"]
    assert "catatan.txt" in list(catatan["berkas"]) and len(catatan) == len(h.masalah)
    # Row for row and cell for cell the Rekap sheet, in the sheet's order.
    keluar = tulis_rekap(h, tmp_path / "r.xlsx", [kiriman])
    wb = CalamineWorkbook.from_path(str(keluar))
    g = wb.get_sheet_by_name("Rekap").to_python()[AWAL : AWAL + 4]
    iku = [c.removeprefix("capaian_") for c in s.columns if c.startswith("capaian_")]
    kol = {k.kunci: j for j, k in enumerate(tabel_rekap(iku).kolom)}
    for (_, d), row in zip(s.iterrows(), g, strict=True):
        assert d["kode_satker"] == row[kol["kode"]] and d["berkas"] == row[kol["berkas"]]
        for a, b in (("ikpa", "ikpa"), ("penyerapan", "penyerapan"), ("rata_rata_iku", "rata"),
                     ("peringkat_ikpa", "peringkat"), ("galat", "galat")):  # fmt: skip
            nilai = None if pd.isna(d[a]) else float(d[a])
            assert (nilai if nilai is not None else "") == pytest.approx(row[kol[b]]), (a, d["kode_satker"])
    temuan = wb.get_sheet_by_name("Temuan").to_python()[3:]
    assert [tuple(x) for x in r.temuan.itertuples(index=False)] == [tuple(x) for x in temuan]


def test_periksa_ikpa_dataframe_hand_checked_row():
    from lakip_xl.analisis import periksa_ikpa

    df = periksa_ikpa([OMSPAN_2024])
    assert len(df) == 67
    # KPU Kab. OKU Timur (656560), hand-checked in tests/test_omspan.py: total 68,10, akhir 67,10,
    # perencanaan 77,31, pelaksanaan 99,78, hasil 0, deduction 1, as published.
    (b,) = df[df["kode_satker"] == "656560"].to_dict("records")
    assert (b["nilai_total_dihitung"], b["nilai_total_dinyatakan"]) == (68.1, 68.1)
    assert (b["nilai_akhir_dihitung"], b["nilai_akhir_dinyatakan"]) == (67.1, 67.1)
    assert (b["aspek_perencanaan_dihitung"], b["aspek_pelaksanaan_dihitung"], b["aspek_hasil_dihitung"]) == (
        77.31, 99.78, 0.0)  # fmt: skip
    assert b["pengurang_dispensasi"] == 1 and b["cocok"] and b["selisih"] == "" and b["aturan"] == "2024"


def test_no_command_imports_pandas(kiriman, tmp_path):
    """pandas is for analysts: the CLI (here the rekap, which shares the code) never imports it."""
    kode = (
        "import sys, runpy\n"
        f"sys.argv = ['lakip-xl', 'rekap', {str(kiriman)!r}, '-o', {str(tmp_path / 'r.xlsx')!r}, '-j', '1']\n"
        "try:\n    runpy.run_module('lakip_xl.doors.cli', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "assert 'pandas' not in sys.modules, 'pandas diimpor'\n"
    )
    r = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "r.xlsx").exists()
