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
* a new process (issue 14): ``lakip-xl laporan`` of the example workbook (.xlsm), no PDF,
  with lakip-xl's on-disk cache filled by an earlier run (the goal: at most 1,5 s) and with an
  empty cache (the first run ever: template built, charts drawn), beside two baselines started
  the same way in the same repetition: bare Python (``python -c pass``) and docxtpl's own
  render and save of the same template and context in a new process (charts as files);
* the PDF (issue 14): ``lakip-xl laporan --pdf`` beside ``lakip-xl laporan`` without it and
  LibreOffice's own ``soffice --headless --convert-to pdf`` of the same .docx, the three in
  turn in each of at least 5 repetitions; the PDF's cost is the paired difference of the first
  two, and the goal is at most LibreOffice's own conversion + 0,5 s.

Wall-clock seconds; the machine may be shared, so read the median (the load average at the
start and the end is printed). Exit status 1 when any goal is missed.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BUKU = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"

BATAS_DETIK = 0.2
BATAS_RASIO = 1.5
BATAS_DINGIN = 1.5  # seconds: laporan of the example workbook in a new process, no PDF
BATAS_PDF_LEBIH = 0.5  # seconds the PDF may cost over LibreOffice's own --convert-to


def _beban() -> str:
    try:
        return " / ".join(f"{v:.2f}".replace(".", ",") for v in os.getloadavg())
    except OSError:  # pragma: no cover - Windows
        return "tidak diketahui"


