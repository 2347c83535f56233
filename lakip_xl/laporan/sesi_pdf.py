"""One LibreOffice per process for all its PDF conversions.

The first conversion starts ``pdf_uno.py --layani`` under a Python with the UNO bridge; that
script starts LibreOffice once, with a profile copied from the one kept in the cache
(:func:`lakip_xl.office.profil_baru`), and converts every document it is sent. The service
stays for the rest of the process (a command converting many reports, the server, buttons
clicked in one Excel session) and ends when the process ends (:mod:`atexit`), after
:data:`BATAS_MENGANGGUR` seconds without work, or on :func:`tutup`. Conversions are taken one
at a time (LibreOffice is one document model). Everything the service writes lies in one
temporary folder, removed when it ends; it runs in its own process group, so a Ctrl-C reaches
lakip-xl alone, which then ends the whole group.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from ..galat import OfficeGagal
from ..office import buang_profil, profil_baru, profil_tersimpan, simpan_profil, soffice

BATAS_MULAI = 120  # seconds for LibreOffice to start and answer
BATAS_KONVERSI = 600  # seconds for one document
BATAS_MENGANGGUR = 300  # an idle service is closed (a long-running process frees the memory)

# Services started in this process (the tests read it).
jumlah_mulai = 0


def kandidat_python() -> list[str]:
    """Interpreters that may have the UNO bridge: Debian's python3, LibreOffice's own."""
    exe = soffice()
    kandidat = ["/usr/bin/python3"]
    if exe:
        prog = Path(exe).resolve().parent
        kandidat += [str(prog / "python"), str(prog / "python.exe")]
    return [k for k in kandidat if Path(k).exists()]


class _Layanan:
    """A running ``pdf_uno.py --layani``: its process, its folder, its answers."""

    def __init__(self, python: str, exe: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="lakip-pdf-"))
        self.profil = self.folder / "profil"
        tmp = self.folder / "tmp"
        tmp.mkdir()
        env = {**os.environ, "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)}
        skrip = Path(__file__).with_name("pdf_uno.py")
        self._galat = open(self.folder / "galat.txt", "wb")  # closed in _bereskan()
        self.proc = subprocess.Popen(
            [python, str(skrip), "--layani", exe, profil_baru(self.profil)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._galat,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            start_new_session=os.name == "posix",
        )
        self._jawaban: queue.Queue[str | None] = queue.Queue()
        stdout: IO[str] = self.proc.stdout  # type: ignore[assignment]
        threading.Thread(target=self._baca, args=(stdout,), daemon=True).start()

    def _baca(self, stdout: IO[str]) -> None:
        for baris in stdout:
            self._jawaban.put(baris)
        self._jawaban.put(None)  # the service ended

    def jawab(self, batas: float) -> dict[str, Any] | None:
        """The next answer, or ``None`` when the service ended; :class:`OfficeGagal` on a timeout."""
        try:
            baris = self._jawaban.get(timeout=batas)
        except queue.Empty:
            self.akhiri()
            raise OfficeGagal(f"LibreOffice tidak selesai dalam {batas:.0f} detik dan dihentikan.") from None
        if baris is None:
            return None
        try:
            hasil = json.loads(baris)
        except ValueError:
            return None
        return hasil if isinstance(hasil, dict) else None

    def kirim(self, pesan: dict[str, str]) -> bool:
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps(pesan) + "\n")
            self.proc.stdin.flush()
            return True
        except (OSError, ValueError):
            return False

    def pesan_galat(self) -> str:
        try:
            return (self.folder / "galat.txt").read_text("utf-8", errors="replace").strip()[-300:]
        except OSError:
            return ""

    def akhiri(self) -> None:
        """End the service and LibreOffice at once (timeout, interruption)."""
        try:
            if os.name == "posix":
                os.killpg(self.proc.pid, signal.SIGKILL)
            else:  # pragma: no cover - Windows
                self.proc.kill()
        except OSError:
            pass
        self._bereskan(5)

    def tutup(self, batas: float = 60) -> bool:
        """Close LibreOffice; True when it closed properly.

        Every conversion is complete (written and closed) before its answer, and the profile
        is a throwaway copy: when a profile is already kept, the service's process group is
        simply ended (no wait for LibreOffice's orderly shutdown, which costs a command some
        tenths of a second). Otherwise LibreOffice is closed properly (end of standard input)
        and its profile is kept for every later run."""
        if profil_tersimpan() is not None:
            self.akhiri()
            return True
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=batas)
        except subprocess.TimeoutExpired:
            self.akhiri()
            return False
        bersih = self.proc.returncode == 0
        if bersih:
            simpan_profil(self.profil)  # the first run's profile serves every later one
        self._bereskan(5)
        return bersih

    def _bereskan(self, batas: float) -> None:
        try:
            self.proc.wait(timeout=batas)
        except subprocess.TimeoutExpired:  # pragma: no cover - a process that survives SIGKILL
            pass
        self._galat.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class SesiPdf:
    """The conversions of one process, in one LibreOffice started on the first of them."""

    def __init__(self) -> None:
        self._kunci = threading.Lock()
        self._layanan: _Layanan | None = None
        self._pengatur: threading.Timer | None = None
        # A service being started (by siapkan's thread): tutup() ends it without waiting.
        self._memulai: _Layanan | None = None
        self._ditutup = False

    def _mulai(self) -> _Layanan | None:
        """Start the service; ``None`` when no Python with UNO or LibreOffice can serve."""
        global jumlah_mulai
        exe = soffice()
        if exe is None:
            return None
        for python in kandidat_python():
            for _ in range(2):  # a second try with a fresh profile, in case the kept one is damaged
                if self._ditutup:
                    return None
                layanan = self._memulai = _Layanan(python, exe)
                try:
                    siap = layanan.jawab(BATAS_MULAI)
                except BaseException:
                    layanan.akhiri()
                    raise
                finally:
                    self._memulai = None
                if siap is not None and siap.get("siap"):
                    jumlah_mulai += 1
                    return layanan
                layanan.akhiri()
                if siap is None:  # the script did not run at all: no UNO in this Python
                    break
                buang_profil()
        return None

    def konversi(self, docx: Path, pdf: Path) -> bool:
        """Convert ``docx`` to ``pdf``; False when no UNO service can be had (the caller falls
        back to ``soffice --convert-to``). :class:`OfficeGagal` when LibreOffice fails on it."""
        return self.konversi_isi(docx, pdf) is not None

    def konversi_isi(self, docx: Path, pdf: Path) -> list[tuple[str, str]] | None:
        """As :meth:`konversi`, returning the refreshed table of contents' entries (text, page)
        instead of True, ``None`` instead of False."""
        with self._kunci:
            self._batal_pengatur()
            try:
                for percobaan in range(2):  # a service that died since the last call is restarted once
                    if self._layanan is None:
                        self._layanan = self._mulai()
                        if self._layanan is None:
                            return None
                    layanan = self._layanan
                    try:
                        terkirim = layanan.kirim({"src": str(docx.resolve()), "dst": str(pdf.resolve())})
                        jawaban = layanan.jawab(BATAS_KONVERSI) if terkirim else None
                    except BaseException:  # a timeout, or Ctrl-C: nothing may keep running
                        self._layanan = None
                        layanan.akhiri()
                        raise
                    if jawaban is not None:
                        if jawaban.get("ok"):
                            isi = jawaban.get("daftar_isi")
                            if not isinstance(isi, list):
                                return []
                            return [(str(x[0]), str(x[1])) for x in isi if isinstance(x, list) and len(x) == 2]
                        raise OfficeGagal(f"LibreOffice gagal mengonversi '{docx.name}': {jawaban.get('pesan', '')}")
                    galat = layanan.pesan_galat()
                    self._layanan = None
                    layanan.akhiri()
                    if percobaan:
                        raise OfficeGagal(f"LibreOffice berhenti saat mengonversi '{docx.name}'. {galat}".strip())
                return None  # pragma: no cover - the loop returns or raises
            finally:
                self._pasang_pengatur()

    def siapkan(self) -> None:
        """Start LibreOffice now, in the background, for a conversion that is sure to come
        (``laporan --pdf``): it starts while the report is rendered. Quietly nothing when it
        cannot start: :meth:`konversi` then finds out and says so."""

        def mulai() -> None:
            with self._kunci:
                if self._layanan is None:
                    try:
                        self._layanan = self._mulai()
                    except Exception:
                        self._layanan = None
                    self._batal_pengatur()
                    self._pasang_pengatur()

        threading.Thread(target=mulai, daemon=True, name="lakip-pdf-mulai").start()

    def _pasang_pengatur(self) -> None:
        if self._layanan is not None and BATAS_MENGANGGUR > 0:
            self._pengatur = threading.Timer(BATAS_MENGANGGUR, self.tutup)
            self._pengatur.daemon = True
            self._pengatur.start()

    def _batal_pengatur(self) -> None:
        if self._pengatur is not None:
            self._pengatur.cancel()
            self._pengatur = None

    def berjalan(self) -> bool:
        return self._layanan is not None

    def tutup(self) -> None:
        """Close LibreOffice (the next conversion starts it again). A start still under way
        (the process is ending before the conversion, say on Ctrl-C) is ended at once."""
        memulai = self._memulai
        if memulai is not None:
            self._ditutup = True
            memulai.akhiri()
        with self._kunci:
            self._ditutup = False
            self._batal_pengatur()
            layanan, self._layanan = self._layanan, None
        if layanan is not None:
            layanan.tutup()


_sesi = SesiPdf()
atexit.register(_sesi.tutup)


def sesi() -> SesiPdf:
    """The process's one PDF session."""
    return _sesi
