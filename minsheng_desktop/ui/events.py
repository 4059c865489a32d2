"""Services say what changed; this re-emits it as a Qt signal so panes refresh (no global window object)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..services.changes import Changes


class EventBus(QObject):
    changed = Signal(object)  # Changes
    year_selected = Signal(int)
    live_view = Signal(object)  # domain.vote_session.LiveView: what the projector draws
    projector_hold = Signal(bool)  # True: the hall sees a neutral screen
    projector_page = Signal(int)  # +1 / -1

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)
