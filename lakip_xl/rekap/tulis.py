"""The rekap workbook (formula-backed) and the optional Word rekap report."""

from __future__ import annotations

import bisect
import io
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from ..berkas import tulis_atomik
from ..buku_kerja import skema as S
from ..compute.angka import format_angka
from . import HasilRekap, NamaRelatif, Unit, kode_iku
from .skema import kunci_iku, tabel_rekap

AWAL = 4  # first data row (0-based); header at row 3


def _kriteria(teks: str) -> str:
    """A text as an exact COUNTIF criterion inside a formula string: quotes doubled, the
    wildcards ``*`` ``?`` and the escape ``~`` escaped (predicate names come from units' files)."""
    return teks.replace("~", "~~").replace("*", "~*").replace("?", "~?").replace('"', '""')


def predikat_ikpa(unit: list[Unit]) -> list[str]:
    """The IKPA predicates to count: every band of every unit's own rules, in band order
    (the shipped bands when there is no unit)."""
    from ..compute.aturan import aturan_bawaan

    nama: list[str] = []
    for pita in [u.pita_ikpa for u in unit] or [tuple(p.predikat for p in aturan_bawaan().predikat_ikpa)]:
        nama += [x for x in pita if x not in nama]
    return nama


def urut(unit: list[Unit]) -> list[Unit]:
    """Rows ranked by IKPA (highest first, blanks last), then satker code."""
    return sorted(unit, key=lambda u: (u.ikpa is None, -(u.ikpa or 0.0), u.kode_satker, u.berkas))


def peringkat(unit: list[Unit]) -> Callable[[float | None], int | None]:
    """RANK(x, IKPA column, 0) of the sheet: 1 + the number of units with a higher IKPA, equal
    values sharing a rank; blank for a unit without IKPA. O(log n) per unit on a sorted list."""
    naik = sorted(u.ikpa for u in unit if u.ikpa is not None)

    def rank(ikpa: float | None) -> int | None:
        return None if ikpa is None else 1 + len(naik) - bisect.bisect_right(naik, ikpa)

    return rank


def totals(unit: list[Unit], iku: list[str]) -> dict[str, Any]:
    """What the totals row must show, computed in Python (the tests compare LibreOffice with it)."""

    def rata(xs: list[float | None]) -> float | None:
        isi = [x for x in xs if x is not None]
        return sum(isi) / len(isi) if isi else None

    def jumlah(xs: list[int | None]) -> int | None:
        isi = [x for x in xs if x is not None]
        return sum(isi) if isi else None

    pagu = jumlah([u.pagu for u in unit])
    real = jumlah([u.realisasi for u in unit])
    t: dict[str, Any] = {kunci_iku(j): rata([u.iku.get(k) for u in unit]) for j, k in enumerate(iku)}
    t.update(
        rata=rata([_rata_baris(u, iku) for u in unit]),
        pagu=pagu,
        realisasi=real,
        penyerapan=real / pagu * 100 if pagu and real is not None else None,
        ikpa=rata([u.ikpa for u in unit]),
        nka=rata([u.nka for u in unit]),
        galat=sum(u.galat for u in unit),
        peringatan=sum(u.peringatan for u in unit),
        no=len(unit),
    )
    return t


def _rata_baris(u: Unit, iku: list[str]) -> float | None:
    isi = [x for x in (u.iku.get(k) for k in iku) if x is not None]
    return sum(isi) / len(isi) if isi else None


def tulis_rekap(h: HasilRekap, tujuan: Path, akar: list[Path], timpa: bool = False) -> Path:
    """Write the rekap workbook atomically."""
    with tempfile.TemporaryDirectory(prefix="lakip-rekap-") as tmp:
        path = Path(tmp) / "rekap.xlsx"
        _BukuRekap(h, akar, path).tulis()
        return tulis_atomik(tujuan, path.read_bytes(), timpa=timpa)


