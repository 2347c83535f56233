#!/usr/bin/env bash
# Installs what the tests need and runs them: LibreOffice, poppler and the Arial-compatible font
# Liberation Sans (Debian packages, when missing and we are root), the package with its test
# extras in .venv, ruff (lint + format), mypy and pytest.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
DEB_PAKET="libreoffice-calc-nogui libreoffice-writer-nogui python3-uno poppler-utils fonts-dejavu-core fonts-liberation2"
huruf_ada() { command -v fc-match >/dev/null 2>&1 && fc-match -f '%{family}' Arial | grep -q -E '^(Arial|Liberation Sans|Arimo)'; }
if ! command -v soffice >/dev/null 2>&1 || ! /usr/bin/python3 -c "import uno" >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 || ! huruf_ada; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang LibreOffice, poppler, dan huruf Liberation (apt-get)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $DEB_PAKET >/dev/null
  else
    echo "Peringatan: LibreOffice/python3-uno/pdftoppm/huruf Liberation tidak ada dan tidak dapat dipasang otomatis (bukan root)." >&2
    echo "Pasang: sudo apt-get install $DEB_PAKET" >&2
  fi
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
