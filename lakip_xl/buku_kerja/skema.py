"""The master workbook's layout: one declaration of every sheet, table, column, named cell
and formula. The builder, the reader and the tests take their layout from here; no column
letter is written anywhere else.

Formula templates (a tiny language, expanded by :func:`rumus`):

- ``{k}``        the cell of column ``k`` in the current row of the current table
- ``{k:}``       the whole data range of column ``k`` of the current table (absolute)
- ``{T.k}``      the cell of column ``k`` of table ``T`` in the same data row (row-aligned tables)
- ``{T.k:}``     the whole data range of column ``k`` of table ``T``
- plain names    defined names of single cells (``NilaiAkhirIKPA``, ``JumlahTW``, ...)
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from ..compute.rencana import urutan_bulan
from ..model import NARASI_LABEL

# The workbook's own schema version (the JSON data format has its own, model.SCHEMA_VERSION).
# 2: IKPA rule set and NKA regime by fiscal year (RefTahunIkpa, PilihanAturanIkpa, PMK 62/2023 cells).
# 3: the IKPA planner (sheet Rencana IKPA). 4: dates are date cells (Profil, Prestasi); IKPA
# indicators picked by name; the DIPA's four levels (a KRO table between Kegiatan and Output); the complete PermenPANRB 53/2014 report (sheets
# Organisasi, Renstra, Analisis, Tindak Lanjut; IKPA explanations; other performance applications).
VERSI_BUKU_KERJA = 4

# -- declarations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    """A table column. ``kunci`` is the model field (``target_tw.0`` = list element 0)."""

    kunci: str
    judul: str
    jenis: str = "input"  # "input" | "rumus" | "tetap" (written by lakip-xl, locked, not read back)
    format: str = "teks"  # teks | uang | angka | persen | bulat | pilihan
    lebar: float = 14
    rumus: str | None = None
    pilihan: str | None = None  # name of a list on Referensi (data validation)
    pilihan_ketat: bool = True  # False: the list only suggests
    bantu: bool = False  # helper column (narrow, grey header)
    catatan: str = ""
    # Formula columns: the attribute of the row's result (see ``Ikatan.hasil``) this cell must
    # equal; ``None`` means the attribute named like the column. ``kosong``: what the formula
    # shows on a row without data.
    hasil: str | None = None
    kosong: Any = None

    @property
    def jalur_hasil(self) -> str:
        return self.hasil or self.kunci


@dataclass(frozen=True)
class Total:
    """A total below a table's column: its formula, defined name and the result it must equal."""

    kolom: str
    rumus: str
    nama: str | None  # defined name, if any
    hasil: str


@dataclass(frozen=True)
class Tabel:
    kunci: str  # used in templates and defined names
    lembar: str
    judul: str
    kolom: tuple[Kolom, ...]
    # Rows: the data rows plus ``cadangan`` spare rows, and never fewer than ``minimum`` (the
    # blank master's room: docs/format-data.md, "Ruang tabel", lists both for every table).
    cadangan: int = 10  # spare blank rows below the data
    minimum: int = 5
    total: tuple[Total, ...] = ()

    def kol(self, kunci: str) -> Kolom:
        for k in self.kolom:
            if k.kunci == kunci:
                return k
        raise KeyError(f"{self.kunci}.{kunci}")

    @cached_property
    def _indeks(self) -> dict[str, int]:
        return {k.kunci: i for i, k in enumerate(self.kolom)}

    def indeks(self, kunci: str) -> int:
        try:
            return self._indeks[kunci]
        except KeyError:
            raise ValueError(f"{self.kunci}.{kunci}") from None


@dataclass(frozen=True)
class Sel:
    """A labelled single cell on a key/value sheet, with a defined name."""

    kunci: str  # model field path (e.g. "profil.nama") or a result key for formulas
    label: str
    nama: str  # defined name
    jenis: str = "input"
    format: str = "teks"
    rumus: str | None = None
    pilihan: str | None = None
    catatan: str = ""
    hasil: str | None = None  # formula cells: the result this cell must equal (path from ``Mesin``)


@dataclass(frozen=True)
class Blok:
    """Labelled cells on one sheet, starting at ``baris`` (0-based), labels in column A."""

    lembar: str
    judul: str
    baris: int
    sel: tuple[Sel, ...]
    kolom_label: int = 0


# -- helpers for templates ------------------------------------------------------------------


def r(x: str) -> str:
    """Shorthand: blank-string test."""
    return f'{x}=""'


# Percent of realisasi over pagu, blank when pagu blank or zero.
RUMUS_PENYERAPAN = 'IF(OR(NOT(ISNUMBER({p})),{p}=0,NOT(ISNUMBER({r}))),"",{r}/{p}*100)'
RUMUS_SISA = 'IF(OR(NOT(ISNUMBER({p})),NOT(ISNUMBER({r}))),"",{p}-{r})'


def penyerapan(p: str, r_: str) -> str:
    return RUMUS_PENYERAPAN.format(p=p, r=r_)


def sisa(p: str, r_: str) -> str:
    return RUMUS_SISA.format(p=p, r=r_)


def jumlah(rng: str) -> str:
    """Sum that stays blank when nothing is filled (like ``anggaran.jumlah``)."""
    return f'IF(COUNT({rng})=0,"",SUM({rng}))'


def efektif(dinyatakan: str, rincian: str) -> str:
    return f"IF(ISNUMBER({dinyatakan}),{dinyatakan},{rincian})"


# -- sheets ---------------------------------------------------------------------------------

LEMBAR = (
    "Beranda",
    "Profil",
    "Wilayah",
    "Indikator",
    "Realisasi",
    "Analisis",
    "Renstra",
    "Output",
    "Anggaran",
    "IKPA",
    "Rencana IKPA",
    "SMART",
    "Narasi",
    "Organisasi",
    "Prestasi",
    "Tindak Lanjut",
    "Referensi",
    "Validasi",
    "xlwings.conf",
    "_meta",
)

PROFIL = Blok(
    "Profil",
    "Profil Satuan Kerja",
    3,
    (
        Sel("profil.nama", "Nama satker", "NamaSatker"),
        Sel("profil.kelas", "Kelas kantor", "KelasKantor", catatan="I, II, atau III"),
        Sel("profil.kode_satker", "Kode satker", "KodeSatker"),
        Sel("profil.kode_ba", "Kode BA", "KodeBA"),
        Sel("profil.kode_kppn", "Kode KPPN", "KodeKPPN"),
        Sel("profil.kementerian", "Kementerian/lembaga", "Kementerian"),
        Sel("profil.eselon_i", "Unit eselon I", "EselonI"),
        Sel("profil.kanwil", "Kantor wilayah", "Kanwil"),
        Sel("profil.tahun", "Tahun anggaran", "TahunAnggaran", format="tahun", catatan="empat angka, mis. 2024"),
        Sel("profil.periode", "Periode laporan", "PeriodeLaporan", pilihan="Periode"),
        Sel("profil.kepala_nama", "Nama kepala kantor", "KepalaNama"),
        Sel("profil.kepala_nip", "NIP kepala kantor", "KepalaNIP", catatan="18 angka, ditulis sebagai teks"),
        Sel("profil.kepala_jabatan", "Jabatan penandatangan", "KepalaJabatan"),
        Sel("profil.kota", "Kota penandatanganan", "KotaLaporan"),
        Sel("profil.tanggal_laporan", "Tanggal laporan", "TanggalLaporan", format="tanggal", catatan="tanggal, mis. 15/01/2025"),
        Sel("profil.alamat", "Alamat kantor", "AlamatKantor"),
        Sel("profil.visi", "Visi", "Visi"),
        Sel("profil.misi", "Misi", "Misi", catatan="satu misi per baris (Alt+Enter)"),
        Sel("profil.tugas", "Tugas", "Tugas"),
        Sel("profil.fungsi", "Fungsi", "Fungsi", catatan="satu fungsi per baris (Alt+Enter)"),
        Sel("profil.logo", "Berkas logo (PNG/JPEG)", "LogoSatker"),
        Sel("jumlah_tw", "Triwulan yang dihitung", "JumlahTW", jenis="rumus", hasil="hasil.jumlah_tw", format="bulat",
            rumus='IF(PeriodeLaporan="Semester I",2,4)'),
    ),
)  # fmt: skip

WILAYAH = Tabel(
    "Wilayah",
    "Wilayah",
    "Wilayah Kerja",
    (
        Kolom("nama", "Kabupaten/Kota", lebar=34),
        Kolom("kecamatan", "Kecamatan", format="bulat", lebar=12),
        Kolom("desa", "Desa/Kelurahan", format="bulat", lebar=14),
        Kolom("penduduk", "Penduduk", format="bulat", lebar=14),
    ),
    cadangan=8,
    minimum=15,
    total=(
        Total("kecamatan", jumlah("{kecamatan:}"), "JumlahKecamatan", "hasil.wilayah.kecamatan"),
        Total("desa", jumlah("{desa:}"), "JumlahDesa", "hasil.wilayah.desa"),
        Total("penduduk", jumlah("{penduduk:}"), "JumlahPenduduk", "hasil.wilayah.penduduk"),
    ),
)

INDIKATOR = Tabel(
    "Indikator",
    "Indikator",
    "Perjanjian Kinerja: Indikator dan Target",
    (
        Kolom("kode", "Kode", lebar=9),
        Kolom("tingkat", "Tingkat", pilihan="Tingkat", lebar=10),
        Kolom("sasaran", "Sasaran", lebar=34),
        Kolom("nama", "Indikator", lebar=40),
        Kolom("satuan", "Satuan", pilihan="Satuan", pilihan_ketat=False, lebar=10),
        Kolom("polaritas", "Polaritas", pilihan="Polaritas", lebar=10),
        Kolom("kumulatif", "Kumulatif", pilihan="Kumulatif", lebar=10, catatan="jumlah: dijumlahkan; terakhir: triwulan terakhir"),
        Kolom("target", "Target tahunan", format="angka", lebar=11),
        Kolom("target_atas", "Batas atas (rentang)", format="angka", lebar=11),
        Kolom("target_tw.0", "Target TW I", format="angka", lebar=9),
        Kolom("target_tw.1", "Target TW II", format="angka", lebar=9),
        Kolom("target_tw.2", "Target TW III", format="angka", lebar=9),
        Kolom("target_tw.3", "Target TW IV", format="angka", lebar=9),
        Kolom("realisasi_tahun_lalu", "Realisasi tahun lalu", format="angka", lebar=11),
        Kolom("target_renstra", "Target Renstra", format="angka", lebar=11),
    ),
    cadangan=15,
    minimum=60,
)  # fmt: skip

_Q = ["realisasi_tw.0", "realisasi_tw.1", "realisasi_tw.2", "realisasi_tw.3"]
_N = "JumlahTW"


def _q_ok(i: int) -> str:
    return f"ISNUMBER({{{_Q[i]}}})" if i == 0 else f"AND({_N}>={i + 1},ISNUMBER({{{_Q[i]}}}))"


_CNT = "+".join(_q_ok(i) for i in range(4))
_SUM = "+".join(f"IF({_q_ok(i)},{{{_Q[i]}}},0)" for i in range(4))
_LAST = f"IF({_q_ok(3)},{{{_Q[3]}}},IF({_q_ok(2)},{{{_Q[2]}}},IF({_q_ok(1)},{{{_Q[1]}}},{{{_Q[0]}}})))"
_MANUAL = 'IF(ISNUMBER({realisasi}),{realisasi},"")'
RUMUS_REALISASI_PERIODE = f'IF(({_CNT})=0,{_MANUAL},IF({{Indikator.kumulatif}}="terakhir",{_LAST},{_SUM}))'

_T, _TA, _RP, _POL = "{Indikator.target}", "{Indikator.target_atas}", "{realisasi_periode}", "{Indikator.polaritas}"
# The target as a range [bawah, atas] (compute/capaian.py): a range target when the upper bound
# is filled (in either order), otherwise the single target twice (MAX and MIN skip a blank or
# text cell). Outside the range the indicator's polarity formula is applied against the nearer
# bound (_ACUAN).
_ATAS = f"MAX({_T},{_TA})"
_BAWAH = f"MIN({_T},{_TA})"
_ACUAN = f"IF({_RP}>{_ATAS},{_ATAS},{_BAWAH})"
RUMUS_CAPAIAN_MENTAH = (
    f'IF(OR(NOT(ISNUMBER({_T})),NOT(ISNUMBER({_RP}))),"",'
    f'IF(AND({_BAWAH}=0,{_ATAS}=0),"",'
    f"IF(AND({_RP}>={_BAWAH},{_RP}<={_ATAS}),100,"
    f'IF({_ACUAN}=0,"",'
    f'IF(OR({_POL}="negatif",AND({_POL}="rentang",{_RP}>{_ATAS})),'
    f'IF(AND({_POL}="negatif",RumusNegatif="t/r"),IF({_RP}=0,"",{_ACUAN}/{_RP}*100),'
    f"(2*{_ACUAN}-{_RP})/{_ACUAN}*100),"
    f"{_RP}/{_ACUAN}*100)))))"
)

# A companion row's code as lakip-xl wrote it (a constant, hidden): when the Indikator table is
# sorted or a row cut and pasted, the row's code formula shows another indicator while the typed
# values stay put; the reader compares the two (buku_kerja/baca.py, ``_Tabel.rows_lengkap``).
KODE_TERTULIS = Kolom("kode_tertulis", "Kode saat ditulis", jenis="tetap", bantu=True, lebar=9)

REALISASI = Tabel(
    "Realisasi",
    "Realisasi",
    "Realisasi dan Capaian Indikator",
    (
        Kolom("kode", "Kode", jenis="rumus", rumus='IF({Indikator.kode}="","",{Indikator.kode})', lebar=9),
        Kolom("nama", "Indikator", jenis="rumus", rumus='IF({Indikator.nama}="","",{Indikator.nama})', lebar=40),
        Kolom("target", "Target", jenis="rumus", format="angka",
              rumus='IF(ISNUMBER({Indikator.target}),{Indikator.target},"")', lebar=10),
        Kolom("realisasi_tw.0", "Realisasi TW I", format="angka", lebar=10),
        Kolom("realisasi_tw.1", "Realisasi TW II", format="angka", lebar=10),
        Kolom("realisasi_tw.2", "Realisasi TW III", format="angka", lebar=10),
        Kolom("realisasi_tw.3", "Realisasi TW IV", format="angka", lebar=10),
        Kolom("realisasi", "Realisasi kumulatif (tanpa triwulan)", format="angka", lebar=13,
              catatan="diisi bila realisasi triwulan tidak tersedia"),
        Kolom("realisasi_periode", "Realisasi periode", jenis="rumus", hasil="realisasi", format="angka", rumus=RUMUS_REALISASI_PERIODE, lebar=11),
        Kolom("capaian_mentah", "Capaian sebelum batas", jenis="rumus", format="persen", rumus=RUMUS_CAPAIAN_MENTAH,
              bantu=True, lebar=10),
        Kolom("capaian", "Capaian (%)", jenis="rumus", format="persen", lebar=11,
              rumus='IF({capaian_mentah}="","",IF(ISNUMBER(BatasCapaianIndikator),'
                    'MIN({capaian_mentah},BatasCapaianIndikator),{capaian_mentah}))'),
        Kolom("capaian_dinyatakan", "Capaian dinyatakan (%)", format="persen", lebar=11),
        KODE_TERTULIS,
    ),
    cadangan=15,  # placed beside Indikator, row for row (tata_letak)
    minimum=60,
)  # fmt: skip

