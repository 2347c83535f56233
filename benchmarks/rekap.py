"""Benchmark: the regional rekap at 1, 100 and 1,000 generated workbooks.

    .venv/bin/python benchmarks/rekap.py [--jumlah 1 100 1000] [--jobs 2] [--folder DIR]

For each size: wall time, per-workbook time and peak memory (RSS of the whole process tree,
sampled every 20 ms) of `lakip-xl rekap` as a user runs it; beside it, per-workbook times of a
bare python-calamine read (every sheet), an openpyxl read-only read (every cell), and the
toolkit's own read-validate-compute of one file in one process. Then the single report render.
Writes docs/benchmark-rekap.md. Benchmarks, not tests: the machine is shared, so numbers vary.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENIH = 2024


def siapkan(folder: Path, n: int, jobs: int) -> list[Path]:
    from lakip_xl.rekap.sintetis import tulis_sintetis

    d = folder / f"n{n}"
    ada = sorted(d.glob("*.xlsm")) if d.exists() else []
    if len(ada) != n:
        if d.exists():
            for p in d.iterdir():
                p.unlink()
        t = time.perf_counter()
        ada = sorted(tulis_sintetis(n, BENIH, d, jobs=jobs))
        print(f"  dibuat {n} buku kerja dalam {time.perf_counter() - t:.1f} s", flush=True)
    return ada


def ukur_proses(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command and all its children."""
    puncak = 0
    t = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    selesai = threading.Event()

    def sampel() -> None:
        nonlocal puncak
        while not selesai.is_set():
            try:
                total = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
                puncak = max(puncak, total)
            except psutil.Error:
                pass
            time.sleep(0.02)

    th = threading.Thread(target=sampel, daemon=True)
    th.start()
    rc = proc.wait()
    selesai.set()
    th.join()
    if rc != 0:
        raise SystemExit(f"perintah gagal ({rc}): {' '.join(cmd)}")
    return time.perf_counter() - t, puncak / 2**20


def per_berkas(fn, paths: list[Path], ulang: int = 3) -> float:
    """Seconds per file: the best of ``ulang`` passes (the machine is shared and noisy)."""
    terbaik = float("inf")
    for _ in range(ulang):
        t = time.perf_counter()
        for p in paths:
            fn(p)
        terbaik = min(terbaik, (time.perf_counter() - t) / len(paths))
    return terbaik


def baca_calamine(p: Path) -> None:
    from python_calamine import CalamineWorkbook

    cal = CalamineWorkbook.from_path(str(p))
    for n in cal.sheet_names:
        cal.get_sheet_by_name(n).to_python()


