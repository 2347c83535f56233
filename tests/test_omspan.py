"""OM-SPAN IKPA tables: recomputing the real published tables, both layouts, importing a row.

Golden values are OM-SPAN's own published figures (tests/data/omspan, see its README) or hand
calculations written here; never the code under test.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from lakip_xl.compute.angka import bulat
from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.layanan import buka
from lakip_xl.omspan import baca_tabel, kode_ikpa_untuk_tahun, periksa
from lakip_xl.schema.data import contoh_path

DATA = Path(__file__).parent / "data" / "omspan"
D2022 = DATA / "IKPA_DESEMBER_2022.xlsx"
D2024 = DATA / "IKPA_DESEMBER_2024.xlsx"
J2025 = DATA / "IKPA_JUNI_2025.xlsx"
A = aturan_bawaan()


def cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def dua(x: float | None) -> float | None:
    return None if x is None else float(bulat(x, 2))


# -- the flat tables as they are, read here by fixed position (docs/omspan.md) -----------------

INDIKATOR_2024 = ("revisi_dipa", "deviasi_halaman_iii", "penyerapan", "belanja_kontraktual",
                  "penyelesaian_tagihan", "up_tup", "capaian_output")  # fmt: skip
INDIKATOR_2022 = (*INDIKATOR_2024[:6], "dispensasi_spm", "capaian_output")


def baris_datar(path: Path) -> list[dict[str, object]]:
    """Each satker row of a flat table by the positions of /work/shared/omspan/README.md: in
    the TA 2022 file everything from "Kualitas Hasil" on sits one column to the right."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data IKPA").to_python()
    out = []
    for r in rows[1:]:
        if "2022" in path.name:
            out.append({
                "kode": str(r[3]).lstrip("'"), "nama": r[4], "aspek": (r[5], r[6], None),
                "nilai": dict(zip(INDIKATOR_2022, r[8:16], strict=True)),
                "total": r[16], "konversi": r[17], "pengurang": None, "akhir": r[18],
            })  # fmt: skip
        else:
            out.append({
                "kode": str(r[3]).lstrip("'"), "nama": r[4], "aspek": (r[5], r[6], r[7]),
                "nilai": dict(zip(INDIKATOR_2024, r[8:15], strict=True)),
                "total": r[15], "konversi": r[16], "pengurang": r[17], "akhir": r[18],
            })  # fmt: skip
    return out


# -- the rule set of a year -----------------------------------------------------------------


def test_rule_set_of_each_fiscal_year():
    # RULES-2024-2026 section 1.1: TA 2023 still PER-5/PB/2022; PER-5/PB/2024 from TA 2024.
    assert [kode_ikpa_untuk_tahun(t, aturan_bawaan()) for t in (2022, 2023, 2024, 2025, 2026)] == [
        "2022",
        "2022",
        "2024",
        "2024",
        "2024",
    ]


# -- reproduction on the real tables (done-when: >= 98,5 % of rows) ----------------------------


@pytest.mark.parametrize(("path", "jumlah"), [(D2022, 69), (D2024, 67), (J2025, 68)])
def test_real_tables_are_reproduced(path, jumlah):
    hasil = periksa([path], A)
    assert len(hasil) == jumlah == len(baris_datar(path))
    cocok = [h for h in hasil if h.cocok]
    assert len(cocok) / len(hasil) >= 0.985, [h.ke_json() for h in hasil if not h.cocok]
    # Independently of the reader: every published value against the recomputed one.
    for h, d in zip(hasil, baris_datar(path), strict=True):
        assert h.baris.kode_satker == d["kode"]
        hit = h.dihitung()
        pasangan = [(hit["nilai_total"], d["total"]), (hit["nilai_akhir"], d["akhir"]),
                    (hit["konversi_bobot"], float(str(d["konversi"]).rstrip("%")))]  # fmt: skip
        pasangan += [
            (hit["aspek"][a], s) for a, s in zip(("perencanaan", "pelaksanaan", "hasil"), d["aspek"], strict=True)
        ]
        beda = [(x, y) for x, y in pasangan if y is not None and abs(x - y) > 0.01 + 1e-9]
        assert (beda == []) == h.cocok, (d["kode"], beda)


