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


def test_konversi_bobot_is_read_in_every_form_omspan_and_excel_give():
    # OM-SPAN shows "80%"; a cell typed 80% in Excel holds 0.8; a unit may type 80 or "0,8".
    for isi, temuan_harap in (("80%", []), ("80 %", []), (80, []), (0.8, []), ("0,8", ["ANGKA_SEBAGAI_TEKS"])):
        lakip, temuan = dari_dict({"ikpa": {"konversi_bobot_dinyatakan": isi}})
        assert lakip.ikpa.konversi_bobot_dinyatakan == 80, isi
        assert [t.kode for t in temuan] == temuan_harap, isi
    lakip, _ = dari_dict({"ikpa": {"konversi_bobot_dinyatakan": "100%"}})
    assert lakip.ikpa.konversi_bobot_dinyatakan == 100
    lakip, temuan = dari_dict({"ikpa": {"konversi_bobot_dinyatakan": "delapan puluh%"}})
    assert lakip.ikpa.konversi_bobot_dinyatakan is None and [t.kode for t in temuan] == ["ANGKA_TIDAK_VALID"]


def test_konversi_bobot_is_shown_as_omspan_shows_it():
    from lakip_xl.compute.angka import format_konversi

    assert [format_konversi(x) for x in (80, 100.0, 82.5, 90.125, None)] == ["80%", "100%", "82,5%", "90,13%", "-"]


def test_old_aspect_setting_is_migrated_and_said_so():
    for lama, baru in (("tanpa_dispensasi", "rata_sederhana"), ("dengan_dispensasi", "tertimbang")):
        lakip, temuan = dari_dict({"pengaturan": {"metode_aspek_ikpa": lama}})
        assert lakip.pengaturan.metode_aspek_ikpa == baru
        assert [(t.kode, t.tingkat, t.jalur) for t in temuan] == [
            ("PENGATURAN_LAMA", "peringatan", ("pengaturan", "metode_aspek_ikpa"))
        ]
    lakip, temuan = dari_dict({"pengaturan": {"metode_aspek_ikpa": "rata_sederhana"}})
    assert temuan == [] and Lakip().pengaturan.metode_aspek_ikpa == "rata_sederhana"
