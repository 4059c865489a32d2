"""An ``OfficialDoc`` written as .docx (python-docx) for Word and WPS: the same blocks, fonts and sizes as the PDF,
so the secretary can adjust the wording before printing.

Fonts are named for East Asian text too (``w:eastAsia`` in ``w:rFonts``; Word otherwise sets Chinese in its
default East Asian font), the language is zh-CN, margins are GB/T 9704's, the page number "— 1 —" is a PAGE field
centred in the footer, the header row of every table repeats on each page and rows do not split, and the closing
(issuer, date, signatures, the QR and 封存码) is kept with what follows so it stays on one page.
"""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path

from ...fonts import DocumentFonts, document_fonts
from ..atomic_file import replacing
from .official import (
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
    date_cn,
    text_em,
)
from .seal_block import LEFT_SHARE, qr_png


def _rgb(hex_colour: str):
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def set_font(target, family: str, size: float | None = None, *, bold: bool | None = None, colour: str | None = None):
    """Font of a run or a style, for Latin and East Asian text alike."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font
    font.name = family
    rpr = target.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), family)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if colour:
        font.color.rgb = _rgb(colour)


def _spacing(p, leading: float | None, *, before: float = 0, after: float = 0, indent: float | None = None,
             align=None, right: float | None = None, keep: bool = False):
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    f = p.paragraph_format
    if leading is not None:
        f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        f.line_spacing = Pt(leading)
    f.space_before, f.space_after = Pt(before), Pt(after)
    if indent is not None:
        f.first_line_indent = Pt(indent)
    if right is not None:
        f.right_indent = Pt(right)
    if align is not None:
        p.alignment = align
    if keep:
        f.keep_with_next = True
    return p


def _para(container, text: str, family: str, size: float, leading: float | None, **kw):
    colour, bold = kw.pop("colour", None), kw.pop("bold", None)
    p = _spacing(container.add_paragraph(), leading, **kw)
    set_font(p.add_run(text), family, size, bold=bold, colour=colour)
    return p


def _base_styles(document, fonts: DocumentFonts, d: Density) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    normal = document.styles["Normal"]
    set_font(normal, fonts.body.family, d.body)
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _page(document, doc: OfficialDoc, fonts: DocumentFonts) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    sec = document.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE if doc.landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(doc.page_mm[0]), Mm(doc.page_mm[1])
    m = doc.margins
    sec.top_margin, sec.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    sec.left_margin, sec.right_margin = Mm(m["left"]), Mm(m["right"])
    sec.header_distance = Mm(15)
    sec.footer_distance = Mm(max(m["bottom"] - 7 - 5.5, 8))  # the number's top 7 mm below the type area
    p = sec.footer.paragraphs[0]
    _spacing(p, None, align=WD_ALIGN_PARAGRAPH.CENTER)
    set_font(p.add_run("— "), fonts.body.family, 14)
    run = p.add_run()
    set_font(run, fonts.body.family, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    set_font(p.add_run(" —"), fonts.body.family, 14)


def _masthead(document, m: Masthead, width_pt: float, fonts: DocumentFonts, d: Density) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    centre = WD_ALIGN_PARAGRAPH.CENTER
    last = None
    if m.red:
        size = min(30.0, width_pt / max(text_em(m.organ), 1) * 0.92)
        last = _para(document, m.organ, fonts.title.family, size, size * 1.3, align=centre, colour=RED,
                     after=d.leading * 0.6)
    if m.number:
        last = _para(document, m.number, fonts.body.family, d.body, d.leading, align=centre)
    if m.red and last is not None:  # the red rule: a bottom border under the last masthead line, as wide as the text
        ppr = last._p.get_or_add_pPr()
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", RED.lstrip("#"))):
            bottom.set(qn(k), v)
        border.append(bottom)
        ppr.append(border)
    if last is not None:
        last.paragraph_format.space_after = Pt(d.leading * (1.0 if m.red else 0.5))


def _mark_header_row(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        trpr.append(el)


def _no_split(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _grid(document, grid: Grid, width_pt: float, fonts: DocumentFonts, d: Density) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from .pdf_official import fit_widths

    size = min(grid.size, d.table_cap)
    widths = fit_widths(grid, width_pt, fonts.body.reportlab_name, size, 5.4)  # Word's cell margins: 0.19 cm
    table = document.add_table(rows=1 + len(grid.rows), cols=len(grid.headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    align = {"num": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER, "cell": WD_ALIGN_PARAGRAPH.LEFT}
    for r, values in enumerate((grid.headers, *grid.rows)):
        row = table.rows[r]
        _mark_header_row(row) if r == 0 else _no_split(row)
        last = grid.total_row and r == len(grid.rows)
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = Pt(widths[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            kind = "center" if r == 0 else "num" if c in grid.numeric else "center" if c in grid.center else "cell"
            _spacing(p, size * 1.3, before=d.pad * 0.6, after=d.pad * 0.6, align=align[kind])
            family = fonts.heading.family if r == 0 or last else fonts.body.family
            if isinstance(value, Lamp):
                set_font(p.add_run("●"), family, size, colour=value.colour)
                set_font(p.add_run(" " + value.label), family, size)
            else:
                text = grid.header_text(value) if r == 0 else grid.cell_text(value)
                set_font(p.add_run(text), family, size)
    for c, w in enumerate(widths):
        table.columns[c].width = Pt(w)


def _closing(document, c: Closing, width_pt: float, fonts: DocumentFonts, d: Density) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    right_align = WD_ALIGN_PARAGRAPH.RIGHT
    body = fonts.body.family
    day = date_cn(c.day)
    w_issuer, w_day = text_em(c.issuer), text_em(day)
    keep = c.seal is not None or bool(c.signatures)
    _spacing(document.add_paragraph(), d.leading * 1.2 * d.gap, keep=True)  # room above the issuer for the stamp
    if c.issuer:
        _para(document, c.issuer, body, d.body, d.leading, align=right_align, keep=True,
              right=4 * d.body + max(0.0, (w_day - w_issuer) / 2) * d.body)
    if day:
        _para(document, day, body, d.body, d.leading, align=right_align, keep=keep,
              right=4 * d.body + max(0.0, (w_issuer - w_day) / 2) * d.body)
    sign_size = d.small
    if c.seal is None:
        for role, names in c.signatures:
            _para(document, f"{role}：{names}", body, sign_size, sign_size * 1.6, keep=True)
            _para(document, SIGN_LINE, body, sign_size, sign_size * 1.6, keep=True)
        return
    if keep:
        _spacing(document.add_paragraph(), d.leading * 0.5 * d.gap, keep=True)
    qr_w = (d.qr_mm + 5) * 72 / 25.4
    left_w = width_pt * LEFT_SHARE if c.signatures else 0.0
    widths = ([left_w] if c.signatures else []) + [qr_w, width_pt - left_w - qr_w]
    table = document.add_table(rows=1, cols=len(widths))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    row = table.rows[0]
    _no_split(row)
    cells = list(row.cells)
    for cell, w in zip(cells, widths, strict=True):
        cell.width = Pt(w)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if c.signatures:
        sign_cell = cells.pop(0)
        first = True
        for role, names in c.signatures:
            for text in (f"{role}：{names}", SIGN_LINE):
                p = sign_cell.paragraphs[0] if first else sign_cell.add_paragraph()
                first = False
                _spacing(p, sign_size * 1.45, after=1.5 if text == SIGN_LINE else 0, keep=True)
                set_font(p.add_run(text), body, sign_size)
    qr_cell, text_cell = cells
    p = qr_cell.paragraphs[0]
    _spacing(p, None, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.add_run().add_picture(io.BytesIO(qr_png(c.seal.qr_text)), width=Mm(d.qr_mm))
    small = d.small - 1
    p = text_cell.paragraphs[0]
    _spacing(p, (small + 1) * 1.4)
    set_font(p.add_run("封存码"), body, small + 1)
    _para(text_cell, c.seal.code, body, small + 4, (small + 4) * 1.45)
    _para(text_cell, c.seal.check_note, body, small, small * 1.4, colour="#444444")
    for col, w in zip(table.columns, widths, strict=True):
        col.width = Pt(w)


def build_document(doc: OfficialDoc, d: Density):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    fonts = document_fonts()
    document = Document()
    _base_styles(document, fonts, d)
    _page(document, doc, fonts)
    width_pt = doc.text_width_mm * 72 / 25.4
    if doc.masthead:
        _masthead(document, doc.masthead, width_pt, fonts, d)
    centre, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(document, doc.title, fonts.title.family, d.title, d.title * 1.45, align=centre,
          after=d.leading * 0.35 * d.gap)
    if doc.subtitle:
        _para(document, doc.subtitle, fonts.body.family, d.body, d.leading, align=centre,
              after=d.leading * 0.6 * d.gap)
    after_table = False
    for block in doc.blocks:
        if after_table and not isinstance(block, Grid):  # Word keeps no room around a table: the paragraphs do
            _spacing(document.add_paragraph(), d.leading * 0.25 * d.gap)
        after_table = isinstance(block, Grid)
        if isinstance(block, Para):
            if block.kind == "note":
                size = max(d.body - 4, 10.5)
                _para(document, block.text, fonts.body.family, size, size * 1.5, before=2)
            elif block.kind == "center":
                _para(document, block.text, fonts.body.family, d.body, d.leading, align=centre)
            else:
                _para(document, block.text, fonts.body.family, d.body, d.leading, align=justify, indent=2 * d.body)
        elif isinstance(block, Heading):
            _para(document, block.text, fonts.heading.family, d.body, d.leading, indent=2 * d.body,
                  before=d.leading * 0.2)
        elif isinstance(block, Grid):
            _spacing(document.add_paragraph(), d.leading * 0.25 * d.gap)
            _grid(document, block, width_pt, fonts, d)
        else:
            raise TypeError(f"unknown block {block!r}")
    if doc.closing is not None:
        _closing(document, doc.closing, width_pt, fonts, d)
    props = document.core_properties
    props.title = doc.meta_title or doc.title
    props.author = props.last_modified_by = doc.closing.issuer if doc.closing else ""
    props.revision = 1
    if doc.written_on is not None:  # otherwise python-docx's template says 2013
        props.created = props.modified = datetime.combine(doc.written_on, datetime.min.time())
    return document


def render_docx(doc: OfficialDoc, path: str | os.PathLike[str]) -> Path:
    """Written at the density the PDF of the same document uses (so a one-page PDF is a one-page .docx)."""
    from .pdf_official import choose_density

    document = build_document(doc, choose_density(doc))
    with replacing(path, ".docx") as temp:
        document.save(str(temp))
    return Path(path)
