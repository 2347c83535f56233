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
    assert nilai and nilai[0]["row_count"] == 23
    assert any(a["func"] == "alert" and "9 galat" in a["args"][0] for a in aksi)


def test_report_goes_to_the_server_folder(alamat):
    url, folder = alamat
    r = httpx.post(f"{url}/tombol/buat_laporan", json=payload_from_xlsx(CONTOH, include_tables=False), timeout=300)
    assert r.status_code == 200, r.text
    assert (folder / "LAKIP_603111_2022_SemesterI.docx").exists()
    dialog = [a["args"][0] for a in r.json()["actions"] if a["func"] == "alert"]
    assert len(dialog) == 1  # the server cannot wait for an answer, so it does not ask
    assert str(folder) in dialog[0] and "DRAF" in dialog[0]


def test_functions_and_errors(alamat):
    url = alamat[0]
    r = httpx.post(f"{url}/fungsi/LAKIP_CAPAIAN", json={"args": [3.25, 1.63]}, timeout=10)
    assert r.status_code == 200 and abs(r.json()["nilai"] - 1.63 / 3.25 * 100) < 1e-12
    r = httpx.post(f"{url}/fungsi/LAKIP_TERBILANG", json={"args": [1001000]}, timeout=10)
    assert r.json()["nilai"] == "satu juta seribu rupiah"
    assert httpx.post(f"{url}/fungsi/TIDAK_ADA", json={"args": []}, timeout=10).status_code == 404
    assert httpx.post(f"{url}/tombol/hapus_semua", json={}, timeout=10).status_code == 404
    r = httpx.post(f"{url}/tombol/hitung_dan_validasi", json={"bukan": "buku kerja"}, timeout=10)
    assert r.status_code == 400 and "tidak dapat dibaca" in r.json()["detail"]


def test_api_key(alamat, monkeypatch):
    monkeypatch.setenv("LAKIP_XL_API_KEY", "rahasia")
    url = f"{alamat[0]}/fungsi/LAKIP_NKA"
    badan = {"args": [95.53, 99.61, 99.72, 59.98]}
    assert httpx.post(url, json=badan, timeout=10).status_code == 401
    r = httpx.post(url, json=badan, headers={"Authorization": "rahasia"}, timeout=10)
    assert r.status_code == 200 and abs(r.json()["nilai"] - 87.92791) < 1e-9


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
