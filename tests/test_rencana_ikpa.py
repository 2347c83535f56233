"""The IKPA planner against hand calculations (issue 15; rules: PER-5/PB/2024, docs/rencana-ikpa.md).

Cumulative absorption targets (percent of pagu) TW I-IV: 51 = 20/50/75/95, 52 = 15/50/70/90,
53 = 10/40/70/90. Pagu 51 = 1 M, 52 = 2 M, 53 = 1 M (weights 1/4, 2/4, 1/4).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.rencana import RencanaTidakDapat, hitung_rencana, pengurang_dispensasi, skor_revisi
from lakip_xl.model import BulanRencana, KomponenIkpa, Lakip, RencanaIkpa
from lakip_xl.schema.data import contoh_path, tulis_json

M = 1_000_000_000


def _bulan(
    m: int, r51: int = 0, r52: int = 0, r53: int = 0, rpd: tuple[int, int, int] | None = None, **kw
) -> BulanRencana:
    p51, p52, p53 = rpd if rpd is not None else (r51, r52, r53)
    return BulanRencana(
        bulan=m, realisasi_51=r51, realisasi_52=r52, realisasi_53=r53, rpd_51=p51, rpd_52=p52, rpd_53=p53, **kw
    )


def kasus_isu(**rencana) -> Lakip:
    """The issue's case: end of TW I 18 % / 12 % / 5 %, end of TW II 45 % / 40 % / 30 %; RPD
    equal to the realisation so far; the RPD brings TW III to 75/70/70 and TW IV to 95/90/90."""
    lakip = Lakip()
    lakip.profil.tahun = 2025
    bulan = [
        _bulan(3, 180_000_000, 240_000_000, 50_000_000),  # 18 %, 12 %, 5 %
        _bulan(6, 270_000_000, 560_000_000, 250_000_000),  # +27 %, +28 %, +25 % -> 45 %, 40 %, 30 %
        BulanRencana(bulan=9, rpd_51=300_000_000, rpd_52=600_000_000, rpd_53=400_000_000),  # 75 %, 70 %, 70 %
        BulanRencana(bulan=12, rpd_51=200_000_000, rpd_52=400_000_000, rpd_53=200_000_000),  # 95 %, 90 %, 90 %
    ]
    rencana.setdefault("bulan_data", 6)
    lakip.rencana_ikpa = RencanaIkpa(pagu_51=1 * M, pagu_52=2 * M, pagu_53=1 * M, bulan=bulan, **rencana)
    # OM-SPAN values of the other indicators: Revisi 100, UP/TUP 100, Capaian Output 100;
    # Kontraktual and Tagihan not applicable (Konversi Bobot 80 %).
    lakip.ikpa.komponen = [
        KomponenIkpa("revisi_dipa", 100.0),
        KomponenIkpa("belanja_kontraktual", None, berlaku=False),
        KomponenIkpa("penyelesaian_tagihan", None, berlaku=False),
        KomponenIkpa("up_tup", 100.0),
        KomponenIkpa("capaian_output", 100.0),
    ]
    return lakip


def test_issue_case_quarter_values_and_value_to_date() -> None:
    h = hitung_rencana(kasus_isu(), aturan_bawaan())
    # TW I: (1 x 18/20 + 2 x 12/15 + 1 x 5/10) / 4 = (0,9 + 1,6 + 0,5) / 4 = 75 %
    # TW II: (1 x 45/50 + 2 x 40/50 + 1 x 30/40) / 4 = (0,9 + 1,6 + 0,75) / 4 = 81,25 %
    assert h.nilai_tw[:2] == pytest.approx([75.0, 81.25])
    assert h.nilai_tw[2:] == [None, None]
    pen = next(i for i in h.indikator if i.kode == "penyerapan")
    assert pen.kini == pytest.approx(78.125)  # (75 + 81,25) / 2
    assert pen.sumber == "rincian"
    # Highest reachable: TW III and TW IV at 100 -> (75 + 81,25 + 100 + 100) / 4
    assert pen.tertinggi == pytest.approx(89.0625)
    # Following the RPD reaches every target of TW III and TW IV: the same 89,0625.
    assert h.nilai_tw_rpd == pytest.approx([75.0, 81.25, 100.0, 100.0])
    assert pen.proyeksi == pytest.approx(89.0625)


def test_issue_case_tw_iii_floor_for_penyerapan_85() -> None:
    # IKPA = (10 x 100 + 15 x Deviasi + 20 x P + 10 x 100 + 25 x 100) / 100 / 0,8 with Deviasi
    # 100 (RPD met): (60 + 0,2 P) / 0,8. P = 85 needs IKPA 96,25.
    h = hitung_rencana(kasus_isu(), aturan_bawaan(), target=96.25)
    assert h.penyerapan_dibutuhkan == pytest.approx(85.0)
    # 4 x 85 - 75 - 81,25 = 183,75 for TW III and TW IV: with TW IV at 100, TW III >= 83,75.
    assert h.tw_berikut_minimum == pytest.approx(83.75)
    # Even split: 91,875 each; per spending type 91,875 % of the quarter's target, at least
    # what is already absorbed.
    assert [k.tw for k in h.kebutuhan] == [3, 4]
    assert h.kebutuhan[0].nilai == pytest.approx(91.875)
    assert h.kebutuhan[0].serapan == pytest.approx({"51": 68.90625, "52": 64.3125, "53": 64.3125})
    assert h.kebutuhan[1].serapan == pytest.approx({"51": 87.28125, "52": 82.6875, "53": 82.6875})
    assert h.tercapai is True


def test_issue_case_ikpa_now_projected_highest() -> None:
    h = hitung_rencana(kasus_isu(), aturan_bawaan())
    assert h.target == 95.0
    assert h.ikpa_kini == pytest.approx((60 + 0.2 * 78.125) / 0.8)  # 94,53125
    assert h.ikpa_proyeksi == pytest.approx((60 + 0.2 * 89.0625) / 0.8)  # 97,265625
    assert h.ikpa_tertinggi == pytest.approx(97.265625)
    # 95 needs P = 4 x 95 - 300 = 80: 4 x 80 - 156,25 = 163,75 over two quarters.
    assert h.penyerapan_dibutuhkan == pytest.approx(80.0)
    assert h.kebutuhan[0].nilai == pytest.approx(81.875)
    # Deviation: RPD met in every month so far -> Deviasi 100; 5 % x 11 months over the 5 months left.
    assert h.deviasi_rata == pytest.approx(0.0)
    assert h.anggaran_deviasi == pytest.approx(11.0)


def test_unreachable_target_says_best_value() -> None:
    h = hitung_rencana(kasus_isu(), aturan_bawaan(), target=99)
    # P would have to be 4 x 99 - 300 = 96 > 89,0625: no plan, best 97,27.
    assert h.tercapai is False
    assert h.kebutuhan == []
    assert h.ikpa_tertinggi == pytest.approx(97.265625)


def test_deviation_weighted_by_pagu() -> None:
    lakip = kasus_isu()
    # Month 3: 51 spent 180 M against an RPD of 200 M (10 %), 52 spent 240 M against 300 M (20 %),
    # 53 as planned: D = 1/4 x 10 + 2/4 x 20 + 0 = 12,5 %. Months 1-2, 4-6: 0. Mean over 6: 2,0833.
    lakip.rencana_ikpa.bulan[0] = _bulan(
        3, 180_000_000, 240_000_000, 50_000_000, rpd=(200_000_000, 300_000_000, 50_000_000)
    )
    h = hitung_rencana(lakip, aturan_bawaan())
    assert h.deviasi_bulan[2] == pytest.approx(12.5)
    assert h.deviasi_rata == pytest.approx(12.5 / 6)
    # Budget: (5 x 11 - 12,5) / 5 = 8,5 % per remaining month.
    assert h.anggaran_deviasi == pytest.approx(8.5)


def test_revision_output_and_dispensation_from_details() -> None:
    lakip = kasus_isu(revisi_semester_i=3, spm_dispensasi=1, spm_jumlah=400)
    lakip.ikpa.komponen = [k for k in lakip.ikpa.komponen if k.kode not in ("revisi_dipa", "capaian_output")]
    tepat = ["Ya", "Ya", "Tidak", "Ya", "Ya", "Ya"]
    rows = {b.bulan: b for b in lakip.rencana_ikpa.bulan}
    for m, t in enumerate(tepat, 1):
        rows.setdefault(m, BulanRencana(bulan=m)).laporan_tepat_waktu = t
    rows[6].capaian_ro = 90.0
    lakip.rencana_ikpa.bulan = [rows[m] for m in sorted(rows)]
    h = hitung_rencana(lakip, aturan_bawaan())
    nilai = {i.kode: i for i in h.indikator}
    # Revisi: semester I 3 revisions -> 50; at year end semester II without revisions 110: (50 + 110) / 2 = 80.
    assert nilai["revisi_dipa"].kini == 50.0
    assert nilai["revisi_dipa"].proyeksi == 80.0
    # Capaian Output: on time 5 of 6 = 83,33; 0,3 x 83,33 + 0,7 x 90 = 88. Year end (remaining 6 on
    # time): 0,3 x 1100/12 + 63 = 90,5; highest (RO 100): 27,5 + 70 = 97,5.
    assert nilai["capaian_output"].kini == pytest.approx(88.0)
    assert nilai["capaian_output"].proyeksi == pytest.approx(90.5)
    assert nilai["capaian_output"].tertinggi == pytest.approx(97.5)
    # Dispensation: 1 of 400 SPM = 2,5 per mille -> deduction 0,75.
    assert h.permil_dispensasi == pytest.approx(2.5)
    assert h.pengurang == 0.75


@pytest.mark.parametrize(
    ("permil", "pengurang"), [(0, 0.0), (0.05, 0.25), (0.1, 0.5), (0.99, 0.5), (1, 0.75), (4.99, 0.75), (5, 1.0)]
)
def test_dispensation_bands(permil: float, pengurang: float) -> None:
    assert pengurang_dispensasi(permil, aturan_bawaan().rencana("2024")) == pengurang  # type: ignore[arg-type]


@pytest.mark.parametrize(("n", "skor"), [(0, 110), (1, 110), (2, 100), (3, 50), (7, 50)])
def test_revision_score_table(n: int, skor: float) -> None:
    assert skor_revisi(n, aturan_bawaan().rencana("2024")) == skor  # type: ignore[arg-type]


def test_blokir_from_2026_only() -> None:
    lakip = kasus_isu(blokir_52=1 * M)
    assert hitung_rencana(lakip, aturan_bawaan()).pagu_efektif["52"] == 2 * M  # TA 2025: blokir ignored
    lakip.profil.tahun = 2026
    h = hitung_rencana(lakip, aturan_bawaan())
    assert h.pagu_efektif["52"] == 1 * M
    # 52 against 1 M: TW I 24 % of 15 -> capped 100; TW II 80 % of 50 -> 100; weights 1/3 each:
    # TW I (90 + 100 + 50) / 3 = 80; TW II (90 + 100 + 75) / 3 = 88,33.
    assert h.nilai_tw[:2] == pytest.approx([80.0, 265 / 3])


def test_deadlines_of_the_year() -> None:
    lakip = kasus_isu()
    lakip.profil.tahun = 2026
    teks = hitung_rencana(lakip, aturan_bawaan()).tenggat
    assert any("14 Juli 2026" in t for t in teks)
    assert any("14 Oktober 2026" in t for t in teks)
    assert not any("Februari" in t for t in teks)  # past (data up to June)
    assert not any("hari kerja ke-10 Juli" in t for t in teks)  # replaced by the 2026 date


def test_old_rule_set_is_refused() -> None:
    lakip = kasus_isu()
    lakip.profil.tahun = 2022
    with pytest.raises(RencanaTidakDapat, match="PER-5/PB/2024"):
        hitung_rencana(lakip, aturan_bawaan())


def test_duplicate_month_is_refused() -> None:
    lakip = kasus_isu()
    lakip.rencana_ikpa.bulan.append(BulanRencana(bulan=3))
    with pytest.raises(RencanaTidakDapat, match="bulan 3 tercantum dua kali"):
        hitung_rencana(lakip, aturan_bawaan())


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_plan_from_json(tmp_path: Path) -> None:
    sumber = tmp_path / "rencana.json"
    tulis_json(kasus_isu(), sumber)
    r = _cli("rencana-ikpa", str(sumber))
    assert r.returncode == 0, r.stderr
    teks = " ".join(r.stdout.split())
    # Target 95 -> Penyerapan 80 -> (4 x 80 - 156,25) / 2 = 81,875 per remaining quarter; with TW IV
    # at 100, TW III needs 163,75 - 100 = 63,75. IKPA now 94,53 (Baik), highest 97,27.
    assert "paling sedikit 80,00" in teks
    assert "paling sedikit 81,88" in teks
    assert "TW III paling sedikit 63,75" in teks
    assert "94,53 (Baik)" in teks and "97,27 (Sangat Baik)" in teks
    r = _cli("rencana-ikpa", str(sumber), "--target", "96.25", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["tw_berikut_minimum"] == pytest.approx(83.75)
    assert d["indikator"][2]["kini"] == pytest.approx(78.125)


def test_cli_refuses_old_rules_and_bad_target(tmp_path: Path) -> None:
    r = _cli("rencana-ikpa", str(contoh_path()))
    assert r.returncode == 2
    assert "PER-5/PB/2024" in r.stderr and "Traceback" not in r.stderr
    sumber = tmp_path / "rencana.json"
    tulis_json(kasus_isu(), sumber)
    r = _cli("rencana-ikpa", str(sumber), "--target", "0")
    assert r.returncode == 2 and "Target IKPA" in r.stderr


def _kasus_rinci() -> Lakip:
    """Every detail filled: TA 2026 with a blokir, belanja 57, revisions, output reports, RO
    progress, dispensations, a deviation; data to August (TW III under way); a target that
    cannot be reached."""
    lakip = kasus_isu(revisi_semester_i=2, revisi_semester_ii=1, spm_dispensasi=1, spm_jumlah=400, blokir_52=500_000_000,
                      pagu_57=400_000_000, target_ikpa=99.5, bulan_data=8)  # fmt: skip
    lakip.profil.tahun = 2026
    lakip.ikpa.komponen = [k for k in lakip.ikpa.komponen if k.kode not in ("revisi_dipa", "capaian_output")]
    rows = {b.bulan: b for b in lakip.rencana_ikpa.bulan}
    rows[3].rpd_52 = 300_000_000  # 20 % deviation of belanja 52 in March
    for m, t in zip(range(1, 9), ["Ya", "Ya", "Tidak", "Ya", "", "Ya", "Ya", "Tidak"], strict=True):
        b = rows.setdefault(m, BulanRencana(bulan=m))
        b.laporan_tepat_waktu = t
        b.rpd_57, b.realisasi_57 = 30_000_000, 25_000_000 + m * 1_000_000
    rows[7].realisasi_51, rows[8].rpd_53 = 100_000_000, 90_000_000
    rows[4].capaian_ro, rows[7].capaian_ro = 40.0, 85.5
    lakip.rencana_ikpa.bulan = [rows[m] for m in sorted(rows)]
    return lakip


def _kasus_omspan_dan_kosong() -> list[Lakip]:
    a = kasus_isu(bulan_data=None)  # the data month from the last realisation (June)
    a.ikpa.komponen.append(KomponenIkpa("penyerapan", 70.0))  # OM-SPAN's value wins for "to date"
    b = Lakip()
    b.profil.tahun = 2025  # planner rules, no data at all
    return [a, b]


@pytest.mark.libreoffice
def test_sheet_recalculated_by_libreoffice_equals_engine(tmp_path: Path, lo: None) -> None:
    """Every formula of the "Rencana IKPA" sheet, recalculated by LibreOffice, equals the
    engine's value; the hand-computed figures of the issue's case appear on the sheet."""
    from python_calamine import CalamineWorkbook

    from lakip_xl.buku_kerja import skema as S
    from lakip_xl.buku_kerja.baca import baca_buku_kerja
    from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
    from lakip_xl.office import konversi

    from alat.banding import banding

    kasus = [kasus_isu(), _kasus_rinci(), *_kasus_omspan_dan_kosong()]
    paths = [bangun_buku_kerja(x, tmp_path / f"rencana_{i}.xlsm", aturan=aturan_bawaan()) for i, x in enumerate(kasus)]
    hasil = konversi(paths, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    for asli, dihitung in zip(paths, hasil, strict=True):
        n, salah = banding(asli, dihitung)
        assert n > 600 and salah == [], (asli.name, n, salah[:8])
    # The case's month rows are read back as they were written (prefilled months stay out).
    for p, x in zip(paths, kasus, strict=True):
        assert baca_buku_kerja(p).lakip.rencana_ikpa == x.rencana_ikpa
    bk = baca_buku_kerja(paths[0])
    wb = CalamineWorkbook.from_path(str(hasil[0]))

    def sel(nama: str) -> object:
        lembar, r, c = bk.tata.sel[nama]
        return wb.get_sheet_by_name(lembar).to_python(skip_empty_area=False)[r][c]

    assert sel("PenyerapanKini") == pytest.approx(78.125)
    assert sel("PenyerapanTertinggi") == pytest.approx(89.0625)
    assert sel("IkpaRencanaKini") == pytest.approx(94.53125)
    assert sel("NilaiTwDibutuhkan") == pytest.approx(81.875)
    assert sel("TwBerikutMinimum") == pytest.approx(63.75)
    assert sel("AnggaranDeviasi") == pytest.approx(11.0)
    rinci = hitung_rencana(kasus[1], aturan_bawaan())
    assert rinci.tercapai is False and rinci.pagu_efektif["52"] == 1_500_000_000  # the cases do differ
    assert S.VERSI_BUKU_KERJA == 4


def test_validator_names_bad_month_rows_and_missing_rules() -> None:
    from lakip_xl.compute.hasil import hitung
    from lakip_xl.validasi import validasi

    lakip = kasus_isu()
    lakip.rencana_ikpa.bulan += [
        BulanRencana(bulan=3),
        BulanRencana(bulan=13),
        BulanRencana(bulan=None, realisasi_51=-5),
    ]
    lakip.rencana_ikpa.bulan[0].laporan_tepat_waktu = "Ya "  # the sheet's "=" would not match it either
    temuan = validasi(lakip, hitung(lakip, aturan_bawaan()), aturan_bawaan())
    rencana = [(t.kode, t.jalur) for t in temuan if t.jalur[:1] == ("rencana_ikpa",)]
    assert ("RENCANA_BULAN", ("rencana_ikpa", "bulan", 4, "bulan")) in rencana  # the second March
    assert ("RENCANA_BULAN", ("rencana_ikpa", "bulan", 5, "bulan")) in rencana  # month 13
    assert ("RENCANA_BULAN", ("rencana_ikpa", "bulan", 6, "bulan")) in rencana  # no month
    assert ("ANGKA_NEGATIF", ("rencana_ikpa", "bulan", 6, "realisasi_51")) in rencana
    assert ("RENCANA_BULAN", ("rencana_ikpa", "bulan", 0, "laporan_tepat_waktu")) in rencana
    assert hitung(lakip, aturan_bawaan()).rencana is None  # not computed until fixed
    lakip = kasus_isu()
    lakip.profil.tahun = 2023
    kode = [t.kode for t in validasi(lakip, hitung(lakip, aturan_bawaan()), aturan_bawaan())]
    assert "RENCANA_ATURAN" in kode


def _semester_i(periode: str = "Semester I") -> Lakip:
    """The Kotabumi example moved to TA 2025 with the issue's planner data and OM-SPAN values."""
    from lakip_xl.schema.data import baca_json

    lakip, _ = baca_json(contoh_path())
    lakip.profil.tahun, lakip.profil.periode = 2025, periode  # type: ignore[assignment]
    lakip.rencana_ikpa = kasus_isu().rencana_ikpa
    lakip.ikpa.aturan = ""  # the example chooses the 2022 rule set; by fiscal year now
    lakip.ikpa.komponen = [*kasus_isu().ikpa.komponen, KomponenIkpa("deviasi_halaman_iii", 100.0)]
    return lakip


