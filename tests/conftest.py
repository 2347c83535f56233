import os

# xlwings' JSON-backed Book (used to test the button functions) needs this before import.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
# The tests (and the CLI processes they start) never read or fill the user's own cache.
if "LAKIP_XL_CACHE" not in os.environ:
    import tempfile

    os.environ["LAKIP_XL_CACHE"] = tempfile.mkdtemp(prefix="lakip-xl-cache-uji-")

import json
import shutil
import subprocess

import pytest

from lakip_xl.office import soffice
from lakip_xl.schema.data import contoh_path, dari_dict

DI_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# The fast tier (scripts/cepat.sh) runs every test that needs no LibreOffice.
CEPAT = os.environ.get("LAKIP_XL_CEPAT", "") == "1"
_FIXTURE_LO = {"lo", "uno_python", "dihitung_lo"}


def pytest_configure(config):
    config.addinivalue_line("markers", "libreoffice: needs LibreOffice (left out of the fast tier)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _FIXTURE_LO & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.libreoffice)


@pytest.fixture(autouse=True)
def _cepat_tanpa_lo(request, monkeypatch):
    """In the fast tier a test that starts LibreOffice without asking for it fails loudly."""
    if CEPAT and request.node.get_closest_marker("libreoffice") is None:
        import lakip_xl.office

        def dilarang():
            pytest.fail("Pengujian ini memakai LibreOffice tetapi tidak meminta fixture 'lo'.")

        monkeypatch.setattr(lakip_xl.office, "soffice", dilarang)


def _butuh(alat: str, ada: bool) -> None:
    if not ada:
        if DI_CI:
            pytest.fail(f"{alat} tidak terpasang, padahal CI=true: pengujian ini wajib berjalan di CI.")
        pytest.skip(f"{alat} tidak terpasang")


@pytest.fixture
def lo():
    """LibreOffice is required (skipped locally when missing, a failure in CI)."""
    _butuh("LibreOffice (soffice)", soffice() is not None)


@pytest.fixture(scope="session")
def uno_python():
    """Debian's python3 with the UNO bridge, for running macros in LibreOffice."""
    ada = soffice() is not None and shutil.which("/usr/bin/python3") is not None
    if ada:
        ada = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode == 0
    _butuh("python3-uno", ada)
    return "/usr/bin/python3"


@pytest.fixture
def contoh_dict():
    return json.loads(contoh_path().read_text("utf-8"))


@pytest.fixture
def contoh(contoh_dict):
    lakip, temuan = dari_dict(contoh_dict)
    assert temuan == []
    return lakip
