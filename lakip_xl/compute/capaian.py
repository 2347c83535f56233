"""Capaian (achievement) of an indicator or an output volume."""

from __future__ import annotations

import math
from collections.abc import Sequence

KUARTAL_PERIODE = {"Semester I": 2, "Tahunan": 4}


def capaian(
    target: float | None,
    realisasi: float | None,
    polaritas: str = "positif",
    batas: float | None = None,
    target_atas: float | None = None,
    rumus_negatif: str = "2t-r",
) -> float | None:
    """Achievement in percent, or ``None`` when it cannot be computed.

    - positif: ``r / t * 100``
    - negatif: ``(2t - r) / t * 100`` (or ``t / r * 100`` with ``rumus_negatif="t/r"``)
    - rentang: 100 inside ``[target, target_atas]``; above the upper bound it is scored as a
      negative indicator against the upper bound, below the lower bound as a positive one
      against the lower bound.

    ``batas`` caps the result (None = no cap). A blank or zero target, a blank
    realisation, or a ratio too large for a float gives ``None``: the validator reports it,
    nothing raises.
    """
    if target is None or realisasi is None or target == 0:
        return None
    if polaritas == "positif":
        nilai = realisasi / target * 100
    elif polaritas == "negatif":
        if rumus_negatif == "t/r":
            if realisasi == 0:
                return None
            nilai = target / realisasi * 100
        else:
            nilai = (2 * target - realisasi) / target * 100
    elif polaritas == "rentang":
        atas = target if target_atas is None else target_atas
        bawah = min(target, atas)
        atas = max(target, atas)
        if realisasi > atas:
            nilai = (2 * atas - realisasi) / atas * 100
        elif realisasi < bawah:
            nilai = realisasi / bawah * 100
        else:
            nilai = 100.0
    else:
        raise ValueError(f"polaritas tidak dikenal: {polaritas}")
    if batas is not None and nilai > batas:
        nilai = float(batas)
    # A target so small that the ratio overflows (1e-320) has no capaian to show.
    return nilai if math.isfinite(nilai) else None


def realisasi_kumulatif(realisasi_tw: Sequence[float | None], aturan: str, sampai_tw: int = 4) -> float | None:
    """Cumulative realisation up to quarter ``sampai_tw``.

    ``jumlah`` adds the quarters (a count); ``terakhir`` takes the latest filled quarter (an
    index or a percentage). ``None`` when no quarter up to ``sampai_tw`` is filled.
    """
    isi = [r for r in list(realisasi_tw)[:sampai_tw] if r is not None]
    if not isi:
        return None
    if aturan == "jumlah":
        return sum(isi)
    if aturan == "terakhir":
        return isi[-1]
    raise ValueError(f"aturan kumulatif tidak dikenal: {aturan}")


def realisasi_indikator(
    realisasi_tw: Sequence[float | None],
    realisasi: float | None,
    aturan: str,
    periode: str,
) -> float | None:
    """The realisation an indicator reports for the period: its quarters when any is filled,
    otherwise the cumulative figure typed in ``realisasi``."""
    kum = realisasi_kumulatif(realisasi_tw, aturan, KUARTAL_PERIODE.get(periode, 4))
    return kum if kum is not None else realisasi
