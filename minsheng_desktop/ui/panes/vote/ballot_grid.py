"""The ballot being keyed: each candidate's key, name (two lines at most, the whole name in its tooltip) and mark,
in one to three columns so 30 candidates fit a 1366×768 laptop.

One widget draws the whole grid. Entering a ballot clears about twenty marks at once; as ninety small widgets
(key, name, mark per candidate) that was twenty separate paints with their group box beneath each, about 3 ms of
every ballot. Here the changed marks are repainted in one pass, each copied from a picture drawn once
(``mark_cell.mark_picture``), and the names are drawn once per width."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ....domain.tally import Candidate
from ...colours import PAGE_BG
from ...widgets import clamp_lines
from .mark_cell import mark_picture, mark_text

KEY_W = 30  # the key's box
GAP = 6  # between a key, its name and its mark; and between columns (twice)
V_GAP = 4  # between rows
KEY_BORDER = QColor("#9aa5b1")
GROUND = QColor(PAGE_BG)


def columns_for(count: int) -> int:
    """One column up to 8 candidates, two up to 20, three beyond (30 still fit a laptop screen)."""
    return 1 if count <= 8 else 2 if count <= 20 else 3


@dataclass(frozen=True)
class Cell:
    key: QRect
    name: QRect
    mark: QRect


class BallotGrid(QWidget):
    def __init__(self, mark_width: int = 62, name_lines: int = 2, parent: QWidget | None = None):
        super().__init__(parent)
        self.candidates: list[Candidate] = []
        self.keys: list[str] = []
        self.style = "approve_oppose_abstain"
        self._marks: dict[str, str] = {}
        self._name_lines = name_lines
        self._mark_width = mark_width
        self._fonts()
        self._cells: list[Cell] = []
        self._pitch = (1, 1, 1)  # (a column's width with its gap, a row's height with its gap, rows per column)
        self._drawn: dict[tuple, QPixmap] = {}  # the keys and the names, drawn once per size and look
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # It paints its own ground (the page's colour, what shows through its group box): a repaint of a few marks
        # then stops at this widget instead of repainting the group box, splitter and page beneath each one.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def _fonts(self) -> None:
        """The keys and marks are bold; a mark's cell fits its longest word (未标记)."""
        bold = QFont(self.font())
        bold.setBold(True)
        self._bold, self._bold_key = bold, bold.key()
        fm_bold = QFontMetrics(bold)
        self._mark_size = QSize(max(self._mark_width, fm_bold.horizontalAdvance("未标记") + 16), fm_bold.height() + 6)

    # What it shows ----------------------------------------------------------------------------------------------
    def set_candidates(self, candidates: list[Candidate], keys: list[str], style: str) -> None:
        self.candidates, self.keys, self.style = list(candidates), list(keys), style
        self._marks = {}
        self._drawn.clear()
        self._lay_out()
        self.updateGeometry()
        self.update()

    def set_marks(self, marks: dict[str, str]) -> None:
        """Shows ``marks``; only the cells whose mark changed are repainted (together, in one pass)."""
        old, self._marks = self._marks, dict(marks)
        changed = [self._cells[i].mark for i, c in enumerate(self.candidates)
                   if i < len(self._cells) and old.get(c.id) != self._marks.get(c.id)]
        # One strip per column of marks, from the first changed mark to the last: Qt merges many separate
        # rectangles into their bounding box (most of the grid); a few strips stay a few strips.
        strips: dict[int, QRect] = {}
        for rect in changed:
            strips[rect.x()] = strips[rect.x()].united(rect) if rect.x() in strips else rect
        for strip in strips.values():
            self.update(strip)

    def mark_shown(self, candidate_id: str) -> str:
        """The word the candidate's mark cell shows now (赞成, 未标记, ✔ 选 …)."""
        return mark_text(self._marks.get(candidate_id), self.style)

    def shown_lines(self, index: int) -> list[str]:
        """A name's lines as drawn at the current width (the last cut with … when the name is longer)."""
        return clamp_lines(self.candidates[index].name, self.font(), self._cells[index].name.width(),
                           self._name_lines)

    def cell(self, index: int) -> Cell:
        return self._cells[index]

    # Geometry ---------------------------------------------------------------------------------------------------
    def _row_height(self) -> int:
        return max(self.fontMetrics().lineSpacing() * self._name_lines + 2, self._mark_size.height())

    def _columns(self) -> tuple[int, int]:
        cols = columns_for(len(self.candidates))
        return cols, -(-len(self.candidates) // cols) if self.candidates else 0

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        cols, per_col = self._columns()
        fm = self.fontMetrics()
        longest = max((fm.horizontalAdvance(c.name) // self._name_lines for c in self.candidates), default=0)
        col_w = KEY_W + GAP + longest + 8 + GAP + self._mark_size.width()
        return QSize(cols * col_w + (cols - 1) * 2 * GAP, self._height(per_col))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        cols, per_col = self._columns()
        col_w = KEY_W + GAP + self.fontMetrics().horizontalAdvance("国") * 4 + GAP + self._mark_size.width()
        return QSize(cols * col_w + (cols - 1) * 2 * GAP, self._height(per_col))

    def _height(self, rows: int) -> int:
        return max(0, rows * (self._row_height() + V_GAP) - V_GAP)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._lay_out()
        super().resizeEvent(event)

    def _lay_out(self) -> None:
        cols, per_col = self._columns()
        self._drawn.clear()
        row_h, mark = self._row_height(), self._mark_size
        col_w = max(1, (self.width() - (cols - 1) * 2 * GAP) // max(1, cols))
        key_h = QFontMetrics(self._bold).height() + 4
        cells = []
        for i in range(len(self.candidates)):
            col, row = divmod(i, max(1, per_col))
            x, y = col * (col_w + 2 * GAP), row * (row_h + V_GAP)
            name_x = x + KEY_W + GAP
            name_w = max(1, col_w - KEY_W - 2 * GAP - mark.width())
            cells.append(Cell(QRect(x, y + (row_h - key_h) // 2, KEY_W, key_h), QRect(name_x, y, name_w, row_h),
                              QRect(x + col_w - mark.width(), y + (row_h - mark.height()) // 2, mark.width(),
                                    mark.height())))
        self._cells = cells
        self._pitch = (col_w + 2 * GAP, row_h + V_GAP, max(1, per_col))

    # Drawing ----------------------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Which cells the repainted region meets, by arithmetic on the grid (a ballot's repaint is a few strips of
        # marks; testing every part of every cell against them was a fifth of the console's repaint).
        region = event.region()
        touched: set[int] = set()
        col_pitch, row_pitch, per_col = self._pitch
        for r in region:
            for col in range(max(0, r.left() // col_pitch), r.right() // col_pitch + 1):
                for row in range(max(0, r.top() // row_pitch), min(per_col - 1, r.bottom() // row_pitch) + 1):
                    touched.add(col * per_col + row)
        enabled = self.isEnabled()
        p = QPainter(self)
        for r in region:
            p.fillRect(r, GROUND)
        ratio = p.device().devicePixelRatioF()
        text = self.palette().color(self.foregroundRole())
        for i in sorted(touched):
            if i >= len(self._cells):
                continue
            c, cell = self.candidates[i], self._cells[i]
            if region.intersects(cell.mark):
                mark = self._marks.get(c.id)
                p.drawPixmap(cell.mark.x(), cell.mark.y(), mark_picture(
                    mark, mark_text(mark, self.style), enabled, cell.mark.width(), cell.mark.height(), ratio,
                    self._bold, self._bold_key))
            if region.intersects(cell.name):
                p.drawPixmap(cell.name.x(), cell.name.y(), self._name(i, cell.name, enabled, ratio, text))
            if region.intersects(cell.key):
                p.drawPixmap(cell.key.x(), cell.key.y(), self._key(self.keys[i] if i < len(self.keys) else "",
                                                                   cell.key, enabled, ratio, text))
        p.end()

    def _key(self, key: str, rect: QRect, enabled: bool, ratio: float, colour: QColor) -> QPixmap:
        def draw(q: QPainter) -> None:
            q.setRenderHint(QPainter.RenderHint.Antialiasing)
            q.setPen(QPen(KEY_BORDER, 1))
            q.drawRoundedRect(QRectF(0, 0, rect.width(), rect.height()).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            q.setFont(self._bold)
            q.setPen(colour)
            q.drawText(QRect(0, 0, rect.width(), rect.height()), Qt.AlignmentFlag.AlignCenter, key)

        return self._picture(("key", key, rect.width(), rect.height(), enabled, ratio), rect, ratio, draw)

    def _name(self, index: int, rect: QRect, enabled: bool, ratio: float, colour: QColor) -> QPixmap:
        def draw(q: QPainter) -> None:
            q.setFont(self.font())
            q.setPen(colour)
            fm = self.fontMetrics()
            lines = self.shown_lines(index)
            y = (rect.height() - fm.lineSpacing() * len(lines)) / 2 + fm.ascent()
            for line in lines:
                q.drawText(QPointF(0, y), line)
                y += fm.lineSpacing()

        return self._picture(("name", index, rect.width(), rect.height(), enabled, ratio), rect, ratio, draw)

    def _picture(self, key: tuple, rect: QRect, ratio: float, draw) -> QPixmap:
        """A part of the grid drawn once (transparent, at the screen's pixel ratio) and copied after that."""
        pix = self._drawn.get(key)
        if pix is None:
            pix = QPixmap(max(1, round(rect.width() * ratio)), max(1, round(rect.height() * ratio)))
            pix.setDevicePixelRatio(ratio)
            pix.fill(Qt.GlobalColor.transparent)
            q = QPainter(pix)
            draw(q)
            q.end()
            self._drawn[key] = pix
        return pix

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in (QEvent.Type.EnabledChange, QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            if kind == QEvent.Type.FontChange:
                self._fonts()
                self._lay_out()
                self.updateGeometry()
            if kind != QEvent.Type.EnabledChange:  # both looks are kept (the pictures' keys say which)
                self._drawn.clear()
            self.update()
        super().changeEvent(event)

    # The whole name, where it was cut -----------------------------------------------------------------------------
    def index_at(self, x: int, y: int) -> int | None:
        for i, cell in enumerate(self._cells):
            if cell.key.united(cell.name).united(cell.mark).contains(x, y):
                return i
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            i = self.index_at(event.pos().x(), event.pos().y())
            if i is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.candidates[i].name, self, self._cells[i].name)
            return True
        return super().event(event)
