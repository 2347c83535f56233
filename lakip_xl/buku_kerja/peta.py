"""Where a model path lives in the workbook (``Sheet!Cell``), for findings and hyperlinks."""

from __future__ import annotations

from ..validasi.temuan import Jalur
from . import skema as S
from .ikatan import Peta, pendamping, peta_dari_model, tabel_daftar

__all__ = ["Peta", "lokasi_sel", "peta_dari_model"]

_BLOK_KUNCI = {s.kunci: s.nama for b in S.BLOK for s in b.sel}
_TABEL = {t.kunci: t for t in S.TABEL}


def _tabel_kolom(tabel: str, kolom: str) -> str:
    """The table that shows ``kolom`` of ``tabel``'s rows: the table itself or a companion."""
    for t in (tabel, *pendamping(tabel)):
        if any(k.kunci.split(".")[0] == kolom for k in _TABEL[t].kolom):
            return t
    return tabel


def _sel_tabel(tata: S.Tata, tabel: str, i: int, kolom: str) -> tuple[str, str] | None:
    p = tata.posisi.get(tabel)
    if p is None:
        return None
    try:
        return p.lembar, p.sel(kolom, i)
    except ValueError:
        return p.lembar, p.sel(p.tabel.kolom[0].kunci, i)


def _sel_nama(tata: S.Tata, nama: str) -> tuple[str, str] | None:
    if nama not in tata.sel:
        return None
    lembar, row, col = tata.sel[nama]
    from xlsxwriter.utility import xl_rowcol_to_cell

    return lembar, xl_rowcol_to_cell(row, col)


def lokasi_sel(
    jalur: Jalur, tata: S.Tata, peta: Peta, pasangan: dict[tuple[str, int], int] | None = None
) -> tuple[str, str] | None:
    """``(sheet, cell)`` for a finding's model path, or ``None`` when it has no cell.

    ``pasangan``: which companion row a read workbook matched to each primary row (by code);
    without it (a freshly written workbook) companion rows are in the same order."""
    if not jalur:
        return None
    for n in range(len(jalur), 0, -1):  # list items: the longest known prefix wins
        if jalur[:n] in peta:
            tabel, i = peta[jalur[:n]]
            rest = jalur[n:]
            f = str(rest[0]) if rest else "kode"
            if f in ("target_tw", "realisasi_tw"):
                f = f"{f}.{rest[1] if len(rest) > 1 else 0}"
            lain = _tabel_kolom(tabel, f.split(".")[0])
            if lain != tabel and pasangan is not None:
                if (lain, i) not in pasangan:  # no companion row: point at the item's own row
                    return _sel_tabel(tata, tabel, i, "kode")
                i = pasangan[(lain, i)]
            return _sel_tabel(tata, lain, i, f)
    if len(jalur) >= 2 and isinstance(jalur[1], str):
        kunci = f"{jalur[0]}.{jalur[1]}"
        if kunci in _BLOK_KUNCI:
            return _sel_nama(tata, _BLOK_KUNCI[kunci])
    for prefix, tabel in tabel_daftar().items():
        if tuple(jalur[: len(prefix)]) == prefix:
            q = tata.posisi.get(tabel)
            return (q.lembar, q.sel(q.tabel.kolom[0].kunci, 0)) if q is not None else None
    return None
