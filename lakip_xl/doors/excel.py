"""Functions behind the Beranda buttons, called by VBA ``RunPython`` through xlwings.

Each takes an optional ``book`` (tests and xlwings Server pass one; from Excel it is
``xw.Book.caller()``). The live workbook is read through the schema, so unsaved edits count.
The functions only ever write to the Validasi sheet and the Beranda "Terakhir diperiksa" cell,
never to an input cell; everything is computed before anything is written, so an error leaves
the workbook as it was. Every failure becomes an Indonesian message box.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from babel.dates import format_datetime

from ..buku_kerja import skema as S
from ..buku_kerja.langsung import jarak_jauh, nama_terdefinisi
from ..compute.angka import format_angka, format_persen
from ..galat import BerkasTidakValid, LakipGalat
from ..layanan import Dokumen, buka_buku

JUDUL = "lakip-xl"
MAKS_TEMUAN_DIALOG = 8


# -- talking to the user ------------------------------------------------------------------------


def _status(book: Any, teks: str | None) -> None:
    try:
        book.app.status_bar = teks if teks else False
    except Exception:  # not available on xlwings' remote engine
        pass


def _pesan(book: Any, teks: str, tanya: bool = False) -> str | None:
    try:
        return book.app.alert(teks, title=JUDUL, buttons="yes_no" if tanya else "ok")
    except Exception:
        return None


def _jalankan(book: Any, tugas: str, fn: Callable[[Any], str]) -> str:
    """Run a button's work; any failure becomes a readable message and nothing is written."""
    import xlwings as xw

    try:
        book = book or xw.Book.caller()
    except Exception as e:
        return f"Buku kerja pemanggil tidak ditemukan ({type(e).__name__})."
    _status(book, f"lakip-xl: {tugas}...")
    try:
        teks = fn(book)
    except LakipGalat as e:
        teks = f"{tugas} gagal: {e}"
    except Exception as e:
        teks = f"{tugas} gagal karena kesalahan tak terduga ({type(e).__name__}: {e}). Buku kerja tidak diubah."
    finally:
        _status(book, None)
    _pesan(book, teks)
    return teks


def _waktu() -> str:
    return format_datetime(dt.datetime.now(), "d MMMM y HH.mm", locale="id")


# Where a remote (server) book's report or export goes; set per request by the server app.
FOLDER_KELUARAN: ContextVar[Path | None] = ContextVar("lakip_xl_folder_keluaran", default=None)
# Set by the server: "Buat PDF" answers once the .docx is written and converts afterwards.
PDF_DI_LATAR: ContextVar[bool] = ContextVar("lakip_xl_pdf_di_latar", default=False)
_latar: Any = None  # the one worker thread for background PDFs (made on first use)
_kunci_latar = threading.Lock()


def _di_latar(tugas: Callable[[], object]) -> Any:
    """Run ``tugas`` in the background worker (one at a time: a PDF conversion uses a whole core)."""
    global _latar
    from concurrent.futures import ThreadPoolExecutor

    with _kunci_latar:
        if _latar is None:
            _latar = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lakip-pdf")
    return _latar.submit(tugas)


def _pdf_latar(docx: Path, pdf: Path) -> None:
    import logging

    from ..laporan import ke_pdf_dengan

    try:
        ke_pdf_dengan(docx, pdf)
    except Exception as e:  # nobody waits for the answer: the server's log says what happened
        logging.getLogger("lakip_xl").error("PDF %s tidak dibuat: %s", pdf, e)


def nama_aman(*bagian: object) -> str:
    """A file name from values typed in a workbook: letters, digits, '_' and '-' only."""
    import re

    teks = "_".join(str(b) for b in bagian if b not in (None, ""))
    return re.sub(r"[^0-9A-Za-z-]+", "_", teks).strip("_-") or "LAKIP"


def _di_dalam(folder: Path, path: Path) -> Path:
    if not path.resolve().is_relative_to(folder.resolve()):
        raise BerkasTidakValid(f"Nama berkas keluaran '{path.name}' tidak sah.")
    return path


def _buka(book: Any) -> Dokumen:
    # Under the server the book's name comes from the client: never read a file it names.
    return buka_buku(book, baca_berkas=FOLDER_KELUARAN.get() is None)


