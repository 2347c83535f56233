"""Benchmark: cold start of the command line (a new process for every run).

    .venv/bin/python benchmarks/mulai.py [--ulang N]

Measures, in one run and interleaved round by round (so drift of the shared machine falls on
every row alike), the wall time of new processes: bare Python (the baseline), importing the
package, `lakip-xl --versi`, `lakip-xl hitung` of the example workbook and `lakip-xl validasi`
of the example JSON. Prints each median beside the baseline, computes the verdict against the
goals, and writes docs/benchmark-mulai.md. A benchmark, not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LAKIP = str(BIN / "lakip-xl")
BUKU = "workbooks/Contoh_Kotabumi_2022.xlsm"
DATA = "lakip_xl/data/contoh_kotabumi_2022.json"

# (name shown, command, goal in seconds or None, exit codes accepted)
SKENARIO: list[tuple[str, list[str], float | None, tuple[int, ...]]] = [
    ("`python -c pass` (dasar)", [sys.executable, "-c", "pass"], None, (0,)),
    ('`python -c "import lakip_xl"`', [sys.executable, "-c", "import lakip_xl"], None, (0,)),
    ("`lakip-xl --versi`", [LAKIP, "--versi"], 0.2, (0,)),
    (f"`lakip-xl hitung {BUKU}`", [LAKIP, "hitung", BUKU], 0.5, (0,)),
    # The example data has findings on purpose: exit 1 is its normal answer.
    (f"`lakip-xl validasi {DATA}`", [LAKIP, "validasi", DATA], 0.5, (0, 1)),
]


def _cpu_anak() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _sekali(cmd: list[str], kode: tuple[int, ...]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one new process."""
    c, t = _cpu_anak(), time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    dt, dc = time.perf_counter() - t, _cpu_anak() - c
    if r.returncode not in kode:
        raise SystemExit(f"perintah gagal ({r.returncode}): {' '.join(cmd)}\n{r.stderr.decode(errors='replace')}")
    return dt, dc


def _angka(x: float) -> str:
    return f"{x:.3f}".replace(".", ",")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=15, help="proses baru per skenario (median)")
    ap.add_argument("--tanpa-tulis", action="store_true", help="jangan tulis docs/benchmark-mulai.md")
    a = ap.parse_args()

    for _, cmd, _, kode in SKENARIO:  # warm-up: bytecode caches written, files in the page cache
        _sekali(cmd, kode)
    beban = os.getloadavg()[0]
    waktu: list[list[float]] = [[] for _ in SKENARIO]
    cpu: list[list[float]] = [[] for _ in SKENARIO]
    for _ in range(a.ulang):
        for i, (_, cmd, _, kode) in enumerate(SKENARIO):
            dt, dc = _sekali(cmd, kode)
            waktu[i].append(dt)
            cpu[i].append(dc)
    beban = max(beban, os.getloadavg()[0])

    dasar = statistics.median(waktu[0])
    mesin = f"{platform.system()} {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}"
    teks = [
        "# Benchmark: mulai dingin perintah lakip-xl",
        "",
        f"Mesin: {mesin}. Dijalankan: `.venv/bin/python benchmarks/mulai.py --ulang {a.ulang}` "
        "(setiap angka adalah median proses baru; semua skenario diukur bergiliran dalam satu putaran, "
        "dasar = `python -c pass` pada putaran yang sama). "
        f"Beban mesin (load average 1 menit, tertinggi di awal/akhir): {f'{beban:.1f}'.replace('.', ',')}.",
        "",
        "| Perintah (proses baru) | Median (s) | Min | Maks | Di atas dasar (s) | × dasar | CPU (s) | Target | Hasil |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    putusan = []
    for (nama, _, target, _), xs, cs in zip(SKENARIO, waktu, cpu, strict=True):
        med = statistics.median(xs)
        if target is None:
            tgt, hasil = "-", "-"
        else:
            ok = med <= target
            tgt = f"≤ {_angka(target)}"
            hasil = "terpenuhi" if ok else "**belum**"
            putusan.append(ok)
        teks.append(
            f"| {nama} | {_angka(med)} | {_angka(min(xs))} | {_angka(max(xs))} | {_angka(med - dasar)} | "
            f"{_angka(med / dasar)[:-2]} | {_angka(statistics.median(cs))} | {tgt} | {hasil} |"
        )
    teks += [
        "",
        f"**Putusan:** {sum(putusan)} dari {len(putusan)} target terpenuhi"
        + (" (semua)." if all(putusan) else "; lihat baris bertanda **belum**."),
        "",
        "Putusan diambil dari median waktu dinding. Target `validasi` berkas JSON (≤ 0,5 s) disamakan dengan "
        "`hitung`; target lain dari issue 14. Mesin bersama: waktu dinding naik bila mesin sibuk (lihat beban), "
        "kolom CPU (waktu pengguna + sistem proses itu, median) lebih tahan terhadap beban; bandingkan setiap "
        "baris dengan dasar pada putaran yang sama.",
    ]
    hasil_teks = "\n".join(teks) + "\n"
    print(hasil_teks)
    if not a.tanpa_tulis:
        (ROOT / "docs" / "benchmark-mulai.md").write_text(hasil_teks, encoding="utf-8")


if __name__ == "__main__":
    main()
