"""Print finishing of a rendered report (python-docx, after docxtpl has filled the template):

- tables and figures numbered in document order (the template's ``SEQ`` fields get their
  numbers, the ones Word computes when it updates fields);
- the table of contents filled with the report's headings (bookmarked, hyperlinked, each
  with a ``PAGEREF`` page number that Word refreshes on opening and LibreOffice when it makes
  the PDF), so the .docx has a real table of contents, not an empty field;
- column widths so that no number, and no single word, breaks inside a table cell: measured
  with Arial's advance widths (Liberation Sans, the fallback installed by the test command,
  has the same metrics), a column too narrow for its widest number takes width from the
  columns that have room to spare;
- document properties: title from the unit and the period, author the unit, dates the
  report's date, language id-ID.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Advance widths of Arial (= Liberation Sans), in 1/1000 em, for the characters 32..126.
_ASCII = "".join(chr(c) for c in range(32, 127))
_BIASA = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667,
    556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
    556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_TEBAL = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722,
    611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556,
    611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778,
    556, 556, 500, 389, 280, 389, 584,
)  # fmt: skip
LEBAR_HURUF = {False: dict(zip(_ASCII, _BIASA, strict=True)), True: dict(zip(_ASCII, _TEBAL, strict=True))}
for _w in LEBAR_HURUF.values():
    _w.update({"–": 556, "—": 1000, "…": 1000, "’": 222, "“": 333, "”": 333})
LEBAR_LAIN = 1000  # any other character: as wide as an em (errs on the wide side)
MARGIN_SEL = 108  # twips left and right in every cell (the Table Grid style's tblCellMar)
CADANGAN = 40  # twips of slack per cell for rounding in the layout engines


def lebar_teks(teks: str, ukuran_pt: float, tebal: bool = False) -> float:
    """The width of ``teks`` in points, set in Arial at ``ukuran_pt``."""
    tabel = LEBAR_HURUF[tebal]
    return sum(tabel.get(c, LEBAR_LAIN) for c in teks) * ukuran_pt / 1000


def rapikan(doc: Any, properti: dict[str, Any] | None = None) -> None:
    """Every finishing step, in order (properties only when given)."""
    nomori(doc)
    isi_daftar_isi(doc)
    pas_kolom(doc)
    if properti is not None:
        atur_properti(doc, **properti)


# -- numbering ----------------------------------------------------------------------------------
def nomori(doc: Any) -> dict[str, int]:
    """Give every ``SEQ`` field in the body its number in document order; returns the count per
    sequence (``{"Tabel": 17, "Gambar": 3}``)."""
    hitung: dict[str, int] = {}
    for fld in doc.element.body.iter(qn("w:fldSimple")):
        instr = (fld.get(qn("w:instr")) or "").split()
        if len(instr) < 2 or instr[0] != "SEQ":
            continue
        n = hitung[instr[1]] = hitung.get(instr[1], 0) + 1
        teks = list(fld.iter(qn("w:t")))
        if teks:
            teks[0].text = str(n)
            for t in teks[1:]:
                t.text = ""
    return hitung


# -- table of contents ------------------------------------------------------------------------------
TINGKAT_JUDUL = {"Heading1": 1, "Heading2": 2}


def _teks(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def judul(doc: Any) -> list[tuple[int, str, Any]]:
    """The headings of the body: (level, text, paragraph element)."""
    hasil = []
    for p in doc.element.body.iter(qn("w:p")):
        gaya = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        tingkat = TINGKAT_JUDUL.get(gaya.get(qn("w:val")) if gaya is not None else "")
        if tingkat and _teks(p).strip():
            hasil.append((tingkat, _teks(p).strip(), p))
    return hasil


def _run(*anak: Any) -> Any:
    r = OxmlElement("w:r")
    for a in anak:
        r.append(a)
    return r


def _el(tag: str, **atr: str) -> Any:
    e = OxmlElement(tag)
    for k, v in atr.items():
        e.set(qn(k), v)
    return e


def _t(teks: str) -> Any:
    t = _el("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = teks
    return t


def _instr(teks: str) -> Any:
    it = _el("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = teks
    return it


def _fld(jenis: str) -> Any:
    return _run(_el("w:fldChar", **{"w:fldCharType": jenis}))


def _bidang_daftar_isi(doc: Any) -> tuple[Any, str] | None:
    """The paragraph holding the TOC field's start, and its instruction."""
    for p in doc.element.body.iter(qn("w:p")):
        for it in p.iter(qn("w:instrText")):
            if (it.text or "").strip().startswith("TOC"):
                return p, it.text or ""
    return None


