"""LibreOffice (headless) as the office suite: recalculate workbooks, convert documents.

A private profile per call keeps runs independent and sets ``OOXMLRecalcMode`` to 0
("always recalculate"), so LibreOffice never shows the cached values of a file it did not
write itself. The profile is a copy of one an earlier run initialised, kept in lakip-xl's
cache (:mod:`lakip_xl.cache`), so only the first run ever pays for LibreOffice's first start.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
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


def folder_windows(env: Mapping[str, str] | None = None) -> list[str]:
    """Where LibreOffice's Windows installer puts soffice.exe (it does not add it to PATH):
    ``<Program Files>\\LibreOffice\\program``, 64-bit and 32-bit."""
    env = os.environ if env is None else env
    akar = [env.get(k) for k in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
    hasil: list[str] = []
    for a in [*akar, "C:\\Program Files", "C:\\Program Files (x86)"]:
        p = f"{a.rstrip(chr(92))}\\LibreOffice\\program\\soffice.exe" if a else ""
        if p and p not in hasil:
            hasil.append(p)
    return hasil


def soffice() -> str | None:
    """Path of the LibreOffice binary, or ``None``: PATH first, then the standard install folders."""
    for nama in ("soffice", "libreoffice"):
        p = shutil.which(nama)
        if p:
            return p
    tetap = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"]
    tetap += ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    for p in folder_windows() if os.name == "nt" else tetap:
        if os.path.exists(p):
            return p
    return None


def pilih_pdf() -> str | None:
    """Which program makes PDFs here: ``"word"`` (Microsoft Word on Windows), else
    ``"libreoffice"``, else ``None``."""
    from .laporan.pdf_word import word_ada

    if word_ada():
        return "word"
    return "libreoffice" if soffice() is not None else None


def profil_baru(folder: Path) -> str:
    """A LibreOffice user profile of its own in ``folder``; returns its file URL.

    A copy of the profile an earlier run initialised (kept in the cache by
    :func:`simpan_profil`), so LibreOffice skips its first-start work, or a fresh one; our
    settings (:data:`XCU`) are written into it either way."""
    user = folder / "user"
    simpanan = profil_tersimpan()
    if simpanan is not None and not user.exists():
        try:
            shutil.copytree(simpanan / "user", user)
        except OSError:
            shutil.rmtree(user, ignore_errors=True)
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(XCU, encoding="utf-8")
    return folder.resolve().as_uri()


def _folder_profil() -> Path | None:
    """Where the initialised profile of this LibreOffice installation is kept (or ``None``)."""
    from . import cache

    akar = cache.folder()
    exe = soffice()
    if akar is None or exe is None:
        return None
    try:
        asli = os.path.realpath(exe)
        k = cache.kunci("profil-libreoffice", asli, str(os.stat(asli).st_mtime_ns), XCU)
    except OSError:
        return None
    return akar / "libreoffice" / k[:32]


def profil_tersimpan() -> Path | None:
    """The kept, initialised profile of this LibreOffice installation, or ``None``."""
    f = _folder_profil()
    return f if f is not None and (f / "user").is_dir() else None


def simpan_profil(folder: Path) -> None:
    """Keep the profile in ``folder`` (LibreOffice has run with it and closed) for later runs,
    when none is kept yet. Copied aside first and moved into place whole, so a concurrent run
    either sees a complete profile or none; any failure only means nothing is kept."""
    tujuan = _folder_profil()
    if tujuan is None or tujuan.exists() or not (folder / "user").is_dir():
        return
    sementara = None
    try:
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        sementara = Path(tempfile.mkdtemp(prefix=".profil-", dir=tujuan.parent))
        shutil.copytree(folder / "user", sementara / "user", ignore=shutil.ignore_patterns(".lock", "*.tmp"))
        os.rename(sementara, tujuan)  # fails when another run was first: keep theirs
        sementara = None
    except OSError:
        pass
    finally:
        if sementara is not None:
            shutil.rmtree(sementara, ignore_errors=True)


def buang_profil() -> None:
    """Forget the kept profile (LibreOffice failed to start with a copy of it)."""
    f = _folder_profil()
    if f is not None:
        shutil.rmtree(f, ignore_errors=True)


def _akhiri(proc: subprocess.Popen[str]) -> None:
    """End a process and everything it started (LibreOffice's helpers share its process group)."""
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    except OSError:  # already gone
        pass
    try:
        proc.communicate(timeout=15)  # reap it, close the pipes
    except subprocess.TimeoutExpired:  # pragma: no cover - a process that survives SIGKILL
        pass


def jalankan(cmd: Sequence[str], folder_sementara: Path, batas_waktu: float = 600) -> subprocess.CompletedProcess[str]:
    """Run an office process so that nothing outlives the call.

    The process gets its own process group (a Ctrl-C in the terminal reaches only lakip-xl,
    which then ends the whole group) and ``folder_sementara`` as its temporary folder (TMPDIR,
    TEMP, TMP), so every temporary file LibreOffice or the UNO script makes lies in the
    caller's temporary folder and goes with it. On a timeout :class:`OfficeGagal`; on an
    interruption the group is ended and the interruption goes on.
    """
    folder_sementara.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TMPDIR": str(folder_sementara), "TEMP": str(folder_sementara), "TMP": str(folder_sementara)}
    proc = subprocess.Popen(
        list(cmd),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        env=env,
        start_new_session=os.name == "posix",
    )
    try:
        keluar, galat = proc.communicate(timeout=batas_waktu)
    except subprocess.TimeoutExpired:
        _akhiri(proc)
        raise OfficeGagal(f"LibreOffice tidak selesai dalam {batas_waktu:.0f} detik dan dihentikan.") from None
    except BaseException:  # KeyboardInterrupt (Ctrl-C), SystemExit...: nothing may keep running
        _akhiri(proc)
        raise
    return subprocess.CompletedProcess(proc.args, proc.returncode, keluar, galat)


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
        proc = jalankan(cmd, Path(tmp) / "tmp", batas_waktu)
        ext = format_tujuan.split(":")[0]
        keluar = [folder_keluar / (Path(b).stem + "." + ext) for b in berkas]
        hilang = [str(k) for k in keluar if not k.exists()]
        if proc.returncode == 0 and not hilang:
            simpan_profil(Path(tmp))
    if hilang:
        raise OfficeGagal(f"LibreOffice gagal mengonversi: {', '.join(hilang)} ({proc.stderr.strip()[:300]})")
    return keluar
