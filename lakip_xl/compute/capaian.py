"""Capaian (achievement) of an indicator or an output volume."""

from __future__ import annotations

import math
from collections.abc import Sequence

KUARTAL_PERIODE = {"Semester I": 2, "Tahunan": 4}


def rentang_target(target: float, target_atas: float | None) -> tuple[float, float]:
    """The bounds ``(bawah, atas)`` of a target: a range target when ``target_atas`` is filled
    (in either order), otherwise the single target twice."""
    lain = target if target_atas is None else target_atas
    return min(target, lain), max(target, lain)


def capaian(
    target: float | None,
    realisasi: float | None,
    polaritas: str = "positif",
    batas: float | None = None,
    target_atas: float | None = None,
    rumus_negatif: str = "2t-r",
) -> float | None:
    """Achievement in percent, or ``None`` when it cannot be computed.

    The target is ``[bawah, atas]``: a range target when ``target_atas`` is filled
    (PermenPANRB 6/2022), otherwise ``bawah = atas = target``. A realisation inside the range
    is 100. Outside, the indicator's own polarity formula is applied against the nearer bound
    ``acuan`` (``atas`` when above, ``bawah`` when below):

    - positif: ``r / acuan * 100``
    - negatif: ``(2 acuan - r) / acuan * 100`` (or ``acuan / r * 100`` with ``rumus_negatif="t/r"``)
    - rentang (the old polarity value, kept for old data): below the range as positif, above
      it as negatif with ``2t-r`` whatever ``rumus_negatif`` says.

    Without a range these are the familiar ``r / t``, ``(2t - r) / t`` and ``t / r``.
    ``batas`` caps the result (None = no cap). A blank target, a target that is zero without a
    range (both bounds zero), a blank realisation, or a division by zero, or a ratio too large for a float gives ``None``: the
    validator reports it, nothing raises.
    """
    if target is None or realisasi is None:
        return None
    if polaritas not in ("positif", "negatif", "rentang"):
        raise ValueError(f"polaritas tidak dikenal: {polaritas}")
    bawah, atas = rentang_target(target, target_atas)
    if bawah == 0 and atas == 0:
        return None
    if bawah <= realisasi <= atas:
        nilai = 100.0
    else:
        acuan = atas if realisasi > atas else bawah
        if acuan == 0:
            return None
        if polaritas == "positif" or (polaritas == "rentang" and realisasi < bawah):
            nilai = realisasi / acuan * 100
        elif polaritas == "negatif" and rumus_negatif == "t/r":
            if realisasi == 0:
                return None
            nilai = acuan / realisasi * 100
        else:
            nilai = (2 * acuan - realisasi) / acuan * 100
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
