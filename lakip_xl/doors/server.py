"""xlwings Server app (FastAPI): the Beranda buttons and the worksheet functions over HTTP, so a
unit without local Python can use the buttons through a server at the Kanwil.

    lakip-xl server --host 0.0.0.0 --port 8000

Buttons: Excel's xlwings client (``RunServerPython "http://SERVER:8000/tombol/hitung_dan_validasi"``,
from the xlwings add-in) posts the workbook as JSON; the server runs the same function as the
desktop button on an ``xw.Book(json=...)`` and answers with the actions for Excel to apply.
The worksheet functions (``LAKIP_...``) are not served: xlwings' custom-function route needs
the Office.js add-in, which this project does not ship; they run through the desktop UDFs.
A client of another xlwings version is told which version to install. "Buat PDF" answers
once the Word report is written and makes the PDF afterwards (the add-in gives up after 30 s;
a conversion takes about 15 s on a quiet machine), saying where the PDF will appear.

Reports and Kanwil exports made through the server are written to the server's folder
``LAKIP_XL_FOLDER`` (default: the current folder), and the message box says where. With
``LAKIP_XL_API_KEY`` set, requests must send it in the ``Authorization`` header.

Before any route sees a request, :class:`PenjagaPermintaan` checks the key (from the headers
alone, so an unauthenticated body is never read) and caps the body at
``LAKIP_XL_BATAS_BODY_MB`` megabytes (default :data:`BATAS_BODY_MB_BAWAAN`): by Content-Length
first, then while reading, for a body sent without one. Every error answer is JSON
``{"detail": "<one Indonesian line>"}``, also for malformed JSON and unexpected failures.
"""

from __future__ import annotations

import hmac
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..galat import LakipGalat, PengaturanTidakValid

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # remote Book; PolyForm Noncommercial

TOMBOL = ("hitung_dan_validasi", "buat_laporan", "buat_pdf", "ekspor_kanwil")

# A button posts the whole workbook: the master workbook is about 55 KB of JSON and the filled
# example about 80 KB (tests/alat/payload.py), so 32 MB leaves room for a few hundred times more
# rows while keeping one request's parsed body (a few times the bytes) well within memory.
BATAS_BODY_MB_BAWAAN = 32

# Paths anyone may GET without the key: the health check, and FastAPI's documentation pages
# (added in buat_app). Everything else needs the key when LAKIP_XL_API_KEY is set.
_PUBLIK = ("/sehat",)

_PESAN_STATUS = {
    400: "Permintaan tidak valid.",
    404: "Alamat tidak dikenal.",
    405: "Metode ini tidak diizinkan untuk alamat ini.",
    413: "Isi permintaan terlalu besar.",
    500: "Terjadi galat di server.",
}


def batas_body() -> int:
    """The body limit in bytes, from ``LAKIP_XL_BATAS_BODY_MB`` (whole megabytes, at least 1)."""
    teks = os.environ.get("LAKIP_XL_BATAS_BODY_MB", "").strip()
    if not teks:
        return BATAS_BODY_MB_BAWAAN * 1024 * 1024
    try:
        mb = int(teks)
    except ValueError:
        mb = 0
    if mb < 1:
        raise PengaturanTidakValid(
            f"LAKIP_XL_BATAS_BODY_MB harus bilangan bulat megabita paling sedikit 1, bukan '{teks}'."
        )
    return mb * 1024 * 1024


def _kunci_benar(authorization: str | None) -> bool:
    kunci = os.environ.get("LAKIP_XL_API_KEY")
    return not kunci or hmac.compare_digest((authorization or "").encode(), kunci.encode())


class _BodyTerlaluBesar(Exception):
    """Control flow inside PenjagaPermintaan only (answered as 413); never leaves this module."""


class PenjagaPermintaan:
    """ASGI middleware in front of every route: the key, then the body size, then the route.

    The key is checked from the headers before a byte of the body is read (401). The body is
    refused by its Content-Length when that is over the limit, and otherwise read here with a
    running count, so a body sent without (or with a smaller) Content-Length stops at the
    limit too (413). The route then gets the body that was read, as one message.
    """

    def __init__(self, app: ASGIApp, publik: frozenset[str]) -> None:
        self.app = app
        self.publik = publik

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.datastructures import Headers

        headers = Headers(scope=scope)
        batas = batas_body()
        panjang = headers.get("content-length")
        if panjang is not None and not (panjang.strip().isascii() and panjang.strip().isdigit()):
            await _jawab(scope, receive, send, 400, "Header Content-Length tidak valid.", tutup=True)
            return
        # An answer before the body is read: up to the limit, uvicorn reads the rest and drops it,
        # so the client reliably gets the message; a body over the limit, or of unknown length,
        # closes the connection instead of taking it in.
        tutup = int(panjang) > batas if panjang is not None else "transfer-encoding" in headers
        terbuka = scope["method"] in ("GET", "HEAD") and scope["path"] in self.publik
        if not terbuka and not _kunci_benar(headers.get("authorization")):
            pesan = "Kunci API salah atau tidak ada (header Authorization)."
            await _jawab(scope, receive, send, 401, pesan, tutup=tutup)
            return
        pesan_besar = (
            f"Isi permintaan lebih dari {batas // (1024 * 1024)} MB; "
            "batas dapat diubah dengan LAKIP_XL_BATAS_BODY_MB di server."
        )
        if panjang is not None and int(panjang) > batas:
            await _jawab(scope, receive, send, 413, pesan_besar, tutup=True)
            return
        try:
            body = await _baca_body(receive, batas)
        except _BodyTerlaluBesar:
            await _jawab(scope, receive, send, 413, pesan_besar, tutup=True)
            return
        if body is None:  # the client went away
            return
        terkirim = False

        async def ulang() -> Message:
            nonlocal terkirim
            if not terkirim:
                terkirim = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, ulang, send)


