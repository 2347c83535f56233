"""Build the master workbook (.xlsm) from the schema with XlsxWriter."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from .. import __version__
from ..berkas import tulis_atomik
from ..compute.angka import tanggal_iso
from ..compute.aturan import Aturan
from ..compute.hasil import hitung
from ..model import Lakip
from ..validasi import Temuan, validasi
from . import skema as S
from .catatan import catatan_kolom, catatan_sel
from .ikatan import isi_tabel
from .mesin import mesin
from .peta import Peta, lokasi_sel, peta_dari_model
from .vba import TOMBOL, bangun_vba

# Worksheet functions the master uses that need no prefix in the file, and the "future" ones
# that Excel stores as ``_xlfn.NAME``. A formula using any other function is left to
# XlsxWriter's own preparation.
FUNGSI_BIASA = frozenset(
    "ABS AND AVERAGE COUNT COUNTA COUNTIF COUNTIFS IF IFERROR INDEX INT ISNUMBER MATCH MAX MIN N NOT OR "
    "ROUND SUM SUMIFS SUMPRODUCT TRIM".split()
)
FUNGSI_MASA_DEPAN = frozenset({"MAXIFS", "MINIFS"})
_NAMA_FUNGSI = re.compile(r"(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_.]*)\(")
_MASA_DEPAN = re.compile(r"(?<![A-Za-z0-9_.])(MAXIFS|MINIFS)\(")


class _Lembar(Worksheet):
    """XlsxWriter's worksheet with a quicker formula preparation for the master's formulas.

    XlsxWriter runs some 200 regular expressions over every formula to add the ``_xlfn.``
    prefix of newer functions; the master has about 3.000 formulas, which made building a
    workbook take 2,7 s of its 3,8 s. Here a formula is scanned once for the functions it
    calls: one that calls only functions listed above gets the same text XlsxWriter would give
    it with ``use_future_functions`` on, as the master is built (``tests/test_buku_kerja.py``
    compares every formula of the built master with XlsxWriter's own preparation); any other
    formula goes to XlsxWriter unchanged. The scan does not skip string literals: a literal
    holding "MINIFS(" after a character XlsxWriter counts as a word boundary and this pattern
    does not (a dot, a letter outside ASCII) would be prefixed differently; the master has none.
    """

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        teks = formula
        if teks.startswith("{"):
            teks = teks[1:]
        if teks.startswith("="):
            teks = teks[1:]
        if teks.endswith("}"):
            teks = teks[:-1]
        if "_xlfn." in teks:
            return teks
        nama = set(_NAMA_FUNGSI.findall(teks))
        if nama <= FUNGSI_BIASA:
            return teks
        if nama <= FUNGSI_BIASA | FUNGSI_MASA_DEPAN:
            return _MASA_DEPAN.sub(r"_xlfn.\1(", teks)
        return super()._prepare_formula(formula, expand_future_functions)


# The xlwings.conf sheet: keys exactly as xlwings.bas reads them (case-insensitive).
XLWINGS_CONF: tuple[tuple[str, str | bool], ...] = (
    ("UDF Modules", "lakip_xl.doors.udf"),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)
# Keys lakip-xl owns whatever the workbook said: they name lakip-xl's own Python module.
KUNCI_MILIK_LAKIP = frozenset({"UDF MODULES"})


def gabung_xlwings_conf(pengguna: Sequence[tuple[str, Any]] = ()) -> list[tuple[str, Any]]:
    """The xlwings.conf rows of a rebuilt workbook: lakip-xl's keys first (the user's value
    wins except for :data:`KUNCI_MILIK_LAKIP`), then every other key the user had, in its order.

    Keys compare case-insensitively and appear once (xlwings.bas adds each to a dictionary by
    its upper-case name, so a repeated key stops every button); a key with a blank value is
    dropped (a blank value would hide the user's own xlwings.conf file).
    """
    milik: dict[str, tuple[str, Any]] = {}
    for k, v in pengguna:
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        milik.setdefault(k.strip().upper(), (k.strip(), v))
    hasil: list[tuple[str, Any]] = []
    for k, v in XLWINGS_CONF:
        besar = k.upper()
        if besar in milik and besar not in KUNCI_MILIK_LAKIP:
            v = milik[besar][1]
        hasil.append((k, v))
        milik.pop(besar, None)
    return hasil + list(milik.values())


WARNA_INPUT = "#FFF2CC"
WARNA_JUDUL = "#1F4E79"
WARNA_BANTU = "#7F7F7F"
# A native check that fails (skema.CEK): strong enough to tell from the capaian bands.
WARNA_CEK = "#FF7C80"
WARNA_CEK_TEKS = "#7B0000"
FORMAT_ANGKA = {
    "teks": "@",
    "uang": "#,##0",
    "angka": "#,##0.00##",
    "persen": '0.00"%"',
    "bulat": "#,##0",
    "tahun": "0",  # a year is a plain number: 2024, never "2.024" under an Indonesian locale
    "tanggal": "dd/mm/yyyy",  # a real date cell, day first as Indonesians write it
}
# Row heights (points) and how many characters of a column's width fit on one line (Calibri 11;
# a column's width counts the widest digit, most letters are narrower). Conservative: a row a
# little too tall reads better than text cut off.
TINGGI_BARIS = 15.0
HURUF_PER_LEBAR = 1.1
HURUF_PER_LEBAR_TEBAL = 0.95
# Printing: A4 width usable between 0.5" margins (pixels at 96 dpi), and the smallest scale a
# wide sheet is printed at before it is spread over more pages across.
LEBAR_CETAK_PX = {"potret": (8.27 - 1.0) * 96, "lanskap": (11.69 - 1.0) * 96}
SKALA_CETAK_MIN = 0.7
# The value column of a sheet of labelled cells: wide where long text is typed.
LEBAR_NILAI_BLOK = {"Narasi": 100, "Profil": 60}
PROPERTI = {
    "title": "LAKIP — buku kerja induk",
    "author": "lakip-xl",
    "company": "",
    "comments": "Dibuat oleh lakip-xl",
    "created": dt.datetime(2024, 1, 1),
}


def _nilai_format(nilai: Any, format: str) -> Any:
    """A model value as its cell holds it: an ISO date string becomes a date (a text that is
    not a date stays text, as the unit typed it, for the validator to name)."""
    if format == "tanggal" and isinstance(nilai, str) and nilai:
        iso = tanggal_iso(nilai)
        if isinstance(iso, str) and _ISO.fullmatch(iso):
            return dt.date.fromisoformat(iso)
    return nilai


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Format:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.wb = wb
        self.cache: dict[tuple[Any, ...], Any] = {}

    def get(self, jenis: str, fmt: str = "teks", **extra: Any) -> Any:
        key = (jenis, fmt, tuple(sorted(extra.items())))
        if key not in self.cache:
            props: dict[str, Any] = {"valign": "top", "border": 1, "border_color": "#BFBFBF"}
            if fmt in FORMAT_ANGKA and not (jenis == "rumus" and fmt == "teks"):
                # Inputs show what was typed (up to 4 decimals); results show 2 decimals.
                props["num_format"] = "#,##0.00" if (jenis == "rumus" and fmt == "angka") else FORMAT_ANGKA[fmt]
            if fmt == "teks":
                props["text_wrap"] = True
            if jenis == "input":
                props.update(bg_color=WARNA_INPUT, locked=False)
            elif jenis == "rumus":
                props.update(locked=True)
            elif jenis == "judul_kolom":
                props = {
                    "bold": True,
                    "font_color": "#FFFFFF",
                    "bg_color": WARNA_JUDUL,
                    "text_wrap": True,
                    "valign": "vcenter",
                    "border": 1,
                }
            elif jenis == "label":
                props.update(bold=True, text_wrap=True)
            props.update(extra)
            self.cache[key] = self.wb.add_format(props)
        return self.cache[key]


def _nilai_model(obj: Any, kunci: str) -> Any:
    for bagian in kunci.split("."):
        if isinstance(obj, dict):
            obj = obj.get(bagian)
        elif isinstance(obj, list):
            obj = obj[int(bagian)]
        else:
            obj = getattr(obj, bagian)
    if isinstance(obj, bool):
        return "Ya" if obj else "Tidak"
    if isinstance(obj, list):
        return "\n".join(obj)
    return obj


def baris_tabel(
    lakip: Lakip, aturan: dict[str, Any], temuan: list[Temuan], rencana: Sequence[str] = ()
) -> dict[str, list[Any]]:
    """The objects that fill each table's rows, in row order: the model's lists as
    ``skema.IKATAN`` binds them, the rules (serialised form), the findings and the planner's
    indicator codes (``kode_rencana``)."""
    ref_ikpa = [dict(i, aturan=kode) for kode, d in aturan["ikpa"].items() for i in d["indikator"]]
    ref_aturan = [
        {
            "kode": kode,
            "nama": d["nama"],
            "dispensasi": d["dispensasi"],
            "sumber": d["sumber"],
            "keyakinan": d["keyakinan"],
        }
        for kode, d in aturan["ikpa"].items()
    ]
    return {
        **isi_tabel(lakip),
        "RefIkpa": ref_ikpa,
        "RefAturanIkpa": ref_aturan,
        "RefTahunIkpa": [{"tahun": int(t), "aturan": k} for t, k in aturan["tahun_ikpa"].items()],
        "RefPredikatIkpa": aturan["predikat_ikpa"],
        "RefPredikatNka": aturan["nka"]["predikat"],
        "RefPredikatSakip": aturan["sakip"]["predikat"],
        **_baris_rencana(aturan),
        "RencanaTw": [{"tw": q} for q in range(1, 5)],
        "RencanaIndikator": [{"kode": k} for k in rencana],
        "Temuan": temuan,
    }


# The planner's single settings, one row each in RefRencana.
KUNCI_REF_RENCANA = (
    "batas_rasio_penyerapan",
    "blokir_mulai_tahun",
    "batas_deviasi",
    "bulan_deviasi_terakhir",
    "batas_nilai_revisi",
    "bobot_ketepatan_output",
    "bobot_capaian_ro",
)


def _baris_rencana(aturan: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The planner's rules (serialised form) as the rows of the four Referensi tables."""
    rr = aturan.get("rencana_ikpa") or {}
    return {
        "RefRencana": [{"aturan": k, "kunci": x, "nilai": d[x]} for k, d in rr.items() for x in KUNCI_REF_RENCANA],
        "RefTargetSerap": [
            {"aturan": k, "jenis": j, "tw": q, "target": t}
            for k, d in rr.items()
            for j, tw in d["target_penyerapan"].items()
            for q, t in enumerate(tw, 1)
        ],
        "RefSkorRevisi": [dict(x, aturan=k) for k, d in rr.items() for x in d["skor_revisi"]],
        "RefPengurangDispensasi": [dict(x, aturan=k) for k, d in rr.items() for x in d["pengurang_dispensasi"]],
    }


def kode_rencana(lakip: Lakip, aturan: Aturan) -> list[str]:
    """The indicator rows of the planner's table: those of the IKPA rule set in force when it has
    planner rules, else of the newest rule set that has them."""
    if not aturan.rencana_ikpa:
        return []
    kode, _ = aturan.ikpa_berlaku(lakip.ikpa.aturan, lakip.profil.tahun)
    if aturan.rencana(kode) is None:
        kode = aturan.rencana_ikpa[-1].kode
    return [i.kode for i in aturan.set_ikpa(kode).indikator]


class _Pembangun:
    def __init__(
        self,
        lakip: Lakip,
        aturan: Aturan,
        temuan: list[Temuan],
        path: Path,
        vba: Path | None,
        xlwings_pengguna: Sequence[tuple[str, Any]] = (),
    ):
        self.lakip = lakip
        self.xlwings_pengguna = xlwings_pengguna
        self.aturan = aturan.ke_dict()  # the Referensi sheet shows the serialised form
        self.temuan = temuan
        self.hasil = hitung(lakip, aturan)
        self.mesin = mesin(lakip, self.hasil, aturan)
        self.rows = baris_tabel(lakip, self.aturan, temuan, kode_rencana(lakip, aturan))
        self.tata = S.tata_letak({k: len(v) for k, v in self.rows.items()})
        self.peta: Peta = peta_dari_model(lakip)
        self.wb = xlsxwriter.Workbook(
            str(path), {"strings_to_formulas": False, "strings_to_urls": False, "use_future_functions": True}
        )
        self.wb.set_properties(PROPERTI)
        self.wb.set_calc_mode("auto")
        self.f = _Format(self.wb)
        self.ws: dict[str, Any] = {}
        self.vba = vba
        self.lebar: dict[str, dict[int, float]] = {}
        # (sheet, row) -> wrapped texts in it: (column, text, bold); header rows get their height too.
        self.teks: dict[tuple[str, int], list[tuple[int, str, bool]]] = {}
        self.baris_judul: set[tuple[str, int]] = set()
        self.sel_total: dict[str, tuple[str, int, int]] = {}  # defined name of a table total -> its cell

    # -- basics ---------------------------------------------------------------------------------
    def lembar(self, nama: str) -> Any:
        return self.ws[nama]

    def set_lebar(self, lembar: str, kolom: int, lebar: float) -> None:
        d = self.lebar.setdefault(lembar, {})
        d[kolom] = max(d.get(kolom, 0), lebar)

    def catat_teks(self, ws: Any, row: int, col: int, nilai: Any, fmt: Any, tebal: bool = False) -> None:
        """Remember wrapped text, so the row can be made tall enough for it (``tinggi_baris``)."""
        if isinstance(nilai, str) and nilai and fmt is not None and getattr(fmt, "text_wrap", False):
            self.teks.setdefault((ws.name, row), []).append((col, nilai, tebal or bool(getattr(fmt, "bold", False))))

    def tulis(self, ws: Any, row: int, col: int, nilai: Any, fmt: Any, teks: bool = False) -> None:
        self.catat_teks(ws, row, col, nilai, fmt)
        if nilai is None or nilai == "":
            ws.write_blank(row, col, None, fmt)
        elif isinstance(nilai, dt.date):
            ws.write_datetime(row, col, dt.datetime.combine(nilai, dt.time()), fmt)
        elif teks or isinstance(nilai, str):
            ws.write_string(row, col, str(nilai), fmt)
        else:
            ws.write_number(row, col, nilai, fmt)

    def tulis_rumus(self, ws: Any, row: int, col: int, rumus: str, fmt: Any, nilai: Any) -> None:
        self.catat_teks(ws, row, col, nilai, fmt)
        ws.write_formula(row, col, rumus, fmt, "" if nilai is None else nilai)

    def judul(self, ws: Any, teks: str, sub: str = "") -> None:
        ws.write_string(0, 0, teks, self.wb_title)
        if sub:
            ws.write_string(1, 0, sub, self.wb_sub)

    # -- blocks -----------------------------------------------------------------------------------
    def blok(self, b: S.Blok) -> None:
        ws = self.lembar(b.lembar)
        ws.write_string(b.baris - 1, 0, b.judul, self.wb_h2)
        self.set_lebar(b.lembar, 0, 46)
        self.set_lebar(b.lembar, 1, LEBAR_NILAI_BLOK.get(b.lembar, 30))
        self.set_lebar(b.lembar, 2, 40)
        for i, s in enumerate(b.sel):
            row = b.baris + i
            self.tulis(ws, row, 0, s.label, self.f.get("label"))
            if s.jenis == "input":
                self.komentar(ws, row, 0, catatan_sel(s))
            if s.jenis == "rumus":
                fmt = self.f.get("rumus", s.format)
                self.tulis_rumus(ws, row, 1, S.rumus(s.rumus or "", self.tata, b.lembar), fmt, self.mesin.nama(s.nama))
            else:
                fmt = self.f.get("input", s.format)
                if b is S.PENGATURAN and not s.kunci.startswith("pengaturan."):
                    nilai = _nilai_model(self.aturan, s.kunci)
                else:
                    nilai = _nilai_model(self.lakip, s.kunci)
                self.tulis(ws, row, 1, _nilai_format(nilai, s.format), fmt, teks=s.format == "teks")
                if s.pilihan:
                    self.validasi_daftar(ws, row, 1, row, 1, s.pilihan, True)
                if s.format == "tanggal":
                    self.validasi_tanggal(ws, row, 1, row, 1)
            if s.catatan:
                self.tulis(ws, row, 2, s.catatan, self.wb_catatan)
            self.wb.define_name(s.nama, f"={S._quote(b.lembar)}!{xl_rowcol_to_cell(row, 1, True, True)}")

    # -- tables -----------------------------------------------------------------------------------
    def tabel(self, t: S.Tabel) -> None:
        p = self.tata.posisi[t.kunci]
        ws = self.lembar(t.lembar)
        rows = self.rows.get(t.kunci, [])
        ws.write_string(p.baris_judul - 1, p.kolom_awal, t.judul, self.wb_h2)
        kolom = []
        for j, k in enumerate(t.kolom):
            fmt_h = self.f.get("judul_kolom", bg_color=WARNA_BANTU) if k.bantu else self.f.get("judul_kolom")
            kolom.append({"header": k.judul, "header_format": fmt_h})
            self.set_lebar(t.lembar, p.kolom_awal + j, k.lebar)
        ws.add_table(
            p.baris_judul,
            p.kolom_awal,
            p.akhir,
            p.kolom_awal + len(t.kolom) - 1,
            {"name": f"tbl{t.kunci}", "columns": kolom, "style": "Table Style Light 1", "autofilter": False},
        )
        self.baris_judul.add((ws.name, p.baris_judul))
        for j, k in enumerate(t.kolom):
            self.teks.setdefault((ws.name, p.baris_judul), []).append((p.kolom_awal + j, k.judul, True))
            if k.jenis == "input" and t.kunci not in S.REFERENSI_TABEL and t.kunci != "Temuan":
                self.komentar(ws, p.baris_judul, p.kolom_awal + j, catatan_kolom(t, k))
        for i in range(p.jumlah_baris):
            obj = rows[i] if i < len(rows) else None
            for j, k in enumerate(t.kolom):
                row, col = p.awal + i, p.kolom_awal + j
                if k.jenis == "rumus":
                    fmt = self.f.get("rumus", k.format)
                    nilai = self.mesin.tabel(t.kunci, k.kunci, i)
                    self.tulis_rumus(ws, row, col, S.rumus(k.rumus or "", self.tata, t.lembar, t.kunci, i), fmt, nilai)
                else:
                    # "tetap": written by lakip-xl from the rules, locked, never read back
                    fmt = self.f.get("rumus" if k.jenis == "tetap" else "input", k.format)
                    nilai = None if obj is None else self.nilai_objek(t, obj, k.kunci)
                    self.tulis(ws, row, col, _nilai_format(nilai, k.format), fmt, teks=k.format == "teks")
            if t.kunci == "Temuan" and obj is not None:
                self.tautan_temuan(ws, p, i, obj)
        for j, k in enumerate(t.kolom):
            c = p.kolom_awal + j
            if k.pilihan:
                self.validasi_daftar(ws, p.awal, c, p.akhir, c, k.pilihan, k.pilihan_ketat)
            if k.format == "tanggal" and k.jenis == "input":
                self.validasi_tanggal(ws, p.awal, c, p.akhir, c)
        if t.total:
            row = p.baris_total
            ws.write_string(row, p.kolom_awal, "Jumlah", self.f.get("label"))
            for x in t.total:
                col = p.kolom(x.kolom)
                fmt = self.f.get("rumus", t.kol(x.kolom).format, bold=True)
                self.tulis_rumus(
                    ws, row, col, S.rumus(x.rumus, self.tata, t.lembar, t.kunci), fmt, self.mesin.nilai(x.hasil)
                )
                if x.nama:
                    self.sel_total[x.nama] = (p.lembar, row, col)
                    self.wb.define_name(x.nama, f"={S._quote(t.lembar)}!{xl_rowcol_to_cell(row, col, True, True)}")
        awal = xl_rowcol_to_cell(p.awal, p.kolom_awal, True, True)
        akhir = xl_rowcol_to_cell(p.akhir, p.kolom_awal + len(t.kolom) - 1, True, True)
        self.wb.define_name(f"Data_{t.kunci}", f"={S._quote(t.lembar)}!{awal}:{akhir}")

    @functools.cached_property
    def nama_ikpa(self) -> dict[str, str]:
        """IKPA indicator code -> its name, from the rules (the names the IKPA sheet shows)."""
        return {i["kode"]: i["nama"] for d in self.aturan["ikpa"].values() for i in d["indikator"]}

    def nilai_objek(self, t: S.Tabel, obj: Any, kunci: str) -> Any:
        if t.kunci == "Temuan":
            return {"tingkat": obj.tingkat, "kode": obj.kode, "lokasi": obj.lokasi, "pesan": obj.pesan}[kunci]
        if kunci == "kode_tertulis":  # a companion row: the code of the item it was written for
            return obj.kode
        if t.kunci == "IkpaKomponen" and kunci == "kode":
            return self.nama_ikpa.get(obj.kode, obj.kode)  # an unknown code stays as the unit typed it
        return _nilai_model(obj, kunci)

    def tautan_temuan(self, ws: Any, p: S.Posisi, i: int, t: Temuan) -> None:
        sel = lokasi_sel(t.jalur, self.tata, self.peta)
        if sel:
            lembar, ref = sel
            ws.write_url(
                p.awal + i,
                p.kolom("lokasi"),
                f"internal:{S._quote(lembar)}!{ref}",
                self.f.get("input", "teks", font_color="blue", underline=1),
                string=f"{lembar}!{ref}",
            )

    def validasi_daftar(self, ws: Any, r1: int, c1: int, r2: int, c2: int, daftar: str, ketat: bool) -> None:
        opsi: dict[str, Any] = {"validate": "list", "source": f"=Daftar{daftar}"}
        if ketat:
            opsi.update(error_title="Pilihan tidak dikenal", error_message="Pilih salah satu isi daftar.")
        else:
            opsi.update(error_type="information", error_message="Isian di luar daftar; pastikan penulisannya benar.")
        ws.data_validation(r1, c1, r2, c2, opsi)

    def validasi_tanggal(self, ws: Any, r1: int, c1: int, r2: int, c2: int) -> None:
        """A date cell: a warning (not a refusal) for anything that is not a date, so text an
        English-locale Excel keeps as typed (17/08/2024) still goes in and is read as a date."""
        ws.data_validation(
            r1,
            c1,
            r2,
            c2,
            {
                "validate": "date",
                "criteria": "between",
                "minimum": dt.date(2000, 1, 1),
                "maximum": dt.date(2100, 12, 31),
                "error_type": "warning",
                "error_title": "Bukan tanggal",
                "error_message": "Ketik tanggal, mis. 17/08/2024 (hari/bulan/tahun).",
            },
        )

    def pita_capaian(self, lembar: str, tabel: str, kolom: str) -> None:
        p = self.tata.posisi[tabel]
        ws = self.lembar(lembar)
        c = p.kolom(kolom)
        sel = xl_rowcol_to_cell(p.awal, c)
        for rumus, warna in (
            (f"AND(ISNUMBER({sel}),{sel}>=100)", "#C6EFCE"),
            (f"AND(ISNUMBER({sel}),{sel}>=80,{sel}<100)", "#FFEB9C"),
            (f"AND(ISNUMBER({sel}),{sel}<80)", "#FFC7CE"),
        ):
            ws.conditional_format(
                p.awal,
                c,
                p.akhir,
                c,
                {"type": "formula", "criteria": "=" + rumus, "format": self.wb.add_format({"bg_color": warna})},
            )

    # -- sheets -----------------------------------------------------------------------------------
    def bangun(self) -> None:
        wb = self.wb
        self.wb_title = wb.add_format({"bold": True, "font_size": 16, "font_color": WARNA_JUDUL})
        self.wb_sub = wb.add_format({"italic": True, "font_color": "#595959"})
        self.wb_h2 = wb.add_format({"bold": True, "font_size": 12, "font_color": WARNA_JUDUL})
        self.wb_catatan = wb.add_format({"italic": True, "font_color": "#7F7F7F", "text_wrap": True, "valign": "top"})
        for nama in S.LEMBAR:
            self.ws[nama] = wb.add_worksheet(nama, worksheet_class=_Lembar)
        if self.vba is not None:
            wb.set_vba_name("ThisWorkbook")
            for i, nama in enumerate(S.LEMBAR):
                self.ws[nama].set_vba_name(f"Sheet{i + 1}")
            wb.add_vba_project(str(self.vba))
        sub = {
            "Profil": "Identitas satker dan penandatangan laporan.",
            "Wilayah": "Wilayah kerja; jumlah dihitung otomatis.",
            "Indikator": "Perjanjian Kinerja tiga tingkat: target tahunan dan triwulan.",
            "Realisasi": "Isi realisasi triwulan; capaian dihitung otomatis (baris sama dengan lembar Indikator).",
            "Analisis": "Analisis capaian per indikator untuk Bab III (baris sama dengan lembar Indikator).",
            "Renstra": "Target Renstra per indikator per tahun dan realisasi tahun-tahun sebelumnya.",
            "Output": "Hierarki DIPA: program, kegiatan, KRO, dan RO (rincian output) dengan volume dan anggaran.",
            "Anggaran": "Total DIPA, realisasi per jenis belanja dan per sumber dana.",
            "IKPA": "Nilai IKPA dari OM-SPAN; bobot mengikuti aturan di lembar Referensi.",
            "Rencana IKPA": "Berapa yang masih harus diserap agar target IKPA tercapai (aturan PER-5/PB/2024, TA 2024+).",
            "SMART": "Variabel SMART DJA, NKA, PKPA, dan nilai SAKIP.",
            "Narasi": "Teks laporan yang ditulis satker sendiri.",
            "Organisasi": "Struktur organisasi, landasan hukum, dan sumber daya manusia (Bab I).",
            "Prestasi": "Penghargaan, inovasi, dan capaian pada aplikasi kinerja lainnya.",
            "Tindak Lanjut": "Rencana tindak lanjut atas masalah dan rekomendasi (Bab IV).",
            "Referensi": "Pengaturan dan aturan penilaian yang dapat diubah.",
            "Validasi": "Hasil pemeriksaan data. Tekan 'Hitung dan Validasi' di Beranda untuk memperbarui.",
        }
        for nama, teks in sub.items():
            self.judul(self.ws[nama], nama if nama != "Output" else "DIPA: Program, Kegiatan, KRO, dan RO", teks)
        self.daftar()
        for b in S.BLOK:
            self.blok(b)
        for t in S.TABEL:
            self.tabel(t)
        self.pita_capaian("Realisasi", "Realisasi", "capaian")
        self.pita_capaian("Output", "Output", "capaian_volume")
        self.tandai()
        self.grafik_rencana()
        self.beranda()
        self.meta()
        self.xlwings_conf()
        self.rapikan()

    def daftar(self) -> None:
        ws = self.ws["Referensi"]
        daftar = dict(S.DAFTAR)
        daftar["AturanIkpa"] = tuple(self.aturan["ikpa"])
        daftar["NamaIkpa"] = tuple(dict.fromkeys(self.nama_ikpa.values()))
        ws.write_string(2, S.KOLOM_DAFTAR, "Daftar pilihan", self.wb_h2)
        for j, (nama, isi) in enumerate(sorted(daftar.items())):
            c = S.KOLOM_DAFTAR + j
            ws.write_string(3, c, nama, self.f.get("judul_kolom"))
            for i, v in enumerate(isi):
                ws.write_string(4 + i, c, v, self.f.get("input", "teks"))
            self.set_lebar("Referensi", c, max(12, max(len(v) for v in isi) + 2))
            rng = f"{xl_rowcol_to_cell(4, c, True, True)}:{xl_rowcol_to_cell(3 + len(isi), c, True, True)}"
            self.wb.define_name(f"Daftar{nama}", f"=Referensi!{rng}")

    def beranda(self) -> None:
        ws = self.ws["Beranda"]
        ws.write_formula(
            0, 0, '=IF(NamaSatker="","LAKIP",NamaSatker)', self.wb_title, self.lakip.profil.nama or "LAKIP"
        )
        per = f"Laporan Kinerja {self.lakip.profil.periode} {self.lakip.profil.tahun or ''}".strip()
        ws.write_formula(1, 0, '=TRIM("Laporan Kinerja "&PeriodeLaporan&" "&TahunAnggaran)', self.wb_sub, per)
        ws.write_string(1, 6, "Versi:", self.f.get("label"))
        ws.write_string(*S.SEL_VERSI_LAKIP[1:], "", self.f.get("input", "teks"))  # written by the test macro
        ws.write_string(3, 0, "Hasil utama", self.wb_h2)
        for i, (label, nama, fmt) in enumerate(S.BERANDA):
            row = 4 + i
            ws.write_string(row, 0, label, self.f.get("label"))
            if nama == S.RATA_IKU.nama:
                rumus = S.rumus(S.RATA_IKU.rumus or "", self.tata, "Beranda")
                self.wb.define_name(nama, f"=Beranda!{xl_rowcol_to_cell(row, 1, True, True)}")
            else:
                rumus = f"={nama}"
            self.tulis_rumus(ws, row, 1, rumus, self.f.get("rumus", fmt), self.mesin.nama(nama))
        for i, tb in enumerate(TOMBOL):
            ws.insert_button(
                4 + i * 2, 3, {"macro": tb.sub, "caption": tb.judul, "width": 190, "height": 30, "x_offset": 10}
            )
        polos = self.wb.add_format({"italic": True, "font_color": "#595959"})
        row = self.cek_beranda(ws, 5 + len(S.BERANDA), polos)
        row = self.temuan_beranda(ws, row + 1, polos)
        cara = [
            "Cara memakai:",
            "1. Isi sel berwarna kuning di lembar Profil, Indikator, Realisasi, Output, Anggaran, IKPA, dan SMART; "
            "untuk laporan lengkap juga Analisis, Renstra, Organisasi, Narasi, dan Tindak Lanjut.",
            "   Arahkan tetikus ke judul kolom (segitiga merah di pojok) untuk membaca cara mengisinya.",
            "2. Sel putih berisi rumus dan terkunci; nilainya dihitung otomatis, juga tanpa Python.",
            "3. Tekan 'Hitung dan Validasi' untuk memeriksa data; temuan muncul di lembar Validasi.",
            "4. Tekan 'Buat Laporan (Word)' atau 'Buat PDF' untuk menyusun laporan di folder buku kerja ini.",
            "5. Tekan 'Ekspor untuk Kanwil' untuk menyiapkan salinan dan data yang dikirim ke kantor wilayah.",
            "Tombol memerlukan Python dan lakip-xl terpasang (lihat README, bagian Windows).",
            "Baris tabel kurang? Lihat docs/buku-kerja.md lakip-xl, bagian 'Ruang tabel': cadangan dan cara menambah.",
        ]
        for i, teks in enumerate(cara):
            ws.write_string(row + 1 + i, 0, teks, self.f.get("label", border=0, text_wrap=False) if i == 0 else polos)
        # Charts: capaian per indicator and penyerapan per KRO.
        self.grafik(ws, "bar", "Realisasi", "capaian", len(self.lakip.indikator), "Capaian (%)",
                    "Capaian indikator (%)", "#404040", 320, (3, 6), terbalik=True)  # fmt: skip
        self.grafik(ws, "column", "Kro", "penyerapan", len(self.rows["Kro"]), "Penyerapan (%)",
                    "Penyerapan anggaran per KRO (%)", "#7F7F7F", 300, (20, 6))  # fmt: skip
        self.set_lebar("Beranda", 0, 44)
        self.set_lebar("Beranda", 1, 26)
        self.set_lebar("Beranda", 3, 30)

    def cek_beranda(self, ws: Any, row: int, polos: Any) -> int:
        """The native checks (skema.CEK): one formula count each and their sum; returns the next row."""
        ws.write_string(row, 0, "Pemeriksaan tanpa Python (rumus, selalu terkini)", self.wb_h2)
        merah = self.wb.add_format({"bg_color": WARNA_CEK, "font_color": WARNA_CEK_TEKS, "bold": True})
        hijau = self.wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"})
        for i, c in enumerate((*S.CEK, S.CEK_JUMLAH)):
            r_ = row + 1 + i
            tebal = c is S.CEK_JUMLAH
            self.tulis(ws, r_, 0, c.label, self.f.get("label", bold=tebal))
            self.komentar(ws, r_, 0, f"{c.label}: {c.keterangan}.")
            sel = xl_rowcol_to_cell(r_, 1, True, True)
            self.wb.define_name(c.nama, f"=Beranda!{sel}")
            rumus = S.rumus(c.rumus, self.tata, "Beranda")
            self.tulis_rumus(ws, r_, 1, rumus, self.f.get("rumus", "bulat", bold=tebal), self.mesin.nama(c.nama))
            for kriteria, fmt in ((">", merah), ("==", hijau)):
                ws.conditional_format(r_, 1, r_, 1, {"type": "cell", "criteria": kriteria, "value": 0, "format": fmt})
        akhir = row + 2 + len(S.CEK)
        ws.write_string(akhir, 0, "Sel yang bermasalah berwarna merah di lembarnya; angka ini ikut berubah saat data "
                        "diubah, juga di komputer tanpa Python.", polos)  # fmt: skip
        return akhir + 1

    def temuan_beranda(self, ws: Any, row: int, polos: Any) -> int:
        """The Python findings: a snapshot from the last 'Hitung dan Validasi' (or from this build)."""
        ws.write_string(row, 0, "Pemeriksaan Python (potret 'Hitung dan Validasi' terakhir)", self.wb_h2)
        self.tulis(ws, row + 1, 0, "Temuan di lembar Validasi (galat / peringatan)", self.f.get("label"))
        t = self.tata.posisi["Temuan"]
        # The button writes any number of findings below the header: count the whole column.
        c = t.kolom("tingkat")
        rng = f"Validasi!{xl_rowcol_to_cell(t.awal, c, True, True)}:{xl_rowcol_to_cell(t.awal + S.MAKS_TEMUAN - 1, c, True, True)}"
        galat = sum(x.tingkat == "galat" for x in self.temuan)
        diperiksa = f"saat buku kerja dibuat oleh lakip-xl {__version__}" if self.temuan else ""
        hitungan = f"{galat} galat / {len(self.temuan) - galat} peringatan"
        ws.write_formula(
            row + 1, 1,
            f'=IF(AND(TerakhirDiperiksa="",COUNTA({rng})=0),"belum diperiksa",'
            f'COUNTIF({rng},"galat")&" galat / "&COUNTIF({rng},"peringatan")&" peringatan")',
            self.f.get("rumus", "teks"), hitungan if self.temuan else "belum diperiksa",
        )  # fmt: skip
        self.tulis(ws, row + 2, 0, "Terakhir diperiksa", self.f.get("label"))
        self.tulis(ws, row + 2, 1, diperiksa, self.f.get("input", "teks"), teks=True)
        self.wb.define_name("TerakhirDiperiksa", f"=Beranda!{xl_rowcol_to_cell(row + 2, 1, True, True)}")
        for i, teks in enumerate(
            (
                "Daftar temuan tidak berubah sendiri saat data diubah: tekan 'Hitung dan Validasi' lagi sesudah",
                "mengubah data. Tanpa Python, pakai pemeriksaan rumus di atas.",
            )
        ):
            ws.write_string(row + 3 + i, 0, teks, polos)
        return row + 5

    def komentar(self, ws: Any, row: int, col: int, teks: str) -> None:
        """A cell note (shown when the pointer rests on the cell; not printed)."""
        baris = max(3, math.ceil(len(teks) / 42) + 1)
        ws.write_comment(row, col, teks, {"author": "lakip-xl", "x_scale": 1.6, "y_scale": min(4.0, baris / 4)})

    def tandai(self) -> None:
        """Colour, in place, what the native checks (skema.CEK) count."""
        merah = self.wb.add_format({"bg_color": WARNA_CEK, "font_color": WARNA_CEK_TEKS, "bold": True})

        def tabel(t: str, kolom: tuple[str, ...], syarat: str) -> None:
            p = self.tata.posisi[t]
            ws = self.lembar(p.lembar)
            ref = {k.kunci: xl_rowcol_to_cell(p.awal, p.kolom(k.kunci), False, True) for k in p.tabel.kolom}
            kriteria = "=" + syarat.format(**{k.replace(".", "_"): v for k, v in ref.items()})
            for k in kolom:
                c = p.kolom(k)
                ws.conditional_format(p.awal, c, p.akhir, c, {"type": "formula", "criteria": kriteria, "format": merah})

        def sel(nama: str, syarat: str) -> None:
            lembar, r_, c = self.tata.sel[nama] if nama in self.tata.sel else self.sel_total[nama]
            self.lembar(lembar).conditional_format(
                r_, c, r_, c, {"type": "formula", "criteria": "=" + syarat, "format": merah}
            )

        lebih = "AND(ISNUMBER({p}),ISNUMBER({r}),{r}>{p})"
        beda = "AND(ISNUMBER({a}),ISNUMBER({b}),{a}<>{b})"
        tabel("Output", ("realisasi", "sisa"), lebih.format(p="{pagu}", r="{realisasi}"))
        for t in ("Program", "Kegiatan", "Kro"):
            tabel(t, ("realisasi_efektif", "sisa"), lebih.format(p="{pagu_efektif}", r="{realisasi_efektif}"))
            tabel(t, ("pagu", "pagu_rincian"), beda.format(a="{pagu}", b="{pagu_rincian}"))
            tabel(t, ("realisasi", "realisasi_rincian"), beda.format(a="{realisasi}", b="{realisasi_rincian}"))
        tabel("Program", ("pembanding_realisasi",), lebih.format(p="{pembanding_pagu}", r="{pembanding_realisasi}"))
        for t in ("JenisBelanja", "SumberDana"):
            tabel(t, ("realisasi", "sisa"), lebih.format(p="{pagu}", r="{realisasi}"))
        tabel(
            "Realisasi", ("realisasi_periode", "capaian"), "AND(ISNUMBER({realisasi_periode}),NOT(ISNUMBER({capaian})))"
        )
        tabel("Output", ("volume_target", "capaian_volume"),
              "AND(ISNUMBER({volume_realisasi}),NOT(ISNUMBER({capaian_volume})))")  # fmt: skip
        sel("RealisasiTotal", lebih.format(p="PaguTotal", r="RealisasiTotal"))
        sel("SisaTotal", lebih.format(p="PaguTotal", r="RealisasiTotal"))
        for apa in ("Pagu", "Realisasi"):
            sel(f"Total{apa}Dinyatakan", beda.format(a=f"Total{apa}Dinyatakan", b=f"Jumlah{apa}Program"))
            for x in ("Jenis", "Sumber"):
                sel(f"Selisih{apa}{x}", f"AND(ISNUMBER(Selisih{apa}{x}),Selisih{apa}{x}<>0)")
            sel(f"Jenis{apa}", beda.format(a=f"Jenis{apa}", b=f"Sumber{apa}"))
            sel(f"Sumber{apa}", beda.format(a=f"Jenis{apa}", b=f"Sumber{apa}"))
        pk = self.tata.ref("Anggaran", "Program", "pagu_pk", None)
        sel(
            "AlokasiPK",
            f"OR({beda.format(a='AlokasiPK', b='PaguTotal')},AND(ISNUMBER(AlokasiPK),COUNT({pk})>0,SUM({pk})<>AlokasiPK))",
        )

    def grafik(
        self, ws: Any, jenis: str, tabel: str, kolom: str, n: int, seri: str, judul: str, warna: str, tinggi: int,
        letak: tuple[int, int], terbalik: bool = False,
    ) -> None:  # fmt: skip
        """A chart of one column of a table against its codes (the filled rows only)."""
        p = self.tata.posisi[tabel]
        akhir = p.awal + max(1, n) - 1
        ch = self.wb.add_chart({"type": jenis})
        ch.add_series(
            {
                "name": seri,
                "categories": [p.tabel.lembar, p.awal, p.kolom("kode"), akhir, p.kolom("kode")],
                "values": [p.tabel.lembar, p.awal, p.kolom(kolom), akhir, p.kolom(kolom)],
                "fill": {"color": warna},
                "data_labels": {"value": True, "num_format": "0.00"},
            }
        )
        ch.set_title({"name": judul})
        ch.set_legend({"none": True})
        if terbalik:
            ch.set_y_axis({"reverse": True})
        ch.set_size({"width": 560, "height": tinggi})
        ws.insert_chart(*letak, ch)

    def grafik_rencana(self) -> None:
        """Planned (realisation, then RPD) against target cumulative absorption per quarter,
        pagu-weighted, from the planner's quarter table (native: it follows the data)."""
        p = self.tata.posisi["RencanaTw"]
        lembar = p.lembar
        ch = self.wb.add_chart({"type": "line"})
        kategori = [lembar, p.awal, p.kolom("tw"), p.akhir, p.kolom("tw")]
        for kolom, nama, warna in (
            ("rencana_total", "Rencana kumulatif (realisasi, lalu RPD)", "#1F4E79"),
            ("target_total", "Target penyerapan (tertimbang pagu)", "#C00000"),
        ):
            ch.add_series(
                {
                    "name": nama,
                    "categories": kategori,
                    "values": [lembar, p.awal, p.kolom(kolom), p.akhir, p.kolom(kolom)],
                    "line": {"color": warna, "width": 2.25},
                    "marker": {"type": "circle", "size": 6, "fill": {"color": warna}, "border": {"color": warna}},
                    "data_labels": {"value": True, "num_format": "0.0", "position": "above"},
                }
            )
        ch.set_title({"name": "Penyerapan kumulatif per triwulan (% pagu)"})
        ch.set_x_axis({"name": "Triwulan"})
        ch.set_y_axis({"min": 0, "max": 100, "num_format": "0"})
        ch.set_legend({"position": "bottom"})
        ch.set_size({"width": 560, "height": 300})
        # Below the sheet's last table, at its left edge: beside the inputs it fell off the
        # printed page's right edge.
        bawah = max(q.baris_total for q in self.tata.posisi.values() if q.lembar == lembar)
        self.lembar(lembar).insert_chart(bawah + 2, 0, ch)

    def meta(self) -> None:
        ws = self.ws["_meta"]
        _, r_versi, c_nilai = S.SEL_VERSI_SKEMA
        isi = {r_versi - 1: ("jenis", "lakip-xl buku kerja induk"), r_versi: ("versi_skema", S.VERSI_BUKU_KERJA)}
        isi[r_versi + 1] = ("versi_lakip_xl", __version__)
        for i, (k, v) in isi.items():
            ws.write_string(i, c_nilai - 1, k)
            self.tulis(ws, i, c_nilai, v, None)
        self.wb.define_name("VersiSkema", "=" + S.alamat(S.SEL_VERSI_SKEMA, mutlak=True))
        self.wb.define_name("VersiSkemaNilai", f"={S.VERSI_BUKU_KERJA}")  # lets readers skip the _meta sheet
        ws.hide()

    def xlwings_conf(self) -> None:
        """xlwings reads column A/B from A1 down to the first blank key; a key present with a
        blank value overrides the user's own xlwings.conf, so only keys with values are written."""
        ws = self.ws["xlwings.conf"]
        for i, (k, v) in enumerate(gabung_xlwings_conf(self.xlwings_pengguna)):
            ws.write_string(i, 0, k)
            if isinstance(v, bool):
                ws.write_boolean(i, 1, v)
            elif isinstance(v, (int, float)):
                ws.write_number(i, 1, v)
            else:
                ws.write_string(i, 1, str(v))
        catatan = (
            "Pengaturan xlwings: kunci di kolom A, nilai di kolom B, tanpa baris kosong di antaranya.",
            "Bila tombol tidak menemukan Python, tambahkan baris di bawah daftar:",
            "  Interpreter_Win | C:\\Users\\NAMA\\AppData\\Local\\Programs\\Python\\Python311\\python.exe",
            "Lihat README, bagian 'Memakai tombol di Excel (Windows)'.",
        )
        for i, teks in enumerate(catatan):
            ws.write_string(i, 3, teks)
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 24)
        # Hidden, not "very hidden": xlwings.bas finds it by name either way, and a user can still
        # show it (right-click a sheet tab > Unhide) to add an interpreter path.
        ws.hide()

    def rapikan(self) -> None:
        bebas = {"Validasi", "xlwings.conf", "_meta"}
        tersembunyi = self.kolom_bantu()
        for nama, ws in self.ws.items():
            for c, w in self.lebar.get(nama, {}).items():
                ws.set_column(c, c, w, None, {"hidden": c in tersembunyi.get(nama, ())})
            self.tinggi_baris(nama, ws, tersembunyi.get(nama, set()))
            if nama in ("_meta", "xlwings.conf"):
                continue
            self.cetak(nama, ws, tersembunyi.get(nama, set()))
            if nama not in bebas:
                ws.protect(
                    "",
                    {
                        "format_columns": True,
                        "format_rows": True,
                        "select_locked_cells": True,
                        "select_unlocked_cells": True,
                    },
                )
        self.ws["Beranda"].activate()

    def kolom_bantu(self) -> dict[str, set[int]]:
        """Helper columns to hide: on each sheet, the columns where every table has a helper
        column or nothing, and no labelled cell or list lives."""
        bantu: dict[str, set[int]] = {}
        lain: dict[str, set[int]] = {}
        for p in self.tata.posisi.values():
            for k in p.tabel.kolom:
                (bantu if k.bantu else lain).setdefault(p.lembar, set()).add(p.kolom(k.kunci))
        for b in S.BLOK:
            lain.setdefault(b.lembar, set()).update({0, 1, 2})
        return {lembar: c - lain.get(lembar, set()) for lembar, c in bantu.items() if c - lain.get(lembar, set())}

    def tinggi_baris(self, nama: str, ws: Any, tersembunyi: set[int]) -> None:
        """Rows tall enough for their wrapped text (neither Excel nor LibreOffice fits a row to
        wrapped text in a file they open); single-line rows keep the default height."""
        lebar = self.lebar.get(nama, {})
        for (lembar, row), isi in sorted(self.teks.items()):
            if lembar != nama:
                continue
            baris = max(
                (jumlah_baris_teks(t, lebar.get(c, 8.43), tebal) for c, t, tebal in isi if c not in tersembunyi),
                default=1,
            )
            if (lembar, row) in self.baris_judul:
                ws.set_row(row, max(2, baris) * TINGGI_BARIS + 3)
            elif baris > 1:
                ws.set_row(row, baris * TINGGI_BARIS + 2)

    def cetak(self, nama: str, ws: Any, tersembunyi: set[int]) -> None:
        """A4, landscape when wide, fit to the page width at a readable scale (more pages across
        when needed, the key columns repeated), header rows repeated, page footer."""
        ws.set_paper(9)  # A4
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.set_footer("&L&A&RHalaman &P dari &N")
        lebar = self.lebar.get(nama, {})
        px = sum(_lebar_px(w) for c, w in lebar.items() if c not in tersembunyi)
        if nama == "Beranda":
            ws.set_landscape()
            ws.fit_to_pages(1, 1)
            return
        lanskap = px > LEBAR_CETAK_PX["potret"] * 0.9 or nama in LEMBAR_LANSKAP
        if lanskap:
            ws.set_landscape()
        kertas = LEBAR_CETAK_PX["lanskap" if lanskap else "potret"]
        halaman = max(1, math.ceil(px * SKALA_CETAK_MIN / kertas))
        ws.fit_to_pages(halaman, 0)
        if halaman > 1:
            ws.print_across()
        judul = ULANG_JUDUL.get(nama)
        if judul:
            tabel, kolom = judul
            p = self.tata.posisi[tabel]
            ws.repeat_rows(p.baris_judul)
            if kolom is not None and halaman > 1:
                ws.repeat_columns(0, kolom)
        if nama in ("Indikator", "Realisasi", "Analisis", "Renstra", "Wilayah", "Validasi"):
            p = self.tata.posisi[{"Validasi": "Temuan"}.get(nama, nama)]
            ws.freeze_panes(p.awal, 2 if nama in ("Indikator", "Realisasi", "Analisis") else 0)


