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


def _cli(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "lakip_xl.doors.cli", *map(str, args)], capture_output=True, text=True)


ROOT = __import__("pathlib").Path(__file__).parents[1]
CONTOH = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"


@pytest.mark.parametrize("tahun_baru", [False, True])
def test_tingkatkan_keeps_the_users_xlwings_settings(tmp_path, tahun_baru):
    from alat import XLWINGS_HARAP, dengan_xlwings_pengguna, xlwings_conf_lembar

    sumber = dengan_xlwings_pengguna(CONTOH, tmp_path / "lama.xlsm")
    r = _cli(
        "buku-kerja", "tingkatkan", sumber, "-o", tmp_path / "baru.xlsm", *(["--tahun-baru"] if tahun_baru else [])
    )
    assert r.returncode == 0, r.stderr
    assert xlwings_conf_lembar(tmp_path / "baru.xlsm") == XLWINGS_HARAP


def test_rebuild_from_a_workbook_keeps_the_users_xlwings_settings(tmp_path):
    from alat import XLWINGS_HARAP, dengan_xlwings_pengguna, xlwings_conf_lembar

    sumber = dengan_xlwings_pengguna(CONTOH, tmp_path / "lama.xlsm")
    r = _cli("buku-kerja", "baru", "--data", sumber, "-o", tmp_path / "baru.xlsm")
    assert r.returncode == 0, r.stderr
    assert xlwings_conf_lembar(tmp_path / "baru.xlsm") == XLWINGS_HARAP


def test_libreoffice_is_looked_for_in_the_windows_install_folders():
    from lakip_xl.office import folder_windows

    env = {"ProgramFiles": "D:\\Aplikasi", "ProgramFiles(x86)": "D:\\Aplikasi (x86)\\"}
    assert folder_windows(env) == [
        "D:\\Aplikasi\\LibreOffice\\program\\soffice.exe",
        "D:\\Aplikasi (x86)\\LibreOffice\\program\\soffice.exe",
        "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
        "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe",
    ]


@pytest.mark.skipif(os.name == "nt", reason="off Windows only")
def test_word_is_not_used_off_windows():
    from lakip_xl.laporan.pdf_word import word_ada
    from lakip_xl.office import pilih_pdf, soffice

    assert word_ada() is False
    assert pilih_pdf() == ("libreoffice" if soffice() else None)