def test_all_three_tables_together_over_98_5_percent():
    hasil = periksa([D2022, D2024, J2025], A)
    assert len(hasil) == 204
    assert sum(h.cocok for h in hasil) / len(hasil) >= 0.985


def _satu(path: Path, kode: str):
    (h,) = [h for h in periksa([path], A) if h.baris.kode_satker == kode]
    return h


def test_hand_checked_2022_row_with_dispensasi_and_an_inapplicable_nonzero_indicator():
    # IKPA_DESEMBER_2022.xlsx, Kantor Kemenag Kab. OKU (418460), PER-5/PB/2022 weights:
    # Revisi 100, Deviasi 77.01, Penyerapan 93.16, Kontraktual 0, Tagihan 0, UP/TUP 50,
    # Dispensasi SPM 100, Capaian Output 100; published Konversi 70 %, Nilai Total 66.33,
    # Nilai Akhir 94.76, Perencanaan 88.51, Pelaksanaan 96.58.
    # 70 % leaves out 30 points: Kontraktual + Tagihan (20) and one more weight-10 indicator.
    # Only leaving out UP/TUP (value 50, not 0) gives the published total:
    #   total = (100*10 + 77.01*10 + 93.16*20 + 100*5 + 100*25) / 100
    #         = (1000 + 770.1 + 1863.2 + 500 + 2500) / 100 = 66.333 -> 66,33
    #   akhir = 66.333 / 0.70 = 94.7614 -> 94,76
    #   Perencanaan (100 + 77.01) / 2 = 88.505 -> 88,51; Pelaksanaan plain mean of the
    #   applicable Penyerapan and Dispensasi: (93.16 + 100) / 2 = 96.58.
    h = _satu(D2022, "418460")
    assert h.aturan == "2022" and h.cocok
    assert set(h.tidak_berlaku) == {"belanja_kontraktual", "penyelesaian_tagihan", "up_tup"}
    assert h.hasil.nilai_total == pytest.approx(66.333)
    assert h.hasil.konversi_bobot == 70
    assert h.hasil.nilai_akhir == pytest.approx(66.333 / 0.7)
    assert dua(h.hasil.nilai_akhir) == 94.76
    assert dua(h.hasil.aspek["perencanaan"]) == 88.51 and h.hasil.aspek["pelaksanaan"] == pytest.approx(96.58)
    # The dashboard's shift: Dispensasi sits under "Capaian Output", Capaian under "Nilai Total".
    assert h.baris.nilai["dispensasi_spm"] == 100 and h.baris.nilai["capaian_output"] == 100
    assert h.baris.nilai_total == 66.33 and h.baris.konversi_bobot == 70 and h.baris.nilai_akhir == 94.76
    assert h.baris.aspek == {"perencanaan": 88.51, "pelaksanaan": 96.58, "hasil": None}
    assert h.baris.pengurang is None


def test_hand_checked_2024_row_with_a_deduction_and_an_applicable_zero():
    # IKPA_DESEMBER_2024.xlsx, KPU Kab. OKU Timur (656560), PER-5/PB/2024 weights
    # 10/15/20/10/10/10/25: Revisi 100, Deviasi 54.62, Penyerapan 99.96, Kontraktual 100,
    # Tagihan 100, UP/TUP 99.16, Capaian Output 0; Konversi 100 %, Dispensasi (pengurang) 1;
    # published Total 68.1, Akhir 67.1, Perencanaan 77.31, Pelaksanaan 99.78, Hasil 0.
    # Konversi 100 %: the 0 of Capaian Output is a real score, not "not applicable".
    #   total = (1000 + 819.3 + 1999.2 + 1000 + 1000 + 991.6 + 0) / 100 = 68.101 -> 68,10
    #   akhir = 68.101 / 1.00 - 1 = 67.101 -> 67,10 (the deduction after re-scaling)
    #   Perencanaan (100 + 54.62) / 2 = 77.31; Pelaksanaan (99.96 + 100 + 100 + 99.16) / 4 = 99.78
    h = _satu(D2024, "656560")
    assert h.aturan == "2024" and h.cocok and h.tidak_berlaku == ()
    assert h.baris.pengurang == 1
    assert h.hasil.nilai_total == pytest.approx(68.101)
    assert h.hasil.nilai_akhir == pytest.approx(67.101)
    assert h.hasil.aspek["perencanaan"] == pytest.approx(77.31)
    assert h.hasil.aspek["pelaksanaan"] == pytest.approx(99.78)
    assert h.hasil.aspek["hasil"] == 0
    assert h.hasil.predikat == "Kurang"


