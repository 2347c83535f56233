#!/usr/bin/python3
"""Open an .xlsm in headless LibreOffice over UNO, list its VBA modules and buttons, click a
button (run the macro bound to it) and read a cell. Prints one JSON object.

Runs under the *system* python (Debian's python3-uno), not the project venv:

    /usr/bin/python3 tests/alat/lo_makro.py BUKU.xlsm --click "Tulis versi" --cell Beranda!H2 \
        --drop-modules xlwings,Dictionary

LibreOffice cannot compile xlwings.bas (``#If``-switched procedure headers, ``Input #``), and
one module that does not compile stops every macro of the library, so the xlwings modules are
removed in memory (never on disk) before a macro runs. RunPython itself needs Excel.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA"><prop oor:name="Load" oor:op="fuse">\
<value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA"><prop oor:name="Executable" oor:op="fuse">\
<value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse">\
<value>false</value></prop></item>
</oor:items>
"""


def pv(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_office(profile_dir, pipe):
    os.makedirs(os.path.join(profile_dir, "user"), exist_ok=True)
    with open(os.path.join(profile_dir, "user", "registrymodifications.xcu"), "w") as f:
        f.write(XCU)
    cmd = [
        shutil.which("soffice") or "/usr/bin/soffice",
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nodefault",
        "--nolockcheck",
        "-env:UserInstallation=" + uno.systemPathToFileUrl(profile_dir),
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    while True:
        try:
            return proc, resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"soffice did not start (rc={proc.poll()})") from None
            time.sleep(0.5)


def modules(doc):
    libs = doc.BasicLibraries
    out = {}
    for name in libs.getElementNames():
        if not libs.isLibraryLoaded(name):
            libs.loadLibrary(name)
        lib = libs.getByName(name)
        out[name] = {m: lib.getByName(m) for m in lib.getElementNames()}
    return out


def buttons(doc):
    found = []
    for sheet in doc.Sheets:
        forms = sheet.DrawPage.Forms
        for fi in range(forms.getCount()):
            form = forms.getByIndex(fi)
            for ci in range(form.getCount()):
                ctl = form.getByIndex(ci)
                for ev in form.getScriptEvents(ci):
                    if "actionPerformed" in ev.EventMethod or "ActionListener" in ev.ListenerType:
                        found.append({"sheet": sheet.Name, "label": getattr(ctl, "Label", ""), "script": ev.ScriptCode})
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--click", help="label of the button to click")
    ap.add_argument("--macro", help="Module.Sub to run, e.g. LakipTombol.TulisVersi")
    ap.add_argument("--cell", default="Beranda!H2")
    ap.add_argument("--drop-modules", default="")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="lo-makro-")
    proc, ctx = start_office(os.path.join(work, "profile"), "lakip_" + uuid.uuid4().hex[:8])
    result = {"ok": False}
    desktop = doc = None
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(a.file))
        doc = desktop.loadComponentFromURL(
            url, "_blank", 0, (pv("Hidden", True), pv("MacroExecutionMode", 4), pv("UpdateDocMode", 0))
        )
        mods = modules(doc)
        result["modules"] = {lib: sorted(ms) for lib, ms in mods.items()}
        result["sources"] = {m: src for ms in mods.values() for m, src in ms.items() if m == "LakipTombol"}
        result["buttons"] = buttons(doc)
        for m in filter(None, a.drop_modules.split(",")):
            for lib, ms in mods.items():
                if m in ms:
                    doc.BasicLibraries.getByName(lib).removeByName(m)
        sheet_name, ref = a.cell.split("!")
        cell = doc.Sheets.getByName(sheet_name).getCellRangeByName(ref)
        result["before"] = cell.getString()
        if a.click:
            code = next(b["script"] for b in result["buttons"] if b["label"] == a.click)
            if not code.startswith("vnd.sun.star.script:"):
                code = f"vnd.sun.star.script:{code}?language=Basic&location=document"
            result["invoked"] = code
            doc.getScriptProvider().getScript(code).invoke((), (), ())
        if a.macro:
            code = f"vnd.sun.star.script:VBAProject.{a.macro}?language=Basic&location=document"
            result["invoked"] = code
            doc.getScriptProvider().getScript(code).invoke((), (), ())
        result["after"] = cell.getString()
        result["ok"] = True
    except Exception as e:  # report UNO errors as data
        result["error"] = f"{type(e).__name__}: {getattr(e, 'Message', e)}"
    finally:
        try:
            if doc is not None:
                doc.close(True)
        except Exception:
            pass
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))
    sys.exit(0 if result["ok"] else 3)


if __name__ == "__main__":
    main()
