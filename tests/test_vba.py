"""The workbook's VBA project in the form [MS-OVBA] prescribes for a writer, compared with the
workbooks real Excel saved for xlwings 0.37.8 (shipped inside the pinned xlwings package).

The compound file is read with olefile and the dir stream is parsed here, record by record,
independently of lakip_xl's own rewriting code; only the decompression (MS-OVBA 2.4.1) is
pyOpenVBA's.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import olefile
import pytest
import xlwings
from pyopenvba.vba import decompress

from lakip_xl.buku_kerja import skema as S

ROOT = Path(__file__).parents[1]
KITA = {p.name: p for p in (ROOT / "workbooks" / "LAKIP_Master.xlsm", ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm")}
XLWINGS = Path(xlwings.__file__).parent
# Saved by Excel for the xlwings 0.37.8 release. The first holds an Excel 2016+ performance
# cache (version 0x00B5); the other three are in the interoperable form (version 0xFFFF).
ACUAN_CACHE = XLWINGS / "quickstart.xlsm"
ACUAN = {
    p.name: p
    for p in (
        XLWINGS / "quickstart_standalone.xlsm",
        XLWINGS / "quickstart_addin.xlam",
        XLWINGS / "addin" / "xlwings.xlam",
    )
}

# Record ids of one MODULE record (MS-OVBA 2.3.4.2.3.2): name, unicode name, stream name,
# unicode stream name, doc string, unicode doc string, offset, help context, cookie, type, terminator.
MODUL_STANDAR = [0x19, 0x47, 0x1A, 0x32, 0x1C, 0x48, 0x31, 0x1E, 0x2C, 0x21, 0x2B]
MODUL_LAIN = [*MODUL_STANDAR[:9], 0x22, 0x2B]


def _bin(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/vbaProject.bin")


def _dir(rekam: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    """Records (id, data) of a decompressed dir stream, and what follows the terminator."""
    out, i = [], 0
    while True:
        rid, size = struct.unpack_from("<HI", rekam, i)
        if rid == 0x0010:  # Terminator (2) + Reserved (4)
            out.append((rid, rekam[i + 2 : i + 6]))
            return out, rekam[i + 6 :]
        if rid == 0x0009:  # PROJECTVERSION: Reserved (4, = 4) then Major (4) + Minor (2)
            size = 6
        out.append((rid, rekam[i + 6 : i + 6 + size]))
        i += 6 + size


class Proyek:
    def __init__(self, vba_bin: bytes) -> None:
        self.ole = olefile.OleFileIO(io.BytesIO(vba_bin))
        self.stream = sorted("/".join(s) for s in self.ole.listdir())
        self.vba_project = self.ole.openstream("VBA/_VBA_PROJECT").read()
        self.rekaman, self.sisa = _dir(decompress(self.ole.openstream("VBA/dir").read()))
        self.ids = [r for r, _ in self.rekaman]
        awal = self.ids.index(0x000F)  # PROJECTMODULES
        self.info_ref = self.ids[:awal]
        self.modul: list[list[int]] = []
        self.nama: list[str] = []
        self.offset: list[int] = []
        self.cookie = [d for r, d in self.rekaman if r in (0x13, 0x2C)]
        for rid, data in self.rekaman[awal + 2 : -1]:
            if rid == 0x19:
                self.modul.append([])
            self.modul[-1].append(rid)
            if rid == 0x1A:
                self.nama.append(data.decode("cp1252"))
            if rid == 0x31:
                self.offset.append(struct.unpack("<I", data)[0])

    def sumber(self, nama: str) -> bytes:
        i = self.nama.index(nama)
        return decompress(self.ole.openstream(f"VBA/{nama}").read()[self.offset[i] :])


@pytest.fixture(scope="module", params=sorted(KITA))
def kita(request):
    return Proyek(_bin(KITA[request.param]))


@pytest.fixture(scope="module")
def acuan():
    return {n: Proyek(_bin(p)) for n, p in ACUAN.items()}


def test_vba_project_stream_is_version_ffff_without_cache(kita, acuan):
    # MS-OVBA 2.3.4.1: Reserved1 0x61CC, Version 0xFFFF "on write", Reserved2 0x00, Reserved3,
    # PerformanceCache "MUST NOT be present on write": 7 bytes. xlwings' files hold exactly these.
    assert kita.vba_project == bytes([0xCC, 0x61, 0xFF, 0xFF, 0x00, 0x01, 0x00])
    for p in acuan.values():
        assert p.vba_project == kita.vba_project


def test_every_module_is_crlf_source_only(kita):
    assert kita.offset == [0] * len(kita.nama)  # MODULEOFFSET 0: no compiled code before the source
    for nama in kita.nama:
        src = kita.sumber(nama)
        assert src.startswith(f'Attribute VB_Name = "{nama}"\r\n'.encode()), nama
        assert src.count(b"\n") == src.count(b"\r\n") == src.count(b"\r") > 0, nama


def test_dir_stream_ends_at_its_terminator_and_cookies_are_ffff(kita, acuan):
    assert kita.ids[-1] == 0x0010 and kita.rekaman[-1][1] == b"\x00\x00\x00\x00"
    assert kita.sisa == b""
    for p in acuan.values():  # the same holds for every Excel-saved reference
        assert p.ids[-1] == 0x0010 and p.sisa == b""
    # PROJECTCOOKIE and MODULECOOKIE: "MUST be 0xFFFF on write" (2.3.4.2.3.1, 2.3.4.2.3.2.7).
    assert kita.cookie == [b"\xff\xff"] * (1 + len(kita.nama))


def test_stream_list_follows_the_excel_saved_workbooks(kita, acuan):
    def rangka(p: Proyek) -> list[str]:
        return sorted(["PROJECT", "PROJECTwm", "VBA/_VBA_PROJECT", "VBA/dir", *(f"VBA/{n}" for n in p.nama)])

    for p in [*acuan.values(), Proyek(_bin(ACUAN_CACHE))]:
        assert p.stream == rangka(p)  # the rule is what Excel writes: no SRP or other streams
    assert kita.stream == rangka(kita)
    harap = ["ThisWorkbook", *(f"Sheet{i + 1}" for i in range(len(S.LEMBAR))), "xlwings", "Dictionary", "LakipTombol"]
    assert kita.nama == harap


def test_dir_record_sequence_matches_the_excel_saved_workbooks(kita, acuan):
    addin = acuan["xlwings.xlam"]
    # Project information and references: xlwings.xlam's sequence (stdole + Office, both
    # REFERENCEREGISTERED), plus PROJECTCOMPATVERSION (0x004A), which Excel writes too (quickstart.xlsm).
    assert [r for r in kita.info_ref if r != 0x004A] == addin.info_ref
    assert 0x004A in kita.info_ref and 0x004A in Proyek(_bin(ACUAN_CACHE)).info_ref
    dilihat = {tuple(m) for p in acuan.values() for m in p.modul}
    assert dilihat == {tuple(MODUL_STANDAR), tuple(MODUL_LAIN)}
    for nama, m in zip(kita.nama, kita.modul, strict=True):
        assert m == (MODUL_STANDAR if nama in ("xlwings", "LakipTombol") else MODUL_LAIN), nama
    assert kita.ids[len(kita.info_ref) : len(kita.info_ref) + 2] == [0x000F, 0x0013]
    assert addin.ids[len(addin.info_ref) : len(addin.info_ref) + 2] == [0x000F, 0x0013]


def test_xlwings_modules_are_the_shipped_sources(kita, acuan):
    # The installed xlwings.bas is CRLF on disk: the module is that file, byte for byte.
    assert kita.sumber("xlwings") == (XLWINGS / "xlwings.bas").read_bytes()
    assert b"xlwings64-0.37.8.dll" in kita.sumber("xlwings")

    def kepala(src: bytes) -> list[bytes]:
        baris = src.split(b"\r\n")
        return [b for b in baris[: next(i for i, b in enumerate(baris) if not b.startswith(b"Attribute "))]]

    # The class's attributes as Excel stored them in xlwings' own workbook.
    assert kepala(kita.sumber("Dictionary")) == kepala(acuan["quickstart_standalone.xlsm"].sumber("Dictionary"))
