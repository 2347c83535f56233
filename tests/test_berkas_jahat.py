"""Hostile and broken files through every command (issue 10): each is refused with exit 2 and
one Indonesian line, within bounded memory and time, and its bytes are never changed; the rekap
lists each of them with its reason instead of falling over."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from lakip_xl.galat import BerkasTidakValid

ROOT = Path(__file__).parents[1]
CONTOH = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"
BATAS_MB = 500
BATAS_DETIK = 10


def _bom_sel(path: Path, mb: int) -> None:
    """The example workbook with one inline-string cell of ``mb`` MB of spaces (a 2 MB e-mail
    attachment that unpacks to hundreds of MB)."""
    with zipfile.ZipFile(CONTOH) as asli, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info in asli.infolist():
            data = asli.read(info)
            if info.filename != "xl/worksheets/sheet2.xml":
                z.writestr(info, data)
                continue
            kepala = data.split(b"<sheetData>", 1)[0]
            with z.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as f:
                f.write(kepala + b'<sheetData><row r="1"><c r="Z1" t="inlineStr"><is><t xml:space="preserve">')
                blok = b" " * (1 << 20)
                for _ in range(mb):
                    f.write(blok)
                f.write(b"</t></is></c></row></sheetData></worksheet>")


def _sel_jauh(path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Profil")
    ws.write("A1", 1)
    ws.write("XFD1048576", 2)  # a used area of 17 billion cells
    wb.close()


def _ods(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>")


@pytest.fixture(scope="module")
def korpus(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("jahat")
    f = {
        "bom.xlsm": lambda p: _bom_sel(p, 300),
        "sel_jauh.xlsx": _sel_jauh,
        "terpotong.xlsm": lambda p: p.write_bytes(CONTOH.read_bytes()[: CONTOH.stat().st_size // 2]),
        "bersandi.xlsm": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096),
        "sebenarnya_pdf.xlsm": lambda p: p.write_bytes(b"%PDF-1.4\n" + b"0" * 4096),
        "kosong.xlsm": lambda p: p.write_bytes(b""),
        "lembar.ods": _ods,
        "ods_bernama.xlsx": _ods,
        "besar.json": lambda p: p.write_text('{"profil": {"nama": "' + "x" * (25 << 20) + '"}}'),
        "dalam.json": lambda p: p.write_text("[" * 200_000 + "]" * 200_000),
        "biner.json": lambda p: p.write_bytes(bytes(range(256)) * 64),
        "daftar.json": lambda p: p.write_text("[1, 2, 3]"),
    }
    out = {}
    for nama, buat in f.items():
        buat(d / nama)
        out[nama] = d / nama
    return out


def _jalan(*args: object) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run the CLI; its wall time and the peak memory of that process (and its children) alone,
    from ``wait4`` (not the whole test session's children)."""
    with tempfile.TemporaryFile() as keluar, tempfile.TemporaryFile() as galat:
        awal = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-m", "lakip_xl.doors.cli", *map(str, args)], stdout=keluar, stderr=galat)
        _, status, pakai = os.wait4(p.pid, 0)
        detik = time.perf_counter() - awal
        p.returncode = os.waitstatus_to_exitcode(status)
        keluar.seek(0)
        galat.seek(0)
        r = subprocess.CompletedProcess(p.args, p.returncode, keluar.read().decode(), galat.read().decode())
    return r, detik, pakai.ru_maxrss / 1024


def _sidik(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


PERINTAH = (
    ("hitung",),
    ("validasi",),
    ("laporan", "-o", "{keluar}.docx"),
    ("ekspor-data", "-o", "{keluar}.json"),
    ("buku-kerja", "tingkatkan", "-o", "{keluar}.xlsm"),
)


@pytest.mark.parametrize("perintah", PERINTAH, ids=lambda p: p[0] if p[0] != "buku-kerja" else "tingkatkan")
def test_every_command_refuses_each_hostile_file(korpus, tmp_path, perintah):
    for nama, path in korpus.items():
        sebelum = _sidik(path)
        keluar = tmp_path / f"keluar_{nama}"
        if perintah[0] == "buku-kerja":
            args = [perintah[0], perintah[1], path, *[a.format(keluar=keluar) for a in perintah[2:]]]
        else:
            args = [perintah[0], path, *[a.format(keluar=keluar) for a in perintah[1:]]]
        r, detik, mb = _jalan(*args)
        baris = [b for b in r.stderr.splitlines() if b.strip()]
        assert r.returncode == 2, (nama, r.returncode, r.stdout[-500:], r.stderr[-500:])
        assert len(baris) == 1 and "Traceback" not in r.stderr, (nama, r.stderr)
        assert detik < BATAS_DETIK and mb < BATAS_MB, (nama, detik, mb)
        assert _sidik(path) == sebelum, nama
        assert not list(tmp_path.glob(f"keluar_{nama}*")), nama


def test_rekap_lists_each_hostile_file_and_survives(korpus, tmp_path):
    folder = tmp_path / "kotak_masuk"
    folder.mkdir()
    for nama, path in korpus.items():
        (folder / nama).write_bytes(path.read_bytes())
    (folder / "contoh.xlsm").write_bytes(CONTOH.read_bytes())
    r, detik, mb = _jalan("rekap", folder, "-o", tmp_path / "Rekap.xlsx")
    assert r.returncode == 0, r.stderr
    assert detik < 60 and mb < BATAS_MB, (detik, mb)
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(tmp_path / "Rekap.xlsx"))
    temuan = wb.get_sheet_by_name("Temuan").to_python()
    berkas = {str(row[0]) for row in temuan[3:]}
    for nama in korpus:
        assert any(b.endswith(nama) for b in berkas), (nama, sorted(berkas))
    rekap = wb.get_sheet_by_name("Rekap").to_python()
    assert any("Kotabumi" in str(c) for row in rekap for c in row)