async def _baca_body(receive: Receive, batas: int) -> bytes | None:
    """The whole body, or None when the client disconnects; raises once it passes ``batas``."""
    potongan = bytearray()
    while True:
        pesan = await receive()
        if pesan["type"] == "http.disconnect":
            return None
        potongan += pesan.get("body", b"")
        if len(potongan) > batas:
            raise _BodyTerlaluBesar
        if not pesan.get("more_body", False):
            return bytes(potongan)


async def _jawab(scope: Scope, receive: Receive, send: Send, status: int, pesan: str, tutup: bool) -> None:
    """An error answer sent before the body was read; ``tutup`` closes the connection after it."""
    from starlette.responses import JSONResponse

    headers = {"Connection": "close"} if tutup else None
    await JSONResponse({"detail": pesan}, status_code=status, headers=headers)(scope, receive, send)


def buat_app() -> Any:
    """The FastAPI application."""
    import xlwings as xw
    from fastapi import FastAPI, HTTPException, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from . import excel

    batas_body()  # a bad LAKIP_XL_BATAS_BODY_MB stops the start, not the first request

    app = FastAPI(title="lakip-xl", description="Tombol dan fungsi lembar kerja LAKIP lewat xlwings Server.")
    publik = {*_PUBLIK, app.openapi_url, app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url}
    app.add_middleware(PenjagaPermintaan, publik=frozenset(p for p in publik if p))

    @app.exception_handler(StarletteHTTPException)
    async def galat_http(request: Request, e: StarletteHTTPException) -> JSONResponse:
        import http

        pesan = e.detail
        if pesan == http.HTTPStatus(e.status_code).phrase:  # Starlette's English default
            pesan = _PESAN_STATUS.get(e.status_code, f"Permintaan gagal (HTTP {e.status_code}).")
        return JSONResponse({"detail": pesan}, status_code=e.status_code, headers=e.headers)

    @app.exception_handler(RequestValidationError)
    async def galat_isi(request: Request, e: RequestValidationError) -> JSONResponse:
        if any(g.get("type") == "json_invalid" for g in e.errors()):
            return JSONResponse({"detail": "Isi permintaan bukan JSON yang sah."}, status_code=400)
        return JSONResponse(
            {"detail": "Isi permintaan harus berupa objek JSON (Content-Type: application/json)."}, status_code=422
        )

    @app.exception_handler(Exception)
    async def galat_lain(request: Request, e: Exception) -> JSONResponse:
        # Starlette still logs the traceback on the server; the client gets one Indonesian line.
        pesan = str(e) if isinstance(e, LakipGalat) else f"Terjadi galat tak terduga di server ({type(e).__name__})."
        return JSONResponse({"detail": pesan}, status_code=500)

    @app.get("/sehat")
    def sehat() -> dict[str, str]:
        from .. import __version__

        return {"status": "baik", "versi": __version__}

    # response_model=None: the return annotation is a string (postponed annotations) naming a
    # class imported in this function, which FastAPI cannot resolve for /openapi.json.
    @app.post("/tombol/{nama}", response_model=None)
    def tombol(nama: str, payload: dict[str, Any]) -> JSONResponse:
        if nama not in TOMBOL:
            raise HTTPException(status_code=404, detail=f"Tombol '{nama}' tidak dikenal. Pilihan: {', '.join(TOMBOL)}.")
        versi = payload.get("version")
        if isinstance(versi, str) and versi != xw.__version__:
            # xlwings refuses another version with an English XlwingsError: say what to install.
            raise HTTPException(
                status_code=400,
                detail=f"Add-in xlwings di Excel ini versi {versi}, server memerlukan tepat versi {xw.__version__}. "
                f"Pasang add-in yang sama: pip install xlwings=={xw.__version__} lalu xlwings addin install.",
            )
        try:
            book = xw.Book(json=payload)
        except Exception as e:  # a payload xlwings cannot read
            raise HTTPException(
                status_code=400, detail=f"Data buku kerja tidak dapat dibaca ({type(e).__name__})."
            ) from None
        folder = Path(os.environ.get("LAKIP_XL_FOLDER", ".")).resolve()
        token = excel.FOLDER_KELUARAN.set(folder)  # per request: safe with concurrent requests
        token_latar = excel.PDF_DI_LATAR.set(True)  # PDF made after the answer: the add-in waits 30 s at most
        try:
            getattr(excel, nama)(book)
            return JSONResponse(book.json())
        finally:
            excel.FOLDER_KELUARAN.reset(token)
            excel.PDF_DI_LATAR.reset(token_latar)
            book.close()

    return app


def jalankan(host: str = "127.0.0.1", port: int = 8000) -> None:  # pragma: no cover - a long-running server
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1") and not os.environ.get("LAKIP_XL_API_KEY"):
        raise SystemExit(
            "Server yang dibuka ke jaringan memerlukan kunci API: isi LAKIP_XL_API_KEY, atau jalankan dengan --host 127.0.0.1."
        )
    try:
        app = buat_app()
    except LakipGalat as e:
        raise SystemExit(str(e)) from None
    uvicorn.run(app, host=host, port=port, log_level="info")
