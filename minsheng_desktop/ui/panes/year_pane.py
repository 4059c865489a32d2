"""The skeleton every pane over one working year shares: the year, ``set_year`` / ``refresh``, the bus, the ops.

How a pane learns of a change: an action publishes the ``Changes`` a service returned on the event bus; the main
window marks every pane stale (except those the change names as already showing it, ``Changes.shown_by``) and
calls ``set_year`` on a stale pane when it is shown (``MainWindow._on_nav_changed`` / ``_refresh_if_stale``).
A pane therefore only says how to ``load`` its year; it never listens to the bus itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ..events import EventBus
from ..feedback import publish_or_warn
from ..ops import Ops
from ..tasks import TaskRunner


class YearPane(QWidget):
    """A pane showing one working year. Subclasses build their widgets after ``super().__init__`` and implement
    ``load`` (called with ``self.year`` set); ``set_year`` and ``refresh`` are the main window's and the tests'."""

    scrolls_itself = False  # True: the pane holds its own scroll area, the main window does not wrap it in one

    def __init__(self, bus: EventBus | None = None, tasks: TaskRunner | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self.bus = bus
        self.ops = Ops(self, tasks, bus)
        self.year: int | None = None

    def set_year(self, year: int) -> None:
        """Show this year (the main window calls it when the pane is shown after a change or a new year)."""
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        """Reload the shown year from the services; nothing before a year is set."""
        if self.year is not None:
            self.load()

    def load(self) -> None:
        raise NotImplementedError

    def _publish(self, action: Callable[[], Any], failed_title: str | None = None) -> bool:
        """Run a service action and publish what it changed; a refusal or an error is shown instead."""
        return publish_or_warn(self, self.bus, action, failed_title)
