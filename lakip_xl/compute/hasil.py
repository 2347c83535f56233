"""Compute every result of one LAKIP from the model (pure; no I/O)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..model import BarisBelanja, Lakip
from . import anggaran as ag
from .aturan import Aturan
from .capaian import capaian, realisasi_indikator
from .rencana import HasilRencana, RencanaTidakDapat, hitung_rencana
from .skor import (
    HasilIkpa,
    HasilNka,
    KomponenMasukan,
    hasil_nka,
    hasil_nka_pmk62,
    hitung_ikpa,
    hitung_pkpa,
    hitung_sakip,
    nilai_perencanaan,
)


@dataclass
class HasilIndikator:
    kode: str
    tingkat: str
    nama: str
    satuan: str
    polaritas: str
    target: float | None
    realisasi: float | None
    capaian: float | None
    capaian_mentah: float | None = None  # before the cap (BatasCapaianIndikator)


@dataclass
class HasilOutput:
    kode: str
    nama: str
    kegiatan: str
    program: str
    satuan: str
    volume_target: float | None
    volume_realisasi: float | None
    capaian_volume: float | None
    pagu: int | None
    realisasi: int | None
    sisa: int | None
    penyerapan: float | None
    kro: str = ""  # the KRO's code (the RO's full code: kegiatan.kro.kode)

    @property
    def kode_lengkap(self) -> str:
        """``4262.QAH.001``: the RO's code in the DIPA's own notation."""
        return ".".join(x for x in (self.kegiatan, self.kro, self.kode) if x)


@dataclass
class HasilSimpul:
    """A KRO, kegiatan or program: figures in effect and the sums of its children."""

    kode: str
    nama: str
    pagu: int | None
    realisasi: int | None
    sisa: int | None
    penyerapan: float | None
    pagu_rincian: int | None
    realisasi_rincian: int | None
    program: str = ""
    pembanding_penyerapan: float | None = None  # programs: penyerapan of the comparison period
    kegiatan: str = ""  # KROs: the kegiatan's code

    @property
    def kode_lengkap(self) -> str:
        """A KRO's code in the DIPA's notation (``4262.QAH``); a kegiatan's or program's own code."""
        return f"{self.kegiatan}.{self.kode}" if self.kegiatan else self.kode


@dataclass
class HasilBaris:
    kode: str
    nama: str
    pagu: int | None
    realisasi: int | None
    sisa: int | None
    penyerapan: float | None
    pembanding_pagu: int | None = None
    pembanding_realisasi: int | None = None
    pembanding_penyerapan: float | None = None


@dataclass
class HasilAnggaran:
    pagu: int | None
    realisasi: int | None
    sisa: int | None
    penyerapan: float | None
    pagu_rincian: int | None
    realisasi_rincian: int | None
    per_program: list[HasilSimpul]
    per_kegiatan: list[HasilSimpul]
    per_kro: list[HasilSimpul]
    per_jenis: list[HasilBaris]
    per_sumber: list[HasilBaris]
    jenis: HasilBaris
    sumber: HasilBaris
    perbandingan: list[dict[str, Any]]

    # Breakdowns against the DIPA total (blank when either side is blank).
    @property
    def selisih_pagu_jenis(self) -> int | None:
        return _selisih(self.jenis.pagu, self.pagu)

    @property
    def selisih_pagu_sumber(self) -> int | None:
        return _selisih(self.sumber.pagu, self.pagu)

    @property
    def selisih_realisasi_jenis(self) -> int | None:
        return _selisih(self.jenis.realisasi, self.realisasi)

    @property
    def selisih_realisasi_sumber(self) -> int | None:
        return _selisih(self.sumber.realisasi, self.realisasi)


def _selisih(x: int | None, y: int | None) -> int | None:
    return None if x is None or y is None else x - y


@dataclass
class HasilWilayah:
    kabupaten: int
    kecamatan: int | None
    desa: int | None
    penduduk: int | None


@dataclass
class Hasil:
    indikator: list[HasilIndikator]
    rata_rata_capaian_iku: float | None
    output: list[HasilOutput]
    anggaran: HasilAnggaran
    ikpa: HasilIkpa | None
    nka: HasilNka
    pkpa: float | None
    sakip: dict[str, Any]
    wilayah: HasilWilayah
    jumlah_tw: int = 4  # quarters counted: 2 for a Semester I report
    aturan_ikpa: str = ""  # the IKPA rule set in force (chosen, or by fiscal year)
    alasan_aturan_ikpa: str = ""  # why, as the workbook shows it
    # The IKPA planner (rule sets with planner rules, TA 2024+); None otherwise or when its
    # month rows are unusable (the validator names them).
    rencana: HasilRencana | None = None


def _baris(rows: list[BarisBelanja], kode: str, nama: str) -> tuple[list[HasilBaris], HasilBaris]:
    def hb(kode: str, nama: str, p, r, pp, pr) -> HasilBaris:
        return HasilBaris(kode, nama, p, r, ag.sisa(p, r), ag.penyerapan(p, r), pp, pr, ag.penyerapan(pp, pr))

    out = [hb(r.kode, r.nama, r.pagu, r.realisasi, r.pembanding_pagu, r.pembanding_realisasi) for r in rows]
    total = hb(
        kode,
        nama,
        ag.jumlah(r.pagu for r in rows),
        ag.jumlah(r.realisasi for r in rows),
        ag.jumlah(r.pembanding_pagu for r in rows),
        ag.jumlah(r.pembanding_realisasi for r in rows),
    )
    return out, total


def _simpul(kode: str, nama: str, pagu: int | None, real: int | None, anak: list[tuple[Any, Any]]) -> HasilSimpul:
    """A parent's figures: the DIPA's when given, else the sums of its children (``anak``:
    each child's pagu and realisasi in effect)."""
    pr = ag.jumlah(x for x, _ in anak)
    rr = ag.jumlah(y for _, y in anak)
    p = ag.efektif(pagu, pr)
    r = ag.efektif(real, rr)
    return HasilSimpul(kode, nama, p, r, ag.sisa(p, r), ag.penyerapan(p, r), pr, rr)


def hitung_anggaran(lakip: Lakip) -> tuple[HasilAnggaran, list[HasilOutput]]:
    a = lakip.anggaran
    batas = lakip.pengaturan.batas_capaian_output
    outputs: list[HasilOutput] = []
    per_kegiatan: list[HasilSimpul] = []
    per_program: list[HasilSimpul] = []
    per_kro: list[HasilSimpul] = []
    for prog in a.program:
        prog_pagu_r, prog_real_r = [], []
        for keg in prog.kegiatan:
            keg_pagu_r, keg_real_r = [], []
            for kro in keg.kro:
                for o in kro.output:
                    outputs.append(
                        HasilOutput(
                            kode=o.kode,
                            nama=o.nama,
                            kegiatan=keg.kode,
                            program=prog.kode,
                            satuan=o.satuan,
                            volume_target=o.volume_target,
                            volume_realisasi=o.volume_realisasi,
                            capaian_volume=capaian(o.volume_target, o.volume_realisasi, "positif", batas),
                            pagu=o.pagu,
                            realisasi=o.realisasi,
                            sisa=ag.sisa(o.pagu, o.realisasi),
                            penyerapan=ag.penyerapan(o.pagu, o.realisasi),
                            kro=kro.kode,
                        )
                    )
                s = _simpul(kro.kode, kro.nama, kro.pagu, kro.realisasi, [(o.pagu, o.realisasi) for o in kro.output])
                s.program, s.kegiatan = prog.kode, keg.kode
                per_kro.append(s)
                keg_pagu_r.append(s.pagu)
                keg_real_r.append(s.realisasi)
            s = _simpul(keg.kode, keg.nama, keg.pagu, keg.realisasi, list(zip(keg_pagu_r, keg_real_r, strict=True)))
            s.program = prog.kode
            per_kegiatan.append(s)
            prog_pagu_r.append(s.pagu)
            prog_real_r.append(s.realisasi)
        pr = ag.jumlah(prog_pagu_r)
        rr = ag.jumlah(prog_real_r)
        p = ag.efektif(prog.pagu, pr)
        r = ag.efektif(prog.realisasi, rr)
        per_program.append(
            HasilSimpul(
                prog.kode,
                prog.nama,
                p,
                r,
                ag.sisa(p, r),
                ag.penyerapan(p, r),
                pr,
                rr,
                pembanding_penyerapan=ag.penyerapan(prog.pembanding_pagu, prog.pembanding_realisasi),
            )
        )
    pagu_r = ag.jumlah(s.pagu for s in per_program)
    real_r = ag.jumlah(s.realisasi for s in per_program)
    pagu = ag.efektif(a.total_pagu_dinyatakan, pagu_r)
    real = ag.efektif(a.total_realisasi_dinyatakan, real_r)
    per_jenis, jenis = _baris(a.jenis_belanja, "jenis", "Jumlah per jenis belanja")
    per_sumber, sumber = _baris(a.sumber_dana, "sumber", "Jumlah per sumber dana")
    perbandingan = [
        {
            "kode": prog.kode,
            "nama": prog.nama,
            "pagu": s.pagu,
            "realisasi": s.realisasi,
            "penyerapan": s.penyerapan,
            "pembanding_pagu": prog.pembanding_pagu,
            "pembanding_realisasi": prog.pembanding_realisasi,
            "pembanding_penyerapan": s.pembanding_penyerapan,
        }
        for prog, s in zip(a.program, per_program, strict=True)
    ]
    hasil = HasilAnggaran(
        pagu=pagu,
        realisasi=real,
        sisa=ag.sisa(pagu, real),
        penyerapan=ag.penyerapan(pagu, real),
        pagu_rincian=pagu_r,
        realisasi_rincian=real_r,
        per_program=per_program,
        per_kegiatan=per_kegiatan,
        per_kro=per_kro,
        per_jenis=per_jenis,
        per_sumber=per_sumber,
        jenis=jenis,
        sumber=sumber,
        perbandingan=perbandingan,
    )
    return hasil, outputs


def hitung_indikator(lakip: Lakip) -> list[HasilIndikator]:
    s = lakip.pengaturan
    out = []
    for ind in lakip.indikator:
        real = realisasi_indikator(ind.realisasi_tw, ind.realisasi, ind.kumulatif, lakip.profil.periode)
        out.append(
            HasilIndikator(
                kode=ind.kode,
                tingkat=ind.tingkat,
                nama=ind.nama,
                satuan=ind.satuan,
                polaritas=ind.polaritas,
                target=ind.target,
                realisasi=real,
                capaian=capaian(
                    ind.target, real, ind.polaritas, s.batas_capaian_indikator, ind.target_atas, s.rumus_negatif
                ),
                capaian_mentah=capaian(ind.target, real, ind.polaritas, None, ind.target_atas, s.rumus_negatif),
            )
        )
    return out


def hitung_ikpa_lakip(lakip: Lakip, aturan: Aturan, kode: str) -> HasilIkpa | None:
    """IKPA under the rule set ``kode`` (the one in force, :meth:`Aturan.ikpa_berlaku`)."""
    try:
        set_ikpa = aturan.set_ikpa(kode)
    except KeyError:
        return None
    s = lakip.pengaturan
    return hitung_ikpa(
        [KomponenMasukan(k.kode, k.nilai, k.berlaku, k.bobot) for k in lakip.ikpa.komponen],
        set_ikpa,
        metode_aspek=s.metode_aspek_ikpa,
        pengurang=lakip.ikpa.pengurang_dispensasi,
        urutan_pengurang=s.pengurang_dispensasi,
        predikat=aturan,
    )


def hitung(lakip: Lakip, aturan: Aturan) -> Hasil:
    """Every computed result of a LAKIP under ``aturan`` (the rules that travel with the data:
    shipped, from a workbook's Referensi sheet, or from a JSON file). Findings are not part of
    the result: :func:`lakip_xl.validasi.validasi` returns them."""
    anggaran, outputs = hitung_anggaran(lakip)
    sm = lakip.smart
    tahun = lakip.profil.tahun
    kode_ikpa, alasan = aturan.ikpa_berlaku(lakip.ikpa.aturan, tahun)
    ikpa = hitung_ikpa_lakip(lakip, aturan, kode_ikpa) if lakip.ikpa.komponen else None
    rezim = aturan.rezim_nka(sm.aturan_nka, tahun)
    nka = hasil_nka(sm.penyerapan, sm.konsistensi, sm.capaian_output, sm.efisiensi, sm.efisiensi_mentah, aturan)
    perencanaan = nilai_perencanaan(sm.nilai_perencanaan, sm.capaian_ro, sm.efisiensi_sbk, aturan)
    if rezim == "pmk62_2023":
        nka = dataclasses.replace(
            hasil_nka_pmk62(perencanaan, ikpa.nilai_akhir if ikpa else None, aturan), efisiensi=nka.efisiensi
        )
    else:
        nka.perencanaan = perencanaan
    sk = lakip.sakip
    nilai_sakip, grade = hitung_sakip(
        {
            "perencanaan": sk.perencanaan,
            "pengukuran": sk.pengukuran,
            "pelaporan": sk.pelaporan,
            "evaluasi": sk.evaluasi,
        },
        aturan,
    )
    indikator = hitung_indikator(lakip)
    iku = [i.capaian for i in indikator if i.tingkat == "iku" and i.capaian is not None]
    w = lakip.wilayah
    return Hasil(
        indikator=indikator,
        rata_rata_capaian_iku=sum(iku) / len(iku) if iku else None,
        output=outputs,
        anggaran=anggaran,
        ikpa=ikpa,
        nka=nka,
        pkpa=hitung_pkpa(
            nka.nilai, ikpa.nilai_akhir if ikpa else None, aturan, lakip.profil.periode == "Tahunan", rezim
        ),
        sakip={"nilai": nilai_sakip, "predikat": grade},
        wilayah=HasilWilayah(
            kabupaten=len(w),
            kecamatan=ag.jumlah(x.kecamatan for x in w),
            desa=ag.jumlah(x.desa for x in w),
            penduduk=ag.jumlah(x.penduduk for x in w),
        ),
        jumlah_tw=2 if lakip.profil.periode == "Semester I" else 4,
        aturan_ikpa=kode_ikpa,
        alasan_aturan_ikpa=_alasan(alasan, tahun),
        rencana=_rencana(lakip, aturan),
    )


def _rencana(lakip: Lakip, aturan: Aturan) -> HasilRencana | None:
    try:
        return hitung_rencana(lakip, aturan)
    except RencanaTidakDapat:
        return None


def _alasan(alasan: str, tahun: int | None) -> str:
    """Why this IKPA rule set, worded as the workbook's AlasanAturanIkpa formula words it."""
    if alasan == "pilihan":
        return "dipilih di sel di atas"
    if tahun is None:
        return "tahun anggaran kosong: aturan terbaru"
    if alasan == "tahun":
        return f"menurut TA {tahun}"
    if alasan == "terbaru":
        return f"TA {tahun} belum dikenal: aturan terbaru"
    return f"TA {tahun} lebih awal dari aturan tertua: aturan tertua"
