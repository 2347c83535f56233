"""The LAKIP report: fill the docxtpl Word template, optionally convert to PDF.

Rendering is safe by construction: a sandboxed Jinja environment with autoescaping (a unit
name with ``&``, ``<`` or ``"`` comes out intact), undeclared template variables are an error
that names them, a template syntax error names the offending tag, and the output is written
atomically without ever replacing an existing file unless asked.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..berkas import BerkasSudahAda, jalur_tampil, pesan_os, tulis_atomik
from ..galat import LaporanGagal, OfficeGagal
from ..layanan import asal_berkas
from ..office import konversi, soffice
from .konteks import bangun_konteks

if TYPE_CHECKING:
    from ..layanan import Dokumen


@dataclass
class HasilLaporan:
    docx: Path
    pdf: Path | None = None
    draf: bool = False
    pdf_oleh: str | None = None  # "word" or "libreoffice"
    pesan: list[str] = field(default_factory=list)


# Prepared templates, keyed by the SHA-256 of the template's bytes: the built-in template is
# built once (and kept on disk, see lakip_xl.cache), a user's ``--template`` file is read on
# every render (an edited file is a new key), and what ``periksa_templat`` finds (the
# template's variables) is kept beside it, in the process and on disk, so neither a warm
# render nor a new process rebuilds or re-parses the template. Bounded: least recently used
# goes first.
BATAS_CACHE_TEMPLAT = 8
_kunci_templat = threading.Lock()
_variabel_templat: OrderedDict[str, frozenset[str]] = OrderedDict()
# Switch for tests and benchmarks: False renders as before these caches (built, checked and
# charts drawn on every render, the on-disk cache neither read nor written).
PAKAI_CACHE = True


def _sidik(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def _isi_templat(template: Path | None) -> bytes:
    """The template's bytes: the built-in one (built once per process) or the user's file."""
    from .templat import bangun_templat, templat_bawaan

    if template is None:
        return templat_bawaan() if PAKAI_CACHE else bangun_templat()
    if not template.is_file():
        raise LaporanGagal(f"Templat '{jalur_tampil(template)}' tidak ditemukan.")
    try:
        return template.read_bytes()
    except OSError as e:
        raise LaporanGagal(pesan_os(e, template, "membuka templat")) from None


def _templat(template: Path | None) -> tuple[Any, str]:
    """A fresh DocxTemplate (docxtpl renders in place) and the key of its bytes."""
    from docxtpl import DocxTemplate

    isi = _isi_templat(template)
    tpl = DocxTemplate(io.BytesIO(isi))
    try:
        tpl.init_docx()  # DocxTemplate opens the file lazily: open it here, where a bad one is caught
    except Exception:
        if template is None:
            raise
        raise LaporanGagal(
            f"Templat '{jalur_tampil(template)}' bukan dokumen Word (.docx) yang dapat dibuka. "
            "Simpan templatnya di Word sebagai Dokumen Word (.docx), atau buat dengan 'lakip-xl templat'."
        ) from None
    return tpl, _sidik(isi)


def _lingkungan() -> Any:
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True)


BATAS_CACHE_JINJA = 64  # compiled parts: a template's body, headers, footers and properties
_lingkungan_bersama: Any = None


def _lingkungan_render() -> Any:
    """The one sandboxed environment reports render in, compiling each template source once.

    docxtpl hands the environment the same patched XML on every render of a template and
    compiles it with ``from_string``; this environment keeps the compiled template keyed by
    that source (bounded, least recently used goes first). A compiled template belongs to its
    environment, hence one shared environment; jinja2 environments are safe to share."""
    global _lingkungan_bersama
    if not PAKAI_CACHE:
        return _lingkungan()
    if _lingkungan_bersama is None:
        from jinja2.sandbox import SandboxedEnvironment

        class _Lingkungan(SandboxedEnvironment):
            def __init__(self) -> None:
                super().__init__(autoescape=True)
                self._kunci = threading.Lock()
                self._tersusun: OrderedDict[str, Any] = OrderedDict()

            def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
                if not isinstance(source, str) or globals or template_class:
                    return super().from_string(source, globals, template_class)
                with self._kunci:
                    t = self._tersusun.get(source)
                    if t is not None:
                        self._tersusun.move_to_end(source)
                        return t
                t = super().from_string(source)
                with self._kunci:
                    self._tersusun[source] = t
                    while len(self._tersusun) > BATAS_CACHE_JINJA:
                        self._tersusun.popitem(last=False)
                return t

        with _kunci_templat:
            if _lingkungan_bersama is None:
                _lingkungan_bersama = _Lingkungan()
    return _lingkungan_bersama


def _paragraf_rusak(tpl: Any) -> str:
    """The text of the first paragraph whose expression tags do not parse (names the tag)."""
    from jinja2 import TemplateSyntaxError

    env = _lingkungan()
    doc = tpl.docx
    paragraf = list(doc.paragraphs)
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                paragraf += c.paragraphs
    for sec in doc.sections:
        paragraf += sec.header.paragraphs + sec.footer.paragraphs
    for p in paragraf:
        teks = p.text
        if "{{" in teks or "}}" in teks or "{%" in teks:
            ekspresi = re.sub(r"\{%-?\s*(tr|tc|p|r)?\s*(if|for|endif|endfor|else|elif)\b.*?%\}", "", teks)
            try:
                env.parse(ekspresi)
            except TemplateSyntaxError:
                return teks.strip()
    return ""


def _variabel(tpl: Any, kunci: str | None) -> frozenset[str]:
    """The template's undeclared variables, parsed once per template key."""
    from jinja2 import TemplateSyntaxError

    if kunci is not None and PAKAI_CACHE:
        with _kunci_templat:
            ada = _variabel_templat.get(kunci)
            if ada is not None:
                _variabel_templat.move_to_end(kunci)
                return ada
    k_disk = None
    if kunci is not None and PAKAI_CACHE:  # found by an earlier process?
        k_disk = _kunci_variabel(kunci)
        tersimpan = _variabel_disk(k_disk)
        if tersimpan is not None:
            with _kunci_templat:
                _variabel_templat[kunci] = tersimpan
            return tersimpan
    try:
        hasil = frozenset(tpl.get_undeclared_template_variables(_lingkungan()))
    except TemplateSyntaxError as e:
        tpl.init_docx()
        tag = _paragraf_rusak(tpl)
        di = f" Periksa paragraf: {tag}" if tag else ""
        raise LaporanGagal(f"Templat salah tulis ({e.message}).{di}") from None
    if kunci is not None and PAKAI_CACHE:
        with _kunci_templat:
            _variabel_templat[kunci] = hasil
            while len(_variabel_templat) > BATAS_CACHE_TEMPLAT:
                _variabel_templat.popitem(last=False)
    if k_disk is not None:
        from .. import cache

        cache.simpan("variabel", k_disk, json.dumps(sorted(hasil)).encode("utf-8"))
    return hasil