# Sheets printed landscape whatever their width.
LEMBAR_LANSKAP = frozenset({"Indikator", "Realisasi", "Analisis", "Output", "Anggaran", "IKPA", "Rencana IKPA",
                            "Organisasi", "Tindak Lanjut", "Validasi", "Referensi"})  # fmt: skip
# Sheet -> (the table whose header row repeats on every printed page, last column repeated on
# pages further across, or None).
ULANG_JUDUL: dict[str, tuple[str, int | None]] = {
    "Indikator": ("Indikator", 0),
    "Realisasi": ("Realisasi", 1),
    "Output": ("Output", 0),
    "Wilayah": ("Wilayah", None),
    "Validasi": ("Temuan", None),
    "Prestasi": ("Prestasi", None),
    "Analisis": ("Analisis", 1),
    "Renstra": ("Renstra", None),
    "Tindak Lanjut": ("TindakLanjut", None),
}


def _lebar_px(lebar: float) -> float:
    """A column's width in pixels (Calibri 11: 7 pixels per character plus padding)."""
    return lebar * 7 + 5


def jumlah_baris_teks(teks: str, lebar: float, tebal: bool = False) -> int:
    """How many lines ``teks`` takes in a wrapped cell ``lebar`` characters wide."""
    per_baris = max(1, int(lebar * (HURUF_PER_LEBAR_TEBAL if tebal else HURUF_PER_LEBAR)) - 1)
    return sum(max(1, len(textwrap.wrap(b, per_baris, break_long_words=True))) for b in str(teks).split("\n"))


