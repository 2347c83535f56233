"""Build ``templates/LAKIP_Template.docx``: a real Word template with docxtpl tags.

    lakip-xl templat -o templates/LAKIP_Template.docx --timpa

The layout is python-docx code, so the template is reproducible from the repository; the
user may then edit it in Word (styles, wording, logo) and pass it with ``--template``. Tags
hold no string literals (no quotes a word processor could curl) and each tag sits in one run.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..berkas import tulis_atomik
from ..model import NARASI_LABEL as LABEL_NARASI

FONT = "Arial"  # every style; Liberation Sans has the same metrics (see lakip_xl.laporan.cetak)
BAHASA = "id-ID"
WARNA_KEPALA = "D9D9D9"
LEBAR_TEKS_MM = 160  # text width of A4 with 25 mm margins
SUMBER_ANGGARAN = "SAKTI dan OM-SPAN (realisasi anggaran), diolah"
# The levels of the Perjanjian Kinerja: (key under ``pk``, column heading).
_SASARAN_PK = (
    ("iku", "Sasaran Strategis"),
    ("program", "Sasaran Program"),
    ("kegiatan", "Sasaran Kegiatan"),
)


def _field(paragraph, instr: str, teks: str = "") -> None:
    """A complex field (PAGE, TOC, ...) with a placeholder result."""
    run = paragraph.add_run()
    b = OxmlElement("w:fldChar")
    b.set(qn("w:fldCharType"), "begin")
    b.set(qn("w:dirty"), "true")
    run._r.append(b)
    run = paragraph.add_run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    run._r.append(it)
    run = paragraph.add_run()
    s = OxmlElement("w:fldChar")
    s.set(qn("w:fldCharType"), "separate")
    run._r.append(s)
    paragraph.add_run(teks)
    run = paragraph.add_run()
    e = OxmlElement("w:fldChar")
    e.set(qn("w:fldCharType"), "end")
    run._r.append(e)


def _shade(cell, warna: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    tcPr.append(shd)


def _sifat_baris(row, kepala: bool = False) -> None:
    """A row never splits across pages (``cantSplit``); a header row repeats on every page."""
    trPr = row._tr.get_or_add_trPr()
    for nama in ("w:cantSplit", "w:tblHeader") if kepala else ("w:cantSplit",):
        el = OxmlElement(nama)
        el.set(qn("w:val"), "true")
        trPr.append(el)


def _keep_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _seq(paragraph, nama: str) -> None:
    """A ``SEQ`` field numbering tables or figures; its shown number is set at render time
    (lakip_xl.laporan.cetak), and Word recounts it when it updates fields."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" SEQ {nama} \\* ARABIC ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _nomor_halaman(sectPr, fmt: str, mulai: int | None) -> None:
    """Page numbers of a section: ``fmt`` (lowerRoman, decimal), restarting at ``mulai``."""
    for lama in sectPr.findall(qn("w:pgNumType")):
        sectPr.remove(lama)
    el = OxmlElement("w:pgNumType")
    el.set(qn("w:fmt"), fmt)
    if mulai is not None:
        el.set(qn("w:start"), str(mulai))
    # Schema order: ... pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols, ...
    sesudah = [c for c in sectPr if c.tag in {qn("w:cols"), qn("w:formProt"), qn("w:vAlign"), qn("w:noEndnote"),
               qn("w:titlePg"), qn("w:textDirection"), qn("w:bidi"), qn("w:rtlGutter"), qn("w:docGrid")}]  # fmt: skip
    if sesudah:
        sesudah[0].addprevious(el)
    else:
        sectPr.append(el)


