"""What the first click on a Windows PC needs, checked on any system: portable file writing,
the PDF route (Word through a seam, LibreOffice for real), the setup check, the user's
xlwings settings."""

from __future__ import annotations

import os
import stat

import pytest

from lakip_xl.berkas import tulis_atomik


def test_atomic_write_without_fchmod(tmp_path, monkeypatch):
    # Python 3.11/3.12 on Windows have no os.fchmod; the write must not depend on it.
    monkeypatch.delattr(os, "fchmod")
    lama = os.umask(0o022)
    os.umask(lama)
    p = tulis_atomik(tmp_path / "a.bin", b"isi")
    assert p.read_bytes() == b"isi"
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~lama
    assert [x.name for x in tmp_path.iterdir()] == ["a.bin"]  # no temporary file left behind


@pytest.mark.skipif(os.name != "posix", reason="mode bits are POSIX")
def test_atomic_write_mode_with_fchmod(tmp_path):
    lama = os.umask(0o022)
    os.umask(lama)
    assert stat.S_IMODE(tulis_atomik(tmp_path / "b.bin", b"x").stat().st_mode) == 0o666 & ~lama
