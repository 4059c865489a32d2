"""UI fixtures: a main window over a copy of the demo town, synchronous tasks, dialogs that never block."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from minsheng_desktop.__main__ import make_services
from minsheng_desktop.ui.main_window import MainWindow
from minsheng_desktop.ui.tasks import TaskRunner
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    """Every message box is recorded instead of shown."""
    seen: list[tuple[str, str, str]] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *a, kind=kind, **k: seen.append((kind, title, text))
            or QMessageBox.StandardButton.Ok))
    return seen


def make_window(qtbot, db) -> MainWindow:
    services = make_services(db, today=TODAY)
    window = MainWindow(tasks=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.attach(services)
    return window


@pytest.fixture
def window(qtbot, demo_db):
    return make_window(qtbot, demo_db)
