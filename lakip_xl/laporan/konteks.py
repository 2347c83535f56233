"""The report's context: every figure formatted the Indonesian way, every sentence that states
a number generated from the computed results (so text and tables can never disagree)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from babel.dates import format_date, format_datetime

from ..compute.angka import bulat, format_angka, format_konversi, format_persen, format_rupiah, terbilang
from ..compute.aturan import REZIM_NKA, Aturan
from ..compute.capaian import rentang_target
from ..compute.hasil import Hasil
from ..model import JENIS_BELANJA_IKPA
from .bahasa import bilangan, gabung

if TYPE_CHECKING:
    from ..layanan import Dokumen

TINGKAT = {"iku": "Sasaran Strategis", "program": "Sasaran Program", "kegiatan": "Sasaran Kegiatan"}
ASPEK = {"perencanaan": "Perencanaan", "pelaksanaan": "Pelaksanaan", "hasil": "Hasil"}


def rp(n: int | None) -> str:
    """Money in a table cell: 1.147.335.000 (no prefix)."""
    return format_rupiah(n, prefix=False)


def rps(n: int | None) -> str:
    """Money in a sentence: Rp1.147.335.000 (PUEBI: no space after Rp)."""
    return format_rupiah(n)


def angka(x: float | None, digit: int = 2) -> str:
    return format_angka(x, digit)


def persen(x: float | None) -> str:
    """A percentage in text: 54,21% (PUEBI: no space before %, as in tables and findings)."""
    return format_persen(x)


def volume(x: float | None) -> str:
    """A target or realisation as written: 3,25 / 2.000 / 1."""
    if x is None:
        return "-"
    return format_angka(x, 0) if float(x).is_integer() else format_angka(x, 2)


def teks_target(bawah: float | None, atas: float | None) -> str:
    """An indicator's target as written: 3,25, or a range target 80–90."""
    if bawah is None or atas is None:
        return volume(bawah)
    lo, hi = rentang_target(bawah, atas)
    return volume(lo) if lo == hi else f"{volume(lo)}–{volume(hi)}"


def paragraf(teks: str) -> list[str]:
    """The user's text as paragraphs (blank lines separate them)."""
    return [p.strip() for p in teks.replace("\r\n", "\n").split("\n\n") if p.strip()]


TANGGAL_KOSONG = "...................."


def tanggal(iso: str) -> str:
    """An ISO date the Indonesian way; dots to fill in by hand when blank or unreadable."""
    try:
        return format_date(dt.date.fromisoformat(iso), "d MMMM y", locale="id") if iso else TANGGAL_KOSONG
    except ValueError:
        return TANGGAL_KOSONG


def _kalimat_capaian(hasil: Hasil) -> str:
    iku = [i for i in hasil.indikator if i.tingkat == "iku"]
    terukur = [i.capaian for i in iku if i.capaian is not None]
    if not iku:
        return "Perjanjian Kinerja belum memuat indikator kinerja utama."
    ukur = "semuanya" if len(terukur) == len(iku) else ("belum ada yang" if not terukur else bilangan(len(terukur)))
    teks = f"Dari {bilangan(len(iku))} indikator kinerja utama, {ukur} dapat diukur capaiannya"
    if terukur:
        tercapai = sum(1 for c in terukur if c >= 100)
        if tercapai == 0:
            bagian = "; belum ada indikator yang mencapai target"
        elif tercapai == len(terukur):
            bagian = "; semuanya mencapai atau melampaui target"
        else:
            bagian = (
                f"; {bilangan(tercapai)} indikator mencapai atau melampaui target dan "
                f"{bilangan(len(terukur) - tercapai)} indikator belum"
            )
        teks += f"{bagian}. Rata-rata capaian indikator kinerja utama adalah {persen(hasil.rata_rata_capaian_iku)}."
    else:
        teks += "."
    return teks


def _kalimat_anggaran(hasil: Hasil, periode: str) -> str:
    a = hasil.anggaran
    if a.pagu is None:
        return "Data pagu anggaran belum diisi."
    return (
        f"Sampai dengan akhir periode {periode}, realisasi anggaran mencapai {rps(a.realisasi)} dari pagu "
        f"{rps(a.pagu)}, atau {persen(a.penyerapan)}, dengan sisa anggaran {rps(a.sisa)}."
    )


def _kalimat_ikpa(hasil: Hasil, aturan: Aturan) -> str:
    """The IKPA sentence: final value, predicate, total, konversi, and the aspect values with the
    aspect weights of the rule set in force (informational, as OM-SPAN shows them)."""
    ik = hasil.ikpa
    if ik is None or ik.nilai_akhir is None:
        return "Nilai IKPA belum lengkap, sehingga nilai akhir belum dapat dihitung."
    asp = gabung(f"{ASPEK[a].lower()} {angka(ik.aspek[a])}" for a in ASPEK if ik.aspek[a] is not None)
    try:
        set_ikpa = aturan.set_ikpa(ik.aturan)
        bobot = "/".join(format_angka(b, 0) for _, b in set_ikpa.bobot_aspek)
        dasar = f" Penilaian memakai aturan {set_ikpa.nama}"
        dasar += f" dengan bobot aspek perencanaan/pelaksanaan/hasil {bobot}." if bobot else "."
    except KeyError:
        dasar = ""
    if bulat(ik.konversi_bobot) == 100 and bulat(ik.nilai_akhir) == bulat(ik.nilai_total):
        # Nothing re-scaled or deducted: "97,14 from a total of 97,14" would say nothing.
        inti = (
            f"Nilai IKPA mencapai {angka(ik.nilai_akhir)} dengan predikat {ik.predikat}; seluruh indikator "
            "berlaku (konversi bobot 100%)."
        )
    else:
        inti = (
            f"Nilai IKPA mencapai {angka(ik.nilai_akhir)} dengan predikat {ik.predikat}, dari nilai total "
            f"{angka(ik.nilai_total)} dan konversi bobot {format_konversi(ik.konversi_bobot)}."
        )
    return inti + dasar + (f" Nilai per aspek: {asp}." if asp else "")


