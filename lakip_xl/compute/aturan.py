"""Rule sets (IKPA weights per year, predicate bands, NKA, PKPA and SAKIP weights) as one
typed, immutable object.

The shipped rules live in ``lakip_xl/data/aturan.json``; a workbook carries its own copy on
the Referensi sheet and a JSON data file may carry one in its ``aturan`` section. Each of
them is parsed once into :class:`Aturan`, which then travels with the data: compute, the
validator, the report, the worksheet functions and the rekap all take it, and none of them
falls back to a default in silence. Nothing here is a constant in code.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..galat import AturanTidakValid
from ..model import JENIS_BELANJA_IKPA

ASPEK_IKPA = ("perencanaan", "pelaksanaan", "hasil")
MODE_DISPENSASI = ("bobot", "pengurang")


@dataclass(frozen=True)
class IndikatorIkpa:
    kode: str
    nama: str
    aspek: str
    bobot: float


@dataclass(frozen=True)
class AturanIkpa:
    kode: str
    nama: str
    dispensasi: str  # "bobot" (weighted indicator) or "pengurang" (deduction, 2024+)
    indikator: tuple[IndikatorIkpa, ...]
    sumber: str = ""  # the regulation and where it applies
    keyakinan: str = ""  # pasti / kuat / dugaan, with why
    # Aspect weights (informational: the total is computed from the indicators): the sum of
    # the indicator weights of each aspect, e.g. 20/55/25 (PER-5/PB/2022), 25/50/25 (2024+).
    bobot_aspek: tuple[tuple[str, float], ...] = ()

    def cari(self, kode: str) -> IndikatorIkpa | None:
        return next((i for i in self.indikator if i.kode == kode), None)

    def bobot_per_aspek(self) -> dict[str, float]:
        """Weight of each aspect (percent), stated or, when not stated, the indicator sums."""
        return dict(self.bobot_aspek) if self.bobot_aspek else _jumlah_per_aspek(self.indikator)


def _jumlah_per_aspek(indikator: tuple[IndikatorIkpa, ...]) -> dict[str, float]:
    return {a: sum(i.bobot for i in indikator if i.aspek == a) for a in ASPEK_IKPA}


@dataclass(frozen=True)
class Pita:
    """One predicate band: ``predikat`` from ``batas`` on (``None``: everything below)."""

    batas: float | None
    predikat: str


@dataclass(frozen=True)
class BobotNka:
    """SMART NKA weights in percent (PMK 22/2021: 9,7 / 18,2 / 43,5 / 28,6)."""

    penyerapan: float
    konsistensi: float
    capaian_output: float
    efisiensi: float


@dataclass(frozen=True)
class NkaPmk62:
    """NKA from TA ``mulai_tahun`` (PMK 62/2023 with KMK 466/2023): NKA = perencanaan % x Nilai
    Kinerja Perencanaan Anggaran + pelaksanaan % x IKPA; a satker's planning value is
    efektivitas % x capaian RO + efisiensi % x efisiensi SBK."""

    mulai_tahun: int
    perencanaan: float
    pelaksanaan: float
    efektivitas: float
    efisiensi: float


@dataclass(frozen=True)
class Tenggat:
    """A date that matters to the IKPA planner: in ``bulan`` (0: every month) of ``tahun``
    (``None``: every year)."""

    tahun: int | None
    bulan: int
    uraian: str


@dataclass(frozen=True)
class AturanRencana:
    """The IKPA planner's rules for one IKPA rule set (docs/rencana-ikpa.md gives each source
    and how sure it is): cumulative absorption targets per spending type and quarter, the
    deviation tolerance and the months assessed, the revision score table, the Capaian Output
    parts and the dispensation deduction bands."""

    kode: str  # the IKPA rule set ("2024")
    sumber: str
    target_penyerapan: tuple[tuple[str, tuple[float, float, float, float]], ...]
    batas_rasio_penyerapan: float  # cap per spending type, percent of its target (dugaan)
    blokir_mulai_tahun: int  # from this TA the targets apply to pagu minus blokir
    batas_deviasi: float  # mean deviation (percent) up to which the score is 100
    bulan_deviasi_terakhir: int  # the last month assessed (November)
    skor_revisi: tuple[tuple[int | None, float], ...]  # (at most n revisions, score); None: more
    batas_nilai_revisi: float
    bobot_ketepatan_output: float
    bobot_capaian_ro: float
    pengurang_dispensasi: tuple[tuple[float, float], ...]  # (from per mille, deduction), descending
    tenggat: tuple[Tenggat, ...] = ()

    def target(self, jenis: str) -> tuple[float, float, float, float]:
        return dict(self.target_penyerapan)[jenis]

    def ke_dict(self) -> dict[str, Any]:
        return {
            "sumber": self.sumber,
            "target_penyerapan": {j: list(t) for j, t in self.target_penyerapan},
            "batas_rasio_penyerapan": self.batas_rasio_penyerapan,
            "blokir_mulai_tahun": self.blokir_mulai_tahun,
            "batas_deviasi": self.batas_deviasi,
            "bulan_deviasi_terakhir": self.bulan_deviasi_terakhir,
            "skor_revisi": [{"paling_banyak": n, "skor": s} for n, s in self.skor_revisi],
            "batas_nilai_revisi": self.batas_nilai_revisi,
            "bobot_ketepatan_output": self.bobot_ketepatan_output,
            "bobot_capaian_ro": self.bobot_capaian_ro,
            "pengurang_dispensasi": [{"permil_minimal": b, "pengurang": p} for b, p in self.pengurang_dispensasi],
            "tenggat": [{"tahun": t.tahun, "bulan": t.bulan, "uraian": t.uraian} for t in self.tenggat],
        }


# NKA regimes: PMK 22/2021 (four SMART variables) up to the year before PMK 62/2023 applies.
REZIM_NKA = {"pmk22_2021": "PMK 22/PMK.02/2021", "pmk62_2023": "PMK 62/2023 jo. KMK 466/2023"}


@dataclass(frozen=True)
class BobotSakip:
    perencanaan: float
    pengukuran: float
    pelaporan: float
    evaluasi: float


def _tampil(nilai: float) -> float:
    """The value as displayed (half-up, two decimals): predicates follow what the user sees."""
    from .angka import bulat

    return float(bulat(nilai, 2))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Aturan:
    """Every rule a LAKIP is scored by. Immutable and hashable, so results can be cached by it."""

    ikpa: tuple[AturanIkpa, ...]
    predikat_ikpa: tuple[Pita, ...]  # value >= batas
    bobot_nka: BobotNka
    batas_efisiensi: float
    predikat_nka: tuple[Pita, ...]  # value > batas
    bobot_pkpa_smart: float
    bobot_pkpa_ikpa: float
    bobot_sakip: BobotSakip
    predikat_sakip: tuple[Pita, ...]  # value > batas
    nka_pmk62: NkaPmk62 = NkaPmk62(2024, 50, 50, 75, 25)
    tahun_ikpa: tuple[tuple[int, str], ...] = ()  # fiscal year -> IKPA rule set, ascending
    catatan: str = ""
    rencana_ikpa: tuple[AturanRencana, ...] = ()  # the IKPA planner's rules, per IKPA rule set

    # -- lookups ---------------------------------------------------------------------------

    @property
    def kode_ikpa(self) -> tuple[str, ...]:
        return tuple(a.kode for a in self.ikpa)

    def set_ikpa(self, kode: str) -> AturanIkpa:
        """The IKPA rule set of a code ("2021", "2022", "2024"); ``KeyError`` when unknown."""
        for a in self.ikpa:
            if a.kode == kode:
                return a
        raise KeyError(kode)

    def ikpa_berlaku(self, pilihan: str, tahun: int | None) -> tuple[str, str]:
        """The IKPA rule set in force and why: ``(kode, alasan)`` with alasan ``"pilihan"`` (chosen
        in the data), ``"tahun"`` (the set of the data's fiscal year), ``"terbaru"`` (a year after
        the newest known one, or no year: the newest set) or ``"terlama"`` (a year before the
        oldest: the oldest set)."""
        if pilihan:
            return pilihan, "pilihan"
        if not self.tahun_ikpa:
            return self.ikpa[-1].kode, "terbaru"
        peta = dict(self.tahun_ikpa)
        if tahun in peta:
            return peta[tahun], "tahun"
        if tahun is None or tahun > self.tahun_ikpa[-1][0]:
            return self.tahun_ikpa[-1][1], "terbaru"
        return self.tahun_ikpa[0][1], "terlama"

    def rencana(self, kode: str) -> AturanRencana | None:
        """The IKPA planner's rules for the IKPA rule set ``kode`` (none when not given)."""
        return next((r for r in self.rencana_ikpa if r.kode == kode), None)

    def rezim_nka(self, pilihan: str, tahun: int | None) -> str:
        """The NKA regime in force: the data's choice, else by fiscal year (no year: the newest)."""
        if pilihan in REZIM_NKA:
            return pilihan
        if tahun is not None and tahun < self.nka_pmk62.mulai_tahun:
            return "pmk22_2021"
        return "pmk62_2023"

    def nilai_predikat_ikpa(self, nilai: float | None) -> str | None:
        """Sangat Baik >= 95; Baik 89-<95; Cukup 70-<89; Kurang < 70 (on the displayed value)."""
        return pita_ge(nilai, self.predikat_ikpa)

    def nilai_predikat_nka(self, nilai: float | None) -> str | None:
        """> 90 Sangat Baik; > 80 Baik; > 60 Cukup; > 50 Kurang; otherwise Sangat Kurang."""
        return pita_gt(nilai, self.predikat_nka)

    def nilai_predikat_sakip(self, nilai: float | None) -> str | None:
        """AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D otherwise."""
        return pita_gt(nilai, self.predikat_sakip)

    # -- the serialised form (data/aturan.json, the Referensi sheet, JSON data files) -------

    def ke_dict(self) -> dict[str, Any]:
        """The rules shaped like ``data/aturan.json``."""
        return {
            "_catatan": self.catatan,
            "ikpa": {
                a.kode: {
                    "nama": a.nama,
                    "sumber": a.sumber,
                    "keyakinan": a.keyakinan,
                    "dispensasi": a.dispensasi,
                    "bobot_aspek": a.bobot_per_aspek(),
                    "indikator": [
                        {"kode": i.kode, "nama": i.nama, "aspek": i.aspek, "bobot": i.bobot} for i in a.indikator
                    ],
                }
                for a in self.ikpa
            },
            "tahun_ikpa": {str(t): k for t, k in self.tahun_ikpa},
            "predikat_ikpa": [{"batas_bawah": p.batas, "predikat": p.predikat} for p in self.predikat_ikpa],
            "nka": {
                "bobot": {k: getattr(self.bobot_nka, k) for k in BobotNka.__dataclass_fields__},
                "efisiensi_batas": self.batas_efisiensi,
                "pmk62": {
                    "mulai_tahun": self.nka_pmk62.mulai_tahun,
                    "bobot_perencanaan": self.nka_pmk62.perencanaan,
                    "bobot_pelaksanaan": self.nka_pmk62.pelaksanaan,
                    "bobot_efektivitas": self.nka_pmk62.efektivitas,
                    "bobot_efisiensi": self.nka_pmk62.efisiensi,
                },
                "predikat": [{"lebih_dari": p.batas, "predikat": p.predikat} for p in self.predikat_nka],
            },
            "pkpa": {"bobot_smart": self.bobot_pkpa_smart, "bobot_ikpa": self.bobot_pkpa_ikpa},
            "sakip": {
                "bobot": {k: getattr(self.bobot_sakip, k) for k in BobotSakip.__dataclass_fields__},
                "predikat": [{"lebih_dari": p.batas, "predikat": p.predikat} for p in self.predikat_sakip],
            },
        } | ({"rencana_ikpa": {r.kode: r.ke_dict() for r in self.rencana_ikpa}} if self.rencana_ikpa else {})

    @classmethod
    def dari_dict(cls, d: Any) -> Aturan:
        """Parse rule data shaped like ``data/aturan.json``; :class:`AturanTidakValid` names
        the first item that is missing or not a number."""
        return _Pengurai().aturan(d)


