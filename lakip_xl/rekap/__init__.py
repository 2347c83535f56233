"""Regional rekap: read many units' workbooks and data files, validate each, summarise.

Robust to what arrives by e-mail: every file that cannot be used becomes a finding with its
name and reason (never fatal, never silently skipped). Files are only read. Work is spread over
processes; each worker returns a small summary, so memory stays bounded however many files come.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EKSTENSI = {".xlsm", ".xlsx", ".json"}
EKSTENSI_EXCEL_LAIN = {".xls", ".xlsb", ".ods", ".xltm", ".xltx"}


@dataclass
class Unit:
    """One unit's summary row."""

    berkas: str
    waktu_berkas: float
    kode_satker: str
    nama: str
    tahun: int | None
    periode: str
    iku: dict[str, float | None]
    iku_nama: dict[str, str]
    rata_rata_iku: float | None
    pagu: int | None
    realisasi: int | None
    penyerapan: float | None
    ikpa: float | None
    predikat_ikpa: str | None
    pita_ikpa: tuple[str, ...]  # predicate names of the unit's own IKPA bands, best first
    nka: float | None
    predikat_nka: str | None
    galat: int
    peringatan: int
    temuan: list[tuple[str, str, str, str]] = field(default_factory=list)  # tingkat, kode, lokasi, pesan


@dataclass
class MasalahBerkas:
    """A file that could not be used, or was set aside."""

    berkas: str
    alasan: str
    tingkat: str = "galat"


def kumpulkan(folder: Iterable[Path], kecuali: Iterable[Path] = ()) -> tuple[list[Path], list[MasalahBerkas]]:
    """Every candidate file under the folders (recursive, sorted); lock files and other office
    formats are reported, not read."""
    abaikan = {Path(p).resolve() for p in kecuali}
    berkas: list[Path] = []
    masalah: list[MasalahBerkas] = []
    for f in folder:
        f = Path(f)
        if not f.is_dir():
            masalah.append(MasalahBerkas(str(f), "Folder tidak ditemukan."))
            continue
        for p in sorted(f.rglob("*")):
            if not p.is_file() or p.resolve() in abaikan:
                continue
            ext = p.suffix.lower()
            if p.name.startswith("~$"):
                masalah.append(
                    MasalahBerkas(
                        str(p),
                        "Berkas kunci Excel (~$): buku kerja aslinya sedang terbuka di Excel saat disalin. "
                        "Berkas ini diabaikan; pastikan buku kerja aslinya ikut terkirim dan tersimpan.",
                        "peringatan",
                    )
                )
            elif ext in EKSTENSI:
                berkas.append(p)
            elif ext in EKSTENSI_EXCEL_LAIN:
                masalah.append(
                    MasalahBerkas(str(p), f"Format {ext} tidak didukung; simpan sebagai .xlsm dari templat lakip-xl.")
                )
    return berkas, masalah


def olah(path_teks: str) -> Unit | MasalahBerkas:
    """Read, validate and summarise one file (runs in a worker process; never raises)."""
    from ..galat import LakipGalat
    from ..layanan import buka

    path = Path(path_teks)
    try:
        dok = buka(path, periksa_rumus=False)
    except LakipGalat as e:
        return MasalahBerkas(str(path), str(e))
    except Exception as e:
        return MasalahBerkas(str(path), f"Berkas tidak dapat diolah ({type(e).__name__}: {e}).")
    lakip, hasil, temuan = dok.lakip, dok.hasil, dok.temuan
    p = lakip.profil
    iku = {i.kode: i.capaian for i in hasil.indikator if i.tingkat == "iku"}
    ik = hasil.ikpa
    galat = dok.jumlah_galat
    return Unit(
        berkas=str(path),
        waktu_berkas=path.stat().st_mtime,
        kode_satker=p.kode_satker,
        nama=p.nama,
        tahun=p.tahun,
        periode=p.periode,
        iku=iku,
        iku_nama={i.kode: i.nama for i in hasil.indikator if i.tingkat == "iku"},
        rata_rata_iku=hasil.rata_rata_capaian_iku,
        pagu=hasil.anggaran.pagu,
        realisasi=hasil.anggaran.realisasi,
        penyerapan=hasil.anggaran.penyerapan,
        ikpa=ik.nilai_akhir if ik else None,
        predikat_ikpa=ik.predikat if ik else None,
        pita_ikpa=tuple(p.predikat for p in dok.aturan.predikat_ikpa),
        nka=hasil.nka.nilai,
        predikat_nka=hasil.nka.predikat,
        galat=galat,
        peringatan=len(temuan) - galat,
        temuan=[(t.tingkat, t.kode, t.lokasi, t.pesan) for t in temuan],
    )


