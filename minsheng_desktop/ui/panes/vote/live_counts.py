"""当前计票 in the console: each candidate's 赞成 / 反对 / 弃权 and whether it is over the pass line, from the same
LiveView the projector draws.

Every ballot changes every row (an unmarked candidate is an abstention), so this view repaints its figures on
every ballot. As a QTableView (a style-sheet item delegate laying out each of some hundred cells) that was about
1.7 ms of each ballot; here the names are drawn once per width and the figures are copied from small pictures of
each number, in one pass over the rows whose figures changed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QToolTip, QWidget

COLUMNS = ("候选项目", "赞成", "反对", "弃权", "过线")
WIDTHS = (48, 48, 48, 44)  # the figures' columns; the name takes the rest
ROW_H = 24
PAD = 5
GRID, HEADER_BG, HEADER_LINE, TEXT = QColor("#e3e6ea"), QColor("#eef1f5"), QColor("#dde1e6"), QColor("#1d2733")
PASSED = QColor("#1e5631")

Row = tuple[str, int, int, int, str]  # name, approve, oppose, abstain, "✔" when over the pass line


class LiveCounts(QAbstractScrollArea):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[Row] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(True)
        pal = self.viewport().palette()
        pal.setColor(self.viewport().backgroundRole(), QColor("white"))
        self.viewport().setPalette(pal)
        bold = QFont(self.font())
        bold.setBold(True)
        self._bold = bold
        self._header_h = self.fontMetrics().height() + 2 * PAD + 1
        self._drawn: dict[tuple, tuple[QPixmap, int]] = {}  # names and figures, drawn once per text, width and pixel ratio

    # What it shows ----------------------------------------------------------------------------------------------
    def show_rows(self, rows: Sequence[Row]) -> None:
        """New counts: when the candidates are the same, only the figures that changed are repainted."""
        rows = [tuple(r) for r in rows]  # type: ignore[misc]
        old, self.rows = self.rows, rows  # type: ignore[assignment]
        if [r[0] for r in old] != [r[0] for r in rows]:
            self._drawn.clear()
            self._fit_scrollbar()
            self.viewport().update()
            return
        changed = [i for i, (a, b) in enumerate(zip(old, rows, strict=True)) if a != b]
        if changed:  # one band over the figures of the changed rows (not one rectangle per row: Qt merges those)
            left, top = self._name_width(), self._row_top(changed[0])
            self.viewport().update(QRect(left, top, self.viewport().width() - left,
                                         self._row_top(changed[-1]) + ROW_H - top))

    def figures(self) -> list[Row]:
        return list(self.rows)

    def row_height(self) -> int:
        return ROW_H

    def visible_rows(self) -> int:
        """How many whole rows fit under the header."""
        return max(0, (self.viewport().height() - self._header_h) // ROW_H)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(340, self._header_h + ROW_H * 12)

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt's name
        """A name cut with … shows whole in its tooltip."""
        if event.type() == QEvent.Type.ToolTip:
            y = event.pos().y()
            i = (y - self._header_h + self.verticalScrollBar().value()) // ROW_H
            if y >= self._header_h and 0 <= i < len(self.rows) and event.pos().x() < self._name_width():
                QToolTip.showText(event.globalPos(), str(self.rows[i][0]), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # Geometry ---------------------------------------------------------------------------------------------------
    def _name_width(self) -> int:
        return max(40, self.viewport().width() - sum(WIDTHS))

    def _row_top(self, i: int) -> int:
        return self._header_h + i * ROW_H - self.verticalScrollBar().value()

    def _fit_scrollbar(self) -> None:
        bar = self.verticalScrollBar()
        bar.setPageStep(max(1, self.viewport().height() - self._header_h))
        bar.setSingleStep(ROW_H)
        bar.setRange(0, max(0, len(self.rows) * ROW_H - (self.viewport().height() - self._header_h)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_scrollbar()

    def scrollContentsBy(self, _dx: int, _dy: int) -> None:  # noqa: N802 - Qt's name
        self.viewport().update()

    # Drawing ----------------------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        vp = self.viewport()
        box = event.region().boundingRect()  # a ballot's repaint: one band over the changed figures
        p = QPainter(vp)
        ratio = p.device().devicePixelRatioF()
        width, name_w = vp.width(), self._name_width()
        edges = [name_w]
        for w in WIDTHS:
            edges.append(edges[-1] + w)
        with_names = box.left() < name_w
        first = max(0, (box.top() - self._header_h + self.verticalScrollBar().value()) // ROW_H)
        for i in range(first, len(self.rows)):
            top = self._row_top(i)
            if top > box.bottom():
                break
            name, *figures = self.rows[i]
            if with_names:
                p.drawPixmap(PAD, top, self._text(str(name), name_w - 2 * PAD, False, ratio, elide=True)[0])
            for col, value in enumerate(figures):
                if value != "":
                    pix, w = self._text(str(value), WIDTHS[col] - 2 * PAD, col == 3, ratio)
                    p.drawPixmap(edges[col + 1] - PAD - w, top, pix)
            p.fillRect(0, top + ROW_H - 1, width, 1, GRID)
        end = min(box.bottom() + 1, self._row_top(len(self.rows)))  # the columns' lines stop with the last row
        for x in edges[:-1]:  # once for the whole band
            if end > box.top():
                p.fillRect(x - 1, box.top(), 1, end - box.top(), GRID)
        if box.top() < self._header_h:
            self._header(p, width, edges)
        p.end()

    def _header(self, p: QPainter, width: int, edges: list[int]) -> None:
        h = self._header_h
        p.fillRect(QRect(0, 0, width, h), HEADER_BG)
        p.fillRect(QRect(0, h - 1, width, 1), HEADER_LINE)
        starts = [0, *edges[:-1]]
        for col, title in enumerate(COLUMNS):
            right = edges[col] if col < len(edges) else width
            if col < len(COLUMNS) - 1:
                p.fillRect(QRect(right - 1, 0, 1, h), HEADER_LINE)
            p.setFont(self._bold)
            p.setPen(TEXT)
            p.drawText(QRect(starts[col], 0, right - starts[col], h - 1), Qt.AlignmentFlag.AlignCenter, title)

    def _text(self, text: str, width: int, passed: bool, ratio: float, elide: bool = False) -> tuple[QPixmap, int]:
        """One cell's text (a name elided to ``width``, or a figure) and its width, drawn once and copied after."""
        key = (text, width, passed, ratio)
        drawn = self._drawn.get(key)
        if drawn is None:
            fm = self.fontMetrics()
            shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, width) if elide else text
            w = fm.horizontalAdvance(shown) + 1
            pix = QPixmap(max(1, round(w * ratio)), round(ROW_H * ratio))
            pix.setDevicePixelRatio(ratio)
            pix.fill(Qt.GlobalColor.transparent)
            q = QPainter(pix)
            q.setFont(self.font())
            q.setPen(PASSED if passed else TEXT)
            q.drawText(QRect(0, 0, w, ROW_H), Qt.AlignmentFlag.AlignVCenter, shown)
            q.end()
            if len(self._drawn) > 4000:
                self._drawn.clear()
            drawn = self._drawn[key] = (pix, w)
        return drawn
