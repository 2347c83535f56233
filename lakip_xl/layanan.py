"""The one pipeline every door uses: open a source, then compute, check and locate.

``buka(path)`` opens a workbook file or a JSON data file, ``buka_buku(book)`` a live xlwings
Book (a button, a worksheet function's caller, the server); both return a :class:`Dokumen`
holding the data, the rules it is scored by, the results, every finding with its cell, the
cell map and the provenance. Opening never exits the process: it raises
:class:`~lakip_xl.galat.BerkasTidakValid` (a :class:`~lakip_xl.galat.LakipGalat`), which each
door turns into its one Indonesian line.

Which rules apply is decided here and nowhere else: the workbook's Referensi sheet, the JSON
file's ``aturan`` section, or (a JSON file without one) the shipped rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compute.aturan import Aturan, aturan_bawaan
from .compute.hasil import Hasil, hitung
from .model import Lakip
from .validasi import Temuan, validasi

if TYPE_CHECKING:
    from .buku_kerja.baca import BukuKerja

EKSTENSI_BUKU_KERJA = frozenset({".xlsm", ".xlsx", ".xls", ".xlsb", ".xltm", ".xltx"})

# Reading findings that mean a typed value could not be carried into the model.
KODE_HILANG = frozenset(
    {
        "ANGKA_TIDAK_VALID",
        "BUKAN_BILANGAN_BULAT",
        "BENTUK_DATA",
        "PILIHAN_TIDAK_VALID",
        "INDUK_TIDAK_ADA",
        "KODE_KOSONG",
        "STRUKTUR_RUSAK",
        "NILAI_GALAT_EXCEL",
        "BARIS_TANPA_PASANGAN",
    }
)


@dataclass(frozen=True)
class Asal:
    """Provenance: the source's name and SHA-256, when it was read, the toolkit version."""

    nama_berkas: str
    sha256: str
    waktu: dt.datetime
    versi: str


def _sekarang() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def asal_isi(nama: str, isi: bytes, waktu: dt.datetime | None = None) -> Asal:
    return _asal_sidik(nama, hashlib.sha256(isi).hexdigest(), waktu)


def _asal_sidik(nama: str, sidik: str, waktu: dt.datetime | None = None) -> Asal:
    from . import __version__

    return Asal(nama, sidik, waktu or _sekarang(), __version__)


def asal_berkas(path: Path, waktu: dt.datetime | None = None) -> Asal:
    """Provenance of a source file."""
    return asal_isi(Path(path).name, Path(path).read_bytes(), waktu)


@dataclass
class Dokumen:
    """One opened source: data, rules, results, findings (with cells) and provenance."""

    lakip: Lakip
    aturan: Aturan
    hasil: Hasil
    temuan: list[Temuan]  # reading findings first, then the validator's; located where possible
    temuan_baca: list[Temuan]
    asal: Asal
    buku_kerja: BukuKerja | None = None  # the cell map, when the source is a workbook
    aturan_dari: str = "bawaan"  # "bawaan", "buku_kerja" (Referensi sheet) or "json" (its aturan section)
    folder: Path | None = None  # the source file's folder (a relative logo path is taken from it)

    @property
    def galat(self) -> list[Temuan]:
        return [t for t in self.temuan if t.tingkat == "galat"]

    @property
    def jumlah_galat(self) -> int:
        return sum(t.tingkat == "galat" for t in self.temuan)

    @property
    def jumlah_peringatan(self) -> int:
        return len(self.temuan) - self.jumlah_galat

    @property
    def aturan_diubah(self) -> bool:
        """Whether the rules differ from the shipped ones (then exports must carry them)."""
        return self.aturan != aturan_bawaan()

    def isian_hilang(self) -> list[Temuan]:
        """Reading findings whose typed value could not be carried into the model: a copy
        written from this document would lose them."""
        return [t for t in self.temuan_baca if t.kode in KODE_HILANG]


def olah(
    lakip: Lakip,
    aturan: Aturan,
    asal: Asal,
    temuan_baca: Sequence[Temuan] = (),
    buku_kerja: BukuKerja | None = None,
    aturan_dari: str = "bawaan",
    folder: Path | None = None,
) -> Dokumen:
    """Compute and check a model under its rules; findings get their ``Sheet!Cell``."""
    if aturan_dari != "bawaan" and aturan != aturan_bawaan():
        temuan_baca = [*temuan_baca, _aturan_diubah(aturan_dari)]
    hasil = hitung(lakip, aturan)
    temuan = [*temuan_baca, *validasi(lakip, hasil, aturan, folder)]
    if buku_kerja is not None:
        buku_kerja.lokasi(temuan)
    return Dokumen(lakip, aturan, hasil, temuan, list(temuan_baca), asal, buku_kerja, aturan_dari, folder)


