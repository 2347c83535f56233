"""Regional rekap: read many units' workbooks and data files, validate each, summarise.

Robust to what arrives by e-mail, and accountable: every entry under the folders given ends up
either as a unit row or as a note (:class:`MasalahBerkas`, a row of the Temuan sheet) naming
the file and the reason -- files that cannot be used, files set aside on purpose (Excel lock
files, hidden, system and temporary files, archives, other formats), broken and looping
symlinks, unreadable folders, and the copies of a unit that was sent more than once. Only a
folder or file argument that does not exist or cannot be listed stops the rekap. Files are only
read. Work is spread over processes; each worker returns a small summary, so memory stays
bounded however many files come.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..galat import BerkasTidakValid

EKSTENSI = {".xlsm", ".xlsx", ".json"}
EKSTENSI_EXCEL_LAIN = {".xls", ".xlsb", ".xltm", ".xltx"}
EKSTENSI_ARSIP = {".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz"}
EKSTENSI_DOKUMEN = {".pdf", ".doc", ".docx", ".odt", ".rtf"}
EKSTENSI_TEKS = {".csv", ".tsv", ".txt"}
EKSTENSI_SEMENTARA = {".tmp", ".temp"}
BERKAS_SISTEM = {"thumbs.db", "ehthumbs.db", "desktop.ini"}
FOLDER_SISTEM = {"__macosx"}

TingkatBerkas = Literal["galat", "peringatan", "info"]

# The parts of a unit's data that count towards how complete a submission is (the settings and
# the schema version are not content). A part is filled when it differs from an empty one.
BAGIAN = {
    "profil": "Profil",
    "wilayah": "Wilayah",
    "indikator": "Indikator kinerja",
    "anggaran": "Anggaran",
    "ikpa": "IKPA",
    "smart": "SMART",
    "sakip": "SAKIP",
    "prestasi": "Prestasi",
    "inovasi": "Inovasi",
    "struktur": "Struktur organisasi",
    "landasan_hukum": "Landasan hukum",
    "sdm": "Sumber daya manusia",
    "renstra": "Renstra",
    "aplikasi_kinerja": "Aplikasi kinerja",
    "tindak_lanjut": "Tindak lanjut",
    "narasi": "Narasi",
}


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
    bagian: tuple[str, ...] = ()  # the keys of BAGIAN the unit filled


@dataclass
class MasalahBerkas:
    """An entry that is not a unit row, with its reason: a file that could not be used
    (``galat``), one set aside that someone should look at (``peringatan``), or one set aside
    by design (``info``: hidden/system/temporary files, links to what was already read)."""

    berkas: str
    alasan: str
    tingkat: TingkatBerkas = "galat"


# -- collecting ------------------------------------------------------------------------------


def _alasan_nama(nama: str) -> tuple[str, TingkatBerkas] | None:
    """Why a regular file is not read, decided by its name; ``None`` for a workbook or JSON."""
    kecil = nama.lower()
    ext = Path(kecil).suffix
    if nama.startswith("~$"):
        return (
            "Berkas kunci Excel (~$): buku kerja aslinya sedang terbuka di Excel saat disalin. "
            "Berkas ini diabaikan; pastikan buku kerja aslinya ikut terkirim dan tersimpan.",
            "peringatan",
        )
    if kecil in BERKAS_SISTEM:
        return "Berkas sistem Windows (gambar kecil/pengaturan folder); bukan data satker, tidak dibaca.", "info"
    if ext in EKSTENSI_SEMENTARA or kecil.endswith("~"):
        return "Berkas sementara (buatan aplikasi saat menyimpan); bukan data satker, tidak dibaca.", "info"
    if ext in EKSTENSI:
        return None
    if ext == ".ods":
        return (
            "Format .ods (LibreOffice Calc) tidak dapat direkap; buka berkas ini lalu simpan sebagai .xlsm "
            "(atau .xlsx) dengan susunan templat lakip-xl, kemudian jalankan rekap lagi.",
            "galat",
        )
    if ext in EKSTENSI_EXCEL_LAIN:
        return f"Format {ext} tidak didukung; simpan sebagai .xlsm dari templat lakip-xl.", "galat"
    if ext in EKSTENSI_ARSIP:
        return (
            f"Arsip {ext}: ekstrak dulu isinya ke folder kiriman, lalu jalankan rekap lagi; "
            "isi arsip tidak dibaca oleh rekap.",
            "galat",
        )
    dapat = "rekap hanya membaca buku kerja lakip-xl (.xlsm/.xlsx) dan berkas data (.json)"
    if ext in EKSTENSI_DOKUMEN:
        return (
            f"Dokumen {ext} tidak dapat direkap: {dapat}. Bila satker hanya mengirim dokumen ini, "
            "mintalah buku kerjanya.",
            "peringatan",
        )
    if ext in EKSTENSI_TEKS:
        return (
            f"Berkas {ext} tidak memuat susunan data LAKIP: {dapat}. Mintalah buku kerjanya atau "
            "berkas data dari 'lakip-xl ekspor-data'.",
            "peringatan",
        )
    if not ext:
        return f"Berkas tanpa ekstensi tidak dapat direkap: {dapat}.", "peringatan"
    return f"Format {ext} tidak dapat direkap: {dapat}.", "peringatan"


def _identitas(path: Path, st: os.stat_result) -> tuple[Any, ...]:
    """What makes two paths the same file or folder (device and inode; the real path where the
    file system gives no inode)."""
    if st.st_ino:
        return (st.st_dev, st.st_ino)
    return ("jalur", os.path.normcase(os.path.realpath(path)))


def periksa_masukan(folder: Iterable[Path]) -> None:
    """Every folder or file given must exist and, for a folder, be listable; raises
    ``BerkasTidakValid`` (one Indonesian line) for the first one that does not."""
    for p in folder:
        _periksa_satu(Path(p))


def _periksa_satu(p: Path) -> None:
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if os.path.islink(p):
            raise BerkasTidakValid(f"'{p}' adalah tautan (symlink) ke '{os.readlink(p)}' yang tidak ada.") from None
        raise BerkasTidakValid(f"Folder atau berkas '{p}' tidak ditemukan.") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise BerkasTidakValid(
                f"'{p}' adalah tautan (symlink) melingkar yang tidak pernah sampai ke folder atau berkas."
            ) from None
        raise BerkasTidakValid(f"'{p}' tidak dapat dibuka: {_sebab(e)}.") from None
    if stat.S_ISDIR(st.st_mode):
        try:
            with os.scandir(p):
                pass
        except OSError as e:
            raise BerkasTidakValid(f"Folder '{p}' tidak dapat dibaca: {_sebab(e)}.") from None
    elif not stat.S_ISREG(st.st_mode):
        raise BerkasTidakValid(f"'{p}' bukan folder atau berkas biasa.")


def _sebab(e: OSError) -> str:
    """An OS error's cause in Indonesian (the common ones), else the system's own words."""
    if isinstance(e, PermissionError):
        return "izin ditolak"
    if e.errno == errno.ELOOP:
        return "tautan melingkar"
    if isinstance(e, FileNotFoundError):
        return "tidak ada"
    return e.strerror or type(e).__name__


class _Pengumpul:
    """Walks the folders once and decides, for every entry, whether it is read or noted.

    Real folders are walked first (sorted, depth first, without recursion); symlinks are set
    aside and followed afterwards, so a file reached both directly and through a link is read
    under its own name. A folder or file is read at most once (by identity), which is also
    what stops a link loop: a link to a folder already walked is noted, not followed.
    """

    def __init__(self, akar: list[Path], kecuali: Iterable[Path]) -> None:
        self.akar = akar
        self.keluaran: set[tuple[Any, ...]] = set()
        for p in kecuali:
            try:
                self.keluaran.add(_identitas(Path(p), os.stat(p)))
            except OSError:
                pass  # not there yet: it cannot be among the inputs
        self.folder_dilihat: dict[tuple[Any, ...], Path] = {}
        self.berkas_dilihat: dict[tuple[Any, ...], Path] = {}
        self.berkas: list[Path] = []
        self.masalah: list[MasalahBerkas] = []
        self.tautan: deque[Path] = deque()

    def catat(self, p: Path, alasan: str, tingkat: TingkatBerkas = "galat") -> None:
        self.masalah.append(MasalahBerkas(str(p), alasan, tingkat))

    def nama(self, p: Path) -> str:
        return _nama_relatif(str(p), self.akar)

    def jalankan(self) -> tuple[list[Path], list[MasalahBerkas]]:
        for a in self.akar:
            st = os.stat(a)
            if stat.S_ISDIR(st.st_mode):
                self.folder(a, st)
            else:
                self.berkas_biasa(a, st)
        while self.tautan:
            self.ikuti(self.tautan.popleft())
        return self.berkas, self.masalah

    def folder(self, p: Path, st: os.stat_result) -> None:
        """Walk one folder tree (real subfolders only; links are queued)."""
        if not self.folder_baru(p, st):
            return
        tumpukan = [p]
        while tumpukan:
            d = tumpukan.pop()
            try:
                with os.scandir(d) as it:
                    entri = sorted((Path(e.path) for e in it), key=lambda q: q.name)
            except OSError as e:
                self.catat(d, f"Folder tidak dapat dibaca ({_sebab(e)}); isinya tidak ikut direkap. "
                           "Minta akses baca, atau salin ulang folder ini.")  # fmt: skip
                continue
            sub: list[Path] = []
            for q in entri:
                if self.entri(q):
                    sub.append(q)
            tumpukan.extend(reversed(sub))

    def folder_baru(self, p: Path, st: os.stat_result) -> bool:
        """Register a real folder; a folder already walked (the same folder given twice, or
        mounted twice) is noted."""
        ident = _identitas(p, st)
        asal = self.folder_dilihat.get(ident)
        if asal is not None:
            self.catat(p, f"Folder yang sama dengan '{self.nama(asal)}', yang sudah direkap; tidak dibaca dua kali.",
                       "info")  # fmt: skip
            return False
        self.folder_dilihat[ident] = p
        return True

    def entri(self, q: Path) -> bool:
        """Decide one entry of a folder; ``True`` for a real subfolder to walk."""
        if q.name.startswith("."):
            jenis = "Folder" if q.is_dir() and not q.is_symlink() else "Berkas"
            self.catat(q, f"{jenis} tersembunyi (nama diawali titik, mis. buatan macOS atau aplikasi lain); "
                       "bukan data satker, tidak dibaca.", "info")  # fmt: skip
            return False
        try:
            st = os.lstat(q)
        except OSError as e:
            self.catat(q, f"Tidak dapat dibaca ({_sebab(e)}).")
            return False
        if stat.S_ISLNK(st.st_mode):
            self.tautan.append(q)
            return False
        if stat.S_ISDIR(st.st_mode):
            if q.name.lower() in FOLDER_SISTEM:
                self.catat(q, "Folder buatan macOS saat membuat arsip (__MACOSX); bukan data satker, tidak dibaca.",
                           "info")  # fmt: skip
                return False
            return self.folder_baru(q, st)
        if stat.S_ISREG(st.st_mode):
            self.berkas_biasa(q, st)
        else:
            self.catat(q, "Bukan berkas biasa (mis. pipa atau perangkat); tidak dibaca.", "peringatan")
        return False

    def berkas_biasa(self, q: Path, st: os.stat_result, lewat_tautan: bool = False) -> None:
        ident = _identitas(q, st)
        if ident in self.keluaran:
            self.catat(q, "Berkas keluaran rekap ini sendiri; tidak dibaca.", "info")
            return
        alasan = _alasan_nama(q.name)
        if alasan is not None:
            self.catat(q, *alasan)
            return
        asal = self.berkas_dilihat.get(ident)
        if asal is not None:
            bentuk = "Tautan (symlink) ke berkas" if lewat_tautan else "Berkas yang sama dengan"
            self.catat(q, f"{bentuk} '{self.nama(asal)}', yang sudah dibaca; tidak direkap dua kali.", "info")
            return
        self.berkas_dilihat[ident] = q
        self.berkas.append(q)

    def ikuti(self, q: Path) -> None:
        """Follow one symlink: to a file (read once), to a folder (walked once) or nowhere."""
        try:
            st = os.stat(q)
        except FileNotFoundError:
            try:
                tujuan = os.readlink(q)
            except OSError:
                tujuan = "?"
            self.catat(q, f"Tautan (symlink) rusak: tujuannya '{tujuan}' tidak ada. Salin berkas aslinya ke sini.")
            return
        except OSError as e:
            if e.errno == errno.ELOOP:
                self.catat(q, "Tautan (symlink) melingkar: rantai tautannya kembali ke dirinya sendiri dan tidak "
                           "pernah sampai ke berkas atau folder.")  # fmt: skip
            else:
                self.catat(q, f"Tujuan tautan (symlink) tidak dapat dibuka ({_sebab(e)}).")
            return
        if stat.S_ISDIR(st.st_mode):
            asal = self.folder_dilihat.get(_identitas(q, st))
            if asal is None:
                self.folder(q, st)
            elif Path(os.path.realpath(q.parent)).is_relative_to(os.path.realpath(asal)):
                self.catat(q, f"Tautan (symlink) melingkar ke folder '{self.nama(asal)}' yang memuat tautan ini "
                           "sendiri; tidak diikuti (isinya sudah direkap).", "peringatan")  # fmt: skip
            else:
                self.catat(q, f"Tautan (symlink) ke folder '{self.nama(asal)}', yang sudah direkap; tidak diikuti "
                           "lagi.", "info")  # fmt: skip
        elif stat.S_ISREG(st.st_mode):
            self.berkas_biasa(q, st, lewat_tautan=True)
        else:
            self.catat(q, "Tautan (symlink) ke sesuatu yang bukan berkas biasa; tidak dibaca.", "peringatan")


def kumpulkan(folder: Iterable[Path], kecuali: Iterable[Path] = ()) -> tuple[list[Path], list[MasalahBerkas]]:
    """Every candidate file under the folders (recursive), and a note for every other entry.

    A file given instead of a folder is a candidate of its own. Raises ``BerkasTidakValid``
    when a folder or file given does not exist or a folder cannot be listed; ``kecuali`` (the
    rekap's own outputs) are noted, not read.
    """
    akar = [Path(f) for f in folder]
    periksa_masukan(akar)
    return _Pengumpul(akar, kecuali).jalankan()


# -- reading one file ------------------------------------------------------------------------


def bagian_terisi(lakip: Any) -> tuple[str, ...]:
    """The parts (keys of ``BAGIAN``) a unit filled: those that differ from an empty unit."""
    from ..model import Lakip

    kosong = Lakip()
    return tuple(k for k in BAGIAN if getattr(lakip, k) != getattr(kosong, k))


def olah(path_teks: str) -> Unit | MasalahBerkas:
    """Read, validate and summarise one file (runs in a worker process; never raises)."""
    from ..galat import LakipGalat
    from ..layanan import buka

    path = Path(path_teks)
    try:
        os.close(os.open(path, os.O_RDONLY))
    except OSError as e:
        return MasalahBerkas(str(path), f"Berkas tidak dapat dibaca ({_sebab(e)}); minta akses baca atau salin ulang.")
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
        bagian=bagian_terisi(lakip),
    )


# -- choosing among copies of one unit ------------------------------------------------------


def _urutan(u: Unit) -> tuple[Any, ...]:
    """Which copy of one satker is used (the largest): the later report (year, then annual over
    Semester I); of copies of the same report the more complete one (more parts filled, then
    fewer errors, then fewer warnings); then the later file time; then the path, so the choice
    never depends on the order files were read."""
    return (
        u.tahun or 0,
        1 if u.periode == "Tahunan" else 0,
        len(u.bagian),
        -u.galat,
        -u.peringatan,
        u.waktu_berkas,
        u.berkas,
    )


def _waktu(detik: float) -> str:
    return dt.datetime.fromtimestamp(detik).strftime("%d-%m-%Y %H.%M.%S")


def alasan_pilihan(dipakai: Unit, lain: Unit) -> str:
    """Why ``dipakai`` was used instead of ``lain`` (the first criterion of ``_urutan`` that
    tells them apart), in Indonesian."""
    if (dipakai.tahun, dipakai.periode) != (lain.tahun, lain.periode):
        return f"laporannya untuk periode yang lebih akhir (berkas ini {lain.periode} {lain.tahun})"
    if len(dipakai.bagian) != len(lain.bagian):
        kurang = [BAGIAN[k] for k in BAGIAN if k in dipakai.bagian and k not in lain.bagian]
        return (
            f"lebih lengkap: {len(dipakai.bagian)} dari {len(BAGIAN)} bagian terisi, berkas ini "
            f"{len(lain.bagian)}" + (f" (kosong di berkas ini: {', '.join(kurang)})" if kurang else "")
        )
    if dipakai.galat != lain.galat:
        return f"sama lengkapnya dengan galat lebih sedikit ({dipakai.galat} galat, berkas ini {lain.galat})"
    if dipakai.peringatan != lain.peringatan:
        return (
            f"sama lengkapnya dengan peringatan lebih sedikit ({dipakai.peringatan} peringatan, "
            f"berkas ini {lain.peringatan})"
        )
    if dipakai.waktu_berkas != lain.waktu_berkas:
        return (
            f"sama lengkapnya dan lebih baru (diubah {_waktu(dipakai.waktu_berkas)}, berkas ini "
            f"{_waktu(lain.waktu_berkas)})"
        )
    return "sama lengkapnya dan sama waktunya, sehingga dipilih menurut urutan nama berkas"


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
    """Collect, process and de-duplicate: one unit per satker (see ``_urutan``), every other
    entry noted. Raises ``BerkasTidakValid`` for a folder or file argument that is missing."""
    import time

    t0 = time.perf_counter()
    folder_list = [Path(f) for f in folder]
    berkas, masalah = kumpulkan(folder_list, kecuali)
    per_satker: dict[str, list[Unit]] = {}
    tanpa_kode: list[Unit] = []
    for r in jalankan(berkas, jobs, kemajuan):
        if isinstance(r, MasalahBerkas):
            masalah.append(r)
        elif not r.kode_satker:
            tanpa_kode.append(r)
            masalah.append(
                MasalahBerkas(r.berkas, "Kode satker kosong; unit tetap direkap tanpa pemeriksaan ganda.", "peringatan")
            )
        else:
            per_satker.setdefault(r.kode_satker, []).append(r)
    dipakai: list[Unit] = []
    nama_relatif = NamaRelatif(folder_list)
    for kode, salinan in per_satker.items():
        u = max(salinan, key=_urutan)
        dipakai.append(u)
        nama = nama_relatif(u.berkas)
        for lain in salinan:
            if lain is not u:
                masalah.append(
                    MasalahBerkas(
                        lain.berkas,
                        f"Satker {kode} dikirim lebih dari sekali: dipakai '{nama}' ({u.periode} {u.tahun}) karena "
                        f"{alasan_pilihan(u, lain)}; berkas ini tidak direkap.",
                        "peringatan",
                    )
                )
    unit = sorted([*dipakai, *tanpa_kode], key=lambda u: (u.kode_satker, u.berkas))
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
    masalah.sort(key=lambda m: nama_relatif(m.berkas))
    return HasilRekap(unit, masalah, len(berkas), time.perf_counter() - t0)


def _nama_relatif(berkas: str, akar: list[Path]) -> str:
    """A file's name as the rekap shows it: relative to the folder given (links not resolved,
    so a file reached through a link keeps the link's name); with several folders given, the
    folder's own name first; a file given by itself, its name."""
    return NamaRelatif(akar)(berkas)


class NamaRelatif:
    """:func:`_nama_relatif` for one set of folders, each file's name computed once (the rekap
    names a file in its row, its findings and its notes)."""

    def __init__(self, akar: Iterable[Path]) -> None:
        self.akar = [Path(os.path.abspath(a)) for a in akar]
        self.satu = len(self.akar) == 1
        self._nama: dict[str, str] = {}

    def __call__(self, berkas: str) -> str:
        nama = self._nama.get(berkas)
        if nama is None:
            nama = self._nama[berkas] = self._hitung(berkas)
        return nama

    def _hitung(self, berkas: str) -> str:
        p = Path(os.path.abspath(berkas))
        for a in self.akar:
            if p == a:
                return a.name or str(a)
            if p.is_relative_to(a):
                rel = p.relative_to(a)
                return str(rel if self.satu or not a.name else Path(a.name) / rel)
        return str(p)


def kode_iku(unit: list[Unit]) -> list[str]:
    kode: list[str] = []
    for u in unit:
        for k in u.iku:
            if k not in kode:
                kode.append(k)
    return sorted(kode, key=lambda k: (len(k), k))


def waktu_sekarang() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