def _kalimat_nka(hasil: Hasil, aturan: Aturan) -> str:
    """The NKA sentence, worded by the regime in force (PMK 22/2021 or PMK 62/2023)."""
    n = hasil.nka
    if n.rezim == "pmk62_2023":
        w = aturan.nka_pmk62
        dasar = (
            f"Sesuai {REZIM_NKA[n.rezim]} (berlaku mulai TA {w.mulai_tahun}), Nilai Kinerja Anggaran terdiri atas "
            f"{persen_bobot(w.perencanaan)} nilai kinerja perencanaan anggaran dan {persen_bobot(w.pelaksanaan)} "
            "nilai kinerja pelaksanaan anggaran (IKPA)."
        )
        if n.nilai is None:
            return f"{dasar} Nilai perencanaan anggaran atau nilai akhir IKPA belum ada, sehingga NKA belum dapat dihitung."
        return (
            f"{dasar} Dengan nilai perencanaan {angka(n.perencanaan)} dan nilai pelaksanaan {angka(n.pelaksanaan)}, "
            f"Nilai Kinerja Anggaran adalah {angka(n.nilai)} dengan predikat {n.predikat}."
        )
    dasar = f"Sesuai {REZIM_NKA['pmk22_2021']}, Nilai Kinerja Anggaran dihitung dari empat variabel SMART DJA."
    if n.nilai is None:
        return f"{dasar} Variabel SMART belum lengkap, sehingga Nilai Kinerja Anggaran belum dapat dihitung."
    return (
        f"{dasar} Nilai Kinerja Anggaran pada aplikasi SMART DJA adalah {angka(n.nilai)} dengan predikat {n.predikat}."
    )


def persen_bobot(x: float) -> str:
    """A weight from the rules as printed: 9,70% / 60%."""
    return persen(x) if not float(x).is_integer() else f"{format_angka(x, 0)}%"


class KonteksLaporan(TypedDict):
    """The contract between the report context and the Word template: its keys are exactly the
    template's variables (a test holds them equal). Values are formatted text, lists and dicts
    of text; the ``grafik_*`` images are filled in by the renderer."""

    satker: dict[str, str]
    tahun: str
    periode: str
    kepala: dict[str, str]
    kota: str
    tanggal: str
    draf: bool
    visi: str
    misi: list[str]
    tugas: str
    fungsi: list[str]
    narasi: dict[str, list[str]]
    wilayah: list[dict[str, str]]
    wilayah_total: dict[str, str]
    pk: dict[str, list[dict[str, str]]]
    tahun_lalu: list[dict[str, str]]
    renstra: list[dict[str, str]]
    output: list[dict[str, str]]
    alokasi_program: list[dict[str, str]]
    alokasi_total: str
    jenis: list[dict[str, str]]
    jenis_total: dict[str, str]
    sumber: list[dict[str, str]]
    sumber_total: dict[str, str]
    hierarki: list[dict[str, str]]
    dipa: dict[str, str]
    label_pembanding: str
    perbandingan: list[dict[str, str]]
    smart: dict[str, Any]
    ikpa: dict[str, Any] | None
    rencana: dict[str, Any] | None
    prestasi: list[dict[str, str]]
    inovasi: list[dict[str, str]]
    kalimat: dict[str, Any]
    temuan: list[dict[str, str]]
    jumlah_galat: str
    jumlah_peringatan: str
    asal: dict[str, str]
    grafik_capaian: Any
    grafik_anggaran: Any
    grafik_ikpa: Any
    grafik_rencana: Any
    logo: Any
    landasan_hukum: list[dict[str, str]]
    struktur: list[dict[str, str]]
    sdm: list[dict[str, str]]
    renstra_tabel: list[dict[str, str]]
    analisis: list[dict[str, Any]]
    efisiensi: list[dict[str, str]]
    aplikasi_kinerja: list[dict[str, str]]
    tindak_lanjut: list[dict[str, str]]


# Fields the built-in template does not print, offered to a unit's own template (docs/laporan.md).
UNTUK_TEMPLAT_SENDIRI = frozenset({"tahun"})


