"""pandas DataFrames for analysts: the regional rekap and the OM-SPAN IKPA checks.

    from lakip_xl.analisis import rekap, periksa_ikpa

    r = rekap(["kiriman/"], jobs=2)
    r.satker          # one row per satker, as on the Rekap sheet (ranked by IKPA)
    r.temuan          # one row per finding and per file note, as on the Temuan sheet
    periksa_ikpa(["ikpa_2024.xlsx"])   # one row per OM-SPAN row, recomputed beside what it states

pandas is imported here only; no command of the CLI imports this module, so none pays for it.
Install it with ``pip install 'lakip-xl[analisis]'``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .compute.aturan import Aturan
    from .omspan import HasilPeriksa
    from .rekap import HasilRekap


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        from .galat import LakipGalat

        raise LakipGalat(
            "Fitur analisis memerlukan pandas: pasang dengan pip install 'lakip-xl[analisis]', lalu ulangi."
        ) from None
    return pd


@dataclass
class RekapTabel:
    """The rekap as two DataFrames: ``satker`` (the Rekap sheet's rows) and ``temuan`` (the
    Temuan sheet's rows: file notes first, with ``kode`` ``"BERKAS"``, then each unit's findings)."""

    satker: pd.DataFrame
    temuan: pd.DataFrame
    jumlah_berkas: int


# Columns of the satker table, in the Rekap sheet's order (the IKU columns go after "tahun").
KOLOM_SATKER = ("peringkat_ikpa", "kode_satker", "nama", "periode", "tahun")
KOLOM_SATKER_AKHIR = ("rata_rata_iku", "pagu", "realisasi", "penyerapan", "ikpa", "predikat_ikpa", "nka",
                      "predikat_nka", "galat", "peringatan", "berkas")  # fmt: skip
KOLOM_TEMUAN = ("berkas", "kode_satker", "nama", "tingkat", "kode", "lokasi", "pesan")


def rekap(folder: str | Path | Iterable[str | Path], jobs: int | None = None) -> RekapTabel:
    """Read, check and summarise every unit under the folders (as ``lakip-xl rekap`` does,
    without writing a workbook) and return the result as DataFrames."""
    from .rekap import rekap as jalankan_rekap

    akar = [Path(folder)] if isinstance(folder, (str, Path)) else [Path(f) for f in folder]
    return dari_hasil(jalankan_rekap(akar, jobs=jobs), akar)


def dari_hasil(h: HasilRekap, akar: Sequence[str | Path]) -> RekapTabel:
    """DataFrames of a rekap already run (``lakip_xl.rekap.rekap``); ``akar`` are the folders
    it was given (file names are shown relative to them, as in the workbook)."""
    from .rekap import NamaRelatif, kode_iku
    from .rekap.tulis import _rata_baris, peringkat, urut

    pd = _pandas()
    nama = NamaRelatif([Path(a) for a in akar])
    unit = urut(h.unit)
    iku = kode_iku(unit)
    rank = peringkat(unit)
    baris = []
    for u in unit:
        b: dict[str, Any] = {
            "peringkat_ikpa": rank(u.ikpa), "kode_satker": u.kode_satker, "nama": u.nama, "periode": u.periode,
            "tahun": u.tahun,
        }  # fmt: skip
        b.update({f"capaian_{k}": u.iku.get(k) for k in iku})
        b.update(
            rata_rata_iku=_rata_baris(u, iku), pagu=u.pagu, realisasi=u.realisasi, penyerapan=u.penyerapan,
            ikpa=u.ikpa, predikat_ikpa=u.predikat_ikpa, nka=u.nka, predikat_nka=u.predikat_nka, galat=u.galat,
            peringatan=u.peringatan, berkas=nama(u.berkas),
        )  # fmt: skip
        baris.append(b)
    kolom = [*KOLOM_SATKER, *(f"capaian_{k}" for k in iku), *KOLOM_SATKER_AKHIR]
    satker = pd.DataFrame(baris, columns=kolom)
    for k in ("peringkat_ikpa", "tahun", "pagu", "realisasi", "galat", "peringatan"):
        satker[k] = satker[k].astype("Int64")  # whole numbers that may be blank
    temuan: list[tuple[str, ...]] = [(nama(m.berkas), "", "", m.tingkat, "BERKAS", "", m.alasan) for m in h.masalah]
    for u in unit:
        temuan += [(nama(u.berkas), u.kode_satker, u.nama, *t) for t in u.temuan]
    return RekapTabel(satker, pd.DataFrame(temuan, columns=list(KOLOM_TEMUAN)), h.jumlah_berkas)


def periksa_ikpa(paths: Sequence[str | Path], aturan: Aturan | None = None) -> pd.DataFrame:
    """Every row of the OM-SPAN IKPA tables recomputed (as ``lakip-xl periksa-ikpa``), one
    DataFrame row per table row: the figures computed beside the figures stated
    (``*_dihitung`` / ``*_dinyatakan``, rounded to 0,01 as OM-SPAN shows them), ``cocok`` and
    the keys that differ beyond 0,01 (``selisih``)."""
    from .compute.aturan import aturan_bawaan
    from .omspan import periksa

    pd = _pandas()
    hasil = periksa(list(paths), aturan or aturan_bawaan())
    return pd.DataFrame([_baris_periksa(h) for h in hasil], columns=_kolom_periksa())


def _kolom_periksa() -> list[str]:
    from .compute.aturan import ASPEK_IKPA

    angka = [*(f"aspek_{a}" for a in ASPEK_IKPA), "nilai_total", "konversi_bobot", "nilai_akhir"]
    return [
        "berkas", "baris", "kode_satker", "nama_satker", "tahun", "bulan", "aturan", "tidak_berlaku",
        *(f"{k}_{s}" for k in angka for s in ("dihitung", "dinyatakan")), "pengurang_dispensasi",
        "predikat_dihitung", "cocok", "selisih",
    ]  # fmt: skip


def _baris_periksa(h: HasilPeriksa) -> dict[str, Any]:
    b, dihitung, dinyatakan = h.baris, h.dihitung(), h.dinyatakan()
    out: dict[str, Any] = {
        "berkas": b.berkas, "baris": b.baris, "kode_satker": b.kode_satker, "nama_satker": b.nama_satker,
        "tahun": b.tahun, "bulan": b.bulan, "aturan": h.aturan, "tidak_berlaku": ", ".join(h.tidak_berlaku),
    }  # fmt: skip
    for a, v in dihitung["aspek"].items():
        out[f"aspek_{a}_dihitung"], out[f"aspek_{a}_dinyatakan"] = v, dinyatakan["aspek"].get(a)
    for k in ("nilai_total", "konversi_bobot", "nilai_akhir"):
        out[f"{k}_dihitung"], out[f"{k}_dinyatakan"] = dihitung[k], dinyatakan[k]
    out.update(
        pengurang_dispensasi=b.pengurang, predikat_dihitung=dihitung["predikat"], cocok=h.cocok,
        selisih=", ".join(s.kunci for s in h.selisih),
    )  # fmt: skip
    return out
