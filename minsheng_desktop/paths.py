"""Where files live by default (the user's data folder, via platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

from . import APP_ID


def data_dir() -> Path:
    return user_data_path(APP_ID, appauthor=False, roaming=False, ensure_exists=True)


def default_db_path() -> Path:
    return data_dir() / "minsheng.sqlite"
