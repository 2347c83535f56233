"""Convert .docx files to PDF in one LibreOffice over UNO, refreshing the table of contents first.

Standalone: runs under LibreOffice's Python (Debian: /usr/bin/python3 with python3-uno),
never imports lakip_xl. Two ways to run it:

    python3 pdf_uno.py IN.docx OUT.pdf
        one conversion, in a LibreOffice started for it with a fresh profile;
    python3 pdf_uno.py --layani SOFFICE PROFILE_URL
        the service lakip-xl uses (lakip_xl/laporan/sesi_pdf.py): starts SOFFICE once with the
        profile at PROFILE_URL, prints {"siap": true} (or {"siap": false, "pesan": ...}), then
        converts every request read from standard input, one JSON line {"src": ..., "dst": ...}
        each, answering one JSON line {"ok": true, "daftar_isi": [[text, page], ...]} (the
        refreshed table of contents) or {"ok": false, "pesan": ...}; at the end
        of standard input (lakip-xl done or gone) LibreOffice is closed and the script ends.
"""

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


def pv(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def mulai(exe, profil_url):
    """Start LibreOffice listening on a private pipe; (process, desktop) or (process, None)."""
    pipe = "lakip_pdf_" + uuid.uuid4().hex[:8]
    proc = subprocess.Popen(
        [exe, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=" + profil_url,
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    try:
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if proc.poll() is not None or time.time() > deadline:
                    proc.kill()
                    proc.wait()
                    return proc, None
                time.sleep(0.05)  # LibreOffice is up within a second or two: poll finely
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return proc, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def daftar_isi(doc):
    """The entries of the document's tables of contents after the update: [[text, page], ...]."""
    hasil = []
    idx = doc.getDocumentIndexes()
    for i in range(idx.getCount()):
        x = idx.getByIndex(i)
        if not x.supportsService("com.sun.star.text.ContentIndex"):
            continue
        teks = x.getAnchor().getString().replace("\r\n", "\n").replace("\r", "\n")
        for baris in teks.split("\n"):
            if "\t" in baris:
                judul, hal = baris.rsplit("\t", 1)
                hasil.append([judul.strip(), hal.strip()])
    return hasil


def konversi(desktop, src, dst):
    """Convert, the tables of contents refreshed first; returns their entries (``daftar_isi``)."""
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (pv("Hidden", True),)
    )
    if doc is None:
        raise RuntimeError("LibreOffice tidak dapat membuka " + src)
    try:
        idx = doc.getDocumentIndexes()
        for i in range(idx.getCount()):
            idx.getByIndex(i).update()
        doc.getTextFields().refresh()
        # Page numbers in the table of contents follow the layout: update once more.
        for i in range(idx.getCount()):
            idx.getByIndex(i).update()
        isi = daftar_isi(doc)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (pv("FilterName", "writer_pdf_Export"),))
        return isi
    finally:
        doc.close(True)


def selesai(proc, desktop):
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


def layani(exe, profil_url):
    proc, desktop = mulai(exe, profil_url)
    if desktop is None:
        print(json.dumps({"siap": False, "pesan": "LibreOffice tidak dapat dijalankan"}), flush=True)
        return 3
    try:
        print(json.dumps({"siap": True}), flush=True)
        for baris in sys.stdin:
            if not baris.strip():
                continue
            try:
                req = json.loads(baris)
                isi = konversi(desktop, req["src"], req["dst"])
                jawab = json.dumps({"ok": True, "daftar_isi": isi})
            except Exception as e:  # one bad document does not end the service
                jawab = json.dumps({"ok": False, "pesan": str(e)[:300]})
            print(jawab, flush=True)
        return 0
    finally:
        selesai(proc, desktop)


def main(src, dst):
    # Run by hand: the profile folder goes whatever happens.
    work = tempfile.mkdtemp(prefix="lakip-pdf-")
    try:
        exe = shutil.which("soffice") or "/usr/bin/soffice"
        proc, desktop = mulai(exe, uno.systemPathToFileUrl(os.path.join(work, "profile")))
        if desktop is None:
            print("LibreOffice tidak dapat dijalankan", file=sys.stderr)
            return 3
        try:
            konversi(desktop, src, dst)
            return 0
        finally:
            selesai(proc, desktop)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--layani":
        sys.exit(layani(sys.argv[2], sys.argv[3]))
    sys.exit(main(sys.argv[1], sys.argv[2]))