ANALISIS = Tabel(
    "Analisis",
    "Analisis",
    "Analisis Capaian per Indikator (PermenPANRB 53/2014 Bab III)",
    (
        Kolom("kode", "Kode", jenis="rumus", rumus='IF({Indikator.kode}="","",{Indikator.kode})', lebar=9),
        Kolom("nama", "Indikator", jenis="rumus", rumus='IF({Indikator.nama}="","",{Indikator.nama})', lebar=32),
        Kolom("standar_nasional", "Standar nasional", format="angka", lebar=11),
        Kolom("penyebab", "Penyebab keberhasilan/kegagalan", lebar=40),
        Kolom("solusi", "Alternatif solusi", lebar=36),
        Kolom("efisiensi", "Efisiensi penggunaan sumber daya", lebar=36),
        Kolom("program_pendukung", "Program/kegiatan pendukung", lebar=32),
        KODE_TERTULIS,
    ),
    cadangan=15,  # placed beside Indikator, row for row (tata_letak)
    minimum=60,
)  # fmt: skip

RENSTRA = Tabel(
    "Renstra",
    "Renstra",
    "Target Renstra dan Realisasi per Tahun",
    (
        Kolom("indikator", "Kode indikator", lebar=12),
        Kolom("nama", "Indikator", jenis="rumus", lebar=40,
              rumus='IF({indikator}="","",IFERROR(INDEX({Indikator.nama:},MATCH({indikator},{Indikator.kode:},0))&"",'
                    '"(kode tidak ada di lembar Indikator)"))'),
        Kolom("tahun", "Tahun", format="tahun", lebar=8),
        Kolom("target", "Target Renstra", format="angka", lebar=12),
        Kolom("realisasi", "Realisasi", format="angka", lebar=12),
    ),
    cadangan=20,
    minimum=150,
)  # fmt: skip


def _kolom_induk(
    anak: str, tabel_anak: str, cocok: tuple[tuple[str, str], ...], pagu_anak: str, real_anak: str
) -> tuple[Kolom, ...]:
    """A parent row's money: the DIPA figures (inputs), the sums of its children, the figures in
    effect (DIPA when filled, else the sum), sisa and penyerapan. Children are the rows of
    ``tabel_anak`` whose columns match this row's: ``cocok`` pairs (child column, this row's
    column), e.g. an RO names its KRO by kegiatan code and KRO code."""
    syarat = "*".join(f"({{{tabel_anak}.{a}:}}={{{b}}})" for a, b in cocok)
    kriteria = ",".join(f"{{{tabel_anak}.{a}:}},{{{b}}}" for a, b in cocok)

    def jumlah_anak(kol: str) -> str:
        ada = f"SUMPRODUCT({syarat}*ISNUMBER({{{tabel_anak}.{kol}:}}))"
        return f'IF({{kode}}="","",IF({ada}=0,"",SUMIFS({{{tabel_anak}.{kol}:}},{kriteria})))'

    return (
        Kolom("pagu", "Pagu DIPA", format="uang", lebar=16, catatan=f"kosongkan untuk memakai jumlah {anak}"),
        Kolom("realisasi", "Realisasi DIPA", format="uang", lebar=16),
        Kolom("pagu_rincian", f"Jumlah pagu {anak}", jenis="rumus", format="uang", lebar=16, rumus=jumlah_anak(pagu_anak)),
        Kolom("realisasi_rincian", f"Jumlah realisasi {anak}", jenis="rumus", format="uang", lebar=16, rumus=jumlah_anak(real_anak)),
        Kolom("pagu_efektif", "Pagu", jenis="rumus", hasil="pagu", format="uang", lebar=16,
              rumus='IF({kode}="","",' + efektif("{pagu}", "{pagu_rincian}") + ")"),
        Kolom("realisasi_efektif", "Realisasi", jenis="rumus", hasil="realisasi", format="uang", lebar=16,
              rumus='IF({kode}="","",' + efektif("{realisasi}", "{realisasi_rincian}") + ")"),
        Kolom("sisa", "Sisa", jenis="rumus", format="uang", lebar=16, rumus=sisa("{pagu_efektif}", "{realisasi_efektif}")),
        Kolom("penyerapan", "Penyerapan (%)", jenis="rumus", format="persen", lebar=11,
              rumus=penyerapan("{pagu_efektif}", "{realisasi_efektif}")),
    )  # fmt: skip


PROGRAM = Tabel(
    "Program",
    "Output",
    "Program",
    (
        Kolom("kode", "Kode program", lebar=12),
        Kolom("nama", "Program", lebar=40),
        *_kolom_induk("kegiatan", "Kegiatan", (("program", "kode"),), "pagu_efektif", "realisasi_efektif"),
        Kolom("penyerapan_dinyatakan", "Penyerapan dinyatakan (%)", format="persen", lebar=11),
        Kolom("pagu_pk", "Alokasi pada PK", format="uang", lebar=16),
        Kolom("pembanding_pagu", "Pagu periode pembanding", format="uang", lebar=16),
        Kolom("pembanding_realisasi", "Realisasi periode pembanding", format="uang", lebar=16),
        Kolom("pembanding_penyerapan", "Penyerapan pembanding (%)", jenis="rumus", format="persen", lebar=11,
              rumus=penyerapan("{pembanding_pagu}", "{pembanding_realisasi}")),
        Kolom("pembanding_penyerapan_dinyatakan", "Penyerapan pembanding dinyatakan (%)", format="persen", lebar=11),
    ),
    cadangan=5,
    minimum=20,
)  # fmt: skip

KEGIATAN = Tabel(
    "Kegiatan",
    "Output",
    "Kegiatan",
    (
        Kolom("kode", "Kode kegiatan", lebar=12),
        Kolom("program", "Kode program", lebar=12),
        Kolom("nama", "Kegiatan", lebar=40),
        *_kolom_induk("KRO", "Kro", (("kegiatan", "kode"),), "pagu_efektif", "realisasi_efektif"),
        Kolom("penyerapan_dinyatakan", "Penyerapan dinyatakan (%)", format="persen", lebar=11),
    ),
    cadangan=10,
    minimum=60,
)  # fmt: skip

KRO = Tabel(
    "Kro",
    "Output",
    "KRO (Klasifikasi Rincian Output)",
    (
        Kolom("kode", "Kode KRO", lebar=12),
        Kolom("kegiatan", "Kode kegiatan", lebar=12),
        Kolom("nama", "KRO", lebar=40),
        *_kolom_induk("RO", "Output", (("kegiatan", "kegiatan"), ("kro", "kode")), "pagu", "realisasi"),
        Kolom("penyerapan_dinyatakan", "Penyerapan dinyatakan (%)", format="persen", lebar=11),
    ),
    cadangan=20,
    minimum=100,
)  # fmt: skip

OUTPUT = Tabel(
    "Output",
    "Output",
    "RO (Rincian Output)",
    (
        Kolom("kode", "Kode RO", lebar=12),
        Kolom("kegiatan", "Kode kegiatan", lebar=12),
        Kolom("kro", "Kode KRO", lebar=12),
        Kolom("nama", "Rincian output (RO)", lebar=40),
        Kolom("sasaran", "Sasaran kegiatan", lebar=30),
        Kolom("indikator", "Indikator kinerja", lebar=30),
        Kolom("satuan", "Satuan", pilihan="Satuan", pilihan_ketat=False, lebar=10),
        Kolom("volume_target", "Target volume", format="angka", lebar=10),
        Kolom("volume_realisasi", "Realisasi volume", format="angka", lebar=10),
        Kolom("capaian_volume", "Capaian volume (%)", jenis="rumus", format="persen", lebar=11,
              rumus='IF(OR(NOT(ISNUMBER({volume_target})),{volume_target}=0,NOT(ISNUMBER({volume_realisasi}))),"",'
                    "IF(ISNUMBER(BatasCapaianOutput),MIN({volume_realisasi}/{volume_target}*100,BatasCapaianOutput),"
                    "{volume_realisasi}/{volume_target}*100))"),
        Kolom("pagu", "Pagu", format="uang", lebar=16),
        Kolom("realisasi", "Realisasi", format="uang", lebar=16),
        Kolom("sisa", "Sisa", jenis="rumus", format="uang", lebar=16, rumus=sisa("{pagu}", "{realisasi}")),
        Kolom("penyerapan", "Penyerapan (%)", jenis="rumus", format="persen", lebar=11, rumus=penyerapan("{pagu}", "{realisasi}")),
        Kolom("penyerapan_dinyatakan", "Penyerapan dinyatakan (%)", format="persen", lebar=11),
        Kolom("capaian_volume_dinyatakan", "Capaian volume dinyatakan (%)", format="persen", lebar=11),
    ),
    cadangan=30,
    minimum=300,
)  # fmt: skip


def _baris_belanja(kunci: str, judul: str, pilihan: str, awal: str, hasil: str) -> Tabel:
    return Tabel(
        kunci,
        "Anggaran",
        judul,
        (
            Kolom("kode", "Kode", pilihan=pilihan, pilihan_ketat=False, lebar=10),
            Kolom("nama", "Uraian", lebar=30),
            Kolom("pagu", "Pagu", format="uang", lebar=16),
            Kolom("realisasi", "Realisasi", format="uang", lebar=16),
            Kolom("sisa", "Sisa", jenis="rumus", format="uang", lebar=16, rumus=sisa("{pagu}", "{realisasi}")),
            Kolom("penyerapan", "Penyerapan (%)", jenis="rumus", format="persen", lebar=11, rumus=penyerapan("{pagu}", "{realisasi}")),
            Kolom("sisa_dinyatakan", "Sisa dinyatakan", format="uang", lebar=16),
            Kolom("penyerapan_dinyatakan", "Penyerapan dinyatakan (%)", format="persen", lebar=11),
            Kolom("pembanding_pagu", "Pagu periode pembanding", format="uang", lebar=16),
            Kolom("pembanding_realisasi", "Realisasi periode pembanding", format="uang", lebar=16),
            Kolom("pembanding_penyerapan", "Penyerapan pembanding (%)", jenis="rumus", format="persen", lebar=11,
                  rumus=penyerapan("{pembanding_pagu}", "{pembanding_realisasi}")),
        ),
        cadangan=3,
        minimum=6,
        total=(
            Total("pagu", jumlah("{pagu:}"), f"{awal}Pagu", f"{hasil}.pagu"),
            Total("realisasi", jumlah("{realisasi:}"), f"{awal}Realisasi", f"{hasil}.realisasi"),
            Total("sisa", sisa(f"{awal}Pagu", f"{awal}Realisasi"), f"{awal}Sisa", f"{hasil}.sisa"),
            Total("penyerapan", penyerapan(f"{awal}Pagu", f"{awal}Realisasi"), f"{awal}Penyerapan", f"{hasil}.penyerapan"),
            Total("pembanding_pagu", jumlah("{pembanding_pagu:}"), f"{awal}PembandingPagu", f"{hasil}.pembanding_pagu"),
            Total("pembanding_realisasi", jumlah("{pembanding_realisasi:}"), f"{awal}PembandingRealisasi",
                  f"{hasil}.pembanding_realisasi"),
            Total("pembanding_penyerapan", penyerapan(f"{awal}PembandingPagu", f"{awal}PembandingRealisasi"),
                  f"{awal}PembandingPenyerapan", f"{hasil}.pembanding_penyerapan"),
        ),
    )  # fmt: skip


JENIS_BELANJA = _baris_belanja(
    "JenisBelanja", "Realisasi per Jenis Belanja", "JenisBelanja", "Jenis", "hasil.anggaran.jenis"
)
SUMBER_DANA = _baris_belanja("SumberDana", "Realisasi per Sumber Dana", "SumberDana", "Sumber", "hasil.anggaran.sumber")

ANGGARAN = Blok(
    "Anggaran",
    "Total DIPA",
    3,
    (
        Sel("anggaran.label_pembanding", "Nama periode pembanding", "LabelPembanding"),
        Sel("anggaran.total_pagu_dinyatakan", "Pagu total DIPA (tercantum)", "TotalPaguDinyatakan", format="uang"),
        Sel("anggaran.total_realisasi_dinyatakan", "Realisasi total DIPA (tercantum)", "TotalRealisasiDinyatakan", format="uang"),
        Sel("anggaran.total_penyerapan_dinyatakan", "Penyerapan total (tercantum, %)", "TotalPenyerapanDinyatakan", format="persen"),
        Sel("anggaran.alokasi_pk_dinyatakan", "Alokasi anggaran pada Perjanjian Kinerja", "AlokasiPK", format="uang"),
        Sel("pagu_rincian", "Jumlah pagu program", "JumlahPaguProgram", jenis="rumus", hasil="hasil.anggaran.pagu_rincian", format="uang",
            rumus=jumlah("{Program.pagu_efektif:}")),
        Sel("realisasi_rincian", "Jumlah realisasi program", "JumlahRealisasiProgram", jenis="rumus", hasil="hasil.anggaran.realisasi_rincian", format="uang",
            rumus=jumlah("{Program.realisasi_efektif:}")),
        Sel("pagu", "Pagu total", "PaguTotal", jenis="rumus", hasil="hasil.anggaran.pagu", format="uang",
            rumus=efektif("TotalPaguDinyatakan", "JumlahPaguProgram")),
        Sel("realisasi", "Realisasi total", "RealisasiTotal", jenis="rumus", hasil="hasil.anggaran.realisasi", format="uang",
            rumus=efektif("TotalRealisasiDinyatakan", "JumlahRealisasiProgram")),
        Sel("sisa", "Sisa total", "SisaTotal", jenis="rumus", hasil="hasil.anggaran.sisa", format="uang", rumus=sisa("PaguTotal", "RealisasiTotal")),
        Sel("penyerapan", "Penyerapan total (%)", "PenyerapanTotal", jenis="rumus", hasil="hasil.anggaran.penyerapan", format="persen",
            rumus=penyerapan("PaguTotal", "RealisasiTotal")),
        Sel("selisih_pagu_jenis", "Selisih pagu: jenis belanja − DIPA", "SelisihPaguJenis", jenis="rumus", hasil="hasil.anggaran.selisih_pagu_jenis", format="uang",
            rumus='IF(OR(NOT(ISNUMBER(JenisPagu)),NOT(ISNUMBER(PaguTotal))),"",JenisPagu-PaguTotal)'),
        Sel("selisih_pagu_sumber", "Selisih pagu: sumber dana − DIPA", "SelisihPaguSumber", jenis="rumus", hasil="hasil.anggaran.selisih_pagu_sumber", format="uang",
            rumus='IF(OR(NOT(ISNUMBER(SumberPagu)),NOT(ISNUMBER(PaguTotal))),"",SumberPagu-PaguTotal)'),
        Sel("selisih_realisasi_jenis", "Selisih realisasi: jenis belanja − DIPA", "SelisihRealisasiJenis", jenis="rumus", hasil="hasil.anggaran.selisih_realisasi_jenis",
            format="uang", rumus='IF(OR(NOT(ISNUMBER(JenisRealisasi)),NOT(ISNUMBER(RealisasiTotal))),"",JenisRealisasi-RealisasiTotal)'),
        Sel("selisih_realisasi_sumber", "Selisih realisasi: sumber dana − DIPA", "SelisihRealisasiSumber", jenis="rumus", hasil="hasil.anggaran.selisih_realisasi_sumber",
            format="uang", rumus='IF(OR(NOT(ISNUMBER(SumberRealisasi)),NOT(ISNUMBER(RealisasiTotal))),"",SumberRealisasi-RealisasiTotal)'),
        Sel("anggaran.catatan_kode", "Catatan asal kode DIPA", "CatatanKodeDipa",
            catatan="kosongkan bila semua kode disalin dari DIPA; bila ada kode sementara atau dugaan, tulis di sini "
                    "(tampil di bawah tabel anggaran laporan)"),
    ),
)  # fmt: skip

