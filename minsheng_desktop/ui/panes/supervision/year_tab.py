"""A tab of the 监督 pane over the pane's year (回头看, 代表专班): loaded with the pane, but only while it is shown
(a stale tab reloads when it is next opened), acting through the pane's bus and task runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ...feedback import publish_or_warn
from ...ops import Ops


class YearTab(QWidget):
    def __init__(self, owner):
        """``owner``: the 监督 pane (its clock, bus and task runner)."""
        super().__init__()
        self.owner = owner
        self.clock = owner.clock
        self.ops = Ops(self, owner.ops.tasks, owner.bus)
        self.year: int | None = None
        self.stale = False

    def set_year(self, year: int) -> None:
        self.year = year
        self.stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.year is not None:
            self.stale = False
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def load(self) -> None:
        raise NotImplementedError

    def publish(self, action: Callable[[], Any]) -> bool:
        return publish_or_warn(self, self.owner.bus, action)
