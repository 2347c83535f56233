"""The command line as a user runs it (a real subprocess)."""

import json
import os
import re
import socket
import subprocess
import sys
import uuid
from pathlib import Path

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


# English a user must never see (the parser's, the system's, Python's).
INGGRIS = ("Traceback", "Error", "No such", "Permission denied", "File exists", "should be", "is not")


def satu_baris_indonesia(r) -> str:
    """Exit 2 and exactly one non-empty line on stderr, with no English in it; returns the line."""
    assert r.returncode == 2, (r.returncode, r.stderr)
    baris = r.stderr.strip().splitlines()
    assert len(baris) == 1 and baris[0].strip(), r.stderr
    for frasa in INGGRIS:
        assert frasa not in r.stderr, r.stderr
    return baris[0]


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


def test_contoh_writes_its_files(tmp_path, lo):  # contoh also makes the PDF
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
        (["hitng", CONTOH], "Perintah 'hitng' tidak dikenal. Mungkin maksudnya: hitung."),
        (["buku-kerja", "tidakada"], "Perintah 'tidakada' tidak dikenal."),
        (["hitung", CONTOH, "--salah"], "Opsi --salah tidak dikenal."),
        (["hitung", CONTOH, "--jsn"], "Opsi --jsn tidak dikenal. Mungkin maksudnya: --json."),
        (["hitung", CONTOH, "--json=ya"], "Opsi --json tidak menerima nilai."),
        (["ekspor-data", CONTOH, "-o"], "Opsi -o memerlukan nilai."),
        (["ekspor-data", CONTOH], "Opsi --keluaran/-o wajib diisi."),
        (["hitung", CONTOH, "lagi"], "Argumen berlebih: lagi."),
        (["contoh-sintetis", "-o", "x", "-n", "abc"], "Nilai 'abc' untuk --jumlah/-n tidak sah: harus bilangan bulat."),
        (["contoh-sintetis", "-o", "x", "-n", "0"], "Nilai '0' untuk --jumlah/-n tidak sah: paling sedikit 1."),
        (["contoh-sintetis", "-o", "x", "--jobs", "-3"], "Nilai '-3' untuk --jobs/-j tidak sah: paling sedikit 1."),
        (["rekap", ".", "-o", "r.xlsx", "--jobs", "-3"], "Nilai '-3' untuk --jobs/-j tidak sah: paling sedikit 1."),
        (["rekap", ".", "-o", "r.xlsx", "-j", "0"], "Nilai '0' untuk --jobs/-j tidak sah: paling sedikit 1."),
        (["server", "--port", "99999"], "Nilai '99999' untuk --port tidak sah: paling banyak 65535."),
        (["server", "--port", "delapan"], "Nilai 'delapan' untuk --port tidak sah: harus bilangan bulat."),
    ],
)
def test_usage_errors_are_indonesian(tmp_path, args, pesan):
    r = run(*args, cwd=tmp_path)
    baris = satu_baris_indonesia(r)
    assert pesan in baris and "lakip-xl --help" in baris
    assert "Usage" not in r.stderr
    assert list(tmp_path.iterdir()) == []  # nothing was made


@pytest.mark.parametrize("args", [[], ["buku-kerja"]])
def test_no_command_shows_the_help(args):
    r = run(*args)
    assert r.returncode == 2
    assert "Pemakaian:" in r.stdout and "Perintah" in r.stdout
    assert "Galat" not in r.stderr and "Traceback" not in r.stderr


def test_help_is_indonesian():
    r = run("hitung", "--help")
    assert r.returncode == 0
    assert "Pemakaian:" in r.stdout and "Argumen" in r.stdout and "Tampilkan bantuan ini lalu keluar." in r.stdout


# -- outputs the system refuses: one Indonesian line, never a traceback (issue 10, item 7) ----


