"""The report's font on this computer: Arial, or a font with Arial's metrics (Liberation Sans,
Arimo), so a PDF made by LibreOffice lays out like the .docx in Word. Asked of fontconfig
(``fc-match``), which LibreOffice uses on Linux; without fontconfig (Windows) nothing is
checked (Arial comes with Windows)."""

from __future__ import annotations

import functools
import shutil
import subprocess

# Arial and the fonts with its metrics (same advance widths: same line and column breaks).
SEUKURAN_ARIAL = ("Arial", "Liberation Sans", "Arimo")
PAKET_HURUF = "fonts-liberation2"


@functools.cache
def _cocok(nama: str) -> tuple[str, str] | None:
    """(family, file) fontconfig substitutes for ``nama``; ``None`` without fontconfig."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        r = subprocess.run(
            [exe, "-f", "%{family}\n%{file}", nama], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    baris = r.stdout.splitlines()
    if r.returncode != 0 or len(baris) < 2:
        return None
    return baris[0].split(",")[0].strip(), baris[1].strip()


def berkas_huruf(nama: str) -> str | None:
    """The font file of ``nama`` or of a font with its metrics, when fontconfig finds one."""
    c = _cocok(nama)
    return c[1] if c is not None and c[0] in SEUKURAN_ARIAL else None


def periksa_huruf() -> str | None:
    """A peringatan when LibreOffice would set the report in a font without Arial's metrics
    (numbers could then wrap in their columns); ``None`` when the font is there or there is
    no fontconfig to ask."""
    c = _cocok("Arial")
    if c is None or c[0] in SEUKURAN_ARIAL:
        return None
    return (
        f"Peringatan: huruf Arial tidak terpasang, juga penggantinya yang berukuran sama (Liberation Sans). "
        f"PDF memakai huruf {c[0]}, sehingga tata letaknya dapat bergeser (angka terpotong ke baris berikutnya). "
        f"Pasang paket {PAKET_HURUF} (Debian/Ubuntu: sudo apt-get install {PAKET_HURUF}), lalu buat PDF lagi."
    )
