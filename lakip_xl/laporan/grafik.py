"""Charts for the report (matplotlib, grey tones and hatching: readable in black and white)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from ..compute.hasil import Hasil

GAYA: Any = {"font.family": "DejaVu Sans", "font.size": 8, "axes.spines.top": False, "axes.spines.right": False}


def _simpan(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=150, metadata={"Software": None})
    plt.close(fig)
    return path


def _label(kode: str, nama: str, lebar: int = 38) -> str:
    return textwrap.shorten(f"{kode} {nama}".strip(), lebar, placeholder="…")


def _batang(data: list[tuple[str, str, float]], path: Path, xlabel: str, abu: str, arsir: str, target: bool) -> Path:
    """Horizontal bars with their values, labelled by code and name."""
    with plt.rc_context(GAYA):
        fig, ax = plt.subplots(figsize=(6.3, 0.32 * len(data) + 1.0))
        y = range(len(data))
        ax.barh(y, [d[2] for d in data], color=abu, edgecolor="black", hatch=arsir, linewidth=0.6)
        if target:
            ax.axvline(100, color="black", linestyle="--", linewidth=1, label="Target (100 %)")
        for yi, d in zip(y, data, strict=True):
            ax.text(d[2] + 1, yi, f"{d[2]:.2f}".replace(".", ","), va="center", fontsize=7)
        ax.set_yticks(list(y), [_label(d[0], d[1]) for d in data])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.set_xlim(0, max(110, max(d[2] for d in data) * 1.12))
        if target:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=7, frameon=False)
        return _simpan(fig, path)


def grafik_capaian(hasil: Hasil, path: Path) -> Path | None:
    """Capaian of each indicator against the target (100 %)."""
    data = [(i.kode, i.nama, i.capaian) for i in hasil.indikator if i.capaian is not None]
    return _batang(data, path, "Capaian (%)", "0.75", "///", target=True) if data else None


def grafik_anggaran(hasil: Hasil, path: Path) -> Path | None:
    """Budget absorption per output group (kegiatan)."""
    data = [(k.kode, k.nama, k.penyerapan) for k in hasil.anggaran.per_kegiatan if k.penyerapan is not None]
    return _batang(data, path, "Penyerapan anggaran (%)", "0.55", "..", target=False) if data else None


def grafik_ikpa(hasil: Hasil, path: Path) -> Path | None:
    """IKPA components: weighted score against the weight."""
    ik = hasil.ikpa
    if ik is None:
        return None
    data = [(c.nama, c.bobot, c.nilai_tertimbang or 0.0) for c in ik.komponen]
    with plt.rc_context(GAYA):
        fig, ax = plt.subplots(figsize=(6.3, 0.42 * len(data) + 1.0))
        y = list(range(len(data)))
        ax.barh([v - 0.2 for v in y], [d[1] for d in data], height=0.4, color="white", edgecolor="black", label="Bobot")
        ax.barh(
            [v + 0.2 for v in y], [d[2] for d in data], height=0.4, color="0.6", edgecolor="black", hatch="xx",
            label="Nilai tertimbang",
        )  # fmt: skip
        ax.set_yticks(y, [textwrap.shorten(d[0], 34, placeholder="…") for d in data])
        ax.invert_yaxis()
        ax.set_xlabel("Poin")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=7, frameon=False)
        return _simpan(fig, path)
