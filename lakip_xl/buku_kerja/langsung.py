"""Read a live workbook (an xlwings ``Book``: Excel on the desktop, or the JSON payload of
xlwings Server) through the same reader as a file: values, defined names and, where the
engine can show them, formulas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .baca import BukuKerja, Grid, Rentang, Sel, _Pembaca, baca_grid, baca_rujukan


def jarak_jauh(book: Any) -> bool:
    """A workbook sent to xlwings Server (JSON): no file here, no message box answers."""
    return "_xlremote" in type(getattr(book, "impl", None)).__module__


def berkas_lokal(book: Any) -> Path | None:
    """The saved file of a desktop workbook, or ``None`` (remote, or never saved). A remote
    book's name comes from the client: a path it names is never read."""
    if jarak_jauh(book):
        return None
    p = Path(book.fullname)
    return p if p.is_absolute() and p.is_file() else None


def nama_terdefinisi(book: Any) -> dict[str, Rentang]:
    """Workbook-level defined names that refer to one cell range."""
    hasil = {}
    for n in book.names:
        try:
            posisi = baca_rujukan(n.refers_to or "")
        except Exception:  # a name xlwings cannot resolve
            continue
        if posisi is not None:
            hasil[n.name] = posisi
    return hasil


def baca_buku(book: Any) -> BukuKerja:
    """The model read from a live xlwings Book (values, names and, on the desktop, formulas)."""
    nilai: dict[str, Grid] = {}
    rumus: dict[str, Sel] | None = {}
    for sh in book.sheets:
        akhir = sh.used_range.last_cell
        rng = sh.range((1, 1), (akhir.row, akhir.column))
        nilai[sh.name] = Grid([list(r) for r in rng.options(ndim=2).value])
        if rumus is not None:
            try:
                f = rng.formula
                baris = f if isinstance(f, (list, tuple)) and f and isinstance(f[0], (list, tuple)) else [[f]]
                rumus[sh.name] = {
                    (i, j): v
                    for i, r in enumerate(baris)
                    for j, v in enumerate(r)
                    if isinstance(v, str) and v.startswith("=")
                }
            except NotImplementedError:  # xlwings' remote (JSON) engine cannot read formulas
                rumus = None
    return baca_grid(_Pembaca(book.name, nilai, nama_terdefinisi(book), rumus))
