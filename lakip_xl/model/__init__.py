"""Domain model of one unit's LAKIP: plain dataclasses, no I/O.

Field names are the keys of the JSON data format (docs/format-data.md) and, later, the
column keys of the workbook schema. Figures that a unit copies from another system or
prints in its report (a percentage, a score) are kept as optional ``*_dinyatakan``
("stated") values so the validator can compare them with what the engine computes.

Money is integer rupiah. Every figure is optional (``None`` = blank): a blank is a finding
for the validator, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# 2: the DIPA's four levels, program -> kegiatan -> KRO -> RO (versi 1: outputs directly under kegiatan).
SCHEMA_VERSION = 2

Periode = Literal["Semester I", "Tahunan"]
Tingkat = Literal["iku", "program", "kegiatan"]
Polaritas = Literal["positif", "negatif", "rentang"]
Kumulatif = Literal["jumlah", "terakhir"]


@dataclass
class Profil:
    """The unit (satker) and the report's frame."""

    nama: str = ""
    kelas: str = ""
    kode_satker: str = ""
    kode_ba: str = ""
    kode_kppn: str = ""
    kementerian: str = ""
    eselon_i: str = ""
    kanwil: str = ""
    tahun: int | None = None
    periode: Periode = "Tahunan"
    kepala_nama: str = ""
    kepala_nip: str = ""  # 18 digits, always text
    kepala_jabatan: str = "Kepala Kantor"
    kota: str = ""
    tanggal_laporan: str = ""  # ISO date, YYYY-MM-DD
    alamat: str = ""
    visi: str = ""
    misi: list[str] = field(default_factory=list)
    tugas: str = ""
    fungsi: list[str] = field(default_factory=list)
    # The unit's logo on the cover: a PNG or JPEG file, its path relative to the workbook or
    # JSON file (or absolute). Blank: no logo.
    logo: str = ""


@dataclass
class Wilayah:
    """One row of the work-area table (a kabupaten/kota)."""

    nama: str = ""
    kecamatan: int | None = None
    desa: int | None = None
    penduduk: int | None = None


@dataclass
class Indikator:
    """A Perjanjian Kinerja indicator at one of three levels."""

    kode: str = ""
    tingkat: Tingkat = "iku"
    sasaran: str = ""
    nama: str = ""
    satuan: str = ""
    polaritas: Polaritas = "positif"
    kumulatif: Kumulatif = "jumlah"
    target: float | None = None  # annual target; the lower bound for "rentang"
    target_atas: float | None = None  # upper bound for "rentang"
    target_tw: list[float | None] = field(default_factory=lambda: [None] * 4)
    realisasi_tw: list[float | None] = field(default_factory=lambda: [None] * 4)
    # Cumulative realisation as reported, used when no quarter is filled in.
    realisasi: float | None = None
    realisasi_tahun_lalu: float | None = None
    target_renstra: float | None = None
    capaian_dinyatakan: float | None = None
    # Analysis (PermenPANRB 53/2014 Bab III), the unit's own text; sheet "Analisis".
    standar_nasional: float | None = None  # the national standard value, where one exists
    penyebab: str = ""  # causes of success or failure
    solusi: str = ""  # alternative solutions
    efisiensi: str = ""  # efficiency of the resources used
    program_pendukung: str = ""  # programmes/activities that support the result


@dataclass
class Output:
    """A rincian output (RO) with its volume and money. Its code (``001``) is unique within its
    KRO only; the full DIPA code is ``kegiatan.KRO.RO`` (``4262.QAH.001``)."""

    kode: str = ""
    nama: str = ""
    sasaran: str = ""
    indikator: str = ""
    satuan: str = ""
    volume_target: float | None = None
    volume_realisasi: float | None = None
    pagu: int | None = None
    realisasi: int | None = None
    penyerapan_dinyatakan: float | None = None
    capaian_volume_dinyatakan: float | None = None


@dataclass
class Kro:
    """A KRO (Klasifikasi Rincian Output) with its ROs; pagu/realisasi as the DIPA gives them
    (blank: the sum of its ROs). Its code (``QAH``) is unique within its kegiatan only."""

    kode: str = ""
    nama: str = ""
    pagu: int | None = None
    realisasi: int | None = None
    penyerapan_dinyatakan: float | None = None
    output: list[Output] = field(default_factory=list)