def _urutan(u: Unit) -> tuple[Any, ...]:
    """Which of two files of the same satker is newer: later year, annual over Semester I,
    then the later file time."""
    return (u.tahun or 0, 1 if u.periode == "Tahunan" else 0, u.waktu_berkas, u.berkas)


@dataclass
class HasilRekap:
    unit: list[Unit]
    masalah: list[MasalahBerkas]
    jumlah_berkas: int
    detik: float


def jalankan(
    berkas: list[Path],
    jobs: int | None = None,
    kemajuan: Callable[[int, int], None] | None = None,
) -> Iterator[Unit | MasalahBerkas]:
    """Process files in parallel (``jobs`` processes; 1 = in this process), streaming results."""
    jobs = jobs or os.cpu_count() or 1
    nama = [str(p) for p in berkas]
    if jobs == 1 or len(nama) < 4:
        for i, n in enumerate(nama, 1):
            yield olah(n)
            if kemajuan:
                kemajuan(i, len(nama))
        return
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        for i, r in enumerate(ex.map(olah, nama, chunksize=max(1, min(32, len(nama) // (jobs * 8) or 1))), 1):
            yield r
            if kemajuan:
                kemajuan(i, len(nama))


def rekap(
    folder: Iterable[Path],
    jobs: int | None = None,
    kemajuan: Callable[[int, int], None] | None = None,
    kecuali: Iterable[Path] = (),
) -> HasilRekap:
    """Collect, process and de-duplicate: one unit per satker (the newer file), every problem
    reported."""
    import time

    t0 = time.perf_counter()
    folder_list = [Path(f) for f in folder]
    berkas, masalah = kumpulkan(folder_list, kecuali)
    per_satker: dict[str, Unit] = {}
    tanpa_kode: list[Unit] = []
    for r in jalankan(berkas, jobs, kemajuan):
        if isinstance(r, MasalahBerkas):
            masalah.append(r)
            continue
        if not r.kode_satker:
            tanpa_kode.append(r)
            masalah.append(
                MasalahBerkas(r.berkas, "Kode satker kosong; unit tetap direkap tanpa pemeriksaan ganda.", "peringatan")
            )
            continue
        lama = per_satker.get(r.kode_satker)
        if lama is None:
            per_satker[r.kode_satker] = r
            continue
        baru, usang = (r, lama) if _urutan(r) > _urutan(lama) else (lama, r)
        per_satker[r.kode_satker] = baru
        masalah.append(
            MasalahBerkas(
                usang.berkas,
                f"Satker {r.kode_satker} dikirim lebih dari sekali: dipakai '{_nama_relatif(baru.berkas, folder_list)}' "
                f"({baru.periode} {baru.tahun}), berkas ini diabaikan.",
                "peringatan",
            )
        )
    unit = sorted([*per_satker.values(), *tanpa_kode], key=lambda u: (u.kode_satker, u.berkas))
    # Units of another year or period than most are flagged: their figures do not compare.
    from collections import Counter

    if unit:
        (tahun, periode), _ = Counter((u.tahun, u.periode) for u in unit).most_common(1)[0]
        for u in unit:
            if (u.tahun, u.periode) != (tahun, periode):
                masalah.append(
                    MasalahBerkas(
                        u.berkas,
                        f"Satker {u.kode_satker} melapor {u.periode} {u.tahun}, sedangkan sebagian besar satker "
                        f"{periode} {tahun}; angkanya tidak sebanding dan peringkatnya perlu dibaca hati-hati.",
                        "peringatan",
                    )
                )
    return HasilRekap(unit, masalah, len(berkas), time.perf_counter() - t0)


def _nama_relatif(berkas: str, akar: list[Path]) -> str:
    p = Path(berkas)
    for a in akar:
        try:
            return str(p.resolve().relative_to(a.resolve()))
        except ValueError:
            continue
    return p.name


def kode_iku(unit: list[Unit]) -> list[str]:
    kode: list[str] = []
    for u in unit:
        for k in u.iku:
            if k not in kode:
                kode.append(k)
    return sorted(kode, key=lambda k: (len(k), k))


def waktu_sekarang() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
