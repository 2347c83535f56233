"""The IKPA planner: indicator values from the year's details, and what the unit must still
absorb, report and avoid to reach its target IKPA (``lakip-xl rencana-ikpa``, the sheet
"Rencana IKPA"; docs/rencana-ikpa.md gives every formula with its source and confidence).

Penyerapan (per quarter q, spending type j): ratio r_qj = cumulative realisation % of the
effective pagu / target_qj x 100, capped (``batas_rasio_penyerapan``); the quarter value is
the pagu-weighted mean of r_qj; the indicator is the mean of the quarter values to date.
Deviasi Halaman III: per month, |realisation - RPD| / RPD x 100 per type (capped at 100; RPD 0:
0 when nothing was spent, else 100), pagu-weighted over types; the indicator is 100 when the
mean over the months assessed so far is at most ``batas_deviasi``, else 100 - mean (floor 0).
Revisi DIPA: a score per semester from the count of revisions, the mean of the semesters
begun, capped. Capaian Output: on-time share of the monthly reports x 30 % + the latest RO
progress (capped at 100) x 70 %. Dispensasi SPM: a deduction by the per-mille bands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..galat import LakipGalat
from ..model import JENIS_BELANJA_IKPA, BulanRencana, KomponenIkpa, Lakip, RencanaIkpa
from .aturan import Aturan, AturanIkpa, AturanRencana
from .skor import KomponenMasukan, hitung_ikpa

TARGET_BAKU = 95.0
ROMAWI = ("I", "II", "III", "IV")  # quarter numerals, as reports write them


class RencanaTidakDapat(LakipGalat):
    """The planner cannot run on these data (no planner rules for the rule set, bad months)."""


@dataclass
class NilaiIndikator:
    kode: str
    nama: str
    bobot: float
    berlaku: bool
    kini: float | None  # the value to date
    sumber: str  # "OM-SPAN", "rincian" or "" (no value)
    proyeksi: float | None  # at the end of the year if the unit follows its RPD
    tertinggi: float | None  # the highest still reachable


@dataclass
class KebutuhanTw:
    """What a remaining quarter needs: its quarter value and the cumulative absorption per
    spending type (percent of the effective pagu) at its end."""

    tw: int  # 1-4
    nilai: float
    serapan: dict[str, float]


@dataclass
class HasilRencana:
    aturan_ikpa: str
    tahun: int | None
    bulan_data: int
    target: float
    pagu_efektif: dict[str, int]
    bobot: dict[str, float]  # share of each spending type in the effective pagu
    serapan_bulan: dict[str, list[float]]  # cumulative % of pagu at the end of months 1-12 (actual, then RPD)
    target_tw: dict[str, tuple[float, float, float, float]]
    nilai_tw: list[float | None]  # quarter values of the quarters done
    nilai_tw_rpd: list[float | None]  # all four quarters if the unit follows its RPD
    deviasi_bulan: list[float | None]  # D_m of the months assessed so far
    deviasi_rata: float | None
    permil_dispensasi: float | None
    pengurang: float  # the deduction used (from details, else OM-SPAN, else 0)
    indikator: list[NilaiIndikator]
    ikpa_kini: float | None
    ikpa_proyeksi: float | None
    ikpa_tertinggi: float | None
    penyerapan_dibutuhkan: float | None  # the year's Penyerapan value the target needs
    kebutuhan: list[KebutuhanTw]  # even split over the remaining quarters
    tw_berikut_minimum: float | None  # the next quarter's floor when the later ones reach 100
    tercapai: bool | None  # can the target still be reached (None: not enough data)
    anggaran_deviasi: float | None  # mean deviation allowed per remaining month to keep Deviasi at 100
    # (None when Deviasi can no longer be 100: then deviasi_akhir, with no deviation from now on)
    deviasi_akhir: float | None
    tenggat: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    # What the sheet "Rencana IKPA" must show (its formulas' results, keyed as the schema
    # declares them): named cells, and the rows of its three tables.
    lembar: dict[str, Any] = field(default_factory=dict)
    baris_bulan: list[dict[str, Any]] = field(default_factory=list)
    baris_tw: list[dict[str, Any]] = field(default_factory=list)
    baris_indikator: list[dict[str, Any]] = field(default_factory=list)


def _rata(xs: list[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def _bulan(lakip: Lakip) -> dict[int, BulanRencana]:
    out: dict[int, BulanRencana] = {}
    for i, b in enumerate(lakip.rencana_ikpa.bulan, 1):
        if b.bulan is None:
            if ada_isi(b):
                raise RencanaTidakDapat(f"Rencana IKPA baris {i}: bulannya kosong; isi 1 sampai 12.")
            continue
        if not 1 <= b.bulan <= 12:
            raise RencanaTidakDapat(f"Rencana IKPA baris {i}: bulan {b.bulan} tidak ada; isi 1 sampai 12.")
        if b.bulan in out:
            raise RencanaTidakDapat(f"Rencana IKPA baris {i}: bulan {b.bulan} tercantum dua kali; gabungkan isinya.")
        out[b.bulan] = b
    return out


def ada_isi(b: BulanRencana) -> bool:
    """Whether a month row holds anything besides its month."""
    return any(v not in (None, "") for k, v in vars(b).items() if k != "bulan")


def laporan(b: BulanRencana) -> float | None:
    """The row's output report as a score: Ya 100, Tidak 0, else none (case as Excel's '=' ignores it)."""
    return {"ya": 100.0, "tidak": 0.0}.get(b.laporan_tepat_waktu.lower())


def _uang(b: BulanRencana | None, awal: str, j: str) -> int:
    v = getattr(b, f"{awal}_{j}", None) if b is not None else None
    return v or 0


def skor_revisi(n: int, ar: AturanRencana) -> float:
    return next(s for batas, s in ar.skor_revisi if batas is None or n <= batas)


def pengurang_dispensasi(permil: float, ar: AturanRencana) -> float:
    if permil <= 0:
        return 0.0
    return next((p for b, p in ar.pengurang_dispensasi if permil >= b), 0.0)


def nilai_deviasi(rata: float, batas: float) -> float:
    return 100.0 if rata <= batas else max(0.0, 100.0 - rata)


def deviasi_jenis(realisasi: int, rpd: int) -> float:
    if rpd <= 0:
        return 0.0 if realisasi == 0 else 100.0
    return min(100.0, abs(realisasi - rpd) / rpd * 100)


class _Perencana:
    def __init__(self, lakip: Lakip, aturan: Aturan, target: float | None) -> None:
        self.lakip = lakip
        r = lakip.rencana_ikpa
        self.tahun = lakip.profil.tahun
        kode, _ = aturan.ikpa_berlaku(lakip.ikpa.aturan, self.tahun)
        try:
            self.set_ikpa: AturanIkpa = aturan.set_ikpa(kode)
        except KeyError:
            raise RencanaTidakDapat(f"Aturan IKPA '{kode}' tidak ada dalam aturan penilaian.") from None
        ar = aturan.rencana(kode)
        if ar is None:
            raise RencanaTidakDapat(
                f"Perencana IKPA hanya tersedia untuk aturan yang memiliki target penyerapan per triwulan "
                f"(PER-5/PB/2024, TA 2024 ke atas); data ini memakai aturan IKPA '{kode}'."
            )
        self.ar = ar
        self.kode = kode
        self.aturan = aturan
        # The argument (CLI --target), else the data's, else 95.
        self.target = next(t for t in (target, r.target_ikpa, TARGET_BAKU) if t is not None)
        self.bulan = _bulan(lakip)
        terisi = [m for m, b in self.bulan.items() if any(_uang(b, "realisasi", j) for j in JENIS_BELANJA_IKPA)]
        self.bulan_data = r.bulan_data if r.bulan_data is not None else max(terisi, default=0)
        if not 0 <= self.bulan_data <= 12:
            raise RencanaTidakDapat(f"Rencana IKPA: 'data sampai bulan' {self.bulan_data} tidak ada; isi 0 sampai 12.")
        blokir = self.tahun is None or self.tahun >= ar.blokir_mulai_tahun
        self.pagu: dict[str, int] = {}
        for j in JENIS_BELANJA_IKPA:
            p = getattr(r, f"pagu_{j}") or 0
            b = (getattr(r, f"blokir_{j}") or 0) if blokir else 0
            if p - b > 0:
                self.pagu[j] = p - b
        total = sum(self.pagu.values())
        self.bobot = {j: p / total for j, p in self.pagu.items()}
        tanpa_target = [j for j in self.pagu if j not in dict(ar.target_penyerapan)]
        if tanpa_target:
            raise RencanaTidakDapat(
                f"Aturan perencana tidak memiliki target penyerapan jenis belanja {tanpa_target[0]}."
            )
        # Cumulative % of pagu at the end of each month: actual up to the data month, then RPD.
        self.serapan: dict[str, list[float]] = {}
        for j, p in self.pagu.items():
            jumlah, seri = 0, []
            for m in range(1, 13):
                b = self.bulan.get(m)
                jumlah += _uang(b, "realisasi", j) if m <= self.bulan_data else _uang(b, "rpd", j)
                seri.append(jumlah / p * 100)
            self.serapan[j] = seri

    # -- indicators from details -----------------------------------------------------------

    def nilai_tw(self, q: int) -> float | None:
        """Quarter value of quarter q (1-4) on the cumulative series (actual, then RPD)."""
        if not self.pagu:
            return None
        return sum(
            w * min(self.ar.batas_rasio_penyerapan, self.serapan[j][3 * q - 1] / self.ar.target(j)[q - 1] * 100)
            for j, w in self.bobot.items()
        )

    @property
    def tw_selesai(self) -> int:
        return self.bulan_data // 3

    def deviasi_bulan(self) -> list[float | None]:
        out: list[float | None] = []
        for m in range(1, 13):
            if m > min(self.bulan_data, self.ar.bulan_deviasi_terakhir) or not self.pagu:
                out.append(None)
                continue
            b = self.bulan.get(m)
            out.append(
                sum(w * deviasi_jenis(_uang(b, "realisasi", j), _uang(b, "rpd", j)) for j, w in self.bobot.items())
            )
        return out

    def revisi(self, sisa_nol: bool) -> float | None:
        r = self.lakip.rencana_ikpa
        jumlah = [r.revisi_semester_i, r.revisi_semester_ii]
        if all(n is None for n in jumlah):
            return None
        semester = 2 if (sisa_nol or self.bulan_data >= 7) else 1
        skor = [skor_revisi(n or 0, self.ar) for n in jumlah[:semester]]
        return min(self.ar.batas_nilai_revisi, sum(skor) / len(skor))

    def ketepatan(self, akhir: bool) -> float | None:
        """On-time share of the monthly output reports to date; ``akhir``: with the remaining
        months' reports on time."""
        tepat: list[float] = []
        for m in range(1, 13):
            b = self.bulan.get(m)
            nilai = laporan(b) if b is not None else None
            if m <= self.bulan_data and nilai is not None:
                tepat.append(nilai)
            elif m > self.bulan_data and akhir:
                tepat.append(100.0)
        return _rata(tepat)

    def ro(self) -> float | None:
        """The latest RO progress to date (capped at 100)."""
        ro = None
        for m in range(1, self.bulan_data + 1):
            b = self.bulan.get(m)
            if b is not None and b.capaian_ro is not None:
                ro = min(100.0, b.capaian_ro)
        return ro

    def capaian_output(self, ketepatan: float | None, ro: float | None) -> float | None:
        if ketepatan is None or ro is None:
            return None
        return (self.ar.bobot_ketepatan_output * ketepatan + self.ar.bobot_capaian_ro * ro) / 100

    # -- the plan --------------------------------------------------------------------------

    def hitung(self) -> HasilRencana:
        ar, r = self.ar, self.lakip.rencana_ikpa
        catatan: list[str] = []
        selesai = self.tw_selesai
        tw = [self.nilai_tw(q) if q <= selesai else None for q in range(1, 5)]
        tw_rpd = [self.nilai_tw(q) for q in range(1, 5)]
        dev = self.deviasi_bulan()
        dev_nilai = [d for d in dev if d is not None]
        dev_rata = _rata(dev_nilai)
        n_dev = ar.bulan_deviasi_terakhir
        dev_akhir = nilai_deviasi(sum(dev_nilai) / n_dev, ar.batas_deviasi) if self.pagu else None
        permil = None
        if r.spm_jumlah:
            permil = (r.spm_dispensasi or 0) / r.spm_jumlah * 1000
        pengurang = (
            pengurang_dispensasi(permil, ar) if permil is not None else (self.lakip.ikpa.pengurang_dispensasi or 0.0)
        )
        rincian_kini = {
            "penyerapan": _rata([x for x in tw if x is not None]),
            "deviasi_halaman_iii": nilai_deviasi(dev_rata, ar.batas_deviasi) if dev_rata is not None else None,
            "revisi_dipa": self.revisi(False),
            "capaian_output": self.capaian_output(self.ketepatan(False), self.ro()),
        }
        ada_serap = bool(self.pagu)
        rincian_proyeksi = {
            "penyerapan": _rata([x for x in tw_rpd if x is not None]) if ada_serap else None,
            "deviasi_halaman_iii": dev_akhir,
            "revisi_dipa": self.revisi(True),
            "capaian_output": self.capaian_output(self.ketepatan(True), self.ro()),
        }
        rincian_tertinggi = dict(rincian_proyeksi)
        if ada_serap:
            rincian_tertinggi["penyerapan"] = (
                sum(x or 0.0 for x in tw) + ar.batas_rasio_penyerapan * (4 - selesai)
            ) / 4
        rincian_tertinggi["capaian_output"] = self.capaian_output(self.ketepatan(True), 100.0)
        # An indicator computed from details whose details are blank: its highest value is not
        # known; the bound 100 is used (so "cannot be reached" is never said wrongly), and said.
        batas_atas = {k: (100.0 if v is None else v) for k, v in rincian_tertinggi.items()}
        omspan: dict[str, KomponenIkpa] = {}
        for komponen in self.lakip.ikpa.komponen:
            omspan.setdefault(komponen.kode, komponen)  # the first row of a code, as the sheet's MATCH finds it
        indikator = []
        tanpa_rincian: list[str] = []
        for ind in self.set_ikpa.indikator:
            k = omspan.get(ind.kode)
            berlaku = k.berlaku if k is not None else True
            bobot = k.bobot if (k is not None and k.bobot is not None) else ind.bobot
            kini: float | None
            if k is not None and k.nilai is not None:
                kini, sumber = k.nilai, "OM-SPAN"
            elif rincian_kini.get(ind.kode) is not None:
                kini, sumber = rincian_kini[ind.kode], "rincian"
            else:
                kini, sumber = None, ""
            proyeksi = rincian_proyeksi.get(ind.kode)
            tertinggi = batas_atas.get(ind.kode)
            if berlaku and ind.kode in rincian_tertinggi and rincian_tertinggi[ind.kode] is None:
                tanpa_rincian.append(ind.nama)
            indikator.append(
                NilaiIndikator(
                    ind.kode,
                    ind.nama,
                    bobot,
                    berlaku,
                    kini,
                    sumber,
                    proyeksi if proyeksi is not None else kini,
                    tertinggi if tertinggi is not None else kini,
                )
            )
        if tanpa_rincian:
            catatan.append(
                "Nilai tertinggi dihitung dengan anggapan " + ", ".join(tanpa_rincian) + " dapat mencapai 100, karena "
                "rinciannya di lembar Rencana IKPA kosong; isi rinciannya untuk nilai yang sebenarnya dapat dicapai."
            )
        kini_ikpa = self._ikpa(indikator, "kini", pengurang)
        proyeksi_ikpa = self._ikpa(indikator, "proyeksi", pengurang)
        tertinggi_ikpa = self._ikpa(indikator, "tertinggi", pengurang)
        kosong = [i.nama for i in indikator if i.berlaku and i.tertinggi is None]
        if kosong:
            catatan.append(
                "Nilai IKPA belum dapat dihitung: " + ", ".join(kosong) + " belum ada nilainya (isi di lembar IKPA "
                "dari OM-SPAN, atau isi rinciannya di lembar Rencana IKPA; yang tidak dinilai: Berlaku = Tidak)."
            )
        butuh = self._penyerapan_dibutuhkan(indikator, pengurang)
        kebutuhan: list[KebutuhanTw] = []
        berikut = None
        tercapai = None
        if tertinggi_ikpa is not None:
            tercapai = tertinggi_ikpa >= self.target - 1e-9
        if butuh is not None and ada_serap and selesai < 4:
            sisa = 4 - selesai
            kurang = 4 * butuh - sum(x or 0.0 for x in tw)
            rata = max(0.0, kurang / sisa)
            berikut = max(0.0, kurang - ar.batas_rasio_penyerapan * (sisa - 1))
            if rata <= ar.batas_rasio_penyerapan + 1e-9:
                kini_pct = {j: self.serapan_kini(j) for j in self.pagu}
                for q in range(selesai + 1, 5):
                    kebutuhan.append(
                        KebutuhanTw(
                            q,
                            rata,
                            {j: max(kini_pct[j], rata / 100 * ar.target(j)[q - 1]) for j in self.pagu},
                        )
                    )
        anggaran = None
        if self.pagu and self.bulan_data < n_dev:
            sisa_bulan = n_dev - self.bulan_data
            ruang = ar.batas_deviasi * n_dev - sum(dev_nilai)
            # Spent already: Deviasi cannot return to 100 (deviasi_akhir says what it can reach).
            anggaran = ruang / sisa_bulan if ruang >= 0 else None
        h = HasilRencana(
            aturan_ikpa=self.kode,
            tahun=self.tahun,
            bulan_data=self.bulan_data,
            target=self.target,
            pagu_efektif=dict(self.pagu),
            bobot=dict(self.bobot),
            serapan_bulan=self.serapan,
            target_tw={j: ar.target(j) for j in self.pagu},
            nilai_tw=tw,
            nilai_tw_rpd=tw_rpd if ada_serap else [None] * 4,
            deviasi_bulan=dev,
            deviasi_rata=dev_rata,
            permil_dispensasi=permil,
            pengurang=pengurang,
            indikator=indikator,
            ikpa_kini=kini_ikpa,
            ikpa_proyeksi=proyeksi_ikpa,
            ikpa_tertinggi=tertinggi_ikpa,
            penyerapan_dibutuhkan=butuh,
            kebutuhan=kebutuhan,
            tw_berikut_minimum=berikut if kebutuhan else None,
            tercapai=tercapai,
            anggaran_deviasi=anggaran,
            deviasi_akhir=dev_akhir,
            tenggat=self.tenggat(),
            catatan=catatan,
        )
        self._lembar(h, rincian_kini, rincian_proyeksi, rincian_tertinggi, batas_atas, omspan)
        return h

    def _lembar(
        self,
        h: HasilRencana,
        kini: dict[str, float | None],
        proyeksi: dict[str, float | None],
        tertinggi: dict[str, float | None],
        batas_atas: dict[str, float],
        omspan: dict[str, KomponenIkpa],
    ) -> None:
        """The sheet's view of the plan: every formula cell of "Rencana IKPA" (skema.RENCANA and
        its tables) with the value it must show."""
        ar, r = self.ar, self.lakip.rencana_ikpa
        selesai = self.tw_selesai
        ada = bool(self.pagu)
        L: dict[str, Any] = {"aturan": self.kode, "target": self.target, "bulan_data": self.bulan_data}
        for j in JENIS_BELANJA_IKPA:
            L[f"pagu_efektif_{j}"] = self.pagu.get(j, 0)
            L[f"bobot_{j}"] = self.bobot.get(j, 0.0) if ada else None
            L[f"serapan_kini_{j}"] = self.serapan_kini(j) if j in self.pagu else None
        L["pagu_efektif_total"] = sum(self.pagu.values())
        L["penyerapan_kini"], L["penyerapan_akhir"] = kini["penyerapan"], proyeksi["penyerapan"]
        L["penyerapan_tertinggi"] = tertinggi["penyerapan"]
        L["deviasi_rata"], L["deviasi_kini"] = h.deviasi_rata, kini["deviasi_halaman_iii"]
        L["deviasi_akhir"] = proyeksi["deviasi_halaman_iii"]
        L["skor_revisi_i"] = skor_revisi(r.revisi_semester_i or 0, ar)
        L["skor_revisi_ii"] = skor_revisi(r.revisi_semester_ii or 0, ar)
        L["revisi_kini"], L["revisi_akhir"] = kini["revisi_dipa"], proyeksi["revisi_dipa"]
        L["ketepatan_kini"], L["ketepatan_akhir"], L["ro_kini"] = self.ketepatan(False), self.ketepatan(True), self.ro()
        L["capaian_output_kini"], L["capaian_output_akhir"] = kini["capaian_output"], proyeksi["capaian_output"]
        L["capaian_output_tertinggi"] = tertinggi["capaian_output"]
        L["permil_dispensasi"], L["pengurang"] = h.permil_dispensasi, h.pengurang
        L["ikpa_kini"], L["ikpa_proyeksi"], L["ikpa_tertinggi"] = h.ikpa_kini, h.ikpa_proyeksi, h.ikpa_tertinggi
        L["tercapai"] = None if h.tercapai is None else ("Ya" if h.tercapai else "Tidak")
        L["penyerapan_dibutuhkan"] = h.penyerapan_dibutuhkan
        rata = h.kebutuhan[0].nilai if h.kebutuhan else None
        L["tw_dibutuhkan"], L["tw_berikut"], L["anggaran_deviasi"] = rata, h.tw_berikut_minimum, h.anggaran_deviasi
        h.lembar = L
        n_dev = min(self.bulan_data, ar.bulan_deviasi_terakhir)
        for b in urutan_bulan(r):
            m = b.bulan if b.bulan is not None and 1 <= b.bulan <= 12 else None
            isi = any(_uang(b, "realisasi", j) for j in JENIS_BELANJA_IKPA)
            baris: dict[str, Any] = {
                "deviasi": h.deviasi_bulan[m - 1] if m is not None and m <= n_dev else None,
                "terisi": (b.bulan or 0) if isi else 0,
                "tepat": None,
                "ro_bulan": m if m is not None and m <= self.bulan_data and b.capaian_ro is not None else 0,
                "bulan_salah": 0,  # a plan exists only when every month row is valid
            }
            if m is not None and m <= self.bulan_data:
                baris["tepat"] = laporan(b)
            for j in JENIS_BELANJA_IKPA:
                baris[f"serapan_{j}"] = self.serapan[j][m - 1] if m is not None and j in self.pagu else None
            h.baris_bulan.append(baris)
        target = dict(ar.target_penyerapan)
        for q in range(1, 5):
            dibutuhkan = rata if rata is not None and q > selesai else None
            tw: dict[str, Any] = {
                "nilai_rpd": h.nilai_tw_rpd[q - 1],
                "nilai": h.nilai_tw[q - 1],
                "dibutuhkan": dibutuhkan,
                "rencana_total": sum(w * self.serapan[j][3 * q - 1] for j, w in self.bobot.items()) if ada else None,
                "target_total": sum(w * target[j][q - 1] for j, w in self.bobot.items()) if ada else None,
            }
            for j in JENIS_BELANJA_IKPA:
                tw[f"target_{j}"] = target[j][q - 1] if j in target else None
                tw[f"kumulatif_{j}"] = self.serapan[j][3 * q - 1] if j in self.pagu else None
                tw[f"minimal_{j}"] = (
                    max(self.serapan_kini(j), dibutuhkan / 100 * target[j][q - 1])
                    if dibutuhkan is not None and j in self.pagu
                    else None
                )
            h.baris_tw.append(tw)
        for i in h.indikator:
            k = omspan.get(i.kode)
            baris = {
                "nama": i.nama,
                "bobot": i.bobot,
                "berlaku": "Ya" if i.berlaku else "Tidak",
                "omspan": k.nilai if k is not None else None,
                "rincian_kini": kini.get(i.kode),
                "kini": i.kini,
                "sumber": i.sumber or None,
                "rincian_proyeksi": proyeksi.get(i.kode),
                "proyeksi": i.proyeksi,
                "rincian_tertinggi": batas_atas.get(i.kode),
                "tertinggi": i.tertinggi,
            }
            for x in ("kini", "proyeksi", "tertinggi"):
                v = getattr(i, x)
                baris[f"t_{x}"] = v * i.bobot / 100 if i.berlaku and v is not None else None
            h.baris_indikator.append(baris)

    def serapan_kini(self, j: str) -> float:
        return self.serapan[j][self.bulan_data - 1] if self.bulan_data else 0.0

    def _ikpa(self, indikator: list[NilaiIndikator], kolom: str, pengurang: float) -> float | None:
        s = self.lakip.pengaturan
        return hitung_ikpa(
            [KomponenMasukan(i.kode, getattr(i, kolom), i.berlaku, i.bobot) for i in indikator],
            self.set_ikpa,
            metode_aspek=s.metode_aspek_ikpa,
            pengurang=pengurang,
            urutan_pengurang=s.pengurang_dispensasi,
        ).nilai_akhir

    def _penyerapan_dibutuhkan(self, indikator: list[NilaiIndikator], pengurang: float) -> float | None:
        """The year's Penyerapan value that brings the IKPA to the target when every other
        indicator reaches its highest value (solved from the IKPA formula)."""
        pen = next((i for i in indikator if i.kode == "penyerapan"), None)
        lain = [i for i in indikator if i.kode != "penyerapan" and i.berlaku]
        if pen is None or not pen.berlaku or pen.bobot <= 0 or any(i.tertinggi is None for i in lain):
            return None
        k = (sum(i.bobot for i in lain) + pen.bobot) / 100
        jumlah_lain = sum((i.tertinggi or 0.0) * i.bobot / 100 for i in lain)
        potong = pengurang if self.set_ikpa.dispensasi == "pengurang" else 0.0
        if self.lakip.pengaturan.pengurang_dispensasi == "sebelum":
            total = self.target * k + potong
        else:
            total = (self.target + potong) * k
        return (total - jumlah_lain) * 100 / pen.bobot

    def tenggat(self) -> list[str]:
        """The deadlines of the coming months (from the month after the data), this year's
        dated ones replacing the generic ones of the same month."""
        out = []
        tahunan = {t.bulan for t in self.ar.tenggat if t.tahun is not None and t.tahun == self.tahun}
        for t in self.ar.tenggat:
            if t.tahun is not None and t.tahun != self.tahun:
                continue
            if t.tahun is None and t.bulan in tahunan:
                continue
            if t.bulan == 0 or t.bulan > self.bulan_data:
                out.append(t.uraian)
        return out