def isi_daftar_isi(doc: Any, halaman: list[str] | None = None) -> int:
    """Fill the TOC field with one entry per heading (levels 1–2): bookmark each heading, and
    write ``text<TAB>PAGEREF`` entries in the ``toc 1``/``toc 2`` styles. ``halaman`` holds the
    headings' page numbers in order when known (from LibreOffice); otherwise the number is
    left to the office suite that updates the fields. Returns the number of entries."""
    ada = _bidang_daftar_isi(doc)
    if ada is None:
        return 0
    awal, instr = ada
    daftar = judul(doc)
    if not daftar:
        return 0
    halaman = list(halaman or [])
    halaman += [""] * (len(daftar) - len(halaman))
    for i, (_, _, p) in enumerate(daftar, 1):
        nama = f"_Toc{i:06d}"
        lama = [b for b in p.findall(qn("w:bookmarkStart")) if (b.get(qn("w:name")) or "").startswith("_Toc")]
        for b in lama:  # filled before: same names, same ids
            p.remove(b)
        for b in [b for b in p.findall(qn("w:bookmarkEnd")) if b.get(qn("w:id")) in {x.get(qn("w:id")) for x in lama}]:
            p.remove(b)
        pPr = p.find(qn("w:pPr"))
        mulai = _el("w:bookmarkStart", **{"w:id": str(900000 + i), "w:name": nama})
        if pPr is not None:
            pPr.addnext(mulai)
        else:
            p.insert(0, mulai)
        p.append(_el("w:bookmarkEnd", **{"w:id": str(900000 + i)}))
    # The entries replace the field's paragraphs, from its start to its end (nested fields counted).
    induk = awal.getparent()
    anak = list(induk)
    lama = []
    dalam = 0
    for p in anak[anak.index(awal) :]:
        lama.append(p)
        for f in p.iter(qn("w:fldChar")):
            jenis = f.get(qn("w:fldCharType"))
            dalam += 1 if jenis == "begin" else -1 if jenis == "end" else 0
        if dalam <= 0:
            break
    entri = []
    for i, (tingkat, teks, _) in enumerate(daftar, 1):
        nama = f"_Toc{i:06d}"
        p = OxmlElement("w:p")
        pPr = _el("w:pPr")
        pPr.append(_el("w:pStyle", **{"w:val": f"TOC{tingkat}"}))
        p.append(pPr)
        tautan = _el("w:hyperlink", **{"w:anchor": nama, "w:history": "1"})
        tautan.append(_run(_t(teks)))
        tautan.append(_run(_el("w:tab")))
        tautan.append(_fld("begin"))
        tautan.append(_run(_instr(f" PAGEREF {nama} \\h ")))
        tautan.append(_fld("separate"))
        tautan.append(_run(_t(halaman[i - 1])))
        tautan.append(_fld("end"))
        p.append(tautan)
        entri.append(p)
    # First entry carries the field's start, the last its end.
    pertama = entri[0]
    mulai_bidang = [_fld("begin"), _run(_instr(instr)), _fld("separate")]
    for k, r in enumerate(mulai_bidang):
        pertama.insert(1 + k, r)
    entri[-1].append(_fld("end"))
    for p in entri:
        awal.addprevious(p)
    for p in lama:
        induk.remove(p)
    return len(entri)


