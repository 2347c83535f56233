"""Deterministic generator of realistic synthetic units, for tests and benchmarks.

    lakip-xl contoh-sintetis --jumlah 100 --benih 1 -o FOLDER

The same ``--jumlah`` and ``--benih`` always give the same data. Units vary in indicators,
hierarchy size, budget and IKPA values, and some carry the kinds of mistakes real reports have
(realisasi above pagu, a group that does not add up, a stated percentage that is wrong).
"""

from __future__ import annotations

import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..compute.aturan import aturan_bawaan
from ..model import (
    Anggaran,
    BarisBelanja,
    Ikpa,
    Indikator,
    Kegiatan,
    KomponenIkpa,
    Kro,
    Lakip,
    Narasi,
    Output,
    Pengaturan,
    Profil,
    Program,
    Smart,
    Wilayah,
)

JENIS = ("Kantor Imigrasi Kelas I TPI", "Kantor Imigrasi Kelas II Non TPI", "Lembaga Pemasyarakatan Kelas IIA",
         "Rumah Tahanan Negara Kelas IIB", "Balai Pemasyarakatan Kelas II", "Rumah Penyimpanan Benda Sitaan Negara")  # fmt: skip
KOTA = ("Bandar Lampung", "Metro", "Kotabumi", "Kalianda", "Liwa", "Menggala", "Sukadana", "Kota Agung", "Gunung Sugih",
        "Blambangan Umpu", "Pringsewu", "Krui", "Mesuji", "Panaragan", "Gedong Tataan")  # fmt: skip
KABUPATEN = ("Lampung Utara", "Way Kanan", "Tulang Bawang", "Mesuji", "Lampung Barat", "Pesisir Barat", "Lampung Selatan",
             "Lampung Timur", "Lampung Tengah", "Tanggamus", "Pringsewu", "Pesawaran")  # fmt: skip
IKU = (("Indeks Kepuasan Masyarakat terhadap Layanan Publik", "Indeks", 3.0, 3.6, "terakhir"),
       ("Indeks Pengamanan", "Indeks", 3.0, 3.4, "terakhir"),
       ("Nilai Reformasi Birokrasi", "Nilai", 75, 92, "terakhir"),
       ("Nilai Akuntabilitas Kinerja", "Nilai", 70, 90, "terakhir"),
       ("Persentase Layanan Tepat Waktu", "Persen", 85, 100, "terakhir"),
       ("Jumlah Layanan Pengaduan Diselesaikan", "Layanan", 40, 400, "jumlah"))  # fmt: skip
# KRO names of the standard nomenclature (codes: KODE_KRO, in the same order).
KEGIATAN = ("Pelayanan Publik kepada Masyarakat", "Operasi Bidang Keamanan", "Pengawasan dan Pengendalian",
            "Layanan Dukungan Manajemen Internal", "Layanan Sarana dan Prasarana Internal", "Layanan Manajemen SDM",
            "Layanan Manajemen Kinerja Internal", "Pembinaan Warga Binaan")  # fmt: skip
KODE_KRO = ("BAA", "BHB", "BIB", "EBA", "EBB", "EBC", "EBD", "BDC")
OUTPUT = ("Layanan Dokumen", "Layanan Izin", "Operasi Mandiri", "Operasi Gabungan", "Layanan BMN", "Layanan Umum",
          "Layanan Data dan Informasi", "Layanan Perkantoran", "Layanan Perencanaan", "Layanan Keuangan")  # fmt: skip


def _r2(x: float) -> float:
    return round(x, 2)


