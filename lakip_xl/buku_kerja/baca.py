"""Read a master workbook back into the model.

Values come from python-calamine (fast); openpyxl in read-only mode supplies the defined
names (where each table and cell lives, maintained by Excel when rows are inserted) and the
formulas (a formula a user overwrote with a constant is a finding). Every finding carries its
``Sheet!Cell``. The file is only read, never written.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..compute.aturan import Aturan, aturan_bawaan
from ..galat import AturanTidakValid
from ..model import SCHEMA_VERSION, Lakip
from ..schema.data import BerkasTidakValid, dari_dict
from ..validasi.temuan import Temuan
from . import skema as S
from .peta import Peta, lokasi_sel

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class BukuKerja:
    """What was read: the model, reading findings (with cells), rules, layout and row map."""

    lakip: Lakip
    temuan: list[Temuan]
    aturan: Aturan
    tata: S.Tata
    peta: Peta = field(default_factory=dict)

    def lokasi(self, temuan: list[Temuan]) -> list[Temuan]:
        """Give findings whose path lives in the workbook their ``Sheet!Cell``."""
        for t in temuan:
            if t.lokasi_sel is None:
                sel = lokasi_sel(t.jalur, self.tata, self.peta)
                if sel:
                    t.lokasi_sel = f"{sel[0]}!{sel[1]}"
        return temuan


def _kolom_indeks(huruf: str) -> int:
    n = 0
    for ch in huruf:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def periksa_berkas(path: Path, uji_zip: bool = True) -> None:
    """Reject what is not a readable .xlsx/.xlsm with a one-line Indonesian reason."""
    if not path.exists():
        raise BerkasTidakValid(f"Berkas '{path}' tidak ditemukan.")
    if path.is_dir():
        raise BerkasTidakValid(f"'{path}' adalah folder, bukan berkas.")
    try:
        with path.open("rb") as f:
            awal = f.read(8)
    except OSError as e:
        raise BerkasTidakValid(f"Berkas '{path}' tidak dapat dibuka: {e.strerror}.") from None
    if awal == OLE_MAGIC:
        raise BerkasTidakValid(
            f"Berkas '{path.name}' dilindungi kata sandi atau berformat Excel lama (.xls). "
            "Buka di Excel, hapus kata sandinya (File > Info > Protect Workbook), simpan sebagai .xlsm, lalu ulangi."
        )
    if not awal.startswith(b"PK"):
        raise BerkasTidakValid(f"Berkas '{path.name}' bukan buku kerja Excel (.xlsx/.xlsm), walaupun namanya demikian.")
    if not uji_zip:
        return  # the fast path checks the archive while reading the names
    try:
        with zipfile.ZipFile(path) as z:
            if "xl/workbook.xml" not in z.namelist():
                raise BerkasTidakValid(f"Berkas '{path.name}' bukan buku kerja Excel (tidak ada xl/workbook.xml).")
            rusak = z.testzip()
    except zipfile.BadZipFile:
        raise BerkasTidakValid(f"Berkas '{path.name}' rusak (arsip tidak utuh); minta kiriman ulang.") from None
    if rusak:
        raise BerkasTidakValid(f"Berkas '{path.name}' rusak (bagian {rusak} tidak terbaca); minta kiriman ulang.")


class Grid:
    """The used area of one sheet: rows of values starting at (``r0``, ``c0``), 0-based."""

    __slots__ = ("c0", "r0", "rows")

    def __init__(self, rows: list[list[Any]], r0: int = 0, c0: int = 0) -> None:
        self.rows, self.r0, self.c0 = rows, r0, c0

    def sel(self, r: int, c: int) -> Any:
        i, j = r - self.r0, c - self.c0
        if 0 <= i < len(self.rows) and j >= 0:
            row = self.rows[i]
            return row[j] if j < len(row) else None
        return None

    def potong(self, r: int, c_awal: int, c_akhir: int) -> tuple[Any, ...]:
        """Values of row ``r``, columns ``c_awal`` .. ``c_akhir - 1`` (``None`` outside)."""
        i = r - self.r0
        if not 0 <= i < len(self.rows):
            return (None,) * (c_akhir - c_awal)
        row = self.rows[i]
        a, b = c_awal - self.c0, c_akhir - self.c0
        if a >= 0 and b <= len(row):
            return tuple(row[a:b])
        return tuple(row[j] if 0 <= j < len(row) else None for j in range(a, b))


class _GridMalas(dict):
    """Sheet name -> :class:`Grid`, each sheet read by calamine on first access."""

    def __init__(self, cal: Any) -> None:
        super().__init__()
        self.cal = cal
        self.nama = set(cal.sheet_names)

    def __missing__(self, lembar: str) -> Grid:
        if lembar not in self.nama:
            raise KeyError(lembar)
        sh = self.cal.get_sheet_by_name(lembar)
        rows = sh.to_python()  # the used area only; its top-left corner is sh.start
        r0, c0 = sh.start if sh.start is not None else (0, 0)
        grid = Grid(rows, r0, c0)
        self[lembar] = grid
        return grid

    def get(self, lembar: str, default: Any = None) -> Any:
        try:
            return self[lembar]
        except KeyError:
            return default


# Any <definedName ...>text</definedName>; the attributes may come in any order (Excel adds
# comment/hidden, LibreOffice writes function/hidden before name).
_DEFINED = re.compile(r"<definedName\b([^>]*)>([^<]*)</definedName>")
_ATTR_NAMA = re.compile(r'\bname="([^"]*)"')
# A single cell or range: sheet ('quoted' or bare), first cell, optional last cell.
_REF_SEL = re.compile(r"^(?:'((?:[^']|'')+)'|([^!'<]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")
_KONSTANTA_VERSI = re.compile(r"^(\d+)$")


@lru_cache(maxsize=4096)
def _kolom_cache(huruf: str) -> int:
    return _kolom_indeks(huruf)


Rentang = tuple[str, int, int, int, int]  # sheet, first row, first col, last row, last col (0-based)


def baca_rujukan(teks: str) -> Rentang | None:
    """``Profil!$B$4`` / ``'xlwings.conf'!$A$1:$B$3`` -> position; ``None`` for anything else."""
    m = _REF_SEL.match(teks.lstrip("="))
    if not m:
        return None
    berkutip, polos, c1, r1, c2, r2 = m.groups()
    lembar = berkutip.replace("''", "'") if berkutip else polos
    k1 = _kolom_cache(c1)
    return (lembar, int(r1) - 1, k1, int(r2) - 1 if r2 else int(r1) - 1, _kolom_cache(c2) if c2 else k1)


def _nama_dari_zip(path: Path) -> dict[str, tuple[str, int, int, int, int]]:
    """Workbook-level defined names straight from ``xl/workbook.xml`` (fast, no openpyxl).

    Sheet-scoped names (``localSheetId``) and names that are not one cell range are skipped.
    """
    import html

    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("xl/workbook.xml").decode("utf-8")
    except KeyError:
        raise BerkasTidakValid(f"Berkas '{path.name}' bukan buku kerja Excel (tidak ada xl/workbook.xml).") from None
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise BerkasTidakValid(f"Berkas '{path.name}' rusak (arsip tidak utuh); minta kiriman ulang.") from None
    hasil: dict[str, Any] = {}
    for attr, teks in _DEFINED.findall(xml):
        if "localSheetId=" in attr:
            continue
        m_nama = _ATTR_NAMA.search(attr)
        if not m_nama:
            continue
        nama = html.unescape(m_nama.group(1)) if "&" in m_nama.group(1) else m_nama.group(1)
        teks = (html.unescape(teks) if "&" in teks else teks).lstrip("=")
        if nama == "VersiSkemaNilai":
            v = _KONSTANTA_VERSI.match(teks)
            if v:
                hasil[nama] = int(v.group(1))
            continue
        posisi = baca_rujukan(teks)
        if posisi is not None:
            hasil[nama] = posisi
    return hasil


def _versi(nilai: dict[str, Any], nama: dict[str, Any]) -> Any:
    if "VersiSkemaNilai" in nama:  # a constant name: no need to read the _meta sheet
        return nama["VersiSkemaNilai"]
    if "VersiSkema" not in nama:
        return None
    lembar, r, c, _, _ = nama["VersiSkema"]
    grid = nilai.get(lembar)
    return grid.sel(r, c) if grid is not None else None


def _bersih(v: Any) -> Any:
    """calamine value -> plain JSON-ish value (blank -> None, 2022.0 -> 2022, date -> ISO)."""
    if v == "" or v is None:
        return None
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return int(v)
    if isinstance(v, (dt.datetime, dt.date)):
        return v.date().isoformat() if isinstance(v, dt.datetime) else v.isoformat()
    if isinstance(v, dt.time):
        return v.isoformat()
    return v


def _set(d: dict[str, Any], kunci: str, v: Any) -> None:
    bagian = kunci.split(".")
    for b in bagian[:-1]:
        d = d.setdefault(b, {})
    d[bagian[-1]] = v


class _Pembaca:
    """Cell grids of every sheet (anchored at A1), defined names and, when available, the
    formulas; from a file (calamine + openpyxl) or a live workbook (xlwings)."""

    def __init__(
        self,
        nama_berkas: str,
        nilai: dict[str, Grid],
        nama: dict[str, tuple[str, int, int, int, int]],
        rumus: dict[str, list[list[Any]]] | None,
    ) -> None:
        self.nama_berkas = nama_berkas
        self.nilai = nilai
        self.nama = nama
        self.rumus = rumus
        self.temuan: list[Temuan] = []

    @classmethod
    def dari_berkas(cls, path: Path, periksa_rumus: bool = True) -> _Pembaca:
        """Values by python-calamine (each sheet loaded on first use), names from
        ``xl/workbook.xml``; formulas by openpyxl read-only only when ``periksa_rumus``."""
        from python_calamine import CalamineWorkbook

        try:
            nama = _nama_dari_zip(path)
            cal = CalamineWorkbook.from_path(str(path))
            nilai = _GridMalas(cal)
            rumus = None
            if periksa_rumus:
                from openpyxl import load_workbook

                wf = load_workbook(path, read_only=True, data_only=False, keep_links=False)
                rumus = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wf.worksheets}
                wf.close()
        except BerkasTidakValid:
            raise
        except Exception as e:  # any parser failure means a damaged file
            raise BerkasTidakValid(
                f"Berkas '{path.name}' tidak dapat dibaca sebagai buku kerja ({type(e).__name__})."
            ) from None
        return cls(path.name, nilai, nama, rumus)

    def sel(self, lembar: str, r: int, c: int) -> Any:
        grid = self.nilai.get(lembar)
        return grid.sel(r, c) if grid is not None else None

    def tata(self) -> S.Tata:
        tata = S.Tata()
        for t in S.TABEL:
            n = self.nama.get(f"Data_{t.kunci}")
            if n is None:
                raise BerkasTidakValid(
                    f"Buku kerja '{self.nama_berkas}' tidak memuat tabel {t.judul} (nama Data_{t.kunci} hilang). "
                    "Buat ulang dengan 'lakip-xl buku-kerja tingkatkan'."
                )
            lembar, r1, c1, r2, _ = n
            tata.posisi[t.kunci] = S.Posisi(t, r1 - 1, r1, r2, kolom_awal=c1)
        for b in S.BLOK:
            for s in b.sel:
                if s.nama in self.nama:
                    lembar, r, c, _, _ = self.nama[s.nama]
                    tata.sel[s.nama] = (lembar, r, c)
        return tata


def _baris_terisi(vals: list[Any]) -> bool:
    """Whether a row of already-cleaned values holds anything."""
    return any(v is not None for v in vals)


def baca_buku_kerja(path: str | Path, periksa_rumus: bool = True, versi_lama: bool = False) -> BukuKerja:
    """Read a workbook file; raises :class:`BerkasTidakValid` (one Indonesian line) when it cannot.

    ``periksa_rumus=False`` skips the overwritten-formula check (it needs openpyxl, ten times
    slower than reading the values): the regional rekap recomputes everything in Python.
    """
    path = Path(path)
    periksa_berkas(path, uji_zip=periksa_rumus)
    return baca_grid(_Pembaca.dari_berkas(path, periksa_rumus), versi_lama)


def baca_grid(pb: _Pembaca, versi_lama: bool = False) -> BukuKerja:
    """Read the model from cell grids and names (a file or a live workbook).

    ``versi_lama=True`` (used by ``buku-kerja tingkatkan``) reads a workbook of an older schema
    version through its defined names, with a warning; a newer version is always refused.
    """
    versi = _bersih(_versi(pb.nilai, pb.nama))
    nama = pb.nama_berkas
    lama = versi_lama and isinstance(versi, int) and not isinstance(versi, bool) and versi < SCHEMA_VERSION
    if lama:
        pb.temuan.append(
            Temuan(
                "VERSI_LAMA",
                "peringatan",
                ("buku_kerja",),
                f"Buku kerja memakai skema versi {versi}; data dibaca lewat nama-nama terdefinisi dan dipindahkan ke versi "
                f"{SCHEMA_VERSION}. Periksa hasilnya.",
                lokasi_sel="_meta!B2",
            )
        )
    if versi is None:
        raise BerkasTidakValid(
            f"Buku kerja '{nama}' bukan buku kerja induk lakip-xl (tidak ada versi skema). "
            "Buat buku kerja dengan 'lakip-xl buku-kerja baru'."
        )
    if versi != SCHEMA_VERSION and not lama:
        raise BerkasTidakValid(
            f"Buku kerja '{nama}' memakai skema versi {versi}, sedangkan lakip-xl ini memakai versi {SCHEMA_VERSION}. "
            f"Pindahkan datanya ke templat baru: lakip-xl buku-kerja tingkatkan '{nama}' -o BARU.xlsm"
            + (" (perlu lakip-xl yang lebih baru)." if isinstance(versi, int) and versi > SCHEMA_VERSION else ".")
        )
    tata = pb.tata()
    data: dict[str, Any] = {"versi_skema": SCHEMA_VERSION}
    aturan, aturan_baku = _aturan(pb, tata)
    # Blocks.
    for b in S.BLOK:
        for s in b.sel:
            if s.jenis != "input" or s.nama not in tata.sel:
                continue
            lembar, r, c = tata.sel[s.nama]
            v = _bersih(pb.sel(lembar, r, c))
            if b is S.PENGATURAN and not s.kunci.startswith("pengaturan."):
                continue  # rule data, read by _aturan
            if s.kunci in ("profil.misi", "profil.fungsi"):
                v = [x for x in str(v).split("\n")] if v is not None else []
            _set(data, s.kunci, v)
    # Tables.
    peta: Peta = {}

    def rows(kunci: str) -> list[tuple[int, dict[str, Any]]]:
        p = tata.posisi[kunci]
        grid = pb.nilai.get(p.tabel.lembar) or Grid([])
        kolom = [(k.kunci, p.kolom(k.kunci) - p.kolom_awal) for k in p.tabel.kolom if k.jenis == "input"]
        c_awal, c_akhir = p.kolom_awal, p.kolom_awal + len(p.tabel.kolom)
        keluar = []
        kosong = {k: None for k, _ in kolom}
        for i in range(p.jumlah_baris):
            baris = grid.potong(p.awal + i, c_awal, c_akhir)
            if all(v is None or v == "" for v in baris):
                keluar.append((i, dict(kosong)))  # a spare row: skip the per-cell work
            else:
                keluar.append((i, {k: _bersih(baris[c]) for k, c in kolom}))
        return keluar

    def daftar(kunci: str, model_path: tuple[str, ...]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i, vals in rows(kunci):
            if _baris_terisi(list(vals.values())):
                peta[(*model_path, len(out))] = (kunci, i)
                out.append(vals)
        return out

    data["wilayah"] = daftar("Wilayah", ("wilayah",))
    ind_rows = rows("Indikator")
    real_rows = dict(rows("Realisasi"))
    indikator: list[dict[str, Any]] = []
    for i, vals in ind_rows:
        rv = real_rows.get(i, {})
        if not (_baris_terisi(list(vals.values())) or _baris_terisi(list(rv.values()))):
            continue
        obj: dict[str, Any] = {k: v for k, v in vals.items() if "." not in k}
        obj["target_tw"] = [vals.get(f"target_tw.{q}") for q in range(4)]
        obj["realisasi_tw"] = [rv.get(f"realisasi_tw.{q}") for q in range(4)]
        obj["realisasi"] = rv.get("realisasi")
        obj["capaian_dinyatakan"] = rv.get("capaian_dinyatakan")
        peta[("indikator", len(indikator))] = ("Indikator", i)
        indikator.append(obj)
    data["indikator"] = indikator
    anggaran = data.setdefault("anggaran", {})
    anggaran["jenis_belanja"] = daftar("JenisBelanja", ("anggaran", "jenis_belanja"))
    anggaran["sumber_dana"] = daftar("SumberDana", ("anggaran", "sumber_dana"))
    # Hierarchy: kegiatan -> program and output -> kegiatan by code.
    programs: list[dict[str, Any]] = []
    by_prog: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, vals in rows("Program"):
        if not _baris_terisi(list(vals.values())):
            continue
        vals = dict(vals, kegiatan=[])
        pi = len(programs)
        peta[("anggaran", "program", pi)] = ("Program", i)
        programs.append(vals)
        if vals.get("kode") is not None:
            by_prog.setdefault(str(vals["kode"]), (pi, vals))
    by_keg: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}

    def induk_dari(
        vals: dict[str, Any], i: int, tabel: str, kolom: str, daftar: dict[str, Any], jenis: str, jenis_induk: str
    ):
        kode = vals.pop(kolom)
        if vals.get("kode") is None:
            pb.temuan.append(
                Temuan(
                    "KODE_KOSONG",
                    "galat",
                    ("anggaran", jenis),
                    f"Baris {jenis} ini berisi data tetapi kodenya kosong; baris ini tidak ikut dihitung. Isi kode {jenis} yang unik.",
                    lokasi_sel=f"Output!{tata.posisi[tabel].sel('kode', i)}",
                )
            )
            return None
        induk = daftar.get(str(kode)) if kode is not None else None
        if induk is None:
            pb.temuan.append(
                Temuan(
                    "INDUK_TIDAK_ADA",
                    "galat",
                    ("anggaran", jenis),
                    f"{jenis.capitalize()} '{vals.get('kode') or ''}' menyebut kode {jenis_induk} '{kode or ''}' yang tidak ada "
                    f"di tabel {jenis_induk.capitalize()}; {jenis} ini tidak ikut dihitung. Isi kode {jenis_induk} yang benar.",
                    lokasi_sel=f"Output!{tata.posisi[tabel].sel(kolom, i)}",
                )
            )
        return induk

    for i, vals in rows("Kegiatan"):
        if not _baris_terisi(list(vals.values())):
            continue
        induk = induk_dari(vals, i, "Kegiatan", "program", by_prog, "kegiatan", "program")
        if induk is None:
            continue
        pi, prog = induk
        vals = dict(vals, output=[])
        path = ("anggaran", "program", pi, "kegiatan", len(prog["kegiatan"]))
        peta[path] = ("Kegiatan", i)
        prog["kegiatan"].append(vals)
        if vals.get("kode") is not None:
            by_keg.setdefault(str(vals["kode"]), (path, vals))
    for i, vals in rows("Output"):
        if not _baris_terisi(list(vals.values())):
            continue
        induk = induk_dari(vals, i, "Output", "kegiatan", by_keg, "output", "kegiatan")
        if induk is None:
            continue
        path, keg = induk
        peta[(*path, "output", len(keg["output"]))] = ("Output", i)
        keg["output"].append(vals)
    anggaran["program"] = programs
    ikpa = data.setdefault("ikpa", {})
    ikpa["komponen"] = daftar("IkpaKomponen", ("ikpa", "komponen"))
    ikpa["disebut"] = daftar("IkpaDisebut", ("ikpa", "disebut"))
    data["prestasi"] = daftar("Prestasi", ("prestasi",))
    data["inovasi"] = daftar("Inovasi", ("inovasi",))
    lakip, temuan_baca = dari_dict(data)
    bk = BukuKerja(lakip, pb.temuan + temuan_baca, aturan, tata, peta)
    bk.temuan += _rumus_ditimpa(pb, tata)
    if not aturan_baku:
        bk.temuan.append(
            Temuan(
                "ATURAN_DIUBAH",
                "peringatan",
                ("referensi",),
                "Aturan penilaian di lembar Referensi berbeda dengan aturan bawaan lakip-xl; perhitungan memakai "
                "aturan dari buku kerja ini. Pastikan perubahan itu disengaja.",
                lokasi_sel="Referensi!A1",
            )
        )
    bk.lokasi(bk.temuan)
    return bk


def _aturan(pb: _Pembaca, tata: S.Tata) -> tuple[Aturan, bool]:
    """The rules as edited on the Referensi sheet, and whether they equal the shipped ones.

    Nearly every workbook carries the same rules, so the conversion is cached on the raw cells.
    """
    mentah: list[Any] = []
    for kunci in S.REFERENSI_TABEL:
        p = tata.posisi[kunci]
        grid = pb.nilai.get(p.tabel.lembar) or Grid([])
        c0, c1 = p.kolom_awal, p.kolom_awal + len(p.tabel.kolom)
        mentah.append(tuple(grid.potong(r, c0, c1) for r in range(p.awal, p.akhir + 1)))
    sel = []
    for s in S.PENGATURAN.sel:
        if not s.kunci.startswith("pengaturan.") and s.nama in tata.sel:
            lembar, r, c = tata.sel[s.nama]
            sel.append((s.kunci, pb.sel(lembar, r, c)))
    try:
        aturan = _aturan_dari(tuple(mentah), tuple(sel))
    except AturanTidakValid as e:
        raise BerkasTidakValid(
            f"{e} Periksa lembar Referensi buku kerja '{pb.nama_berkas}' (aturan penilaian), "
            "atau kembalikan isinya dari buku kerja baru."
        ) from None
    return aturan, aturan == aturan_bawaan()


@lru_cache(maxsize=64)
def _aturan_dari(mentah: tuple[Any, ...], sel: tuple[tuple[str, Any], ...]) -> Aturan:
    """The rules for these raw cells (nearly every workbook carries the same: parsed once)."""
    return Aturan.dari_dict(_aturan_baru(mentah, sel))


def _aturan_baru(mentah: tuple[Any, ...], sel: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    tabel = {}
    for kunci, rows in zip(S.REFERENSI_TABEL, mentah, strict=True):
        t = next(x for x in S.TABEL if x.kunci == kunci)
        out = []
        for row in rows:
            vals = {k.kunci: (_bersih(row[j]) if j < len(row) else None) for j, k in enumerate(t.kolom)}
            if _baris_terisi(list(vals.values())):
                out.append(vals)
        tabel[kunci] = out
    ikpa: dict[str, Any] = {}
    for r in tabel["RefAturanIkpa"]:
        ikpa[str(r["kode"])] = {"nama": r["nama"], "dispensasi": r["dispensasi"], "indikator": []}
    for r in tabel["RefIkpa"]:
        d = ikpa.setdefault(str(r["aturan"]), {"nama": str(r["aturan"]), "dispensasi": "bobot", "indikator": []})
        d["indikator"].append(
            {
                "kode": r["kode"],
                "nama": r["nama"],
                "aspek": r["aspek"],
                "bobot": r["bobot"] if r["bobot"] is not None else 0,
            }
        )
    aturan: dict[str, Any] = {"_catatan": aturan_bawaan().catatan, "ikpa": ikpa}
    aturan["predikat_ikpa"] = [
        {"batas_bawah": r["batas_bawah"], "predikat": r["predikat"]} for r in tabel["RefPredikatIkpa"]
    ]
    nka: dict[str, Any] = {"bobot": {}, "predikat": []}
    sakip: dict[str, Any] = {"bobot": {}, "predikat": []}
    pkpa: dict[str, Any] = {}
    target = {"nka": nka, "pkpa": pkpa, "sakip": sakip}
    for kunci, v in sel:
        bagian = kunci.split(".")
        d = target[bagian[0]]
        for b in bagian[1:-1]:
            d = d.setdefault(b, {})
        d[bagian[-1]] = _bersih(v)
    nka["predikat"] = [{"lebih_dari": r["lebih_dari"], "predikat": r["predikat"]} for r in tabel["RefPredikatNka"]]
    sakip["predikat"] = [{"lebih_dari": r["lebih_dari"], "predikat": r["predikat"]} for r in tabel["RefPredikatSakip"]]
    aturan["nka"] = {"bobot": nka["bobot"], "efisiensi_batas": nka.get("efisiensi_batas"), "predikat": nka["predikat"]}
    aturan["pkpa"] = pkpa
    aturan["sakip"] = {"bobot": sakip["bobot"], "predikat": sakip["predikat"]}
    return aturan


def _rumus_ditimpa(pb: _Pembaca, tata: S.Tata) -> list[Temuan]:
    """Formula cells of the schema that hold a constant instead (openpyxl read-only)."""
    if pb.rumus is None:  # the source cannot show formulas (fast path, or a remote workbook)
        return []
    harap: dict[str, set[tuple[int, int]]] = {}
    for p in tata.posisi.values():
        for k in p.tabel.kolom:
            if k.jenis == "rumus":
                c = p.kolom(k.kunci)
                harap.setdefault(p.tabel.lembar, set()).update((p.awal + i, c) for i in range(p.jumlah_baris))
        for kunci_total, _, _ in p.tabel.total:
            harap.setdefault(p.tabel.lembar, set()).add((p.baris_total, p.kolom(kunci_total)))
    for b in S.BLOK:
        for s in b.sel:
            if s.jenis == "rumus" and s.nama in tata.sel:
                lembar, r, c = tata.sel[s.nama]
                harap.setdefault(lembar, set()).add((r, c))
    from xlsxwriter.utility import xl_rowcol_to_cell

    temuan: list[Temuan] = []
    if pb.rumus is None:  # the source cannot show formulas (e.g. a remote workbook)
        return temuan
    for lembar, sel in harap.items():
        grid = pb.rumus.get(lembar)
        if grid is None:
            continue
        for r, c in sorted(sel):
            v = grid[r][c] if r < len(grid) and c < len(grid[r]) else None
            if not (isinstance(v, str) and v.startswith("=")):
                ref = xl_rowcol_to_cell(r, c)
                temuan.append(
                    Temuan(
                        "RUMUS_DITIMPA",
                        "galat",
                        ("buku_kerja", lembar, ref),
                        f"Sel {lembar}!{ref} seharusnya berisi rumus, tetapi berisi "
                        f"{'kosong' if v in (None, '') else repr(v)}. Kembalikan rumusnya (Ctrl+Z) atau buat ulang buku kerja "
                        "dengan 'lakip-xl buku-kerja tingkatkan'.",
                        lokasi_sel=f"{lembar}!{ref}",
                    )
                )
    return temuan
