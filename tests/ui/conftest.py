"""UI fixtures: a main window over a copy of the demo town, synchronous tasks, dialogs that never block.

Message boxes are recorded, not shown. A warning or critical box is a refusal or an error: a test that expects
one takes it with ``messages.expect(...)``; any left over fails the test, so an action the app quietly refused
cannot pass for one that worked."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from minsheng_desktop.__main__ import make_services
from minsheng_desktop.ui.main_window import MainWindow
from minsheng_desktop.ui.tasks import TaskRunner
from tests.conftest import CLOCK

REFUSALS = ("warning", "critical")


class Messages(list):
    """(kind, title, text) of every message box, in order."""

    def expect(self, needle: str, kind: str | None = None) -> str:
        """Take the latest box whose text holds ``needle`` off the list and return its text; fail if none."""
        for i in range(len(self) - 1, -1, -1):
            if needle in self[i][2] and kind in (None, self[i][0]):
                return self.pop(i)[2]
        pytest.fail(f"no message box saying “{needle}”; shown: {list(self)}")

    def refusals(self) -> list[tuple[str, str, str]]:
        return [m for m in self if m[0] in REFUSALS]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.ui_call_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def messages(monkeypatch, request):
    """Every message box is recorded instead of shown; an unexpected warning or critical box fails the test."""
    seen = Messages()
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *a, kind=kind, **k: seen.append((kind, title, text))
            or QMessageBox.StandardButton.Ok))
    yield seen
    left = seen.refusals()
    if left and not getattr(request.node, "ui_call_failed", False):
        pytest.fail("unexpected message box(es) — take expected ones with messages.expect(...): "
                    + "; ".join(f"{k}「{title}」{text}" for k, title, text in left), pytrace=False)


def make_window(qtbot, db) -> MainWindow:
    services = make_services(db, CLOCK)
    window = MainWindow(tasks=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.attach(services)
    return window


@pytest.fixture
def window(qtbot, demo_db):
    return make_window(qtbot, demo_db)
