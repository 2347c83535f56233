"""Budget rollups: sisa and penyerapan at every level of the DIPA hierarchy and breakdown."""

from __future__ import annotations

from collections.abc import Iterable


def penyerapan(pagu: int | None, realisasi: int | None) -> float | None:
    """Absorption ``realisasi / pagu * 100``; ``None`` for a blank or zero pagu."""
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return realisasi / pagu * 100


def sisa(pagu: int | None, realisasi: int | None) -> int | None:
    """Unspent budget ``pagu - realisasi`` (integer rupiah)."""
    if pagu is None or realisasi is None:
        return None
    return pagu - realisasi


def jumlah(nilai: Iterable[int | None]) -> int | None:
    """Sum of the filled figures; ``None`` when none is filled."""
    isi = [n for n in nilai if n is not None]
    return sum(isi) if isi else None


def efektif(dinyatakan: int | None, rincian: int | None) -> int | None:
    """A parent's figure: what the DIPA states when given, otherwise the sum of its children."""
    return dinyatakan if dinyatakan is not None else rincian
