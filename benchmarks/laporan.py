"""Benchmark: time to render the example report.

    .venv/bin/python benchmarks/laporan.py [--ulang N]

Prints (and writes docs/benchmark-laporan.md): a cold process (the CLI started fresh, as a
user or the Excel button does), warm in-process renders (imports and fonts loaded), and the
CLI with --pdf (LibreOffice started for the conversion). Wall-clock seconds; the machine is
shared, so read the median.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _cli(*args: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lakip_xl.doors.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=5)
    a = ap.parse_args()
    from lakip_xl.laporan import render_docx
    from lakip_xl.layanan import buka
    from lakip_xl.schema.data import contoh_path

    src = contoh_path()
    with tempfile.TemporaryDirectory() as tmp:
        dingin = [_cli("laporan", str(src), "-o", f"{tmp}/d{i}.docx") for i in range(a.ulang)]
        render_docx(buka(src))  # warm-up
        hangat = []
        for _ in range(a.ulang):
            t = time.perf_counter()
            render_docx(buka(src))
            hangat.append(time.perf_counter() - t)
        pdf = [_cli("laporan", str(src), "-o", f"{tmp}/p{i}.docx", "--pdf") for i in range(max(2, a.ulang // 2))]
    mesin = f"{platform.system()} {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}"
    baris = [
        ("Proses baru, tanpa PDF (CLI)", dingin),
        ("Dalam proses yang sudah berjalan (hangat)", hangat),
        ("Proses baru, dengan PDF (CLI + LibreOffice)", pdf),
    ]
    teks = [
        "# Benchmark: menyusun laporan contoh",
        "",
        f"Mesin: {mesin}. Dijalankan: `.venv/bin/python benchmarks/laporan.py --ulang {a.ulang}`.",
        "",
        "| Skenario | Median (detik) | Min | Maks | n |",
        "|---|---|---|---|---|",
    ]
    for nama, xs in baris:
        teks.append(f"| {nama} | {statistics.median(xs):.2f} | {min(xs):.2f} | {max(xs):.2f} | {len(xs)} |")
    hasil = "\n".join(teks) + "\n"
    print(hasil)
    (ROOT / "docs" / "benchmark-laporan.md").write_text(hasil, encoding="utf-8")


if __name__ == "__main__":
    main()
