"""Test helpers."""


def jadikan_versi(wb, versi: int) -> None:
    """Make an openpyxl-loaded workbook claim another schema version (both places it is kept)."""
    from openpyxl.workbook.defined_name import DefinedName

    wb["_meta"]["B2"] = versi
    if "VersiSkemaNilai" in wb.defined_names:
        del wb.defined_names["VersiSkemaNilai"]
    wb.defined_names["VersiSkemaNilai"] = DefinedName("VersiSkemaNilai", attr_text=str(versi))


# A user's own xlwings settings in the xlwings.conf sheet, and what a rebuilt workbook must hold
# (written out by hand): lakip-xl's four keys first, the user's value winning except for
# 'UDF Modules'; then the user's other keys in order; the repeated key (xlwings would stop on
# it) and the blank-valued key are dropped; 'Setelah' lies below a blank row, where xlwings
# stops reading, so it is no setting.
XLWINGS_PENGGUNA = [
    ("UDF Modules", "modul_lain"),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", True),
    ("Interpreter_Win", r"C:\Users\bendahara\AppData\Local\Programs\Python\Python312\python.exe"),
    ("PYTHONPATH", r"D:\kode"),
    ("INTERPRETER_WIN", r"C:\lain\python.exe"),
    ("Interpreter_Mac", None),
    ("ONEDRIVE_COMMERCIAL_WIN", r"C:\Users\bendahara\OneDrive - Kanwil"),
    (None, None),
    ("Setelah", "x"),
]
XLWINGS_HARAP = [
    ["UDF Modules", "lakip_xl.doors.udf"],
    ["Debug UDFs", False],
    ["Use UDF Server", False],
    ["Show Console", True],
    ["Interpreter_Win", r"C:\Users\bendahara\AppData\Local\Programs\Python\Python312\python.exe"],
    ["PYTHONPATH", r"D:\kode"],
    ["ONEDRIVE_COMMERCIAL_WIN", r"C:\Users\bendahara\OneDrive - Kanwil"],
]


def dengan_xlwings_pengguna(sumber, tujuan):
    """A copy of workbook ``sumber`` whose xlwings.conf sheet holds :data:`XLWINGS_PENGGUNA`."""
    from openpyxl import load_workbook

    wb = load_workbook(sumber, keep_vba=True)
    ws = wb["xlwings.conf"]
    for i, (k, v) in enumerate(XLWINGS_PENGGUNA, start=1):
        ws.cell(i, 1).value = k
        ws.cell(i, 2).value = v
    wb.save(tujuan)
    return tujuan


def xlwings_conf_lembar(path):
    """Columns A:B of a workbook's xlwings.conf sheet, from A1 down to the first blank key."""
    from python_calamine import CalamineWorkbook

    baris = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("xlwings.conf").to_python()
    hasil = []
    for r in baris:
        if not r or r[0] in ("", None):
            break
        hasil.append([r[0], r[1] if len(r) > 1 else ""])
    return hasil