@pytest.fixture
def data(tmp_path):
    """A copy of the example data in its own folder, and its bytes to compare afterwards."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    p = folder / "data.json"
    p.write_bytes(contoh_path().read_bytes())
    return p, p.read_bytes()


def _hanya_baca(akhiran: str) -> Path:
    """A path even root cannot create (sysfs); skipped where it can."""
    p = Path("/sys") / f"lakip-uji-{uuid.uuid4().hex[:8]}{akhiran}"
    try:
        fd = os.open(p, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except OSError:
        return p
    os.close(fd)
    os.unlink(p)
    pytest.skip("/sys dapat ditulisi di mesin ini")


def _tujuan(jenis: str, tmp_path: Path, akhiran: str) -> tuple[Path, str]:
    """A destination of the given kind, and a word the Indonesian reason must contain."""
    if jenis == "hanya-baca":
        return _hanya_baca(akhiran), "izin|hanya dapat dibaca"
    if jenis == "induk-berkas":
        berkas = tmp_path / "berkas-biasa"
        berkas.write_text("bukan folder")
        return berkas / f"keluar{akhiran}", "bukan folder"
    return tmp_path / ("n" * 300 + akhiran), "terlalu panjang"


PERINTAH_MENULIS = {
    "ekspor-data": (["ekspor-data", "{data}", "-o", "{tujuan}"], ".json"),
    "buku-kerja baru": (["buku-kerja", "baru", "-o", "{tujuan}"], ".xlsm"),
    "buku-kerja baru --data": (["buku-kerja", "baru", "--data", "{data}", "-o", "{tujuan}"], ".xlsm"),
    "templat": (["templat", "-o", "{tujuan}"], ".docx"),
    "buku-kerja vba": (["buku-kerja", "vba", "-o", "{tujuan}"], ".bin"),
    "contoh-sintetis": (["contoh-sintetis", "-o", "{tujuan}", "-n", "1", "--format", "json"], ""),
    "rekap": (["rekap", "{folder}", "-o", "{tujuan}"], ".xlsx"),
    "laporan": (["laporan", "{data}", "-o", "{tujuan}"], ".docx"),
}


@pytest.mark.parametrize("jenis", ["hanya-baca", "induk-berkas", "nama-panjang"])
@pytest.mark.parametrize("perintah", list(PERINTAH_MENULIS))
def test_unwritable_destination_is_one_indonesian_line(tmp_path, data, perintah, jenis):
    sumber, isi = data
    args, akhiran = PERINTAH_MENULIS[perintah]
    tujuan, alasan = _tujuan(jenis, tmp_path, akhiran)
    isian = {"data": str(sumber), "folder": str(sumber.parent), "tujuan": str(tujuan)}
    r = run(*(a.format(**isian) for a in args), cwd=tmp_path)
    baris = satu_baris_indonesia(r)
    assert "Tidak dapat" in baris and re.search(alasan, baris), baris
    assert sumber.read_bytes() == isi
    assert not os.path.lexists(tujuan)  # (Path.exists raises for a name that is too long)


@pytest.mark.parametrize("isi_templat", ["json", "teks", "folder"])
def test_template_that_is_not_a_docx(tmp_path, data, isi_templat):
    sumber, isi = data
    if isi_templat == "json":
        templat = sumber
    elif isi_templat == "teks":
        templat = tmp_path / "templat.docx"
        templat.write_text("bukan dokumen Word")
    else:
        templat = tmp_path / "folder.docx"
        templat.mkdir()
    keluar = tmp_path / "laporan.docx"
    r = run("laporan", str(sumber), "-o", str(keluar), "--template", str(templat))
    baris = satu_baris_indonesia(r)
    assert "Templat" in baris
    assert not keluar.exists()
    assert sumber.read_bytes() == isi


@pytest.mark.parametrize("target", [1e-20, 1e-320])
def test_a_tiny_target_is_computed_reported_and_rekapped(tmp_path, target):
    d = json.loads(contoh_path().read_text("utf-8"))
    iku = d["indikator"][2]
    iku["target"], iku["realisasi"] = target, 100000  # capaian 1e27 % (1e-20) or beyond a float
    folder = tmp_path / "satker"
    folder.mkdir()
    p = folder / "kecil.json"
    p.write_text(json.dumps(d), "utf-8")
    r = run("hitung", str(p))
    assert r.returncode == 0, r.stderr
    assert iku["kode"] in r.stdout
    if target == 1e-20:  # 100000 / 1e-20 * 100 = 1e27 (float: 1.0000000000000002e27), all digits shown
        assert re.search(r" 1(\.\d{3}){9},00%", r.stdout), r.stdout
    r = run("hitung", str(p), "--json")
    assert r.returncode == 0, r.stderr
    hasil = {i["kode"]: i for i in json.loads(r.stdout)["indikator"]}
    assert (hasil[iku["kode"]]["capaian"] is None) == (target == 1e-320)
    r = run("laporan", str(p), "-o", str(tmp_path / "laporan.docx"))
    assert r.returncode == 0, r.stderr
    r = run("rekap", str(folder), "-o", str(tmp_path / "rekap.xlsx"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "laporan.docx").is_file() and (tmp_path / "rekap.xlsx").is_file()


def test_server_port_in_use_or_unknown_host_is_one_line():
    pytest.importorskip("fastapi")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        r = run("server", "--port", str(s.getsockname()[1]))
    assert "sudah dipakai" in satu_baris_indonesia(r)
    r = run("server", "--host", "lakip.invalid", "--port", "8765")
    assert "'lakip.invalid' tidak dikenal" in satu_baris_indonesia(r)


@pytest.mark.parametrize("jalur", ["/proc/self/mem", "/proc/1/mem"])
def test_unreadable_source_is_one_line(jalur):
    # /proc/self/mem fails with an I/O error at offset 0; /proc/1/mem is refused even to root
    # where ptrace is restricted (skipped where it is readable).
    if not os.path.exists(jalur):
        pytest.skip(f"{jalur} tidak ada")
    if jalur == "/proc/1/mem":
        try:
            with open(jalur, "rb"):
                pytest.skip("/proc/1/mem dapat dibuka di mesin ini")
        except OSError:
            pass
    baris = satu_baris_indonesia(run("hitung", jalur))
    assert f"'{jalur}'" in baris


# -- no command writes over one of its inputs (issue 10, item 8) ------------------------------


@pytest.fixture(scope="module")
def buku(tmp_path_factory):
    p = tmp_path_factory.mktemp("buku") / "induk.xlsm"
    r = run("buku-kerja", "baru", "--data", CONTOH, "-o", str(p))
    assert r.returncode == 0, r.stderr
    return p


def _tautan(cara: str, ke: Path, nama: Path) -> Path:
    if cara == "sama":
        return ke
    if cara == "symlink":
        nama.symlink_to(ke)
    else:
        os.link(ke, nama)
    return nama


def _perintah_bertaut(perintah: str, tmp_path: Path, data: Path, buku: Path, cara: str) -> tuple[list[str], Path, Path]:
    """The command line of one case, the input it must leave alone, and the output named."""
    if perintah in ("buku-kerja tingkatkan", "ekspor-data dari buku"):
        sumber = tmp_path / "induk.xlsm"
        sumber.write_bytes(buku.read_bytes())
    elif perintah == "laporan --template":
        from lakip_xl.laporan.templat import bangun_templat

        sumber = tmp_path / "templat.docx"
        sumber.write_bytes(bangun_templat())
    else:
        sumber = data
    akhiran = {"buku-kerja baru --data": ".xlsm", "buku-kerja tingkatkan": ".xlsm", "laporan --pdf": ".pdf"}
    akhiran |= dict.fromkeys(("laporan", "laporan --template", "rekap --laporan"), ".docx")
    nama = sumber.parent / ("tujuan" + akhiran.get(perintah, ".json" if "ekspor" in perintah else ".xlsx"))
    if cara == "sama":
        tujuan = sumber
    elif cara == "symlink":
        nama.symlink_to(sumber)
        tujuan = nama
    else:
        os.link(sumber, nama)
        tujuan = nama
    args = {
        "ekspor-data": ["ekspor-data", str(sumber), "-o", str(tujuan)],
        "ekspor-data dari buku": ["ekspor-data", str(sumber), "-o", str(tujuan)],
        "buku-kerja baru --data": ["buku-kerja", "baru", "--data", str(sumber), "-o", str(tujuan)],
        "buku-kerja tingkatkan": ["buku-kerja", "tingkatkan", str(sumber), "-o", str(tujuan)],
        "laporan": ["laporan", str(sumber), "-o", str(tujuan)],
        "laporan --pdf": ["laporan", str(sumber), "-o", str(tujuan.with_suffix(".docx")), "--pdf"],
        "laporan --template": ["laporan", str(data), "--template", str(sumber), "-o", str(tujuan)],
        # The rekap leaves its output out of what it reads; a link to a satker file is refused.
        "rekap": ["rekap", str(sumber.parent), "-o", str(tujuan)],
        "rekap --laporan": ["rekap", str(sumber.parent), "-o", str(tmp_path / "r.xlsx"), "--laporan", str(tujuan)],
    }[perintah]
    return args, sumber, tujuan


_MEMBACA_LALU_MENULIS = (
    "ekspor-data", "ekspor-data dari buku", "buku-kerja baru --data", "buku-kerja tingkatkan", "laporan",
    "laporan --pdf", "laporan --template", "rekap", "rekap --laporan",
)  # fmt: skip
# An output named like its input is possible only where both may carry the same extension;
# the PDF and the rekap outputs can be the input only through a link.
_KASUS_TAUT = [
    (perintah, cara)
    for perintah in _MEMBACA_LALU_MENULIS
    for cara in ("sama", "symlink", "hardlink")
    if not (cara == "sama" and perintah in ("laporan --pdf", "rekap", "rekap --laporan"))
]


@pytest.mark.parametrize("timpa", [[], ["--timpa"]])
@pytest.mark.parametrize(("perintah", "cara"), _KASUS_TAUT)
def test_no_command_writes_over_its_input(tmp_path, data, buku, perintah, cara, timpa):
    args, sumber, tujuan = _perintah_bertaut(perintah, tmp_path, data[0], buku, cara)
    isi = sumber.read_bytes()
    r = run(*args, *timpa, cwd=tmp_path)
    baris = satu_baris_indonesia(r)
    assert "sama dengan berkas sumber" in baris
    assert sumber.read_bytes() == isi
    assert tujuan.is_symlink() == (cara == "symlink")


# -- Ctrl-C during the PDF conversion (issue 10, item 11) --------------------------------------


def _hidup(pid: int) -> bool:
    """A process that still runs (a zombie waiting for its reaper does not count)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or os.name != "posix", reason="memerlukan /proc (Linux)")
