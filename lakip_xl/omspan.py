"""OM-SPAN IKPA tables: read them, recompute every row with the rule set of its year, and
fill a unit's IKPA section from one of their rows.

Two layouts are read, columns found by their headers:

- the flat table, one row per satker, header in row 1 (sheet ``Data IKPA`` of the files a KPPN
  dashboard saved from the monthly export; ``docs/omspan.md``). Its TA 2022-2023 files carry a
  known shift: the export had one more indicator column (Dispensasi SPM) that the dashboard did
  not expect, so from ``Kualitas Hasil ...`` on the cells sit one column to the right of their
  headers. The shift is detected from the percent string that marks the Konversi Bobot column,
  never from the header names;
- OM-SPAN's own export: title rows, header rows, then four rows per satker (Nilai, Bobot,
  Nilai Akhir, Nilai Aspek).

Which indicators applied is not exported: an indicator that does not apply is exported as 0
and left out of Konversi Bobot, and a 0 can also be a real score. It is derived from Konversi
Bobot (:func:`tentukan_berlaku`).
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compute.angka import AngkaTidakValid, bulat, konversi_persen, parse_angka
from .compute.aturan import ASPEK_IKPA, Aturan, AturanIkpa
from .compute.skor import HasilIkpa, KomponenMasukan, hitung_ikpa
from .galat import BerkasTidakValid, LakipGalat
from .model import KomponenIkpa, Lakip

TOLERANSI = 0.01  # OM-SPAN computes from unrounded indicator values: +-0,01 after rounding

BULAN = (
    "JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI",
    "JULI", "AGUSTUS", "SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER",
)  # fmt: skip
_BULAN_LAIN = {"PEBRUARI": "FEBRUARI", "NOPEMBER": "NOVEMBER", "AGUSTUSS": "AGUSTUS"}


class TabelOmspanTidakDikenal(BerkasTidakValid):
    """An OM-SPAN IKPA table whose layout cannot be read (names what is missing)."""


class SatkerTidakAda(LakipGalat):
    """The satker (or its month) is not in the table."""


def kode_ikpa_untuk_tahun(tahun: int, aturan: Aturan) -> str:
    """The IKPA rule set of a fiscal year, from the rules' year table (``tahun_ikpa``): with the
    shipped rules PER-5/PB/2022 ("2022", Dispensasi SPM weighted 5 %) for TA 2022-2023 and
    PER-5/PB/2024 ("2024", Dispensasi a deduction) from TA 2024."""
    return aturan.ikpa_berlaku("", tahun)[0]


def nama_bulan(teks: object) -> str | None:
    """``"Desember"``, ``"DESEMBER"``, ``"12"``, ``"Nopember"`` -> the month's name in capitals."""
    s = str(teks or "").strip().upper()
    if re.fullmatch(r"\d{1,2}(\.0)?", s) and 1 <= int(float(s)) <= 12:
        return BULAN[int(float(s)) - 1]
    s = _BULAN_LAIN.get(s, s)
    return s if s in BULAN else None


@dataclass
class BarisOmspan:
    """One satker's row of an OM-SPAN IKPA table, as exported (values as shown there)."""

    berkas: str
    baris: int  # 1-based sheet row (the "Nilai" row in OM-SPAN's own layout)
    kode_satker: str
    nama_satker: str
    tahun: int
    bulan: str  # capitals, "" when the table does not say
    nilai: dict[str, float]  # indicator code -> value as exported (0 where not applicable)
    nilai_total: float | None
    konversi_bobot: float | None  # percent
    pengurang: float | None  # Dispensasi SPM deduction (2024+ layout); None where there is no such column
    nilai_akhir: float | None
    aspek: dict[str, float | None]  # None where the table has none
    kode_kppn: str = ""
    kode_ba: str = ""


@dataclass
class Selisih:
    kunci: str  # "nilai_akhir", "aspek.pelaksanaan", ...
    dihitung: float | None
    dinyatakan: float | None


