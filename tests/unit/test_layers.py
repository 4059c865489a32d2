"""The arrows point down: domain, storage, services and the CLI never load Qt."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

CHECK = """
import importlib, pkgutil, sys
import minsheng_desktop.domain as d, minsheng_desktop.services as s, minsheng_desktop.storage as st
for pkg in (d, s, st):
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if ".migrations" not in m.name:
            importlib.import_module(m.name)
import minsheng_desktop.cli
bad = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(",".join(bad))
"""


def test_domain_services_storage_and_cli_load_no_pyside6():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == ""


def test_domain_loads_no_sqlalchemy():
    code = ("import importlib, pkgutil, sys, minsheng_desktop.domain as d\n"
            "[importlib.import_module(m.name) for m in pkgutil.walk_packages(d.__path__, d.__name__ + '.')]\n"
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'PySide6')))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == ""


# The storage boundary ------------------------------------------------------------------------------------------
# Only ``storage/`` talks SQL: every query and every ORM class lives in a ``storage/*_repo.py`` module (or the
# storage modules beside them). Services, the UI and the CLI never import ``sqlalchemy`` or
# ``minsheng_desktop.storage.models`` — not at the top, not inside a function, not under ``TYPE_CHECKING``.
# Services (and the CLI) may import the rest of ``storage`` (the repos, and ``storage.db``: ``Database`` for type
# hints, ``open_database``, the schema revision); the UI holds services only and imports nothing of ``storage``.
PKG = "minsheng_desktop"
NO_SQL = ("sqlalchemy", f"{PKG}.storage.models")
NO_STORAGE = (f"{PKG}.storage",)


def _imported(path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, module) of every import anywhere in the file — ``from a import b`` counts as ``a`` and ``a.b``."""
    import ast

    package = list(path.relative_to(REPO).parts[:-1])  # a module's package (an __init__'s is its own folder)
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package[:len(package) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            out.append((node.lineno, base))
            out.extend((node.lineno, f"{base}.{a.name}") for a in node.names)
    return out


def _hits(modules: list[tuple[int, str]], banned: tuple[str, ...]) -> list[str]:
    return [f"{line}: {m}" for line, m in modules for b in banned if m == b or m.startswith(b + ".")]


def _violations() -> list[str]:
    root = REPO / PKG
    files = sorted([*(root / "services").rglob("*.py"), *(root / "ui").rglob("*.py"), root / "cli.py"])
    bad = []
    for path in files:
        banned = NO_SQL + (NO_STORAGE if (root / "ui") in path.parents else ())
        bad += [f"{path.relative_to(REPO)}:{hit}" for hit in _hits(_imported(path), banned)]
    return bad


def test_only_storage_talks_sql_and_the_ui_holds_services_only():
    assert _violations() == []


def test_the_boundary_check_sees_hidden_imports():
    """Imports inside functions, under TYPE_CHECKING and relative ones are all seen."""
    service = REPO / PKG / "services" / "example.py"
    src = ("from typing import TYPE_CHECKING\n"
           "if TYPE_CHECKING:\n    from sqlalchemy.orm import Session\n"
           "def f():\n    from ..storage.models import Project\n"
           "def g():\n    from ..storage import models\n"
           "from ..storage.db import Database\n")
    assert [h.split(": ")[1] for h in _hits(_imported(service, src), NO_SQL)] == [
        "sqlalchemy.orm", "sqlalchemy.orm.Session", f"{PKG}.storage.models", f"{PKG}.storage.models.Project",
        f"{PKG}.storage.models"]
    pane = REPO / PKG / "ui" / "panes" / "example.py"
    assert _hits(_imported(pane, "from ...storage.db import Database\n"), NO_STORAGE)
    assert not _hits(_imported(pane, "from ...services.backup_service import BackupService\n"), NO_STORAGE)
