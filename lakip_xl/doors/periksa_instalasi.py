"""``lakip-xl periksa-instalasi``: what the Beranda buttons need on this PC, one line each.

Each check gives a status (``OK``, ``PERLU`` = something to do, ``TIDAK BERLAKU`` = a
Windows-only check elsewhere) and one Indonesian sentence: what was found, or what to do.
Nothing here starts Excel, Word or LibreOffice. ``--perbaiki`` writes the interpreter into
the user's xlwings configuration the way ``xlwings config create`` does (other lines kept).
"""

from __future__ import annotations

import csv
import io
import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

OK, PERLU, TIDAK_BERLAKU = "OK", "PERLU", "TIDAK BERLAKU"
WINDOWS = os.name == "nt"


@dataclass(frozen=True)
class Hasil:
    status: str
    judul: str
    pesan: str

    def baris(self) -> str:
        return f"[{self.status}] {self.judul}: {self.pesan}"


def berkas_konfigurasi_pengguna() -> Path:
    """The user-level xlwings.conf, where xlwings 0.37.8 looks for it (``xlwings.USER_CONFIG_FILE``)."""
    rumah = Path(os.path.expanduser("~"))
    if sys.platform.startswith("darwin"):
        return rumah / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"
    return rumah / ".xlwings" / "xlwings.conf"


def baca_konfigurasi(path: Path) -> list[tuple[str, str]]:
    """The ``"KEY","value"`` lines of an xlwings.conf file (what VBA's ``Input #`` reads)."""
    try:
        teks = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return []
    return [(r[0].strip(), r[1].strip()) for r in csv.reader(io.StringIO(teks)) if len(r) >= 2 and r[0].strip()]


def kunci_interpreter() -> str:
    return "INTERPRETER_MAC" if sys.platform.startswith("darwin") else "INTERPRETER_WIN"


def _cari(pasangan: list[tuple[str, str]], kunci: str) -> str | None:
    for k, v in pasangan:
        if k.upper() == kunci.upper():
            return v
    return None