def bangun_konteks(dok: Dokumen, draf: bool, lampiran: bool = True, asal: bool = True) -> KonteksLaporan:
    """The template context (plain data: strings, lists, dicts; images are added by the renderer).

    ``lampiran=False`` leaves out the findings appendix and ``asal=False`` the provenance page
    (a final report). Weights, bands and formula sentences come from the document's rules, never
    from constants. Read top to bottom, this is the report's table of contents; each step is a
    function below."""
    lakip, hasil = dok.lakip, dok.hasil
    p = lakip.profil
    a = hasil.anggaran
    alokasi = sum(x.pagu_pk or 0 for x in lakip.anggaran.program) or None
    galat = sum(1 for t in dok.temuan if t.tingkat == "galat")
    sdm, kalimat_sdm = _sdm(dok)
    efisiensi, kalimat_efisiensi = _efisiensi(dok)
    kalimat = _kalimat(dok, alokasi, galat, lampiran and bool(dok.temuan))
    kalimat["sdm"] = kalimat_sdm
    kalimat["efisiensi"] = kalimat_efisiensi
    kalimat.update(_catatan_kosong(dok))
    return {
        # Cover, foreword and signature
        "satker": _satker(dok),
        "tahun": str(p.tahun) if p.tahun is not None else "",
        "periode": _periode(dok),
        "kepala": {"nama": p.kepala_nama, "nip": p.kepala_nip, "jabatan": p.kepala_jabatan or "Kepala Kantor"},
        "kota": p.kota.strip() or TANGGAL_KOSONG,
        "tanggal": tanggal(p.tanggal_laporan),
        "draf": draf,
        # Chapter I: the organisation and its area
        "visi": p.visi,
        "misi": p.misi,
        "tugas": p.tugas,
        "fungsi": p.fungsi,
        "narasi": {k: paragraf(v) for k, v in vars(lakip.narasi).items()},
        "wilayah": _wilayah(dok),
        "wilayah_total": _wilayah_total(dok),
        "landasan_hukum": _landasan_hukum(dok),
        "struktur": _struktur(dok),
        "sdm": sdm,
        # Chapter II-III: the performance agreement and what was achieved
        "pk": {t: _capaian(dok, t) for t in TINGKAT},
        "tahun_lalu": _tahun_lalu(dok),
        "renstra": _renstra(dok),
        "renstra_tabel": _renstra_tabel(dok),
        "analisis": _analisis(dok),
        "output": _output(dok),
        "efisiensi": efisiensi,
        # Chapter III: the budget
        "alokasi_program": [
            {"nama": x.nama, "pagu": rp(x.pagu_pk)} for x in lakip.anggaran.program if x.pagu_pk is not None
        ],
        "alokasi_total": rp(alokasi),
        "jenis": [_baris(r) for r in a.per_jenis],
        "jenis_total": _baris(a.jenis),
        "sumber": [_baris(r) for r in a.per_sumber],
        "sumber_total": _baris(a.sumber),
        "hierarki": _hierarki(dok),
        "dipa": _uang(a),
        "label_pembanding": lakip.anggaran.label_pembanding,
        "perbandingan": _perbandingan(dok),
        # Chapter III: budget scores
        "smart": _smart(dok),
        "ikpa": _ikpa(dok),
        "rencana": _rencana(dok),
        # Achievements, innovations, the sentences that state numbers
        "prestasi": _prestasi(dok),
        "inovasi": [{"nama": x.nama, "uraian": x.uraian} for x in lakip.inovasi],
        "aplikasi_kinerja": _aplikasi_kinerja(dok),
        "tindak_lanjut": _tindak_lanjut(dok),
        "kalimat": kalimat,
        # Appendix: findings and provenance
        "temuan": [{"tingkat": t.tingkat, "kode": t.kode, "lokasi": t.lokasi, "pesan": t.pesan} for t in dok.temuan]
        if lampiran
        else [],
        "jumlah_galat": str(galat),
        "jumlah_peringatan": str(len(dok.temuan) - galat),
        "asal": _asal(dok) if asal else {},
        # Charts: filled in by the renderer
        "grafik_capaian": None,
        "grafik_anggaran": None,
        "grafik_ikpa": None,
        "grafik_rencana": None,
        "logo": None,  # filled in by the renderer when the logo file is a whole PNG/JPEG
    }


TAHUN_KOSONG = "...."


def _tahun(dok: Dokumen) -> str:
    """The year as printed: dots to fill in by hand when blank (never "None")."""
    t = dok.lakip.profil.tahun
    return str(t) if t is not None else TAHUN_KOSONG


def _periode(dok: Dokumen) -> str:
    p = dok.lakip.profil
    return f"{p.periode} Tahun {_tahun(dok)}" if p.periode == "Semester I" else f"Tahun {_tahun(dok)}"


def _satker(dok: Dokumen) -> dict[str, str]:
    p = dok.lakip.profil
    nama = p.nama.strip() or TANGGAL_KOSONG  # dots to fill in by hand, as a blank date
    return {
        "nama": nama,
        "nama_kapital": nama.upper(),
        "kode_satker": p.kode_satker,
        "kode_ba": p.kode_ba,
        "kode_kppn": p.kode_kppn,
        "kementerian": p.kementerian,
        "eselon_i": p.eselon_i,
        "kanwil": p.kanwil,
        "alamat": p.alamat,
    }


def _wilayah(dok: Dokumen) -> list[dict[str, str]]:
    return [
        {
            "no": str(i + 1),
            "nama": w.nama,
            "kecamatan": volume(w.kecamatan),
            "desa": volume(w.desa),
            "penduduk": volume(w.penduduk),
        }
        for i, w in enumerate(dok.lakip.wilayah)
    ]


def _wilayah_total(dok: Dokumen) -> dict[str, str]:
    w = dok.hasil.wilayah
    return {
        "kabupaten": str(w.kabupaten),
        "kecamatan": volume(w.kecamatan),
        "desa": volume(w.desa),
        "penduduk": volume(w.penduduk),
    }


def _capaian(dok: Dokumen, tingkat: str) -> list[dict[str, str]]:
    """The indicators of one level of the performance agreement, with target, realisation, capaian."""
    rows: list[dict[str, str]] = []
    for ind, h in zip(dok.lakip.indikator, dok.hasil.indikator, strict=True):
        if ind.tingkat == tingkat:
            rows.append(
                {
                    "no": str(len(rows) + 1),
                    "sasaran": ind.sasaran,
                    "indikator": ind.nama,
                    "satuan": ind.satuan,
                    "target": f"{teks_target(ind.target, ind.target_atas)} {ind.satuan}".strip(),
                    "realisasi": f"{volume(h.realisasi)} {ind.satuan}".strip() if h.realisasi is not None else "-",
                    "capaian": angka(h.capaian),
                }
            )
    return rows


def _tahun_lalu(dok: Dokumen) -> list[dict[str, str]]:
    """Realisation against last year's, for the indicators that have one."""
    return [
        {
            "indikator": ind.nama,
            "lalu": volume(ind.realisasi_tahun_lalu),
            "kini": volume(h.realisasi),
            "ubah": angka(h.realisasi - ind.realisasi_tahun_lalu) if h.realisasi is not None else "-",
        }
        for ind, h in zip(dok.lakip.indikator, dok.hasil.indikator, strict=True)
        if ind.realisasi_tahun_lalu is not None
    ]


def _renstra(dok: Dokumen) -> list[dict[str, str]]:
    """Realisation against the Renstra target, for the indicators that have one."""
    return [
        {
            "indikator": ind.nama,
            "renstra": volume(ind.target_renstra),
            "kini": volume(h.realisasi),
            "persen": angka(h.realisasi / ind.target_renstra * 100)
            if h.realisasi is not None and ind.target_renstra
            else "-",
        }
        for ind, h in zip(dok.lakip.indikator, dok.hasil.indikator, strict=True)
        if ind.target_renstra is not None
    ]


