"""The dashboard's charts, painted with QPainter like ``widgets.BarChart`` (no chart library to ship).

- ``LightStackChart``: one horizontal bar per town (or district), split by light colour, with a legend.
- ``ColumnChart``: vertical columns in the given order (the satisfaction distribution).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from ....domain.progress import LIGHT_COLOURS

INK, MUTED = QColor("#1d2733"), QColor("#7a8592")
ROW = 22


class LightStackChart(QWidget):
    """Projects per unit by light: (label, {light: n}) rows, bars scaled to the largest unit."""

    def __init__(self, order: tuple[str, ...], parent=None):
        super().__init__(parent)
        self._order = order
        self._rows: list[tuple[str, dict[str, int]]] = []
        self.setMinimumHeight(120)

    def set_rows(self, rows: list[tuple[str, dict[str, int]]]) -> None:
        self._rows = rows
        self.setMinimumHeight(max(120, ROW * len(rows) + 34))
        self.update()

    def rows(self) -> list[tuple[str, dict[str, int]]]:
        return list(self._rows)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._rows:
            p.setPen(MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "暂无数据")
            return
        fm = p.fontMetrics()
        x = 0.0
        for lamp in self._order:  # the legend
            p.fillRect(QRectF(x, 6, 12, 12), QColor(LIGHT_COLOURS[lamp]))
            p.setPen(INK)
            p.drawText(QRectF(x + 16, 0, 40, 24), Qt.AlignmentFlag.AlignVCenter, f"{lamp}灯")
            x += 20 + fm.horizontalAdvance(f"{lamp}灯") + 12
        label_w = max(fm.horizontalAdvance(k) for k, _ in self._rows) + 12
        value_w = fm.horizontalAdvance("0000") + 8
        top = max(sum(c.values()) for _, c in self._rows) or 1
        bar_w = max(10, self.width() - label_w - value_w - 10)
        for i, (label, counts) in enumerate(self._rows):
            y = 30 + i * ROW
            p.setPen(INK)
            p.drawText(QRectF(0, y, label_w - 8, ROW - 2),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            x = float(label_w)
            for lamp in self._order:
                w = bar_w * counts.get(lamp, 0) / top
                if w:
                    p.fillRect(QRectF(x, y + 3, w, ROW - 8), QColor(LIGHT_COLOURS[lamp]))
                x += w
            p.drawText(QRectF(x + 6, y, value_w, ROW - 2), Qt.AlignmentFlag.AlignVCenter, str(sum(counts.values())))


class ColumnChart(QWidget):
    """Vertical columns in the order given, each labelled below and counted above."""

    def __init__(self, colour: str = "#3d6a9e", parent=None):
        super().__init__(parent)
        self._items: list[tuple[str, float]] = []
        self._colour = QColor(colour)
        self.setMinimumHeight(130)

    def set_items(self, items: list[tuple[str, float]]) -> None:
        self._items = list(items)
        self.update()

    def items(self) -> list[tuple[str, float]]:
        return list(self._items)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not any(v for _k, v in self._items):
            p.setPen(MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "暂无测评结果")
            return
        top = max(v for _k, v in self._items) or 1
        n = len(self._items)
        slot = self.width() / n
        base = self.height() - 24
        for i, (label, value) in enumerate(self._items):
            h = (base - 24) * value / top
            x = i * slot
            p.fillRect(QRectF(x + slot * 0.2, base - h, slot * 0.6, h), self._colour)
            p.setPen(INK)
            p.drawText(QRectF(x, base - h - 20, slot, 18), Qt.AlignmentFlag.AlignCenter, f"{value:g}")
            p.drawText(QRectF(x, base + 2, slot, 20), Qt.AlignmentFlag.AlignCenter, label)
