"""Worksheet functions (xlwings UDFs) that mirror the workbook's native formulas.

Named in the workbook's ``xlwings.conf`` sheet (``UDF Modules``). Each calls the compute
functions and returns what the native formula returns: a number, a text, or ``""`` (blank)
where the formula shows a blank. A bad argument gives a short Indonesian message starting
with ``#LAKIP``, never a traceback. The docstrings become the Excel function help.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import xlwings as xw

from ..compute.angka import parse_angka, terbilang
from ..compute.aturan import AturanIkpa, BobotNka, IndikatorIkpa, Pita, aturan_bawaan, pita_ge, pita_gt
from ..compute.capaian import capaian
from ..compute.skor import METODE_ASPEK, METODE_ASPEK_LAMA, KomponenMasukan, hitung_ikpa, hitung_nka
from ..galat import AngkaTidakValid, ArgumenTidakValid, LakipGalat

KATEGORI = "LAKIP"


def _aman(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn any failure into a short Indonesian message in the cell."""

    @functools.wraps(fn)
    def bungkus(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (LakipGalat, KeyError) as e:
            return f"#LAKIP: {e.args[0] if e.args else e}"
        except Exception as e:
            return f"#LAKIP: {type(e).__name__}"

    return bungkus


def _kosong(x: Any) -> bool:
    return x is None or (isinstance(x, str) and not x.strip())


def _angka(x: Any, nama: str) -> float | None:
    if _kosong(x):
        return None
    if isinstance(x, bool):
        raise ArgumenTidakValid(f"{nama} harus angka")
    if isinstance(x, (int, float)):
        return float(x)
    try:
        return float(parse_angka(x))
    except AngkaTidakValid:
        raise ArgumenTidakValid(f"{nama} bukan angka: {x}") from None


def _kolom(x: Any) -> list[Any]:
    """A range argument as a flat list (a single cell becomes a one-item list)."""
    if isinstance(x, (list, tuple)):
        out: list[Any] = []
        for v in x:
            out.extend(_kolom(v) if isinstance(v, (list, tuple)) else [v])
        return out
    return [x]


def _hasil(x: float | None) -> Any:
    return "" if x is None else x


@xw.func(category=KATEGORI)
@xw.arg("target", doc="Target indikator; untuk target rentang, batas bawahnya.")
@xw.arg("realisasi", doc="Realisasi periode.")
@xw.arg("polaritas", doc="positif (bawaan) atau negatif; rentang: bentuk lama, tetap dihitung seperti dulu.")
@xw.arg("batas", doc="Batas atas capaian: kosong (tanpa batas), 100, atau 120.")
@xw.arg("target_atas", doc="Batas atas target rentang; kosong untuk target tunggal.")
@xw.arg("rumus_negatif", doc="Rumus polaritas negatif: 2t-r (bawaan) atau t/r.")
@_aman
def LAKIP_CAPAIAN(target, realisasi, polaritas="positif", batas=None, target_atas=None, rumus_negatif="2t-r"):
    """Capaian indikator (%) menurut polaritas; target rentang: 100 di dalamnya, di luar terhadap batas terdekat."""
    pol = "positif" if _kosong(polaritas) else str(polaritas).strip().lower()
    if pol not in ("positif", "negatif", "rentang"):
        raise ArgumenTidakValid("polaritas harus positif, negatif, atau rentang")
    rumus = "2t-r" if _kosong(rumus_negatif) else str(rumus_negatif).strip()
    if rumus not in ("2t-r", "t/r"):
        raise ArgumenTidakValid("rumus_negatif harus 2t-r atau t/r")
    return _hasil(
        capaian(
            _angka(target, "target"),
            _angka(realisasi, "realisasi"),
            pol,
            _angka(batas, "batas"),
            _angka(target_atas, "target_atas"),
            rumus,
        )
    )


def _berlaku(x: Any) -> bool:
    if _kosong(x):
        return True
    if isinstance(x, bool):
        return x
    teks = str(x).strip().lower()
    if teks in ("ya", "y", "true", "benar", "1"):
        return True
    if teks in ("tidak", "t", "false", "salah", "0"):
        return False
    raise ArgumenTidakValid(f"berlaku harus Ya atau Tidak, bukan {x}")


def _komponen(
    nilai: Any, bobot: Any, berlaku: Any, kode: Any = None, aspek: Any = None
) -> tuple[list[KomponenMasukan], list[IndikatorIkpa]]:
    n = _kolom(nilai)
    w = _kolom(bobot)
    if len(n) != len(w):
        raise ArgumenTidakValid("rentang nilai dan bobot harus sama panjang")
    b = _kolom(berlaku) if berlaku is not None else [None] * len(n)
    k = _kolom(kode) if kode is not None else [None] * len(n)
    a = _kolom(aspek) if aspek is not None else [None] * len(n)
    if not (len(b) == len(k) == len(a) == len(n)):
        raise ArgumenTidakValid("semua rentang harus sama panjang")
    masuk, indikator = [], []
    for i, (ni, wi, bi, ki, ai) in enumerate(zip(n, w, b, k, a, strict=True)):
        bobot_i = _angka(wi, "bobot")
        if bobot_i is None:  # a row without a weight is not an IKPA indicator (spare row)
            continue
        kode_i = str(ki) if not _kosong(ki) else f"baris{i}"
        masuk.append(KomponenMasukan(kode_i, _angka(ni, "nilai"), _berlaku(bi)))
        indikator.append(IndikatorIkpa(kode_i, kode_i, "" if _kosong(ai) else str(ai).strip().lower(), bobot_i))
    return masuk, indikator


@xw.func(category=KATEGORI)
@xw.arg("nilai", doc="Rentang nilai indikator IKPA (dari OM-SPAN).")
@xw.arg("bobot", doc="Rentang bobot indikator; baris tanpa bobot dilewati.")
@xw.arg("berlaku", doc="Rentang Ya/Tidak: indikator yang tidak berlaku tidak dihitung.")
@xw.arg("aturan", doc="Aturan IKPA: 2021, 2022, atau 2024 (2024: dispensasi sebagai pengurang).")
@xw.arg("pengurang", doc="Pengurang dispensasi SPM (aturan 2024+).")
@xw.arg("urutan", doc="setelah (bawaan) atau sebelum dibagi konversi bobot.")
@xw.arg("daftar_aturan", doc="Tabel aturan IKPA buku kerja (kode, nama, dispensasi), mis. Data_RefAturanIkpa.")
@_aman
def LAKIP_IKPA(nilai, bobot, berlaku=None, aturan=None, pengurang=None, urutan="setelah", daftar_aturan=None):
    """Nilai akhir IKPA: jumlah nilai x bobot / 100 dibagi konversi bobot; kosong bila ada indikator berlaku yang belum bernilai."""
    masuk, indikator = _komponen(nilai, bobot, berlaku)
    mode = "bobot"
    if not _kosong(aturan):
        kode = str(int(aturan)) if isinstance(aturan, float) else str(aturan).strip()
        mode = _mode_dispensasi(kode, daftar_aturan)
    a = AturanIkpa("udf", "udf", mode, tuple(indikator))
    h = hitung_ikpa(masuk, a, pengurang=_angka(pengurang, "pengurang"), urutan_pengurang=str(urutan or "setelah"))
    return _hasil(h.nilai_akhir)


@xw.func(category=KATEGORI)
@xw.arg("nilai", doc="Rentang nilai indikator IKPA.")
@xw.arg("bobot", doc="Rentang bobot indikator.")
@xw.arg("aspek", doc="Rentang aspek tiap indikator (perencanaan, pelaksanaan, hasil).")
@xw.arg("nama_aspek", doc="Aspek yang dihitung: perencanaan, pelaksanaan, atau hasil.")
@xw.arg("berlaku", doc="Rentang Ya/Tidak.")
@xw.arg("kode", doc="Rentang kode indikator.")
@xw.arg("metode", doc="rata_sederhana (bawaan, seperti OM-SPAN) atau tertimbang.")
@_aman
def LAKIP_ASPEK_IKPA(nilai, bobot, aspek, nama_aspek, berlaku=None, kode=None, metode="rata_sederhana"):
    """Nilai satu aspek IKPA: rata-rata sederhana (seperti OM-SPAN) atau tertimbang nilai indikator aspek itu yang berlaku."""
    target = str(nama_aspek).strip().lower()
    if target not in ("perencanaan", "pelaksanaan", "hasil"):
        raise ArgumenTidakValid("nama_aspek harus perencanaan, pelaksanaan, atau hasil")
    cara = "rata_sederhana" if _kosong(metode) else str(metode).strip().lower()
    cara = METODE_ASPEK_LAMA.get(cara, cara)
    if cara not in METODE_ASPEK:
        raise ArgumenTidakValid("metode harus rata_sederhana atau tertimbang")
    masuk, indikator = _komponen(nilai, bobot, berlaku, kode, aspek)
    a = AturanIkpa("udf", "udf", "bobot", tuple(indikator))
    h = hitung_ikpa(masuk, a, metode_aspek=cara)
    return _hasil(h.aspek[target])


def _mode_dispensasi(kode: str, daftar_aturan: Any) -> str:
    """How rule set ``kode`` treats Dispensasi SPM: from the workbook's rule table when given
    (rows of kode, nama, dispensasi), else from the shipped rules."""
    if daftar_aturan is None:
        try:
            return aturan_bawaan().set_ikpa(kode).dispensasi
        except KeyError:
            raise ArgumenTidakValid(f"aturan IKPA {kode} tidak dikenal") from None
    for baris in _baris(daftar_aturan, 3, "daftar_aturan"):
        k = baris[0]
        if not _kosong(k) and (str(int(k)) if isinstance(k, float) else str(k).strip()) == kode:
            mode = str(baris[2] or "").strip().lower()
            if mode not in ("bobot", "pengurang"):
                raise ArgumenTidakValid(f"dispensasi aturan {kode} harus bobot atau pengurang")
            return mode
    raise ArgumenTidakValid(f"aturan IKPA {kode} tidak ada di daftar_aturan")


def _baris(x: Any, lebar: int, nama: str) -> list[list[Any]]:
    """A table argument as rows of at least ``lebar`` cells."""
    rows = x if isinstance(x, (list, tuple)) and x and isinstance(x[0], (list, tuple)) else [x]
    if any(len(r) < lebar for r in rows):
        raise ArgumenTidakValid(f"{nama} harus berisi {lebar} kolom")
    return [list(r) for r in rows]


@xw.func(category=KATEGORI)
@xw.arg("penyerapan", doc="Penyerapan anggaran (P), persen.")
@xw.arg("konsistensi", doc="Konsistensi penyerapan terhadap perencanaan (K).")
@xw.arg("capaian_output", doc="Capaian output (CRO).")
@xw.arg("efisiensi", doc="Nilai efisiensi (NE) seperti di SMART.")
@xw.arg("bobot", doc="Empat bobot (P, K, CRO, NE) dalam persen, mis. dari lembar Referensi; kosong: bobot bawaan.")
@_aman
def LAKIP_NKA(penyerapan, konsistensi, capaian_output, efisiensi, bobot=None):
    """Nilai Kinerja Anggaran SMART dengan bobot lembar Referensi (bawaan PMK 22/2021: 9,7% P + 18,2% K + 43,5% CRO + 28,6% NE)."""
    if bobot is None:
        w = aturan_bawaan().bobot_nka
    else:
        b = [_angka(x, "bobot") for x in _kolom(bobot)]
        if len(b) != 4 or any(x is None for x in b):
            raise ArgumenTidakValid("bobot harus berisi empat angka: P, K, CRO, NE")
        w = BobotNka(*(float(x) for x in b if x is not None))
    return _hasil(
        hitung_nka(
            _angka(penyerapan, "penyerapan"),
            _angka(konsistensi, "konsistensi"),
            _angka(capaian_output, "capaian_output"),
            _angka(efisiensi, "efisiensi"),
            w,
        )
    )


def _pita_bawaan(jenis: str) -> tuple[tuple[Pita, ...], Callable[[float | None, tuple[Pita, ...]], str | None]]:
    a = aturan_bawaan()
    if jenis == "ikpa":
        return a.predikat_ikpa, pita_ge
    if jenis in ("nka", "smart"):
        return a.predikat_nka, pita_gt
    if jenis == "sakip":
        return a.predikat_sakip, pita_gt
    raise ArgumenTidakValid("jenis harus ikpa, nka, atau sakip")


@xw.func(category=KATEGORI)
@xw.arg("nilai", doc="Nilai yang diberi predikat.")
@xw.arg("jenis", doc="ikpa, nka, atau sakip.")
@xw.arg("pita", doc="Tabel predikat buku kerja (batas, predikat), mis. Data_RefPredikatIkpa; kosong: pita bawaan.")
@_aman
def LAKIP_PREDIKAT(nilai, jenis="ikpa", pita=None):
    """Predikat nilai IKPA (nilai >= batas), NKA atau SAKIP (nilai > batas) menurut tabel pita (nilai tampilan, 2 desimal)."""
    bawaan, cocok = _pita_bawaan(str(jenis).strip().lower())
    if pita is not None:
        rows = [r for r in _baris(pita, 2, "pita") if not (_kosong(r[0]) and _kosong(r[1]))]
        if not rows or not _kosong(rows[-1][0]):
            raise ArgumenTidakValid("baris terakhir pita harus tanpa batas")
        bawaan = tuple(Pita(_angka(r[0], "batas"), str(r[1]).strip()) for r in rows)
    return cocok(_angka(nilai, "nilai"), bawaan) or ""


@xw.func(category=KATEGORI)
@xw.arg("angka", doc="Jumlah rupiah (bilangan bulat).")
@xw.arg("satuan", doc="Kata di belakang (bawaan: rupiah).")
@_aman
def LAKIP_TERBILANG(angka, satuan="rupiah"):
    """Angka dalam huruf (ejaan resmi 'miliar'), misalnya 'empat miliar ... rupiah'."""
    x = _angka(angka, "angka")
    if x is None:
        return ""
    if not float(x).is_integer():
        raise ArgumenTidakValid("terbilang hanya untuk bilangan bulat")
    return terbilang(int(x), "" if satuan is None else str(satuan))


@xw.func(category=KATEGORI)
@xw.arg("teks", doc="Angka sebagai teks: 'Rp. 1.147.335.000', '3,25', '97,14 %'.")
@_aman
def LAKIP_ANGKA(teks):
    """Membaca angka yang ditulis sebagai teks format Indonesia menjadi angka."""
    if _kosong(teks):
        return ""
    return parse_angka(teks)


def semua_udf() -> Iterable[str]:
    return [n for n in globals() if n.startswith("LAKIP_")]