def _output(dok: Dokumen) -> list[dict[str, str]]:
    return [
        {
            "no": str(i + 1),
            "nama": o.nama,
            "target": volume(o.volume_target),
            "realisasi": volume(o.volume_realisasi),
            "satuan": o.satuan,
            "capaian": angka(o.capaian_volume),
        }
        for i, o in enumerate(dok.hasil.output)
    ]


def _baris_hierarki(tingkat: str, kode: str, nama: str, target: str, uang: Any) -> dict[str, str]:
    # Program and kegiatan print bold, KROs italic, ROs plain and indented: one run per style,
    # the others empty.
    return {
        "tingkat": tingkat,
        "kode": kode,
        "nama_tebal": nama if tingkat in ("program", "kegiatan") else "",
        "nama_miring": nama if tingkat == "kro" else "",
        "nama_biasa": f"– {nama}" if tingkat == "ro" else "",
        "target": target,
        **_uang(uang),
    }


def _hierarki(dok: Dokumen) -> list[dict[str, str]]:
    """Program, kegiatan, KRO and RO rows in DIPA order, each with its money; KROs and ROs
    carry their full DIPA code (``4262.QAH``, ``4262.QAH.001``)."""
    a = dok.hasil.anggaran
    keg_iter = iter(a.per_kegiatan)
    kro_iter = iter(a.per_kro)
    out_iter = iter(dok.hasil.output)
    rows = []
    for prog, hp in zip(dok.lakip.anggaran.program, a.per_program, strict=True):
        rows.append(_baris_hierarki("program", prog.kode, prog.nama, "", hp))
        for keg in prog.kegiatan:
            rows.append(_baris_hierarki("kegiatan", keg.kode, keg.nama, "", next(keg_iter)))
            for kro in keg.kro:
                hr = next(kro_iter)
                rows.append(_baris_hierarki("kro", hr.kode_lengkap, kro.nama, "", hr))
                for o in kro.output:
                    ho = next(out_iter)
                    target = f"{volume(o.volume_target)} {o.satuan}".strip() if o.volume_target is not None else ""
                    rows.append(_baris_hierarki("ro", ho.kode_lengkap, o.nama, target, ho))
    return rows


def _perbandingan(dok: Dokumen) -> list[dict[str, str]]:
    """Programs against the comparison period, for those that have comparison figures."""
    return [
        {
            "nama": x["nama"],
            "pagu": rp(x["pagu"]),
            "realisasi": rp(x["realisasi"]),
            "persen": angka(x["penyerapan"]),
            "b_pagu": rp(x["pembanding_pagu"]),
            "b_realisasi": rp(x["pembanding_realisasi"]),
            "b_persen": angka(x["pembanding_penyerapan"]),
        }
        for x in dok.hasil.anggaran.perbandingan
        if x["pembanding_pagu"] is not None or x["pembanding_realisasi"] is not None
    ]


def _smart(dok: Dokumen) -> dict[str, Any]:
    """The NKA's parts with their weights, by the regime in force: PMK 22/2021's four SMART
    variables, or PMK 62/2023's planning and execution (IKPA) values."""
    sm, hasil = dok.lakip.smart, dok.hasil
    bn = dok.aturan.bobot_nka
    if hasil.nka.rezim == "pmk62_2023":
        w = dok.aturan.nka_pmk62
        rows = [
            {
                "nama": "Nilai Kinerja Perencanaan Anggaran",
                "bobot": persen_bobot(w.perencanaan),
                "nilai": angka(hasil.nka.perencanaan),
            },
            {
                "nama": "Nilai Kinerja Pelaksanaan Anggaran (IKPA)",
                "bobot": persen_bobot(w.pelaksanaan),
                "nilai": angka(hasil.nka.pelaksanaan),
            },
        ]
    else:
        rows = [
            {"nama": "Penyerapan anggaran", "bobot": persen_bobot(bn.penyerapan), "nilai": angka(sm.penyerapan)},
            {
                "nama": "Konsistensi penyerapan terhadap perencanaan",
                "bobot": persen_bobot(bn.konsistensi),
                "nilai": angka(sm.konsistensi),
            },
            {"nama": "Capaian output", "bobot": persen_bobot(bn.capaian_output), "nilai": angka(sm.capaian_output)},
            {"nama": "Efisiensi", "bobot": persen_bobot(bn.efisiensi), "nilai": angka(hasil.nka.efisiensi)},
        ]
    return {
        "periode": sm.periode,
        "rows": rows,
        "nka": angka(hasil.nka.nilai),
        "predikat": hasil.nka.predikat or "-",
        "pkpa": angka(hasil.pkpa),
    }


def _ikpa(dok: Dokumen) -> dict[str, Any] | None:
    """The IKPA components, scores and predicate (none without components)."""
    ik = dok.hasil.ikpa
    if ik is None:
        return None
    penjelasan: dict[str, str] = {}
    for k in dok.lakip.ikpa.komponen:
        penjelasan.setdefault(k.kode, k.penjelasan.strip())
    return {
        "aturan": ik.aturan,
        "rows": [
            {
                "no": str(i + 1),
                "nama": c.nama,
                "aspek": ASPEK.get(c.aspek, c.aspek),
                "nilai": angka(c.nilai) if c.berlaku else "tidak berlaku",
                "bobot": angka(c.bobot, 0),
                "tertimbang": angka(c.nilai_tertimbang),
                "penjelasan": penjelasan.get(c.kode, ""),
            }
            for i, c in enumerate(ik.komponen)
        ],
        "nilai_total": angka(ik.nilai_total),
        "konversi": format_konversi(ik.konversi_bobot),
        "nilai_akhir": angka(ik.nilai_akhir),
        "pengurang": angka(ik.pengurang_dispensasi) if ik.pengurang_dispensasi else "",
        "perencanaan": angka(ik.aspek["perencanaan"]),
        "pelaksanaan": angka(ik.aspek["pelaksanaan"]),
        "hasil": angka(ik.aspek["hasil"]),
        "predikat": ik.predikat or "-",
        "catatan": _catatan_ikpa(ik),
    }