def bangun_buku_kerja(
    lakip: Lakip | None,
    tujuan: str | Path,
    aturan: Aturan,
    temuan: list[Temuan] | None = None,
    vba: bool = True,
    timpa: bool = True,
    xlwings_conf: Sequence[tuple[str, Any]] = (),
) -> Path:
    """Build the workbook for ``lakip`` (a blank one when ``None``) under ``aturan`` (shown and
    editable on the Referensi sheet) and move it into place. ``xlwings_conf``: the settings of
    the workbook this one replaces (its xlwings.conf sheet), kept as :func:`gabung_xlwings_conf` says."""
    tujuan = Path(tujuan)
    lakip = lakip if lakip is not None else Lakip()
    if temuan is None:
        temuan = validasi(lakip, hitung(lakip, aturan), aturan) if lakip != Lakip() else []
    with tempfile.TemporaryDirectory(prefix="lakip-bk-") as tmp:
        tmp_path = Path(tmp) / ("buku.xlsm" if vba else "buku.xlsx")
        bin_path = bangun_vba(Path(tmp) / "vbaProject.bin", len(S.LEMBAR)) if vba else None
        pb = _Pembangun(lakip, aturan, temuan, tmp_path, bin_path, xlwings_conf)
        pb.bangun()
        pb.wb.close()
        return tulis_atomik(tujuan, tmp_path.read_bytes(), timpa=timpa)
