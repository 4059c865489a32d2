"""Drawing the hall's view: large, high-contrast type; bars with the pass line; paging for long lists.

Pure drawing over a LiveView: no database, no rules (they were applied before the view was made).
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap

from ...domain.tally import OUTCOME_LABELS
from ...domain.vote_session import COUNTING, RESULT, LiveView

BG, FG, DIM = QColor("#0d1b2a"), QColor("#ffffff"), QColor("#b8c4d2")
YES, NO, ABST = QColor("#2fbf71"), QColor("#e5534b"), QColor("#9aa5b1")
GOLD, CHOSEN_BG = QColor("#ffd166"), QColor("#173d2b")
MIN_PX = 32  # at 1080 lines: nothing smaller is readable from the back of a hall


def scale(height: int) -> float:
    return max(0.5, height / 1080)


@lru_cache(maxsize=256)
def font(family: str, px: float, bold: bool = False) -> QFont:
    f = QFont(family)
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    return f


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


class ProjectorPainter:
    def __init__(self, family: str):
        self.family = family
        self._fits: dict[tuple, QFont | QPixmap] = {}  # names keep their size from frame to frame

    def paint(self, p: QPainter, w: int, h: int, view: LiveView | None, held: bool, page: int) -> int:
        """Draws one frame; returns the number of pages the candidate list needs."""
        s = scale(h)
        p.fillRect(0, 0, w, h, BG)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if view is None or held:
            p.setPen(FG)
            p.setFont(font(self.family, 56 * s, True))
            p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, view.title if view else "民生实事项目票决")
            p.setPen(DIM)
            p.setFont(font(self.family, 36 * s))
            p.drawText(QRectF(0, h * 0.58, w, 80 * s), Qt.AlignmentFlag.AlignHCenter, "请稍候")
            return 1
        self._header(p, w, s, view)
        if view.state == COUNTING or view.state == RESULT:
            return self._rows(p, w, h, s, view, page)
        self._signin(p, w, h, s, view)
        return 1

    def _header(self, p: QPainter, w: int, s: float, view: LiveView) -> None:
        p.setPen(FG)
        p.setFont(font(self.family, 44 * s, True))
        p.drawText(QRectF(40 * s, 20 * s, w - 420 * s, 70 * s), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                   view.title)
        badge = QRectF(w - 340 * s, 26 * s, 300 * s, 60 * s)
        p.setBrush(GOLD if view.state == RESULT else QColor("#2b4c7e"))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(badge, 12 * s, 12 * s)
        p.setPen(BG if view.state == RESULT else FG)
        p.setFont(font(self.family, 36 * s, True))
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, view.state)
        p.setPen(DIM)
        p.setFont(font(self.family, MIN_PX * s))
        if view.state == RESULT and view.result is not None:
            r = view.result
            line = (f"发出 {r.ballots_issued} 张　收回 {r.ballots_collected} 张　有效 {r.valid_ballots} 张　"
                    f"无效 {r.invalid_ballots} 张　通过需 {r.threshold} 票")
        elif view.state == COUNTING:
            line = (f"已计 {view.ballots_counted} / 收回 {view.ballots_collected} 张　无效 {view.invalid} 张　"
                    f"通过需 {view.threshold} 票（黄线）　应选 {view.seats} 个　　绿 赞成　红 反对　灰 弃权")
        else:
            line = f"应到 {view.deputies_total} 人　实到 {view.deputies_present} 人"
        p.drawText(QRectF(40 * s, 100 * s, w - 80 * s, 50 * s), Qt.AlignmentFlag.AlignVCenter, line)

    def _signin(self, p: QPainter, w: int, h: int, s: float, view: LiveView) -> None:
        boxes = [("应到", f"{view.deputies_total}"), ("实到", f"{view.deputies_present}"), ("法定人数", f"{view.quorum}")]
        bw = (w - 160 * s) / 3
        for i, (label, value) in enumerate(boxes):
            x = 40 * s + i * (bw + 40 * s)
            rect = QRectF(x, 220 * s, bw, 420 * s)
            p.setBrush(QColor("#1b2f46"))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(rect, 18 * s, 18 * s)
            p.setPen(DIM)
            p.setFont(font(self.family, 44 * s))
            p.drawText(QRectF(x, 250 * s, bw, 70 * s), Qt.AlignmentFlag.AlignHCenter, label)
            p.setPen(FG)
            p.setFont(font(self.family, 200 * s, True))
            p.drawText(QRectF(x, 330 * s, bw, 260 * s), Qt.AlignmentFlag.AlignCenter, value)
        p.setPen(YES if view.has_quorum else NO)
        p.setFont(font(self.family, 56 * s, True))
        text = "出席代表已超过法定人数，可以进行票决" if view.has_quorum else "出席代表尚未达到法定人数"
        p.drawText(QRectF(0, 700 * s, w, 100 * s), Qt.AlignmentFlag.AlignCenter, text)

    def _rows(self, p: QPainter, w: int, h: int, s: float, view: LiveView, page: int) -> int:
        rows = list(view.rows)
        cols, per_col, pages = layout_pages(len(rows), h)
        page = page % pages
        start = page * cols * per_col
        shown = rows[start:start + cols * per_col]
        top = 170 * s
        bottom = h - (90 * s if (view.notes or pages > 1) else 30 * s)
        row_h = min(96 * s, (bottom - top) / max(1, per_col))
        col_w = (w - 80 * s - (cols - 1) * 40 * s) / cols
        scale_max = max(1, view.deputies_total, view.threshold, *(r.approve for r in rows))
        for i, row in enumerate(shown):
            c, r = divmod(i, per_col)
            x = 40 * s + c * (col_w + 40 * s)
            y = top + r * row_h
            self._row(p, QRectF(x, y, col_w, row_h - 8 * s), s, row, view, scale_max, cols)
        p.setPen(DIM)
        p.setFont(font(self.family, MIN_PX * s))
        footer = "　".join(view.notes)
        if pages > 1:
            footer = f"第 {page + 1}/{pages} 页　" + footer
        if footer:
            p.drawText(QRectF(40 * s, h - 80 * s, w - 80 * s, 70 * s),
                       Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, footer)
        return pages

    def _row(self, p: QPainter, rect: QRectF, s: float, row, view: LiveView, scale_max: int, cols: int) -> None:
        chosen = row.outcome == "chosen"
        if chosen or row.outcome == "revote":
            p.setBrush(CHOSEN_BG if chosen else QColor("#4a3b12"))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(rect, 8 * s, 8 * s)
        name_w = rect.width() * (0.42 if cols == 1 else 0.56)
        prefix = f"{row.rank}. " if row.rank else ""
        name_rect = QRectF(rect.x() + 12 * s, rect.y(), name_w - 16 * s, rect.height())
        p.drawPixmap(name_rect.topLeft(), self._name(prefix + row.name, name_rect.size(), s, p.device()))
        nums_w = 300 * s if cols == 1 else 210 * s
        bar = QRectF(rect.x() + name_w, rect.y() + rect.height() * 0.22, rect.width() - name_w - nums_w - 10 * s,
                     rect.height() * 0.56)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#1b2f46"))
        p.drawRect(bar)
        unit = bar.width() / max(1, scale_max)
        x = bar.x()
        for count, colour in ((row.approve, YES), (row.oppose, NO), (row.abstain, ABST)):
            p.setBrush(colour)
            p.drawRect(QRectF(x, bar.y(), count * unit, bar.height()))
            x += count * unit
        line_x = bar.x() + view.threshold * unit
        p.setPen(QPen(GOLD, 4 * s, Qt.PenStyle.DashLine))
        p.drawLine(line_x, rect.y() + 4 * s, line_x, rect.bottom() - 4 * s)
        p.setPen(FG)
        p.setFont(font(self.family, max(MIN_PX, 36) * s, True))
        label = f"{row.approve}"
        if row.outcome:
            label += f"　{OUTCOME_LABELS.get(row.outcome, '')}"
        else:
            label += f"／{row.oppose}／{row.abstain}"
        p.drawText(QRectF(rect.right() - nums_w, rect.y(), nums_w - 8 * s, rect.height()),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label)

    def _name(self, text: str, size: QSizeF, s: float, device) -> QPixmap:
        """A candidate's name drawn once (wrapped, vertically centred) and reused while the counts change: laying
        out large CJK text is most of a frame's cost, and a ballot changes only the bars and figures."""
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        key = ("name", text, round(size.width()), round(size.height()), s, ratio)
        pix = self._fits.get(key)
        if pix is None:
            pix = QPixmap(max(1, math.ceil(size.width() * ratio)), max(1, math.ceil(size.height() * ratio)))
            pix.setDevicePixelRatio(ratio)
            pix.fill(Qt.GlobalColor.transparent)
            q = QPainter(pix)
            q.setRenderHint(QPainter.RenderHint.Antialiasing)
            q.setFont(self._fit(text, size.width(), size.height(), s))
            q.setPen(FG)
            q.drawText(QRectF(0, 0, size.width(), size.height()),
                       Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, text)
            q.end()
            if len(self._fits) > 1000:
                self._fits.clear()
            self._fits[key] = pix
        return pix

    def _fit(self, text: str, width: float, height: float, s: float) -> QFont:
        """The largest size from 40 px down to 32 px at which the name fits (wrapping onto two lines if needed)."""
        key = (text, int(width), int(height), s)
        if key not in self._fits:
            if len(self._fits) > 1000:
                self._fits.clear()
            self._fits[key] = self._measure(text, width, height, s)
        return self._fits[key]

    def _measure(self, text: str, width: float, height: float, s: float) -> QFont:
        for px in (40, 38, 36, 34, MIN_PX):
            f = font(self.family, px * s, True)
            fm = QFontMetrics(f)
            rect = fm.boundingRect(0, 0, int(width), 10_000, Qt.TextFlag.TextWordWrap, text)
            if rect.height() <= height:
                return f
        return font(self.family, MIN_PX * s, True)
