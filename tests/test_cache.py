"""The on-disk cache (lakip_xl.cache) and what the report keeps in it (issue 14)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from lakip_xl import cache

ROOT = Path(__file__).parents[1]
BUKU = ROOT / "workbooks" / "Contoh_Kotabumi_2022.xlsm"


@pytest.fixture
def folder_cache(tmp_path, monkeypatch):
    f = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(f))
    return f


def test_entry_round_trip_and_layout(folder_cache):
    k = cache.kunci("a", b"b")
    assert cache.baca("uji", k) is None
    cache.simpan("uji", k, b"isi")
    assert cache.baca("uji", k) == b"isi"
    berkas = folder_cache / "uji" / f"{k}.bin"
    # The stored form: SHA-256 of the content, then the content (checked by hand here).
    assert berkas.read_bytes() == hashlib.sha256(b"isi").digest() + b"isi"
    assert [p.name for p in (folder_cache / "uji").iterdir()] == [berkas.name]  # no temporary file left


def test_key_separates_its_parts():
    assert cache.kunci("ab", "c") != cache.kunci("a", "bc")
    assert cache.kunci("a", b"b") == cache.kunci(b"a", "b")


def test_damaged_entry_is_ignored_and_removed(folder_cache):
    k = cache.kunci("x")
    cache.simpan("uji", k, b"0123456789")
    berkas = folder_cache / "uji" / f"{k}.bin"
    berkas.write_bytes(berkas.read_bytes()[:-3])  # cut short
    assert cache.baca("uji", k) is None
    assert not berkas.exists()
    berkas.write_bytes(b"short")
    assert cache.baca("uji", k) is None


def test_switched_off_and_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "0")
    assert cache.folder() is None
    cache.simpan("uji", "k", b"isi")  # nothing happens, nothing raised
    assert cache.baca("uji", "k") is None
    # A cache "folder" that is a file: writing fails inside, silently.
    berkas = tmp_path / "bukan-folder"
    berkas.write_text("x")
    monkeypatch.setenv(cache.ENV, str(berkas))
    cache.simpan("uji", "k", b"isi")
    assert cache.baca("uji", "k") is None
    assert berkas.read_text() == "x"


def test_default_folder_is_the_users_cache(monkeypatch):
    import platformdirs

    monkeypatch.delenv(cache.ENV, raising=False)
    assert cache.folder() == Path(platformdirs.user_cache_dir("lakip-xl", appauthor=False))


def test_each_kind_is_trimmed_least_recently_used_first(folder_cache, monkeypatch):
    monkeypatch.setattr(cache, "BATAS_ENTRI", 3)
    for i in range(3):
        cache.simpan("uji", f"k{i}", b"%d" % i)
        os.utime(folder_cache / "uji" / f"k{i}.bin", (1000 + i, 1000 + i))
    assert cache.baca("uji", "k0") == b"0"  # used: now the most recent
    cache.simpan("uji", "k3", b"3")
    assert sorted(p.stem for p in (folder_cache / "uji").iterdir()) == ["k0", "k2", "k3"]


def _tulis_banyak(args: tuple[str, int]) -> None:
    folder, n = args
    os.environ[cache.ENV] = folder
    for _ in range(30):
        cache.simpan("uji", "sama", bytes([n]) * 200_000)


def test_concurrent_writers_leave_a_whole_entry(folder_cache):
    with ProcessPoolExecutor(2) as ex:
        list(ex.map(_tulis_banyak, [(str(folder_cache), 1), (str(folder_cache), 2)]))
    isi = cache.baca("uji", "sama")
    assert isi in (b"\x01" * 200_000, b"\x02" * 200_000)
    assert [p.name for p in (folder_cache / "uji").iterdir()] == ["sama.bin"]


# A report rendered in a new process, with the provenance time fixed so two renders compare.
_SKRIP = """
import datetime as dt, json, sys
from pathlib import Path
import lakip_xl.layanan as layanan
layanan._sekarang = lambda: dt.datetime(2024, 2, 1, 8, 0, tzinfo=dt.UTC)
from lakip_xl.laporan import grafik, render_docx, templat
isi, _ = render_docx(layanan.buka(Path(sys.argv[1])))
Path(sys.argv[2]).write_bytes(isi)
print(json.dumps({"bangun": templat.jumlah_bangun, "gambar": grafik.jumlah_gambar,
                  "matplotlib": "matplotlib" in sys.modules}))
"""


def _render_baru(tmp_path: Path, nama: str, folder: str) -> tuple[dict[str, bytes], dict[str, object]]:
    out = tmp_path / f"{nama}.docx"
    env = {**os.environ, cache.ENV: folder}
    r = subprocess.run(
        [sys.executable, "-c", _SKRIP, str(BUKU), str(out)], capture_output=True, text=True, env=env, check=True
    )
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        bagian = {n: z.read(n) for n in z.namelist()}
    return bagian, json.loads(r.stdout.strip().splitlines()[-1])


def test_new_process_reads_the_cache_and_renders_the_same(tmp_path):
    """Issue 14: the first process builds the template and draws the three charts and keeps
    them on disk; the next process builds and draws nothing (matplotlib is not even
    imported), and its report equals, part by part, pictures included, the first one and one
    rendered with the cache switched off."""
    folder = str(tmp_path / "cache")
    pertama, s1 = _render_baru(tmp_path, "pertama", folder)
    assert s1 == {"bangun": 1, "gambar": 3, "matplotlib": True}
    assert {p.name for p in Path(folder).iterdir()} == {"templat", "variabel", "grafik"}
    kedua, s2 = _render_baru(tmp_path, "kedua", folder)
    assert s2 == {"bangun": 0, "gambar": 0, "matplotlib": False}
    tanpa, s3 = _render_baru(tmp_path, "tanpa", "0")
    assert s3 == {"bangun": 1, "gambar": 3, "matplotlib": True}
    assert kedua == pertama
    assert tanpa == pertama
    assert b"1 Februari 2024 08.00.00 UTC" in pertama["word/document.xml"]  # the fixed time really is in it
    assert sum(n.startswith("word/media/") for n in pertama) == 3


def test_damaged_cache_is_rebuilt_silently(tmp_path):
    folder = tmp_path / "cache"
    pertama, _ = _render_baru(tmp_path, "pertama", str(folder))
    for p in folder.rglob("*.bin"):
        p.write_bytes(p.read_bytes()[:100])  # every entry damaged
    kedua, s2 = _render_baru(tmp_path, "kedua", str(folder))
    assert s2 == {"bangun": 1, "gambar": 3, "matplotlib": True}
    assert kedua == pertama
    ketiga, s3 = _render_baru(tmp_path, "ketiga", str(folder))  # and the rebuilt entries serve
    assert s3 == {"bangun": 0, "gambar": 0, "matplotlib": False}
    assert ketiga == pertama
