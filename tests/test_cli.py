"""The command line as a user runs it (a real subprocess)."""

import json
import os
import subprocess
import sys

import pytest

from lakip_xl.schema.data import contoh_path

CONTOH = str(contoh_path())


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "lakip_xl.doors.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_hitung_json_has_every_result():
    r = run("hitung", CONTOH, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert {"kode", "target", "realisasi", "capaian"} <= set(d["indikator"][0])
    assert {"kode", "pagu", "realisasi", "penyerapan", "capaian_volume"} <= set(d["output"][0])
    a = d["anggaran"]
    assert {"pagu", "realisasi", "sisa", "penyerapan"} <= set(a)
    assert {"pagu", "realisasi", "sisa", "penyerapan", "rincian"} <= set(a["jenis_belanja"])
    assert {"pagu", "realisasi", "sisa", "penyerapan", "rincian"} <= set(a["sumber_dana"])
    ik = d["ikpa"]
    assert set(ik["aspek"]) == {"perencanaan", "pelaksanaan", "hasil"}
    # Unrounded numbers: 9713.9 / 100.
    assert ik["nilai_total"] == pytest.approx(97.139, abs=1e-12)
    assert ik["konversi_bobot"] == 100
    assert ik["predikat"] == "Sangat Baik"
    assert {"nilai", "predikat"} <= set(d["nka"])
    assert {"kode", "tingkat", "lokasi", "pesan"} == set(d["validasi"][0])


def test_hitung_summary_is_indonesian():
    r = run("hitung", CONTOH)
    assert r.returncode == 0, r.stderr
    assert "97,14" in r.stdout and "Sangat Baik" in r.stdout
    assert "1.084 desa" in r.stdout and "2.537.891 penduduk" in r.stdout


def test_validasi_exit_codes(tmp_path):
    r = run("validasi", CONTOH)
    assert r.returncode == 1
    assert "REALISASI_MELEBIHI_PAGU" in r.stdout
    bersih = tmp_path / "bersih.json"
    output = {"kode": "1234.EBA", "nama": "Layanan Umum", "satuan": "layanan", "volume_target": 1,
              "volume_realisasi": 1, "pagu": 1000, "realisasi": 900}  # fmt: skip
    data = {
        "profil": {"nama": "Satker Uji", "tahun": 2024},
        "indikator": [{"kode": "IKU-1", "tingkat": "iku", "nama": "Indeks kepuasan", "target": 80, "realisasi": 85}],
        "anggaran": {
            "program": [{"kode": "WA", "nama": "Dukungan", "kegiatan": [{"kode": "1234", "output": [output]}]}]
        },
    }
    bersih.write_text(json.dumps(data))
    r = run("validasi", str(bersih))
    assert r.returncode == 0, r.stdout
    # A required section that is absent is a galat, never a silent blank (issue 10 item 5).
    for bagian in ("indikator", "anggaran"):
        sebagian = tmp_path / f"tanpa_{bagian}.json"
        sebagian.write_text(json.dumps({k: v for k, v in data.items() if k != bagian}))
        r = run("validasi", str(sebagian))
        assert r.returncode == 1 and "BAGIAN_HILANG" in r.stdout and "BAGIAN_KOSONG" in r.stdout, r.stdout


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"{bad", "bukan JSON yang sah"),
        (b"[1, 2]", "bukan objek data LAKIP"),
        (b"\xff\xfe\x00garbage", "bukan teks JSON"),
        (b'{"versi_skema": 99}', "Versi skema data 99"),
    ],
)
def test_bad_files_give_one_line_and_exit_2(tmp_path, isi, pesan):
    p = tmp_path / "data.json"
    p.write_bytes(isi)
    for cmd in ("hitung", "validasi"):
        r = run(cmd, str(p))
        assert r.returncode == 2
        assert pesan in r.stderr
        assert "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_missing_file_and_workbook(tmp_path):
    r = run("hitung", str(tmp_path / "tidak-ada.json"))
    assert r.returncode == 2 and "tidak ditemukan" in r.stderr
    r = run("hitung", str(tmp_path))
    assert r.returncode == 2 and "folder" in r.stderr


def test_contoh_writes_its_files(tmp_path):
    r = run("contoh", "--keluaran", str(tmp_path / "hasil"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "hasil" / "Contoh_Kotabumi_2022.json").is_file()
    hasil = json.loads((tmp_path / "hasil" / "Hasil_Kotabumi_2022.json").read_text("utf-8"))
    assert hasil["wilayah"]["desa"] == 1084
    assert "disimpan di" in r.stdout


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        (["hitung"], "Argumen SUMBER belum diisi."),
        (["tidakada"], "Perintah 'tidakada' tidak dikenal."),
        (["hitung", CONTOH, "--salah"], "Opsi --salah tidak dikenal."),
    ],
)
def test_usage_errors_are_indonesian(args, pesan):
    r = run(*args)
    assert r.returncode == 2
    assert pesan in r.stderr and "lakip-xl --help" in r.stderr
    assert "Traceback" not in r.stderr and "Usage" not in r.stderr


def test_help_is_indonesian():
    r = run("hitung", "--help")
    assert r.returncode == 0
    assert "Pemakaian:" in r.stdout and "Argumen" in r.stdout and "Tampilkan bantuan ini lalu keluar." in r.stdout
