"""Test helpers."""


def jadikan_versi(wb, versi: int) -> None:
    """Make an openpyxl-loaded workbook claim another schema version (both places it is kept)."""
    from openpyxl.workbook.defined_name import DefinedName

    wb["_meta"]["B2"] = versi
    if "VersiSkemaNilai" in wb.defined_names:
        del wb.defined_names["VersiSkemaNilai"]
    wb.defined_names["VersiSkemaNilai"] = DefinedName("VersiSkemaNilai", attr_text=str(versi))