def _folder(book: Any) -> Path:
    tetap = FOLDER_KELUARAN.get()
    if tetap is not None:
        return tetap
    p = Path(book.fullname)
    return p.parent if p.is_absolute() else Path.cwd()


# -- the buttons --------------------------------------------------------------------------------


def _tulis_validasi(book: Any, dok: Dokumen) -> None:
    assert dok.buku_kerja is not None
    temuan, hasil = dok.temuan, dok.hasil
    p = dok.buku_kerja.tata.posisi["Temuan"]
    sh = book.sheets[p.lembar]
    awal = p.awal + 1  # 1-based row of the first finding
    semua = temuan
    tampil = semua[: S.MAKS_TEMUAN - 1]  # Beranda counts this many rows; the last one says what was cut
    sh.range((awal, 1), (awal + S.MAKS_TEMUAN - 1, 4)).clear_contents()
    if tampil:
        baris = [[t.tingkat, t.kode, t.lokasi, t.pesan] for t in tampil]
        if len(semua) > len(tampil):
            baris.append(
                [
                    "-",
                    "-",
                    "-",
                    f"{len(semua) - len(tampil)} temuan lain tidak ditampilkan; jalankan 'lakip-xl validasi'.",
                ]
            )
        sh.range((awal, 1)).value = baris
        for i, t in enumerate(tampil):
            if t.lokasi_sel and "!" in t.lokasi_sel:
                lembar, sel = t.lokasi_sel.split("!")
                sh.range((awal + i, 3)).add_hyperlink(f"#'{lembar}'!{sel}", t.lokasi_sel, f"Buka {t.lokasi_sel}")
    else:
        sh.range((awal, 1)).value = [["-", "-", "-", "Tidak ada temuan."]]
    ik = hasil.ikpa
    galat = dok.jumlah_galat
    ringkas = [
        ["Hasil perhitungan Python", ""],
        ["Diperiksa pada", _waktu()],
        ["Galat", galat],
        ["Peringatan", len(temuan) - galat],
        ["Nilai akhir IKPA", format_angka(ik.nilai_akhir) if ik else "-"],
        ["Predikat IKPA", (ik.predikat or "-") if ik else "-"],
        ["Nilai Kinerja Anggaran", format_angka(hasil.nka.nilai)],
        ["Penyerapan total", format_persen(hasil.anggaran.penyerapan)],
        ["Rata-rata capaian IKU", format_persen(hasil.rata_rata_capaian_iku)],
    ]
    lembar, r, c = S.SEL_RINGKASAN_VALIDASI
    book.sheets[lembar].range((r + 1, c + 1)).value = ringkas
    nama = nama_terdefinisi(book).get("TerakhirDiperiksa")
    if nama:
        lembar, r, c, _, _ = nama
        book.sheets[lembar].range(
            (r + 1, c + 1)
        ).value = f"{_waktu()} ({galat} galat, {len(temuan) - galat} peringatan)"


def hitung_dan_validasi(book: Any = None) -> str:
    """Tombol 'Hitung dan Validasi': periksa data, tulis temuan (dengan tautan ke selnya) ke lembar Validasi."""

    def kerja(b: Any) -> str:
        dok = _buka(b)
        _tulis_validasi(b, dok)
        return (
            f"Pemeriksaan selesai: {dok.jumlah_galat} galat, {dok.jumlah_peringatan} peringatan. "
            "Lihat lembar Validasi; klik lokasi untuk menuju selnya."
        )

    return _jalankan(book, "Hitung dan Validasi", kerja)


