"""xlwings Server app (FastAPI): the Beranda buttons and the worksheet functions over HTTP, so a
unit without local Python can use the buttons through a server at the Kanwil.

    lakip-xl server --host 0.0.0.0 --port 8000

Buttons: Excel's xlwings client (``RunServerPython "http://SERVER:8000/tombol/hitung_dan_validasi"``,
from the xlwings add-in) posts the workbook as JSON; the server runs the same function as the
desktop button on an ``xw.Book(json=...)`` and answers with the actions for Excel to apply.
Worksheet functions: ``POST /fungsi/LAKIP_CAPAIAN`` with ``{"args": [...]}`` returns ``{"nilai": ...}``.

Reports and Kanwil exports made through the server are written to the server's folder
``LAKIP_XL_FOLDER`` (default: the current folder), and the message box says where. With
``LAKIP_XL_API_KEY`` set, requests must send it in the ``Authorization`` header.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # remote Book; PolyForm Noncommercial

TOMBOL = ("hitung_dan_validasi", "buat_laporan", "buat_pdf", "ekspor_kanwil")


def buat_app() -> Any:
    """The FastAPI application."""
    import xlwings as xw
    from fastapi import FastAPI, Header, HTTPException
    from fastapi.responses import JSONResponse

    from . import excel, udf

    app = FastAPI(title="lakip-xl", description="Tombol dan fungsi lembar kerja LAKIP lewat xlwings Server.")

    def periksa_kunci(authorization: str | None) -> None:
        import hmac

        kunci = os.environ.get("LAKIP_XL_API_KEY")
        if kunci and not hmac.compare_digest((authorization or "").encode(), kunci.encode()):
            raise HTTPException(status_code=401, detail="Kunci API salah atau tidak ada (header Authorization).")

    @app.get("/sehat")
    def sehat() -> dict[str, str]:
        from .. import __version__

        return {"status": "baik", "versi": __version__}

    @app.post("/tombol/{nama}")
    def tombol(nama: str, payload: dict[str, Any], authorization: str | None = Header(default=None)) -> JSONResponse:
        periksa_kunci(authorization)
        if nama not in TOMBOL:
            raise HTTPException(status_code=404, detail=f"Tombol '{nama}' tidak dikenal. Pilihan: {', '.join(TOMBOL)}.")
        try:
            book = xw.Book(json=payload)
        except Exception as e:  # a payload xlwings cannot read
            raise HTTPException(
                status_code=400, detail=f"Data buku kerja tidak dapat dibaca ({type(e).__name__})."
            ) from None
        folder = Path(os.environ.get("LAKIP_XL_FOLDER", ".")).resolve()
        token = excel.FOLDER_KELUARAN.set(folder)  # per request: safe with concurrent requests
        try:
            getattr(excel, nama)(book)
            return JSONResponse(book.json())
        finally:
            excel.FOLDER_KELUARAN.reset(token)
            book.close()

    @app.post("/fungsi/{nama}")
    def fungsi(nama: str, badan: dict[str, Any], authorization: str | None = Header(default=None)) -> dict[str, Any]:
        periksa_kunci(authorization)
        if nama not in udf.semua_udf():
            raise HTTPException(status_code=404, detail=f"Fungsi '{nama}' tidak dikenal.")
        args = badan.get("args", [])
        if not isinstance(args, list):
            raise HTTPException(status_code=400, detail="'args' harus berupa daftar.")
        return {"nilai": getattr(udf, nama)(*args)}

    return app


def jalankan(host: str = "127.0.0.1", port: int = 8000) -> None:  # pragma: no cover - a long-running server
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1") and not os.environ.get("LAKIP_XL_API_KEY"):
        raise SystemExit(
            "Server yang dibuka ke jaringan memerlukan kunci API: isi LAKIP_XL_API_KEY, atau jalankan dengan --host 127.0.0.1."
        )

    uvicorn.run(buat_app(), host=host, port=port, log_level="info")