def _aturan_diubah(aturan_dari: str) -> Temuan:
    """Rules that differ from the shipped ones are used, and said so."""
    if aturan_dari == "buku_kerja":
        return Temuan(
            "ATURAN_DIUBAH",
            "peringatan",
            ("referensi",),
            "Aturan penilaian di lembar Referensi berbeda dengan aturan bawaan lakip-xl; perhitungan memakai "
            "aturan dari buku kerja ini. Pastikan perubahan itu disengaja.",
            lokasi_sel="Referensi!A1",
        )
    return Temuan(
        "ATURAN_DIUBAH",
        "peringatan",
        ("aturan",),
        "Aturan penilaian di bagian 'aturan' berkas data berbeda dengan aturan bawaan lakip-xl; perhitungan "
        "memakai aturan dari berkas ini. Pastikan perubahan itu disengaja.",
    )


def _dari_buku_kerja(bk: BukuKerja, asal: Asal, folder: Path | None = None) -> Dokumen:
    return olah(bk.lakip, bk.aturan, asal, bk.temuan, bk, "buku_kerja", folder)


EKSTENSI_ODS = frozenset({".ods", ".ots", ".fods"})
_PESAN_ODS = (
    "Berkas '{nama}' berformat OpenDocument (.ods), format bawaan LibreOffice. lakip-xl membaca buku kerja Excel: "
    "di LibreOffice pilih File > Simpan Sebagai, jenis berkas 'Excel 2007-365 (macro-enabled) (.xlsm)', "
    "klik 'Gunakan Format Excel 2007-365!', lalu ulangi dengan berkas .xlsm itu."
)


def _buku_kerja(path: Path) -> bool:
    """Whether ``path`` is to be read as a workbook: by its extension, or by its first bytes
    (a workbook sent with another name); an OpenDocument spreadsheet is refused with how to save it."""
    from .galat import BerkasTidakValid

    akhiran = path.suffix.lower()
    if akhiran in EKSTENSI_ODS:
        raise BerkasTidakValid(_PESAN_ODS.format(nama=path.name))
    try:
        with path.open("rb") as f:
            awal = f.read(80)
    except OSError:
        return akhiran in EKSTENSI_BUKU_KERJA  # the reader names the problem
    if awal.startswith(b"PK") and b"mimetypeapplication/vnd.oasis.opendocument" in awal:
        raise BerkasTidakValid(_PESAN_ODS.format(nama=path.name))
    return akhiran in EKSTENSI_BUKU_KERJA or awal.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))


def buka(sumber: str | Path, *, periksa_rumus: bool = True, versi_lama: bool = False) -> Dokumen:
    """Open a workbook (by its extension) or a JSON data file; raises ``BerkasTidakValid``.

    ``periksa_rumus=False`` skips the overwritten-formula check (the rekap's fast path);
    ``versi_lama=True`` reads an older workbook schema (``buku-kerja tingkatkan``).
    """
    path = Path(sumber)
    if _buku_kerja(path):
        from .buku_kerja.baca import baca_buku_kerja

        bk = baca_buku_kerja(path, periksa_rumus=periksa_rumus, versi_lama=versi_lama)
        # Provenance of the very bytes read (a second read could see a file changed meanwhile).
        asal = asal_berkas(path) if bk.sidik is None else _asal_sidik(path.name, bk.sidik)
        return _dari_buku_kerja(bk, asal, path.resolve().parent)
    from .schema.data import baca_json_lengkap

    lakip, temuan, aturan = baca_json_lengkap(path)
    asal = asal_berkas(path)
    folder = path.resolve().parent
    if aturan is None:
        return olah(lakip, aturan_bawaan(), asal, temuan, folder=folder)
    return olah(lakip, aturan, asal, temuan, aturan_dari="json", folder=folder)


def buka_buku(book: Any, baca_berkas: bool = True) -> Dokumen:
    """Open a live xlwings Book (unsaved edits count). Provenance: the saved file's SHA-256
    when the book is a local file (and ``baca_berkas``; a server passes ``False``), else the
    SHA-256 of the data and rules read."""
    import json

    from .buku_kerja.langsung import baca_buku, berkas_lokal
    from .schema.data import ke_dict

    bk = baca_buku(book)
    lokal = berkas_lokal(book) if baca_berkas else None
    nama = f"{Path(book.name).name} (isi yang sedang terbuka)"
    isi = lokal.read_bytes() if lokal else json.dumps(ke_dict(bk.lakip, bk.aturan), sort_keys=True).encode()
    return _dari_buku_kerja(bk, asal_isi(nama, isi), lokal.resolve().parent if lokal else None)
