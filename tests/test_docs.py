"""The documentation matches the code."""

import dataclasses
import re
from pathlib import Path

from lakip_xl import model

ROOT = Path(__file__).parents[1]


def test_every_model_field_is_documented():
    doc = (ROOT / "docs" / "format-data.md").read_text("utf-8")
    for cls in vars(model).values():
        if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__:
            for f in dataclasses.fields(cls):
                assert f"`{f.name}`" in doc, f"{cls.__name__}.{f.name} missing from docs/format-data.md"


def test_every_finding_code_is_documented():
    doc = (ROOT / "docs" / "validasi.md").read_text("utf-8")
    files = [*(ROOT / "lakip_xl" / "validasi").glob("*.py"), ROOT / "lakip_xl" / "schema" / "data.py"]
    files += [ROOT / "lakip_xl" / "buku_kerja" / "baca.py", ROOT / "lakip_xl" / "layanan.py"]
    src = "".join(p.read_text("utf-8") for p in files)
    codes = set(re.findall(r'"([A-Z]{4,}(?:_[A-Z]+)+|PROFIL)"', src))
    assert codes, "no finding codes found"
    for c in codes:
        assert f"`{c}`" in doc, f"{c} missing from docs/validasi.md"


def test_windows_guide_matches_the_code():
    from lakip_xl.buku_kerja.tulis import XLWINGS_CONF
    from lakip_xl.buku_kerja.vba import MODUL_PYTHON, TOMBOL, XLWINGS_VERSION
    from lakip_xl.doors import udf

    readme = (ROOT / "README.md").read_text("utf-8")
    guide = readme[readme.index("## Memakai tombol di Excel (Windows)") :]
    assert "Interpreter_Win" in guide and XLWINGS_VERSION in guide and f"xlwings64-{XLWINGS_VERSION}.dll" in guide
    for kunci, nilai in XLWINGS_CONF:
        assert f"`{kunci}`" in guide
        if isinstance(nilai, str):
            assert f"`{nilai}`" in guide
    for t in TOMBOL:
        assert t.judul in guide and f"`{t.sub}`" in guide and f"`{MODUL_PYTHON}.{t.fungsi}`" in guide
    for nama in udf.semua_udf():
        assert f"`{nama}`" in guide
