#!/usr/bin/env bash
# One command: install what is needed, run the static checks, then every test.
#   ruff (lint), mypy (types: domain/, services/, storage/ as set in mypy.ini), radon (no function in domain/ or
#   services/ above grade C), pytest with PostgreSQL on loopback, and the coverage floor: the rule modules
#   (tally, rules, satisfaction, progress, screening) must keep 100% of their lines covered (scripts/check_coverage.py).
# Arguments go to pytest; with arguments (a subset of the tests) the coverage floor is not checked.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-env.sh test
.venv/bin/ruff check minsheng_desktop tests bench scripts
.venv/bin/mypy
.venv/bin/python scripts/check_complexity.py
if [ $# -eq 0 ]; then
  cov_json=$(mktemp --suffix=.json)
  trap 'rm -f "$cov_json"' EXIT
  scripts/with-postgres.sh .venv/bin/python -m pytest -q --cov=minsheng_desktop.domain --cov-report= \
    --cov-report=json:"$cov_json"
  .venv/bin/python scripts/check_coverage.py "$cov_json"
else
  scripts/with-postgres.sh .venv/bin/python -m pytest -q "$@"
fi
