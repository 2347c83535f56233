"""Next year's workbook from this year's: keep the structure, move realisation to 'last year'."""

from __future__ import annotations

import copy

from ..compute.aturan import Aturan
from ..compute.hasil import hitung
from ..compute.renstra import baris_renstra
from ..model import Ikpa, Lakip, Sakip, Smart


def siapkan_tahun_baru(lakip: Lakip, aturan: Aturan) -> Lakip:
    """A copy of ``lakip`` ready for the following year.

    Kept: profile (year + 1), work area, indicators and targets, the DIPA structure (codes,
    names, pagu as a starting point), budget rows, narrative, innovations, settings.
    Kept too: the organisation, legal basis, staff, Renstra table and follow-up plan.
    Moved: each indicator's realisation for the period becomes ``realisasi_tahun_lalu``, and the
    realisation of its Renstra row for the year when there is one.
    Cleared: every realisation, every stated figure, IKPA values and explanations, SMART and
    SAKIP scores, awards, scores in other performance applications, the per-indicator analysis.
    """
    hasil = hitung(lakip, aturan)
    baru = copy.deepcopy(lakip)
    p = baru.profil
    p.tahun = p.tahun + 1 if p.tahun is not None else None
    p.tanggal_laporan = ""
    for ind, h in zip(baru.indikator, hasil.indikator, strict=True):
        ind.realisasi_tahun_lalu = h.realisasi
        baris = baris_renstra(baru.renstra, ind.kode).get(lakip.profil.tahun) if lakip.profil.tahun else None
        if baris is not None and h.realisasi is not None:
            baris.realisasi = h.realisasi
        ind.penyebab = ind.solusi = ind.efisiensi = ind.program_pendukung = ""
        ind.realisasi_tw = [None] * 4
        ind.realisasi = None
        ind.capaian_dinyatakan = None
    a = baru.anggaran
    for prog in a.program:
        prog.realisasi = None
        prog.penyerapan_dinyatakan = None
        prog.pembanding_pagu = prog.pembanding_realisasi = prog.pembanding_penyerapan_dinyatakan = None
        for keg in prog.kegiatan:
            keg.realisasi = None
            keg.penyerapan_dinyatakan = None
            for kro in keg.kro:
                kro.realisasi = None
                kro.penyerapan_dinyatakan = None
                for o in kro.output:
                    o.realisasi = None
                    o.volume_realisasi = None
                    o.penyerapan_dinyatakan = None
                    o.capaian_volume_dinyatakan = None
    for r in [*a.jenis_belanja, *a.sumber_dana]:
        r.realisasi = None
        r.sisa_dinyatakan = None
        r.penyerapan_dinyatakan = None
        r.pembanding_pagu = r.pembanding_realisasi = None
    a.total_realisasi_dinyatakan = None
    a.total_penyerapan_dinyatakan = None
    baru.ikpa = Ikpa(aturan=lakip.ikpa.aturan, komponen=copy.deepcopy(lakip.ikpa.komponen))
    for k in baru.ikpa.komponen:
        k.nilai = None
        k.penjelasan = ""
    baru.smart = Smart()
    baru.sakip = Sakip()
    baru.prestasi = []
    baru.aplikasi_kinerja = []
    return baru
