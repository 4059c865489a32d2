"""Where the hall's view puts things: the scale for the screen's height, the fonts, how many rows fit a column and
a page, and each candidate row's boxes (kept while the frame's size and the list are the same)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QFont, QFontMetricsF

MIN_PX = 32  # at 1080 lines: nothing smaller is readable from the back of a hall


def scale(height: int) -> float:
    return max(0.5, height / 1080)


@lru_cache(maxsize=256)
def font(family: str, px: float, bold: bool = False) -> QFont:
    f = QFont(family)
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    return f


@lru_cache(maxsize=512)
def glyph_metrics(family: str, px: float, text: str) -> tuple[float, float, float]:
    """(advance, height, ascent) of ``text`` set bold at ``px``: the box a figure piece is drawn into."""
    metrics = QFontMetricsF(font(family, px, True))
    return metrics.horizontalAdvance(text), metrics.height(), metrics.ascent()


def rows_per_column(height: int) -> int:
    s = scale(height)
    usable = height - 250 * s
    return max(1, int(usable // (90 * s)))  # room for a long name on two lines of 32 px


def layout_pages(count: int, height: int) -> tuple[int, int, int]:
    """(columns, rows per column, pages): one column up to the fit, then two, then pages of two columns."""
    per_col = rows_per_column(height)
    if count <= per_col:
        return 1, per_col, 1
    return 2, per_col, max(1, math.ceil(count / (2 * per_col)))


@dataclass(frozen=True)
class RowBox:
    """Where one candidate's row goes: the row, its bar, the area its counts repaint, its figures, its pass line."""

    rect: QRectF
    bar: QRectF
    area: QRect
    label: QRectF
    dash_y: float
    dash_h: int
    bar_px: QRect  # the bar in whole pixels
    around_bar: tuple[QRect, ...]  # the row's area less its bar: the ground a ballot's repaint lays down

    @classmethod
    def of(cls, rect: QRectF, s: float, cols: int, gap: float) -> RowBox:
        name_w = rect.width() * (0.42 if cols == 1 else 0.56)
        nums_w = 300 * s if cols == 1 else 210 * s
        bar = QRectF(rect.x() + name_w, rect.y() + rect.height() * 0.22, rect.width() - name_w - nums_w - 10 * s,
                     rect.height() * 0.56).toAlignedRect().toRectF()
        left = bar.x() - 3 * s  # the pass line's dashes reach 2 px before the bar
        # Down to the next row's area (half the gap each side), so the changed rows of a column make one band:
        # a frame clipped to a few bands draws much faster than one clipped to twenty separate rectangles.
        top, bottom = round(rect.y() - gap / 2), round(rect.bottom() + gap / 2)
        area = QRect(math.floor(left), top, math.ceil(rect.right()) - math.floor(left), bottom - top)
        label = QRectF(rect.right() - nums_w, rect.y(), nums_w - 8 * s, rect.height())
        px = bar.toRect()
        around = (QRect(area.left(), area.top(), area.width(), px.top() - area.top()),
                  QRect(area.left(), px.bottom() + 1, area.width(), area.bottom() - px.bottom()),
                  QRect(area.left(), px.top(), px.left() - area.left(), px.height()),
                  QRect(px.right() + 1, px.top(), area.right() - px.right(), px.height()))
        return cls(rect, bar, area, label, rect.y() + 4 * s, round(rect.height() - 8 * s), px,
                   tuple(r for r in around if not r.isEmpty()))