def _lembar_buku_kerja(buku: Path) -> list[tuple[str, str]]:
    """The workbook's xlwings.conf sheet, A1 down to the first blank key (as xlwings reads it)."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(buku))
        if "xlwings.conf" not in wb.sheet_names:
            return []
        baris = wb.get_sheet_by_name("xlwings.conf").to_python()
    except Exception:
        return []
    hasil = []
    for r in baris:
        if not r or str(r[0]).strip() == "":
            break
        hasil.append((str(r[0]).strip(), str(r[1]).strip() if len(r) > 1 else ""))
    return hasil


# -- the checks ---------------------------------------------------------------------------------


def cek_python() -> Hasil:
    v = sys.version_info
    bit = struct.calcsize("P") * 8
    teks = f"Python {v.major}.{v.minor}.{v.micro}, {bit}-bit, di {sys.executable}"
    if v < (3, 11):
        return Hasil(PERLU, "Python", f"{teks}. lakip-xl memerlukan Python 3.11 atau lebih baru.")
    if WINDOWS and bit == 32:
        return Hasil(OK, "Python", f"{teks}. Microsoft 365 umumnya 64-bit; bila Excel 64-bit, pasang Python 64-bit.")
    return Hasil(OK, "Python", teks + ".")


def cek_versi() -> list[Hasil]:
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__
    from ..buku_kerja.vba import XLWINGS_VERSION

    hasil = [Hasil(OK, "lakip-xl", f"versi {__version__}.")]
    try:
        xl = version("xlwings")
    except PackageNotFoundError:
        xl = None
    if xl == XLWINGS_VERSION:
        hasil.append(Hasil(OK, "xlwings", f"versi {xl}, sama dengan yang dipakai makro buku kerja."))
    else:
        hasil.append(
            Hasil(
                PERLU,
                "xlwings",
                f"{'versi ' + xl if xl else 'tidak terpasang'}; makro buku kerja memerlukan tepat {XLWINGS_VERSION}. "
                f"Jalankan: pip install xlwings=={XLWINGS_VERSION}",
            )
        )
    return hasil


def cek_dll() -> Hasil:
    from ..buku_kerja.vba import XLWINGS_VERSION

    if not WINDOWS:
        return Hasil(TIDAK_BERLAKU, "DLL xlwings", "hanya diperlukan di Windows.")
    bit = struct.calcsize("P") * 8
    nama = f"xlwings{bit}-{XLWINGS_VERSION}.dll"
    folder = Path(sys.executable).parent
    if (folder / nama).is_file():
        return Hasil(OK, "DLL xlwings", f"{nama} ada di samping python.exe ({folder}).")
    return Hasil(
        PERLU,
        "DLL xlwings",
        f"{nama} tidak ada di {folder}. Biasanya karena Python dipasang 'untuk semua pengguna' sehingga pip "
        "memasang per pengguna. Pasang ulang Python 'untuk saya saja' (tanpa 'Install for all users'), lalu "
        f"pip install lakip-xl; atau jalankan pip install --force-reinstall xlwings=={XLWINGS_VERSION} "
        "dari Command Prompt 'Run as administrator'.",
    )


def cek_interpreter(buku: Path | None) -> Hasil:
    """The interpreter xlwings will use: the workbook's sheet, then the workbook folder's
    xlwings.conf, then the user's, as ``GetConfig`` in xlwings.bas looks them up."""
    kunci = kunci_interpreter()
    sumber: list[tuple[str, list[tuple[str, str]]]] = []
    if buku is not None:
        sumber.append((f"lembar xlwings.conf di {buku.name}", _lembar_buku_kerja(buku)))
        sumber.append((str(buku.parent / "xlwings.conf"), baca_konfigurasi(buku.parent / "xlwings.conf")))
    pengguna = berkas_konfigurasi_pengguna()
    sumber.append((str(pengguna), baca_konfigurasi(pengguna)))
    for asal, pasangan in sumber:
        nilai = _cari(pasangan, kunci)
        if nilai:
            nilai = os.path.expandvars(nilai)
            if Path(nilai).is_file():
                return Hasil(OK, "Interpreter", f"{kunci} = {nilai} (dari {asal}).")
            return Hasil(
                PERLU,
                "Interpreter",
                f"{kunci} = {nilai} (dari {asal}) tidak ditemukan. Perbaiki nilainya atau jalankan "
                "'lakip-xl periksa-instalasi --perbaiki'.",
            )
    if not WINDOWS and not sys.platform.startswith("darwin"):
        return Hasil(TIDAK_BERLAKU, "Interpreter", f"{kunci} hanya dipakai Excel di Windows (atau macOS).")
    return Hasil(
        PERLU,
        "Interpreter",
        f"{kunci} belum diatur; xlwings lalu mencari 'python' di PATH, yang sering tidak ada di Windows. "
        "Jalankan 'lakip-xl periksa-instalasi --perbaiki'.",
    )


def cek_pdf() -> list[Hasil]:
    from ..laporan.pdf_word import word_ada
    from ..office import soffice

    hasil = []
    if WINDOWS:
        hasil.append(
            Hasil(OK, "Microsoft Word (PDF)", "terpasang; tombol 'Buat PDF' memakainya.")
            if word_ada()
            else Hasil(PERLU, "Microsoft Word (PDF)", "tidak ditemukan (atau pywin32 tidak terpasang).")
        )
    else:
        hasil.append(Hasil(TIDAK_BERLAKU, "Microsoft Word (PDF)", "hanya di Windows."))
    lo = soffice()
    if lo:
        hasil.append(Hasil(OK, "LibreOffice (PDF)", f"{lo}."))
    elif WINDOWS and hasil[0].status == OK:
        hasil.append(Hasil(OK, "LibreOffice (PDF)", "tidak terpasang; tidak diperlukan karena ada Word."))
    else:
        hasil.append(
            Hasil(
                PERLU,
                "LibreOffice (PDF)",
                "tidak ditemukan; 'Buat PDF' memerlukan Word atau LibreOffice (libreoffice.org; "
                "Debian/Ubuntu: apt-get install libreoffice-writer-nogui).",
            )
        )
    return hasil


