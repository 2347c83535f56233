"""The checks. Each finding says, in Indonesian, what is wrong and what to do."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

from ..compute import anggaran as ag
from ..compute.angka import bulat, format_angka, format_persen, format_rupiah
from ..compute.aturan import aturan_ikpa, daftar_aturan_ikpa
from ..compute.capaian import capaian
from ..compute.hasil import Hasil, hitung
from ..model import NARASI_LABEL, Lakip
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
DINYATAKAN_BERBEDA = "DINYATAKAN_BERBEDA"
KODE_GANDA = "KODE_GANDA"
TARGET_RENTANG = "TARGET_RENTANG"
TARGET_TRIWULAN = "TARGET_TRIWULAN"
PROFIL = "PROFIL"
NILAI_DI_LUAR_RENTANG = "NILAI_DI_LUAR_RENTANG"
KODE_KOSONG = "KODE_KOSONG"
NARASI_KOSONG = "NARASI_KOSONG"
# Narrative sections the report shows as their own text (the others have generated text).
NARASI_WAJIB = ("latar_belakang", "maksud_tujuan", "aspek_strategis", "isu_strategis", "rencana_strategis",
                "analisis_capaian", "analisis_anggaran", "hambatan", "saran")  # fmt: skip
PENGATURAN = "PENGATURAN"
REALISASI_GANDA = "REALISASI_GANDA"


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
    def __init__(self, lakip: Lakip, hasil: Hasil, aturan: dict | None = None) -> None:
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
        fmt: Callable[[float], str] = format_persen,
        saran: str | Callable[[], str] = "Perbaiki angka yang dinyatakan atau periksa data dasarnya.",
    ) -> None:
        if dinyatakan is None or dihitung is None:
            return
        if not sama_dengan_dinyatakan(dihitung, dinyatakan, self.tol):
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
        else:
            try:
                dt.date.fromisoformat(p.tanggal_laporan)
            except ValueError:
                self.add(
                    PROFIL,
                    "galat",
                    ("profil", "tanggal_laporan"),
                    f"Tanggal laporan '{p.tanggal_laporan}' bukan tanggal TTTT-BB-HH.",
                )
        for i, pr in enumerate(self.l.prestasi):
            if pr.tanggal:
                try:
                    dt.date.fromisoformat(pr.tanggal)
                except ValueError:
                    self.add(
                        PROFIL,
                        "peringatan",
                        ("prestasi", i, "tanggal"),
                        f"Tanggal prestasi '{pr.tanggal}' bukan tanggal TTTT-BB-HH; di laporan akan tampil titik-titik.",
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
            if (
                ind.polaritas == "rentang"
                and ind.target_atas is not None
                and ind.target is not None
                and ind.target_atas < ind.target
            ):
                self.add(
                    TARGET_RENTANG,
                    "peringatan",
                    (*j, "target_atas"),
                    f"Batas atas {label} ({format_angka(ind.target_atas)}) lebih kecil dari batas bawah "
                    f"({format_angka(ind.target)}); keduanya dipertukarkan saat menghitung.",
                )
            if ind.kode in seen:
                self.add(KODE_GANDA, "galat", (*j, "kode"), f"Kode indikator '{ind.kode}' dipakai lebih dari sekali.")
            seen[ind.kode] = i
            if ind.target is None or ind.target == 0:
                kata = "kosong" if ind.target is None else "nol"
                self.add(
                    TARGET_KOSONG,
                    "galat",
                    (*j, "target"),
                    f"Target {label} {kata}, sehingga capaian tidak dapat dihitung. Isi target sesuai Perjanjian Kinerja.",
                )
            self.negatif((*j, "target"), ind.target, f"Target {label}")
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
        a = self.l.anggaran
        h = self.h.anggaran
        batas = self.l.pengaturan.batas_capaian_output
        seen: set[str] = set()
        ki = 0
        for pi, prog in enumerate(a.program):
            pj: Jalur = ("anggaran", "program", pi)
            plabel = _label("program", prog.kode, prog.nama, pi)
            if not prog.kode.strip():
                self.add(KODE_KOSONG, "galat", (*pj, "kode"), f"Kode {plabel} kosong. Beri kode unik.")
            for f in ("pagu_pk", "pembanding_pagu", "pembanding_realisasi"):
                self.negatif((*pj, f), getattr(prog, f), f"{f.replace('_', ' ').capitalize()} {plabel}")
            hp = h.per_program[pi]
            for ki_local, keg in enumerate(prog.kegiatan):
                kj: Jalur = (*pj, "kegiatan", ki_local)
                klabel = _label("kegiatan", keg.kode, keg.nama, ki_local)
                if not keg.kode.strip():
                    self.add(KODE_KOSONG, "galat", (*kj, "kode"), f"Kode {klabel} kosong. Beri kode unik.")
                hk = h.per_kegiatan[ki]
                ki += 1
                for oi, o in enumerate(keg.output):
                    oj: Jalur = (*kj, "output", oi)
                    olabel = _label("output", o.kode, o.nama, oi)
                    if not o.kode.strip():
                        self.add(KODE_KOSONG, "galat", (*oj, "kode"), f"Kode {olabel} kosong. Beri kode unik.")
                    if o.kode in seen:
                        self.add(
                            KODE_GANDA, "galat", (*oj, "kode"), f"Kode output '{o.kode}' dipakai lebih dari sekali."
                        )
                    seen.add(o.kode)
                    for f in ("pagu", "realisasi", "volume_target", "volume_realisasi"):
                        self.negatif((*oj, f), getattr(o, f), f"{f.replace('_', ' ').capitalize()} {olabel}")
                    if o.pagu is None:
                        self.add(PAGU_KOSONG, "galat", (*oj, "pagu"), f"Pagu {olabel} kosong. Isi pagu sesuai DIPA.")
                    elif o.pagu == 0 and (o.realisasi or 0) > 0:
                        self.add(PAGU_KOSONG, "galat", (*oj, "pagu"), f"Pagu {olabel} nol tetapi ada realisasi.")
                    self.lebih_pagu((*oj, "realisasi"), o.pagu, o.realisasi, olabel)
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
                            REALISASI_KOSONG,
                            "peringatan",
                            (*oj, "volume_realisasi"),
                            f"Realisasi volume {olabel} belum diisi.",
                        )
                    cap = capaian(o.volume_target, o.volume_realisasi, "positif", batas)
                    self.dinyatakan(
                        (*oj, "capaian_volume_dinyatakan"), o.capaian_volume_dinyatakan, cap, f"Capaian volume {olabel}"
                    )
                    self.dinyatakan(
                        (*oj, "penyerapan_dinyatakan"),
                        o.penyerapan_dinyatakan,
                        ag.penyerapan(o.pagu, o.realisasi),
                        f"Penyerapan {olabel}",
                    )
                self.negatif((*kj, "pagu"), keg.pagu, f"Pagu {klabel}")
                self.negatif((*kj, "realisasi"), keg.realisasi, f"Realisasi {klabel}")
                self.lebih_pagu((*kj, "realisasi"), hk.pagu, hk.realisasi, klabel)
                self.rincian((*kj, "pagu"), keg.pagu, hk.pagu_rincian, klabel, "pagu", "output")
                self.rincian((*kj, "realisasi"), keg.realisasi, hk.realisasi_rincian, klabel, "realisasi", "output")
                self.dinyatakan(
                    (*kj, "penyerapan_dinyatakan"), keg.penyerapan_dinyatakan, hk.penyerapan, f"Penyerapan {klabel}"
                )
            self.negatif((*pj, "pagu"), prog.pagu, f"Pagu {plabel}")
            self.negatif((*pj, "realisasi"), prog.realisasi, f"Realisasi {plabel}")
            self.lebih_pagu((*pj, "realisasi"), hp.pagu, hp.realisasi, plabel)
            self.rincian((*pj, "pagu"), prog.pagu, hp.pagu_rincian, plabel, "pagu", "kegiatan")
            self.rincian((*pj, "realisasi"), prog.realisasi, hp.realisasi_rincian, plabel, "realisasi", "kegiatan")
            self.dinyatakan(
                (*pj, "penyerapan_dinyatakan"), prog.penyerapan_dinyatakan, hp.penyerapan, f"Penyerapan {plabel}"
            )
            self.lebih_pagu(
                (*pj, "pembanding_realisasi"),
                prog.pembanding_pagu,
                prog.pembanding_realisasi,
                f"{plabel} ({a.label_pembanding})",
            )
            self.dinyatakan(
                (*pj, "pembanding_penyerapan_dinyatakan"),
                prog.pembanding_penyerapan_dinyatakan,
                ag.penyerapan(prog.pembanding_pagu, prog.pembanding_realisasi),
                f"Penyerapan {plabel} ({a.label_pembanding})",
            )
        tj: Jalur = ("anggaran",)
        for f in ("total_pagu_dinyatakan", "total_realisasi_dinyatakan", "alokasi_pk_dinyatakan"):
            self.negatif((*tj, f), getattr(a, f), f.replace("_", " ").capitalize())
        self.rincian(
            (*tj, "total_pagu_dinyatakan"), a.total_pagu_dinyatakan, h.pagu_rincian, "total DIPA", "pagu", "program"
        )
        self.rincian(
            (*tj, "total_realisasi_dinyatakan"),
            a.total_realisasi_dinyatakan,
            h.realisasi_rincian,
            "total DIPA",
            "realisasi",
            "program",
        )
        # A total that disagrees with the sum of every kegiatan as well (when the program rows
        # themselves do not add up, the kegiatan are the finer evidence).
        for apa, dinyatakan, rincian_prog in (
            ("pagu", a.total_pagu_dinyatakan, h.pagu_rincian),
            ("realisasi", a.total_realisasi_dinyatakan, h.realisasi_rincian),
        ):
            semua = ag.jumlah(getattr(k, apa) for k in h.per_kegiatan)
            if dinyatakan is not None and semua is not None and semua not in (dinyatakan, rincian_prog):
                self.add(
                    RINCIAN_TIDAK_SAMA,
                    "galat",
                    (*tj, f"total_{apa}_dinyatakan"),
                    f"{apa.capitalize()} total DIPA tertulis {format_rupiah(dinyatakan)}, tetapi jumlah {apa} seluruh "
                    f"{len(h.per_kegiatan)} kegiatan {format_rupiah(semua)} (total {_selisih(dinyatakan, semua)}). "
                    "Samakan total dengan rinciannya.",
                )
        self.lebih_pagu((*tj, "total_realisasi_dinyatakan"), h.pagu, h.realisasi, "total DIPA")
        self.dinyatakan(
            (*tj, "total_penyerapan_dinyatakan"),
            a.total_penyerapan_dinyatakan,
            h.penyerapan,
            "Penyerapan total DIPA",
            saran=lambda: (
                f"Realisasi {format_rupiah(h.realisasi)} dari pagu {format_rupiah(h.pagu)} adalah "
                f"{format_persen(h.penyerapan)}; sisa anggaran {format_persen(100 - h.penyerapan) if h.penyerapan is not None else '-'}. "
                "Pastikan yang dicantumkan persentase realisasi, bukan persentase sisa."
            ),
        )
        for nama, rows, label in (
            ("jenis_belanja", a.jenis_belanja, "jenis belanja"),
            ("sumber_dana", a.sumber_dana, "sumber dana"),
        ):
            for i, r in enumerate(rows):
                rj: Jalur = ("anggaran", nama, i)
                rlabel = f"{label} {r.kode} {r.nama}".strip()
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
        # The same budget seen through three breakdowns must agree.
        sumber = [
            ("rincian output (DIPA)", ("anggaran", "total_pagu_dinyatakan"), h.pagu, h.realisasi, bool(a.program)),
            (
                "per jenis belanja",
                ("anggaran", "jenis_belanja"),
                h.jenis.pagu,
                h.jenis.realisasi,
                bool(a.jenis_belanja),
            ),
            ("per sumber dana", ("anggaran", "sumber_dana"), h.sumber.pagu, h.sumber.realisasi, bool(a.sumber_dana)),
        ]
        ada = [x for x in sumber if x[4]]
        pasangan = [(x, y) for i, x in enumerate(ada) for y in ada[i + 1 :]]
        for apa, idx in (("pagu", 2), ("realisasi", 3)):
            for x, y in pasangan:
                if x[idx] is not None and y[idx] is not None and x[idx] != y[idx]:
                    self.add(
                        TOTAL_BERBEDA,
                        "galat",
                        y[1],
                        f"Total {apa} {y[0]} {format_rupiah(y[idx])} berbeda dengan total {apa} {x[0]} "
                        f"{format_rupiah(x[idx])} ({_selisih(y[idx], x[idx])}). "
                        "Ketiga rincian anggaran harus bersumber dari DIPA yang sama.",
                    )
        pk = ag.jumlah(p.pagu_pk for p in a.program)
        if a.alokasi_pk_dinyatakan is not None:
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

    def ikpa(self) -> None:
        ik = self.l.ikpa
        if not ik.komponen:
            return
        if ik.aturan not in daftar_aturan_ikpa(self.aturan):
            self.add(
                ATURAN_IKPA,
                "galat",
                ("ikpa", "aturan"),
                f"Aturan IKPA '{ik.aturan}' tidak dikenal. Pilih salah satu: {', '.join(daftar_aturan_ikpa(self.aturan))}.",
            )
            return
        aturan = aturan_ikpa(ik.aturan, self.aturan)
        seen: set[str] = set()
        for i, k in enumerate(ik.komponen):
            if k.kode in seen:
                self.add(
                    KODE_GANDA,
                    "galat",
                    ("ikpa", "komponen", i, "kode"),
                    f"Komponen IKPA '{k.kode}' diisi lebih dari sekali.",
                )
            seen.add(k.kode)
            j: Jalur = ("ikpa", "komponen", i)
            ind = aturan.cari(k.kode)
            if ind is None:
                pesan = f"Komponen IKPA '{k.kode}' tidak ada dalam aturan {aturan.nama}."
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
        self.dinyatakan(
            ("ikpa", "nilai_total_dinyatakan"), ik.nilai_total_dinyatakan, hk.nilai_total, "Nilai total IKPA", fmt=fmt2
        )
        self.dinyatakan(
            ("ikpa", "konversi_bobot_dinyatakan"),
            ik.konversi_bobot_dinyatakan,
            hk.konversi_bobot,
            "Konversi bobot IKPA",
        )
        self.dinyatakan(
            ("ikpa", "nilai_akhir_dinyatakan"), ik.nilai_akhir_dinyatakan, hk.nilai_akhir, "Nilai akhir IKPA", fmt=fmt2
        )
        for a in ("perencanaan", "pelaksanaan", "hasil"):
            self.dinyatakan(
                ("ikpa", f"{a}_dinyatakan"),
                getattr(ik, f"{a}_dinyatakan"),
                hk.aspek[a],
                f"Nilai aspek {a} IKPA",
                fmt=fmt2,
            )
        for i, d in enumerate(ik.disebut):
            self.dinyatakan(
                ("ikpa", "disebut", i, "nilai"),
                d.nilai,
                hk.nilai_akhir,
                f"Nilai IKPA yang disebut di {d.lokasi or 'laporan'}",
                fmt=fmt2,
                saran="Angka dalam uraian harus sama dengan tabel IKPA.",
            )

    def skor(self) -> None:
        sm = self.l.smart
        for f in ("penyerapan", "konsistensi", "capaian_output", "efisiensi"):
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


def validasi(lakip: Lakip, hasil: Hasil | None = None, aturan: dict | None = None) -> list[Temuan]:
    """All findings for a model (reading findings are added by the reader)."""
    h = hasil or hitung(lakip, aturan)
    p = _Pemeriksa(lakip, h, aturan)
    _pengaturan(p)
    p.profil()
    p.indikator()
    p.anggaran()
    p.ikpa()
    p.skor()
    return p.t