def _catatan_ikpa(ik: Any) -> str:
    """The note under the IKPA table: how the final value follows from the total, and, when the
    printed weighted values do not add up to the printed total, why (each is rounded)."""
    if ik.nilai_akhir is None:
        return ""
    kurang = (
        f", dengan pengurang dispensasi SPM {angka(ik.pengurang_dispensasi)} poin" if ik.pengurang_dispensasi else ""
    )
    teks = (
        f"Catatan: nilai akhir {angka(ik.nilai_akhir)} adalah nilai total dibagi konversi bobot "
        f"{format_konversi(ik.konversi_bobot)}{kurang}."
    )
    bulatan = [bulat(c.nilai_tertimbang) for c in ik.komponen if c.nilai_tertimbang is not None]
    total = bulat(ik.nilai_total)
    if bulatan and total is not None:
        jumlah = sum(x for x in bulatan if x is not None)
        if jumlah != total:
            teks += (
                f" Jumlah nilai tertimbang pada tabel ({angka(float(jumlah))}) berbeda dengan nilai total "
                f"({angka(ik.nilai_total)}) karena pembulatan: setiap nilai tertimbang dibulatkan dua desimal, "
                "sedangkan nilai total dihitung dari nilai yang belum dibulatkan."
            )
    return teks


def _rencana(dok: Dokumen) -> dict[str, Any] | None:
    """The IKPA plan for the second semester (Semester I reports with planner data only)."""
    from ..compute.rencana import ROMAWI, kalimat_deviasi

    r = dok.hasil.rencana
    if r is None or dok.lakip.profil.periode != "Semester I" or not r.pagu_efektif or r.bulan_data == 0:
        return None
    if any(t.jalur[:1] == ("rencana_ikpa",) for t in dok.galat):
        return None  # its inputs have galat (listed in the appendix): no plan printed from them
    if r.tercapai is False:
        kebutuhan = (
            f"Target {angka(r.target)} tidak dapat lagi dicapai: nilai tertinggi yang masih mungkin "
            f"{angka(r.ikpa_tertinggi)}, bila setiap triwulan sisa mencapai targetnya."
        )
    elif r.kebutuhan:
        kebutuhan = (
            f"Agar nilai akhir IKPA mencapai {angka(r.target)}, nilai Penyerapan Anggaran tahun ini harus paling "
            f"sedikit {angka(r.penyerapan_dibutuhkan)}: setiap triwulan sisa paling sedikit {angka(r.kebutuhan[0].nilai)}"
            + (
                f" (triwulan {ROMAWI[r.kebutuhan[0].tw - 1]} paling sedikit {angka(r.tw_berikut_minimum)} bila triwulan "
                "sesudahnya mencapai 100)."
                if len(r.kebutuhan) > 1
                else "."
            )
        )
    else:
        kebutuhan = ""
    deviasi = kalimat_deviasi(r, persen, angka)
    deviasi = f" {deviasi}" if deviasi else ""
    return {
        "kalimat": (
            f"Sampai bulan ke-{r.bulan_data}, nilai IKPA menurut rincian dan nilai OM-SPAN adalah {angka(r.ikpa_kini)}. "
            f"Bila realisasi semester II mengikuti rencana penarikan dana (RPD) Halaman III DIPA, nilai akhir tahun "
            f"diperkirakan {angka(r.ikpa_proyeksi)}; nilai tertinggi yang masih dapat dicapai {angka(r.ikpa_tertinggi)}."
        ),
        "kebutuhan": kebutuhan + deviasi,
        "rows": [
            {"tw": f"TW {ROMAWI[k.tw - 1]}", "nilai": angka(k.nilai)}
            | {f"b{j}": persen(k.serapan[j]) if j in k.serapan else "-" for j in JENIS_BELANJA_IKPA}
            for k in r.kebutuhan
        ],
        "tenggat": r.tenggat,
    }


def _prestasi(dok: Dokumen) -> list[dict[str, str]]:
    return [
        {
            "no": str(i + 1),
            "judul": x.judul,
            "pemberi": x.pemberi,
            "nomor": x.nomor,
            "tanggal": tanggal(x.tanggal) if x.tanggal else "",
            "nilai": angka(x.nilai, 3 if x.nilai is not None and round(x.nilai, 2) != x.nilai else 2)
            if x.nilai is not None
            else "",
        }
        for i, x in enumerate(dok.lakip.prestasi)
    ]


def _kalimat(dok: Dokumen, alokasi: int | None, galat: int = 0, ada_lampiran: bool = True) -> dict[str, Any]:
    """Every sentence that states a number, generated from the results (and the summary list)."""
    lakip, hasil, aturan = dok.lakip, dok.hasil, dok.aturan
    p = lakip.profil
    a = hasil.anggaran
    sumber_kalimat = gabung(f"{r.nama or r.kode} sebesar {rps(r.pagu)}" for r in a.per_sumber if r.pagu is not None)
    bobot_pkpa = (
        f"tahunan ({persen_bobot(aturan.bobot_pkpa_smart)} SMART dan {persen_bobot(aturan.bobot_pkpa_ikpa)} IKPA)"
    )
    kalimat = {
        "wilayah": (
            f"Wilayah kerja {p.nama} meliputi {bilangan(hasil.wilayah.kabupaten)} kabupaten/kota dengan "
            f"{volume(hasil.wilayah.kecamatan)} kecamatan, {volume(hasil.wilayah.desa)} desa/kelurahan, dan "
            f"{volume(hasil.wilayah.penduduk)} jiwa penduduk."
        )
        if lakip.wilayah
        else "",
        "alokasi": (
            f"Alokasi anggaran pada Perjanjian Kinerja Tahun {_tahun(dok)} adalah {rps(alokasi)} "
            f"({terbilang(alokasi)})" + (f", terdiri atas {sumber_kalimat}." if sumber_kalimat else ".")
        )
        if alokasi
        else "",
        "capaian": _kalimat_capaian(hasil),
        "anggaran": _kalimat_anggaran(hasil, _periode(dok)),
        "ikpa": _kalimat_ikpa(hasil, aturan),
        "nka": _kalimat_nka(hasil, aturan),
        "pkpa": (
            f"Nilai PKPA {bobot_pkpa if p.periode == 'Tahunan' else 'periode ini (mengacu pada nilai IKPA)'} "
            f"adalah {angka(hasil.pkpa)}."
        )
        if hasil.pkpa is not None
        else "",
    }
    ikhtisar = [x for x in (kalimat["capaian"], kalimat["anggaran"], kalimat["ikpa"], kalimat["nka"]) if x]
    draf = f"DRAF — MASIH TERDAPAT {galat} GALAT DATA" + (" (LIHAT LAMPIRAN)" if ada_lampiran else "")
    return {
        **kalimat,
        "ikhtisar": ikhtisar,
        "draf": draf if galat else "",
        "batas_output": _catatan_batas_output(dok),
        "catatan_kode": _catatan_kode(dok),
        "batas_indikator": _catatan_batas_indikator(dok),
    }


