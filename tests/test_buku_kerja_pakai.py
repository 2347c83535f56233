"""Workbook usability (issue 12, point 4): room for a large satker in the blank master, notes on
every input, native checks without Python, print setup, helper columns and xlwings.conf hidden."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from lakip_xl.buku_kerja import skema as S
from lakip_xl.buku_kerja.baca import baca_buku_kerja
from lakip_xl.buku_kerja.mesin import mesin
from lakip_xl.buku_kerja.tulis import WARNA_CEK, _nilai_model, baris_tabel, jumlah_baris_teks
from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.hasil import hitung
from lakip_xl.model import Indikator, Kegiatan, Kro, Lakip, Output, Program
from lakip_xl.office import konversi
from lakip_xl.schema.data import baca_json, contoh_path, ke_dict
from lakip_xl.validasi import validasi

from alat.banding import sama

ROOT = Path(__file__).parents[1]
MASTER = ROOT / "workbooks" / "LAKIP_Master.xlsm"
CONTOH = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"
LO_UBAH = Path(__file__).parent / "alat" / "lo_ubah.py"

# What the issue asks the blank master to hold without unprotecting a sheet.
RUANG = {"Indikator": 60, "Program": 20, "Kegiatan": 60, "Output": 300}


@pytest.fixture(scope="module")
def contoh_wb():
    wb = load_workbook(CONTOH, keep_vba=True)  # styles and comments: not read-only
    yield wb
    wb.close()


def test_blank_master_has_room_for_a_large_satker():
    tata = baca_buku_kerja(MASTER).tata
    for tabel, n in RUANG.items():
        assert tata.posisi[tabel].jumlah_baris >= n, tabel
    assert tata.posisi["Realisasi"].jumlah_baris == tata.posisi["Indikator"].jumlah_baris


def test_room_per_table_is_documented():
    teks = (ROOT / "docs" / "buku-kerja.md").read_text("utf-8")
    for ik in S.IKATAN:
        t = next(x for x in S.TABEL if x.kunci == ik.tabel)
        assert f"| {t.judul} | {t.lembar} | {t.minimum} | {t.cadangan} |" in teks, t.kunci


def test_year_is_a_plain_number(contoh_wb):
    lembar, r, c = baca_buku_kerja(CONTOH).tata.sel["TahunAnggaran"]
    sel = contoh_wb[lembar].cell(r + 1, c + 1)
    assert sel.value == 2022 and sel.number_format == "0"  # never "2.022" under an Indonesian locale


def _tersembunyi(ws, kolom: int) -> bool:
    """Whether 0-based column ``kolom`` is hidden (openpyxl keeps runs of equal columns as one)."""
    return any(d.min <= kolom + 1 <= d.max and d.hidden for d in ws.column_dimensions.values())


def test_helper_columns_and_xlwings_conf_are_hidden(contoh_wb):
    tata = baca_buku_kerja(CONTOH).tata
    realisasi = tata.posisi["Realisasi"]
    assert _tersembunyi(contoh_wb["Realisasi"], realisasi.kolom("capaian_mentah"))
    assert not _tersembunyi(contoh_wb["Realisasi"], realisasi.kolom("capaian"))
    ikpa = tata.posisi["IkpaKomponen"]
    for k in ("dalam_aturan", "terisi", "ikut_aspek", "bobot_berlaku"):
        assert _tersembunyi(contoh_wb["IKPA"], ikpa.kolom(k)), k
    assert not _tersembunyi(contoh_wb["IKPA"], ikpa.kolom("nilai"))
    # Hidden, not very hidden: xlwings.bas still reads it by name, and a user can show it.
    assert contoh_wb["xlwings.conf"].sheet_state == "hidden"


def test_every_input_header_and_label_has_a_note(contoh_wb):
    tata = baca_buku_kerja(CONTOH).tata
    tanpa = []
    for kunci, p in tata.posisi.items():
        if kunci in S.REFERENSI_TABEL or kunci == "Temuan":
            continue
        ws = contoh_wb[p.lembar]
        for k in p.tabel.kolom:
            if k.jenis == "input":
                komentar = ws.cell(p.baris_judul + 1, p.kolom(k.kunci) + 1).comment
                if komentar is None or len(komentar.text) < 15:
                    tanpa.append(f"{kunci}.{k.kunci}")
                elif "dinyatakan" in k.kunci:  # the stated cross-check figures say what they are for
                    assert "DINYATAKAN_BERBEDA" in komentar.text, k.kunci
    for b in S.BLOK:
        for s in b.sel:
            if s.jenis == "input":
                lembar, r, c = tata.sel[s.nama]
                if contoh_wb[lembar].cell(r + 1, c).comment is None:  # the label, left of the cell
                    tanpa.append(s.nama)
    assert tanpa == []


def test_row_height_estimate_by_hand():
    # Width 10: int(10 * 1.1) - 1 = 10 characters a line; "satu dua | tiga empat | lima".
    assert jumlah_baris_teks("satu dua tiga empat lima", 10) == 3
    assert jumlah_baris_teks("satu\ndua", 40) == 2
    assert jumlah_baris_teks("", 10) == 1


def test_wrapped_text_rows_are_tall_enough(contoh_wb):
    tata = baca_buku_kerja(CONTOH).tata
    lembar, r, _ = tata.sel["NarasiAspekStrategis"]
    ws = contoh_wb[lembar]
    teks = ws.cell(r + 1, 2).value
    assert len(teks) == 512  # the example's "aspek strategis": six lines in a 100-character column
    assert ws.row_dimensions[r + 1].height >= 15 * len(teks) / 110
    p = tata.posisi["Indikator"]
    assert contoh_wb["Indikator"].row_dimensions[p.baris_judul + 1].height >= 30


def test_print_setup(contoh_wb):
    tata = baca_buku_kerja(CONTOH).tata
    for ws in contoh_wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        ps = ws.page_setup
        assert ps.paperSize == 9, ws.title  # A4
        if ws.title != "Beranda":
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToHeight == 0, ws.title
    out = contoh_wb["Output"]
    assert out.page_setup.orientation == "landscape" and out.page_setup.fitToWidth >= 2  # not 4 pt on one width
    baris = tata.posisi["Output"].baris_judul + 1
    assert str(out.print_title_rows) == f"${baris}:${baris}"


def _contoh():
    lakip, _ = baca_json(contoh_path())
    return lakip


def test_native_check_counts_equal_the_validator_on_the_example():
    """The 2022 Kotabumi data as published: one realisasi above its pagu, four parents that differ
    from the sum of their rows, five totals that disagree across the three budget breakdowns."""
    lakip = _contoh()
    a = aturan_bawaan()
    h = hitung(lakip, a)
    cek = mesin(lakip, h, a).cek
    kode = [t.kode for t in validasi(lakip, h, a)]
    assert cek == {"lebih_pagu": 1, "rincian": 4, "total": 5, "tanpa_target": 0, "jumlah": 10}
    assert cek["lebih_pagu"] == kode.count("REALISASI_MELEBIHI_PAGU")
    assert cek["rincian"] == kode.count("RINCIAN_TIDAK_SAMA")
    assert cek["total"] == kode.count("TOTAL_BERBEDA")
    # A realisation typed for an indicator without a target: its capaian cannot be computed.
    lakip.indikator[0].target = None
    assert mesin(lakip, hitung(lakip, a), a).cek["tanpa_target"] == 1


# -- in LibreOffice ----------------------------------------------------------------------------


def _ketik(wb_path: Path, skenario: dict[str, list[dict]], folder: Path, uno_python: str) -> None:
    sk = folder / "skenario.json"
    sk.write_text(json.dumps(skenario), "utf-8")
    r = subprocess.run(
        [uno_python, str(LO_UBAH), str(wb_path), str(sk), str(folder)], capture_output=True, text=True, timeout=900
    )
    d = json.loads(r.stdout or "{}")
    assert d.get("ok"), (d, r.stderr[-2000:])


def _isian(lakip: Lakip, tata: S.Tata) -> list[dict]:
    """Typing ``lakip`` into a workbook of layout ``tata``: one 'ketik' per filled input cell."""
    rows = baris_tabel(lakip, aturan_bawaan().ke_dict(), [])
    out = []
    for ik in S.IKATAN:
        p = tata.posisi[ik.tabel]
        for i, obj in enumerate(rows.get(ik.tabel, [])):
            assert i < p.jumlah_baris, f"{ik.tabel}: {len(rows[ik.tabel])} baris, tersedia {p.jumlah_baris}"
            for k in p.tabel.kolom:
                if k.jenis != "input":
                    continue
                v = _nilai_model(obj, k.kunci)
                if v not in (None, ""):
                    out.append(
                        {"op": "ketik", "lembar": p.lembar, "baris": p.awal + i, "kolom": p.kolom(k.kunci), "nilai": v}
                    )
    for nama, v in (("NamaSatker", lakip.profil.nama), ("TahunAnggaran", lakip.profil.tahun)):
        lembar, r, c = tata.sel[nama]
        out.append({"op": "ketik", "lembar": lembar, "baris": r, "kolom": c, "nilai": v})
    return out


def _satker_besar() -> Lakip:
    """60 indicators, 20 programs of 3 kegiatan (60), 100 KROs (the first 40 kegiatan have two, the
    others one) of 3 ROs (300); figures by formula of the index."""
    lakip = Lakip()
    lakip.profil.nama = "Satker Uji Besar"
    lakip.profil.tahun = 2024
    for i in range(60):
        lakip.indikator.append(
            Indikator(
                kode=f"IKU-{i + 1}",
                tingkat="iku" if i < 10 else "kegiatan",
                sasaran=f"Sasaran {i // 5 + 1}",
                nama=f"Indikator uji {i + 1}",
                satuan="Persen",
                polaritas="negatif" if i % 7 == 0 else "positif",
                target=80 + i % 20,
                realisasi_tw=[None, None, None, 70 + i % 35],
            )
        )
    for p in range(20):
        prog = Program(kode=f"P{p + 1:02d}", nama=f"Program uji {p + 1}")
        for k in range(3):
            kode_k = f"{4000 + p * 3 + k}"
            keg = Kegiatan(kode=kode_k, nama=f"Kegiatan uji {kode_k}")
            j = p * 3 + k  # kegiatan index
            for r in range(2 if j < 40 else 1):
                keg.kro.append(Kro(kode=("QAH", "EBA")[r], nama=f"KRO uji {kode_k}.{('QAH', 'EBA')[r]}"))
            for o in range(5):
                n = (p * 3 + k) * 5 + o
                kro = keg.kro[0] if len(keg.kro) == 1 or o < 3 else keg.kro[1]
                kro.output.append(
                    Output(
                        kode=f"{o + 1:03d}",
                        nama=f"Output uji {n + 1}",
                        satuan="Layanan",
                        volume_target=10 + n % 9,
                        volume_realisasi=8 + n % 11,
                        pagu=1_000_000 * (1 + n % 13),
                        realisasi=900_000 * (1 + n % 13) + 1_000 * (n % 3),
                    )
                )
            prog.kegiatan.append(keg)
        lakip.anggaran.program.append(prog)
    return lakip


def _nilai_lo(path: Path, lembar: str, r: int, c: int, cache: dict) -> object:
    if lembar not in cache:
        cache[lembar] = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(lembar).to_python(skip_empty_area=False)
    g = cache[lembar]
    return g[r][c] if r < len(g) and c < len(g[r]) else ""


def _banding_mesin(path: Path) -> tuple[int, list]:
    """Every formula cell of the schema's tables and named cells in the LibreOffice-saved ``path``
    against the engine's value for the data read back from it."""
    bk = baca_buku_kerja(path)
    m = mesin(bk.lakip, hitung(bk.lakip, bk.aturan), bk.aturan)
    cache: dict = {}
    n, salah = 0, []
    hasil = S.hasil_tabel()
    for kunci, p in bk.tata.posisi.items():
        if kunci not in hasil:
            continue
        for k in p.tabel.kolom:
            if k.jenis != "rumus":
                continue
            for i in range(p.jumlah_baris):
                n += 1
                lo, harap = _nilai_lo(path, p.lembar, p.awal + i, p.kolom(k.kunci), cache), m.tabel(kunci, k.kunci, i)
                if not sama(lo, harap):
                    salah.append((kunci, k.kunci, i, lo, harap))
    from lakip_xl.buku_kerja.baca import _nama_dari_zip

    nama = _nama_dari_zip(path)
    for n_, _ in S.hasil_nama().items():
        lembar, r, c, _, _ = nama[n_]
        n += 1
        lo, harap = _nilai_lo(path, lembar, r, c, cache), m.nama(n_)
        if not sama(lo, harap):
            salah.append((n_, lo, harap))
    return n, salah


