"""The JSON data format: schema file, example validity and lossless round trip."""

import json
from pathlib import Path

import jsonschema

from lakip_xl.model import Lakip
from lakip_xl.schema.data import baca_json, contoh_path, dari_dict, json_schema, ke_dict, tulis_json

SCHEMA_FILE = Path(__file__).parents[1] / "lakip_xl" / "schema" / "lakip-data.schema.json"


def test_committed_schema_equals_generated():
    # Regenerate with: lakip-xl skema > lakip_xl/schema/lakip-data.schema.json
    assert json.loads(SCHEMA_FILE.read_text("utf-8")) == json_schema()


def test_example_is_valid_against_schema(contoh_dict):
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8"))).validate(contoh_dict)


def test_schema_rejects_unknown_key(contoh_dict):
    contoh_dict["profil"]["nama_satker"] = "x"
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(contoh_dict))
    assert errors


def test_round_trip_is_lossless(tmp_path, contoh):
    p = tmp_path / "data.json"
    tulis_json(contoh, p)
    again, temuan = baca_json(p)
    assert temuan == []
    assert again == contoh
    assert ke_dict(again) == ke_dict(contoh)


def test_nip_stays_text(contoh):
    assert contoh.profil.kepala_nip == "197103111999031001"
    d = ke_dict(contoh)
    assert d["profil"]["kepala_nip"] == "197103111999031001"


def test_number_for_a_code_is_kept_as_text_with_warning():
    lakip, temuan = dari_dict({"profil": {"kode_ba": 13}})
    assert lakip.profil.kode_ba == "13"
    assert [t.kode for t in temuan] == ["TEKS_SEBAGAI_ANGKA"]


def test_empty_object_is_a_blank_lakip():
    lakip, temuan = dari_dict({})
    assert lakip == Lakip() and temuan == []


def test_example_path_is_shipped():
    assert contoh_path().is_file()