def _catatan_kode(dok: Dokumen) -> str:
    """The note under the budget table saying where DIPA codes were not taken from the DIPA
    (``anggaran.catatan_kode``), so an assumed code is never presented as the unit's own."""
    teks = dok.lakip.anggaran.catatan_kode.strip()
    return f"Catatan kode: {teks}" if teks else ""


def _catatan_batas_output(dok: Dokumen) -> str:
    """The note under the output table when the capaian cap (Referensi: batas capaian output)
    lowered a printed capaian, naming each output with its real ratio."""
    from ..compute.capaian import capaian

    batas = dok.lakip.pengaturan.batas_capaian_output
    if batas is None:
        return ""
    lebih = []
    for o in dok.hasil.output:
        asli = capaian(o.volume_target, o.volume_realisasi, "positif", None)
        if asli is not None and o.capaian_volume is not None and asli > o.capaian_volume:
            lebih.append(
                f"{o.nama} ({volume(o.volume_realisasi)} dari {volume(o.volume_target)} {o.satuan}".rstrip()
                + f", {persen(asli)})"
            )
    if not lebih:
        return ""
    return (
        f"Catatan: capaian output dibatasi paling tinggi {angka(batas, 0)} (pengaturan batas capaian output). "
        f"Capaian sebelum dibatasi: {gabung(lebih)}."
    )


def _catatan_batas_indikator(dok: Dokumen) -> str:
    """The note under the capaian tables when the indicator capaian cap lowered a printed value."""
    batas = dok.lakip.pengaturan.batas_capaian_indikator
    if batas is None:
        return ""
    lebih = [
        f"{h.nama} ({persen(h.capaian_mentah)})"
        for h in dok.hasil.indikator
        if h.capaian_mentah is not None and h.capaian is not None and h.capaian_mentah > h.capaian
    ]
    if not lebih:
        return ""
    return (
        f"Catatan: capaian indikator dibatasi paling tinggi {angka(batas, 0)} (pengaturan batas "
        f"capaian indikator). Capaian sebelum dibatasi: {gabung(lebih)}."
    )


def _asal(dok: Dokumen) -> dict[str, str]:
    asal = dok.asal
    return {
        "berkas": asal.nama_berkas,
        "sha256": asal.sha256,
        "waktu": format_datetime(asal.waktu, "d MMMM y HH.mm.ss", locale="id") + " UTC",
        "versi": asal.versi,
    }


def _uang(x: Any) -> dict[str, str]:
    return {"pagu": rp(x.pagu), "realisasi": rp(x.realisasi), "sisa": rp(x.sisa), "persen": angka(x.penyerapan)}


def _baris(x: Any) -> dict[str, str]:
    return {"kode": x.kode, "nama": x.nama, **_uang(x)}


# -- the complete PermenPANRB 53/2014 report (issue 12) ------------------------------------------


def _landasan_hukum(dok: Dokumen) -> list[dict[str, str]]:
    """Each regulation as one numbered line: "1." "Peraturan Presiden Nomor 29 Tahun 2014 tentang ..."."""
    out: list[dict[str, str]] = []
    for x in dok.lakip.landasan_hukum:
        teks = " ".join(
            b
            for b in (
                x.jenis.strip(),
                f"Nomor {x.nomor.strip()}" if x.nomor.strip() else "",
                f"Tahun {x.tahun}" if x.tahun is not None else "",
                f"tentang {x.tentang.strip()}" if x.tentang.strip() else "",
            )
            if b
        )
        if teks:
            out.append({"no": f"{len(out) + 1}.", "teks": teks})
    return out


def _baris_teks(teks: str) -> str:
    """A multi-line cell (one item per line) as one line of a table cell: items joined by "; "."""
    return "; ".join(x.strip().rstrip(";") for x in teks.replace("\r\n", "\n").split("\n") if x.strip())


def _struktur(dok: Dokumen) -> list[dict[str, str]]:
    return [
        {"no": str(i + 1), "nama": x.nama, "fungsi": _baris_teks(x.fungsi), "pejabat": x.pejabat or "-"}
        for i, x in enumerate(dok.lakip.struktur)
    ]


def _sdm(dok: Dokumen) -> tuple[list[dict[str, str]], list[str]]:
    """The staff table (the category printed on its first row only) and one sentence per category
    with its total."""
    rows: list[dict[str, str]] = []
    jumlah: dict[str, int] = {}
    sebelumnya = None
    for x in dok.lakip.sdm:
        kat = x.kategori.strip()
        rows.append({"kategori": kat if kat != sebelumnya else "", "uraian": x.uraian, "jumlah": volume(x.jumlah)})
        sebelumnya = kat
        if x.jumlah is not None:
            jumlah[kat] = jumlah.get(kat, 0) + x.jumlah
    kalimat = [
        f"Menurut {k.lower()}, jumlah pegawai seluruhnya {format_angka(n, 0)} orang."
        if k
        else f"Jumlah pegawai seluruhnya {format_angka(n, 0)} orang."
        for k, n in jumlah.items()
    ]
    return rows, kalimat


