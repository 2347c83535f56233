"""Regional rekap: 200 generated units plus everything that arrives broken by e-mail."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from lakip_xl.model import Lakip, Profil
from lakip_xl.office import konversi
from lakip_xl.rekap import rekap
from lakip_xl.rekap.sintetis import tulis_sintetis, unit
from lakip_xl.rekap.skema import tabel_rekap
from lakip_xl.rekap.tulis import AWAL, totals, tulis_rekap, urut
from lakip_xl.schema.data import ke_dict, tulis_json

from alat import jadikan_versi
from alat.banding import banding

ROOT = Path(__file__).parents[1]


def _sidik(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def kiriman(tmp_path_factory):
    """A Kanwil's inbox: 200 units and the usual accidents."""
    folder = tmp_path_factory.mktemp("kiriman")
    paths = tulis_sintetis(200, 11, folder, jobs=2)
    contoh = paths[0].read_bytes()
    (folder / "rusak_terpotong.xlsm").write_bytes(contoh[: len(contoh) // 2])
    (folder / "sampah.xlsm").write_bytes(os.urandom(3000))
    (folder / "bukan_excel.xlsx").write_text("Laporan dikirim lewat surel, lihat lampiran.", encoding="utf-8")
    (folder / "dikunci_sandi.xlsm").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000))
    (folder / "~$650003_2023.xlsm").write_bytes(b"\x0bKepala Satker\x00" * 10)
    # The same satker twice: a later copy under another name.
    ganda = folder / "revisi" / f"{paths[5].stem}_revisi.xlsm"
    ganda.parent.mkdir()
    shutil.copy(paths[5], ganda)
    os.utime(ganda, (time.time() + 60, time.time() + 60))
    # A workbook of an older schema version.
    wb = load_workbook(paths[7], keep_vba=True)
    jadikan_versi(wb, 0)
    wb.save(folder / "skema_lama.xlsm")
    return folder, paths


@pytest.fixture(scope="module")
def hasil_rekap(kiriman, tmp_path_factory):
    folder, _ = kiriman
    sebelum = _sidik(folder)
    keluar = tmp_path_factory.mktemp("rekap") / "Rekap.xlsx"
    r = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "rekap", str(folder), "-o", str(keluar), "--laporan",
         str(keluar.with_suffix(".docx")), "--jobs", "2"],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    return keluar, sebelum, r


def test_rekap_rows_findings_and_untouched_inbox(kiriman, hasil_rekap):
    folder, paths = kiriman
    keluar, sebelum, r = hasil_rekap
    assert _sidik(folder) == sebelum  # nothing in the input folder was modified or added
    cal = CalamineWorkbook.from_path(str(keluar))
    rk = cal.get_sheet_by_name("Rekap").to_python()
    kode = [row[1] for row in rk[AWAL : AWAL + 200]]
    assert len(set(kode)) == 200 and all(k.startswith("65") for k in kode)
    assert rk[AWAL + 200][1] == ""  # exactly 200 unit rows
    temuan = cal.get_sheet_by_name("Temuan").to_python()[3:]
    berkas = {row[0]: row[6] for row in temuan if row[4] == "BERKAS"}
    assert "terpotong" in " ".join(berkas) and "rusak" in berkas["rusak_terpotong.xlsm"]
    assert "bukan buku kerja Excel" in berkas["sampah.xlsm"]
    assert "bukan buku kerja Excel" in berkas["bukan_excel.xlsx"]
    assert "kata sandi" in berkas["dikunci_sandi.xlsm"]
    assert "Berkas kunci Excel" in berkas["~$650003_2023.xlsm"]
    assert "skema versi 0" in berkas["skema_lama.xlsm"] and "tingkatkan" in berkas["skema_lama.xlsm"]
    asli = paths[5].name
    assert "dikirim lebih dari sekali" in berkas[asli] and f"{paths[5].stem}_revisi.xlsm" in berkas[asli]
    # The newer copy is the one in the rekap.
    assert os.path.join("revisi", f"{paths[5].stem}_revisi.xlsm") in {row[-1] for row in rk[AWAL : AWAL + 200]}
    assert "200 satker direkap" in r.stdout
    assert keluar.with_suffix(".docx").exists()