def test_hand_checked_2025_row_where_only_the_total_tells_which_zero_applies():
    # IKPA_JUNI_2025.xlsx, Disnakertrans Kab. OKU Timur (691653): Revisi 100, Deviasi 0,
    # Penyerapan 50, Kontraktual 0, Tagihan 0, UP/TUP 0, Capaian Output 0; Konversi 70 %;
    # published Total 20, Akhir 28.57, Perencanaan 50, Pelaksanaan 50, Hasil 0.
    # 30 points are out: Kontraktual, Tagihan, UP/TUP. Total (1000 + 0 + 1000 + 0) / 100 = 20;
    # akhir 20 / 0.7 = 28.571 -> 28,57; Perencanaan (100 + 0) / 2 = 50 (Deviasi's 0 counts).
    h = _satu(J2025, "691653")
    assert h.cocok and set(h.tidak_berlaku) == {"belanja_kontraktual", "penyelesaian_tagihan", "up_tup"}
    assert h.hasil.nilai_akhir == pytest.approx(20 / 0.7)
    assert h.hasil.aspek == {"perencanaan": 50, "pelaksanaan": 50, "hasil": 0}


def test_a_zero_is_not_by_itself_not_applicable():
    # Treating every exported 0 as "not applicable" fails on rows the Konversi Bobot explains.
    from lakip_xl.compute.skor import KomponenMasukan, hitung_ikpa

    h = _satu(D2024, "656560")
    nol = [KomponenMasukan(k, v, v != 0) for k, v in h.baris.nilai.items()]
    salah = hitung_ikpa(nol, A.set_ikpa("2024"), pengurang=1)
    assert salah.konversi_bobot == 75 and dua(salah.nilai_akhir) != 67.1


def test_weighted_aspects_would_not_reproduce_the_tables():
    # Where plain and weighted means differ, OM-SPAN shows the plain mean.
    h = _satu(D2024, "656574")
    # (100*10 + 55.87*15) / 25 = 73.522: the published Perencanaan is 77.94 = (100 + 55.87) / 2.
    assert h.baris.aspek["perencanaan"] == 77.94 and dua(h.hasil.aspek["perencanaan"]) == 77.94


# -- the layouts ------------------------------------------------------------------------------