def _renstra_tabel(dok: Dokumen) -> list[dict[str, str]]:
    """The Renstra table: one row per indicator and year, the indicator named on its first row."""
    from ..compute.renstra import baris_renstra

    rows: list[dict[str, str]] = []
    for ind in dok.lakip.indikator:
        tahun = baris_renstra(dok.lakip.renstra, ind.kode)
        for j, (t, r) in enumerate(sorted(tahun.items())):
            rows.append(
                {
                    "indikator": f"{ind.kode} {ind.nama}".strip() if j == 0 else "",
                    "tahun": str(t),
                    "target": volume(r.target),
                    "realisasi": volume(r.realisasi),
                }
            )
    return rows


def _naik_turun(selisih: float) -> str:
    return "naik" if selisih > 0 else "turun"


def kalimat_pembanding(ind: Any, h: Any, pb: Any) -> tuple[list[str], list[str]]:
    """The generated sentences comparing one indicator (``model.Indikator``, ``HasilIndikator``,
    ``compute.renstra.Pembanding``), and the notes naming what is missing and where to fill it."""
    t = str(pb.tahun) if pb.tahun is not None else TAHUN_KOSONG
    nama = ind.nama or ind.kode
    kalimat: list[str] = []
    catatan: list[str] = []
    if h.realisasi is not None and h.capaian is not None:
        hasil = "target tercapai" if h.capaian >= 100 else "target belum tercapai"
        kalimat.append(
            f"Pada tahun {t}, realisasi indikator {nama} sebesar {volume(h.realisasi)} dari target "
            f"{teks_target(ind.target, ind.target_atas)}, sehingga capaiannya {persen(h.capaian)} ({hasil})."
        )
    elif h.realisasi is None:
        catatan.append(f"Realisasi tahun {t} belum diisi: lembar Realisasi, baris {ind.kode}.")
    else:
        catatan.append(f"Target tahun {t} belum diisi: lembar Indikator, baris {ind.kode}, kolom Target tahunan.")
    lalu = str(pb.tahun - 1) if pb.tahun is not None else TAHUN_KOSONG
    if pb.tahun_lalu is None:
        catatan.append(
            f"Realisasi tahun {lalu} belum diisi, sehingga perbandingan dengan tahun lalu belum dapat disajikan: "
            f"lembar Renstra, baris {ind.kode} tahun {lalu}, kolom Realisasi."
        )
    elif pb.selisih is not None:
        awal = f"Dibandingkan dengan realisasi tahun {lalu} sebesar {volume(pb.tahun_lalu)}, realisasi tahun {t}"
        if pb.selisih == 0:
            kalimat.append(f"{awal} sama besarnya.")
        else:
            ubah = f"{_naik_turun(pb.selisih)} {volume(abs(pb.selisih))}"
            if pb.perubahan is not None:
                ubah += f" atau {persen(abs(pb.perubahan))}"
            baik = (pb.selisih > 0) == (ind.polaritas != "negatif")
            nilai = "" if ind.polaritas == "rentang" else f", sehingga kinerja {'membaik' if baik else 'menurun'}"
            kalimat.append(f"{awal} {ubah}{nilai}.")
    riwayat = [x for x in pb.riwayat if x.realisasi is not None]
    if len(riwayat) >= 3:
        urut = gabung(f"{volume(x.realisasi)} ({x.tahun})" for x in riwayat)
        kalimat.append(f"Realisasi {bilangan(len(riwayat))} tahun terakhir berturut-turut {urut}.")
    if pb.target_akhir is None:
        catatan.append(
            f"Target Renstra belum diisi, sehingga perbandingan dengan target jangka menengah belum dapat disajikan: "
            f"lembar Renstra, baris {ind.kode}, kolom Target Renstra."
        )
    elif pb.capaian_renstra is not None and pb.realisasi_kumulatif is not None:
        periode = f" {pb.tahun_awal}–{pb.tahun_akhir}" if pb.tahun_awal is not None else ""
        kumulatif = "realisasi kumulatif" if ind.kumulatif == "jumlah" and pb.tahun_awal is not None else "realisasi"
        kalimat.append(
            f"Terhadap target Renstra{periode} sebesar {volume(pb.target_akhir)}, {kumulatif} sampai tahun {t} "
            f"sebesar {volume(pb.realisasi_kumulatif)} atau {persen(pb.capaian_renstra)}."
        )
    if pb.standar_nasional is not None and pb.capaian_standar is not None:
        memenuhi = "telah memenuhi" if pb.capaian_standar >= 100 else "belum memenuhi"
        kalimat.append(
            f"Terhadap standar nasional sebesar {volume(pb.standar_nasional)}, realisasi tahun {t} {memenuhi} "
            f"standar ({persen(pb.capaian_standar)})."
        )
    return kalimat, catatan


def _baris_pembanding(ind: Any, h: Any, pb: Any) -> list[dict[str, str]]:
    """The comparison table of one indicator: this year's target, last year, earlier years, the
    Renstra target and the national standard, each against this year's realisation."""
    t = str(pb.tahun) if pb.tahun is not None else TAHUN_KOSONG
    kini = volume(h.realisasi)
    belum = "belum diisi"
    rows = [{"pembanding": f"Target tahun {t}", "nilai": teks_target(ind.target, ind.target_atas)
             if ind.target is not None else belum, "kini": kini, "hasil": f"capaian {persen(h.capaian)}"
             if h.capaian is not None else "-"}]  # fmt: skip
    for x in reversed(pb.riwayat):
        if pb.tahun is not None and x.tahun >= pb.tahun:
            continue
        if x.realisasi is None:
            hasil = "-"
        elif h.realisasi is None:
            hasil = "-"
        else:
            d = h.realisasi - x.realisasi
            hasil = "sama" if d == 0 else f"{_naik_turun(d)} {volume(abs(d))}"
        rows.append({"pembanding": f"Realisasi tahun {x.tahun}",
                     "nilai": volume(x.realisasi) if x.realisasi is not None else belum, "kini": kini, "hasil": hasil})  # fmt: skip
    if pb.tahun is not None and pb.tahun_lalu is None:
        rows.insert(1, {"pembanding": f"Realisasi tahun {pb.tahun - 1}", "nilai": belum, "kini": kini, "hasil": "-"})
    periode = f" {pb.tahun_awal}–{pb.tahun_akhir}" if pb.tahun_awal is not None else ""
    kum = "Realisasi kumulatif: " if ind.kumulatif == "jumlah" and pb.tahun_awal is not None else ""
    rows.append(
        {
            "pembanding": f"Target Renstra{periode}",
            "nilai": volume(pb.target_akhir) if pb.target_akhir is not None else belum,
            "kini": f"{kum}{volume(pb.realisasi_kumulatif)}" if pb.realisasi_kumulatif is not None else "-",
            "hasil": f"capaian {persen(pb.capaian_renstra)}" if pb.capaian_renstra is not None else "-",
        }
    )
    rows.append(
        {
            "pembanding": "Standar nasional",
            "nilai": volume(pb.standar_nasional) if pb.standar_nasional is not None else "tidak ada/belum diisi",
            "kini": kini,
            "hasil": persen(pb.capaian_standar) if pb.capaian_standar is not None else "-",
        }
    )
    return rows


