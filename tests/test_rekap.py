"""Regional rekap: 200 generated units plus everything that arrives broken by e-mail."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
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
        kr = u.anggaran.program[0].kegiatan[0].kro[0]
        kr.output = kr.output[:1]
        u.anggaran.program[0].kegiatan[0].kro = [kr]
        u.anggaran.program[0].kegiatan = u.anggaran.program[0].kegiatan[:1]
        u.anggaran.program = u.anggaran.program[:1]
        o = kr.output[0]
        o.pagu, o.realisasi = pagu, real
        kr.pagu = pagu
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
    assert (
        len(
            {
                sum(len(r["output"]) for p in x["anggaran"]["program"] for k in p["kegiatan"] for r in k["kro"])
                for x in a
            }
        )
        >= 5
    )
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


# -- every entry accounted for -------------------------------------------------------------


def _baris_rekap(keluar: Path) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The workbook as a user sees it: the Berkas column of the unit rows, and the file rows
    (berkas, tingkat, pesan) of the Temuan sheet."""
    cal = CalamineWorkbook.from_path(str(keluar))
    rk = cal.get_sheet_by_name("Rekap").to_python()
    unit_rows: list[str] = []
    for row in rk[AWAL:]:
        if row[1] == "":  # the row after the last unit
            break
        unit_rows.append(row[-1])
    temuan = [(row[0], row[3], row[6]) for row in cal.get_sheet_by_name("Temuan").to_python()[3:] if row[4] == "BERKAS"]
    return unit_rows, temuan


def _satker_sebanding(n: int) -> list[int]:
    """Numbers of ``n`` generated units that report the same year and period (so no row gets an
    extra 'another period' note)."""
    pilih = [i for i in range(60) if (unit(i, 3).profil.tahun, unit(i, 3).profil.periode) == (2024, "Tahunan")]
    assert len(pilih) >= n
    return pilih[:n]


