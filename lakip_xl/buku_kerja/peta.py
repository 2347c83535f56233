"""Where a model path lives in the workbook (``Sheet!Cell``), for findings and hyperlinks."""

from __future__ import annotations

from ..model import Lakip
from ..validasi.temuan import Jalur
from . import skema as S

# Path prefix of a nested object -> (table, data row index).
Peta = dict[tuple[str | int, ...], tuple[str, int]]

_BLOK_KUNCI = {s.kunci: s.nama for b in S.BLOK for s in b.sel}
_REALISASI = {"realisasi_tw", "realisasi", "capaian_dinyatakan"}


def peta_dari_model(lakip: Lakip) -> Peta:
    """Rows of every list item as the builder writes them (hierarchy flattened in model order)."""
    peta: Peta = {}
    for i in range(len(lakip.wilayah)):
        peta[("wilayah", i)] = ("Wilayah", i)
    for i in range(len(lakip.indikator)):
        peta[("indikator", i)] = ("Indikator", i)
    for nama, tabel in (("jenis_belanja", "JenisBelanja"), ("sumber_dana", "SumberDana")):
        for i in range(len(getattr(lakip.anggaran, nama))):
            peta[("anggaran", nama, i)] = (tabel, i)
    for i in range(len(lakip.ikpa.komponen)):
        peta[("ikpa", "komponen", i)] = ("IkpaKomponen", i)
    for i in range(len(lakip.ikpa.disebut)):
        peta[("ikpa", "disebut", i)] = ("IkpaDisebut", i)
    for i in range(len(lakip.prestasi)):
        peta[("prestasi", i)] = ("Prestasi", i)
    for i in range(len(lakip.inovasi)):
        peta[("inovasi", i)] = ("Inovasi", i)
    ki = oi = 0
    for pi, p in enumerate(lakip.anggaran.program):
        peta[("anggaran", "program", pi)] = ("Program", pi)
        for kj, k in enumerate(p.kegiatan):
            peta[("anggaran", "program", pi, "kegiatan", kj)] = ("Kegiatan", ki)
            ki += 1
            for oj, _ in enumerate(k.output):
                peta[("anggaran", "program", pi, "kegiatan", kj, "output", oj)] = ("Output", oi)
                oi += 1
    return peta


def _sel_tabel(tata: S.Tata, tabel: str, i: int, kolom: str) -> tuple[str, str] | None:
    p = tata.posisi.get(tabel)
    if p is None:
        return None
    try:
        return p.tabel.lembar, p.sel(kolom, i)
    except ValueError:
        return p.tabel.lembar, p.sel(p.tabel.kolom[0].kunci, i)


def _sel_nama(tata: S.Tata, nama: str) -> tuple[str, str] | None:
    if nama not in tata.sel:
        return None
    lembar, row, col = tata.sel[nama]
    from xlsxwriter.utility import xl_rowcol_to_cell

    return lembar, xl_rowcol_to_cell(row, col)


def lokasi_sel(jalur: Jalur, tata: S.Tata, peta: Peta) -> tuple[str, str] | None:
    """``(sheet, cell)`` for a finding's model path, or ``None`` when it has no cell."""
    if not jalur:
        return None
    for n in range(len(jalur), 0, -1):  # list items: the longest known prefix wins
        if jalur[:n] in peta:
            tabel, i = peta[jalur[:n]]
            rest = jalur[n:]
            f = str(rest[0]) if rest else "kode"
            if f in ("target_tw", "realisasi_tw"):
                f = f"{f}.{rest[1] if len(rest) > 1 else 0}"
            if tabel == "Indikator" and f.split(".")[0] in _REALISASI:
                tabel = "Realisasi"
            return _sel_tabel(tata, tabel, i, f)
    if len(jalur) >= 2 and isinstance(jalur[1], str):
        kunci = f"{jalur[0]}.{jalur[1]}"
        if kunci in _BLOK_KUNCI:
            return _sel_nama(tata, _BLOK_KUNCI[kunci])
    tabel_daftar = {
        ("anggaran", "jenis_belanja"): "JenisBelanja",
        ("anggaran", "sumber_dana"): "SumberDana",
        ("anggaran", "program"): "Program",
        ("ikpa", "komponen"): "IkpaKomponen",
        ("ikpa", "disebut"): "IkpaDisebut",
        ("indikator",): "Indikator",
        ("wilayah",): "Wilayah",
    }
    for prefix, tabel in tabel_daftar.items():
        if tuple(jalur[: len(prefix)]) == prefix:
            p = tata.posisi[tabel]
            return p.tabel.lembar, p.sel(p.tabel.kolom[0].kunci, 0)
    return None