def _jalan(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - t


def _cli(*args: str, cache: str) -> float:
    return _jalan([sys.executable, "-m", "lakip_xl.doors.cli", *args], {**os.environ, "LAKIP_XL_CACHE": cache})


# docxtpl's own render and save in a new process: the same template and context (as files).
_DOCXTPL_BARU = """
import json, sys
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment
d = sys.argv[1]
tpl = DocxTemplate(d + "/templat.docx")
isi = json.load(open(d + "/konteks.json", encoding="utf-8"))
for nama in ("grafik_capaian", "grafik_anggaran", "grafik_ikpa"):
    isi[nama] = InlineImage(tpl, d + "/" + nama + ".png", width=Mm(float(sys.argv[2])))
tpl.render(isi, jinja_env=SandboxedEnvironment(autoescape=True), autoescape=True)
tpl.save(d + "/keluar.docx")
"""


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

    dok = buka(BUKU)
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


def _bahan_docxtpl(folder: Path) -> None:
    """The template, context and charts of the example workbook, as files for _DOCXTPL_BARU."""
    import json

    from lakip_xl.laporan import grafik
    from lakip_xl.laporan.konteks import bangun_konteks
    from lakip_xl.laporan.templat import templat_bawaan
    from lakip_xl.layanan import buka

    dok = buka(BUKU)
    (folder / "templat.docx").write_bytes(templat_bawaan())
    konteks = bangun_konteks(dok, dok.jumlah_galat > 0)
    (folder / "konteks.json").write_text(json.dumps(konteks), encoding="utf-8")
    for nama, fn in (
        ("grafik_capaian", grafik.grafik_capaian),
        ("grafik_anggaran", grafik.grafik_anggaran),
        ("grafik_ikpa", grafik.grafik_ikpa),
    ):
        png = fn(dok.hasil)
        assert png is not None
        (folder / f"{nama}.png").write_bytes(png)


def _dingin(n: int, tmp: Path) -> dict[str, list[float]]:
    """New processes, the four kinds in turn in each repetition."""
    from lakip_xl.laporan.grafik import LEBAR_MM

    bahan = tmp / "bahan"
    bahan.mkdir(parents=True)
    _bahan_docxtpl(bahan)
    terisi = str(tmp / "cache-terisi")
    _cli("laporan", str(BUKU), "-o", str(tmp / "isi.docx"), cache=terisi)  # fills the cache
    x: dict[str, list[float]] = {"python": [], "docxtpl": [], "terisi": [], "kosong": []}
    for i in range(n):
        x["python"].append(_jalan([sys.executable, "-c", "pass"]))
        x["docxtpl"].append(_jalan([sys.executable, "-c", _DOCXTPL_BARU, str(bahan), str(LEBAR_MM)]))
        x["terisi"].append(_cli("laporan", str(BUKU), "-o", str(tmp / f"t{i}.docx"), cache=terisi))
        x["kosong"].append(_cli("laporan", str(BUKU), "-o", str(tmp / f"k{i}.docx"), cache=str(tmp / f"kosong{i}")))
    return x


def _pdf(n: int, tmp: Path) -> dict[str, list[float]]:
    """laporan, laporan --pdf and LibreOffice's own conversion of the same .docx, in turn."""
    terisi = str(tmp / "cache-terisi")
    tmp.mkdir(parents=True, exist_ok=True)
    docx = tmp / "sama.docx"
    _cli("laporan", str(BUKU), "-o", str(docx), "--pdf", cache=terisi)  # warm-up: caches, LibreOffice profile
    soffice = shutil.which("soffice") or "soffice"
    _jalan([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(docx)])  # its warm-up
    x: dict[str, list[float]] = {"docx": [], "pdf": [], "lo": [], "selisih": []}
    for i in range(n):
        a = _cli("laporan", str(BUKU), "-o", str(tmp / f"pd{i}.docx"), cache=terisi)
        b = _cli("laporan", str(BUKU), "-o", str(tmp / f"pp{i}.docx"), "--pdf", cache=terisi)
        c = _jalan([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(docx)])
        x["docx"].append(a)
        x["pdf"].append(b)
        x["lo"].append(c)
        x["selisih"].append(b - a)
    return x


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=9, help="repetitions of each in-process measurement")
    ap.add_argument("--ulang-proses", type=int, default=7, help="repetitions of each new-process measurement (>= 5)")
    ap.add_argument("--tanpa-cli", action="store_true", help="skip the new-process (CLI) rows")
    a = ap.parse_args()
    if a.ulang_proses < 5:
        ap.error("--ulang-proses minimal 5")
    beban_awal = _beban()
    with tempfile.TemporaryDirectory() as tmp:
        x = _hangat(a, tmp)
        dingin = pdf = None
        if not a.tanpa_cli:
            dingin = _dingin(a.ulang_proses, Path(tmp) / "dingin")
            pdf = _pdf(a.ulang_proses, Path(tmp) / "pdf")
    beban_akhir = _beban()
    med = {k: statistics.median(v) for k, v in x.items()}
    rasio = med["hangat"] / med["docxtpl"]
    lulus_detik = med["hangat"] <= BATAS_DETIK
    lulus_rasio = rasio <= BATAS_RASIO
    mesin = f"{platform.system()} {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}"

    def f(v: float) -> str:
        return f"{v:.3f}".replace(".", ",")

    def f2(v: float) -> str:
        return f"{v:.2f}".replace(".", ",")

    perintah = f"--ulang {a.ulang} --ulang-proses {a.ulang_proses}" + (" --tanpa-cli" if a.tanpa_cli else "")
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
    lulus = [lulus_detik, lulus_rasio]
    if dingin is not None and pdf is not None:
        md = {k: statistics.median(v) for k, v in dingin.items()}
        mp = {k: statistics.median(v) for k, v in pdf.items()}
        lulus_dingin = md["terisi"] <= BATAS_DINGIN
        batas_pdf = mp["lo"] + BATAS_PDF_LEBIH
        lulus_pdf = mp["selisih"] <= batas_pdf
        lulus += [lulus_dingin, lulus_pdf]

        def baris(nama: str, xs: list[float]) -> str:
            return f"| {nama} | {f(statistics.median(xs))} | {f(min(xs))} | {f(max(xs))} | {len(xs)} |"

        teks += [
            "",
            "## Proses baru: `lakip-xl laporan workbooks/Contoh_Kotabumi_2022.xlsm -o X.docx` (isu 14)",
            "",
            'Setiap ulangan menjalankan keempatnya berurutan, masing-masing sebagai proses baru. "Cache terisi":',
            "cache lakip-xl di disk (templat, variabel templat, grafik) sudah diisi oleh jalan sebelumnya, seperti",
            'pada setiap laporan setelah yang pertama. "Cache kosong": folder cache baru setiap kali (templat',
            "dibangun dan ketiga grafik digambar, seperti laporan pertama di komputer baru atau setelah datanya",
            "berubah).",
            "",
            "| Pengukuran | Median (detik) | Min | Maks | n |",
            "|---|---|---|---|---|",
            baris("lakip-xl laporan, cache terisi", dingin["terisi"]),
            baris("lakip-xl laporan, cache kosong", dingin["kosong"]),
            baris("Pembanding: `python -c pass`", dingin["python"]),
            baris("Pembanding: docxtpl render + simpan templat dan konteks yang sama, proses baru", dingin["docxtpl"]),
            "",
            f"Rasio cache terisi / docxtpl proses baru: {f2(md['terisi'] / md['docxtpl'])} x; "
            f"cache kosong / cache terisi: {f2(md['kosong'] / md['terisi'])} x.",
            "",
            "## PDF: `lakip-xl laporan ... --pdf` (isu 14)",
            "",
            "Setiap ulangan menjalankan berurutan `lakip-xl laporan` tanpa PDF, dengan `--pdf`, dan",
            "`soffice --headless --convert-to pdf` (LibreOffice sendiri, profil bawaannya) atas .docx yang sama.",
            "Biaya PDF = selisih berpasangan kedua perintah lakip-xl dalam ulangan yang sama.",
            "",
            "| Pengukuran | Median (detik) | Min | Maks | n |",
            "|---|---|---|---|---|",
            baris("lakip-xl laporan --pdf (seluruh perintah)", pdf["pdf"]),
            baris("lakip-xl laporan tanpa PDF", pdf["docx"]),
            baris("Biaya PDF (selisih berpasangan)", pdf["selisih"]),
            baris("Pembanding: `soffice --headless --convert-to pdf`", pdf["lo"]),
            "",
            f"Rasio biaya PDF / LibreOffice sendiri: {f2(mp['selisih'] / mp['lo'])} x.",
            "",
            "| Sasaran | Hasil | Putusan |",
            "|---|---|---|",
            f"| Laporan proses baru (cache terisi) ≤ {f2(BATAS_DINGIN)} detik | {f(md['terisi'])} detik | "
            f"{'LULUS' if lulus_dingin else 'GAGAL'} |",
            f"| Biaya PDF ≤ LibreOffice sendiri + {f2(BATAS_PDF_LEBIH)} = {f(batas_pdf)} detik | "
            f"{f(mp['selisih'])} detik | {'LULUS' if lulus_pdf else 'GAGAL'} |",
        ]
    teks += ["", f"Beban mesin (loadavg 1/5/15 menit): awal {beban_awal}; akhir {beban_akhir}."]
    hasil = "\n".join(teks) + "\n"
    print(hasil)
    (ROOT / "docs" / "benchmark-laporan.md").write_text(hasil, encoding="utf-8")
    sys.exit(0 if all(lulus) else 1)


if __name__ == "__main__":
    main()
