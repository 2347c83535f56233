"""Render the example workbook and report with LibreOffice and save PNGs in docs/.

    .venv/bin/python scripts/tangkapan_layar.py

Converts workbooks/Contoh_Kotabumi_2022.xlsm to PDF (LibreOffice recalculates on load), finds
each sheet's first page by the sheet name printed in the page footer, and rasterises it with
pdftoppm; then renders the example report (Word + PDF) and rasterises its cover, the IKPA page
and a chart page.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lakip_xl.laporan import susun_laporan  # noqa: E402
from lakip_xl.layanan import buka  # noqa: E402
from lakip_xl.office import konversi  # noqa: E402

LEMBAR = {
    "Beranda": "buku-kerja-beranda",
    "Realisasi": "buku-kerja-realisasi",
    "Output": "buku-kerja-dipa",
    "IKPA": "buku-kerja-ikpa",
}


def halaman(pdf: Path) -> list[str]:
    teks = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return teks.split("\f")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (pdf,) = konversi([ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"], "pdf", Path(tmp))
        pages = halaman(pdf)
        for lembar, nama in LEMBAR.items():
            no = next(
                i for i, p in enumerate(pages, 1) if p.strip().splitlines() and lembar in p.strip().splitlines()[-1]
            )
            keluar = ROOT / "docs" / nama
            subprocess.run(
                ["pdftoppm", "-png", "-r", "70", "-f", str(no), "-l", str(no), "-singlefile", str(pdf), str(keluar)],
                check=True,
            )
            print(f"{lembar}: halaman {no} -> {keluar}.png")
        buku = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"
        lap = susun_laporan(buka(buku), Path(tmp) / "LAKIP.docx", pdf=True)
        pages = halaman(lap.pdf)
        pilih = {
            "laporan-sampul": 1,
            "laporan-ikpa": next(
                i
                for i, p in enumerate(pages, 1)
                if "Indikator Kinerja Pelaksanaan Anggaran (IKPA)" in p and "Nilai total" in p
            ),
            "laporan-grafik": next(i for i, p in enumerate(pages, 1) if "Gambar 1." in p),
            "laporan-pembandingan": next(i for i, p in enumerate(pages, 1) if "Perbandingan capaian indikator" in p),
            "laporan-anggaran": next(i for i, p in enumerate(pages, 1) if "program, kegiatan, KRO, dan RO" in p),
        }
        for nama, no in pilih.items():
            keluar = ROOT / "docs" / nama
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    str(no),
                    "-l",
                    str(no),
                    "-singlefile",
                    str(lap.pdf),
                    str(keluar),
                ],
                check=True,
            )
            print(f"laporan halaman {no} -> {keluar}.png")


if __name__ == "__main__":
    main()
