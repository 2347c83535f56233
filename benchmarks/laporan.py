"""Benchmark: time to render the example report.

    .venv/bin/python benchmarks/laporan.py [--ulang N] [--tanpa-cli]

Prints (and writes docs/benchmark-laporan.md), all measured in this one run:

* the warm render (issue 14): ``render_docx`` of an opened document in a process that has
  rendered before, beside the baseline, docxtpl's own render and save of the same template
  and the same context (charts included, a fresh DocxTemplate and environment each time),
  and beside the same render with lakip-xl's caches switched off (``PAKAI_CACHE = False``,
  what every render cost before). The three are measured in turn within each repetition, so
  a busy moment on a shared machine hits all of them; the verdict is computed here from the
  medians against the goals: at most 0,2 s and at most 1,5 x the baseline;
* a cold process (the CLI started fresh, as a user or the Excel button does), and the CLI
  with --pdf (LibreOffice started for the conversion).

Wall-clock seconds; the machine may be shared, so read the median. Exit status 1 when the
warm render misses a goal.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATAS_DETIK = 0.2
BATAS_RASIO = 1.5


def _cli(*args: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lakip_xl.doors.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - t


def _docxtpl_saja(isi_templat: bytes, konteks: dict[str, Any], png: dict[str, bytes], tmp: str) -> float:
    """docxtpl's own render and save of the same template and context (the baseline)."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2.sandbox import SandboxedEnvironment

    from lakip_xl.laporan.grafik import LEBAR_MM

    t = time.perf_counter()
    tpl = DocxTemplate(io.BytesIO(isi_templat))
    isi = dict(konteks)
    for nama, data in png.items():
        berkas = Path(tmp) / f"{nama}.png"
        berkas.write_bytes(data)
        isi[nama] = InlineImage(tpl, str(berkas), width=Mm(LEBAR_MM))
    tpl.render(isi, jinja_env=SandboxedEnvironment(autoescape=True), autoescape=True)
    tpl.save(io.BytesIO())
    return time.perf_counter() - t


