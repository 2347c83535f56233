"""Comparisons PermenPANRB 53/2014 asks for in Bab III, per indicator, and the efficiency of each
output (RO). Pure functions over the model and the computed results.

Sources of the figures (docs/aturan.md, "Perbandingan capaian"):

- last year's realisation: the Renstra row of the indicator for ``tahun - 1``; when there is none,
  the old field ``Indikator.realisasi_tahun_lalu`` (still read, never lost);
- the Renstra target: the rows of the indicator in the long table ``Lakip.renstra``; the final
  target is the one of the last year listed; without rows, the old field ``Indikator.target_renstra``;
- cumulative realisation against the Renstra target **[assumed]**: an indicator that adds up
  (``kumulatif = "jumlah"``) sums the realisations of every Renstra year up to this one and sets
  them against the sum of every year's target; an index or a percentage (``"terakhir"``) sets this
  year's realisation against the final year's target. Both go through the indicator's polarity
  formula (compute/capaian.py) without a cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Indikator, Lakip, TargetRenstra
from .capaian import capaian
from .hasil import Hasil, HasilIndikator, HasilOutput


@dataclass(frozen=True)
class TahunKinerja:
    """One year of an indicator's history: the Renstra target and the realisation."""

    tahun: int
    target: float | None
    realisasi: float | None


@dataclass(frozen=True)
class Pembanding:
    """The comparisons of one indicator (``None`` = not available: the validator says what to fill)."""

    kode: str
    tahun: int | None
    realisasi: float | None  # this year
    tahun_lalu: float | None  # last year's realisation
    selisih: float | None  # this year minus last year
    perubahan: float | None  # the change in percent of last year
    riwayat: list[TahunKinerja] = field(default_factory=list)  # past years and this one, oldest first
    tahun_awal: int | None = None  # the Renstra period
    tahun_akhir: int | None = None
    target_tahun_ini: float | None = None  # this year's Renstra target
    target_akhir: float | None = None  # the final Renstra target (or the sum of the yearly targets)
    realisasi_kumulatif: float | None = None
    capaian_renstra: float | None = None  # cumulative realisation against the Renstra target, percent
    standar_nasional: float | None = None
    capaian_standar: float | None = None  # realisation against the national standard, percent


def baris_renstra(renstra: list[TargetRenstra], kode: str) -> dict[int, TargetRenstra]:
    """The Renstra rows of one indicator by year (the first row of a year wins; a second one is a
    finding of the validator)."""
    rows: dict[int, TargetRenstra] = {}
    for r in renstra:
        if r.indikator.strip() == kode.strip() and kode.strip() and r.tahun is not None:
            rows.setdefault(r.tahun, r)
    return rows


def realisasi_tahun_lalu(ind: Indikator, renstra: list[TargetRenstra], tahun: int | None) -> float | None:
    """Last year's realisation: the Renstra row of ``tahun - 1``, else the old field."""
    if tahun is not None:
        r = baris_renstra(renstra, ind.kode).get(tahun - 1)
        if r is not None and r.realisasi is not None:
            return r.realisasi
    return ind.realisasi_tahun_lalu


def bandingkan_indikator(
    ind: Indikator, h: HasilIndikator, renstra: list[TargetRenstra], tahun: int | None
) -> Pembanding:
    """The comparisons of one indicator (see the module docstring for every rule)."""
    kini = h.realisasi
    lalu = realisasi_tahun_lalu(ind, renstra, tahun)
    selisih = kini - lalu if kini is not None and lalu is not None else None
    perubahan = selisih / abs(lalu) * 100 if selisih is not None and lalu else None
    rows = baris_renstra(renstra, ind.kode)
    riwayat = [
        TahunKinerja(t, r.target, kini if t == tahun and kini is not None else r.realisasi)
        for t, r in sorted(rows.items())
        if tahun is None or t <= tahun
    ]
    if tahun is not None and lalu is not None and (tahun - 1) not in rows:
        riwayat.insert(0, TahunKinerja(tahun - 1, None, lalu))  # the old field: last year without a row
    if tahun is not None and tahun not in rows:
        riwayat.append(TahunKinerja(tahun, None, kini))
    awal = min(rows) if rows else None
    akhir = max(rows) if rows else None
    target_kini = rows[tahun].target if tahun in rows else None
    if rows:
        if ind.kumulatif == "jumlah":
            targets = [r.target for r in rows.values()]
            target_akhir = sum(t for t in targets if t is not None) if all(t is not None for t in targets) else None
            sampai = [x.realisasi for x in riwayat if awal is not None and x.tahun >= awal]
            kumulatif = sum(x for x in sampai if x is not None) if sampai and None not in sampai else None
        else:
            target_akhir = rows[akhir].target if akhir is not None else None
            kumulatif = kini
    else:
        target_akhir, kumulatif = ind.target_renstra, kini
    capaian_renstra = capaian(target_akhir, kumulatif, _polaritas(ind), None, None, "2t-r")
    std = ind.standar_nasional
    return Pembanding(
        kode=ind.kode,
        tahun=tahun,
        realisasi=kini,
        tahun_lalu=lalu,
        selisih=selisih,
        perubahan=perubahan,
        riwayat=riwayat,
        tahun_awal=awal,
        tahun_akhir=akhir,
        target_tahun_ini=target_kini,
        target_akhir=target_akhir,
        realisasi_kumulatif=kumulatif,
        capaian_renstra=capaian_renstra,
        standar_nasional=std,
        capaian_standar=capaian(std, kini, _polaritas(ind), None, None, "2t-r"),
    )


def _polaritas(ind: Indikator) -> str:
    return "negatif" if ind.polaritas == "negatif" else "positif"


def bandingkan(lakip: Lakip, hasil: Hasil) -> list[Pembanding]:
    """The comparisons of every indicator, in the order of ``lakip.indikator``."""
    tahun = lakip.profil.tahun
    return [
        bandingkan_indikator(ind, h, lakip.renstra, tahun)
        for ind, h in zip(lakip.indikator, hasil.indikator, strict=True)
    ]


def efisiensi_output(o: HasilOutput) -> float | None:
    """Efficiency of one output (RO), percent: the budget its volume achievement is worth against
    what was spent, ``E = (pagu × capaian/100 − realisasi) / (pagu × capaian/100) × 100``
    **[partial]**: the SMART DJA efficiency (PMK 22/PMK.02/2021) for one RO, without its
    normalisation to 0–100. Positive: the output was reached spending less than its share;
    negative: more. ``None`` when pagu, realisation or a non-zero volume achievement is missing.

    >>> from lakip_xl.compute.hasil import HasilOutput
    >>> o = HasilOutput("A", "x", "", "", "", 10, 10, 100.0, 1000, 800, 200, 80.0)
    >>> efisiensi_output(o)
    20.0
    """
    if not o.pagu or o.realisasi is None or not o.capaian_volume:
        return None
    nilai = o.pagu * o.capaian_volume / 100
    return (nilai - o.realisasi) / nilai * 100


def indikasi_efisiensi(e: float | None) -> str:
    """The efficiency indication printed beside ``efisiensi_output``."""
    if e is None:
        return "belum dapat dinilai"
    if abs(e) < 0.005:
        return "sesuai"
    return "efisien" if e > 0 else "tidak efisien"
