"""One candidate's mark on the ballot being keyed (or read from a scan): 赞成 / 反对 / 弃权 / 未标记 in its colours.

Drawn without a style sheet: pressing Enter clears twenty marks at once, and restyling twenty labels (a style
sheet each) cost about 2.5 ms of every ballot plus a relayout. A mark is copied from a picture of it drawn once
(``mark_picture``); the keyed ballot draws all its marks in one widget (``ballot_grid.BallotGrid``), the scan
confirmation keeps one small cell per candidate (``MarkCell``)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ....domain.tally import ABSTAIN, APPROVE, OPPOSE
from ....domain.vote_session import MARK_LABELS

# (text colour, background or None): what the tellers learned to read at a glance.
MARK_COLOURS: dict[str | None, tuple[QColor, QColor | None]] = {
    APPROVE: (QColor("#1e5631"), QColor("#e6f4ea")),
    OPPOSE: (QColor("#8c1d18"), QColor("#fde8e6")),
    ABSTAIN: (QColor("#5b6775"), QColor("#eef1f5")),
    None: (QColor("#9aa5b1"), None),
}


def mark_text(mark: str | None, style: str) -> str:
    """What a cell says: the mark's word, or for 选择式 (choose up to N) ✔ 选 / nothing."""
    if style == "choose_up_to_n":
        return "✔ 选" if mark else ""
    return MARK_LABELS[mark]


class MarkCell(QWidget):
    """Fixed-size cell: setting a mark repaints this cell only (no style sheet, no relayout)."""

    def __init__(self, min_width: int = 62, parent: QWidget | None = None):
        super().__init__(parent)
        self._mark: str | None = None
        self._text = MARK_LABELS[None]
        f = QFont(self.font())
        f.setBold(True)
        self.setFont(f)
        fm = self.fontMetrics()
        self._size = QSize(max(min_width, fm.horizontalAdvance("未标记") + 16), fm.height() + 6)
        self.setFixedSize(self._size)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._size

    def mark(self) -> str | None:
        return self._mark

    def text(self) -> str:
        return self._text

    def set_mark(self, mark: str | None, style: str) -> bool:
        """Shows ``mark``; returns whether anything changed (then only this cell repaints)."""
        text = mark_text(mark, style)
        if mark == self._mark and text == self._text:
            return False
        self._mark, self._text = mark, text
        self.update()
        return True

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.drawPixmap(0, 0, mark_picture(self._mark, self._text, self.isEnabled(), self.width(), self.height(),
                                        p.device().devicePixelRatioF(), self.font()))
        p.end()


def mark_picture(mark: str | None, text: str, enabled: bool, width: int, height: int, ratio: float,
                 font: QFont, font_key: str = "") -> QPixmap:
    """A mark's cell (its word on its colour, rounded), drawn once per look and size and then only copied
    (``font_key``: the font's ``key()``, when the caller keeps it)."""
    key = (mark, text, enabled, width, height, ratio, font_key or font.key())
    pix = _PICTURES.get(key)
    if pix is None:
        pix = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
        pix.setDevicePixelRatio(ratio)
        pix.fill(Qt.GlobalColor.transparent)
        q = QPainter(pix)
        q.setFont(font)
        fg, bg = MARK_COLOURS[mark]
        rect = QRectF(0, 0, width, height).adjusted(0.5, 0.5, -0.5, -0.5)
        if bg is not None and text:
            q.setRenderHint(QPainter.RenderHint.Antialiasing)
            q.setPen(Qt.PenStyle.NoPen)
            q.setBrush(bg)
            q.drawRoundedRect(rect, 3, 3)
        q.setPen(fg if enabled else fg.lighter(130))
        q.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        q.end()
        if len(_PICTURES) > 64:
            _PICTURES.clear()
        _PICTURES[key] = pix
    return pix


_PICTURES: dict[tuple, QPixmap] = {}  # (mark, text, enabled, size, pixel ratio, font) → the cell's picture