# -- column widths --------------------------------------------------------------------------------
def _sel_teks(tc: Any, ukuran_bawaan: float) -> Iterator[tuple[str, float, bool]]:
    """(text, size in points, bold) of every run of a cell."""
    for r in tc.iter(qn("w:r")):
        teks = "".join(t.text or "" for t in r.iter(qn("w:t")))
        if not teks:
            continue
        rPr = r.find(qn("w:rPr"))
        ukuran, tebal = ukuran_bawaan, False
        if rPr is not None:
            sz = rPr.find(qn("w:sz"))
            if sz is not None:
                ukuran = int(sz.get(qn("w:val"))) / 2
            b = rPr.find(qn("w:b"))
            tebal = b is not None and b.get(qn("w:val")) not in ("0", "false")
        yield teks, ukuran, tebal


def kebutuhan_sel(tc: Any, ukuran_bawaan: float = 9) -> float:
    """The narrowest width (twips) a cell can take without breaking a word or a number: its
    widest whitespace-free token, plus the cell margins."""
    terlebar = 0.0
    for teks, ukuran, tebal in _sel_teks(tc, ukuran_bawaan):
        for token in teks.split():
            terlebar = max(terlebar, lebar_teks(token, ukuran, tebal))
    return terlebar * 20 + 2 * MARGIN_SEL + CADANGAN if terlebar else 0.0


def pas_kolom(doc: Any) -> int:
    """Widen columns whose widest token does not fit, taking the width from columns with room
    to spare (in proportion to it), the table's total width unchanged. Returns how many
    tables changed."""
    berubah = 0
    for tbl in doc.element.body.iter(qn("w:tbl")):
        grid = tbl.find(qn("w:tblGrid"))
        if grid is None:
            continue
        kolom = grid.findall(qn("w:gridCol"))
        lebar = [float(k.get(qn("w:w")) or 0) for k in kolom]
        perlu = [0.0] * len(lebar)
        baris = tbl.findall(qn("w:tr"))
        for tr in baris:
            sel = tr.findall(qn("w:tc"))
            if len(sel) != len(lebar):  # merged cells: leave the table as it is
                break
            for j, tc in enumerate(sel):
                perlu[j] = max(perlu[j], kebutuhan_sel(tc))
        else:
            baru = _bagi_ulang(lebar, perlu)
            if baru != lebar:
                berubah += 1
                for k, w in zip(kolom, baru, strict=True):
                    k.set(qn("w:w"), str(round(w)))
                for tr in baris:
                    for tc, w in zip(tr.findall(qn("w:tc")), baru, strict=True):
                        tcPr = tc.get_or_add_tcPr()
                        tcW = tcPr.find(qn("w:tcW"))
                        if tcW is None:
                            tcW = _el("w:tcW")
                            tcPr.insert(0, tcW)
                        tcW.set(qn("w:w"), str(round(w)))
                        tcW.set(qn("w:type"), "dxa")
    return berubah


def _bagi_ulang(lebar: list[float], perlu: list[float]) -> list[float]:
    """New column widths: every column at least what it needs where the others can spare it."""
    kurang = sum(max(0.0, p - w) for w, p in zip(lebar, perlu, strict=True))
    if kurang <= 0:
        return lebar
    longgar = [max(0.0, w - p) for w, p in zip(lebar, perlu, strict=True)]
    ada = sum(longgar)
    if ada <= 0:
        return lebar
    ambil = min(1.0, kurang / ada)
    tambah = min(1.0, ada / kurang)
    return [w + (p - w) * tambah if p > w else w - g * ambil for w, p, g in zip(lebar, perlu, longgar, strict=True)]


# -- document properties ----------------------------------------------------------------------------
def atur_properti(doc: Any, judul: str, penulis: str, tanggal: dt.datetime, versi: str) -> None:
    """Title, author, dates and language of the document (File > Properties in Word)."""
    cp = doc.core_properties
    cp.title = judul
    cp.subject = "Laporan Kinerja Instansi Pemerintah (LKjIP/LAKIP)"
    cp.author = penulis
    cp.last_modified_by = penulis
    cp.keywords = "LAKIP; LKjIP; laporan kinerja"
    cp.comments = f"Disusun dengan lakip-xl {versi}"
    cp.created = cp.modified = tanggal
    cp.language = "id-ID"
    cp.revision = 1
