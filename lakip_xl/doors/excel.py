"""Functions behind the Beranda buttons (called by VBA ``RunPython`` via xlwings).

The full behaviour arrives with the Excel-integration work; until then each button tells the
user, in Indonesian, what to use instead.
"""

from __future__ import annotations

BELUM = "Fungsi '{nama}' belum tersedia pada versi lakip-xl ini. Sementara itu gunakan baris perintah: {ganti}"


def _beri_tahu(nama: str, ganti: str) -> str:
    teks = BELUM.format(nama=nama, ganti=ganti)
    try:  # inside Excel: show a message box
        import xlwings as xw

        xw.Book.caller().app.alert(teks, title="lakip-xl")
    except Exception:  # outside Excel (tests, command line): just return the text
        pass
    return teks


def hitung_dan_validasi() -> str:
    return _beri_tahu("Hitung & Validasi", "lakip-xl validasi BUKU.xlsm")


def buat_laporan() -> str:
    return _beri_tahu("Buat Laporan (Word)", "lakip-xl laporan BUKU.xlsm -o LAPORAN.docx")


def buat_pdf() -> str:
    return _beri_tahu("Buat PDF", "lakip-xl laporan BUKU.xlsm -o LAPORAN.docx --pdf")


def ekspor_kanwil() -> str:
    return _beri_tahu("Ekspor untuk Kanwil", "lakip-xl ekspor-data BUKU.xlsm -o DATA.json")