@dataclass
class Kegiatan:
    """A kegiatan with its KROs; pagu/realisasi as the DIPA gives them (blank: the sum of its
    KROs). Kegiatan codes (four digits) are unique in a DIPA."""

    kode: str = ""
    nama: str = ""
    pagu: int | None = None
    realisasi: int | None = None
    penyerapan_dinyatakan: float | None = None
    kro: list[Kro] = field(default_factory=list)


@dataclass
class Program:
    """A program with its kegiatan.

    ``pagu_pk`` is the allocation written in the Perjanjian Kinerja; ``pembanding_*`` are the
    program's figures for the comparison period (Semester I in an annual report).
    """

    kode: str = ""
    nama: str = ""
    pagu: int | None = None
    realisasi: int | None = None
    penyerapan_dinyatakan: float | None = None
    pagu_pk: int | None = None
    pembanding_pagu: int | None = None
    pembanding_realisasi: int | None = None
    pembanding_penyerapan_dinyatakan: float | None = None
    kegiatan: list[Kegiatan] = field(default_factory=list)


@dataclass
class BarisBelanja:
    """A row of the spending-type (51/52/53) or funding-source (RM/PNBP) table."""

    kode: str = ""
    nama: str = ""
    pagu: int | None = None
    realisasi: int | None = None
    sisa_dinyatakan: int | None = None
    penyerapan_dinyatakan: float | None = None
    pembanding_pagu: int | None = None
    pembanding_realisasi: int | None = None


@dataclass
class Anggaran:
    """Budget: the DIPA hierarchy, the type and source breakdowns and the stated totals."""

    label_pembanding: str = "Semester I"
    program: list[Program] = field(default_factory=list)
    jenis_belanja: list[BarisBelanja] = field(default_factory=list)
    sumber_dana: list[BarisBelanja] = field(default_factory=list)
    # The "Total DIPA" row as printed.
    total_pagu_dinyatakan: int | None = None
    total_realisasi_dinyatakan: int | None = None
    total_penyerapan_dinyatakan: float | None = None
    # The allocation stated in the PK chapter (with its amount in words).
    alokasi_pk_dinyatakan: int | None = None
    # Where the DIPA codes come from when not from the unit's own DIPA (shown under the
    # report's budget table), e.g. "kode kegiatan diisi sementara".
    catatan_kode: str = ""


@dataclass
class KomponenIkpa:
    """One IKPA indicator as copied from OM-SPAN."""

    kode: str = ""
    nilai: float | None = None
    berlaku: bool = True
    bobot: float | None = None  # overrides the rule set's weight when given
    penjelasan: str = ""  # the unit's explanation of the value, printed in the report's IKPA table


@dataclass
class NilaiDisebut:
    """A figure the report states somewhere else (e.g. in a paragraph)."""

    lokasi: str = ""
    nilai: float | None = None


@dataclass
class Ikpa:
    """IKPA inputs, the rule set to apply and the figures the unit stated."""

    aturan: str = ""  # the IKPA rule set chosen; blank: the set of the fiscal year (rules' tahun_ikpa)
    periode: str = ""
    komponen: list[KomponenIkpa] = field(default_factory=list)
    # 2024+: points deducted for SPM dispensations (copied from OM-SPAN).
    pengurang_dispensasi: float | None = None
    nilai_total_dinyatakan: float | None = None
    konversi_bobot_dinyatakan: float | None = None
    nilai_akhir_dinyatakan: float | None = None
    perencanaan_dinyatakan: float | None = None
    pelaksanaan_dinyatakan: float | None = None
    hasil_dinyatakan: float | None = None
    disebut: list[NilaiDisebut] = field(default_factory=list)


@dataclass
class Smart:
    """SMART DJA implementation-aspect variables (percent)."""

    periode: str = ""
    penyerapan: float | None = None
    konsistensi: float | None = None
    capaian_output: float | None = None
    # The efficiency score as SMART shows it (already normalised, 0-100) ...
    efisiensi: float | None = None
    # ... or the raw efficiency percentage E, normalised by the engine when the score is blank.
    efisiensi_mentah: float | None = None
    nka_dinyatakan: float | None = None
    # NKA from TA 2024 (PMK 62/2023): the planning value as SMART shows it, or its parts.
    aturan_nka: str = ""  # "pmk22_2021" / "pmk62_2023"; blank: by fiscal year
    nilai_perencanaan: float | None = None
    capaian_ro: float | None = None  # efektivitas
    efisiensi_sbk: float | None = None


