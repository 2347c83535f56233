"""Issue 12, points 1-2: the complete PermenPANRB 53/2014 report. Organisation, legal basis, staff,
logo, the long Renstra table, per-indicator analysis, IKPA explanations, other performance
applications, the follow-up plan and the closing: model, JSON, workbook (round trip and upgrade
from schema 3), validator findings with their cells, report sections and generated sentences.

Golden sentences are written out by hand below with their arithmetic."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from test_laporan import teks_docx

from lakip_xl.buku_kerja import skema as S
from lakip_xl.buku_kerja.baca import baca_buku_kerja
from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.hasil import HasilOutput, hitung
from lakip_xl.compute.renstra import bandingkan, efisiensi_output, indikasi_efisiensi
from lakip_xl.laporan import render_docx
from lakip_xl.laporan.konteks import kalimat_pembanding
from lakip_xl.layanan import buka
from lakip_xl.model import (
    AplikasiKinerja,
    Indikator,
    KomponenIkpa,
    Lakip,
    LandasanHukum,
    Profil,
    Sdm,
    TargetRenstra,
    TindakLanjut,
    UnitOrganisasi,
)
from lakip_xl.schema.data import baca_json, contoh_path, dari_dict, ke_dict, tulis_json

ROOT = Path(__file__).parents[1]
CONTOH_WB = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"


def _isi_baru(lakip: Lakip) -> Lakip:
    """``lakip`` with every new part of the report filled."""
    x = copy.deepcopy(lakip)
    x.profil.logo = "logo.png"
    x.struktur = [UnitOrganisasi("Kepala Kantor", "Memimpin kantor\nMengawasi pelaksanaan tugas", "Budi")]
    x.landasan_hukum = [
        LandasanHukum("Peraturan Presiden", "29", 2014, "Sistem Akuntabilitas Kinerja Instansi Pemerintah")
    ]
    x.sdm = [Sdm("Golongan", "III", 12), Sdm("Golongan", "II", 5), Sdm("Pendidikan", "S1", 10)]
    ind = x.indikator[0]
    x.renstra = [TargetRenstra(ind.kode, 2020, 3.0, 2.9), TargetRenstra(ind.kode, 2021, 3.1, 3.05),
                 TargetRenstra(ind.kode, 2024, 3.5, None)]  # fmt: skip
    ind.standar_nasional = 3.0
    ind.penyebab, ind.solusi = "Antrean panjang.", "Layanan daring."
    ind.efisiensi, ind.program_pendukung = "Pegawai dirotasi.", "Program Penegakan dan Pelayanan Hukum"
    x.ikpa.komponen[0].penjelasan = "Revisi dalam batas."
    x.aplikasi_kinerja = [AplikasiKinerja("e-Performance", 92.5, "Semester I 2022", "catatan")]
    x.tindak_lanjut = [TindakLanjut("Serapan rendah", "Percepat pengadaan", "Kaur TU", "2023-06-30")]
    x.narasi.penutup = "Demikian laporan ini."
    return x


@pytest.fixture(scope="module")
def contoh() -> Lakip:
    return baca_json(contoh_path())[0]


def test_json_round_trip_and_old_json_still_reads(contoh):
    lengkap = _isi_baru(contoh)
    baru, temuan = dari_dict(ke_dict(lengkap))
    assert baru == lengkap and not temuan
    # An old data file (schema 1 without any of the new keys) reads without a finding and loses nothing.
    lama = ke_dict(contoh)
    for k in ("struktur", "landasan_hukum", "sdm", "renstra", "aplikasi_kinerja", "tindak_lanjut"):
        del lama[k]
    for i in lama["indikator"]:
        for k in ("standar_nasional", "penyebab", "solusi", "efisiensi", "program_pendukung"):
            del i[k]
    for k in lama["ikpa"]["komponen"]:
        del k["penjelasan"]
    del lama["profil"]["logo"], lama["narasi"]["penutup"]
    lama["indikator"][0]["realisasi_tahun_lalu"] = 1.5
    lama["indikator"][0]["target_renstra"] = 3.5
    baru, temuan = dari_dict(lama)
    assert not [t for t in temuan if t.kode == "KUNCI_TIDAK_DIKENAL"]
    assert baru.indikator[0].realisasi_tahun_lalu == 1.5 and baru.renstra == []
    # The old fields keep working: last year's realisation and the Renstra target are used.
    pb = bandingkan(baru, hitung(baru, aturan_bawaan()))[0]
    assert pb.tahun_lalu == 1.5 and pb.target_akhir == 3.5


def test_workbook_round_trip(tmp_path, contoh):
    lengkap = _isi_baru(contoh)
    path = bangun_buku_kerja(lengkap, tmp_path / "b.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(path)
    assert bk.lakip == lengkap
    assert not [t for t in bk.temuan if t.tingkat == "galat"]
    # A Renstra year before last year without its realisation: the warning points at that cell.
    lengkap.renstra[0].tahun, lengkap.renstra[0].realisasi = 2019, None
    path = bangun_buku_kerja(lengkap, tmp_path / "c.xlsm", aturan=aturan_bawaan())
    dok = buka(path)
    assert dok.buku_kerja is not None
    p = dok.buku_kerja.tata.posisi["Renstra"]
    t = next(x for x in dok.temuan if x.kode == "PEMBANDING_KOSONG" and x.jalur[:1] == ("renstra",))
    assert t.lokasi == f"Renstra!{p.sel('realisasi', 0)}" and "Realisasi tahun 2019 indikator IKU-1" in t.pesan


def _sebagai_skema_3(tmp_path: Path) -> Path:
    """The example workbook as schema 3 had it: without the four new sheets, the new tables and
    cells, and the IKPA explanations."""
    from openpyxl import load_workbook

    from alat import jadikan_versi

    wb = load_workbook(CONTOH_WB, keep_vba=True)
    baru = {"Analisis", "Renstra", "Organisasi", "Tindak Lanjut"}
    for nama in baru:
        del wb[nama]
    for nama in list(wb.defined_names):
        teks = wb.defined_names[nama].attr_text
        if any(f"{s}!" in teks or f"'{s}'!" in teks for s in baru) or nama in {
            "Data_AplikasiKinerja", "LogoSatker", "NarasiPenutup"}:  # fmt: skip
            del wb.defined_names[nama]
    bk = baca_buku_kerja(CONTOH_WB)
    p = bk.tata.posisi["IkpaKomponen"]
    ws = wb["IKPA"]
    for r in range(p.baris_judul, p.akhir + 1):
        ws.cell(r + 1, p.kolom("penjelasan") + 1).value = None
    jadikan_versi(wb, 3)
    lama = tmp_path / "lama.xlsm"
    wb.save(lama)
    return lama


def test_schema_3_workbook_upgrades_without_losing_a_figure(tmp_path, contoh):
    lama = _sebagai_skema_3(tmp_path)
    hasil = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "validasi", str(lama)], capture_output=True, text=True, timeout=120
    )
    assert hasil.returncode == 2 and "tingkatkan" in hasil.stderr
    baru = tmp_path / "baru.xlsm"
    hasil = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "buku-kerja", "tingkatkan", str(lama), "-o", str(baru)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 0, hasil.stderr
    dibaca = baca_buku_kerja(baru)
    # Everything schema 3 held is kept; the new tables and cells are empty.
    harapan = copy.deepcopy(contoh)
    harapan.struktur, harapan.landasan_hukum, harapan.sdm, harapan.aplikasi_kinerja = [], [], [], []
    harapan.tindak_lanjut, harapan.renstra = [], []
    harapan.narasi.penutup = ""
    for k in harapan.ikpa.komponen:
        k.penjelasan = ""
    assert dibaca.lakip == harapan
    assert S.VERSI_BUKU_KERJA == 4 and {"Analisis", "Renstra", "Struktur", "TindakLanjut"} <= S.BARU_V4


def test_missing_comparisons_are_warnings_at_their_cells():
    dok = buka(CONTOH_WB)
    tata = dok.buku_kerja.tata if dok.buku_kerja else None
    assert tata is not None
    per_kode = {}
    for t in dok.temuan:
        per_kode.setdefault(t.kode, []).append(t)
    # IKU-1 is row 0 of Indikator: last year's realisation and the Renstra target are missing.
    ind = tata.posisi["Indikator"]
    lokasi = {t.lokasi for t in per_kode["PEMBANDING_KOSONG"]}
    assert f"Indikator!{ind.sel('realisasi_tahun_lalu', 0)}" in lokasi
    assert f"Indikator!{ind.sel('target_renstra', 0)}" in lokasi
    pesan = " ".join(t.pesan for t in per_kode["PEMBANDING_KOSONG"])
    assert "Isi lembar Renstra (baris kode IKU-1, tahun 2021, kolom Realisasi)." in pesan
    assert all(t.tingkat == "peringatan" for t in per_kode["PEMBANDING_KOSONG"])
    analisis = tata.posisi["Analisis"]
    t = next(x for x in per_kode["ANALISIS_KOSONG"] if "IKU-1" in x.pesan)
    assert t.lokasi == f"Analisis!{analisis.sel('penyebab', 0)}"
    assert (
        "penyebab keberhasilan/kegagalan, alternatif solusi, efisiensi penggunaan sumber daya, dan program/kegiatan "
        "pendukung belum diisi (lembar Analisis, baris IKU-1)" in t.pesan
    )
    sdm = tata.posisi["Sdm"]
    assert any(x.lokasi == f"Organisasi!{sdm.sel('kategori', 0)}" for x in per_kode["ISI_LAPORAN_KOSONG"])
    # Filled everywhere in the example: no warning for them.
    assert "PENJELASAN_IKPA_KOSONG" not in per_kode
    assert not any("Struktur" in x.pesan or "Landasan" in x.pesan for x in per_kode["ISI_LAPORAN_KOSONG"])


def test_renstra_rows_checked_and_past_years_named(contoh):
    x = copy.deepcopy(contoh)
    x.renstra = [
        TargetRenstra("IKU-1", 2019, 3.0, None),  # two years back, realisation blank
        TargetRenstra("IKU-1", 2021, None, 3.1),  # target blank
        TargetRenstra("IKU-1", 2021, 3.1, 3.1),  # twice
        TargetRenstra("XX-9", 2022, 1.0, None),  # unknown code
    ]
    from lakip_xl.validasi import validasi

    temuan = validasi(x, hitung(x, aturan_bawaan()), aturan_bawaan())
    got = {(t.kode, t.jalur) for t in temuan}
    assert ("PEMBANDING_KOSONG", ("renstra", 0, "realisasi")) in got
    assert ("PEMBANDING_KOSONG", ("renstra", 1, "target")) in got
    assert ("RENSTRA_TIDAK_VALID", ("renstra", 2, "tahun")) in got
    assert ("RENSTRA_TIDAK_VALID", ("renstra", 3, "indikator")) in got
    # Last year (2021) has a realisation now: no warning about it for IKU-1.
    assert ("PEMBANDING_KOSONG", ("indikator", 0, "realisasi_tahun_lalu")) not in got


def _kasus(kumulatif: str = "terakhir") -> tuple[Lakip, Indikator]:
    ind = Indikator(kode="IKU-1", tingkat="iku", sasaran="S", nama="Persentase layanan tepat waktu", satuan="Persen",
                    kumulatif=kumulatif, target=90, realisasi=95)  # type: ignore[arg-type]  # fmt: skip
    lakip = Lakip(profil=Profil(nama="Satker", tahun=2022), indikator=[ind])
    return lakip, ind


def test_generated_sentences_hand_case():
    """Target 90, realisation 95, last year 80: capaian 95/90 = 105,555..% -> 105,56%; change
    95 - 80 = 15, 15/80 = 18,75%. Renstra 2020-2024 with final target 100 and 2020 realisation 70:
    95/100 = 95,00%. National standard 85: 95/85 = 111,7647..% -> 111,76%."""
    lakip, ind = _kasus()
    lakip.renstra = [TargetRenstra("IKU-1", 2020, 85, 70), TargetRenstra("IKU-1", 2021, 88, 80),
                     TargetRenstra("IKU-1", 2022, 90, None), TargetRenstra("IKU-1", 2024, 100, None)]  # fmt: skip
    ind.standar_nasional = 85
    hasil = hitung(lakip, aturan_bawaan())
    kalimat, catatan = kalimat_pembanding(ind, hasil.indikator[0], bandingkan(lakip, hasil)[0])
    assert kalimat == [
        "Pada tahun 2022, realisasi indikator Persentase layanan tepat waktu sebesar 95 dari target 90, sehingga "
        "capaiannya 105,56% (target tercapai).",
        "Dibandingkan dengan realisasi tahun 2021 sebesar 80, realisasi tahun 2022 naik 15 atau 18,75%, sehingga "
        "kinerja membaik.",
        "Realisasi tiga tahun terakhir berturut-turut 70 (2020), 80 (2021), dan 95 (2022).",
        "Terhadap target Renstra 2020–2024 sebesar 100, realisasi sampai tahun 2022 sebesar 95 atau 95,00%.",
        "Terhadap standar nasional sebesar 85, realisasi tahun 2022 telah memenuhi standar (111,76%).",
    ]
    assert catatan == []


def test_generated_sentences_cumulative_and_missing():
    """A count: Renstra targets 10, 12, 14, 16, 18 (sum 70); realisations 10 (2020), 12 (2021) and
    this year's 15: cumulative 37, 37/70 = 52,857..% -> 52,86%. Last year only in the old field."""
    lakip, ind = _kasus("jumlah")
    ind.target, ind.realisasi = 14, 15
    lakip.renstra = [TargetRenstra("IKU-1", 2020 + i, 10 + 2 * i, r) for i, r in enumerate((10, 12, None, None, None))]
    hasil = hitung(lakip, aturan_bawaan())
    kalimat, catatan = kalimat_pembanding(ind, hasil.indikator[0], bandingkan(lakip, hasil)[0])
    assert (
        "Terhadap target Renstra 2020–2024 sebesar 70, realisasi kumulatif sampai tahun 2022 sebesar 37 atau 52,86%."
        in kalimat
    )
    assert (
        "Dibandingkan dengan realisasi tahun 2021 sebesar 12, realisasi tahun 2022 naik 3 atau 25,00%, sehingga kinerja membaik."
        in kalimat
    )
    # Nothing for last year and no Renstra: notes naming the sheet, row and column to fill.
    lakip, ind = _kasus()
    hasil = hitung(lakip, aturan_bawaan())
    kalimat, catatan = kalimat_pembanding(ind, hasil.indikator[0], bandingkan(lakip, hasil)[0])
    assert len(kalimat) == 1
    assert catatan == [
        "Realisasi tahun 2021 belum diisi, sehingga perbandingan dengan tahun lalu belum dapat disajikan: lembar "
        "Renstra, baris IKU-1 tahun 2021, kolom Realisasi.",
        "Target Renstra belum diisi, sehingga perbandingan dengan target jangka menengah belum dapat disajikan: "
        "lembar Renstra, baris IKU-1, kolom Target Renstra.",
    ]
    # Negative polarity: a rise is a worse result.
    lakip, ind = _kasus()
    ind.polaritas, ind.realisasi_tahun_lalu = "negatif", 80
    hasil = hitung(lakip, aturan_bawaan())
    kalimat, _ = kalimat_pembanding(ind, hasil.indikator[0], bandingkan(lakip, hasil)[0])
    assert kalimat[1].endswith("naik 15 atau 18,75%, sehingga kinerja menurun.")


