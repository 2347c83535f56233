"""Benchmark: the regional rekap against python-calamine reading the same workbooks.

    .venv/bin/python benchmarks/rekap.py [--sampel 200] [--putaran 5] [--besar 1000] [--ulang 3]
                                         [--sepuluh-ribu 10000 | --sepuluh-ribu 0] [--jobs 2] [--cache DIR]

Three comparisons, each figure beside a baseline measured in the same run, in turn (A B B A ...),
so a change of machine load touches both:

1. Per workbook, one process: the rekap's whole in-process pipeline (collect, read + check +
   compute every file, choose copies, write the rekap workbook: the parent's work included) on
   ``--sampel`` workbooks, against python-calamine reading the same sheets of the same files
   (the sheets the reader loads, found by reading each file once before timing). Goal <= 1,5x.
2. ``lakip-xl rekap`` of ``--besar`` workbooks as a user runs it (a new process, ``--jobs``
   workers), against a new process reading every sheet of the same files with python-calamine
   in ``--jobs`` processes. Goal <= 2x.
3. ``lakip-xl rekap`` of ``--sepuluh-ribu`` workbooks: wall time and peak memory (RSS of the
   process and all its workers together, sampled every 20 ms). Goal <= 180 s and <= 500 MB.

The synthetic workbooks (``lakip-xl contoh-sintetis``, seed 2024) are generated once into the
cache folder and reused. Writes docs/benchmark-rekap.md. The verdicts are computed here from
the figures measured in this run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENIH = 2024
GOAL_PER_BUKU = 1.5
GOAL_BESAR = 2.0
GOAL_10K_DETIK = 180.0
GOAL_10K_MB = 500.0


# -- the workbooks, generated once -----------------------------------------------------------


def siapkan(cache: Path, n: int, jobs: int) -> Path:
    """A folder of the first ``n`` synthetic workbooks (hard links into one pool that grows
    as needed, so 1.000 and 10.000 share their files)."""
    from lakip_xl.buku_kerja.skema import VERSI_BUKU_KERJA
    from lakip_xl.rekap.sintetis import tulis_sintetis

    # Keyed by the workbook schema: workbooks of an older schema would be refused by the rekap.
    akar = cache / f"skema{VERSI_BUKU_KERJA}-benih{BENIH}"
    kolam = akar / "semua"
    kolam.mkdir(parents=True, exist_ok=True)
    tanda = kolam / ".jumlah"
    ada = int(tanda.read_text()) if tanda.exists() else 0
    if ada < n:
        t = time.perf_counter()
        print(f"  membuat buku kerja {ada + 1}..{n} di {kolam} (sekali saja)", flush=True)
        while ada < n:
            k = min(500, n - ada)
            tulis_sintetis(k, BENIH, kolam, jobs=jobs, mulai=ada)
            ada += k
            tanda.write_text(str(ada))
            print(f"  {ada} buku kerja ({time.perf_counter() - t:.0f} s)", flush=True)
    d = akar / f"n{n}"
    semua = sorted(kolam.glob("*.xlsm"))[:n]  # unit i is named 650000+i: sorted = generated order
    if not d.exists() or len(list(d.glob("*.xlsm"))) != n:
        d.mkdir(parents=True, exist_ok=True)
        for p in d.iterdir():
            p.unlink()
        for p in semua:
            try:
                os.link(p, d / p.name)
            except OSError:
                (d / p.name).write_bytes(p.read_bytes())
    return d


# -- measuring -------------------------------------------------------------------------------


def ukur_proses(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command and all its children together."""
    import psutil

    puncak = 0
    t = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    _, err = proc.communicate()
    detik = time.perf_counter() - t
    selesai.set()
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"perintah gagal ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    return detik, puncak / 2**20


def _baca_semua_lembar(p: str) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(p)
    return sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)


