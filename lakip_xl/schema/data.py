"""The JSON data format: model <-> plain JSON, driven by the model's type hints.

Reading is forgiving and honest: a figure typed as Indonesian text ("1.147.335.000",
"3,25") is read and reported as a ``peringatan``; a figure that cannot be read is a
``galat`` naming its location and left blank; an unknown key is a ``peringatan`` (it is
usually a typo). Nothing raises for bad content; only a file that is not JSON at all, or
whose top level is not an object, raises :class:`BerkasTidakValid`.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from ..compute.angka import BATAS_ANGKA, AngkaTidakValid, konversi_persen, parse_angka
from ..compute.aturan import Aturan
from ..compute.skor import METODE_ASPEK_LAMA
from ..galat import AturanTidakValid, BerkasTidakValid
from ..model import SCHEMA_VERSION, Lakip
from ..validasi.temuan import Jalur, Temuan, jalur_teks

# Top-level key of the optional rules section (shaped like lakip_xl/data/aturan.json).
KUNCI_ATURAN = "aturan"

# Fields holding integer rupiah or counts (everything else numeric is a float).
_INT = int


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _rencana(cls: type) -> dict[str, tuple[str, Any, bool, Any]]:
    """Per field of a model class: its type analysis, computed once."""
    return {k: _analisis(tp) for k, tp in _hints(cls).items()}


@cache
def _analisis(tp: Any) -> tuple[str, Any, bool, Any]:
    """(kind, base type, optional, extra) of a model type, computed once per type."""
    base, opsional = _strip_optional(tp)
    if dataclasses.is_dataclass(base):
        return "dc", base, opsional, None
    origin = get_origin(base)
    if origin is list:
        return "list", base, opsional, get_args(base)[0]
    if origin is Literal:
        return "lit", base, opsional, get_args(base)
    if base in (int, float):
        return "angka", base, opsional, None
    return "lain", base, opsional, None


def _strip_optional(tp: Any) -> tuple[Any, bool]:
    if get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


class _Pembaca:
    def __init__(self) -> None:
        self.temuan: list[Temuan] = []

    def galat(self, jalur: Jalur, kode: str, pesan: str) -> None:
        self.temuan.append(Temuan(kode, "galat", jalur, pesan))

    def peringatan(self, jalur: Jalur, kode: str, pesan: str) -> None:
        self.temuan.append(Temuan(kode, "peringatan", jalur, pesan))

    def obj(self, cls: type, data: Any, jalur: Jalur) -> Any:
        if not isinstance(data, dict):
            self.galat(jalur, "BENTUK_DATA", f"'{jalur_teks(jalur) or 'data'}' harus berupa objek {{...}}.")
            return cls()
        hints = _hints(cls)
        rencana = _rencana(cls)
        nilai: dict[str, Any] = {}
        for kunci, isi in data.items():
            a = rencana.get(kunci)
            if a is None:
                if not kunci.startswith("_"):
                    self.peringatan(
                        (*jalur, kunci),
                        "KUNCI_TIDAK_DIKENAL",
                        f"Kunci '{kunci}' tidak dikenal dan diabaikan; periksa ejaannya (lihat docs/format-data.md).",
                    )
                continue
            # Fast paths for the values almost every cell holds; everything else goes the long way.
            base = a[1]
            if isi is None:
                if a[2]:
                    nilai[kunci] = None
                continue
            t = type(isi)
            if base is str and t is str:
                nilai[kunci] = isi
                continue
            if base is float and (t is float or t is int) and -BATAS_ANGKA <= isi <= BATAS_ANGKA:
                nilai[kunci] = float(isi)
                continue
            if base is int and t is int and -BATAS_ANGKA <= isi <= BATAS_ANGKA:
                nilai[kunci] = isi
                continue
            if a[0] == "lit" and isi in a[3]:
                nilai[kunci] = isi
                continue
            if a[0] == "list" and t is list and _analisis(a[3])[:3] == ("angka", float, True):
                if all(x is None or (type(x) in (int, float) and -BATAS_ANGKA <= x <= BATAS_ANGKA) for x in isi):
                    nilai[kunci] = [None if x is None else float(x) for x in isi]
                    continue
            v = self.nilai(hints[kunci], isi, (*jalur, kunci))
            if v is not _KOSONG:
                nilai[kunci] = v
        return cls(**nilai)

    def nilai(self, tp: Any, isi: Any, jalur: Jalur) -> Any:
        jenis, tp, opsional, arg = _analisis(tp)
        if isi is None:
            return None if opsional else _KOSONG
        if jenis == "angka" and type(isi) in (int, float):  # the common case, kept fast
            return self.angka(tp, isi, jalur)
        if jenis == "dc":
            return self.obj(tp, isi, jalur)
        if jenis == "list":
            item_tp = arg
            if not isinstance(isi, list):
                self.galat(jalur, "BENTUK_DATA", f"'{jalur_teks(jalur)}' harus berupa daftar [...].")
                return _KOSONG
            _, _, item_opsional, _ = _analisis(item_tp)
            hasil = []
            for i, x in enumerate(isi):
                if x is None and not item_opsional:
                    self.galat(
                        (*jalur, i),
                        "BENTUK_DATA",
                        f"Isian ke-{i + 1} di '{jalur_teks(jalur)}' kosong (null) dan diabaikan.",
                    )
                    continue
                v = self.nilai(item_tp, x, (*jalur, i))
                if v is not _KOSONG:
                    hasil.append(v)
            return hasil
        if jenis == "lit":
            pilihan = arg
            if isi in pilihan:
                return isi
            self.galat(
                jalur,
                "PILIHAN_TIDAK_VALID",
                f"Nilai '{isi}' tidak dikenal; pilih salah satu: {', '.join(map(str, pilihan))}.",
            )
            return _KOSONG
        if tp is str:
            if isinstance(isi, str):
                return isi
            if isinstance(isi, (int, float)) and not isinstance(isi, bool):
                self.peringatan(
                    jalur,
                    "TEKS_SEBAGAI_ANGKA",
                    f"'{jalur_teks(jalur)}' ditulis sebagai angka {isi}; kode dan NIP harus teks "
                    "(nol di depan bisa hilang). Tulis di antara tanda kutip.",
                )
                return str(isi)
            self.galat(jalur, "BENTUK_DATA", f"'{jalur_teks(jalur)}' harus berupa teks.")
            return _KOSONG
        if tp is bool:
            if isinstance(isi, bool):
                return isi
            if isinstance(isi, str) and isi.strip().lower() in ("ya", "tidak"):
                return isi.strip().lower() == "ya"
            self.galat(jalur, "BENTUK_DATA", f"'{jalur_teks(jalur)}' harus true/false (ya/tidak).")
            return _KOSONG
        if tp in (int, float):
            return self.angka(tp, isi, jalur)
        raise TypeError(f"tipe model tidak didukung: {tp}")  # pragma: no cover - model bug

    def angka(self, tp: type, isi: Any, jalur: Jalur) -> Any:
        if isinstance(isi, str):
            try:
                v = parse_angka(isi, bulat=tp is _INT)
            except AngkaTidakValid as e:
                self.galat(
                    jalur,
                    "ANGKA_TIDAK_VALID",
                    f"'{isi}' tidak dapat dibaca sebagai angka ({e}). Isi dengan angka, misalnya 1.147.335.000 atau 3,25.",
                )
                return None
            self.peringatan(
                jalur,
                "ANGKA_SEBAGAI_TEKS",
                f"Angka ditulis sebagai teks '{isi}' dan dibaca sebagai {v}; sebaiknya tulis sebagai angka.",
            )
            isi = v
        if isinstance(isi, bool) or not isinstance(isi, (int, float)):
            self.galat(jalur, "ANGKA_TIDAK_VALID", f"'{isi}' bukan angka. Isi dengan angka.")
            return None
        if not -BATAS_ANGKA <= isi <= BATAS_ANGKA:  # also false for NaN
            try:
                parse_angka(isi)
                pesan = f"{isi} di luar batas"
            except AngkaTidakValid as e:
                pesan = str(e)
            self.galat(jalur, "ANGKA_TIDAK_VALID", f"Nilai tidak sah ({pesan}). Periksa angkanya.")
            return None
        if tp is _INT:
            if isinstance(isi, float):
                if not isi.is_integer():
                    self.galat(
                        jalur,
                        "BUKAN_BILANGAN_BULAT",
                        f"{isi} harus bilangan bulat (tanpa pecahan). Periksa angkanya.",
                    )
                    return None
                return int(isi)
            return isi
        return float(isi) if isinstance(isi, int) else isi


_KOSONG = object()


# Sections without which a LAKIP cannot be computed: absent is a galat, never a silent blank.
BAGIAN_WAJIB = ("profil", "indikator", "anggaran")
BATAS_JSON = 20 * 2**20  # bytes; the example's data file is 0,03 MB


def dari_dict(data: Any) -> tuple[Lakip, list[Temuan]]:
    """Build the model from parsed JSON; returns the model and the reading findings."""
    if not isinstance(data, dict):
        raise BerkasTidakValid("Isi berkas JSON bukan objek data LAKIP ({...}).")
    dikenal = set(_hints(Lakip))
    if data and not (set(data) & dikenal):
        contoh = ", ".join(sorted(map(str, data))[:3])
        raise BerkasTidakValid(
            f"Isi berkas JSON bukan data LAKIP (kunci {contoh} tidak dikenal; lihat docs/format-data.md)."
        )
    versi = data.get("versi_skema", SCHEMA_VERSION)
    if not isinstance(versi, int) or isinstance(versi, bool):
        raise BerkasTidakValid(
            f"'versi_skema' harus angka bulat (saat ini {SCHEMA_VERSION}), bukan {json.dumps(versi)}."
        )
    if versi not in VERSI_TERBACA:
        raise BerkasTidakValid(
            f"Versi skema data {versi} tidak didukung (versi ini: {SCHEMA_VERSION}). "
            "Perbarui lakip-xl atau ekspor ulang data dengan versi yang sesuai."
        )
    p = _Pembaca()
    if versi == 1:
        data = migrasi_v1(data, p)
    data = _perbarui(data, p)
    lakip = p.obj(Lakip, data, ())
    k = lakip.ikpa.konversi_bobot_dinyatakan
    if k is not None and 0 < k <= 1:  # a fraction (a cell typed "80%" holds 0.8)
        lakip.ikpa.konversi_bobot_dinyatakan = k * 100
    for ind in lakip.indikator:
        for nama in ("target_tw", "realisasi_tw"):
            daftar = getattr(ind, nama)
            if len(daftar) != 4:
                i = lakip.indikator.index(ind)
                p.galat(
                    ("indikator", i, nama),
                    "JUMLAH_TRIWULAN",
                    f"'{nama}' harus berisi 4 nilai (TW I-IV), ditemukan {len(daftar)}.",
                )
                setattr(ind, nama, (list(daftar) + [None] * 4)[:4])
    return lakip, p.temuan


# Data versions this reader takes (older ones are migrated, with a peringatan for each change).
VERSI_TERBACA = (1, SCHEMA_VERSION)
# The code given to the KRO that a versi-1 kegiatan's outputs are placed under.
KODE_KRO_MIGRASI = "KRO-1"


def migrasi_v1(data: dict[str, Any], p: Any) -> dict[str, Any]:
    """Versi 1 (program -> kegiatan -> output) to versi 2 (program -> kegiatan -> KRO -> RO).

    Nothing is lost: each kegiatan keeps its own figures, and its outputs move, unchanged and in
    order, under one KRO coded ``KRO-1`` named after the kegiatan, whose pagu and realisasi stay
    blank (the sum of its ROs). The KRO code is deliberately not a DIPA code, so the validator
    keeps reminding until the real KRO code is filled in; a peringatan per kegiatan says what to do.
    """
    anggaran = data.get("anggaran")
    if not isinstance(anggaran, dict) or not isinstance(anggaran.get("program"), list):
        return {**data, "versi_skema": SCHEMA_VERSION}
    program = []
    for i, prog in enumerate(anggaran["program"]):
        if not isinstance(prog, dict) or not isinstance(prog.get("kegiatan"), list):
            program.append(prog)
            continue
        kegiatan = []
        for j, keg in enumerate(prog["kegiatan"]):
            if not isinstance(keg, dict) or "output" not in keg:
                kegiatan.append(keg)
                continue
            keg = dict(keg)
            output = keg.pop("output")
            if isinstance(output, list) and output:
                keg["kro"] = [{"kode": KODE_KRO_MIGRASI, "nama": keg.get("nama", ""), "output": output}]
                p.peringatan(
                    ("anggaran", "program", i, "kegiatan", j, "kro", 0, "kode"),
                    "KRO_DARI_VERSI_LAMA",
                    f"Data tanpa tingkat KRO (data versi 1 atau buku kerja skema 3): {len(output)} output kegiatan '{keg.get('kode', '')}' dipindahkan tanpa perubahan "
                    f"angka ke satu KRO berkode '{KODE_KRO_MIGRASI}'. Isi kode dan nama KRO yang benar dari DIPA "
                    "(mis. QAH), dan bila output kegiatan ini tersebar di beberapa KRO, pisahkan KRO-nya.",
                )
            else:
                keg["kro"] = []
            kegiatan.append(keg)
        program.append({**prog, "kegiatan": kegiatan})
    return {**data, "versi_skema": SCHEMA_VERSION, "anggaran": {**anggaran, "program": program}}


def _perbarui(data: dict[str, Any], p: _Pembaca) -> dict[str, Any]:
    """Values of earlier versions and OM-SPAN's own forms, before the model is read: an old
    ``metode_aspek_ikpa`` is migrated (and said so), a Konversi Bobot written as OM-SPAN shows
    it ("80%") is read as a number without a warning."""
    peng, ikpa = data.get("pengaturan"), data.get("ikpa")
    lama = peng.get("metode_aspek_ikpa") if isinstance(peng, dict) else None
    if isinstance(lama, str) and lama in METODE_ASPEK_LAMA:
        baru = METODE_ASPEK_LAMA[lama]
        data = {**data, "pengaturan": {**peng, "metode_aspek_ikpa": baru}}  # type: ignore[dict-item]
        arti = (
            "rata-rata sederhana indikator yang berlaku, seperti OM-SPAN"
            if baru == "rata_sederhana"
            else "rata-rata tertimbang, termasuk Dispensasi SPM bila berbobot"
        )
        p.peringatan(
            ("pengaturan", "metode_aspek_ikpa"),
            "PENGATURAN_LAMA",
            f"Pengaturan nilai aspek IKPA '{lama}' dari versi lama dibaca sebagai '{baru}' ({arti}). "
            "Perbarui isiannya; buku kerja lama: lakip-xl buku-kerja tingkatkan.",
        )
    konversi = ikpa.get("konversi_bobot_dinyatakan") if isinstance(ikpa, dict) else None
    if isinstance(konversi, str) and konversi.strip().endswith("%"):
        try:
            nilai = konversi_persen(konversi)
        except AngkaTidakValid:
            return data  # the reader names it
        data = {**data, "ikpa": {**ikpa, "konversi_bobot_dinyatakan": nilai}}  # type: ignore[dict-item]
    return data


def baca_json(path: str | Path) -> tuple[Lakip, list[Temuan]]:
    """Read a JSON data file's model; :class:`BerkasTidakValid` with an Indonesian line when unreadable."""
    lakip, temuan, _ = baca_json_lengkap(path)
    return lakip, temuan