def test_semester_i_report_has_the_plan(tmp_path: Path) -> None:
    from test_laporan import teks_docx

    from lakip_xl.laporan import render_docx
    from lakip_xl.layanan import buka

    sumber = tmp_path / "s1.json"
    tulis_json(_semester_i(), sumber)
    teks = " ".join(teks_docx(render_docx(buka(sumber))[0]).split())
    assert "Rencana IKPA semester II" in teks
    # Target 95 -> Penyerapan 80 -> 81,88 for TW III and TW IV; TW III alone 63,75; 51 at the end of
    # TW III: 81,875% of 75 = 61,41%.
    assert "paling sedikit 80,00" in teks and "paling sedikit 81,88" in teks and "63,75" in teks
    assert "61,41%" in teks
    assert "paling banyak 11,00%" in teks
    tulis_json(_semester_i("Tahunan"), sumber)
    assert "Rencana IKPA semester II" not in teks_docx(render_docx(buka(sumber))[0])


def test_schema_2_workbook_without_the_planner_upgrades_quietly(tmp_path: Path) -> None:
    """A workbook from before the planner (schema 2: no "Rencana IKPA" sheet, no planner tables on
    Referensi) is refused with the upgrade command, and upgrades without findings about the
    planner; the upgraded workbook carries the shipped planner rules."""
    from openpyxl import load_workbook

    from lakip_xl.buku_kerja import skema as S
    from lakip_xl.buku_kerja.baca import baca_buku_kerja

    from alat import jadikan_versi

    contoh = Path(__file__).parent.parent / "workbooks" / "Contoh_Kotabumi_2022.xlsm"
    wb = load_workbook(contoh, keep_vba=True)
    del wb["Rencana IKPA"]
    for nama in list(wb.defined_names):
        teks = wb.defined_names[nama].attr_text
        if "Rencana IKPA" in teks or any(nama == f"Data_{t}" for t in S.REFERENSI_RENCANA):
            del wb.defined_names[nama]
    jadikan_versi(wb, 2)
    lama = tmp_path / "lama.xlsm"
    wb.save(lama)
    r = _cli("validasi", str(lama))
    assert r.returncode == 2 and "tingkatkan" in r.stderr
    baru = tmp_path / "baru.xlsm"
    r = _cli("buku-kerja", "tingkatkan", str(lama), "-o", str(baru))
    assert r.returncode == 0, r.stderr
    bk = baca_buku_kerja(lama, versi_lama=True)
    assert not [t for t in bk.temuan if "Rencana" in t.pesan or "RefRencana" in t.pesan], bk.temuan
    assert bk.aturan == aturan_bawaan()  # the planner's rules: lakip-xl's own
    assert baca_buku_kerja(baru).aturan == aturan_bawaan()


