"""A small on-disk cache for what is costly to make and the same for the same input: the
built-in Word template, the variables a template uses, the report's charts, LibreOffice's
initialised profile.

Where: the user's cache folder (platformdirs: ``~/.cache/lakip-xl`` on Linux,
``%LOCALAPPDATA%\\lakip-xl\\Cache`` on Windows, ``~/Library/Caches/lakip-xl`` on macOS), or the
folder named by the environment variable ``LAKIP_XL_CACHE``; ``LAKIP_XL_CACHE=0`` switches the
cache off.

Safe by construction: every entry carries the SHA-256 of its content and an entry that does
not match (cut short, damaged) is ignored and removed; an unwritable or missing folder only
means nothing is cached; an entry is written to a temporary file in the same folder and moved
into place (``os.replace``), so two processes writing the same entry at once each leave a
whole one. Each kind keeps at most :data:`BATAS_ENTRI` entries; the least recently used goes
first. Nothing here ever raises: a cache problem costs time, never a report.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

ENV = "LAKIP_XL_CACHE"
BATAS_ENTRI = 200  # per kind (charts are some tens of kilobytes, the template about 50)
_MATI = {"0", "mati", "off", "false", "no"}


def folder() -> Path | None:
    """The cache folder, or ``None`` when the cache is switched off."""
    v = os.environ.get(ENV)
    if v is not None:
        v = v.strip()
        if not v or v.lower() in _MATI:
            return None
        return Path(v)
    import platformdirs

    return Path(platformdirs.user_cache_dir("lakip-xl", appauthor=False))


def kunci(*bagian: bytes | str) -> str:
    """A key from its parts (the caller names everything the cached value depends on)."""
    h = hashlib.sha256()
    for b in bagian:
        d = b.encode("utf-8") if isinstance(b, str) else b
        h.update(len(d).to_bytes(8, "little"))
        h.update(d)
    return h.hexdigest()


def _berkas(jenis: str, k: str) -> Path | None:
    f = folder()
    return None if f is None else f / jenis / f"{k}.bin"


def baca(jenis: str, k: str) -> bytes | None:
    """The entry ``k`` of kind ``jenis``, or ``None`` (missing, damaged or cache off)."""
    p = _berkas(jenis, k)
    if p is None:
        return None
    try:
        data = p.read_bytes()
    except OSError:
        return None
    isi = data[32:]
    if len(data) < 32 or hashlib.sha256(isi).digest() != data[:32]:
        try:
            p.unlink()
        except OSError:
            pass
        return None
    try:
        os.utime(p)  # recently used: kept when the kind is trimmed
    except OSError:
        pass
    return isi


def simpan(jenis: str, k: str, isi: bytes) -> None:
    """Store an entry (atomically; silently nothing when the folder cannot be written)."""
    p = _berkas(jenis, k)
    if p is None:
        return
    tmp = None
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".tulis-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(hashlib.sha256(isi).digest())
            f.write(isi)
        os.replace(tmp, p)
        tmp = None
        _pangkas(p.parent)
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _pangkas(folder_jenis: Path) -> None:
    """Keep at most :data:`BATAS_ENTRI` entries (run after a write, that is after a miss)."""
    try:
        entri = [e for e in os.scandir(folder_jenis) if e.name.endswith(".bin")]
        if len(entri) <= BATAS_ENTRI:
            return
        entri.sort(key=lambda e: e.stat().st_mtime)
        for e in entri[: len(entri) - BATAS_ENTRI]:
            os.unlink(e.path)
    except OSError:
        pass