def test_parts_no_reader_unpacks_are_skipped_and_others_are_checked(tmp_path):
    """The archive checks skip the kinds of parts that neither python-calamine nor lakip-xl
    unpacks (comments, drawings, tables, the VBA project, ...): corrupting one of each in the
    example leaves every value read the same. A corrupted part of any other kind, or one the
    checks do not know, is still refused."""
    from lakip_xl.buku_kerja.baca import _TIDAK_DIBUKA, baca_buku_kerja
    from lakip_xl.schema.data import ke_dict

    def rusak(nama_bagian: str, tujuan: Path, isi: bytes | None = None) -> Path:
        with zipfile.ZipFile(CONTOH) as asli, zipfile.ZipFile(tujuan, "w", zipfile.ZIP_DEFLATED) as z:
            for info in asli.infolist():
                z.writestr(info, asli.read(info))
            if isi is not None:
                z.writestr(nama_bagian, isi)
        data = bytearray(tujuan.read_bytes())
        with zipfile.ZipFile(tujuan) as z:
            info = z.getinfo(nama_bagian)
        h = info.header_offset
        awal = (
            h + 30 + int.from_bytes(data[h + 26 : h + 28], "little") + int.from_bytes(data[h + 28 : h + 30], "little")
        )
        for k in range(min(8, info.compress_size)):  # garble the start of its compressed bytes
            data[awal + k] ^= 0xFF
        tujuan.write_bytes(bytes(data))
        return tujuan

    acuan = ke_dict(baca_buku_kerja(CONTOH).lakip)
    with zipfile.ZipFile(CONTOH) as z:
        nama = [i.filename for i in z.infolist()]
    jenis: dict[str, str] = {}
    for n in nama:
        if _TIDAK_DIBUKA.fullmatch(n):
            jenis.setdefault(re.sub(r"\d+", "N", n), n)
    assert {"xl/vbaProject.bin", "xl/commentsN.xml", "xl/tables/tableN.xml", "xl/drawings/drawingN.xml"} <= set(jenis)
    for n in jenis.values():
        assert ke_dict(baca_buku_kerja(rusak(n, tmp_path / "x.xlsm")).lakip) == acuan, n
    for n in ("xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet3.xml"):
        with pytest.raises(BerkasTidakValid, match="rusak"):
            baca_buku_kerja(rusak(n, tmp_path / "y.xlsm"))
    with pytest.raises(BerkasTidakValid, match="rusak"):  # a part the checks do not know
        baca_buku_kerja(rusak("xl/tidak_dikenal.xml", tmp_path / "z.xlsm", b"<a>" * 1000))


@pytest.mark.parametrize("tempat", ["worksheets/_rels/lembar.xml.rels", "tables/lembar.xml", "drawings/lembar.xml"])
def test_a_sheet_hidden_under_a_skipped_name_is_still_checked(tmp_path, tempat):
    """A sheet the workbook relationships point at a name the checks would skip (found by a
    review: python-calamine opens it all the same) is checked like any sheet: here its used area
    (A1 to AAA3000, 2,1 million cells) is refused before calamine builds it."""
    from lakip_xl.buku_kerja.baca import baca_buku_kerja

    jauh = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="3000"><c r="AAA3000"><v>1</v></c></row>'
        b"</sheetData></worksheet>"
    )
    path = tmp_path / "tersembunyi.xlsm"
    with zipfile.ZipFile(CONTOH) as asli, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in asli.infolist():
            data = asli.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b'Target="worksheets/sheet1.xml"', f'Target="{tempat}"'.encode(), 1)
                assert tempat.encode() in data
            z.writestr(info, data)
        z.writestr(f"xl/{tempat}", jauh)
    with pytest.raises(BerkasTidakValid, match="terlalu jauh"):
        baca_buku_kerja(path)
