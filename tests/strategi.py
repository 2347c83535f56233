"""Hypothesis strategies: random but realistic LAKIP data sets."""

from __future__ import annotations

from hypothesis import strategies as st

from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.model import (
    Anggaran,
    BarisBelanja,
    Ikpa,
    Indikator,
    Kegiatan,
    KomponenIkpa,
    Kro,
    Lakip,
    NilaiDisebut,
    Output,
    Pengaturan,
    Profil,
    Program,
    Sakip,
    Smart,
    Wilayah,
)

# Figures with at most two decimals, as units type them (they survive any file format).
persen = st.integers(0, 10000).map(lambda n: n / 100)
angka = st.integers(0, 1_000_00).map(lambda n: n / 100)
uang = st.integers(0, 5_000_000_000)
teks = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=30).map(
    lambda s: s.strip() or "x"
)


def opsional(s):
    return st.none() | s


def _sen(x: float) -> int:
    return round(x * 100)


@st.composite
def realisasi_terhadap(draw, bawah: float, atas: float) -> float:
    """A realisation below, on a bound of, inside or above the target range [bawah, atas]."""
    lo, hi = _sen(bawah), _sen(atas)
    letak = draw(st.sampled_from(["bawah", "tepi", "dalam", "atas"]))
    if letak == "bawah" and lo > 0:
        return draw(st.integers(0, lo - 1)) / 100
    if letak == "dalam" and hi - lo > 1:
        return draw(st.integers(lo + 1, hi - 1)) / 100
    if letak == "atas":
        return draw(st.integers(hi + 1, hi + 100_00)) / 100
    return draw(st.sampled_from([bawah, atas]))


@st.composite
def indikator(draw, i: int) -> Indikator:
    # "rentang" is the old range polarity, still read; any polarity may have a range target.
    pol = draw(st.sampled_from(["positif", "negatif", "rentang"]))
    target = draw(st.one_of(st.just(0.0), st.none(), angka.filter(lambda x: x > 0))) if i == 0 else draw(angka)
    # A range target (bounds in either order), a single target, or an upper bound equal to the target.
    target_atas = draw(angka | st.none() | st.just(target))
    realisasi_tw = draw(st.lists(opsional(angka), min_size=4, max_size=4))
    realisasi = draw(opsional(angka))
    if target is not None and target_atas is not None and draw(st.booleans()):
        # Typed as a cumulative figure, placed against the range (below, on a bound, inside, above).
        realisasi_tw = [None] * 4
        realisasi = draw(realisasi_terhadap(min(target, target_atas), max(target, target_atas)))
    return Indikator(
        kode=f"IND-{i + 1}",
        tingkat=draw(st.sampled_from(["iku", "program", "kegiatan"])),
        sasaran=draw(teks),
        nama=draw(teks),
        satuan=draw(st.sampled_from(["Indeks", "Persen", "Layanan", ""])),
        polaritas=pol,
        kumulatif=draw(st.sampled_from(["jumlah", "terakhir"])),
        target=target,
        target_atas=target_atas,
        target_tw=draw(st.lists(opsional(angka), min_size=4, max_size=4)),
        realisasi_tw=realisasi_tw,
        realisasi=realisasi,
        realisasi_tahun_lalu=draw(opsional(angka)),
        target_renstra=draw(opsional(angka)),
        capaian_dinyatakan=draw(opsional(persen)),
    )


@st.composite
def output(draw, kode: str) -> Output:
    pagu = draw(opsional(uang))
    return Output(
        kode=kode,
        nama=draw(teks),
        sasaran=draw(st.just("") | teks),
        indikator=draw(st.just("") | teks),
        satuan=draw(st.sampled_from(["Layanan", "Dokumen", "Orang"])),
        volume_target=draw(opsional(st.integers(0, 5000).map(float))),
        volume_realisasi=draw(opsional(st.integers(0, 9000).map(float))),
        pagu=pagu,
        realisasi=draw(opsional(uang)),
        penyerapan_dinyatakan=draw(opsional(persen)),
        capaian_volume_dinyatakan=draw(opsional(persen)),
    )