def test_ctrl_c_during_pdf_leaves_nothing_behind(tmp_path, data):
    """A stand-in soffice that hangs: Ctrl-C ends it, every temporary file goes, one line 'Dibatalkan.'."""
    import signal
    import time

    palsu = tmp_path / "palsu"
    palsu.mkdir()
    soffice = palsu / "soffice"
    # It notes its pid in its temporary folder, then hangs as a stuck LibreOffice would.
    soffice.write_text('#!/bin/sh\necho $$ > "${TMPDIR:-/tmp}/soffice-palsu-$$.pid"\nexec sleep 300\n')
    soffice.chmod(0o755)
    sementara = tmp_path / "sementara"
    sementara.mkdir()
    env = {
        **os.environ,
        "PATH": f"{palsu}{os.pathsep}{os.environ['PATH']}",
        "TMPDIR": str(sementara),
        "MPLCONFIGDIR": str(tmp_path / "mpl"),
        "COLUMNS": "200",
    }
    sumber, isi = data
    keluar = tmp_path / "laporan.docx"
    proc = subprocess.Popen(
        [sys.executable, "-m", "lakip_xl.doors.cli", "laporan", str(sumber), "-o", str(keluar), "--pdf"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        batas = time.monotonic() + 90
        while not (catatan := list(sementara.rglob("soffice-palsu-*.pid"))):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < batas, "soffice tiruan tidak pernah dijalankan"
            time.sleep(0.1)
        time.sleep(0.3)  # let it write its pid
        pid = int(catatan[0].read_text().strip())
        assert _hidup(pid)
        proc.send_signal(signal.SIGINT)
        _, galat = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        for c in sementara.rglob("soffice-palsu-*.pid"):  # a failing run must not leave it hanging
            try:
                os.kill(int(c.read_text().strip() or 0), signal.SIGKILL)
            except (ValueError, OSError):
                pass
    assert proc.returncode == 130, galat
    assert galat.strip() == "Dibatalkan."
    time.sleep(0.5)
    assert not _hidup(pid), "soffice tiruan masih berjalan"
    assert list(sementara.iterdir()) == []  # no temporary file or folder of lakip-xl, the script or soffice
    assert sumber.read_bytes() == isi
    assert not keluar.with_suffix(".pdf").exists()


def test_a_path_with_brackets_is_shown_as_typed(tmp_path):
    # The line goes through rich: a file name must never be read as markup.
    baris = satu_baris_indonesia(run("hitung", str(tmp_path / "a[red]b[/red].json")))
    assert "a[red]b[/red].json" in baris