# Up to this many Temuan rows the rekap workbook is built in memory (about 1.500 units with the
# synthetic benchmark's 32 findings each; some 60 MB at most).
BATAS_BARIS_DI_MEMORI = 50_000

_ANGKA = {"teks": "@", "bulat": "#,##0", "uang": "#,##0", "angka": "#,##0.00", "persen": '0.00"%"'}
_KEPALA_TEMUAN = ("Berkas", "Kode satker", "Nama satker", "Tingkat", "Kode", "Lokasi", "Pesan")
_LEBAR_TEMUAN = (34, 10, 30, 10, 24, 20, 90)


class _BukuRekap:
    """One rekap workbook: the Rekap sheet (rows, totals, predicate distribution, charts),
    the Temuan sheet and the Info sheet, written in that order, each from its top row down
    (the workbook streams rows: a cell above the last row written would be lost)."""

    def __init__(self, h: HasilRekap, akar: list[Path], path: Path) -> None:
        self.h = h
        self.akar = akar
        self.relatif = NamaRelatif(akar)
        self.iku = kode_iku(h.unit)
        self.unit = urut(h.unit)
        self.predikat = predikat_ikpa(self.unit)
        self.peringkat = peringkat(self.unit)
        self.tabel = tabel_rekap(self.iku)
        self.idx = {k.kunci: j for j, k in enumerate(self.tabel.kolom)}
        self.akhir = AWAL + max(len(self.unit), 1) - 1  # last data row (one blank row when there is no unit)
        self.tr = self.akhir + 2  # totals row, below one blank row
        self.dr = self.tr + 3  # first row of the predicate distribution
        self.pos = S.Posisi(self.tabel, AWAL - 1, AWAL, self.akhir)
        self.tata = S.Tata(posisi={self.tabel.kunci: self.pos})
        # A large rekap is written in constant memory: each row goes to a temporary file as soon as
        # the next one starts (rows are written top to bottom on every sheet), so 10.000 units do
        # not sit in memory as cells. A smaller one keeps its cells and writes each distinct text
        # once (shared strings): the Temuan sheet repeats file, unit and code on every row, and
        # writing it this way takes a quarter less time (2,1 s -> 1,5 s at 1.000 units).
        baris_temuan = len(h.masalah) + sum(len(u.temuan) for u in h.unit)
        self.wb = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "constant_memory": baris_temuan > BATAS_BARIS_DI_MEMORI,
                "tmpdir": str(path.parent),
            },
        )

    def tulis(self) -> None:
        self._buat_format()
        self._tulis_lembar_rekap()
        self._tulis_lembar_temuan()
        self._tulis_lembar_info()
        self.wb.close()

    # -- formats and small helpers --------------------------------------------------------
    def _buat_format(self) -> None:
        self.fmt = {k: self._format_angka(v) for k, v in _ANGKA.items()}
        self.tebal = {k: self._format_angka(v, True) for k, v in _ANGKA.items()}
        self.judul = self.wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E79"})
        self.kepala = self.wb.add_format(
            {
                "bold": True,
                "font_color": "#FFFFFF",
                "bg_color": "#1F4E79",
                "text_wrap": True,
                "border": 1,
                "valign": "vcenter",
            }
        )

    def _format_angka(self, num: str, bold: bool = False) -> Any:
        return self.wb.add_format({"num_format": num, "border": 1, "border_color": "#BFBFBF", "bold": bold})

    def _format_kolom(self, k: str, tebal: bool = False) -> Any:
        return (self.tebal if tebal else self.fmt)[self.tabel.kol(k).format]

    def _rentang(self, k: str) -> str:
        """The absolute range of column ``k`` over the data rows."""
        return self.pos.rentang(k)

    def _rumus(self, template: str, i: int | None = None) -> str:
        return S.rumus(template, self.tata, self.tabel.lembar, self.tabel.kunci, i)

    # -- the Rekap sheet --------------------------------------------------------------------
    def _tulis_lembar_rekap(self) -> None:
        self.ws = self.wb.add_worksheet("Rekap")
        self._tulis_kepala_rekap()
        for i, u in enumerate(self.unit):
            self._tulis_baris_unit(AWAL + i, i + 1, u)
        self._tulis_baris_total()
        self._tulis_sebaran_predikat()
        self._atur_lembar_rekap()
        self._tulis_grafik_predikat()
        if self.unit:
            self._tulis_grafik_ikpa()

    def _tulis_kepala_rekap(self) -> None:
        ws = self.ws
        ws.write_string(0, 0, "Rekapitulasi Kinerja Satker", self.judul)
        ws.write_string(
            1,
            0,
            f"{len(self.unit)} satker dari {self.h.jumlah_berkas} berkas; "
            f"{len(self.h.masalah)} catatan berkas di lembar Temuan.",
        )
        for j, k in enumerate(self.tabel.kolom):
            ws.write_string(AWAL - 1, j, k.judul, self.kepala)
        ws.set_row(AWAL - 1, 42)

    def _nilai_baris(self, no: int, u: Unit) -> dict[str, Any]:
        """A unit's row: the values of its input columns and what each formula must show."""
        baris: dict[str, Any] = {
            "no": no, "kode": u.kode_satker, "nama": u.nama, "periode": u.periode, "tahun": u.tahun,
            "pagu": u.pagu, "realisasi": u.realisasi, "ikpa": u.ikpa, "predikat_ikpa": u.predikat_ikpa,
            "nka": u.nka, "predikat_nka": u.predikat_nka, "galat": u.galat, "peringatan": u.peringatan,
            "berkas": self.relatif(u.berkas), "rata": _rata_baris(u, self.iku), "penyerapan": u.penyerapan,
            "peringkat": self.peringkat(u.ikpa),
        }  # fmt: skip
        baris.update({kunci_iku(j): u.iku.get(k) for j, k in enumerate(self.iku)})
        return baris

    def _tulis_baris_unit(self, r: int, no: int, u: Unit) -> None:
        """One unit's row: its values, and formulas (with cached results) for the derived columns."""
        baris = self._nilai_baris(no, u)
        for j, k in enumerate(self.tabel.kolom):
            f = self._format_kolom(k.kunci)
            nilai = baris.get(k.jalur_hasil)
            if k.jenis == "rumus":
                self.ws.write_formula(r, j, self._rumus(k.rumus or "", r - AWAL), f, _atau_kosong(nilai))
            else:
                _tulis_nilai(self.ws, r, j, nilai, f)

    def _tulis_baris_total(self) -> None:
        """Totals and averages (formulas), and the defined names of the headline totals."""
        ws, tr = self.ws, self.tr
        t = totals(self.unit, self.iku)
        ws.write_string(tr, self.idx["nama"], "Jumlah / rata-rata", self.tebal["teks"])
        for x in self.tabel.total:
            c = self.idx[x.kolom]
            ws.write_formula(
                tr, c, self._rumus(x.rumus), self._format_kolom(x.kolom, tebal=True), _atau_kosong(t[x.hasil])
            )
            if x.nama:
                self.wb.define_name(x.nama, f"={self.tabel.lembar}!{xl_rowcol_to_cell(tr, c, True, True)}")

    def _tulis_sebaran_predikat(self) -> None:
        """Predicate distribution (formulas), the data of the pie chart."""
        ws, dr, c = self.ws, self.dr, self.idx["nama"]
        ws.write_string(dr - 1, c, "Sebaran predikat IKPA", self.tebal["teks"])
        for i, pred in enumerate(self.predikat):
            ws.write_string(dr + i, c, pred, self.fmt["teks"])
            ws.write_formula(dr + i, c + 1, f'=COUNTIF({self._rentang("predikat_ikpa")},"{_kriteria(pred)}")', self.fmt["bulat"],
                             sum(1 for u in self.unit if u.predikat_ikpa == pred))  # fmt: skip

    def _atur_lembar_rekap(self) -> None:
        """Column widths, frozen panes, filter and page setup."""
        ws = self.ws
        for j, k in enumerate(self.tabel.kolom):
            ws.set_column(j, j, k.lebar)
        ws.freeze_panes(AWAL, 3)
        ws.autofilter(AWAL - 1, 0, self.akhir, len(self.tabel.kolom) - 1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(AWAL - 1)

    def _tulis_grafik_predikat(self) -> None:
        dr, c = self.dr, self.idx["nama"]
        ch = self.wb.add_chart({"type": "pie"})
        akhir = dr + len(self.predikat) - 1
        warna = ("#404040", "#808080", "#BFBFBF", "#FFFFFF", "#D9D9D9", "#595959")
        ch.add_series({"name": "Predikat IKPA", "categories": ["Rekap", dr, c, akhir, c],
                       "values": ["Rekap", dr, c + 1, akhir, c + 1],
                       "points": [{"fill": {"color": warna[i % len(warna)]}} for i in range(len(self.predikat))],
                       "data_labels": {"value": True, "category": True}})  # fmt: skip
        ch.set_title({"name": "Sebaran predikat IKPA"})
        self.ws.insert_chart(dr, c + 3, ch)

    def _tulis_grafik_ikpa(self) -> None:
        """IKPA of the (at most 40) best-ranked units."""
        m = min(len(self.unit), 40)
        kode, ikpa = self.idx["kode"], self.idx["ikpa"]
        ch = self.wb.add_chart({"type": "bar"})
        ch.add_series({"name": "Nilai IKPA", "categories": ["Rekap", AWAL, kode, AWAL + m - 1, kode],
                       "values": ["Rekap", AWAL, ikpa, AWAL + m - 1, ikpa], "fill": {"color": "#7F7F7F"}})  # fmt: skip
        ch.set_title({"name": f"Nilai IKPA ({m} satker teratas)"})
        ch.set_legend({"none": True})
        ch.set_y_axis({"reverse": True})
        ch.set_size({"width": 520, "height": max(300, 16 * m + 80)})
        self.ws.insert_chart(self.dr, self.idx["nama"] + 10, ch)

    # -- the Temuan and Info sheets ---------------------------------------------------------
    def _tulis_lembar_temuan(self) -> None:
        """Findings: file problems first, then each unit's findings."""
        wt = self.wb.add_worksheet("Temuan")
        wt.write_string(0, 0, "Temuan per berkas dan per satker", self.judul)
        for j, teks in enumerate(_KEPALA_TEMUAN):
            wt.write_string(2, j, teks, self.kepala)
        r = 3
        for baris in self._baris_temuan():
            for j, v in enumerate(baris):
                _tulis_nilai(wt, r, j, v, self.fmt["teks"])
            r += 1
        for j, w in enumerate(_LEBAR_TEMUAN):
            wt.set_column(j, j, w)
        wt.freeze_panes(3, 0)
        wt.autofilter(2, 0, max(r - 1, 3), len(_KEPALA_TEMUAN) - 1)

    def _baris_temuan(self) -> list[tuple[str, ...]]:
        baris: list[tuple[str, ...]] = [
            (self.relatif(m.berkas), "", "", m.tingkat, "BERKAS", "", m.alasan) for m in self.h.masalah
        ]
        for u in self.unit:
            berkas = self.relatif(u.berkas)
            baris += [(berkas, u.kode_satker, u.nama, *t) for t in u.temuan]
        return baris

    def _tulis_lembar_info(self) -> None:
        from .. import __version__

        wi = self.wb.add_worksheet("Info")
        for i, (k, v) in enumerate(
            (("Dibuat oleh", f"lakip-xl {__version__}"), ("Folder", "; ".join(str(a) for a in self.akar)),
             ("Berkas dibaca", str(self.h.jumlah_berkas)), ("Satker", str(len(self.unit))),
             ("Catatan berkas", str(len(self.h.masalah))))
        ):  # fmt: skip
            wi.write_string(i, 0, k)
            wi.write_string(i, 1, v)
        wi.set_column(0, 0, 18)
        wi.set_column(1, 1, 80)


def _tulis_nilai(ws: Any, r: int, c: int, v: Any, f: Any) -> None:
    if v is None or v == "":
        ws.write_blank(r, c, None, f)
    elif isinstance(v, str):
        ws.write_string(r, c, v, f)  # unit text is always text, never a formula
    else:
        ws.write_number(r, c, v, f)


def _atau_kosong(v: Any) -> Any:
    """A formula's cached result: the value, or an empty string for a blank."""
    return "" if v is None else v


def tulis_laporan_rekap(h: HasilRekap, tujuan: Path, timpa: bool = False) -> Path:
    """A short Word rekap through the report machinery (docxtpl, sandboxed, autoescaped)."""
    from babel.dates import format_datetime
    from docx import Document
    from docx.shared import Pt
    from docxtpl import DocxTemplate

    from ..laporan import LaporanGagal, _lingkungan, periksa_templat
    from ..laporan.konteks import persen, rps
    from . import waktu_sekarang

    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading("Rekapitulasi Kinerja Satker", level=1)
    doc.add_paragraph("Disusun {{ waktu }} dari {{ jumlah_berkas }} berkas.")
    doc.add_paragraph("{{ ringkas }}")
    t = doc.add_table(rows=1, cols=7, style="Table Grid")
    for c, teks in zip(
        t.rows[0].cells, ("No", "Kode", "Satker", "Penyerapan (%)", "IKPA", "Predikat", "Galat"), strict=True
    ):
        c.text = teks
    t.add_row().cells[0].text = "{%tr for r in unit %}"
    row = t.add_row().cells
    for c, teks in zip(
        row,
        (
            "{{ r.no }}",
            "{{ r.kode }}",
            "{{ r.nama }}",
            "{{ r.penyerapan }}",
            "{{ r.ikpa }}",
            "{{ r.predikat }}",
            "{{ r.galat }}",
        ),
        strict=True,
    ):
        c.text = teks
    t.add_row().cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("{%p if masalah %}")
    doc.add_heading("Catatan berkas", level=2)
    doc.add_paragraph("{%p for m in masalah %}")
    doc.add_paragraph("{{ m }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    buf = io.BytesIO()
    doc.save(buf)
    tpl = DocxTemplate(io.BytesIO(buf.getvalue()))
    unit = urut(h.unit)
    tot = totals(unit, kode_iku(unit))
    konteks = {
        "waktu": format_datetime(waktu_sekarang(), "d MMMM y HH.mm", locale="id"),
        "jumlah_berkas": str(h.jumlah_berkas),
        "ringkas": (
            f"{len(unit)} satker direkap. Total pagu {rps(tot['pagu'])}, realisasi "
            f"{rps(tot['realisasi'])} ({persen(tot['penyerapan'])}). Rata-rata nilai IKPA "
            f"{format_angka(tot['ikpa'])}, rata-rata NKA {format_angka(tot['nka'])}. "
            f"{sum(1 for u in unit if u.galat)} satker masih memiliki galat data."
        ),
        "unit": [
            {
                "no": str(i + 1),
                "kode": u.kode_satker,
                "nama": u.nama,
                "penyerapan": format_angka(u.penyerapan),
                "ikpa": format_angka(u.ikpa),
                "predikat": u.predikat_ikpa or "-",
                "galat": str(u.galat),
            }
            for i, u in enumerate(unit)
        ],
        "masalah": [f"{Path(m.berkas).name}: {m.alasan}" for m in h.masalah],
    }
    periksa_templat(tpl, konteks)
    try:
        tpl.render(konteks, jinja_env=_lingkungan(), autoescape=True)
    except Exception as e:
        raise LaporanGagal(f"Laporan rekap tidak dapat diisi: {e}") from None
    out = io.BytesIO()
    tpl.save(out)
    return tulis_atomik(tujuan, out.getvalue(), timpa=timpa)
