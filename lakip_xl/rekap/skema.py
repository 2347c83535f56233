"""The Rekap sheet, declared with the master workbook's own kinds of declaration.

One :class:`~lakip_xl.buku_kerja.skema.Tabel` whose columns are the unit rows' fields
(``Kolom.hasil``: the key of a row's values, see ``tulis._BukuRekap._nilai_baris``), with formula
templates in the same ``{kolom}`` / ``{kolom:}`` syntax, and a :class:`Total` per totalled
column whose ``hasil`` is the key of :func:`lakip_xl.rekap.tulis.totals`. The writer derives
headers, formats, widths, formulas and defined names from it.
"""

from __future__ import annotations

from ..buku_kerja.skema import Kolom, Tabel, Total, penyerapan

LEMBAR = "Rekap"
KUNCI = "Rekap"


def _rata(k: str) -> str:
    return f'IF(COUNT({{{k}:}})=0,"",AVERAGE({{{k}:}}))'


def _jumlah(k: str) -> str:
    return f'IF(COUNT({{{k}:}})=0,"",SUM({{{k}:}}))'


def kunci_iku(j: int) -> str:
    """The column key of the ``j``-th IKU code (codes are the units' own text)."""
    return f"iku.{j}"


def tabel_rekap(iku: list[str]) -> Tabel:
    """The Rekap table for these IKU codes (one capaian column per code)."""
    kol_iku = [kunci_iku(j) for j in range(len(iku))]
    rata_iku = (
        f'IF(COUNT({{{kol_iku[0]}}}:{{{kol_iku[-1]}}})=0,"",AVERAGE({{{kol_iku[0]}}}:{{{kol_iku[-1]}}}))'
        if iku
        else '""'
    )
    kolom = (
        Kolom("no", "No", format="bulat", lebar=5),
        Kolom("kode", "Kode satker", lebar=10),
        Kolom("nama", "Nama satker", lebar=38),
        Kolom("periode", "Periode", lebar=11),
        Kolom("tahun", "Tahun", format="bulat", lebar=7),
        *(Kolom(k, f"Capaian {kode} (%)", format="persen", lebar=11) for k, kode in zip(kol_iku, iku, strict=True)),
        Kolom("rata", "Rata-rata capaian IKU (%)", jenis="rumus", format="persen", lebar=11, rumus=rata_iku),
        Kolom("pagu", "Pagu (Rp)", format="uang", lebar=16),
        Kolom("realisasi", "Realisasi (Rp)", format="uang", lebar=16),
        Kolom("penyerapan", "Penyerapan (%)", jenis="rumus", format="persen", lebar=11,
              rumus=penyerapan("{pagu}", "{realisasi}")),
        Kolom("ikpa", "Nilai IKPA", format="angka", lebar=11),
        Kolom("predikat_ikpa", "Predikat IKPA", lebar=11),
        Kolom("nka", "NKA (SMART)", format="angka", lebar=11),
        Kolom("predikat_nka", "Predikat NKA", lebar=11),
        Kolom("galat", "Galat", format="bulat", lebar=11),
        Kolom("peringatan", "Peringatan", format="bulat", lebar=11),
        Kolom("peringkat", "Peringkat IKPA", jenis="rumus", format="bulat", lebar=11,
              rumus='IF(ISNUMBER({ikpa}),RANK({ikpa},{ikpa:},0),"")'),
        Kolom("berkas", "Berkas", lebar=40),
    )  # fmt: skip
    total = (
        Total("no", "COUNTA({kode:})", None, "no"),
        *(Total(k, _rata(k), None, k) for k in kol_iku),
        Total("rata", _rata("rata"), None, "rata"),
        Total("pagu", _jumlah("pagu"), "RekapPaguTotal", "pagu"),
        Total("realisasi", _jumlah("realisasi"), "RekapRealisasiTotal", "realisasi"),
        Total("penyerapan", penyerapan("RekapPaguTotal", "RekapRealisasiTotal"), "RekapPenyerapanTotal", "penyerapan"),
        Total("ikpa", _rata("ikpa"), "RekapRataIKPA", "ikpa"),
        Total("nka", _rata("nka"), "RekapRataNKA", "nka"),
        Total("galat", _jumlah("galat"), "RekapJumlahGalat", "galat"),
        Total("peringatan", _jumlah("peringatan"), None, "peringatan"),
    )
    return Tabel(KUNCI, LEMBAR, "Rekapitulasi Kinerja Satker", kolom, cadangan=0, minimum=1, total=total)
