"""A finding of the validator: code, severity, location and an Indonesian message."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Tingkat = Literal["galat", "peringatan"]
Jalur = tuple[str | int, ...]


def jalur_teks(jalur: Jalur) -> str:
    """``("anggaran", "program", 0, "pagu")`` -> ``anggaran.program[0].pagu``."""
    teks = ""
    for bagian in jalur:
        if isinstance(bagian, int):
            teks += f"[{bagian}]"
        else:
            teks += ("." if teks else "") + bagian
    return teks


@dataclass
class Temuan:
    kode: str
    tingkat: Tingkat
    jalur: Jalur
    pesan: str
    # Set by a reader that knows where the path lives (e.g. "Output!H12"); else the path.
    lokasi_sel: str | None = field(default=None, compare=False)

    @property
    def lokasi(self) -> str:
        return self.lokasi_sel or jalur_teks(self.jalur)

    def as_dict(self) -> dict[str, str]:
        return {"kode": self.kode, "tingkat": self.tingkat, "lokasi": self.lokasi, "pesan": self.pesan}


def ada_galat(temuan: list[Temuan]) -> bool:
    return any(t.tingkat == "galat" for t in temuan)
