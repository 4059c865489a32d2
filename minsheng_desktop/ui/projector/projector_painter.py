"""Drawing the hall's view: large, high-contrast type; bars with the pass line; paging for long lists.

Pure drawing over a LiveView: no database, no rules (they were applied before the view was made).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPainter, QPen, QPixmap, QRegion

from ...domain.tally import OUTCOME_LABELS
from ...domain.vocabulary import Outcome
from ...domain.vote_session import COUNTING, RESULT, LiveView
from .projector_layout import MIN_PX, RowBox, font, glyph_metrics, layout_pages, scale

BG, FG, DIM = QColor("#0d1b2a"), QColor("#ffffff"), QColor("#b8c4d2")
YES, NO, ABST = QColor("#2fbf71"), QColor("#e5534b"), QColor("#9aa5b1")
GOLD, CHOSEN_BG, BAR_BG = QColor("#ffd166"), QColor("#173d2b"), QColor("#1b2f46")
FILLS = (BG, BAR_BG, YES, NO, ABST)  # a row's flat fills, in the order they are laid down
NUMBERS = re.compile(r"(\d+)")


class ProjectorPainter:
    def __init__(self, family: str):
        self.family = family
        self._fits: dict[tuple, Any] = {}  # names keep their size from frame to frame
        self._layer_key: tuple | None = None
        self._boxes: dict[tuple, list[RowBox]] = {}
        self._layer_pix: QPixmap | None = None

    def paint(self, p: QPainter, w: int, h: int, view: LiveView | None, held: bool, page: int,
              exposed: QRegion | None = None) -> int:
        """Draws one frame (of it, what meets ``exposed``); returns the number of pages the candidate list needs."""
        s = scale(h)
        if view is not None and not held and view.state in (COUNTING, RESULT):
            return self._rows(p, w, h, s, view, page, exposed)
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
        self._signin(p, w, h, s, view)
        return 1

    def _header(self, p: QPainter, w: int, s: float, view: LiveView) -> None:
        self._title(p, w, s, view)
        self._figures(p, w, s, view)

    def _title(self, p: QPainter, w: int, s: float, view: LiveView) -> None:
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

    def _figures(self, p: QPainter, w: int, s: float, view: LiveView) -> None:
        if view.state == RESULT and view.result is not None:
            r = view.result
            line = (f"发出 {r.ballots_issued} 张　收回 {r.ballots_collected} 张　有效 {r.valid_ballots} 张　"
                    f"无效 {r.invalid_ballots} 张　通过需 {r.threshold} 票")
        elif view.state == COUNTING:
            line = (f"已计 {view.ballots_counted} / 收回 {view.ballots_collected} 张　无效 {view.invalid} 张　"
                    f"通过需 {view.threshold} 票（黄线）　应选 {view.seats} 个　　绿 赞成　红 反对　灰 弃权")
        else:
            line = f"应到 {view.deputies_total} 人　实到 {view.deputies_present} 人"
        self._pieces(p, line, self._figures_rect(w, s), MIN_PX * s, p.device().devicePixelRatioF())

    def _pieces(self, p: QPainter, line: str, rect: QRectF, px: float, ratio: float, colour: QColor = DIM,
                right: bool = False) -> None:
        """A line of text (left- or right-aligned, centred in ``rect``, cut with … at a word or number when too
        long) set from pieces each drawn once (its words and its numbers): the figures line and the delegations'
        line change with every ballot, and laying them out again was a tenth of a frame."""
        pieces, total = self.fitting(line, rect.width(), px, ratio, colour)
        x = rect.right() - total if right else rect.x()
        for pix, advance, height in pieces:
            p.drawPixmap(QPointF(x, rect.y() + (rect.height() - height) / 2), pix)
            x += advance

    def fitting(self, line: str, width: float, px: float, ratio: float, colour: QColor = DIM) -> tuple[list, float]:
        """The pieces of ``line`` that fit ``width`` (then …) and their width; only those are made."""
        pieces, total = [], 0.0
        for text in NUMBERS.split(line):
            if not text:
                continue
            piece = self._piece(text, px, ratio, colour)
            pieces.append(piece)
            total += piece[1]
            if total > width:
                break
        if total > width:
            ellipsis = self._piece("…", px, ratio, colour)
            while pieces and total + ellipsis[1] > width:
                total -= pieces.pop()[1]
            pieces.append(ellipsis)
            total += ellipsis[1]
        return pieces, total

    def _piece(self, piece: str, px: float, ratio: float, colour: QColor) -> tuple[QPixmap, float, float]:
        """(picture, advance, height) of a piece of a line of text, drawn once."""
        key = ("piece", piece, px, ratio, colour.rgb())
        got = self._fits.get(key)
        if got is None:
            metrics = QFontMetricsF(font(self.family, px))
            advance, height, ascent = metrics.horizontalAdvance(piece), metrics.height(), metrics.ascent()

            def draw(q: QPainter) -> None:
                q.setPen(colour)
                q.setFont(font(self.family, px))
                q.drawText(QPointF(0, ascent), piece)

            got = (self._drawn(("piece-pix", piece, px, colour.rgb()), ratio, advance, height, draw, BG), advance,
                   height)  # the figures line and the delegations' line are on the plain ground
            self._keep(key, got)
        return got

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
        text = view.terms.quorum_line(view.has_quorum)
        p.drawText(QRectF(0, 700 * s, w, 100 * s), Qt.AlignmentFlag.AlignCenter, text)

    def _geometry(self, w: int, h: int, view: LiveView, page: int):
        """(columns, pages, the rows on this page, their boxes, the footer); the boxes are kept while the frame's
        size and the list's length are the same, so a ballot's frame computes no geometry."""
        s = scale(h)
        rows = view.rows
        cols, per_col, pages = layout_pages(len(rows), h)
        page = page % pages
        start = page * cols * per_col
        shown = rows[start:start + cols * per_col]
        spaced = bool(view.notes or pages > 1 or view.delegations)
        key = (w, h, len(shown), cols, per_col, spaced)
        boxes = self._boxes.get(key)
        if boxes is None:
            top = 170 * s
            bottom = h - (90 * s if spaced else 30 * s)
            row_h = min(96 * s, (bottom - top) / max(1, per_col))
            col_w = (w - 80 * s - (cols - 1) * 40 * s) / cols
            boxes = []
            for i in range(len(shown)):
                c, r = divmod(i, per_col)
                boxes.append(RowBox.of(QRectF(40 * s + c * (col_w + 40 * s), top + r * row_h, col_w, row_h - 8 * s),
                                       s, cols, 8 * s))
            if len(self._boxes) > 50:
                self._boxes.clear()
            self._boxes[key] = boxes
        footer = "　".join(view.notes)
        if pages > 1:
            footer = f"第 {page + 1}/{pages} 页　" + footer
        return cols, pages, shown, boxes, footer

    def _rows(self, p: QPainter, w: int, h: int, s: float, view: LiveView, page: int, exposed: QRegion | None) -> int:
        """The candidate rows: what does not change from ballot to ballot (background, title, names, empty bars,
        footer) is one cached layer; each frame draws on it only the figures, bars, pass lines and counts, and a
        new ballot repaints only the rows whose counts it changed (see ``dirty``)."""
        cols, pages, shown, boxes, footer = self._geometry(w, h, view, page)
        layer = self._layer(p.device(), w, h, s, view, shown, boxes, cols, footer)
        area = exposed if exposed is not None else QRegion(0, 0, w, h)
        # A plain row's figures area (no highlight behind it) is two flat fills: drawn, not copied from the layer.
        plain = QRegion()
        for row, box in zip(shown, boxes, strict=True):
            if not row.outcome:
                plain = plain.united(box.area)
        ratio = layer.devicePixelRatio()
        for part in area.subtracted(plain):
            p.drawPixmap(QRectF(part), layer, QRectF(part.x() * ratio, part.y() * ratio, part.width() * ratio,
                                                     part.height() * ratio))
        if area.intersects(self._figures_rect(w, s).toAlignedRect()):
            self._figures(p, w, s, view)
        scale_max = self._scale_max(view)
        # The region's few bands in plain numbers: a ballot's frame asks this of every row.
        bands = [(r.top(), r.bottom()) for r in area]
        drawn = [(row, box) for row, box in zip(shown, boxes, strict=True)
                 if any(box.area.top() <= b and box.area.bottom() >= t for t, b in bands) and area.intersects(box.area)]
        # Every flat fill of the frame in one call per colour (the grounds, then the bars): a ballot changes some
        # twenty rows, and ninety separate fills were a third of the frame.
        fills: dict[int, list[QRect]] = {}
        for row, box in drawn:
            if not row.outcome:
                fills.setdefault(0, []).extend(box.around_bar)
            self._bar(row, box, scale_max, fills)
        p.setPen(Qt.PenStyle.NoPen)
        for key in sorted(fills):
            p.setBrush(FILLS[key])
            p.drawRects(fills[key])
        self._lines_and_figures(p, drawn, s, view, scale_max, ratio)
        if view.delegations and view.state == COUNTING and area.intersects(self._band_rect(w, h).toAlignedRect()):
            self._delegation_band(p, w, h, s, view)
        return pages

    @staticmethod
    def _band_rect(w: int, h: int) -> QRectF:
        """Where 分团计票's progress goes: the footer's right three quarters (the page number sits at its left)."""
        s = scale(h)
        return QRectF(w * 0.25, h - 80 * s, w * 0.75 - 40 * s, 70 * s)

    def _delegation_band(self, p: QPainter, w: int, h: int, s: float, view: LiveView) -> None:
        """How many delegations are counted, then those still counting with their 已计/收回 (elided to one line)."""
        band = self._band_rect(w, h)
        p.fillRect(band, BG)
        lines = view.delegations
        done = sum(1 for x in lines if x.done)
        text = f"分团计票：{done}/{len(lines)} 个代表团已计完"
        pending = [x.label for x in lines if not x.done]
        if pending:
            text += "　" + "　".join(pending)
        self._pieces(p, text, band, MIN_PX * s, p.device().devicePixelRatioF(), GOLD if done == len(lines) else DIM,
                     right=True)

    @staticmethod
    def _scale_max(view: LiveView) -> int:
        return max(1, view.deputies_total, view.threshold, *(r.approve for r in view.rows))

    @staticmethod
    def _figures_rect(w: int, s: float) -> QRectF:
        return QRectF(40 * s, 100 * s, w - 80 * s, 50 * s)

    def dirty(self, old: LiveView | None, new: LiveView, w: int, h: int, page: int) -> list[QRect] | None:
        """What a new view changes on screen: the figures line and the rows whose counts changed, when the layout,
        the pass line and the bars' scale are as before; None when the whole frame must be drawn again."""
        if old is None or old.state != new.state or new.state not in (COUNTING, RESULT) or old.title != new.title \
                or old.threshold != new.threshold or old.notes != new.notes or self._scale_max(old) != self._scale_max(new) \
                or bool(old.delegations) != bool(new.delegations) \
                or [(r.id, r.name, r.rank, r.outcome) for r in old.rows] != \
                   [(r.id, r.name, r.rank, r.outcome) for r in new.rows]:
            return None
        s = scale(h)
        _cols, _pages, shown, boxes, _footer = self._geometry(w, h, new, page)
        before = {r.id: (r.approve, r.oppose, r.abstain) for r in old.rows}
        out = [self._figures_rect(w, s).toAlignedRect()]
        out += [box.area for row, box in zip(shown, boxes, strict=True)
                if before.get(row.id) != (row.approve, row.oppose, row.abstain)]
        if old.delegations != new.delegations:
            out.append(self._band_rect(w, h).toAlignedRect())
        return out

    def _layer(self, device, w: int, h: int, s: float, view: LiveView, shown, boxes, cols: int, footer: str) -> QPixmap:
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        key = ("layer", w, h, s, ratio, view.title, view.state, cols, footer,
               tuple((r.rank, r.name, r.outcome) for r in shown), id(boxes))
        if self._layer_key == key and self._layer_pix is not None:
            return self._layer_pix
        pix = QPixmap(max(1, math.ceil(w * ratio)), max(1, math.ceil(h * ratio)))
        pix.setDevicePixelRatio(ratio)
        q = QPainter(pix)
        q.fillRect(0, 0, w, h, BG)
        q.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._title(q, w, s, view)
        for row, box in zip(shown, boxes, strict=True):
            self._row_background(q, box, s, row, cols)
        if footer:
            q.setPen(DIM)
            q.setFont(font(self.family, MIN_PX * s))
            q.drawText(QRectF(40 * s, h - 80 * s, w - 80 * s, 70 * s),
                       Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, footer)
        q.end()
        self._layer_key, self._layer_pix = key, pix
        return pix

    def _row_background(self, p: QPainter, box: RowBox, s: float, row, cols: int) -> None:
        rect = box.rect
        chosen = row.outcome == Outcome.CHOSEN
        if chosen or row.outcome == Outcome.REVOTE:
            p.setBrush(CHOSEN_BG if chosen else QColor("#4a3b12"))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(rect, 8 * s, 8 * s)
        name_w = rect.width() * (0.42 if cols == 1 else 0.56)
        prefix = f"{row.rank}. " if row.rank else ""
        name_rect = QRectF(rect.x() + 12 * s, rect.y(), name_w - 16 * s, rect.height())
        p.drawPixmap(name_rect.topLeft(), self._name(prefix + row.name, name_rect.size(), s, p.device()))
        p.fillRect(box.bar, BAR_BG)

    @staticmethod
    def _bar(row, box: RowBox, scale_max: int, fills: dict[int, list[QRect]]) -> None:
        """A row's bar in whole pixels (plain fills, no smoothing needed): 赞成, 反对, 弃权 from the left."""
        bar = box.bar_px
        unit = bar.width() / max(1, scale_max)
        x = float(bar.x())
        for key, count in ((2, row.approve), (3, row.oppose), (4, row.abstain)):
            if count:
                left = round(x)
                x += count * unit
                fills.setdefault(key, []).append(QRect(left, bar.y(), round(x) - left, bar.height()))
        end = round(x) if x > bar.x() else bar.x()
        if end <= bar.right():  # the rest of the bar, empty (each pixel is filled once)
            fills.setdefault(1, []).append(QRect(end, bar.y(), bar.right() + 1 - end, bar.height()))

    def _lines_and_figures(self, p: QPainter, drawn: list, s: float, view: LiveView, scale_max: int,
                           ratio: float) -> None:
        """Each drawn row's pass line (over its bar) and figures. Counting, the figures change with every ballot:
        each number with the ／ after it is a piece drawn once, so a row costs three copies, not a text layout."""
        glyph, threshold, unit_of = self._glyph, view.threshold, max(1, scale_max)
        dash = None
        for row, box in drawn:
            bar = box.bar_px
            if dash is None or dash[0] != box.dash_h:
                dash = (box.dash_h, self._dash(box.dash_h, s, ratio))
            p.drawPixmap(QPointF(bar.x() + threshold * bar.width() / unit_of - 2 * s, box.dash_y), dash[1])
            label = box.label
            if row.outcome:
                text = f"{row.approve}　{OUTCOME_LABELS.get(row.outcome, '')}"
                p.drawPixmap(label.topLeft(), self._label(text, label.size(), s, p.device()))
                continue
            pieces = (glyph(f"{row.approve}／", s, ratio), glyph(f"{row.oppose}／", s, ratio),
                      glyph(str(row.abstain), s, ratio))
            x = label.right() - pieces[0][1] - pieces[1][1] - pieces[2][1]
            mid = label.y() + label.height() / 2
            for pix, advance, half in pieces:
                p.drawPixmap(QPointF(x, mid - half), pix)
                x += advance

    def _drawn(self, key: tuple, device, width: float, height: float, draw: Callable[[QPainter], None],
               ground: QColor | None = None) -> QPixmap:
        """A pixmap ``width`` × ``height`` at the device's pixel ratio (``device``: the painter's device, or the
        ratio itself), drawn once by ``draw`` (on an antialiased painter) and kept under ``key`` (with the ratio)
        for the frames that follow. Transparent, or on ``ground`` when it is only ever drawn on that colour (then
        it is copied, not blended: the figures of every row, every ballot)."""
        ratio = device if isinstance(device, float) else device.devicePixelRatioF() if device is not None else 1.0
        key = (*key, ratio, None if ground is None else ground.rgb())
        pix = self._fits.get(key)
        if pix is None:
            pix = QPixmap(max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio)))
            pix.setDevicePixelRatio(ratio)
            pix.fill(Qt.GlobalColor.transparent if ground is None else ground)
            q = QPainter(pix)
            q.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(q)
            q.end()
            self._keep(key, pix)
        return pix

    def _glyph(self, ch: str, s: float, ratio: float) -> tuple[QPixmap, float, float]:
        """(picture, advance, half its height) of a figure piece at this scale, drawn once."""
        key = ("glyph", ch, s, ratio)
        got = self._fits.get(key)
        if got is None:
            px = max(MIN_PX, 36) * s
            advance, height, ascent = glyph_metrics(self.family, px, ch)

            def draw(q: QPainter) -> None:
                q.setPen(FG)
                q.setFont(font(self.family, px, True))
                q.drawText(QPointF(0, ascent), ch)

            pix = self._drawn(("glyph-pix", ch, s), ratio, advance, height, draw, BG)  # only on a plain row's ground
            got = (pix, advance, pix.height() / pix.devicePixelRatio() / 2)
            self._keep(key, got)
        return got

    def _dash(self, height: int, s: float, ratio: float) -> QPixmap:
        """The gold dashed pass line of one row, drawn once."""

        def draw(q: QPainter) -> None:
            q.setPen(QPen(GOLD, 4 * s, Qt.PenStyle.DashLine))
            q.drawLine(QPointF(2 * s, 0), QPointF(2 * s, height))

        return self._drawn(("dash", height, s), ratio, 4 * s, height, draw)

    def _label(self, text: str, size: QSizeF, s: float, device) -> QPixmap:
        """A row's figures (e.g. 87／12／3), right-aligned, each distinct text drawn once."""

        def draw(q: QPainter) -> None:
            q.setPen(FG)
            q.setFont(font(self.family, max(MIN_PX, 36) * s, True))
            q.drawText(QRectF(0, 0, size.width(), size.height()),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)

        key = ("label", text, round(size.width()), round(size.height()), s)
        return self._drawn(key, device, size.width(), size.height(), draw)

    def _keep(self, key: tuple, value) -> None:
        if len(self._fits) > 4000:
            self._fits.clear()
        self._fits[key] = value

    def _name(self, text: str, size: QSizeF, s: float, device) -> QPixmap:
        """A candidate's name drawn once (wrapped, vertically centred) and reused while the counts change: laying
        out large CJK text is most of a frame's cost, and a ballot changes only the bars and figures."""

        def draw(q: QPainter) -> None:
            q.setFont(self._fit(text, size.width(), size.height(), s))
            q.setPen(FG)
            q.drawText(QRectF(0, 0, size.width(), size.height()),
                       Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, text)

        key = ("name", text, round(size.width()), round(size.height()), s)
        return self._drawn(key, device, size.width(), size.height(), draw)

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
