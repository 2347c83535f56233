"""Charts for the report (matplotlib, grey tones and hatching: readable in black and white).

Each chart is drawn once, at the width it is placed in the report (:data:`LEBAR_MM`), straight
to PNG bytes, and kept in a small cache keyed by a hash of the chart's own input (and of this
module's source): a process that renders many reports (the Excel button, the server) draws a
chart again only when its data changed, and the on-disk cache (:mod:`lakip_xl.cache`) spares a
new process the drawing, and the import of matplotlib, for data it has drawn before. matplotlib is imported on first use, without pyplot (no global figure state),
with the Agg backend; drawing holds a lock because matplotlib's rc settings are global.
"""

from __future__ import annotations

import functools
import io
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..compute.hasil import Hasil

GAYA: Any = {"font.size": 8, "axes.spines.top": False, "axes.spines.right": False}
# The report's font (Arial, or Liberation Sans with the same metrics), else matplotlib's own.
HURUF = ("Arial", "Liberation Sans", "Arimo", "DejaVu Sans")
LEBAR_MM = 150  # the width every chart is placed at in the report
DPI = 150
# The charts were designed 6.3 inches wide; they are drawn scaled to the placed width (so
# the page layout stays as designed and the 8 pt text prints at 8 pt), never rescaled by Word.
_SKALA = LEBAR_MM / 25.4 / 6.3
BATAS_CACHE = 32  # charts kept per process (a few kilobytes to some tens each)

_kunci_gambar = threading.Lock()
_cache: OrderedDict[str, bytes] = OrderedDict()
_mpl: Any = None
# Every chart drawn in this process (cache misses); the tests read it.
jumlah_gambar = 0
# The on-disk cache (lakip_xl.cache) is used beside the process's own; render_docx turns it
# off while lakip_xl.laporan.PAKAI_CACHE is False.
PAKAI_DISK = True


def _matplotlib() -> Any:
    """matplotlib with the Agg backend, imported on first use (call with the lock held)."""
    global _mpl
    if _mpl is None:
        import matplotlib

        matplotlib.use("Agg")
        _mpl = matplotlib
    return _mpl


