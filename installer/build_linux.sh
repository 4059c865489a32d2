#!/usr/bin/env bash
# Builds the Linux one-folder bundle into dist/minsheng (run from anywhere; needs the project's .venv or python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
"$PY" -m pip install -q "pyinstaller>=6"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  installer/minsheng.spec
echo "bundle: dist/minsheng/minsheng"
