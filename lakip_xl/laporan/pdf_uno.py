"""Convert a .docx to PDF in LibreOffice over UNO, refreshing the table of contents first.

Standalone: runs under LibreOffice's Python (Debian: /usr/bin/python3 with python3-uno),
never imports lakip_xl. Usage: python3 pdf_uno.py IN.docx OUT.pdf
"""

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


def pv(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(src, dst):
    # lakip-xl runs this script with TMPDIR inside its own temporary folder and ends the whole
    # process group on Ctrl-C; run by hand, the folder still goes whatever happens.
    work = tempfile.mkdtemp(prefix="lakip-pdf-")
    try:
        return _konversi(src, dst, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _konversi(src, dst, work):
    pipe = "lakip_pdf_" + uuid.uuid4().hex[:8]
    exe = shutil.which("soffice") or "/usr/bin/soffice"
    proc = subprocess.Popen(
        [exe, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.join(work, "profile")),
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    ctx = None
    try:
        while ctx is None:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            except NoConnectException:
                if proc.poll() is not None or time.time() > deadline:
                    proc.kill()
                    print("LibreOffice tidak dapat dijalankan", file=sys.stderr)
                    return 3
                time.sleep(0.5)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = None
    try:
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (pv("Hidden", True),)
        )
        idx = doc.getDocumentIndexes()
        for i in range(idx.getCount()):
            idx.getByIndex(i).update()
        doc.getTextFields().refresh()
        # Page numbers in the table of contents follow the layout: update once more.
        for i in range(idx.getCount()):
            idx.getByIndex(i).update()
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (pv("FilterName", "writer_pdf_Export"),))
        return 0
    finally:
        try:
            if doc is not None:
                doc.close(True)
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
