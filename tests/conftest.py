"""Shared fixtures. Qt must be told to draw offscreen before anything imports PySide6.

The date is pinned here and only here: ``CLOCK`` is the one clock every service, pane, dialog and report gets in
the tests (the ``clock`` fixture), the CLI reads the same day from MINSHENG_TODAY, and a test that reaches for the
machine's date fails (it would pass today and break on another day)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Per-machine preferences (QSettings: window geometry, the projector's screen) and the data folder (the log, kept
# home pages) go to throwaway folders, gone after the run.
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME"):
    os.environ[_var] = __import__("tempfile").mkdtemp(prefix=f"minsheng-test-{_var[4:8].lower()}-")
    __import__("atexit").register(__import__("shutil").rmtree, os.environ[_var], True)

import shutil  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from minsheng_desktop.clock import ENV as TODAY_ENV  # noqa: E402
from minsheng_desktop.clock import FixedClock, SystemClock  # noqa: E402
from minsheng_desktop.services.settings_service import SettingsService, TownInfo  # noqa: E402
from minsheng_desktop.storage.db import open_database  # noqa: E402

CLOCK = FixedClock(date(2026, 11, 21))
TODAY = CLOCK.today()
os.environ[TODAY_ENV] = TODAY.isoformat()  # the CLI, in-process or run as a program, sees the same day
REPO = Path(__file__).resolve().parents[1]
PROJECT_CASES = REPO / "tests" / "cases"  # the project's copy of shared/spec/cases (a clone needs nothing beside it)


def upstream_cases_dir() -> Path | None:
    """shared/spec/cases beside the repository (or where MINSHENG_CASES points), if it is there."""
    env = os.environ.get("MINSHENG_CASES")
    for candidate in ([Path(env)] if env else []) + [REPO.parent / "shared" / "spec" / "cases"]:
        if candidate.is_dir():
            return candidate.resolve()
    return None


def shared_cases_dir() -> Path:
    """The worked examples: the shared folder when present, else the copy kept in tests/cases."""
    return upstream_cases_dir() or PROJECT_CASES


@pytest.fixture
def clock() -> FixedClock:
    return CLOCK


@pytest.fixture(autouse=True)
def _no_machine_date(monkeypatch):
    """Reading the machine's date (a service, pane or dialog built without the test clock) fails the test."""
    def refuse(self):
        raise AssertionError("the code under test read the machine's date: build it with the `clock` fixture")

    monkeypatch.setattr(SystemClock, "today", refuse)


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
    SettingsService(db, CLOCK).create_town(
        TownInfo("610999102", "测试镇", "乡镇", "610999", "示范县", "测试镇第十八届人民代表大会", ""), year=2026
    )
    return db


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path)
    write_demo(database, DemoOptions(), CLOCK)
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


from tests.street_fixtures import street_db, street_template  # noqa: E402, F401  (a demo street council)