@dataclass
class HasilPeriksa:
    baris: BarisOmspan
    aturan: str
    tidak_berlaku: tuple[str, ...]  # indicator codes left out of Konversi Bobot
    konversi_cocok: bool  # a set of applicable indicators sums to the stated Konversi Bobot
    hasil: HasilIkpa
    selisih: list[Selisih] = field(default_factory=list)

    @property
    def cocok(self) -> bool:
        return not self.selisih

    def dihitung(self) -> dict[str, Any]:
        h = self.hasil
        return {
            "aspek": {a: _dua(h.aspek[a]) for a in ASPEK_IKPA},
            "nilai_total": _dua(h.nilai_total),
            "konversi_bobot": _dua(h.konversi_bobot),
            "nilai_akhir": _dua(h.nilai_akhir),
            "predikat": h.predikat,
        }

    def dinyatakan(self) -> dict[str, Any]:
        b = self.baris
        return {
            "aspek": dict(b.aspek),
            "nilai_total": b.nilai_total,
            "konversi_bobot": b.konversi_bobot,
            "nilai_akhir": b.nilai_akhir,
            "predikat": None,  # OM-SPAN's tables carry no predicate
        }

    def ke_json(self) -> dict[str, Any]:
        b = self.baris
        return {
            "kode_satker": b.kode_satker,
            "tahun": b.tahun,
            "bulan": b.bulan,
            "dihitung": self.dihitung(),
            "dinyatakan": self.dinyatakan(),
            "selisih": [
                {"kunci": s.kunci, "dihitung": _dua(s.dihitung), "dinyatakan": s.dinyatakan} for s in self.selisih
            ],
            "nama_satker": b.nama_satker,
            "berkas": b.berkas,
            "baris": b.baris,
            "aturan": self.aturan,
            "tidak_berlaku": list(self.tidak_berlaku),
            "pengurang_dispensasi": b.pengurang,
        }


def _dua(x: float | None) -> float | None:
    """Half-up to two decimals, as OM-SPAN shows values."""
    return None if x is None else float(bulat(x, 2))  # type: ignore[arg-type]


# -- reading ----------------------------------------------------------------------------------


def _norm(x: object) -> str:
    return re.sub(r"\s+", " ", str(x or "").replace("\n", " ")).strip().lower()


# Header text -> field, tested in order (the first that matches wins): "Nilai Akhir (Nilai
# Total/Konversi Bobot)" must be Nilai Akhir, "Dispensasi SPM (Pengurang)" the deduction.
_KOLOM: tuple[tuple[str, Any], ...] = (
    ("nilai_akhir", lambda h: h.startswith("nilai akhir")),
    ("pengurang", lambda h: "dispensasi" in h and "pengurang" in h),
    ("konversi_bobot", lambda h: "konversi" in h),
    ("nilai_total", lambda h: h.startswith("nilai total")),
    ("kode_satker", lambda h: h in ("kode satker", "kd satker", "satker kode")),
    ("nama_satker", lambda h: h in ("uraian satker", "nama satker")),
    ("kode_kppn", lambda h: h == "kode kppn"),
    ("kode_ba", lambda h: h == "kode ba"),
    ("bulan", lambda h: h == "bulan"),
    ("tahun", lambda h: h in ("tahun", "tahun anggaran")),
    ("aspek.perencanaan", lambda h: h.startswith(("kualitas perencanaan", "perencanaan"))),
    ("aspek.hasil", lambda h: h.startswith(("kualitas hasil", "hasil"))),
    ("aspek.pelaksanaan", lambda h: h.startswith(("kualitas pelaksanaan", "kualitas implementasi", "pelaksanaan"))),
    ("revisi_dipa", lambda h: h.startswith("revisi dipa")),
    ("deviasi_halaman_iii", lambda h: h.startswith("deviasi")),
    ("penyerapan", lambda h: h.startswith("penyerapan")),
    ("belanja_kontraktual", lambda h: "kontraktual" in h),
    ("penyelesaian_tagihan", lambda h: "tagihan" in h),
    ("up_tup", lambda h: "up dan tup" in h or "up/tup" in h or "uptup" in h.replace(" ", "")),
    ("dispensasi_spm", lambda h: h.startswith("dispensasi")),
    ("capaian_output", lambda h: h.startswith("capaian output")),
)
INDIKATOR = (
    "revisi_dipa", "deviasi_halaman_iii", "penyerapan", "belanja_kontraktual",
    "penyelesaian_tagihan", "up_tup", "dispensasi_spm", "capaian_output",
)  # fmt: skip
_LABEL = {
    "kode_satker": "Kode Satker",
    "nilai_total": "Nilai Total",
    "konversi_bobot": "Konversi Bobot",
    "nilai_akhir": "Nilai Akhir",
    "revisi_dipa": "Revisi DIPA",
    "deviasi_halaman_iii": "Deviasi Halaman III DIPA",
    "penyerapan": "Penyerapan Anggaran",
    "belanja_kontraktual": "Belanja Kontraktual",
    "penyelesaian_tagihan": "Penyelesaian Tagihan",
    "up_tup": "Pengelolaan UP dan TUP",
    "capaian_output": "Capaian Output",
}
_WAJIB = (
    "kode_satker",
    "nilai_total",
    "konversi_bobot",
    "nilai_akhir",
    *(k for k in INDIKATOR if k != "dispensasi_spm"),
)