# IKPA ----------------------------------------------------------------------------------------

IKPA_KOMPONEN = Tabel(
    "IkpaKomponen",
    "IKPA",
    "Komponen IKPA (salin dari OM-SPAN)",
    (
        # The unit picks the indicator by its OM-SPAN name; its code (the rules' key) follows by
        # formula. A code typed by habit (revisi_dipa) is still understood.
        Kolom("kode", "Indikator IKPA", pilihan="NamaIkpa", lebar=30),
        Kolom("kode_baku", "Kode", jenis="rumus", lebar=14,
              rumus='IF({kode}="","",IFERROR(INDEX({RefIkpa.kode:},MATCH(TRIM({kode}),{RefIkpa.nama:},0)),'
                    'IF(COUNTIF({RefIkpa.kode:},TRIM({kode}))>0,TRIM({kode}),"(tidak dikenal)")))'),
        Kolom("aspek", "Aspek", jenis="rumus", lebar=13,
              rumus='IF({kode}="","",IFERROR(INDEX({RefIkpa.aspek:},MATCH({kode_baku},{RefIkpa.kode:},0)),""))'),
        Kolom("dalam_aturan", "Ada dalam aturan", jenis="rumus", kosong=0, format="bulat", bantu=True, lebar=8,
              rumus='IF({kode}="",0,IF(COUNTIFS({RefIkpa.aturan:},AturanIkpa,{RefIkpa.kode:},{kode_baku})>0,1,0))'),
        Kolom("bobot_baku", "Bobot baku", jenis="rumus", format="angka", lebar=9,
              rumus='IF({dalam_aturan}=1,SUMIFS({RefIkpa.bobot:},{RefIkpa.aturan:},AturanIkpa,{RefIkpa.kode:},{kode_baku}),"")'),
        Kolom("bobot", "Bobot pengganti", format="angka", lebar=9, catatan="kosongkan untuk memakai bobot baku"),
        Kolom("bobot_dipakai", "Bobot", jenis="rumus", format="angka", lebar=9,
              rumus='IF({dalam_aturan}=1,IF(ISNUMBER({bobot}),{bobot},{bobot_baku}),"")'),
        Kolom("nilai", "Nilai", format="angka", lebar=9),
        Kolom("berlaku", "Berlaku", pilihan="YaTidak", lebar=8),
        Kolom("nilai_tertimbang", "Nilai tertimbang", jenis="rumus", format="angka", lebar=10,
              rumus='IF(AND({dalam_aturan}=1,{berlaku}<>"Tidak",ISNUMBER({nilai})),{nilai}*{bobot_dipakai}/100,"")'),
        Kolom("bobot_berlaku", "Bobot berlaku", jenis="rumus", format="angka", bantu=True, lebar=8,
              rumus='IF(ISNUMBER({nilai_tertimbang}),{bobot_dipakai},"")'),
        Kolom("terisi", "Terisi atau tidak berlaku", jenis="rumus", kosong=0, format="bulat", bantu=True, lebar=8,
              rumus='IF(AND({dalam_aturan}=1,OR({berlaku}="Tidak",ISNUMBER({nilai}))),1,0)'),
        Kolom("ikut_aspek", "Ikut nilai aspek", jenis="rumus", kosong=0, format="bulat", bantu=True, lebar=8,
              rumus="IF(ISNUMBER({nilai_tertimbang}),1,0)"),
        # New in schema 4, last so an older workbook's table reads it as blank.
        Kolom("penjelasan", "Penjelasan", lebar=50),
    ),
    cadangan=6,
    minimum=8,
)  # fmt: skip


def _aspek(a: str) -> str:
    """An aspect value: the plain mean of the aspect's applicable indicators (OM-SPAN), or with
    the setting "tertimbang" their weighted mean (an old "dengan_dispensasi" means the same)."""
    pilih = f'{{IkpaKomponen.aspek:}},"{a}",{{IkpaKomponen.ikut_aspek:}},1'
    n = f"COUNTIFS({pilih})"
    bobot = f"SUMIFS({{IkpaKomponen.bobot_berlaku:}},{pilih})"
    tertimbang = f'IF({bobot}=0,"",SUMIFS({{IkpaKomponen.nilai_tertimbang:}},{pilih})*100/{bobot})'
    metode = 'OR(MetodeAspekIkpa="tertimbang",MetodeAspekIkpa="dengan_dispensasi")'
    return f'IF({n}=0,"",IF({metode},{tertimbang},SUMIFS({{IkpaKomponen.nilai:}},{pilih})/{n}))'


_TAHUN = "{RefTahunIkpa.tahun:}"
_SET_TAHUN = "{RefTahunIkpa.aturan:}"
_TERBARU = f"INDEX({_SET_TAHUN},MATCH(MAX({_TAHUN}),{_TAHUN},0))"
_TERLAMA = f"INDEX({_SET_TAHUN},MATCH(MIN({_TAHUN}),{_TAHUN},0))"
# The IKPA rule set in force: the one chosen, else the fiscal year's (tahun_ikpa on Referensi); a
# year after the newest (or no year) takes the newest, a year before the oldest the oldest.
RUMUS_ATURAN_IKPA = (
    f'IF(PilihanAturanIkpa<>"",PilihanAturanIkpa,IFERROR(IF(NOT(ISNUMBER(TahunAnggaran)),{_TERBARU},'
    f"IFERROR(INDEX({_SET_TAHUN},MATCH(TahunAnggaran,{_TAHUN},0)),IF(TahunAnggaran>MAX({_TAHUN}),{_TERBARU},"
    f"{_TERLAMA}))),INDEX({{RefAturanIkpa.kode:}},COUNTA({{RefAturanIkpa.kode:}}))))"
)
RUMUS_ALASAN_ATURAN_IKPA = (
    'IF(PilihanAturanIkpa<>"","dipilih di sel di atas",IF(NOT(ISNUMBER(TahunAnggaran)),'
    '"tahun anggaran kosong: aturan terbaru",'
    f'IF(ISNUMBER(MATCH(TahunAnggaran,{_TAHUN},0)),"menurut TA "&TahunAnggaran,'
    f'IF(TahunAnggaran>MAX({_TAHUN}),"TA "&TahunAnggaran&" belum dikenal: aturan terbaru",'
    '"TA "&TahunAnggaran&" lebih awal dari aturan tertua: aturan tertua"))))'
)
_PENGURANG = "IF(ISNUMBER(PengurangDispensasiIkpa),PengurangDispensasiIkpa,0)"
_MODE = 'IFERROR(INDEX({RefAturanIkpa.dispensasi:},MATCH(AturanIkpa,{RefAturanIkpa.kode:},0)),"bobot")'

IKPA = Blok(
    "IKPA",
    "Indikator Kinerja Pelaksanaan Anggaran (IKPA)",
    3,
    (
        Sel("ikpa.aturan", "Aturan IKPA dipilih", "PilihanAturanIkpa", pilihan="AturanIkpa",
            catatan="kosongkan: menurut tahun anggaran"),
        Sel("aturan_ikpa", "Aturan IKPA yang berlaku", "AturanIkpa", jenis="rumus", hasil="hasil.aturan_ikpa",
            rumus=RUMUS_ATURAN_IKPA),
        Sel("alasan_aturan_ikpa", "Dasar pemilihan aturan", "AlasanAturanIkpa", jenis="rumus",
            hasil="hasil.alasan_aturan_ikpa", rumus=RUMUS_ALASAN_ATURAN_IKPA),
        Sel("ikpa.periode", "Periode nilai", "PeriodeIkpa"),
        Sel("ikpa.pengurang_dispensasi", "Pengurang dispensasi SPM (aturan 2024+)", "PengurangDispensasiIkpa", format="angka"),
        Sel("nilai_total", "Nilai total", "NilaiTotalIKPA", jenis="rumus", hasil="hasil.ikpa.nilai_total", format="angka",
            rumus='IF(COUNT({IkpaKomponen.nilai_tertimbang:})=0,"",SUM({IkpaKomponen.nilai_tertimbang:}))'),
        Sel("konversi_bobot", "Konversi bobot (%)", "KonversiBobotIKPA", jenis="rumus", hasil="hasil.ikpa.konversi_bobot", format="persen",
            rumus='IF(COUNT({IkpaKomponen.nilai_tertimbang:})=0,"",SUM({IkpaKomponen.bobot_berlaku:}))'),
        Sel("nilai_akhir", "Nilai akhir", "NilaiAkhirIKPA", jenis="rumus", hasil="hasil.ikpa.nilai_akhir", format="angka",
            rumus=f'IF(OR(NOT(ISNUMBER(NilaiTotalIKPA)),NOT(ISNUMBER(KonversiBobotIKPA))),"",IF(KonversiBobotIKPA=0,"",'
                  f'IF(SUM({{IkpaKomponen.terisi:}})<COUNTIF({{RefIkpa.aturan:}},AturanIkpa),"",'
                  f'IF({_MODE}="pengurang",IF(PengurangDispensasi="sebelum",(NilaiTotalIKPA-{_PENGURANG})/(KonversiBobotIKPA/100),'
                  f"NilaiTotalIKPA/(KonversiBobotIKPA/100)-{_PENGURANG}),NilaiTotalIKPA/(KonversiBobotIKPA/100)))))"),
        Sel("aspek.perencanaan", "Aspek perencanaan", "AspekPerencanaanIKPA", jenis="rumus", hasil="hasil.ikpa.aspek.perencanaan", format="angka",
            rumus=_aspek("perencanaan")),
        Sel("aspek.pelaksanaan", "Aspek pelaksanaan", "AspekPelaksanaanIKPA", jenis="rumus", hasil="hasil.ikpa.aspek.pelaksanaan", format="angka",
            rumus=_aspek("pelaksanaan")),
        Sel("aspek.hasil", "Aspek hasil", "AspekHasilIKPA", jenis="rumus", hasil="hasil.ikpa.aspek.hasil", format="angka", rumus=_aspek("hasil")),
        Sel("predikat", "Predikat", "PredikatIKPA", jenis="rumus", hasil="hasil.ikpa.predikat", rumus="PREDIKAT_IKPA(NilaiAkhirIKPA)"),
        Sel("ikpa.nilai_total_dinyatakan", "Nilai total (tercantum)", "NilaiTotalIKPADinyatakan", format="angka"),
        Sel("ikpa.konversi_bobot_dinyatakan", "Konversi bobot (tercantum, %)", "KonversiBobotIKPADinyatakan", format="persen"),
        Sel("ikpa.nilai_akhir_dinyatakan", "Nilai akhir (tercantum)", "NilaiAkhirIKPADinyatakan", format="angka"),
        Sel("ikpa.perencanaan_dinyatakan", "Aspek perencanaan (tercantum)", "AspekPerencanaanDinyatakan", format="angka"),
        Sel("ikpa.pelaksanaan_dinyatakan", "Aspek pelaksanaan (tercantum)", "AspekPelaksanaanDinyatakan", format="angka"),
        Sel("ikpa.hasil_dinyatakan", "Aspek hasil (tercantum)", "AspekHasilDinyatakan", format="angka"),
    ),
)  # fmt: skip

IKPA_DISEBUT = Tabel(
    "IkpaDisebut",
    "IKPA",
    "Nilai IKPA yang disebut di bagian lain laporan",
    (Kolom("lokasi", "Tempat disebut", lebar=40), Kolom("nilai", "Nilai", format="angka", lebar=10)),
    cadangan=3,
    minimum=2,
)

# Rencana IKPA (the IKPA planner, docs/rencana-ikpa.md) ----------------------------------------

JENIS_RENCANA = ("51", "52", "53", "57")
_NAMA_JENIS = {"51": "pegawai (51)", "52": "barang (52)", "53": "modal (53)", "57": "bantuan sosial (57)"}
_AR = "AturanRencana"  # the rule set in force when it has planner rules, else blank
_BD = "BulanDataDipakai"
_PE_TOTAL = "PaguEfektifTotal"


def _r(kunci: str) -> str:
    """A planner setting of the rule set in force (RefRencana on Referensi)."""
    return f'SUMIFS({{RefRencana.nilai:}},{{RefRencana.aturan:}},{_AR},{{RefRencana.kunci:}},"{kunci}")'


def _guard(isi: str, *syarat: str) -> str:
    """Blank without planner rules (or when one of ``syarat`` holds)."""
    return f'IF(OR({_AR}=""{"".join("," + s for s in syarat)}),"",{isi})'


def _kum(j: str, sampai: str) -> str:
    """Cumulative % of the effective pagu of type j at the end of month ``sampai``: realisation
    up to the data month, then the RPD."""
    return (
        f'(SUMIFS({{RencanaBulan.realisasi_{j}:}},{{RencanaBulan.bulan:}},"<="&MIN({sampai},{_BD}))'
        f'+SUMIFS({{RencanaBulan.rpd_{j}:}},{{RencanaBulan.bulan:}},">"&{_BD},{{RencanaBulan.bulan:}},"<="&{sampai}))'
        f"/PaguEfektif{j}*100"
    )


