"""File safety: every output is written to a temporary file and moved into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .galat import BerkasSudahAda

__all__ = ["BerkasSudahAda", "tulis_atomik"]


def _umask() -> int:
    # Read once at import: os.umask() changes process state, unsafe to call per write in threads.
    nilai = os.umask(0)
    os.umask(nilai)
    return nilai


_UMASK = _umask()


def tulis_atomik(path: Path, isi: bytes, timpa: bool = True) -> Path:
    """Write ``isi`` to ``path`` through a temporary file in the same folder.

    With ``timpa=False`` an existing file is never replaced (:class:`BerkasSudahAda`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not timpa and path.exists():
        raise BerkasSudahAda(f"Berkas '{path}' sudah ada dan tidak ditimpa.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode an ordinary new file gets.
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as f:
            f.write(isi)
            f.flush()
            os.fsync(f.fileno())
        if not timpa:
            # link() fails if the target appeared meanwhile: no silent replacement.
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise BerkasSudahAda(f"Berkas '{path}' sudah ada dan tidak ditimpa.") from None
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
