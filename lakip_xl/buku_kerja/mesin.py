"""What every formula cell of the workbook must show, computed by the Python engine.

The builder writes these as the formulas' cached results (so a viewer that does not
recalculate still shows the right numbers) and the tests compare LibreOffice's recalculated
values with them. ``None`` stands for a formula that shows a blank (``""``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..compute.aturan import Aturan
from ..compute.hasil import Hasil
from ..model import Lakip


@dataclass
class Mesin:
    lakip: Lakip
    hasil: Hasil
    aturan: Aturan

    # -- tables -------------------------------------------------------------------------------
    def tabel(self, tabel: str, kolom: str, i: int) -> Any:
        fn = getattr(self, f"_t_{tabel}", None)
        if fn is None:
            raise KeyError(f"tidak ada nilai mesin untuk {tabel}.{kolom}")
        return fn(kolom, i)

    def _t_Realisasi(self, k: str, i: int) -> Any:
        if i >= len(self.lakip.indikator):
            return None
        ind = self.lakip.indikator[i]
        h = self.hasil.indikator[i]
        if k == "kode":
            return ind.kode or None
        if k == "nama":
            return ind.nama or None
        if k == "target":
            return ind.target
        if k == "realisasi_periode":
            return h.realisasi
        if k == "capaian":
            return h.capaian
        if k == "capaian_mentah":
            from ..compute.capaian import capaian

            s = self.lakip.pengaturan
            return capaian(ind.target, h.realisasi, ind.polaritas, None, ind.target_atas, s.rumus_negatif)
        raise KeyError(k)

    def _simpul(self, daftar: list[Any], k: str, i: int) -> Any:
        if i >= len(daftar):
            return None
        s = daftar[i]
        return {
            "pagu_rincian": s.pagu_rincian,
            "realisasi_rincian": s.realisasi_rincian,
            "pagu_efektif": s.pagu,
            "realisasi_efektif": s.realisasi,
            "sisa": s.sisa,
            "penyerapan": s.penyerapan,
        }.get(k, _TIDAK)

    def _t_Program(self, k: str, i: int) -> Any:
        v = self._simpul(self.hasil.anggaran.per_program, k, i)
        if v is _TIDAK:
            if k == "pembanding_penyerapan":
                return self.hasil.anggaran.perbandingan[i]["pembanding_penyerapan"]
            raise KeyError(k)
        return v

    def _t_Kegiatan(self, k: str, i: int) -> Any:
        v = self._simpul(self.hasil.anggaran.per_kegiatan, k, i)
        if v is _TIDAK:
            raise KeyError(k)
        return v

    def _t_Output(self, k: str, i: int) -> Any:
        if i >= len(self.hasil.output):
            return None
        return getattr(self.hasil.output[i], k)

    def _baris(self, daftar: list[Any], k: str, i: int) -> Any:
        if i >= len(daftar):
            return None
        return getattr(daftar[i], k)

    def _t_JenisBelanja(self, k: str, i: int) -> Any:
        return self._baris(self.hasil.anggaran.per_jenis, k, i)

    def _t_SumberDana(self, k: str, i: int) -> Any:
        return self._baris(self.hasil.anggaran.per_sumber, k, i)

    def _t_IkpaKomponen(self, k: str, i: int) -> Any:
        komp = self.lakip.ikpa.komponen
        if i >= len(komp) or not komp[i].kode:
            return 0 if k in ("dalam_aturan", "ikut_aspek", "terisi") else None
        c = komp[i]
        semua = {x.kode: x for xs in self.aturan.ikpa for x in xs.indikator}
        try:
            ind = self.aturan.set_ikpa(self.lakip.ikpa.aturan).cari(c.kode)
        except KeyError:
            ind = None
        dikenal = semua.get(c.kode)
        bobot = None if ind is None else (ind.bobot if c.bobot is None else c.bobot)
        tertimbang = c.nilai * bobot / 100 if (bobot is not None and c.berlaku and c.nilai is not None) else None
        s = self.lakip.pengaturan
        return {
            "nama": dikenal.nama if dikenal else "(kode tidak dikenal)",
            "aspek": dikenal.aspek if dikenal else None,
            "dalam_aturan": 1 if ind is not None else 0,
            "bobot_baku": None if ind is None else ind.bobot,
            "bobot_dipakai": bobot,
            "nilai_tertimbang": tertimbang,
            "bobot_berlaku": bobot if tertimbang is not None else None,
            "terisi": 1 if ind is not None and (not c.berlaku or c.nilai is not None) else 0,
            "ikut_aspek": 1
            if tertimbang is not None and not (s.metode_aspek_ikpa == "tanpa_dispensasi" and c.kode == "dispensasi_spm")
            else 0,
        }[k]

    # -- named cells --------------------------------------------------------------------------
    def nama(self, nama: str) -> Any:
        h = self.hasil
        a = h.anggaran
        ik = h.ikpa
        n = {
            "JumlahTW": 2 if self.lakip.profil.periode == "Semester I" else 4,
            "JumlahKecamatan": h.wilayah.kecamatan,
            "JumlahDesa": h.wilayah.desa,
            "JumlahPenduduk": h.wilayah.penduduk,
            "JumlahPaguProgram": a.pagu_rincian,
            "JumlahRealisasiProgram": a.realisasi_rincian,
            "PaguTotal": a.pagu,
            "RealisasiTotal": a.realisasi,
            "SisaTotal": a.sisa,
            "PenyerapanTotal": a.penyerapan,
            "NilaiTotalIKPA": ik.nilai_total if ik else None,
            "KonversiBobotIKPA": ik.konversi_bobot if ik else None,
            "NilaiAkhirIKPA": ik.nilai_akhir if ik else None,
            "AspekPerencanaanIKPA": ik.aspek["perencanaan"] if ik else None,
            "AspekPelaksanaanIKPA": ik.aspek["pelaksanaan"] if ik else None,
            "AspekHasilIKPA": ik.aspek["hasil"] if ik else None,
            "PredikatIKPA": ik.predikat if ik else None,
            "SmartEfisiensiDipakai": h.nka.efisiensi,
            "NilaiNKA": h.nka.nilai,
            "PredikatNKA": h.nka.predikat,
            "NilaiPKPA": h.pkpa,
            "NilaiSAKIP": h.sakip["nilai"],
            "PredikatSAKIP": h.sakip["predikat"],
            "RataRataCapaianIKU": h.rata_rata_capaian_iku,
        }
        for awal, total in (("Jenis", a.jenis), ("Sumber", a.sumber)):
            n[f"{awal}Pagu"] = total.pagu
            n[f"{awal}Realisasi"] = total.realisasi
            n[f"{awal}Sisa"] = total.sisa
            n[f"{awal}Penyerapan"] = total.penyerapan
            n[f"{awal}PembandingPagu"] = total.pembanding_pagu
            n[f"{awal}PembandingRealisasi"] = total.pembanding_realisasi
            n[f"{awal}PembandingPenyerapan"] = total.pembanding_penyerapan
        for kunci, x, y in (
            ("SelisihPaguJenis", a.jenis.pagu, a.pagu),
            ("SelisihPaguSumber", a.sumber.pagu, a.pagu),
            ("SelisihRealisasiJenis", a.jenis.realisasi, a.realisasi),
            ("SelisihRealisasiSumber", a.sumber.realisasi, a.realisasi),
        ):
            n[kunci] = None if x is None or y is None else x - y
        if nama not in n:
            raise KeyError(nama)
        return n[nama]


_TIDAK = object()


def mesin(lakip: Lakip, hasil: Hasil, aturan: Aturan) -> Mesin:
    return Mesin(lakip, hasil, aturan)