def test_large_satker_fits_the_blank_master_without_unprotecting(tmp_path, lo, uno_python):
    """Typed into the committed blank master cell by cell, on protected sheets (the 'ketik' edit
    refuses a locked cell or an unprotected sheet); read back whole, and LibreOffice's values of
    every formula equal the engine's."""
    besar = _satker_besar()
    tata = baca_buku_kerja(MASTER).tata
    _ketik(MASTER, {"besar.xlsx": _isian(besar, tata)}, tmp_path, uno_python)
    path = tmp_path / "besar.xlsx"
    bk = baca_buku_kerja(path)
    assert [t for t in bk.temuan if t.tingkat == "galat"] == []
    assert ke_dict(bk.lakip)["indikator"] == ke_dict(besar)["indikator"]
    assert ke_dict(bk.lakip)["anggaran"]["program"] == ke_dict(besar)["anggaran"]["program"]
    n, salah = _banding_mesin(path)
    assert n > 2000, n
    assert salah == [], salah[:10]


def _piksel_cek(pdf: Path, lembar: str, folder: Path) -> int:
    """Pixels of the native-check colour on the pages of ``lembar`` (named in each page's footer)."""
    from PIL import Image

    teks = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    halaman = [
        i for i, h in enumerate(teks.split("\f"), 1) if h.strip() and h.strip().splitlines()[-1].startswith(lembar)
    ]
    rgb = tuple(int(WARNA_CEK[i : i + 2], 16) for i in (1, 3, 5))
    n = 0
    for no in halaman:
        keluar = folder / f"{lembar}-{no}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", "-f", str(no), "-l", str(no), "-singlefile", str(pdf), str(keluar)],
            check=True,
        )
        with Image.open(f"{keluar}.png") as im:
            n += sum(c for c, warna in im.convert("RGB").getcolors(1 << 20) if warna == rgb)
    return n


