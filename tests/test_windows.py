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
    import lakip_xl.office
    from lakip_xl.laporan.pdf_word import word_ada
    from lakip_xl.office import pilih_pdf

    assert word_ada() is False
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lakip_xl.office, "soffice", lambda: "/opt/lo/soffice")
        assert pilih_pdf() == "libreoffice"
        mp.setattr(lakip_xl.office, "soffice", lambda: None)
        assert pilih_pdf() is None


# -- lakip-xl periksa-instalasi -------------------------------------------------------------------


def _periksa(tmp_path, *args):
    import subprocess
    import sys

    env = {**os.environ, "HOME": str(tmp_path / "rumah"), "USERPROFILE": str(tmp_path / "rumah")}
    return subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "periksa-instalasi", *map(str, args)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip


def _baris(r) -> dict[str, str]:
    hasil = {}
    for b in r.stdout.splitlines():
        if b.startswith("["):
            status, _, sisa = b[1:].partition("] ")
            hasil[sisa.split(":")[0]] = status
    return hasil


def test_periksa_instalasi_lists_every_check(tmp_path):
    r = _periksa(tmp_path, CONTOH)
    assert r.stderr == ""
    s = _baris(r)
    assert list(s) == ["Python", "lakip-xl", "xlwings", "DLL xlwings", "Interpreter", "Microsoft Word (PDF)",
                       "LibreOffice (PDF)", "OneDrive/SharePoint", "Mark of the Web"]  # fmt: skip
    assert s["Python"] == s["lakip-xl"] == s["xlwings"] == "OK"
    if os.name == "nt":
        # no interpreter configured in the empty home folder
        assert r.returncode == 1 and s["Interpreter"] == "PERLU" and "--perbaiki" in r.stdout
    else:
        # Excel (which reads the interpreter setting) does not run here: nothing to do
        assert s["Interpreter"] == "TIDAK BERLAKU", r.stdout
        assert r.returncode == (1 if "PERLU" in s.values() else 0)
    assert s["OneDrive/SharePoint"] == "OK"
    if os.name != "nt":
        assert s["DLL xlwings"] == s["Microsoft Word (PDF)"] == s["Mark of the Web"] == "TIDAK BERLAKU"
        lo = next(b for b in r.stdout.splitlines() if "LibreOffice (PDF)" in b)
        # found: the line names the program, which exists; missing: it says how to install it
        assert (s["LibreOffice (PDF)"] == "OK" and os.path.exists(lo.split(": ", 1)[1].rstrip("."))) or (
            s["LibreOffice (PDF)"] == "PERLU" and "libreoffice.org" in lo
        )


def test_periksa_instalasi_perbaiki_writes_the_user_config_and_keeps_its_lines(tmp_path):
    import sys

    conf = tmp_path / "rumah" / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text('"INTERPRETER_WIN","C:\\lama\\python.exe"\n"LICENSE_KEY","abc"\n')
    r = _periksa(tmp_path, "--perbaiki")
    assert f"ditulis ke: {conf}" in r.stdout, r.stdout + r.stderr
    # As 'xlwings config create' writes it: "INTERPRETER_WIN","<the running Python>".
    assert conf.read_text() == f'"INTERPRETER_WIN","{sys.executable}"\n"LICENSE_KEY","abc"\n'
    assert _baris(r)["Interpreter"] == "OK"
    assert f"INTERPRETER_WIN = {sys.executable} (dari {conf})" in r.stdout


def test_periksa_instalasi_reads_the_workbook_sheet_first(tmp_path):
    from alat import dengan_xlwings_pengguna

    buku = dengan_xlwings_pengguna(CONTOH, tmp_path / "buku.xlsm")
    _periksa(tmp_path, "--perbaiki")  # a working user setting, which the sheet's overrides
    r = _periksa(tmp_path, buku)
    assert "INTERPRETER_WIN = C:\\Users\\bendahara\\AppData\\Local\\Programs\\Python\\Python312\\python.exe " \
        "(dari lembar xlwings.conf di buku.xlsm) tidak ditemukan" in r.stdout, r.stdout  # fmt: skip
    assert _baris(r)["Interpreter"] == "PERLU"


def test_periksa_instalasi_missing_workbook_is_one_line(tmp_path):
    r = _periksa(tmp_path, tmp_path / "tidak-ada.xlsm")
    assert r.returncode == 2 and "tidak ditemukan" in r.stderr and "Traceback" not in r.stderr


def test_onedrive_and_mark_of_the_web_checks():
    from pathlib import Path

    from lakip_xl.doors.periksa_instalasi import PERLU, cek_mark_of_the_web, di_onedrive

    env = {"OneDriveCommercial": "/home/u/OneDrive - Kanwil"}
    assert di_onedrive(Path("/home/u/OneDrive - Kanwil/LAKIP/buku.xlsm"), env)
    assert di_onedrive(Path("/data/OneDrive/buku.xlsm"), {})
    assert di_onedrive("https://kanwil.sharepoint.com/sites/x/buku.xlsm", {})
    assert not di_onedrive(Path("/home/u/LAKIP/buku.xlsm"), env)
    diunduh = "[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://contoh.go.id/lakip.zip\r\n"
    h = cek_mark_of_the_web(Path("buku.xlsm"), zona=diunduh)
    assert h.status == PERLU and "Unblock" in h.pesan
    assert cek_mark_of_the_web(Path("buku.xlsm"), zona="[ZoneTransfer]\r\nZoneId=1\r\n").status == "OK"