def baca_json_lengkap(path: str | Path) -> tuple[Lakip, list[Temuan], Aturan | None]:
    """Read a JSON data file: the model, reading findings, and the rules of its optional
    ``aturan`` section (``None`` when it has none)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            teks = f.read(BATAS_JSON + 1)
        if len(teks) > BATAS_JSON:
            raise BerkasTidakValid(
                f"Berkas '{path.name}' lebih besar dari {BATAS_JSON // 2**20} MB; berkas data LAKIP jauh lebih kecil. "
                "Periksa berkasnya atau ekspor ulang."
            )
    except FileNotFoundError:
        raise BerkasTidakValid(f"Berkas '{path}' tidak ditemukan.") from None
    except IsADirectoryError:
        raise BerkasTidakValid(f"'{path}' adalah folder, bukan berkas.") from None
    except OSError as e:
        from ..berkas import pesan_os

        raise BerkasTidakValid(pesan_os(e, path, "membuka")) from None
    try:
        data = json.loads(teks.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BerkasTidakValid(f"Berkas '{path}' bukan teks JSON (UTF-8).") from None
    except json.JSONDecodeError as e:
        raise BerkasTidakValid(
            f"Berkas '{path}' bukan JSON yang sah: ada kesalahan penulisan di baris {e.lineno}, kolom {e.colno}."
        ) from None
    except (ValueError, RecursionError):
        raise BerkasTidakValid(f"Berkas '{path}' berisi JSON yang terlalu besar atau terlalu bersarang.") from None
    aturan = None
    if isinstance(data, dict) and KUNCI_ATURAN in data:
        data = dict(data)
        try:
            aturan = Aturan.dari_dict(data.pop(KUNCI_ATURAN))
        except AturanTidakValid as e:
            raise BerkasTidakValid(f"{e} (bagian '{KUNCI_ATURAN}' berkas '{path.name}').") from None
    lakip, temuan = dari_dict(data)
    hilang = [
        Temuan(
            "BAGIAN_HILANG",
            "galat",
            (bagian,),
            f"Bagian '{bagian}' tidak ada dalam berkas '{path.name}'; hasil yang bergantung padanya tidak dapat "
            "dihitung. Ekspor ulang data dari buku kerja yang lengkap (lihat docs/format-data.md).",
        )
        for bagian in BAGIAN_WAJIB
        if bagian not in data
    ]
    return lakip, hilang + temuan, aturan


def ke_dict(lakip: Lakip, aturan: Aturan | None = None) -> dict[str, Any]:
    """The model as plain JSON data (every field, blanks as null), with the rules as its
    ``aturan`` section when given."""
    d = dataclasses.asdict(lakip)
    if aturan is not None:
        d[KUNCI_ATURAN] = aturan.ke_dict()
    return d


def tulis_json(lakip: Lakip, path: str | Path, timpa: bool = True, aturan: Aturan | None = None) -> Path:
    """Write a data file atomically (temporary file, then moved into place); ``aturan`` (the
    rules the data is scored by, when they are not the shipped ones) goes into its ``aturan``
    section."""
    from ..berkas import tulis_atomik

    teks = json.dumps(ke_dict(lakip, aturan), ensure_ascii=False, indent=2) + "\n"
    return tulis_atomik(Path(path), teks.encode("utf-8"), timpa=timpa)


def contoh_path() -> Path:
    """The shipped example data set (Kotabumi 2022, as published)."""
    from importlib import resources

    return Path(str(resources.files("lakip_xl").joinpath("data/contoh_kotabumi_2022.json")))


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the data format, generated from the model."""
    defs: dict[str, Any] = {}

    def sch(tp: Any) -> dict[str, Any]:
        tp, opsional = _strip_optional(tp)
        s = _sch(tp)
        if opsional:
            s = {"anyOf": [s, {"type": "null"}]}
        return s

    def _sch(tp: Any) -> dict[str, Any]:
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            name = tp.__name__
            if name not in defs:
                defs[name] = {}
                props = {}
                for f in dataclasses.fields(tp):
                    props[f.name] = sch(_hints(tp)[f.name])
                defs[name] = {
                    "type": "object",
                    "description": (tp.__doc__ or "").strip().splitlines()[0],
                    "properties": props,
                    "additionalProperties": False,
                    "patternProperties": {"^_": {}},
                }
            return {"$ref": f"#/$defs/{name}"}
        origin = get_origin(tp)
        if origin is list:
            return {"type": "array", "items": sch(get_args(tp)[0])}
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        angka_teks = {"type": "string", "description": "angka format Indonesia, misalnya '1.147.335.000' atau '3,25'"}
        if tp is int:
            return {"anyOf": [{"type": "integer"}, angka_teks]}
        if tp is float:
            return {"anyOf": [{"type": "number"}, angka_teks]}
        raise TypeError(tp)

    root = _sch(Lakip)
    defs["Lakip"]["properties"][KUNCI_ATURAN] = {
        "type": "object",
        "description": "Aturan penilaian yang dipakai data ini (opsional; bentuknya seperti lakip_xl/data/aturan.json). "
        "Tanpa bagian ini berlaku aturan bawaan.",
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lakip-xl.local/schema/lakip-data.schema.json",
        "title": "Data LAKIP (lakip-xl)",
        **root,
        "$defs": defs,
    }
