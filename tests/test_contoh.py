"""The shipped example (Kotabumi 2022) against the figures of the published report."""

import pytest

from lakip_xl.compute.angka import bulat
from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.hasil import hitung

# Penyerapan per output as printed in the seed's DIPA table. The three marked False are the
# report's own errors (DOMAIN.md section 7); every other printed figure is correct.
PUBLISHED_PENYERAPAN = {
    "KEG1.BAA.001": ("40.15", True),
    "KEG1.BAA.002": ("7.23", True),
    "KEG1.BHB.001": ("57.29", False),  # 193.192.935 / 162.992.935 is 118,53
    "KEG1.BHB.002": ("58.21", True),
    "KEG1.BHB.003": ("99.98", True),
    "KEG1.BHB.004": ("0.00", True),
    "KEG1.BIB.001": ("47.17", True),
    "KEG1.BKA.001": ("89.09", True),
    "KEG2.EBA.956": ("8.22", True),
    "KEG2.EBA.962": ("32.03", True),
    "KEG2.EBA.963": ("53.77", True),
    "KEG2.EBA.994": ("61.76", True),
    "KEG2.EBB.951": ("99.50", True),
    "KEG2.EBB.971": ("91.82", False),  # 1.113.446.188 / 3.522.498.000 is 31,61
    "KEG2.EBC.954": ("52.33", True),
    "KEG2.EBD.952": ("24.28", True),
    "KEG2.EBD.955": ("61.47", True),
    "KEG2.EBD.961": ("17.08", True),
}


def test_ikpa_acceptance(contoh):
    h = hitung(contoh, aturan_bawaan()).ikpa
    assert str(bulat(h.nilai_total)) == "97.14"
    assert h.konversi_bobot == 100
    assert str(bulat(h.nilai_akhir)) == "97.14"
    assert [str(bulat(h.aspek[a])) for a in ("perencanaan", "pelaksanaan", "hasil")] == ["87.88", "99.40", "99.46"]
    assert h.predikat == "Sangat Baik"


def test_work_area_totals(contoh):
    # The seed's "Jumlah" row: 114 kecamatan, 1.084 desa, 2.537.891 penduduk.
    w = hitung(contoh, aturan_bawaan()).wilayah
    assert (w.kabupaten, w.kecamatan, w.desa, w.penduduk) == (7, 114, 1084, 2537891)


def test_every_output_has_its_penyerapan(contoh):
    outputs = hitung(contoh, aturan_bawaan()).output
    assert [o.kode_lengkap for o in outputs] == list(PUBLISHED_PENYERAPAN)
    for o in outputs:
        printed, correct = PUBLISHED_PENYERAPAN[o.kode_lengkap]
        assert o.penyerapan is not None
        assert (str(bulat(o.penyerapan)) == printed) is correct, o.kode_lengkap


def test_kro_penyerapan_matches_printed_groups(contoh):
    # The seed's DIPA table groups its outputs by KRO (it calls them "kegiatan").
    a = hitung(contoh, aturan_bawaan()).anggaran
    got = {k.nama: str(bulat(k.penyerapan)) for k in a.per_kro}
    # Printed group percentages; Sarana dan Prasarana printed 92,19 but is 34,86.
    assert got["Pelayanan Publik Kepada Masyarakat"] == "39.17"
    assert got["Operasi Bidang Keamanan"] == "57.45"
    assert got["Layanan Dukungan Manajemen Internal"] == "58.63"
    assert got["Layanan Sarana dan Prasarana Internal"] == "34.86"
    assert got["Layanan Manajemen Kinerja Internal"] == "35.94"


def test_budget_totals(contoh):
    a = hitung(contoh, aturan_bawaan()).anggaran
    assert (a.pagu, a.realisasi) == (8234057000, 4463785560)
    assert a.sisa == 8234057000 - 4463785560
    assert str(bulat(a.penyerapan)) == "54.21"  # the report printed the unspent share, 45,79
    # Sum of the eight groups (KROs) of the DIPA table (DOMAIN.md section 7), and of the two
    # kegiatan above them, which have no figures of their own in the seed.
    assert sum(k.realisasi for k in a.per_kro) == 3902749878
    assert sum(k.realisasi for k in a.per_kegiatan) == 3902749878
    # Spending-type table: sisa printed 7.339.504 / 85.793.648 / 0.
    assert [r.sisa for r in a.per_jenis] == [7339504, 85793648, 0]
    assert [r.sisa for r in a.per_sumber] == [30110002, 63023150]
    assert a.jenis.pagu == a.sumber.pagu == 4663135000
    # Program comparison printed 59,66 / 75,34 and 50,08 / 52,69.
    assert [str(bulat(p["penyerapan"])) for p in a.perbandingan] == ["59.66", "75.34"]
    assert [str(bulat(p["pembanding_penyerapan"])) for p in a.perbandingan] == ["50.08", "52.69"]


def test_indicator_capaian(contoh):
    got = {i.kode: i.capaian for i in hitung(contoh, aturan_bawaan()).indikator}
    assert got["IKU-1"] == pytest.approx(1.63 / 3.25 * 100)
    assert str(bulat(got["IKU-1"])) == "50.15"  # printed 50,15
    assert str(bulat(got["IKU-3"])) == "50.00"  # 43,5 of 87


def test_output_capaian_capped_at_100_as_published(contoh):
    got = {o.kode_lengkap: o.capaian_volume for o in hitung(contoh, aturan_bawaan()).output}
    assert got["KEG1.BAA.001"] == 100  # 7.626 of 2.000, printed 100
    assert got["KEG2.EBB.951"] == pytest.approx(15 / 18 * 100)  # printed 83,33
    assert got["KEG2.EBB.971"] is None  # no realisation reported


def test_smart_nka(contoh):
    n = hitung(contoh, aturan_bawaan()).nka
    assert str(bulat(n.nilai)) == "63.64"
    assert n.predikat == "Cukup"
