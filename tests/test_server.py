"""The xlwings Server app, called over HTTP on loopback."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from lakip_xl.doors.server import buat_app

from alat.payload import payload_from_xlsx

ROOT = Path(__file__).parents[1]
CONTOH = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"


@pytest.fixture(scope="module")
def alamat(tmp_path_factory):
    import os

    folder = tmp_path_factory.mktemp("server")
    os.environ["LAKIP_XL_FOLDER"] = str(folder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(buat_app(), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    batas = time.time() + 30
    while not server.started:
        assert time.time() < batas, "server tidak mulai"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", folder
    server.should_exit = True
    t.join(timeout=10)
    del os.environ["LAKIP_XL_FOLDER"]


def test_health(alamat):
    r = httpx.get(f"{alamat[0]}/sehat", timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "baik"


def test_button_over_http(alamat):
    r = httpx.post(
        f"{alamat[0]}/tombol/hitung_dan_validasi", json=payload_from_xlsx(CONTOH, include_tables=False), timeout=120
    )
    assert r.status_code == 200, r.text
    aksi = r.json()["actions"]
    nilai = [a for a in aksi if a["func"] == "setValues" and a["column_count"] == 4]
    assert nilai and nilai[0]["row_count"] == 38  # 9 galat + 29 peringatan (test_excel.py)
    assert any(a["func"] == "alert" and "9 galat" in a["args"][0] for a in aksi)


def test_report_goes_to_the_server_folder(alamat):
    url, folder = alamat
    r = httpx.post(f"{url}/tombol/buat_laporan", json=payload_from_xlsx(CONTOH, include_tables=False), timeout=300)
    assert r.status_code == 200, r.text
    assert (folder / "LAKIP_603111_2022_SemesterI.docx").exists()
    dialog = [a["args"][0] for a in r.json()["actions"] if a["func"] == "alert"]
    assert len(dialog) == 1  # the server cannot wait for an answer, so it does not ask
    assert str(folder) in dialog[0] and "DRAF" in dialog[0]


def test_errors_and_no_function_route(alamat):
    url = alamat[0]
    # /fungsi/* was an API no xlwings client calls: removed (README, section Server).
    assert httpx.post(f"{url}/fungsi/LAKIP_CAPAIAN", json={"args": [3.25, 1.63]}, timeout=10).status_code == 404
    assert httpx.post(f"{url}/tombol/hapus_semua", json={}, timeout=10).status_code == 404
    r = httpx.post(f"{url}/tombol/hitung_dan_validasi", json={"bukan": "buku kerja"}, timeout=10)
    assert r.status_code == 400 and "tidak dapat dibaca" in r.json()["detail"]


def test_api_key(alamat, monkeypatch):
    monkeypatch.setenv("LAKIP_XL_API_KEY", "rahasia")
    url = f"{alamat[0]}/tombol/hitung_dan_validasi"
    badan = payload_from_xlsx(CONTOH, include_tables=False)
    assert httpx.post(url, json=badan, timeout=10).status_code == 401
    r = httpx.post(url, json=badan, headers={"Authorization": "rahasia"}, timeout=120)
    assert r.status_code == 200 and "actions" in r.json()


def _ganti_sel(payload, nama, nilai):
    """Put a value into the cell a defined name points at, in a JSON payload."""
    from xlsxwriter.utility import xl_cell_to_rowcol

    n = next(x for x in payload["names"] if x["name"] == nama)
    r, c = xl_cell_to_rowcol(n["address"])
    payload["sheets"][n["sheet_index"]]["values"][r][c] = nilai


def test_names_from_the_client_cannot_escape_the_folder(alamat, tmp_path):
    url, folder = alamat
    jahat = tmp_path / "jahat"
    payload = payload_from_xlsx(CONTOH, include_tables=False)
    _ganti_sel(payload, "KodeSatker", f"{jahat}/../x")
    payload["book"]["name"] = "/etc/hostname"
    r = httpx.post(f"{url}/tombol/ekspor_kanwil", json=payload, timeout=300)
    assert r.status_code == 200, r.text
    assert not jahat.exists() and not (tmp_path / "x_2022_SemesterI.xlsm").exists()
    dibuat = sorted(p.name for p in (folder / "Kirim_Kanwil").iterdir())
    assert dibuat and all("/" not in n and ".." not in n for n in dibuat)
    r = httpx.post(f"{url}/tombol/buat_laporan", json=payload, timeout=300)
    assert r.status_code == 200
    import hashlib

    from docx import Document

    laporan = max(folder.glob("LAKIP_*.docx"), key=lambda p: p.stat().st_mtime)
    teks = "\n".join(p.text for p in Document(str(laporan)).paragraphs)
    assert hashlib.sha256(Path("/etc/hostname").read_bytes()).hexdigest() not in teks
    assert "hostname (isi yang sedang terbuka)" in teks


MB = 1024 * 1024


def _blok(jumlah_mb, ukuran=64 * 1024):
    """A body of ``jumlah_mb`` MB as a generator of one reused block: the client holds 64 KB."""
    blok = b"x" * ukuran
    return (blok for _ in range(jumlah_mb * MB // ukuran))


def _dengan_puncak_memori(fn):
    """Run fn; its result and the peak of Python allocations above the start, in MB.

    tracemalloc counts every thread, so the uvicorn server of the fixture is measured too.
    """
    import tracemalloc

    tracemalloc.start()
    try:
        awal = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        hasil = fn()
        return hasil, (tracemalloc.get_traced_memory()[1] - awal) / MB
    finally:
        tracemalloc.stop()


def test_unauthenticated_huge_body_is_refused_unread(alamat, monkeypatch):
    monkeypatch.setenv("LAKIP_XL_API_KEY", "rahasia")
    url = f"{alamat[0]}/tombol/hitung_dan_validasi"
    r, puncak = _dengan_puncak_memori(lambda: httpx.post(url, content=_blok(200), timeout=120))
    assert r.status_code == 401 and "Kunci API" in r.json()["detail"]
    assert puncak < 100, f"{puncak:.0f} MB dialokasikan untuk body yang ditolak"


def test_oversize_body_by_content_length(alamat, monkeypatch):
    monkeypatch.setenv("LAKIP_XL_API_KEY", "rahasia")
    kunci = {"Authorization": "rahasia"}
    url = f"{alamat[0]}/tombol/hitung_dan_validasi"
    # default limit 32 MB: 33 MB announced by Content-Length is refused before it is read
    r, puncak = _dengan_puncak_memori(
        lambda: httpx.post(url, content=_blok(33), headers={**kunci, "Content-Length": str(33 * MB)}, timeout=120)
    )
    assert r.status_code == 413 and "lebih dari 32 MB" in r.json()["detail"]
    assert "LAKIP_XL_BATAS_BODY_MB" in r.json()["detail"]
    assert puncak < 16, f"{puncak:.0f} MB dialokasikan untuk body yang ditolak"
    monkeypatch.setenv("LAKIP_XL_BATAS_BODY_MB", "1")
    r = httpx.post(url, content=b"x" * (MB + 1), headers=kunci, timeout=60)
    assert r.status_code == 413 and "lebih dari 1 MB" in r.json()["detail"]


def test_oversize_body_without_content_length(alamat, monkeypatch):
    monkeypatch.setenv("LAKIP_XL_BATAS_BODY_MB", "1")
    url = f"{alamat[0]}/tombol/hitung_dan_validasi"
    r, puncak = _dengan_puncak_memori(lambda: httpx.post(url, content=_blok(50), timeout=120))
    assert "content-length" not in r.request.headers  # sent chunked
    assert r.status_code == 413 and "lebih dari 1 MB" in r.json()["detail"]
    assert puncak < 16, f"{puncak:.0f} MB dialokasikan untuk body yang ditolak"
    # just under the limit, also without Content-Length, still reaches the route (which reads it)
    badan = b'{"bukan": "buku kerja", "isi": "' + b"x" * (MB - 100) + b'"}'
    assert len(badan) <= MB
    r = httpx.post(
        url,
        content=iter([badan[: MB // 2], badan[MB // 2 :]]),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert r.status_code == 400 and "tidak dapat dibaca" in r.json()["detail"], r.text


def test_bad_limit_setting_stops_the_start(monkeypatch):
    from lakip_xl.galat import LakipGalat

    for nilai in ("0", "-5", "banyak", "1.5"):
        monkeypatch.setenv("LAKIP_XL_BATAS_BODY_MB", nilai)
        with pytest.raises(LakipGalat, match="LAKIP_XL_BATAS_BODY_MB"):
            buat_app()


def test_no_route_answers_500(alamat):
    url = alamat[0]
    jalur = [r.path for r in buat_app().routes]
    assert {"/openapi.json", "/docs", "/sehat", "/tombol/{nama}"} <= set(jalur)
    assert not any(p.startswith("/fungsi") for p in jalur)
    for p in jalur:
        r = httpx.get(url + p.replace("{nama}", "hitung_dan_validasi"), timeout=10)
        assert r.status_code < 500, (p, r.status_code, r.text[:300])
    r = httpx.get(f"{url}/openapi.json", timeout=10)
    assert r.status_code == 200 and {"/tombol/{nama}"} <= set(r.json()["paths"])
    assert httpx.get(f"{url}/docs", timeout=10).status_code == 200
    r = httpx.get(f"{url}/tombol/hitung_dan_validasi", timeout=10)
    assert r.status_code == 405 and r.json()["detail"] == "Metode ini tidak diizinkan untuk alamat ini."
    r = httpx.get(f"{url}/tidak-ada", timeout=10)
    assert r.status_code == 404 and r.json()["detail"] == "Alamat tidak dikenal."


def test_malformed_json_gets_an_indonesian_answer(alamat):
    url = alamat[0]
    json_h = {"Content-Type": "application/json"}
    for p in ("/tombol/hitung_dan_validasi",):
        r = httpx.post(url + p, content=b'{"args": [1,', headers=json_h, timeout=10)
        assert r.status_code == 400 and r.json() == {"detail": "Isi permintaan bukan JSON yang sah."}
        r = httpx.post(url + p, content=b"[1, 2]", headers=json_h, timeout=10)
        assert r.status_code == 422 and r.json() == {
            "detail": "Isi permintaan harus berupa objek JSON (Content-Type: application/json)."
        }


def test_unexpected_failure_is_a_json_line(alamat, monkeypatch):
    from lakip_xl.doors import excel

    def rusak(*args):
        raise RuntimeError("rincian internal")

    monkeypatch.setattr(excel, "hitung_dan_validasi", rusak)
    badan = payload_from_xlsx(CONTOH, include_tables=False)
    r = httpx.post(f"{alamat[0]}/tombol/hitung_dan_validasi", json=badan, timeout=60)
    assert r.status_code == 500 and r.headers["content-type"] == "application/json"
    assert r.json() == {"detail": "Terjadi galat tak terduga di server (RuntimeError)."}


def test_another_xlwings_version_is_told_which_to_install(alamat):
    import xlwings

    badan = payload_from_xlsx(CONTOH, include_tables=False)
    badan["version"] = "0.37.9"
    r = httpx.post(f"{alamat[0]}/tombol/hitung_dan_validasi", json=badan, timeout=60)
    assert r.status_code == 400
    assert r.json()["detail"] == (
        f"Add-in xlwings di Excel ini versi 0.37.9, server memerlukan tepat versi {xlwings.__version__}. "
        f"Pasang add-in yang sama: pip install xlwings=={xlwings.__version__} lalu xlwings addin install."
    )


def test_pdf_answers_before_the_conversion_and_the_pdf_follows(alamat, monkeypatch):
    """The add-in gives up after 30 s: the answer comes once the .docx is written, the PDF after."""
    import lakip_xl.laporan
    from lakip_xl.berkas import tulis_atomik

    mulai = threading.Event()
    lanjut = threading.Event()

    def pelan(docx, pdf, timpa=False):
        mulai.set()
        assert lanjut.wait(60)
        return tulis_atomik(pdf, b"%PDF-1.7 palsu", timpa=timpa), "libreoffice"

    monkeypatch.setattr(lakip_xl.laporan, "ke_pdf_dengan", pelan)
    url, folder = alamat
    r = httpx.post(f"{url}/tombol/buat_pdf", json=payload_from_xlsx(CONTOH, include_tables=False), timeout=60)
    assert r.status_code == 200
    pesan = next(a["args"][0] for a in r.json()["actions"] if a["func"] == "alert")
    docx = max(folder.glob("LAKIP_603111_2022_SemesterI*.docx"), key=lambda p: p.stat().st_mtime_ns)
    pdf = docx.with_suffix(".pdf")
    assert f"akan muncul di:\n{pdf}" in pesan, pesan
    assert mulai.wait(60) and not pdf.exists()  # the conversion is still running: the answer did not wait
    lanjut.set()
    batas = time.time() + 60
    while not pdf.exists():
        assert time.time() < batas, "PDF tidak muncul"
        time.sleep(0.05)
    assert pdf.read_bytes() == b"%PDF-1.7 palsu"
