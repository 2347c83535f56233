"""The DIPA's four levels: program -> kegiatan -> KRO -> RO, with codes unique only within their
parent; the versi-1 data file and the schema-3 workbook (no KRO level) read without losing a figure."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lakip_xl.buku_kerja.baca import baca_buku_kerja
from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.hasil import hitung
from lakip_xl.model import Anggaran, Kegiatan, Kro, Lakip, Output, Program, semua_kro, semua_output
from lakip_xl.schema.data import KODE_KRO_MIGRASI, baca_json, dari_dict, ke_dict
from lakip_xl.validasi import validasi as _validasi

DATA = Path(__file__).parent / "data" / "skema3"
V1 = DATA / "contoh_kotabumi_2022_versi1.json"  # the example as main committed it (data versi 1)
SKEMA3 = DATA / "Contoh_Kotabumi_2022_skema3.xlsm"  # the example workbook main built (schema 3)


def cli(*args):
    return subprocess.run([sys.executable, "-m", "lakip_xl.doors.cli", *map(str, args)], capture_output=True, text=True)


def validasi(lakip):
    return _validasi(lakip, hitung(lakip, aturan_bawaan()), aturan_bawaan())


def _dipa() -> Lakip:
    """Two kegiatan that both have a KRO QAH, whose ROs are both numbered from 001."""
    ro = lambda kode, p, r: Output(kode=kode, nama=f"RO {kode}", pagu=p, realisasi=r, volume_target=1)  # noqa: E731
    return Lakip(
        anggaran=Anggaran(
            program=[
                Program(
                    kode="WA",
                    nama="Program Dukungan Manajemen",
                    kegiatan=[
                        Kegiatan(
                            kode="4262",
                            nama="Kegiatan A",
                            kro=[
                                Kro(kode="QAH", nama="KRO A", output=[ro("001", 100, 60), ro("002", 50, 50)]),
                                Kro(kode="EBA", nama="KRO B", pagu=300, realisasi=20, output=[ro("001", 30, 20)]),
                            ],
                        ),
                        Kegiatan(
                            kode="4263",
                            nama="Kegiatan B",
                            kro=[Kro(kode="QAH", nama="KRO C", output=[ro("001", 200, 250)])],
                        ),
                    ],
                )
            ]
        )
    )


def test_kro_rollup_by_hand():
    a = hitung(_dipa(), aturan_bawaan()).anggaran
    got = [(k.kode_lengkap, k.pagu, k.realisasi, k.sisa, k.pagu_rincian, k.realisasi_rincian) for k in a.per_kro]
    assert got == [
        ("4262.QAH", 150, 110, 40, 150, 110),  # 100 + 50, 60 + 50; no DIPA figure: the sums
        ("4262.EBA", 300, 20, 280, 30, 20),  # the DIPA's 300 wins over its RO's 30 (and is a finding)
        ("4263.QAH", 200, 250, -50, 200, 250),  # the same KRO code under another kegiatan: its own sums
    ]
    assert a.per_kro[0].penyerapan == pytest.approx(110 / 150 * 100)  # 73,33
    # Kegiatan 4262 = its two KROs as in effect: 150 + 300 and 110 + 20.
    assert [(k.kode, k.pagu, k.realisasi) for k in a.per_kegiatan] == [("4262", 450, 130), ("4263", 200, 250)]
    assert (a.pagu, a.realisasi) == (650, 380)
    h = hitung(_dipa(), aturan_bawaan())
    assert [o.kode_lengkap for o in h.output] == ["4262.QAH.001", "4262.QAH.002", "4262.EBA.001", "4263.QAH.001"]


def test_kro_findings_repeated_codes_and_shapes():
    x = _dipa()
    temuan = validasi(x)
    by = {(t.kode, t.lokasi) for t in temuan}
    keg = "anggaran.program[0].kegiatan"
    # KRO 4262.EBA states pagu 300 but its RO sums to 30.
    assert ("RINCIAN_TIDAK_SAMA", f"{keg}[0].kro[1].pagu") in by
    # 4263.QAH.001 spends 250 of 200: the RO and its KRO.
    assert ("REALISASI_MELEBIHI_PAGU", f"{keg}[1].kro[0].output[0].realisasi") in by
    assert ("REALISASI_MELEBIHI_PAGU", f"{keg}[1].kro[0].realisasi") in by
    # QAH under two kegiatan and 001 under three KROs are no duplicates; valid shapes, no warning.
    assert not [t for t in temuan if t.kode in ("KODE_GANDA", "KODE_BENTUK")]
    # The same KRO twice under one kegiatan, the same RO twice under one KRO: galat at the second.
    x.anggaran.program[0].kegiatan[0].kro[1].kode = "QAH"
    x.anggaran.program[0].kegiatan[1].kro[0].output.append(Output(kode="001", nama="lagi", pagu=1, realisasi=0))
    x.anggaran.program[0].kegiatan[1].kode = "42630"  # five digits
    x.anggaran.program[0].kegiatan[1].kro[0].kode = "QA1"
    temuan = validasi(x)
    ganda = {t.lokasi: t for t in temuan if t.kode == "KODE_GANDA"}
    assert set(ganda) == {f"{keg}[0].kro[1].kode", f"{keg}[1].kro[0].output[1].kode"}
    assert ganda[f"{keg}[0].kro[1].kode"].tingkat == "galat"
    assert "di bawah kegiatan '4262'" in ganda[f"{keg}[0].kro[1].kode"].pesan
    bentuk = {t.lokasi: t for t in temuan if t.kode == "KODE_BENTUK"}
    assert set(bentuk) == {f"{keg}[1].kode", f"{keg}[1].kro[0].kode"}
    assert all(t.tingkat == "peringatan" for t in bentuk.values())
    assert "empat angka" in bentuk[f"{keg}[1].kode"].pesan and "tiga huruf" in bentuk[f"{keg}[1].kro[0].kode"].pesan
    # 001 under three KROs is fine; '1' beside '001' under one KRO is the same RO to SUMIFS.
    assert not [t for t in temuan if t.kode == "KODE_SAMA_DI_EXCEL"]
    x.anggaran.program[0].kegiatan[0].kro[0].output[1].kode = "1"
    excel = [t for t in validasi(x) if t.kode == "KODE_SAMA_DI_EXCEL"]
    assert [(t.lokasi, t.tingkat) for t in excel] == [(f"{keg}[0].kro[0].output[1].kode", "galat")]


def test_versi_1_data_file_is_read_without_losing_a_figure():
    lama = json.loads(V1.read_text("utf-8"))
    assert lama["versi_skema"] == 1
    lakip, temuan = baca_json(V1)
    # One peringatan per kegiatan with outputs, at the KRO it made, saying what to fill in.
    pindah = [t for t in temuan if t.kode == "KRO_DARI_VERSI_LAMA"]
    assert len(pindah) == 8 and all(t.tingkat == "peringatan" for t in pindah)
    assert "Isi kode dan nama KRO" in pindah[0].pesan
    assert not [t for t in temuan if t.tingkat == "galat"]
    # Every kegiatan keeps its own figures; its outputs sit, unchanged and in order, under one KRO.
    for p_lama, p in zip(lama["anggaran"]["program"], lakip.anggaran.program, strict=True):
        for k_lama, k in zip(p_lama["kegiatan"], p.kegiatan, strict=True):
            for kunci in ("kode", "nama", "pagu", "realisasi", "penyerapan_dinyatakan"):
                assert getattr(k, kunci) == k_lama.get(kunci)
            (kro,) = k.kro
            assert (kro.kode, kro.nama, kro.pagu, kro.realisasi) == (KODE_KRO_MIGRASI, k_lama["nama"], None, None)
            assert [ke_dict_output(o) for o in kro.output] == k_lama["output"]
    # And so every computed figure: the published totals of the example.
    a = hitung(lakip, aturan_bawaan()).anggaran
    assert (a.pagu, a.realisasi) == (8234057000, 4463785560)
    assert sum(k.realisasi for k in a.per_kegiatan) == 3902749878


def ke_dict_output(o: Output) -> dict:
    """An output as a versi-1 file writes it (blank fields left out)."""
    return {k: v for k, v in vars(o).items() if v not in (None, "")}


def test_versi_1_is_the_only_older_version():
    with pytest.raises(Exception, match="tidak didukung"):
        dari_dict({"versi_skema": 0, "profil": {}})


def test_schema_3_workbook_upgrades_to_4_without_losing_a_figure(tmp_path):
    """SKEMA3 is the example workbook exactly as lakip-xl built it at schema 3 (commit 95c18ad),
    V1 the example's JSON of that commit: dates were text there."""
    import datetime as dt

    from openpyxl import load_workbook

    sebelum = SKEMA3.read_bytes()
    baru = tmp_path / "baru.xlsm"
    r = cli("buku-kerja", "tingkatkan", SKEMA3, "-o", baru)
    assert r.returncode == 0, r.stdout + r.stderr
    assert SKEMA3.read_bytes() == sebelum  # the old workbook is never rewritten
    bk = baca_buku_kerja(baru)
    assert [t for t in bk.temuan if t.tingkat == "galat"] == []
    # The award dates, text at schema 3, are date cells now.
    p = bk.tata.posisi["Prestasi"]
    sel = load_workbook(baru, keep_vba=True)[p.lembar][p.sel("tanggal", 0)]
    assert sel.is_date and sel.value == dt.datetime(2022, 1, 27)
    # Exactly what reading main's data file gives: the same migration for both formats.
    harap, _ = baca_json(V1)
    assert ke_dict(bk.lakip) == ke_dict(harap)
    assert len(semua_kro(bk.lakip)) == 8 and len(semua_output(bk.lakip)) == 18
    h = hitung(bk.lakip, aturan_bawaan()).anggaran
    assert (h.pagu, h.realisasi) == (8234057000, 4463785560)
    # The upgraded workbook is a schema-4 workbook and reads without the upgrade flag.
    assert not [t for t in bk.temuan if t.kode in ("VERSI_LAMA", "STRUKTUR")]