class _Pengurai:
    """Checks rule data item by item; every message names the item in Indonesian."""

    def _obj(self, d: Any, nama: str) -> dict[str, Any]:
        if not isinstance(d, dict):
            raise AturanTidakValid(f"Aturan penilaian: bagian '{nama}' tidak ada atau bukan daftar isian.")
        return d

    def _angka(self, v: Any, nama: str, kosong_boleh: bool = False) -> float | None:
        if v is None and kosong_boleh:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            isi = "kosong" if v is None or v == "" else f"berisi '{v}'"
            raise AturanTidakValid(f"Aturan penilaian: '{nama}' harus berupa angka, tetapi {isi}.")
        return float(v)

    def _teks(self, v: Any, nama: str) -> str:
        if v is None or (isinstance(v, str) and not v.strip()):
            raise AturanTidakValid(f"Aturan penilaian: '{nama}' kosong.")
        return str(v).strip()

    def _pita(self, rows: Any, kunci: str, nama: str) -> tuple[Pita, ...]:
        if not isinstance(rows, list) or not rows:
            raise AturanTidakValid(f"Aturan penilaian: daftar predikat {nama} kosong.")
        pita = []
        for i, r in enumerate(rows, 1):
            r = self._obj(r, f"predikat {nama} baris {i}")
            batas = self._angka(r.get(kunci), f"batas predikat {nama} baris {i}", kosong_boleh=True)
            pita.append(Pita(batas, self._teks(r.get("predikat"), f"nama predikat {nama} baris {i}")))
        if pita[-1].batas is not None:
            raise AturanTidakValid(
                f"Aturan penilaian: baris terakhir predikat {nama} harus tanpa batas (untuk nilai di bawah semua batas)."
            )
        urut = [p.batas for p in pita[:-1]]
        if any(b is None for b in urut) or any(
            a is not None and b is not None and a <= b for a, b in itertools.pairwise(urut)
        ):
            raise AturanTidakValid(
                f"Aturan penilaian: batas predikat {nama} harus diisi dan urut dari yang tertinggi ke terendah; "
                "hanya baris terakhir yang tanpa batas."
            )
        return tuple(pita)

    def _ikpa(self, d: Any) -> tuple[AturanIkpa, ...]:
        sets = self._obj(d, "ikpa")
        if not sets:
            raise AturanTidakValid("Aturan penilaian: tidak ada aturan IKPA.")
        hasil = []
        for kode, s in sets.items():
            s = self._obj(s, f"ikpa {kode}")
            mode = s.get("dispensasi")
            if mode not in MODE_DISPENSASI:
                raise AturanTidakValid(
                    f"Aturan penilaian: dispensasi aturan IKPA {kode} harus 'bobot' atau 'pengurang', "
                    f"tetapi {'kosong' if mode in (None, '') else repr(str(mode))}."
                )
            indikator = []
            for i, x in enumerate(s.get("indikator") or [], 1):
                x = self._obj(x, f"indikator IKPA {kode} baris {i}")
                ikode = self._teks(x.get("kode"), f"kode indikator IKPA {kode} baris {i}")
                aspek = self._teks(x.get("aspek"), f"aspek indikator IKPA {kode} {ikode}").lower()
                if aspek not in ASPEK_IKPA:
                    raise AturanTidakValid(
                        f"Aturan penilaian: aspek indikator IKPA {kode} {ikode} harus perencanaan, pelaksanaan, "
                        f"atau hasil, bukan {aspek!r}."
                    )
                bobot = self._angka(x.get("bobot"), f"bobot indikator IKPA {kode} {ikode}")
                indikator.append(IndikatorIkpa(ikode, str(x.get("nama") or ikode), aspek, bobot or 0.0))
            hasil.append(
                AturanIkpa(
                    str(kode),
                    str(s.get("nama") or kode),
                    mode,
                    tuple(indikator),
                    str(s.get("sumber") or ""),
                    str(s.get("keyakinan") or ""),
                    self._bobot_aspek(kode, s, indikator),
                )
            )
        return tuple(hasil)

    def _tahun_ikpa(self, d: Any, kode: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
        """Fiscal year -> IKPA rule set; absent in older rule data (then: the newest set)."""
        if d is None:
            return ()
        d = self._obj(d, "tahun_ikpa")
        out = []
        for t, k in d.items():
            try:
                tahun = int(str(t).strip())
            except ValueError:
                raise AturanTidakValid(f"Aturan penilaian: tahun aturan IKPA '{t}' bukan tahun.") from None
            if str(k) not in kode:
                raise AturanTidakValid(
                    f"Aturan penilaian: TA {tahun} memakai aturan IKPA '{k}' yang tidak ada ({', '.join(kode)})."
                )
            out.append((tahun, str(k)))
        return tuple(sorted(out))

    def _pmk62(self, d: Any) -> NkaPmk62:
        if d is None:
            return NkaPmk62(2024, 50, 50, 75, 25)
        d = self._obj(d, "nka.pmk62")
        mulai = self._angka(d.get("mulai_tahun"), "tahun mulai NKA PMK 62/2023")
        return NkaPmk62(
            int(mulai or 0),
            *(
                self._angka(d.get(f"bobot_{k}"), f"bobot NKA PMK 62/2023 {k}") or 0.0
                for k in ("perencanaan", "pelaksanaan", "efektivitas", "efisiensi")
            ),
        )

    def _bobot_aspek(
        self, kode: str, s: dict[str, Any], indikator: list[IndikatorIkpa]
    ) -> tuple[tuple[str, float], ...]:
        """The stated aspect weights must be the sums of the aspect's indicator weights (they
        are shown beside the aspect values); absent, they are those sums."""
        jumlah = _jumlah_per_aspek(tuple(indikator))
        d = s.get("bobot_aspek")
        if d is not None:
            d = self._obj(d, f"bobot_aspek aturan IKPA {kode}")
            for a in ASPEK_IKPA:
                b = self._angka(d.get(a), f"bobot aspek {a} aturan IKPA {kode}") or 0.0
                if abs(b - jumlah[a]) > 1e-9:
                    raise AturanTidakValid(
                        f"Aturan penilaian: bobot aspek {a} aturan IKPA {kode} ({b:g}) tidak sama dengan jumlah "
                        f"bobot indikator aspek itu ({jumlah[a]:g})."
                    )
        return tuple(jumlah.items())

    def _angka_di(
        self, d: dict[str, Any], kunci: str, teks: str, nama: str, bawah: float | None = None,
        atas: float | None = None, bulat: bool = False, lebih: bool = False,
    ) -> float:  # fmt: skip
        """A number of the planner's rules, within ``bawah``..``atas`` (``lebih``: above ``bawah``)."""
        return self._dalam(d.get(kunci), f"{teks} ({nama})", bawah, atas, bulat, lebih)

    def _dalam(
        self, v: Any, teks: str, bawah: float | None = None, atas: float | None = None, bulat: bool = False,
        lebih: bool = False,
    ) -> float:  # fmt: skip
        x = self._angka(v, teks) or 0.0
        if bulat and not float(x).is_integer():
            raise AturanTidakValid(f"Aturan penilaian: '{teks}' harus bilangan bulat, tetapi berisi {x:g}.")
        if (bawah is not None and (x <= bawah if lebih else x < bawah)) or (atas is not None and x > atas):
            rentang = (
                f"lebih dari {bawah:g}" if lebih and atas is None
                else f"{bawah:g} sampai {atas:g}" if bawah is not None and atas is not None
                else f"paling sedikit {bawah:g}" if bawah is not None else f"paling banyak {atas:g}"
            )  # fmt: skip
            raise AturanTidakValid(f"Aturan penilaian: '{teks}' harus {rentang}, tetapi berisi {x:g}.")
        return x

    def _rencana(self, d: Any, kode_ikpa: tuple[str, ...]) -> tuple[AturanRencana, ...]:
        """The planner's rules per IKPA rule set; every number within its sensible range."""
        return tuple(self._satu_rencana(str(kode), r, kode_ikpa) for kode, r in self._obj(d, "rencana_ikpa").items())

    def _satu_rencana(self, kode: str, r: Any, kode_ikpa: tuple[str, ...]) -> AturanRencana:
        nama = f"rencana_ikpa {kode}"
        if kode not in kode_ikpa:
            raise AturanTidakValid(
                f"Aturan penilaian: {nama} untuk aturan IKPA yang tidak ada ({', '.join(kode_ikpa)})."
            )
        r = self._obj(r, nama)
        target = self._obj(r.get("target_penyerapan"), f"{nama} target_penyerapan")
        if not target:
            raise AturanTidakValid(f"Aturan penilaian: target penyerapan ({nama}) kosong.")
        tp = []
        for j, t in target.items():
            if str(j) not in JENIS_BELANJA_IKPA:
                raise AturanTidakValid(
                    f"Aturan penilaian: jenis belanja '{j}' ({nama}) tidak dikenal; pakai {', '.join(JENIS_BELANJA_IKPA)}."
                )
            if not isinstance(t, list) or len(t) != 4:
                raise AturanTidakValid(f"Aturan penilaian: target penyerapan {j} ({nama}) harus empat angka (TW I-IV).")
            tw = tuple(
                self._dalam(x, f"target penyerapan {j} TW {i + 1} ({nama})", 0, 100, lebih=True)
                for i, x in enumerate(t)
            )
            if any(a > b for a, b in itertools.pairwise(tw)):
                raise AturanTidakValid(
                    f"Aturan penilaian: target penyerapan {j} ({nama}) harus naik dari TW I ke TW IV."
                )
            tp.append((str(j), (tw[0], tw[1], tw[2], tw[3])))
        revisi: list[tuple[int | None, float]] = []
        for i, x in enumerate(r.get("skor_revisi") or [], 1):
            x = self._obj(x, f"{nama} skor_revisi baris {i}")
            n = x.get("paling_banyak")
            batas = None if n is None else int(self._dalam(n, f"batas revisi baris {i} ({nama})", 0, bulat=True))
            revisi.append((batas, self._dalam(x.get("skor"), f"skor revisi baris {i} ({nama})", 0)))
        batas_revisi = [n for n, _ in revisi[:-1]]
        if (
            not revisi
            or revisi[-1][0] is not None
            or None in batas_revisi
            or any(a >= b for a, b in itertools.pairwise(batas_revisi))  # type: ignore[operator]
        ):
            raise AturanTidakValid(
                f"Aturan penilaian: skor revisi ({nama}) harus urut dari jumlah revisi terkecil dan diakhiri "
                "satu baris tanpa batas."
            )
        pita = []
        for i, x in enumerate(r.get("pengurang_dispensasi") or [], 1):
            x = self._obj(x, f"{nama} pengurang_dispensasi baris {i}")
            pita.append(
                (
                    self._dalam(x.get("permil_minimal"), f"batas permil dispensasi baris {i} ({nama})", 0),
                    self._dalam(x.get("pengurang"), f"pengurang dispensasi baris {i} ({nama})", 0),
                )
            )
        if any(a[0] <= b[0] for a, b in itertools.pairwise(pita)):
            raise AturanTidakValid(f"Aturan penilaian: pengurang dispensasi ({nama}) harus urut dari permil tertinggi.")
        tenggat = []
        for i, x in enumerate(r.get("tenggat") or [], 1):
            x = self._obj(x, f"{nama} tenggat baris {i}")
            th = x.get("tahun")
            tahun = None if th is None else int(self._dalam(th, f"tahun tenggat baris {i} ({nama})", 2000, 2100, True))
            bulan = int(self._dalam(x.get("bulan"), f"bulan tenggat baris {i} ({nama})", 0, 12, bulat=True))
            tenggat.append(Tenggat(tahun, bulan, self._teks(x.get("uraian"), f"uraian tenggat baris {i} ({nama})")))
        ketepatan = self._angka_di(r, "bobot_ketepatan_output", "bobot ketepatan waktu capaian output", nama, 0, 100)
        ro = self._angka_di(r, "bobot_capaian_ro", "bobot capaian RO", nama, 0, 100)
        if abs(ketepatan + ro - 100) > 1e-9:
            raise AturanTidakValid(
                f"Aturan penilaian: bobot ketepatan waktu dan bobot capaian RO ({nama}) harus berjumlah 100, "
                f"tetapi {ketepatan:g} + {ro:g}."
            )
        return AturanRencana(
            kode,
            str(r.get("sumber") or ""),
            tuple(tp),
            self._angka_di(r, "batas_rasio_penyerapan", "batas rasio penyerapan", nama, 0, 200, lebih=True),
            int(self._angka_di(r, "blokir_mulai_tahun", "tahun mulai blokir", nama, 2000, 2100, bulat=True)),
            self._angka_di(r, "batas_deviasi", "batas deviasi", nama, 0, 100),
            int(self._angka_di(r, "bulan_deviasi_terakhir", "bulan deviasi terakhir", nama, 1, 12, bulat=True)),
            tuple(revisi),
            self._angka_di(r, "batas_nilai_revisi", "batas nilai revisi", nama, 0, 200, lebih=True),
            ketepatan,
            ro,
            tuple(pita),
            tuple(tenggat),
        )

    def aturan(self, d: Any) -> Aturan:
        d = self._obj(d, "aturan")
        nka = self._obj(d.get("nka"), "nka")
        bn = self._obj(nka.get("bobot"), "nka.bobot")
        pkpa = self._obj(d.get("pkpa"), "pkpa")
        sakip = self._obj(d.get("sakip"), "sakip")
        bs = self._obj(sakip.get("bobot"), "sakip.bobot")
        batas_e = self._angka(nka.get("efisiensi_batas"), "batas efisiensi NKA")
        if not batas_e or batas_e <= 0:
            raise AturanTidakValid("Aturan penilaian: batas efisiensi NKA harus lebih dari 0.")

        def bobot(kelas: Any, sumber: dict[str, Any], awal: str) -> Any:
            return kelas(
                **{k: self._angka(sumber.get(k), f"{awal} {k.replace('_', ' ')}") for k in kelas.__dataclass_fields__}
            )

        ikpa = self._ikpa(d.get("ikpa"))
        return Aturan(
            ikpa=ikpa,
            tahun_ikpa=self._tahun_ikpa(d.get("tahun_ikpa"), tuple(a.kode for a in ikpa)),
            nka_pmk62=self._pmk62(nka.get("pmk62")),
            predikat_ikpa=self._pita(d.get("predikat_ikpa"), "batas_bawah", "IKPA"),
            bobot_nka=bobot(BobotNka, bn, "bobot NKA"),
            batas_efisiensi=batas_e,
            predikat_nka=self._pita(nka.get("predikat"), "lebih_dari", "NKA"),
            bobot_pkpa_smart=self._angka(pkpa.get("bobot_smart"), "bobot PKPA SMART") or 0.0,
            bobot_pkpa_ikpa=self._angka(pkpa.get("bobot_ikpa"), "bobot PKPA IKPA") or 0.0,
            bobot_sakip=bobot(BobotSakip, bs, "bobot SAKIP"),
            predikat_sakip=self._pita(sakip.get("predikat"), "lebih_dari", "SAKIP"),
            catatan=str(d.get("_catatan") or ""),
            # Rule data from before the planner (a JSON file's aturan section, an older workbook)
            # takes lakip-xl's own planner rules; an emptied section means none.
            rencana_ikpa=(
                self._rencana(d["rencana_ikpa"], tuple(a.kode for a in ikpa))
                if "rencana_ikpa" in d
                else aturan_bawaan().rencana_ikpa
            ),
        )


def pita_ge(nilai: float | None, pita: tuple[Pita, ...]) -> str | None:
    """The band whose lower bound the displayed value reaches (``>=``)."""
    if nilai is None:
        return None
    x = _tampil(nilai)
    return next(p.predikat for p in pita if p.batas is None or x >= p.batas)


def pita_gt(nilai: float | None, pita: tuple[Pita, ...]) -> str | None:
    """The band whose bound the displayed value exceeds (``>``)."""
    if nilai is None:
        return None
    x = _tampil(nilai)
    return next(p.predikat for p in pita if p.batas is None or x > p.batas)


@cache
def aturan_bawaan() -> Aturan:
    """The shipped rules (read and checked once)."""
    teks = resources.files("lakip_xl").joinpath("data/aturan.json").read_text("utf-8")
    return Aturan.dari_dict(json.loads(teks))
