"""Build the JSON payload that ``xw.Book(json=...)`` (xlwings' "remote" engine) expects,
from a real .xlsx/.xlsm file, without Excel.

The payload mirrors what xlwings' own VBA client sends for RunServerPython
(xlwings/addin/Remote.bas, 0.37.8):

    {
      "client": "VBA",
      "version": xlwings.__version__,       # must equal the server's version
      "book": {"name": "Book.xlsm", "active_sheet_index": 0, "selection": "A1"},
      "names": [{"name", "sheet_index", "address", "book_scope",
                 "scope_sheet_name", "scope_sheet_index", "refers_to"}, ...],
      "sheets": [{"name", "values", "pictures", "tables", ...}, ...],
    }

Cell values: a rectangular 2D list anchored at A1 (NOT at the used range's top-left),
empty cells as "", numbers as float, booleans as bool, and dates/times as the ISO
string the VBA client produces ("YYYY-MM-DDTHH:MM:SS.000Z"); the remote engine turns
that string back into a ``datetime.datetime`` on read.

Values are read with python-calamine, i.e. the *cached* results of formulas as last
saved by Excel/LibreOffice. A file written by XlsxWriter/openpyxl and never
recalculated has no (or 0) cached results for its formulas.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import python_calamine
import xlwings

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_VISIBILITY = {"Visible": "Visible", "Hidden": "Hidden", "VeryHidden": "VeryHidden"}
# A single-area reference like Sheet!$A$1 or 'My Sheet'!$A$1:$B$3
_REF_RE = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$")


def _iso(value: dt.datetime) -> str:
    # Same shape as VBA-Web's ConvertToIso in xlwings' WebHelpers.bas, plus milliseconds
    ms = round(value.microsecond / 1000)
    value = value.replace(microsecond=0) + dt.timedelta(milliseconds=ms)
    return value.strftime("%Y-%m-%dT%H:%M:%S") + f".{value.microsecond // 1000:03d}Z"


def _cell(value):
    if isinstance(value, bool) or value is None:
        return "" if value is None else value
    if isinstance(value, dt.datetime):
        return _iso(value)
    if isinstance(value, dt.date):
        return _iso(dt.datetime(value.year, value.month, value.day))
    if isinstance(value, dt.time):  # time-only cell: Excel serial < 1
        return _iso(dt.datetime.combine(_EXCEL_EPOCH.date(), value))
    if isinstance(value, dt.timedelta):  # duration-formatted cell
        return _iso(_EXCEL_EPOCH + value)
    if isinstance(value, int):
        return float(value)  # Excel has doubles only, like the VBA client sends
    return value


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _sheet_prefix(name: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def _names(sheet_names, read_only_wb):
    """Defined names that refer to a single range, like the VBA client sends."""
    index = {n: i for i, n in enumerate(sheet_names)}
    out = []

    def add(name, attr_text, scope_index):
        attr_text = (attr_text or "").lstrip("=")
        m = _REF_RE.match(attr_text)
        if not m or name.startswith("_xlnm."):
            return  # constants, formulas, multi-area refs, print areas: not sent
        target = (m.group(1) or "").replace("''", "'") or m.group(2)
        if target not in index:
            return
        address = m.group(3).replace("$", "").upper()
        book_scope = scope_index is None
        scope_name = None if book_scope else sheet_names[scope_index]
        out.append(
            {
                # Excel's Name.Name: "Sheet!Name" for sheet-scoped names
                "name": name if book_scope else f"{_sheet_prefix(scope_name)}!{name}",
                "sheet_index": index[target],
                "address": address,
                "book_scope": book_scope,
                "scope_sheet_name": scope_name,
                "scope_sheet_index": scope_index,
                "refers_to": "=" + attr_text,
            }
        )

    for name, dn in read_only_wb.defined_names.items():
        add(name, dn.attr_text, None)
    for ws in read_only_wb.worksheets:
        for name, dn in getattr(ws, "defined_names", {}).items():
            add(name, dn.attr_text, index[ws.title])
    return out


def _tables(path):
    """Excel tables (ListObjects); needs a non-read-only openpyxl load."""
    import openpyxl
    from openpyxl.utils import range_boundaries

    wb = openpyxl.load_workbook(path, read_only=False, keep_links=False)
    result = {}
    for ws in wb.worksheets:
        tables = []
        for t in ws.tables.values():
            c1, r1, c2, r2 = range_boundaries(t.ref)
            headers = (t.headerRowCount is None) or t.headerRowCount > 0
            totals = bool(t.totalsRowCount)

            def addr(ra, ca, rb, cb):
                if ra > rb:
                    return None
                a = f"${_col(ca)}${ra}"
                return a if (ra, ca) == (rb, cb) else f"{a}:${_col(cb)}${rb}"

            body_r1 = r1 + (1 if headers else 0)
            body_r2 = r2 - (1 if totals else 0)
            tables.append(
                {
                    "name": t.displayName,
                    "range_address": addr(r1, c1, r2, c2),
                    "header_row_range_address": addr(r1, c1, r1, c2) if headers else None,
                    "data_body_range_address": addr(body_r1, c1, body_r2, c2),
                    "total_row_range_address": addr(r2, c1, r2, c2) if totals else None,
                    "show_headers": headers,
                    "show_totals": totals,
                    "table_style": t.tableStyleInfo.name if t.tableStyleInfo else None,
                    "show_autofilter": t.autoFilter is not None,
                }
            )
        result[ws.title] = tables
    return result


def payload_from_xlsx(
    path,
    *,
    active_sheet: str | int | None = None,
    selection: str | None = "A1",
    name: str | None = None,
    include_tables: bool = True,
    error_strings: bool = False,
) -> dict:
    """Return a dict that ``xw.Book(json=...)`` accepts, built from an .xlsx/.xlsm file.

    active_sheet: sheet name or 0-based index; default: the file's active sheet.
    selection: the A1 address reported as the book's selection (``book.selection``).
    name: the book name (``book.name`` / ``book.fullname``); default: the file name.
    include_tables: also send Excel tables (costs a full openpyxl load).
    error_strings: overlay error cells ("#N/A", "#DIV/0!", ...) from openpyxl; calamine
        returns "" for them. The remote engine reads both as None unless err_to_str=True.
    """
    import openpyxl

    path = os.fspath(path)
    cal = python_calamine.CalamineWorkbook.from_path(path)
    worksheets = [m for m in cal.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
    sheet_names = [m.name for m in worksheets]

    ro = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        names = _names(sheet_names, ro)
        if active_sheet is None:
            active = ro.active  # None if the file's active tab is a chart sheet
            active_title = active.title if active is not None else sheet_names[0]
            active_index = sheet_names.index(active_title) if active_title in sheet_names else 0
        elif isinstance(active_sheet, int):
            active_index = active_sheet
        else:
            active_index = sheet_names.index(active_sheet)

        errors = {}
        if error_strings:
            for ws in ro.worksheets:
                for row in ws.iter_rows():
                    for c in row:
                        if getattr(c, "data_type", None) == "e":
                            errors[(ws.title, c.row - 1, c.column - 1)] = c.value
    finally:
        ro.close()

    tables = _tables(path) if include_tables else {}

    sheets = []
    for meta in worksheets:
        sh = cal.get_sheet_by_name(meta.name)
        raw = sh.to_python(skip_empty_area=False)  # anchored at A1, rectangular
        values = [[_cell(v) for v in row] for row in raw] or [[]]
        for (title, r, c), err in errors.items():
            if title == meta.name and r < len(values) and c < len(values[r]):
                values[r][c] = err
        if sh.start is None:
            used = None
        else:
            (r1, c1), (r2, c2) = sh.start, sh.end
            used = f"{_col(c1 + 1)}{r1 + 1}"
            if (r1, c1) != (r2, c2):
                used += f":{_col(c2 + 1)}{r2 + 1}"
        sheets.append(
            {
                "name": meta.name,
                "values": values,
                "pictures": [],
                "shapes": [],
                "charts": [],
                "tables": tables.get(meta.name, []),
                "pivot_tables": [],
                "visibility": _VISIBILITY.get(str(meta.visible).split(".")[-1], "Visible"),
                # Office.js clients send this; VBA doesn't (then it's derived from values)
                "used_range_address": used,
            }
        )

    return {
        "client": "VBA",
        "version": xlwings.__version__,
        "book": {
            "name": name or os.path.basename(path),
            "active_sheet_index": active_index,
            "selection": selection,
        },
        "names": names,
        "sheets": sheets,
    }
