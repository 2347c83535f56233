"""Indonesian number conventions: parsing what units type, display rounding and formatting.

Parsing accepts every form the source documents use (``Rp. 1.147.335.000``,
``Rp. 3,515,800,000,-``, ``3,25``, ``97,14 %``, ``09``). Formatting uses babel's ``id``
locale; amounts in words use num2words with the official spelling *miliar*.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cache

from babel import Locale
from num2words import num2words

from ..galat import AngkaTidakValid

LOCALE = "id_ID"


_PREFIX = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"(,-|\.-)$")


def _group_ok(groups: list[str]) -> bool:
    pertama = groups[0]
    return 1 <= len(pertama) <= 3 and not (pertama.startswith("0")) and all(len(g) == 3 for g in groups[1:])


BATAS_ANGKA = 1e15  # Rp 1.000 triliun: anything larger is a typing error


def parse_angka(teks: object, bulat: bool = False) -> float | int:
    """Read a number written the Indonesian (or occasionally the English) way.

    Returns an ``int`` when the value has no fractional part written, a ``float`` otherwise.
    With ``bulat=True`` (money, counts) a single comma followed by three digits groups
    thousands ("1,000" is a thousand, not one). Raises :class:`AngkaTidakValid` for anything
    that is not unambiguously a number, or whose size exceeds :data:`BATAS_ANGKA`.
    """
    if isinstance(teks, bool):
        raise AngkaTidakValid("nilai benar/salah bukan angka")
    if isinstance(teks, (int, float)):
        if teks != teks or teks in (float("inf"), float("-inf")):
            raise AngkaTidakValid("angka tidak terhingga atau kosong (NaN)")
        if abs(teks) > BATAS_ANGKA:
            raise AngkaTidakValid(f"{teks:.3g} terlalu besar")
        return teks
    if not isinstance(teks, str):
        raise AngkaTidakValid(f"jenis data {type(teks).__name__} bukan angka")
    s = teks.strip().replace("\u00a0", " ")
    if not s:
        raise AngkaTidakValid("teks kosong")
    tanpa_awalan = _PREFIX.sub("", s).strip()
    s = _SUFFIX.sub("", tanpa_awalan).strip()
    # "Rp ..." or "...,-" marks money, which has no decimals: "Rp. 1,000,-" is a thousand.
    uang = bulat or tanpa_awalan != teks.strip() or s != tanpa_awalan
    if s.endswith("%"):
        s = s[:-1].strip()
    s = s.replace(" ", "")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    if s.startswith("-"):
        negative, s = True, s[1:]
    elif s.startswith("+"):
        s = s[1:]
    if not s or not re.fullmatch(r"[0-9.,]+", s) or not s[0].isdigit() or not s[-1].isdigit():
        raise AngkaTidakValid(f"'{teks}' bukan angka")
    dots, commas = s.count("."), s.count(",")
    integer, fraction = s, ""
    if dots and commas:
        # The separator that comes last is the decimal one.
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thou = "." if dec == "," else ","
        if s.count(dec) != 1:
            raise AngkaTidakValid(f"'{teks}' memakai pemisah desimal lebih dari sekali")
        integer, fraction = s.split(dec)
        if not _group_ok(integer.split(thou)):
            raise AngkaTidakValid(f"pemisah ribuan pada '{teks}' tidak beraturan")
        integer = integer.replace(thou, "")
    elif dots or commas:
        sep = "." if dots else ","
        parts = s.split(sep)
        if len(parts) > 2:
            if not _group_ok(parts):
                raise AngkaTidakValid(f"pemisah ribuan pada '{teks}' tidak beraturan")
            integer = "".join(parts)
        elif (sep == "," and not (uang and len(parts[1]) == 3)) or len(parts[1]) != 3 or parts[0] == "0":
            # A single comma is the Indonesian decimal comma ("3,25"), except in money; a
            # single dot not followed by exactly three digits is an English decimal point.
            integer, fraction = parts
        else:
            # A single dot followed by exactly three digits groups thousands ("1.084").
            if not _group_ok(parts):
                raise AngkaTidakValid(f"pemisah ribuan pada '{teks}' tidak beraturan")
            integer = "".join(parts)
    if len(integer) > 16:
        raise AngkaTidakValid(f"'{teks}' terlalu besar")
    value: float | int = float(f"{integer}.{fraction}") if fraction else int(integer)
    if abs(value) > BATAS_ANGKA:
        raise AngkaTidakValid(f"'{teks}' terlalu besar")
    return -value if negative else value


def bulat(nilai: float | None, digit: int = 2) -> Decimal | None:
    """Round half-up for display, as Excel's and LibreOffice's ROUND do: from the value to 15
    significant digits (the precision they show), so a sum that binary floating point leaves at
    74.32499999999999 rounds like the 74.325 it stands for (74,33), not to 74,32."""
    if nilai is None:
        return None
    q = Decimal(1).scaleb(-digit)
    d = Decimal(f"{float(nilai):.15g}")  # 15 significant digits, as Excel and LibreOffice round
    # The default context holds 28 digits: a huge figure (a target of 1e-20 gives a capaian of
    # 1e22 % and more) would not fit once quantized. Give the context every digit it needs.
    presisi = max(28, d.adjusted() + 1 + max(digit, 0) + 2)
    return d.quantize(q, rounding=ROUND_HALF_UP, context=Context(prec=presisi))


@cache
def _simbol() -> tuple[str, str]:
    """Grouping and decimal symbols of the Indonesian locale (babel's CLDR data)."""
    sym = Locale.parse(LOCALE).number_symbols["latn"]
    return sym["group"], sym["decimal"]


def format_angka(nilai: float | int | None, digit: int = 2) -> str:
    """Format a figure the Indonesian way with ``digit`` decimals (half-up): 97,14 / 1.084.

    Same output as babel's ``format_decimal(x, "#,##0.00", locale="id_ID")`` (a test checks
    that), without its per-call overhead: the symbols come from babel's locale data once.
    """
    if nilai is None:
        return "-"
    d = bulat(nilai, digit)
    if d == 0:
        d = abs(d)  # never "-0,00"
    grup, desimal = _simbol()
    teks = f"{d:,.{digit}f}"
    return teks.replace(",", "\0").replace(".", desimal).replace("\0", grup)


def format_rupiah(nilai: int | None, prefix: bool = True) -> str:
    """Money: ``Rp1.147.335.000`` (integer rupiah, never float-formatted; PUEBI writes no space
    after "Rp", and the report, the CLI and the Validasi sheet all use this one style)."""
    if nilai is None:
        return "-"
    teks = f"{int(nilai):,}".replace(",", _simbol()[0])
    return f"Rp{teks}" if prefix else teks


def format_persen(nilai: float | None, digit: int = 2) -> str:
    """Percentage: ``97,14%``."""
    if nilai is None:
        return "-"
    return f"{format_angka(nilai, digit)}%"


def konversi_persen(nilai: object) -> float:
    """A Konversi Bobot as a percent, from any form a unit copies it in: ``"80%"`` (as OM-SPAN
    shows it), ``80``, or the fraction ``0,8`` / ``0.8`` (a cell typed ``80%`` in Excel holds
    0.8). A number above 0 and at most 1 written without "%" is a fraction (no IKPA weight
    sum is 1 % or less). Raises :class:`AngkaTidakValid` for anything else."""
    v = float(parse_angka(nilai))
    persen = isinstance(nilai, str) and nilai.strip().endswith("%")
    return v * 100 if 0 < v <= 1 and not persen else v


def format_konversi(nilai: float | None) -> str:
    """Konversi Bobot as OM-SPAN shows it: ``80%``, ``100%``; ``82,5%`` with decimals only when
    the value has them (at most two)."""
    if nilai is None:
        return "-"
    d = bulat(nilai, 2)
    assert d is not None
    digit = 0 if d == d.to_integral_value() else (1 if d * 10 == (d * 10).to_integral_value() else 2)
    return f"{format_angka(nilai, digit)}%"


_TANGGAL_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_EPOCH_EXCEL = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 date system, as LibreOffice)