def test_example_workbook_round_trips_four_levels(tmp_path):
    x = _dipa()
    p = bangun_buku_kerja(x, tmp_path / "dipa.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(p)
    assert ke_dict(bk.lakip)["anggaran"]["program"] == ke_dict(x)["anggaran"]["program"]
    # The finding of RO 4263.QAH.001 (the third RO numbered 001) is located on its own row, the
    # fourth of the RO table; those of KRO 4263.QAH and kegiatan 4263 on the third KRO row and the
    # second kegiatan row.
    lebih = {t.lokasi for t in validasi_buku(bk) if t.kode == "REALISASI_MELEBIHI_PAGU"}
    ro, kro, keg = (bk.tata.posisi[t] for t in ("Output", "Kro", "Kegiatan"))
    assert lebih == {
        f"Output!{ro.sel('realisasi', 3)}",
        f"Output!{kro.sel('realisasi', 2)}",
        f"Output!{keg.sel('realisasi', 1)}",
    }


def validasi_buku(bk):
    temuan = validasi(bk.lakip)
    bk.lokasi(temuan)
    return temuan


def test_report_budget_table_has_four_levels_and_the_code_note():
    from lakip_xl.laporan.konteks import bangun_konteks
    from lakip_xl.layanan import buka
    from lakip_xl.schema.data import contoh_path

    k = bangun_konteks(buka(contoh_path()), draf=True)
    rows = k["hierarki"]
    # Program and kegiatan bold, KRO italic, RO plain with a dash: exactly one name run filled.
    gaya = [(r["tingkat"], bool(r["nama_tebal"]), bool(r["nama_miring"]), bool(r["nama_biasa"])) for r in rows[:4]]
    assert gaya == [
        ("program", True, False, False),
        ("kegiatan", True, False, False),
        ("kro", False, True, False),
        ("ro", False, False, True),
    ]
    assert [r["kode"] for r in rows[:4]] == ["BF", "KEG1", "KEG1.BAA", "KEG1.BAA.001"]
    # 2 programs, 2 kegiatan, 8 KROs, 18 ROs; every row once.
    assert [sum(r["tingkat"] == t for r in rows) for t in ("program", "kegiatan", "kro", "ro")] == [2, 2, 8, 18]
    # The KRO row carries the KRO's money: Operasi Bidang Keamanan as the DIPA states it.
    bhb = next(r for r in rows if r["kode"] == "KEG1.BHB")
    assert bhb["pagu"] == "679.398.000" and bhb["realisasi"] == "390.298.935"
    # Codes not from the unit's DIPA are said to be so under the table.
    assert k["kalimat"]["catatan_kode"].startswith("Catatan kode:") and "KEG1" in k["kalimat"]["catatan_kode"]


def test_codes_typed_as_numbers_and_a_kro_without_ro(tmp_path):
    """Found by a hostile test: a parent code pasted as a number matched in Python but not in the
    sheet's formulas (whose sums went blank) with no finding; a KRO left with money and no RO
    passed silently."""
    from openpyxl import load_workbook

    x = _dipa()
    x.anggaran.program[0].kegiatan[1].kro.append(Kro(kode="EBB", nama="KRO D", pagu=70))  # no RO
    p = bangun_buku_kerja(x, tmp_path / "dipa.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(p)
    kro, ro = bk.tata.posisi["Kro"], bk.tata.posisi["Output"]
    wb = load_workbook(p, keep_vba=True)
    wb["Output"][kro.sel("kegiatan", 0)] = 4262  # the first KRO's kegiatan code, as a number
    wb["Output"][ro.sel("kegiatan", 0)] = 4262
    wb.save(tmp_path / "angka.xlsm")
    bk2 = baca_buku_kerja(tmp_path / "angka.xlsm")
    by = {t.lokasi: t for t in bk2.temuan if t.kode == "KODE_SEBAGAI_ANGKA"}
    assert set(by) == {f"Output!{kro.sel('kegiatan', 0)}", f"Output!{ro.sel('kegiatan', 0)}"}
    assert all(t.tingkat == "galat" and "'4262" in t.pesan for t in by.values())
    kosong = [t for t in validasi_buku(bk) if t.kode == "RINCIAN_KOSONG"]
    assert len(kosong) == 1 and "4263.EBB" in kosong[0].pesan
    assert kosong[0].lokasi == f"Output!{kro.sel('kode', 3)}"


@pytest.mark.libreoffice
def test_ikpa_name_with_stray_spaces_reads_alike_in_libreoffice(tmp_path, lo):
    """Found by a hostile test: "Revisi DIPA " (a trailing space) was unknown to the sheet but
    trimmed by Python. Both now read it as TRIM() does."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    from lakip_xl.office import konversi
    from lakip_xl.schema.data import contoh_path

    contoh, _ = baca_json(contoh_path())
    p = bangun_buku_kerja(contoh, tmp_path / "c.xlsm", aturan=aturan_bawaan())
    ik = baca_buku_kerja(p).tata.posisi["IkpaKomponen"]
    wb = load_workbook(p, keep_vba=True)
    wb[ik.lembar][ik.sel("kode", 0)] = " Revisi  DIPA "
    wb.save(tmp_path / "spasi.xlsm")
    assert baca_buku_kerja(tmp_path / "spasi.xlsm").lakip.ikpa.komponen[0].kode == "revisi_dipa"
    (hasil,) = konversi([tmp_path / "spasi.xlsm"], "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    grid = CalamineWorkbook.from_path(str(hasil)).get_sheet_by_name(ik.lembar).to_python(skip_empty_area=False)
    assert grid[ik.awal][ik.kolom("kode_baku")] == "revisi_dipa"


def test_blank_parent_code_and_a_logo_url_get_plain_messages(tmp_path):
    """Hostile-test findings: an RO with a blank KRO code was told its KRO '4262.' did not exist;
    a logo given as a web address was looked up as a file path."""
    from openpyxl import load_workbook

    x = _dipa()
    x.profil.logo = "https://example.com/logo.png"
    p = bangun_buku_kerja(x, tmp_path / "dipa.xlsm", aturan=aturan_bawaan())
    ro = baca_buku_kerja(p).tata.posisi["Output"]
    wb = load_workbook(p, keep_vba=True)
    wb["Output"][ro.sel("kro", 0)] = None
    wb.save(tmp_path / "kosong.xlsm")
    bk = baca_buku_kerja(tmp_path / "kosong.xlsm")
    t = next(t for t in bk.temuan if t.kode == "INDUK_TIDAK_ADA")
    assert t.lokasi == f"Output!{ro.sel('kro', 0)}"
    assert "kolom Kode KRO belum diisi" in t.pesan and "'4262.'" not in t.pesan
    logo = [t for t in validasi_buku(bk) if t.kode == "LOGO"]
    assert len(logo) == 1 and "alamat web" in logo[0].pesan
