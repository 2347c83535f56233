"""Read a master workbook back into the model.

Values come from python-calamine (fast); openpyxl in read-only mode supplies the defined
names (where each table and cell lives, maintained by Excel when rows are inserted) and the
formulas (a formula a user overwrote with a constant is a finding). Every finding carries its
``Sheet!Cell``. The file is only read, never written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..compute.angka import tanggal_iso
from ..compute.aturan import Aturan, aturan_bawaan
from ..galat import AturanTidakValid
from ..model import SCHEMA_VERSION, Lakip
from ..schema.data import BerkasTidakValid, dari_dict
from ..validasi.temuan import Temuan
from . import skema as S
from .ikatan import Peta, pendamping
from .peta import lokasi_sel

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class BukuKerja:
    """What was read: the model, reading findings (with cells), rules, layout and row map."""

    lakip: Lakip
    temuan: list[Temuan]
    aturan: Aturan
    tata: S.Tata
    peta: Peta = field(default_factory=dict)
    pasangan: dict[tuple[str, int], int] = field(default_factory=dict)  # (companion, primary row) -> its row
    # The xlwings.conf sheet as xlwings reads it (key, value), kept through rebuilds and exports.
    xlwings_conf: tuple[tuple[str, Any], ...] = ()
    # SHA-256 of the file's bytes as read (its provenance); None for a live workbook.
    sidik: str | None = None

    def lokasi(self, temuan: list[Temuan]) -> list[Temuan]:
        """Give findings whose path lives in the workbook their ``Sheet!Cell``."""
        for t in temuan:
            if t.lokasi_sel is None:
                sel = lokasi_sel(t.jalur, self.tata, self.peta, self.pasangan)
                if sel:
                    t.lokasi_sel = f"{sel[0]}!{sel[1]}"
        return temuan


def _kolom_indeks(huruf: str) -> int:
    n = 0
    for ch in huruf:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def periksa_berkas(path: Path) -> None:
    """Reject what is not a readable .xlsx/.xlsm with a one-line Indonesian reason."""
    from ..berkas import pesan_os

    try:
        if not path.exists():
            raise BerkasTidakValid(f"Berkas '{path}' tidak ditemukan.")
        if path.is_dir():
            raise BerkasTidakValid(f"'{path}' adalah folder, bukan berkas.")
        with path.open("rb") as f:
            awal = f.read(8)
    except OSError as e:
        raise BerkasTidakValid(pesan_os(e, path, "membuka")) from None
    if awal == OLE_MAGIC:
        raise BerkasTidakValid(
            f"Berkas '{path.name}' dilindungi kata sandi atau berformat Excel lama (.xls). "
            "Buka di Excel, hapus kata sandinya (File > Info > Protect Workbook), simpan sebagai .xlsm, lalu ulangi."
        )
    if not awal.startswith(b"PK"):
        raise BerkasTidakValid(f"Berkas '{path.name}' bukan buku kerja Excel (.xlsx/.xlsm), walaupun namanya demikian.")
    # The archive itself (integrity, size limits) is checked by periksa_isi while it is read.


# Limits on what a workbook may unpack to: far above any real master workbook (the example
# unpacks to 0,3 MB), far below what would exhaust a Kanwil PC. Past a limit the file is refused
# with one line, after at most this much decompression.
BATAS_ISI = 40 * 2**20  # bytes of all parts together, decompressed
BATAS_BAGIAN = 2000  # parts in the package
BATAS_SEL = 2_000_000  # cells in the used area (rows x columns) of one sheet

# Kinds of parts, by name, that neither python-calamine nor lakip-xl unpacks when reading
# values: the checks below skip them, unless the relationships send a reader to one (then it is
# what calamine opens as a sheet, and is checked like any other; see _bagian_dinamai).
# tests/test_berkas_jahat.py corrupts each kind in the example (the values read stay the same)
# and hides a sheet under such a name (refused). Every other part, including any unknown one,
# is unpacked under the limits.
_TIDAK_DIBUKA = re.compile(
    r"(?:\[Content_Types\]\.xml|docProps/[^/]+\.xml|xl/(?:charts|drawings|tables|theme|media|printerSettings)/.+"
    r"|xl/drawings/_rels/.+|xl/comments\d*\.xml|xl/vbaProject\.bin|xl/worksheets/_rels/[^/]+\.rels)"
)

# The parts read first, in this order: which other parts python-calamine opens follows from them.
_PENUNJUK = ("_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml")
_RELASI_ELEMEN = re.compile(rb"<Relationship\b[^>]*>")
_ATTR_ID = re.compile(rb'\bId="([^"]*)"')
_ATTR_TARGET = re.compile(rb'\bTarget="([^"]*)"')
_ATTR_TYPE = re.compile(rb'\bType="([^"]*)"')
_SHEET_RID = re.compile(rb'<sheet\b[^>]*?\br:id="([^"]*)"')
# Relationship types (their last segment) whose target calamine may open besides the sheets.
_JENIS_DIBUKA = (b"/officeDocument", b"/sharedStrings", b"/styles", b"/worksheet", b"/chartsheet")


def _relasi(rels: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """(Id, Target, Type) of every relationship of a ``.rels`` part, attributes in any order."""
    out = []
    for m in _RELASI_ELEMEN.finditer(rels):
        el = m.group(0)
        i, t, j = _ATTR_ID.search(el), _ATTR_TARGET.search(el), _ATTR_TYPE.search(el)
        if t is not None:
            out.append((i.group(1) if i else b"", t.group(1), j.group(1) if j else b""))
    return out


def _nama_bagian(target: bytes, folder: str) -> str:
    """A relationship's target as an archive name, resolved as python-calamine resolves it:
    ``/xl/x.xml`` and ``xl/x.xml`` as they are, ``x.xml`` under ``folder``."""
    t = target.decode("utf-8", "replace").lstrip("/")
    return t if t.startswith(folder) else folder + t


def _bagian_dinamai(isi: dict[str, bytes]) -> set[str]:
    """The archive names of the parts the package and workbook relationships send a reader to:
    the workbook, every sheet ``xl/workbook.xml`` lists, shared strings and styles."""
    lembar = set(_SHEET_RID.findall(isi.get("xl/workbook.xml", b"")))
    keluar = {_nama_bagian(t, "") for _, t, j in _relasi(isi.get("_rels/.rels", b"")) if j.endswith(b"/officeDocument")}
    for i, t, j in _relasi(isi.get("xl/_rels/workbook.xml.rels", b"")):
        if i in lembar or j.endswith(_JENIS_DIBUKA):
            keluar.add(_nama_bagian(t, "xl/"))
    return keluar


_SHEET = re.compile(
    rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"|<sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"'
)
_SEL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
# A cell reference with a 3-letter column or a row of 4 digits or more (any attribute ending in
# r=" may match too: a match only means the exact scan below is done).
_REF_JAUH = re.compile(rb'r="(?:[A-Z]{3}|[A-Z]{1,2}[0-9]{4})')
assert 999 * 702 <= BATAS_SEL  # the shortcut in _periksa_luas stays sound
_SEL_GALAT = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</c>', re.S)
_NILAI = re.compile(rb"<v>([^<]*)</v>")
_R = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')


Sel = dict[tuple[int, int], str]  # (row, col) -> text, sparse


def periksa_isi(path: Path, rumus: bool = False) -> tuple[dict[str, Sel], dict[str, Sel] | None]:
    """Unpack every part with a running cap (a zip bomb is refused after ``BATAS_ISI`` bytes,
    whatever its headers claim), check each sheet's used area, and return per sheet name the
    cells whose cached value is an Excel error (python-calamine reads them as blank) and, with
    ``rumus``, every formula (``"=..."``; a shared formula's dependants as ``"="``), read from
    the sheet XML already in hand instead of a second parser."""
    isi = _isi_arsip(path.name, path, rumus)
    return isi.galat, isi.rumus


@dataclass
class IsiArsip:
    """What one pass over a workbook's archive gives: Excel-error cells and (optionally) the
    formulas per sheet, and the raw ``xl/workbook.xml`` (its defined names)."""

    galat: dict[str, Sel]
    rumus: dict[str, Sel] | None
    workbook_xml: bytes | None  # None when the archive has none (not a workbook)


def _isi_arsip(nama: str, sumber: Path | bytes, rumus: bool = False) -> IsiArsip:
    """The checks of :func:`periksa_isi` on a path or the file's bytes, keeping
    ``xl/workbook.xml`` so the defined names need no second opening of the archive."""
    import html
    import io

    def terlalu_besar() -> BerkasTidakValid:
        return BerkasTidakValid(
            f"Berkas '{nama}' terlalu besar setelah dibuka (lebih dari {BATAS_ISI // 2**20} MB); "
            "buku kerja induk lakip-xl jauh lebih kecil. Periksa berkasnya atau minta kiriman ulang."
        )

    try:
        with zipfile.ZipFile(io.BytesIO(sumber) if isinstance(sumber, bytes) else sumber) as z:
            infos = z.infolist()
            if len(infos) > BATAS_BAGIAN:
                raise BerkasTidakValid(f"Berkas '{nama}' berisi {len(infos)} bagian; bukan buku kerja induk lakip-xl.")
            isi: dict[str, bytes] = {}
            total = 0
            # The relationships and the workbook first: a part they send a reader to (a sheet,
            # shared strings, the workbook) is what python-calamine opens, whatever its name, so
            # it is never skipped below.
            dinamai: set[str] = set()
            urutan = {n: k for k, n in enumerate(_PENUNJUK)}
            for info in sorted(infos, key=lambda i: urutan.get(i.filename, len(_PENUNJUK))):
                if info.filename not in dinamai and _TIDAK_DIBUKA.fullmatch(info.filename):
                    continue  # no reader of lakip-xl unpacks it: its size and integrity do not matter
                simpan = (
                    info.filename.startswith("xl/worksheets/")
                    or info.filename.endswith(".rels")
                    or (info.filename == "xl/workbook.xml")
                    or info.filename in dinamai
                )
                langsung = _bagian_langsung(sumber, info, BATAS_ISI - total) if isinstance(sumber, bytes) else None
                if langsung is not None:
                    if len(langsung) > BATAS_ISI - total:
                        raise terlalu_besar()
                    total += len(langsung)
                    if simpan:
                        isi[info.filename] = langsung
                else:
                    potongan = []
                    with z.open(info) as f:
                        while blok := f.read(1 << 20):
                            total += len(blok)
                            if total > BATAS_ISI:
                                raise terlalu_besar()
                            if simpan:
                                potongan.append(blok)
                    if potongan:
                        isi[info.filename] = b"".join(potongan)
                if info.filename in urutan:
                    dinamai = _bagian_dinamai(isi)
    except BerkasTidakValid:
        raise
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, OSError, zlib.error):
        raise BerkasTidakValid(f"Berkas '{nama}' rusak (arsip tidak utuh); minta kiriman ulang.") from None
    target = {i: _nama_bagian(t, "xl/") for i, t, _ in _relasi(isi.get("xl/_rels/workbook.xml.rels", b""))}
    galat: dict[str, Sel] = {}
    semua_rumus: dict[str, Sel] | None = {} if rumus else None
    workbook_xml = isi.get("xl/workbook.xml")
    for m in _SHEET.finditer(workbook_xml or b""):
        lembar_b, rid = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(4), m.group(3))
        lembar = html.unescape(lembar_b.decode("utf-8", "replace"))
        xml = isi.get(target.get(rid, ""), b"")
        _periksa_luas(nama, lembar, xml)
        sel = {}
        if b't="e"' in xml:
            for g in _SEL_GALAT.finditer(xml):
                r, v = _R.search(g.group(1)), _NILAI.search(g.group(2))
                if r is not None:
                    sel[(int(r.group(2)) - 1, _kolom_cache(r.group(1).decode()))] = (
                        v.group(1).decode("utf-8", "replace") if v else "#GALAT"
                    )
        if sel:
            galat[lembar] = sel
        if semua_rumus is not None:
            semua_rumus[lembar] = _rumus_lembar(xml)
    return IsiArsip(galat, semua_rumus, workbook_xml)


_DEFLATE_RASIO_MAKS = 1100  # deflate unpacks at most about 1032 bytes per compressed byte


def _bagian_langsung(data: bytes, info: zipfile.ZipInfo, sisa: int) -> bytes | None:
    """One stored or deflated, unencrypted part of an archive held in memory, unpacked by zlib
    straight from its bytes (zipfile's per-part machinery costs more than the unpacking), to at
    most ``sisa + 1`` bytes, its CRC checked; ``None`` for any other kind of part (zipfile reads
    it). Raises ``zipfile.BadZipFile`` for a damaged part, as zipfile would."""
    if info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    h = info.header_offset
    if data[h : h + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("local header")
    n_nama, n_tambahan = (
        int.from_bytes(data[h + 26 : h + 28], "little"),
        int.from_bytes(data[h + 28 : h + 30], "little"),
    )
    awal = h + 30 + n_nama + n_tambahan
    mampat = data[awal : awal + info.compress_size]
    if len(mampat) != info.compress_size:
        raise zipfile.BadZipFile("truncated")
    if info.compress_type == zipfile.ZIP_STORED:
        keluar = mampat
    elif len(mampat) * _DEFLATE_RASIO_MAKS <= sisa:  # cannot unpack past the cap: one call
        keluar = zlib.decompress(mampat, -15)
    else:
        d = zlib.decompressobj(-15)
        keluar = d.decompress(mampat, sisa + 1)
        if len(keluar) > sisa:
            return keluar  # the caller refuses it as too large
        if not d.eof:
            raise zipfile.BadZipFile("truncated stream")
    if zlib.crc32(keluar) != info.CRC:
        raise zipfile.BadZipFile("CRC")
    return keluar


_F = re.compile(rb"<f\b[^>]*?(?:/>|>([^<]*)</f>)")


def _rumus_lembar(xml: bytes) -> Sel:
    """Every formula of a sheet's XML, by the cell that holds it."""
    import html

    out: Sel = {}
    for m in _F.finditer(xml):
        awal = xml.rfind(b"<c ", 0, m.start())
        if awal < 0:
            continue
        r = _R.search(xml, awal, xml.find(b">", awal))
        if r is None:
            continue
        teks = m.group(1)
        out[(int(r.group(2)) - 1, _kolom_cache(r.group(1).decode()))] = "=" + (
            html.unescape(teks.decode("utf-8", "replace")) if teks else ""
        )
    return out


def _periksa_luas(nama: str, lembar: str, xml: bytes) -> None:
    """Refuse a sheet whose used area (from its first to its last cell) is absurdly large.

    The cell references are collected by the regex engine a megabyte of XML at a time (cut
    before a ``<c``), so a hostile sheet of millions of cells never becomes millions of objects."""
    if _REF_JAUH.search(xml) is None:
        return  # every cell within 999 rows and 702 columns (ZZ): far below the limit
    r0 = c0 = 1 << 30
    r1 = c1 = -1
    awal, n = 0, len(xml)
    while awal < n:
        akhir = xml.find(b"<c", awal + (1 << 20))
        akhir = n if akhir < 0 else akhir
        ref = _SEL_REF.findall(xml, awal, akhir)  # [(column letters, row digits)]
        awal = akhir
        if not ref:
            continue
        huruf, angka = zip(*ref, strict=True)
        baris = [int(a) for a in set(angka)]  # a row's cells share its digits
        kolom = [_kolom_cache(h.decode()) for h in set(huruf)]  # a sheet uses few distinct columns
        r0, r1 = min(r0, min(baris)), max(r1, max(baris))
        c0, c1 = min(c0, min(kolom)), max(c1, max(kolom))
    if r1 >= 0 and (r1 - r0 + 1) * (c1 - c0 + 1) > BATAS_SEL:
        raise BerkasTidakValid(
            f"Lembar '{lembar}' di berkas '{nama}' terisi sampai sel yang terlalu jauh ({r1} baris x {c1 + 1} kolom); "
            "hapus isi di luar tabel (Ctrl+End menunjukkan sel terakhir), simpan, lalu ulangi."
        )


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
# The first cell reference of a formula: sheet ('quoted' or bare), column, row.
_RUJUKAN_RUMUS = re.compile(r"(?:'((?:[^']|'')+)'|([A-Za-z0-9_.]+))!\$?([A-Z]{1,3})\$?(\d+)")


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
    """Workbook-level defined names of a workbook file (see :func:`_nama_dari_xml`)."""
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("xl/workbook.xml")
    except KeyError:
        raise BerkasTidakValid(f"Berkas '{path.name}' bukan buku kerja Excel (tidak ada xl/workbook.xml).") from None
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise BerkasTidakValid(f"Berkas '{path.name}' rusak (arsip tidak utuh); minta kiriman ulang.") from None
    return _nama_dari_xml(path.name, xml)


def _nama_dari_xml(nama_berkas: str, data: bytes) -> dict[str, tuple[str, int, int, int, int]]:
    """Workbook-level defined names straight from ``xl/workbook.xml`` (fast, no openpyxl).

    Sheet-scoped names (``localSheetId``) and names that are not one cell range are skipped.
    Workbooks made from one template carry the same ``xl/workbook.xml``: it is parsed once.
    """
    try:
        return dict(_nama_xml_cache(data))
    except ValueError:
        raise BerkasTidakValid(f"Berkas '{nama_berkas}' rusak (arsip tidak utuh); minta kiriman ulang.") from None


@lru_cache(maxsize=32)
def _nama_xml_cache(data: bytes) -> dict[str, Any]:
    import html

    xml = data.decode("utf-8")
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
        rumus: dict[str, Sel] | None,
    ) -> None:
        self.nama_berkas = nama_berkas
        self.nilai = nilai
        self.nama = nama
        self.rumus = rumus
        self.temuan: list[Temuan] = []
        self.sidik: str | None = None  # SHA-256 of the bytes read, for a file
        # Cells whose cached value is an Excel error (#DIV/0!, #REF!, ...): sheet -> (row, col) -> text.
        self.galat_excel: dict[str, dict[tuple[int, int], str]] = {}

    def ada_lembar(self, lembar: str) -> bool:
        return lembar in getattr(self.nilai, "nama", self.nilai)

    def struktur(self, pesan: str, lokasi: str, lama: bool = False) -> None:
        """A damaged workbook structure (sheet, name or header): a galat at its cell. In a workbook
        of an older schema read for an upgrade, a part added later is missing by design."""
        if lama:
            self.temuan.append(Temuan("VERSI_LAMA", "peringatan", ("buku_kerja", lokasi), pesan, lokasi_sel=lokasi))
        else:
            self.temuan.append(Temuan("STRUKTUR_RUSAK", "galat", ("buku_kerja", lokasi), pesan, lokasi_sel=lokasi))

    def nilai_sel(self, lembar: str, r: int, c: int, jalur: tuple[Any, ...]) -> Any:
        """An input cell's value; an Excel error in it is a galat naming the cell (value blank)."""
        galat = self.galat_excel.get(lembar, {}).get((r, c))
        if galat is not None:
            from xlsxwriter.utility import xl_rowcol_to_cell

            ref = f"{lembar}!{xl_rowcol_to_cell(r, c)}"
            self.temuan.append(
                Temuan(
                    "NILAI_GALAT_EXCEL",
                    "galat",
                    jalur,
                    f"Sel {ref} berisi nilai galat Excel {galat}, bukan angka atau teks; sel ini dianggap kosong. "
                    "Perbaiki isinya.",
                    lokasi_sel=ref,
                )
            )
            return None
        return self.sel(lembar, r, c)

    @classmethod
    def dari_berkas(cls, path: Path, periksa_rumus: bool = True) -> _Pembaca:
        """Values by python-calamine (each sheet loaded on first use), names from
        ``xl/workbook.xml``; formulas from the sheet XML only when ``periksa_rumus``."""
        import io

        from python_calamine import CalamineWorkbook

        from ..berkas import pesan_os

        # One read that the checks, the names and calamine share; a file larger than anything
        # it may unpack to (padding, a long comment) is read from disk, where the checks refuse it.
        data: bytes | None = None
        try:
            if path.stat().st_size <= BATAS_ISI:
                data = path.read_bytes()
        except OSError as e:
            raise BerkasTidakValid(pesan_os(e, path, "membuka")) from None
        try:
            # First: nothing else unpacks a part before the limits are checked.
            isi = _isi_arsip(path.name, path if data is None else data, rumus=periksa_rumus)
            if isi.workbook_xml is None:
                raise BerkasTidakValid(f"Berkas '{path.name}' bukan buku kerja Excel (tidak ada xl/workbook.xml).")
            galat, rumus = isi.galat, isi.rumus
            nama = _nama_dari_xml(path.name, isi.workbook_xml)
            cal = (
                CalamineWorkbook.from_path(str(path))
                if data is None
                else CalamineWorkbook.from_filelike(io.BytesIO(data))
            )
            nilai = _GridMalas(cal)
        except BerkasTidakValid:
            raise
        except Exception as e:  # any parser failure means a damaged file
            raise BerkasTidakValid(
                f"Berkas '{path.name}' tidak dapat dibaca sebagai buku kerja ({type(e).__name__})."
            ) from None
        pb = cls(path.name, nilai, nama, rumus)
        pb.galat_excel = galat
        if data is not None:
            import hashlib

            pb.sidik = hashlib.sha256(data).hexdigest()
        return pb

    def sel(self, lembar: str, r: int, c: int) -> Any:
        grid = self.nilai.get(lembar)
        return grid.sel(r, c) if grid is not None else None

    def tata(self, lama: bool = False) -> S.Tata:
        """Where every table and cell is, found through the defined names (so a renamed sheet is
        still read). A name that is gone, points at a missing sheet, or a table whose header row
        moved is a galat at its place; such a table is read as absent, never as empty."""
        tata = S.Tata()
        ulang = (
            "Kembalikan dengan Ctrl+Z atau dari salinan sebelumnya; atau pindahkan data lainnya ke buku kerja baru: "
            f"lakip-xl buku-kerja tingkatkan '{self.nama_berkas}' -o BARU.xlsm --paksa"
        )
        # A workbook without the KRO table (schema 3 or older) has the old Output columns.
        tabel_lama = S.TABEL_V3 if lama and "Data_Kro" not in self.nama else {}
        for t in S.TABEL:
            t = tabel_lama.get(t.kunci, t)
            n = self.nama.get(f"Data_{t.kunci}")
            if n is None and lama and t.kunci in S.BARU:
                continue  # newer than the workbook: nothing to read
            if n is None or not self.ada_lembar(n[0]):
                sebab = "namanya hilang atau rusak (#REF!)" if n is None else f"lembar '{n[0]}' tidak ada"
                self.struktur(
                    f"Tabel {t.judul} (nama Data_{t.kunci}, lembar {t.lembar}) tidak ditemukan: {sebab}; isinya tidak "
                    f"terbaca. Jangan menghapus lembar atau tabel. {ulang}.",
                    f"{t.lembar}!A1",
                    lama,
                )
                continue
            lembar, r1, c1, r2, c2 = n
            p = S.Posisi(t, r1 - 1, r1, r2, kolom_awal=c1, lembar=lembar)
            if not lama and not self._kepala_utuh(p, c2):
                continue
            tata.posisi[t.kunci] = p
        for b in S.BLOK:
            for s in b.sel:
                n = self.nama.get(s.nama)
                if n is not None and self.ada_lembar(n[0]):
                    tata.sel[s.nama] = (n[0], n[1], n[2])
                elif s.jenis == "input" and not (lama and (b.lembar in S.BARU or s.nama in S.BARU)):
                    self.struktur(
                        f"Sel '{s.label}' (nama {s.nama}, lembar {b.lembar}) tidak ditemukan; isinya tidak terbaca. {ulang}.",
                        f"{b.lembar}!A1",
                        lama,
                    )
        return tata

    def _kepala_utuh(self, p: S.Posisi, c2: int) -> bool:
        """Whether the header row above a table's data still holds its column titles in order."""
        from xlsxwriter.utility import xl_rowcol_to_cell

        t = p.tabel
        grid = self.nilai.get(p.lembar)
        utuh = grid is not None and grid.potong(p.baris_judul, p.kolom_awal, p.kolom_awal + len(t.kolom)) == tuple(
            k.judul for k in t.kolom
        )
        for j, k in enumerate(() if utuh else t.kolom):
            v = self.sel(p.lembar, p.baris_judul, p.kolom_awal + j)
            if v != k.judul:
                ref = f"{p.lembar}!{xl_rowcol_to_cell(p.baris_judul, p.kolom_awal + j)}"
                ada = "kosong" if v in (None, "") else f"'{v}'"
                self.struktur(
                    f"Judul kolom tabel {t.judul} di {ref} seharusnya '{k.judul}', tetapi {ada}: kolom atau baris judul "
                    "tabel telah digeser; isi tabel ini tidak terbaca. Kembalikan susunannya (Ctrl+Z) atau salin datanya "
                    "ke buku kerja baru (lakip-xl buku-kerja baru).",
                    ref,
                )
                return False
        if c2 - p.kolom_awal + 1 != len(t.kolom):
            ref = f"{p.lembar}!{xl_rowcol_to_cell(p.baris_judul, c2)}"
            self.struktur(
                f"Tabel {t.judul} mendapat kolom tambahan (sampai {ref}); isi tabel ini tidak terbaca. "
                "Hapus kolom tambahan itu (Ctrl+Z).",
                ref,
            )
            return False
        return True


def _pengambil(indeks: list[int]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving a row's values at ``indeks`` as a tuple (``itemgetter``, always a tuple)."""
    if len(indeks) == 1:
        j = indeks[0]
        return lambda b: (b[j],)
    return itemgetter(*indeks)


def _baris_terisi(vals: list[Any]) -> bool:
    """Whether a row of already-cleaned values holds anything."""
    return any(v is not None for v in vals)


def baca_buku_kerja(path: str | Path, periksa_rumus: bool = True, versi_lama: bool = False) -> BukuKerja:
    """Read a workbook file; raises :class:`BerkasTidakValid` (one Indonesian line) when it cannot.

    ``periksa_rumus=False`` skips the overwritten-formula check: the regional rekap recomputes
    everything in Python.
    """
    path = Path(path)
    periksa_berkas(path)
    return baca_grid(_Pembaca.dari_berkas(path, periksa_rumus), versi_lama)


def baca_grid(pb: _Pembaca, versi_lama: bool = False) -> BukuKerja:
    """Read the model from cell grids and names (a file or a live workbook).

    ``versi_lama=True`` (used by ``buku-kerja tingkatkan``) reads a workbook of an older schema
    version through its defined names, with a warning; a newer version is always refused.
    """
    versi = _bersih(_versi(pb.nilai, pb.nama))
    nama = pb.nama_berkas
    lama = versi_lama and isinstance(versi, int) and not isinstance(versi, bool) and versi < S.VERSI_BUKU_KERJA
    if lama:
        pb.temuan.append(
            Temuan(
                "VERSI_LAMA",
                "peringatan",
                ("buku_kerja",),
                f"Buku kerja memakai skema versi {versi}; data dibaca lewat nama-nama terdefinisi dan dipindahkan ke versi "
                f"{S.VERSI_BUKU_KERJA}. Periksa hasilnya.",
                lokasi_sel=S.alamat(S.SEL_VERSI_SKEMA),
            )
        )
    if versi is None:
        raise BerkasTidakValid(
            f"Buku kerja '{nama}' bukan buku kerja induk lakip-xl (tidak ada versi skema). "
            "Buat buku kerja dengan 'lakip-xl buku-kerja baru'."
        )
    if versi != S.VERSI_BUKU_KERJA and not lama:
        raise BerkasTidakValid(
            f"Buku kerja '{nama}' memakai skema versi {versi}, sedangkan lakip-xl ini memakai versi {S.VERSI_BUKU_KERJA}. "
            f"Pindahkan datanya ke templat baru: lakip-xl buku-kerja tingkatkan '{nama}' -o BARU.xlsm"
            + (" (perlu lakip-xl yang lebih baru)." if isinstance(versi, int) and versi > S.VERSI_BUKU_KERJA else ".")
        )
    tata = pb.tata(lama)
    # A workbook of schema 3 or older has no KRO level: its outputs are read under their kegiatan
    # and moved under a KRO exactly as a versi-1 data file is (schema.data.migrasi_v1).
    tanpa_kro = lama and "Data_Kro" not in pb.nama
    data: dict[str, Any] = {"versi_skema": 1 if tanpa_kro else SCHEMA_VERSION}
    aturan = _aturan(pb, tata, lama)
    # Blocks.
    for b in S.BLOK:
        for s in b.sel:
            if s.jenis != "input" or s.nama not in tata.sel:
                continue
            lembar, r, c = tata.sel[s.nama]
            v = _bersih(pb.nilai_sel(lembar, r, c, tuple(s.kunci.split("."))))
            if b is S.PENGATURAN and not s.kunci.startswith("pengaturan."):
                continue  # rule data, read by _aturan
            if s.format == "tanggal":
                v = tanggal_iso(v)
            if s.kunci in ("profil.misi", "profil.fungsi"):
                v = [x for x in str(v).split("\n")] if v is not None else []
            _set(data, s.kunci, v)
    # Tables, as skema.IKATAN binds them to the model's lists.
    peta: Peta = {}
    tabel = _Tabel(pb, tata, data, peta, S.IKATAN_V3 if tanpa_kro else S.IKATAN)
    tabel.baca_semua()
    _kode_ikpa(data, aturan)
    if tanpa_kro:  # the outputs' paths as migrated: each kegiatan's outputs under its one KRO
        peta = {_jalur_v2(j): v for j, v in peta.items()}
    lakip, temuan_baca = dari_dict(data)
    temuan_baca = [_teks_di_buku_kerja(t) for t in temuan_baca]
    bk = BukuKerja(lakip, pb.temuan + temuan_baca, aturan, tata, peta, tabel.pasangan, _xlwings_conf(pb), pb.sidik)
    bk.temuan += _rumus_ditimpa(pb, tata)
    bk.lokasi(bk.temuan)
    return bk


def _kode_ikpa(data: dict[str, Any], aturan: Aturan) -> None:
    """The IKPA sheet shows indicators by name (schema 4); the model keeps the rules' code. A
    code typed by habit stays a code; an unknown entry is kept for the validator to name."""
    kode = {x.nama.casefold(): x.kode for s in aturan.ikpa for x in s.indikator}
    for k in (data.get("ikpa") or {}).get("komponen") or []:
        if isinstance(k.get("kode"), str):
            rapi = re.sub(" +", " ", k["kode"].strip(" "))  # as the sheet's TRIM() reads it
            k["kode"] = kode.get(rapi.casefold(), rapi)


def _jalur_v2(j: tuple[Any, ...]) -> tuple[Any, ...]:
    """An output's path of a workbook without KROs, as ``migrasi_v1`` places it."""
    if len(j) >= 7 and j[:2] == ("anggaran", "program") and j[3] == "kegiatan" and j[5] == "output":
        return (*j[:5], "kro", 0, *j[5:])
    return j


SEL = "\x00sel\x00"  # stands for a finding's cell address in a message built before it is known
_ANGKA_DI_PESAN = re.compile(r"ditulis sebagai angka (\S+);")


def _teks_di_buku_kerja(t: Temuan) -> Temuan:
    """In a workbook a number typed as text, or a code typed as a number, is a galat: the sheet's
    own formulas (sums, SUMIFS, code matches) cannot use it while lakip-xl reads it, so the
    numbers a reviewer sees without Python would differ from lakip-xl's. (In a JSON file the
    same findings stay warnings: nothing else computes from it.)"""
    if t.kode == "ANGKA_SEBAGAI_TEKS":
        return dataclasses.replace(
            t,
            tingkat="galat",
            pesan=t.pesan.replace("; sebaiknya tulis sebagai angka.", ".")
            + " Rumus buku kerja tidak menghitung teks, jadi angka buku kerja berbeda dengan hasil lakip-xl: "
            "ketik ulang sebagai angka.",
        )
    if t.kode == "TEKS_SEBAGAI_ANGKA" and t.jalur and t.jalur[-1] == "kode":
        m = _ANGKA_DI_PESAN.search(t.pesan)
        angka = m.group(1) if m else ""
        return dataclasses.replace(
            t,
            tingkat="galat",
            pesan=f"Kode ditulis sebagai angka {angka}; rumus buku kerja mencocokkan kode sebagai teks, jadi "
            f"jumlah di atasnya kosong di buku kerja. Ketik ulang sebagai teks (awali dengan tanda petik: '{angka}).",
        )
    return t


def _xlwings_conf(pb: _Pembaca) -> tuple[tuple[str, Any], ...]:
    """The ``xlwings.conf`` sheet's settings the way xlwings.bas reads them: keys in column A
    from A1 down to the first blank key, values in column B."""
    if not pb.ada_lembar("xlwings.conf"):
        return ()
    hasil: list[tuple[str, Any]] = []
    r = 0
    while True:
        kunci = _bersih(pb.sel("xlwings.conf", r, 0))
        if kunci is None or str(kunci).strip() == "":
            return tuple(hasil)
        hasil.append((str(kunci).strip(), _bersih(pb.sel("xlwings.conf", r, 1))))
        r += 1


class _Tabel:
    """Reads every bound table back into the model's lists (``skema.IKATAN``): rows of a
    companion table are merged into their primary table's rows, a child row is attached to
    the parent whose code it names, and every list item's row goes into the cell map."""

    def __init__(
        self, pb: _Pembaca, tata: S.Tata, data: dict[str, Any], peta: Peta, ikatan: tuple[S.Ikatan, ...] = S.IKATAN
    ) -> None:
        self.pb, self.tata, self.data, self.peta, self.ikatan = pb, tata, data, peta, ikatan
        self.pasangan: dict[tuple[str, int], int] = {}  # (companion table, primary row) -> companion row
        self.per_kode: dict[str, dict[tuple[str, ...], tuple[tuple[Any, ...], dict[str, Any]]]] = {}

    def baca_semua(self) -> None:
        for ik in self.ikatan:
            if ik.pendamping is not None:
                continue  # read with its primary table
            if ik.induk is None:
                _set(self.data, ".".join(ik.jalur), self.daftar(ik))
            else:
                self.anak(ik)

    def rows(self, kunci: str, kunci_baca: tuple[str, ...] = ()) -> list[tuple[int, dict[str, Any]]]:
        """Input values (and the ``kunci_baca`` formula columns) of every data row of a table,
        keyed by column; none when the table was not found (a structural galat says so). A row
        whose columns read here are all blank is left out: it holds no data, and no code that a
        companion row could pair with."""
        p = self.tata.posisi.get(kunci)
        if p is None:
            return []
        grid = self.pb.nilai.get(p.lembar) or Grid([])
        galat = self.pb.galat_excel.get(p.lembar, {})
        kolom = [(k.kunci, p.kolom(k.kunci) - p.kolom_awal) for k in p.tabel.kolom if k.jenis == "input"]
        n_input = len(kolom)
        kolom += [(k, p.kolom(k) - p.kolom_awal) for k in kunci_baca]
        c_awal, c_akhir = p.kolom_awal, p.kolom_awal + len(p.tabel.kolom)
        tanggal = [k.kunci for k in p.tabel.kolom if k.format == "tanggal" and k.jenis == "input"]
        keluar: list[tuple[int, dict[str, Any]]] = []
        nama = [k for k, _ in kolom]
        indeks = [c for _, c in kolom]
        if not indeks:
            return keluar  # nothing to read (a table of formulas only)
        ambil = _pengambil(indeks)
        # The same columns straight from the grid's rows (the common case: the table lies inside
        # the sheet's used area, so no padding is needed).
        geser = c_awal - grid.c0
        ambil_grid = _pengambil([geser + c for c in indeks]) if geser >= 0 else None
        paling_kanan = geser + max(indeks)
        baris_grid = grid.rows
        for i in range(p.jumlah_baris):
            r = p.awal + i
            gi = r - grid.r0
            if gi >= len(baris_grid) and not galat:
                break  # below the sheet's used area: the rest of the table is blank
            if ambil_grid is not None and 0 <= gi < len(baris_grid) and len(baris_grid[gi]) > paling_kanan:
                nilai = ambil_grid(baris_grid[gi])
            else:
                nilai = ambil(grid.potong(r, c_awal, c_akhir))
            if not galat and nilai.count("") + nilai.count(None) == len(nilai):
                continue  # a spare row
            if galat:  # input cells holding an Excel error are galat; formula columns read as blank
                baris = grid.potong(r, c_awal, c_akhir)
                jalur = ("buku_kerja", p.lembar)
                vals = {k: _bersih(self.pb.nilai_sel(p.lembar, r, c_awal + c, jalur)) for k, c in kolom[:n_input]}
                vals.update({k: _bersih(baris[c]) for k, c in kolom[n_input:]})
                keluar.append((i, vals))
            else:
                keluar.append((i, {k: _bersih(v) for k, v in zip(nama, nilai, strict=True)}))
            for k in tanggal:  # a date cell: a date, a serial that lost its format, or d/m/y text
                vals = keluar[-1][1]
                if vals[k] is not None:
                    vals[k] = tanggal_iso(vals[k])
        return keluar

    def rows_lengkap(self, kunci: str, buang_kosong: bool = False) -> list[tuple[int, dict[str, Any]]]:
        """A table's rows with its companions' columns merged in; ``x.0``..``x.3`` become lists.

        A companion row belongs to the primary row whose code its (formula) code column shows,
        never to the row at the same position: a row inserted on one sheet only must not shift
        the other's data onto the wrong item. A companion row with data and no matching code is
        a galat at its code cell. ``buang_kosong`` leaves out the rows that hold nothing at all
        (spare rows), which a list never keeps."""
        rows = self.rows(kunci)
        kode_baris = {i: vals.get("kode") for i, vals in rows}
        kode_induk = {str(k) for k in kode_baris.values() if k is not None}
        for t in pendamping(kunci):
            if t not in self.tata.posisi:
                continue  # a missing companion table is already a structural galat
            per_kode: dict[str, tuple[int, dict[str, Any]]] = {}
            tertulis = "kode_tertulis" in self.tata.posisi[t].tabel._indeks
            baris_kode: list[tuple[int, Any, Any, bool]] = []  # (row, code shown, code written, has data)
            for j, vals in self.rows(t, ("kode", "kode_tertulis") if tertulis else ("kode",)):
                kode = vals.pop("kode")
                kt = vals.pop("kode_tertulis", None)
                baris_kode.append((j, kode, kt, any(v is not None for v in vals.values())))
                if kode is None:  # no cached value (saved by a tool that does not calculate)
                    i = self._baris_rujukan(t, j, kunci)
                    kode = kode_baris.get(i) if i is not None else None
                if kode is None and not _baris_terisi(list(vals.values())):
                    continue
                terisi = any(v is not None for v in vals.values())
                if kode is not None and str(kode) not in per_kode:
                    per_kode[str(kode)] = (j, vals)
                elif kode is not None and terisi and not any(v is not None for v in per_kode[str(kode)][1].values()):
                    per_kode[str(kode)] = (j, vals)  # a blank row showing the same code gives way to the filled one
                elif terisi:
                    self._tanpa_pasangan(t, kunci, j, kode, kode_induk)
            self._bergeser(t, kunci, baris_kode)
            dipakai: set[int] = set()
            gabung = []
            for i, vals in rows:
                kode = vals.get("kode")
                pasangan = per_kode.get(str(kode)) if kode is not None else None
                if pasangan is not None and pasangan[0] not in dipakai:
                    dipakai.add(pasangan[0])
                    self.pasangan[(t, i)] = pasangan[0]
                    vals = {**vals, **pasangan[1]}
                elif kode is not None and pasangan is None:
                    self._tidak_tampil(kunci, t, i, kode)
                gabung.append((i, vals))
            for kode, (j, vals) in per_kode.items():
                if j not in dipakai and any(v is not None for v in vals.values()):
                    self._tanpa_pasangan(t, kunci, j, kode, kode_induk)
            rows = gabung
        if buang_kosong:
            rows = [(i, vals) for i, vals in rows if any(v is not None for v in vals.values())]
        return [(i, _daftar_bertitik(vals)) for i, vals in rows]

    # Where a message names its own cell (the cell is known only when the finding is placed).
    def _bergeser(self, t: str, induk: str, baris_kode: list[tuple[int, Any, Any, bool]]) -> None:
        """Galat where a companion row's typed values no longer belong to the item its code formula
        shows: the primary table was sorted, or a row cut and pasted (the formulas follow the item,
        the typed values stay). A row counts as moved when the item it was written for has no
        row of its own any more; a copied row (a new item typed under a copy of the row above)
        does not."""
        p = self.tata.posisi[t]
        berpasangan = {str(kt) for _, kode, kt, _ in baris_kode if kt not in (None, "") and str(kt) == str(kode)}
        for j, kode, kt, terisi in baris_kode:
            if terisi and kt not in (None, "") and kode not in (None, "") and str(kt) != str(kode):
                if str(kt) not in berpasangan:
                    pesan = (
                        "Isian baris " + SEL + f" ditulis untuk indikator '{kt}', tetapi baris ini kini menampilkan "
                        f"'{kode}': tabel {induk} telah diurutkan atau barisnya dipindahkan, sehingga isian lembar "
                        f"{p.lembar} menempel pada indikator lain. Urungkan (Ctrl+Z), atau pindahkan isian "
                        f"lembar {p.lembar} ke baris indikatornya."
                    )
                    self._galat_di_kode("PASANGAN_BERGESER", t, j, lambda ref: pesan.replace(SEL, ref))  # noqa: B023

    def _baris_rujukan(self, tabel: str, j: int, induk: str) -> int | None:
        """The primary row that row ``j``'s code formula refers to (``=IF(Indikator!A7="",...``)."""
        p, q = self.tata.posisi[tabel], self.tata.posisi.get(induk)
        if self.pb.rumus is None or q is None:
            return None
        f = (self.pb.rumus.get(p.lembar) or {}).get((p.awal + j, p.kolom("kode")))
        m = _RUJUKAN_RUMUS.search(f) if isinstance(f, str) else None
        if m is None:
            return None
        lembar = m.group(1).replace("''", "'") if m.group(1) else m.group(2)
        baris = int(m.group(4)) - 1 - q.awal
        return baris if lembar == q.lembar and 0 <= baris < q.jumlah_baris else None

    def _galat_di_kode(self, kode_temuan: str, tabel: str, i: int, pesan: Callable[[str], str]) -> None:
        """A galat at the code cell of row ``i`` of ``tabel`` (``pesan`` gets that cell's address)."""
        p = self.tata.posisi[tabel]
        ref = f"{p.lembar}!{p.sel('kode', i)}"
        self.pb.temuan.append(Temuan(kode_temuan, "galat", ("buku_kerja", p.lembar, i), pesan(ref), lokasi_sel=ref))

    def _tidak_tampil(self, induk: str, tabel: str, i: int, kode: Any) -> None:
        """An item no row of its companion sheet shows (a row inserted on one sheet only): its
        companion values cannot be typed anywhere."""
        lembar, lembar_induk = self.tata.posisi[tabel].lembar, self.tata.posisi[induk].lembar
        self._galat_di_kode(
            "PASANGAN_HILANG",
            induk,
            i,
            lambda ref: (
                f"'{kode}' ({ref}) tidak tampil di lembar {lembar}, sehingga isian {lembar.lower()}-nya tidak dapat "
                f"diisi dan dianggap kosong (baris disisipkan di lembar {lembar_induk} saja?). Pindahkan data ke buku "
                f"kerja baru yang menampilkan semua baris: lakip-xl buku-kerja tingkatkan '{self.pb.nama_berkas}' "
                "-o BARU.xlsm"
            ),
        )

    def _tanpa_pasangan(self, tabel: str, induk: str, j: int, kode: Any, kode_induk: set[str]) -> None:
        """A filled companion row whose code matches no item (blank, unknown, or used twice)."""
        if kode is None:
            sebab = "kodenya kosong"
        elif str(kode) in kode_induk:
            sebab = f"kode '{kode}' dipakai lebih dari sekali"
        else:
            sebab = f"kode '{kode}' tidak ada"
        self._galat_di_kode(
            "BARIS_TANPA_PASANGAN",
            tabel,
            j,
            lambda ref: (
                f"Baris {ref} berisi data tetapi {sebab} di tabel {induk}; isinya tidak ikut dihitung. "
                f"Bila baris disisipkan atau dihapus di satu lembar saja, pindahkan datanya ke buku kerja baru "
                f"(lakip-xl buku-kerja tingkatkan '{self.pb.nama_berkas}' -o BARU.xlsm --paksa) lalu isi ulang baris ini."
            ),
        )

    def daftar(self, ik: S.Ikatan) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i, vals in self.rows_lengkap(ik.tabel, buang_kosong=True):
            # A prefilled row (the month of an empty planner row) holds no data.
            isi = {k: v for k, v in vals.items() if k not in ik.kunci_isian}
            if _baris_terisi(list(_datar(isi))):
                jalur: tuple[str | int, ...] = (*ik.jalur, len(out))
                self.peta[jalur] = (ik.tabel, i)
                self._catat_kode(ik, vals, jalur)
                out.append(vals)
        return out

    def _catat_kode(
        self, ik: S.Ikatan, vals: dict[str, Any], jalur: tuple[Any, ...], kolom: dict[str, Any] | None = None
    ) -> None:
        """Remember a row by its key (``Ikatan.kunci``) for its children (the first row wins)."""
        anak = [x for x in self.ikatan if x.induk == ik.tabel]
        for x in anak:
            vals.setdefault(x.jalur[-1], [])
        kunci = tuple((kolom or {}).get(k, vals.get(k)) for k in ik.kunci)
        if anak and all(k is not None for k in kunci):
            self.per_kode.setdefault(ik.tabel, {}).setdefault(tuple(map(str, kunci)), (jalur, vals))

    def anak(self, ik: S.Ikatan) -> None:
        assert ik.induk is not None and ik.kolom_induk
        induk_per_kode = self.per_kode.get(ik.induk, {})
        for i, vals in self.rows_lengkap(ik.tabel):
            if not _baris_terisi(list(vals.values())):
                continue
            kolom = {k: vals.pop(k) for k in ik.kolom_induk}
            self._kode_angka(ik, i, kolom)
            induk = self._induk(ik, i, vals, kolom, induk_per_kode)
            if induk is None:
                continue
            jalur_induk, vals_induk = induk
            daftar = vals_induk.setdefault(ik.jalur[-1], [])
            jalur: tuple[str | int, ...] = (*jalur_induk, *ik.jalur, len(daftar))
            self.peta[jalur] = (ik.tabel, i)
            self._catat_kode(ik, vals, jalur, kolom)
            daftar.append(vals)

    def _kode_angka(self, ik: S.Ikatan, i: int, kolom: dict[str, Any]) -> None:
        """A parent code typed (or pasted) as a number: lakip-xl matches it, but the sheet's
        formulas compare codes as text and leave the parent's sums blank, so the two would differ."""
        p = self.tata.posisi[ik.tabel]
        for k, v in kolom.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ref = f"{p.lembar}!{p.sel(k, i)}"
                self.pb.temuan.append(
                    Temuan(
                        "KODE_SEBAGAI_ANGKA",
                        "galat",
                        ("buku_kerja", p.lembar),
                        f"{p.tabel.kol(k).judul} di {ref} ditulis sebagai angka {v:g}; rumus buku kerja mencocokkan "
                        "kode sebagai teks, jadi jumlah induknya kosong di buku kerja. Ketik ulang sebagai teks "
                        "(awali dengan tanda petik: '" + f"{v:g}).",
                        lokasi_sel=ref,
                    )
                )

    def _induk(
        self,
        ik: S.Ikatan,
        i: int,
        vals: dict[str, Any],
        kolom: dict[str, Any],
        induk_per_kode: dict[tuple[str, ...], Any],
    ) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
        """The parent a child row names by its parent columns, or ``None`` with a finding at the cell."""
        assert ik.induk is not None
        jenis, jenis_induk = NAMA_TINGKAT.get(ik.tabel, ik.tabel.lower()), NAMA_TINGKAT.get(ik.induk, ik.induk.lower())
        p = self.tata.posisi[ik.tabel]
        if vals.get("kode") is None:
            self.pb.temuan.append(
                Temuan(
                    "KODE_KOSONG",
                    "galat",
                    ("anggaran", ik.tabel.lower()),
                    f"Baris {jenis} ini berisi data tetapi kodenya kosong; baris ini tidak ikut dihitung. "
                    f"Isi kode {jenis} sesuai DIPA.",
                    lokasi_sel=f"{p.lembar}!{p.sel('kode', i)}",
                )
            )
            return None
        nilai = tuple(kolom[k] for k in ik.kolom_induk)
        induk = induk_per_kode.get(tuple(map(str, nilai))) if all(v is not None for v in nilai) else None
        if induk is None:
            # Point at the first parent column that matches no parent (the KRO code when the
            # kegiatan exists but has no such KRO).
            salah = len(nilai) - 1
            for n in range(len(nilai) - 1):
                awal = tuple(map(str, nilai[: n + 1]))
                if nilai[n] is None or not any(k[: n + 1] == awal for k in induk_per_kode):
                    salah = n
                    break
            kode_induk = ".".join("" if v is None else str(v) for v in nilai)
            judul = p.tabel.kol(ik.kolom_induk[salah]).judul
            pesan = (
                f"{jenis[0].upper()}{jenis[1:]} '{vals.get('kode') or ''}': kolom {judul} belum diisi; {jenis} ini "
                f"tidak ikut dihitung. Isi {judul} sesuai DIPA."
                if nilai[salah] is None
                else f"{jenis[0].upper()}{jenis[1:]} '{vals.get('kode') or ''}' menyebut {jenis_induk} '{kode_induk}' "
                f"yang tidak ada di tabel {NAMA_TABEL.get(ik.induk, ik.induk)}; {jenis} ini tidak ikut dihitung. "
                f"Isi kode {jenis_induk} yang benar, atau tambahkan {jenis_induk} itu ke tabelnya."
            )
            self.pb.temuan.append(
                Temuan(
                    "INDUK_TIDAK_ADA",
                    "galat",
                    ("anggaran", ik.tabel.lower()),
                    pesan,
                    lokasi_sel=f"{p.lembar}!{p.sel(ik.kolom_induk[salah], i)}",
                )
            )
        return induk


# How findings name the DIPA levels and their tables.
NAMA_TINGKAT = {"Program": "program", "Kegiatan": "kegiatan", "Kro": "KRO", "Output": "RO"}
NAMA_TABEL = {"Program": "Program", "Kegiatan": "Kegiatan", "Kro": "KRO", "Output": "RO"}


def _daftar_bertitik(vals: dict[str, Any]) -> dict[str, Any]:
    """``{"target_tw.0": a, ..., "target_tw.3": d}`` -> ``{"target_tw": [a, b, c, d]}``."""
    if not any("." in k for k in vals):
        return vals
    out: dict[str, Any] = {}
    for k, v in vals.items():
        if "." in k:
            nama, _, n = k.partition(".")
            daftar = out.setdefault(nama, [])
            daftar.extend([None] * (int(n) + 1 - len(daftar)))
            daftar[int(n)] = v
        else:
            out[k] = v
    return out


def _datar(vals: dict[str, Any]) -> list[Any]:
    """Every value of a row, list columns flattened."""
    return [x for v in vals.values() for x in (v if isinstance(v, list) else [v])]


# Rule data added in schema version 2: an older workbook read for an upgrade takes the shipped values.
# Referensi items newer than a workbook of an older schema (read with ``versi_lama``).
_ATURAN_BARU = frozenset(
    {"RefTahunIkpa", *(s.nama for s in S.PENGATURAN.sel if s.kunci.startswith("nka.pmk62.")), *S.REFERENSI_RENCANA}
)


def _aturan(pb: _Pembaca, tata: S.Tata, lama: bool = False) -> Aturan:
    """The rules as edited on the Referensi sheet.

    Nearly every workbook carries the same rules, so the conversion is cached on the raw cells.
    """
    hilang = [k for k in S.REFERENSI_TABEL if k not in tata.posisi]
    hilang += [s.nama for s in S.PENGATURAN.sel if not s.kunci.startswith("pengaturan.") and s.nama not in tata.sel]
    if lama:
        hilang = [x for x in hilang if x not in _ATURAN_BARU]
    if hilang:
        pb.temuan.append(
            Temuan(
                "STRUKTUR_RUSAK",
                "galat",
                ("aturan",),
                f"Aturan penilaian di lembar Referensi tidak utuh ({', '.join(hilang[:4])} tidak ditemukan); "
                "nilai dihitung dengan aturan bawaan lakip-xl, yang mungkin berbeda dari aturan buku kerja ini. "
                "Kembalikan lembar Referensi (Ctrl+Z atau dari salinan sebelumnya).",
                lokasi_sel="Referensi!A1",
            )
        )
        return aturan_bawaan()
    mentah: list[Any] = []
    for kunci in S.REFERENSI_TABEL:
        p = tata.posisi.get(kunci)
        if p is None:  # an older workbook without this table
            mentah.append(())
            continue
        grid = pb.nilai.get(p.lembar) or Grid([])
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
    return aturan


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
        ikpa[str(r["kode"])] = {
            "nama": r["nama"],
            "sumber": r.get("sumber"),
            "keyakinan": r.get("keyakinan"),
            "dispensasi": r["dispensasi"],
            "indikator": [],
        }
    for r in tabel["RefIkpa"]:
        # A rule set missing from RefAturanIkpa has no dispensation mode: Aturan.dari_dict names it.
        d = ikpa.setdefault(str(r["aturan"]), {"nama": str(r["aturan"]), "dispensasi": None, "indikator": []})
        d["indikator"].append(
            {
                "kode": r["kode"],
                "nama": r["nama"],
                "aspek": r["aspek"],
                "bobot": r["bobot"],
            }
        )
    aturan: dict[str, Any] = {"_catatan": aturan_bawaan().catatan, "ikpa": ikpa}
    aturan["tahun_ikpa"] = {str(r["tahun"]): r["aturan"] for r in tabel["RefTahunIkpa"]} or {
        str(t): k for t, k in aturan_bawaan().tahun_ikpa
    }
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
    aturan["nka"] = {
        "bobot": nka["bobot"],
        "efisiensi_batas": nka.get("efisiensi_batas"),
        "pmk62": nka.get("pmk62"),
        "predikat": nka["predikat"],
    }
    aturan["pkpa"] = pkpa
    aturan["sakip"] = {"bobot": sakip["bobot"], "predikat": sakip["predikat"]}
    # The planner's tables (schema 3): absent from an older workbook, whose rules then take
    # lakip-xl's own planner rules (Aturan.dari_dict without the section).
    ada = {k for k, rows in zip(S.REFERENSI_TABEL, mentah, strict=True) if rows}
    if ada & set(S.REFERENSI_RENCANA):
        aturan["rencana_ikpa"] = _rencana_dari(tabel)
    return aturan


def _rencana_dari(tabel: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The planner's rules from its four Referensi tables (the sources and deadlines are not on
    the sheet: those of lakip-xl's own rules of the same code)."""
    bawaan = {r.kode: r.ke_dict() for r in aturan_bawaan().rencana_ikpa}
    out: dict[str, Any] = {}

    def set_(kode: Any) -> dict[str, Any]:
        k = str(kode)
        if k not in out:
            b = bawaan.get(k, {})
            out[k] = {
                "sumber": b.get("sumber", ""),
                "target_penyerapan": {},
                "skor_revisi": [],
                "pengurang_dispensasi": [],
                "tenggat": b.get("tenggat", []),
            }
        return out[k]

    def ganda(judul: str, apa: str) -> AturanTidakValid:
        # The sheet's formulas add such rows up (SUMIFS): one row each, or the numbers differ.
        return AturanTidakValid(
            f"Aturan penilaian: tabel '{judul}' di lembar Referensi memuat {apa} dua kali; hapus salah satunya."
        )

    for r in tabel["RefRencana"]:
        d = set_(r["aturan"])
        if str(r["kunci"]) in d and str(r["kunci"]) not in ("sumber", "tenggat"):
            raise ganda("Perencana IKPA: pengaturan per aturan", f"'{r['kunci']}' aturan {r['aturan']}")
        d[str(r["kunci"])] = r["nilai"]
    per_jenis: dict[tuple[str, str], dict[int, Any]] = {}
    for r in tabel["RefTargetSerap"]:
        set_(r["aturan"])
        tw = r["tw"]
        if not isinstance(tw, (int, float)) or tw not in (1, 2, 3, 4):
            raise AturanTidakValid(
                f"Aturan penilaian: triwulan target penyerapan {r['jenis']} harus 1 sampai 4, tetapi berisi '{tw}'."
            )
        baris = per_jenis.setdefault((str(r["aturan"]), str(r["jenis"])), {})
        if int(tw) in baris:
            raise ganda("Perencana IKPA: target penyerapan", f"aturan {r['aturan']} jenis {r['jenis']} TW {int(tw)}")
        baris[int(tw)] = r["target"]
    for (kode, jenis), tw in per_jenis.items():
        out[kode]["target_penyerapan"][jenis] = [tw.get(q) for q in range(1, 5)]
    for r in tabel["RefSkorRevisi"]:
        set_(r["aturan"])["skor_revisi"].append({"paling_banyak": r["paling_banyak"], "skor": r["skor"]})
    for r in tabel["RefPengurangDispensasi"]:
        set_(r["aturan"])["pengurang_dispensasi"].append(
            {"permil_minimal": r["permil_minimal"], "pengurang": r["pengurang"]}
        )
    return out


def _rumus_ditimpa(pb: _Pembaca, tata: S.Tata) -> list[Temuan]:
    """Formula cells of the schema that hold a constant instead (openpyxl read-only)."""
    if pb.rumus is None:  # the source cannot show formulas (fast path, or a remote workbook)
        return []
    harap: dict[str, set[tuple[int, int]]] = {}
    for p in tata.posisi.values():
        for k in p.tabel.kolom:
            if k.jenis == "rumus":
                c = p.kolom(k.kunci)
                harap.setdefault(p.lembar, set()).update((p.awal + i, c) for i in range(p.jumlah_baris))
        for x in p.tabel.total:
            harap.setdefault(p.lembar, set()).add((p.baris_total, p.kolom(x.kolom)))
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
        if lembar not in pb.rumus:
            continue
        rumus = pb.rumus[lembar]
        for r, c in sorted(sel):
            if (r, c) not in rumus:
                v = _bersih(pb.sel(lembar, r, c))
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
