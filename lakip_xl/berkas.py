"""File safety: every output is written to a temporary file and moved into place; no output
ever replaces one of the inputs it was made from; a refusal of the system is one Indonesian line."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .galat import BerkasGagalDitulis, BerkasSudahAda, TujuanSamaDenganSumber

__all__ = [
    "BerkasGagalDitulis",
    "BerkasSudahAda",
    "TujuanSamaDenganSumber",
    "jalur_tampil",
    "pesan_os",
    "tolak_tujuan_sumber",
    "tulis_atomik",
]


def _umask() -> int:
    # Read once at import: os.umask() changes process state, unsafe to call per write in threads.
    nilai = os.umask(0)
    os.umask(nilai)
    return nilai


_UMASK = _umask()

# errno -> (reason, what to do). Reasons of the system in Indonesian; the English strerror is
# never shown. Codes missing on a platform are skipped.
_ALASAN: dict[int, tuple[str, str]] = {}
for _nama, _alasan, _saran in (
    (
        "EACCES",
        "tidak ada izin",
        "Tutup berkas itu bila sedang terbuka di Excel atau Word, periksa izinnya, atau pilih folder lain.",
    ),
    ("EPERM", "tidak ada izin", "Periksa izin berkas dan foldernya, atau pilih folder lain."),
    ("EROFS", "lokasinya hanya dapat dibaca", "Pilih folder lain yang dapat ditulisi."),
    ("ENOENT", "folder atau berkasnya tidak ada", "Periksa jalurnya, atau pilih folder lain."),
    ("ENOTDIR", "salah satu bagian jalurnya adalah berkas, bukan folder", "Periksa jalurnya."),
    ("EISDIR", "itu sebuah folder, bukan berkas", "Sebutkan nama berkas, bukan folder."),
    ("EEXIST", "nama itu sudah dipakai", "Pakai nama lain."),
    ("ENAMETOOLONG", "nama berkas atau jalurnya terlalu panjang", "Pakai nama atau folder yang lebih pendek."),
    ("ENOSPC", "ruang disk penuh", "Kosongkan sebagian ruang disk lalu ulangi."),
    ("EDQUOT", "kuota disk habis", "Kosongkan sebagian ruang disk lalu ulangi."),
    ("EFBIG", "berkasnya terlalu besar", "Pilih lokasi lain."),
    ("EBUSY", "sedang dipakai program lain", "Tutup program itu lalu ulangi."),
    ("ETXTBSY", "sedang dipakai program lain", "Tutup program itu lalu ulangi."),
    ("EIO", "galat baca/tulis pada perangkat penyimpanan", "Periksa disk atau perangkatnya."),
    ("ELOOP", "tautan simbolik pada jalurnya berputar", "Periksa jalurnya."),
    ("EINVAL", "nama berkasnya tidak sah", "Pakai nama tanpa tanda khusus."),
    ("EMFILE", "terlalu banyak berkas terbuka", "Tutup program lain lalu ulangi."),
    ("ENFILE", "terlalu banyak berkas terbuka", "Tutup program lain lalu ulangi."),
    ("EXDEV", "folder tujuan berada di perangkat lain", "Pilih folder lain."),
    ("EADDRINUSE", "alamat dan porta itu sudah dipakai program lain", "Pakai porta lain (--port)."),
    ("EADDRNOTAVAIL", "alamat itu tidak ada di komputer ini", "Periksa --host."),
):
    if hasattr(errno, _nama):
        _ALASAN[getattr(errno, _nama)] = (_alasan, _saran)


def jalur_tampil(path: object, batas: int = 120) -> str:
    """A path as shown in a one-line message: no control characters, a very long one shortened."""
    mentah = os.fspath(path) if isinstance(path, (str, os.PathLike)) else str(path)
    if isinstance(mentah, bytes):
        mentah = mentah.decode(errors="replace")
    teks = "".join(c if c.isprintable() else "?" for c in mentah)
    if len(teks) > batas:
        teks = f"{teks[: batas // 2 - 2]}...{teks[-(batas // 2 - 2) :]}"
    return teks


def pesan_os(e: OSError, path: object = None, tindakan: str = "memakai") -> str:
    """One Indonesian line for a refusal of the system: the path, the reason and what to do.

    ``path`` is the file the user named (``e.filename`` when not given); ``tindakan`` is the
    verb ("menulis", "membuka", ...).
    """
    nama = path if path is not None else e.filename
    alasan, saran = _ALASAN.get(e.errno or -1, ("", "Periksa jalurnya, izinnya, dan ruang disk, lalu ulangi."))
    if not alasan:
        kode = errno.errorcode.get(e.errno or -1)
        alasan = f"galat sistem {kode}" if kode else "galat sistem"
    if e.errno == errno.EEXIST and e.filename is not None and os.path.isfile(e.filename):
        alasan = f"'{jalur_tampil(e.filename)}' adalah berkas, bukan folder"
        saran = "Periksa jalurnya."
    if nama is None:
        return f"Operasi berkas gagal: {alasan}. {saran}"
    return f"Tidak dapat {tindakan} '{jalur_tampil(nama)}': {alasan}. {saran}"


def _sama(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare the paths they resolve to
        try:
            return a.resolve() == b.resolve()
        except (OSError, RuntimeError):
            return False


def tolak_tujuan_sumber(masukan: Iterable[Path | None], keluaran: Iterable[Path | None]) -> None:
    """Raise :class:`TujuanSamaDenganSumber` when an output is one of the inputs.

    Compared as files (``os.path.samefile``: through symbolic and hard links), so neither
    ``-o DATA.json`` nor a link to it can replace the source, with or without ``--timpa``.
    """
    sumber = [Path(m) for m in masukan if m is not None]
    for k in keluaran:
        if k is None:
            continue
        for m in sumber:
            if _sama(Path(k), m):
                raise TujuanSamaDenganSumber(
                    f"Berkas tujuan '{jalur_tampil(k)}' sama dengan berkas sumber '{jalur_tampil(m)}'; "
                    "sumber tidak pernah ditimpa. Pakai nama lain untuk hasilnya."
                )


def tulis_atomik(path: Path, isi: bytes, timpa: bool = True) -> Path:
    """Write ``isi`` to ``path`` through a temporary file in the same folder.

    With ``timpa=False`` an existing file is never replaced (:class:`BerkasSudahAda`). A
    refusal of the system (no permission, no such folder, name too long...) raises
    :class:`BerkasGagalDitulis` with one Indonesian line naming ``path``.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BerkasGagalDitulis(pesan_os(e, path, "menulis")) from e
    if not timpa and path.exists():
        raise BerkasSudahAda(f"Berkas '{jalur_tampil(path)}' sudah ada dan tidak ditimpa.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise BerkasGagalDitulis(pesan_os(e, path, "menulis")) from e
    try:
        # mkstemp makes the file private (0600); give it the mode an ordinary new file gets.
        # os.fchmod exists on Windows only from Python 3.13; os.chmod by name works everywhere.
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o666 & ~_UMASK)
        else:
            os.chmod(tmp, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as f:
            f.write(isi)
            f.flush()
            os.fsync(f.fileno())
        if not timpa:
            # link() fails if the target appeared meanwhile: no silent replacement.
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise BerkasSudahAda(f"Berkas '{jalur_tampil(path)}' sudah ada dan tidak ditimpa.") from None
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(e, OSError) and not isinstance(e, BerkasSudahAda):
            raise BerkasGagalDitulis(pesan_os(e, path, "menulis")) from e
        raise
    return path


# A logo is small: a bigger file is refused before it is opened.
BATAS_LOGO_BYTE = 5 * 1024 * 1024
BATAS_LOGO_PIKSEL = 25_000_000


def cari_logo(logo: str, folder: Path | None) -> tuple[Path | None, str]:
    """The unit's logo file, checked: ``(path, "")`` when it is a whole PNG or JPEG image, else
    ``(None, why)`` in Indonesian. A relative path is taken from ``folder`` (the workbook's or the
    JSON file's folder). The file is never trusted: its size, its first bytes and a full decode
    by Pillow (with a pixel limit) are checked, and any failure is a reason, never an exception."""
    teks = logo.strip()
    tampil = jalur_tampil(teks)
    if not teks:
        return None, ""
    p = Path(teks).expanduser()
    if not p.is_absolute() and folder is not None:
        p = folder / p
    try:
        if not p.is_file():
            return None, f"berkas logo '{tampil}' tidak ditemukan (dicari di {jalur_tampil(p.parent)})"
        if p.stat().st_size > BATAS_LOGO_BYTE:
            return None, f"berkas logo '{tampil}' lebih dari 5 MB"
        with p.open("rb") as f:
            awal = f.read(8)
    except OSError as e:
        return None, f"berkas logo tidak dapat dibaca. {pesan_os(e, p, 'membaca')}"
    if not (awal.startswith(b"\x89PNG\r\n\x1a\n") or awal.startswith(b"\xff\xd8\xff")):
        return None, f"berkas logo '{tampil}' bukan gambar PNG atau JPEG"
    try:
        from PIL import Image

        with Image.open(p) as img:
            if img.format not in ("PNG", "JPEG"):
                return None, f"berkas logo '{tampil}' bukan gambar PNG atau JPEG"
            w, h = img.size
            if w * h > BATAS_LOGO_PIKSEL:
                return None, f"gambar logo '{tampil}' terlalu besar ({w}×{h} piksel)"
            img.load()
    except Exception:  # any decoder failure: a damaged or hostile file
        return None, f"berkas logo '{tampil}' rusak atau bukan gambar PNG/JPEG yang utuh"
    return p, ""