def _dev(j: str) -> str:
    rpd, real = f"N({{rpd_{j}}})", f"N({{realisasi_{j}}})"
    return f"IF({rpd}<=0,IF({real}=0,0,100),MIN(100,ABS({real}-{rpd})/{rpd}*100))"


def _nilai_dev(rata: str) -> str:
    return f"IF({rata}<={_r('batas_deviasi')},100,MAX(0,100-{rata}))"


def _skor_revisi(n: str) -> str:
    pilih = f"{{RefSkorRevisi.aturan:}},{_AR}"
    return (
        f'IF(COUNTIFS({pilih},{{RefSkorRevisi.paling_banyak:}},">="&{n})>0,'
        f"SUMIFS({{RefSkorRevisi.skor:}},{pilih},{{RefSkorRevisi.paling_banyak:}},"
        f'MINIFS({{RefSkorRevisi.paling_banyak:}},{pilih},{{RefSkorRevisi.paling_banyak:}},">="&{n})),'
        f"SUMPRODUCT(({{RefSkorRevisi.aturan:}}={_AR})*NOT(ISNUMBER({{RefSkorRevisi.paling_banyak:}}))*{{RefSkorRevisi.skor:}}))"
    )


def _co(ketepatan: str, ro: str) -> str:
    return (
        f'IF(OR(NOT(ISNUMBER({ketepatan})),NOT(ISNUMBER({ro}))),"",'
        f"({_r('bobot_ketepatan_output')}*{ketepatan}+{_r('bobot_capaian_ro')}*{ro})/100)"
    )


def _ikpa_rencana(kolom: str) -> str:
    """The final IKPA of one scenario column of RencanaIndikator, as the IKPA sheet computes it:
    blank unless every applicable indicator of the rule set has a value."""
    t = f"{{RencanaIndikator.t_{kolom}:}}"
    k = f"SUMPRODUCT(ISNUMBER({t})*{{RencanaIndikator.bobot:}})"
    pot = f'IF({_MODE}="pengurang",N(PengurangRencana),0)'
    return _guard(
        f'IF(PengurangDispensasi="sebelum",(SUM({t})-{pot})/({k}/100),SUM({t})/({k}/100)-{pot})',
        'COUNTIF({RefIkpa.aturan:},AturanIkpa)<>COUNTIF({RencanaIndikator.kode:},"?*")',
        f'COUNT({t})<>COUNTIF({{RencanaIndikator.berlaku:}},"Ya")',
        f"{k}=0",
    )


_KURANG = "(4*PenyerapanDibutuhkan-SUM({RencanaTw.nilai:}))"
_SISA_TW = f"(4-INT({_BD}/3))"

