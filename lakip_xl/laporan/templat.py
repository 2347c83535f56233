"""Build ``templates/LAKIP_Template.docx``: a real Word template with docxtpl tags.

    lakip-xl templat -o templates/LAKIP_Template.docx --timpa

The layout is python-docx code, so the template is reproducible from the repository; the
user may then edit it in Word (styles, wording, logo) and pass it with ``--template``. Tags
hold no string literals (no quotes a word processor could curl) and each tag sits in one run.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..berkas import tulis_atomik
from ..model import NARASI_LABEL as LABEL_NARASI

FONT = "Arial"
WARNA_KEPALA = "D9D9D9"
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


def _repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


class _Penyusun:
    def __init__(self) -> None:
        self.doc = Document()
        self._gaya()

    def _gaya(self) -> None:
        st = self.doc.styles
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
            if rata:
                s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
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

    def narasi(self, kunci: str, wajib: bool = True) -> None:
        """The unit's own text; a required section left blank shows a visible note."""
        self.tag(f"{{%p for par in narasi.{kunci} %}}")
        self.p("{{ par }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p endfor %}")
        if wajib:
            self.tag(f"{{%p if not narasi.{kunci} %}}")
            run = self.p().add_run(f"[Bagian ini belum diisi: lembar Narasi, {LABEL_NARASI[kunci]}.]")
            run.italic = True
            self.tag("{%p endif %}")

    def kalimat(self, kunci: str) -> None:
        self.tag(f"{{%p if kalimat.{kunci} %}}")
        self.p(f"{{{{ kalimat.{kunci} }}}}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
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
    ) -> Any:
        """A table: header row, a row loop ``{%tr for ... %}`` over ``sel``, optional total row."""
        kanan = kanan or set()
        n = len(judul)
        t = self.doc.add_table(rows=1, cols=n, style="Table Grid")
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        hdr = t.rows[0]
        _repeat_header(hdr)
        for j, teks in enumerate(judul):
            c = hdr.cells[j]
            c.text = ""
            r = c.paragraphs[0].add_run(teks)
            r.bold = True
            c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
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
        skala = 160 / sum(lebar)  # text width of A4 with 25 mm margins
        for j, w in enumerate(lebar):
            t.columns[j].width = Mm(w * skala)
        for row in t.rows:
            for j, w in enumerate(lebar):
                row.cells[j].width = Mm(w * skala)
                for par in row.cells[j].paragraphs:
                    for run in par.runs:
                        run.font.size = Pt(ukuran)
        self.p()
        return t

    # -- repeated blocks ----------------------------------------------------------------------
    def _signature(self) -> None:
        """A blank line, then place and date, the head's position, room to sign, name and NIP."""
        self.p()
        self.p("{{ kota }}, {{ tanggal }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.p("{{ kepala.jabatan }},").alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for _ in range(3):
            self.p()
        self.p("{{ kepala.nama }}", tebal=True).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.p("NIP. {{ kepala.nip }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _chart(self, key: str, caption: str) -> None:
        """The chart image tag ``key`` with a caption, both left out when there is no chart."""
        self.tag(f"{{%p if {key} %}}")
        self.p(f"{{{{ {key} }}}}", tengah=True)
        self.p(caption, tengah=True, ukuran=9)
        self.tag("{%p endif %}")

    def _titled_table(self, condition: str, title: str, *args: Any, **kwargs: Any) -> Any:
        """A bold title and a table (arguments as for ``tabel``), both left out when ``condition`` is empty."""
        self.tag(f"{{%p if {condition} %}}")
        self.p(title, tebal=True)
        t = self.tabel(*args, **kwargs)
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
        )  # fmt: skip

    # -- the document -------------------------------------------------------------------------
    def bangun(self) -> Any:
        self._footer()
        self._sampul()
        self._kata_pengantar()
        self._ikhtisar()
        self._daftar_isi()
        self._bab_i()
        self._bab_ii()
        self._bab_iii()
        self._bab_iv()
        self._lampiran()
        self._asal_dokumen()
        return self.doc

    def _footer(self) -> None:
        """Unit, period and page number in the footer; the first page (the cover) has none."""
        sec = self.doc.sections[0]
        sec.different_first_page_header_footer = True
        kaki = sec.footer.paragraphs[0]
        kaki.alignment = WD_ALIGN_PARAGRAPH.CENTER
        kaki.add_run("{{ satker.nama }} — Laporan Kinerja {{ periode }} — halaman ")
        _field(kaki, "PAGE", "1")

    def _sampul(self) -> None:
        for _ in range(3):
            self.p()
        self.p("LAPORAN KINERJA INSTANSI PEMERINTAH", "Title")
        self.p("(LKjIP / LAKIP)", tengah=True, ukuran=14)
        self.p("{{ periode }}", tengah=True, tebal=True, ukuran=16)
        self.tag("{%p if draf %}")
        self.p(
            "DRAF — MASIH TERDAPAT {{ jumlah_galat }} GALAT DATA (LIHAT LAMPIRAN)", tengah=True, tebal=True, ukuran=14
        )
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
        self.p("DAFTAR ISI", "Title")
        _field(
            self.p(),
            'TOC \\o "1-2" \\h \\z \\u',
            "Klik kanan di sini lalu pilih Update Field untuk memperbarui daftar isi.",
        )
        self.halaman_baru()

    def _bab_i(self) -> None:
        self.h1("BAB I PENDAHULUAN")
        self.h2("A. Latar Belakang")
        self.narasi("latar_belakang")
        self.h2("B. Tugas dan Fungsi")
        self.p("{{ tugas }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.tag("{%p for f in fungsi %}")
        self.p("{{ f }}", "List Bullet")
        self.tag("{%p endfor %}")
        self.h2("C. Maksud dan Tujuan")
        self.narasi("maksud_tujuan")
        self.h2("D. Aspek Strategis")
        self.narasi("aspek_strategis")
        self.kalimat("wilayah")
        self.tag("{%p if wilayah %}")
        self.tabel(
            ["No", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Penduduk"],
            ["{{ r.no }}", "{{ r.nama }}", "{{ r.kecamatan }}", "{{ r.desa }}", "{{ r.penduduk }}"],
            "wilayah",
            [11, 70, 25, 30, 30],
            total=["", "Jumlah {{ wilayah_total.kabupaten }} kabupaten/kota", "{{ wilayah_total.kecamatan }}",
                   "{{ wilayah_total.desa }}", "{{ wilayah_total.penduduk }}"],
            kanan={2, 3, 4},
        )  # fmt: skip
        self.tag("{%p endif %}")
        self.h2("E. Isu Strategis")
        self.narasi("isu_strategis")
        self.h2("F. Sistematika Laporan")
        for teks in (
            "Bab I Pendahuluan: latar belakang, tugas dan fungsi, maksud dan tujuan, aspek dan isu strategis.",
            "Bab II Perencanaan Kinerja: rencana strategis, Perjanjian Kinerja, dan alokasi anggaran.",
            "Bab III Akuntabilitas Kinerja: capaian kinerja, realisasi anggaran, dan nilai kinerja anggaran.",
            "Bab IV Penutup: kesimpulan, hambatan, dan saran.",
        ):
            self.p(teks, "List Bullet")
        self.halaman_baru()

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

    def _perjanjian_kinerja(self) -> None:
        """Targets per level of the Perjanjian Kinerja, then the budget allocated per program."""
        self.h2("B. Perjanjian Kinerja")
        for kunci, judul in _SASARAN_PK:
            self._titled_table(
                f"pk.{kunci}",
                f"Tabel Perjanjian Kinerja: {judul}",
                ["No", judul, "Indikator Kinerja", "Target"],
                ["{{ r.no }}", "{{ r.sasaran }}", "{{ r.indikator }}", "{{ r.target }}"],
                f"pk.{kunci}",
                [11, 60, 65, 25],
            )
        self.kalimat("alokasi")
        self.tag("{%p if alokasi_program %}")
        self.tabel(
            ["Program", "Alokasi (Rp)"],
            ["{{ r.nama }}", "{{ r.pagu }}"],
            "alokasi_program",
            [120, 40],
            total=["Jumlah", "{{ alokasi_total }}"],
            kanan={1},
        )
        self.tag("{%p endif %}")

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
                f"Tabel Capaian Kinerja: {judul}",
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
            )
        self._chart("grafik_capaian", "Grafik 1. Capaian indikator kinerja terhadap target (100 %)")
        self._titled_table(
            "tahun_lalu",
            "Perbandingan realisasi dengan tahun lalu",
            ["Indikator", "Realisasi tahun lalu", "Realisasi tahun ini", "Perubahan"],
            ["{{ r.indikator }}", "{{ r.lalu }}", "{{ r.kini }}", "{{ r.ubah }}"],
            "tahun_lalu",
            [80, 27, 27, 26],
            kanan={1, 2, 3},
        )
        self._titled_table(
            "renstra",
            "Perbandingan realisasi dengan target jangka menengah (Renstra)",
            ["Indikator", "Target Renstra", "Realisasi", "Terhadap Renstra (%)"],
            ["{{ r.indikator }}", "{{ r.renstra }}", "{{ r.kini }}", "{{ r.persen }}"],
            "renstra",
            [80, 27, 27, 26],
            kanan={1, 2, 3},
        )
        self._titled_table(
            "output",
            "Tabel Capaian Output Kegiatan",
            ["No", "Output", "Target", "Realisasi", "Satuan", "Capaian (%)"],
            ["{{ r.no }}", "{{ r.nama }}", "{{ r.target }}", "{{ r.realisasi }}", "{{ r.satuan }}", "{{ r.capaian }}"],
            "output",
            [11, 68, 20, 20, 22, 20],
            kanan={2, 3, 5},
        )
        self.narasi("analisis_capaian")

    def _realisasi_anggaran(self) -> None:
        """Budget realisation per jenis belanja, sumber dana and DIPA line, chart, comparison period."""
        self.h2("B. Realisasi Anggaran")
        self.kalimat("anggaran")
        self._budget_table("jenis", "Jenis Belanja")
        self._budget_table("sumber", "Sumber Dana")
        t = self._titled_table(
            "hierarki",
            "Realisasi anggaran per program, kegiatan, dan output",
            ["Kode", "Uraian", "Target", "Pagu (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "%"],
            ["{{ r.kode }}", "{{ r.nama_tebal }}", "{{ r.target }}", "{{ r.pagu }}", "{{ r.realisasi }}", "{{ r.sisa }}",
             "{{ r.persen }}"],
            "hierarki",
            [15, 36, 20, 26, 26, 26, 14],
            total=["", "Total DIPA", "", "{{ dipa.pagu }}", "{{ dipa.realisasi }}", "{{ dipa.sisa }}", "{{ dipa.persen }}"],
            kanan={3, 4, 5, 6},
            ukuran=8,
        )  # fmt: skip
        # Program and kegiatan names bold, outputs plain: two runs, one of them empty per row.
        sel_nama = t.rows[2].cells[1].paragraphs[0]
        sel_nama.runs[0].bold = True
        biasa = sel_nama.add_run("{{ r.nama_biasa }}")
        biasa.font.size = Pt(8)
        self._chart("grafik_anggaran", "Grafik 2. Penyerapan anggaran per kegiatan")
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
        self.tabel(
            ["Variabel", "Bobot", "Nilai"],
            ["{{ r.nama }}", "{{ r.bobot }}", "{{ r.nilai }}"],
            "smart.rows",
            [100, 30, 30],
            total=["Nilai Kinerja Anggaran ({{ smart.predikat }})", "", "{{ smart.nka }}"],
            kanan={1, 2},
        )

    def _ikpa(self) -> None:
        """IKPA indicators and weights, the final value and its aspects, and the chart."""
        self.p("2. Indikator Kinerja Pelaksanaan Anggaran (IKPA)", tebal=True)
        self.kalimat("ikpa")
        self.tag("{%p if ikpa %}")
        self.tabel(
            ["No", "Indikator", "Aspek", "Nilai", "Bobot", "Nilai tertimbang"],
            ["{{ r.no }}", "{{ r.nama }}", "{{ r.aspek }}", "{{ r.nilai }}", "{{ r.bobot }}", "{{ r.tertimbang }}"],
            "ikpa.rows",
            [11, 60, 28, 22, 16, 26],
            total=["", "Nilai total", "", "", "", "{{ ikpa.nilai_total }}"],
            kanan={3, 4, 5},
        )
        self.p(
            "Konversi bobot: {{ ikpa.konversi }}. Nilai akhir (nilai total dibagi konversi bobot): {{ ikpa.nilai_akhir }}"
            " ({{ ikpa.predikat }}). Nilai aspek perencanaan {{ ikpa.perencanaan }}, pelaksanaan {{ ikpa.pelaksanaan }},"
            " hasil {{ ikpa.hasil }}."
        )
        self.tag("{%p if ikpa.pengurang %}")
        self.p("Pengurang dispensasi SPM: {{ ikpa.pengurang }} poin.")
        self.tag("{%p endif %}")
        self.tag("{%p endif %}")
        self._chart("grafik_ikpa", "Grafik 3. Komponen IKPA: nilai tertimbang terhadap bobot")
        self._rencana_ikpa()

    def _rencana_ikpa(self) -> None:
        """Semester I reports: what the second semester must absorb to reach the target IKPA."""
        self.tag("{%p if rencana %}")
        self.p("3. Rencana IKPA semester II", tebal=True)
        self.p("{{ rencana.kalimat }}")
        self.tag("{%p if rencana.kebutuhan %}")
        self.p("{{ rencana.kebutuhan }}")
        self.tag("{%p endif %}")
        self.tag("{%p if rencana.rows %}")
        self.p("Penyerapan kumulatif minimal pada akhir triwulan (% pagu)", tebal=True)
        self.tabel(
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
        )
        self.tag("{%p endif %}")
        self._chart("grafik_rencana", "Grafik 4. Penyerapan kumulatif: realisasi lalu RPD, target, dan minimal")
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
        self.tag("{%p if prestasi %}")
        self.tabel(
            ["No", "Penghargaan", "Pemberi", "Nomor", "Tanggal", "Nilai"],
            ["{{ r.no }}", "{{ r.judul }}", "{{ r.pemberi }}", "{{ r.nomor }}", "{{ r.tanggal }}", "{{ r.nilai }}"],
            "prestasi",
            [11, 50, 40, 26, 22, 14],
            kanan={5},
        )
        self.tag("{%p endif %}")
        self.tag("{%p for r in inovasi %}")
        self.p("{{ r.nama }}: {{ r.uraian }}", "List Bullet")
        self.tag("{%p endfor %}")

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
        self._signature()

    def _lampiran(self) -> None:
        """Data check findings, on a page of their own; left out (page break included) when there are none."""
        self.tag("{%p if temuan %}")
        self.halaman_baru()
        self.h1("LAMPIRAN: TEMUAN PEMERIKSAAN DATA")
        self.p(
            "Pemeriksaan data menemukan {{ jumlah_galat }} galat dan {{ jumlah_peringatan }} peringatan. "
            "Galat harus diperbaiki sebelum laporan final; peringatan perlu diperiksa."
        )
        self.tabel(
            ["Tingkat", "Kode", "Lokasi", "Pesan"],
            ["{{ r.tingkat }}", "{{ r.kode }}", "{{ r.lokasi }}", "{{ r.pesan }}"],
            "temuan",
            [20, 40, 28, 72],
            ukuran=8,
        )
        self.tag("{%p endif %}")

    def _asal_dokumen(self) -> None:
        """Provenance, in a new section on the last page."""
        baru = self.doc.add_section(WD_SECTION.NEW_PAGE)
        baru.different_first_page_header_footer = False
        self.h1("ASAL DOKUMEN")
        self.p("Dokumen ini disusun otomatis oleh lakip-xl dari data berikut:")
        for teks in (
            "Berkas sumber: {{ asal.berkas }}",
            "SHA-256 berkas sumber: {{ asal.sha256 }}",
            "Waktu penyusunan: {{ asal.waktu }}",
            "Versi lakip-xl: {{ asal.versi }}",
        ):
            self.p(teks, "List Bullet")


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
