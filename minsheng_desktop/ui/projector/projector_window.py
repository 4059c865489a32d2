"""The projector: a separate, read-only, full-screen window on the screen the officer chooses.

It listens to the event bus (live views, hold/show, paging) and never touches the database.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from ...domain.vote_session import LiveView
from ..events import EventBus
from .projector_painter import ProjectorPainter

SCREEN_KEY = "projector/screen"


class ProjectorWindow(QWidget):
    def __init__(self, bus: EventBus, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("民生实事票决 — 投影")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # every frame covers what it repaints
        self.view: LiveView | None = None
        self.held = True  # nothing shows until the officer says so
        self.page = 0
        self.pages = 1
        self.painter = ProjectorPainter(QApplication.font().family())
        bus.live_view.connect(self.show_view)
        bus.projector_hold.connect(self.set_held)
        bus.projector_page.connect(self.turn_page)
        self._pager = QTimer(self)
        self._pager.setInterval(10_000)  # long lists page by themselves, slowly enough to read
        self._pager.timeout.connect(lambda: self.turn_page(1))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, activated=lambda: self.turn_page(1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, activated=lambda: self.turn_page(-1))

    def show_view(self, view: LiveView) -> None:
        """A new ballot repaints only what it changed; anything else repaints the whole frame."""
        changed = None if self.held else self.painter.dirty(self.view, view, self.width(), self.height(), self.page)
        self.view = view
        if changed is None:
            self.update()
        else:
            for rect in changed:
                self.update(rect)

    def set_held(self, held: bool) -> None:
        self.held = held
        self.update()

    def turn_page(self, step: int) -> None:
        self.page = (self.page + step) % max(1, self.pages)
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        self.pages = self.painter.paint(p, self.width(), self.height(), self.view, self.held, self.page,
                                        event.region())
        p.end()
        if self.pages > 1 and not self._pager.isActive():
            self._pager.start()
        elif self.pages <= 1:
            self._pager.stop()

    def open_on(self, screen_index: int | None = None) -> None:
        """Full screen on the chosen screen (remembered per PC); windowed on the only screen when there is one."""
        screens = QGuiApplication.screens()
        index = screen_index if screen_index is not None else int(QSettings().value(SCREEN_KEY, len(screens) - 1))
        index = max(0, min(index, len(screens) - 1))
        QSettings().setValue(SCREEN_KEY, index)
        geometry = screens[index].geometry()
        self.setGeometry(geometry)
        if len(screens) > 1:
            self.showFullScreen()
        else:
            self.show()
            self.raise_()
