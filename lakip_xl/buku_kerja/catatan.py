"""The cell notes (comments) on every input column header and input label of the workbook: what
to type, in the words a finance officer uses. One specific sentence where the column needs one,
then how to type its kind of value; the "stated" (``*_dinyatakan`` / "tercantum") figures say
what they are for."""

from __future__ import annotations

from . import skema as S

# How to type each kind of value.
CARA_ISI = {
    "teks": "Ketik teks; Alt+Enter membuat baris baru di dalam sel.",
    "uang": "Rupiah, bilangan bulat tanpa titik atau 'Rp' (mis. 125000000).",
    "angka": "Angka; pemisah desimal mengikuti pengaturan komputer (mis. 97,5 atau 97.5).",
    "persen": "Persen sebagai angka tanpa tanda % (mis. 95,5 berarti 95,5%).",
    "bulat": "Bilangan bulat.",
    "tahun": "Tahun empat angka, mis. 2024.",
}

DINYATAKAN = (
    "Opsional: angka seperti tercantum di dokumen sumber (laporan yang sudah terbit, OM-SPAN, SMART). Tidak dipakai "
    "untuk menghitung; 'Hitung dan Validasi' membandingkannya dengan hasil rumus dan memberi peringatan "
    "DINYATAKAN_BERBEDA bila selisihnya melebihi toleransi (lembar Referensi). Kosongkan bila tidak ada."
)
TERCANTUM_DIPAKAI = (
    "Angka seperti tercantum di DIPA. Bila diisi, angka ini yang dipakai sebagai total dan dibandingkan dengan "
    "jumlah rinciannya (berbeda: merah, dihitung di Beranda); bila kosong, dipakai jumlah rinciannya."
)

