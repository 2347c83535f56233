"""The workbook's VBA project, rebuilt from the installed xlwings package.

``vbaProject.bin`` holds xlwings' own ``xlwings.bas`` (and its ``Dictionary`` class), taken
byte for byte from the installed, exactly pinned xlwings, plus our module ``LakipTombol``
whose subs the Beranda buttons call. pyOpenVBA writes the binary: it creates the
``ThisWorkbook`` and ``Sheet1..SheetN`` document modules the way Excel does, and its output
is byte-identical between runs. Nothing in the repository is a binary without a recipe.

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
    bas = (pkg / "xlwings.bas").read_text(encoding="ascii")
    versi = re.search(r"^'Version: (\S+)", bas, re.M)
    if xlwings.__version__ != XLWINGS_VERSION or not versi or versi.group(1) != XLWINGS_VERSION:
        raise PemasanganSalah(
            f"xlwings {xlwings.__version__} terpasang (VBA {versi.group(1) if versi else '?'}), "
            f"diperlukan tepat {XLWINGS_VERSION}: pasang ulang dengan 'pip install xlwings=={XLWINGS_VERSION}'."
        )
    return bas, (pkg / "addin" / "Dictionary.cls").read_text(encoding="ascii")


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
            pr.add_module("Dictionary", kamus, kind=VBAModuleKind.other)
            pr.add_module("LakipTombol", modul_tombol())
            wb.save()
        with zipfile.ZipFile(book) as z:
            return z.read("xl/vbaProject.bin")


def modul_vba(xlsm: Path) -> dict[str, str]:
    """The VBA modules (name -> source) of a workbook, read with pyOpenVBA."""
    from pyopenvba import ExcelFile

    with ExcelFile(str(xlsm)) as wb:
        pr = wb.vba_project()
        return {m.name: m.source for m in pr.modules}
