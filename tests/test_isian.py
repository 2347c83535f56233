"""Inputs as a finance officer types them (issue 12, point 4): dates are date cells, IKPA
indicators are picked by name, and every form a unit can leave in such a cell is read back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from openpyxl import load_workbook
from xlsxwriter.utility import xl_rowcol_to_cell

from lakip_xl.buku_kerja.baca import baca_buku_kerja
from lakip_xl.buku_kerja.tulis import bangun_buku_kerja
from lakip_xl.compute.angka import tanggal_iso
from lakip_xl.compute.aturan import aturan_bawaan


@pytest.mark.parametrize(
    ("nilai", "iso"),
    [
        (dt.date(2024, 8, 17), "2024-08-17"),
        (dt.datetime(2024, 8, 17, 0, 0), "2024-08-17"),
        # Excel serial: 45292 is 2024-01-01; 17 August is 31+29+31+30+31+30+31+16 = 229 days later.
        (45292 + 229, "2024-08-17"),
        (45292.0, "2024-01-01"),
        ("2024-08-17", "2024-08-17"),
        ("17/08/2024", "2024-08-17"),  # as typed into an English-locale Excel (kept as text)
        ("17-8-2024", "2024-08-17"),
        (" 1.2.2025 ", "2025-02-01"),
        # Not dates: returned unchanged, for the validator to name.
        ("31/02/2024", "31/02/2024"),
        ("kemarin", "kemarin"),
        (45292.5, "45292.5"),  # no date serial: kept as text for the validator to name
        (0, "0"),
        (True, True),
    ],
)
def test_tanggal_iso(nilai, iso):
    assert tanggal_iso(nilai) == iso


def _lakip(contoh):
    return dataclasses.replace(
        contoh,
        profil=dataclasses.replace(contoh.profil, tanggal_laporan="2023-01-15"),
    )


def test_dates_are_date_cells_and_read_back(tmp_path, contoh):
    path = bangun_buku_kerja(_lakip(contoh), tmp_path / "t.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(path)
    lembar, r, c = bk.tata.sel["TanggalLaporan"]
    p = bk.tata.posisi["Prestasi"]
    wb = load_workbook(path, keep_vba=True)
    sel = wb[lembar][xl_rowcol_to_cell(r, c)]
    assert sel.is_date and sel.value == dt.datetime(2023, 1, 15)
    assert sel.number_format == "dd/mm/yyyy"
    pr = wb[p.lembar][p.sel("tanggal", 0)]
    assert pr.is_date and pr.value == dt.datetime(2022, 1, 27)  # the example's award date
    assert bk.lakip.profil.tanggal_laporan == "2023-01-15"
    assert bk.lakip.prestasi[0].tanggal == "2022-01-27"
    # The date cells carry a date check that warns (text typed in an English-locale Excel is kept).
    jenis = {(dv.type, dv.errorStyle) for dv in wb[lembar].data_validations.dataValidation}
    assert ("date", "warning") in jenis

    # What a unit may leave in those cells: a serial that lost its format, d/m/y text, nonsense.
    wb[lembar][xl_rowcol_to_cell(r, c)] = "15/01/2023"
    wb[p.lembar][p.sel("tanggal", 0)] = 44588  # 2022-01-27: 44562 (2022-01-01) + 26
    wb[p.lembar][p.sel("tanggal", 1)] = "akhir Januari"
    wb.save(tmp_path / "diubah.xlsm")
    bk2 = baca_buku_kerja(tmp_path / "diubah.xlsm")
    assert bk2.lakip.profil.tanggal_laporan == "2023-01-15"
    assert bk2.lakip.prestasi[0].tanggal == "2022-01-27"
    assert bk2.lakip.prestasi[1].tanggal == "akhir Januari"
    from lakip_xl.compute.hasil import hitung
    from lakip_xl.validasi import validasi

    temuan = bk2.lokasi(validasi(bk2.lakip, hitung(bk2.lakip, bk2.aturan), bk2.aturan))
    t = next(t for t in temuan if "akhir Januari" in t.pesan)
    assert t.lokasi == f"{p.lembar}!{p.sel('tanggal', 1)}"
    assert "Ketik tanggal" in t.pesan


def test_ikpa_indicators_are_picked_by_name(tmp_path, contoh):
    """Issue 12: choices as Indonesian labels. The IKPA sheet shows "Revisi DIPA", not
    revisi_dipa; a code typed by habit is still read; an unknown name is a galat at its cell."""
    from lakip_xl.compute.hasil import hitung
    from lakip_xl.validasi import validasi

    path = bangun_buku_kerja(contoh, tmp_path / "i.xlsm", aturan=aturan_bawaan())
    bk = baca_buku_kerja(path)
    p = bk.tata.posisi["IkpaKomponen"]
    wb = load_workbook(path, keep_vba=True)
    ws = wb[p.lembar]
    # The example's first two components, as OM-SPAN names them (lakip_xl/data/aturan.json).
    assert [contoh.ikpa.komponen[i].kode for i in (0, 1)] == ["revisi_dipa", "deviasi_halaman_iii"]
    assert ws[p.sel("kode", 0)].value == "Revisi DIPA"
    assert ws[p.sel("kode", 1)].value == "Deviasi Halaman III DIPA"
    daftar = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "DaftarNamaIkpa" in daftar
    assert [k.kode for k in bk.lakip.ikpa.komponen] == [k.kode for k in contoh.ikpa.komponen]

    ws[p.sel("kode", 0)] = "revisi_dipa"  # typed as a code
    ws[p.sel("kode", 1)] = "deviasi halaman iii dipa"  # another case
    ws[p.sel("kode", 2)] = "Revisi Anggaran"  # no such indicator
    wb.save(tmp_path / "diubah.xlsm")
    bk2 = baca_buku_kerja(tmp_path / "diubah.xlsm")
    kode = [k.kode for k in bk2.lakip.ikpa.komponen]
    assert kode[:2] == ["revisi_dipa", "deviasi_halaman_iii"] and kode[2] == "Revisi Anggaran"
    temuan = bk2.lokasi(validasi(bk2.lakip, hitung(bk2.lakip, bk2.aturan), bk2.aturan))
    t = next(t for t in temuan if "Revisi Anggaran" in t.pesan)
    assert t.tingkat == "galat" and t.lokasi == f"{p.lembar}!{p.sel('kode', 2)}"
    assert "Pilih indikator dari daftar" in t.pesan
