"""Budget scores: IKPA, SMART NKA, PKPA and the SAKIP grade."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .aturan import Aturan, AturanIkpa, BobotNka, BobotSakip, pita_ge

ASPEK = ("perencanaan", "pelaksanaan", "hasil")

# How an aspect value is computed from its applicable indicators: "rata_sederhana" (plain
# mean, what OM-SPAN shows) or "tertimbang" (mean weighted by the indicator weights).
METODE_ASPEK = ("rata_sederhana", "tertimbang")
# Values of earlier versions: the weighted mean without ("tanpa_dispensasi", then the
# default) or with Dispensasi SPM. The old default becomes OM-SPAN's plain mean; the explicit
# weighted choice keeps its meaning.
METODE_ASPEK_LAMA = {"tanpa_dispensasi": "rata_sederhana", "dengan_dispensasi": "tertimbang"}


@dataclass
class KomponenDihitung:
    kode: str
    nama: str
    aspek: str
    nilai: float | None
    bobot: float
    berlaku: bool
    nilai_tertimbang: float | None  # nilai * bobot / 100


@dataclass
class HasilIkpa:
    aturan: str
    nilai_total: float | None
    konversi_bobot: float | None  # percent: sum of applicable weights
    nilai_akhir: float | None
    pengurang_dispensasi: float | None
    aspek: dict[str, float | None]
    predikat: str | None
    komponen: list[KomponenDihitung] = field(default_factory=list)


@dataclass(frozen=True)
class KomponenMasukan:
    kode: str
    nilai: float | None
    berlaku: bool = True
    bobot: float | None = None


def bobot_dan_tertimbang(
    baku: float, pengganti: float | None, nilai: float | None, berlaku: bool
) -> tuple[float, float | None]:
    """An indicator's weight in use (the replacement weight, else the rule's) and its weighted
    value ``nilai x bobot / 100`` (none when it does not apply or has no value)."""
    bobot = baku if pengganti is None else pengganti
    return bobot, (nilai * bobot / 100 if (berlaku and nilai is not None) else None)


def hitung_ikpa(
    komponen: Iterable[KomponenMasukan],
    aturan: AturanIkpa,
    metode_aspek: str = "rata_sederhana",
    pengurang: float | None = None,
    urutan_pengurang: str = "setelah",
    predikat: Aturan | None = None,
) -> HasilIkpa:
    """IKPA of one satker.

    nilai_total = sum(nilai * bobot / 100) over applicable indicators with a value;
    konversi_bobot = sum(bobot) over the same indicators (percent);
    nilai_akhir = nilai_total / (konversi_bobot / 100), minus the dispensasi deduction for
    rule sets where dispensasi is a deduction (after re-scaling, or before with
    ``urutan_pengurang="sebelum"``). An aspect value is the plain mean of the aspect's
    applicable indicators with a value (as OM-SPAN shows it; Dispensasi SPM is one of them
    where it is a weighted indicator, a deduction never is), or with
    ``metode_aspek="tertimbang"`` their mean weighted by the indicator weights.
    Indicators of the rule set that the input lacks count as blank; with a blank applicable
    indicator there is no final score (only ``berlaku=False`` drops an indicator). The
    predicate comes from the bands of ``predikat`` (none without it).
    """
    metode_aspek = METODE_ASPEK_LAMA.get(metode_aspek, metode_aspek)
    if metode_aspek not in METODE_ASPEK:
        raise ValueError(f"metode aspek IKPA tidak dikenal: {metode_aspek!r}")
    masuk = {k.kode: k for k in komponen}
    rows: list[KomponenDihitung] = []
    for ind in aturan.indikator:
        m = masuk.get(ind.kode, KomponenMasukan(ind.kode, None))
        bobot, tertimbang = bobot_dan_tertimbang(ind.bobot, m.bobot, m.nilai, m.berlaku)
        rows.append(KomponenDihitung(ind.kode, ind.nama, ind.aspek, m.nilai, bobot, m.berlaku, tertimbang))
    dipakai = [r for r in rows if r.nilai_tertimbang is not None]
    nilai_total: float | None = None
    konversi: float | None = None
    if dipakai:
        nilai_total = sum(r.nilai_tertimbang or 0.0 for r in dipakai)
        konversi = sum(r.bobot for r in dipakai)
    # A final score needs every applicable indicator: a blank one is not "not applicable".
    lengkap = all(not r.berlaku or r.nilai is not None for r in rows)
    nilai_akhir = None
    pakai_pengurang = aturan.dispensasi == "pengurang"
    kurang = (pengurang or 0.0) if pakai_pengurang else None
    potong = kurang or 0.0
    if nilai_total is not None and konversi and lengkap:
        if pakai_pengurang and urutan_pengurang == "sebelum":
            nilai_akhir = (nilai_total - potong) / (konversi / 100)
        else:
            nilai_akhir = nilai_total / (konversi / 100)
            if pakai_pengurang:
                nilai_akhir -= potong
    aspek: dict[str, float | None] = {}
    for a in ASPEK:
        anggota = [r for r in dipakai if r.aspek == a]
        if metode_aspek == "tertimbang":
            bobot_a = sum(r.bobot for r in anggota)
            aspek[a] = sum((r.nilai or 0.0) * r.bobot for r in anggota) / bobot_a if bobot_a else None
        else:
            aspek[a] = sum(r.nilai or 0.0 for r in anggota) / len(anggota) if anggota else None
    return HasilIkpa(
        aturan=aturan.kode,
        nilai_total=nilai_total,
        konversi_bobot=konversi,
        nilai_akhir=nilai_akhir,
        pengurang_dispensasi=kurang,
        aspek=aspek,
        predikat=pita_ge(nilai_akhir, predikat.predikat_ikpa) if predikat else None,
        komponen=rows,
    )


def nilai_efisiensi(efisiensi_mentah: float | None, batas: float) -> float | None:
    """SMART efficiency score from the raw efficiency E (percent): E clipped to +-batas,
    ``NE = 50 + E / batas * 50``."""
    if efisiensi_mentah is None:
        return None
    e = max(-batas, min(batas, efisiensi_mentah))
    return 50 + e / batas * 50


def hitung_nka(
    penyerapan: float | None,
    konsistensi: float | None,
    capaian_output: float | None,
    efisiensi: float | None,
    bobot: BobotNka,
) -> float | None:
    """SMART Nilai Kinerja Anggaran (satker, implementation aspect) with the weights of the
    rules (PMK 22/2021: ``9.7% P + 18.2% K + 43.5% CRO + 28.6% NE``); ``None`` if a variable
    is blank."""
    if penyerapan is None or konsistensi is None or capaian_output is None or efisiensi is None:
        return None
    return (
        bobot.penyerapan * penyerapan
        + bobot.konsistensi * konsistensi
        + bobot.capaian_output * capaian_output
        + bobot.efisiensi * efisiensi
    ) / 100


@dataclass
class HasilNka:
    nilai: float | None
    predikat: str | None
    efisiensi: float | None  # PMK 22/2021: the efficiency score (NE) used
    rezim: str = "pmk22_2021"  # see compute.aturan.REZIM_NKA
    perencanaan: float | None = None  # PMK 62/2023: Nilai Kinerja Perencanaan Anggaran
    pelaksanaan: float | None = None  # PMK 62/2023: Nilai Kinerja Pelaksanaan Anggaran (IKPA)


def hasil_nka(
    p: float | None,
    k: float | None,
    cro: float | None,
    efisiensi: float | None,
    efisiensi_mentah: float | None,
    aturan: Aturan,
) -> HasilNka:
    """NKA under PMK 22/2021 (TA <= 2023): the four SMART implementation variables."""
    ne = efisiensi if efisiensi is not None else nilai_efisiensi(efisiensi_mentah, aturan.batas_efisiensi)
    n = hitung_nka(p, k, cro, ne, aturan.bobot_nka)
    return HasilNka(nilai=n, predikat=aturan.nilai_predikat_nka(n), efisiensi=ne)


def nilai_perencanaan(
    dinyatakan: float | None, capaian_ro: float | None, efisiensi_sbk: float | None, aturan: Aturan
) -> float | None:
    """A satker's Nilai Kinerja Perencanaan Anggaran (PMK 62/2023, KMK 466/2023): as SMART states
    it, else ``efektivitas% x capaian RO + efisiensi% x efisiensi SBK`` (75/25 shipped)."""
    if dinyatakan is not None:
        return dinyatakan
    if capaian_ro is None or efisiensi_sbk is None:
        return None
    w = aturan.nka_pmk62
    return (w.efektivitas * capaian_ro + w.efisiensi * efisiensi_sbk) / 100


def hasil_nka_pmk62(perencanaan: float | None, ikpa: float | None, aturan: Aturan) -> HasilNka:
    """NKA from TA 2024 (PMK 62/2023): ``perencanaan% x planning + pelaksanaan% x IKPA`` (50/50);
    TA 2024 national check: 0,5 x 89,96 + 0,5 x 96,14 = 93,05."""
    w = aturan.nka_pmk62
    n = None if perencanaan is None or ikpa is None else (w.perencanaan * perencanaan + w.pelaksanaan * ikpa) / 100
    return HasilNka(
        nilai=n,
        predikat=aturan.nilai_predikat_nka(n),
        efisiensi=None,
        rezim="pmk62_2023",
        perencanaan=perencanaan,
        pelaksanaan=ikpa,
    )


def hitung_pkpa(
    nka: float | None, ikpa: float | None, aturan: Aturan, tahunan: bool = True, rezim: str = "pmk22_2021"
) -> float | None:
    """PKPA (Kemenkeu's internal combination, defined next to PMK 22/2021's NKA): for the year
    (fourth quarter) 60% SMART + 40% IKPA (the rules' weights); for an earlier period (quarters
    I-III, Semester I) the IKPA score itself. Under PMK 62/2023 the NKA already combines
    planning and IKPA, and no PKPA is computed (``None``)."""
    if rezim != "pmk22_2021":
        return None
    if not tahunan:
        return ikpa
    if nka is None or ikpa is None:
        return None
    return (aturan.bobot_pkpa_smart * nka + aturan.bobot_pkpa_ikpa * ikpa) / 100


def hitung_sakip(komponen: dict[str, float | None], aturan: Aturan) -> tuple[float | None, str | None]:
    """SAKIP evaluation score from component scores (0-100) weighted by the rules
    (30/30/15/25 shipped), and grade."""
    w: BobotSakip = aturan.bobot_sakip
    bobot = {k: getattr(w, k) for k in BobotSakip.__dataclass_fields__}
    nilai_komponen = [komponen.get(k) for k in bobot]
    if any(v is None for v in nilai_komponen):
        return None, None
    nilai = sum(b * v for b, v in zip(bobot.values(), nilai_komponen, strict=True) if v is not None) / 100
    return nilai, aturan.nilai_predikat_sakip(nilai)
