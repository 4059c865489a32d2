"""Shared PDF layout: the embedded CJK font, styles, a titled document with page numbers, wrapped tables."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ...fonts import register_reportlab_font


def styles():
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    font = register_reportlab_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", fontName=font, fontSize=10.5, leading=16, alignment=TA_CENTER,
                                   textColor=colors.HexColor("#444444"), spaceAfter=10),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=13, leading=20, spaceBefore=10, spaceAfter=4),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=13.5, wordWrap="CJK"),
        "head": ParagraphStyle("head", fontName=font, fontSize=9.5, leading=13, alignment=TA_CENTER, wordWrap="CJK"),
        "num": ParagraphStyle("num", fontName=font, fontSize=9.5, leading=13.5, alignment=2, wordWrap="CJK"),
        "body": ParagraphStyle("body", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK"),
        "sign": ParagraphStyle("sign", fontName=font, fontSize=11, leading=18, alignment=2),
        "font": font,
    }


def esc(text: object) -> str:
    from xml.sax.saxutils import escape

    return escape("" if text is None else str(text)).replace("\n", "<br/>")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
          numeric: Sequence[int] = (), row_height: float | None = None):
    """A table whose cells wrap Chinese text, with a repeated header row on every page."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    st = styles()
    data = [[Paragraph(esc(h), st["head"]) for h in headers]]
    for row in rows:
        data.append([Paragraph(esc(v), st["num"] if i in numeric else st["cell"]) for i, v in enumerate(row)])
    heights = None if row_height is None else [None] + [row_height] * len(rows)
    t = Table(data, colWidths=widths, repeatRows=1, rowHeights=heights)
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f8fa")]),
    ]))
    return t


def build(path: str | os.PathLike[str], story: list, *, landscape_page: bool = False, footer: str = "") -> Path:
    """Write the PDF to a temp file beside the target and rename it into place."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = styles()["font"]
    size = landscape(A4) if landscape_page else A4
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=".pdf", dir=target.parent)
    os.close(fd)

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 8.5)
        canvas.setFillGray(0.35)
        canvas.drawString(18 * mm, 10 * mm, footer)
        canvas.drawRightString(size[0] - 18 * mm, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    try:
        doc = SimpleDocTemplate(temp, pagesize=size, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                bottomMargin=18 * mm, title=footer)
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def today_cn(day: date) -> str:
    """A date as reports write it; reports get today's from their service's clock."""
    return f"{day.year}年{day.month}月{day.day}日"