def _ekspor(path: Path, baris: list[dict[str, object]], judul: str, tahun_2022: bool) -> Path:
    """OM-SPAN's own export layout built from real flat rows: title rows, two header rows (the
    aspect groups over their indicators), then four rows per satker (Nilai, Bobot, Nilai Akhir,
    Nilai Aspek), satker columns merged over the block, aspect values merged over the aspect."""
    ind = INDIKATOR_2022 if tahun_2022 else INDIKATOR_2024
    nama = {"revisi_dipa": "Revisi DIPA", "deviasi_halaman_iii": "Deviasi Halaman III DIPA",
            "penyerapan": "Penyerapan Anggaran", "belanja_kontraktual": "Belanja Kontraktual",
            "penyelesaian_tagihan": "Penyelesaian Tagihan", "up_tup": "Pengelolaan UP dan TUP",
            "dispensasi_spm": "Dispensasi SPM", "capaian_output": "Capaian Output"}  # fmt: skip
    bobot = {i.kode: i.bobot for i in A.set_ikpa("2022" if tahun_2022 else "2024").indikator}
    kelompok = (("Kualitas Perencanaan Anggaran", 2), ("Kualitas Pelaksanaan Anggaran", len(ind) - 3),
                ("Kualitas Hasil Pelaksanaan Anggaran", 1))  # fmt: skip
    akhir = ["Nilai Total", "Konversi Bobot", *([] if tahun_2022 else ["Dispensasi SPM (Pengurang)"]),
             "Nilai Akhir (Nilai Total/Konversi Bobot)"]  # fmt: skip
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("IKPA Satker")
    lebar = 6 + len(ind) + len(akhir)
    ws.merge_range(0, 0, 0, lebar - 1, "MONITORING INDIKATOR KINERJA PELAKSANAAN ANGGARAN (IKPA) SATKER")
    ws.merge_range(1, 0, 1, lebar - 1, judul)
    for c, t in enumerate(("No", "Kode KPPN", "Kode BA", "Kode Satker", "Uraian Satker", "Keterangan")):
        ws.merge_range(2, c, 3, c, t)
    c = 6
    for t, n in kelompok:
        if n > 1:
            ws.merge_range(2, c, 2, c + n - 1, t)
        else:
            ws.write(2, c, t)
        c += n
    for j, k in enumerate(ind):
        ws.write(3, 6 + j, nama[k])
    for j, t in enumerate(akhir):
        ws.merge_range(2, 6 + len(ind) + j, 3, 6 + len(ind) + j, t)
    r = 4
    for no, d in enumerate(baris, 1):
        for c, v in enumerate((no, "109", "'025", d["kode"], d["nama"])):
            ws.merge_range(r, c, r + 3, c, v)
        for j, label in enumerate(("Nilai", "Bobot", "Nilai Akhir", "Nilai Aspek")):
            ws.write(r + j, 5, label)
        nilai = d["nilai"]
        for j, k in enumerate(ind):
            ws.write(r, 6 + j, nilai[k])
            ws.write(r + 1, 6 + j, bobot[k])
            ws.write(r + 2, 6 + j, nilai[k] * bobot[k] / 100)
        ujung = [d["total"], d["konversi"], *([] if tahun_2022 else [d["pengurang"]]), d["akhir"]]
        for j, v in enumerate(ujung):
            ws.write(r, 6 + len(ind) + j, v)
        c = 6
        for (_, n), v in zip(kelompok, d["aspek"], strict=True):
            if v is None:
                pass
            elif n > 1:
                ws.merge_range(r + 3, c, r + 3, c + n - 1, v)
            else:
                ws.write(r + 3, c, v)
            c += n
        r += 4
    wb.close()
    return path


def _tanpa_asal(x: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in x.items() if k not in ("berkas", "baris")}


@pytest.mark.parametrize(
    ("datar", "judul", "tahun_2022"),
    [(D2024, "KPPN 109 BATURAJA - PERIODE DESEMBER 2024", False), (D2022, "KPPN 109 BATURAJA - DESEMBER 2022", True)],
)
def test_omspan_export_layout_gives_the_same_rows(tmp_path, datar, judul, tahun_2022):
    ekspor = _ekspor(tmp_path / "ekspor.xlsx", baris_datar(datar), judul, tahun_2022)
    dari_ekspor, dari_datar = periksa([ekspor], A), periksa([datar], A)
    assert len(dari_ekspor) == len(dari_datar) and sum(h.cocok for h in dari_ekspor) / len(dari_ekspor) >= 0.985
    for e, d in zip(dari_ekspor, dari_datar, strict=True):
        assert _tanpa_asal(e.ke_json()) == _tanpa_asal(d.ke_json())
    pertama = dari_ekspor[0].baris
    assert pertama.baris == 5 and pertama.bulan == "DESEMBER" and pertama.kode_kppn == "109"


