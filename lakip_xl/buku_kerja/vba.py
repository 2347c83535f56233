"""The workbook's VBA project, rebuilt from the installed xlwings package.

``vbaProject.bin`` holds xlwings' own ``xlwings.bas`` (and its ``Dictionary`` class), taken
byte for byte from the installed, exactly pinned xlwings, plus our module ``LakipTombol``
whose subs the Beranda buttons call. pyOpenVBA writes the binary: it creates the
``ThisWorkbook`` and ``Sheet1..SheetN`` document modules the way Excel does, and its output
is byte-identical between runs. Nothing in the repository is a binary without a recipe.

pyOpenVBA 6.5.0 leaves its template's version-specific parts in the project (a
``_VBA_PROJECT`` stream of version 0x00B5 with a 2,537-byte cache, compiled code in
``ThisWorkbook`` and ``Sheet1``, non-0xFFFF cookies, 4 bytes after the dir terminator).
:func:`bentuk_interoperabel` then rewrites the project into the form [MS-OVBA] prescribes
for a writer, which is also the form of xlwings' own ``quickstart_standalone.xlsm``: a
7-byte ``_VBA_PROJECT`` of version 0xFFFF without performance cache (section 2.3.4.1; Office
then compiles from source), every module stream source only (MODULEOFFSET 0) with CRLF line
ends, PROJECTCOOKIE and MODULECOOKIE 0xFFFF, and nothing after the dir terminator
(section 2.3.4.2). The step uses pyOpenVBA's own compound-file writer and compression.

Rebuild by hand: ``lakip-xl buku-kerja vba -o vbaProject.bin``.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell

from .. import __version__
from ..galat import PemasanganSalah
from .skema import SEL_VERSI_LAKIP

XLWINGS_VERSION = "0.37.8"  # must equal the pin in pyproject.toml: the VBA names its DLL


@dataclass(frozen=True)
class Tombol:
    """A Beranda button: caption, VBA sub, Python function it runs."""

    judul: str
    sub: str
    fungsi: str  # function in lakip_xl.doors.excel


TOMBOL: tuple[Tombol, ...] = (
    Tombol("Hitung dan Validasi", "TombolHitung", "hitung_dan_validasi"),
    Tombol("Buat Laporan (Word)", "TombolLaporan", "buat_laporan"),
    Tombol("Buat PDF", "TombolPDF", "buat_pdf"),
    Tombol("Ekspor untuk Kanwil", "TombolEkspor", "ekspor_kanwil"),
)

MODUL_PYTHON = "lakip_xl.doors.excel"
SEL_VERSI = xl_rowcol_to_cell(*SEL_VERSI_LAKIP[1:])  # Beranda cell the harmless macro writes (unlocked)


def modul_tombol() -> str:
    """Source of the ``LakipTombol`` module (ASCII, CRLF)."""
    baris = ['Attribute VB_Name = "LakipTombol"', "Option Explicit", ""]
    for t in TOMBOL:
        baris += [
            f"Public Sub {t.sub}()",
            f"    ' Tombol '{t.judul}' di lembar Beranda",
            f'    RunPython "import {MODUL_PYTHON} as m; m.{t.fungsi}()"',
            "End Sub",
            "",
        ]
    baris += [
        "Public Sub TulisVersi()",
        "    ' Makro uji tanpa Python: menulis versi lakip-xl ke Beranda",
        f'    ThisWorkbook.Worksheets("Beranda").Range("{SEL_VERSI}").Value = "lakip-xl {__version__}"',
        "End Sub",
        "",
    ]
    return "\r\n".join(baris)


def sumber_xlwings() -> tuple[str, str]:
    """``xlwings.bas`` and ``Dictionary.cls`` of the installed xlwings, checked for the pin."""
    import xlwings

    pkg = Path(xlwings.__file__).resolve().parent
    bas = (pkg / "xlwings.bas").read_bytes().decode("ascii")  # bytes: read_text() would turn CRLF into LF
    versi = re.search(r"^'Version: (\S+)", bas, re.M)
    if xlwings.__version__ != XLWINGS_VERSION or not versi or versi.group(1) != XLWINGS_VERSION:
        raise PemasanganSalah(
            f"xlwings {xlwings.__version__} terpasang (VBA {versi.group(1) if versi else '?'}), "
            f"diperlukan tepat {XLWINGS_VERSION}: pasang ulang dengan 'pip install xlwings=={XLWINGS_VERSION}'."
        )
    return crlf(bas), crlf((pkg / "addin" / "Dictionary.cls").read_bytes().decode("ascii"))


def crlf(teks: str) -> str:
    """``teks`` with every line ending CRLF, as VBA stores module source."""
    return teks.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def _kepala_kelas(sumber: str) -> str:
    """A class module's attributes as Excel stores them on import: the .cls export lacks
    ``VB_TemplateDerived`` and ``VB_Customizable``, which Excel adds after ``VB_Exposed``
    (xlwings' quickstart_standalone.xlsm holds the Dictionary class in that form)."""
    tambahan = "Attribute VB_TemplateDerived = False\r\nAttribute VB_Customizable = False\r\n"
    if "Attribute VB_TemplateDerived" in sumber:
        return sumber
    kunci = re.search(r"^Attribute VB_Exposed = \w+\r\n", sumber, re.M)
    if kunci is None:  # pragma: no cover - guards an xlwings change
        raise RuntimeError("Dictionary.cls tanpa atribut VB_Exposed")
    return sumber[: kunci.end()] + tambahan + sumber[kunci.end() :]


def bangun_vba(tujuan: Path, jumlah_lembar: int) -> Path:
    """Write ``vbaProject.bin`` for a workbook of ``jumlah_lembar`` sheets to ``tujuan``."""
    from ..berkas import tulis_atomik

    return tulis_atomik(tujuan, _vba_bytes(jumlah_lembar), timpa=True)


@cache
def _vba_bytes(jumlah_lembar: int) -> bytes:
    """The project bytes (pyOpenVBA's output is deterministic, so one build per process)."""
    import xlsxwriter
    from pyopenvba import ExcelFile, VBAModuleKind

    bas, kamus = sumber_xlwings()
    with tempfile.TemporaryDirectory(prefix="lakip-vba-") as tmp:
        book = Path(tmp) / "book.xlsm"
        scratch = xlsxwriter.Workbook(str(book))
        for i in range(jumlah_lembar):
            scratch.add_worksheet(f"S{i + 1}")
        scratch.close()
        with ExcelFile(str(book)) as wb:
            pr = wb.add_vba_project()
            dibuat = [m.name for m in pr.modules if m.name != "ThisWorkbook"]
            harap = [f"Sheet{i + 1}" for i in range(jumlah_lembar)]
            if dibuat != harap:  # pragma: no cover - guards a pyOpenVBA change
                raise RuntimeError(f"pyOpenVBA membuat modul dokumen {dibuat}, bukan {harap}")
            pr.add_module("xlwings", bas)
            pr.add_module("Dictionary", _kepala_kelas(kamus), kind=VBAModuleKind.other)
            pr.add_module("LakipTombol", modul_tombol())
            wb.save()
        with zipfile.ZipFile(book) as z:
            return bentuk_interoperabel(z.read("xl/vbaProject.bin"))


# _VBA_PROJECT as [MS-OVBA] 2.3.4.1 writes it: Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00,
# Reserved3 0x0001 (the spec's example, section 3.1.1, and xlwings' quickstart_standalone.xlsm),
# no performance cache.
VBA_PROJECT_INTEROPERABEL = bytes.fromhex("cc61ffff000100")
_PROJECTVERSION = 0x0009  # the one dir record whose Size field (4) does not count its data (6 bytes)
_TERMINATOR_DIR = 0x0010
_PROJECTCOOKIE, _MODULESTREAMNAME, _MODULEOFFSET, _MODULECOOKIE = 0x0013, 0x001A, 0x0031, 0x002C


def rekaman_dir(dir_stream: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    """The records of a decompressed dir stream as (Id, data), up to and including the
    terminator, and the bytes after the terminator's Reserved field (empty in a valid stream)."""
    import struct

    hasil: list[tuple[int, bytes]] = []
    i = 0
    while i + 6 <= len(dir_stream):
        rid, ukuran = struct.unpack_from("<HI", dir_stream, i)
        if rid == _PROJECTVERSION:
            ukuran = 6  # Reserved (4) is the Size slot; VersionMajor u32 + VersionMinor u16 follow
        if rid == _TERMINATOR_DIR:
            hasil.append((rid, dir_stream[i + 2 : i + 6]))  # Terminator + Reserved u32, no data
            return hasil, dir_stream[i + 6 :]
        hasil.append((rid, dir_stream[i + 6 : i + 6 + ukuran]))
        i += 6 + ukuran
    raise ValueError("dir stream tanpa terminator 0x0010")


def _tulis_rekaman(rekaman: list[tuple[int, bytes]]) -> bytes:
    import struct

    keluar = bytearray()
    for rid, data in rekaman:
        if rid == _TERMINATOR_DIR:
            keluar += struct.pack("<H", rid) + data
        elif rid == _PROJECTVERSION:
            keluar += struct.pack("<HI", rid, 4) + data
        else:
            keluar += struct.pack("<HI", rid, len(data)) + data
    return bytes(keluar)


def bentuk_interoperabel(vba_bin: bytes) -> bytes:
    """``vba_bin`` rewritten into the interoperable form (see the module's docstring).

    Module sources are kept as they are except for line ends (CR or LF alone become CRLF);
    the project's other streams (PROJECT, PROJECTwm) are kept byte for byte.
    """
    import struct

    from pyopenvba.cfb import CFB
    from pyopenvba.vba import compress, decompress

    cfb = CFB.from_bytes(vba_bin)
    rekaman, _sisa = rekaman_dir(decompress(cfb.get_stream_in_storage("VBA", "dir")))
    baru: list[tuple[int, bytes]] = []
    modul: list[tuple[str, int]] = []  # (stream name, text offset), in dir order
    for rid, data in rekaman:
        if rid in (_PROJECTCOOKIE, _MODULECOOKIE):
            data = b"\xff\xff"
        elif rid == _MODULESTREAMNAME:
            modul.append((data.decode("cp1252"), -1))
        elif rid == _MODULEOFFSET:
            nama, _ = modul[-1]
            modul[-1] = (nama, struct.unpack("<I", data)[0])
            data = struct.pack("<I", 0)
        baru.append((rid, data))
    for nama, offset in modul:
        sumber = decompress(cfb.get_stream_in_storage("VBA", nama)[offset:])
        sumber = sumber.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", b"\r\n")
        cfb.write_stream_in_storage("VBA", nama, compress(sumber))
    cfb.write_stream_in_storage("VBA", "dir", compress(_tulis_rekaman(baru)))
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", VBA_PROJECT_INTEROPERABEL)
    return cfb.to_bytes()


def modul_vba(xlsm: Path) -> dict[str, str]:
    """The VBA modules (name -> source) of a workbook, read with pyOpenVBA."""
    from pyopenvba import ExcelFile

    with ExcelFile(str(xlsm)) as wb:
        pr = wb.vba_project()
        return {m.name: m.source for m in pr.modules}
