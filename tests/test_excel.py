"""Excel integration without Excel: button functions driven through xlwings' JSON-backed Book,
and the UDFs compared cell for cell with the native formulas (recalculated by LibreOffice)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import xlwings as xw
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from lakip_xl.buku_kerja import langsung
from lakip_xl.buku_kerja import skema as S
from lakip_xl.buku_kerja.baca import baca_buku_kerja
from lakip_xl.doors import excel, udf
from lakip_xl.office import konversi
from lakip_xl.schema.data import baca_json, ke_dict

from alat.payload import payload_from_xlsx

ROOT = Path(__file__).parents[1]
CONTOH = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"


@pytest.fixture
def buka(monkeypatch):
    """Open a workbook file as a JSON-backed xlwings Book; ``alert`` answers are scripted."""
    dibuka = []
    jawaban: list[str] = []
    dialog: list[str] = []

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        dialog.append(prompt)
        return jawaban.pop(0) if (buttons == "yes_no" and jawaban) else None

    monkeypatch.setattr(xw.App, "alert", alert)
    # These tests stand in for desktop Excel, where a message box returns the user's answer.
    monkeypatch.setattr(excel, "jarak_jauh", lambda book: False)
    monkeypatch.setattr(langsung, "jarak_jauh", lambda book: False)

    def _buka(path: Path, sebagai_pemanggil: bool = True) -> xw.Book:
        b = xw.Book(json=payload_from_xlsx(path, include_tables=False))
        dibuka.append(b)
        if sebagai_pemanggil:
            monkeypatch.setattr(xw.Book, "_mock_caller", b, raising=False)
        return b

    _buka.jawaban = jawaban  # type: ignore[attr-defined]
    _buka.dialog = dialog  # type: ignore[attr-defined]
    yield _buka
    for b in dibuka:
        b.close()


def tulisan(book: xw.Book) -> list[dict]:
    return [a for a in book.json()["actions"] if a["func"] in ("setValues", "rangeClearContents", "addHyperlink")]


def sel_isian(path: Path) -> set[tuple[str, int, int]]:
    """Every input cell of the schema (sheet, row, col), 0-based."""
    bk = baca_buku_kerja(path)
    sel = set()
    for p in bk.tata.posisi.values():
        for k in p.tabel.kolom:
            if k.jenis == "input" and p.tabel.lembar != "Validasi":
                c = p.kolom(k.kunci)
                sel |= {(p.tabel.lembar, p.awal + i, c) for i in range(p.jumlah_baris)}
    for b in S.BLOK:
        for s in b.sel:
            if s.jenis == "input" and s.nama in bk.tata.sel:
                sel.add(bk.tata.sel[s.nama])
    return sel


def _sentuh(book: xw.Book, a: dict) -> set[tuple[str, int, int]]:
    nama = book.sheets[a["sheet_position"]].name
    r0, c0 = a["start_row"], a["start_column"]
    return {(nama, r0 + i, c0 + j) for i in range(a["row_count"]) for j in range(a["column_count"])}


def test_hitung_dan_validasi_writes_findings_and_no_input(buka):
    book = buka(CONTOH)
    pesan = excel.hitung_dan_validasi()  # through xw.Book.caller()
    # 14 peringatan of the published figures, plus what the example leaves for the unit (issue 12): per IKU
    # last year's realisation and the Renstra target (4 x 2), the analysis (4), and the staff table (1);
    # and the two kegiatan codes the seed does not give (KODE_BENTUK).
    assert "9 galat" in pesan and "29 peringatan" in pesan
    aksi = tulisan(book)
    lembar = {book.sheets[a["sheet_position"]].name for a in aksi}
    assert lembar == {"Validasi", "Beranda"}
    isian = sel_isian(CONTOH)
    for a in aksi:
        assert not (_sentuh(book, a) & isian), a
    # The findings block: one row per finding, each location a link to its cell.
    nilai = [a for a in aksi if a["func"] == "setValues" and book.sheets[a["sheet_position"]].name == "Validasi"]
    temuan = next(a for a in nilai if a["column_count"] == 4)
    assert temuan["row_count"] == 38
    baris = temuan["values"]
    lebih = next(r for r in baris if r[1] == "REALISASI_MELEBIHI_PAGU")
    bk = baca_buku_kerja(CONTOH)
    assert lebih[2] == f"Output!{bk.tata.posisi['Output'].sel('realisasi', 2)}"
    tautan = [a for a in aksi if a["func"] == "addHyperlink"]
    assert len(tautan) == 38
    assert any(t["args"][0] == f"#'Output'!{bk.tata.posisi['Output'].sel('realisasi', 2)}" for t in tautan)
    ringkas = next(a for a in nilai if a["column_count"] == 2)
    assert ["Nilai akhir IKPA", "97,14"] in ringkas["values"]
    beranda = next(a for a in aksi if book.sheets[a["sheet_position"]].name == "Beranda")
    assert "9 galat" in beranda["values"][0][0]
    assert buka.dialog and "9 galat" in buka.dialog[-1]


def test_planted_bad_input_is_reported_with_its_cell(buka, tmp_path):
    bk = baca_buku_kerja(CONTOH)
    sel = bk.tata.posisi["Output"].sel("pagu", 0)
    wb = load_workbook(CONTOH, keep_vba=True)
    wb["Output"][sel] = "seratus juta"
    wb.save(tmp_path / "buruk.xlsm")
    book = buka(tmp_path / "buruk.xlsm")
    excel.hitung_dan_validasi(book)
    temuan = next(a for a in tulisan(book) if a["func"] == "setValues" and a["column_count"] == 4)["values"]
    assert ["galat", "ANGKA_TIDAK_VALID", f"Output!{sel}"] == temuan[0][:3] or any(
        r[:3] == ["galat", "ANGKA_TIDAK_VALID", f"Output!{sel}"] for r in temuan
    )


def test_errors_come_back_as_messages(buka, tmp_path):
    import xlsxwriter

    lain = tmp_path / "lain.xlsx"
    wb = xlsxwriter.Workbook(str(lain))
    wb.add_worksheet("Data").write("A1", 1)
    wb.close()
    book = buka(lain)
    for fn in (excel.hitung_dan_validasi, excel.buat_laporan, excel.buat_pdf, excel.ekspor_kanwil):
        pesan = fn(book)
        assert "gagal" in pesan and "bukan buku kerja induk" in pesan
        assert "Traceback" not in pesan
    assert tulisan(book) == []
    assert len(buka.dialog) == 4


def test_buat_laporan_asks_and_versions(buka, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book = buka(CONTOH)
    buka.jawaban.append("no")
    pesan = excel.buat_laporan(book)
    assert "tidak dibuat" in pesan and not list(tmp_path.glob("*.docx"))
    assert "9 galat" in buka.dialog[0] and "REALISASI" not in buka.dialog[0]  # messages, not codes
    buka.jawaban += ["yes", "yes"]
    pertama = excel.buat_laporan(book)
    kedua = excel.buat_laporan(book)
    nama = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert nama == ["LAKIP_603111_2022_SemesterI (2).docx", "LAKIP_603111_2022_SemesterI.docx"]
    assert "LAKIP_603111_2022_SemesterI.docx" in pertama and "(2)" in kedua
    assert "DRAF" in pertama
    assert tulisan(book) == []  # a report never writes into the workbook


def test_buat_pdf(buka, tmp_path, monkeypatch, lo):
    monkeypatch.chdir(tmp_path)
    book = buka(CONTOH)
    buka.jawaban.append("yes")
    pesan = excel.buat_pdf(book)
    assert "PDF (dibuat dengan LibreOffice) disimpan" in pesan, pesan
    assert (tmp_path / "LAKIP_603111_2022_SemesterI.pdf").read_bytes().startswith(b"%PDF")


class WordPalsu:
    """Stands in for Word's COM object (``Word.Application``): records every call, and
    ExportAsFixedFormat writes a small file where Word would write the PDF."""

    def __init__(self, gagal: bool = False) -> None:
        self.panggilan: list[tuple] = []
        self.gagal = gagal
        self.Documents = self

    def Open(self, path, **kw):
        self.panggilan.append(("Open", path, kw))
        return _DokumenPalsu(self)

    def Quit(self, **kw):
        self.panggilan.append(("Quit", kw))


class _DokumenPalsu:
    def __init__(self, word: WordPalsu) -> None:
        self.word = word
        catat = word.panggilan.append
        daftar_isi = type("DaftarIsi", (), {"Update": lambda s: catat(("TOC.Update",)),
                                           "UpdatePageNumbers": lambda s: catat(("TOC.UpdatePageNumbers",))})()  # fmt: skip
        self.TablesOfContents = type("Koleksi", (), {"Count": 1, "__call__": lambda s, i: daftar_isi})()
        self.Fields = type("Fields", (), {"Update": lambda s: catat(("Fields.Update",))})()

    def ExportAsFixedFormat(self, **kw):
        self.word.panggilan.append(("ExportAsFixedFormat", kw))
        if self.word.gagal:
            raise RuntimeError("COM error")
        Path(kw["OutputFileName"]).write_bytes(b"%PDF-1.7\n% dari Word palsu\n")

    def Close(self, **kw):
        self.word.panggilan.append(("Close", kw))


@pytest.fixture
def word(monkeypatch):
    """Microsoft Word present (through the seam in lakip_xl.laporan.pdf_word)."""
    from lakip_xl.laporan import pdf_word

    w = WordPalsu()
    monkeypatch.setattr(pdf_word, "word_ada", lambda: True)
    monkeypatch.setattr(pdf_word, "buka_word", lambda: w)
    return w


def test_buat_pdf_chooses_word_when_present(buka, tmp_path, monkeypatch, word):
    monkeypatch.chdir(tmp_path)
    book = buka(CONTOH)
    buka.jawaban.append("yes")
    pesan = excel.buat_pdf(book)
    pdf = tmp_path / "LAKIP_603111_2022_SemesterI.pdf"
    assert f"Laporan PDF (dibuat dengan Microsoft Word) disimpan di:\n{pdf}" in pesan, pesan
    assert pdf.read_bytes() == b"%PDF-1.7\n% dari Word palsu\n"
    nama = [p[0] for p in word.panggilan]
    assert nama == [
        "Open",
        "TOC.Update",
        "Fields.Update",
        "TOC.UpdatePageNumbers",
        "ExportAsFixedFormat",
        "Close",
        "Quit",
    ]
    _, dibuka, opsi = word.panggilan[0]
    assert dibuka == str(tmp_path / "LAKIP_603111_2022_SemesterI.docx") and opsi["ReadOnly"] is True
    ekspor = word.panggilan[4][1]
    assert ekspor["ExportFormat"] == 17  # wdExportFormatPDF
    assert Path(ekspor["OutputFileName"]).parent != tmp_path  # into a temporary file, then moved into place
    assert word.panggilan[5][1] == {"SaveChanges": 0} and word.Visible is False and word.DisplayAlerts == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LAKIP_603111_2022_SemesterI.docx", pdf.name]


def test_buat_pdf_falls_back_to_libreoffice_when_word_fails(buka, tmp_path, monkeypatch, word, lo):
    word.gagal = True
    monkeypatch.chdir(tmp_path)
    book = buka(CONTOH)
    buka.jawaban.append("yes")
    pesan = excel.buat_pdf(book)
    assert "PDF (dibuat dengan LibreOffice) disimpan" in pesan, pesan
    assert (tmp_path / "LAKIP_603111_2022_SemesterI.pdf").read_bytes().startswith(b"%PDF")
    assert [p[0] for p in word.panggilan][-2:] == ["Close", "Quit"]  # Word ended although it failed


def test_buat_pdf_without_word_or_libreoffice_says_what_to_do(buka, tmp_path, monkeypatch, word):
    import lakip_xl.laporan
    import lakip_xl.office

    word.gagal = True
    monkeypatch.setattr(lakip_xl.office, "soffice", lambda: None)
    monkeypatch.setattr(lakip_xl.laporan, "soffice", lambda: None)
    monkeypatch.chdir(tmp_path)
    book = buka(CONTOH)
    buka.jawaban.append("yes")
    pesan = excel.buat_pdf(book)
    assert "Laporan Word disimpan di:" in pesan
    assert "PDF tidak dibuat: Microsoft Word gagal membuat PDF (RuntimeError: COM error)." in pesan, pesan
    assert not (tmp_path / "LAKIP_603111_2022_SemesterI.pdf").exists()
    from lakip_xl.laporan import pdf_word

    monkeypatch.setattr(pdf_word, "word_ada", lambda: False)
    assert "Microsoft Word maupun LibreOffice tidak ditemukan" in excel.buat_pdf(book)


def test_ekspor_kanwil(buka, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book = buka(CONTOH)
    pesan = excel.ekspor_kanwil(book)
    folder = tmp_path / "Kirim_Kanwil"
    assert (folder / "603111_2022_SemesterI.xlsm").exists() and "603111_2022_SemesterI.json" in pesan
    data, temuan = baca_json(folder / "603111_2022_SemesterI.json")
    asli = baca_buku_kerja(CONTOH).lakip
    assert temuan == [] and ke_dict(data) == ke_dict(asli)
    assert ke_dict(baca_buku_kerja(folder / "603111_2022_SemesterI.xlsm").lakip) == ke_dict(asli)
    excel.ekspor_kanwil(book)  # again: versioned, nothing replaced
    assert (folder / "603111_2022_SemesterI (2).xlsm").exists()
    assert tulisan(book) == []


def test_ekspor_kanwil_keeps_the_users_xlwings_settings(buka, tmp_path, monkeypatch):
    from alat import XLWINGS_HARAP, dengan_xlwings_pengguna, xlwings_conf_lembar

    monkeypatch.chdir(tmp_path)
    sumber = dengan_xlwings_pengguna(CONTOH, tmp_path / "sumber.xlsm")
    assert xlwings_conf_lembar(CONTOH) != XLWINGS_HARAP  # the committed workbook has lakip-xl's keys only
    pesan = excel.ekspor_kanwil(buka(sumber))
    assert "disimpan" in pesan, pesan
    assert xlwings_conf_lembar(tmp_path / "Kirim_Kanwil" / "603111_2022_SemesterI.xlsm") == XLWINGS_HARAP


def test_json_actions_are_serialisable(buka):
    book = buka(CONTOH)
    excel.hitung_dan_validasi(book)
    assert json.loads(json.dumps(book.json()))


# -- UDFs against the native formulas -------------------------------------------------------


@pytest.fixture(scope="module")
def dihitung_lo(tmp_path_factory):
    from lakip_xl.office import soffice

    if soffice() is None:
        from conftest import DI_CI

        if DI_CI:
            pytest.fail("LibreOffice tidak terpasang, padahal CI=true")
        pytest.skip("LibreOffice tidak terpasang")
    (out,) = konversi([CONTOH], "xlsx:Calc MS Excel 2007 XML", tmp_path_factory.mktemp("udf"))
    cal = CalamineWorkbook.from_path(str(out))
    return {n: cal.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in cal.sheet_names}


def _v(grid, sheet, sel):
    from xlsxwriter.utility import xl_cell_to_rowcol

    r, c = xl_cell_to_rowcol(sel)
    g = grid[sheet]
    return g[r][c] if r < len(g) and c < len(g[r]) else ""


def _sama(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return (
            isinstance(a, (int, float))
            and isinstance(b, (int, float))
            and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
        )
    return (a in ("", None) and b in ("", None)) or a == b


def test_udfs_equal_native_formulas(dihitung_lo):
    g = dihitung_lo
    bk = baca_buku_kerja(CONTOH)
    t = bk.tata

    def nama(n):
        lembar, r, c = t.sel[n]
        return g[lembar][r][c]

    ind, real, out = t.posisi["Indikator"], t.posisi["Realisasi"], t.posisi["Output"]
    n = 0
    for i in range(real.jumlah_baris):
        args = [_v(g, "Indikator", ind.sel("target", i)), _v(g, "Realisasi", real.sel("realisasi_periode", i)),
                _v(g, "Indikator", ind.sel("polaritas", i)), nama("BatasCapaianIndikator"),
                _v(g, "Indikator", ind.sel("target_atas", i)), nama("RumusNegatif")]  # fmt: skip
        assert _sama(udf.LAKIP_CAPAIAN(*args), _v(g, "Realisasi", real.sel("capaian", i))), i
        n += 1
    for i in range(out.jumlah_baris):
        args = [_v(g, "Output", out.sel("volume_target", i)), _v(g, "Output", out.sel("volume_realisasi", i)),
                "positif", nama("BatasCapaianOutput")]  # fmt: skip
        assert _sama(udf.LAKIP_CAPAIAN(*args), _v(g, "Output", out.sel("capaian_volume", i))), i
        n += 1
    ik = t.posisi["IkpaKomponen"]

    def kol(k):
        return [[_v(g, "IKPA", ik.sel(k, i))] for i in range(ik.jumlah_baris)]

    assert _sama(
        udf.LAKIP_IKPA(kol("nilai"), kol("bobot_dipakai"), kol("berlaku"), nama("AturanIkpa"),
                       nama("PengurangDispensasiIkpa"), nama("PengurangDispensasi")),
        nama("NilaiAkhirIKPA"),
    )  # fmt: skip
    for aspek, n_ in (
        ("perencanaan", "AspekPerencanaanIKPA"),
        ("pelaksanaan", "AspekPelaksanaanIKPA"),
        ("hasil", "AspekHasilIKPA"),
    ):
        hasil = udf.LAKIP_ASPEK_IKPA(
            kol("nilai"),
            kol("bobot_dipakai"),
            kol("aspek"),
            aspek,
            kol("berlaku"),
            kol("kode"),
            nama("MetodeAspekIkpa"),
        )
        assert _sama(hasil, nama(n_)), aspek
    nka = udf.LAKIP_NKA(
        nama("SmartPenyerapan"), nama("SmartKonsistensi"), nama("SmartCapaianOutput"), nama("SmartEfisiensiDipakai")
    )
    assert _sama(nka, nama("NilaiNKA"))
    assert udf.LAKIP_PREDIKAT(nama("NilaiAkhirIKPA"), "ikpa") == nama("PredikatIKPA") == "Sangat Baik"
    assert udf.LAKIP_PREDIKAT(nama("NilaiNKA"), "nka") == nama("PredikatNKA") == "Cukup"
    assert n > 40


# Range targets (PermenPANRB 6/2022), arguments as Excel passes them (blank cells arrive as None).
@pytest.mark.parametrize(
    ("args", "hasil"),
    [
        ((80, 70, "positif", None, 90), 87.5),  # 70 / 80 * 100
        ((80, 85, "positif", None, 90), 100.0),
        ((80, 95, "positif", None, 90), 105.55555555555556),  # 95 / 90 * 100
        ((80, 95, "positif", 100, 90), 100.0),  # capped by BatasCapaianIndikator 100
        ((10, 25, "negatif", None, 20, "2t-r"), 75.0),  # (40 - 25) / 20 * 100
        ((10, 5, "negatif", None, 20, "2t-r"), 150.0),  # (20 - 5) / 10 * 100
        ((10, 25, "negatif", None, 20, "t/r"), 80.0),  # 20 / 25 * 100
        ((10, 5, "negatif", None, 20, "t/r"), 200.0),  # 10 / 5 * 100
        (("10", "5", "Negatif", "", "20", "t/r"), 200.0),  # typed as text
        ((2, 5, "rentang", None, 4, "t/r"), 75.0),  # old polarity: (8 - 5) / 4 * 100, t/r ignored
    ],
)
def test_udf_range_targets(args, hasil):
    assert udf.LAKIP_CAPAIAN(*args) == pytest.approx(hasil, rel=1e-12)


def test_udf_helpers_and_bad_arguments():
    assert (
        udf.LAKIP_TERBILANG(4663135000)
        == "empat miliar enam ratus enam puluh tiga juta seratus tiga puluh lima ribu rupiah"
    )
    assert udf.LAKIP_ANGKA("Rp. 3,515,800,000,-") == 3515800000
    assert udf.LAKIP_ANGKA("97,14 %") == 97.14
    for hasil in (
        udf.LAKIP_ANGKA("tiga koma"),
        udf.LAKIP_CAPAIAN(1, 2, "naik"),
        udf.LAKIP_CAPAIAN("x", 1),
        udf.LAKIP_IKPA([1, 2], [1]),
        udf.LAKIP_IKPA([1], [1], None, "2019"),
        udf.LAKIP_PREDIKAT(90, "lain"),
        udf.LAKIP_TERBILANG(1.5),
        udf.LAKIP_ASPEK_IKPA([1], [1], ["hasil"], "semua"),
    ):
        assert isinstance(hasil, str) and hasil.startswith("#LAKIP: "), hasil
    assert udf.LAKIP_CAPAIAN(0, 5) == "" and udf.LAKIP_CAPAIAN(None, 5) == ""
    # Docstrings (Excel's function help) exist and fit Excel's 255 characters.
    for nama in udf.semua_udf():
        doc = getattr(udf, nama).__doc__
        assert doc and len(doc) <= 255, nama
