"""The table <-> model binding, derived from ``skema.IKATAN``: which model item fills which
row, for the writer (rows in order), the cell map (model path -> row) and the reader (rows
back into model lists, children attached to their parent by code)."""

from __future__ import annotations

from typing import Any

from ..model import Lakip
from ..validasi.temuan import Jalur
from . import skema as S

# Path prefix of a list item in the model -> (table, data row index).
Peta = dict[tuple[str | int, ...], tuple[str, int]]
# One bound row: the item's model path, the item, the parent columns the row shows (hierarchy
# levels only: ``{"kegiatan": "4262", "kro": "QAH"}`` for an RO).
Baris = tuple[Jalur, Any, dict[str, Any]]

IKATAN = {ik.tabel: ik for ik in S.IKATAN}


def ambil(obj: Any, jalur: tuple[str, ...]) -> list[Any]:
    for bagian in jalur:
        obj = obj[bagian] if isinstance(obj, dict) else getattr(obj, bagian)
    return list(obj or [])


def kunci_baris(ik: S.Ikatan, item: Any, kolom_induk: dict[str, Any]) -> tuple[Any, ...]:
    """The values that identify a row for its children (``Ikatan.kunci``)."""
    return tuple(kolom_induk[k] if k in kolom_induk else getattr(item, k) for k in ik.kunci)


def baris_model(lakip: Lakip) -> dict[str, list[Baris]]:
    """Every bound table's rows in row order (hierarchy flattened in model order)."""
    rows: dict[str, list[Baris]] = {}
    for ik in S.IKATAN:
        if ik.pendamping is not None:
            rows[ik.tabel] = rows[ik.pendamping]
        elif ik.urutan is not None:
            # Rows in the sheet's order (prefilled rows included); a model item keeps its path.
            pemilik: Any = lakip
            for bagian in ik.jalur[:-1]:
                pemilik = getattr(pemilik, bagian)
            indeks = {id(x): i for i, x in enumerate(ambil(lakip, ik.jalur))}
            rows[ik.tabel] = [
                ((*ik.jalur, indeks[id(x)]) if id(x) in indeks else (*ik.jalur, "baru", j), x, {})
                for j, x in enumerate(ik.urutan(pemilik))
            ]
        elif ik.induk is None:
            rows[ik.tabel] = [((*ik.jalur, i), x, {}) for i, x in enumerate(ambil(lakip, ik.jalur))]
        else:
            ik_induk = IKATAN[ik.induk]
            rows[ik.tabel] = [
                (
                    (*jalur, *ik.jalur, j),
                    anak,
                    dict(zip(ik.kolom_induk, kunci_baris(ik_induk, induk, kolom), strict=True)),
                )
                for jalur, induk, kolom in rows[ik.induk]
                for j, anak in enumerate(ambil(induk, ik.jalur))
            ]
    return rows


def isi_tabel(lakip: Lakip) -> dict[str, list[Any]]:
    """The objects the writer puts in each bound table's rows; a hierarchy row also carries
    its parent's code in the parent column."""
    isi: dict[str, list[Any]] = {}
    for tabel, rows in baris_model(lakip).items():
        ik = IKATAN[tabel]
        if not ik.kolom_induk:
            isi[tabel] = [x for _, x, _ in rows]
        else:
            isi[tabel] = [dict(vars(x), **kolom) for _, x, kolom in rows]
    return isi


def peta_dari_model(lakip: Lakip) -> Peta:
    """Model path of every list item -> the row the writer gives it."""
    return {
        jalur: (tabel, i)
        for tabel, rows in baris_model(lakip).items()
        if IKATAN[tabel].pendamping is None
        for i, (jalur, _, _) in enumerate(rows)
    }


def tabel_daftar() -> dict[tuple[str, ...], str]:
    """Model path of every top-level list -> its table (a finding about the list as a whole
    points at the table's first cell)."""
    return {ik.jalur: ik.tabel for ik in S.IKATAN if ik.induk is None and ik.pendamping is None}


def pendamping(tabel: str) -> list[str]:
    """Tables that show more columns of ``tabel``'s rows."""
    return [ik.tabel for ik in S.IKATAN if ik.pendamping == tabel]
