"""Rule sets (IKPA weights per year, predicate bands, NKA and SAKIP weights) as data.

The defaults live in ``lakip_xl/data/aturan.json``; the workbook's Referensi sheet shows
them as editable settings. Nothing here is a constant in code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class IndikatorIkpa:
    kode: str
    nama: str
    aspek: str
    bobot: float


@dataclass(frozen=True)
class AturanIkpa:
    kode: str
    nama: str
    dispensasi: str  # "bobot" (weighted indicator) or "pengurang" (deduction, 2024+)
    indikator: tuple[IndikatorIkpa, ...]

    def cari(self, kode: str) -> IndikatorIkpa | None:
        return next((i for i in self.indikator if i.kode == kode), None)


@cache
def aturan_bawaan() -> dict[str, Any]:
    """The shipped rule data (read once)."""
    teks = resources.files("lakip_xl").joinpath("data/aturan.json").read_text("utf-8")
    return json.loads(teks)


def aturan_ikpa(kode: str, data: dict[str, Any] | None = None) -> AturanIkpa:
    """The IKPA rule set of a year code ("2021", "2022", "2024"); KeyError when unknown."""
    sets = (data or aturan_bawaan())["ikpa"]
    d = sets[kode]
    return AturanIkpa(
        kode=kode,
        nama=d["nama"],
        dispensasi=d["dispensasi"],
        indikator=tuple(IndikatorIkpa(**i) for i in d["indikator"]),
    )


def daftar_aturan_ikpa(data: dict[str, Any] | None = None) -> list[str]:
    return list((data or aturan_bawaan())["ikpa"])


def _band_ge(nilai: float, bands: list[dict[str, Any]]) -> str:
    for b in bands:
        if b["batas_bawah"] is None or nilai >= b["batas_bawah"]:
            return b["predikat"]
    raise ValueError("daftar predikat tidak lengkap")


def _band_gt(nilai: float, bands: list[dict[str, Any]]) -> str:
    for b in bands:
        if b["lebih_dari"] is None or nilai > b["lebih_dari"]:
            return b["predikat"]
    raise ValueError("daftar predikat tidak lengkap")


def _tampil(nilai: float) -> float:
    """The value as displayed (half-up, two decimals): predicates follow what the user sees."""
    from .angka import bulat

    return float(bulat(nilai, 2))  # type: ignore[arg-type]


def predikat_ikpa(nilai: float | None, data: dict[str, Any] | None = None) -> str | None:
    """Sangat Baik >= 95; Baik 89-<95; Cukup 70-<89; Kurang < 70 (on the displayed value)."""
    if nilai is None:
        return None
    return _band_ge(_tampil(nilai), (data or aturan_bawaan())["predikat_ikpa"])


def predikat_nka(nilai: float | None, data: dict[str, Any] | None = None) -> str | None:
    """> 90 Sangat Baik; > 80 Baik; > 60 Cukup; > 50 Kurang; otherwise Sangat Kurang."""
    if nilai is None:
        return None
    return _band_gt(_tampil(nilai), (data or aturan_bawaan())["nka"]["predikat"])


def predikat_sakip(nilai: float | None, data: dict[str, Any] | None = None) -> str | None:
    """AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D otherwise."""
    if nilai is None:
        return None
    return _band_gt(_tampil(nilai), (data or aturan_bawaan())["sakip"]["predikat"])
