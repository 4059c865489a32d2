"""An ``OfficialDoc`` laid out with reportlab: GB/T 9704 margins, 小标宋/黑体 title, 仿宋 三号 body, page numbers
"— 1 —" centred below the type area; a one-page document that runs over tries tighter densities first."""

from __future__ import annotations

import io
import os
from pathlib import Path

from ...fonts import DocumentFonts, document_fonts
from ..atomic_file import replacing
from .official import (
    DENSITIES,
    RED,
    SIGN_LINE,
    Closing,
    Density,
    Grid,
    Heading,
    Lamp,
    Masthead,
    OfficialDoc,
    Para,
    text_em,
    unbreakable,
)
from .pdf_base import esc
from .seal_block import seal_block


def styles(fonts: DocumentFonts, d: Density) -> dict:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    body, title, heading = fonts.body.reportlab_name, fonts.title.reportlab_name, fonts.heading.reportlab_name
    note = max(d.body - 4, 10.5)
    return {
        "title": ParagraphStyle("otitle", fontName=title, fontSize=d.title, leading=d.title * 1.45, alignment=TA_CENTER,
                                wordWrap="CJK", spaceAfter=d.leading * 0.35 * d.gap),
        "subtitle": ParagraphStyle("osub", fontName=body, fontSize=d.body, leading=d.leading, alignment=TA_CENTER,
                                   wordWrap="CJK", spaceAfter=d.leading * 0.3 * d.gap),
        "body": ParagraphStyle("obody", fontName=body, fontSize=d.body, leading=d.leading, alignment=TA_JUSTIFY,
                               firstLineIndent=2 * d.body, wordWrap="CJK"),
        "center": ParagraphStyle("ocenter", fontName=body, fontSize=d.body, leading=d.leading, alignment=TA_CENTER,
                                 wordWrap="CJK"),
        "note": ParagraphStyle("onote", fontName=body, fontSize=note, leading=note * 1.5, alignment=TA_LEFT,
                               wordWrap="CJK", spaceBefore=2),
        "heading": ParagraphStyle("ohead", fontName=heading, fontSize=d.body, leading=d.leading,
                                  firstLineIndent=2 * d.body, spaceBefore=d.leading * 0.2, wordWrap="CJK"),
        "right": ParagraphStyle("oright", fontName=body, fontSize=d.body, leading=d.leading, alignment=2),
        "number": ParagraphStyle("onumber", fontName=body, fontSize=d.body, leading=d.leading, alignment=TA_CENTER),
    }