def test_planted_realisasi_above_pagu_is_coloured_and_counted_without_python(tmp_path, lo, uno_python):
    """In LibreOffice alone: an RO whose realisasi exceeds its pagu, typed into the blank master,
    turns its cells red and is counted on Beranda (RO, KRO, kegiatan, program and total: 5), and
    the count equals the engine's."""
    tata = baca_buku_kerja(MASTER).tata
    p, k, kr, o = (tata.posisi[t] for t in ("Program", "Kegiatan", "Kro", "Output"))
    ketik = [
        {"op": "ketik", "lembar": "Output", "baris": p.awal, "kolom": p.kolom("kode"), "nilai": "WA"},
        {"op": "ketik", "lembar": "Output", "baris": k.awal, "kolom": k.kolom("kode"), "nilai": "4262"},
        {"op": "ketik", "lembar": "Output", "baris": k.awal, "kolom": k.kolom("program"), "nilai": "WA"},
        {"op": "ketik", "lembar": "Output", "baris": kr.awal, "kolom": kr.kolom("kode"), "nilai": "QAH"},
        {"op": "ketik", "lembar": "Output", "baris": kr.awal, "kolom": kr.kolom("kegiatan"), "nilai": "4262"},
        {"op": "ketik", "lembar": "Output", "baris": o.awal, "kolom": o.kolom("kode"), "nilai": "001"},
        {"op": "ketik", "lembar": "Output", "baris": o.awal, "kolom": o.kolom("kegiatan"), "nilai": "4262"},
        {"op": "ketik", "lembar": "Output", "baris": o.awal, "kolom": o.kolom("kro"), "nilai": "QAH"},
        {"op": "ketik", "lembar": "Output", "baris": o.awal, "kolom": o.kolom("pagu"), "nilai": 100_000_000},
        {"op": "ketik", "lembar": "Output", "baris": o.awal, "kolom": o.kolom("realisasi"), "nilai": 118_530_000},
    ]
    _ketik(MASTER, {"tanam.xlsx": ketik, "bersih.xlsx": []}, tmp_path, uno_python)
    tanam = tmp_path / "tanam.xlsx"
    nama = baca_buku_kerja(tanam).tata
    from lakip_xl.buku_kerja.baca import _nama_dari_zip

    lembar, r, c, _, _ = _nama_dari_zip(tanam)["CekLebihPagu"]
    assert lembar == "Beranda"
    assert _nilai_lo(tanam, lembar, r, c, {}) == 5  # the RO, its KRO, kegiatan, program, the DIPA total
    assert nama.posisi["Output"].awal == o.awal
    _, salah = _banding_mesin(tanam)
    assert salah == [], salah[:10]
    (pdf_tanam,) = konversi([tanam], "pdf", tmp_path / "pdf")
    (pdf_bersih,) = konversi([tmp_path / "bersih.xlsx"], "pdf", tmp_path / "pdf")
    assert _piksel_cek(pdf_tanam, "Output", tmp_path) > 0
    assert _piksel_cek(pdf_bersih, "Output", tmp_path) == 0
