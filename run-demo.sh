#!/usr/bin/env bash
# One command: install what is needed, then open the desktop app on a demo town database.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-env.sh
DB="${1:-$HOME/.local/share/minsheng/演示-清溪镇.sqlite}"
mkdir -p "$(dirname "$DB")"
exec .venv/bin/minsheng gui --demo --db "$DB"