def di_onedrive(buku: Path | str, env: dict[str, str] | None = None) -> bool:
    """Whether ``buku`` lies in a OneDrive/SharePoint-synced folder (or is a web address)."""
    env = dict(os.environ) if env is None else env
    teks = str(buku)
    if "://" in teks:
        return True
    akar = [env.get(k) for k in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")]
    lengkap = os.path.normcase(os.path.abspath(teks))
    for a in akar:
        if a and (lengkap + os.sep).startswith(os.path.normcase(os.path.abspath(a)) + os.sep):
            return True
    return any(b.lower().startswith("onedrive") for b in Path(lengkap).parts[:-1])


def cek_onedrive(buku: Path | None) -> Hasil:
    if buku is None:
        return Hasil(TIDAK_BERLAKU, "OneDrive/SharePoint", "sebutkan berkas buku kerja untuk memeriksanya.")
    if not di_onedrive(buku):
        return Hasil(OK, "OneDrive/SharePoint", "buku kerja berada di folder lokal.")
    return Hasil(
        PERLU,
        "OneDrive/SharePoint",
        "buku kerja berada di folder OneDrive/SharePoint; xlwings memerlukan pengaturan ONEDRIVE_COMMERCIAL_WIN, "
        "ONEDRIVE_CONSUMER_WIN atau SHAREPOINT_WIN (folder lokalnya) di lembar xlwings.conf. Lebih mudah: "
        "salin buku kerja ke folder lokal, misalnya C:\\LAKIP.",
    )


def zona_unduhan(buku: Path) -> str | None:
    """The Zone.Identifier (Mark of the Web) NTFS stream of ``buku``, or ``None``."""
    try:
        with open(f"{buku}:Zone.Identifier", encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def cek_mark_of_the_web(buku: Path | None, zona: str | None = None) -> Hasil:
    if not WINDOWS and zona is None:
        return Hasil(TIDAK_BERLAKU, "Mark of the Web", "hanya di Windows.")
    if buku is None:
        return Hasil(TIDAK_BERLAKU, "Mark of the Web", "sebutkan berkas buku kerja untuk memeriksanya.")
    zona = zona if zona is not None else zona_unduhan(buku)
    if not zona or ("ZoneId=3" not in zona and "ZoneId=4" not in zona):  # 3 internet, 4 restricted
        return Hasil(OK, "Mark of the Web", "buku kerja tidak bertanda 'diunduh dari internet'.")
    return Hasil(
        PERLU,
        "Mark of the Web",
        f"{buku.name} bertanda 'diunduh dari internet', sehingga Office memblokir makronya. Tutup Excel, klik "
        "kanan berkasnya > Properties > centang 'Unblock' > OK (lebih baik: buka blokir berkas .zip sebelum diekstrak).",
    )


def periksa(buku: Path | None) -> list[Hasil]:
    return [
        cek_python(),
        *cek_versi(),
        cek_dll(),
        cek_interpreter(buku),
        *cek_pdf(),
        cek_onedrive(buku),
        cek_mark_of_the_web(buku),
    ]


def perbaiki(interpreter: str | None = None) -> Path:
    """Set the interpreter in the user's xlwings.conf (created like ``xlwings config create``;
    an existing file keeps its other lines). Returns the file."""
    from ..berkas import tulis_atomik

    path = berkas_konfigurasi_pengguna()
    kunci = kunci_interpreter()
    baris = [(k, v) for k, v in baca_konfigurasi(path) if k.upper() != kunci]
    baris.insert(0, (kunci, interpreter or sys.executable))
    isi = "".join(f'"{k}","{v}"\n' for k, v in baris)
    return tulis_atomik(path, isi.encode("utf-8"), timpa=True)
