"""Shared fixtures. Qt must be told to draw offscreen before anything imports PySide6."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Per-machine preferences (QSettings: window geometry, the projector's screen) go to a throwaway folder.
os.environ["XDG_CONFIG_HOME"] = __import__("tempfile").mkdtemp(prefix="minsheng-test-config-")

import shutil  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from minsheng_desktop.services.settings_service import SettingsService, TownInfo  # noqa: E402
from minsheng_desktop.storage.db import open_database  # noqa: E402

TODAY = date(2026, 11, 21)
REPO = Path(__file__).resolve().parents[1]


def shared_cases_dir() -> Path:
    env = os.environ.get("MINSHENG_CASES")
    for candidate in ([Path(env)] if env else []) + [REPO.parent / "shared" / "spec" / "cases",
                                                     REPO / ".." / ".." / "shared" / "spec" / "cases"]:
        if candidate.is_dir():
            return candidate.resolve()
    raise FileNotFoundError("shared/spec/cases not found beside the repository (set MINSHENG_CASES)")


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory) -> Path:
    """An empty, migrated database built once; each test gets a copy (migrations take ~0.4 s)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_database(path).close()
    return path


@pytest.fixture
def db_path(tmp_path, _template_db) -> Path:
    path = tmp_path / "town.sqlite"
    shutil.copy(_template_db, path)
    return path


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def town_db(db):
    SettingsService(db, today=TODAY).create_town(
        TownInfo("610999102", "测试镇", "乡镇", "610999", "示范县", "测试镇第十八届人民代表大会", ""), year=2026
    )
    return db


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path)
    write_demo(database, DemoOptions(today=TODAY))
    database.close()
    return path


@pytest.fixture
def demo_path(tmp_path, _demo_template) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(_demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_path):
    database = open_database(demo_path)
    yield database
    database.close()
