"""What every formula cell of the workbook must show, computed by the Python engine.

The builder writes these as the formulas' cached results (so a viewer that does not
recalculate still shows the right numbers) and the tests compare LibreOffice's recalculated
values with them. ``None`` stands for a formula that shows a blank (``""``).

Which result each formula cell must equal is declared in the schema (``Sel.hasil``,
``Total.hasil``, ``Ikatan.hasil`` with ``Kolom.jalur_hasil``): a dotted path from this object,
whose attributes are ``hasil`` (the compute result), ``lakip`` and ``baris_ikpa`` (the IKPA
component rows as the workbook lists them). This module only follows those paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..compute.aturan import Aturan
from ..compute.hasil import Hasil
from ..compute.skor import bobot_dan_tertimbang
from ..model import Lakip
from . import skema as S


@dataclass
class Mesin:
    lakip: Lakip
    hasil: Hasil
    aturan: Aturan

    def nilai(self, jalur: str) -> Any:
        """Follow a dotted path of attributes and dict keys; a blank on the way gives blank."""
        x: Any = self
        for bagian in jalur.split("."):
            if x is None:
                return None
            x = x[bagian] if isinstance(x, dict) else getattr(x, bagian)
        return None if x == "" else x

    def tabel(self, tabel: str, kolom: str, i: int) -> Any:
        """What the formula in column ``kolom`` of row ``i`` of ``tabel`` must show."""
        k = _TABEL[tabel].kol(kolom)
        jalur = _HASIL_TABEL.get(tabel)
        if k.jenis != "rumus" or jalur is None:
            raise KeyError(f"tidak ada nilai mesin untuk {tabel}.{kolom}")
        baris = self.nilai(jalur)
        if baris is None or i >= len(baris) or baris[i] is None:
            return k.kosong
        b = baris[i]
        x = b[k.jalur_hasil] if isinstance(b, dict) else getattr(b, k.jalur_hasil)
        return None if x == "" else x

    def nama(self, nama: str) -> Any:
        """What the formula in the single cell named ``nama`` must show."""
        return self.nilai(_HASIL_NAMA[nama])

    @cached_property
    def baris_ikpa(self) -> list[dict[str, Any] | None]:
        """The IKPA component table row by row, helper columns included (``None``: no code)."""
        semua = {x.kode: x for xs in self.aturan.ikpa for x in xs.indikator}
        try:
            berlaku = {x.kode: x for x in self.aturan.set_ikpa(self.hasil.aturan_ikpa).indikator}
        except KeyError:
            berlaku = {}
        out: list[dict[str, Any] | None] = []
        for c in self.lakip.ikpa.komponen:
            if not c.kode:
                out.append(None)
                continue
            ind, dikenal = berlaku.get(c.kode), semua.get(c.kode)
            bobot, tertimbang = (
                (None, None) if ind is None else bobot_dan_tertimbang(ind.bobot, c.bobot, c.nilai, c.berlaku)
            )
            out.append(
                {
                    "kode_baku": c.kode if dikenal else "(tidak dikenal)",
                    "aspek": dikenal.aspek if dikenal else None,
                    "dalam_aturan": 1 if ind is not None else 0,
                    "bobot_baku": None if ind is None else ind.bobot,
                    "bobot_dipakai": bobot,
                    "nilai_tertimbang": tertimbang,
                    "bobot_berlaku": bobot if tertimbang is not None else None,
                    "terisi": 1 if ind is not None and (not c.berlaku or c.nilai is not None) else 0,
                    "ikut_aspek": 1 if tertimbang is not None else 0,
                }
            )
        return out

    @cached_property
    def baris_renstra(self) -> list[dict[str, Any] | None]:
        """The Renstra table row by row: the indicator's name its code finds on Indikator."""
        nama: dict[str, str] = {}
        for ind in self.lakip.indikator:
            nama.setdefault(ind.kode, ind.nama)
        return [
            {"nama": nama.get(r.indikator, "(kode tidak ada di lembar Indikator)") if r.indikator else None}
            for r in self.lakip.renstra
        ]

    @cached_property
    def cek(self) -> dict[str, int]:
        """The native checks (``skema.CEK``), counted the way their formulas count them."""
        h, a, l_ = self.hasil, self.hasil.anggaran, self.lakip

        def lebih(pagu: Any, real: Any) -> int:
            return int(_angka(pagu) and _angka(real) and real > pagu)

        def beda(x: Any, y: Any, *syarat: bool) -> int:
            return int(_angka(x) and _angka(y) and all(syarat) and x != y)

        def total_kegiatan(apa: str, dinyatakan: Any, program: Any) -> int:
            nilai = [getattr(k, apa) for k in a.per_kegiatan if _angka(getattr(k, apa))]
            if not _angka(dinyatakan) or not nilai:
                return 0
            return int(sum(nilai) != dinyatakan and (not _angka(program) or sum(nilai) != program))

        lebih_pagu = (
            sum(lebih(o.pagu, o.realisasi) for o in h.output)
            + sum(lebih(k.pagu, k.realisasi) for k in (*a.per_kro, *a.per_kegiatan, *a.per_program))
            + sum(lebih(p.pembanding_pagu, p.pembanding_realisasi) for p in l_.anggaran.program)
            + sum(lebih(r.pagu, r.realisasi) for r in (*a.per_jenis, *a.per_sumber))
            + lebih(a.pagu, a.realisasi)
        )
        ag = l_.anggaran
        pk: list[int] = [p.pagu_pk for p in ag.program if p.pagu_pk is not None and _angka(p.pagu_pk)]
        rincian = (
            sum(
                beda(getattr(k, apa), getattr(k, f"{apa}_rincian"))
                for k in (*a.per_program, *a.per_kegiatan, *a.per_kro)
                for apa in ("pagu", "realisasi")
            )
            # The DIPA figures as typed (the effective ones equal them when typed).
            + beda(ag.total_pagu_dinyatakan, a.pagu_rincian)
            + beda(ag.total_realisasi_dinyatakan, a.realisasi_rincian)
            + total_kegiatan("pagu", ag.total_pagu_dinyatakan, a.pagu_rincian)
            + total_kegiatan("realisasi", ag.total_realisasi_dinyatakan, a.realisasi_rincian)
            + int(_angka(ag.alokasi_pk_dinyatakan) and bool(pk) and sum(pk) != ag.alokasi_pk_dinyatakan)
        )
        ada = {t: _ada(self.isi.get(t, []), t) for t in ("Program", "JenisBelanja", "SumberDana")}
        total = sum(
            beda(x, y, ada[tx], ada[ty])
            for apa in ("pagu", "realisasi")
            for (x, tx), (y, ty) in (
                ((getattr(a, apa), "Program"), (getattr(a.jenis, apa), "JenisBelanja")),
                ((getattr(a, apa), "Program"), (getattr(a.sumber, apa), "SumberDana")),
                ((getattr(a.jenis, apa), "JenisBelanja"), (getattr(a.sumber, apa), "SumberDana")),
            )
        ) + beda(ag.alokasi_pk_dinyatakan, a.pagu)
        tanpa_target = sum(_angka(i.realisasi) and not _angka(i.capaian) for i in h.indikator) + sum(
            _angka(o.volume_realisasi) and not _angka(o.capaian_volume) for o in h.output
        )
        hasil = {"lebih_pagu": lebih_pagu, "rincian": rincian, "total": total, "tanpa_target": int(tanpa_target)}
        hasil["jumlah"] = sum(hasil.values())
        return hasil

    @cached_property
    def isi(self) -> dict[str, list[Any]]:
        from .ikatan import isi_tabel

        return isi_tabel(self.lakip)


def _angka(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _ada(rows: list[Any], tabel: str) -> bool:
    """Whether any input cell of the table's rows would hold something (``skema._ada``)."""
    from .tulis import _nilai_model

    kolom = [k.kunci for k in _TABEL[tabel].kolom if k.jenis == "input"]
    for obj in rows:
        for k in kolom:
            try:
                v = _nilai_model(obj, k)
            except (AttributeError, KeyError, IndexError):
                continue
            if v is not None and v != "":
                return True
    return False


_TABEL = {t.kunci: t for t in S.TABEL}
_HASIL_TABEL = S.hasil_tabel()
_HASIL_NAMA = S.hasil_nama()


def mesin(lakip: Lakip, hasil: Hasil, aturan: Aturan) -> Mesin:
    return Mesin(lakip, hasil, aturan)