def _kunci_variabel(kunci_templat: str) -> str:
    """On-disk key of a template's variables: its bytes' hash, and the versions of what parses it."""
    import docxtpl
    import jinja2

    from .. import __version__, cache

    return cache.kunci("variabel", kunci_templat, docxtpl.__version__, jinja2.__version__, __version__)


def _variabel_disk(k: str) -> frozenset[str] | None:
    """The variables stored by an earlier process, or ``None`` (missing, unreadable)."""
    from .. import cache

    isi = cache.baca("variabel", k)
    if isi is None:
        return None
    try:
        daftar = json.loads(isi)
    except ValueError:
        return None
    if not isinstance(daftar, list) or not all(isinstance(v, str) for v in daftar):
        return None
    return frozenset(daftar)


def periksa_templat(tpl: Any, konteks: Mapping[str, Any], kunci: str | None = None) -> None:
    """Raise :class:`LaporanGagal` for a syntax error or an undeclared variable. With ``kunci``
    (the hash of the template's bytes) the template is parsed once per process."""
    kurang = sorted(_variabel(tpl, kunci) - set(konteks))
    if kurang:
        raise LaporanGagal(
            f"Templat memakai variabel yang tidak dikenal: {', '.join(kurang)}. "
            "Periksa ejaannya (lihat docs/laporan.md untuk daftar variabel)."
        )


def kosongkan_cache() -> None:
    """Forget prepared templates and drawn charts (tests; a long-running process never needs to)."""
    from . import grafik, templat

    global _lingkungan_bersama
    with _kunci_templat:
        _variabel_templat.clear()
        _lingkungan_bersama = None
    templat.templat_bawaan.cache_clear()
    grafik.kosongkan_cache()