# Specific notes: "Table.column" for table columns, the defined name for block cells.
KHUSUS: dict[str, str] = {
    "Wilayah.nama": "Satu baris per kabupaten/kota wilayah kerja.",
    "Indikator.kode": "Kode unik indikator, mis. IKU-1. Baris yang sama di lembar Realisasi menampilkan kode ini.",
    "Indikator.tingkat": "iku = Indikator Kinerja Utama; program atau kegiatan untuk indikator tingkat di bawahnya.",
    "Indikator.sasaran": "Sasaran strategis/program yang diukur indikator ini, seperti di Perjanjian Kinerja.",
    "Indikator.nama": "Nama indikator seperti di Perjanjian Kinerja.",
    "Indikator.satuan": "Pilih dari daftar atau ketik satuan lain (mis. Persen, Indeks, Dokumen).",
    "Indikator.polaritas": "positif: makin tinggi makin baik; negatif: makin rendah makin baik.",
    "Indikator.kumulatif": "jumlah: realisasi triwulan dijumlahkan; terakhir: dipakai realisasi triwulan terakhir "
    "yang terisi (untuk indeks/persentase).",
    "Indikator.target": "Target tahunan di Perjanjian Kinerja. Untuk target rentang: batas bawahnya.",
    "Indikator.target_atas": "Hanya untuk target rentang (mis. 80-90): batas atasnya. Kosongkan untuk target tunggal.",
    "Indikator.target_tw.0": "Target triwulan I (opsional).",
    "Indikator.target_tw.1": "Target triwulan II (opsional).",
    "Indikator.target_tw.2": "Target triwulan III (opsional).",
    "Indikator.target_tw.3": "Target triwulan IV (opsional).",
    "Indikator.realisasi_tahun_lalu": "Realisasi indikator ini tahun lalu, untuk perbandingan di Bab III.",
    "Indikator.target_renstra": "Target akhir Renstra (jangka menengah), untuk perbandingan di Bab III.",
    "Realisasi.realisasi_tw.0": "Realisasi triwulan I (bukan kumulatif, kecuali indikator 'terakhir').",
    "Realisasi.realisasi_tw.1": "Realisasi triwulan II.",
    "Realisasi.realisasi_tw.2": "Realisasi triwulan III (tidak dihitung pada laporan Semester I).",
    "Realisasi.realisasi_tw.3": "Realisasi triwulan IV (tidak dihitung pada laporan Semester I).",
    "Realisasi.realisasi": "Isi hanya bila realisasi per triwulan tidak tersedia: realisasi kumulatif periode laporan. "
    "Bila triwulan juga diisi, yang dipakai triwulan.",
    "Program.kode": "Kode program DIPA, unik. Kegiatan menyebut kode ini di kolom 'Kode program'.",
    "Program.nama": "Nama program seperti di DIPA.",
    "Program.pagu": "Pagu program seperti di DIPA. Kosongkan untuk memakai jumlah pagu kegiatannya; bila diisi dan "
    "berbeda dari jumlah itu, sel menjadi merah dan dihitung di Beranda.",
    "Program.realisasi": "Realisasi program (OM-SPAN). Kosongkan untuk memakai jumlah realisasi kegiatannya.",
    "Program.pagu_pk": "Alokasi anggaran program ini pada Perjanjian Kinerja.",
    "Program.pembanding_pagu": "Pagu program pada periode pembanding (nama periode: lembar Anggaran).",
    "Program.pembanding_realisasi": "Realisasi program pada periode pembanding.",
    "Kegiatan.kode": "Kode kegiatan DIPA (empat angka, mis. 4262), unik di seluruh DIPA. KRO dan RO menyebut kode "
    "ini di kolom 'Kode kegiatan'.",
    "Kegiatan.program": "Kode program induk kegiatan ini, persis seperti di tabel Program di atas.",
    "Kegiatan.nama": "Nama kegiatan seperti di DIPA.",
    "Kegiatan.pagu": "Pagu kegiatan seperti di DIPA. Kosongkan untuk memakai jumlah pagu KRO-nya; bila diisi dan "
    "berbeda dari jumlah itu, sel merah dan dihitung di Beranda.",
    "Kegiatan.realisasi": "Realisasi kegiatan (OM-SPAN). Kosongkan untuk memakai jumlah realisasi KRO-nya.",
    "Kro.kode": "Kode KRO DIPA (tiga huruf, mis. QAH). Kode yang sama boleh muncul di bawah kegiatan lain; di bawah "
    "satu kegiatan harus unik.",
    "Kro.kegiatan": "Kode kegiatan induk KRO ini, persis seperti di tabel Kegiatan di atas.",
    "Kro.nama": "Nama KRO seperti di DIPA (mis. Layanan Dukungan Manajemen Internal).",
    "Kro.pagu": "Pagu KRO seperti di DIPA. Kosongkan untuk memakai jumlah pagu RO-nya; bila diisi dan berbeda dari "
    "jumlah itu, sel merah dan dihitung di Beranda.",
    "Kro.realisasi": "Realisasi KRO (OM-SPAN). Kosongkan untuk memakai jumlah realisasi RO-nya.",
    "Output.kode": "Kode RO (rincian output) DIPA, tiga angka (mis. 001 dari 4262.QAH.001). Unik di bawah satu KRO; "
    "kode yang sama boleh muncul di KRO lain.",
    "Output.kegiatan": "Kode kegiatan induk RO ini (mis. 4262), persis seperti di tabel Kegiatan.",
    "Output.kro": "Kode KRO induk RO ini (mis. QAH); pasangan kode kegiatan dan kode KRO harus ada di tabel KRO.",
    "Output.nama": "Nama RO seperti di DIPA.",
    "Output.sasaran": "Sasaran kegiatan yang didukung RO ini (opsional).",
    "Output.indikator": "Indikator kinerja RO (opsional).",
    "Output.volume_target": "Target volume RO (DIPA/RKA-K/L).",
    "Output.volume_realisasi": "Realisasi volume RO sampai akhir periode laporan.",
    "Output.pagu": "Pagu RO seperti di DIPA.",
    "Output.realisasi": "Realisasi anggaran RO (OM-SPAN). Lebih besar dari pagu: merah, dihitung di Beranda.",
    "JenisBelanja.kode": "Kode jenis belanja (51 pegawai, 52 barang, 53 modal) atau kode lain.",
    "JenisBelanja.nama": "Uraian jenis belanja, mis. Belanja Pegawai.",
    "SumberDana.kode": "Kode sumber dana (RM, PNBP, BLU, ...).",
    "SumberDana.nama": "Uraian sumber dana, mis. Rupiah Murni.",
    "IkpaKomponen.kode": "Pilih nama indikator IKPA seperti di OM-SPAN (mis. Revisi DIPA, Penyerapan Anggaran); "
    "kodenya tampil di kolom sebelah. Daftar nama: lembar Referensi, tabel 'Bobot indikator IKPA per aturan'.",
    "IkpaKomponen.bobot": "Kosongkan untuk memakai bobot baku aturan; isi bila bobot di OM-SPAN berbeda.",
    "IkpaKomponen.nilai": "Nilai indikator (0-100) seperti di OM-SPAN.",
    "IkpaKomponen.berlaku": "Tidak: indikator tidak berlaku bagi satker ini (bobotnya dibagi ulang).",
    "IkpaDisebut.lokasi": "Bagian laporan yang menyebut nilai IKPA (mis. Ikhtisar eksekutif), untuk dicocokkan.",
    "IkpaDisebut.nilai": "Nilai IKPA yang disebut di bagian itu; berbeda dari nilai akhir: peringatan.",
    "RencanaBulan.bulan": "Bulan ke- (1-12); sudah terisi.",
    "RencanaBulan.laporan_tepat_waktu": "Ya bila laporan capaian output bulan ini disampaikan tepat waktu.",
    "RencanaBulan.capaian_ro": "Progres capaian RO bulan ini seperti di aplikasi (persen).",
    "RencanaIndikator.kode": "Kode indikator IKPA (sudah terisi menurut aturan yang berlaku).",
    "Prestasi.judul": "Nama penghargaan.",
    "Prestasi.tanggal": "Tanggal penghargaan, diketik sebagai tanggal (mis. 17/08/2024).",
    "Inovasi.nama": "Nama inovasi.",
    "Inovasi.uraian": "Uraian singkat inovasi dan manfaatnya.",
    "IkpaKomponen.penjelasan": "Penjelasan singkat nilai indikator ini (mis. sebab nilainya di bawah 100); dicetak di "
    "tabel IKPA laporan.",
    "Analisis.standar_nasional": "Nilai standar nasional indikator ini, bila ada (mis. dari kementerian); kosongkan "
    "bila tidak ada.",
    "Analisis.penyebab": "Penyebab keberhasilan atau kegagalan mencapai target (Bab III).",
    "Analisis.solusi": "Alternatif solusi yang telah atau akan dilakukan.",
    "Analisis.efisiensi": "Analisis efisiensi penggunaan sumber daya (anggaran, pegawai, sarana) untuk indikator ini.",
    "Analisis.program_pendukung": "Program atau kegiatan yang menunjang keberhasilan atau kegagalan indikator ini.",
    "Renstra.indikator": "Kode indikator persis seperti di lembar Indikator (mis. IKU-1). Satu baris per indikator "
    "per tahun.",
    "Renstra.tahun": "Tahun Renstra, mis. 2020 sampai 2024.",
    "Renstra.target": "Target indikator pada tahun itu menurut Renstra.",
    "Renstra.realisasi": "Realisasi indikator pada tahun itu (tahun-tahun sebelumnya; realisasi tahun ini diambil "
    "dari lembar Realisasi).",
    "AplikasiKinerja.nama": "Nama aplikasi kinerja lain, mis. e-Performance Kementerian atau E-Monev Bappenas.",
    "AplikasiKinerja.nilai": "Nilai atau capaian yang ditampilkan aplikasi itu (opsional).",
    "AplikasiKinerja.periode": "Periode nilai, mis. 'Semester I 2022'.",
    "AplikasiKinerja.keterangan": "Keterangan singkat, mis. apa yang diukur aplikasi itu.",
    "Struktur.nama": "Unit atau jabatan, mis. Kepala Urusan Tata Usaha; satu baris per unit.",
    "Struktur.fungsi": "Fungsi unit itu, satu fungsi per baris (Alt+Enter).",
    "Struktur.pejabat": "Nama pejabat yang menduduki jabatan itu (opsional).",
    "LandasanHukum.jenis": "Jenis peraturan, mis. Peraturan Presiden atau Peraturan Menteri PANRB.",
    "LandasanHukum.nomor": "Nomor peraturan seperti tertulis, mis. 29 atau MHH-04.PR.03.01.",
    "LandasanHukum.tahun": "Tahun peraturan ditetapkan.",
    "LandasanHukum.tentang": "Judul peraturan (setelah kata 'tentang').",
    "Sdm.kategori": "Pengelompokan pegawai, mis. Jabatan, Golongan, atau Pendidikan.",
    "Sdm.uraian": "Kelompok dalam kategori itu, mis. Golongan III atau S1.",
    "Sdm.jumlah": "Jumlah pegawai dalam kelompok itu.",
    "TindakLanjut.masalah": "Masalah atau rekomendasi (mis. hasil evaluasi SAKIP) yang ditindaklanjuti.",
    "TindakLanjut.rencana": "Langkah yang akan dilakukan.",
    "TindakLanjut.penanggung_jawab": "Unit atau pejabat yang bertanggung jawab.",
    "TindakLanjut.batas_waktu": "Batas waktu penyelesaian, diketik sebagai tanggal (mis. 30/06/2023).",
    "LogoSatker": "Nama berkas logo PNG atau JPEG, dicari di folder yang sama dengan buku kerja ini (mis. "
    "logo.png); tampil di sampul laporan. Kosongkan bila tanpa logo.",
    "PilihanAturanIkpa": "Kosongkan: aturan dipilih menurut tahun anggaran. Isi hanya untuk memaksa aturan lain.",
    "PilihanAturanNka": "Kosongkan: aturan dipilih menurut tahun anggaran.",
    "PeriodeLaporan": "Semester I: dua triwulan dihitung; Tahunan: empat triwulan.",
    "KepalaNIP": "18 angka, ditulis sebagai teks (tanpa spasi).",
    "TanggalLaporan": "Tanggal penandatanganan, diketik sebagai tanggal (mis. 15/01/2025).",
    "LabelPembanding": "Nama periode pembanding, mis. 'TA 2021' atau 'Semester I 2021'.",
    "TotalPaguDinyatakan": TERCANTUM_DIPAKAI,
    "TotalRealisasiDinyatakan": TERCANTUM_DIPAKAI,
    "AlokasiPK": "Alokasi anggaran pada Perjanjian Kinerja. Dibandingkan dengan jumlah alokasi program dan pagu "
    "DIPA; berbeda: merah, dihitung di Beranda.",
    "PengurangDispensasiIkpa": "Aturan 2024+: pengurang dispensasi SPM seperti di OM-SPAN.",
    "PeriodeIkpa": "Periode nilai IKPA, mis. 'Desember 2024'.",
    "PeriodeSmart": "Periode nilai SMART, mis. 'Triwulan IV 2024'.",
}