def test_export_without_a_year_is_refused(tmp_path):
    ekspor = _ekspor(tmp_path / "ekspor.xlsx", baris_datar(D2024)[:2], "KPPN BATURAJA", False)
    r = cli("periksa-ikpa", ekspor)
    assert r.returncode == 2 and "tahun anggaran tidak ditemukan" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_unknown_layouts_exit_2_naming_what_is_missing(tmp_path):
    lain = tmp_path / "lain.xlsx"
    wb = xlsxwriter.Workbook(str(lain))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["Kode Satker", "Uraian Satker", "Revisi DIPA", "Nilai Total"])
    ws.write_row(1, 0, ["401944", "PA", 100, 100])
    wb.close()
    tanpa_persen = tmp_path / "tanpa_persen.xlsx"
    wb = xlsxwriter.Workbook(str(tanpa_persen))
    ws = wb.add_worksheet("Data IKPA")
    rows = CalamineWorkbook.from_path(str(D2024)).get_sheet_by_name("Data IKPA").to_python()
    for i, row in enumerate(rows[:4]):
        ws.write_row(i, 0, [x if not (isinstance(x, str) and x.endswith("%")) else 80 for x in row])
    wb.close()
    tanpa_judul = tmp_path / "tanpa_judul.xlsx"
    wb = xlsxwriter.Workbook(str(tanpa_judul))
    wb.add_worksheet().write(0, 0, "Rekap IKPA")
    wb.close()
    for path, pesan in (
        (lain, "kolom Konversi Bobot, Nilai Akhir, Deviasi Halaman III DIPA, Penyerapan Anggaran"),
        (tanpa_persen, "Konversi Bobot (teks persen"),
        (tanpa_judul, "tidak ada lembar dengan judul kolom 'Kode Satker'"),
        (contoh_path(), "bukan tabel Excel"),
        (tmp_path / "tidak_ada.xlsx", "tidak ditemukan"),
    ):
        r = cli("periksa-ikpa", path)
        assert r.returncode == 2, (path, r.stdout)
        assert pesan in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


# -- periksa-ikpa ---------------------------------------------------------------------------