# The analysis fields as the report titles them.
JUDUL_ANALISIS = {
    "penyebab": "Penyebab keberhasilan/kegagalan",
    "solusi": "Alternatif solusi",
    "efisiensi": "Efisiensi penggunaan sumber daya",
    "program_pendukung": "Program/kegiatan pendukung",
}


def _analisis(dok: Dokumen) -> list[dict[str, Any]]:
    """Bab III per sasaran strategis: each key indicator (IKU) with its comparison table, the
    generated sentences, the notes on what is missing, and the unit's analysis."""
    from ..compute.renstra import bandingkan

    sasaran: list[dict[str, Any]] = []
    for ind, h, pb in zip(dok.lakip.indikator, dok.hasil.indikator, bandingkan(dok.lakip, dok.hasil), strict=True):
        if ind.tingkat != "iku":
            continue
        kalimat, catatan = kalimat_pembanding(ind, h, pb)
        bagian = []
        for f, judul in JUDUL_ANALISIS.items():
            isi = paragraf(getattr(ind, f))
            bagian.append(
                {
                    "judul": judul,
                    "isi": isi,
                    "kosong": "" if isi else f"[Belum diisi: lembar Analisis, baris {ind.kode}, kolom {judul}.]",
                }
            )
        item = {
            "kode": ind.kode,
            "nama": ind.nama,
            "baris": _baris_pembanding(ind, h, pb),
            "kalimat": kalimat,
            "catatan": catatan,
            "bagian": bagian,
        }
        if sasaran and sasaran[-1]["sasaran"] == ind.sasaran:
            sasaran[-1]["indikator"].append(item)
        else:
            sasaran.append({"no": str(len(sasaran) + 1), "sasaran": ind.sasaran or "-", "indikator": [item]})
    return sasaran


def _efisiensi(dok: Dokumen) -> tuple[list[dict[str, str]], str]:
    """Per output (RO): volume achievement against budget absorption, the efficiency and its
    indication (compute/renstra.efisiensi_output), and the summary sentence."""
    from ..compute.renstra import efisiensi_output, indikasi_efisiensi

    rows = []
    hitung = {"efisien": 0, "sesuai": 0, "tidak efisien": 0, "belum dapat dinilai": 0}
    for o in dok.hasil.output:
        e = efisiensi_output(o)
        ind = indikasi_efisiensi(e)
        hitung[ind] += 1
        rows.append(
            {
                "kode": o.kode_lengkap,
                "nama": o.nama,
                "capaian": angka(o.capaian_volume),
                "serap": angka(o.penyerapan),
                "efisiensi": angka(e),
                "indikasi": ind,
            }
        )
    if not rows:
        return rows, ""
    teks = f"Dari {bilangan(len(rows))} output, {gabung(f'{bilangan(n)} {ind}' for ind, n in hitung.items() if n)}."
    if hitung["belum dapat dinilai"]:
        teks += " Output yang belum dapat dinilai tidak memiliki pagu, realisasi, atau capaian volume."
    return rows, teks


def _aplikasi_kinerja(dok: Dokumen) -> list[dict[str, str]]:
    return [
        {"no": str(i + 1), "nama": x.nama, "nilai": angka(x.nilai) if x.nilai is not None else "-",
         "periode": x.periode or "-", "keterangan": x.keterangan}
        for i, x in enumerate(dok.lakip.aplikasi_kinerja)
    ]  # fmt: skip


def _catatan_kosong(dok: Dokumen) -> dict[str, str]:
    """Notes under tables whose columns the unit left blank (printed "-" in every row otherwise
    without a word)."""
    lk = dok.lakip
    catatan = {"catatan_struktur": "", "catatan_tindak_lanjut": ""}
    if lk.struktur and not any(x.pejabat.strip() for x in lk.struktur):
        catatan["catatan_struktur"] = "[Nama pejabat belum diisi: lembar Organisasi, kolom Pejabat.]"
    kurang = [
        apa
        for apa, ada in (
            ("penanggung jawab", all(x.penanggung_jawab.strip() for x in lk.tindak_lanjut)),
            ("batas waktu", all(x.batas_waktu.strip() for x in lk.tindak_lanjut)),
        )
        if not ada
    ]
    if lk.tindak_lanjut and kurang:
        catatan["catatan_tindak_lanjut"] = (
            f"[{gabung(kurang).capitalize()} rencana tindak lanjut belum lengkap: lembar Tindak Lanjut.]"
        )
    return catatan


def _tindak_lanjut(dok: Dokumen) -> list[dict[str, str]]:
    return [
        {"no": str(i + 1), "masalah": x.masalah, "rencana": x.rencana, "pj": x.penanggung_jawab or "-",
         "batas": tanggal(x.batas_waktu.strip()) if x.batas_waktu.strip() else "-"}
        for i, x in enumerate(dok.lakip.tindak_lanjut)
    ]  # fmt: skip
