"""The master workbook: fresh builds, LibreOffice recalculation, reading back, bad files."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from xlsxwriter.utility import xl_rowcol_to_cell

from lakip_xl.buku_kerja import skema as S
from lakip_xl.buku_kerja.baca import baca_buku_kerja
from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
from lakip_xl.buku_kerja.vba import TOMBOL, modul_vba, sumber_xlwings
from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.hasil import hitung
from lakip_xl.model import semua_kro, semua_output
from lakip_xl.office import konversi
from lakip_xl.schema.data import baca_json, contoh_path, ke_dict

from alat import jadikan_versi
from alat.banding import banding
from strategi import lakip as lakip_acak

ROOT = Path(__file__).parents[1]
MASTER = ROOT / "workbooks" / "LAKIP_Master.xlsm"
CONTOH = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"
LO_MAKRO = Path(__file__).parent / "alat" / "lo_makro.py"
KE_XLSX = "xlsx:Calc MS Excel 2007 XML"


def _contoh_model():
    lakip, _ = baca_json(contoh_path())
    return lakip


def _isi(path: Path) -> dict[str, object]:
    """Everything a fresh build must reproduce: values, formulas, defined names, VBA."""
    cal = CalamineWorkbook.from_path(str(path))
    nilai = {n: cal.get_sheet_by_name(n).to_python() for n in cal.sheet_names}
    wf = load_workbook(path, read_only=True)
    rumus = {ws.title: [[c for c in row] for row in ws.iter_rows(values_only=True)] for ws in wf.worksheets}
    nama = {k: v.attr_text for k, v in wf.defined_names.items()}
    wf.close()
    return {"nilai": nilai, "rumus": rumus, "nama": nama, "vba": modul_vba(path)}


@pytest.mark.parametrize(("path", "dengan_data"), [(MASTER, False), (CONTOH, True)])
def test_committed_workbook_equals_fresh_build(tmp_path, path, dengan_data):
    # Rebuild with: bash scripts/build-workbooks.sh
    baru = bangun_buku_kerja(_contoh_model() if dengan_data else None, tmp_path / path.name, aturan=aturan_bawaan())
    assert _isi(path) == _isi(baru)


def test_vba_is_xlwings_own_module_plus_ours():
    mods = modul_vba(CONTOH)
    bas, kamus = sumber_xlwings()
    assert mods["xlwings"] == bas  # byte for byte from the installed, pinned xlwings
    assert "xlwings64-0.37.8.dll" in mods["xlwings"]
    assert mods["Dictionary"].strip().endswith(kamus.strip().splitlines()[-1].strip())
    assert {f"Sheet{i + 1}" for i in range(len(S.LEMBAR))} <= set(mods)
    for t in TOMBOL:
        assert f"Public Sub {t.sub}()" in mods["LakipTombol"]


def test_every_button_names_an_existing_python_function():
    src = modul_vba(CONTOH)["LakipTombol"]
    dipanggil = re.findall(r'RunPython "import ([\w.]+) as m; m\.(\w+)\(\)"', src)
    assert len(dipanggil) == len(TOMBOL)
    for modul, fungsi in dipanggil:
        assert callable(getattr(importlib.import_module(modul), fungsi))


def test_sheets_and_names(tmp_path):
    wf = load_workbook(CONTOH, read_only=True)
    assert wf.sheetnames == list(S.LEMBAR)
    names = set(wf.defined_names)
    for n in ("NilaiAkhirIKPA", "NilaiNKA", "PenyerapanTotal", "PaguTotal", "RealisasiTotal", "PredikatIKPA"):
        assert n in names
    assert wf["_meta"].sheet_state == "hidden"
    wf.close()


def test_lo_recalculates_at_all(tmp_path, lo):
    """Guard for the harness: a cached value that is wrong must be replaced by LibreOffice."""
    import xlsxwriter

    p = tmp_path / "rc.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    wb.add_worksheet().write_formula("A1", "=1+1", None, 99)
    wb.close()
    (out,) = konversi([p], KE_XLSX, tmp_path / "out")
    assert CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python() == [[2.0]]


def test_committed_workbooks_recalculate_in_libreoffice(tmp_path, lo):
    hasil = konversi([MASTER, CONTOH], KE_XLSX, tmp_path / "lo")
    for asli, dihitung in zip([MASTER, CONTOH], hasil, strict=True):
        n, salah = banding(asli, dihitung)
        assert n > 300, n
        assert salah == [], salah[:10]


def test_random_workbooks_recalculate_in_libreoffice(tmp_path, lo):
    """50 generated data sets (fixed seed, so CI is repeatable): every formula cell of each
    workbook, recalculated by LibreOffice, equals the Python engine's value."""
    paths: list[Path] = []

    @settings(max_examples=50, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(lakip_acak())
    def bangun(data):
        p = bangun_buku_kerja(data, tmp_path / f"acak_{len(paths):02d}.xlsm", aturan=aturan_bawaan())
        (tmp_path / f"acak_{len(paths):02d}.json").write_text(json.dumps(ke_dict(data), ensure_ascii=False))
        paths.append(p)

    bangun()
    assert len(paths) == 50
    # Range targets of every polarity, inside and outside, under both negative formulas, are
    # always checked too (generated data alone depends on the hash seed's iteration order).
    for rumus in ("2t-r", "t/r"):
        x = _contoh_model()
        for ind, (pol, r) in zip(
            x.indikator,
            [("positif", 70), ("positif", 85), ("negatif", 25), ("negatif", 15), ("negatif", 5), ("rentang", 25)],
            strict=False,
        ):
            ind.polaritas, ind.target, ind.target_atas = (
                pol,
                (80 if pol == "positif" else 10),
                (90 if pol == "positif" else 20),
            )
            ind.realisasi_tw, ind.realisasi = [None] * 4, r
        x.pengaturan.rumus_negatif = rumus
        paths.append(bangun_buku_kerja(x, tmp_path / f"rentang_{rumus.replace('/', '')}.xlsm", aturan=aturan_bawaan()))
    ragam = [baca_buku_kerja(p).lakip for p in paths]
    assert sum(len(x.indikator) for x in ragam[:50]) > 50  # not 50 minimal examples
    pilihan = {x.ikpa.aturan for x in ragam}
    assert "" in pilihan and pilihan - {""}  # by fiscal year, and chosen
    dihitung_dengan = {
        (h.aturan_ikpa, h.nka.rezim) for h in (hitung(x, aturan_bawaan()) for x in ragam) if h.ikpa is not None
    }
    assert {a for a, _ in dihitung_dengan} == {"2021", "2022", "2024"}  # every IKPA rule set checked
    assert {r for _, r in dihitung_dengan} == {"pmk22_2021", "pmk62_2023"}  # both NKA regimes checked
    # Range targets occur with every polarity, realisations inside and outside them, and negative
    # ranges under both negative formulas.
    kasus = set()
    for x in ragam:
        for ind, h in zip(x.indikator, hitung(x, aturan_bawaan()).indikator, strict=True):
            if None in (ind.target, ind.target_atas, h.realisasi) or ind.target_atas == ind.target:
                continue
            lo_, hi_ = sorted((ind.target, ind.target_atas))
            kasus.add((ind.polaritas, "dalam" if lo_ <= h.realisasi <= hi_ else "luar"))
            if ind.polaritas == "negatif" and not lo_ <= h.realisasi <= hi_:
                kasus.add(("negatif luar", x.pengaturan.rumus_negatif))
    assert kasus >= {(p, w) for p in ("positif", "negatif") for w in ("dalam", "luar")}, kasus
    assert any(p == "rentang" for p, _ in kasus), kasus  # the old polarity value still occurs
    assert kasus >= {("negatif luar", "2t-r"), ("negatif luar", "t/r")}, kasus
    hasil = konversi(paths, KE_XLSX, tmp_path / "lo")
    for asli, dihitung in zip(paths, hasil, strict=True):
        _, salah = banding(asli, dihitung)
        assert salah == [], (str(asli), salah[:10])


# Range targets (PermenPANRB 6/2022), computed by hand: (polaritas, target, target_atas,
# realisasi, capaian before the cap). Inside the range 100; outside, the polarity's own formula
# against the nearer bound.
_RENTANG_2T_R = [
    ("positif", 80, 90, 70, 87.5),  # 70 / 80 * 100
    ("positif", 80, 90, 85, 100.0),
    ("positif", 80, 90, 80, 100.0),  # a bound belongs to the range
    ("positif", 80, 90, 95, 105.55555555555556),  # 95 / 90 * 100
    ("positif", 90, 80, 70, 87.5),  # bounds typed the other way round
    ("negatif", 10, 20, 25, 75.0),  # (2*20 - 25) / 20 * 100
    ("negatif", 10, 20, 5, 150.0),  # (2*10 - 5) / 10 * 100
    ("negatif", 10, 20, 20, 100.0),
    ("negatif", 0, 5, 6, 80.0),  # a zero lower bound: (2*5 - 6) / 5 * 100
    ("negatif", 0, 5, 0, 100.0),
    ("negatif", 0, None, 3, None),  # a zero single target: blank
    ("negatif", 20, None, 15, 125.0),  # single target: (40 - 15) / 20 * 100
    ("positif", 3.25, None, 1.63, 50.15384615384615),  # 1.63 / 3.25 * 100
    ("rentang", 2, 4, 5, 75.0),  # old polarity, above: (2*4 - 5) / 4 * 100
    ("rentang", 2, 4, 1, 50.0),  # old polarity, below: 1 / 2 * 100
    ("rentang", 2, 4, 3, 100.0),
]
_RENTANG_T_R = [
    ("negatif", 10, 20, 25, 80.0),  # 20 / 25 * 100
    ("negatif", 10, 20, 5, 200.0),  # 10 / 5 * 100
    ("negatif", 10, 20, 12.5, 100.0),
    ("negatif", 20, None, 25, 80.0),  # single target: 20 / 25 * 100
    ("rentang", 2, 4, 5, 75.0),  # the old polarity keeps 2t-r above the range
    ("positif", 80, 90, 95, 105.55555555555556),  # capped to 100 below (BatasCapaianIndikator 100)
    ("positif", 80, 90, 70, 87.5),
]


@pytest.mark.parametrize(("rumus", "batas", "kasus"), [("2t-r", None, _RENTANG_2T_R), ("t/r", 100.0, _RENTANG_T_R)])
def test_range_targets_in_libreoffice(tmp_path, lo, rumus, batas, kasus):
    """The workbook's formulas, recalculated by LibreOffice, the engine and the UDF all give the
    hand-computed capaian of each range-target case."""
    from lakip_xl.doors import udf
    from lakip_xl.model import Indikator, Lakip, Pengaturan, Profil

    data = Lakip(
        profil=Profil(nama="Uji Rentang", tahun=2024),
        indikator=[
            Indikator(
                kode=f"R-{i + 1}", nama=f"Indikator {i + 1}", polaritas=pol, target=t, target_atas=ta, realisasi=r
            )
            for i, (pol, t, ta, r, _) in enumerate(kasus)
        ],
        pengaturan=Pengaturan(rumus_negatif=rumus, batas_capaian_indikator=batas),
    )
    p = bangun_buku_kerja(data, tmp_path / "rentang.xlsm", aturan=aturan_bawaan())
    (dihitung,) = konversi([p], KE_XLSX, tmp_path / "lo")
    _, salah = banding(p, dihitung)
    assert salah == [], salah[:10]
    cal = CalamineWorkbook.from_path(str(dihitung))
    tata = baca_buku_kerja(p).tata
    ind, real = tata.posisi["Indikator"], tata.posisi["Realisasi"]

    def sel(pos, kunci, i):
        g = cal.get_sheet_by_name(pos.lembar).to_python(skip_empty_area=False)
        return g[pos.awal + i][pos.kolom(kunci)]

    mesin = hitung(data, aturan_bawaan()).indikator
    for i, (pol, t, ta, r, mentah) in enumerate(kasus):
        dibatasi = None if mentah is None else (min(mentah, batas) if batas is not None else mentah)
        lo_mentah, lo_capaian = sel(real, "capaian_mentah", i), sel(real, "capaian", i)
        for dapat, harap in ((lo_mentah, mentah), (lo_capaian, dibatasi), (mesin[i].capaian, dibatasi)):
            if harap is None:
                assert dapat in ("", None), (i, dapat)
            else:
                assert dapat == pytest.approx(harap, rel=1e-12), (i, pol, t, ta, r)
        args = (sel(ind, "target", i), sel(real, "realisasi_periode", i), sel(ind, "polaritas", i), batas,
                sel(ind, "target_atas", i), rumus)  # fmt: skip
        assert udf.LAKIP_CAPAIAN(*args) == ("" if dibatasi is None else pytest.approx(dibatasi, rel=1e-12)), i


def test_example_round_trip(tmp_path, contoh):
    path = bangun_buku_kerja(contoh, tmp_path / "c.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(path)
    assert bk.temuan == []
    assert ke_dict(bk.lakip) == ke_dict(contoh)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(lakip_acak())
def test_random_round_trip(tmp_path_factory, data):
    path = bangun_buku_kerja(data, tmp_path_factory.mktemp("rt") / "r.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(path)
    assert [t for t in bk.temuan if t.kode != "ATURAN_DIUBAH"] == []
    assert ke_dict(bk.lakip) == ke_dict(data)


def _ubah(src: Path, tujuan: Path, ubah) -> Path:
    """A copy with cells changed by openpyxl (test data only: openpyxl is never used on user files)."""
    wb = load_workbook(src, keep_vba=True)
    ubah(wb)
    wb.save(tujuan)
    return tujuan


def _sel_nama(nama: str) -> tuple[str, str]:
    wf = load_workbook(CONTOH, read_only=True)
    lembar, sel = wf.defined_names[nama].attr_text.split("!")
    wf.close()
    return lembar.strip("'"), sel.replace("$", "")


def test_reader_findings_name_sheet_and_cell(tmp_path):
    # RO rows start after the Program, Kegiatan and KRO tables; find the first RO's row by reading.
    bk = baca_buku_kerja(CONTOH)
    p = bk.tata.posisi["Output"]
    pagu = p.sel("pagu", 0)  # KEG1.BAA.001 pagu
    real = p.sel("realisasi", 1)  # KEG1.BAA.002 realisasi
    rumus = p.sel("penyerapan", 2)  # a formula cell
    ikpa = bk.tata.posisi["IkpaKomponen"].sel("nilai", 1)
    induk = bk.tata.posisi["Kro"].sel("kegiatan", 7)  # the last KRO, KEG2.EBD
    kro_ro = p.sel("kro", 12)  # RO KEG2.EBB.971

    def ubah(wb):
        wb["Output"][induk] = "9999"  # a kegiatan code that does not exist
        wb["Output"][kro_ro] = "EBX"  # the kegiatan exists, this KRO under it does not
        wb["Output"][pagu] = "195.193.000"  # Indonesian text: read, with a warning
        wb["Output"][real] = "empat ratus"  # unreadable
        wb["Output"][rumus] = 57.29  # a formula overwritten by a constant
        wb["IKPA"][ikpa] = "75,75"

    path = _ubah(CONTOH, tmp_path / "ubah.xlsm", ubah)
    bk2 = baca_buku_kerja(path)
    by = {(t.kode, t.lokasi): t for t in bk2.temuan}
    # Galat in a workbook: its own formulas cannot sum text (a warning in JSON, test_validasi).
    assert by[("ANGKA_SEBAGAI_TEKS", f"Output!{pagu}")].tingkat == "galat"
    assert by[("ANGKA_TIDAK_VALID", f"Output!{real}")].tingkat == "galat"
    assert by[("RUMUS_DITIMPA", f"Output!{rumus}")].tingkat == "galat"
    assert ("ANGKA_SEBAGAI_TEKS", f"IKPA!{ikpa}") in by
    assert "9999" in by[("INDUK_TIDAK_ADA", f"Output!{induk}")].pesan
    assert "KEG2.EBX" in by[("INDUK_TIDAK_ADA", f"Output!{kro_ro}")].pesan
    # The orphaned KRO is not counted, nor its three ROs (their KRO is gone), nor the moved RO.
    assert len(semua_kro(bk2.lakip)) == 7
    assert len(semua_output(bk2.lakip)) == 18 - 3 - 1
    out = bk2.lakip.anggaran.program[0].kegiatan[0].kro[0].output
    assert out[0].pagu == 195193000
    assert out[1].realisasi is None
    assert bk2.lakip.ikpa.komponen[1].nilai == 75.75


def test_konversi_typed_as_percent_and_an_old_aspect_setting_are_read(tmp_path):
    bk = baca_buku_kerja(CONTOH)
    konversi = bk.tata.sel["KonversiBobotIKPADinyatakan"]
    metode = bk.tata.sel["MetodeAspekIkpa"]
    ref = {n: xl_rowcol_to_cell(r, c) for n, (_, r, c) in (("k", konversi), ("m", metode))}

    def ubah(wb):
        wb[konversi[0]][ref["k"]] = 1.0  # "100%" typed in Excel
        wb[metode[0]][ref["m"]] = "tanpa_dispensasi"  # a value of the earlier version

    bk2 = baca_buku_kerja(_ubah(CONTOH, tmp_path / "ubah.xlsm", ubah))
    assert bk2.lakip.ikpa.konversi_bobot_dinyatakan == 100
    assert bk2.lakip.pengaturan.metode_aspek_ikpa == "rata_sederhana"
    by = {t.kode: t.lokasi for t in bk2.temuan}
    assert by["PENGATURAN_LAMA"] == f"{metode[0]}!{ref['m']}"


def test_validation_findings_carry_cells():
    r = subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", "validasi", str(CONTOH), "--json"], capture_output=True, text=True
    )
    assert r.returncode == 1
    temuan = json.loads(r.stdout)
    lokasi = {t["kode"]: t["lokasi"] for t in temuan}
    bk = baca_buku_kerja(CONTOH)
    # Penyelidikan Intelijen (OUT-03) realisasi exceeds pagu: its realisasi cell.
    assert lokasi["REALISASI_MELEBIHI_PAGU"] == f"Output!{bk.tata.posisi['Output'].sel('realisasi', 2)}"
    assert all(re.fullmatch(r"[A-Za-z]+![A-Z]+\d+", t["lokasi"]) for t in temuan), temuan


def test_hitung_from_workbook_equals_hitung_from_json():
    def run(src):
        r = subprocess.run(
            [sys.executable, "-m", "lakip_xl.doors.cli", "hitung", str(src), "--json"], capture_output=True, text=True
        )
        assert r.returncode == 0, r.stderr
        d = json.loads(r.stdout)
        d.pop("validasi")
        return d

    assert run(CONTOH) == run(contoh_path())


def cli(*args):
    return subprocess.run([sys.executable, "-m", "lakip_xl.doors.cli", *map(str, args)], capture_output=True, text=True)


def test_bad_workbooks_exit_2(tmp_path):
    ole = tmp_path / "sandi.xlsm"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    rusak = tmp_path / "rusak.xlsm"
    rusak.write_bytes(CONTOH.read_bytes()[:5000])
    palsu = tmp_path / "palsu.xlsm"
    palsu.write_text("ini bukan excel")
    lain = tmp_path / "lain.xlsx"
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(lain))
    wb.add_worksheet("Data").write("A1", 1)
    wb.close()

    def versi(wb):
        jadikan_versi(wb, S.VERSI_BUKU_KERJA + 1)

    lama = _ubah(CONTOH, tmp_path / "versi2.xlsm", versi)
    for path, pesan in (
        (ole, "kata sandi"),
        (rusak, "rusak"),
        (palsu, "bukan buku kerja Excel"),
        (lain, "bukan buku kerja induk"),
        (lama, "tingkatkan"),
    ):
        r = cli("hitung", path)
        assert r.returncode == 2, (path, r.stderr)
        assert pesan in r.stderr
        assert "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_buku_kerja_baru_never_overwrites(tmp_path):
    tujuan = tmp_path / "b.xlsm"
    assert cli("buku-kerja", "baru", "-o", tujuan).returncode == 0
    isi = tujuan.read_bytes()
    r = cli("buku-kerja", "baru", "-o", tujuan, "--data", contoh_path())
    assert r.returncode == 2 and "tidak ditimpa" in r.stderr
    assert tujuan.read_bytes() == isi
    assert cli("buku-kerja", "baru", "-o", tujuan, "--data", contoh_path(), "--timpa").returncode == 0
    assert baca_buku_kerja(tujuan).lakip.profil.kode_satker == "603111"


def test_export_and_upgrade(tmp_path):
    data = tmp_path / "d.json"
    assert cli("ekspor-data", CONTOH, "-o", data).returncode == 0
    lakip, temuan = baca_json(data)
    assert temuan == [] and ke_dict(lakip) == ke_dict(_contoh_model())
    sebelum = CONTOH.read_bytes()
    baru = tmp_path / "2023.xlsm"
    r = cli("buku-kerja", "tingkatkan", CONTOH, "-o", baru, "--tahun-baru")
    assert r.returncode == 0, r.stderr
    assert CONTOH.read_bytes() == sebelum  # the old workbook is untouched
    l2 = baca_buku_kerja(baru).lakip
    assert l2.profil.tahun == 2023
    # This year's realisation (IKU-1: 1,63) moves to "last year"; this year's is blank.
    assert l2.indikator[0].realisasi_tahun_lalu == 1.63 and l2.indikator[0].realisasi is None
    assert l2.indikator[0].target == 3.25
    assert l2.anggaran.program[0].kegiatan[0].kro[0].output[0].realisasi is None
    assert cli("buku-kerja", "tingkatkan", baru, "-o", baru).returncode == 2


def test_macro_runs_in_libreoffice(uno_python, tmp_path):
    salinan = tmp_path / "makro.xlsm"
    salinan.write_bytes(CONTOH.read_bytes())
    r = subprocess.run(
        [uno_python, str(LO_MAKRO), str(salinan), "--macro", "LakipTombol.TulisVersi", "--cell", "Beranda!H2",
         "--drop-modules", "xlwings,Dictionary"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    d = json.loads(r.stdout)
    assert d["ok"], d
    assert "LakipTombol" in d["modules"]["VBAProject"] and "xlwings" in d["modules"]["VBAProject"]
    from lakip_xl import __version__

    assert d["before"] == "" and d["after"] == f"lakip-xl {__version__}"
    tombol = {b["label"]: b["script"] for b in d["buttons"]}
    assert set(tombol) == {t.judul for t in TOMBOL}
    for t in TOMBOL:
        assert tombol[t.judul].endswith(f"LakipTombol.{t.sub}?language=Basic&location=document")


def test_upgrade_reads_an_older_schema_and_refuses_to_lose_input(tmp_path):
    def versi0(wb):
        jadikan_versi(wb, 0)

    lama = _ubah(CONTOH, tmp_path / "lama.xlsm", versi0)
    r = cli("validasi", lama)
    assert r.returncode == 2 and "tingkatkan" in r.stderr
    baru = tmp_path / "baru.xlsm"
    r = cli("buku-kerja", "tingkatkan", lama, "-o", baru)
    assert r.returncode == 0, r.stderr
    assert ke_dict(baca_buku_kerja(baru).lakip) == ke_dict(_contoh_model())
    # An unreadable typed value would be lost: refused unless --paksa.
    bk = baca_buku_kerja(CONTOH)
    sel = bk.tata.posisi["Output"].sel("volume_realisasi", 0)

    def ketik(wb):
        wb["Output"][sel] = "sepuluh"

    salah = _ubah(CONTOH, tmp_path / "salah.xlsm", ketik)
    r = cli("buku-kerja", "tingkatkan", salah, "-o", tmp_path / "x.xlsm")
    assert r.returncode == 2 and f"Output!{sel}" in r.stderr and "--paksa" in r.stderr
    assert not (tmp_path / "x.xlsm").exists()
    r = cli("ekspor-data", salah, "-o", tmp_path / "x.json")
    assert r.returncode == 2 and not (tmp_path / "x.json").exists()
    assert cli("buku-kerja", "tingkatkan", salah, "-o", tmp_path / "x.xlsm", "--paksa").returncode == 0


def test_rows_without_a_code_are_named(tmp_path):
    bk = baca_buku_kerja(CONTOH)
    p = bk.tata.posisi["Output"]
    i = len(semua_output(bk.lakip)) + 17  # a spare row

    def ketik(wb):
        wb["Output"][p.sel("pagu", i)] = 5000000

    path = _ubah(CONTOH, tmp_path / "tanpa_kode.xlsm", ketik)
    temuan = {(t.kode, t.lokasi) for t in baca_buku_kerja(path).temuan}
    assert ("KODE_KOSONG", f"Output!{p.sel('kode', i)}") in temuan


def test_defined_names_with_extra_attributes(tmp_path):
    """Excel's Name Manager adds comment/hidden; LibreOffice writes attributes before name."""
    import zipfile

    src = tmp_path / "nama.xlsm"
    with zipfile.ZipFile(CONTOH) as zin, zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                teks = data.decode()
                teks = teks.replace(
                    '<definedName name="Data_Indikator">', '<definedName name="Data_Indikator" comment="tabel">'
                )
                teks = teks.replace(
                    '<definedName name="KodeSatker">', '<definedName function="false" hidden="1" name="KodeSatker">'
                )
                data = teks.encode()
            zout.writestr(item, data)
    bk = baca_buku_kerja(src, periksa_rumus=False)
    assert bk.lakip.profil.kode_satker == "603111"
    assert len(bk.lakip.indikator) == 10


def test_every_formula_cell_declares_its_result():
    """The schema says which result each formula cell must equal; the engine only follows it."""
    from lakip_xl.buku_kerja import skema as S
    from lakip_xl.buku_kerja.mesin import mesin
    from lakip_xl.compute.hasil import hitung

    hasil_tabel = S.hasil_tabel()  # Ikatan.hasil and the result-only tables
    for t in S.TABEL:
        if any(k.jenis == "rumus" for k in t.kolom):
            assert hasil_tabel.get(t.kunci), f"{t.kunci}: Ikatan.hasil belum dinyatakan"
    for b in S.BLOK:
        for s in b.sel:
            assert (s.jenis == "rumus") == bool(s.hasil), f"{b.lembar}!{s.nama}"
    lakip = _contoh_model()
    m = mesin(lakip, hitung(lakip, aturan_bawaan()), aturan_bawaan())
    # The 2022 Kotabumi report's spending-type table, added by hand: pagu 1,363,436,000 +
    # 3,200,592,000 + 99,107,000; sisa 7,339,504 + 85,793,648 + 0.
    assert m.nama("JenisPagu") == 4_663_135_000
    assert m.nama("JenisSisa") == 93_133_152
    assert m.tabel("JenisBelanja", "sisa", 1) == 85_793_648
    for nama in S.hasil_nama():
        m.nama(nama)  # every declared path resolves
    for t in S.TABEL:
        for k in t.kolom:
            if k.jenis == "rumus":
                m.tabel(t.kunci, k.kunci, 0)
                assert m.tabel(t.kunci, k.kunci, 10_000) == k.kosong
    with pytest.raises(KeyError):
        m.tabel("Program", "kode", 0)  # an input column has no engine value


def test_quick_formula_preparation_equals_xlsxwriters_own(tmp_path, monkeypatch):
    """Every formula of the built master (cells, conditional formats, validations) gets exactly
    the text XlsxWriter's own preparation gives it, the ``_xlfn.`` prefixes included."""
    from xlsxwriter.worksheet import Worksheet

    from lakip_xl.buku_kerja import tulis as T

    pasangan: list[tuple[str, str]] = []
    asli = T._Lembar._prepare_formula

    def catat(self, formula, expand_future_functions=False):
        hasil = asli(self, formula, expand_future_functions)
        pasangan.append((formula, hasil))
        return hasil

    monkeypatch.setattr(T._Lembar, "_prepare_formula", catat)
    bangun_buku_kerja(_contoh_model(), tmp_path / "a.xlsm", aturan=aturan_bawaan())
    acuan = Worksheet()
    assert len(pasangan) > 2500
    beda = [(f, h) for f, h in pasangan if h != acuan._prepare_formula(f, True)]
    assert beda == []
    assert any("_xlfn.MAXIFS(" in h for _, h in pasangan)
    # A function outside the lists goes to XlsxWriter itself.
    lembar = T._Lembar()
    assert lembar._prepare_formula('=TEXTJOIN(",",TRUE,A1:A3)', True) == '_xlfn.TEXTJOIN(",",TRUE,A1:A3)'
    assert lembar._prepare_formula("=MINIFS(A:A,B:B,1)+SUM(A1)") == "_xlfn.MINIFS(A:A,B:B,1)+SUM(A1)"