@pytest.mark.libreoffice
def test_sheet_edited_in_libreoffice_keeps_the_plan(tmp_path: Path, uno_python: str) -> None:
    """A person renames the sheet, inserts a blank row in the month table (copying the row
    above and clearing what was typed), and types a new month; LibreOffice recalculates. The
    numbers LibreOffice shows equal the engine's on the edited file, and the plan is unchanged
    where nothing was typed."""
    from python_calamine import CalamineWorkbook

    from lakip_xl.buku_kerja.baca import baca_buku_kerja
    from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
    from lakip_xl.compute.hasil import hitung

    asli = bangun_buku_kerja(_kasus_rinci(), tmp_path / "asli.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(asli)
    p = bk.tata.posisi["RencanaBulan"]
    isian = [p.kolom(k.kunci) for k in p.tabel.kolom if k.jenis == "input"]
    sisip = {"op": "sisip_baris", "lembar": "Rencana IKPA", "baris": p.awal + 3, "salin_dari": p.awal + 2,
             "kosongkan": isian}  # fmt: skip
    skenario = {
        "ganti_nama.xlsm": [{"op": "ganti_nama", "lembar": "Rencana IKPA", "baru": "Rencana"}],
        "sisip.xlsm": [sisip],
        # September's realisation of belanja 53 typed into the month table: 100 M of 1 M = +10 %.
        "ketik.xlsm": [
            {
                "op": "isi",
                "lembar": "Rencana IKPA",
                "baris": p.awal + 8,
                "kolom": p.kolom("realisasi_53"),
                "nilai": 100_000_000,
            }
        ],
    }
    sk = tmp_path / "skenario.json"
    sk.write_text(json.dumps(skenario), "utf-8")
    lo_ubah = Path(__file__).parent / "alat" / "lo_ubah.py"
    r = subprocess.run([uno_python, str(lo_ubah), str(asli), str(sk), str(tmp_path)], capture_output=True, text=True,
                       timeout=600)  # fmt: skip
    assert json.loads(r.stdout or "{}").get("ok"), r.stderr[-2000:]
    rencana_asli = hitung(bk.lakip, bk.aturan).rencana
    assert rencana_asli is not None
    for nama in skenario:
        b = baca_buku_kerja(tmp_path / nama)
        assert not [t for t in b.temuan if t.tingkat == "galat"], (nama, b.temuan)
        h = hitung(b.lakip, b.aturan).rencana
        assert h is not None
        if nama != "ketik.xlsm":
            assert h.lembar == rencana_asli.lembar, nama
        else:
            # Data to August stays: September typed after the data month changes only the projection.
            assert h.lembar["penyerapan_kini"] == rencana_asli.lembar["penyerapan_kini"]
            assert h.baris_tw[2]["kumulatif_53"] == pytest.approx(rencana_asli.baris_tw[2]["kumulatif_53"])
        wb = CalamineWorkbook.from_path(str(tmp_path / nama))
        for sel in ("PenyerapanKini", "IkpaRencanaProyeksi", "IkpaRencanaTertinggi", "PenyerapanDibutuhkan",
                    "DeviasiRata", "CapaianOutputKini", "PengurangRencana"):  # fmt: skip
            lembar, baris, kolom = b.tata.sel[sel]
            nilai = wb.get_sheet_by_name(lembar).to_python(skip_empty_area=False)[baris][kolom]
            harap = h.lembar[{"PenyerapanKini": "penyerapan_kini", "IkpaRencanaProyeksi": "ikpa_proyeksi",
                              "IkpaRencanaTertinggi": "ikpa_tertinggi", "PenyerapanDibutuhkan": "penyerapan_dibutuhkan",
                              "DeviasiRata": "deviasi_rata", "CapaianOutputKini": "capaian_output_kini",
                              "PengurangRencana": "pengurang"}[sel]]  # fmt: skip
            assert nilai == pytest.approx(harap), (nama, sel)


def test_blank_details_never_make_the_target_unreachable() -> None:
    """OM-SPAN values only (no pagu, no months): the highest value of the indicators computed from
    details is not known, so it is bounded by 100, said in a note, never 'cannot be reached'."""
    lakip = Lakip()
    lakip.profil.tahun = 2025
    lakip.rencana_ikpa = RencanaIkpa(target_ikpa=99.0)
    lakip.ikpa.komponen = [
        KomponenIkpa("revisi_dipa", 50.0),
        KomponenIkpa("deviasi_halaman_iii", 90.0),
        KomponenIkpa("penyerapan", 70.0),
        KomponenIkpa("belanja_kontraktual", None, berlaku=False),
        KomponenIkpa("penyelesaian_tagihan", None, berlaku=False),
        KomponenIkpa("up_tup", 100.0),
        KomponenIkpa("capaian_output", 95.0),
    ]
    h = hitung_rencana(lakip, aturan_bawaan())
    # Now: (10 x 50 + 15 x 90 + 20 x 70 + 10 x 100 + 25 x 95) / 100 / 0,8
    #    = (500 + 1350 + 1400 + 1000 + 2375) / 100 / 0,8 = 66,25 / 0,8 = 82,8125.
    assert h.ikpa_kini == pytest.approx(82.8125)
    # Highest: every indicator from details bounded by 100 -> 100.
    assert h.ikpa_tertinggi == pytest.approx(100.0)
    assert h.tercapai is True
    assert any("dapat mencapai 100" in c and "Penyerapan Anggaran" in c for c in h.catatan)


def test_lowercase_report_answer_counts_as_the_sheet_counts_it() -> None:
    # Excel's and LibreOffice's "=" ignore case: "ya" on the sheet counts as Ya; the engine agrees.
    lakip = kasus_isu()
    for b in lakip.rencana_ikpa.bulan[:2]:
        b.laporan_tepat_waktu = "ya"
    assert hitung_rencana(lakip, aturan_bawaan()).lembar["ketepatan_kini"] == 100.0


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"bulan_deviasi_terakhir": 0}, "bulan deviasi terakhir"),
        ({"bulan_deviasi_terakhir": 10.5}, "bilangan bulat"),
        ({"bobot_capaian_ro": 60}, "berjumlah 100"),
        ({"batas_rasio_penyerapan": -1}, "batas rasio penyerapan"),
        ({"target_penyerapan": {"58": [10, 20, 30, 40]}}, "jenis belanja '58'"),
        ({"target_penyerapan": {"51": [20, 50, 75, 200]}}, "0 sampai 100"),
        ({"tenggat": [{"tahun": None, "bulan": 13, "uraian": "x"}]}, "bulan tenggat"),
    ],
)
def test_planner_rules_out_of_range_are_refused(ubah: dict, pesan: str) -> None:
    from lakip_xl.compute.aturan import Aturan
    from lakip_xl.galat import AturanTidakValid

    d = aturan_bawaan().ke_dict()
    d["rencana_ikpa"]["2024"].update(ubah)
    with pytest.raises(AturanTidakValid, match=pesan):
        Aturan.dari_dict(d)