def _cara(format_: str, pilihan: str | None, ketat: bool) -> str:
    if pilihan:
        isi = ", ".join(S.DAFTAR.get(pilihan, ()))
        daftar = f" ({isi})" if isi else ""
        return f"Pilih dari daftar{daftar}" + ("." if ketat else "; boleh diketik sendiri.")
    return CARA_ISI.get(format_, "")


def _dinyatakan(kunci: str, judul: str) -> bool:
    return kunci.endswith("_dinyatakan") or "dinyatakan" in judul or "tercantum" in judul


def catatan_kolom(t: S.Tabel, k: S.Kolom) -> str:
    """The note on an input column's header."""
    khusus = KHUSUS.get(f"{t.kunci}.{k.kunci}")
    if khusus is None and _dinyatakan(k.kunci, k.judul):
        khusus = DINYATAKAN
    bagian = [khusus or k.catatan or f"Isi {k.judul.lower()}.", _cara(k.format, k.pilihan, k.pilihan_ketat)]
    if k.catatan and khusus and k.catatan not in khusus:
        bagian.insert(1, k.catatan[0].upper() + k.catatan[1:] + ".")
    return " ".join(b for b in bagian if b)


def catatan_sel(s: S.Sel) -> str:
    """The note on an input cell's label."""
    khusus = KHUSUS.get(s.nama)
    if khusus is None and _dinyatakan(s.kunci, s.label) and s.nama not in KHUSUS:
        khusus = DINYATAKAN
    bagian = [khusus or f"Isi {s.label[0].lower() + s.label[1:]}.", _cara(s.format, s.pilihan, True)]
    if s.catatan and (khusus is None or s.catatan not in khusus):
        bagian.insert(1, s.catatan[0].upper() + s.catatan[1:] + ".")
    return " ".join(b for b in bagian if b)
