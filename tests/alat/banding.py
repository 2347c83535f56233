"""Compare every formula cell of a workbook with LibreOffice's recalculation of it."""

from __future__ import annotations

import math
from pathlib import Path

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

GALAT_EXCEL = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def _grid(wb: CalamineWorkbook, nama: str) -> list[list[object]]:
    return wb.get_sheet_by_name(nama).to_python(skip_empty_area=False)


def _sel(grid: list[list[object]], r: int, c: int) -> object:
    return grid[r][c] if r < len(grid) and c < len(grid[r]) else ""


def sama(a: object, b: object) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def banding(asli: Path, dihitung: Path) -> tuple[int, list[tuple[str, str, object, object, str]]]:
    """(number of formula cells, mismatches) between the cached engine values in ``asli`` and
    LibreOffice's recalculated values in ``dihitung``."""
    wf = load_workbook(asli, read_only=True)
    cache = CalamineWorkbook.from_path(str(asli))
    lo = CalamineWorkbook.from_path(str(dihitung))
    n, salah = 0, []
    for ws in wf.worksheets:
        c, g = _grid(cache, ws.title), _grid(lo, ws.title)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    n += 1
                    r, k = cell.row - 1, cell.column - 1
                    a, b = _sel(c, r, k), _sel(g, r, k)
                    galat = isinstance(b, str) and b.startswith(GALAT_EXCEL)
                    if galat or not sama(a, b):
                        salah.append((ws.title, cell.coordinate, a, b, cell.value[:200]))
    wf.close()
    return n, salah
