"""Outside tools a test needs (PostgreSQL, PyInstaller, NSIS, poppler's pdftotext/pdftoppm).

On a developer's machine a missing tool skips the test, saying how to install it. Under CI (the CI variable set
to anything but empty/0/false) it fails the test instead: CI installs everything, so a skip there would only
hide a test that never ran. Every test that needs a tool asks here; none calls pytest.skip for one itself.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from typing import NoReturn

import pytest

PG_ENV = "MINSHENG_TEST_PG_URL"


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(what: str, hint: str) -> NoReturn:
    if under_ci():
        pytest.fail(f"{what} is required under CI but missing ({hint})", pytrace=False)
    pytest.skip(f"{what} is not available ({hint})")


def need_program(name: str, hint: str) -> str:
    """The program's path on PATH."""
    path = shutil.which(name)
    if path is None:
        missing(name, hint)
    return path


def need_module(name: str, hint: str) -> None:
    """A module importable by the interpreter running the tests (the venv's, not whatever python3 is)."""
    if importlib.util.find_spec(name) is None:
        missing(f"the Python module {name} (for {sys.executable})", hint)


def need_pyinstaller() -> list[str]:
    """The command that runs PyInstaller with this interpreter."""
    need_module("PyInstaller", "pip install -e '.[build]'")
    return [sys.executable, "-m", "PyInstaller"]


def need_makensis() -> str:
    return need_program("makensis", "apt-get install nsis")


def need_poppler(program: str = "pdftotext") -> str:
    """pdftotext or pdftoppm."""
    return need_program(program, "apt-get install poppler-utils")


def need_postgres() -> str:
    """The URL of an empty PostgreSQL database the test may wipe (scripts/with-postgres.sh provides one)."""
    url = os.environ.get(PG_ENV, "")
    if not url:
        missing(f"PostgreSQL ({PG_ENV})", "run the tests through scripts/with-postgres.sh")
    need_module("psycopg", "pip install -e '.[postgres]'")
    return url


def need_chromium() -> str:
    """Debian's chromium and the playwright module that drives it (no browser download)."""
    need_module("playwright", "pip install -e '.[test]'")
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    missing("chromium", "apt-get install chromium")