def _huruf_dan_bahasa(rPr) -> None:
    """One font family and the Indonesian language in a run-properties element (no theme fonts)."""
    fonts = rPr.get_or_add_rFonts()
    for atr in list(fonts.attrib):
        if atr.endswith("Theme") or atr.endswith("theme"):
            del fonts.attrib[atr]
    for atr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(atr), FONT)
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        sesudah = [c for c in rPr if c.tag in {qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath")}]
        if sesudah:
            sesudah[0].addprevious(lang)
        else:
            rPr.append(lang)
    lang.set(qn("w:val"), BAHASA)
    lang.set(qn("w:eastAsia"), BAHASA)


class _Penyusun:
    def __init__(self) -> None:
        self.doc = Document()
        self._gaya()

    def _gaya(self) -> None:
        st = self.doc.styles
        self._satu_huruf()
        normal = st["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        pf = normal.paragraph_format
        pf.space_after = Pt(6)
        pf.line_spacing = 1.15
        for nama, ukuran, rata in (("Heading 1", 14, True), ("Heading 2", 12, False), ("Title", 20, True)):
            s = st[nama]
            s.font.name = FONT
            s.font.size = Pt(ukuran)
            s.font.bold = True
            s.font.color.rgb = RGBColor(0, 0, 0)
            s.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
            s.paragraph_format.space_before = Pt(12)
            s.paragraph_format.space_after = Pt(6)
            s.paragraph_format.keep_with_next = True
            if rata:
                s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pPr = s.element.pPr
            for bdr in pPr.findall(qn("w:pBdr")) if pPr is not None else ():
                pPr.remove(bdr)  # the default Title's blue rule
        judul = st["Caption"]
        judul.font.size = Pt(10)
        judul.font.bold = True
        judul.font.italic = False
        judul.font.color.rgb = RGBColor(0, 0, 0)
        judul.paragraph_format.space_before = Pt(6)
        judul.paragraph_format.space_after = Pt(3)
        judul.paragraph_format.keep_with_next = True
        sumber = st.add_style("Sumber", WD_STYLE_TYPE.PARAGRAPH)
        sumber.base_style = normal
        sumber.font.size = Pt(8)
        sumber.font.italic = True
        sumber.paragraph_format.space_before = Pt(2)
        sumber.paragraph_format.space_after = Pt(10)
        for n in (1, 2):
            self._gaya_toc(n)
        tabel = st["Table Grid"]
        tabel.font.name = FONT
        tabel.font.size = Pt(9)
        for sec in self.doc.sections:
            sec.page_width, sec.page_height = Mm(210), Mm(297)
            sec.left_margin = sec.right_margin = Mm(25)
            sec.top_margin = sec.bottom_margin = Mm(20)
        # Word refreshes the table of contents and page fields when the document opens.
        settings = self.doc.settings.element
        upd = OxmlElement("w:updateFields")
        upd.set(qn("w:val"), "true")
        settings.append(upd)
        for el in settings.iter(qn("w:themeFontLang")):
            el.set(qn("w:val"), BAHASA)
        for s in st:  # the styles added above, and any the default template left without one
            _huruf_dan_bahasa(s.element.get_or_add_rPr())

    def _satu_huruf(self) -> None:
        """Arial in every style and in the document defaults, never a theme font (the default
        template's headings use the theme's Calibri/Cambria); language id-ID everywhere, so Word
        checks the spelling as Indonesian. The theme's own fonts become Arial as well."""
        styles = self.doc.styles.element
        default = styles.find(qn("w:docDefaults"))
        rPr = default.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _huruf_dan_bahasa(rPr)
        for fonts in list(styles.iter(qn("w:rFonts"))):
            _huruf_dan_bahasa(fonts.getparent())
        for part in self.doc.part.package.parts:
            nama = str(part.partname)
            if nama.endswith("theme1.xml") or nama.endswith("stylesWithEffects.xml"):
                teks = part.blob.decode("utf-8")
                teks = re.sub(r'(<a:latin typeface=")[^"]*(")', rf"\g<1>{FONT}\g<2>", teks)
                teks = re.sub(r'w:(ascii|hAnsi|eastAsia|cs)Theme="[^"]*"', "", teks)
                teks = teks.replace('w:cstheme="minorBidi"', "").replace('w:cstheme="majorBidi"', "")
                teks = teks.replace('w:val="en-US"', f'w:val="{BAHASA}"').replace(
                    'w:eastAsia="en-US"', f'w:eastAsia="{BAHASA}"'
                )
                part._blob = teks.encode("utf-8")

    def _gaya_toc(self, tingkat: int) -> None:
        """Word's built-in ``toc N`` style: indented per level, page number at the right margin
        after a dotted leader."""
        s = self.doc.styles.add_style(f"toc {tingkat}", WD_STYLE_TYPE.PARAGRAPH)
        s.element.set(qn("w:styleId"), f"TOC{tingkat}")
        s.base_style = self.doc.styles["Normal"]
        pf = s.paragraph_format
        pf.left_indent = Mm(6 * (tingkat - 1))
        pf.space_after = Pt(3)
        pf.tab_stops.add_tab_stop(Mm(LEBAR_TEKS_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if tingkat == 1:
            s.font.bold = True

    # -- building blocks ----------------------------------------------------------------------
    def p(
        self,
        teks: str = "",
        gaya: str | None = None,
        tengah: bool = False,
        tebal: bool = False,
        ukuran: int | None = None,
    ):
        par = self.doc.add_paragraph(style=gaya)
        if teks:
            run = par.add_run(teks)
            run.bold = tebal or None
            if ukuran:
                run.font.size = Pt(ukuran)
        if tengah:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return par

    def tag(self, teks: str):
        """A paragraph holding only a block tag ({%p ... %})."""
        return self.doc.add_paragraph(teks)

    def h1(self, teks: str) -> None:
        self.doc.add_heading(teks, level=1)

    def h2(self, teks: str) -> None:
        self.doc.add_heading(teks, level=2)

    def narasi(self, kunci: str, wajib: bool = True) -> list[Any]:
        """The unit's own text; a required section left blank shows a visible note. Returns the
        paragraphs that print (the text's, and the note's)."""
        self.tag(f"{{%p for par in narasi.{kunci} %}}")
        isi = [self.p("{{ par }}")]
        isi[0].alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p endfor %}")
        if wajib:
            self.tag(f"{{%p if not narasi.{kunci} %}}")
            isi.append(self.p())
            isi[-1].add_run(f"[Bagian ini belum diisi: lembar Narasi, {LABEL_NARASI[kunci]}.]").italic = True
            self.tag("{%p endif %}")
        return isi

    def kalimat(self, kunci: str) -> None:
        self.tag(f"{{%p if kalimat.{kunci} %}}")
        self.p(f"{{{{ kalimat.{kunci} }}}}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p endif %}")

    def catatan(self, kunci: str) -> None:
        """An italic note for the unit (what is still to fill), when the sentence is not empty."""
        self.tag(f"{{%p if kalimat.{kunci} %}}")
        self.p().add_run(f"{{{{ kalimat.{kunci} }}}}").italic = True
        self.tag("{%p endif %}")

    def halaman_baru(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def tabel(
        self,
        judul: list[str],
        sel: list[str],
        loop: str,
        lebar: list[float],
        total: list[str] | None = None,
        kanan: set[int] | None = None,
        ukuran: float = 9,
        sumber: str | None = None,
    ) -> Any:
        """A table: header row (repeated on every page, kept with the first row), a row loop
        ``{%tr for ... %}`` over ``sel``, optional total row; no row splits across pages. Then
        the source line ``sumber`` (or an empty paragraph). Column widths are proportions of
        the text width; the renderer widens a column whose numbers would not fit
        (lakip_xl.laporan.cetak)."""
        kanan = kanan or set()
        n = len(judul)
        t = self.doc.add_table(rows=1, cols=n, style="Table Grid")
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        hdr = t.rows[0]
        _sifat_baris(hdr, kepala=True)
        for j, teks in enumerate(judul):
            c = hdr.cells[j]
            c.text = ""
            r = c.paragraphs[0].add_run(teks)
            r.bold = True
            c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _keep_next(c.paragraphs[0])
            _shade(c, WARNA_KEPALA)
        awal = t.add_row()
        awal.cells[0].text = f"{{%tr for r in {loop} %}}"
        isi = t.add_row()
        for j, teks in enumerate(sel):
            isi.cells[j].text = teks
            if j in kanan:
                isi.cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        akhir = t.add_row()
        akhir.cells[0].text = "{%tr endfor %}"
        if total:
            tr = t.add_row()
            for j, teks in enumerate(total):
                tr.cells[j].text = ""
                run = tr.cells[j].paragraphs[0].add_run(teks)
                run.bold = True
                if j in kanan:
                    tr.cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        t.autofit = False
        skala = LEBAR_TEKS_MM / sum(lebar)
        for j, w in enumerate(lebar):
            t.columns[j].width = Mm(w * skala)
        for row in t.rows:
            if row._tr is not hdr._tr:
                _sifat_baris(row)
            for j, w in enumerate(lebar):
                row.cells[j].width = Mm(w * skala)
                for par in row.cells[j].paragraphs:
                    for run in par.runs:
                        run.font.size = Pt(ukuran)
        if sumber:
            self.p(f"Sumber: {sumber}", "Sumber")
        else:
            self.p()
        return t

    # -- repeated blocks ----------------------------------------------------------------------
    def _signature(self) -> None:
        """A blank line, then place and date, the head's position, room to sign, name and NIP: one
        block that never breaks across pages (each line keeps with the next)."""
        blok = [self.p(), self.p("{{ kota }}, {{ tanggal }}"), self.p("{{ kepala.jabatan }},")]
        blok += [self.p() for _ in range(3)]
        blok += [self.p("{{ kepala.nama }}", tebal=True), self.p("NIP. {{ kepala.nip }}")]
        for i, par in enumerate(blok):
            if i:
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if i < len(blok) - 1:
                _keep_next(par)

    def _caption(self, jenis: str, judul: str) -> Any:
        """``Tabel N. judul`` / ``Gambar N. judul``: numbered by a SEQ field, kept with what follows."""
        par = self.doc.add_paragraph(style="Caption")
        par.add_run(f"{jenis} ")
        _seq(par, jenis)
        par.add_run(f". {judul}")
        return par

    def _chart(self, key: str, caption: str, sumber: str) -> None:
        """The chart image tag ``key``, its numbered caption below it and the source line, all
        three kept on one page; left out when there is no chart."""
        self.tag(f"{{%p if {key} %}}")
        gambar = self.p(f"{{{{ {key} }}}}", tengah=True)
        _keep_next(gambar)
        self._caption("Gambar", caption).alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.p(f"Sumber: {sumber}", "Sumber").alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.tag("{%p endif %}")

    def _titled_table(self, condition: str | None, title: str, *args: Any, **kwargs: Any) -> Any:
        """A numbered caption and a table (arguments as for ``tabel``, ``sumber`` included),
        both left out when ``condition`` is empty."""
        if condition:
            self.tag(f"{{%p if {condition} %}}")
        self._caption("Tabel", title)
        t = self.tabel(*args, **kwargs)
        if condition:
            self.tag("{%p endif %}")
        return t

    def _budget_table(self, key: str, label: str) -> None:
        """Budget realisation per jenis belanja or sumber dana (``key``), with a total row."""
        self._titled_table(
            key,
            f"Realisasi anggaran per {label.lower()}",
            ["Kode", label, "Pagu (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "%"],
            ["{{ r.kode }}", "{{ r.nama }}", "{{ r.pagu }}", "{{ r.realisasi }}", "{{ r.sisa }}", "{{ r.persen }}"],
            key,
            [12, 34, 30, 30, 30, 12],
            total=["", "Jumlah", f"{{{{ {key}_total.pagu }}}}", f"{{{{ {key}_total.realisasi }}}}",
                   f"{{{{ {key}_total.sisa }}}}", f"{{{{ {key}_total.persen }}}}"],
            kanan={2, 3, 4, 5},
            sumber=SUMBER_ANGGARAN,
        )  # fmt: skip

    # -- the document -------------------------------------------------------------------------
    def bangun(self) -> Any:
        self._footer()
        self._sampul()
        self._kata_pengantar()
        self._ikhtisar()
        self._daftar_isi()
        self._bagian_isi()
        self._bab_i()
        self._bab_ii()
        self._bab_iii()
        self._bab_iv()
        self._lampiran()
        self._asal_dokumen()
        return self.doc

    def _footer(self) -> None:
        """Unit, period and page number in the footer (the cover has none); DRAF in the header
        of every page, the cover's included, while the data has errors."""
        sec = self.doc.sections[0]
        sec.different_first_page_header_footer = True
        kaki = sec.footer.paragraphs[0]
        kaki.alignment = WD_ALIGN_PARAGRAPH.CENTER
        kaki.add_run("{{ satker.nama }} — Laporan Kinerja {{ periode }} — halaman ").font.size = Pt(8)
        _field(kaki, "PAGE", "1")
        for run in kaki.runs:
            run.font.size = Pt(8)
        for kepala in (sec.header, sec.first_page_header):
            par = kepala.paragraphs[0]
            par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = par.add_run("{% if draf %}DRAF{% endif %}")
            run.bold = True
            run.font.size = Pt(12)

    def _bagian_isi(self) -> None:
        """Front matter (cover to table of contents) is numbered i, ii, iii, ...; the chapters
        form a section of their own that starts at page 1 in Arabic numerals."""
        _nomor_halaman(self.doc.sections[0]._sectPr, "lowerRoman", 1)
        isi = self.doc.add_section(WD_SECTION.NEW_PAGE)
        isi.different_first_page_header_footer = False
        _nomor_halaman(isi._sectPr, "decimal", 1)

    def _sampul(self) -> None:
        self.tag("{%p if logo %}")
        self.p("{{ logo }}", tengah=True)
        self.tag("{%p else %}")
        for _ in range(3):
            self.p()
        self.tag("{%p endif %}")
        self.p("LAPORAN KINERJA INSTANSI PEMERINTAH", "Title")
        self.p("(LKjIP / LAKIP)", tengah=True, ukuran=14)
        self.p("{{ periode }}", tengah=True, tebal=True, ukuran=16)
        self.tag("{%p if kalimat.draf %}")
        self.p("{{ kalimat.draf }}", tengah=True, tebal=True, ukuran=14)
        self.tag("{%p endif %}")
        for _ in range(6):
            self.p()
        self.p("{{ satker.nama_kapital }}", tengah=True, tebal=True, ukuran=16)
        self.p("{{ satker.kanwil }}", tengah=True)
        self.p("{{ satker.kementerian }}", tengah=True)
        self.p("{{ satker.alamat }}", tengah=True, ukuran=9)
        self.halaman_baru()

    def _kata_pengantar(self) -> None:
        """The unit's own foreword, or a standard one when the Narasi sheet leaves it blank."""
        self.p("KATA PENGANTAR", "Title")
        self.tag("{%p if narasi.kata_pengantar %}")
        self.narasi("kata_pengantar", wajib=False)
        self.tag("{%p else %}")
        self.p(
            "Laporan Kinerja {{ satker.nama }} {{ periode }} ini disusun sebagai bentuk pertanggungjawaban atas "
            "pelaksanaan tugas, fungsi, dan anggaran, sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
            "Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014. Laporan ini "
            "memuat perencanaan kinerja, capaian indikator kinerja, realisasi anggaran, dan nilai kinerja anggaran, "
            "sebagai bahan evaluasi dan perbaikan kinerja pada periode berikutnya."
        ).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p endif %}")
        self._signature()
        self.halaman_baru()

    def _ikhtisar(self) -> None:
        self.p("IKHTISAR EKSEKUTIF", "Title")
        self.narasi("ikhtisar", wajib=False)
        self.tag("{%p for k in kalimat.ikhtisar %}")
        self.p("{{ k }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p endfor %}")
        self.halaman_baru()

    def _daftar_isi(self) -> None:
        """The TOC field; the renderer fills it with the report's headings (lakip_xl.laporan.cetak),
        and Word refreshes its page numbers on opening (updateFields)."""
        self.p("DAFTAR ISI", "Title")
        _field(
            self.p(),
            'TOC \\o "1-2" \\h \\z \\u',
            "Daftar isi diisi saat laporan disusun.",
        )

    def _bab_i(self) -> None:
        self.h1("BAB I PENDAHULUAN")
        self.h2("A. Latar Belakang")
        self.narasi("latar_belakang")
        self.h2("B. Landasan Hukum")
        self.tag("{%p for x in landasan_hukum %}")
        par = self.p("{{ x.no }}\t{{ x.teks }}")
        par.paragraph_format.left_indent = Mm(7)
        par.paragraph_format.first_line_indent = Mm(-7)
        par.paragraph_format.tab_stops.add_tab_stop(Mm(7))
        self.tag("{%p endfor %}")
        self._belum("landasan_hukum", "lembar Organisasi, tabel Landasan Hukum")
        self.h2("C. Tugas dan Fungsi")
        self.p("{{ tugas }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p for f in fungsi %}")
        self.p("{{ f }}", "List Bullet")
        self.tag("{%p endfor %}")
        self.h2("D. Struktur Organisasi")
        self._titled_table(
            "struktur",
            "Struktur organisasi: unit/jabatan dan fungsinya",
            ["No", "Unit/Jabatan", "Fungsi", "Pejabat"],
            ["{{ r.no }}", "{{ r.nama }}", "{{ r.fungsi }}", "{{ r.pejabat }}"],
            "struktur",
            [10, 45, 95, 30],
            sumber="peraturan organisasi dan tata kerja satker",
        )
        self._belum("struktur", "lembar Organisasi, tabel Struktur Organisasi")
        self.catatan("catatan_struktur")
        self.h2("E. Sumber Daya Manusia")
        self.tag("{%p for k in kalimat.sdm %}")
        self.p("{{ k }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p endfor %}")
        self._titled_table(
            "sdm",
            "Sumber daya manusia",
            ["Kategori", "Uraian", "Jumlah (orang)"],
            ["{{ r.kategori }}", "{{ r.uraian }}", "{{ r.jumlah }}"],
            "sdm",
            [50, 80, 30],
            kanan={2},
            sumber="data kepegawaian satker",
        )
        self._belum("sdm", "lembar Organisasi, tabel Sumber Daya Manusia")
        self.h2("F. Maksud dan Tujuan")
        self.narasi("maksud_tujuan")
        self.h2("G. Aspek Strategis")
        self.narasi("aspek_strategis")
        self.kalimat("wilayah")
        self._titled_table(
            "wilayah",
            "Wilayah kerja",
            ["No", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Penduduk"],
            ["{{ r.no }}", "{{ r.nama }}", "{{ r.kecamatan }}", "{{ r.desa }}", "{{ r.penduduk }}"],
            "wilayah",
            [11, 70, 25, 30, 30],
            total=["", "Jumlah {{ wilayah_total.kabupaten }} kabupaten/kota", "{{ wilayah_total.kecamatan }}",
                   "{{ wilayah_total.desa }}", "{{ wilayah_total.penduduk }}"],
            kanan={2, 3, 4},
            sumber="data wilayah kerja satker",
        )  # fmt: skip
        self.h2("H. Isu Strategis")
        self.narasi("isu_strategis")
        self.h2("I. Sistematika Laporan")
        for teks in (
            "Bab I Pendahuluan: latar belakang, landasan hukum, tugas dan fungsi, struktur organisasi, sumber daya "
            "manusia, maksud dan tujuan, aspek dan isu strategis.",
            "Bab II Perencanaan Kinerja: rencana strategis dengan target jangka menengah, Perjanjian Kinerja, dan "
            "alokasi anggaran.",
            "Bab III Akuntabilitas Kinerja: capaian kinerja dan analisisnya per sasaran, efisiensi, realisasi "
            "anggaran, nilai kinerja anggaran, dan capaian kinerja lainnya.",
            "Bab IV Penutup: kesimpulan, hambatan, saran, rencana tindak lanjut, dan penutup.",
        ):
            self.p(teks, "List Bullet")
        self.halaman_baru()

    def _belum(self, kunci: str, tempat: str) -> None:
        """A visible note when a list the chapter needs is empty."""
        self.tag(f"{{%p if not {kunci} %}}")
        self.p().add_run(f"[Bagian ini belum diisi: {tempat}.]").italic = True
        self.tag("{%p endif %}")

    def _bab_ii(self) -> None:
        self.h1("BAB II PERENCANAAN KINERJA")
        self._rencana_strategis()
        self._perjanjian_kinerja()
        self.halaman_baru()

    def _rencana_strategis(self) -> None:
        self.h2("A. Rencana Strategis")
        self.tag("{%p if visi %}")
        self.p("Visi: {{ visi }}")
        self.tag("{%p endif %}")
        self.tag("{%p if misi %}")
        self.p("Misi:")
        self.tag("{%p for m in misi %}")
        self.p("{{ m }}", "List Number")
        self.tag("{%p endfor %}")
        self.tag("{%p endif %}")
        self.narasi("rencana_strategis")
        self._titled_table(
            "renstra_tabel",
            "Target Rencana Strategis per tahun dan realisasinya",
            ["Indikator", "Tahun", "Target Renstra", "Realisasi"],
            ["{{ r.indikator }}", "{{ r.tahun }}", "{{ r.target }}", "{{ r.realisasi }}"],
            "renstra_tabel",
            [90, 20, 25, 25],
            kanan={1, 2, 3},
            sumber="Rencana Strategis dan LAKIP tahun-tahun sebelumnya",
        )
        self._belum("renstra_tabel", "lembar Renstra (target per indikator per tahun)")

    def _perjanjian_kinerja(self) -> None:
        """Targets per level of the Perjanjian Kinerja, then the budget allocated per program."""
        self.h2("B. Perjanjian Kinerja")
        for kunci, judul in _SASARAN_PK:
            self._titled_table(
                f"pk.{kunci}",
                f"Perjanjian Kinerja: {judul}",
                ["No", judul, "Indikator Kinerja", "Target"],
                ["{{ r.no }}", "{{ r.sasaran }}", "{{ r.indikator }}", "{{ r.target }}"],
                f"pk.{kunci}",
                [11, 60, 65, 25],
                sumber="Perjanjian Kinerja satker",
            )
        self.kalimat("alokasi")
        self._titled_table(
            "alokasi_program",
            "Alokasi anggaran per program pada Perjanjian Kinerja",
            ["Program", "Alokasi (Rp)"],
            ["{{ r.nama }}", "{{ r.pagu }}"],
            "alokasi_program",
            [120, 40],
            total=["Jumlah", "{{ alokasi_total }}"],
            kanan={1},
            sumber="Perjanjian Kinerja dan DIPA satker",
        )

    def _bab_iii(self) -> None:
        self.h1("BAB III AKUNTABILITAS KINERJA")
        self._capaian_kinerja()
        self._realisasi_anggaran()
        self._kinerja_anggaran()
        self._kinerja_lainnya()
        self.halaman_baru()

    def _capaian_kinerja(self) -> None:
        """Indicator results per level, chart, comparisons with last year and the Renstra, outputs."""
        self.h2("A. Capaian Kinerja Organisasi")
        self.kalimat("capaian")
        for kunci, judul in _SASARAN_PK:
            self._titled_table(
                f"pk.{kunci}",
                f"Capaian kinerja: {judul}",
                ["No", judul, "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"],
                [
                    "{{ r.no }}",
                    "{{ r.sasaran }}",
                    "{{ r.indikator }}",
                    "{{ r.target }}",
                    "{{ r.realisasi }}",
                    "{{ r.capaian }}",
                ],
                f"pk.{kunci}",
                [11, 45, 50, 20, 20, 17],
                kanan={5},
                sumber="Perjanjian Kinerja dan data realisasi kinerja satker, diolah",
            )
        self.kalimat("batas_indikator")
        self._chart(
            "grafik_capaian",
            "Capaian indikator kinerja terhadap target (100%)",
            "Perjanjian Kinerja dan data realisasi kinerja satker, diolah",
        )
        self._titled_table(
            "tahun_lalu",
            "Perbandingan realisasi dengan tahun lalu",
            ["Indikator", "Realisasi tahun lalu", "Realisasi tahun ini", "Perubahan"],
            ["{{ r.indikator }}", "{{ r.lalu }}", "{{ r.kini }}", "{{ r.ubah }}"],
            "tahun_lalu",
            [80, 27, 27, 26],
            kanan={1, 2, 3},
            sumber="LAKIP tahun lalu dan data realisasi kinerja satker, diolah",
        )
        self._titled_table(
            "renstra",
            "Perbandingan realisasi dengan target jangka menengah (Renstra)",
            ["Indikator", "Target Renstra", "Realisasi", "Terhadap Renstra (%)"],
            ["{{ r.indikator }}", "{{ r.renstra }}", "{{ r.kini }}", "{{ r.persen }}"],
            "renstra",
            [80, 27, 27, 26],
            kanan={1, 2, 3},
            sumber="Rencana Strategis dan data realisasi kinerja satker, diolah",
        )
        self._titled_table(
            "output",
            "Capaian output kegiatan",
            ["No", "Output", "Target", "Realisasi", "Satuan", "Capaian (%)"],
            ["{{ r.no }}", "{{ r.nama }}", "{{ r.target }}", "{{ r.realisasi }}", "{{ r.satuan }}", "{{ r.capaian }}"],
            "output",
            [11, 68, 20, 20, 22, 20],
            kanan={2, 3, 5},
            sumber="SAKTI (capaian output) dan SMART DJA, diolah",
        )
        self.kalimat("batas_output")
        self._efisiensi()
        self.narasi("analisis_capaian")
        self._analisis()

    def _efisiensi(self) -> None:
        """Per output (RO): volume achievement against absorption, and the efficiency indication."""
        self.kalimat("efisiensi")
        self._titled_table(
            "efisiensi",
            "Efisiensi penggunaan anggaran per output",
            ["Kode", "Output", "Capaian volume (%)", "Penyerapan (%)", "Efisiensi (%)", "Indikasi"],
            [
                "{{ r.kode }}",
                "{{ r.nama }}",
                "{{ r.capaian }}",
                "{{ r.serap }}",
                "{{ r.efisiensi }}",
                "{{ r.indikasi }}",
            ],
            "efisiensi",
            [26, 48, 22, 22, 20, 24],
            kanan={2, 3, 4},
            sumber="SAKTI (capaian output) dan OM-SPAN (realisasi anggaran), diolah; efisiensi = (pagu × capaian "
            "volume − realisasi) ÷ (pagu × capaian volume) × 100",
        )

    def _analisis(self) -> None:
        """PermenPANRB 53/2014 Bab III per sasaran strategis and key indicator: the comparisons as a
        table and as sentences, what is missing, then the unit's analysis."""
        self.tag("{%p for s in analisis %}")
        _keep_next(self.p("Sasaran {{ s.no }}: {{ s.sasaran }}", tebal=True))
        self.tag("{%p for i in s.indikator %}")
        _keep_next(self.p("Indikator {{ i.kode }}: {{ i.nama }}", tebal=True))
        self._titled_table(
            None,
            "Perbandingan capaian indikator {{ i.kode }}",
            ["Pembanding", "Nilai pembanding", "Realisasi tahun ini", "Hasil"],
            ["{{ r.pembanding }}", "{{ r.nilai }}", "{{ r.kini }}", "{{ r.hasil }}"],
            "i.baris",
            [50, 35, 40, 35],
            kanan={1, 2},
            sumber="Perjanjian Kinerja, Rencana Strategis, dan data realisasi kinerja satker, diolah",
        )
        self.tag("{%p for k in i.kalimat %}")
        self.p("{{ k }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p endfor %}")
        self.tag("{%p for c in i.catatan %}")
        self.p().add_run("[{{ c }}]").italic = True
        self.tag("{%p endfor %}")
        self.tag("{%p for b in i.bagian %}")
        _keep_next(self.p("{{ b.judul }}", tebal=True))
        self.tag("{%p for par in b.isi %}")
        self.p("{{ par }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p endfor %}")
        self.tag("{%p if b.kosong %}")
        self.p().add_run("{{ b.kosong }}").italic = True
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")
        self.tag("{%p endfor %}")
        self.tag("{%p endfor %}")

    def _realisasi_anggaran(self) -> None:
        """Budget realisation per jenis belanja, sumber dana and DIPA line, chart, comparison period."""
        self.h2("B. Realisasi Anggaran")
        self.kalimat("anggaran")
        self._budget_table("jenis", "Jenis Belanja")
        self._budget_table("sumber", "Sumber Dana")
        t = self._titled_table(
            "hierarki",
            "Realisasi anggaran per program, kegiatan, KRO, dan RO",
            ["Kode", "Uraian", "Target", "Pagu (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "%"],
            ["{{ r.kode }}", "{{ r.nama_tebal }}", "{{ r.target }}", "{{ r.pagu }}", "{{ r.realisasi }}", "{{ r.sisa }}",
             "{{ r.persen }}"],
            "hierarki",
            [20, 33, 18, 26, 26, 26, 14],
            total=["", "Total DIPA", "", "{{ dipa.pagu }}", "{{ dipa.realisasi }}", "{{ dipa.sisa }}", "{{ dipa.persen }}"],
            kanan={3, 4, 5, 6},
            ukuran=8,
            sumber=SUMBER_ANGGARAN,
        )  # fmt: skip
        # Program and kegiatan names bold, KROs italic, ROs plain: three runs, two of them empty per row.
        sel_nama = t.rows[2].cells[1].paragraphs[0]
        sel_nama.runs[0].bold = True
        miring = sel_nama.add_run("{{ r.nama_miring }}")
        miring.italic = True
        miring.font.size = Pt(8)
        biasa = sel_nama.add_run("{{ r.nama_biasa }}")
        biasa.font.size = Pt(8)
        self.kalimat("catatan_kode")
        self._chart("grafik_anggaran", "Penyerapan anggaran per KRO", SUMBER_ANGGARAN)
        self._titled_table(
            "perbandingan",
            "Perbandingan realisasi anggaran per program: periode laporan dan {{ label_pembanding }}",
            ["Program", "Pagu (Rp)", "Realisasi (Rp)", "%", "Pagu pembanding (Rp)", "Realisasi pembanding (Rp)", "%"],
            ["{{ r.nama }}", "{{ r.pagu }}", "{{ r.realisasi }}", "{{ r.persen }}", "{{ r.b_pagu }}", "{{ r.b_realisasi }}",
             "{{ r.b_persen }}"],
            "perbandingan",
            [32, 26, 26, 13, 26, 26, 13],
            kanan={1, 2, 3, 4, 5, 6},
            ukuran=8,
            sumber=SUMBER_ANGGARAN,
        )  # fmt: skip
        self.narasi("analisis_anggaran")

    def _kinerja_anggaran(self) -> None:
        self.h2("C. Capaian Kinerja Anggaran")
        self._nka()
        self._ikpa()
        self.kalimat("pkpa")

    def _nka(self) -> None:
        """Nilai Kinerja Anggaran from SMART DJA: variables, weights, and the final value."""
        self.p("1. Nilai Kinerja Anggaran pada aplikasi SMART DJA", tebal=True)
        self.kalimat("nka")
        self._titled_table(
            None,
            "Nilai Kinerja Anggaran",
            ["Variabel", "Bobot", "Nilai"],
            ["{{ r.nama }}", "{{ r.bobot }}", "{{ r.nilai }}"],
            "smart.rows",
            [100, 30, 30],
            total=["Nilai Kinerja Anggaran ({{ smart.predikat }})", "", "{{ smart.nka }}"],
            kanan={1, 2},
            sumber="aplikasi SMART DJA (Kementerian Keuangan)",
        )

    def _ikpa(self) -> None:
        """IKPA indicators and weights, the final value, the note on rounding, and the chart."""
        self.p("2. Indikator Kinerja Pelaksanaan Anggaran (IKPA)", tebal=True)
        self.kalimat("ikpa")
        self.tag("{%p if ikpa %}")
        self._titled_table(
            None,
            "Nilai Indikator Kinerja Pelaksanaan Anggaran (IKPA)",
            ["No", "Indikator", "Aspek", "Nilai", "Bobot", "Nilai tertimbang", "Penjelasan"],
            [
                "{{ r.no }}",
                "{{ r.nama }}",
                "{{ r.aspek }}",
                "{{ r.nilai }}",
                "{{ r.bobot }}",
                "{{ r.tertimbang }}",
                "{{ r.penjelasan }}",
            ],
            "ikpa.rows",
            [9, 38, 22, 16, 13, 20, 62],
            total=["", "Nilai total", "", "", "", "{{ ikpa.nilai_total }}", ""],
            kanan={3, 4, 5},
            ukuran=8,
            sumber="OM-SPAN (menu Monitoring IKPA)",
        )
        self.tag("{%p if ikpa.catatan %}")
        self.p("{{ ikpa.catatan }}", ukuran=9).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p endif %}")
        self.tag("{%p if ikpa.pengurang %}")
        self.p("Pengurang dispensasi SPM: {{ ikpa.pengurang }} poin.")
        self.tag("{%p endif %}")
        self.tag("{%p endif %}")
        self._chart(
            "grafik_ikpa", "Komponen IKPA: nilai tertimbang terhadap bobot", "OM-SPAN (menu Monitoring IKPA), diolah"
        )
        self._rencana_ikpa()

    def _rencana_ikpa(self) -> None:
        """Semester I reports: what the second semester must absorb to reach the target IKPA."""
        self.tag("{%p if rencana %}")
        self.p("3. Rencana IKPA semester II", tebal=True)
        self.p("{{ rencana.kalimat }}")
        self.tag("{%p if rencana.kebutuhan %}")
        self.p("{{ rencana.kebutuhan }}")
        self.tag("{%p endif %}")
        self._titled_table(
            "rencana.rows",
            "Penyerapan kumulatif minimal pada akhir triwulan (% pagu)",
            [
                "Triwulan",
                "Nilai triwulan dibutuhkan",
                "Belanja pegawai (51)",
                "Belanja barang (52)",
                "Belanja modal (53)",
                "Bantuan sosial (57)",
            ],
            ["{{ r.tw }}", "{{ r.nilai }}", "{{ r.b51 }}", "{{ r.b52 }}", "{{ r.b53 }}", "{{ r.b57 }}"],
            "rencana.rows",
            [20, 26, 26, 26, 26, 26],
            kanan={1, 2, 3, 4, 5},
            sumber="OM-SPAN dan Halaman III DIPA (RPD), diolah",
        )
        self._chart(
            "grafik_rencana",
            "Penyerapan kumulatif: realisasi lalu RPD, target, dan minimal",
            "OM-SPAN dan Halaman III DIPA (RPD), diolah",
        )
        self.tag("{%p if rencana.tenggat %}")
        self.p("Tenggat berikutnya:")
        self.tag("{%p for t in rencana.tenggat %}")
        self.p("- {{ t }}")
        self.tag("{%p endfor %}")
        self.tag("{%p endif %}")
        self.tag("{%p endif %}")

    def _kinerja_lainnya(self) -> None:
        """Awards (prestasi) and innovations (inovasi)."""
        self.h2("D. Capaian Kinerja Lainnya")
        self._titled_table(
            "prestasi",
            "Penghargaan yang diterima",
            ["No", "Penghargaan", "Pemberi", "Nomor", "Tanggal", "Nilai"],
            ["{{ r.no }}", "{{ r.judul }}", "{{ r.pemberi }}", "{{ r.nomor }}", "{{ r.tanggal }}", "{{ r.nilai }}"],
            "prestasi",
            [11, 50, 40, 26, 22, 14],
            kanan={5},
            sumber="piagam dan surat penghargaan yang diterima satker",
        )
        self.tag("{%p if inovasi %}")
        self.p("Inovasi yang dijalankan satker:")
        self.tag("{%p endif %}")
        self.tag("{%p for r in inovasi %}")
        self.p("{{ r.nama }}: {{ r.uraian }}", "List Bullet")
        self.tag("{%p endfor %}")
        self._titled_table(
            "aplikasi_kinerja",
            "Capaian pada aplikasi kinerja lainnya",
            ["No", "Aplikasi", "Nilai", "Periode", "Keterangan"],
            ["{{ r.no }}", "{{ r.nama }}", "{{ r.nilai }}", "{{ r.periode }}", "{{ r.keterangan }}"],
            "aplikasi_kinerja",
            [10, 45, 18, 27, 60],
            kanan={2},
            sumber="aplikasi kinerja yang disebut (e-Performance, E-Monev, dan lainnya)",
        )

    def _bab_iv(self) -> None:
        self.h1("BAB IV PENUTUP")
        self.h2("A. Kesimpulan")
        self.narasi("kesimpulan", wajib=False)
        self.tag("{%p for k in kalimat.ikhtisar %}")
        self.p("{{ k }}", "List Bullet")
        self.tag("{%p endfor %}")
        self.h2("B. Hambatan")
        self.narasi("hambatan")
        self.h2("C. Saran")
        self.narasi("saran")
        self.h2("D. Rencana Tindak Lanjut")
        self._titled_table(
            "tindak_lanjut",
            "Rencana tindak lanjut",
            ["No", "Masalah/Rekomendasi", "Rencana Aksi", "Penanggung Jawab", "Batas Waktu"],
            ["{{ r.no }}", "{{ r.masalah }}", "{{ r.rencana }}", "{{ r.pj }}", "{{ r.batas }}"],
            "tindak_lanjut",
            [10, 55, 55, 30, 25],
            sumber="rencana tindak lanjut satker",
        )
        self._belum("tindak_lanjut", "lembar Tindak Lanjut")
        self.catatan("catatan_tindak_lanjut")
        self.h2("E. Penutup")
        for par in self.narasi("penutup"):
            _keep_next(par)  # the closing text stays on the signature's page
        self._signature()

    def _lampiran(self) -> None:
        """Data check findings, on a page of their own; left out (page break included) when there
        are none or the report is asked without them."""
        self.tag("{%p if temuan %}")
        self.halaman_baru()
        self.h1("LAMPIRAN: TEMUAN PEMERIKSAAN DATA")
        self.p(
            "Pemeriksaan data menemukan {{ jumlah_galat }} galat dan {{ jumlah_peringatan }} peringatan. "
            "Galat harus diperbaiki sebelum laporan final; peringatan perlu diperiksa."
        )
        self._titled_table(
            None,
            "Temuan pemeriksaan data",
            ["Tingkat", "Kode", "Lokasi", "Pesan"],
            ["{{ r.tingkat }}", "{{ r.kode }}", "{{ r.lokasi }}", "{{ r.pesan }}"],
            "temuan",
            [20, 40, 28, 72],
            ukuran=8,
            sumber="pemeriksaan data oleh lakip-xl atas buku kerja satker",
        )
        self.tag("{%p endif %}")

    def _asal_dokumen(self) -> None:
        """Provenance, on a page of its own at the end; left out when asked (a final report)."""
        self.tag("{%p if asal %}")
        self.halaman_baru()
        self.h1("ASAL DOKUMEN")
        self.p("Dokumen ini disusun otomatis oleh lakip-xl dari data berikut:")
        for teks in (
            "Berkas sumber: {{ asal.berkas }}",
            "SHA-256 berkas sumber: {{ asal.sha256 }}",
            "Waktu penyusunan: {{ asal.waktu }}",
            "Versi lakip-xl: {{ asal.versi }}",
        ):
            self.p(teks, "List Bullet")
        self.tag("{%p endif %}")


def bangun_templat() -> bytes:
    """The template as .docx bytes (deterministic apart from the package's timestamps)."""
    doc = _Penyusun().bangun()
    cp = doc.core_properties
    import datetime as dt

    cp.title = "Templat Laporan Kinerja (LAKIP)"
    cp.author = "lakip-xl"
    cp.created = cp.modified = dt.datetime(2024, 1, 1)
    cp.last_modified_by = "lakip-xl"
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# Every build of the template in this process (the tests read it).
jumlah_bangun = 0


def kunci_templat_bawaan() -> str:
    """What the built-in template depends on: this module's source, the narrative labels, the
    python-docx and lakip-xl versions (a change to any of them is a new key)."""
    import docx

    from .. import __version__, cache

    return cache.kunci(
        "templat-bawaan", Path(__file__).read_bytes(), repr(LABEL_NARASI), docx.__version__ or "", __version__
    )


@functools.cache
def templat_bawaan() -> bytes:
    """The built-in template: built once per process and kept in the on-disk cache, so a new
    process reads it instead of building it (the bytes are immutable, so sharing is safe)."""
    global jumlah_bangun
    from .. import cache

    k = kunci_templat_bawaan()
    isi = cache.baca("templat", k)
    if isi is None:
        isi = bangun_templat()
        jumlah_bangun += 1
        cache.simpan("templat", k, isi)
    return isi


def tulis_templat(tujuan: Path, timpa: bool = False) -> Path:
    return tulis_atomik(Path(tujuan), bangun_templat(), timpa=timpa)
