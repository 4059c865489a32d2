"""A confirmation where the eye is: a small green note at the top of the pane that fades after a few seconds."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, Qt, QTimer
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QWidget


class Toast(QLabel):
    """Floats over ``host`` (not in any layout), lets clicks through, and never takes the focus."""

    def __init__(self, host: QWidget, duration_ms: int = 3000):
        super().__init__(host)
        self.setObjectName("toast")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.duration_ms = duration_ms
        self._effect = QGraphicsOpacityEffect(self)
        self._effect.setOpacity(1.0)
        self.setGraphicsEffect(self._effect)
        self._fade = QPropertyAnimation(self._effect, b"opacity", self)
        self._fade.setDuration(450)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.setEasingCurve(QEasingCurve.Type.InQuad)
        self._fade.finished.connect(self.hide)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fade.start)
        self.hide()

    def show_message(self, text: str) -> None:
        self._fade.stop()
        self._effect.setOpacity(1.0)
        self.setText("✓ " + text.replace("\n", " "))
        self.place()
        self.show()
        self.raise_()
        self._timer.start(self.duration_ms)

    def place(self) -> None:
        """Centred at the top of the host, as wide as the text needs (at most two thirds of the host)."""
        host = self.parentWidget()
        width = min(max(self.fontMetrics().horizontalAdvance(self.text()) + 48, 240), max(240, host.width() * 2 // 3))
        height = self.heightForWidth(width) if self.hasHeightForWidth() else self.sizeHint().height()
        self.setGeometry((host.width() - width) // 2, 10, width, max(height, 34))