RENCANA = Blok(
    "Rencana IKPA",
    "Masukan (semua boleh kosong; nilai OM-SPAN di lembar IKPA didahulukan)",
    3,
    (
        Sel("rencana_ikpa.target_ikpa", "Target nilai akhir IKPA", "TargetIkpaRencana", format="angka",
            catatan="kosong: 95"),
        Sel("rencana_ikpa.bulan_data", "Data sampai bulan ke-", "BulanDataRencana", format="bulat",
            catatan="kosong: bulan terakhir yang berisi realisasi"),
        *(Sel(f"rencana_ikpa.pagu_{j}", f"Pagu belanja {_NAMA_JENIS[j]}", f"PaguRencana{j}", format="uang")
          for j in JENIS_RENCANA),
        *(Sel(f"rencana_ikpa.blokir_{j}", f"Blokir belanja {_NAMA_JENIS[j]}", f"BlokirRencana{j}", format="uang",
              catatan="mulai TA 2026 target dihitung atas pagu dikurangi blokir" if j == "51" else "")
          for j in JENIS_RENCANA),
        Sel("rencana_ikpa.revisi_semester_i", "Revisi DIPA pagu tetap, semester I", "RevisiSemesterI", format="bulat"),
        Sel("rencana_ikpa.revisi_semester_ii", "Revisi DIPA pagu tetap, semester II", "RevisiSemesterII", format="bulat"),
        Sel("rencana_ikpa.spm_dispensasi", "SPM dengan dispensasi (TW IV)", "SpmDispensasiRencana", format="bulat"),
        Sel("rencana_ikpa.spm_jumlah", "Jumlah SPM (TW IV)", "SpmJumlahRencana", format="bulat"),
        # -- results
        Sel("aturan", "Aturan IKPA perencana", _AR, jenis="rumus", hasil="hasil.rencana.lembar.aturan",
            rumus='IF(AND(COUNTIF({RefRencana.aturan:},AturanIkpa)>0,SUM({RencanaBulan.bulan_salah:})=0,'
                  'OR(NOT(ISNUMBER(BulanDataRencana)),AND(BulanDataRencana>=0,BulanDataRencana<=12,'
                  'BulanDataRencana=INT(BulanDataRencana)))),AturanIkpa,"")',
            catatan="kosong: aturan tanpa target per triwulan (sebelum TA 2024), atau bulan tidak sah/ganda"),
        Sel("target", "Target dipakai", "TargetRencanaDipakai", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.target",
            rumus=_guard("IF(ISNUMBER(TargetIkpaRencana),TargetIkpaRencana,95)")),
        Sel("bulan_data", "Data sampai bulan ke- (dipakai)", _BD, jenis="rumus", format="bulat",
            hasil="hasil.rencana.lembar.bulan_data",
            rumus=_guard("IF(ISNUMBER(BulanDataRencana),BulanDataRencana,MAX({RencanaBulan.terisi:}))")),
        *(Sel(f"pagu_efektif_{j}", f"Pagu dasar target {_NAMA_JENIS[j]}", f"PaguEfektif{j}", jenis="rumus", format="uang",
              hasil=f"hasil.rencana.lembar.pagu_efektif_{j}",
              rumus=_guard(f"MAX(0,N(PaguRencana{j})-IF(AND(ISNUMBER(TahunAnggaran),TahunAnggaran<"
                           f'{_r("blokir_mulai_tahun")}),0,N(BlokirRencana{j})))'))
          for j in JENIS_RENCANA),
        Sel("pagu_efektif_total", "Pagu dasar target, jumlah", _PE_TOTAL, jenis="rumus", format="uang",
            hasil="hasil.rencana.lembar.pagu_efektif_total",
            rumus=_guard("+".join(f"PaguEfektif{j}" for j in JENIS_RENCANA))),
        *(Sel(f"bobot_{j}", f"Bobot pagu {_NAMA_JENIS[j]}", f"BobotRencana{j}", jenis="rumus", format="angka",
              hasil=f"hasil.rencana.lembar.bobot_{j}", rumus=_guard(f"PaguEfektif{j}/{_PE_TOTAL}", f"N({_PE_TOTAL})=0"))
          for j in JENIS_RENCANA),
        *(Sel(f"serapan_kini_{j}", f"Terserap s.d. bulan data, {_NAMA_JENIS[j]} (%)", f"SerapanKini{j}", jenis="rumus",
              format="persen", hasil=f"hasil.rencana.lembar.serapan_kini_{j}",
              rumus=_guard(f'SUMIFS({{RencanaBulan.realisasi_{j}:}},{{RencanaBulan.bulan:}},"<="&{_BD})/PaguEfektif{j}*100',
                           f"N(PaguEfektif{j})=0"))
          for j in JENIS_RENCANA),
        Sel("penyerapan_kini", "Penyerapan: nilai s.d. kini", "PenyerapanKini", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.penyerapan_kini",
            rumus=_guard("AVERAGE({RencanaTw.nilai:})", "COUNT({RencanaTw.nilai:})=0")),
        Sel("penyerapan_akhir", "Penyerapan: akhir tahun bila mengikuti RPD", "PenyerapanAkhir", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.penyerapan_akhir",
            rumus=_guard("AVERAGE({RencanaTw.nilai_rpd:})", f"N({_PE_TOTAL})=0")),
        Sel("penyerapan_tertinggi", "Penyerapan: tertinggi yang masih dapat dicapai", "PenyerapanTertinggi", jenis="rumus",
            format="angka", hasil="hasil.rencana.lembar.penyerapan_tertinggi",
            rumus=_guard(f'(SUM({{RencanaTw.nilai:}})+{_r("batas_rasio_penyerapan")}*{_SISA_TW})/4', f"N({_PE_TOTAL})=0")),
        Sel("deviasi_rata", "Deviasi Halaman III: rata-rata s.d. kini (%)", "DeviasiRata", jenis="rumus", format="persen",
            hasil="hasil.rencana.lembar.deviasi_rata",
            rumus=_guard(f'SUM({{RencanaBulan.deviasi:}})/MIN({_BD},{_r("bulan_deviasi_terakhir")})',
                         f"N({_PE_TOTAL})=0", f'MIN({_BD},{_r("bulan_deviasi_terakhir")})=0')),
        Sel("deviasi_kini", "Deviasi Halaman III: nilai s.d. kini", "NilaiDeviasiKini", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.deviasi_kini",
            rumus=f'IF(NOT(ISNUMBER(DeviasiRata)),"",{_nilai_dev("DeviasiRata")})'),
        Sel("deviasi_akhir", "Deviasi Halaman III: akhir tahun bila mengikuti RPD", "NilaiDeviasiAkhir", jenis="rumus",
            format="angka", hasil="hasil.rencana.lembar.deviasi_akhir",
            rumus=_guard(_nilai_dev(f'(SUM({{RencanaBulan.deviasi:}})/{_r("bulan_deviasi_terakhir")})'), f"N({_PE_TOTAL})=0")),
        Sel("skor_revisi_i", "Revisi DIPA: skor semester I", "SkorRevisiI", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.skor_revisi_i", rumus=_guard(_skor_revisi("N(RevisiSemesterI)"))),
        Sel("skor_revisi_ii", "Revisi DIPA: skor semester II", "SkorRevisiII", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.skor_revisi_ii", rumus=_guard(_skor_revisi("N(RevisiSemesterII)"))),
        Sel("revisi_kini", "Revisi DIPA: nilai s.d. kini", "NilaiRevisiKini", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.revisi_kini",
            rumus=_guard(f'MIN({_r("batas_nilai_revisi")},IF({_BD}>=7,(SkorRevisiI+SkorRevisiII)/2,SkorRevisiI))',
                         "AND(NOT(ISNUMBER(RevisiSemesterI)),NOT(ISNUMBER(RevisiSemesterII)))")),
        Sel("revisi_akhir", "Revisi DIPA: akhir tahun tanpa revisi lagi", "NilaiRevisiAkhir", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.revisi_akhir",
            rumus=_guard(f'MIN({_r("batas_nilai_revisi")},(SkorRevisiI+SkorRevisiII)/2)',
                         "AND(NOT(ISNUMBER(RevisiSemesterI)),NOT(ISNUMBER(RevisiSemesterII)))")),
        Sel("ketepatan_kini", "Capaian Output: ketepatan laporan s.d. kini", "KetepatanKini", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.ketepatan_kini",
            rumus=_guard("AVERAGE({RencanaBulan.tepat:})", "COUNT({RencanaBulan.tepat:})=0")),
        Sel("ketepatan_akhir", "Capaian Output: ketepatan akhir tahun", "KetepatanAkhir", jenis="rumus",
            format="angka", hasil="hasil.rencana.lembar.ketepatan_akhir",
            rumus=_guard(f"(SUM({{RencanaBulan.tepat:}})+100*(12-{_BD}))/(COUNT({{RencanaBulan.tepat:}})+12-{_BD})",
                         f"COUNT({{RencanaBulan.tepat:}})+12-{_BD}=0")),
        Sel("ro_kini", "Capaian Output: capaian RO terakhir", "CapaianRoKini", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.ro_kini",
            rumus=_guard("MIN(100,SUMIFS({RencanaBulan.capaian_ro:},{RencanaBulan.bulan:},MAX({RencanaBulan.ro_bulan:})))",
                         "MAX({RencanaBulan.ro_bulan:})=0")),
        Sel("capaian_output_kini", "Capaian Output: nilai s.d. kini", "CapaianOutputKini", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.capaian_output_kini", rumus=_co("KetepatanKini", "CapaianRoKini")),
        Sel("capaian_output_akhir", "Capaian Output: akhir tahun", "CapaianOutputAkhir", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.capaian_output_akhir", rumus=_co("KetepatanAkhir", "CapaianRoKini")),
        Sel("capaian_output_tertinggi", "Capaian Output: tertinggi (RO 100)", "CapaianOutputTertinggi", jenis="rumus",
            format="angka", hasil="hasil.rencana.lembar.capaian_output_tertinggi", rumus=_co("KetepatanAkhir", "100")),
        Sel("permil_dispensasi", "Dispensasi SPM (per mil)", "PermilDispensasi", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.permil_dispensasi",
            rumus=_guard("N(SpmDispensasiRencana)/SpmJumlahRencana*1000", "N(SpmJumlahRencana)=0")),
        Sel("pengurang", "Pengurang dispensasi dipakai", "PengurangRencana", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.pengurang",
            rumus=_guard("IF(ISNUMBER(PermilDispensasi),IF(PermilDispensasi<=0,0,"
                         'IF(COUNTIFS({RefPengurangDispensasi.aturan:},AturanRencana,{RefPengurangDispensasi.permil_minimal:},"<="&PermilDispensasi)=0,0,'
                         "SUMIFS({RefPengurangDispensasi.pengurang:},{RefPengurangDispensasi.aturan:},AturanRencana,"
                         "{RefPengurangDispensasi.permil_minimal:},MAXIFS({RefPengurangDispensasi.permil_minimal:},"
                         '{RefPengurangDispensasi.aturan:},AturanRencana,{RefPengurangDispensasi.permil_minimal:},"<="&PermilDispensasi)))),'
                         "N(PengurangDispensasiIkpa))")),
        Sel("ikpa_kini", "Nilai akhir IKPA s.d. kini", "IkpaRencanaKini", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.ikpa_kini", rumus=_ikpa_rencana("kini")),
        Sel("ikpa_proyeksi", "Nilai akhir IKPA bila mengikuti RPD", "IkpaRencanaProyeksi", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.ikpa_proyeksi", rumus=_ikpa_rencana("proyeksi")),
        Sel("ikpa_tertinggi", "Nilai akhir IKPA tertinggi yang masih mungkin", "IkpaRencanaTertinggi", jenis="rumus",
            format="angka", hasil="hasil.rencana.lembar.ikpa_tertinggi", rumus=_ikpa_rencana("tertinggi")),
        Sel("tercapai", "Target masih dapat dicapai", "TargetTercapai", jenis="rumus",
            hasil="hasil.rencana.lembar.tercapai",
            rumus='IF(NOT(ISNUMBER(IkpaRencanaTertinggi)),"",IF(IkpaRencanaTertinggi>=TargetRencanaDipakai-1E-9,"Ya","Tidak"))'),
        Sel("penyerapan_dibutuhkan", "Nilai Penyerapan tahun ini yang dibutuhkan", "PenyerapanDibutuhkan", jenis="rumus",
            format="angka", hasil="hasil.rencana.lembar.penyerapan_dibutuhkan",
            catatan="bila indikator lain mencapai nilai tertingginya",
            rumus=_guard(
                '(IF(PengurangDispensasi="sebelum",TargetRencanaDipakai*SUMIFS({RencanaIndikator.bobot:},{RencanaIndikator.berlaku:},"Ya")/100'
                f'+IF({_MODE}="pengurang",N(PengurangRencana),0),(TargetRencanaDipakai+IF({_MODE}="pengurang",N(PengurangRencana),0))'
                '*SUMIFS({RencanaIndikator.bobot:},{RencanaIndikator.berlaku:},"Ya")/100)'
                '-SUMIFS({RencanaIndikator.t_tertinggi:},{RencanaIndikator.kode:},"<>penyerapan"))*100'
                '/SUMIFS({RencanaIndikator.bobot:},{RencanaIndikator.kode:},"penyerapan")',
                'COUNTIFS({RencanaIndikator.kode:},"penyerapan",{RencanaIndikator.berlaku:},"Ya")=0',
                'SUMIFS({RencanaIndikator.bobot:},{RencanaIndikator.kode:},"penyerapan")<=0',
                'COUNTIFS({RencanaIndikator.kode:},"<>penyerapan",{RencanaIndikator.berlaku:},"Ya")'
                '<>SUMPRODUCT(({RencanaIndikator.kode:}<>"penyerapan")*ISNUMBER({RencanaIndikator.t_tertinggi:}))',
            )),
        Sel("tw_dibutuhkan", "Nilai setiap triwulan sisa yang dibutuhkan", "NilaiTwDibutuhkan", jenis="rumus", format="angka",
            hasil="hasil.rencana.lembar.tw_dibutuhkan",
            rumus=f'IF(OR(NOT(ISNUMBER(PenyerapanDibutuhkan)),N({_PE_TOTAL})=0,{_BD}>=12),"",'
                  f'IF(MAX(0,{_KURANG}/{_SISA_TW})>{_r("batas_rasio_penyerapan")}+1E-9,"",MAX(0,{_KURANG}/{_SISA_TW})))'),
        Sel("tw_berikut", "Triwulan berikut minimal (sisanya 100)", "TwBerikutMinimum", jenis="rumus",
            format="angka", hasil="hasil.rencana.lembar.tw_berikut",
            rumus=f'IF(NOT(ISNUMBER(NilaiTwDibutuhkan)),"",MAX(0,{_KURANG}-{_r("batas_rasio_penyerapan")}*({_SISA_TW}-1)))'),
        Sel("anggaran_deviasi", "Batas deviasi per bulan sisa (%)", "AnggaranDeviasi", jenis="rumus",
            format="persen", hasil="hasil.rencana.lembar.anggaran_deviasi",
            catatan="agar nilai Deviasi Halaman III tetap 100; kosong: tidak dapat lagi 100",
            rumus=_guard(f'({_r("batas_deviasi")}*{_r("bulan_deviasi_terakhir")}-SUM({{RencanaBulan.deviasi:}}))'
                         f'/({_r("bulan_deviasi_terakhir")}-{_BD})',
                         f"N({_PE_TOTAL})=0", f'{_BD}>={_r("bulan_deviasi_terakhir")}',
                         f'{_r("batas_deviasi")}*{_r("bulan_deviasi_terakhir")}<SUM({{RencanaBulan.deviasi:}})')),
    ),
)  # fmt: skip

_BULAN_ADA = '{bulan}=""'
# A month row holding anything besides its month (1/0).
_ADA_ISI = (
    "IF(OR("
    + ",".join(f"ISNUMBER({{{a}_{j}}})" for j in JENIS_RENCANA for a in ("rpd", "realisasi"))
    + ',{laporan_tepat_waktu}<>"",ISNUMBER({capaian_ro})),1,0)'
)
RENCANA_BULAN = Tabel(
    "RencanaBulan",
    "Rencana IKPA",
    "Rencana (RPD Halaman III DIPA) dan realisasi per bulan, laporan capaian output",
    (
        Kolom("bulan", "Bulan", format="bulat", lebar=7),
        *(k for j in JENIS_RENCANA for k in (
            Kolom(f"rpd_{j}", f"RPD {j}", format="uang", lebar=15),
            Kolom(f"realisasi_{j}", f"Realisasi {j}", format="uang", lebar=15),
        )),
        Kolom("laporan_tepat_waktu", "Laporan output tepat waktu", pilihan="YaTidak", lebar=10),
        Kolom("capaian_ro", "Progres capaian RO (%)", format="persen", lebar=10),
        Kolom("deviasi", "Deviasi bulan (%)", jenis="rumus", format="persen", lebar=10,
              rumus=_guard("+".join(f"BobotRencana{j}*{_dev(j)}" for j in JENIS_RENCANA), _BULAN_ADA,
                           f"N({_PE_TOTAL})=0", f'{{bulan}}>MIN({_BD},{_r("bulan_deviasi_terakhir")})')),
        *(Kolom(f"serapan_{j}", f"Kumulatif {j} (% pagu)", jenis="rumus", format="persen", lebar=10,
                rumus=_guard(_kum(j, "{bulan}"), _BULAN_ADA, f"N(PaguEfektif{j})=0"))
          for j in JENIS_RENCANA),
        Kolom("terisi", "Berisi realisasi", jenis="rumus", format="bulat", bantu=True, lebar=7, kosong=0,
              rumus=f'IF({_AR}="",0,IF(OR(' + ",".join(f"N({{realisasi_{j}}})<>0" for j in JENIS_RENCANA) + "),N({bulan}),0))"),
        Kolom("tepat", "Nilai ketepatan", jenis="rumus", format="angka", bantu=True, lebar=7,
              rumus=_guard('IF({laporan_tepat_waktu}="Ya",100,IF({laporan_tepat_waktu}="Tidak",0,""))', _BULAN_ADA,
                           f"{{bulan}}>{_BD}")),
        Kolom("bulan_salah", "Bulan tidak sah atau ganda", jenis="rumus", format="bulat", bantu=True, lebar=7, kosong=0,
              rumus='IF(AND({bulan}="",' + _ADA_ISI + "=0),0,IF(OR(NOT(ISNUMBER({bulan})),N({bulan})<1,N({bulan})>12,"
                    "N({bulan})<>INT(N({bulan}))),1,IF(COUNTIF({bulan:},{bulan})>1,1,0)))"),
        Kolom("ro_bulan", "Bulan capaian RO", jenis="rumus", format="bulat", bantu=True, lebar=7, kosong=0,
              rumus=f'IF({_AR}="",0,IF(AND({{bulan}}<>"",ISNUMBER({{capaian_ro}}),N({{bulan}})<=N({_BD})),N({{bulan}}),0))'),
    ),
    cadangan=0,
    minimum=12,
)  # fmt: skip

_TW = "{tw}"
RENCANA_TW = Tabel(
    "RencanaTw",
    "Rencana IKPA",
    "Penyerapan per triwulan: nilai, target, dan penyerapan kumulatif minimal",
    (
        Kolom("tw", "Triwulan", jenis="tetap", format="bulat", lebar=7),
        *(Kolom(f"target_{j}", f"Target {j} (%)", jenis="rumus", format="persen", lebar=9,
                rumus=_guard(f'SUMIFS({{RefTargetSerap.target:}},{{RefTargetSerap.aturan:}},{_AR},{{RefTargetSerap.jenis:}},"{j}",'
                             f"{{RefTargetSerap.tw:}},{_TW})",
                             f'COUNTIFS({{RefTargetSerap.aturan:}},{_AR},{{RefTargetSerap.jenis:}},"{j}",{{RefTargetSerap.tw:}},{_TW})=0'))
          for j in JENIS_RENCANA),
        *(Kolom(f"kumulatif_{j}", f"Kumulatif {j} (% pagu)", jenis="rumus", format="persen", lebar=10,
                rumus=_guard(_kum(j, f"3*{_TW}"), f"N(PaguEfektif{j})=0"))
          for j in JENIS_RENCANA),
        Kolom("nilai_rpd", "Nilai triwulan bila mengikuti RPD", jenis="rumus", format="angka", lebar=11,
              rumus=_guard("+".join(f'IF(N(PaguEfektif{j})>0,BobotRencana{j}*MIN({_r("batas_rasio_penyerapan")},'
                                    f"{{kumulatif_{j}}}/{{target_{j}}}*100),0)" for j in JENIS_RENCANA),
                           f"N({_PE_TOTAL})=0")),
        Kolom("nilai", "Nilai triwulan (realisasi)", jenis="rumus", format="angka", lebar=11,
              rumus=f'IF(OR(NOT(ISNUMBER({{nilai_rpd}})),3*{_TW}>{_BD}),"",{{nilai_rpd}})'),
        Kolom("dibutuhkan", "Nilai dibutuhkan", jenis="rumus", format="angka", lebar=11,
              rumus=f'IF(AND(ISNUMBER(NilaiTwDibutuhkan),3*{_TW}>{_BD}),NilaiTwDibutuhkan,"")'),
        *(Kolom(f"minimal_{j}", f"Minimal {j} (% pagu)", jenis="rumus", format="persen", lebar=10,
                rumus=f'IF(AND(ISNUMBER({{dibutuhkan}}),N(PaguEfektif{j})>0),MAX(SerapanKini{j},{{dibutuhkan}}/100*{{target_{j}}}),"")')
          for j in JENIS_RENCANA),
        Kolom("rencana_total", "Rencana kumulatif (% pagu)", jenis="rumus", format="persen", lebar=10,
              rumus=_guard("+".join(f"IF(N(PaguEfektif{j})>0,BobotRencana{j}*{{kumulatif_{j}}},0)" for j in JENIS_RENCANA),
                           f"N({_PE_TOTAL})=0")),
        Kolom("target_total", "Target tertimbang (% pagu)", jenis="rumus", format="persen", lebar=10,
              rumus=_guard("+".join(f"IF(N(PaguEfektif{j})>0,BobotRencana{j}*{{target_{j}}},0)" for j in JENIS_RENCANA),
                           f"N({_PE_TOTAL})=0")),
    ),
    cadangan=0,
    minimum=4,
)  # fmt: skip


def _pilih_rincian(kode_ke_nama: dict[str, str]) -> str:
    out = '""'
    for kode, nama in reversed(kode_ke_nama.items()):
        out = f'IF({{kode}}="{kode}",{nama},{out})'
    return out


_CARI = "MATCH({kode},{IkpaKomponen.kode_baku:},0)"
_KODE_KOSONG = '{kode}=""'
_BAKU = "SUMIFS({RefIkpa.bobot:},{RefIkpa.aturan:},AturanIkpa,{RefIkpa.kode:},{kode})"
RENCANA_INDIKATOR = Tabel(
    "RencanaIndikator",
    "Rencana IKPA",
    "Nilai indikator: s.d. kini, bila mengikuti RPD, dan tertinggi",
    (
        Kolom("kode", "Kode indikator", jenis="tetap", lebar=22),
        Kolom("nama", "Indikator", jenis="rumus", lebar=26,
              rumus=_guard('IFERROR(INDEX({RefIkpa.nama:},MATCH({kode},{RefIkpa.kode:},0)),"(kode tidak dikenal)")', _KODE_KOSONG)),
        Kolom("bobot", "Bobot", jenis="rumus", format="angka", lebar=8,
              rumus=_guard(f"IF(ISNUMBER({_CARI}),IF(ISNUMBER(INDEX({{IkpaKomponen.bobot:}},{_CARI})),"
                           f"INDEX({{IkpaKomponen.bobot:}},{_CARI}),{_BAKU}),{_BAKU})", _KODE_KOSONG)),
        Kolom("berlaku", "Berlaku", jenis="rumus", lebar=8,
              rumus=_guard(f'IF(ISNUMBER({_CARI}),IF(INDEX({{IkpaKomponen.berlaku:}},{_CARI})="Tidak","Tidak","Ya"),"Ya")',
                           _KODE_KOSONG)),
        Kolom("omspan", "Nilai OM-SPAN", jenis="rumus", format="angka", lebar=9,
              rumus=_guard(f'IF(ISNUMBER({_CARI}),IF(ISNUMBER(INDEX({{IkpaKomponen.nilai:}},{_CARI})),'
                           f'INDEX({{IkpaKomponen.nilai:}},{_CARI}),""),"")', _KODE_KOSONG)),
        Kolom("rincian_kini", "Dari rincian", jenis="rumus", format="angka", bantu=True, lebar=9,
              rumus=_guard(_pilih_rincian({"penyerapan": "PenyerapanKini", "deviasi_halaman_iii": "NilaiDeviasiKini",
                                           "revisi_dipa": "NilaiRevisiKini", "capaian_output": "CapaianOutputKini"}))),
        Kolom("kini", "S.d. kini", jenis="rumus", format="angka", lebar=9,
              rumus='IF(ISNUMBER({omspan}),{omspan},IF(ISNUMBER({rincian_kini}),{rincian_kini},""))'),
        Kolom("sumber", "Sumber", jenis="rumus", lebar=9,
              rumus='IF(ISNUMBER({omspan}),"OM-SPAN",IF(ISNUMBER({rincian_kini}),"rincian",""))'),
        Kolom("rincian_proyeksi", "Akhir dari rincian", jenis="rumus", format="angka", bantu=True, lebar=9,
              rumus=_guard(_pilih_rincian({"penyerapan": "PenyerapanAkhir", "deviasi_halaman_iii": "NilaiDeviasiAkhir",
                                           "revisi_dipa": "NilaiRevisiAkhir", "capaian_output": "CapaianOutputAkhir"}))),
        Kolom("proyeksi", "Bila mengikuti RPD", jenis="rumus", format="angka", lebar=9,
              rumus='IF(ISNUMBER({rincian_proyeksi}),{rincian_proyeksi},{kini})'),
        Kolom("rincian_tertinggi", "Tertinggi dari rincian", jenis="rumus", format="angka", bantu=True, lebar=9,
              rumus=_guard(_pilih_rincian({k: f"IF(ISNUMBER({n}),{n},100)" for k, n in (
                  ("penyerapan", "PenyerapanTertinggi"), ("deviasi_halaman_iii", "NilaiDeviasiAkhir"),
                  ("revisi_dipa", "NilaiRevisiAkhir"), ("capaian_output", "CapaianOutputTertinggi"))}))),
        Kolom("tertinggi", "Tertinggi", jenis="rumus", format="angka", lebar=9,
              rumus='IF(ISNUMBER({rincian_tertinggi}),{rincian_tertinggi},{kini})'),
        *(Kolom(f"t_{x}", f"Tertimbang ({x})", jenis="rumus", format="angka", bantu=True, lebar=8,
                rumus=f'IF(AND({{berlaku}}="Ya",ISNUMBER({{{x}}})),{{{x}}}*{{bobot}}/100,"")')
          for x in ("kini", "proyeksi", "tertinggi")),
    ),
    cadangan=0,
    minimum=1,
)  # fmt: skip

REF_RENCANA = Tabel(
    "RefRencana",
    "Referensi",
    "Perencana IKPA: pengaturan per aturan",
    (
        Kolom("aturan", "Aturan", lebar=8),
        Kolom("kunci", "Kunci", lebar=24),
        Kolom("nilai", "Nilai", format="angka", lebar=12),
    ),
    cadangan=2,
)
REF_TARGET_SERAP = Tabel(
    "RefTargetSerap",
    "Referensi",
    "Perencana IKPA: target penyerapan kumulatif (% pagu)",
    (
        Kolom("aturan", "Aturan", lebar=8),
        Kolom("jenis", "Jenis belanja", lebar=10),
        Kolom("tw", "Triwulan", format="bulat", lebar=8),
        Kolom("target", "Target (%)", format="angka", lebar=10),
    ),
    cadangan=4,
)
REF_SKOR_REVISI = Tabel(
    "RefSkorRevisi",
    "Referensi",
    "Perencana IKPA: skor revisi DIPA per semester",
    (
        Kolom("aturan", "Aturan", lebar=8),
        Kolom("paling_banyak", "Revisi paling banyak (kosong: lebih)", format="bulat", lebar=12),
        Kolom("skor", "Skor", format="angka", lebar=8),
    ),
    cadangan=1,
)
REF_PENGURANG_DISPENSASI = Tabel(
    "RefPengurangDispensasi",
    "Referensi",
    "Perencana IKPA: pengurang dispensasi SPM",
    (
        Kolom("aturan", "Aturan", lebar=8),
        Kolom("permil_minimal", "Per mil sekurang-kurangnya", format="angka", lebar=12),
        Kolom("pengurang", "Pengurang", format="angka", lebar=10),
    ),
    cadangan=1,
)

# SMART and SAKIP -----------------------------------------------------------------------------

_NKA_VARS = ("SmartPenyerapan", "SmartKonsistensi", "SmartCapaianOutput", "SmartEfisiensiDipakai")
_NKA_W = ("BobotNkaPenyerapan", "BobotNkaKonsistensi", "BobotNkaCapaianOutput", "BobotNkaEfisiensi")

SMART = Blok(
    "SMART",
    "SMART DJA: Nilai Kinerja Anggaran, PKPA, dan SAKIP",
    3,
    (
        Sel("smart.periode", "Periode nilai SMART", "PeriodeSmart"),
        Sel("smart.aturan_nka", "Aturan NKA dipilih", "PilihanAturanNka", pilihan="AturanNka",
            catatan="kosongkan: menurut tahun anggaran"),
        Sel("aturan_nka", "Aturan NKA yang berlaku", "AturanNka", jenis="rumus", hasil="hasil.nka.rezim",
            rumus='IF(OR(PilihanAturanNka="pmk22_2021",PilihanAturanNka="pmk62_2023"),PilihanAturanNka,'
                  'IF(AND(ISNUMBER(TahunAnggaran),TahunAnggaran<TahunMulaiNka62),"pmk22_2021","pmk62_2023"))'),
        Sel("smart.nilai_perencanaan", "2024+: nilai perencanaan anggaran", "SmartNilaiPerencanaan", format="angka",
            catatan="seperti di SMART"),
        Sel("smart.capaian_ro", "2024+: efektivitas (capaian RO)", "SmartCapaianRO", format="angka",
            catatan="dipakai bila nilai perencanaan kosong"),
        Sel("smart.efisiensi_sbk", "2024+: efisiensi SBK", "SmartEfisiensiSBK", format="angka",
            catatan="dipakai bila nilai perencanaan kosong"),
        Sel("nka_perencanaan", "2024+: nilai perencanaan dipakai", "NilaiPerencanaanNka", jenis="rumus",
            hasil="hasil.nka.perencanaan", format="angka",
            rumus='IF(ISNUMBER(SmartNilaiPerencanaan),SmartNilaiPerencanaan,IF(AND(ISNUMBER(SmartCapaianRO),'
                  'ISNUMBER(SmartEfisiensiSBK)),(BobotNka62Efektivitas*SmartCapaianRO+BobotNka62Efisiensi*SmartEfisiensiSBK)'
                  '/100,""))'),
        Sel("smart.penyerapan", "s.d. 2023: penyerapan anggaran (P)", "SmartPenyerapan", format="angka"),
        Sel("smart.konsistensi", "s.d. 2023: konsistensi penyerapan (K)", "SmartKonsistensi", format="angka"),
        Sel("smart.capaian_output", "s.d. 2023: capaian output (CRO)", "SmartCapaianOutput", format="angka"),
        Sel("smart.efisiensi", "s.d. 2023: nilai efisiensi NE (seperti SMART)", "SmartEfisiensi", format="angka"),
        Sel("smart.efisiensi_mentah", "s.d. 2023: efisiensi mentah E (%)", "SmartEfisiensiMentah", format="angka",
            catatan="dipakai bila NE kosong"),
        Sel("efisiensi", "Nilai efisiensi dipakai", "SmartEfisiensiDipakai", jenis="rumus", hasil="hasil.nka.efisiensi", format="angka",
            rumus='IF(ISNUMBER(SmartEfisiensi),SmartEfisiensi,IF(ISNUMBER(SmartEfisiensiMentah),'
                  "50+MAX(-BatasEfisiensi,MIN(BatasEfisiensi,SmartEfisiensiMentah))/BatasEfisiensi*50,\"\"))"),
        Sel("nka", "Nilai Kinerja Anggaran (NKA)", "NilaiNKA", jenis="rumus", hasil="hasil.nka.nilai", format="angka",
            rumus='IF(AturanNka="pmk62_2023",IF(AND(ISNUMBER(NilaiPerencanaanNka),ISNUMBER(NilaiAkhirIKPA)),'
                  '(BobotNka62Perencanaan*NilaiPerencanaanNka+BobotNka62Pelaksanaan*NilaiAkhirIKPA)/100,""),'
                  "IF(AND(" + ",".join(f"ISNUMBER({v})" for v in _NKA_VARS) + "),("
                  + "+".join(f"{w}*{v}" for w, v in zip(_NKA_W, _NKA_VARS, strict=True)) + ')/100,""))'),
        Sel("predikat_nka", "Predikat NKA", "PredikatNKA", jenis="rumus", hasil="hasil.nka.predikat", rumus="PREDIKAT_NKA(NilaiNKA)"),
        Sel("smart.nka_dinyatakan", "NKA (tercantum)", "NKADinyatakan", format="angka"),
        Sel("pkpa", "PKPA (s.d. 2023)", "NilaiPKPA", jenis="rumus", hasil="hasil.pkpa", format="angka",
            catatan="tahunan: bobot di Referensi; periode lain: nilai IKPA",
            rumus='IF(AturanNka<>"pmk22_2021","",IF(PeriodeLaporan="Tahunan",IF(AND(ISNUMBER(NilaiNKA),ISNUMBER(NilaiAkhirIKPA)),'
                  '(BobotPkpaSmart*NilaiNKA+BobotPkpaIkpa*NilaiAkhirIKPA)/100,""),IF(ISNUMBER(NilaiAkhirIKPA),NilaiAkhirIKPA,"")))'),
        Sel("sakip.perencanaan", "SAKIP: perencanaan kinerja (0-100)", "SakipPerencanaan", format="angka"),
        Sel("sakip.pengukuran", "SAKIP: pengukuran kinerja (0-100)", "SakipPengukuran", format="angka"),
        Sel("sakip.pelaporan", "SAKIP: pelaporan kinerja (0-100)", "SakipPelaporan", format="angka"),
        Sel("sakip.evaluasi", "SAKIP: evaluasi internal (0-100)", "SakipEvaluasi", format="angka"),
        Sel("sakip_nilai", "Nilai SAKIP", "NilaiSAKIP", jenis="rumus", hasil="hasil.sakip.nilai", format="angka",
            rumus='IF(AND(ISNUMBER(SakipPerencanaan),ISNUMBER(SakipPengukuran),ISNUMBER(SakipPelaporan),ISNUMBER(SakipEvaluasi)),'
                  "(BobotSakipPerencanaan*SakipPerencanaan+BobotSakipPengukuran*SakipPengukuran+BobotSakipPelaporan*SakipPelaporan"
                  '+BobotSakipEvaluasi*SakipEvaluasi)/100,"")'),
        Sel("sakip_predikat", "Predikat SAKIP", "PredikatSAKIP", jenis="rumus", hasil="hasil.sakip.predikat", rumus="PREDIKAT_SAKIP(NilaiSAKIP)"),
        Sel("sakip.nilai_dinyatakan", "Nilai SAKIP (tercantum)", "NilaiSAKIPDinyatakan", format="angka"),
    ),
)  # fmt: skip

# Narasi, Prestasi ---------------------------------------------------------------------------

NARASI = Blok(
    "Narasi",
    "Narasi Laporan (teks satker, satu sel per bagian)",
    3,
    tuple(
        Sel(f"narasi.{k}", v, "Narasi" + "".join(w.capitalize() for w in k.split("_"))) for k, v in NARASI_LABEL.items()
    ),
)

PRESTASI = Tabel(
    "Prestasi",
    "Prestasi",
    "Penghargaan dan Prestasi",
    (
        Kolom("judul", "Penghargaan", lebar=40),
        Kolom("pemberi", "Pemberi", lebar=30),
        Kolom("nomor", "Nomor", lebar=22),
        Kolom("tanggal", "Tanggal", format="tanggal", lebar=12),
        Kolom("nilai", "Nilai", format="angka", lebar=9),
        Kolom("keterangan", "Keterangan", lebar=30),
    ),
    cadangan=5,
    minimum=10,
)
INOVASI = Tabel(
    "Inovasi",
    "Prestasi",
    "Inovasi",
    (Kolom("nama", "Inovasi", lebar=40), Kolom("uraian", "Uraian", lebar=60)),
    cadangan=5,
    minimum=10,
)
APLIKASI_KINERJA = Tabel(
    "AplikasiKinerja",
    "Prestasi",
    "Capaian pada Aplikasi Kinerja Lainnya",
    (
        Kolom("nama", "Aplikasi", lebar=40),
        Kolom("nilai", "Nilai/capaian", format="angka", lebar=12),
        Kolom("periode", "Periode", lebar=22),
        Kolom("keterangan", "Keterangan", lebar=48),
    ),
    cadangan=5,
    minimum=10,
)

# Organisasi ---------------------------------------------------------------------------------

STRUKTUR = Tabel(
    "Struktur",
    "Organisasi",
    "Struktur Organisasi: Unit/Jabatan dan Fungsinya",
    (
        Kolom("nama", "Unit/jabatan", lebar=34),
        Kolom("fungsi", "Fungsi", lebar=70),
        Kolom("pejabat", "Nama pejabat", lebar=28),
    ),
    cadangan=5,
    minimum=15,
)
LANDASAN_HUKUM = Tabel(
    "LandasanHukum",
    "Organisasi",
    "Landasan Hukum",
    (
        # Wide columns under the wide columns of the Struktur table above (one printed width).
        Kolom("jenis", "Jenis peraturan", lebar=34),
        Kolom("tentang", "Tentang", lebar=70),
        Kolom("nomor", "Nomor", lebar=16),
        Kolom("tahun", "Tahun", format="tahun", lebar=8),
    ),
    cadangan=5,
    minimum=15,
)
SDM = Tabel(
    "Sdm",
    "Organisasi",
    "Sumber Daya Manusia",
    (
        Kolom("kategori", "Kategori", lebar=34),
        Kolom("uraian", "Uraian", lebar=40),
        Kolom("jumlah", "Jumlah pegawai", format="bulat", lebar=12),
    ),
    cadangan=5,
    minimum=30,
)
TINDAK_LANJUT = Tabel(
    "TindakLanjut",
    "Tindak Lanjut",
    "Rencana Tindak Lanjut",
    (
        Kolom("masalah", "Masalah/rekomendasi", lebar=40),
        Kolom("rencana", "Rencana aksi", lebar=48),
        Kolom("penanggung_jawab", "Penanggung jawab", lebar=24),
        Kolom("batas_waktu", "Batas waktu", format="tanggal", lebar=12),
    ),
    cadangan=5,
    minimum=20,
)

# Referensi ----------------------------------------------------------------------------------

PENGATURAN = Blok(
    "Referensi",
    "Pengaturan (dapat diubah)",
    3,
    (
        Sel("pengaturan.batas_capaian_indikator", "Batas atas capaian indikator (kosong = tanpa batas)", "BatasCapaianIndikator",
            format="angka"),
        Sel("pengaturan.batas_capaian_output", "Batas atas capaian volume output", "BatasCapaianOutput", format="angka"),
        Sel("pengaturan.rumus_negatif", "Rumus polaritas negatif (2t-r atau t/r)", "RumusNegatif", pilihan="RumusNegatif"),
        Sel("pengaturan.metode_aspek_ikpa", "Nilai aspek IKPA (rata_sederhana seperti OM-SPAN, atau tertimbang)",
            "MetodeAspekIkpa", pilihan="MetodeAspek"),
        Sel("pengaturan.pengurang_dispensasi", "Pengurang dispensasi dikurangkan (setelah/sebelum konversi)", "PengurangDispensasi",
            pilihan="UrutanPengurang"),
        Sel("pengaturan.toleransi_dinyatakan", "Toleransi angka tercantum (poin)", "ToleransiDinyatakan", format="angka"),
        Sel("nka.bobot.penyerapan", "Bobot NKA: penyerapan (%)", "BobotNkaPenyerapan", format="angka"),
        Sel("nka.bobot.konsistensi", "Bobot NKA: konsistensi (%)", "BobotNkaKonsistensi", format="angka"),
        Sel("nka.bobot.capaian_output", "Bobot NKA: capaian output (%)", "BobotNkaCapaianOutput", format="angka"),
        Sel("nka.bobot.efisiensi", "Bobot NKA: efisiensi (%)", "BobotNkaEfisiensi", format="angka"),
        Sel("nka.efisiensi_batas", "Batas efisiensi E (±%)", "BatasEfisiensi", format="angka"),
        Sel("nka.pmk62.mulai_tahun", "NKA PMK 62/2023 berlaku mulai TA", "TahunMulaiNka62", format="tahun"),
        Sel("nka.pmk62.bobot_perencanaan", "Bobot NKA 2024+: perencanaan (%)", "BobotNka62Perencanaan", format="angka"),
        Sel("nka.pmk62.bobot_pelaksanaan", "Bobot NKA 2024+: pelaksanaan/IKPA (%)", "BobotNka62Pelaksanaan", format="angka"),
        Sel("nka.pmk62.bobot_efektivitas", "Bobot NKA 2024+: efektivitas (capaian RO) (%)", "BobotNka62Efektivitas", format="angka"),
        Sel("nka.pmk62.bobot_efisiensi", "Bobot NKA 2024+: efisiensi SBK (%)", "BobotNka62Efisiensi", format="angka"),
        Sel("pkpa.bobot_smart", "Bobot PKPA: SMART (%)", "BobotPkpaSmart", format="angka"),
        Sel("pkpa.bobot_ikpa", "Bobot PKPA: IKPA (%)", "BobotPkpaIkpa", format="angka"),
        Sel("sakip.bobot.perencanaan", "Bobot SAKIP: perencanaan", "BobotSakipPerencanaan", format="angka"),
        Sel("sakip.bobot.pengukuran", "Bobot SAKIP: pengukuran", "BobotSakipPengukuran", format="angka"),
        Sel("sakip.bobot.pelaporan", "Bobot SAKIP: pelaporan", "BobotSakipPelaporan", format="angka"),
        Sel("sakip.bobot.evaluasi", "Bobot SAKIP: evaluasi internal", "BobotSakipEvaluasi", format="angka"),
    ),
)  # fmt: skip

REF_IKPA = Tabel(
    "RefIkpa",
    "Referensi",
    "Bobot indikator IKPA per aturan",
    (
        Kolom("aturan", "Aturan", lebar=8),
        Kolom("kode", "Kode", lebar=22),
        Kolom("nama", "Indikator", lebar=28),
        Kolom("aspek", "Aspek", pilihan="Aspek", lebar=13),
        Kolom("bobot", "Bobot", format="angka", lebar=8),
    ),
    cadangan=5,
)
REF_ATURAN_IKPA = Tabel(
    "RefAturanIkpa",
    "Referensi",
    "Aturan IKPA",
    (
        Kolom("kode", "Aturan", lebar=8),
        Kolom("nama", "Nama", lebar=40),
        Kolom("dispensasi", "Dispensasi SPM", pilihan="ModeDispensasi", lebar=14),
        Kolom("sumber", "Sumber", lebar=40),
        Kolom("keyakinan", "Keyakinan", lebar=24),
    ),
    cadangan=2,
)
REF_TAHUN_IKPA = Tabel(
    "RefTahunIkpa",
    "Referensi",
    "Aturan IKPA per tahun anggaran",
    (
        Kolom("tahun", "Tahun anggaran", format="tahun", lebar=10),
        Kolom("aturan", "Aturan", pilihan="AturanIkpa", lebar=8),
    ),
    cadangan=4,
)


def _ref_predikat(kunci: str, judul: str, batas: str, judul_batas: str) -> Tabel:
    return Tabel(
        kunci,
        "Referensi",
        judul,
        (Kolom(batas, judul_batas, format="angka", lebar=10), Kolom("predikat", "Predikat", lebar=16)),
        cadangan=0,
    )


REF_PREDIKAT_IKPA = _ref_predikat(
    "RefPredikatIkpa", "Predikat IKPA (nilai ≥ batas bawah)", "batas_bawah", "Batas bawah"
)
REF_PREDIKAT_NKA = _ref_predikat("RefPredikatNka", "Predikat NKA (nilai > batas)", "lebih_dari", "Lebih dari")
REF_PREDIKAT_SAKIP = _ref_predikat("RefPredikatSakip", "Predikat SAKIP (nilai > batas)", "lebih_dari", "Lebih dari")

# Lists for data validation (Referensi sheet, one column each).
DAFTAR: dict[str, tuple[str, ...]] = {
    "Tingkat": ("iku", "program", "kegiatan"),
    # "rentang" (the old range polarity) is still read but no longer offered: a range target is
    # a positive or negative indicator with "Batas atas (rentang)" filled.
    "Polaritas": ("positif", "negatif"),
    "Kumulatif": ("jumlah", "terakhir"),
    "Periode": ("Semester I", "Tahunan"),
    "YaTidak": ("Ya", "Tidak"),
    "RumusNegatif": ("2t-r", "t/r"),
    "MetodeAspek": ("rata_sederhana", "tertimbang"),
    "UrutanPengurang": ("setelah", "sebelum"),
    "ModeDispensasi": ("bobot", "pengurang"),
    "AturanNka": ("pmk22_2021", "pmk62_2023"),
    "Aspek": ("perencanaan", "pelaksanaan", "hasil"),
    "JenisBelanja": ("51", "52", "53"),
    "SumberDana": ("RM", "PNBP", "BLU", "PLN", "HLN", "SBSN"),
    "Satuan": ("Indeks", "Nilai", "Persen", "Layanan", "Dokumen", "Laporan", "Orang", "Operasi", "Unit", "Kegiatan"),
}

VALIDASI = Tabel(
    "Temuan",
    "Validasi",
    "Temuan Pemeriksaan",
    (
        Kolom("tingkat", "Tingkat", lebar=11),
        Kolom("kode", "Kode", lebar=26),
        Kolom("lokasi", "Lokasi", lebar=22),
        Kolom("pesan", "Pesan", lebar=90),
    ),
    cadangan=0,
    minimum=1,
)

# Single cells outside the tables and blocks, declared once: (sheet, row, column), 0-based.
SelTetap = tuple[str, int, int]
SEL_RINGKASAN_VALIDASI: SelTetap = ("Validasi", 2, 5)  # F3: the button's result summary (two columns)
SEL_VERSI_SKEMA: SelTetap = ("_meta", 1, 1)  # B2: the schema version (defined name VersiSkema)
SEL_VERSI_LAKIP: SelTetap = ("Beranda", 1, 7)  # H2: unlocked; the harmless test macro writes the version


def alamat(sel: SelTetap, mutlak: bool = False) -> str:
    """``Validasi!F3`` (``Validasi!$F$3`` with ``mutlak``)."""
    lembar, r, c = sel
    return f"{_quote(lembar)}!{xl_rowcol_to_cell(r, c, mutlak, mutlak)}"


# Rows the Validasi sheet reserves for findings written by the "Hitung dan Validasi" button.
MAKS_TEMUAN = 5000

TABEL: tuple[Tabel, ...] = (
    WILAYAH,
    INDIKATOR,
    REALISASI,
    ANALISIS,
    RENSTRA,
    PROGRAM,
    KEGIATAN,
    KRO,
    OUTPUT,
    JENIS_BELANJA,
    SUMBER_DANA,
    IKPA_KOMPONEN,
    IKPA_DISEBUT,
    RENCANA_BULAN,
    RENCANA_TW,
    RENCANA_INDIKATOR,
    PRESTASI,
    INOVASI,
    APLIKASI_KINERJA,
    STRUKTUR,
    LANDASAN_HUKUM,
    SDM,
    TINDAK_LANJUT,
    REF_IKPA,
    REF_ATURAN_IKPA,
    REF_TAHUN_IKPA,
    REF_PREDIKAT_IKPA,
    REF_PREDIKAT_NKA,
    REF_PREDIKAT_SAKIP,
    REF_RENCANA,
    REF_TARGET_SERAP,
    REF_SKOR_REVISI,
    REF_PENGURANG_DISPENSASI,
    VALIDASI,
)
BLOK: tuple[Blok, ...] = (PROFIL, ANGGARAN, IKPA, RENCANA, SMART, NARASI, PENGATURAN)


@dataclass(frozen=True)
class Ikatan:
    """Which model list fills a table's rows: the one declaration the writer, the reader and
    the cell map (findings -> ``Sheet!Cell``) derive from (``buku_kerja/ikatan.py``)."""

    tabel: str
    jalur: tuple[str, ...]  # the list, from the model root (or, for a child table, from its parent item)
    induk: str | None = None  # hierarchy: the parent table, whose item holds this list
    # Hierarchy: the columns naming the parent, matched in order against the parent's ``kunci``.
    kolom_induk: tuple[str, ...] = ()
    pendamping: str | None = None  # more columns of another table's rows, in the same row order
    hasil: str | None = None  # formula columns: the list of row results (path from ``Mesin``)
    # The rows in the order the sheet lists them, from the list's owner (default: list order).
    urutan: Callable[[Any], list[Any]] | None = None
    kunci_isian: tuple[str, ...] = ()  # columns the writer prefills: a row with only these holds no data
    # The columns that identify a row for its children: its own code, and for a level whose
    # codes repeat under other parents (KRO QAH under several kegiatan) the parent's too.
    kunci: tuple[str, ...] = ("kode",)


IKATAN: tuple[Ikatan, ...] = (
    Ikatan("Wilayah", ("wilayah",)),
    Ikatan("Indikator", ("indikator",)),
    Ikatan("Realisasi", ("indikator",), pendamping="Indikator", hasil="hasil.indikator"),
    Ikatan("Analisis", ("indikator",), pendamping="Indikator", hasil="hasil.indikator"),
    Ikatan("Renstra", ("renstra",), hasil="baris_renstra"),
    Ikatan("Program", ("anggaran", "program"), hasil="hasil.anggaran.per_program"),
    Ikatan("Kegiatan", ("kegiatan",), induk="Program", kolom_induk=("program",), hasil="hasil.anggaran.per_kegiatan"),
    Ikatan(
        "Kro",
        ("kro",),
        induk="Kegiatan",
        kolom_induk=("kegiatan",),
        hasil="hasil.anggaran.per_kro",
        kunci=("kegiatan", "kode"),
    ),
    Ikatan("Output", ("output",), induk="Kro", kolom_induk=("kegiatan", "kro"), hasil="hasil.output"),
    Ikatan("JenisBelanja", ("anggaran", "jenis_belanja"), hasil="hasil.anggaran.per_jenis"),
    Ikatan("SumberDana", ("anggaran", "sumber_dana"), hasil="hasil.anggaran.per_sumber"),
    Ikatan("IkpaKomponen", ("ikpa", "komponen"), hasil="baris_ikpa"),
    Ikatan("IkpaDisebut", ("ikpa", "disebut")),
    Ikatan(
        "RencanaBulan",
        ("rencana_ikpa", "bulan"),
        hasil="hasil.rencana.baris_bulan",
        urutan=urutan_bulan,
        kunci_isian=("bulan",),
    ),
    Ikatan("Prestasi", ("prestasi",)),
    Ikatan("Inovasi", ("inovasi",)),
    Ikatan("AplikasiKinerja", ("aplikasi_kinerja",)),
    Ikatan("Struktur", ("struktur",)),
    Ikatan("LandasanHukum", ("landasan_hukum",)),
    Ikatan("Sdm", ("sdm",)),
    Ikatan("TindakLanjut", ("tindak_lanjut",)),
)

# How a workbook of schema 3 or older is read for an upgrade: no KRO table, and its outputs name
# only their kegiatan (the data is then migrated as a versi-1 data file: schema.data.migrasi_v1).
TABEL_V3: dict[str, Tabel] = {
    "Output": dataclasses.replace(OUTPUT, kolom=tuple(k for k in OUTPUT.kolom if k.kunci != "kro")),
}
IKATAN_V3: tuple[Ikatan, ...] = tuple(
    Ikatan("Output", ("output",), induk="Kegiatan", kolom_induk=("kegiatan",), hasil="hasil.output")
    if ik.tabel == "Output"
    else ik
    for ik in IKATAN
    if ik.tabel != "Kro"
)

# Tables whose rows are results only (no model list): the path of their row results.
HASIL_SAJA: dict[str, str] = {
    "RencanaTw": "hasil.rencana.baris_tw",
    "RencanaIndikator": "hasil.rencana.baris_indikator",
}


def hasil_tabel() -> dict[str, str]:
    """Table -> the path of its row results (``Ikatan.hasil`` and the result-only tables)."""
    return {**{i.tabel: i.hasil for i in IKATAN if i.hasil}, **HASIL_SAJA}


# Headline results shown on Beranda: (label, defined name, format).
BERANDA: tuple[tuple[str, str, str], ...] = (
    ("Nilai akhir IKPA", "NilaiAkhirIKPA", "angka"),
    ("Predikat IKPA", "PredikatIKPA", "teks"),
    ("Nilai Kinerja Anggaran (SMART)", "NilaiNKA", "angka"),
    ("Predikat NKA", "PredikatNKA", "teks"),
    ("PKPA", "NilaiPKPA", "angka"),
    ("Pagu total", "PaguTotal", "uang"),
    ("Realisasi total", "RealisasiTotal", "uang"),
    ("Penyerapan total (%)", "PenyerapanTotal", "persen"),
    ("Rata-rata capaian IKU (%)", "RataRataCapaianIKU", "persen"),
)
# The IKU average over the Realisasi rows whose code (the row's own formula, which follows its
# indicator) is an IKU on Indikator: matched by code, never by position, so a row inserted on
# Realisasi or an Indikator row cut and pasted elsewhere does not pair capaian with another
# row's level (tests/test_keandalan.py compares this cell after such edits in LibreOffice). A
# blank companion row showing the same code has no capaian and counts for nothing.
_IKU_BARIS = (
    '(COUNTIFS({Indikator.kode:},{Realisasi.kode:},{Indikator.tingkat:},"iku")>0)*ISNUMBER({Realisasi.capaian:})'
)
_IKU_ADA = f"SUMPRODUCT({_IKU_BARIS})"
RUMUS_RATA_IKU = f'IF({_IKU_ADA}=0,"",SUMPRODUCT({_IKU_BARIS},{{Realisasi.capaian:}})/{_IKU_ADA})'
RATA_IKU = Sel("rata_rata_capaian_iku", "Rata-rata capaian IKU (%)", "RataRataCapaianIKU", jenis="rumus",
               format="persen", rumus=RUMUS_RATA_IKU, hasil="hasil.rata_rata_capaian_iku")  # fmt: skip


# -- native checks (no Python): counted on Beranda, coloured where they occur -------------------
#
# The consistency rules a formula can express, with the validator's conditions (validasi/periksa.py):
# each count is a formula cell declared like any other (its result: ``Mesin.cek``), so LibreOffice
# and Excel without Python show the same number the engine computes.


def _lebih(t: str, pagu: str, real: str) -> str:
    """Rows of table ``t`` whose ``real`` exceeds ``pagu`` (both numbers)."""
    p, r_ = f"{{{t}.{pagu}:}}", f"{{{t}.{real}:}}"
    return f"SUMPRODUCT(ISNUMBER({p})*ISNUMBER({r_})*({r_}>{p}))"


def _beda_baris(t: str, a: str, b: str) -> str:
    """Rows of table ``t`` whose ``a`` and ``b`` are both numbers and differ."""
    x, y = f"{{{t}.{a}:}}", f"{{{t}.{b}:}}"
    return f"SUMPRODUCT(ISNUMBER({x})*ISNUMBER({y})*({x}<>{y}))"


def _beda(x: str, y: str, *syarat: str) -> str:
    """1 when the single cells ``x`` and ``y`` are both numbers (and ``syarat`` hold) and differ."""
    semua = ",".join((f"ISNUMBER({x})", f"ISNUMBER({y})", *syarat))
    return f"IF(AND({semua}),IF({x}<>{y},1,0),0)"


def _ada(tabel: str) -> str:
    """Whether any input cell of a table holds something (the model's list is not empty)."""
    t = next(x for x in TABEL if x.kunci == tabel)
    return "(" + "+".join(f"COUNTA({{{tabel}.{k.kunci}:}})" for k in t.kolom if k.jenis == "input") + ")>0"


def _total_kegiatan(apa: str, dinyatakan: str, program: str) -> str:
    """The stated total against the sum of every kegiatan, when that differs from the programs' sum too."""
    k = f"{{Kegiatan.{apa}_efektif:}}"
    return (
        f"IF(AND(ISNUMBER({dinyatakan}),COUNT({k})>0),"
        f"IF(AND(SUM({k})<>{dinyatakan},OR(NOT(ISNUMBER({program})),SUM({k})<>{program})),1,0),0)"
    )


_DIPA, _JENIS, _SUMBER = _ada("Program"), _ada("JenisBelanja"), _ada("SumberDana")


@dataclass(frozen=True)
class Cek:
    kunci: str  # Mesin.cek[kunci]
    label: str
    nama: str  # defined name of the count (Beranda)
    rumus: str
    keterangan: str  # what it means and where it is coloured (Beranda, beside the count)


CEK: tuple[Cek, ...] = (
    Cek("lebih_pagu", "Realisasi melebihi pagu", "CekLebihPagu",
        "+".join((_lebih("Output", "pagu", "realisasi"), _lebih("Kro", "pagu_efektif", "realisasi_efektif"),
                  _lebih("Kegiatan", "pagu_efektif", "realisasi_efektif"),
                  _lebih("Program", "pagu_efektif", "realisasi_efektif"),
                  _lebih("Program", "pembanding_pagu", "pembanding_realisasi"),
                  _lebih("JenisBelanja", "pagu", "realisasi"), _lebih("SumberDana", "pagu", "realisasi"),
                  'IF(AND(ISNUMBER(PaguTotal),ISNUMBER(RealisasiTotal)),IF(RealisasiTotal>PaguTotal,1,0),0)')),
        "baris program, kegiatan, KRO, RO, jenis belanja, sumber dana, atau total DIPA (merah di lembar Output dan "
        "Anggaran)"),
    Cek("rincian", "Induk berbeda dari jumlah rinciannya", "CekRincian",
        "+".join((_beda_baris("Program", "pagu", "pagu_rincian"), _beda_baris("Program", "realisasi", "realisasi_rincian"),
                  _beda_baris("Kegiatan", "pagu", "pagu_rincian"), _beda_baris("Kegiatan", "realisasi", "realisasi_rincian"),
                  _beda_baris("Kro", "pagu", "pagu_rincian"), _beda_baris("Kro", "realisasi", "realisasi_rincian"),
                  _beda("TotalPaguDinyatakan", "JumlahPaguProgram"),
                  _beda("TotalRealisasiDinyatakan", "JumlahRealisasiProgram"),
                  _total_kegiatan("pagu", "TotalPaguDinyatakan", "JumlahPaguProgram"),
                  _total_kegiatan("realisasi", "TotalRealisasiDinyatakan", "JumlahRealisasiProgram"),
                  'IF(AND(ISNUMBER(AlokasiPK),COUNT({Program.pagu_pk:})>0),IF(SUM({Program.pagu_pk:})<>AlokasiPK,1,0),0)')),
        "pagu/realisasi DIPA program, kegiatan, atau KRO yang tidak sama dengan jumlah rinciannya, total DIPA tercantum, "
        "alokasi PK (merah di lembar Output dan Anggaran)"),
    Cek("total", "Total antar-rincian anggaran berbeda", "CekTotal",
        "+".join((*(_beda(x, y, a, b) for apa in ("Pagu", "Realisasi") for x, y, a, b in (
                    (f"{apa}Total", f"Jenis{apa}", _DIPA, _JENIS),
                    (f"{apa}Total", f"Sumber{apa}", _DIPA, _SUMBER),
                    (f"Jenis{apa}", f"Sumber{apa}", _JENIS, _SUMBER))),
                  _beda("AlokasiPK", "PaguTotal"))),
        "total DIPA, total per jenis belanja, total per sumber dana, dan alokasi PK harus sama "
        "(merah di lembar Anggaran)"),
    Cek("tanpa_target", "Realisasi ada, capaian tidak dapat dihitung", "CekTanpaTarget",
        "SUMPRODUCT(ISNUMBER({Realisasi.realisasi_periode:})*(1-ISNUMBER({Realisasi.capaian:})))"
        "+SUMPRODUCT(ISNUMBER({Output.volume_realisasi:})*(1-ISNUMBER({Output.capaian_volume:})))",
        "target indikator atau target volume RO kosong atau nol (merah di lembar Realisasi dan Output)"),
)  # fmt: skip
CEK_JUMLAH = Cek(
    "jumlah", "Jumlah masalah", "CekJumlah", "+".join(c.nama for c in CEK), "0 berarti keempat pemeriksaan bersih"
)


def hasil_nama() -> dict[str, str]:
    """Defined name of every single formula cell -> the result it must equal (path from ``Mesin``)."""
    n = {s.nama: s.hasil for b in BLOK for s in b.sel if s.jenis == "rumus" and s.hasil}
    n.update({x.nama: x.hasil for t in TABEL for x in t.total if x.nama})
    n[RATA_IKU.nama] = RATA_IKU.hasil or ""
    n.update({c.nama: f"cek.{c.kunci}" for c in (*CEK, CEK_JUMLAH)})
    return n


# -- layout (positions depend on how many rows each table needs) -----------------------------

BARIS_DATA_AWAL = 5  # header row 4 (0-based), data from row 5, for the first table of a sheet


@dataclass
class Posisi:
    """Where a table sits: header row and data rows (0-based, inclusive)."""

    tabel: Tabel
    baris_judul: int
    awal: int
    akhir: int  # last data row
    kolom_awal: int = 0
    lembar: str = ""  # the sheet it is on (a renamed sheet: the name's sheet); default the schema's

    def __post_init__(self) -> None:
        if not self.lembar:
            self.lembar = self.tabel.lembar

    @property
    def jumlah_baris(self) -> int:
        return self.akhir - self.awal + 1

    @property
    def baris_total(self) -> int:
        return self.akhir + 1

    def kolom(self, kunci: str) -> int:
        return self.kolom_awal + self.tabel.indeks(kunci)

    def sel(self, kunci: str, i: int, absolut: bool = False) -> str:
        return xl_rowcol_to_cell(self.awal + i, self.kolom(kunci), absolut, absolut)

    def rentang(self, kunci: str) -> str:
        c = self.kolom(kunci)
        return f"{xl_rowcol_to_cell(self.awal, c, True, True)}:{xl_rowcol_to_cell(self.akhir, c, True, True)}"


@dataclass
class Tata:
    """The layout of one workbook: every table's position and every block's cells."""

    posisi: dict[str, Posisi] = field(default_factory=dict)
    sel: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # defined name -> (sheet, row, col)

    def ref(self, lembar_asal: str, tabel: str, kunci: str, i: int | None) -> str:
        p = self.posisi[tabel]
        teks = p.rentang(kunci) if i is None else p.sel(kunci, i)
        if p.lembar != lembar_asal:
            teks = f"{_quote(p.lembar)}!{teks}"
        return teks


def _quote(lembar: str) -> str:
    return f"'{lembar}'" if re.search(r"[^A-Za-z0-9_]", lembar) else lembar


# Tables that share a sheet, in order top to bottom (or side by side on Referensi).
URUTAN_LEMBAR: dict[str, tuple[str, ...]] = {
    "Output": ("Program", "Kegiatan", "Kro", "Output"),
    "Anggaran": ("JenisBelanja", "SumberDana"),
    "IKPA": ("IkpaKomponen", "IkpaDisebut"),
    "Prestasi": ("Prestasi", "Inovasi", "AplikasiKinerja"),
    "Organisasi": ("Struktur", "LandasanHukum", "Sdm"),
    "Rencana IKPA": ("RencanaBulan", "RencanaTw", "RencanaIndikator"),
}
REFERENSI_TABEL = (
    "RefIkpa",
    "RefAturanIkpa",
    "RefTahunIkpa",
    "RefPredikatIkpa",
    "RefPredikatNka",
    "RefPredikatSakip",
    "RefRencana",
    "RefTargetSerap",
    "RefSkorRevisi",
    "RefPengurangDispensasi",
)
# The planner's rule tables (workbook schema 3): absent from an older workbook, whose rules then
# take lakip-xl's own planner rules.
REFERENSI_RENCANA = ("RefRencana", "RefTargetSerap", "RefSkorRevisi", "RefPengurangDispensasi")
# Tables and sheets new in workbook schema 3 (the IKPA planner): an older workbook read for an
# upgrade has none of them.
BARU_V3 = frozenset({"Rencana IKPA", "RencanaBulan", "RencanaTw", "RencanaIndikator", *REFERENSI_RENCANA})
# Tables, sheets and cells new in workbook schema 4 (the complete PermenPANRB 53/2014 report and the
# DIPA's KRO level): an older workbook read for an upgrade has none of them, its IKPA table no
# "Penjelasan" column and its Output table no KRO column (``TABEL_V3``: how it is read for an upgrade).
BARU_V4 = frozenset({
    "Analisis", "Renstra", "Organisasi", "Tindak Lanjut", "AplikasiKinerja", "Struktur", "LandasanHukum", "Sdm",
    "TindakLanjut", "LogoSatker", "NarasiPenutup", "Kro", "CatatanKodeDipa",
})  # fmt: skip
# Everything an upgrade may find missing in an older workbook.
BARU = BARU_V3 | BARU_V4
KOLOM_DAFTAR = 11  # column L on Referensi: data-validation lists


def tata_letak(baris: dict[str, int]) -> Tata:
    """Place every table given its number of data rows (without spares)."""
    tata = Tata()
    blok_akhir = {b.lembar: b.baris + len(b.sel) + 2 for b in BLOK}
    for t in TABEL:
        if t.kunci in REFERENSI_TABEL or t.lembar in URUTAN_LEMBAR:
            continue
        n = max(t.minimum, baris.get(t.kunci, 0) + t.cadangan)
        judul = blok_akhir.get(t.lembar, 3) + 1 if t.lembar in blok_akhir else 3
        tata.posisi[t.kunci] = Posisi(t, judul, judul + 1, judul + n)
    # Realisasi and Analisis rows mirror Indikator rows exactly.
    ind = tata.posisi["Indikator"]
    tata.posisi["Realisasi"] = Posisi(REALISASI, ind.baris_judul, ind.awal, ind.akhir)
    tata.posisi["Analisis"] = Posisi(ANALISIS, ind.baris_judul, ind.awal, ind.akhir)
    for lembar, urutan in URUTAN_LEMBAR.items():
        mulai = blok_akhir.get(lembar, 2) + 1
        for kunci in urutan:
            t = next(x for x in TABEL if x.kunci == kunci)
            n = max(t.minimum, baris.get(kunci, 0) + t.cadangan)
            judul = mulai + 1  # a title row above the header
            tata.posisi[kunci] = Posisi(t, judul, judul + 1, judul + n)
            mulai = judul + n + (2 if t.total else 1) + 1
    mulai = blok_akhir["Referensi"] + 1
    for kunci in REFERENSI_TABEL:
        t = next(x for x in TABEL if x.kunci == kunci)
        n = max(t.minimum, baris.get(kunci, 0) + t.cadangan)
        judul = mulai + 1
        tata.posisi[kunci] = Posisi(t, judul, judul + 1, judul + n, kolom_awal=0)
        mulai = judul + n + 2
    for b in BLOK:
        for i, s in enumerate(b.sel):
            tata.sel[s.nama] = (b.lembar, b.baris + i, b.kolom_label + 1)
    return tata


_TOKEN = re.compile(r"\{([A-Za-z]+\.)?([a-z_][a-z0-9_]*(?:\.\d+)?)(:)?\}")


def rumus(template: str, tata: Tata, lembar: str, tabel: str | None = None, i: int | None = None) -> str:
    """Expand a formula template for the cell in row ``i`` of ``tabel`` (or a block cell)."""

    def ganti(m: re.Match[str]) -> str:
        t = m.group(1)[:-1] if m.group(1) else tabel
        if t is None:
            raise ValueError(f"template tanpa tabel: {template}")
        return tata.ref(lembar, t, m.group(2), None if m.group(3) else i)

    hasil = _TOKEN.sub(ganti, template)
    return "=" + _predikat(hasil, tata, lembar)


def _predikat(teks: str, tata: Tata, lembar: str) -> str:
    """Expand PREDIKAT_IKPA(x) / PREDIKAT_NKA(x) / PREDIKAT_SAKIP(x) into nested IFs over the
    band tables on Referensi (so the bands stay editable)."""

    def bands(tabel: str, kol: str, op: str, x: str) -> str:
        p = tata.posisi[tabel]
        n = p.jumlah_baris
        out = '""'
        for j in reversed(range(n)):
            batas = _absolut(tata.ref(lembar, tabel, kol, j))
            pred = _absolut(tata.ref(lembar, tabel, "predikat", j))
            out = f"IF(OR(NOT(ISNUMBER({batas})),ROUND({x},2){op}{batas}),{pred},{out})"
        return f'IF(NOT(ISNUMBER({x})),"",{out})'

    for nama, tabel, kol, op in (
        ("PREDIKAT_IKPA", "RefPredikatIkpa", "batas_bawah", ">="),
        ("PREDIKAT_NKA", "RefPredikatNka", "lebih_dari", ">"),
        ("PREDIKAT_SAKIP", "RefPredikatSakip", "lebih_dari", ">"),
    ):
        teks = re.sub(rf"{nama}\(([A-Za-z]+)\)", functools.partial(_ganti_pita, bands, tabel, kol, op), teks)
    return teks


def _absolut(ref: str) -> str:
    if "!" in ref:
        lembar, sel = ref.rsplit("!", 1)
        return f"{lembar}!{_abs_cell(sel)}"
    return _abs_cell(ref)


def _abs_cell(sel: str) -> str:
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", sel)
    assert m, sel
    return f"${m.group(1)}${m.group(2)}"


def kolom_huruf(i: int) -> str:
    return xl_col_to_name(i)


Pengambil = Callable[[Any, int], Any]


def _ganti_pita(bands: Callable[[str, str, str, str], str], tabel: str, kol: str, op: str, m: re.Match[str]) -> str:
    return bands(tabel, kol, op, m.group(1))
