#!/usr/bin/env bash
# Fast tier for the inner loop: lint, type check and every test that needs no LibreOffice
# (about four minutes on two cores, 530 tests). Run scripts/test.sh (the full suite) before landing.
# Usage: bash scripts/cepat.sh [pytest arguments]   (after scripts/test.sh has installed .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { echo "Jalankan dulu: bash scripts/test.sh (memasang .venv)." >&2; exit 2; }
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
LAKIP_XL_CEPAT=1 .venv/bin/python -m pytest -m "not libreoffice" -q -n auto "$@"  # pytest-xdist: one worker per core