def test_periksa_ikpa_json(tmp_path):
    r = cli("periksa-ikpa", D2022, D2024, J2025, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert len(d) == 204
    (pa,) = [x for x in d if x["kode_satker"] == "401944" and x["tahun"] == 2025]
    # IKPA_JUNI_2025.xlsx, PA Martapura (401944): every indicator 100, Konversi 100 %.
    assert pa["tahun"] == 2025 and pa["bulan"] == "JUNI" and pa["selisih"] == []
    assert pa["dinyatakan"] == {
        "aspek": {"perencanaan": 100.0, "pelaksanaan": 100.0, "hasil": 100.0},
        "nilai_total": 100.0, "konversi_bobot": 100.0, "nilai_akhir": 100.0, "predikat": None,
    }  # fmt: skip
    assert pa["dihitung"] == {**pa["dinyatakan"], "predikat": "Sangat Baik"}
    # A TA 2022 row: the table has no Hasil aspect (the shift), so it stays null.
    (kemenag,) = [x for x in d if x["kode_satker"] == "418456" and x["tahun"] == 2022]
    assert kemenag["dinyatakan"]["aspek"]["hasil"] is None and kemenag["dihitung"]["aspek"]["hasil"] == 100.0
    assert kemenag["dinyatakan"]["nilai_akhir"] == 99.03 and kemenag["dihitung"]["nilai_akhir"] == 99.03


def test_periksa_ikpa_lists_rows_that_differ(tmp_path):
    # A copy of a flat 2024 table with one published Nilai Akhir changed by 0,02 (beyond +-0,01)
    # and one by 0,01 (within): only the first is listed.
    rows = CalamineWorkbook.from_path(str(D2024)).get_sheet_by_name("Data IKPA").to_python()
    salah = tmp_path / "IKPA_DESEMBER_2024.xlsx"
    wb = xlsxwriter.Workbook(str(salah))
    ws = wb.add_worksheet("Data IKPA")
    for i, row in enumerate(rows):
        row = list(row)
        if row[3] == "656574":
            row[18] = 90.82  # published 90.8
        if row[3] == "656560":
            row[18] = 67.11  # published 67.1
        ws.write_row(i, 0, row)
    wb.close()
    r = cli("periksa-ikpa", salah)
    assert r.returncode == 0, r.stderr
    assert "66 dari 67 baris cocok, 1 berbeda" in r.stdout
    assert "656574" in r.stdout and "90,82" in r.stdout and "90,80" in r.stdout and "656560" not in r.stdout
    d = json.loads(cli("periksa-ikpa", salah, "--json").stdout)
    (x,) = [x for x in d if x["selisih"]]
    assert x["kode_satker"] == "656574"
    assert x["selisih"] == [{"kunci": "nilai_akhir", "dihitung": 90.8, "dinyatakan": 90.82}]


def test_periksa_ikpa_summary():
    r = cli("periksa-ikpa", D2022, D2024, J2025)
    assert r.returncode == 0, r.stderr
    assert "Semua 204 baris cocok" in r.stdout
    for nama in ("IKPA_DESEMBER_2022.xlsx", "IKPA_DESEMBER_2024.xlsx", "IKPA_JUNI_2025.xlsx"):
        assert nama in r.stdout


# -- impor-ikpa -----------------------------------------------------------------------------


def _contoh_2024(tmp_path: Path) -> Path:
    d = json.loads(contoh_path().read_text("utf-8"))
    d["profil"]["tahun"] = 2024
    p = tmp_path / "contoh_2024.json"
    p.write_text(json.dumps(d, ensure_ascii=False), "utf-8")
    return p


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("akhiran", [".json", ".xlsm"])
def test_impor_ikpa_of_a_2024_row_with_a_deduction(tmp_path, akhiran):
    sumber = _contoh_2024(tmp_path)
    sebelum = _sha(sumber), _sha(D2024)
    baru = tmp_path / f"baru{akhiran}"
    r = cli("impor-ikpa", D2024, "--satker", "656574", sumber, "-o", baru)
    assert r.returncode == 0, r.stderr
    assert (_sha(sumber), _sha(D2024)) == sebelum  # inputs untouched
    dok = buka(baru)
    ik, h = dok.lakip.ikpa, dok.hasil.ikpa
    assert ik.aturan == "2024" and ik.periode == "Desember 2024" and ik.pengurang_dispensasi == 1
    assert {k.kode: (k.nilai, k.berlaku) for k in ik.komponen} == {
        "revisi_dipa": (100, True), "deviasi_halaman_iii": (55.87, True), "penyerapan": (99.92, True),
        "belanja_kontraktual": (100, True), "penyelesaian_tagihan": (100, True), "up_tup": (84.39, True),
        "capaian_output": (100, True),
    }  # fmt: skip
    # OM-SPAN's published values for KPU Kab. OKU Selatan (656574), December 2024.
    terbit = {"nilai_total": 91.8, "konversi_bobot": 100, "nilai_akhir": 90.8,
              "perencanaan": 77.94, "pelaksanaan": 96.08, "hasil": 100}  # fmt: skip
    assert (ik.nilai_total_dinyatakan, ik.konversi_bobot_dinyatakan, ik.nilai_akhir_dinyatakan) == (91.8, 100, 90.8)
    assert (ik.perencanaan_dinyatakan, ik.pelaksanaan_dinyatakan, ik.hasil_dinyatakan) == (77.94, 96.08, 100)
    dihitung = {
        "nilai_total": h.nilai_total,
        "konversi_bobot": h.konversi_bobot,
        "nilai_akhir": h.nilai_akhir,
        **h.aspek,
    }
    for k, v in terbit.items():
        assert abs(dua(dihitung[k]) - v) <= 0.01, k
    assert h.predikat == "Baik"
    # Every OM-SPAN figure agrees, so no finding on them (the example's paragraph still says 98,54).
    beda = [t.jalur for t in dok.temuan if t.kode == "DINYATAKAN_BERBEDA" and t.jalur[0] == "ikpa"]
    assert beda == [("ikpa", "disebut", 0, "nilai")]
    assert "nilai akhir 90,80 (Baik), OM-SPAN 90,80" in r.stdout


def test_impor_ikpa_applicability_and_a_difference_that_becomes_a_finding(tmp_path):
    # Kejaksaan Negeri OKU Selatan (007208), December 2024: Konversi 80 %, Kontraktual and
    # Tagihan exported as 0. Revisi 100, Deviasi 71.36, Penyerapan 99.74, UP/TUP 100,
    # Capaian Output 40, no deduction; published Total 60.65, Akhir 75.81.
    #   total = (1000 + 1070.4 + 1994.8 + 1000 + 1000) / 100 = 60.652 -> 60,65
    #   akhir = 60.652 / 0.80 = 75.815 -> 75,82 half-up from the shown values, while OM-SPAN
    #   (from its unrounded indicator values) shows 75,81: within OM-SPAN's 0,01, not a finding.
    sumber = _contoh_2024(tmp_path)
    baru = tmp_path / "baru.json"
    r = cli("impor-ikpa", D2024, "--satker", "007208", "--bulan", "Desember", sumber, "-o", baru)
    assert r.returncode == 0, r.stderr
    dok = buka(baru)
    berlaku = {k.kode: k.berlaku for k in dok.lakip.ikpa.komponen}
    assert [k for k, b in berlaku.items() if not b] == ["belanja_kontraktual", "penyelesaian_tagihan"]
    h = dok.hasil.ikpa
    assert h.konversi_bobot == 80 and h.nilai_total == pytest.approx(60.652)
    assert h.nilai_akhir == pytest.approx(75.815) and dua(h.nilai_akhir) == 75.82
    beda = {t.jalur for t in dok.temuan if t.kode == "DINYATAKAN_BERBEDA"}
    assert ("ikpa", "nilai_akhir_dinyatakan") not in beda and ("ikpa", "nilai_total_dinyatakan") not in beda
    assert dok.lakip.ikpa.nilai_akhir_dinyatakan == 75.81  # OM-SPAN's own value kept as stated
    assert "Nilai akhir IKPA dinyatakan" not in r.stdout


def test_impor_ikpa_refusals(tmp_path):
    sumber = _contoh_2024(tmp_path)
    sebelum = _sha(sumber)
    ada = tmp_path / "ada.json"
    ada.write_text("{}")
    for args, pesan in (
        (("--satker", "656574", sumber, "-o", sumber), "sama dengan berkas masukan"),
        (("--satker", "656574", sumber, "-o", tmp_path / "baru.docx"), "harus berakhiran .xlsm"),
        (("--satker", "123456", sumber, "-o", tmp_path / "baru.json"), "Satker 123456 tidak ada"),
        (("--satker", "656574", "--bulan", "Juni", sumber, "-o", tmp_path / "baru.json"),
         "bulan yang tersedia: DESEMBER"),
        (("--satker", "656574", sumber, "-o", ada), "sudah ada"),
    ):  # fmt: skip
        r = cli("impor-ikpa", D2024, *args)
        assert r.returncode == 2, (args, r.stdout)
        assert pesan in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert _sha(sumber) == sebelum and ada.read_text() == "{}"
    assert not (tmp_path / "baru.json").exists()


def test_impor_ikpa_of_a_2022_row_keeps_dispensasi_as_an_indicator(tmp_path):
    # 418460 (see above): the applicability derived from Konversi 70 % goes into the data.
    d = json.loads(contoh_path().read_text("utf-8"))
    sumber = tmp_path / "c.json"
    sumber.write_text(json.dumps(d, ensure_ascii=False), "utf-8")
    baru = tmp_path / "b.json"
    r = cli("impor-ikpa", D2022, "--satker", "418460", sumber, "-o", baru)
    assert r.returncode == 0, r.stderr
    dok = buka(baru)
    ik = dok.lakip.ikpa
    assert ik.aturan == "2022" and ik.pengurang_dispensasi is None and ik.hasil_dinyatakan is None
    assert {k.kode: k.berlaku for k in ik.komponen}["dispensasi_spm"] is True
    assert dua(dok.hasil.ikpa.nilai_akhir) == 94.76 and dua(dok.hasil.ikpa.aspek["pelaksanaan"]) == 96.58
    assert not [
        t for t in dok.temuan if t.kode == "DINYATAKAN_BERBEDA" and t.jalur[0] == "ikpa" and t.jalur[1] != "disebut"
    ]


# -- workbook formulas on imported rows (LibreOffice) -----------------------------------------


def test_workbook_formulas_reproduce_omspan_rows(tmp_path, lo):
    """Workbooks filled from real rows (plain-mean aspects that differ from the weighted ones,
    the 2024 deduction, an inapplicable indicator valued 50, applicable zeros): LibreOffice's
    recalculation equals the engine cell by cell, and the named results equal OM-SPAN's
    published values within +-0,01."""
    import dataclasses

    from lakip_xl.buku_kerja.baca import baca_buku_kerja
    from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
    from lakip_xl.model import KomponenIkpa
    from lakip_xl.office import konversi
    from lakip_xl.omspan import impor_ke_lakip, pilih_baris
    from lakip_xl.schema.data import baca_json

    from alat.banding import banding

    lakip, _ = baca_json(contoh_path())
    paths, terbit = [], []
    for i, (tabel, kode) in enumerate([(D2024, "656574"), (D2024, "656560"), (D2022, "418460"), (J2025, "691653")]):
        b = pilih_baris(baca_tabel(tabel), kode, None, tabel.name)
        baru, _ = impor_ke_lakip(lakip, b, A)
        paths.append(bangun_buku_kerja(baru, tmp_path / f"omspan_{i}.xlsm", aturan=A))
        terbit.append(b)
    # The predicate of a value on the band: 10*1 + 15*1 + 20*0.9096 + 10 + 10 + 10*0.6803 + 25
    # = 94.995 exactly, which binary floating point sums to 94.99499999999999; shown 95,00 by
    # ROUND, so Sangat Baik in the workbook and in the engine alike.
    batas = dataclasses.replace(lakip, ikpa=dataclasses.replace(lakip.ikpa, aturan="2024", pengurang_dispensasi=0.0, komponen=[
        KomponenIkpa(k, v) for k, v in zip(INDIKATOR_2024, (100, 100, 90.96, 100, 100, 68.03, 100), strict=True)
    ]))  # fmt: skip
    paths.append(bangun_buku_kerja(batas, tmp_path / "batas.xlsm", aturan=A))
    hasil = konversi(paths, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    for asli, dihitung in zip(paths, hasil, strict=True):
        _, salah = banding(asli, dihitung)
        assert salah == [], (asli.name, salah[:5])
    for asli, dihitung, b in zip(paths[:-1], hasil[:-1], terbit, strict=True):
        nilai = _nama(dihitung, baca_buku_kerja(asli).tata)
        for nama, v in (("NilaiTotalIKPA", b.nilai_total), ("NilaiAkhirIKPA", b.nilai_akhir),
                        ("KonversiBobotIKPA", b.konversi_bobot), ("AspekPerencanaanIKPA", b.aspek["perencanaan"]),
                        ("AspekPelaksanaanIKPA", b.aspek["pelaksanaan"]), ("AspekHasilIKPA", b.aspek["hasil"])):  # fmt: skip
            if v is not None:
                assert abs(dua(nilai[nama]) - v) <= 0.01, (dihitung.name, nama, nilai[nama], v)
    nilai = _nama(hasil[-1], baca_buku_kerja(paths[-1]).tata)
    assert nilai["PredikatIKPA"] == "Sangat Baik" and dua(nilai["NilaiAkhirIKPA"]) == 95.0


def _nama(path: Path, tata) -> dict[str, object]:
    """The value of every named single cell of a (recalculated) workbook."""
    cal = CalamineWorkbook.from_path(str(path))
    lembar: dict[str, list[list[object]]] = {}
    out = {}
    for nama, (ws, r, c) in tata.sel.items():
        rows = lembar.setdefault(ws, cal.get_sheet_by_name(ws).to_python(skip_empty_area=False))
        out[nama] = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
    return out
