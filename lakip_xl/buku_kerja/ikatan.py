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
# One bound row: the item's model path, the item, the parent's code (hierarchy levels only).
Baris = tuple[Jalur, Any, str | None]

IKATAN = {ik.tabel: ik for ik in S.IKATAN}


def ambil(obj: Any, jalur: tuple[str, ...]) -> list[Any]:
    for bagian in jalur:
        obj = obj[bagian] if isinstance(obj, dict) else getattr(obj, bagian)
    return list(obj or [])


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
                ((*ik.jalur, indeks[id(x)]) if id(x) in indeks else (*ik.jalur, "baru", j), x, None)
                for j, x in enumerate(ik.urutan(pemilik))
            ]
        elif ik.induk is None:
            rows[ik.tabel] = [((*ik.jalur, i), x, None) for i, x in enumerate(ambil(lakip, ik.jalur))]
        else:
            rows[ik.tabel] = [
                ((*jalur, *ik.jalur, j), anak, induk.kode)
                for jalur, induk, _ in rows[ik.induk]
                for j, anak in enumerate(ambil(induk, ik.jalur))
            ]
    return rows


def isi_tabel(lakip: Lakip) -> dict[str, list[Any]]:
    """The objects the writer puts in each bound table's rows; a hierarchy row also carries
    its parent's code in the parent column."""
    isi: dict[str, list[Any]] = {}
    for tabel, rows in baris_model(lakip).items():
        ik = IKATAN[tabel]
        if ik.kolom_induk is None:
            isi[tabel] = [x for _, x, _ in rows]
        else:
            isi[tabel] = [dict(vars(x), **{ik.kolom_induk: kode}) for _, x, kode in rows]
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