def unit(i: int, benih: int) -> Lakip:
    """Synthetic unit number ``i`` of the set with seed ``benih``."""
    rnd = random.Random(benih * 1_000_003 + i)
    kode = f"{650000 + i:06d}"
    jenis = rnd.choice(JENIS)
    kota = rnd.choice(KOTA)
    periode = rnd.choice(("Semester I", "Tahunan"))
    tahun = rnd.choice((2023, 2024))
    n_tw = 2 if periode == "Semester I" else 4
    indikator = []
    for j, (nama, satuan, lo, hi, kum) in enumerate(rnd.sample(IKU, rnd.randint(3, 6))):
        target = _r2(rnd.uniform(lo, hi)) if satuan != "Layanan" else float(rnd.randint(int(lo), int(hi)))
        if kum == "jumlah":
            per = target / 4
            real_tw = [float(round(per * rnd.uniform(0.6, 1.3))) if q < n_tw else None for q in range(4)]
            target_tw: list[float | None] = [*[float(round(per))] * 3, float(target - 3 * round(per))]
        else:
            real_tw = [_r2(target * rnd.uniform(0.7, 1.1)) if q < n_tw else None for q in range(4)]
            target_tw = [target] * 4
        indikator.append(
            Indikator(
                kode=f"IKU-{j + 1}",
                tingkat="iku",
                sasaran=f"Sasaran strategis {j + 1}",
                nama=nama,
                satuan=satuan,
                polaritas="positif",
                kumulatif="jumlah" if kum == "jumlah" else "terakhir",
                target=target,
                target_tw=target_tw,
                realisasi_tw=real_tw,
                realisasi_tahun_lalu=_r2(target * rnd.uniform(0.8, 1.05)) if rnd.random() < 0.5 else None,
            )
        )
    programs = []
    n_out = 0
    for p_i in range(2):
        kro = []
        for k_i in range(rnd.randint(1, 4)):
            outs = []
            for o_i in range(rnd.randint(1, 4)):
                n_out += 1
                pagu = rnd.randint(20, 3000) * 1_000_000 + rnd.randint(0, 999) * 1000
                realisasi = int(pagu * rnd.uniform(0.3 if periode == "Semester I" else 0.75, 1.0))
                if rnd.random() < 0.03:
                    realisasi = int(pagu * 1.15)  # a typing mistake: over the pagu
                vt = rnd.randint(1, 200)
                outs.append(
                    Output(
                        kode=f"{o_i + 1:03d}",
                        nama=rnd.choice(OUTPUT),
                        satuan=rnd.choice(("Layanan", "Dokumen", "Orang")),
                        volume_target=float(vt),
                        volume_realisasi=float(max(0, round(vt * rnd.uniform(0.4, 1.2)))),
                        pagu=pagu,
                        realisasi=realisasi,
                        penyerapan_dinyatakan=_r2(realisasi / pagu * 100) if rnd.random() < 0.5 else None,
                    )
                )
            pagu_k = sum(o.pagu or 0 for o in outs)
            if rnd.random() < 0.05:
                pagu_k += rnd.randint(1, 50) * 1_000_000  # a group that does not add up
            n = rnd.choice(range(len(KEGIATAN)))
            # A KRO code once per kegiatan: the k-th KRO takes the k-th code after the drawn one.
            kro.append(Kro(kode=KODE_KRO[(n + k_i) % len(KODE_KRO)], nama=KEGIATAN[(n + k_i) % len(KEGIATAN)],
                           pagu=pagu_k, output=outs))  # fmt: skip
        programs.append(
            Program(
                kode=("BF", "WA")[p_i],
                nama=("Program Penegakan dan Pelayanan Hukum", "Program Dukungan Manajemen")[p_i],
                kegiatan=[Kegiatan(kode=f"{6001 + p_i}", nama=f"Kegiatan sintetis {p_i + 1}", kro=kro)],
            )
        )
    total_p = sum(o.pagu or 0 for p in programs for k in p.kegiatan for r in k.kro for o in r.output)
    total_r = sum(o.realisasi or 0 for p in programs for k in p.kegiatan for r in k.kro for o in r.output)
    porsi = (0.35, 0.55, 0.10)
    belanja = []
    sisa_p, sisa_r = total_p, total_r
    for n, (kd, nama) in enumerate((("51", "Belanja Pegawai"), ("52", "Belanja Barang"), ("53", "Belanja Modal"))):
        p_ = int(total_p * porsi[n]) if n < 2 else sisa_p
        r_ = int(total_r * porsi[n]) if n < 2 else sisa_r
        sisa_p -= p_
        sisa_r -= r_
        belanja.append(BarisBelanja(kode=kd, nama=nama, pagu=p_, realisasi=r_))
    rm = int(total_p * rnd.uniform(0.5, 0.8))
    rm_r = int(total_r * rm / total_p)
    sumber = [BarisBelanja(kode="RM", nama="Rupiah Murni", pagu=rm, realisasi=rm_r),
              BarisBelanja(kode="PNBP", nama="Penerimaan Negara Bukan Pajak", pagu=total_p - rm, realisasi=total_r - rm_r)]  # fmt: skip
    aturan = "2024" if tahun >= 2024 else "2022"
    komponen = [
        KomponenIkpa(
            kode=x.kode,
            nilai=_r2(100 - rnd.betavariate(1.3, 5) * 40),
            berlaku=not (x.kode == "belanja_kontraktual" and rnd.random() < 0.15),
        )
        for x in aturan_bawaan().set_ikpa(aturan).indikator
    ]
    penyerapan = total_r / total_p * 100
    return Lakip(
        profil=Profil(
            nama=f"{jenis} {kota}",
            kelas="I" if "Kelas I " in jenis else "II",
            kode_satker=kode,
            kode_ba="013",
            kode_kppn=f"{100 + i % 60:03d}",
            kementerian="Kementerian Hukum dan Hak Asasi Manusia",
            kanwil="Kantor Wilayah Kementerian Hukum dan HAM Lampung",
            tahun=tahun,
            periode="Tahunan" if periode == "Tahunan" else "Semester I",
            kepala_nama=f"Kepala Satker {i}",
            kepala_nip=f"19{rnd.randint(70, 89)}{rnd.randint(10**13, 10**14 - 1)}",
            kota=kota,
        ),
        wilayah=[
            Wilayah(
                nama=f"Kabupaten {k}",
                kecamatan=rnd.randint(8, 30),
                desa=rnd.randint(80, 300),
                penduduk=rnd.randint(150_000, 900_000),
            )
            for k in rnd.sample(KABUPATEN, rnd.randint(1, 5))
        ],
        indikator=indikator,
        anggaran=Anggaran(
            program=programs, jenis_belanja=belanja, sumber_dana=sumber, total_penyerapan_dinyatakan=_r2(penyerapan)
        ),
        ikpa=Ikpa(
            aturan=aturan,
            periode=f"{periode} {tahun}",
            komponen=komponen,
            pengurang_dispensasi=_r2(rnd.choice((0, 0, 0, 0.25, 0.5))) if aturan == "2024" else None,
        ),
        smart=Smart(
            penyerapan=_r2(penyerapan),
            konsistensi=_r2(rnd.uniform(70, 100)),
            capaian_output=_r2(rnd.uniform(60, 100)),
            efisiensi_mentah=_r2(rnd.uniform(-10, 20)),
        ),
        narasi=Narasi(kesimpulan="Kinerja satker pada periode ini dijelaskan pada Bab III."),
        pengaturan=Pengaturan(batas_capaian_output=100.0),
    )


