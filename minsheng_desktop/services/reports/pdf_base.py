"""Shared PDF basics for the forms (测评表): the embedded CJK font, styles, a document with page numbers. Documents in
the official layout go through ``official`` and ``pdf_official``."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ...fonts import register_reportlab_font
from ..atomic_file import replacing


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


def build(path: str | os.PathLike[str], story: list, *, landscape_page: bool = False, footer: str = "") -> Path:
    """Write the PDF to a temp file beside the target and rename it into place."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = styles()["font"]
    size = landscape(A4) if landscape_page else A4
    target = Path(path)

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 8.5)
        canvas.setFillGray(0.35)
        canvas.drawString(18 * mm, 10 * mm, footer)
        canvas.drawRightString(size[0] - 18 * mm, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    with replacing(target, ".pdf") as temp:  # a temp file renamed into place, with a new file's permissions
        doc = SimpleDocTemplate(str(temp), pagesize=size, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                bottomMargin=18 * mm, title=footer)
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return target


def today_cn(day: date) -> str:
    """A date as reports write it; reports get today's from their service's clock."""
    return f"{day.year}年{day.month}月{day.day}日"