def test_rekap_totals_recalculate_in_libreoffice(hasil_rekap, tmp_path, lo):
    keluar, *_ = hasil_rekap
    (dihitung,) = konversi([keluar], "xlsx:Calc MS Excel 2007 XML", tmp_path)
    n, salah = banding(keluar, dihitung)
    assert n > 600 and salah == [], salah[:5]


def test_rekap_totals_equal_python(tmp_path, lo):
    """Hand-checkable: three units with known figures; LibreOffice's totals row must agree."""
    folder = tmp_path / "tiga"
    folder.mkdir()
    data = []
    for i, (pagu, real, nama) in enumerate(
        ((1000, 800, "=SUM(A1:A9)"), (3000, 1500, "+62 Kantor"), (2000, 2000, "@Kanwil"))
    ):
        u = unit(i, 3)
        u.profil.nama = nama
        u.anggaran.program[0].kegiatan[0].output = u.anggaran.program[0].kegiatan[0].output[:1]
        u.anggaran.program[0].kegiatan = u.anggaran.program[0].kegiatan[:1]
        u.anggaran.program = u.anggaran.program[:1]
        o = u.anggaran.program[0].kegiatan[0].output[0]
        o.pagu, o.realisasi = pagu, real
        u.anggaran.program[0].kegiatan[0].pagu = pagu
        data.append(u)
        tulis_json(u, folder / f"u{i}.json")
    data.append(Lakip(profil=Profil(nama="-Satker tanpa anggaran", kode_satker="699999", tahun=2024)))
    tulis_json(data[-1], folder / "u3.json")
    h = rekap([folder], jobs=1)
    keluar = tulis_rekap(h, tmp_path / "r.xlsx", [folder])
    (lo_out,) = konversi([keluar], "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    g = CalamineWorkbook.from_path(str(lo_out)).get_sheet_by_name("Rekap").to_python()
    kol = {k.kunci: j for j, k in enumerate(tabel_rekap(sorted({k for u in h.unit for k in u.iku})).kolom)}
    total = g[AWAL + len(h.unit) + 1]
    # 800 + 1500 + 2000 = 4300 of 1000 + 3000 + 2000 = 6000 -> 71,666...%
    assert total[kol["pagu"]] == 6000 and total[kol["realisasi"]] == 4300
    assert total[kol["penyerapan"]] == pytest.approx(4300 / 6000 * 100, rel=1e-12)
    t = totals(urut(h.unit), sorted({k for u in h.unit for k in u.iku}))
    assert total[kol["ikpa"]] == pytest.approx(t["ikpa"], rel=1e-9)
    # Text from units stays text, never a formula.
    nama = {row[kol["nama"]] for row in g[AWAL : AWAL + 4]}
    assert {"=SUM(A1:A9)", "+62 Kantor", "@Kanwil", "-Satker tanpa anggaran"} <= nama
    wf = load_workbook(keluar)
    for row in wf["Rekap"].iter_rows(
        min_row=AWAL + 1, max_row=AWAL + 4, min_col=kol["nama"] + 1, max_col=kol["nama"] + 1
    ):
        assert row[0].data_type == "s"


def test_generator_is_deterministic_and_varied(tmp_path):
    a = [ke_dict(unit(i, 5)) for i in range(30)]
    b = [ke_dict(unit(i, 5)) for i in range(30)]
    assert json.dumps(a) == json.dumps(b)
    assert json.dumps(a) != json.dumps([ke_dict(unit(i, 6)) for i in range(30)])
    assert len({len(x["indikator"]) for x in a}) >= 3
    assert len({sum(len(k["output"]) for p in x["anggaran"]["program"] for k in p["kegiatan"]) for x in a}) >= 5
    assert {x["ikpa"]["aturan"] for x in a} == {"2022", "2024"}
    r = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "contoh-sintetis", "-o", str(tmp_path / "s"), "-n", "3", "--benih", "5", "--format", "json"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    dari_cli = [json.loads(p.read_text("utf-8")) for p in sorted((tmp_path / "s").glob("*.json"))]
    assert dari_cli == a[:3]


def test_rekap_cli_refuses_to_overwrite(tmp_path):
    (tmp_path / "in").mkdir()
    ada = tmp_path / "Rekap.xlsx"
    ada.write_bytes(b"isi lama")
    r = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "rekap", str(tmp_path / "in"), "-o", str(ada)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2 and "tidak ditimpa" in r.stderr and ada.read_bytes() == b"isi lama"
