"""Where files live: the user's data folder (platformdirs), or beside the program in portable mode.

Portable mode: when a file ``portable.txt`` sits beside the executable (a USB stick), the data folder is the
``数据`` folder next to it and nothing is written anywhere else (the GUI keeps its preferences there too).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_path

from . import APP_ID

PORTABLE_MARKER = "portable.txt"


def program_dir() -> Path:
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the folder of minsheng.exe
        return Path(sys.executable).resolve().parent
    return Path(os.environ.get("MINSHENG_PROGRAM_DIR") or Path(__file__).resolve().parent.parent)


def portable_dir() -> Path | None:
    marker = program_dir() / PORTABLE_MARKER
    return program_dir() / "数据" if marker.is_file() else None


def data_dir() -> Path:
    portable = portable_dir()
    if portable is not None:
        portable.mkdir(parents=True, exist_ok=True)
        return portable
    return user_data_path(APP_ID, appauthor=False, roaming=False, ensure_exists=True)


def default_db_path() -> Path:
    return data_dir() / "minsheng.sqlite"