def _hangat(a: argparse.Namespace, tmp: str) -> dict[str, list[float]]:
    import lakip_xl.laporan as laporan
    from lakip_xl.laporan import grafik, render_docx
    from lakip_xl.laporan.konteks import bangun_konteks
    from lakip_xl.laporan.templat import templat_bawaan
    from lakip_xl.layanan import buka
    from lakip_xl.schema.data import contoh_path

    dok = buka(contoh_path())
    render_docx(dok)  # warm-up: imports, fonts, caches
    konteks = bangun_konteks(dok, dok.jumlah_galat > 0)
    png = {
        nama: fn(dok.hasil)
        for nama, fn in (
            ("grafik_capaian", grafik.grafik_capaian),
            ("grafik_anggaran", grafik.grafik_anggaran),
            ("grafik_ikpa", grafik.grafik_ikpa),
        )
    }
    assert all(png.values())
    isi_templat = templat_bawaan()
    _docxtpl_saja(isi_templat, konteks, png, tmp)  # warm-up
    x: dict[str, list[float]] = {"hangat": [], "docxtpl": [], "tanpa_cache": []}
    for _ in range(a.ulang):
        t = time.perf_counter()
        render_docx(dok)
        x["hangat"].append(time.perf_counter() - t)
        x["docxtpl"].append(_docxtpl_saja(isi_templat, konteks, png, tmp))
        laporan.PAKAI_CACHE = False
        try:
            t = time.perf_counter()
            render_docx(dok)
            x["tanpa_cache"].append(time.perf_counter() - t)
        finally:
            laporan.PAKAI_CACHE = True
    return x


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=9, help="repetitions of each in-process measurement")
    ap.add_argument("--tanpa-cli", action="store_true", help="skip the fresh-process (CLI) rows")
    a = ap.parse_args()
    from lakip_xl.schema.data import contoh_path

    src = contoh_path()
    with tempfile.TemporaryDirectory() as tmp:
        x = _hangat(a, tmp)
        dingin = pdf = None
        if not a.tanpa_cli:
            dingin = [_cli("laporan", str(src), "-o", f"{tmp}/d{i}.docx") for i in range(max(3, a.ulang // 2))]
            pdf = [_cli("laporan", str(src), "-o", f"{tmp}/p{i}.docx", "--pdf") for i in range(2)]
    med = {k: statistics.median(v) for k, v in x.items()}
    rasio = med["hangat"] / med["docxtpl"]
    lulus_detik = med["hangat"] <= BATAS_DETIK
    lulus_rasio = rasio <= BATAS_RASIO
    mesin = f"{platform.system()} {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}"

    def f(v: float) -> str:
        return f"{v:.3f}".replace(".", ",")

    def f2(v: float) -> str:
        return f"{v:.2f}".replace(".", ",")

    perintah = f"--ulang {a.ulang}" + (" --tanpa-cli" if a.tanpa_cli else "")
    teks = [
        "# Benchmark: menyusun laporan contoh",
        "",
        f"Mesin: {mesin}. Dijalankan: `.venv/bin/python benchmarks/laporan.py {perintah}`.",
        "Semua angka diukur dalam satu kali jalan; detik jam dinding, baca mediannya.",
        "",
        "## Render hangat (isu 14)",
        "",
        "`render_docx` atas dokumen yang sudah dibuka, dalam proses yang sudah pernah menyusun laporan,",
        "dibandingkan dengan pembanding: docxtpl sendiri merender dan menyimpan templat dan konteks yang",
        "sama (grafik termasuk), dan dengan render yang sama tanpa cache (`PAKAI_CACHE = False`, biaya",
        "setiap render sebelum isu 14). Ketiganya diukur bergantian dalam setiap ulangan.",
        "",
        "| Pengukuran | Median (detik) | Min | Maks | n |",
        "|---|---|---|---|---|",
    ]
    for nama, k in (
        ("Render hangat lakip-xl", "hangat"),
        ("Pembanding: docxtpl render + simpan", "docxtpl"),
        ("Render tanpa cache", "tanpa_cache"),
    ):
        v = x[k]
        teks.append(f"| {nama} | {f(med[k])} | {f(min(v))} | {f(max(v))} | {len(v)} |")
    teks += [
        "",
        f"Rasio render hangat / pembanding: {f2(rasio)} x. "
        f"Render hangat {f2(med['tanpa_cache'] / med['hangat'])} x lebih cepat daripada tanpa cache.",
        "",
        "| Sasaran | Hasil | Putusan |",
        "|---|---|---|",
        f"| Render hangat ≤ {f(BATAS_DETIK)} detik | {f(med['hangat'])} detik | {'LULUS' if lulus_detik else 'GAGAL'} |",
        f"| Render hangat ≤ {f2(BATAS_RASIO)} x pembanding | {f2(rasio)} x | {'LULUS' if lulus_rasio else 'GAGAL'} |",
    ]
    if dingin is not None and pdf is not None:
        teks += [
            "",
            "## Proses baru (CLI)",
            "",
            "| Skenario | Median (detik) | Min | Maks | n |",
            "|---|---|---|---|---|",
        ]
        for nama, xs in (("Proses baru, tanpa PDF", dingin), ("Proses baru, dengan PDF (LibreOffice)", pdf)):
            teks.append(f"| {nama} | {f(statistics.median(xs))} | {f(min(xs))} | {f(max(xs))} | {len(xs)} |")
    hasil = "\n".join(teks) + "\n"
    print(hasil)
    (ROOT / "docs" / "benchmark-laporan.md").write_text(hasil, encoding="utf-8")
    sys.exit(0 if lulus_detik and lulus_rasio else 1)


if __name__ == "__main__":
    main()