def _laporan(book: Any, pdf: bool) -> str:
    def kerja(b: Any) -> str:
        from ..laporan import NAMA_PROGRAM_PDF, nama_berversi, susun_laporan

        dok = _buka(b)
        galat = dok.galat
        catatan_draf = ""
        if galat and jarak_jauh(b):
            # xlwings Server cannot wait for an answer: make the draft and say so.
            catatan_draf = (
                f"\n\nLaporan dibuat sebagai DRAF karena data masih memiliki {len(galat)} galat (lihat lampirannya)."
            )
        elif galat:
            daftar = "\n".join(f"- {t.lokasi}: {t.pesan}" for t in galat[:MAKS_TEMUAN_DIALOG])
            lagi = f"\n... dan {len(galat) - MAKS_TEMUAN_DIALOG} lainnya." if len(galat) > MAKS_TEMUAN_DIALOG else ""
            jawab = _pesan(
                b,
                f"Data masih memiliki {len(galat)} galat:\n{daftar}{lagi}\n\n"
                "Tetap buat laporan? Laporan akan ditandai DRAF dan temuan dilampirkan.",
                tanya=True,
            )
            if jawab is not None and str(jawab).lower() != "yes":
                return "Laporan tidak dibuat. Perbaiki galat (lihat 'Hitung dan Validasi'), lalu coba lagi."
        p = dok.lakip.profil
        dasar = nama_aman("LAKIP", p.kode_satker, p.tahun, p.periode.replace(" ", ""))
        folder = _folder(b)
        tujuan = _di_dalam(folder, nama_berversi(folder / f"{dasar}.docx"))
        _status(b, "lakip-xl: menyusun laporan...")
        latar = pdf and PDF_DI_LATAR.get()
        h = susun_laporan(dok, tujuan, pdf=pdf and not latar)
        teks = f"Laporan Word disimpan di:\n{h.docx}"
        if latar:
            tujuan_pdf = h.docx.with_suffix(".pdf")
            _di_latar(lambda: _pdf_latar(h.docx, tujuan_pdf))
            teks += (
                f"\nLaporan PDF sedang dibuat di server dan akan muncul di:\n{tujuan_pdf}\n"
                "(biasanya dalam satu menit; bila tidak muncul, lihat log server)."
            )
        if h.pdf:
            oleh = NAMA_PROGRAM_PDF.get(h.pdf_oleh or "", h.pdf_oleh)
            teks += f"\nLaporan PDF (dibuat dengan {oleh}) disimpan di:\n{h.pdf}"
        if h.pesan:
            teks += "\n\n" + "\n".join(h.pesan)
        return teks + catatan_draf

    return _jalankan(book, "Buat PDF" if pdf else "Buat Laporan", kerja)


def buat_laporan(book: Any = None) -> str:
    """Tombol 'Buat Laporan (Word)': susun laporan .docx di folder buku kerja (nama berversi)."""
    return _laporan(book, pdf=False)


def buat_pdf(book: Any = None) -> str:
    """Tombol 'Buat PDF': susun laporan .docx dan .pdf (lewat Microsoft Word di Windows, atau LibreOffice)."""
    return _laporan(book, pdf=True)


def ekspor_kanwil(book: Any = None) -> str:
    """Tombol 'Ekspor untuk Kanwil': salinan bersih buku kerja dan data JSON, dinamai kode satker dan tahun."""

    def kerja(b: Any) -> str:
        from ..buku_kerja.tulis import bangun_buku_kerja
        from ..laporan import nama_berversi
        from ..schema.data import tulis_json

        dok = _buka(b)
        p = dok.lakip.profil
        if not p.kode_satker or p.tahun is None:
            return "Ekspor dibatalkan: isi kode satker dan tahun anggaran di lembar Profil lebih dulu."
        dasar = nama_aman(p.kode_satker, p.tahun, p.periode.replace(" ", ""))
        folder = _folder(b) / "Kirim_Kanwil"
        buku = _di_dalam(folder, nama_berversi(folder / f"{dasar}.xlsm", pendamping=(".json",)))
        data = buku.with_suffix(".json")
        _status(b, "lakip-xl: menyiapkan salinan untuk Kanwil...")
        conf = dok.buku_kerja.xlwings_conf if dok.buku_kerja else ()
        bangun_buku_kerja(dok.lakip, buku, aturan=dok.aturan, temuan=dok.temuan, timpa=False, xlwings_conf=conf)
        tulis_json(dok.lakip, data, timpa=False, aturan=dok.aturan)
        galat = dok.jumlah_galat
        catatan = f"\n\nPerhatian: data masih memiliki {galat} galat." if galat else ""
        return f"Berkas untuk Kanwil disimpan di:\n{buku}\n{data}{catatan}"

    return _jalankan(book, "Ekspor untuk Kanwil", kerja)