@st.composite
def anggaran(draw) -> Anggaran:
    programs = []
    n_out = 0
    for p in range(draw(st.integers(1, 2))):
        kegiatan = []
        for k in range(draw(st.integers(1, 3))):
            kro = []
            for r in range(draw(st.integers(0, 2))):
                outs = []
                for o in range(draw(st.integers(0, 3))):
                    n_out += 1
                    outs.append(draw(output(f"{o + 1:03d}")))  # RO codes repeat under every KRO
                kro.append(
                    Kro(
                        kode=("QAH", "EBA")[r],  # KRO codes repeat under every kegiatan
                        nama=draw(teks),
                        pagu=draw(opsional(uang)),
                        realisasi=draw(opsional(uang)),
                        penyerapan_dinyatakan=draw(opsional(persen)),
                        output=outs,
                    )
                )
            kegiatan.append(
                Kegiatan(
                    kode=f"{4000 + 10 * p + k}",
                    nama=draw(teks),
                    pagu=draw(opsional(uang)),
                    realisasi=draw(opsional(uang)),
                    penyerapan_dinyatakan=draw(opsional(persen)),
                    kro=kro,
                )
            )
        programs.append(
            Program(
                kode=f"P{p}",
                nama=draw(teks),
                pagu=draw(opsional(uang)),
                realisasi=draw(opsional(uang)),
                pagu_pk=draw(opsional(uang)),
                pembanding_pagu=draw(opsional(uang)),
                pembanding_realisasi=draw(opsional(uang)),
                kegiatan=kegiatan,
            )
        )
    baris = st.builds(
        BarisBelanja,
        kode=st.sampled_from(["51", "52", "53", "RM", "PNBP"]),
        nama=teks,
        pagu=opsional(uang),
        realisasi=opsional(uang),
        sisa_dinyatakan=opsional(uang),
        pembanding_pagu=opsional(uang),
        pembanding_realisasi=opsional(uang),
    )
    return Anggaran(
        program=programs,
        jenis_belanja=draw(st.lists(baris, max_size=3)),
        sumber_dana=draw(st.lists(baris, max_size=2)),
        total_pagu_dinyatakan=draw(opsional(uang)),
        total_realisasi_dinyatakan=draw(opsional(uang)),
        total_penyerapan_dinyatakan=draw(opsional(persen)),
        alokasi_pk_dinyatakan=draw(opsional(uang)),
    )


@st.composite
def ikpa(draw) -> Ikpa:
    kode_aturan = draw(st.sampled_from(["2021", "2022", "2024"]))
    indikator = aturan_bawaan().set_ikpa(kode_aturan).indikator
    komponen = []
    for ind in indikator:
        if draw(st.integers(0, 9)) == 0:
            continue  # missing: counts as blank
        komponen.append(
            KomponenIkpa(
                kode=ind.kode,
                nilai=draw(st.none() | persen) if draw(st.booleans()) else draw(persen),
                berlaku=draw(st.integers(0, 5)) > 0,
                bobot=draw(st.none() | st.integers(0, 30).map(float)) if draw(st.integers(0, 4)) == 0 else None,
            )
        )
    return Ikpa(
        aturan=kode_aturan if draw(st.booleans()) else "",  # blank: the set of the fiscal year
        periode=draw(st.just("") | teks),
        komponen=komponen,
        pengurang_dispensasi=draw(opsional(st.integers(0, 300).map(lambda n: n / 100))),
        nilai_total_dinyatakan=draw(opsional(persen)),
        disebut=draw(st.lists(st.builds(NilaiDisebut, lokasi=teks, nilai=opsional(persen)), max_size=2)),
    )


@st.composite
def lakip(draw) -> Lakip:
    n_ind = draw(st.integers(0, 6))
    return Lakip(
        profil=Profil(
            nama=draw(teks),
            kode_satker=draw(st.from_regex(r"\A[0-9]{6}\Z")),
            tahun=draw(st.integers(2020, 2030)),
            periode=draw(st.sampled_from(["Semester I", "Tahunan"])),
            kepala_nip=draw(st.from_regex(r"\A[0-9]{18}\Z")),
            misi=draw(st.lists(teks, max_size=3)),
        ),
        wilayah=draw(
            st.lists(
                st.builds(
                    Wilayah,
                    nama=teks,
                    kecamatan=opsional(st.integers(0, 50)),
                    desa=opsional(st.integers(0, 500)),
                    penduduk=opsional(st.integers(0, 2_000_000)),
                ),
                max_size=4,
            )
        ),
        indikator=[draw(indikator(i)) for i in range(n_ind)],
        anggaran=draw(anggaran()),
        ikpa=draw(ikpa()),
        smart=Smart(
            penyerapan=draw(opsional(persen)),
            konsistensi=draw(persen),
            capaian_output=draw(persen),
            efisiensi=draw(opsional(persen)),
            efisiensi_mentah=draw(opsional(st.integers(-4000, 4000).map(lambda n: n / 100))),
            aturan_nka=draw(st.sampled_from(["", "", "pmk22_2021", "pmk62_2023"])),
            nilai_perencanaan=draw(opsional(persen)),
            capaian_ro=draw(opsional(persen)),
            efisiensi_sbk=draw(opsional(persen)),
        ),
        sakip=Sakip(
            perencanaan=draw(opsional(persen)),
            pengukuran=draw(persen),
            pelaporan=draw(persen),
            evaluasi=draw(persen),
        ),
        pengaturan=Pengaturan(
            batas_capaian_indikator=draw(st.sampled_from([None, 100.0, 120.0])),
            batas_capaian_output=draw(st.sampled_from([None, 100.0, 120.0])),
            rumus_negatif=draw(st.sampled_from(["2t-r", "t/r"])),
            metode_aspek_ikpa=draw(st.sampled_from(["rata_sederhana", "tertimbang"])),
            pengurang_dispensasi=draw(st.sampled_from(["setelah", "sebelum"])),
        ),
    )
