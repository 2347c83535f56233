"""The checks. Each finding says, in Indonesian, what is wrong and what to do."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..compute import anggaran as ag
from ..compute.angka import bulat, format_angka, format_konversi, format_persen, format_rupiah, tanggal_valid
from ..compute.aturan import REZIM_NKA, Aturan
from ..compute.capaian import capaian
from ..compute.hasil import Hasil
from ..model import JENIS_BELANJA_IKPA, NARASI_LABEL, Lakip, RencanaIkpa
from .kelengkapan import periksa_kelengkapan
from .temuan import Jalur, Temuan

# Finding codes (documented in docs/validasi.md).
ANGKA_NEGATIF = "ANGKA_NEGATIF"
TARGET_KOSONG = "TARGET_KOSONG"
REALISASI_KOSONG = "REALISASI_KOSONG"
PAGU_KOSONG = "PAGU_KOSONG"
REALISASI_MELEBIHI_PAGU = "REALISASI_MELEBIHI_PAGU"
RINCIAN_TIDAK_SAMA = "RINCIAN_TIDAK_SAMA"
TOTAL_BERBEDA = "TOTAL_BERBEDA"
BOBOT_IKPA = "BOBOT_IKPA"
NILAI_IKPA = "NILAI_IKPA"
ATURAN_IKPA = "ATURAN_IKPA"
ATURAN_TAHUN = "ATURAN_TAHUN"
DINYATAKAN_BERBEDA = "DINYATAKAN_BERBEDA"
KODE_GANDA = "KODE_GANDA"
TARGET_RENTANG = "TARGET_RENTANG"
POLARITAS_RENTANG = "POLARITAS_RENTANG"
TARGET_TRIWULAN = "TARGET_TRIWULAN"
PROFIL = "PROFIL"
NILAI_DI_LUAR_RENTANG = "NILAI_DI_LUAR_RENTANG"
KODE_KOSONG = "KODE_KOSONG"
KODE_BENTUK = "KODE_BENTUK"
KODE_SAMA_DI_EXCEL = "KODE_SAMA_DI_EXCEL"
# How the workbook's SUMIFS/COUNTIFS criteria read a code: * ? ~ as patterns, a leading < > = as
# an operator; case ignored, and text that reads as a number compared as that number.
_POLA_EXCEL = re.compile(r"[*?~]|^\s*[<>=]")
_KODE_ANGKA = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")
RINCIAN_KOSONG = "RINCIAN_KOSONG"
# The shape of DIPA codes since 2021, per level: program two letters (WA), kegiatan four digits
# (4262), KRO three letters (QAH), RO three letters or digits (001; some DIPAs use U11, Z27).
_BENTUK_PROGRAM = (re.compile(r"[A-Z]{2}"), "dua huruf, mis. WA")
_BENTUK_KEGIATAN = (re.compile(r"[0-9]{4}"), "empat angka, mis. 4262")
_BENTUK_KRO = (re.compile(r"[A-Z]{3}"), "tiga huruf, mis. QAH")
_BENTUK_RO = (re.compile(r"[A-Z0-9]{3}"), "tiga angka, mis. 001")
BAGIAN_KOSONG = "BAGIAN_KOSONG"
TOLERANSI_OMSPAN = 0.01  # points; see ikpa()
NARASI_KOSONG = "NARASI_KOSONG"
# Narrative sections the report shows as their own text (the others have generated text).
NARASI_WAJIB = ("latar_belakang", "maksud_tujuan", "aspek_strategis", "isu_strategis", "rencana_strategis",
                "analisis_capaian", "analisis_anggaran", "hambatan", "saran", "penutup")  # fmt: skip
PENGATURAN = "PENGATURAN"
REALISASI_GANDA = "REALISASI_GANDA"
RENCANA_BULAN = "RENCANA_BULAN"
RENCANA_ATURAN = "RENCANA_ATURAN"
RENCANA_ISIAN = "RENCANA_ISIAN"


def kunci_excel(kode: str) -> str:
    """A code as the workbook's criteria compare it: case ignored ('IKU-1' = 'iku-1'), and a
    code that reads as a number compared as that number ('1.1' = '1.10', '01' = '1')."""
    t = kode.strip().casefold()
    if _KODE_ANGKA.fullmatch(t):
        return repr(float(t.replace(",", ".")))
    return t


def _label(jenis: str, kode: str, nama: str, nomor: int) -> str:
    """'output OUT-03 'Penyelidikan ...'' or, when blank, 'output baris ke-4'."""
    if kode or nama:
        return f"{jenis} {kode} '{nama}'".replace("  ", " ").replace(" ''", "")
    return f"{jenis} ke-{nomor + 1}"


def _selisih(a: int, b: int) -> str:
    d = a - b
    return f"lebih {format_rupiah(d)}" if d > 0 else f"kurang {format_rupiah(-d)}"


def _desimal(nilai: float) -> int:
    """Decimals to compare a stated figure at: two (reports print two; JSON and Excel drop
    trailing zeros, so "99,50" arrives as 99.5), or more when it was written with more."""
    d = Decimal(repr(float(nilai))).normalize()
    return min(4, max(2, -d.as_tuple().exponent))  # type: ignore[operator]


def sama_dengan_dinyatakan(dihitung: float, dinyatakan: float, toleransi: float = 0.0) -> bool:
    """True when the computed figure, rounded half-up to the precision the stated figure was
    written with, equals it (within ``toleransi``)."""
    digit = _desimal(dinyatakan)
    return abs(float(bulat(dihitung, digit)) - dinyatakan) <= toleransi + 1e-9  # type: ignore[arg-type]


class _Pemeriksa:
    def __init__(self, lakip: Lakip, hasil: Hasil, aturan: Aturan) -> None:
        self.aturan = aturan
        self.l = lakip
        self.h = hasil
        self.t: list[Temuan] = []
        self.tol = lakip.pengaturan.toleransi_dinyatakan

    def add(self, kode: str, tingkat: str, jalur: Jalur, pesan: str) -> None:
        self.t.append(Temuan(kode, tingkat, jalur, pesan))  # type: ignore[arg-type]

    # -- generic helpers ---------------------------------------------------------------
    def negatif(self, jalur: Jalur, nilai: float | None, label: str) -> None:
        if nilai is not None and nilai < 0:
            self.add(
                ANGKA_NEGATIF, "galat", jalur, f"{label} bernilai negatif ({nilai}). Isi dengan angka 0 atau lebih."
            )

    def dinyatakan(
        self,
        jalur: Jalur,
        dinyatakan: float | None,
        dihitung: float | None,
        label: str,
        fmt: Callable[[Any], str] = format_persen,
        saran: str | Callable[[], str] = "Perbaiki angka yang dinyatakan atau periksa data dasarnya.",
        tol: float | None = None,
    ) -> None:
        if dinyatakan is None or dihitung is None:
            return
        if not sama_dengan_dinyatakan(dihitung, dinyatakan, self.tol if tol is None else max(tol, self.tol)):
            teks = saran() if callable(saran) else saran
            self.add(
                DINYATAKAN_BERBEDA,
                "peringatan",
                jalur,
                f"{label} dinyatakan {fmt(dinyatakan)}, hasil hitung {fmt(dihitung)}. {teks}",
            )

    def lebih_pagu(self, jalur: Jalur, pagu: int | None, realisasi: int | None, label: str) -> None:
        if pagu is not None and realisasi is not None and realisasi > pagu:
            self.add(
                REALISASI_MELEBIHI_PAGU,
                "galat",
                jalur,
                f"Realisasi {label} {format_rupiah(realisasi)} melebihi pagunya {format_rupiah(pagu)} "
                f"(selisih {format_rupiah(realisasi - pagu)}). Periksa angka realisasi atau pagu.",
            )

    def rincian(self, jalur: Jalur, induk: int | None, jumlah: int | None, label: str, apa: str, anak: str) -> None:
        if induk is None or jumlah is None or induk == jumlah:
            return
        self.add(
            RINCIAN_TIDAK_SAMA,
            "galat",
            jalur,
            f"{apa.capitalize()} {label} tertulis {format_rupiah(induk)}, tetapi jumlah {apa} {anak} di bawahnya "
            f"{format_rupiah(jumlah)} (induk {_selisih(induk, jumlah)}). "
            f"Samakan angka induk dengan rinciannya.",
        )

    # -- sections ------------------------------------------------------------------------
    def profil(self) -> None:
        p = self.l.profil
        if not p.nama.strip():
            self.add(PROFIL, "galat", ("profil", "nama"), "Nama satker belum diisi.")
        if p.tahun is None:
            self.add(PROFIL, "galat", ("profil", "tahun"), "Tahun laporan belum diisi.")
        if p.kepala_nip and not re.fullmatch(r"\d{18}", p.kepala_nip.replace(" ", "")):
            self.add(
                PROFIL,
                "peringatan",
                ("profil", "kepala_nip"),
                f"NIP '{p.kepala_nip}' tidak terdiri dari 18 angka. Periksa NIP kepala kantor.",
            )
        if not p.tanggal_laporan:
            self.add(
                PROFIL,
                "peringatan",
                ("profil", "tanggal_laporan"),
                "Tanggal laporan belum diisi; tanda tangan laporan akan berisi titik-titik untuk diisi tangan.",
            )
        elif not tanggal_valid(p.tanggal_laporan):
            self.add(
                PROFIL,
                "galat",
                ("profil", "tanggal_laporan"),
                f"Tanggal laporan '{p.tanggal_laporan}' bukan tanggal. Ketik tanggal, mis. 15/01/2025 "
                "(di berkas JSON: 2025-01-15).",
            )
        for i, pr in enumerate(self.l.prestasi):
            if pr.tanggal and not tanggal_valid(pr.tanggal):
                self.add(
                    PROFIL,
                    "peringatan",
                    ("prestasi", i, "tanggal"),
                    f"Tanggal prestasi '{pr.tanggal}' bukan tanggal; di laporan akan tampil titik-titik. "
                    "Ketik tanggal, mis. 17/08/2024 (di berkas JSON: 2024-08-17).",
                )
        for bagian in NARASI_WAJIB:
            if not getattr(self.l.narasi, bagian).strip():
                self.add(
                    NARASI_KOSONG,
                    "peringatan",
                    ("narasi", bagian),
                    f"Bagian narasi '{NARASI_LABEL[bagian]}' belum diisi; laporan akan menampilkan catatan 'belum diisi'.",
                )
        if p.kode_satker and not re.fullmatch(r"\d{6}", p.kode_satker):
            self.add(PROFIL, "peringatan", ("profil", "kode_satker"), f"Kode satker '{p.kode_satker}' bukan 6 angka.")
        if p.kelas:
            teks = [("profil", "nama"), *(("narasi", f) for f in vars(self.l.narasi))]
            for jalur in teks:
                obj = self.l.profil if jalur[0] == "profil" else self.l.narasi
                isi = getattr(obj, jalur[1])
                for m in re.finditer(r"\bKelas\s+(I{1,3}|IV)\b", isi):
                    if m.group(1) != p.kelas:
                        self.add(
                            PROFIL,
                            "peringatan",
                            jalur,
                            f"Tertulis 'Kelas {m.group(1)}', padahal kelas kantor di profil adalah {p.kelas}. "
                            "Samakan penulisan kelas kantor.",
                        )
                        break
        for i, w in enumerate(self.l.wilayah):
            for f in ("kecamatan", "desa", "penduduk"):
                self.negatif(("wilayah", i, f), getattr(w, f), f"Jumlah {f} {w.nama}")

    def indikator(self) -> None:
        if not self.l.indikator:
            self.add(
                BAGIAN_KOSONG,
                "galat",
                ("indikator",),
                "Perjanjian Kinerja belum memuat satu indikator pun; capaian kinerja tidak dapat dilaporkan. "
                "Isi tabel Indikator.",
            )
        seen: dict[str, int] = {}
        for i, (ind, h) in enumerate(zip(self.l.indikator, self.h.indikator, strict=True)):
            label = _label("Indikator", ind.kode, ind.nama, i)
            j: Jalur = ("indikator", i)
            if not ind.kode.strip():
                self.add(KODE_KOSONG, "galat", (*j, "kode"), f"Kode {label} kosong. Beri kode unik, misalnya IKU-1.")
            isi_tw = [x for x in ind.realisasi_tw if x is not None]
            if (
                isi_tw
                and ind.realisasi is not None
                and h.realisasi is not None
                and abs(h.realisasi - ind.realisasi) > 1e-9
            ):
                self.add(
                    REALISASI_GANDA,
                    "peringatan",
                    (*j, "realisasi"),
                    f"{label}: realisasi kumulatif diisi {format_angka(ind.realisasi)}, tetapi realisasi triwulan "
                    f"menghasilkan {format_angka(h.realisasi)}; yang dipakai realisasi triwulan. Kosongkan salah satunya.",
                )
            if ind.target_atas is not None and ind.target is not None and ind.target_atas < ind.target:
                self.add(
                    TARGET_RENTANG,
                    "peringatan",
                    (*j, "target_atas"),
                    f"Batas atas target {label} ({format_angka(ind.target_atas)}) lebih kecil dari batas bawah "
                    f"({format_angka(ind.target)}); keduanya dipertukarkan saat menghitung.",
                )
            if ind.polaritas == "rentang":
                self.add(
                    POLARITAS_RENTANG,
                    "peringatan",
                    (*j, "polaritas"),
                    f"{label} memakai polaritas 'rentang' (bentuk lama). Capaiannya tetap dihitung seperti dulu: di "
                    "bawah rentang seperti polaritas positif, di atas rentang seperti polaritas negatif (2t-r). "
                    "Menurut PermenPANRB 6/2022 target rentang dihitung dengan polaritas indikator itu sendiri: "
                    "pilih polaritas positif atau negatif dan isi batas atas target.",
                )
            if ind.kode in seen:
                self.add(KODE_GANDA, "galat", (*j, "kode"), f"Kode indikator '{ind.kode}' dipakai lebih dari sekali.")
            else:
                self._kode_excel(j, ind.kode, seen, "indikator")
            seen[ind.kode] = i
            # A zero lower bound of a range target (e.g. 0-5) is a target; a zero single target is not.
            if ind.target is None or (ind.target == 0 and not ind.target_atas):
                kata = "kosong" if ind.target is None else "nol"
                apa = "Batas bawah target" if ind.target_atas else "Target"
                self.add(
                    TARGET_KOSONG,
                    "galat",
                    (*j, "target"),
                    f"{apa} {label} {kata}, sehingga capaian tidak dapat dihitung. Isi target sesuai Perjanjian Kinerja.",
                )
            self.negatif((*j, "target"), ind.target, f"Target {label}")
            self.negatif((*j, "target_atas"), ind.target_atas, f"Batas atas target {label}")
            for q in range(4):
                self.negatif((*j, "target_tw", q), ind.target_tw[q], f"Target TW {q + 1} {label}")
                self.negatif((*j, "realisasi_tw", q), ind.realisasi_tw[q], f"Realisasi TW {q + 1} {label}")
            self.negatif((*j, "realisasi"), ind.realisasi, f"Realisasi {label}")
            if h.realisasi is None:
                self.add(
                    REALISASI_KOSONG,
                    "peringatan",
                    (*j, "realisasi"),
                    f"Realisasi {label} belum diisi. Isi realisasi triwulan atau realisasi kumulatif.",
                )
            if ind.polaritas == "rentang" and ind.target_atas is None:
                self.add(
                    TARGET_RENTANG,
                    "galat",
                    (*j, "target_atas"),
                    f"{label} berpolaritas rentang tetapi batas atas target kosong. Isi batas atas.",
                )
            tw = [x for x in ind.target_tw if x is not None]
            if (
                ind.kumulatif == "jumlah"
                and len(tw) == 4
                and ind.target is not None
                and abs(sum(tw) - ind.target) > 1e-9
            ):
                self.add(
                    TARGET_TRIWULAN,
                    "peringatan",
                    (*j, "target_tw"),
                    f"Jumlah target TW I-IV {label} ({format_angka(sum(tw))}) tidak sama dengan target tahunan "
                    f"({format_angka(ind.target)}).",
                )
            self.dinyatakan((*j, "capaian_dinyatakan"), ind.capaian_dinyatakan, h.capaian, f"Capaian {label}")

    def anggaran(self) -> None:
        if not self.l.anggaran.program:
            self.add(
                BAGIAN_KOSONG,
                "galat",
                ("anggaran", "program"),
                "Data DIPA belum memuat satu program pun; realisasi anggaran tidak dapat dilaporkan. Isi tabel Program.",
            )
        self._anggaran_rincian_program()
        self._anggaran_total()
        self._anggaran_total_penyerapan()
        self._anggaran_baris_belanja()
        self._anggaran_tiga_rincian()
        self._anggaran_alokasi_pk()

    def _anggaran_rincian_program(self) -> None:
        """The DIPA hierarchy: every program, its kegiatan, their KROs and the KROs' ROs. Program
        and kegiatan codes are unique in the DIPA; a KRO code only within its kegiatan and an RO
        code only within its KRO (QAH repeats under other kegiatan, 001 under other KROs)."""
        h = self.h.anggaran
        kode_program: set[str] = set()
        kode_kegiatan: set[str] = set()
        ki = ri = 0  # the computed kegiatan and KROs are numbered across their parents
        for pi, prog in enumerate(self.l.anggaran.program):
            pj: Jalur = ("anggaran", "program", pi)
            plabel = _label("program", prog.kode, prog.nama, pi)
            self._kode_kosong(pj, prog.kode, plabel)
            self._kode_unik(pj, prog.kode, kode_program, "program", "dalam DIPA")
            self._kode_bentuk(pj, prog.kode, "program", _BENTUK_PROGRAM)
            self._negatif_kolom(pj, prog, ("pagu_pk", "pembanding_pagu", "pembanding_realisasi"), plabel)
            hp = h.per_program[pi]
            for kl, keg in enumerate(prog.kegiatan):
                kj: Jalur = (*pj, "kegiatan", kl)
                klabel = _label("kegiatan", keg.kode, keg.nama, kl)
                self._kode_kosong(kj, keg.kode, klabel)
                self._kode_unik(kj, keg.kode, kode_kegiatan, "kegiatan", "dalam DIPA")
                self._kode_bentuk(kj, keg.kode, "kegiatan", _BENTUK_KEGIATAN)
                kode_kro: set[str] = set()
                for rl, kro in enumerate(keg.kro):
                    self._anggaran_kro((*kj, "kro", rl), rl, kro, h.per_kro[ri], keg.kode, kode_kro)
                    ri += 1
                self._anggaran_induk(kj, klabel, keg, h.per_kegiatan[ki], "KRO")
                ki += 1
            self._anggaran_induk(pj, plabel, prog, hp, "kegiatan")
            self._anggaran_pembanding_program(pj, plabel, prog)

    def _anggaran_kro(self, rj: Jalur, nomor: int, kro, hr, kegiatan: str, kode_kro: set[str]) -> None:
        rlabel = _label("KRO", f"{kegiatan}.{kro.kode}" if kegiatan and kro.kode else kro.kode, kro.nama, nomor)
        self._kode_kosong(rj, kro.kode, rlabel)
        self._kode_unik(rj, kro.kode, kode_kro, "KRO", f"di bawah kegiatan '{kegiatan}'")
        self._kode_bentuk(rj, kro.kode, "KRO", _BENTUK_KRO)
        kode_ro: set[str] = set()
        for oi, o in enumerate(kro.output):
            oj: Jalur = (*rj, "output", oi)
            lengkap = ".".join(x for x in (kegiatan, kro.kode, o.kode) if x) if o.kode else ""
            self._anggaran_output(oj, _label("RO", lengkap, o.nama, oi), o)
            self._kode_unik(oj, o.kode, kode_ro, "RO", f"di bawah KRO '{kegiatan}.{kro.kode}'")
            self._kode_bentuk(oj, o.kode, "RO", _BENTUK_RO)
        if not kro.output and (kro.pagu is not None or kro.realisasi is not None):
            self.add(
                RINCIAN_KOSONG,
                "peringatan",
                (*rj, "kode"),
                f"{rlabel} berisi pagu atau realisasi tetapi tidak memiliki RO: capaian volume dan efisiensinya "
                "tidak dapat dinilai. Isi RO-nya dari DIPA (tabel Output, kolom Kode kegiatan dan Kode KRO).",
            )
        self._anggaran_induk(rj, rlabel, kro, hr, "RO")

    def _kode_unik(self, j: Jalur, kode: str, sudah: set[str], jenis: str, lingkup: str) -> None:
        """A code used twice where it must be unique (``lingkup``: the DIPA, or the parent)."""
        if not kode:
            return
        if kode in sudah:
            self.add(
                KODE_GANDA,
                "galat",
                (*j, "kode"),
                f"Kode {jenis} '{kode}' dipakai lebih dari sekali {lingkup}; baris kedua tidak dapat dibedakan dari "
                f"yang pertama. Gabungkan barisnya atau perbaiki kodenya sesuai DIPA.",
            )
        else:
            self._kode_excel(j, kode, sudah, jenis)
        sudah.add(kode)

    def _kode_excel(self, j: Jalur, kode: str, lain: Iterable[str], jenis: str) -> None:
        """A code the workbook's formulas cannot tell from another one, or read as a pattern:
        the sums and averages the workbook shows without Python would mix the two."""
        if not kode:
            return
        if _POLA_EXCEL.search(kode):
            self.add(
                KODE_SAMA_DI_EXCEL,
                "galat",
                (*j, "kode"),
                f"Kode {jenis} '{kode}' memuat tanda * ? ~ atau diawali < > =; rumus buku kerja (SUMIFS/COUNTIFS) "
                "membacanya sebagai pola atau pembanding, sehingga angka buku kerja dapat berbeda dengan hasil "
                "lakip-xl. Ganti tanda itu.",
            )
            return
        k = kunci_excel(kode)
        sama = next((x for x in lain if x != kode and kunci_excel(x) == k), None)
        if sama is not None:
            self.add(
                KODE_SAMA_DI_EXCEL,
                "galat",
                (*j, "kode"),
                f"Kode {jenis} '{kode}' dan '{sama}' berbeda bagi lakip-xl, tetapi sama bagi rumus buku kerja "
                "(huruf besar/kecil tidak dibedakan; kode berbentuk angka dibaca sebagai angka, mis. 1.1 = 1.10), "
                "sehingga jumlah dan rata-rata di buku kerja mencampurkan keduanya. Bedakan kodenya.",
            )

    def _kode_bentuk(self, j: Jalur, kode: str, jenis: str, bentuk: tuple[re.Pattern[str], str]) -> None:
        """A code that does not look like a DIPA code of its level: a peringatan (old or
        provisional codes are allowed, but the report then shows them as they are)."""
        pola, contoh = bentuk
        if kode and not pola.fullmatch(kode):
            self.add(
                KODE_BENTUK,
                "peringatan",
                (*j, "kode"),
                f"Kode {jenis} '{kode}' bukan bentuk kode DIPA ({contoh}). Salin kode {jenis} persis dari DIPA.",
            )

    def _anggaran_output(self, oj: Jalur, olabel: str, o) -> None:
        self._kode_kosong(oj, o.kode, olabel)
        self._negatif_kolom(oj, o, ("pagu", "realisasi", "volume_target", "volume_realisasi"), olabel)
        if o.pagu is None:
            self.add(PAGU_KOSONG, "galat", (*oj, "pagu"), f"Pagu {olabel} kosong. Isi pagu sesuai DIPA.")
        elif o.pagu == 0 and (o.realisasi or 0) > 0:
            self.add(PAGU_KOSONG, "galat", (*oj, "pagu"), f"Pagu {olabel} nol tetapi ada realisasi.")
        self.lebih_pagu((*oj, "realisasi"), o.pagu, o.realisasi, olabel)
        self._anggaran_output_volume(oj, olabel, o)
        self.dinyatakan(
            (*oj, "penyerapan_dinyatakan"),
            o.penyerapan_dinyatakan,
            ag.penyerapan(o.pagu, o.realisasi),
            f"Penyerapan {olabel}",
        )

    def _anggaran_output_volume(self, oj: Jalur, olabel: str, o) -> None:
        if o.volume_target is None or o.volume_target == 0:
            self.add(
                TARGET_KOSONG,
                "peringatan",
                (*oj, "volume_target"),
                f"Target volume {olabel} {'kosong' if o.volume_target is None else 'nol'}; "
                "capaian volume tidak dapat dihitung.",
            )
        elif o.volume_realisasi is None:
            self.add(
                REALISASI_KOSONG, "peringatan", (*oj, "volume_realisasi"), f"Realisasi volume {olabel} belum diisi."
            )
        cap = capaian(o.volume_target, o.volume_realisasi, "positif", self.l.pengaturan.batas_capaian_output)
        self.dinyatakan(
            (*oj, "capaian_volume_dinyatakan"), o.capaian_volume_dinyatakan, cap, f"Capaian volume {olabel}"
        )

    def _anggaran_induk(self, j: Jalur, label: str, induk, hitungan, anak: str) -> None:
        """A program's or kegiatan's own figures against what was computed from its ``anak`` rows."""
        self.negatif((*j, "pagu"), induk.pagu, f"Pagu {label}")
        self.negatif((*j, "realisasi"), induk.realisasi, f"Realisasi {label}")
        self.lebih_pagu((*j, "realisasi"), hitungan.pagu, hitungan.realisasi, label)
        self.rincian((*j, "pagu"), induk.pagu, hitungan.pagu_rincian, label, "pagu", anak)
        self.rincian((*j, "realisasi"), induk.realisasi, hitungan.realisasi_rincian, label, "realisasi", anak)
        self.dinyatakan(
            (*j, "penyerapan_dinyatakan"), induk.penyerapan_dinyatakan, hitungan.penyerapan, f"Penyerapan {label}"
        )

    def _anggaran_pembanding_program(self, pj: Jalur, plabel: str, prog) -> None:
        """The program's figures for the comparison period."""
        pembanding = self.l.anggaran.label_pembanding
        self.lebih_pagu(
            (*pj, "pembanding_realisasi"),
            prog.pembanding_pagu,
            prog.pembanding_realisasi,
            f"{plabel} ({pembanding})",
        )
        self.dinyatakan(
            (*pj, "pembanding_penyerapan_dinyatakan"),
            prog.pembanding_penyerapan_dinyatakan,
            ag.penyerapan(prog.pembanding_pagu, prog.pembanding_realisasi),
            f"Penyerapan {plabel} ({pembanding})",
        )

    def _anggaran_total(self) -> None:
        """The stated "Total DIPA" against the programs, then against every kegiatan."""
        a = self.l.anggaran
        h = self.h.anggaran
        tj: Jalur = ("anggaran",)
        self._negatif_kolom(tj, a, ("total_pagu_dinyatakan", "total_realisasi_dinyatakan", "alokasi_pk_dinyatakan"))
        total = (
            ("pagu", a.total_pagu_dinyatakan, h.pagu_rincian),
            ("realisasi", a.total_realisasi_dinyatakan, h.realisasi_rincian),
        )
        for apa, dinyatakan, rincian_prog in total:
            self.rincian((*tj, f"total_{apa}_dinyatakan"), dinyatakan, rincian_prog, "total DIPA", apa, "program")
        for apa, dinyatakan, rincian_prog in total:
            self._anggaran_total_kegiatan(apa, dinyatakan, rincian_prog)

    def _anggaran_total_kegiatan(self, apa: str, dinyatakan: int | None, rincian_prog: int | None) -> None:
        """A total that disagrees with the sum of every kegiatan as well (when the program rows
        themselves do not add up, the kegiatan are the finer evidence)."""
        per_kegiatan = self.h.anggaran.per_kegiatan
        semua = ag.jumlah(getattr(k, apa) for k in per_kegiatan)
        if dinyatakan is not None and semua is not None and semua not in (dinyatakan, rincian_prog):
            self.add(
                RINCIAN_TIDAK_SAMA,
                "galat",
                ("anggaran", f"total_{apa}_dinyatakan"),
                f"{apa.capitalize()} total DIPA tertulis {format_rupiah(dinyatakan)}, tetapi jumlah {apa} seluruh "
                f"{len(per_kegiatan)} kegiatan {format_rupiah(semua)} (total {_selisih(dinyatakan, semua)}). "
                "Samakan total dengan rinciannya.",
            )

    def _anggaran_total_penyerapan(self) -> None:
        a = self.l.anggaran
        h = self.h.anggaran
        self.lebih_pagu(("anggaran", "total_realisasi_dinyatakan"), h.pagu, h.realisasi, "total DIPA")
        self.dinyatakan(
            ("anggaran", "total_penyerapan_dinyatakan"),
            a.total_penyerapan_dinyatakan,
            h.penyerapan,
            "Penyerapan total DIPA",
            saran=lambda: (
                f"Realisasi {format_rupiah(h.realisasi)} dari pagu {format_rupiah(h.pagu)} adalah "
                f"{format_persen(h.penyerapan)}; sisa anggaran {format_persen(100 - h.penyerapan) if h.penyerapan is not None else '-'}. "
                "Pastikan yang dicantumkan persentase realisasi, bukan persentase sisa."
            ),
        )

    def _anggaran_baris_belanja(self) -> None:
        """The rows of the spending-type and funding-source tables."""
        a = self.l.anggaran
        for nama, rows, label in (
            ("jenis_belanja", a.jenis_belanja, "jenis belanja"),
            ("sumber_dana", a.sumber_dana, "sumber dana"),
        ):
            for i, r in enumerate(rows):
                self._anggaran_baris((nama, i), f"{label} {r.kode} {r.nama}".strip(), r)

    def _anggaran_baris(self, lokasi: tuple[str, int], rlabel: str, r) -> None:
        rj: Jalur = ("anggaran", *lokasi)
        self.negatif((*rj, "pagu"), r.pagu, f"Pagu {rlabel}")
        self.negatif((*rj, "realisasi"), r.realisasi, f"Realisasi {rlabel}")
        self.negatif((*rj, "pembanding_pagu"), r.pembanding_pagu, f"Pagu pembanding {rlabel}")
        self.negatif((*rj, "pembanding_realisasi"), r.pembanding_realisasi, f"Realisasi pembanding {rlabel}")
        self.lebih_pagu((*rj, "realisasi"), r.pagu, r.realisasi, rlabel)
        self.dinyatakan(
            (*rj, "sisa_dinyatakan"),
            r.sisa_dinyatakan,
            ag.sisa(r.pagu, r.realisasi),
            f"Sisa {rlabel}",
            fmt=format_rupiah,
        )
        self.dinyatakan(
            (*rj, "penyerapan_dinyatakan"),
            r.penyerapan_dinyatakan,
            ag.penyerapan(r.pagu, r.realisasi),
            f"Penyerapan {rlabel}",
        )

    def _anggaran_tiga_rincian(self) -> None:
        """The same budget seen through three breakdowns must agree."""
        a = self.l.anggaran
        h = self.h.anggaran
        sumber: list[tuple[str, Jalur, dict[str, int | None], bool]] = [
            ("rincian output (DIPA)", ("anggaran", "total_pagu_dinyatakan"),
             {"pagu": h.pagu, "realisasi": h.realisasi}, bool(a.program)),
            ("per jenis belanja", ("anggaran", "jenis_belanja"),
             {"pagu": h.jenis.pagu, "realisasi": h.jenis.realisasi}, bool(a.jenis_belanja)),
            ("per sumber dana", ("anggaran", "sumber_dana"),
             {"pagu": h.sumber.pagu, "realisasi": h.sumber.realisasi}, bool(a.sumber_dana)),
        ]  # fmt: skip
        ada = [x for x in sumber if x[3]]
        pasangan = [(x, y) for i, x in enumerate(ada) for y in ada[i + 1 :]]
        for apa in ("pagu", "realisasi"):
            for (label_x, _, total_x, _), (label_y, jalur_y, total_y, _) in pasangan:
                nx, ny = total_x[apa], total_y[apa]
                if nx is not None and ny is not None and nx != ny:
                    self.add(
                        TOTAL_BERBEDA,
                        "galat",
                        jalur_y,
                        f"Total {apa} {label_y} {format_rupiah(ny)} berbeda dengan total {apa} {label_x} "
                        f"{format_rupiah(nx)} ({_selisih(ny, nx)}). "
                        "Ketiga rincian anggaran harus bersumber dari DIPA yang sama.",
                    )

    def _anggaran_alokasi_pk(self) -> None:
        """The allocation stated in the Perjanjian Kinerja against the programs and the DIPA."""
        a = self.l.anggaran
        h = self.h.anggaran
        pk = ag.jumlah(p.pagu_pk for p in a.program)
        if a.alokasi_pk_dinyatakan is None:
            return
        self.rincian(
            ("anggaran", "alokasi_pk_dinyatakan"),
            a.alokasi_pk_dinyatakan,
            pk,
            "alokasi Perjanjian Kinerja",
            "pagu",
            "program",
        )
        if h.pagu is not None and a.alokasi_pk_dinyatakan != h.pagu:
            self.add(
                TOTAL_BERBEDA,
                "peringatan",
                ("anggaran", "alokasi_pk_dinyatakan"),
                f"Alokasi anggaran pada Perjanjian Kinerja {format_rupiah(a.alokasi_pk_dinyatakan)} berbeda dengan "
                f"pagu DIPA {format_rupiah(h.pagu)}. Jika DIPA direvisi, jelaskan revisinya dalam laporan; "
                "jika tidak, samakan angkanya.",
            )

    def _kode_kosong(self, j: Jalur, kode: str, label: str) -> None:
        if not kode.strip():
            self.add(KODE_KOSONG, "galat", (*j, "kode"), f"Kode {label} kosong. Beri kode unik.")

    def _negatif_kolom(self, j: Jalur, baris: object, kolom: tuple[str, ...], label: str = "") -> None:
        """``negatif`` for each field in ``kolom``, named after the field (then ``label``)."""
        for f in kolom:
            nama = f.replace("_", " ").capitalize()
            self.negatif((*j, f), getattr(baris, f), f"{nama} {label}" if label else nama)

    def aturan_tahun(self) -> None:
        """A fiscal year the rules do not know: the newest (or oldest) rules are applied, and said."""
        tahun = self.l.profil.tahun
        kode, alasan = self.aturan.ikpa_berlaku(self.l.ikpa.aturan, tahun)
        if tahun is not None and alasan in ("terbaru", "terlama"):
            tahun_dikenal = [t for t, _ in self.aturan.tahun_ikpa]
            self.add(
                ATURAN_TAHUN,
                "peringatan",
                ("profil", "tahun"),
                f"Aturan penilaian untuk TA {tahun} belum dikenal lakip-xl (dikenal TA {tahun_dikenal[0]}-"
                f"{tahun_dikenal[-1]}); dipakai aturan IKPA {self.aturan.set_ikpa(kode).nama}. Periksa apakah aturan "
                "itu masih berlaku, atau pilih aturan IKPA di lembar IKPA.",
            )

    def rencana(self) -> None:
        """The IKPA planner's inputs: months that exist once each, amounts not negative, values
        in range, nothing typed where it is not counted, and planner rules for the rule set."""
        from ..compute.rencana import ada_isi

        r = self.l.rencana_ikpa
        if r == RencanaIkpa():
            return
        akar: Jalur = ("rencana_ikpa",)
        for f in ("revisi_semester_i", "revisi_semester_ii", "spm_dispensasi", "spm_jumlah"):
            self.negatif((*akar, f), getattr(r, f), f"Rencana IKPA: {f.replace('_', ' ')}")
        if r.target_ikpa is not None and not 0 < r.target_ikpa <= 100:
            self.add(RENCANA_ISIAN, "galat", (*akar, "target_ikpa"),
                     f"Rencana IKPA: target {format_angka(r.target_ikpa)} tidak mungkin; isi di atas 0 sampai 100 "
                     "(kosong: 95).")  # fmt: skip
        if r.spm_dispensasi is not None and r.spm_jumlah is not None and r.spm_dispensasi > r.spm_jumlah:
            self.add(RENCANA_ISIAN, "galat", (*akar, "spm_dispensasi"),
                     f"Rencana IKPA: SPM dengan dispensasi ({r.spm_dispensasi}) lebih banyak daripada jumlah SPM "
                     f"({r.spm_jumlah}). Periksa kedua angka.")  # fmt: skip
        tahun = self.l.profil.tahun
        kode, _ = self.aturan.ikpa_berlaku(self.l.ikpa.aturan, tahun)
        ar = self.aturan.rencana(kode)
        for jenis in JENIS_BELANJA_IKPA:
            pagu, blokir = getattr(r, f"pagu_{jenis}"), getattr(r, f"blokir_{jenis}")
            self.negatif((*akar, f"pagu_{jenis}"), pagu, f"Rencana IKPA: pagu {jenis}")
            self.negatif((*akar, f"blokir_{jenis}"), blokir, f"Rencana IKPA: blokir {jenis}")
            berlaku = ar is not None and (tahun is None or tahun >= ar.blokir_mulai_tahun)
            if berlaku and pagu and blokir and blokir >= pagu:
                self.add(RENCANA_ISIAN, "peringatan", (*akar, f"blokir_{jenis}"),
                         f"Rencana IKPA: blokir belanja {jenis} ({format_rupiah(blokir)}) tidak kurang dari pagunya "
                         f"({format_rupiah(pagu)}): belanja {jenis} tidak ikut dihitung.")  # fmt: skip
        if r.bulan_data is not None and not 0 <= r.bulan_data <= 12:
            self.add(RENCANA_BULAN, "galat", (*akar, "bulan_data"),
                     f"Rencana IKPA: 'data sampai bulan' berisi {r.bulan_data}; isi 0 sampai 12, atau kosongkan.")  # fmt: skip
        ada: set[int] = set()
        terakhir = 0  # the last month with a realisation
        for i, b in enumerate(r.bulan):
            j: Jalur = (*akar, "bulan", i)
            if b.bulan is None and not ada_isi(b):
                continue
            if b.bulan is None or not 1 <= b.bulan <= 12:
                isi = "kosong" if b.bulan is None else f"berisi {b.bulan}"
                self.add(RENCANA_BULAN, "galat", (*j, "bulan"),
                         f"Rencana IKPA baris ke-{i + 1}: bulan {isi}; isi 1 sampai 12. Rencana tidak dihitung sampai "
                         "diperbaiki.")  # fmt: skip
            elif b.bulan in ada:
                self.add(RENCANA_BULAN, "galat", (*j, "bulan"),
                         f"Rencana IKPA: bulan {b.bulan} tercantum dua kali; gabungkan isinya dalam satu baris.")  # fmt: skip
            else:
                ada.add(b.bulan)
                if any(getattr(b, f"realisasi_{x}") for x in JENIS_BELANJA_IKPA):
                    terakhir = max(terakhir, b.bulan)
                    if r.bulan_data is not None and b.bulan > r.bulan_data:
                        self.add(RENCANA_ISIAN, "peringatan", (*j, "bulan"),
                                 f"Rencana IKPA: realisasi bulan {b.bulan} diisi, tetapi data sampai bulan "
                                 f"{r.bulan_data}: realisasi itu belum dihitung. Perbarui 'data sampai bulan'.")  # fmt: skip
            for f in [f"{a}_{x}" for x in JENIS_BELANJA_IKPA for a in ("rpd", "realisasi")] + ["capaian_ro"]:
                self.negatif((*j, f), getattr(b, f), f"Rencana IKPA bulan {b.bulan}: {f.replace('_', ' ')}")
            if b.laporan_tepat_waktu.lower() not in ("", "ya", "tidak"):
                self.add(RENCANA_BULAN, "galat", (*j, "laporan_tepat_waktu"),
                         f"Rencana IKPA bulan {b.bulan}: 'laporan tepat waktu' berisi '{b.laporan_tepat_waktu}'; "
                         "isi Ya atau Tidak, atau kosongkan bila belum dilaporkan.")  # fmt: skip
        if r.bulan_data is not None and terakhir and r.bulan_data > terakhir:
            self.add(RENCANA_ISIAN, "peringatan", (*akar, "bulan_data"),
                     f"Rencana IKPA: data sampai bulan {r.bulan_data}, tetapi realisasi terakhir bulan {terakhir}: "
                     f"bulan {terakhir + 1}-{r.bulan_data} dihitung tanpa realisasi.")  # fmt: skip
        if ar is None:
            self.add(RENCANA_ATURAN, "peringatan", akar,
                     f"Rencana IKPA diisi, tetapi aturan IKPA '{kode}' tidak memiliki aturan perencana (target penyerapan "
                     "per triwulan, PER-5/PB/2024, TA 2024 ke atas); rencana tidak dihitung.")  # fmt: skip

    def ikpa(self) -> None:
        ik = self.l.ikpa
        if not ik.komponen:
            return
        kode = self.h.aturan_ikpa
        if kode not in self.aturan.kode_ikpa:
            self.add(
                ATURAN_IKPA,
                "galat",
                ("ikpa", "aturan"),
                f"Aturan IKPA '{kode}' tidak dikenal. Pilih salah satu: {', '.join(self.aturan.kode_ikpa)}.",
            )
            return
        aturan = self.aturan.set_ikpa(kode)
        seen: set[str] = set()
        nama = {x.kode: x.nama for s in self.aturan.ikpa for x in s.indikator}
        for i, k in enumerate(ik.komponen):
            if k.kode in seen:
                self.add(
                    KODE_GANDA,
                    "galat",
                    ("ikpa", "komponen", i, "kode"),
                    f"Komponen IKPA {nama.get(k.kode, repr(k.kode))} diisi lebih dari sekali. Hapus salah satu baris.",
                )
            seen.add(k.kode)
            j: Jalur = ("ikpa", "komponen", i)
            ind = aturan.cari(k.kode)
            if ind is None:
                pesan = (
                    f"Komponen IKPA {nama.get(k.kode, repr(k.kode))} tidak ada dalam aturan {aturan.nama}. "
                    "Pilih indikator dari daftar (nama seperti di OM-SPAN)."
                )
                if k.kode == "dispensasi_spm" and aturan.dispensasi == "pengurang":
                    pesan += " Mulai 2024 dispensasi SPM menjadi pengurang nilai: isi 'pengurang_dispensasi'."
                self.add(ATURAN_IKPA, "galat", (*j, "kode"), pesan)
                continue
            if k.berlaku and k.nilai is None:
                self.add(
                    NILAI_IKPA,
                    "galat",
                    (*j, "nilai"),
                    f"Nilai IKPA {ind.nama} kosong. Salin nilainya dari OM-SPAN, atau tandai 'tidak berlaku'.",
                )
            if k.bobot is not None and k.bobot < 0:
                self.negatif((*j, "bobot"), k.bobot, f"Bobot pengganti IKPA {ind.nama}")
            if k.nilai is not None and not 0 <= k.nilai <= 100:
                self.add(
                    NILAI_DI_LUAR_RENTANG,
                    "galat",
                    (*j, "nilai"),
                    f"Nilai IKPA {ind.nama} {format_angka(k.nilai)} di luar rentang 0-100.",
                )
        ada = {k.kode for k in ik.komponen}
        for ind in aturan.indikator:
            if ind.kode not in ada:
                self.add(
                    NILAI_IKPA,
                    "galat",
                    ("ikpa", "komponen"),
                    f"Komponen IKPA {ind.nama} belum ada. Tambahkan nilainya, atau tandai 'tidak berlaku'.",
                )
        hk = self.h.ikpa
        if hk is None:
            return
        total_bobot = sum(c.bobot for c in hk.komponen)
        if abs(total_bobot - 100) > 1e-9:
            self.add(
                BOBOT_IKPA,
                "galat",
                ("ikpa", "komponen"),
                f"Jumlah bobot indikator IKPA {format_angka(total_bobot)}, seharusnya 100. "
                f"Periksa bobot yang diubah; bobot baku {aturan.nama} berjumlah 100.",
            )
        if ik.pengurang_dispensasi is not None:
            self.negatif(("ikpa", "pengurang_dispensasi"), ik.pengurang_dispensasi, "Pengurang dispensasi SPM")
            if aturan.dispensasi != "pengurang" and ik.pengurang_dispensasi:
                self.add(
                    ATURAN_IKPA,
                    "peringatan",
                    ("ikpa", "pengurang_dispensasi"),
                    f"Pengurang dispensasi SPM diisi, tetapi {aturan.nama} menilai dispensasi sebagai indikator berbobot; "
                    "pengurang diabaikan. Isi nilai indikator Dispensasi SPM, atau pilih aturan 2024.",
                )
        fmt2 = format_angka
        # OM-SPAN computes from unrounded indicator values and shows 2 decimals: a recomputation
        # from the shown values can differ by 0,01 (docs/omspan.md), which is not a discrepancy.
        om = TOLERANSI_OMSPAN
        self.dinyatakan(
            ("ikpa", "nilai_total_dinyatakan"),
            ik.nilai_total_dinyatakan,
            hk.nilai_total,
            "Nilai total IKPA",
            fmt=fmt2,
            tol=om,
        )
        self.dinyatakan(
            ("ikpa", "konversi_bobot_dinyatakan"),
            ik.konversi_bobot_dinyatakan,
            hk.konversi_bobot,
            "Konversi bobot IKPA",
            fmt=format_konversi,
        )
        self.dinyatakan(
            ("ikpa", "nilai_akhir_dinyatakan"),
            ik.nilai_akhir_dinyatakan,
            hk.nilai_akhir,
            "Nilai akhir IKPA",
            fmt=fmt2,
            tol=om,
        )
        for a in ("perencanaan", "pelaksanaan", "hasil"):
            self.dinyatakan(
                ("ikpa", f"{a}_dinyatakan"),
                getattr(ik, f"{a}_dinyatakan"),
                hk.aspek[a],
                f"Nilai aspek {a} IKPA",
                fmt=fmt2,
                tol=om,
            )
        for i, d in enumerate(ik.disebut):
            self.dinyatakan(
                ("ikpa", "disebut", i, "nilai"),
                d.nilai,
                hk.nilai_akhir,
                f"Nilai IKPA yang disebut di {d.lokasi or 'laporan'}",
                fmt=fmt2,
                saran="Angka dalam uraian harus sama dengan tabel IKPA.",
                tol=om,
            )

    def skor(self) -> None:
        sm = self.l.smart
        if sm.aturan_nka and sm.aturan_nka not in REZIM_NKA:
            self.add(
                PENGATURAN,
                "galat",
                ("smart", "aturan_nka"),
                f"Aturan NKA '{sm.aturan_nka}' tidak dikenal; pilih {' atau '.join(REZIM_NKA)}, atau kosongkan "
                "(menurut tahun anggaran).",
            )
        for f in (
            "penyerapan",
            "konsistensi",
            "capaian_output",
            "efisiensi",
            "capaian_ro",
            "efisiensi_sbk",
            "nilai_perencanaan",
        ):
            v = getattr(sm, f)
            self.negatif(("smart", f), v, f"Nilai SMART {f.replace('_', ' ')}")
            if v is not None and v > 100:
                self.add(
                    NILAI_DI_LUAR_RENTANG,
                    "galat",
                    ("smart", f),
                    f"Nilai SMART {f.replace('_', ' ')} {format_angka(v)} melebihi 100.",
                )
        self.dinyatakan(
            ("smart", "nka_dinyatakan"),
            sm.nka_dinyatakan,
            self.h.nka.nilai,
            "Nilai Kinerja Anggaran (SMART)",
            fmt=format_angka,
        )
        sk = self.l.sakip
        for f in ("perencanaan", "pengukuran", "pelaporan", "evaluasi"):
            v = getattr(sk, f)
            if v is not None and not 0 <= v <= 100:
                self.add(
                    NILAI_DI_LUAR_RENTANG,
                    "galat",
                    ("sakip", f),
                    f"Nilai komponen SAKIP {f} {format_angka(v)} di luar rentang 0-100.",
                )
        self.dinyatakan(
            ("sakip", "nilai_dinyatakan"), sk.nilai_dinyatakan, self.h.sakip["nilai"], "Nilai SAKIP", fmt=format_angka
        )


def _pengaturan(p: _Pemeriksa) -> None:
    s = p.l.pengaturan
    for f in ("batas_capaian_indikator", "batas_capaian_output"):
        v = getattr(s, f)
        if v is not None and v < 100:
            p.add(
                PENGATURAN,
                "galat",
                ("pengaturan", f),
                f"Batas atas capaian {format_angka(v)} tidak masuk akal: kosongkan (tanpa batas) atau isi 100 atau 120.",
            )
    if s.toleransi_dinyatakan < 0:
        p.add(PENGATURAN, "galat", ("pengaturan", "toleransi_dinyatakan"), "Toleransi tidak boleh negatif.")


def validasi(lakip: Lakip, hasil: Hasil, aturan: Aturan, folder: Path | None = None) -> list[Temuan]:
    """All findings for a model and its results under ``aturan`` (reading findings come from
    the reader). ``folder``: the source file's folder, where a relative logo path is looked up."""
    p = _Pemeriksa(lakip, hasil, aturan)
    _pengaturan(p)
    p.profil()
    p.aturan_tahun()
    p.indikator()
    p.anggaran()
    p.ikpa()
    p.skor()
    p.rencana()
    periksa_kelengkapan(lakip, hasil, p.add, folder)
    return p.t
