"""答复回执: one slip per proposer, several to an A4 sheet with dashed cut lines (PDF), or a .docx to adjust in
Word/WPS. A slip is handed or posted to the proposer, so it names them in full; it never shows the phone number."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ...fonts import document_fonts
from ..atomic_file import replacing
from .official import Issuer, date_cn, doc_kind
from .pdf_base import esc

PER_PAGE = 3
PAGE_W, PAGE_H = 210.0, 297.0  # mm
MARGIN = 12.0
SLIP_TITLE = "民生实事项目建议办理答复"


def _thanks(issuer: Issuer) -> str:
    return f"感谢您对民生实事工作的关心和支持！如有疑问，请与{issuer.terms.office}联系。"


def _greeting(fate) -> str:
    name = fate.row.proposer.strip()
    return f"{name}：" if name else "建议人：" if fate.row.source != "村(社区)" else f"{fate.row.village}："


def _intro(fate, year: int) -> str:
    r = fate.row
    when = f"于{date_cn(r.received_on)}" if r.received_on else ""
    return f"您{when}提出的{year}年度民生实事项目建议“{r.title}”（第{r.seq_no}号），办理进展如下："


def write(path: str | os.PathLike[str], issuer: Issuer, year: int, fates: list, *, today: date) -> Path:
    if not fates:
        raise UserError("没有需要答复的建议", "no proposals to reply to")
    if doc_kind(path, (".pdf", ".docx")) == ".docx":
        return _docx(path, issuer, year, fates, today)
    return _pdf(path, issuer, year, fates, today)


# PDF ---------------------------------------------------------------------------------------------------------
def _slip_story(fate, issuer: Issuer, year: int, today: date, size: float, fonts):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    body, head = fonts.body.reportlab_name, fonts.heading.reportlab_name
    st = {
        "title": ParagraphStyle("st", fontName=fonts.title.reportlab_name, fontSize=size + 4, leading=(size + 4) * 1.3,
                                alignment=TA_CENTER),
        "body": ParagraphStyle("sb", fontName=body, fontSize=size, leading=size * 1.45, wordWrap="CJK"),
        "cell": ParagraphStyle("sc", fontName=body, fontSize=size - 0.5, leading=(size - 0.5) * 1.35, wordWrap="CJK"),
        "head": ParagraphStyle("sh", fontName=head, fontSize=size - 0.5, leading=(size - 0.5) * 1.35),
        "sign": ParagraphStyle("ss", fontName=body, fontSize=size, leading=size * 1.4, alignment=2),
    }
    told = fate.told_keys
    rows = [[Paragraph("日期", st["head"]), Paragraph("进展", st["head"]), Paragraph("办理情况", st["head"])]]
    for step in fate.steps:
        mark = "" if step.key in told else "（新）"
        rows.append([Paragraph(esc(date_cn(step.day) or "—"), st["cell"]),
                     Paragraph(esc(step.stage + mark), st["cell"]), Paragraph(esc(step.text), st["cell"])])
    width = (PAGE_W - 2 * MARGIN - 8) * mm
    grid = Table(rows, colWidths=[33 * mm, 27 * mm, width - 60 * mm])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#666666")),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return [Paragraph(esc(f"{issuer.town}{SLIP_TITLE}"), st["title"]), Spacer(1, 2 * mm),
            Paragraph(esc(_greeting(fate)), st["body"]), Paragraph(esc(_intro(fate, year)), st["body"]),
            Spacer(1, 1.5 * mm), grid, Spacer(1, 1.5 * mm),
            Paragraph(esc(_thanks(issuer)), st["body"]),
            Paragraph(esc(f"{issuer.body}　{date_cn(today)}"), st["sign"])]


def _fits(story, w: float, h: float) -> bool:
    used = 0.0
    for flowable in story:
        _fw, fh = flowable.wrap(w, h)
        used += fh
    return used <= h


def _pdf(path, issuer: Issuer, year: int, fates: list, today: date) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Frame

    fonts = document_fonts()
    slip_h = (PAGE_H - 2 * MARGIN) / PER_PAGE
    with replacing(path, ".pdf") as temp:
        c = canvas.Canvas(str(temp), pagesize=A4)
        c.setTitle(f"{issuer.town}{year}年度{SLIP_TITLE}")
        for n, fate in enumerate(fates):
            slot = n % PER_PAGE
            if n and slot == 0:
                c.showPage()
            top = PAGE_H - MARGIN - slot * slip_h
            frame = Frame((MARGIN + 4) * mm, (top - slip_h + 5) * mm, (PAGE_W - 2 * MARGIN - 8) * mm,
                          (slip_h - 9) * mm, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            for size in (10.5, 9.5, 8.5, 7.5):  # a long history: smaller type, still one slip
                story = _slip_story(fate, issuer, year, today, size, fonts)
                if _fits(story, frame._aW, frame._aH):
                    break
            frame.addFromList(story, c)
            if slot < PER_PAGE - 1 and n < len(fates) - 1:
                _cut_line(c, top - slip_h, fonts.body.reportlab_name)
        c.save()
    return Path(path)


def _cut_line(c, y_mm: float, font: str) -> None:
    from reportlab.lib.units import mm

    c.saveState()
    c.setDash(4, 3)
    c.setStrokeGray(0.45)
    c.setLineWidth(0.6)
    c.line(6 * mm, y_mm * mm, (PAGE_W - 6) * mm, y_mm * mm)
    c.setFont(font, 7)
    c.setFillGray(0.45)
    label = "沿虚线剪开"
    c.setFillGray(1)
    c.rect((PAGE_W / 2 - 11) * mm, (y_mm - 1.6) * mm, 22 * mm, 3.2 * mm, stroke=0, fill=1)
    c.setFillGray(0.4)
    c.drawCentredString(PAGE_W / 2 * mm, (y_mm - 1.0) * mm, label)
    c.restoreState()


# .docx --------------------------------------------------------------------------------------------------------
def _docx(path, issuer: Issuer, year: int, fates: list, today: date) -> Path:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from .docx_base import set_font

    fonts = document_fonts()
    body = fonts.body.family
    document = Document()
    sec = document.sections[0]
    sec.page_width, sec.page_height = Mm(PAGE_W), Mm(PAGE_H)
    sec.top_margin = sec.bottom_margin = sec.left_margin = sec.right_margin = Mm(MARGIN)
    set_font(document.styles["Normal"], body, 10.5)

    def para(container, text, size=10.5, *, family=body, align=None, first=False, after=0.0):
        p = container.paragraphs[0] if first else container.add_paragraph()
        p.paragraph_format.space_after = Pt(after)
        p.paragraph_format.space_before = Pt(0)
        if align is not None:
            p.alignment = align
        set_font(p.add_run(text), family, size)
        return p

    for n, fate in enumerate(fates):
        outer = document.add_table(rows=1, cols=1)
        outer.style = document.styles["Table Grid"]
        outer.alignment = WD_TABLE_ALIGNMENT.CENTER
        row = outer.rows[0]
        _no_split(row)
        cell = row.cells[0]
        para(cell, f"{issuer.town}{SLIP_TITLE}", 14, family=fonts.title.family, align=WD_ALIGN_PARAGRAPH.CENTER,
             first=True, after=4)
        para(cell, _greeting(fate))
        para(cell, _intro(fate, year), after=3)
        told = fate.told_keys
        for step in fate.steps:
            mark = "" if step.key in told else "（新）"
            para(cell, f"{date_cn(step.day) or '—'}　{step.stage}{mark}：{step.text}", 10)
        para(cell, _thanks(issuer)).paragraph_format.space_before = Pt(3)
        para(cell, f"{issuer.body}　{date_cn(today)}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        if n < len(fates) - 1:
            cut = para(document, "－ － － － － － － － － － － 沿虚线剪开 － － － － － － － － － －", 8,
                       align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
            cut.paragraph_format.space_before = Pt(6)
    props = document.core_properties
    props.title = f"{issuer.town}{year}年度{SLIP_TITLE}"
    props.author = issuer.body
    with replacing(path, ".docx") as temp:
        document.save(str(temp))
    return Path(path)


def _no_split(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)