def test_efficiency_per_output_hand_cases():
    # pagu 1.000, realisation 800, volume 100 %: worth 1.000, spent 800 -> (1000 - 800)/1000 = 20 %.
    o = HasilOutput("A", "x", "", "", "", 10, 10, 100.0, 1000, 800, 200, 80.0)
    assert efisiensi_output(o) == pytest.approx(20.0) and indikasi_efisiensi(20.0) == "efisien"
    # volume 50 %: worth 500, spent 800 -> (500 - 800)/500 = -60 %.
    o = dataclasses.replace(o, capaian_volume=50.0)
    assert efisiensi_output(o) == pytest.approx(-60.0) and indikasi_efisiensi(-60.0) == "tidak efisien"
    assert efisiensi_output(dataclasses.replace(o, capaian_volume=0.0)) is None
    assert indikasi_efisiensi(None) == "belum dapat dinilai"


def test_report_has_every_section(tmp_path, contoh):
    sumber = tmp_path / "data.json"
    tulis_json(_isi_baru(contoh), sumber)
    teks = " ".join(teks_docx(render_docx(buka(sumber))[0]).split())
    for bagian in (
        "B. Landasan Hukum",
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        "D. Struktur Organisasi",
        "Memimpin kantor; Mengawasi pelaksanaan tugas",
        "E. Sumber Daya Manusia",
        "Menurut golongan, jumlah pegawai seluruhnya 17 orang.",
        "Target Rencana Strategis per tahun dan realisasinya",
        "Perbandingan capaian indikator IKU-1",
        "Penyebab keberhasilan/kegagalan Antrean panjang.",
        "Efisiensi penggunaan anggaran per output",
        "Penjelasan",
        "Revisi dalam batas.",
        "Capaian pada aplikasi kinerja lainnya",
        "e-Performance 92,50 Semester I 2022",
        "D. Rencana Tindak Lanjut",
        "30 Juni 2023",
        "E. Penutup Demikian laporan ini.",
    ):
        assert bagian in teks, bagian
    # The example leaves some for the unit: visible notes, never a silent omission.
    teks = " ".join(teks_docx(render_docx(buka(contoh_path()))[0]).split())
    assert "[Bagian ini belum diisi: lembar Organisasi, tabel Sumber Daya Manusia.]" in teks
    assert "[Belum diisi: lembar Analisis, baris IKU-1, kolom Alternatif solusi.]" in teks
    assert "[Bagian ini belum diisi: lembar Renstra (target per indikator per tahun).]" in teks


