#!/usr/bin/env bash
# One command: install what is needed, lint, then run every test.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-env.sh test
.venv/bin/ruff check minsheng_desktop tests bench
scripts/with-postgres.sh .venv/bin/python -m pytest -q "$@"