def fit_widths(grid: Grid, total: float, font: str, size: float, pad: float) -> list[float]:
    """The grid's relative widths scaled to ``total`` points, widened where a short word (状态, a date, a sum) would
    otherwise break mid-word, the room taken from the columns whose long text wraps anyway."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    scale = total / sum(grid.widths)
    widths = [w * scale for w in grid.widths]
    need = [0.0] * len(widths)
    for r, row in enumerate([[grid.header_text(h) for h in grid.headers], *grid.rows]):
        for i, value in enumerate(row):
            parts = grid.cell_text(value).split("\n")
            whole = all(len(p) <= 5 for p in parts) if r == 0 else all(unbreakable(p) for p in parts)
            if whole:
                extra = size * 1.3 if isinstance(value, Lamp) else 0.0
                text_w = max(stringWidth(p, font, size) for p in parts)
                need[i] = max(need[i], text_w + extra + 2 * pad + 2.5)
    deficit = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    slack = [max(0.0, w - max(n, 3 * size + 2 * pad)) for n, w in zip(need, widths, strict=True)]
    if deficit <= 0 or sum(slack) <= 0:
        return widths
    grow, take = min(1.0, sum(slack) / deficit), min(1.0, deficit / sum(slack))  # the total stays the same
    return [w + (n - w) * grow if n > w else w - s * take for w, n, s in zip(widths, need, slack, strict=True)]


def grid_table(grid: Grid, width: float, fonts: DocumentFonts, d: Density):
    """A table with a header row repeated on every page; cells wrap Chinese text, short words stay whole."""
    from reportlab.graphics.shapes import Circle, Drawing, String
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Table, TableStyle

    size = min(grid.size, d.table_cap)
    body, head = fonts.body.reportlab_name, fonts.heading.reportlab_name
    cell = ParagraphStyle("gcell", fontName=body, fontSize=size, leading=size * 1.3, wordWrap="CJK")
    st = {"head": ParagraphStyle("ghead", parent=cell, fontName=head, alignment=TA_CENTER),
          "num": ParagraphStyle("gnum", parent=cell, alignment=TA_RIGHT),
          "center": ParagraphStyle("gcenter", parent=cell, alignment=TA_CENTER), "cell": cell}
    widths = fit_widths(grid, width, body, size, d.pad)

    def lamp(value: Lamp):
        drawing = Drawing(size * 1.3 + stringWidth(value.label, body, size), size * 1.2)
        drawing.add(Circle(size * 0.5, size * 0.55, size * 0.45, fillColor=colors.HexColor(value.colour),
                           strokeColor=None))
        drawing.add(String(size * 1.2, size * 0.18, value.label, fontName=body, fontSize=size))
        return drawing

    data = [[Paragraph(esc(grid.header_text(h)), st["head"]) for h in grid.headers]]
    for row in grid.rows:
        out = []
        for i, v in enumerate(row):
            if isinstance(v, Lamp):
                out.append(lamp(v))
                continue
            kind = "num" if i in grid.numeric else "center" if i in grid.center else "cell"
            out.append(Paragraph(esc(grid.cell_text(v)), st[kind]))
        data.append(out)
    t = Table(data, colWidths=widths, repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("ALIGN", (0, 0), (-1, -1), "CENTER"),
             ("TOPPADDING", (0, 0), (-1, -1), d.pad), ("BOTTOMPADDING", (0, 0), (-1, -1), d.pad + 0.5),
             ("LEFTPADDING", (0, 0), (-1, -1), d.pad + 1), ("RIGHTPADDING", (0, 0), (-1, -1), d.pad + 1)]
    if grid.total_row and grid.rows:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black))
        for cell in data[-1]:
            if isinstance(cell, Paragraph):
                cell.style = ParagraphStyle("gtotal", parent=cell.style, fontName=head)
    t.setStyle(TableStyle(style))
    return t


def masthead(m: Masthead, width: float, fonts: DocumentFonts, st: dict, d: Density) -> list:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import HRFlowable, Paragraph, Spacer

    out: list = []
    colour = colors.HexColor(RED)
    if m.red:
        size = min(30.0, width / max(text_em(m.organ), 1) * 0.92)
        organ = ParagraphStyle("organ", fontName=fonts.title.reportlab_name, fontSize=size, leading=size * 1.3,
                               alignment=1, textColor=colour)
        out += [Paragraph(esc(m.organ), organ), Spacer(1, d.leading * 0.6)]
    if m.number:
        out.append(Paragraph(esc(m.number), st["number"]))
    if m.red:
        out += [Spacer(1, 4), HRFlowable(width="100%", thickness=1.5, color=colour, spaceBefore=0, spaceAfter=0)]
    if out:
        out.append(Spacer(1, d.leading * (1.0 if m.red else 0.5)))
    return out


def closing(c: Closing, width: float, fonts: DocumentFonts, st: dict, d: Density) -> list:
    """Issuer and date (the issuer centred over the date, the date four characters from the right edge), then the
    seal box with the signature lines; one KeepTogether so they never part."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from .official import date_cn

    day = date_cn(c.day)
    w_issuer, w_day = text_em(c.issuer), text_em(day)
    right = 4 * d.body
    tail: list = [Spacer(1, d.leading * 1.2 * d.gap)]
    if c.issuer:
        indent = right + max(0.0, (w_day - w_issuer) / 2) * d.body
        tail.append(Paragraph(esc(c.issuer), ParagraphStyle("issuer", parent=st["right"], rightIndent=indent)))
    if day:
        indent = right + max(0.0, (w_issuer - w_day) / 2) * d.body
        tail.append(Paragraph(esc(day), ParagraphStyle("day", parent=st["right"], rightIndent=indent)))
    sign = ParagraphStyle("sign", fontName=fonts.body.reportlab_name, fontSize=d.small, leading=d.small * 1.45,
                          wordWrap="CJK")
    signs: list = []
    for role, names in c.signatures:
        signs += [Paragraph(esc(f"{role}：{names}"), sign), Paragraph(esc(SIGN_LINE), sign), Spacer(1, 3)]
    if c.seal is not None:
        tail += [Spacer(1, d.leading * 0.5 * d.gap),
                 seal_block(c.seal, width, left=signs or None, qr_mm=d.qr_mm, font=fonts.body.reportlab_name,
                            size=d.small - 1)]
    elif signs:
        tail += [Spacer(1, d.leading * 0.5 * d.gap), *signs]
    return [KeepTogether(tail)]