def _tulis(args: tuple[int, int, str, str]) -> str:
    i, benih, folder, fmt = args
    from ..buku_kerja.tulis import bangun_buku_kerja
    from ..schema.data import tulis_json

    u = unit(i, benih)
    nama = f"{u.profil.kode_satker}_{u.profil.tahun}"
    if fmt == "json":
        return str(tulis_json(u, Path(folder) / f"{nama}.json"))
    return str(bangun_buku_kerja(u, Path(folder) / f"{nama}.xlsm", aturan=aturan_bawaan()))


def tulis_sintetis(
    jumlah: int, benih: int, folder: Path, fmt: str = "xlsm", jobs: int | None = None, kemajuan=None, mulai: int = 0
) -> list[Path]:
    """Write ``jumlah`` synthetic units (numbers ``mulai`` .. ``mulai + jumlah - 1``) to ``folder``
    (workbooks or JSON), in parallel; unit ``i`` is the same whatever ``mulai`` is."""
    folder.mkdir(parents=True, exist_ok=True)
    tugas = [(i, benih, str(folder), fmt) for i in range(mulai, mulai + jumlah)]
    hasil: list[Path] = []
    if (jobs or 2) == 1 or jumlah < 4:
        for n, t in enumerate(tugas, 1):
            hasil.append(Path(_tulis(t)))
            if kemajuan:
                kemajuan(n, jumlah)
        return hasil
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        for n, p in enumerate(ex.map(_tulis, tugas, chunksize=4), 1):
            hasil.append(Path(p))
            if kemajuan:
                kemajuan(n, jumlah)
    return hasil
