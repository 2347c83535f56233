"""LibreOffice (headless) as the office suite: recalculate workbooks, convert documents.

A private profile per call keeps runs independent and sets ``OOXMLRecalcMode`` to 0
("always recalculate"), so LibreOffice never shows the cached values of a file it did not
write itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .galat import OfficeGagal, OfficeTidakAda

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA"><prop oor:name="Load" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA"><prop oor:name="Executable" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    """Path of the LibreOffice binary, or ``None``."""
    for nama in ("soffice", "libreoffice"):
        p = shutil.which(nama)
        if p:
            return p
    for p in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"):
        if os.path.exists(p):
            return p
    return None


def profil_baru(folder: Path) -> str:
    """A fresh LibreOffice user profile in ``folder``; returns its file URL."""
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(XCU, encoding="utf-8")
    return folder.resolve().as_uri()


def konversi(berkas: list[Path], format_tujuan: str, folder_keluar: Path, batas_waktu: float = 600) -> list[Path]:
    """Convert files with ``soffice --convert-to`` (recalculating spreadsheets on load).

    Returns the output paths, in the order of ``berkas``. Raises :class:`OfficeTidakAda`
    when LibreOffice is missing and ``RuntimeError`` when a file was not converted.
    """
    exe = soffice()
    if exe is None:
        raise OfficeTidakAda(
            "LibreOffice tidak ditemukan. Pasang LibreOffice (Debian/Ubuntu: "
            "apt-get install libreoffice-calc-nogui libreoffice-writer-nogui) lalu ulangi."
        )
    folder_keluar.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lakip-lo-") as tmp:
        url = profil_baru(Path(tmp))
        cmd = [exe, f"-env:UserInstallation={url}", "--headless", "--norestore", "--nolockcheck"]
        cmd += ["--convert-to", format_tujuan, "--outdir", str(folder_keluar), *map(str, berkas)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=batas_waktu, check=False)
    ext = format_tujuan.split(":")[0]
    keluar = [folder_keluar / (Path(b).stem + "." + ext) for b in berkas]
    hilang = [str(k) for k in keluar if not k.exists()]
    if hilang:
        raise OfficeGagal(f"LibreOffice gagal mengonversi: {', '.join(hilang)} ({proc.stderr.strip()[:300]})")
    return keluar
