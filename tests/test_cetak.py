"""Print quality of the report (issue 12, point 3): layout properties of the .docx, wording of
the generated sentences, the options for a final report, the font check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from lakip_xl.laporan import render_docx, susun_laporan
from lakip_xl.laporan.bahasa import bilangan, gabung
from lakip_xl.layanan import buka
from lakip_xl.schema.data import contoh_path

ROOT = Path(__file__).parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@pytest.fixture(scope="module")
def dok():
    return buka(contoh_path())


@pytest.fixture(scope="module")
def isi(dok):
    return render_docx(dok)[0]


def _xml(isi: bytes, nama: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return etree.fromstring(z.read(nama))


def _bagian(isi: bytes, awalan: str) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith(awalan) and n.endswith(".xml")]


def _teks(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _paragraf(isi: bytes) -> list[str]:
    """The text of every paragraph: body (tables included), headers and footers."""
    akar = [_xml(isi), *_bagian(isi, "word/header"), *_bagian(isi, "word/footer")]
    return [_teks(p) for a in akar for p in a.iter(f"{W}p")]


def _gaya(p: etree._Element) -> str:
    s = p.find("w:pPr/w:pStyle", NS)
    return s.get(f"{W}val") if s is not None else ""


# -- grammar helpers ----------------------------------------------------------------------------------
def test_list_joining():
    assert gabung([]) == ""
    assert gabung(["RM sebesar Rp1"]) == "RM sebesar Rp1"
    assert gabung(["a", "b"]) == "a dan b"
    assert gabung(["a", "b", "c"]) == "a, b, dan c"
    assert gabung(["a", "", "c"]) == "a dan c"
    assert gabung(["a", "b", "c", "d"], "atau") == "a, b, c, atau d"


def test_counts_in_words_where_one_or_two_words_say_them():
    # PUEBI: numbers said in one or two words are written in words, others in digits.
    assert [bilangan(n) for n in (1, 4, 7, 11, 12, 20, 30, 100)] == [
        "satu", "empat", "tujuh", "sebelas", "dua belas", "dua puluh", "tiga puluh", "seratus",
    ]  # fmt: skip
    assert [bilangan(n) for n in (21, 114, 1084)] == ["21", "114", "1.084"]


# -- layout ---------------------------------------------------------------------------------------------
def test_every_row_keeps_together_and_headers_repeat(isi):
    tabel = list(_xml(isi).iter(f"{W}tbl"))
    assert len(tabel) >= 15
    for t in tabel:
        baris = t.findall("w:tr", NS)
        assert baris[0].find("w:trPr/w:tblHeader", NS) is not None
        for tr in baris:
            # Once each, in schema order (cantSplit before tblHeader), as Word requires.
            assert [c.tag for c in tr.find("w:trPr", NS)].count(f"{W}cantSplit") == 1
            merek = [c.tag.split("}")[1] for c in tr.find("w:trPr", NS)]
            assert merek in (["cantSplit"], ["cantSplit", "tblHeader"]), merek
        # The header row is kept with the first data row.
        for p in baris[0].iter(f"{W}p"):
            assert p.find("w:pPr/w:keepNext", NS) is not None


def test_tables_and_figures_numbered_with_caption_and_source(isi):
    body = _xml(isi).find("w:body", NS)
    anak = list(body)
    tabel, gambar = [], []
    for i, el in enumerate(anak):
        if el.tag == f"{W}tbl":
            # Caption above (kept with the table by its style), source line below.
            judul, sumber = anak[i - 1], anak[i + 1]
            assert _gaya(judul) == "Caption", _teks(judul)
            assert _gaya(sumber) == "Sumber" and _teks(sumber).startswith("Sumber: "), _teks(sumber)
            tabel.append(_teks(judul))
        elif el.tag == f"{W}p" and _gaya(el) == "Caption" and _teks(el).startswith("Gambar"):
            # The picture above keeps with its caption, the source line follows.
            assert anak[i - 1].find("w:pPr/w:keepNext", NS) is not None
            assert anak[i - 1].find(".//w:drawing", NS) is not None
            assert _gaya(anak[i + 1]) == "Sumber"
            gambar.append(_teks(el))
    assert [re.match(r"Tabel (\d+)\. ", t).group(1) for t in tabel] == [str(n) for n in range(1, len(tabel) + 1)]
    assert [re.match(r"Gambar (\d+)\. ", t).group(1) for t in gambar] == ["1", "2", "3"]
    sumber = {_teks(p) for p in body.iter(f"{W}p") if _gaya(p) == "Sumber"}
    for nama in ("SAKTI", "OM-SPAN", "SMART DJA", "data wilayah kerja satker"):
        assert any(nama in s for s in sumber), nama
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        gaya = etree.fromstring(z.read("word/styles.xml"))
    caption = gaya.find("w:style[@w:styleId='Caption']", NS)
    assert caption.find("w:pPr/w:keepNext", NS) is not None


def test_table_of_contents_is_filled_from_the_headings(isi):
    body = _xml(isi).find("w:body", NS)
    judul = [_teks(p) for p in body.iter(f"{W}p") if _gaya(p) in ("Heading1", "Heading2")]
    entri = [p for p in body.iter(f"{W}p") if _gaya(p) in ("TOC1", "TOC2")]
    assert [_teks(p).strip() for p in entri] == judul
    assert judul[0] == "BAB I PENDAHULUAN" and "BAB III AKUNTABILITAS KINERJA" in judul
    assert judul[-2:] == ["LAMPIRAN: TEMUAN PEMERIKSAAN DATA", "ASAL DOKUMEN"]
    penanda = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    for p in entri:
        anchor = p.find("w:hyperlink", NS).get(f"{W}anchor")
        assert anchor in penanda
        assert f"PAGEREF {anchor}" in "".join(x.text for x in p.iter(f"{W}instrText"))
    # The TOC field itself wraps the entries, and Word refreshes fields on opening.
    assert "TOC" in "".join(x.text for x in entri[0].iter(f"{W}instrText"))
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        assert b'<w:updateFields w:val="true"/>' in z.read("word/settings.xml")


def test_front_matter_in_roman_numerals_and_chapter_one_on_page_one(isi):
    body = _xml(isi).find("w:body", NS)
    sect = list(body.iter(f"{W}sectPr"))
    assert len(sect) == 2
    depan, isi_bab = (s.find("w:pgNumType", NS) for s in sect)
    assert depan.get(f"{W}fmt") == "lowerRoman" and depan.get(f"{W}start") == "1"
    assert isi_bab.get(f"{W}fmt") == "decimal" and isi_bab.get(f"{W}start") == "1"
    # The first section ends with the table of contents; Bab I opens the second.
    anak = list(body)
    batas = next(i for i, el in enumerate(anak) if el.find("w:pPr/w:sectPr", NS) is not None)
    assert any(_gaya(el) == "TOC1" for el in anak[:batas])
    sesudah = next(el for el in anak[batas + 1 :] if el.tag == f"{W}p" and _teks(el).strip())
    assert _teks(sesudah) == "BAB I PENDAHULUAN"


def test_draft_marked_in_the_header_of_every_page(dok, isi):
    kepala = [_teks(h) for h in _bagian(isi, "word/header")]
    assert len(kepala) == 2 and all(k == "DRAF" for k in kepala)  # first page (cover) and the others
    bersih = dataclasses.replace(dok, temuan=[t for t in dok.temuan if t.tingkat != "galat"])
    isi_bersih, draf = render_docx(bersih)
    assert not draf and all("DRAF" not in _teks(h) for h in _bagian(isi_bersih, "word/header"))


def test_one_font_and_indonesian_language_everywhere(isi):
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        gaya = z.read("word/styles.xml").decode()
        dokumen = z.read("word/document.xml").decode()
        tema = z.read("word/theme/theme1.xml").decode()
    assert "Theme=" not in gaya and "cstheme" not in gaya  # no theme font (Calibri, Cambria)
    huruf = set(re.findall(r'w:(?:ascii|hAnsi)="([^"]+)"', gaya + dokumen))
    assert huruf == {"Arial"}
    assert set(re.findall(r'<a:latin typeface="([^"]*)"', tema)) == {"Arial"}
    bahasa = set(re.findall(r'<w:lang w:val="([^"]+)"', gaya + dokumen))
    assert bahasa == {"id-ID"}
    akar = etree.fromstring(gaya.encode())
    assert akar.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{W}val") == "id-ID"


def test_document_properties(dok, isi, tmp_path):
    cp = Document(io.BytesIO(isi)).core_properties
    assert cp.title == "Laporan Kinerja Kantor Imigrasi Kelas III Non TPI Kotabumi Semester I Tahun 2022"
    assert cp.author == "Kantor Imigrasi Kelas III Non TPI Kotabumi"
    assert cp.language == "id-ID"
    # The example has no report date: the time the report was made.
    assert cp.created == dok.asal.waktu.replace(microsecond=0)  # UTC
    dok.lakip.profil.tanggal_laporan = "2023-01-16"
    try:
        cp = Document(io.BytesIO(render_docx(dok)[0])).core_properties
    finally:
        dok.lakip.profil.tanggal_laporan = ""
    tanggal = dt.datetime(2023, 1, 16, tzinfo=dt.UTC)
    assert cp.created == tanggal and cp.modified == tanggal


# -- column widths --------------------------------------------------------------------------------
ANGKA = re.compile(r"^-?[\d.,]+%?$|^Rp[\d.]+$")


@pytest.fixture(scope="module")
def liberation():
    """Liberation Sans (Arial's metrics), read with fontTools: the test's own measure."""
    from conftest import _butuh

    from lakip_xl.laporan.huruf import berkas_huruf

    biasa = berkas_huruf("Liberation Sans")
    _butuh("fonts-liberation2 (Liberation Sans)", biasa is not None)
    from fontTools.ttLib import TTFont

    hasil = {}
    for tebal, nama in ((False, "Liberation Sans"), (True, "Liberation Sans:bold")):
        berkas = berkas_huruf(nama)
        assert berkas is not None
        f = TTFont(berkas)
        cmap, hmtx, upm = f.getBestCmap(), f["hmtx"], f["head"].unitsPerEm
        hasil[tebal] = lambda s, ukuran, cmap=cmap, hmtx=hmtx, upm=upm: (
            sum(hmtx[cmap[ord(c)]][0] for c in s) / upm * ukuran
        )
    return hasil


def test_arial_metrics_table_equals_the_font(liberation):
    from lakip_xl.laporan.cetak import lebar_teks

    contoh = "0123456789.,-% Realisasi Capaian (%) Rp8.234.057.000 REALISASI_MELEBIHI_PAGU"
    for tebal in (False, True):
        assert lebar_teks(contoh, 9, tebal) == pytest.approx(liberation[tebal](contoh, 9), abs=0.05)


def test_every_number_in_a_table_fits_its_column(isi, liberation):
    from lakip_xl.laporan.cetak import MARGIN_SEL

    body = _xml(isi)
    diperiksa = 0
    for tbl in body.iter(f"{W}tbl"):
        lebar = [int(g.get(f"{W}w")) for g in tbl.find("w:tblGrid", NS)]
        for tr in tbl.findall("w:tr", NS):
            for j, tc in enumerate(tr.findall("w:tc", NS)):
                for r in tc.iter(f"{W}r"):
                    teks = _teks(r)
                    if not ANGKA.match(teks):
                        continue
                    sz = r.find("w:rPr/w:sz", NS)
                    ukuran = int(sz.get(f"{W}val")) / 2 if sz is not None else 9
                    tebal = r.find("w:rPr/w:b", NS) is not None
                    lebar_pt = liberation[tebal](teks, ukuran)
                    assert lebar_pt * 20 <= lebar[j] - 2 * MARGIN_SEL, (teks, lebar[j])
                    diperiksa += 1
    assert diperiksa > 300


# -- wording -----------------------------------------------------------------------------------------
def test_no_none_no_double_spaces_one_style_for_percent_and_rupiah(isi):
    for p in _paragraf(isi):
        assert "None" not in p, p
        assert "  " not in p, p
        assert not re.search(r"\d %", p), p  # "54,21%", never "54,21 %"
        assert "Rp " not in p, p  # "Rp4.463.785.560", never "Rp 4.463.785.560"


def test_generated_sentences(isi):
    teks = "\n".join(_paragraf(isi))
    # The list of funding sources gets its conjunction.
    assert "terdiri atas Rupiah Murni sebesar Rp2.690.123.000 dan Penerimaan Negara Bukan Pajak sebesar " in teks
    assert "Dari empat indikator kinerja utama, semuanya dapat diukur capaiannya" in teks
    assert "meliputi tujuh kabupaten/kota" in teks
    # IKPA: 10 + 7,58 + 20 + 9,70 + 10 + 10 + 5 + 24,87 = 97,15 on the table, 97,14 computed unrounded.
    assert "Jumlah nilai tertimbang pada tabel (97,15) berbeda dengan nilai total (97,14) karena pembulatan" in teks
    # Output cap: 7.626 of 2.000 is 381,30% before the cap at 100; 114 of 60 is 190,00%.
    assert "capaian output dibatasi paling tinggi 100" in teks
    assert "Layanan Penerbitan Dokumen Perjalanan RI (7.626 dari 2.000 Orang, 381,30%)" in teks
    assert "Layanan Penerbitan Izin Tinggal (114 dari 60 Orang, 190,00%)" in teks


def test_ikpa_aspects_stated_once_in_the_ikpa_section(isi):
    ps = _paragraf(isi)
    awal = max(i for i, p in enumerate(ps) if p == "C. Capaian Kinerja Anggaran")  # the heading, not the TOC
    akhir = max(i for i, p in enumerate(ps) if p == "D. Capaian Kinerja Lainnya")
    bagian = "\n".join(ps[awal:akhir])
    assert bagian.count("perencanaan 87,88") == 1
    assert "Nilai aspek perencanaan" not in bagian


def test_blank_year_prints_no_none(tmp_path):
    d = buka(contoh_path())
    d.lakip.profil.tahun = None
    ps = _paragraf(render_docx(d)[0])
    assert not any("None" in p for p in ps)
    assert "Semester I Tahun ...." in ps


def test_blank_master_prints_no_none_and_no_double_spaces():
    ps = _paragraf(render_docx(buka(ROOT / "workbooks" / "LAKIP_Master.xlsm"))[0])
    for p in ps:
        assert "None" not in p and "  " not in p, p


def test_chart_labels_are_whole_names():
    from lakip_xl.laporan.grafik import _label

    nama = "Indeks Kepuasan Masyarakat terhadap Layanan Publik Bidang Hukum"
    label = _label("IKU-1", nama)
    assert "…" not in label and "IKU-1" not in label
    assert label.replace("\n", " ") == nama and "\n" in label
    assert _label("KEG-9", "") == "KEG-9"  # only a nameless row falls back on its code


# -- final report options ------------------------------------------------------------------------------
def test_final_report_without_findings_and_provenance(dok, tmp_path):
    teks = "\n".join(_paragraf(render_docx(dok, lampiran=False, asal=False)[0]))
    assert "LAMPIRAN: TEMUAN" not in teks and "ASAL DOKUMEN" not in teks and dok.asal.sha256 not in teks
    assert "DRAF — MASIH TERDAPAT 9 GALAT DATA\n" in teks + "\n"  # no "(LIHAT LAMPIRAN)" without it
    penuh = "\n".join(_paragraf(render_docx(dok)[0]))
    assert "DRAF — MASIH TERDAPAT 9 GALAT DATA (LIHAT LAMPIRAN)" in penuh and "ASAL DOKUMEN" in penuh


def test_cli_final_report_flags(tmp_path):
    def laporan(*opsi: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "lakip_xl.doors.cli", "laporan", str(contoh_path()), "-o", str(out), *opsi],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    # The example has 9 galat: its findings appendix is what names the wrong numbers, so it stays.
    out = tmp_path / "final.docx"
    r = laporan("--tanpa-temuan", "--tanpa-asal")
    assert r.returncode == 2 and not out.exists()
    assert "Lampiran temuan tidak dapat dihilangkan" in r.stdout + r.stderr and "9 galat" in r.stdout + r.stderr
    r = laporan("--tanpa-asal")
    assert r.returncode == 0, r.stderr
    teks = "\n".join(_paragraf(out.read_bytes()))
    assert "ASAL DOKUMEN" not in teks and "LAMPIRAN: TEMUAN" in teks


# -- font check ----------------------------------------------------------------------------------------
def test_missing_arial_gives_a_warning_before_the_pdf(dok, tmp_path, monkeypatch):
    import lakip_xl.laporan as laporan
    import lakip_xl.office
    from lakip_xl.laporan import huruf

    monkeypatch.setattr(huruf, "_cocok", lambda nama: ("DejaVu Sans", "/usr/share/fonts/DejaVuSans.ttf"))
    assert "fonts-liberation2" in huruf.periksa_huruf()
    monkeypatch.setattr(lakip_xl.office, "pilih_pdf", lambda: "libreoffice")
    monkeypatch.setattr(laporan, "siapkan_pdf", lambda: None)
    dibuat = []

    def ke_pdf(docx, pdf, timpa=False):
        dibuat.append(pdf)
        pdf.write_bytes(b"%PDF-")
        return pdf, "libreoffice", []

    monkeypatch.setattr(laporan, "_ke_pdf", ke_pdf)
    h = susun_laporan(dok, tmp_path / "l.docx", pdf=True)
    assert dibuat and any("Arial tidak terpasang" in p and "fonts-liberation2" in p for p in h.pesan)
    monkeypatch.setattr(huruf, "_cocok", lambda nama: ("Liberation Sans", "/x/LiberationSans-Regular.ttf"))
    assert huruf.periksa_huruf() is None
