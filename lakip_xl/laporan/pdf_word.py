"""The report's PDF through Microsoft Word (Windows, COM via pywin32, which xlwings installs).

Word is on every Microsoft 365 PC, LibreOffice seldom is: on Windows the PDF is made here
first (see :func:`lakip_xl.office.pilih_pdf`). A separate Word process is started for the
conversion (``DispatchEx``), so a document the user has open in Word is never touched, and it
is ended afterwards whatever happens. The table of contents and fields are updated before
the export, as the LibreOffice route does.

The seam for tests: :data:`buka_word` makes the Word application object; a test replaces it
with a fake that records the calls.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..galat import OfficeGagal

# Word constants (Microsoft.Office.Interop.Word): WdExportFormat.wdExportFormatPDF,
# WdExportOptimizeFor.wdExportOptimizeForPrint, WdExportCreateBookmarks.wdExportCreateHeadingBookmarks,
# WdAlertLevel.wdAlertsNone, WdSaveOptions.wdDoNotSaveChanges.
PDF, CETAK, PENANDA_JUDUL, TANPA_PERINGATAN, JANGAN_SIMPAN = 17, 0, 1, 0, 0


def word_ada() -> bool:
    """Whether Microsoft Word can be driven here: Windows, pywin32, and Word registered."""
    if os.name != "nt":
        return False
    try:
        import winreg

        import win32com.client  # noqa: F401
    except ImportError:
        return False
    try:
        winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Word.Application\CLSID"))  # type: ignore[attr-defined,unused-ignore]
    except OSError:
        return False
    return True


def _word_baru() -> Any:  # pragma: no cover - needs Windows with Word
    import pythoncom
    import win32com.client

    pythoncom.CoInitialize()  # harmless when already done; needed in a server's worker thread
    return win32com.client.DispatchEx("Word.Application")


buka_word: Callable[[], Any] = _word_baru


def ke_pdf_word(docx: Path, pdf: Path) -> Path:
    """Export ``docx`` to ``pdf`` with Word; raises :class:`OfficeGagal` with one Indonesian line."""
    try:
        word = buka_word()
    except Exception as e:
        raise OfficeGagal(f"Microsoft Word tidak dapat dijalankan ({type(e).__name__}).") from None
    doc = None
    try:
        word.Visible = False
        word.DisplayAlerts = TANPA_PERINGATAN
        doc = word.Documents.Open(
            str(Path(docx).resolve()), ConfirmConversions=False, ReadOnly=True, AddToRecentFiles=False, Visible=False
        )
        daftar = doc.TablesOfContents
        for i in range(1, daftar.Count + 1):  # COM collections count from 1
            daftar(i).Update()
        doc.Fields.Update()
        for i in range(1, daftar.Count + 1):  # page numbers follow the layout: once more
            daftar(i).UpdatePageNumbers()
        doc.ExportAsFixedFormat(
            OutputFileName=str(Path(pdf).resolve()),
            ExportFormat=PDF,
            OpenAfterExport=False,
            OptimizeFor=CETAK,
            CreateBookmarks=PENANDA_JUDUL,
        )
    except Exception as e:
        raise OfficeGagal(f"Microsoft Word gagal membuat PDF ({type(e).__name__}: {e}).") from None
    finally:
        try:
            if doc is not None:
                doc.Close(SaveChanges=JANGAN_SIMPAN)
        finally:
            try:
                word.Quit(SaveChanges=JANGAN_SIMPAN)
            except Exception:  # already gone
                pass
    if not Path(pdf).is_file():
        raise OfficeGagal("Microsoft Word tidak menghasilkan berkas PDF.")
    return Path(pdf)
