"""Printed ballots and the blank hand-tally sheet. A ballot is drawn once as a PDF form and placed on every page,
so 120 copies cost little more than one; boxes are drawn as graphics, never as a glyph; no serial numbers."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import pdf_base as P


@dataclass(frozen=True)
class BallotItem:
    name: str
    content: str
    investment: float | None
    deadline: str


def _instructions(style: str, seats: int) -> list[str]:
    if style == "choose_up_to_n":
        return [f"1．在同意的候选项目右侧方框内画“✓”，最多选 {seats} 项，超过 {seats} 项的为无效票。",
                "2．不画符号的，视为不同意。", "3．请用黑色或蓝色笔填写，不得涂改，不得书写其他字样。"]
    return ["1．对每个候选项目，在“赞成”“反对”“弃权”中选择一项，在其下方框内画“✓”。",
            f"2．赞成的项目不得超过 {seats} 项，超过的为无效票；每项只能选择一种意见，多选的按弃权处理。",
            "3．对某一项目不画符号的，视为弃权。请用黑色或蓝色笔填写，不得书写其他字样。"]


def _item_text(item: BallotItem, limit: int) -> str:
    content = item.content if len(item.content) <= limit else item.content[:limit].rstrip("，、；。 ") + "…"
    parts = [content] if content else []
    if item.investment is not None:
        parts.append(f"估算总投资 {item.investment:,.2f} 万元")
    if item.deadline:
        parts.append(f"{item.deadline}前完成")
    return f"<b>{P.esc(item.name)}</b><br/><font size=8.5>{P.esc('；'.join(parts))}</font>"


def _plan(items: list[BallotItem], paper: str):
    """Pick the paper and how much of each project's content fits one sheet (a ballot is never two pages)."""
    from reportlab.lib.pagesizes import A3, A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    st = P.styles()
    sizes = {"A4": [A4], "A3": [A3], "auto": [A4, A3]}[paper]
    for size in sizes:
        for limit in (90, 48, 24):
            name_w = size[0] - 32 * mm - 12 * mm - 54 * mm
            heights = [max(12 * mm, Paragraph(_item_text(i, limit), st["cell"]).wrap(name_w - 4 * mm, 500)[1] + 4 * mm)
                       for i in items]
            if sum(heights) + 75 * mm <= size[1]:
                return size, limit
    return sizes[-1], 24


def ballots(path: str | os.PathLike[str], title: str, items: list[BallotItem], seats: int, style: str,
            copies: int, paper: str = "auto") -> Path:
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    st = P.styles()
    size, limit = _plan(items, paper)
    width, height = size
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=".pdf", dir=target.parent if target.parent.exists() else None)
    os.close(fd)
    c = canvas.Canvas(temp, pagesize=size)
    c.setTitle(title)
    c.beginForm("ballot")
    margin = 16 * mm
    y = height - margin
    c.setFont(st["font"], 20)
    c.drawCentredString(width / 2, y - 8 * mm, title)
    c.setFont(st["font"], 15)
    c.drawCentredString(width / 2, y - 17 * mm, "民生实事项目票决票")
    y -= 24 * mm
    for line in _instructions(style, seats):
        para = Paragraph(P.esc(line), st["cell"])
        _w, h = para.wrapOn(c, width - 2 * margin, 100)
        para.drawOn(c, margin, y - h)
        y -= h + 1.5 * mm
    y -= 3 * mm
    marks = ["同意"] if style == "choose_up_to_n" else ["赞成", "反对", "弃权"]
    mark_w = 18 * mm if len(marks) == 3 else 54 * mm
    name_w = width - 2 * margin - 12 * mm - mark_w * len(marks)
    c.setLineWidth(0.8)
    header_h = 9 * mm
    c.setFont(st["font"], 11)
    xs = [margin, margin + 12 * mm, margin + 12 * mm + name_w] + [margin + 12 * mm + name_w + mark_w * (i + 1)
                                                                   for i in range(len(marks))]
    c.rect(margin, y - header_h, width - 2 * margin, header_h)
    for x in xs[1:-1]:
        c.line(x, y, x, y - header_h)
    c.drawCentredString(margin + 6 * mm, y - 6 * mm, "序号")
    c.drawCentredString(margin + 12 * mm + name_w / 2, y - 6 * mm, "候选项目（建设内容、估算总投资、完成时限）")
    for i, label in enumerate(marks):
        c.drawCentredString(xs[2] + mark_w * i + mark_w / 2, y - 6 * mm, label)
    y -= header_h
    for n, item in enumerate(items, start=1):
        para = Paragraph(_item_text(item, limit), st["cell"])
        _w, h = para.wrapOn(c, name_w - 4 * mm, 500)
        row_h = max(12 * mm, h + 4 * mm)
        c.rect(margin, y - row_h, width - 2 * margin, row_h)
        for x in xs[1:-1]:
            c.line(x, y, x, y - row_h)
        c.setFont(st["font"], 11)
        c.drawCentredString(margin + 6 * mm, y - row_h / 2 - 1.5 * mm, str(n))
        para.drawOn(c, xs[1] + 2 * mm, y - row_h + (row_h - h) / 2)
        box = 6 * mm
        for i in range(len(marks)):
            cx = xs[2] + mark_w * i + (mark_w - box) / 2
            c.rect(cx, y - row_h / 2 - box / 2, box, box)  # the box to mark, drawn as a graphic
        y -= row_h
    c.setFont(st["font"], 9)
    c.drawCentredString(width / 2, max(8 * mm, y - 8 * mm), "本票为无记名投票，请勿在票上书写任何姓名或记号")
    c.endForm()
    for _ in range(max(1, copies)):
        c.doForm("ballot")
        c.showPage()
    c.save()
    os.replace(temp, target)
    return target


def tally_sheet(path: str | os.PathLike[str], title: str, names: list[str], style: str) -> Path:
    """计票单: wide cells for stroke counting (正字), totals, and signature lines."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = P.styles()
    marks = ["同意"] if style == "choose_up_to_n" else ["赞成", "反对", "弃权"]
    story = [Paragraph(P.esc(title), st["title"]), Paragraph("民生实事项目票决计票单", st["subtitle"]),
             Paragraph("收回选票＿＿＿＿张　　有效票＿＿＿＿张　　无效票＿＿＿＿张", st["body"]), Spacer(1, 4 * mm)]
    rest = 174 - 10 - 48
    cols = [10 * mm, 48 * mm] + [rest / len(marks) * mm] * len(marks)
    rows = [(i, n, *[""] * len(marks)) for i, n in enumerate(names, start=1)]
    story += [P.table(("序号", "候选项目", *marks), rows, cols, row_height=15 * mm), Spacer(1, 10 * mm),
              Paragraph("计票人：＿＿＿＿＿＿　　监票人：＿＿＿＿＿＿　　总监票人：＿＿＿＿＿＿", st["body"])]
    return P.build(path, story, footer=f"{title} 计票单")