def _jenis(judul: object) -> str | None:
    h = _norm(judul)
    if not h:
        return None
    return next((k for k, cocok in _KOLOM if cocok(h)), None)


def _kode_satker(x: object) -> str | None:
    s = str(x if x is not None else "").strip().lstrip("'")
    if isinstance(x, float) and x.is_integer():
        s = str(int(x))
    return s.zfill(6) if re.fullmatch(r"\d{1,6}", s) else None


def _angka(x: object) -> float | None:
    if x is None or (isinstance(x, str) and not x.strip()):
        return None
    try:
        return float(parse_angka(x))
    except AngkaTidakValid:
        return None


def _persen(x: object) -> bool:
    return isinstance(x, str) and x.strip().endswith("%")


def _lembar(path: Path) -> list[tuple[str, list[list[Any]]]]:
    """Every sheet's cells (row 1 at index 0); refuses what is not a readable Excel table.
    An .xlsx goes through the workbook reader's archive checks (size, zip bomb) first; an old
    .xls (OLE) file is read as it is, and refused when encrypted or damaged."""
    from python_calamine import CalamineWorkbook

    from .buku_kerja.baca import OLE_MAGIC, periksa_berkas, periksa_isi

    awal = b""
    if path.is_file():
        try:
            with path.open("rb") as f:
                awal = f.read(8)
        except OSError as e:
            raise BerkasTidakValid(f"Berkas '{path}' tidak dapat dibuka: {e.strerror}.") from None
    if awal == OLE_MAGIC:
        if path.stat().st_size > 50 * 2**20:
            raise BerkasTidakValid(f"Berkas '{path.name}' terlalu besar untuk tabel IKPA OM-SPAN.")
    elif awal and not awal.startswith(b"PK"):
        raise BerkasTidakValid(
            f"Berkas '{path.name}' bukan tabel Excel (.xlsx/.xls); unduh tabel IKPA satker dari OM-SPAN sebagai Excel."
        )
    else:
        periksa_berkas(path)
        periksa_isi(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
        return [(n, wb.get_sheet_by_name(n).to_python(skip_empty_area=False)) for n in wb.sheet_names]
    except Exception:
        raise BerkasTidakValid(
            f"Berkas '{path.name}' tidak dapat dibaca sebagai tabel Excel (rusak atau dilindungi kata sandi)."
        ) from None


def _judul(rows: list[list[Any]], batas: int = 20) -> int | None:
    """Index of the header row: the first of the top rows with a "Kode Satker" header."""
    for i, r in enumerate(rows[:batas]):
        if any(_jenis(x) == "kode_satker" for x in r):
            return i
    return None


def _periode_dari_teks(teks: str) -> tuple[int | None, str]:
    t = teks.upper()
    tahun = re.search(r"(?<!\d)(20\d\d)(?!\d)", t)
    bulan = next((nama_bulan(w) for w in re.findall(r"[A-Z]+", t) if nama_bulan(w)), "")
    return (int(tahun.group(1)) if tahun else None), bulan or ""


def baca_tabel(path: str | Path) -> list[BarisOmspan]:
    """Every satker row of an OM-SPAN IKPA table (either layout); :class:`BerkasTidakValid`
    (one Indonesian line naming what is missing) for anything else."""
    path = Path(path)
    lembar = _lembar(path)
    alasan: list[str] = []
    for nama, rows in sorted(lembar, key=lambda x: x[0] != "Data IKPA"):
        i = _judul(rows)
        if i is None:
            continue
        try:
            return _baca_lembar(path, rows, i)
        except TabelOmspanTidakDikenal as e:
            alasan.append(f"lembar '{nama}': {e}")
    if alasan:
        raise TabelOmspanTidakDikenal(f"Tabel IKPA OM-SPAN '{path.name}' tidak dikenali ({'; '.join(alasan)}).")
    raise TabelOmspanTidakDikenal(
        f"Tabel IKPA OM-SPAN '{path.name}' tidak dikenali: tidak ada lembar dengan judul kolom 'Kode Satker' "
        "(ekspor IKPA satker dari OM-SPAN, atau tabel datar dengan judul di baris 1)."
    )


def _baca_lembar(path: Path, rows: list[list[Any]], i_judul: int) -> list[BarisOmspan]:
    judul = rows[i_judul]
    k_satker = next(c for c, x in enumerate(judul) if _jenis(x) == "kode_satker")
    # The first satker row below the header rows.
    awal = next((r for r in range(i_judul + 1, len(rows)) if _kode_satker(_sel(rows, r, k_satker))), None)
    if awal is None:
        raise TabelOmspanTidakDikenal("tidak ada baris satker (kode satker 6 angka) di bawah judul kolom")
    # OM-SPAN's own layout: four rows per satker, the code only on the first ("Nilai") row.
    empat = (
        not any(_kode_satker(_sel(rows, awal + j, k_satker)) for j in (1, 2, 3))
        and awal + 4 < len(rows)
        and _kode_satker(_sel(rows, awal + 4, k_satker)) is not None
    ) or (awal + 1 < len(rows) and _label_baris(rows[awal + 1]) == "bobot")
    # Headers: every header row's text per column; an aspect's group header (above its
    # indicators in OM-SPAN's layout, a column of its own in the flat one) is kept apart.
    kolom: dict[str, int] = {}
    kelompok: dict[str, int] = {}
    for r in range(i_judul, awal):
        for c, x in enumerate(rows[r]):
            j = _jenis(x)
            if j is not None:
                (kelompok if j.startswith("aspek.") else kolom).setdefault(j, c)
    if empat:
        return _baca_empat(path, rows, awal, kolom, kelompok, i_judul)
    return _baca_datar(path, rows, awal, kolom, kelompok)


def _sel(rows: list[list[Any]], r: int, c: int) -> Any:
    if r >= len(rows) or c >= len(rows[r]):
        return None
    v = rows[r][c]
    return None if v == "" else v


def _label_baris(row: list[Any]) -> str | None:
    for x in row:
        h = _norm(x)
        if h in ("nilai", "bobot", "nilai akhir", "nilai aspek", "nilai tertimbang"):
            return h
    return None


def _hilang(kolom: dict[str, int], wajib: Iterable[str]) -> None:
    kurang = [_LABEL.get(k, k) for k in wajib if k not in kolom]
    if kurang:
        raise TabelOmspanTidakDikenal(f"kolom {', '.join(kurang)} tidak ditemukan")


def _periode(path: Path, rows: list[list[Any]], sampai: int) -> tuple[int | None, str]:
    """Fiscal year and month from the title rows, else from the file name (IKPA_<BULAN>_<TAHUN>)."""
    tahun, bulan = _periode_dari_teks(" ".join(str(x) for r in rows[:sampai] for x in r if x not in (None, "")))
    t2, b2 = _periode_dari_teks(path.stem.replace("_", " "))
    return tahun or t2, bulan or b2


def _baca_datar(
    path: Path, rows: list[list[Any]], awal: int, kolom: dict[str, int], kelompok: dict[str, int]
) -> list[BarisOmspan]:
    _hilang(kolom, _WAJIB)
    # The percent string marks the Konversi Bobot column; one column right of its header is the
    # TA 2022-2023 shift (Dispensasi SPM sits in "Capaian Output", every later value one column on).
    k = kolom["konversi_bobot"]
    satker = [r for r in range(awal, len(rows)) if _kode_satker(_sel(rows, r, kolom["kode_satker"]))]
    if any(_persen(_sel(rows, r, k)) for r in satker):
        geser = 0
    elif any(_persen(_sel(rows, r, k + 1)) for r in satker):
        geser = 1
    else:
        raise TabelOmspanTidakDikenal(
            "nilai Konversi Bobot (teks persen seperti '80%') tidak ditemukan di kolom 'Konversi Bobot' "
            "maupun satu kolom di kanannya"
        )
    if geser:
        indikator = {k_: kolom[k_] for k_ in INDIKATOR if k_ in kolom and k_ != "dispensasi_spm"}
        indikator["dispensasi_spm"] = kolom["capaian_output"]
        indikator["capaian_output"] = kolom["capaian_output"] + 1
        angka = {
            "nilai_total": kolom["nilai_total"] + 1,
            "konversi_bobot": kolom["konversi_bobot"] + 1,
            "nilai_akhir": kolom["nilai_akhir"],  # this one is right
        }
        aspek = {a: kelompok.get(f"aspek.{a}") for a in ("perencanaan", "pelaksanaan")} | {"hasil": None}
        k_pengurang = None  # no deduction column in these years
    else:
        indikator = {k_: kolom[k_] for k_ in INDIKATOR if k_ in kolom}
        angka = {x: kolom[x] for x in ("nilai_total", "konversi_bobot", "nilai_akhir")}
        aspek = {a: kelompok.get(f"aspek.{a}") for a in ASPEK_IKPA}
        k_pengurang = kolom.get("pengurang")
    tahun_berkas, bulan_berkas = _periode(path, [], 0)
    hasil = []
    for r in satker:
        kode = _kode_satker(_sel(rows, r, kolom["kode_satker"])) or ""
        tahun = _angka(_sel(rows, r, kolom["tahun"])) if "tahun" in kolom else None
        bulan = nama_bulan(_sel(rows, r, kolom["bulan"])) if "bulan" in kolom else None
        th = int(tahun) if tahun else tahun_berkas
        if th is None:
            raise TabelOmspanTidakDikenal(
                f"tahun anggaran baris {r + 1} tidak diketahui (kolom Tahun kosong, nama berkas tanpa tahun)"
            )
        aspek_r = {a: (None if c is None else _angka(_sel(rows, r, c))) for a, c in aspek.items()}
        hasil.append(
            _baris(path, rows, r, kode, kolom, th, bulan or bulan_berkas, indikator, angka, k_pengurang, aspek_r)
        )
    return hasil


def _baris(
    path: Path,
    rows: list[list[Any]],
    r: int,
    kode: str,
    kolom: dict[str, int],
    tahun: int,
    bulan: str,
    indikator: dict[str, int],
    angka: dict[str, int],
    k_pengurang: int | None,
    aspek: dict[str, float | None],
) -> BarisOmspan:
    """One satker's row from the columns both layouts have located (row ``r``: its values)."""
    return BarisOmspan(
        berkas=path.name,
        baris=r + 1,
        kode_satker=kode,
        nama_satker=_teks(rows, r, kolom.get("nama_satker")),
        tahun=tahun,
        bulan=bulan,
        nilai={x: _angka(_sel(rows, r, c)) or 0.0 for x, c in indikator.items()},
        nilai_total=_angka(_sel(rows, r, angka["nilai_total"])),
        konversi_bobot=_konversi(_sel(rows, r, angka["konversi_bobot"])),
        pengurang=None if k_pengurang is None else (_angka(_sel(rows, r, k_pengurang)) or 0.0),
        nilai_akhir=_angka(_sel(rows, r, angka["nilai_akhir"])),
        aspek=aspek,
        kode_kppn=_teks(rows, r, kolom.get("kode_kppn")),
        kode_ba=_teks(rows, r, kolom.get("kode_ba")),
    )


def _teks(rows: list[list[Any]], r: int, c: int | None) -> str:
    if c is None:
        return ""
    v = _sel(rows, r, c)
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None else str(v).strip().lstrip("'")


def _konversi(x: object) -> float | None:
    if x is None:
        return None
    try:
        return konversi_persen(x)
    except AngkaTidakValid:
        return None


def _baca_empat(
    path: Path, rows: list[list[Any]], awal: int, kolom: dict[str, int], kelompok: dict[str, int], i_judul: int
) -> list[BarisOmspan]:
    _hilang(kolom, _WAJIB)
    indikator = {k: kolom[k] for k in INDIKATOR if k in kolom}
    # An aspect's "Nilai Aspek" cell: under its group header (a merged cell keeps its value in
    # its first column), else the first numeric cell among the aspect's indicator columns.
    anggota = {
        "perencanaan": ("revisi_dipa", "deviasi_halaman_iii"),
        "pelaksanaan": ("penyerapan", "belanja_kontraktual", "penyelesaian_tagihan", "up_tup", "dispensasi_spm"),
        "hasil": ("capaian_output",),
    }
    tahun, bulan = _periode(path, rows, i_judul)
    if tahun is None:
        raise TabelOmspanTidakDikenal(
            "tahun anggaran tidak ditemukan (di judul tabel atau nama berkas seperti IKPA_DESEMBER_2024.xlsx)"
        )
    hasil = []
    r = awal
    while r < len(rows):
        kode = _kode_satker(_sel(rows, r, kolom["kode_satker"]))
        if kode is None:
            r += 1
            continue
        r_aspek = r + 3
        aspek: dict[str, float | None] = {}
        for a, kode_ind in anggota.items():
            kolom_a = [kelompok[f"aspek.{a}"]] if f"aspek.{a}" in kelompok else []
            kolom_a += [indikator[x] for x in kode_ind if x in indikator]
            aspek[a] = next((v for c in kolom_a if (v := _angka(_sel(rows, r_aspek, c))) is not None), None)
        angka = {x: kolom[x] for x in ("nilai_total", "konversi_bobot", "nilai_akhir")}
        hasil.append(_baris(path, rows, r, kode, kolom, tahun, bulan, indikator, angka, kolom.get("pengurang"), aspek))
        r += 4
    return hasil


# -- recomputing ------------------------------------------------------------------------------


def _beda(dihitung: float | None, dinyatakan: float | None) -> bool:
    """Whether a published value differs from the recomputed one beyond +-0,01 (after the
    recomputed value is rounded half-up to two decimals, as OM-SPAN shows it)."""
    if dinyatakan is None:
        return False
    if dihitung is None:
        return True
    return abs((_dua(dihitung) or 0.0) - dinyatakan) > TOLERANSI + 1e-9


def _selisih(h: HasilIkpa, b: BarisOmspan) -> list[Selisih]:
    pasangan: list[tuple[str, float | None, float | None]] = [
        *((f"aspek.{a}", h.aspek[a], b.aspek.get(a)) for a in ASPEK_IKPA),
        ("nilai_total", h.nilai_total, b.nilai_total),
        ("konversi_bobot", h.konversi_bobot, b.konversi_bobot),
        ("nilai_akhir", h.nilai_akhir, b.nilai_akhir),
    ]
    return [Selisih(k, x, y) for k, x, y in pasangan if _beda(x, y)]


def _hitung(b: BarisOmspan, set_ikpa: AturanIkpa, tidak: Iterable[str], aturan: Aturan | None) -> HasilIkpa:
    tidak = set(tidak)
    return hitung_ikpa(
        [KomponenMasukan(i.kode, b.nilai.get(i.kode, 0.0), i.kode not in tidak) for i in set_ikpa.indikator],
        set_ikpa,
        pengurang=b.pengurang,
        predikat=aturan,
    )


def tentukan_berlaku(
    b: BarisOmspan, set_ikpa: AturanIkpa, aturan: Aturan | None = None
) -> tuple[tuple[str, ...], bool]:
    """The indicators left out of Konversi Bobot, and whether any choice sums to it.

    Candidates are the sets of indicators whose weights leave exactly the stated Konversi
    Bobot. Among them the first by: reproduces every published value (within +-0,01), then
    fewest indicators with a value other than 0 left out (an exported 0 usually marks an
    indicator that does not apply, but a 0 can be a real score), then the smallest
    difference, then the rule set's order. Without a stated Konversi Bobot, or when no set
    sums to it, every indicator applies.
    """
    ind = set_ikpa.indikator
    if b.konversi_bobot is None:
        return (), False
    sisa = sum(i.bobot for i in ind) - b.konversi_bobot
    pilihan: list[tuple[tuple[bool, int, float, int], tuple[str, ...]]] = []
    urutan = 0
    for n in range(len(ind) + 1):
        for keluar in itertools.combinations(ind, n):
            if abs(sum(i.bobot for i in keluar) - sisa) > 1e-6:
                continue
            kode = tuple(i.kode for i in keluar)
            h = _hitung(b, set_ikpa, kode, aturan)
            beda = _selisih(h, b)
            galat = (
                max(
                    (abs((_dua(s.dihitung) or 0.0) - (s.dinyatakan or 0)) if s.dihitung is not None else 1e9)
                    for s in beda
                )
                if beda
                else 0.0
            )
            bukan_nol = sum(1 for i in keluar if b.nilai.get(i.kode, 0.0) != 0)
            pilihan.append(((bool(beda), bukan_nol, galat, urutan), kode))
            urutan += 1
    if not pilihan:
        return (), False
    return min(pilihan)[1], True


def periksa_baris(b: BarisOmspan, aturan: Aturan) -> HasilPeriksa:
    """Recompute one row with the rule set of its year and list what differs beyond +-0,01."""
    kode = kode_ikpa_untuk_tahun(b.tahun, aturan)
    try:
        set_ikpa = aturan.set_ikpa(kode)
    except KeyError:
        raise LakipGalat(f"Aturan IKPA '{kode}' (untuk TA {b.tahun}) tidak ada dalam aturan penilaian.") from None
    tidak, cocok = tentukan_berlaku(b, set_ikpa, aturan)
    h = _hitung(b, set_ikpa, tidak, aturan)
    return HasilPeriksa(b, kode, tidak, cocok, h, _selisih(h, b))


def periksa(paths: Sequence[str | Path], aturan: Aturan) -> list[HasilPeriksa]:
    """Every row of every table, recomputed."""
    return [periksa_baris(b, aturan) for p in paths for b in baca_tabel(p)]


# -- importing into a unit's data -------------------------------------------------------------


def pilih_baris(baris: list[BarisOmspan], satker: str, bulan: str | None, berkas: str) -> BarisOmspan:
    """The row of ``satker`` (and ``bulan``); :class:`SatkerTidakAda` naming what the table has."""
    kode = _kode_satker(satker.strip())
    if kode is None:
        raise SatkerTidakAda(f"Kode satker '{satker}' tidak sah; tulis 6 angka, misalnya 401944.")
    milik = [b for b in baris if b.kode_satker == kode]
    if not milik:
        raise SatkerTidakAda(f"Satker {kode} tidak ada di tabel '{berkas}' ({len(baris)} baris satker).")
    ada = sorted({b.bulan or "(tanpa bulan)" for b in milik}, key=lambda x: BULAN.index(x) if x in BULAN else -1)
    if bulan is not None:
        nama = nama_bulan(bulan)
        if nama is None:
            raise SatkerTidakAda(f"Bulan '{bulan}' tidak dikenal; tersedia untuk satker {kode}: {', '.join(ada)}.")
        milik = [b for b in milik if b.bulan == nama]
        if not milik:
            raise SatkerTidakAda(
                f"Satker {kode} tidak memiliki nilai bulan {nama} di tabel '{berkas}'; bulan yang tersedia: {', '.join(ada)}."
            )
    if len({(b.tahun, b.bulan) for b in milik}) > 1:
        raise SatkerTidakAda(
            f"Satker {kode} memiliki beberapa bulan di tabel '{berkas}' ({', '.join(ada)}); pilih dengan --bulan."
        )
    return milik[-1]


def impor_ke_lakip(lakip: Lakip, b: BarisOmspan, aturan: Aturan) -> tuple[Lakip, HasilPeriksa]:
    """A copy of ``lakip`` whose IKPA section holds the row: the rule set of its year, the
    period, every indicator value (applicability derived from Konversi Bobot), the deduction
    and OM-SPAN's own aspect, total, konversi and final values as the stated figures."""
    hp = periksa_baris(b, aturan)
    set_ikpa = aturan.set_ikpa(hp.aturan)
    baru = copy.deepcopy(lakip)
    ik = baru.ikpa
    ik.aturan = hp.aturan
    ik.periode = f"{b.bulan.title()} {b.tahun}".strip()
    ik.komponen = [
        KomponenIkpa(kode=i.kode, nilai=b.nilai.get(i.kode, 0.0), berlaku=i.kode not in hp.tidak_berlaku)
        for i in set_ikpa.indikator
    ]
    ik.pengurang_dispensasi = b.pengurang if set_ikpa.dispensasi == "pengurang" else None
    ik.nilai_total_dinyatakan = b.nilai_total
    ik.konversi_bobot_dinyatakan = b.konversi_bobot
    ik.nilai_akhir_dinyatakan = b.nilai_akhir
    ik.perencanaan_dinyatakan = b.aspek.get("perencanaan")
    ik.pelaksanaan_dinyatakan = b.aspek.get("pelaksanaan")
    ik.hasil_dinyatakan = b.aspek.get("hasil")
    return baru, hp
