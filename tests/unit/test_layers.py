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
