"""The rekap workbook (formula-backed) and the optional Word rekap report."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from ..berkas import tulis_atomik
from ..compute.angka import format_angka
from . import HasilRekap, Unit, kode_iku

AWAL = 4  # first data row (0-based); header at row 3
PREDIKAT_IKPA = ("Sangat Baik", "Baik", "Cukup", "Kurang")


def urut(unit: list[Unit]) -> list[Unit]:
    """Rows ranked by IKPA (highest first, blanks last), then satker code."""
    return sorted(unit, key=lambda u: (u.ikpa is None, -(u.ikpa or 0.0), u.kode_satker, u.berkas))


def kolom_rekap(iku: list[str]) -> list[tuple[str, str, str]]:
    """(key, header, number format) of every Rekap column."""
    kol = [("no", "No", "bulat"), ("kode", "Kode satker", "teks"), ("nama", "Nama satker", "teks"),
           ("periode", "Periode", "teks"), ("tahun", "Tahun", "bulat")]  # fmt: skip
    kol += [(f"iku:{k}", f"Capaian {k} (%)", "persen") for k in iku]
    kol += [
        ("rata", "Rata-rata capaian IKU (%)", "persen"),
        ("pagu", "Pagu (Rp)", "uang"),
        ("realisasi", "Realisasi (Rp)", "uang"),
        ("penyerapan", "Penyerapan (%)", "persen"),
        ("ikpa", "Nilai IKPA", "angka"),
        ("predikat_ikpa", "Predikat IKPA", "teks"),
        ("nka", "NKA (SMART)", "angka"),
        ("predikat_nka", "Predikat NKA", "teks"),
        ("galat", "Galat", "bulat"),
        ("peringatan", "Peringatan", "bulat"),
        ("peringkat", "Peringkat IKPA", "bulat"),
        ("berkas", "Berkas", "teks"),
    ]
    return kol


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
    t: dict[str, Any] = {f"iku:{k}": rata([u.iku.get(k) for u in unit]) for k in iku}
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
    isi = [u.iku[k] for k in iku if u.iku.get(k) is not None]
    return sum(isi) / len(isi) if isi else None


def tulis_rekap(h: HasilRekap, tujuan: Path, akar: list[Path], timpa: bool = False) -> Path:
    """Write the rekap workbook atomically."""
    iku = kode_iku(h.unit)
    unit = urut(h.unit)
    kol = kolom_rekap(iku)
    idx = {k: j for j, (k, _, _) in enumerate(kol)}
    with tempfile.TemporaryDirectory(prefix="lakip-rekap-") as tmp:
        path = Path(tmp) / "rekap.xlsx"
        wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
        angka = {"teks": "@", "bulat": "#,##0", "uang": "#,##0", "angka": "#,##0.00", "persen": '0.00"%"'}

        def _f(num: str, bold: bool = False) -> Any:
            return wb.add_format({"num_format": num, "border": 1, "border_color": "#BFBFBF", "bold": bold})

        fmt = {k: _f(v) for k, v in angka.items()}
        tebal = {k: _f(v, True) for k, v in angka.items()}
        judul = wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E79"})
        kepala = wb.add_format(
            {
                "bold": True,
                "font_color": "#FFFFFF",
                "bg_color": "#1F4E79",
                "text_wrap": True,
                "border": 1,
                "valign": "vcenter",
            }
        )
        ws = wb.add_worksheet("Rekap")
        ws.write_string(0, 0, "Rekapitulasi Kinerja Satker", judul)
        ws.write_string(
            1, 0, f"{len(unit)} satker dari {h.jumlah_berkas} berkas; {len(h.masalah)} catatan berkas di lembar Temuan."
        )
        for j, (_, teks, _) in enumerate(kol):
            ws.write_string(AWAL - 1, j, teks, kepala)
        ws.set_row(AWAL - 1, 42)
        n = len(unit)
        akhir = AWAL + max(n, 1) - 1

        def rng(k: str) -> str:
            c = idx[k]
            return f"{xl_rowcol_to_cell(AWAL, c, True, True)}:{xl_rowcol_to_cell(akhir, c, True, True)}"

        def nilai(ws_, r: int, c: int, v: Any, f: Any) -> None:
            if v is None or v == "":
                ws_.write_blank(r, c, None, f)
            elif isinstance(v, str):
                ws_.write_string(r, c, v, f)  # unit text is always text, never a formula
            else:
                ws_.write_number(r, c, v, f)

        for i, u in enumerate(unit):
            r = AWAL + i
            baris: dict[str, Any] = {
                "no": i + 1, "kode": u.kode_satker, "nama": u.nama, "periode": u.periode, "tahun": u.tahun,
                "pagu": u.pagu, "realisasi": u.realisasi, "ikpa": u.ikpa, "predikat_ikpa": u.predikat_ikpa,
                "nka": u.nka, "predikat_nka": u.predikat_nka, "galat": u.galat, "peringatan": u.peringatan,
                "berkas": _relatif(u.berkas, akar),
            }  # fmt: skip
            for k in iku:
                baris[f"iku:{k}"] = u.iku.get(k)
            for k, j in idx.items():
                f = fmt[kol[j][2]]
                if k == "rata":
                    a, b = (
                        xl_rowcol_to_cell(r, idx[f"iku:{iku[0]}"]) if iku else "",
                        xl_rowcol_to_cell(r, idx[f"iku:{iku[-1]}"]) if iku else "",
                    )
                    rumus = f'=IF(COUNT({a}:{b})=0,"",AVERAGE({a}:{b}))' if iku else '=""'
                    v = _rata_baris(u, iku)
                    ws.write_formula(r, j, rumus, f, "" if v is None else v)
                elif k == "penyerapan":
                    p, q = xl_rowcol_to_cell(r, idx["pagu"]), xl_rowcol_to_cell(r, idx["realisasi"])
                    ws.write_formula(r, j, f'=IF(OR(NOT(ISNUMBER({p})),{p}=0,NOT(ISNUMBER({q}))),"",{q}/{p}*100)', f,
                                     "" if u.penyerapan is None else u.penyerapan)  # fmt: skip
                elif k == "peringkat":
                    s = xl_rowcol_to_cell(r, idx["ikpa"])
                    peringkat = 1 + sum(
                        1 for x in unit if x.ikpa is not None and u.ikpa is not None and x.ikpa > u.ikpa
                    )
                    ws.write_formula(
                        r,
                        j,
                        f'=IF(ISNUMBER({s}),RANK({s},{rng("ikpa")},0),"")',
                        f,
                        peringkat if u.ikpa is not None else "",
                    )
                else:
                    nilai(ws, r, j, baris.get(k), f)
        # Totals and averages (formulas).
        tr = akhir + 2
        t = totals(unit, iku)
        ws.write_string(tr, idx["nama"], "Jumlah / rata-rata", tebal["teks"])
        ws.write_formula(tr, idx["no"], f"=COUNTA({rng('kode')})", tebal["bulat"], t["no"])
        for k in [*(f"iku:{x}" for x in iku), "rata", "ikpa", "nka"]:
            ws.write_formula(
                tr,
                idx[k],
                f'=IF(COUNT({rng(k)})=0,"",AVERAGE({rng(k)}))',
                tebal[kol[idx[k]][2]],
                "" if t[k] is None else t[k],
            )
        for k in ("pagu", "realisasi", "galat", "peringatan"):
            ws.write_formula(
                tr,
                idx[k],
                f'=IF(COUNT({rng(k)})=0,"",SUM({rng(k)}))',
                tebal[kol[idx[k]][2]],
                "" if t[k] is None else t[k],
            )
        p, q = xl_rowcol_to_cell(tr, idx["pagu"]), xl_rowcol_to_cell(tr, idx["realisasi"])
        ws.write_formula(tr, idx["penyerapan"], f'=IF(OR(NOT(ISNUMBER({p})),{p}=0,NOT(ISNUMBER({q}))),"",{q}/{p}*100)',
                         tebal["persen"], "" if t["penyerapan"] is None else t["penyerapan"])  # fmt: skip
        for nama_def, k in (("RekapPaguTotal", "pagu"), ("RekapRealisasiTotal", "realisasi"), ("RekapPenyerapanTotal", "penyerapan"),
                            ("RekapRataIKPA", "ikpa"), ("RekapRataNKA", "nka"), ("RekapJumlahGalat", "galat")):  # fmt: skip
            wb.define_name(nama_def, f"=Rekap!{xl_rowcol_to_cell(tr, idx[k], True, True)}")
        # Predicate distribution (formulas) and charts.
        dr = tr + 3
        ws.write_string(dr - 1, idx["nama"], "Sebaran predikat IKPA", tebal["teks"])
        for i, pred in enumerate(PREDIKAT_IKPA):
            ws.write_string(dr + i, idx["nama"], pred, fmt["teks"])
            ws.write_formula(dr + i, idx["nama"] + 1, f'=COUNTIF({rng("predikat_ikpa")},"{pred}")', fmt["bulat"],
                             sum(1 for u in unit if u.predikat_ikpa == pred))  # fmt: skip
        lebar = {"no": 5, "kode": 10, "nama": 38, "periode": 11, "tahun": 7, "berkas": 40, "pagu": 16, "realisasi": 16}
        for k, j in idx.items():
            ws.set_column(j, j, lebar.get(k, 11))
        ws.freeze_panes(AWAL, 3)
        ws.autofilter(AWAL - 1, 0, akhir, len(kol) - 1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(AWAL - 1)
        ch = wb.add_chart({"type": "pie"})
        ch.add_series({"name": "Predikat IKPA", "categories": ["Rekap", dr, idx["nama"], dr + 3, idx["nama"]],
                       "values": ["Rekap", dr, idx["nama"] + 1, dr + 3, idx["nama"] + 1],
                       "points": [{"fill": {"color": c}} for c in ("#404040", "#808080", "#BFBFBF", "#FFFFFF")],
                       "data_labels": {"value": True, "category": True}})  # fmt: skip
        ch.set_title({"name": "Sebaran predikat IKPA"})
        ws.insert_chart(dr, idx["nama"] + 3, ch)
        if unit:
            m = min(n, 40)
            ch2 = wb.add_chart({"type": "bar"})
            ch2.add_series({"name": "Nilai IKPA", "categories": ["Rekap", AWAL, idx["kode"], AWAL + m - 1, idx["kode"]],
                            "values": ["Rekap", AWAL, idx["ikpa"], AWAL + m - 1, idx["ikpa"]], "fill": {"color": "#7F7F7F"}})  # fmt: skip
            ch2.set_title({"name": f"Nilai IKPA ({m} satker teratas)"})
            ch2.set_legend({"none": True})
            ch2.set_y_axis({"reverse": True})
            ch2.set_size({"width": 520, "height": max(300, 16 * m + 80)})
            ws.insert_chart(dr, idx["nama"] + 10, ch2)
        # Findings: file problems first, then each unit's findings.
        wt = wb.add_worksheet("Temuan")
        wt.write_string(0, 0, "Temuan per berkas dan per satker", judul)
        kepala_t = ["Berkas", "Kode satker", "Nama satker", "Tingkat", "Kode", "Lokasi", "Pesan"]
        for j, teks in enumerate(kepala_t):
            wt.write_string(2, j, teks, kepala)
        r = 3
        for m_ in h.masalah:
            for j, v in enumerate((_relatif(m_.berkas, akar), "", "", m_.tingkat, "BERKAS", "", m_.alasan)):
                nilai(wt, r, j, v, fmt["teks"])
            r += 1
        for u in unit:
            for tingkat, kode, lokasi, pesan in u.temuan:
                for j, v in enumerate((_relatif(u.berkas, akar), u.kode_satker, u.nama, tingkat, kode, lokasi, pesan)):
                    nilai(wt, r, j, v, fmt["teks"])
                r += 1
        for j, w in enumerate((34, 10, 30, 10, 24, 20, 90)):
            wt.set_column(j, j, w)
        wt.freeze_panes(3, 0)
        wt.autofilter(2, 0, max(r - 1, 3), len(kepala_t) - 1)
        wi = wb.add_worksheet("Info")
        from .. import __version__

        for i, (k, v) in enumerate(
            (("Dibuat oleh", f"lakip-xl {__version__}"), ("Folder", "; ".join(str(a) for a in akar)),
             ("Berkas dibaca", str(h.jumlah_berkas)), ("Satker", str(len(unit))), ("Catatan berkas", str(len(h.masalah))))
        ):  # fmt: skip
            wi.write_string(i, 0, k)
            wi.write_string(i, 1, v)
        wi.set_column(0, 0, 18)
        wi.set_column(1, 1, 80)
        wb.close()
        return tulis_atomik(tujuan, path.read_bytes(), timpa=timpa)


def _relatif(berkas: str, akar: list[Path]) -> str:
    from . import _nama_relatif

    return _nama_relatif(berkas, [Path(a) for a in akar])


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
