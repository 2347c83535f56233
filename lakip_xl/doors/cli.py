"""The command line (``lakip-xl``): a thin door over read -> validate -> compute.

Cold start matters (a user types a command, the Excel button starts one): this module imports
only typer and the standard library at the top; the engine, rich and everything a command
needs are imported inside the command that uses them (benchmarks/mulai.py measures it).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import __version__
from ..berkas import jalur_tampil, pesan_os, tolak_tujuan_sumber
from ..galat import BerkasSudahAda, LakipGalat

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ..compute.aturan import Aturan
    from ..layanan import Dokumen
    from ..model import Lakip
    from ..validasi import Temuan


class Dibatalkan(Exception):
    """Ctrl-C during a command (typer would turn it into a silent exit code)."""


class _Bantuan:
    """Help in Indonesian: the texts are set just before a help screen is drawn, so a command
    that shows no help never imports typer's rich help machinery (markdown, panels)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _indonesiakan_bantuan()
        super().format_help(ctx, formatter)  # type: ignore[misc]


class _Perintah(_Bantuan, typer.core.TyperCommand):
    pass


class _Grup(_Bantuan, typer.core.TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Dibatalkan() from None


class _Typer(typer.Typer):
    """Every command drawn with the class above (its help in Indonesian, drawn on demand)."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", _Perintah)
        return super().command(*args, **kwargs)


app = _Typer(
    cls=_Grup,
    name="lakip-xl",
    help="lakip-xl: menghitung, memeriksa, dan menyusun Laporan Kinerja (LAKIP/LKjIP) satker.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
)


class _Konsol:
    """A rich Console made on first use: importing rich is a cost that ``--versi`` and the
    JSON outputs never need."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._konsol: Console | None = None

    @property
    def konsol(self) -> Console:
        """The Console itself (for rich objects that take one, e.g. a progress bar)."""
        if self._konsol is None:
            from rich.console import Console

            if self._stderr:
                self._konsol = Console(stderr=True, highlight=False, soft_wrap=True)
            else:  # logs and pipes get a wide page; a terminal uses its own width
                self._konsol = Console(highlight=False, width=None if sys.stdout.isatty() else 132)
        return self._konsol

    def __getattr__(self, nama: str) -> Any:
        return getattr(self.konsol, nama)


out: Any = _Konsol(stderr=False)
err: Any = _Konsol(stderr=True)

SumberArg = Annotated[
    Path,
    typer.Argument(
        help="Buku kerja induk (.xlsm) atau berkas data LAKIP (.json).", show_default=False, metavar="SUMBER"
    ),
]


def cetak_galat(pesan: str) -> None:
    """The one line on stderr: ``Galat: <pesan>`` (no markup read from the message, no line breaks)."""
    import re

    from rich.markup import escape

    baris = re.sub(r"\s*[\r\n]+\s*", " ", str(pesan)).strip() or "Terjadi galat."
    err.print(f"[bold red]Galat:[/] {escape(baris)}")


def _gagal(pesan: str) -> typer.Exit:
    cetak_galat(pesan)
    return typer.Exit(code=2)


def tolak_timpa_sumber(masukan: Sequence[Path | None], keluaran: Sequence[Path | None]) -> None:
    """Exit 2 when an output is one of the inputs (also through links), with or without --timpa."""
    try:
        tolak_tujuan_sumber(masukan, keluaran)
    except LakipGalat as e:
        raise _gagal(str(e)) from None


def buka_sumber(sumber: Path, versi_lama: bool = False) -> Dokumen:
    """Open a source through the one pipeline; exits 2 with its Indonesian line when unreadable."""
    from ..layanan import buka

    try:
        return buka(sumber, versi_lama=versi_lama)
    except LakipGalat as e:
        raise _gagal(str(e)) from None


@contextmanager
def _menulis(keluaran: Path) -> Iterator[None]:
    """Writing an output: an existing file, a refusal of the toolkit or of the system, each as
    one line naming the file."""
    try:
        yield
    except BerkasSudahAda:
        raise _gagal(
            f"Berkas '{keluaran}' sudah ada dan tidak ditimpa. Pakai nama lain atau tambahkan --timpa."
        ) from None
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    except OSError as e:
        raise _gagal(pesan_os(e, keluaran, "menulis")) from None


def tolak_bila_hilang(dok: Dokumen, paksa: bool, tindakan: str) -> None:
    """Refuse to write a copy that would lose what the user typed (unless forced)."""
    hilang = dok.isian_hilang()
    if hilang and not paksa:
        sel = ", ".join(t.lokasi for t in hilang[:6]) + (" ..." if len(hilang) > 6 else "")
        raise _gagal(
            f"{tindakan} dibatalkan: {len(hilang)} isian tidak dapat dibaca dan akan hilang ({sel}). "
            "Perbaiki isian itu (lihat 'lakip-xl validasi'), atau ulangi dengan --paksa bila memang ingin dibuang."
        )


def hasil_json(dok: Dokumen) -> dict[str, Any]:
    """Every computed result as plain JSON (numbers unrounded), with the findings."""
    from ..compute.rencana import rencana_json

    d = dataclasses.asdict(dok.hasil)
    d["rencana"] = rencana_json(dok.hasil.rencana) if dok.hasil.rencana is not None else None
    d["validasi"] = [t.as_dict() for t in dok.temuan]
    a = d["anggaran"]
    d["anggaran"] = {
        "pagu": a["pagu"],
        "realisasi": a["realisasi"],
        "sisa": a["sisa"],
        "penyerapan": a["penyerapan"],
        "pagu_rincian": a["pagu_rincian"],
        "realisasi_rincian": a["realisasi_rincian"],
        "jenis_belanja": {**a["jenis"], "rincian": a["per_jenis"]},
        "sumber_dana": {**a["sumber"], "rincian": a["per_sumber"]},
        "program": a["per_program"],
        "kegiatan": a["per_kegiatan"],
        "kro": a["per_kro"],
        "perbandingan": a["perbandingan"],
    }
    return d


# -- readable summary -----------------------------------------------------------------------


def _tabel(judul: str, *kolom: str, kanan: tuple[int, ...] = ()) -> Table:
    from rich.table import Table

    t = Table(title=judul, title_justify="left", title_style="bold")
    for i, k in enumerate(kolom):
        if i in kanan:
            t.add_column(k, justify="right", no_wrap=True)
        elif i == 0:
            t.add_column(k, no_wrap=True)
        else:
            t.add_column(k, overflow="fold", min_width=14)
    return t


def cetak_ringkasan(dok: Dokumen) -> None:
    from ..compute.angka import format_angka, format_konversi, format_persen, format_rupiah

    lakip, hasil = dok.lakip, dok.hasil
    p = lakip.profil
    out.print(f"[bold]{p.nama or '(nama satker kosong)'}[/] — LAKIP {p.periode} {p.tahun or ''}".rstrip())
    out.print(f"Kode satker {p.kode_satker or '-'} · BA {p.kode_ba or '-'} · KPPN {p.kode_kppn or '-'}")
    w = hasil.wilayah
    if w.kabupaten:
        out.print(
            f"Wilayah kerja: {w.kabupaten} kabupaten/kota, {format_angka(w.kecamatan, 0)} kecamatan, "
            f"{format_angka(w.desa, 0)} desa, {format_angka(w.penduduk, 0)} penduduk"
        )
    out.print()

    t = _tabel("Capaian indikator kinerja", "Kode", "Indikator", "Target", "Realisasi", "Capaian", kanan=(2, 3, 4))
    for i in hasil.indikator:
        t.add_row(i.kode, i.nama, format_angka(i.target), format_angka(i.realisasi), format_persen(i.capaian))
    out.print(t)

    t = _tabel(
        "Capaian RO (volume)", "Kode", "Rincian output", "Target", "Realisasi", "Satuan", "Capaian", kanan=(2, 3, 5)
    )
    for o in hasil.output:
        t.add_row(
            o.kode_lengkap,
            o.nama,
            format_angka(o.volume_target, 0),
            format_angka(o.volume_realisasi, 0),
            o.satuan,
            format_persen(o.capaian_volume),
        )
    out.print(t)

    t = _tabel(
        "Anggaran per RO", "Kode", "Rincian output", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan", kanan=(2, 3, 4)
    )
    for o in hasil.output:
        t.add_row(
            o.kode_lengkap,
            o.nama,
            format_rupiah(o.pagu, prefix=False),
            format_rupiah(o.realisasi, prefix=False),
            format_persen(o.penyerapan),
        )
    out.print(t)

    a = hasil.anggaran
    t = _tabel(
        "Realisasi anggaran", "Uraian", "Pagu (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "Penyerapan", kanan=(1, 2, 3, 4)
    )

    def baris(nama: str, x: Any) -> None:
        t.add_row(
            nama,
            format_rupiah(x.pagu, prefix=False),
            format_rupiah(x.realisasi, prefix=False),
            format_rupiah(x.sisa, prefix=False),
            format_persen(x.penyerapan),
        )

    for s in a.per_program:
        baris(s.nama, s)
    for r in a.per_jenis:
        baris(f"Belanja {r.kode} {r.nama}", r)
    for r in a.per_sumber:
        baris(f"Sumber dana {r.kode}", r)
    baris("[bold]Total DIPA[/]", a)
    out.print(t)

    ik = hasil.ikpa
    if ik is not None:
        t = _tabel(f"IKPA (aturan {ik.aturan})", "Indikator", "Nilai", "Bobot", "Nilai tertimbang", kanan=(1, 2, 3))
        for k in ik.komponen:
            t.add_row(
                k.nama + ("" if k.berlaku else " (tidak berlaku)"),
                format_angka(k.nilai),
                format_angka(k.bobot, 0),
                format_angka(k.nilai_tertimbang),
            )
        out.print(t)
        asp = " / ".join(format_angka(ik.aspek[x]) for x in ("perencanaan", "pelaksanaan", "hasil"))
        bobot_aspek = "/".join(format_angka(b, 0) for b in dok.aturan.set_ikpa(ik.aturan).bobot_per_aspek().values())
        out.print(
            f"Nilai total {format_angka(ik.nilai_total)} · konversi bobot {format_konversi(ik.konversi_bobot)} · "
            f"nilai akhir [bold]{format_angka(ik.nilai_akhir)}[/] ({ik.predikat or '-'}) · "
            f"aspek perencanaan/pelaksanaan/hasil {asp} (bobot aspek {bobot_aspek})"
        )
    from ..compute.aturan import REZIM_NKA

    pkpa = f" · PKPA {format_angka(hasil.pkpa)}" if hasil.nka.rezim == "pmk22_2021" else ""
    out.print(
        f"Nilai Kinerja Anggaran ({REZIM_NKA[hasil.nka.rezim]}): [bold]{format_angka(hasil.nka.nilai)}[/] "
        f"({hasil.nka.predikat or '-'}){pkpa}"
    )
    if hasil.sakip["nilai"] is not None:
        out.print(f"Nilai SAKIP {format_angka(hasil.sakip['nilai'])} ({hasil.sakip['predikat']})")
    out.print()
    if dok.aturan_diubah:
        asal = "lembar Referensi" if dok.aturan_dari == "buku_kerja" else "bagian 'aturan' berkas data"
        out.print(f"[yellow]Aturan penilaian dari {asal}, berbeda dengan aturan bawaan.[/]")
    cetak_temuan(dok.temuan, ringkas=True)


def cetak_temuan(temuan: list[Temuan], ringkas: bool = False) -> None:
    galat = sum(t.tingkat == "galat" for t in temuan)
    peringatan = len(temuan) - galat
    if not temuan:
        out.print("[green]Pemeriksaan data: tidak ada temuan.[/]")
        return
    if ringkas:
        out.print(
            f"Pemeriksaan data: [red]{galat} galat[/], [yellow]{peringatan} peringatan[/]. "
            "Jalankan 'lakip-xl validasi' untuk rinciannya."
        )
        return
    t = _tabel(f"Temuan pemeriksaan: {galat} galat, {peringatan} peringatan", "Tingkat", "Kode", "Lokasi", "Pesan")
    for x in sorted(temuan, key=lambda x: x.tingkat != "galat"):
        warna = "red" if x.tingkat == "galat" else "yellow"
        t.add_row(f"[{warna}]{x.tingkat}[/]", x.kode, x.lokasi, x.pesan)
    out.print(t)


# -- commands -------------------------------------------------------------------------------


def _versi(nilai: bool) -> None:
    if nilai:
        sys.stdout.write(f"lakip-xl {__version__}\n")
        raise typer.Exit()


@app.callback()
def utama(
    versi: Annotated[
        bool, typer.Option("--versi", "--version", callback=_versi, is_eager=True, help="Tampilkan versi.")
    ] = False,
) -> None:
    """lakip-xl: menghitung, memeriksa, dan menyusun Laporan Kinerja (LAKIP/LKjIP) satker."""


@app.command("hitung")
def cmd_hitung(
    sumber: SumberArg,
    as_json: Annotated[
        bool, typer.Option("--json", help="Cetak semua hasil sebagai JSON (angka tanpa pembulatan).")
    ] = False,
) -> None:
    """Hitung capaian, anggaran, IKPA, dan NKA dari SUMBER dan tampilkan ringkasannya."""
    dok = buka_sumber(sumber)
    if as_json:
        sys.stdout.write(json.dumps(hasil_json(dok), ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    else:
        cetak_ringkasan(dok)


@app.command("validasi")
def cmd_validasi(
    sumber: SumberArg,
    as_json: Annotated[bool, typer.Option("--json", help="Cetak temuan sebagai JSON.")] = False,
) -> None:
    """Periksa data SUMBER. Keluar dengan kode 1 bila ada galat."""
    dok = buka_sumber(sumber)
    if as_json:
        sys.stdout.write(json.dumps([t.as_dict() for t in dok.temuan], ensure_ascii=False, indent=2) + "\n")
    else:
        cetak_temuan(dok.temuan)
    if dok.jumlah_galat:
        raise typer.Exit(code=1)


@app.command("skema")
def cmd_skema() -> None:
    """Cetak JSON Schema format data LAKIP."""
    from ..schema.data import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


buku_kerja_app = _Typer(cls=_Grup, help="Membuat dan memperbarui buku kerja induk (.xlsm).", no_args_is_help=True)
app.add_typer(buku_kerja_app, name="buku-kerja")

TimpaOpt = Annotated[bool, typer.Option("--timpa", help="Timpa berkas tujuan bila sudah ada.")]
PaksaOpt = Annotated[
    bool, typer.Option("--paksa", help="Tetap lanjutkan walaupun ada isian yang tidak terbaca (isian itu dibuang).")
]


def _tulis_buku_kerja(
    lakip: Lakip | None, keluaran: Path, timpa: bool, aturan: Aturan, sumber: Dokumen | None = None
) -> Path:
    """Build a workbook; one made from a workbook (``sumber``) keeps that workbook's xlwings settings."""
    from ..buku_kerja.tulis import bangun_buku_kerja

    if keluaran.suffix.lower() != ".xlsm":
        raise _gagal(f"Nama berkas tujuan '{keluaran.name}' harus berakhiran .xlsm (buku kerja dengan makro).")
    conf = sumber.buku_kerja.xlwings_conf if sumber is not None and sumber.buku_kerja is not None else ()
    with _menulis(keluaran):
        return bangun_buku_kerja(lakip, keluaran, aturan=aturan, timpa=timpa, xlwings_conf=conf)


@buku_kerja_app.command("baru")
def cmd_buku_kerja_baru(
    keluaran: Annotated[Path, typer.Option("--keluaran", "-o", help="Berkas .xlsm yang dibuat.")],
    data: Annotated[Path | None, typer.Option("--data", help="Isi dengan data dari berkas .json ini.")] = None,
    timpa: TimpaOpt = False,
) -> None:
    """Buat buku kerja induk: kosong untuk tahun baru, atau terisi dengan --data."""
    from ..compute.aturan import aturan_bawaan

    tolak_timpa_sumber([data], [keluaran])
    dok = buka_sumber(data) if data is not None else None
    path = _tulis_buku_kerja(dok.lakip if dok else None, keluaran, timpa, dok.aturan if dok else aturan_bawaan(), dok)
    out.print(f"Buku kerja dibuat: {path}")


@buku_kerja_app.command("tingkatkan")
def cmd_buku_kerja_tingkatkan(
    sumber: SumberArg,
    keluaran: Annotated[Path, typer.Option("--keluaran", "-o", help="Buku kerja baru (.xlsm).")],
    tahun_baru: Annotated[
        bool,
        typer.Option(
            "--tahun-baru",
            help="Siapkan tahun berikutnya: realisasi tahun ini menjadi 'realisasi tahun lalu', isian realisasi dikosongkan.",
        ),
    ] = False,
    timpa: TimpaOpt = False,
    paksa: PaksaOpt = False,
) -> None:
    """Pindahkan data satker ke templat buku kerja terbaru (berkas lama tidak diubah)."""
    from ..buku_kerja.tingkatkan import siapkan_tahun_baru

    tolak_timpa_sumber([sumber], [keluaran])
    src = buka_sumber(sumber, versi_lama=True)
    tolak_bila_hilang(src, paksa, "Peningkatan buku kerja")
    lakip = src.lakip
    if tahun_baru:
        if lakip.profil.periode != "Tahunan":
            out.print(
                f"[yellow]Perhatian:[/] buku kerja sumber berperiode {lakip.profil.periode}; 'realisasi tahun lalu' diisi "
                "dari realisasi periode itu. Untuk angka setahun penuh, pakai buku kerja Tahunan."
            )
        lakip = siapkan_tahun_baru(lakip, src.aturan)
    path = _tulis_buku_kerja(lakip, keluaran, timpa, src.aturan, src)
    out.print(f"Data dari '{sumber.name}' dipindahkan ke buku kerja baru: {path}")
    if tahun_baru:
        out.print(f"Tahun anggaran sekarang {lakip.profil.tahun}; isi realisasi dan pagu DIPA yang baru.")
        if any(vars(lakip.narasi).values()):
            out.print("[yellow]Perhatian:[/] narasi disalin dari tahun sebelumnya; perbarui di lembar Narasi.")


@buku_kerja_app.command("vba")
def cmd_buku_kerja_vba(
    keluaran: Annotated[Path, typer.Option("--keluaran", "-o", help="Berkas vbaProject.bin.")] = Path("vbaProject.bin"),
) -> None:
    """Bangun ulang proyek VBA (vbaProject.bin) dari xlwings yang terpasang."""
    from ..buku_kerja.skema import LEMBAR
    from ..buku_kerja.vba import bangun_vba

    try:
        path = bangun_vba(keluaran, len(LEMBAR))
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    out.print(f"Proyek VBA dibuat: {path}")


@app.command("periksa-instalasi")
def cmd_periksa_instalasi(
    buku: Annotated[
        Path | None,
        typer.Argument(
            help="Buku kerja (.xlsm) yang akan dipakai dengan tombol (boleh dikosongkan).", show_default=False
        ),
    ] = None,
    perbaiki: Annotated[
        bool,
        typer.Option(
            "--perbaiki",
            help="Tulis Python ini sebagai interpreter xlwings di pengaturan pengguna (seperti 'xlwings config create').",
        ),
    ] = False,
) -> None:
    """Periksa kesiapan komputer ini untuk tombol buku kerja: Python, xlwings, DLL, interpreter, Word/LibreOffice,
    OneDrive, dan tanda 'diunduh dari internet'. Keluar dengan kode 1 bila ada yang perlu ditindaklanjuti."""
    from . import periksa_instalasi as P

    if buku is not None and not buku.is_file():
        raise _gagal(f"Berkas buku kerja '{jalur_tampil(buku)}' tidak ditemukan. Periksa jalurnya.")
    if perbaiki:
        try:
            path = P.perbaiki()
        except LakipGalat as e:
            raise _gagal(str(e)) from None
        sys.stdout.write(f"Interpreter xlwings ({P.kunci_interpreter()}) ditulis ke: {path}\n")
    hasil = P.periksa(buku)
    for h in hasil:
        sys.stdout.write(h.baris() + "\n")
    if any(h.status == P.PERLU for h in hasil):
        raise typer.Exit(code=1)


@app.command("ekspor-data")
def cmd_ekspor_data(
    sumber: SumberArg,
    keluaran: Annotated[Path, typer.Option("--keluaran", "-o", help="Berkas .json yang dibuat.")],
    timpa: TimpaOpt = False,
    paksa: PaksaOpt = False,
) -> None:
    """Ekspor isi buku kerja ke berkas data JSON (tanpa kehilangan isi)."""
    from ..schema.data import tulis_json

    tolak_timpa_sumber([sumber], [keluaran])
    src = buka_sumber(sumber)
    tolak_bila_hilang(src, paksa, "Ekspor")
    with _menulis(keluaran):
        tulis_json(src.lakip, keluaran, timpa=timpa, aturan=src.aturan)
    out.print(f"Data diekspor ke: {keluaran}")
    if src.aturan_diubah:
        out.print("[yellow]Aturan penilaian yang diubah ikut diekspor (bagian 'aturan').[/]")
    if src.temuan_baca:
        cetak_temuan(src.temuan_baca, ringkas=True)


@app.command("laporan")
def cmd_laporan(
    sumber: SumberArg,
    keluaran: Annotated[Path, typer.Option("--keluaran", "-o", help="Berkas laporan (.docx).")],
    pdf: Annotated[bool, typer.Option("--pdf", help="Buat juga PDF (memerlukan LibreOffice).")] = False,
    template: Annotated[Path | None, typer.Option("--template", help="Templat Word sendiri (.docx).")] = None,
    ketat: Annotated[bool, typer.Option("--ketat", help="Tolak membuat laporan bila masih ada galat.")] = False,
    tanpa_temuan: Annotated[
        bool,
        typer.Option(
            "--tanpa-temuan",
            help="Tanpa lampiran temuan pemeriksaan data (laporan final; ditolak bila masih ada galat).",
        ),
    ] = False,
    tanpa_asal: Annotated[
        bool, typer.Option("--tanpa-asal", help="Tanpa halaman Asal Dokumen (laporan final).")
    ] = False,
    timpa: TimpaOpt = False,
) -> None:
    """Susun laporan Word (dan PDF) dari SUMBER. Data dengan galat menghasilkan DRAF."""
    from ..laporan import NAMA_PROGRAM_PDF, siapkan_pdf, susun_laporan

    tolak_timpa_sumber([sumber, template], [keluaran, keluaran.with_suffix(".pdf") if pdf else None])
    if pdf:
        siapkan_pdf()  # LibreOffice starts while the source is read and the report rendered
    dok = buka_sumber(sumber)
    out.print("Menyusun laporan...")
    try:
        h = susun_laporan(
            dok,
            keluaran,
            template=template,
            pdf=pdf,
            ketat=ketat,
            timpa=timpa,
            lampiran=not tanpa_temuan,
            asal=not tanpa_asal,
        )
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    except OSError as e:
        raise _gagal(pesan_os(e, keluaran, "menulis")) from None
    out.print(f"Laporan Word disimpan di: {h.docx}")
    if h.pdf:
        out.print(
            f"Laporan PDF (dibuat dengan {NAMA_PROGRAM_PDF.get(h.pdf_oleh or '', h.pdf_oleh)}) disimpan di: {h.pdf}"
        )
    for pesan in h.pesan:
        out.print(f"[yellow]{pesan}[/]")


@app.command("templat")
def cmd_templat(
    keluaran: Annotated[Path, typer.Option("--keluaran", "-o", help="Berkas templat (.docx).")] = Path(
        "LAKIP_Template.docx"
    ),
    timpa: TimpaOpt = False,
) -> None:
    """Tulis templat laporan bawaan (untuk diubah di Word lalu dipakai dengan --template)."""
    from ..laporan.templat import tulis_templat

    with _menulis(keluaran):
        path = tulis_templat(keluaran, timpa=timpa)
    out.print(f"Templat disimpan di: {path}")


@app.command("contoh")
def cmd_contoh(
    keluaran: Annotated[Path, typer.Option("--keluaran", "-k", help="Folder tujuan berkas contoh.")] = Path(
        "keluaran-contoh"
    ),
    timpa: TimpaOpt = False,
) -> None:
    """Jalankan contoh bawaan (LAKIP Kantor Imigrasi Kotabumi 2022): buku kerja, laporan Word/PDF, hasil."""
    from ..berkas import tulis_atomik
    from ..buku_kerja.tulis import bangun_buku_kerja
    from ..laporan import susun_laporan
    from ..schema.data import contoh_path

    nama = {
        "data": keluaran / "Contoh_Kotabumi_2022.json",
        "buku": keluaran / "Contoh_Kotabumi_2022.xlsm",
        "hasil": keluaran / "Hasil_Kotabumi_2022.json",
        "laporan": keluaran / "LAKIP_Kotabumi_2022.docx",
        "pdf": keluaran / "LAKIP_Kotabumi_2022.pdf",
    }
    if keluaran.exists() and not keluaran.is_dir():
        raise _gagal(f"'{keluaran}' adalah berkas, bukan folder. Pilih folder lain dengan --keluaran.")
    ada = [str(p) for p in nama.values() if p.exists()]
    if ada and not timpa:
        raise _gagal(
            f"Folder '{keluaran}' sudah berisi hasil contoh ({', '.join(ada)}); tidak ditimpa. Pakai --timpa atau folder lain."
        )
    src = contoh_path()
    tolak_timpa_sumber([src], list(nama.values()))
    try:
        data = tulis_atomik(nama["data"], src.read_bytes(), timpa=timpa)
        out.print("Membuat buku kerja...")
        data_dok = buka_sumber(data)
        buku = bangun_buku_kerja(data_dok.lakip, nama["buku"], aturan=data_dok.aturan, timpa=timpa)
        # From here on everything is read from the workbook, as a unit would do it.
        dok = buka_sumber(buku)
        cetak_ringkasan(dok)
        out.print()
        teks = json.dumps(hasil_json(dok), ensure_ascii=False, indent=2) + "\n"
        hasil_path = tulis_atomik(nama["hasil"], teks.encode("utf-8"), timpa=timpa)
        out.print("Menyusun laporan Word dan PDF...")
        lap = susun_laporan(dok, nama["laporan"], pdf=True, timpa=timpa)
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    except OSError as e:
        raise _gagal(pesan_os(e, keluaran, "menulis ke folder")) from None
    out.print()
    out.print(f"Buku kerja contoh disimpan di: {buku}")
    out.print(f"Laporan Word disimpan di: {lap.docx}")
    out.print(f"Laporan PDF disimpan di: {lap.pdf}" if lap.pdf else "Laporan PDF tidak dibuat.")
    for pesan in lap.pesan:
        out.print(f"[yellow]{pesan}[/]")
    out.print(f"Data contoh (JSON) disimpan di: {data}")
    out.print(f"Hasil perhitungan disimpan di: {hasil_path}")
    out.print(f"Lihat semua temuan: lakip-xl validasi {buku}")


@app.command("server")
def cmd_server(
    host: Annotated[
        str, typer.Option("--host", help="Alamat yang didengar (0.0.0.0 untuk jaringan kantor).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Porta (1-65535).")] = 8000,
) -> None:
    """Jalankan server xlwings: tombol dan fungsi LAKIP untuk satker tanpa Python (memerlukan lakip-xl[server])."""
    try:
        from .server import jalankan
    except ImportError:
        raise _gagal("Server memerlukan paket tambahan: pip install 'lakip-xl[server]'.") from None
    _periksa_alamat(host, port)
    out.print(f"Server lakip-xl berjalan di http://{host}:{port} (hentikan dengan Ctrl+C).")
    try:
        jalankan(host, port)
    except SystemExit as e:
        if isinstance(e.code, str):
            raise _gagal(e.code) from None
        raise


def _periksa_alamat(host: str, port: int) -> None:
    """Bind once before starting uvicorn, whose own bind failure is English log lines."""
    import socket

    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise _gagal(f"Alamat '{jalur_tampil(host)}' tidak dikenal. Periksa --host (mis. 127.0.0.1).") from None
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as e:
        raise _gagal(pesan_os(e, f"{host}:{port}", "mendengarkan di")) from None


EksporArg = Annotated[
    Path,
    typer.Argument(help="Tabel IKPA satker dari OM-SPAN (.xlsx).", show_default=False, metavar="EKSPOR.xlsx"),
]


@app.command("periksa-ikpa")
def cmd_periksa_ikpa(
    ekspor: Annotated[
        list[Path],
        typer.Argument(
            help="Satu atau beberapa tabel IKPA satker dari OM-SPAN (.xlsx): ekspor OM-SPAN atau tabel datar satu baris per satker.",
            show_default=False,
            metavar="EKSPOR.xlsx...",
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Cetak setiap baris sebagai JSON (dihitung, dinyatakan, selisih).")
    ] = False,
) -> None:
    """Hitung ulang setiap baris tabel IKPA OM-SPAN dengan aturan tahunnya dan tampilkan baris yang berbeda lebih dari ±0,01."""
    from rich.markup import escape

    from ..compute.angka import format_angka, format_konversi
    from ..compute.aturan import aturan_bawaan
    from ..omspan import periksa

    try:
        hasil = periksa(ekspor, aturan_bawaan())
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    if as_json:
        sys.stdout.write(json.dumps([h.ke_json() for h in hasil], ensure_ascii=False, indent=2) + "\n")
        return
    t = _tabel("Tabel IKPA OM-SPAN", "Berkas", "TA", "Bulan", "Aturan", "Baris", "Cocok", "Berbeda", "Cocok (%)",
               kanan=(4, 5, 6, 7))  # fmt: skip
    for p in ekspor:
        hs = [h for h in hasil if h.baris.berkas == p.name]
        cocok = sum(h.cocok for h in hs)
        periode = sorted({(h.baris.tahun, h.baris.bulan.title(), h.aturan) for h in hs})
        t.add_row(
            escape(p.name),
            ", ".join(str(x[0]) for x in periode) or "-",
            ", ".join(x[1] for x in periode if x[1]) or "-",
            ", ".join(sorted({x[2] for x in periode})) or "-",
            str(len(hs)),
            str(cocok),
            str(len(hs) - cocok),
            format_angka(100 * cocok / len(hs) if hs else None),
        )
    out.print(t)
    beda = [h for h in hasil if not h.cocok]
    if not beda:
        out.print(f"[green]Semua {len(hasil)} baris cocok dengan hitung ulang (selisih paling banyak ±0,01).[/]")
        return
    t = _tabel("Baris yang berbeda lebih dari ±0,01", "Berkas", "Baris", "Satker", "Nilai", "OM-SPAN", "Hitung ulang",
               kanan=(1, 4, 5))  # fmt: skip
    for h in beda:
        for x in h.selisih:
            fmt = format_konversi if x.kunci == "konversi_bobot" else format_angka
            t.add_row(
                escape(h.baris.berkas),
                str(h.baris.baris),
                escape(f"{h.baris.kode_satker} {h.baris.nama_satker}".strip()),
                x.kunci.replace("aspek.", "aspek ").replace("_", " "),
                fmt(x.dinyatakan),
                fmt(x.dihitung),
            )
    out.print(t)
    tanpa = sum(1 for h in beda if not h.konversi_cocok)
    out.print(
        f"{len(hasil) - len(beda)} dari {len(hasil)} baris cocok, {len(beda)} berbeda"
        + (
            f" ({tanpa} di antaranya dengan Konversi Bobot yang tidak sama dengan jumlah bobot mana pun)."
            if tanpa
            else "."
        )
    )


@app.command("rencana-ikpa")
def cmd_rencana_ikpa(
    sumber: SumberArg,
    target: Annotated[
        float | None,
        typer.Option(
            "--target", help="Nilai akhir IKPA yang dituju (bawaan: isian Rencana IKPA, atau 95).", show_default=False
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Cetak rencana sebagai JSON (angka tanpa pembulatan).")
    ] = False,
) -> None:
    """Rencana IKPA tahun berjalan: nilai sampai kini, proyeksi bila mengikuti RPD, nilai tertinggi yang masih
    dapat dicapai, dan penyerapan minimal per jenis belanja setiap triwulan sisa agar target tercapai."""
    from ..compute.rencana import hitung_rencana, rencana_json

    if target is not None and not 0 < target <= 100:
        raise _gagal(f"Target IKPA {target:g} tidak masuk akal; isi angka di atas 0 sampai 100, misalnya --target 95.")
    dok = buka_sumber(sumber)
    galat = [t for t in dok.galat if t.jalur[:1] == ("rencana_ikpa",)]
    if galat:
        raise _gagal(
            f"Rencana IKPA belum dapat dihitung: {len(galat)} galat pada isiannya, antara lain di {galat[0].lokasi}: "
            f"{galat[0].pesan} Perbaiki dulu (daftar lengkap: lakip-xl validasi)."
        )
    try:
        h = hitung_rencana(dok.lakip, dok.aturan, target)
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    if as_json:
        sys.stdout.write(json.dumps(rencana_json(h), ensure_ascii=False, indent=2, allow_nan=False) + "\n")
        return
    cetak_rencana(h, dok.aturan)
    if dok.jumlah_galat:
        out.print(
            f"[yellow]Pemeriksaan data: {dok.jumlah_galat} galat di bagian lain (lihat 'lakip-xl validasi'); "
            "nilai OM-SPAN yang dipakai di atas mungkin ikut terpengaruh.[/]"
        )


def cetak_rencana(h: Any, aturan: Aturan) -> None:
    """The plan as a finance officer reads it: values, what must be absorbed, deadlines."""
    from rich.markup import escape

    from ..compute.angka import format_angka, format_persen
    from ..compute.rencana import ROMAWI, kalimat_deviasi

    def pred(x: float | None) -> str:
        return f"{format_angka(x)} ({aturan.nilai_predikat_ikpa(x)})" if x is not None else "-"

    out.print(
        f"[bold]Rencana IKPA[/] TA {h.tahun or '-'}, aturan IKPA {h.aturan_ikpa}, data sampai bulan ke-{h.bulan_data}; "
        f"target {format_angka(h.target)}."
    )
    t = _tabel("Nilai indikator", "Indikator", "Bobot", "Sampai kini", "Sumber", "Bila mengikuti RPD", "Tertinggi",
               kanan=(1, 2, 4, 5))  # fmt: skip
    for i in h.indikator:
        if not i.berlaku:
            t.add_row(escape(i.nama), format_angka(i.bobot), "tidak berlaku", "", "", "")
            continue
        t.add_row(escape(i.nama), format_angka(i.bobot), format_angka(i.kini), i.sumber or "-",
                  format_angka(i.proyeksi), format_angka(i.tertinggi))  # fmt: skip
    if h.pengurang:
        t.add_row("Pengurang dispensasi SPM", "", format_angka(-h.pengurang), "", format_angka(-h.pengurang),
                  format_angka(-h.pengurang))  # fmt: skip
    t.add_row("[bold]Nilai akhir IKPA[/]", "", pred(h.ikpa_kini), "", pred(h.ikpa_proyeksi), pred(h.ikpa_tertinggi))
    out.print(t)
    if any(x is not None for x in h.nilai_tw_rpd):
        t = _tabel("Penyerapan per triwulan (nilai triwulan)", "Triwulan", "Realisasi", "Bila mengikuti RPD",
                   kanan=(1, 2))  # fmt: skip
        for q in range(4):
            t.add_row(f"TW {ROMAWI[q]}", format_angka(h.nilai_tw[q]), format_angka(h.nilai_tw_rpd[q]))
        out.print(t)
    if h.tercapai is False:
        out.print(
            f"[bold red]Target {format_angka(h.target)} tidak dapat lagi dicapai[/]: nilai tertinggi yang masih mungkin "
            f"{format_angka(h.ikpa_tertinggi)} (semua triwulan sisa 100, deviasi bulan sisa 0, laporan output tepat waktu)."
        )
    elif h.kebutuhan:
        out.print(
            f"Agar IKPA mencapai {format_angka(h.target)}: nilai Penyerapan tahun ini paling sedikit "
            f"{format_angka(h.penyerapan_dibutuhkan)}, yaitu nilai setiap triwulan sisa paling sedikit "
            f"{format_angka(h.kebutuhan[0].nilai)}"
            + (
                f" (atau TW {ROMAWI[h.kebutuhan[0].tw - 1]} paling sedikit "
                f"{format_angka(h.tw_berikut_minimum)} bila triwulan sesudahnya 100)."
                if len(h.kebutuhan) > 1
                else "."
            )
        )
        jenis = list(h.pagu_efektif)
        t = _tabel("Penyerapan kumulatif minimal pada akhir triwulan (% pagu)", "Triwulan",
                   *[f"Belanja {j}" for j in jenis], kanan=tuple(range(1, len(jenis) + 1)))  # fmt: skip
        for k in h.kebutuhan:
            t.add_row(f"TW {ROMAWI[k.tw - 1]}", *[format_persen(k.serapan[j]) for j in jenis])
        out.print(t)
    elif h.tercapai:
        out.print(f"Target {format_angka(h.target)} tercapai bila nilai indikator lain dipertahankan.")
    deviasi = kalimat_deviasi(h, format_persen, format_angka)
    if deviasi:
        out.print(f"Deviasi rata-rata sampai kini {format_persen(h.deviasi_rata)}. {deviasi}")
    if h.tenggat:
        out.print("[bold]Tenggat berikutnya[/]")
        for x in h.tenggat:
            out.print(f"- {escape(x)}")
    for c in h.catatan:
        out.print(f"[yellow]Catatan:[/] {escape(c)}")


@app.command("impor-ikpa")
def cmd_impor_ikpa(
    ekspor: EksporArg,
    sumber: SumberArg,
    satker: Annotated[str, typer.Option("--satker", help="Kode satker (6 angka) di tabel OM-SPAN.")],
    keluaran: Annotated[
        Path, typer.Option("--keluaran", "-o", help="Berkas baru: buku kerja (.xlsm) atau data (.json).")
    ],
    bulan: Annotated[
        str | None, typer.Option("--bulan", help="Bulan nilai (mis. DESEMBER), bila tabel memuat beberapa bulan.")
    ] = None,
    timpa: TimpaOpt = False,
    paksa: PaksaOpt = False,
) -> None:
    """Isi bagian IKPA SUMBER dari tabel IKPA OM-SPAN dan simpan sebagai berkas baru (SUMBER tidak diubah)."""
    from ..compute.angka import format_angka, format_konversi
    from ..layanan import asal_berkas, olah
    from ..omspan import baca_tabel, impor_ke_lakip, pilih_baris
    from ..schema.data import tulis_json

    akhiran = keluaran.suffix.lower()
    if akhiran not in (".xlsm", ".json"):
        raise _gagal(f"Nama berkas tujuan '{keluaran.name}' harus berakhiran .xlsm (buku kerja) atau .json (data).")
    for masukan in (sumber, ekspor):
        if keluaran.resolve() == masukan.resolve():
            raise _gagal(
                f"Berkas tujuan '{keluaran}' sama dengan berkas masukan; pakai nama lain agar masukan tetap utuh."
            )
    dok = buka_sumber(sumber)
    tolak_bila_hilang(dok, paksa, "Impor IKPA")
    try:
        b = pilih_baris(baca_tabel(ekspor), satker, bulan, ekspor.name)
        lakip, hp = impor_ke_lakip(dok.lakip, b, dok.aturan)
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    if akhiran == ".xlsm":
        path = _tulis_buku_kerja(lakip, keluaran, timpa, dok.aturan)
    else:
        with _menulis(keluaran):
            path = tulis_json(lakip, keluaran, timpa=timpa, aturan=dok.aturan)
    baru = olah(lakip, dok.aturan, asal_berkas(path))
    ik = baru.hasil.ikpa
    tidak = ", ".join(i.nama for i in dok.aturan.set_ikpa(hp.aturan).indikator if i.kode in hp.tidak_berlaku)
    out.print(
        f"IKPA satker {b.kode_satker} {b.nama_satker} ({b.bulan.title()} {b.tahun}, aturan {hp.aturan}) "
        f"dari '{ekspor.name}' baris {b.baris} diimpor ke: {path}"
    )
    out.print(
        f"Indikator tidak berlaku (dari Konversi Bobot {format_konversi(b.konversi_bobot)}): {tidak or 'tidak ada'}."
    )
    if ik is not None:
        out.print(
            f"Hasil hitung: nilai akhir [bold]{format_angka(ik.nilai_akhir)}[/] ({ik.predikat or '-'}), OM-SPAN "
            f"{format_angka(b.nilai_akhir)}; nilai total {format_angka(ik.nilai_total)} (OM-SPAN "
            f"{format_angka(b.nilai_total)}); konversi bobot {format_konversi(ik.konversi_bobot)}."
        )
    beda = [t for t in baru.temuan if t.kode == "DINYATAKAN_BERBEDA" and t.jalur[:1] == ("ikpa",)]
    for t in beda:
        out.print(f"[yellow]Perhatian:[/] {t.pesan}")
    if any(t.jalur[1:2] != ("disebut",) for t in beda):
        out.print(
            "[yellow]Selisih sampai 0,01 (pembulatan OM-SPAN) tidak dianggap berbeda; selisih di atas lebih besar "
            "dari itu: periksa nilai indikatornya (lihat docs/omspan.md).[/]"
        )
    p = dok.lakip.profil
    if p.tahun is not None and p.tahun != b.tahun:
        out.print(f"[yellow]Perhatian:[/] tahun laporan {p.tahun} berbeda dengan tahun tabel OM-SPAN {b.tahun}.")
    if p.kode_satker and p.kode_satker != b.kode_satker:
        out.print(f"[yellow]Perhatian:[/] kode satker laporan {p.kode_satker} berbeda dengan {b.kode_satker}.")


def _kemajuan(judul: str):
    """A rich progress bar and the callback that advances it."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    prog = Progress(
        TextColumn(judul), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("sisa"), TimeRemainingColumn(),
        console=err.konsol, transient=False,
    )  # fmt: skip
    tugas = prog.add_task(judul, total=None)

    def maju(n: int, total: int) -> None:
        prog.update(tugas, completed=n, total=total)

    return prog, maju


def _tolak_tautan_ke_masukan(folder: list[Path], tujuan: Path) -> None:
    """The rekap leaves its own output out of what it reads; an output that is a link to (or
    the same file as) a satker file in the folders would still replace or hide that file."""
    if not tujuan.exists():
        return
    diri = os.path.abspath(tujuan)
    for akar in folder:
        if not akar.is_dir():
            continue
        for dasar, _, nama in os.walk(akar):
            lain = [Path(dasar, n) for n in nama if os.path.abspath(os.path.join(dasar, n)) != diri]
            tolak_timpa_sumber(lain, [tujuan])


def _uji_tulis(tujuan: Path) -> None:
    """Make sure the output can be written before reading a thousand files (nothing is left behind)."""
    import tempfile

    try:
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(prefix=f".{tujuan.name[:80]}.", suffix=".uji", dir=tujuan.parent):
            pass
    except OSError as e:
        raise _gagal(pesan_os(e, tujuan, "menulis")) from None


@app.command("rekap")
def cmd_rekap(
    folder: Annotated[
        list[Path],
        typer.Argument(
            help="Folder berisi buku kerja (.xlsm/.xlsx) dan data (.json) satker, dibaca beserta subfoldernya; "
            "sebuah berkas juga boleh disebut langsung.",
            show_default=False,
            metavar="FOLDER...",
        ),
    ],
    keluaran: Annotated[Path, typer.Option("--keluaran", "-o", help="Buku kerja rekap (.xlsx).")],
    laporan: Annotated[Path | None, typer.Option("--laporan", help="Juga buat laporan rekap Word (.docx).")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Jumlah proses paralel (bawaan: jumlah inti).")
    ] = None,
    timpa: TimpaOpt = False,
) -> None:
    """Rekap banyak satker: baca, periksa, dan ringkas setiap berkas; setiap berkas lain dicatat dengan alasannya di lembar Temuan, tidak menghentikan rekap."""
    from rich.markup import escape

    from ..rekap import periksa_masukan, rekap
    from ..rekap.tulis import tulis_laporan_rekap, tulis_rekap

    if keluaran.suffix.lower() != ".xlsx":
        raise _gagal(f"Nama berkas rekap '{keluaran.name}' harus berakhiran .xlsx.")
    if laporan is not None and laporan.suffix.lower() != ".docx":
        raise _gagal(f"Nama berkas laporan rekap '{laporan.name}' harus berakhiran .docx.")
    for p in (keluaran, laporan):
        if p is None:
            continue
        _tolak_tautan_ke_masukan(folder, p)
        if p.exists() and not timpa:
            raise _gagal(f"Berkas '{p}' sudah ada dan tidak ditimpa. Pakai nama lain atau tambahkan --timpa.")
        _uji_tulis(p)
    try:
        periksa_masukan(folder)  # before the progress bar: a wrong folder is one line, exit 2
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    prog, maju = _kemajuan("Membaca berkas satker")
    try:
        with prog:
            h = rekap(folder, jobs=jobs, kemajuan=maju, kecuali=[keluaran, *([laporan] if laporan else [])])
        path = tulis_rekap(h, keluaran, folder, timpa=timpa)
        lap = tulis_laporan_rekap(h, laporan, timpa=timpa) if laporan else None
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    except OSError as e:
        raise _gagal(pesan_os(e, keluaran, "menulis")) from None
    galat = sum(1 for u in h.unit if u.galat)
    jumlah = {t: sum(1 for m in h.masalah if m.tingkat == t) for t in ("galat", "peringatan", "info")}
    out.print(
        f"Selesai dalam {h.detik:.1f} detik: {h.jumlah_berkas} berkas dibaca, {len(h.unit)} satker direkap, "
        f"{galat} satker masih memiliki galat, {len(h.masalah)} catatan berkas "
        f"({jumlah['galat']} galat, {jumlah['peringatan']} peringatan, {jumlah['info']} info)."
    )
    if not h.unit:
        out.print("[yellow]Tidak ada satker yang dapat direkap dari folder ini; lihat catatan berkas.[/]")
    # The notes that need someone first; "info" (set aside by design) last.
    urut = sorted(h.masalah, key=lambda m: ("galat", "peringatan", "info").index(m.tingkat))
    for m in urut[:10]:
        out.print(f"  [yellow]{escape(Path(m.berkas).name)}[/] ({m.tingkat}): {escape(m.alasan)}")
    if len(urut) > 10:
        out.print(f"  ... dan {len(urut) - 10} catatan lain (lihat lembar Temuan).")
    out.print(f"Rekap disimpan di: {path}")
    if lap:
        out.print(f"Laporan rekap disimpan di: {lap}")


@app.command("contoh-sintetis")
def cmd_contoh_sintetis(
    keluaran: Annotated[Path, typer.Option("--keluaran", "-o", help="Folder tujuan.")],
    jumlah: Annotated[int, typer.Option("--jumlah", "-n", min=1, help="Jumlah satker.")] = 10,
    benih: Annotated[int, typer.Option("--benih", help="Benih acak (hasil sama untuk benih sama).")] = 1,
    format_: Annotated[str, typer.Option("--format", help="xlsm (buku kerja) atau json.")] = "xlsm",
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Jumlah proses paralel.")] = None,
) -> None:
    """Buat data satker sintetis yang realistis (untuk uji coba dan pengukuran kecepatan)."""
    from ..rekap.sintetis import tulis_sintetis

    if format_ not in ("xlsm", "json"):
        raise _gagal("--format harus xlsm atau json.")
    if keluaran.exists() and not keluaran.is_dir():
        raise _gagal(f"'{jalur_tampil(keluaran)}' adalah berkas, bukan folder. Pilih folder baru dengan -o.")
    if keluaran.exists() and any(keluaran.iterdir()):
        raise _gagal(f"Folder '{keluaran}' tidak kosong; pilih folder baru agar tidak ada berkas yang tertimpa.")
    try:
        keluaran.mkdir(parents=True, exist_ok=True)
        prog, maju = _kemajuan("Membuat satker sintetis")
        with prog:
            hasil = tulis_sintetis(jumlah, benih, keluaran, format_, jobs, maju)
    except LakipGalat as e:
        raise _gagal(str(e)) from None
    except OSError as e:
        raise _gagal(pesan_os(e, keluaran, "menulis ke folder")) from None
    out.print(f"{len(hasil)} berkas dibuat di: {keluaran}")


_BANTUAN_INDONESIA = False


def _indonesiakan_bantuan() -> None:
    """Panel titles of the help screen in Indonesian (typer keeps them as module constants).
    Called once, just before the first help screen is drawn."""
    global _BANTUAN_INDONESIA
    if _BANTUAN_INDONESIA:
        return
    _BANTUAN_INDONESIA = True
    import typer.rich_utils as ru

    ru.ARGUMENTS_PANEL_TITLE = "Argumen"
    ru.OPTIONS_PANEL_TITLE = "Opsi"
    ru.COMMANDS_PANEL_TITLE = "Perintah"
    ru.ERRORS_PANEL_TITLE = "Galat"
    ru.ABORTED_TEXT = "Dibatalkan."
    ru.RICH_HELP = "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan."
    ru.DEFAULT_STRING = "[bawaan: {}]"
    ru.REQUIRED_LONG_STRING = "[wajib]"
    try:  # typer's vendored click keeps these as literals; best effort, English if this breaks
        from typer._click import core as cc
        from typer._click import formatting as cf

        asli_bantuan = cc.Command.get_help_option
        asli_pemakaian = cf.HelpFormatter.write_usage

        def get_help_option(self: Any, ctx: Any) -> Any:
            opsi = asli_bantuan(self, ctx)
            if opsi is not None:
                opsi.help = "Tampilkan bantuan ini lalu keluar."
            return opsi

        def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            asli_pemakaian(self, prog, args, "Pemakaian: " if prefix is None else prefix)

        cc.Command.get_help_option = get_help_option  # type: ignore[method-assign]
        cf.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    except (ImportError, AttributeError):  # pragma: no cover - a different typer layout
        pass


def _nilai_tanpa_pydantic() -> None:
    """Command-line values read without pydantic when the reading is plain.

    Typer checks every value that is not a flag through a pydantic TypeAdapter: importing
    pydantic and building the adapters is about a tenth of a second of every command's cold
    start. A path, a text, a flag, or a whole number within its bounds is read here as pydantic
    reads it (an absent value stays absent, as in typer); any other value (a bad number, one out of range, an unusual type) goes to typer's own
    pydantic reading, so refusals and their Indonesian messages are exactly as before.
    Best effort: a different typer layout keeps typer's reading.
    """
    import re

    try:
        from typer import core
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer._param_types import coerce_cli_path
    except ImportError:  # pragma: no cover - a different typer layout
        return
    asli = core._TyperParameter.get_runtime_param
    if getattr(asli, "_lakip", False):
        return
    bulat = re.compile(r"[0-9]{1,15}")
    lewat = object()

    class Cepat(RuntimeParam):
        def _baca(self, nilai: Any, param: Any, ctx: Any) -> Any:
            jenis, info = self.annotation, self.parameter_info
            if (jenis is str and isinstance(nilai, str)) or (jenis is bool and isinstance(nilai, bool)):
                return nilai
            if jenis is Path and isinstance(nilai, str) and nilai:
                return coerce_cli_path(Path(nilai), info, path_type=Path, param=param, ctx=ctx)
            if jenis is int and isinstance(nilai, str) and bulat.fullmatch(nilai):
                n = int(nilai)
                if (info.min is None or n >= info.min) and (info.max is None or n <= info.max):
                    return n
            return lewat

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation == list[Path] and isinstance(value, (list, tuple)):
                satu = Cepat(self.parameter_info, Path)
                hasil = [satu._baca(v, param, ctx) for v in value]
                if lewat not in hasil:
                    return hasil
            else:
                hasil = self._baca(value, param, ctx)
                if hasil is not lewat:
                    return hasil
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            d = self.type_descriptor
            info = d.parameter_info
            if (
                d.file_annotation is None
                and info.parser is None
                and not info.clamp
                and d.annotation in (bool, str, int, Path, list[Path])
            ):
                self._runtime_param = Cepat(info, d.annotation)
        return asli(self)

    get_runtime_param._lakip = True  # type: ignore[attr-defined]
    core._TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]


_POLA_GALAT = (
    (r"No such command '(.+?)'\. Did you mean '(.+?)'\?", "Perintah '{0}' tidak dikenal. Mungkin maksudnya: {1}."),
    (r"No such command '(.+)'\.?", "Perintah '{0}' tidak dikenal."),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", "Argumen berlebih: {0}."),
    (r"Missing command\.?", "Perintah belum disebutkan."),
)

# Pydantic error types (typer checks option values with it) -> the Indonesian reason.
_ALASAN_NILAI = {
    "int_parsing": "harus bilangan bulat",
    "int_type": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "float_parsing": "harus angka",
    "float_type": "harus angka",
    "bool_parsing": "harus benar atau salah",
    "greater_than_equal": "paling sedikit {ge}",
    "greater_than": "harus lebih dari {gt}",
    "less_than_equal": "paling banyak {le}",
    "less_than": "harus kurang dari {lt}",
    "literal_error": "harus salah satu dari {expected}",
    "enum": "harus salah satu dari {expected}",
}


def _nama_param(e: Any) -> str:
    param = getattr(e, "param", None)
    if param is not None:
        opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
        if opts:
            return "/".join(opts)
        nama = getattr(param, "metavar", None) or getattr(param, "name", None)
        if nama:
            return str(nama).upper()
    hint = getattr(e, "param_hint", None)
    if isinstance(hint, (list, tuple)):
        hint = "/".join(hint)
    return str(hint).replace("'", "").replace(" / ", "/") if hint else "nilai"


def _alasan_nilai(e: Any) -> str:
    """Why a value was refused, from typer's structured validation error; never its English text."""
    sebab = e.__cause__
    galat = sebab.errors() if hasattr(sebab, "errors") else []
    if not galat:
        return f"Nilai untuk {_nama_param(e)} tidak sah."
    g = galat[0]
    masukan = g.get("input")
    templat = _ALASAN_NILAI.get(g.get("type", ""), "tidak dapat dipakai")
    try:
        alasan = templat.format(**{k: v for k, v in (g.get("ctx") or {}).items()})
    except (KeyError, IndexError):
        alasan = "tidak dapat dipakai"
    return f"Nilai '{jalur_tampil(masukan)}' untuk {_nama_param(e)} tidak sah: {alasan}."


def terjemah_galat(e: Exception) -> str:
    """A parse error of the command line (typer/click) as one Indonesian sentence.

    Built from the exception's class and fields; its English text is never shown (a message
    this function does not know becomes a general Indonesian one).
    """
    import re

    jenis = {c.__name__ for c in type(e).__mro__}
    if "NoSuchOption" in jenis:
        opsi = jalur_tampil(getattr(e, "option_name", "") or "")
        saran = sorted(getattr(e, "possibilities", None) or [])
        return f"Opsi {opsi} tidak dikenal." + (f" Mungkin maksudnya: {', '.join(saran)}." if saran else "")
    if "MissingParameter" in jenis:
        param = getattr(e, "param", None)
        if getattr(param, "param_type_name", "") == "argument":
            return f"Argumen {_nama_param(e)} belum diisi."
        return f"Opsi {_nama_param(e)} wajib diisi."
    if "BadParameter" in jenis:
        return _alasan_nilai(e)
    if "BadOptionUsage" in jenis:
        opsi = jalur_tampil(getattr(e, "option_name", "") or "")
        pesan = str(getattr(e, "message", ""))
        if "does not take a value" in pesan:
            return f"Opsi {opsi} tidak menerima nilai."
        if "requires" in pesan:
            return f"Opsi {opsi} memerlukan nilai."
        return f"Opsi {opsi} dipakai dengan cara yang salah."
    if "BadArgumentUsage" in jenis:
        return "Jumlah argumen tidak sesuai."
    pesan = str(getattr(e, "message", "") or "").strip()
    for pola, teks in _POLA_GALAT:
        m = re.fullmatch(pola, pesan)
        if m:
            return teks.format(*(jalur_tampil(x) for x in m.groups()))
    return "Perintah tidak dapat dipahami."


def main() -> None:  # pragma: no cover - console entry point (tests run it as a subprocess)
    """Console entry point: every outcome other than success is one Indonesian line on stderr
    (exit 2; Ctrl-C 130); only a bug shows a traceback."""
    if sys.argv[1:] in (["--versi"], ["--version"]):  # the same answer as the option, no parser built
        sys.stdout.write(f"lakip-xl {__version__}\n")
        sys.exit(0)
    _nilai_tanpa_pydantic()
    try:
        rv = app(standalone_mode=False)
    except (Dibatalkan, KeyboardInterrupt):
        err.print("Dibatalkan.")
        sys.exit(130)
    except BerkasSudahAda as e:
        cetak_galat(f"{e} Pakai nama lain atau tambahkan --timpa.")
        sys.exit(2)
    except LakipGalat as e:
        cetak_galat(str(e))
        sys.exit(2)
    except OSError as e:  # a refusal of the system no command caught: named, in Indonesian
        cetak_galat(pesan_os(e))
        sys.exit(2)
    except Exception as e:  # usage errors of the command-line parser
        jenis = {c.__name__ for c in type(e).__mro__}
        if "Abort" in jenis:
            err.print("Dibatalkan.")
            sys.exit(130)
        if "NoArgsIsHelpError" in jenis:
            # Typer prints the help itself (rich); plain click returns it as the message.
            bantuan = e.format_message() if hasattr(e, "format_message") else ""
            if bantuan.strip():
                out.print(bantuan, markup=False, highlight=False)
            sys.exit(2)
        if "ClickException" not in jenis:
            raise
        cetak_galat(f"{terjemah_galat(e)} Jalankan 'lakip-xl --help' untuk bantuan.")
        sys.exit(2)
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