def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (200, 100), "navy").save(path)
    return path


def _gambar_sampul(isi: bytes) -> int:
    """Pictures on the cover (the paragraphs before the title)."""
    import io

    from docx import Document

    doc = Document(io.BytesIO(isi))
    n = 0
    for par in doc.paragraphs:
        if par.text == "LAPORAN KINERJA INSTANSI PEMERINTAH":
            return n
        n += len(par._p.xpath(".//w:drawing"))
    raise AssertionError("no cover title")


def test_logo_on_the_cover_and_hostile_files(tmp_path, contoh):
    x = copy.deepcopy(contoh)
    x.profil.logo = "logo.png"
    sumber = tmp_path / "data.json"
    tulis_json(x, sumber)
    dok = buka(sumber)
    assert [t.pesan for t in dok.temuan if t.kode == "LOGO"] == [
        "Logo tidak dipasang di sampul: berkas logo 'logo.png' tidak ditemukan (dicari di "
        f"{tmp_path}). Simpan logo PNG atau JPEG di folder yang sama dengan berkas data dan tulis nama berkasnya "
        "(lembar Profil, Berkas logo), atau kosongkan."
    ]
    render_docx(dok)  # no logo, no crash
    _png(tmp_path / "logo.png")
    dok = buka(sumber)
    assert not [t for t in dok.temuan if t.kode == "LOGO"]
    assert _gambar_sampul(render_docx(dok)[0]) == 1
    # Not an image, a truncated PNG, a GIF: a warning, and the report without the logo.
    (tmp_path / "logo.png").write_text("<script>bukan gambar</script>")
    assert "bukan gambar PNG atau JPEG" in next(t.pesan for t in buka(sumber).temuan if t.kode == "LOGO")
    _png(tmp_path / "utuh.png")
    (tmp_path / "logo.png").write_bytes((tmp_path / "utuh.png").read_bytes()[:60])
    dok = buka(sumber)
    assert "rusak" in next(t.pesan for t in dok.temuan if t.kode == "LOGO")
    assert _gambar_sampul(render_docx(dok)[0]) == 0


