"""征集公告 (PDF or .docx in the official layout) and the paper 建议征集表 (PDF): one form a page, its boxes in
the order of the Excel template's columns, so the forms gathered at 代表家站点 are typed straight in."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

from ...domain.catalog import SOURCES
from ...domain.errors import UserError
from ...domain.intake import TEMPLATE_HEADERS
from ...fonts import document_fonts
from ..atomic_file import replacing
from .official import Closing, Heading, Issuer, OfficialDoc, Para, date_cn, render
from .pdf_base import esc


def announcement(path: str | os.PathLike[str], issuer: Issuer, year: int, categories: tuple[str, ...], *,
                 deadline: date | None, phone: str, today: date) -> Path:
    deadline = deadline or today + timedelta(days=30)
    town, t = issuer.town, issuer.terms
    kinds = "、".join(c for c in categories if c != "其他") or "教育、医疗卫生、养老服务、交通出行、乡村建设"
    blocks = [
        Para(f"为践行全过程人民民主，推进{t.system}，广泛听取群众意见，现面向{t.area}征集{year}年度民生实事项目建议。"
             "有关事项公告如下："),
        Heading("一、征集范围"),
        Para(f"围绕{kinds}等群众急难愁盼问题，提出需要在{year}年度办理的民生实事项目建议。"),
        Heading("二、征集原则"),
        Para("坚持尊重民意、突出民生，公益普惠、绩效优先，量力而行、量财办事，可评可检、当年完成。"
             "属于部门日常工作职责、个人或少数人利益诉求、增加群众负担的事项，不列入征集范围。"),
        Heading("三、征集方式"),
        Para("（一）到各村(社区)人大代表家站点、代表联络站或村(社区)便民服务中心，填写《民生实事项目建议征集表》；"),
        Para("（二）向本村(社区)的人大代表当面反映，由代表代为填写；" if not t.has_kinds else
             "（二）向本村(社区)的议事代表或人大代表当面反映，由其代为填写；"),
        Para(f"（三）将建议交{t.office}{('，联系电话：' + phone) if phone else ''}。"),
        Para("建议请写明项目名称、所在村(社区)和村民小组、具体情况和建议，并留下姓名和联系电话，以便答复。"
             "联系电话只用于答复建议人，不对外公开。"),
        Heading("四、征集时间"),
        Para(f"即日起至{date_cn(deadline)}止。"),
        Heading("五、办理和答复"),
        Para(f"征集的建议经{t.government}初选、{t.screener}审议后形成候选项目，提交{t.assembly}{t.vote}。"
             "每一件建议都将答复建议人：是否采纳、是否当选、实施进展和满意度测评结果，并在村(社区)公开栏公示（只公示姓氏）。"),
    ]
    title = f"关于征集{year}年度民生实事项目建议的公告"
    return render(OfficialDoc(title, blocks, masthead=issuer.masthead(), closing=Closing(issuer.body, today),
                              meta_title=f"{town}{title}"), path)


FORM_NOTES = {
    "序号": "（由人大办公室填写）",
    "类别": "",
    "来源": "",
    "联系电话": "仅用于答复，不公开",
    "估算投资(万元)": "可不填",
    "受益人数": "可不填",
}


def paper_form(path: str | os.PathLike[str], issuer: Issuer, year: int, categories: tuple[str, ...],
               copies: int = 1) -> Path:
    """Boxes in the template's column order (序号, 项目名称, 建议内容, 类别, 来源, 建议人, 联系电话, 村(社区), 收到日期,
    估算投资(万元), 受益人数); the categories and sources as tick boxes."""
    if Path(path).suffix.lower() != ".pdf":
        raise UserError("纸质征集表请保存为 .pdf 文件", "the paper form is a PDF")
    if not 1 <= copies <= 500:
        raise UserError("份数应在 1～500 之间", "copies must be 1-500", field="份数")
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    fonts = document_fonts()
    body = fonts.body.reportlab_name
    title_st = ParagraphStyle("ft", fontName=fonts.title.reportlab_name, fontSize=18, leading=26, alignment=TA_CENTER)
    sub = ParagraphStyle("fs", fontName=body, fontSize=10.5, leading=15, alignment=TA_CENTER)
    label = ParagraphStyle("fl", fontName=fonts.heading.reportlab_name, fontSize=11, leading=15, alignment=TA_CENTER,
                           wordWrap="CJK")
    cell = ParagraphStyle("fc", fontName=body, fontSize=10.5, leading=18, wordWrap="CJK")
    note = ParagraphStyle("fn", fontName=body, fontSize=9, leading=13, textColor=colors.HexColor("#444444"))
    ticks = {"类别": [c for c in categories] or ["其他"], "来源": list(SOURCES)}
    heights = {"项目名称": 16, "建议内容": 80, "类别": 22, "来源": 11}
    rows, row_h = [], []
    for header in TEMPLATE_HEADERS:
        if header in ticks:
            value = "　".join(f"□{t}" for t in ticks[header])
        elif header == "收到日期":
            value = "　　　　年　　月　　日"
        else:
            value = FORM_NOTES.get(header, "")
        style = note if header not in ticks and header != "收到日期" else cell
        rows.append([Paragraph(esc(header), label), Paragraph(esc(value), style)])
        row_h.append(heights.get(header, 11) * mm)
    grid = Table(rows, colWidths=[32 * mm, 142 * mm], rowHeights=row_h)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.7, colors.black),
                              ("VALIGN", (0, 0), (0, -1), "MIDDLE"), ("VALIGN", (1, 0), (1, -1), "TOP"),
                              ("VALIGN", (1, 3), (1, 4), "MIDDLE"),
                              ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2"))]))
    story = []
    for n in range(copies):
        story += [Paragraph(esc(f"{issuer.town}{year}年度民生实事项目建议征集表"), title_st),
                  Paragraph(esc("（群众、人大代表、部门和村(社区)均可填写，一事一表）"), sub), Spacer(1, 4 * mm), grid,
                  Spacer(1, 3 * mm),
                  Paragraph(esc("填写说明：项目名称一句话说明建议做什么（如“修建王家村三组通组道路”）；建议内容写明具体位置、"
                                "现状、受益范围和建议做法；建议人可写村民小组（如“王建国（三组）”）。联系电话只用于答复建议人。"
                                "本表各栏与《建议征集表》Excel 模板各列一一对应，收回后按顺序录入。"), note),
                  Spacer(1, 6 * mm),
                  Paragraph(esc(f"收表人（{issuer.terms.member}）：＿＿＿＿＿＿　　代表家站点：＿＿＿＿＿＿＿＿　　录入人：＿＿＿＿＿＿"), cell)]
        if n < copies - 1:
            story.append(PageBreak())
    with replacing(path, ".pdf") as temp:
        doc = SimpleDocTemplate(str(temp), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                bottomMargin=14 * mm, title=f"{issuer.town}{year}年度民生实事项目建议征集表")
        doc.build(story)
    return Path(path)