def baca_openpyxl(p: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(p, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for _ in ws.iter_rows(values_only=True):
            pass
    wb.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jumlah", type=int, nargs="+", default=[1, 100, 1000])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "lakip-xl-bench")
    a = ap.parse_args()
    from lakip_xl.rekap import olah

    baris = []
    for n in a.jumlah:
        print(f"{n} buku kerja:", flush=True)
        paths = siapkan(a.folder, n, a.jobs)
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [
                sys.executable,
                "-m",
                "lakip_xl.doors.cli",
                "rekap",
                str(a.folder / f"n{n}"),
                "-o",
                f"{tmp}/Rekap.xlsx",
                "--jobs",
                str(a.jobs),
            ]
            detik, mb = ukur_proses(cmd)
        sampel = paths[: min(len(paths), 200)]
        # Same conditions for the two compared figures: a collected heap, back to back; openpyxl
        # (which leaves many objects behind) last.
        gc.collect()
        cal = per_berkas(baca_calamine, sampel)
        gc.collect()
        kit = per_berkas(lambda p: olah(str(p)), sampel)
        gc.collect()
        opx = per_berkas(baca_openpyxl, sampel[:50], ulang=1)
        baris.append((n, detik, detik / n, mb, cal, opx, kit))
        print(f"  rekap {detik:.2f} s, {detik / n * 1000:.1f} ms/buku, puncak {mb:.0f} MB; calamine {cal * 1000:.1f} ms, "
              f"openpyxl {opx * 1000:.1f} ms, lakip-xl {kit * 1000:.1f} ms per buku", flush=True)  # fmt: skip
    from lakip_xl.laporan import render_docx
    from lakip_xl.layanan import buka
    from lakip_xl.schema.data import contoh_path

    render_docx(buka(contoh_path()))
    lap = []
    for _ in range(3):
        t = time.perf_counter()
        render_docx(buka(contoh_path()))
        lap.append(time.perf_counter() - t)
    mesin = (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} inti, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}"
    )
    teks = [
        "# Benchmark: rekap Kanwil",
        "",
        f"Mesin: {mesin}. Perintah: `.venv/bin/python benchmarks/rekap.py --jobs {a.jobs}`; data: "
        f"`lakip-xl contoh-sintetis --benih {BENIH}`. Waktu dinding; memori = puncak RSS seluruh proses (induk + pekerja).",
        "",
        "| Buku kerja | Rekap: waktu total (s) | per buku (ms) | Puncak memori (MB) | calamine saja (ms/buku) | openpyxl read-only (ms/buku) | lakip-xl baca+periksa+hitung (ms/buku, 1 proses) | Rasio lakip-xl / calamine |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, detik, per, mb, cal, opx, kit in baris:
        teks.append(
            f"| {n} | {detik:.2f} | {per * 1000:.1f} | {mb:.0f} | {cal * 1000:.1f} | {opx * 1000:.1f} | {kit * 1000:.1f} | {kit / cal:.2f} |"
        )
    teks += [
        "",
        f"Menyusun satu laporan Word (contoh Kotabumi, proses hangat, tanpa PDF): median {statistics.median(lap):.2f} s.",
        "",
        "Target: 1.000 buku kerja ≤ 30 s pada 2 inti dengan puncak memori ≤ 500 MB; baca-periksa-hitung per buku ≤ 2× "
        "pembacaan calamine saja. Per-buku calamine, openpyxl, dan lakip-xl diukur pada (paling banyak) 200, 50, dan 200 berkas pertama, "
        "dalam satu proses; calamine dan lakip-xl diambil yang terbaik dari 3 putaran. Pada baris 1 buku kerja, "
        "waktu rekap dan per-buku didominasi biaya awal (memulai proses, impor, cache aturan), bukan biaya per berkas.",
        "",
    ]
    besar = [b for b in baris if b[0] >= 100]
    if besar:
        n, detik, _, mb, cal, _, kit = max(besar)

        def ya(ok: bool) -> str:
            return "terpenuhi" if ok else "**tidak terpenuhi**"

        teks += [
            f"**Hasil terhadap target ({n} buku kerja).** Waktu {detik:.1f} s (≤ 30 s): {ya(detik <= 30)}. "
            f"Puncak memori {mb:.0f} MB (≤ 500 MB): {ya(mb <= 500)}. Rasio baca-periksa-hitung / calamine "
            f"{kit / cal:.2f} (≤ 2): {ya(kit / cal <= 2)}. Rasio ini berubah-ubah antarputaran di mesin bersama "
            "(1,6–2,1 pada data yang sama setelah optimasi terakhir, jadi batas 2× terpenuhi tipis dan tidak selalu); sisa biayanya: calamine untuk 12 lembar yang dibutuhkan (±3 ms), "
            "nama terdefinisi dari xl/workbook.xml (±0,8 ms), pembacaan tabel dan pemeriksaan tipe (±2 ms), "
            "perhitungan dan validasi (±1 ms). Pemeriksaan rumus yang ditimpa (openpyxl, ±100 ms) tidak dijalankan dalam rekap.",
            "",
        ]
    hasil = "\n".join(teks)
    print(hasil)
    (ROOT / "docs" / "benchmark-rekap.md").write_text(hasil, encoding="utf-8")


if __name__ == "__main__":
    main()