def test_ikpa_explanation_and_new_inputs_have_notes():
    from lakip_xl.buku_kerja.catatan import KHUSUS

    for t in (S.ANALISIS, S.RENSTRA, S.STRUKTUR, S.LANDASAN_HUKUM, S.SDM, S.TINDAK_LANJUT, S.APLIKASI_KINERJA):
        for k in t.kolom:
            if k.jenis == "input":
                assert f"{t.kunci}.{k.kunci}" in KHUSUS, (t.kunci, k.kunci)
    assert S.IKPA_KOMPONEN.kolom[-1].kunci == "penjelasan"
    assert KomponenIkpa().penjelasan == ""


def test_next_year_moves_the_realisation_into_the_renstra_table(contoh):
    from lakip_xl.buku_kerja.tingkatkan import siapkan_tahun_baru

    x = _isi_baru(contoh)
    x.renstra.append(TargetRenstra(x.indikator[0].kode, 2022, 3.25, None))
    realisasi = hitung(x, aturan_bawaan()).indikator[0].realisasi
    baru = siapkan_tahun_baru(x, aturan_bawaan())
    assert baru.profil.tahun == 2023
    assert [r.realisasi for r in baru.renstra if r.tahun == 2022] == [realisasi]
    assert baru.indikator[0].realisasi_tahun_lalu == realisasi
    # Next year's comparison finds last year in the Renstra table.
    pb = bandingkan(baru, hitung(baru, aturan_bawaan()))[0]
    assert pb.tahun_lalu == realisasi
    assert baru.struktur == x.struktur and baru.tindak_lanjut == x.tindak_lanjut
    assert baru.aplikasi_kinerja == [] and baru.indikator[0].penyebab == ""
    assert baru.ikpa.komponen[0].penjelasan == ""