def test_ratio_cap_applies_to_the_highest_value_and_the_next_quarter() -> None:
    from lakip_xl.compute.aturan import Aturan

    d = aturan_bawaan().ke_dict()
    d["rencana_ikpa"]["2024"]["batas_rasio_penyerapan"] = 90
    h = hitung_rencana(kasus_isu(), Aturan.dari_dict(d), target=96.25)
    # No type exceeds 90 % of its target in TW I-II (90/80/50, 90/80/75): 75 and 81,25 stay.
    # Highest: (75 + 81,25 + 90 + 90) / 4 = 84,0625 < 85 = what 96,25 needs: not reachable.
    assert h.nilai_tw[:2] == pytest.approx([75.0, 81.25])
    assert next(i for i in h.indikator if i.kode == "penyerapan").tertinggi == pytest.approx(84.0625)
    assert h.tercapai is False and h.kebutuhan == []


def test_spent_deviation_budget_is_said_plainly() -> None:
    from lakip_xl.compute.angka import format_angka, format_persen
    from lakip_xl.compute.rencana import kalimat_deviasi

    lakip = kasus_isu()
    # March: every type spent double its RPD -> 100 % deviation that month; 100 / 11 = 9,09 > 5.
    lakip.rencana_ikpa.bulan[0] = _bulan(
        3, 180_000_000, 240_000_000, 50_000_000, rpd=(90_000_000, 120_000_000, 25_000_000)
    )
    h = hitung_rencana(lakip, aturan_bawaan())
    assert h.anggaran_deviasi is None
    assert h.deviasi_akhir == pytest.approx(100 - 100 / 11)  # 90,91: December not assessed, the rest 0
    teks = kalimat_deviasi(h, format_persen, format_angka)
    assert "tidak dapat lagi mencapai 100" in teks and "90,91" in teks


