"""PDF conversions: one LibreOffice per process, its profile kept (issue 14)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from lakip_xl.laporan import ke_pdf, render_docx, sesi_pdf
from lakip_xl.layanan import buka

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def docx_contoh(tmp_path_factory):
    isi, _ = render_docx(buka(ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"))
    p = tmp_path_factory.mktemp("docx") / "LAKIP.docx"
    p.write_bytes(isi)
    return p


@pytest.fixture
def sesi(tmp_path, monkeypatch):
    """A session of this test's own (the process's one is left alone), its cache in tmp_path."""
    monkeypatch.setenv("LAKIP_XL_CACHE", str(tmp_path / "cache"))
    s = sesi_pdf.SesiPdf()
    monkeypatch.setattr(sesi_pdf, "_sesi", s)
    yield s
    s.tutup()


def _office_di(folder: Path) -> list[psutil.Process]:
    """LibreOffice processes whose profile lies in ``folder`` (other tests' and other users'
    LibreOffice on the machine do not count)."""
    hasil = []
    for p in psutil.process_iter(["name", "cmdline"]):
        try:
            if "soffice" in (p.info["name"] or "") and str(folder) in " ".join(p.info["cmdline"] or ()):
                hasil.append(p)
        except psutil.Error:
            pass
    return hasil


def _isi_pdf(p: Path) -> str:
    assert p.read_bytes().startswith(b"%PDF")
    return subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True, check=True).stdout


def _daftar_isi_bernomor(teks: str) -> bool:
    return re.search(r"BAB III AKUNTABILITAS KINERJA\s*\.*\s*\d+", teks) is not None


def test_many_conversions_share_one_libreoffice_and_its_profile_is_kept(tmp_path, docx_contoh, sesi, lo, uno_python):
    n = sesi_pdf.jumlah_mulai
    pdf = [tmp_path / f"{i}.pdf" for i in range(3)]
    ke_pdf(docx_contoh, pdf[0])
    assert sesi._layanan is not None
    folder = sesi._layanan.folder
    kantor = _office_di(folder)
    assert len(kantor) == 1
    ke_pdf(docx_contoh, pdf[1])
    ke_pdf(docx_contoh, pdf[2])
    assert sesi_pdf.jumlah_mulai == n + 1
    assert [p.pid for p in _office_di(folder)] == [kantor[0].pid]  # the same LibreOffice all along
    for p in pdf:
        assert _daftar_isi_bernomor(_isi_pdf(p))  # the table of contents refreshed in each
    sesi.tutup()
    assert not sesi.berjalan()
    psutil.wait_procs(kantor, timeout=10)
    assert _office_di(folder) == []
    assert not folder.exists()
    disimpan = list((tmp_path / "cache" / "libreoffice").glob("*/user"))
    assert len(disimpan) == 1 and (disimpan[0] / "registrymodifications.xcu").exists()
    assert not list(disimpan[0].rglob(".lock"))
    # The next conversion starts LibreOffice again, with a copy of the kept profile.
    ke_pdf(docx_contoh, tmp_path / "lagi.pdf")
    assert sesi_pdf.jumlah_mulai == n + 2
    assert _daftar_isi_bernomor(_isi_pdf(tmp_path / "lagi.pdf"))


def test_a_service_that_died_is_started_again(tmp_path, docx_contoh, sesi, lo, uno_python):
    ke_pdf(docx_contoh, tmp_path / "a.pdf")
    n = sesi_pdf.jumlah_mulai
    layanan = sesi._layanan
    assert layanan is not None
    os.killpg(layanan.proc.pid, signal.SIGKILL)
    layanan.proc.wait(10)
    ke_pdf(docx_contoh, tmp_path / "b.pdf")
    assert sesi_pdf.jumlah_mulai == n + 1
    assert _daftar_isi_bernomor(_isi_pdf(tmp_path / "b.pdf"))
    assert not layanan.folder.exists()  # the dead service's temporary folder is gone


def test_an_idle_service_closes_by_itself(tmp_path, docx_contoh, sesi, lo, uno_python, monkeypatch):
    monkeypatch.setattr(sesi_pdf, "BATAS_MENGANGGUR", 0.5)
    ke_pdf(docx_contoh, tmp_path / "a.pdf")
    layanan = sesi._layanan
    assert layanan is not None
    batas = time.monotonic() + 30
    while sesi.berjalan() or layanan.folder.exists():  # closed, and its temporary folder gone
        assert time.monotonic() < batas, "LibreOffice yang menganggur tidak ditutup"
        time.sleep(0.1)
    assert layanan.proc.poll() is not None


def test_without_uno_soffice_converts(tmp_path, docx_contoh, sesi, lo, monkeypatch):
    monkeypatch.setattr(sesi_pdf, "kandidat_python", list)
    n = sesi_pdf.jumlah_mulai
    isi = _isi_pdf(ke_pdf(docx_contoh, tmp_path / "a.pdf"))
    assert "ASAL DOKUMEN" in isi
    assert sesi_pdf.jumlah_mulai == n and not sesi.berjalan()
    # soffice --convert-to keeps a profile too, for the next run.
    assert list((tmp_path / "cache" / "libreoffice").glob("*/user"))


def test_cli_pdf_leaves_no_office_process(tmp_path, lo, uno_python):
    """laporan --pdf in a new process: the PDF made, LibreOffice closed when the command ends."""
    import sys

    out = tmp_path / "LAKIP.docx"
    sementara = tmp_path / "sementara"  # the command's temporary folder: LibreOffice's profile lies in it
    sementara.mkdir()
    r = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "laporan", str(ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"),
         "-o", str(out), "--pdf"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "TMPDIR": str(sementara)},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert _daftar_isi_bernomor(_isi_pdf(out.with_suffix(".pdf")))
    batas = time.monotonic() + 10
    while _office_di(sementara):  # ended with the command (SIGKILL reaped by init within moments)
        assert time.monotonic() < batas, "LibreOffice masih berjalan setelah perintah selesai"
        time.sleep(0.1)
    assert list(sementara.iterdir()) == []