def urutan_bulan(r: RencanaIkpa) -> list[BulanRencana]:
    """The month rows as the sheet lists them: January to December (the first row of each
    month, or an empty one), then any row without a valid month (kept, never dropped)."""
    per_bulan: dict[int, BulanRencana] = {}
    sisa = []
    for b in r.bulan:
        if b.bulan is not None and 1 <= b.bulan <= 12 and b.bulan not in per_bulan:
            per_bulan[b.bulan] = b
        else:
            sisa.append(b)
    return [per_bulan.get(m) or BulanRencana(bulan=m) for m in range(1, 13)] + sisa


def hitung_rencana(lakip: Lakip, aturan: Aturan, target: float | None = None) -> HasilRencana:
    """The IKPA plan of ``lakip`` under ``aturan`` (target: the argument, else the data's, else 95)."""
    return _Perencana(lakip, aturan, target).hitung()


def kalimat_deviasi(
    h: HasilRencana, persen: Callable[[float | None], str], angka: Callable[[float | None], str]
) -> str:
    """What the remaining months may deviate from the RPD (or that Deviasi cannot be 100 again);
    blank when no month is left to assess or there are no details."""
    if h.anggaran_deviasi is not None:
        return (
            f"Agar nilai Deviasi Halaman III DIPA tetap 100, deviasi rata-rata setiap bulan sisa (sampai November) "
            f"paling banyak {persen(h.anggaran_deviasi)}."
        )
    if h.deviasi_akhir is not None and h.deviasi_akhir < 100 and h.bulan_data < 11:
        return (
            f"Nilai Deviasi Halaman III DIPA tidak dapat lagi mencapai 100: bila realisasi setiap bulan sisa tepat "
            f"sama dengan RPD, nilainya {angka(h.deviasi_akhir)}."
        )
    return ""


LEMBAR_SAJA = ("lembar", "baris_bulan", "baris_tw", "baris_indikator")


def rencana_json(h: HasilRencana) -> dict[str, Any]:
    """The plan as plain JSON, without the sheet's view (``LEMBAR_SAJA``)."""
    import dataclasses

    return {k: v for k, v in dataclasses.asdict(h).items() if k not in LEMBAR_SAJA}
