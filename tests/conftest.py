import json

import pytest

from lakip_xl.schema.data import contoh_path, dari_dict


@pytest.fixture
def contoh_dict():
    return json.loads(contoh_path().read_text("utf-8"))


@pytest.fixture
def contoh(contoh_dict):
    lakip, temuan = dari_dict(contoh_dict)
    assert temuan == []
    return lakip