def tanggal_iso(nilai: object) -> object:
    """A date as a unit types it into a date cell, as the model keeps it (``YYYY-MM-DD``): a
    date, an Excel date serial (a cell that lost its date format), ISO text, or day/month/year
    text as Indonesians write it (``17/08/2024``, ``17-8-2024``; an English-locale Excel keeps
    such input as text). Anything else is returned unchanged, for the validator to name."""
    if isinstance(nilai, dt.datetime):
        return nilai.date().isoformat()
    if isinstance(nilai, dt.date):
        return nilai.isoformat()
    if isinstance(nilai, (int, float)) and not isinstance(nilai, bool):
        if 1 <= nilai < 2958466 and float(nilai).is_integer():  # up to 9999-12-31
            return (_EPOCH_EXCEL + dt.timedelta(days=int(nilai))).isoformat()
        return f"{nilai:g}"  # no date: the validator names it as the text it is
    if isinstance(nilai, str):
        teks = nilai.strip()
        if len(teks) == 10 and teks[4] == "-":
            try:
                return dt.date.fromisoformat(teks).isoformat()
            except ValueError:
                return nilai
        m = _TANGGAL_DMY.match(teks)
        if m:
            try:
                return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
            except ValueError:
                return nilai
    return nilai


def tanggal_valid(teks: str) -> bool:
    """Whether the model's date text is a date (``YYYY-MM-DD``, as :func:`tanggal_iso` writes)."""
    try:
        dt.date.fromisoformat(teks)
    except ValueError:
        return False
    return True


_SERIBU = re.compile(r"(^|juta |miliar |triliun )satu ribu")


def terbilang(nilai: int, satuan: str = "rupiah") -> str:
    """Amount in words, official spelling: "empat miliar ... lima ribu rupiah"."""
    if int(nilai) != nilai:
        raise AngkaTidakValid("terbilang hanya untuk bilangan bulat (rupiah)")
    n = int(nilai)
    kata = "nol" if n == 0 else num2words(abs(n), lang="id")
    # num2words writes 1.001.000 as "satu juta satu ribu"; Indonesian says "seribu".
    kata = _SERIBU.sub(r"\1seribu", kata)
    if n < 0:
        kata = "minus " + kata
    return f"{kata} {satuan}".strip()