def baca_calamine_paralel(folder: Path, jobs: int) -> None:
    """The baseline of comparisons 2 and 3 (run as its own process): every sheet of every
    workbook under ``folder`` read by python-calamine in ``jobs`` processes."""
    paths = sorted(str(p) for p in folder.rglob("*.xlsm"))
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        sum(ex.map(_baca_semua_lembar, paths, chunksize=max(1, min(32, len(paths) // (jobs * 8) or 1))))


def lembar_dibaca(p: Path) -> list[str]:
    """The sheets the workbook reader loads from this file (python-calamine loads a sheet on
    first use): what the baseline of comparison 1 reads."""
    from lakip_xl.buku_kerja.baca import _Pembaca, baca_grid

    pb = _Pembaca.dari_berkas(p, periksa_rumus=False)
    baca_grid(pb)
    return sorted(dict.keys(pb.nilai))


def muatan() -> str:
    a, b, c = os.getloadavg()
    return f"{a:.2f} / {b:.2f} / {c:.2f}"


def putaran_bergantian(fa, fb, n: int) -> list[tuple[float, float]]:
    """``n`` pairs (seconds of ``fa``, seconds of ``fb``), in turn: A B, B A, A B, ..."""
    hasil = []
    for i in range(n):
        if i % 2 == 0:
            a = fa()
            b = fb()
        else:
            b = fb()
            a = fa()
        hasil.append((a, b))
    return hasil


def _median(xs: list[float]) -> float:
    return statistics.median(xs)


def _ya(ok: bool) -> str:
    return "**terpenuhi**" if ok else "**tidak terpenuhi**"


def _angka(x: float, d: int = 2) -> str:
    return f"{x:,.{d}f}".replace(",", "_").replace(".", ",").replace("_", ".")


# -- the three comparisons -------------------------------------------------------------------


def per_buku(folder: Path, putaran: int) -> dict:
    """Comparison 1."""
    from python_calamine import CalamineWorkbook

    from lakip_xl.rekap import rekap
    from lakip_xl.rekap.tulis import tulis_rekap

    paths = sorted(folder.glob("*.xlsm"))
    lembar = {p: lembar_dibaca(p) for p in paths}
    n_lembar = statistics.mean(len(v) for v in lembar.values())

    def dasar() -> float:
        t = time.perf_counter()
        for p in paths:
            wb = CalamineWorkbook.from_path(str(p))
            for nama in lembar[p]:
                wb.get_sheet_by_name(nama).to_python()
        return time.perf_counter() - t

    bagian: dict[str, list[float]] = {"rekap": [], "tulis": []}

    def kita() -> float:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            h = rekap([folder], jobs=1)
            t1 = time.perf_counter()
            tulis_rekap(h, Path(tmp) / "Rekap.xlsx", [folder])
            t2 = time.perf_counter()
        assert len(h.unit) == len(paths), (len(h.unit), len(paths))
        bagian["rekap"].append(t1 - t)
        bagian["tulis"].append(t2 - t1)
        return t2 - t

    kita()  # warm: imports, the rules cache, the file cache of the OS
    bagian = {"rekap": [], "tulis": []}
    dasar()
    beban = muatan()
    pasangan = putaran_bergantian(kita, dasar, putaran)
    n = len(paths)
    rasio = [a / b for a, b in pasangan]
    tahap = rincian_tahap(paths, lembar)
    return {
        "tahap": tahap,
        "n": n,
        "lembar": n_lembar,
        "kita_ms": _median([a for a, _ in pasangan]) / n * 1000,
        "dasar_ms": _median([b for _, b in pasangan]) / n * 1000,
        "rekap_ms": _median(bagian["rekap"]) / n * 1000,
        "tulis_ms": _median(bagian["tulis"]) / n * 1000,
        "rasio": _median(rasio),
        "rasio_min": min(rasio),
        "rasio_maks": max(rasio),
        "putaran": putaran,
        "muatan": f"{beban} → {muatan()}",
    }


def rincian_tahap(paths: list[Path], lembar_dipakai: dict[Path, list[str]], putaran: int = 3) -> dict[str, float]:
    """Where one workbook's time goes in the reader's own pipeline, each stage timed on its
    own over the same files (ms per workbook, median of ``putaran`` passes): the archive checks
    (every part the readers unpack, unpacked under the size limit, scanned for far cells and
    Excel errors), python-calamine (opening the file and reading the sheets the reader uses),
    building the model from the grids, and computing + validating it."""
    import io

    from python_calamine import CalamineWorkbook

    from lakip_xl.buku_kerja import baca as B
    from lakip_xl.layanan import _dari_buku_kerja, asal_isi

    data = {p: p.read_bytes() for p in paths}
    waktu: dict[str, list[float]] = {"arsip": [], "calamine": [], "model": [], "hitung": []}
    for _ in range(putaran):
        jumlah = dict.fromkeys(waktu, 0.0)
        for p in paths:
            t0 = time.perf_counter()
            isi = B._isi_arsip(p.name, data[p])
            t1 = time.perf_counter()
            nama = B._nama_dari_xml(p.name, isi.workbook_xml or b"")
            grid = B._GridMalas(CalamineWorkbook.from_filelike(io.BytesIO(data[p])))
            for lembar in lembar_dipakai[p]:  # the sheets the reader uses, now: the model stage reads none
                grid[lembar]
            t2 = time.perf_counter()
            pb = B._Pembaca(p.name, grid, nama, None)
            pb.galat_excel = isi.galat
            bk = B.baca_grid(pb)
            t3 = time.perf_counter()
            _dari_buku_kerja(bk, asal_isi(p.name, b""), p.parent)
            t4 = time.perf_counter()
            for k, d in zip(waktu, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                jumlah[k] += d
        for k in waktu:
            waktu[k].append(jumlah[k] / len(paths) * 1000)
    return {k: _median(v) for k, v in waktu.items()}


def perintah_rekap(folder: Path, keluar: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "lakip_xl.doors.cli", "rekap", str(folder), "-o", str(keluar), "--jobs", str(jobs)]


def perintah_dasar(folder: Path, jobs: int) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--baca-calamine", str(folder), "--jobs", str(jobs)]


def perintah_utuh(folder: Path, jobs: int, ulang: int) -> dict:
    """Comparisons 2 and 3: the whole command against calamine in as many processes."""
    ukur: dict[str, list[tuple[float, float]]] = {"kita": [], "dasar": []}
    with tempfile.TemporaryDirectory() as tmp:
        keluar = Path(tmp) / "Rekap.xlsx"

        def kita() -> float:
            keluar.unlink(missing_ok=True)
            ukur["kita"].append(ukur_proses(perintah_rekap(folder, keluar, jobs)))
            return ukur["kita"][-1][0]

        def dasar() -> float:
            ukur["dasar"].append(ukur_proses(perintah_dasar(folder, jobs)))
            return ukur["dasar"][-1][0]

        beban = muatan()
        pasangan = putaran_bergantian(kita, dasar, ulang)
    rasio = [a / b for a, b in pasangan]
    return {
        "n": len(list(folder.glob("*.xlsm"))),
        "kita_s": _median([a for a, _ in pasangan]),
        "dasar_s": _median([b for _, b in pasangan]),
        "kita_mb": max(mb for _, mb in ukur["kita"]),
        "dasar_mb": max(mb for _, mb in ukur["dasar"]),
        "rasio": _median(rasio),
        "rasio_min": min(rasio),
        "rasio_maks": max(rasio),
        "ulang": ulang,
        "muatan": f"{beban} → {muatan()}",
    }


# -- the report ------------------------------------------------------------------------------


def laporan(a: argparse.Namespace, satu: dict | None, besar: dict | None, sepuluh: dict | None) -> str:
    import psutil

    mesin = (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} inti, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}"
    )
    argumen = " ".join(sys.argv[1:]) or "(bawaan)"
    t = [
        "# Benchmark: rekap Kanwil",
        "",
        f"Ditulis oleh `benchmarks/rekap.py` ({argumen}) pada {time.strftime('%d-%m-%Y %H.%M')}. Mesin: {mesin}. "
        f"Data: buku kerja sintetis `lakip-xl contoh-sintetis --benih {BENIH}`, dibuat sekali ke folder cache lalu "
        "dipakai ulang. Setiap angka diukur bergantian dengan pembandingnya dalam putaran yang sama (A B, B A, ...); "
        "yang ditampilkan median putaran. Muatan mesin = rata-rata beban 1/5/15 menit (`uptime`) sebelum → sesudah "
        "pengukuran; di mesin bersama angka berubah-ubah, rasio lebih stabil daripada waktu.",
        "",
        "| Perbandingan | lakip-xl | Pembanding (putaran yang sama) | Rasio (min–maks) | Target | Hasil | Muatan |",
        "|---|---|---|---|---|---|---|",
    ]
    vonis = []
    if satu:
        ok = satu["rasio"] <= GOAL_PER_BUKU
        vonis.append(ok)
        t.append(
            f"| 1. Per buku kerja, 1 proses: kumpulkan + baca/periksa/hitung + pilih salinan + tulis rekap "
            f"({satu['n']} buku, {satu['putaran']} putaran) | {_angka(satu['kita_ms'])} ms/buku | calamine membaca "
            f"lembar yang sama (rata-rata {_angka(satu['lembar'], 1)} lembar): {_angka(satu['dasar_ms'])} ms/buku | "
            f"{_angka(satu['rasio'])} ({_angka(satu['rasio_min'])}–{_angka(satu['rasio_maks'])}) | ≤ "
            f"{_angka(GOAL_PER_BUKU, 1)} × | {_ya(ok)} | {satu['muatan']} |"
        )
    if besar:
        ok = besar["rasio"] <= GOAL_BESAR
        vonis.append(ok)
        t.append(
            f"| 2. `lakip-xl rekap` {besar['n']} buku kerja, perintah utuh, {a.jobs} proses ({besar['ulang']} kali) | "
            f"{_angka(besar['kita_s'])} s, puncak {besar['kita_mb']:.0f} MB | calamine membaca semua lembar, "
            f"{a.jobs} proses: {_angka(besar['dasar_s'])} s, puncak {besar['dasar_mb']:.0f} MB | "
            f"{_angka(besar['rasio'])} ({_angka(besar['rasio_min'])}–{_angka(besar['rasio_maks'])}) | ≤ "
            f"{_angka(GOAL_BESAR, 0)} × | {_ya(ok)} | {besar['muatan']} |"
        )
    if sepuluh:
        ok_t, ok_m = sepuluh["kita_s"] <= GOAL_10K_DETIK, sepuluh["kita_mb"] <= GOAL_10K_MB
        vonis += [ok_t, ok_m]
        t.append(
            f"| 3. `lakip-xl rekap` {_angka(sepuluh['n'], 0)} buku kerja, {a.jobs} proses ({sepuluh['ulang']} kali) | "
            f"{_angka(sepuluh['kita_s'], 1)} s, puncak {sepuluh['kita_mb']:.0f} MB (semua proses) | calamine membaca "
            f"semua lembar, {a.jobs} proses: {_angka(sepuluh['dasar_s'], 1)} s, puncak {sepuluh['dasar_mb']:.0f} MB | "
            f"{_angka(sepuluh['rasio'])} | ≤ {GOAL_10K_DETIK:.0f} s dan ≤ {GOAL_10K_MB:.0f} MB | waktu {_ya(ok_t)}, "
            f"memori {_ya(ok_m)} | {sepuluh['muatan']} |"
        )
    t.append("")
    if satu:
        t += [
            f"Rincian perbandingan 1 (median, diukur): `rekap()` (kumpulkan, baca/periksa/hitung tiap berkas, pilih "
            f"salinan) {_angka(satu['rekap_ms'])} ms/buku; `tulis_rekap` (buku kerja rekap) "
            f"{_angka(satu['tulis_ms'])} ms/buku.",
            "",
        ]
        th = satu["tahap"]
        cal = th["calamine"]
        lantai = (cal + th["arsip"]) / cal
        t += [
            "Ke mana waktu satu buku kerja pergi (setiap tahap diukur sendiri atas berkas yang sama, median 3 "
            f"putaran, ms/buku): pemeriksaan arsip {_angka(th['arsip'])}; python-calamine membuka berkas dan "
            f"membaca lembar yang dipakai {_angka(cal)}; menyusun model dari grid {_angka(th['model'])}; "
            f"menghitung dan memeriksa {_angka(th['hitung'])}; menulis rekap {_angka(satu['tulis_ms'])}. "
            f"Calamine ditambah pemeriksaan arsip saja (batas ukuran bom zip, luas lembar, sel galat Excel) sudah "
            f"{_angka(lantai)} × calamine sebelum data mana pun dipakai; calamine ditambah model, hitung, dan tulis, "
            f"tanpa pemeriksaan arsip, sudah "
            f"{_angka((cal + th['model'] + th['hitung'] + satu['tulis_ms']) / cal)} ×.",
            "",
        ]
    t += [
        f"**Kesimpulan (dihitung skrip): {sum(vonis)} dari {len(vonis)} target terpenuhi pada pengukuran ini.**",
        "",
    ]
    return "\n".join(t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sampel", type=int, default=200, help="buku kerja untuk perbandingan 1 (0: lewati)")
    ap.add_argument("--putaran", type=int, default=5, help="putaran perbandingan 1")
    ap.add_argument("--besar", type=int, default=1000, help="buku kerja untuk perbandingan 2 (0: lewati)")
    ap.add_argument("--ulang", type=int, default=3, help="putaran perbandingan 2")
    ap.add_argument("--sepuluh-ribu", type=int, default=10_000, help="buku kerja untuk perbandingan 3 (0: lewati)")
    ap.add_argument("--ulang-besar", type=int, default=1, help="putaran perbandingan 3")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "lakip-xl-bench")
    ap.add_argument("--tanpa-tulis", action="store_true", help="jangan menulis docs/benchmark-rekap.md")
    ap.add_argument("--baca-calamine", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.baca_calamine is not None:
        baca_calamine_paralel(a.baca_calamine, a.jobs)
        return
    satu = besar = sepuluh = None
    if a.sampel:
        print(f"1. Per buku kerja ({a.sampel} buku, 1 proses):", flush=True)
        satu = per_buku(siapkan(a.cache, a.sampel, a.jobs), a.putaran)
        print(f"   {satu}", flush=True)
    if a.besar:
        print(f"2. Perintah utuh, {a.besar} buku kerja:", flush=True)
        besar = perintah_utuh(siapkan(a.cache, a.besar, a.jobs), a.jobs, a.ulang)
        print(f"   {besar}", flush=True)
    if a.sepuluh_ribu:
        print(f"3. Perintah utuh, {a.sepuluh_ribu} buku kerja:", flush=True)
        sepuluh = perintah_utuh(siapkan(a.cache, a.sepuluh_ribu, a.jobs), a.jobs, a.ulang_besar)
        print(f"   {sepuluh}", flush=True)
    teks = laporan(a, satu, besar, sepuluh)
    print(teks)
    if not a.tanpa_tulis:
        (ROOT / "docs" / "benchmark-rekap.md").write_text(teks, encoding="utf-8")


if __name__ == "__main__":
    main()
