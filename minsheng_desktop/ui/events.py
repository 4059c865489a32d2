"""Services say what changed; this re-emits it as a Qt signal so panes refresh (no global window object)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..services.changes import Changes


class EventBus(QObject):
    changed = Signal(object)  # Changes
    year_selected = Signal(int)

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)