# Spending types (jenis belanja) of the IKPA absorption and deviation indicators (PER-5/PB/2024).
JENIS_BELANJA_IKPA = ("51", "52", "53", "57")


@dataclass
class BulanRencana:
    """One month of the IKPA planner: DIPA page III plan (RPD) and realisation per spending type
    (rupiah), whether the output report was sent on time, and RO progress against its target."""

    bulan: int | None = None  # 1-12
    rpd_51: int | None = None
    rpd_52: int | None = None
    rpd_53: int | None = None
    rpd_57: int | None = None
    realisasi_51: int | None = None
    realisasi_52: int | None = None
    realisasi_53: int | None = None
    realisasi_57: int | None = None
    laporan_tepat_waktu: str = ""  # "Ya" / "Tidak" / blank (not reported yet)
    capaian_ro: float | None = None  # PCRO against target PCRO, percent


@dataclass
class RencanaIkpa:
    """Inputs of the IKPA planner (``lakip-xl rencana-ikpa``, sheet "Rencana IKPA"). Every
    figure is optional; an indicator value from OM-SPAN (``ikpa.komponen``) wins over one
    computed from these details."""

    target_ikpa: float | None = None  # blank: 95
    bulan_data: int | None = None  # data up to this month; blank: the last month with a realisation
    pagu_51: int | None = None
    pagu_52: int | None = None
    pagu_53: int | None = None
    pagu_57: int | None = None
    blokir_51: int | None = None  # from TA 2026 the targets apply to pagu minus blokir
    blokir_52: int | None = None
    blokir_53: int | None = None
    blokir_57: int | None = None
    revisi_semester_i: int | None = None  # pagu-tetap DIPA revisions counted in the semester
    revisi_semester_ii: int | None = None
    spm_dispensasi: int | None = None  # SPM with a dispensation in TW IV
    spm_jumlah: int | None = None  # all SPM in TW IV
    bulan: list[BulanRencana] = field(default_factory=list)


@dataclass
class Sakip:
    """SAKIP evaluation component scores (0-100 each) when the unit has them."""

    perencanaan: float | None = None
    pengukuran: float | None = None
    pelaporan: float | None = None
    evaluasi: float | None = None
    nilai_dinyatakan: float | None = None


@dataclass
class Prestasi:
    """An award or recognition."""

    judul: str = ""
    pemberi: str = ""
    nomor: str = ""
    tanggal: str = ""
    nilai: float | None = None
    keterangan: str = ""


@dataclass
class Inovasi:
    nama: str = ""
    uraian: str = ""


@dataclass
class UnitOrganisasi:
    """A unit or post of the organisation structure with its functions."""

    nama: str = ""  # the unit or post (e.g. "Kepala Urusan Tata Usaha")
    fungsi: str = ""  # its functions, one per line
    pejabat: str = ""  # the official's name (optional)


@dataclass
class LandasanHukum:
    """A regulation the report rests on."""

    jenis: str = ""  # e.g. "Peraturan Presiden"
    nomor: str = ""  # text: "29", "MHH-04.PR.03.01"
    tahun: int | None = None
    tentang: str = ""


@dataclass
class Sdm:
    """One row of the staff table: a category (jabatan, golongan, pendidikan, ...), a label, a count."""

    kategori: str = ""
    uraian: str = ""
    jumlah: int | None = None


@dataclass
class TargetRenstra:
    """An indicator's Renstra target and realisation for one year (the long Renstra table).

    Generalises ``Indikator.target_renstra`` and ``Indikator.realisasi_tahun_lalu``, which keep
    working: a row here for the same indicator and year wins (compute/renstra.py)."""

    indikator: str = ""  # the indicator's code
    tahun: int | None = None
    target: float | None = None  # the Renstra target for that year
    realisasi: float | None = None  # the realisation of that year (past years)


@dataclass
class AplikasiKinerja:
    """A score in another performance application (e-Performance, E-Monev Bappenas, ...)."""

    nama: str = ""
    nilai: float | None = None
    periode: str = ""
    keterangan: str = ""


@dataclass
class TindakLanjut:
    """One row of the follow-up plan (rencana tindak lanjut)."""

    masalah: str = ""  # problem or recommendation
    rencana: str = ""  # the action
    penanggung_jawab: str = ""
    batas_waktu: str = ""  # ISO date, YYYY-MM-DD


