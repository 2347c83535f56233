"""The LAKIP report: figures, safety, draft marking, template, PDF."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from lakip_xl.compute.angka import format_angka, format_rupiah
from lakip_xl.laporan import LaporanGagal, render_docx, susun_laporan
from lakip_xl.laporan.templat import bangun_templat
from lakip_xl.layanan import buka
from lakip_xl.schema.data import contoh_path, tulis_json

ROOT = Path(__file__).parents[1]
TEMPLAT = ROOT / "templates" / "LAKIP_Template.docx"


def teks_docx(isi: bytes) -> str:
    """All text of a .docx: paragraphs and every table cell, as python-docx sees it."""
    doc = Document(io.BytesIO(isi))
    bagian = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            bagian += [c.text for c in row.cells]
    for s in doc.sections:
        bagian += [p.text for p in s.footer.paragraphs]
    return "\n".join(bagian)


@pytest.fixture(scope="module")
def dok_contoh():
    return buka(contoh_path())


@pytest.fixture(scope="module")
def laporan_contoh(dok_contoh):
    isi, draf = render_docx(dok_contoh)
    return dok_contoh.lakip, dok_contoh.hasil, dok_contoh.temuan, isi, draf


def test_published_figures_appear(laporan_contoh):
    *_, isi, _ = laporan_contoh
    teks = teks_docx(isi)
    # Figures of the published report (or hand-computed in DOMAIN.md), Indonesian format.
    for angka in ("97,14", "87,88", "99,40", "99,46", "Sangat Baik", "2.537.891", "1.084", "114",
                  "8.234.057.000", "4.463.785.560", "54,21", "63,64", "1.363.436.000", "7.339.504",
                  "empat miliar enam ratus enam puluh tiga juta seratus tiga puluh lima ribu rupiah",
                  "4.663.135.000", "197103111999031001", "50,15", "58,33", "118,53"):  # fmt: skip
        assert angka in teks, angka


def test_every_table_figure_appears(laporan_contoh):
    lakip, hasil, _, isi, _ = laporan_contoh
    teks = teks_docx(isi)
    a = hasil.anggaran
    harap = []
    for i in hasil.indikator:
        harap.append(format_angka(i.capaian))
    for o in hasil.output:
        harap += [format_rupiah(o.pagu, False), format_rupiah(o.realisasi, False), format_rupiah(o.sisa, False)]
        harap += [format_angka(o.penyerapan), format_angka(o.capaian_volume)]
    for r in [*a.per_jenis, *a.per_sumber, a.jenis, a.sumber, *a.per_kegiatan, *a.per_program]:
        harap += [format_rupiah(r.pagu, False), format_rupiah(r.realisasi, False), format_rupiah(r.sisa, False)]
        harap.append(format_angka(r.penyerapan))
    for c in hasil.ikpa.komponen:
        harap += [format_angka(c.nilai), format_angka(c.nilai_tertimbang)]
    harap += [format_angka(hasil.ikpa.nilai_total), format_angka(hasil.ikpa.nilai_akhir), format_angka(hasil.nka.nilai)]
    harap += [format_rupiah(a.pagu, False), format_rupiah(a.realisasi, False), format_rupiah(a.sisa, False)]
    for w in lakip.wilayah:
        harap += [format_angka(w.penduduk, 0), format_angka(w.desa, 0)]
    hilang = [x for x in harap if x not in teks]
    assert hilang == []


def test_no_tags_left_and_draft_marked(laporan_contoh):
    _, _, temuan, isi, draf = laporan_contoh
    teks = teks_docx(isi)
    assert draf
    for tag in ("{{", "}}", "{%", "%}"):
        assert tag not in teks
    assert "DRAF" in teks
    assert "LAMPIRAN: TEMUAN PEMERIKSAAN DATA" in teks
    for t in temuan:  # findings print as the Validasi sheet shows them ("Rp1.234", see test_cetak)
        assert t.pesan in teks


def test_ikpa_paragraph_agrees_with_table(laporan_contoh):
    *_, isi, _ = laporan_contoh
    teks = teks_docx(isi)
    kalimat = next(p for p in teks.splitlines() if p.startswith("Nilai IKPA mencapai"))
    assert "97,14" in kalimat and "98,54" not in kalimat


def test_special_characters_in_unit_name(tmp_path):
    dok = buka(contoh_path())
    dok.lakip.profil.nama = 'Kantor "Uji" R&D <Wilayah>'
    isi, _ = render_docx(dok)
    teks = teks_docx(isi)
    assert 'Kantor "Uji" R&D <Wilayah>' in teks
    assert 'KANTOR "UJI" R&D <WILAYAH>' in teks


def test_range_target_is_printed_as_a_range(tmp_path):
    import json

    d = json.loads(contoh_path().read_text("utf-8"))
    # IKU-3 as a range target 80-90 with realisation 70: capaian 70 / 80 * 100 = 87,50.
    d["indikator"][2].update(target=80, target_atas=90, realisasi=70)
    # IKU-4 with the bounds typed the other way round: still printed low to high.
    d["indikator"][3].update(target=95.5, target_atas=90)
    p = tmp_path / "rentang.json"
    p.write_text(json.dumps(d), "utf-8")
    isi, _ = render_docx(buka(p))
    baris = [r.cells for t in Document(io.BytesIO(isi)).tables for r in t.rows]
    teks = [[c.text for c in cells] for cells in baris]
    assert any(r[-3:] == ["80–90 Nilai", "70 Nilai", "87,50"] for r in teks), teks
    assert any("90–95,50 Nilai" in r for r in teks)
    assert not any("80 Nilai" in r for r in teks)


def _templat_dengan(tmp_path: Path, lama: str, baru: str) -> Path:
    src = io.BytesIO(bangun_templat())
    out = tmp_path / "t.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode().replace(lama, baru, 1).encode()
            zout.writestr(item, data)
    return out


def test_undeclared_variable_is_named(tmp_path, dok_contoh):
    t = _templat_dengan(tmp_path, "{{ kepala.nama }}", "{{ kepala_nama_salah }}")
    with pytest.raises(LaporanGagal, match="kepala_nama_salah"):
        render_docx(dok_contoh, template=t)


def test_template_syntax_error_names_the_tag(tmp_path, dok_contoh):
    t = _templat_dengan(tmp_path, "{{ kepala.jabatan }}", "{{ kepala.jabatan }")
    with pytest.raises(LaporanGagal, match=r"salah tulis.*kepala\.jabatan"):
        render_docx(dok_contoh, template=t)


def test_sandbox_blocks_attribute_escape(tmp_path, dok_contoh):
    t = _templat_dengan(tmp_path, "{{ kepala.nama }}", "{{ tahun.__class__.__mro__ }}")
    with pytest.raises(LaporanGagal):
        render_docx(dok_contoh, template=t)


def test_ketat_refuses_and_output_is_never_replaced(tmp_path, dok_contoh):
    with pytest.raises(LaporanGagal, match="--ketat"):
        susun_laporan(dok_contoh, tmp_path / "a.docx", ketat=True)
    assert not (tmp_path / "a.docx").exists()
    bersih = dataclasses.replace(dok_contoh, temuan=[t for t in dok_contoh.temuan if t.tingkat != "galat"])
    h = susun_laporan(bersih, tmp_path / "a.docx", ketat=True)
    assert not h.draf and "DRAF" not in teks_docx(h.docx.read_bytes())
    isi = h.docx.read_bytes()
    with pytest.raises(LaporanGagal, match="tidak ditimpa"):
        susun_laporan(dok_contoh, tmp_path / "a.docx")
    assert h.docx.read_bytes() == isi


def test_template_tags_survive_word(tmp_path):
    """Each tag sits whole in one run and holds no quote a word processor could curl."""
    with zipfile.ZipFile(io.BytesIO(bangun_templat())) as z:
        xml = z.read("word/document.xml").decode()
    runs = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    tags = [t for r in runs for t in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", r)]
    assert len(tags) > 100
    for r in runs:
        assert r.count("{{") == r.count("}}") and r.count("{%") == r.count("%}"), r
    for t in tags:
        assert not re.search("[\"'\u2018\u2019\u201c\u201d]", t), t


def test_committed_template_equals_fresh_build():
    # Rebuild with: lakip-xl templat -o templates/LAKIP_Template.docx --timpa
    def isi(b: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(b)) as z:
            return {n: z.read(n) for n in z.namelist()}

    assert isi(TEMPLAT.read_bytes()) == isi(bangun_templat())
    doc = Document(str(TEMPLAT))  # opens as a Word document
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.1)
    assert "Heading 1" in [p.style.name for p in doc.paragraphs]


def test_cli_report_from_workbook_with_pdf_and_provenance(tmp_path, lo):
    buku = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"
    out = tmp_path / "LAKIP.docx"
    r = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "laporan", str(buku), "-o", str(out), "--pdf"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "DRAF" in r.stdout
    teks = teks_docx(out.read_bytes())
    assert hashlib.sha256(buku.read_bytes()).hexdigest() in teks
    assert "Contoh_Kotabumi_2022.xlsm" in teks
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    isi_pdf = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "97,14" in isi_pdf and "ASAL DOKUMEN" in isi_pdf
    # The table of contents was refreshed: it lists chapters with page numbers.
    assert re.search(r"BAB III AKUNTABILITAS KINERJA\s*\.*\s*\d+", isi_pdf)
    # Issue 12: DRAF on every page of a draft; front matter in roman numerals, Bab I on page 1.
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    halaman = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert halaman > 10
    per_halaman = [
        subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True, text=True).stdout
        for i in range(1, halaman + 1)
    ]
    assert [i for i, t in enumerate(per_halaman, 1) if "DRAF" not in t] == []
    assert "halaman ii" in per_halaman[1] and "halaman iv" in per_halaman[3]
    bab_i = next(t for t in per_halaman if "BAB I PENDAHULUAN" in t and "DAFTAR ISI" not in t)
    assert re.search(r"halaman 1\s*$", bab_i.strip())
    # The .docx's table of contents carries the page numbers LibreOffice found.
    toc = [p for p in Document(str(out)).paragraphs if p.style.name == "toc 1"]
    assert toc and all(re.search(r"\t\d+$", p.text) for p in toc), [p.text for p in toc]
    assert toc[0].text == "BAB I PENDAHULUAN\t1"


def test_cli_report_errors(tmp_path):
    data = tmp_path / "d.json"
    from lakip_xl.schema.data import baca_json

    lakip, _ = baca_json(contoh_path())
    tulis_json(lakip, data)
    r = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "laporan", str(data), "-o", str(tmp_path / "x.docx"), "--ketat"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 2 and "galat" in r.stderr and not (tmp_path / "x.docx").exists()
    r = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "laporan", str(data), "-o", str(tmp_path / "x.docx"),
         "--template", str(tmp_path / "tidak-ada.docx")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 2 and "tidak ditemukan" in r.stderr


def test_template_variables_are_exactly_the_context_fields():
    """The committed template and the typed context agree both ways: no variable the context
    lacks (a typo would render blank) and no field the template never prints."""
    from docxtpl import DocxTemplate

    from lakip_xl.laporan import _lingkungan
    from lakip_xl.laporan.konteks import UNTUK_TEMPLAT_SENDIRI, KonteksLaporan

    dipakai = DocxTemplate(str(TEMPLAT)).get_undeclared_template_variables(_lingkungan())
    assert dipakai == set(KonteksLaporan.__annotations__) - UNTUK_TEMPLAT_SENDIRI


def test_context_has_every_declared_field(dok_contoh):
    from lakip_xl.laporan.konteks import KonteksLaporan, bangun_konteks

    assert set(bangun_konteks(dok_contoh, draf=True)) == set(KonteksLaporan.__annotations__)


def _bagian(isi: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_warm_render_equals_first_and_uncached(dok_contoh, monkeypatch):
    """Issue 14: the second render in a process reuses the built template, its check, the
    compiled XML and the charts, and its document is the same as the first and as one
    rendered with every cache switched off."""
    import lakip_xl.laporan as laporan
    from lakip_xl.laporan import grafik, templat

    laporan.kosongkan_cache()
    pertama, _ = render_docx(dok_contoh)
    digambar = grafik.jumlah_gambar
    dibangun = templat.templat_bawaan.cache_info().misses
    kedua, _ = render_docx(dok_contoh)
    assert grafik.jumlah_gambar == digambar  # no chart drawn again
    assert templat.templat_bawaan.cache_info().misses == dibangun  # template not built again
    assert _bagian(kedua) == _bagian(pertama)
    monkeypatch.setattr(laporan, "PAKAI_CACHE", False)
    tanpa, _ = render_docx(dok_contoh)
    assert grafik.jumlah_gambar == digambar + 3  # the switch really bypasses the chart cache
    assert _bagian(tanpa) == _bagian(pertama)
    assert b"{{" not in _bagian(pertama)["word/document.xml"]


def test_chart_cache_follows_the_data_and_is_bounded(dok_contoh, monkeypatch):
    from lakip_xl.laporan import grafik

    # The process's cache alone (a chart kept on disk by an earlier test would not be drawn).
    monkeypatch.setattr(grafik, "PAKAI_DISK", False)

    grafik.kosongkan_cache()
    a = grafik.grafik_capaian(dok_contoh.hasil)
    assert a is not None and a.startswith(b"\x89PNG")
    n = grafik.jumlah_gambar
    assert grafik.grafik_capaian(dok_contoh.hasil) == a and grafik.jumlah_gambar == n
    lain = dataclasses.replace(dok_contoh.hasil, indikator=dok_contoh.hasil.indikator[:2])
    b = grafik.grafik_capaian(lain)
    assert b is not None and b != a and grafik.jumlah_gambar == n + 1
    monkeypatch.setattr(grafik, "BATAS_CACHE", 1)
    grafik.kosongkan_cache()
    grafik.grafik_capaian(dok_contoh.hasil)
    grafik.grafik_capaian(lain)  # evicts the first
    assert len(grafik._cache) == 1 and grafik.jumlah_gambar == n + 3
    assert grafik.grafik_capaian(dok_contoh.hasil) == a and grafik.jumlah_gambar == n + 4


def test_user_template_cache_follows_the_file_bytes(tmp_path, dok_contoh):
    """A --template file edited between two renders in one process: the second render uses
    the edited file (the cache is keyed by the bytes, not the path)."""
    t = _templat_dengan(tmp_path, "{{ kepala.nama }}", "{{ kepala.nama }} PERTAMA")
    assert "PERTAMA" in teks_docx(render_docx(dok_contoh, template=t)[0])
    (tmp_path / "baru").mkdir()
    t.write_bytes(_templat_dengan(tmp_path / "baru", "{{ kepala.nama }}", "{{ kepala_salah }}").read_bytes())
    with pytest.raises(LaporanGagal, match="kepala_salah"):
        render_docx(dok_contoh, template=t)