def test_cli_refuses_a_plan_from_inputs_with_galat(tmp_path: Path) -> None:
    lakip = kasus_isu()
    lakip.rencana_ikpa.bulan.append(BulanRencana(bulan=6, realisasi_51=1))
    sumber = tmp_path / "ganda.json"
    tulis_json(lakip, sumber)
    r = _cli("rencana-ikpa", str(sumber))
    assert r.returncode == 2 and "bulan 6 tercantum dua kali" in r.stderr and "Traceback" not in r.stderr


def test_workbook_text_number_and_duplicate_rule_rows(tmp_path: Path) -> None:
    """A number typed as text on the planner sheet is a galat (its formulas count it as 0); a rule
    row typed twice on Referensi is refused (its formulas would add both)."""
    from openpyxl import load_workbook

    from lakip_xl.buku_kerja.baca import baca_buku_kerja
    from lakip_xl.buku_kerja.tulis import bangun_buku_kerja

    asli = bangun_buku_kerja(kasus_isu(), tmp_path / "asli.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(asli)
    p = bk.tata.posisi["RencanaBulan"]
    sel = p.sel("realisasi_51", 2)  # March, belanja 51
    wb = load_workbook(asli, keep_vba=True)
    wb["Rencana IKPA"][sel] = "180.000.000"
    wb.save(tmp_path / "teks.xlsm")
    t = [x for x in baca_buku_kerja(tmp_path / "teks.xlsm").temuan if x.kode == "ANGKA_SEBAGAI_TEKS"]
    assert t and t[0].tingkat == "galat" and t[0].lokasi == f"Rencana IKPA!{sel}"
    r = _cli("rencana-ikpa", str(tmp_path / "teks.xlsm"))
    assert r.returncode == 2 and "ketik ulang sebagai angka" in r.stderr
    ref = bk.tata.posisi["RefTargetSerap"]
    baris = ref.awal + 16  # the first spare row after the 16 target rows of rule set 2024
    wb = load_workbook(asli, keep_vba=True)
    for kolom, nilai in (("aturan", "2024"), ("jenis", "52"), ("tw", 2), ("target", 45)):
        wb["Referensi"].cell(baris + 1, ref.kolom(kolom) + 1, nilai)
    wb.save(tmp_path / "ganda.xlsm")
    r = _cli("hitung", str(tmp_path / "ganda.xlsm"))
    assert r.returncode == 2 and "dua kali" in r.stderr and "jenis 52 TW 2" in r.stderr
