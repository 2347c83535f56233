"""Property tests for the budget rollups and the checks that guard them."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lakip_xl.compute.aturan import aturan_bawaan
from lakip_xl.compute.hasil import hitung
from lakip_xl.model import Anggaran, BarisBelanja, Kegiatan, Kro, Lakip, Output, Program, semua_output
from lakip_xl.validasi import validasi as _validasi

uang = st.integers(min_value=0, max_value=10**12)


def validasi(lakip):
    """Every finding of a model under the shipped rules."""
    return _validasi(lakip, hitung(lakip, aturan_bawaan()), aturan_bawaan())


@st.composite
def output(draw, i):
    pagu = draw(uang)
    realisasi = draw(st.integers(min_value=0, max_value=pagu))
    # RO codes repeat under every KRO (001, 002, ...), as in a real DIPA.
    return Output(
        kode=f"{i + 1:03d}", nama=f"RO {i}", pagu=pagu, realisasi=realisasi, volume_target=1, volume_realisasi=1
    )


@st.composite
def hierarki(draw):
    programs = []
    for p in range(draw(st.integers(1, 3))):
        kegiatan = []
        for k in range(draw(st.integers(1, 3))):
            kro = []
            for r in range(draw(st.integers(1, 3))):
                outs = [draw(output(n)) for n in range(draw(st.integers(1, 4)))]
                # KRO codes repeat under every kegiatan (QAA, QAB, ...).
                kro.append(Kro(kode=f"QA{'ABC'[r]}", nama=f"KRO {p}{k}{r}", output=outs))
            kegiatan.append(Kegiatan(kode=f"{1000 + 10 * p + k}", nama=f"Kegiatan {p}{k}", kro=kro))
        programs.append(Program(kode=f"P{'ABC'[p]}", nama=f"Program {p}", kegiatan=kegiatan))
    return programs


def _dengan_induk_dinyatakan(programs):
    """Fill every parent with the sum of its children, as a correct DIPA would."""
    for p in programs:
        for k in p.kegiatan:
            for r in k.kro:
                r.pagu = sum(o.pagu for o in r.output)
                r.realisasi = sum(o.realisasi for o in r.output)
            k.pagu = sum(r.pagu for r in k.kro)
            k.realisasi = sum(r.realisasi for r in k.kro)
        p.pagu = sum(k.pagu for k in p.kegiatan)
        p.realisasi = sum(k.realisasi for k in p.kegiatan)
    return programs


@settings(max_examples=150, deadline=None)
@given(hierarki())
def test_rollup_sums_and_ratios(programs):
    lakip = Lakip(anggaran=Anggaran(program=programs))
    a = hitung(lakip, aturan_bawaan()).anggaran
    semua = semua_output(lakip)
    assert len(semua) == len(hitung(lakip, aturan_bawaan()).output)
    assert a.pagu == sum(o.pagu for o in semua)
    assert a.realisasi == sum(o.realisasi for o in semua)
    assert a.sisa == a.pagu - a.realisasi
    assert a.sisa >= 0
    if a.pagu:
        assert a.penyerapan == a.realisasi / a.pagu * 100
        assert 0 <= a.penyerapan <= 100
    assert sum(k.pagu for k in a.per_kegiatan) == a.pagu
    assert sum(r.pagu for r in a.per_kro) == a.pagu
    assert sum(r.realisasi for r in a.per_kro) == a.realisasi
    assert sum(p.realisasi for p in a.per_program) == a.realisasi
    for k in [*a.per_kegiatan, *a.per_kro]:
        assert isinstance(k.pagu, int) and isinstance(k.sisa, int)


@settings(max_examples=150, deadline=None)
@given(hierarki(), st.integers(min_value=1, max_value=10**9), st.data())
def test_consistent_dipa_passes_and_any_perturbed_parent_is_found(programs, delta, data):
    programs = _dengan_induk_dinyatakan(programs)
    total_p = sum(p.pagu for p in programs)
    total_r = sum(p.realisasi for p in programs)
    baris = [BarisBelanja(kode="52", nama="Barang", pagu=total_p, realisasi=total_r)]
    sumber = [BarisBelanja(kode="RM", nama="Rupiah Murni", pagu=total_p, realisasi=total_r)]
    lakip = Lakip(
        anggaran=Anggaran(
            program=programs,
            jenis_belanja=baris,
            sumber_dana=sumber,
            total_pagu_dinyatakan=total_p,
            total_realisasi_dinyatakan=total_r,
        )
    )
    kode_anggaran = {"RINCIAN_TIDAK_SAMA", "TOTAL_BERBEDA", "REALISASI_MELEBIHI_PAGU", "KODE_GANDA"}
    assert not [t for t in validasi(lakip) if t.kode in kode_anggaran]
    # Perturb one kegiatan's or one KRO's stated pagu: the validator must name exactly it.
    pi = data.draw(st.integers(0, len(programs) - 1))
    ki = data.draw(st.integers(0, len(programs[pi].kegiatan) - 1))
    keg = programs[pi].kegiatan[ki]
    if data.draw(st.booleans()):
        keg.pagu += delta
        harap = f"anggaran.program[{pi}].kegiatan[{ki}].pagu"
    else:
        ri = data.draw(st.integers(0, len(keg.kro) - 1))
        keg.kro[ri].pagu += delta
        harap = f"anggaran.program[{pi}].kegiatan[{ki}].kro[{ri}].pagu"
    lokasi = {t.lokasi for t in validasi(lakip) if t.kode == "RINCIAN_TIDAK_SAMA"}
    assert harap in lokasi