def test_rekap_accounts_for_every_entry(tmp_path, monkeypatch):
    import errno
    import zipfile

    from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
    from lakip_xl.compute.aturan import aturan_bawaan

    kiriman = tmp_path / "kiriman"
    (kiriman / "sub").mkdir(parents=True)
    i0, i1, i2, i3, i4 = _satker_sebanding(5)
    k = [f"{650000 + i:06d}" for i in (i0, i1, i2, i3, i4)]
    bangun_buku_kerja(unit(i0, 3), kiriman / "satker_a.xlsm", aturan=aturan_bawaan())
    tulis_json(unit(i1, 3), kiriman / "sub" / "satker_b.json")
    # The same unit twice, identical, the copy in 'sub' newer: the copy in 'sub' is used.
    tulis_json(unit(i2, 3), kiriman / "satker_c.json")
    tulis_json(unit(i2, 3), kiriman / "sub" / "satker_c_lagi.json")
    os.utime(kiriman / "satker_c.json", (time.time() - 3600, time.time() - 3600))
    with zipfile.ZipFile(kiriman / "arsip.zip", "w") as z:
        z.writestr("satker_z.json", json.dumps(ke_dict(unit(i3, 3))))
    (kiriman / "arsip.rar").write_bytes(b"Rar!\x1a\x07\x00" + bytes(40))
    (kiriman / "laporan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (kiriman / "data.csv").write_text("kode;nama\n650001;Satker\n", encoding="utf-8")
    (kiriman / "surat.docx").write_bytes(b"PK\x03\x04" + bytes(30))
    (kiriman / "buku.ods").write_bytes(b"PK\x03\x04" + bytes(30))
    (kiriman / "~$satker_a.xlsm").write_bytes(b"\x0bKepala\x00" * 10)
    (kiriman / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (kiriman / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (kiriman / "simpan.tmp").write_bytes(b"sementara")
    (kiriman / ".tersembunyi").mkdir()
    tulis_json(unit(i3, 3), kiriman / ".tersembunyi" / "satker_d.json")
    # Links: dangling, a loop a -> b -> a, a link to a folder containing it, a link to a file
    # already read, and a link to a folder outside (followed: its unit is read).
    os.symlink(kiriman / "tidak_ada.xlsm", kiriman / "hilang.xlsm")
    os.symlink(kiriman / "b.json", kiriman / "a.json")
    os.symlink(kiriman / "a.json", kiriman / "b.json")
    os.symlink(kiriman, kiriman / "sub" / "ke_induk")
    os.symlink(kiriman / "sub" / "satker_b.json", kiriman / "tautan_b.json")
    luar = tmp_path / "luar"
    luar.mkdir()
    tulis_json(unit(i4, 3), luar / "satker_e.json")
    os.symlink(luar, kiriman / "ke_luar")
    # An unreadable folder (holding a unit that must not be read) and an unreadable file. Tests
    # run as root, where chmod 000 does not stop reading, so the refusal is also simulated.
    tertutup = kiriman / "tertutup"
    tertutup.mkdir()
    tulis_json(unit(i3, 3), tertutup / "satker_f.json")
    terkunci = kiriman / "terkunci.json"
    tulis_json(unit(i3, 3), terkunci)
    scandir_asli, open_asli = os.scandir, os.open

    def scandir(path=".", *a, **kw):
        if Path(os.fspath(path)) == tertutup:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return scandir_asli(path, *a, **kw)

    def buka(path, flags, *a, **kw):
        if Path(os.fspath(path)) == terkunci:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return open_asli(path, flags, *a, **kw)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", buka)
    tertutup.chmod(0)
    terkunci.chmod(0)
    try:
        h = rekap([kiriman], jobs=1)
    finally:
        tertutup.chmod(0o755)
        terkunci.chmod(0o644)
    monkeypatch.undo()
    keluar = tulis_rekap(h, tmp_path / "Rekap.xlsx", [kiriman])

    unit_rows, temuan = _baris_rekap(keluar)
    assert sorted(unit_rows) == sorted(["satker_a.xlsm", "sub/satker_b.json", "sub/satker_c_lagi.json",
                                        "ke_luar/satker_e.json"])  # fmt: skip
    assert sorted(u.kode_satker for u in h.unit) == sorted([k[0], k[1], k[2], k[4]])
    # Every other entry: exactly one row, its level, and words of its reason.
    harapan = {
        "satker_c.json": ("peringatan", ["dikirim lebih dari sekali", "'sub/satker_c_lagi.json'", "lebih baru"]),
        "arsip.zip": ("galat", ["Arsip", "ekstrak dulu"]),
        "arsip.rar": ("galat", ["Arsip", "ekstrak dulu"]),
        "laporan.pdf": ("peringatan", [".pdf", "tidak dapat direkap"]),
        "data.csv": ("peringatan", [".csv", "tidak memuat susunan data LAKIP"]),
        "surat.docx": ("peringatan", [".docx", "tidak dapat direkap"]),
        "buku.ods": ("galat", [".ods", "simpan sebagai .xlsm"]),
        "~$satker_a.xlsm": ("peringatan", ["Berkas kunci Excel"]),
        ".DS_Store": ("info", ["tersembunyi"]),
        "Thumbs.db": ("info", ["Berkas sistem"]),
        "simpan.tmp": ("info", ["sementara"]),
        ".tersembunyi": ("info", ["Folder tersembunyi"]),
        "hilang.xlsm": ("galat", ["Tautan (symlink) rusak", "tidak_ada.xlsm"]),
        "a.json": ("galat", ["melingkar"]),
        "b.json": ("galat", ["melingkar"]),
        "sub/ke_induk": ("peringatan", ["melingkar", "tidak diikuti"]),
        "tautan_b.json": ("info", ["'sub/satker_b.json'", "tidak direkap dua kali"]),
        "tertutup": ("galat", ["Folder tidak dapat dibaca", "izin ditolak"]),
        "terkunci.json": ("galat", ["tidak dapat dibaca", "izin ditolak"]),
    }
    assert sorted(b for b, _, _ in temuan) == sorted(harapan)  # each exactly once, nothing else
    for berkas, tingkat, pesan in temuan:
        t, kata = harapan[berkas]
        assert tingkat == t, (berkas, tingkat, pesan)
        assert all(w in pesan for w in kata), (berkas, pesan)
    # No name is both a unit row and a note.
    assert not set(unit_rows) & {b for b, _, _ in temuan}


def test_rekap_prefers_the_complete_copy_and_names_it(tmp_path):
    """A complete workbook against newer but incomplete JSON copies of the same satker."""
    from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
    from lakip_xl.compute.aturan import aturan_bawaan
    from lakip_xl.model import Narasi

    (i,) = _satker_sebanding(1)
    kode = f"{650000 + i:06d}"
    kiriman = tmp_path / "kiriman"
    (kiriman / "surel").mkdir(parents=True)
    lengkap = bangun_buku_kerja(unit(i, 3), kiriman / f"{kode}_lengkap.xlsm", aturan=aturan_bawaan())
    sebagian = unit(i, 3)
    sebagian.narasi = Narasi()
    sebagian.wilayah = []
    # Two incomplete copies, both newer than the workbook; read in an order that, choosing by
    # pairs, would have named a copy that was itself set aside.
    tulis_json(sebagian, kiriman / "surel" / f"{kode}_a.json")
    tulis_json(sebagian, kiriman / "surel" / f"{kode}_b.json")
    jam = time.time()
    os.utime(lengkap, (jam - 7200, jam - 7200))
    os.utime(kiriman / "surel" / f"{kode}_a.json", (jam - 60, jam - 60))
    os.utime(kiriman / "surel" / f"{kode}_b.json", (jam, jam))
    h = rekap([kiriman], jobs=1)
    keluar = tulis_rekap(h, tmp_path / "Rekap.xlsx", [kiriman])
    unit_rows, temuan = _baris_rekap(keluar)
    assert unit_rows == [f"{kode}_lengkap.xlsm"]
    assert sorted(b for b, _, _ in temuan) == [f"surel/{kode}_a.json", f"surel/{kode}_b.json"]
    for _, tingkat, pesan in temuan:
        assert tingkat == "peringatan"
        assert f"dipakai '{kode}_lengkap.xlsm'" in pesan
        assert "lebih lengkap" in pesan and "kosong di berkas ini: Wilayah, Narasi" in pesan


def test_rekap_tie_on_completeness_goes_to_fewer_errors(tmp_path):
    """Equally complete copies: the one with fewer galat findings wins, even if older."""
    (i,) = _satker_sebanding(1)
    kode = f"{650000 + i:06d}"
    baik = unit(i, 3)
    salah = unit(i, 3)
    salah.indikator[1].kode = salah.indikator[0].kode  # a code used twice: one more galat
    tulis_json(baik, tmp_path / "baik.json")
    tulis_json(salah, tmp_path / "salah.json")
    jam = time.time()
    os.utime(tmp_path / "baik.json", (jam - 3600, jam - 3600))
    os.utime(tmp_path / "salah.json", (jam, jam))
    h = rekap([tmp_path], jobs=1)
    (u,) = h.unit
    assert Path(u.berkas).name == "baik.json"
    (m,) = [m for m in h.masalah if Path(m.berkas).name == "salah.json"]
    assert (
        f"Satker {kode} dikirim lebih dari sekali: dipakai 'baik.json'" in m.alasan
        and "galat lebih sedikit" in m.alasan
    )


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lakip_xl.doors.cli", *args], capture_output=True, text=True)


def test_rekap_cli_missing_folder_is_exit_2(tmp_path):
    r = _cli("rekap", str(tmp_path / "tidak_ada"), "-o", str(tmp_path / "r.xlsx"))
    assert r.returncode == 2
    baris = [b for b in r.stderr.splitlines() if b.strip()]
    assert len(baris) == 1 and "tidak ditemukan" in baris[0] and "tidak_ada" in baris[0], r.stderr
    assert not (tmp_path / "r.xlsx").exists()
    os.symlink(tmp_path / "entah", tmp_path / "tautan")
    r = _cli("rekap", str(tmp_path / "tautan"), "-o", str(tmp_path / "r.xlsx"))
    assert r.returncode == 2 and "tautan (symlink)" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_rekap_cli_accepts_a_file_as_one_unit(tmp_path):
    (i,) = _satker_sebanding(1)
    berkas = tulis_json(unit(i, 3), tmp_path / "satu.json")
    r = _cli("rekap", str(berkas), "-o", str(tmp_path / "r.xlsx"))
    assert r.returncode == 0, r.stderr
    assert "tidak ditemukan" not in r.stdout + r.stderr and "1 satker direkap" in r.stdout
    unit_rows, temuan = _baris_rekap(tmp_path / "r.xlsx")
    assert unit_rows == ["satu.json"] and temuan == []


def test_rekap_every_duplicate_note_names_the_copy_used(tmp_path):
    """Three equal copies read oldest first: both notes name the newest, which is the one used
    (choosing pairwise as files arrive would have named the middle copy, itself set aside)."""
    (i,) = _satker_sebanding(1)
    jam = time.time()
    for n, nama in enumerate(("salinan_1.json", "salinan_2.json", "salinan_3.json")):
        tulis_json(unit(i, 3), tmp_path / nama)
        os.utime(tmp_path / nama, (jam - 600 + 60 * n, jam - 600 + 60 * n))
    h = rekap([tmp_path], jobs=1)
    assert [Path(u.berkas).name for u in h.unit] == ["salinan_3.json"]
    catatan = {Path(m.berkas).name: m.alasan for m in h.masalah}
    assert sorted(catatan) == ["salinan_1.json", "salinan_2.json"]
    assert all("dipakai 'salinan_3.json'" in a and "lebih baru" in a for a in catatan.values()), catatan


def test_ikpa_rank_on_ties_is_excel_rank(tmp_path):
    """Hand example of RANK(x, range, 0) with ties: IKPA 95, 90, 90, 80 and a blank rank
    1, 2, 2, 4 and blank (equal values share a rank, the next rank skips); rows in that order,
    ties by satker code. The cached values written for the formula must be these."""
    from lakip_xl.rekap import HasilRekap, Unit

    def u(kode: str, ikpa: float | None) -> Unit:
        return Unit(berkas=str(tmp_path / f"{kode}.xlsm"), waktu_berkas=0.0, kode_satker=kode, nama=f"Satker {kode}",
                    tahun=2024, periode="Tahunan", iku={}, iku_nama={}, rata_rata_iku=None, pagu=None,
                    realisasi=None, penyerapan=None, ikpa=ikpa, predikat_ikpa=None, pita_ikpa=(), nka=None,
                    predikat_nka=None, galat=0, peringatan=0)  # fmt: skip

    h = HasilRekap([u("650004", 80.0), u("650003", 90.0), u("650001", None), u("650002", 90.0), u("650005", 95.0)],
                   [], 5, 0.0)  # fmt: skip
    keluar = tulis_rekap(h, tmp_path / "r.xlsx", [tmp_path])
    g = CalamineWorkbook.from_path(str(keluar)).get_sheet_by_name("Rekap").to_python()
    kol = {k.kunci: j for j, k in enumerate(tabel_rekap([]).kolom)}
    baris = [(row[kol["kode"]], row[kol["peringkat"]]) for row in g[AWAL : AWAL + 5]]
    assert baris == [("650005", 1), ("650002", 2), ("650003", 2), ("650004", 4), ("650001", "")]


def test_rekap_counts_the_complete_report_parts_when_choosing_a_copy(tmp_path):
    """Two copies equal in every other part: the one with its legal basis filled (Bab I of the
    complete report) is the more complete, and the note names the part the other lacks."""
    from lakip_xl.model import LandasanHukum

    (i,) = _satker_sebanding(1)
    lengkap, kurang = unit(i, 3), unit(i, 3)
    lengkap.landasan_hukum = [LandasanHukum(jenis="Undang-Undang", nomor="17", tahun=2003, tentang="Keuangan Negara")]
    tulis_json(lengkap, tmp_path / "lengkap.json")
    tulis_json(kurang, tmp_path / "kurang.json")
    jam = time.time()
    os.utime(tmp_path / "lengkap.json", (jam - 3600, jam - 3600))  # older, so time alone would not choose it
    os.utime(tmp_path / "kurang.json", (jam, jam))
    h = rekap([tmp_path], jobs=1)
    (u,) = h.unit
    assert Path(u.berkas).name == "lengkap.json"
    (m,) = [m for m in h.masalah if Path(m.berkas).name == "kurang.json"]
    assert "kosong di berkas ini: Landasan hukum" in m.alasan and "dari 16 bagian" in m.alasan, m.alasan


def test_rekap_in_memory_and_in_constant_memory_hold_the_same_cells(tmp_path, monkeypatch):
    """A small rekap is built in memory (shared strings), a large one row by row in constant
    memory: the same units give the same cells and formulas either way."""
    import lakip_xl.rekap.tulis as T

    tulis_sintetis(12, 5, tmp_path / "in", fmt="json", jobs=1)
    h = rekap([tmp_path / "in"], jobs=1)
    assert sum(len(u.temuan) for u in h.unit) > 12  # the Temuan sheet has rows of its own
    kecil = tulis_rekap(h, tmp_path / "memori.xlsx", [tmp_path / "in"])
    monkeypatch.setattr(T, "BATAS_BARIS_DI_MEMORI", 0)
    besar = tulis_rekap(h, tmp_path / "konstan.xlsx", [tmp_path / "in"])
    with zipfile.ZipFile(kecil) as a, zipfile.ZipFile(besar) as b:
        assert "xl/sharedStrings.xml" in a.namelist() and b"inlineStr" in b.read("xl/worksheets/sheet2.xml")
    wa, wb = CalamineWorkbook.from_path(str(kecil)), CalamineWorkbook.from_path(str(besar))
    assert wa.sheet_names == wb.sheet_names
    for n in wa.sheet_names:
        assert wa.get_sheet_by_name(n).to_python() == wb.get_sheet_by_name(n).to_python(), n
    fa, fb = load_workbook(kecil), load_workbook(besar)
    for n in fa.sheetnames:
        rumus_a = [
            c.value for r in fa[n].iter_rows() for c in r if isinstance(c.value, str) and c.value.startswith("=")
        ]
        rumus_b = [
            c.value for r in fb[n].iter_rows() for c in r if isinstance(c.value, str) and c.value.startswith("=")
        ]
        assert rumus_a == rumus_b, n