def _png(gambar: Callable[[Any], None], tinggi_in: float) -> bytes:
    """Draw one figure (``gambar`` fills it) once, with tight layout applied during the draw."""
    global jumlah_gambar
    mpl = _matplotlib()
    from matplotlib.figure import Figure

    with mpl.rc_context({**GAYA, "font.family": _huruf()}):
        fig = Figure(figsize=(6.3 * _SKALA, tinggi_in * _SKALA), layout="tight")
        gambar(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    jumlah_gambar += 1
    return buf.getvalue()


@functools.cache
def _huruf() -> str:
    """The first of :data:`HURUF` installed (asked by name, so matplotlib logs no warning)."""
    from matplotlib import font_manager

    ada = {f.name for f in font_manager.fontManager.ttflist}
    if not ada & set(HURUF[:-1]):
        # matplotlib's font list predates a font installed later: ask fontconfig for it.
        from .huruf import berkas_huruf

        for nama in HURUF[:-1]:
            berkas = berkas_huruf(nama)
            if berkas is not None:
                try:
                    font_manager.fontManager.addfont(berkas)
                except (OSError, RuntimeError, ValueError):
                    continue
                ada = {f.name for f in font_manager.fontManager.ttflist}
                break
    return next((h for h in HURUF if h in ada), "DejaVu Sans")


@functools.cache
def _sidik_kode() -> bytes:
    """What a chart's look depends on besides its data: this module's source and the version."""
    from .. import __version__

    return Path(__file__).read_bytes() + __version__.encode()


def _tersimpan(jenis: str, data: Any, gambar: Callable[[Any], None], tinggi_in: float) -> bytes:
    """The PNG of a chart from the process's cache, then the on-disk cache, or drawn and
    cached in both (least recently used goes first)."""
    from .. import cache

    kunci = cache.kunci("grafik", _sidik_kode(), repr((jenis, LEBAR_MM, DPI, tinggi_in, data)))
    with _kunci_gambar:
        png = _cache.get(kunci)
        if png is not None:
            _cache.move_to_end(kunci)
            return png
        png = cache.baca("grafik", kunci) if PAKAI_DISK else None
        if png is None or not png.startswith(b"\x89PNG"):
            png = _png(gambar, tinggi_in)
            if PAKAI_DISK:
                cache.simpan("grafik", kunci, png)
        _cache[kunci] = png
        while len(_cache) > BATAS_CACHE:
            _cache.popitem(last=False)
        return png


def kosongkan_cache() -> None:
    with _kunci_gambar:
        _cache.clear()


LEBAR_LABEL = 36  # characters per line of a bar's label


def _label(kode: str, nama: str, lebar: int = LEBAR_LABEL) -> str:
    """A bar's label: the name the report's tables show, wrapped over lines, never cut (the
    code only when there is no name)."""
    return textwrap.fill(" ".join(nama.split()) or kode, lebar, break_long_words=False, break_on_hyphens=False)


def _tinggi(label: list[str], per_baris: float = 0.15, minimum: float = 0.32) -> float:
    """Figure height (inches, before scaling) for bars whose labels take several lines."""
    return sum(max(minimum, per_baris * (x.count("\n") + 1) + 0.1) for x in label) + 1.0


def _batang(data: list[tuple[str, str, float]], xlabel: str, abu: str, arsir: str, target: bool) -> bytes:
    """Horizontal bars with their values, labelled by name."""
    label = [_label(d[0], d[1]) for d in data]

    def gambar(fig: Any) -> None:
        ax = fig.subplots()
        y = range(len(data))
        ax.barh(y, [d[2] for d in data], color=abu, edgecolor="black", hatch=arsir, linewidth=0.6)
        if target:
            ax.axvline(100, color="black", linestyle="--", linewidth=1, label="Target (100%)")
        for yi, d in zip(y, data, strict=True):
            ax.text(d[2] + 1, yi, f"{d[2]:.2f}".replace(".", ","), va="center", fontsize=7)
        ax.set_yticks(list(y), label, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.set_xlim(0, max(110, max(d[2] for d in data) * 1.12))
        if target:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=7, frameon=False)

    return _tersimpan("batang", (data, xlabel, abu, arsir, target), gambar, _tinggi(label))


def grafik_capaian(hasil: Hasil) -> bytes | None:
    """Capaian of each indicator against the target (100 %), as PNG bytes."""
    data = [(i.kode, i.nama, i.capaian) for i in hasil.indikator if i.capaian is not None]
    return _batang(data, "Capaian (%)", "0.75", "///", target=True) if data else None


def grafik_anggaran(hasil: Hasil) -> bytes | None:
    """Budget absorption per KRO (the DIPA's output groups), as PNG bytes."""
    data = [(k.kode_lengkap, k.nama, k.penyerapan) for k in hasil.anggaran.per_kro if k.penyerapan is not None]
    return _batang(data, "Penyerapan anggaran (%)", "0.55", "..", target=False) if data else None


def grafik_ikpa(hasil: Hasil) -> bytes | None:
    """IKPA components: weighted score against the weight, as PNG bytes."""
    ik = hasil.ikpa
    if ik is None:
        return None
    data = [(c.nama, c.bobot, c.nilai_tertimbang or 0.0) for c in ik.komponen]
    label = [_label("", d[0]) for d in data]

    def gambar(fig: Any) -> None:
        ax = fig.subplots()
        y = list(range(len(data)))
        ax.barh([v - 0.2 for v in y], [d[1] for d in data], height=0.4, color="white", edgecolor="black", label="Bobot")
        ax.barh(
            [v + 0.2 for v in y], [d[2] for d in data], height=0.4, color="0.6", edgecolor="black", hatch="xx",
            label="Nilai tertimbang",
        )  # fmt: skip
        ax.set_yticks(y, label, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel("Poin")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=7, frameon=False)

    return _tersimpan("ikpa", data, gambar, _tinggi(label, minimum=0.42))


def grafik_rencana(hasil: Hasil) -> bytes | None:
    """The IKPA planner: cumulative absorption per quarter (realisation, then the RPD) against
    the pagu-weighted target, and what the remaining quarters need, as PNG bytes."""
    r = hasil.rencana
    if r is None or not r.baris_tw or r.baris_tw[0]["rencana_total"] is None:
        return None
    rencana = [b["rencana_total"] for b in r.baris_tw]
    target = [b["target_total"] for b in r.baris_tw]
    minimal = [
        sum(w * (b[f"minimal_{j}"] or 0.0) for j, w in r.bobot.items()) if b["dibutuhkan"] is not None else None
        for b in r.baris_tw
    ]
    data = (rencana, target, minimal)

    def gambar(fig: Any) -> None:
        ax = fig.subplots()
        x = [1, 2, 3, 4]
        ax.plot(x, target, color="black", linestyle="--", marker="s", linewidth=1, label="Target penyerapan")
        ax.plot(x, rencana, color="0.35", marker="o", linewidth=1.5, label="Realisasi, lalu RPD")
        if any(m is not None for m in minimal):
            xs = [xi for xi, m in zip(x, minimal, strict=True) if m is not None]
            ax.plot(xs, [m for m in minimal if m is not None], color="black", linestyle=":", marker="^",
                    linewidth=1, label="Minimal agar target IKPA tercapai")  # fmt: skip
        for xi, v in zip(x, rencana, strict=True):
            ax.text(xi, v + 2, f"{v:.1f}".replace(".", ","), ha="center", fontsize=7)
        ax.set_xticks(x, ["TW I", "TW II", "TW III", "TW IV"])
        ax.set_ylabel("Penyerapan kumulatif (% pagu)")
        ax.set_ylim(0, max(110, max(rencana) * 1.1))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=7, frameon=False)

    return _tersimpan("rencana", data, gambar, 2.6)