@dataclass
class Pengaturan:
    """Settings for the rules the regulation leaves open (DOMAIN.md: assumed/partial)."""

    batas_capaian_indikator: float | None = None  # None = no cap; 100 or 120
    batas_capaian_output: float | None = 100.0
    rumus_negatif: Literal["2t-r", "t/r"] = "2t-r"
    # IKPA aspect value: plain mean of the aspect's applicable indicators, as OM-SPAN shows it
    # ("rata_sederhana"), or their weighted mean ("tertimbang"). Older values are migrated
    # when read (compute.skor.METODE_ASPEK_LAMA).
    metode_aspek_ikpa: Literal["rata_sederhana", "tertimbang"] = "rata_sederhana"
    # 2024+: deduct dispensasi after ("setelah") or before ("sebelum") re-scaling by konversi.
    pengurang_dispensasi: Literal["setelah", "sebelum"] = "setelah"
    # Tolerance (percentage points) when comparing stated figures after rounding.
    toleransi_dinyatakan: float = 0.0


@dataclass
class Narasi:
    """The unit's own text, one entry per report section."""

    kata_pengantar: str = ""
    ikhtisar: str = ""
    latar_belakang: str = ""
    maksud_tujuan: str = ""
    aspek_strategis: str = ""
    isu_strategis: str = ""
    rencana_strategis: str = ""
    analisis_capaian: str = ""
    analisis_anggaran: str = ""
    kesimpulan: str = ""
    hambatan: str = ""
    saran: str = ""
    penutup: str = ""


@dataclass
class Lakip:
    """Everything one unit's LAKIP holds."""

    versi_skema: int = SCHEMA_VERSION
    profil: Profil = field(default_factory=Profil)
    wilayah: list[Wilayah] = field(default_factory=list)
    indikator: list[Indikator] = field(default_factory=list)
    anggaran: Anggaran = field(default_factory=Anggaran)
    ikpa: Ikpa = field(default_factory=Ikpa)
    smart: Smart = field(default_factory=Smart)
    sakip: Sakip = field(default_factory=Sakip)
    prestasi: list[Prestasi] = field(default_factory=list)
    inovasi: list[Inovasi] = field(default_factory=list)
    struktur: list[UnitOrganisasi] = field(default_factory=list)
    landasan_hukum: list[LandasanHukum] = field(default_factory=list)
    sdm: list[Sdm] = field(default_factory=list)
    renstra: list[TargetRenstra] = field(default_factory=list)
    aplikasi_kinerja: list[AplikasiKinerja] = field(default_factory=list)
    tindak_lanjut: list[TindakLanjut] = field(default_factory=list)
    narasi: Narasi = field(default_factory=Narasi)
    rencana_ikpa: RencanaIkpa = field(default_factory=RencanaIkpa)
    pengaturan: Pengaturan = field(default_factory=Pengaturan)


def semua_kro(lakip: Lakip) -> list[tuple[Program, Kegiatan, Kro]]:
    """Every KRO of the DIPA in order, with its program and kegiatan."""
    return [(p, k, r) for p in lakip.anggaran.program for k in p.kegiatan for r in k.kro]


def semua_output(lakip: Lakip) -> list[Output]:
    """Every RO of the DIPA in order (the order of ``hasil.output``)."""
    return [o for _, _, r in semua_kro(lakip) for o in r.output]


# Titles of the narrative parts, as the workbook and the report name them.
NARASI_LABEL = {
    "kata_pengantar": "Kata pengantar",
    "ikhtisar": "Ikhtisar eksekutif",
    "latar_belakang": "Bab I — Latar belakang",
    "maksud_tujuan": "Bab I — Maksud dan tujuan",
    "aspek_strategis": "Bab I — Aspek strategis",
    "isu_strategis": "Bab I — Isu strategis",
    "rencana_strategis": "Bab II — Rencana strategis",
    "analisis_capaian": "Bab III — Analisis capaian kinerja",
    "analisis_anggaran": "Bab III — Analisis realisasi anggaran",
    "kesimpulan": "Bab IV — Kesimpulan",
    "hambatan": "Bab IV — Hambatan",
    "saran": "Bab IV — Saran",
    "penutup": "Bab IV — Penutup",
}
