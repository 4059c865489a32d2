#!/usr/bin/env bash
# Installs what Minsheng needs on a fresh Debian/Ubuntu machine: system libraries for Qt, a Chinese font,
# poppler for looking at PDFs, and a Python virtual environment (.venv) with the app.
#   scripts/setup-env.sh        the app (used by ./run-demo.sh)
#   scripts/setup-env.sh test   also the test tools: PostgreSQL for the county-database tests, NSIS and
#                               PyInstaller for the installer tests, Debian's chromium for the phone page test
#                               (driven by the playwright module, which downloads no browser; used by ./run-tests.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-app}

APT_PACKAGES=(
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libx11-6 libfontconfig1 libdbus-1-3
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
  fonts-wqy-microhei poppler-utils poppler-data python3-venv
)
EXTRAS="."
if [ "$MODE" = "test" ]; then
  APT_PACKAGES+=(postgresql nsis chromium)
  EXTRAS=".[test,postgres,build]"
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "安装系统依赖 / installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || echo "注意：部分系统包未能安装（如 python3-venv 在 pyenv 环境中不需要）/ some packages could not be installed"
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e "$EXTRAS"
