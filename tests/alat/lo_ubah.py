#!/usr/bin/python3
"""Edit a workbook in headless LibreOffice the way a person does, and save it.

Runs under Debian's python3 (python3-uno), not the project venv:

    /usr/bin/python3 tests/alat/lo_ubah.py BUKU.xlsm SKENARIO.json FOLDER

``SKENARIO.json`` maps an output name to a list of edits; each scenario starts from the
original file and is saved as ``FOLDER/<name>`` (the extension picks the format: .xlsm, .xlsx,
.ods). Edits (rows and columns 0-based, as UNO counts):

    {"op": "sisip_baris", "lembar": "Indikator", "baris": 6, "salin_dari": 5, "isi": {"0": "IKU-9"}}
    {"op": "sisip_baris", "lembar": "Output", "baris": 31, "salin_dari": 30, "kosongkan": [0, 1, 2]}
    {"op": "hapus_baris", "lembar": "Output", "baris": 7}
    {"op": "ganti_nama", "lembar": "Output", "baru": "Keluaran"}
    {"op": "hapus_lembar", "lembar": "IKPA"}
    {"op": "isi", "lembar": "Indikator", "baris": 5, "kolom": 0, "nilai": ""}
    {"op": "rumus", "lembar": "Output", "baris": 29, "kolom": 7, "rumus": "=1/0"}
    {"op": "sisip_kolom", "lembar": "Indikator", "kolom": 3}
    {"op": "tukar_baris", "lembar": "Output", "a": 5, "b": 6}
    {"op": "ketik", "lembar": "Output", "baris": 91, "kolom": 9, "nilai": 150}

``ketik`` types into a protected sheet without unprotecting it, as a user can: it fails when
the sheet is not protected or the cell is locked. Every other edit unprotects the sheet first.

Prints one JSON object: {"ok": true, "berkas": [...]} or {"ok": false, "galat": "..."}.
"""

import json
import os
import sys
import tempfile
import uuid

import uno

sys.path.insert(0, os.path.dirname(__file__))
from lo_makro import pv, start_office

FILTER = {".xlsm": "Calc MS Excel 2007 VBA XML", ".xlsx": "Calc MS Excel 2007 XML", ".ods": "calc8"}


def _lembar(doc, nama):
    sh = doc.Sheets.getByName(nama)
    if sh.isProtected():
        sh.unprotect("")
    return sh


def _salin_baris(sh, dari, ke):
    kolom = sh.getColumns().getCount()
    kolom = min(kolom, 64)
    src = sh.getCellRangeByPosition(0, dari, kolom - 1, dari).getRangeAddress()
    dst = sh.getCellByPosition(0, ke).getCellAddress()
    sh.copyRange(dst, src)


def _isi(sh, baris, kolom, nilai):
    sel = sh.getCellByPosition(kolom, baris)
    if nilai is None or nilai == "":
        sel.setString("")
    elif isinstance(nilai, (int, float)):
        sel.setValue(nilai)
    else:
        sel.setString(str(nilai))


def ubah(doc, e):
    op = e["op"]
    if op == "sisip_baris":
        sh = _lembar(doc, e["lembar"])
        sh.getRows().insertByIndex(e["baris"], 1)
        if "salin_dari" in e:
            _salin_baris(sh, e["salin_dari"], e["baris"])
        for k in e.get("kosongkan", []):
            sh.getCellByPosition(k, e["baris"]).setString("")
        for k, v in e.get("isi", {}).items():
            _isi(sh, e["baris"], int(k), v)
    elif op == "hapus_baris":
        _lembar(doc, e["lembar"]).getRows().removeByIndex(e["baris"], 1)
    elif op == "ganti_nama":
        doc.Sheets.getByName(e["lembar"]).setName(e["baru"])
    elif op == "hapus_lembar":
        doc.Sheets.removeByName(e["lembar"])
    elif op == "sisip_kolom":
        _lembar(doc, e["lembar"]).getColumns().insertByIndex(e["kolom"], 1)
    elif op == "rumus":
        _lembar(doc, e["lembar"]).getCellByPosition(e["kolom"], e["baris"]).setFormula(e["rumus"])
    elif op == "isi":
        _isi(_lembar(doc, e["lembar"]), e["baris"], e["kolom"], e["nilai"])
    elif op == "ketik":
        sh = doc.Sheets.getByName(e["lembar"])
        sel = sh.getCellByPosition(e["kolom"], e["baris"])
        if not sh.isProtected() or sel.CellProtection.IsLocked:
            raise ValueError(
                f"{e['lembar']} baris {e['baris']} kolom {e['kolom']}: lembar tidak terkunci atau sel terkunci"
            )
        _isi(sh, e["baris"], e["kolom"], e["nilai"])
    elif op == "tukar_baris":  # as cut and paste does: through a scratch row far below
        sh = _lembar(doc, e["lembar"])
        tmp = 60000
        _salin_baris(sh, e["a"], tmp)
        _salin_baris(sh, e["b"], e["a"])
        _salin_baris(sh, tmp, e["b"])
        sh.getRows().removeByIndex(tmp, 1)
    elif op == "urut":  # Data > Sort on a range, by one of its columns (0-based within the range)
        from com.sun.star.table import TableSortField

        rng = _lembar(doc, e["lembar"]).getCellRangeByName(e["rentang"])
        f = TableSortField()
        f.Field = e["kolom"]
        f.IsAscending = e.get("naik", True)
        desc = rng.createSortDescriptor()
        for prop in desc:
            if prop.Name == "SortFields":
                prop.Value = uno.Any("[]com.sun.star.table.TableSortField", (f,))
        rng.sort(desc)
    elif op == "pindah":  # cut and paste a range (references to it follow it)
        sh = _lembar(doc, e["lembar"])
        sh.moveRange(
            sh.getCellRangeByName(e["ke"]).getCellAddress(), sh.getCellRangeByName(e["dari"]).getRangeAddress()
        )
    else:
        raise ValueError(op)


def main():
    sumber, skenario, folder = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(skenario, encoding="utf-8") as f:
        semua = json.load(f)
    profil = tempfile.mkdtemp(prefix="lo-ubah-")
    proc, ctx = start_office(profil, "lakip" + uuid.uuid4().hex[:10])
    keluar = []
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(sumber))
        for nama, daftar in semua.items():
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (pv("Hidden", True), pv("MacroExecutionMode", 0)))
            try:
                for e in daftar:
                    ubah(doc, e)
                doc.calculateAll()
                tujuan = os.path.abspath(os.path.join(folder, nama))
                filt = FILTER[os.path.splitext(nama)[1]]
                doc.storeToURL(uno.systemPathToFileUrl(tujuan), (pv("FilterName", filt), pv("Overwrite", True)))
                keluar.append(tujuan)
            finally:
                doc.close(True)
        print(json.dumps({"ok": True, "berkas": keluar}))
    except Exception as e:  # reported to the test as JSON
        print(json.dumps({"ok": False, "galat": f"{type(e).__name__}: {e}"}))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
