"""Indonesian sentence helpers for the report's generated text (PUEBI conventions)."""

from __future__ import annotations

from collections.abc import Iterable

from ..compute.angka import terbilang


def gabung(bagian: Iterable[str], kata: str = "dan") -> str:
    """Join list items the Indonesian way: "a", "a dan b", "a, b, dan c" (PUEBI: a comma before
    the conjunction of a list of three or more). Empty items are left out."""
    xs = [x for x in bagian if x]
    if len(xs) <= 1:
        return xs[0] if xs else ""
    if len(xs) == 2:
        return f"{xs[0]} {kata} {xs[1]}"
    return f"{', '.join(xs[:-1])}, {kata} {xs[-1]}"


def bilangan(n: int) -> str:
    """A count in running text: in words when Indonesian says it in one or two words (PUEBI:
    "empat", "dua belas", "tiga puluh", "seratus"), in digits otherwise ("21", "1.084")."""
    from ..compute.angka import format_angka

    kata = terbilang(n, "")
    return kata if n >= 0 and len(kata.split()) <= 2 else format_angka(n, 0)


def awal_kapital(teks: str) -> str:
    """The first letter in capitals (a sentence that starts with a count in words)."""
    return teks[:1].upper() + teks[1:]