# The logo on the cover: at most this high and this wide (millimetres), proportions kept.
LOGO_TINGGI_MM, LOGO_LEBAR_MM = 35.0, 70.0


def _logo(dok: Dokumen, tpl: Any, tmp: Path) -> Any:
    """The unit's logo as an image for the cover, or ``None`` (no logo, or a file that is not a
    whole PNG/JPEG: the validator's LOGO finding says why)."""
    from docx.shared import Mm
    from docxtpl import InlineImage
    from PIL import Image

    from ..berkas import cari_logo

    path, _ = cari_logo(dok.lakip.profil.logo, dok.folder)
    if path is None:
        return None
    try:
        with Image.open(path) as img:
            w, h = img.size
        salinan = tmp / f"logo{path.suffix.lower() or '.png'}"
        salinan.write_bytes(path.read_bytes())
    except Exception:  # changed or unreadable since it was checked: no logo rather than no report
        return None
    if w <= 0 or h <= 0:
        return None
    if w / h > LOGO_LEBAR_MM / LOGO_TINGGI_MM:
        return InlineImage(tpl, str(salinan), width=Mm(LOGO_LEBAR_MM))
    return InlineImage(tpl, str(salinan), height=Mm(LOGO_TINGGI_MM))


def render_docx(
    dok: Dokumen,
    template: Path | None = None,
    folder_kerja: Path | None = None,
    lampiran: bool = True,
    asal: bool = True,
) -> tuple[bytes, bool]:
    """The filled report of an opened document as .docx bytes, and whether it is a draft
    (any ``galat`` finding makes it one). ``lampiran=False`` leaves out the findings appendix,
    ``asal=False`` the provenance page (a final report). The rendered document is finished for
    print by :mod:`.cetak` (numbered captions, filled table of contents, column widths,
    properties)."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    from . import cetak, grafik

    draf = dok.jumlah_galat > 0
    konteks = bangun_konteks(dok, draf, lampiran=lampiran, asal=asal)
    tpl, kunci = _templat(template)
    periksa_templat(tpl, konteks, kunci)
    if not PAKAI_CACHE:
        grafik.kosongkan_cache()
    grafik.PAKAI_DISK = PAKAI_CACHE
    # The charts go through files only so each picture keeps its name (grafik_capaian.png, ...).
    with tempfile.TemporaryDirectory(prefix="lakip-grafik-", dir=folder_kerja) as tmp:
        isi: dict[str, Any] = dict(konteks)
        for nama, fn in (
            ("grafik_capaian", grafik.grafik_capaian),
            ("grafik_anggaran", grafik.grafik_anggaran),
            ("grafik_ikpa", grafik.grafik_ikpa),
            ("grafik_rencana", grafik.grafik_rencana),
        ):
            png = fn(dok.hasil) if nama != "grafik_rencana" or konteks["rencana"] else None
            if png is None:
                isi[nama] = None
                continue
            berkas = Path(tmp) / f"{nama}.png"
            berkas.write_bytes(png)
            isi[nama] = InlineImage(tpl, str(berkas), width=Mm(grafik.LEBAR_MM))
        isi["logo"] = _logo(dok, tpl, Path(tmp))
        try:
            tpl.render(isi, jinja_env=_lingkungan_render(), autoescape=True)
        except Exception as e:  # a template error found only while rendering
            raise LaporanGagal(f"Templat tidak dapat diisi: {e}") from None
        cetak.rapikan(tpl.docx, _properti(dok, konteks))
        buf = io.BytesIO()
        tpl.save(buf)
    return buf.getvalue(), draf


def _properti(dok: Dokumen, konteks: Mapping[str, Any]) -> dict[str, Any]:
    """Document properties: title from the unit and the period, the unit as author, the report's
    date (the time it was made when the Profil leaves the date blank)."""
    import datetime as dt

    from .. import __version__

    p = dok.lakip.profil
    try:
        tanggal = dt.datetime.combine(dt.date.fromisoformat(p.tanggal_laporan), dt.time(0, 0))
    except (TypeError, ValueError):
        tanggal = dok.asal.waktu.replace(tzinfo=None, microsecond=0)
    nama = p.nama or "Satker"
    return {
        "judul": f"Laporan Kinerja {nama} {konteks['periode']}",
        "penulis": nama,
        "tanggal": tanggal,
        "versi": __version__,
    }


def siapkan_pdf() -> None:
    """Start the process's LibreOffice in the background for a PDF that is sure to be asked
    for (the conversion then finds it running); nothing when LibreOffice is missing."""
    from ..office import pilih_pdf

    if pilih_pdf() == "libreoffice":  # not when Word will make it
        from .sesi_pdf import sesi

        sesi().siapkan()


NAMA_PROGRAM_PDF = {"word": "Microsoft Word", "libreoffice": "LibreOffice"}


def ke_pdf(docx: Path, pdf: Path, timpa: bool = False) -> Path:
    """Convert with Microsoft Word on Windows (see :mod:`.pdf_word`), else LibreOffice (the
    table of contents refreshed when UNO is available). :func:`ke_pdf_dengan` also says which."""
    return ke_pdf_dengan(docx, pdf, timpa)[0]


def ke_pdf_dengan(docx: Path, pdf: Path, timpa: bool = False) -> tuple[Path, str]:
    """The PDF and the program that made it (``"word"`` or ``"libreoffice"``); Word first, and
    LibreOffice when Word fails and LibreOffice is installed (see :func:`_ke_pdf`)."""
    hasil, program, _ = _ke_pdf(docx, pdf, timpa)
    return hasil, program


def _ke_pdf(docx: Path, pdf: Path, timpa: bool = False) -> tuple[Path, str, list[tuple[str, str]]]:
    """The PDF, the program that made it, and the table of contents LibreOffice refreshed
    (entries with their page numbers; empty when Word or ``soffice --convert-to`` made it).

    LibreOffice conversions go to the process's one LibreOffice (:mod:`.sesi_pdf`, started on
    the first conversion and kept for the next); without a Python with UNO, ``soffice
    --convert-to`` converts it (the table of contents then keeps Word's last page numbers)."""
    from ..office import pilih_pdf

    program = pilih_pdf()
    if program is None:
        raise LaporanGagal(
            "PDF tidak dibuat: Microsoft Word maupun LibreOffice tidak ditemukan. Buka berkas .docx di Word lalu "
            "simpan sebagai PDF, atau pasang LibreOffice (Windows: libreoffice.org; "
            "Debian/Ubuntu: apt-get install libreoffice-writer-nogui)."
        )
    if pdf.exists() and not timpa:
        raise LaporanGagal(f"Berkas '{pdf}' sudah ada dan tidak ditimpa. Pakai nama lain atau --timpa.")
    from .sesi_pdf import sesi

    # The PDF is written in a temporary folder, removed on the way out whatever happens (Ctrl-C
    # included), then moved into place.
    with tempfile.TemporaryDirectory(prefix="lakip-pdf-") as tmp:
        hasil = Path(tmp) / (docx.stem + ".pdf")
        galat_word = ""
        if program == "word":
            from .pdf_word import ke_pdf_word

            try:
                return tulis_atomik(pdf, ke_pdf_word(docx, hasil).read_bytes(), timpa=timpa), "word", []
            except OfficeGagal as e:
                if soffice() is None:
                    raise LaporanGagal(f"PDF tidak dibuat: {e}") from None
                galat_word = f"{e} "
        try:
            isi = sesi().konversi_isi(docx, hasil)
            if isi is None or not hasil.exists():
                isi = []
                (hasil,) = konversi([docx], "pdf", Path(tmp) / "lo")
        except OfficeGagal as e:
            raise LaporanGagal(f"PDF tidak dibuat: {galat_word}{e}") from None
        return tulis_atomik(pdf, hasil.read_bytes(), timpa=timpa), "libreoffice", isi


def susun_laporan(
    dok: Dokumen,
    keluaran: Path,
    template: Path | None = None,
    pdf: bool = False,
    ketat: bool = False,
    timpa: bool = False,
    lampiran: bool = True,
    asal: bool = True,
) -> HasilLaporan:
    """Render the report to ``keluaran`` (and a PDF beside it when asked); ``lampiran`` and
    ``asal`` as for :func:`render_docx`."""
    galat = dok.galat
    if ketat and galat:
        raise LaporanGagal(
            f"Laporan tidak dibuat (--ketat): data masih memiliki {len(galat)} galat. "
            "Perbaiki dulu (lihat 'lakip-xl validasi'), atau buat draf tanpa --ketat."
        )
    if not lampiran and galat:
        # A draft's wrong numbers are named only in that appendix: it may not be left out.
        raise LaporanGagal(
            f"Lampiran temuan tidak dapat dihilangkan (--tanpa-temuan): data masih memiliki {len(galat)} galat, dan "
            "lampiran itulah yang menandai angka yang salah. Perbaiki dulu (lihat 'lakip-xl validasi'), atau buat "
            "draf dengan lampirannya."
        )
    if keluaran.suffix.lower() != ".docx":
        raise LaporanGagal(f"Nama berkas laporan '{keluaran.name}' harus berakhiran .docx.")
    for tujuan in (keluaran, keluaran.with_suffix(".pdf")) if pdf else (keluaran,):
        if tujuan.exists() and not timpa:
            raise LaporanGagal(
                f"Berkas '{tujuan}' sudah ada dan tidak ditimpa. Pakai nama lain atau tambahkan --timpa."
            )
    if pdf:
        siapkan_pdf()  # LibreOffice starts while the report is rendered
    isi, draf = render_docx(dok, template, lampiran=lampiran, asal=asal)
    try:
        docx = tulis_atomik(keluaran, isi, timpa=timpa)
    except BerkasSudahAda:
        raise LaporanGagal(f"Berkas '{keluaran}' sudah ada dan tidak ditimpa.") from None
    except OSError as e:
        raise LaporanGagal(pesan_os(e, keluaran, "menulis")) from None
    out = HasilLaporan(docx=docx, draf=draf)
    if draf:
        out.pesan.append(
            f"Laporan ditandai DRAF: {len(galat)} galat tercantum di lampiran."
            if lampiran
            else f"Laporan ditandai DRAF: data masih memiliki {len(galat)} galat (lampiran temuan tidak disertakan)."
        )
    if pdf:
        from ..office import pilih_pdf

        if pilih_pdf() == "libreoffice":  # Word brings Arial with Windows
            from .huruf import periksa_huruf

            peringatan = periksa_huruf()
            if peringatan:
                out.pesan.append(peringatan)
        try:
            out.pdf, out.pdf_oleh, daftar = _ke_pdf(docx, docx.with_suffix(".pdf"), timpa=timpa)
            if daftar:
                _nomor_daftar_isi(docx, daftar)
        except LaporanGagal as e:
            out.pesan.append(str(e))
    return out


def _nomor_daftar_isi(docx: Path, isi: list[tuple[str, str]]) -> None:
    """Write the page numbers LibreOffice found into the .docx's table of contents, so the
    .docx shows them before any office suite updates its fields. Entries are matched in order
    when LibreOffice lists as many headings as the document has, else by their text."""
    from docx import Document

    from . import cetak

    doc = Document(str(docx))
    judul = cetak.judul(doc)
    if len(judul) == len(isi):
        halaman = [h for _, h in isi]
    else:
        menurut_teks = dict(isi)
        halaman = [menurut_teks.get(t, "") for _, t, _ in judul]
    cetak.isi_daftar_isi(doc, halaman)
    buf = io.BytesIO()
    doc.save(buf)
    tulis_atomik(docx, buf.getvalue(), timpa=True)


def nama_berversi(path: Path, pendamping: tuple[str, ...] = (".pdf",)) -> Path:
    """``Laporan.docx`` or, when taken, ``Laporan (2).docx``, ``Laporan (3).docx``, ... A name
    counts as taken when the file or a companion with one of the ``pendamping`` suffixes exists."""

    def terpakai(p: Path) -> bool:
        return p.exists() or any(p.with_suffix(x).exists() for x in pendamping)

    if not terpakai(path):
        return path
    n = 2
    while True:
        p = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not terpakai(p):
            return p
        n += 1


__all__ = [
    "NAMA_PROGRAM_PDF",
    "HasilLaporan",
    "LaporanGagal",
    "asal_berkas",
    "ke_pdf",
    "ke_pdf_dengan",
    "nama_berversi",
    "render_docx",
    "susun_laporan",
]
