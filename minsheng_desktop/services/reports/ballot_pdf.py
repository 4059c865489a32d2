"""Printed ballots and the blank hand-tally sheet. Each page of a ballot is drawn once as a PDF form and placed on
every copy, so 120 copies cost little more than one; boxes are drawn as graphics, never as a glyph; no serial
numbers. What goes where is measured first (ballot_layout): every candidate appears whole on every copy, inside the
margins; a ballot too long for one sheet continues on another page with its heading repeated and page numbers."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ...domain.ballot_code import BallotCode
from ...domain.terms import TOWN_TERMS, Terms
from ..atomic_file import replacing
from . import ballot_layout as L
from . import ballot_marks
from .ballot_layout import BallotItem, plan_ballot, plan_tally

__all__ = ["BallotItem", "ballots", "plan_ballot", "plan_tally", "tally_sheet"]

SECRECY = "本票为无记名投票，请勿在票上书写任何姓名或记号"


def _row(c, lay: L.Layout, row: L.Row, y: float, *, head: bool, boxes: bool) -> float:
    """Draw one table row whose top edge is at ``y``; return its bottom edge."""
    width = lay.size[0] - 2 * L.MARGIN
    if head:
        c.setFillGray(0.92)
        c.rect(L.MARGIN, y - row.height, width, row.height, stroke=0, fill=1)
        c.setFillGray(0)
    c.rect(L.MARGIN, y - row.height, width, row.height)
    x = L.MARGIN
    for col, stack in zip(lay.cols, row.cells, strict=True):
        if x > L.MARGIN:
            c.line(x, y, x, y - row.height)
        top = y - (row.height - L.stack_height(stack)) / 2
        for para in stack:
            para.drawOn(c, x + L.CELL_PAD_X, top - para.height)
            top -= para.height + 1 * L.mm
        if boxes and col.key == "mark":
            c.rect(x + (col.width - L.BOX) / 2, y - (row.height + L.BOX) / 2, L.BOX, L.BOX)
        x += col.width
    return y - row.height


def _page(c, lay: L.Layout, page: int, *, boxes: bool) -> float:
    """Heading, table header and this page's rows; returns the bottom of the table."""
    y = lay.size[1] - L.MARGIN
    for para, gap in lay.heading + (lay.first_only if page == 0 else []):
        para.drawOn(c, L.MARGIN, y - para.height)
        y -= para.height + gap
    c.setLineWidth(0.8)
    y = _row(c, lay, lay.head_row, y, head=True, boxes=False)
    for i in lay.pages[page]:
        y = _row(c, lay, lay.rows[i], y, head=False, boxes=boxes)
    return y


def _write(path: str | os.PathLike[str], title: str, size: tuple[float, float], draw: Callable) -> Path:
    """Draw into a temp file beside the target and rename it into place."""
    from reportlab.pdfgen import canvas

    with replacing(path, ".pdf") as temp:
        c = canvas.Canvas(str(temp), pagesize=size)
        c.setTitle(title)
        draw(c)
        c.save()
    return Path(path)


def ballots(path: str | os.PathLike[str], title: str, items: list[BallotItem], seats: int, style: str,
            copies: int, paper: str = "auto", *, terms: Terms = TOWN_TERMS, session_id: str = "") -> Path:
    """``copies`` ballots, one after another; a copy is one page, or several pages numbered 第 N 页 共 M 页.
    Paper: see plan_ballot. Raises UserError when a candidate cannot be printed whole on the paper. With a session
    id every page also carries the scanner's corner markers and code (ballot_marks), the same on every copy."""
    lay = plan_ballot(title, items, seats, style, paper, terms=terms)
    version = ballot_marks.layout_version(lay) if session_id else ""
    font = L.register_reportlab_font()
    width = lay.size[0]
    total = lay.page_count

    def draw(c) -> None:
        for page in range(total):
            c.beginForm(f"ballot{page}")
            _page(c, lay, page, boxes=True)
            c.setFont(font, 9)
            base = L.MARGIN + 1 * L.mm
            if total > 1:
                c.drawCentredString(width / 2, base, f"第 {page + 1} 页 共 {total} 页（各页一并投入票箱）")
                base += 4.5 * L.mm
            c.drawCentredString(width / 2, base, SECRECY)
            if session_id:
                ballot_marks.draw_page_marks(c, lay, BallotCode(session_id, lay.paper, version, page + 1, total))
            c.endForm()
        for _ in range(max(1, copies)):
            for page in range(total):
                c.doForm(f"ballot{page}")
                c.showPage()

    return _write(path, title, lay.size, draw)


def tally_sheet(path: str | os.PathLike[str], title: str, names: list[str], style: str, *,
                terms: Terms = TOWN_TERMS) -> Path:
    """计票单 (A4): wide cells for stroke counting (正字) and signature lines, kept with at least the last row."""
    lay = plan_tally(title, names, style, terms=terms)
    font = L.register_reportlab_font()
    width = lay.size[0]
    total = lay.page_count

    def draw(c) -> None:
        for page in range(total):
            y = _page(c, lay, page, boxes=False)
            if page == total - 1:
                _signatures(c, lay, y - L.SIGN_GAP, font)
            c.setFont(font, 9)
            c.drawString(L.MARGIN, L.MARGIN + 1 * L.mm, terms.tally_heading)
            c.drawRightString(width - L.MARGIN, L.MARGIN + 1 * L.mm, f"第 {page + 1} 页 共 {total} 页")
            c.showPage()

    return _write(path, f"{title} 计票单", lay.size, draw)


def _signatures(c, lay: L.Layout, top: float, font: str) -> None:
    """计票人 / 监票人 / 总监票人, each with a ruled line to sign on (a line, not underscore glyphs)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    slot = (lay.size[0] - 2 * L.MARGIN) / len(L.SIGNERS)
    base = top - L.SIGN_H + 2 * L.mm
    c.setFont(font, 10.5)
    c.setLineWidth(0.6)
    for i, who in enumerate(L.SIGNERS):
        x = L.MARGIN + slot * i
        label = f"{who}："
        c.drawString(x, base, label)
        c.line(x + stringWidth(label, font, 10.5) + 1 * L.mm, base - 1, x + slot - 5 * L.mm, base - 1)