def story(doc: OfficialDoc, d: Density, fonts: DocumentFonts) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = styles(fonts, d)
    width = doc.text_width_mm * mm
    out: list = masthead(doc.masthead, width, fonts, st, d) if doc.masthead else []
    out.append(Paragraph(esc(doc.title), st["title"]))
    if doc.subtitle:
        out.append(Paragraph(esc(doc.subtitle), st["subtitle"]))
    out.append(Spacer(1, d.leading * 0.3 * d.gap))
    for block in doc.blocks:
        if isinstance(block, Para):
            out.append(Paragraph(esc(block.text), st[block.kind]))
        elif isinstance(block, Heading):
            out.append(Paragraph(esc(block.text), st["heading"]))
        elif isinstance(block, Grid):
            out += [Spacer(1, d.leading * 0.25 * d.gap), grid_table(block, width, fonts, d),
                    Spacer(1, d.leading * 0.25 * d.gap)]
        else:
            raise TypeError(f"unknown block {block!r}")
    if doc.closing is not None:
        out += closing(doc.closing, width, fonts, st, d)
    return out


def _build(doc: OfficialDoc, d: Density, target) -> int:
    """Lay the document out into ``target`` (a path or a buffer); returns the number of pages."""
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    fonts = document_fonts()
    page = (doc.page_mm[0] * mm, doc.page_mm[1] * mm)
    m = doc.margins

    def number(canvas, tpl) -> None:  # 页码: "— 1 —", 四号, centred 7 mm below the type area
        canvas.saveState()
        canvas.setFont(fonts.body.reportlab_name, 14)
        canvas.drawCentredString(page[0] / 2, (m["bottom"] - 7) * mm - 14 * 0.85, f"— {tpl.page} —")
        canvas.restoreState()

    tpl = SimpleDocTemplate(target, pagesize=page, leftMargin=m["left"] * mm, rightMargin=m["right"] * mm,
                            topMargin=m["top"] * mm, bottomMargin=m["bottom"] * mm,
                            title=doc.meta_title or doc.title, author=doc.closing.issuer if doc.closing else "")
    tpl.build(story(doc, d, fonts), onFirstPage=number, onLaterPages=number)
    return tpl.page


def choose_density(doc: OfficialDoc) -> Density:
    """The standard density, or for a one-page document the first density that keeps it on one page."""
    if not doc.fit_one_page or _build(doc, DENSITIES[0], io.BytesIO()) == 1:
        return DENSITIES[0]
    if _build(doc, DENSITIES[-1], io.BytesIO()) > 1:  # too long for one page at any density (a county's 25 rows)
        return DENSITIES[0]
    for d in DENSITIES[1:-1]:
        if _build(doc, d, io.BytesIO()) == 1:
            return d
    return DENSITIES[-1]


def render_pdf(doc: OfficialDoc, path: str | os.PathLike[str]) -> Path:
    d = choose_density(doc)
    with replacing(path, ".pdf") as temp:
        _build(doc, d, str(temp))
    return Path(path)
