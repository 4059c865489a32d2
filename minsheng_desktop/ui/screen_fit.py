"""Where the main window opens: inside the screen's available area (taskbar excluded), remembered per PC.

A 1366×768 laptop with a 40 px taskbar leaves 1366×728 for the window, title bar included; a 1920×1080 screen at
150 % scaling leaves about 1280×690. The window's default (1280×800) fits neither, so there it opens maximised.
A remembered place is used only if it still fits one of the screens (a projector or a second monitor may be gone).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QPushButton, QScrollArea, QStyle, QWidget

DEFAULT = QSize(1280, 800)
MINIMUM = QSize(960, 600)  # fits 1280×720 at 150 % with the taskbar and the title bar; panes scroll below it
FRAME = QMargins(8, 31, 8, 8)  # a Windows title bar and borders, around the window's client area
SLACK = 10  # Windows lets a window's invisible border hang a few pixels off the screen
RECT_KEY, MAXIMISED_KEY = "main_window/rect", "main_window/maximised"


def fits(rect: QRect, available: QRect) -> bool:
    """The window (client ``rect`` plus its title bar) lies inside the ``available`` area of a screen."""
    framed = rect.marginsAdded(QMargins(0, FRAME.top() - SLACK, 0, 0))
    return (rect.width() >= MINIMUM.width() and rect.height() >= MINIMUM.height()
            and available.marginsAdded(QMargins(SLACK, SLACK, SLACK, SLACK)).contains(framed))


def plan(saved: QRect | None, saved_maximised: bool, screens: list[QRect], primary: QRect) -> tuple[QRect, bool]:
    """(client rect, maximised). The saved place if it fits a screen; else the default size centred on the primary
    screen's available area, or that whole area (maximised) when the default does not fit."""
    if saved is not None and saved.isValid() and any(fits(saved, area) for area in screens):
        return QRect(saved), saved_maximised
    if DEFAULT.grownBy(FRAME).width() > primary.width() or DEFAULT.grownBy(FRAME).height() > primary.height():
        rect = primary.marginsRemoved(FRAME)
        size = rect.size().expandedTo(MINIMUM)
        return QRect(rect.topLeft(), size), True
    rect = QRect(QPoint(0, 0), DEFAULT)
    rect.moveCenter(primary.center())
    return rect, False


def restore(window) -> bool:
    """Place ``window`` as planned; returns whether to show it maximised."""
    settings = QSettings()
    saved = settings.value(RECT_KEY)
    maximised = settings.value(MAXIMISED_KEY, False, type=bool)
    screens = [s.availableGeometry() for s in QGuiApplication.screens()]
    primary = QGuiApplication.primaryScreen()
    rect, maximised = plan(saved if isinstance(saved, QRect) else None, maximised, screens,
                           primary.availableGeometry() if primary else QRect(0, 0, 1366, 728))
    window.setGeometry(rect)
    return maximised


def remember(window) -> None:
    settings = QSettings()
    settings.setValue(RECT_KEY, window.normalGeometry() if window.isMaximized() else window.geometry())
    settings.setValue(MAXIMISED_KEY, window.isMaximized())


class PaneScroll(QScrollArea):
    """A pane scrolls rather than clips when the window is smaller than the pane needs, and only then.

    Qt's own ``widgetResizable`` gives a pane with word-wrapped labels its *preferred* height for the width, so a
    pane that fits would scroll; here the pane gets the viewport, or its minimum height for that width if more."""

    def __init__(self, pane: QWidget):
        super().__init__()
        self.setObjectName("paneScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(pane)
        pane.installEventFilter(self)

    def fit(self) -> None:
        pane = self.widget()
        room = self.maximumViewportSize()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        least = pane.minimumSizeHint().expandedTo(pane.minimumSize())
        lay = pane.layout()

        def least_height(width: int) -> int:
            if lay is not None and lay.hasHeightForWidth():
                return max(least.height(), lay.minimumHeightForWidth(width))
            return least.height()

        width = max(room.width(), least.width())
        height = max(room.height(), least_height(width))
        if height > room.height():  # a vertical scroll bar takes its share of the width
            width = max(room.width() - bar, least.width())
            height = max(room.height(), least_height(width))
        if width > room.width():
            height = max(room.height() - bar, least_height(width))
        pane.resize(width, height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return False


def cut_off(widget: QWidget, window: QWidget) -> bool:
    """Part of ``widget`` is outside the window or hidden by an ancestor (a scroll area's edge, a splitter's)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    clip = window.rect()
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        clip = clip.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return not clip.contains(rect)


def clipped(window) -> list[str]:
    """What the secretary cannot reach without scrolling: the shown page's buttons, the year selector, the status
    bar (the screenshot script and tests/ui/test_screen_fit.py report these)."""
    page = window.stack.currentWidget()
    found = [f"按钮“{b.text()}”" for b in page.findChildren(QPushButton) if b.isVisibleTo(window) and b.text()
             and cut_off(b, window)]
    for what, widget in (("年度选择", window.year_box), ("状态栏", window.statusBar())):
        if cut_off(widget, window):
            found.append(what)
    return found
