#!/usr/bin/env bash
# Rebuilds the committed workbooks from the schema (a test checks they equal a fresh build).
set -euo pipefail
cd "$(dirname "$0")/.."
LX=${LX:-.venv/bin/lakip-xl}
"$LX" buku-kerja baru -o workbooks/LAKIP_Master.xlsm --timpa
"$LX" buku-kerja baru -o workbooks/Contoh_Kotabumi_2022.xlsm --data lakip_xl/data/contoh_kotabumi_2022.json --timpa
