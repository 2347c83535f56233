"""Completeness checks of the PermenPANRB 53/2014 report: every comparison Bab III asks for, the
per-indicator analysis, the Renstra table, the organisation, the follow-up plan and the logo.

A missing comparison is never a silent omission: it is a ``peringatan`` naming the sheet and the
column (and the cell, through the finding's path) to fill. Codes are documented in
docs/validasi.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..compute.angka import format_angka, tanggal_valid
from ..compute.hasil import Hasil
from ..compute.renstra import baris_renstra
from ..model import Lakip
from .temuan import Jalur, Temuan

PEMBANDING_KOSONG = "PEMBANDING_KOSONG"
ANALISIS_KOSONG = "ANALISIS_KOSONG"
RENSTRA_TIDAK_VALID = "RENSTRA_TIDAK_VALID"
ISI_LAPORAN_KOSONG = "ISI_LAPORAN_KOSONG"
PENJELASAN_IKPA_KOSONG = "PENJELASAN_IKPA_KOSONG"
TINDAK_LANJUT = "TINDAK_LANJUT"
LOGO = "LOGO"

# The analysis fields of an indicator (sheet Analisis), as the report and the messages name them.
ANALISIS = {
    "penyebab": "Penyebab keberhasilan/kegagalan",
    "solusi": "Alternatif solusi",
    "efisiensi": "Efisiensi penggunaan sumber daya",
    "program_pendukung": "Program/kegiatan pendukung",
}
# The lists the report's chapters need, with where to fill them.
ISI_WAJIB = {
    "struktur": "Struktur organisasi (Bab I) belum diisi: lembar Organisasi, tabel Struktur Organisasi.",
    "landasan_hukum": "Landasan hukum (Bab I) belum diisi: lembar Organisasi, tabel Landasan Hukum.",
    "sdm": "Data sumber daya manusia (Bab I) belum diisi: lembar Organisasi, tabel Sumber Daya Manusia.",
    "tindak_lanjut": "Rencana tindak lanjut (Bab IV) belum diisi: lembar Tindak Lanjut.",
}


def _gabung(xs: list[str]) -> str:
    """ "a", "a dan b", "a, b, dan c" (as laporan.bahasa.gabung, without importing the report)."""
    if len(xs) <= 2:
        return " dan ".join(xs)
    return f"{', '.join(xs[:-1])}, dan {xs[-1]}"


def periksa_kelengkapan(
    lakip: Lakip, hasil: Hasil, add: Callable[[str, str, Jalur, str], None], folder: Path | None = None
) -> None:
    """Add the completeness findings of ``lakip`` through ``add(kode, tingkat, jalur, pesan)``."""
    _renstra(lakip, add)
    _pembanding(lakip, hasil, add)
    _analisis(lakip, add)
    _ikpa(lakip, add)
    for kunci, pesan in ISI_WAJIB.items():
        if not getattr(lakip, kunci):
            add(ISI_LAPORAN_KOSONG, "peringatan", (kunci,), pesan)
    for i, t in enumerate(lakip.tindak_lanjut):
        if t.batas_waktu.strip() and not tanggal_valid(t.batas_waktu.strip()):
            add(
                TINDAK_LANJUT,
                "peringatan",
                ("tindak_lanjut", i, "batas_waktu"),
                f"Batas waktu tindak lanjut '{t.batas_waktu}' bukan tanggal; di laporan akan tampil titik-titik. "
                "Ketik tanggal, mis. 30/06/2023 (di berkas JSON: 2023-06-30).",
            )
    if lakip.profil.logo.strip().lower().startswith(("http://", "https://", "www.")):
        add(
            LOGO,
            "peringatan",
            ("profil", "logo"),
            f"Logo '{lakip.profil.logo.strip()}' berupa alamat web; lakip-xl tidak mengunduh berkas. Simpan logo "
            "PNG atau JPEG di folder yang sama dengan berkas data dan tulis nama berkasnya (lembar Profil, Berkas "
            "logo), atau kosongkan.",
        )
    elif lakip.profil.logo.strip():
        from ..berkas import cari_logo

        path, sebab = cari_logo(lakip.profil.logo, folder)
        if path is None:
            add(
                LOGO,
                "peringatan",
                ("profil", "logo"),
                f"Logo tidak dipasang di sampul: {sebab}. Simpan logo PNG atau JPEG di folder yang sama dengan "
                "berkas data dan tulis nama berkasnya (lembar Profil, Berkas logo), atau kosongkan.",
            )


def _renstra(lakip: Lakip, add: Callable[[str, str, Jalur, str], None]) -> None:
    """Rows of the Renstra table: a known indicator code, a year, one row per indicator and year."""
    kode = {i.kode for i in lakip.indikator if i.kode}
    dilihat: set[tuple[str, int]] = set()
    for j, r in enumerate(lakip.renstra):
        if not (r.indikator or r.tahun is not None or r.target is not None or r.realisasi is not None):
            continue
        if r.indikator not in kode:
            add(
                RENSTRA_TIDAK_VALID,
                "galat",
                ("renstra", j, "indikator"),
                f"Kode indikator '{r.indikator}' di tabel Renstra baris ke-{j + 1} tidak ada di lembar Indikator; "
                "baris ini tidak dipakai. Tulis kode persis seperti di lembar Indikator.",
            )
        if r.tahun is None:
            add(
                RENSTRA_TIDAK_VALID,
                "galat",
                ("renstra", j, "tahun"),
                f"Tahun di tabel Renstra baris ke-{j + 1} kosong; baris ini tidak dipakai. Isi tahun empat angka.",
            )
        elif (r.indikator, r.tahun) in dilihat:
            add(
                RENSTRA_TIDAK_VALID,
                "galat",
                ("renstra", j, "tahun"),
                f"Indikator {r.indikator} tahun {r.tahun} tercantum dua kali di tabel Renstra; yang dipakai baris "
                "pertama. Hapus salah satunya.",
            )
        else:
            dilihat.add((r.indikator, r.tahun))
        for f in ("target", "realisasi"):
            v = getattr(r, f)
            if v is not None and v < 0:
                add("ANGKA_NEGATIF", "galat", ("renstra", j, f), f"{f.capitalize()} Renstra bernilai negatif ({v}).")


def _pembanding(lakip: Lakip, hasil: Hasil, add: Callable[[str, str, Jalur, str], None]) -> None:
    """Per key indicator (IKU): last year's realisation, the Renstra target, and the Renstra years'
    realisations up to last year."""
    tahun = lakip.profil.tahun
    for i, ind in enumerate(lakip.indikator):
        if ind.tingkat != "iku" or not ind.kode:
            continue
        label = f"indikator {ind.kode} '{ind.nama}'".replace(" ''", "")
        rows = baris_renstra(lakip.renstra, ind.kode)
        if tahun is not None:
            lalu = rows.get(tahun - 1)
            if (lalu is None or lalu.realisasi is None) and ind.realisasi_tahun_lalu is None:
                add(
                    PEMBANDING_KOSONG,
                    "peringatan",
                    ("indikator", i, "realisasi_tahun_lalu"),
                    f"Realisasi tahun {tahun - 1} {label} belum diisi, sehingga realisasi tahun ini tidak dapat "
                    f"dibandingkan dengan tahun lalu. Isi lembar Renstra (baris kode {ind.kode}, tahun {tahun - 1}, "
                    "kolom Realisasi).",
                )
        punya_target = any(r.target is not None for r in rows.values()) or ind.target_renstra is not None
        if not punya_target:
            add(
                PEMBANDING_KOSONG,
                "peringatan",
                ("indikator", i, "target_renstra"),
                f"Target Renstra {label} belum diisi, sehingga realisasi tidak dapat dibandingkan dengan target "
                f"jangka menengah. Isi lembar Renstra: satu baris per tahun Renstra dengan kode {ind.kode} dan "
                "kolom Target Renstra.",
            )
        for j, r in enumerate(lakip.renstra):
            if r.indikator != ind.kode or r.tahun is None or rows.get(r.tahun) is not r:
                continue
            if r.target is None:
                add(
                    PEMBANDING_KOSONG,
                    "peringatan",
                    ("renstra", j, "target"),
                    f"Target Renstra tahun {r.tahun} {label} kosong (lembar Renstra, kolom Target Renstra).",
                )
            if tahun is not None and r.tahun < tahun - 1 and r.realisasi is None:
                add(
                    PEMBANDING_KOSONG,
                    "peringatan",
                    ("renstra", j, "realisasi"),
                    f"Realisasi tahun {r.tahun} {label} kosong, sehingga perbandingan beberapa tahun terakhir dan "
                    "realisasi kumulatif terhadap target Renstra tidak lengkap (lembar Renstra, kolom Realisasi).",
                )


def _analisis(lakip: Lakip, add: Callable[[str, str, Jalur, str], None]) -> None:
    """Per key indicator (IKU): the analysis fields of PermenPANRB 53/2014 Bab III."""
    for i, ind in enumerate(lakip.indikator):
        if ind.tingkat != "iku" or not (ind.kode or ind.nama):
            continue
        kosong = [f for f in ANALISIS if not getattr(ind, f).strip()]
        if kosong:
            daftar = _gabung([ANALISIS[f].lower() for f in kosong])
            add(
                ANALISIS_KOSONG,
                "peringatan",
                ("indikator", i, kosong[0]),
                f"Analisis indikator {ind.kode} belum lengkap: {daftar} belum diisi (lembar Analisis, baris "
                f"{ind.kode}). Laporan akan menampilkan catatan 'belum diisi'.",
            )


def _ikpa(lakip: Lakip, add: Callable[[str, str, Jalur, str], None]) -> None:
    """IKPA components without an explanation (the report's IKPA table has a Penjelasan column)."""
    tanpa = [(i, k) for i, k in enumerate(lakip.ikpa.komponen) if k.kode and not k.penjelasan.strip()]
    if tanpa:
        kode = [k.kode for _, k in tanpa]
        add(
            PENJELASAN_IKPA_KOSONG,
            "peringatan",
            ("ikpa", "komponen", tanpa[0][0], "penjelasan"),
            f"Penjelasan nilai IKPA belum diisi untuk {format_angka(len(kode), 0)} indikator ({', '.join(kode)}): "
            "lembar IKPA, kolom Penjelasan.",
        )


__all__ = ["Temuan", "periksa_kelengkapan"]
