"""The project ledger (台账), the village-board notice (公示), the supervision calendar, satisfaction results and
the scoring ballot (测评表): PDF or .xlsx by the file's extension."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ...domain.progress import LIGHT_COLOURS, LIGHT_MEANING
from ..project_service import ProjectRow
from ..scoring_service import RoundRow
from ..supervision_service import EventRow
from ..xlsx_io import write_workbook
from . import pdf_base as P


def _ext(path) -> str:
    ext = Path(path).suffix.lower()
    if ext not in (".pdf", ".xlsx"):
        raise UserError("报表文件名应以 .pdf 或 .xlsx 结尾", "the report file must end in .pdf or .xlsx")
    return ext


def _d(d: date | None) -> str:
    return d.isoformat() if d else ""


def _m(v: float | None) -> str:
    return "" if v is None else f"{v:,.2f}"


def ledger(path, town: str, year: int, rows: list[ProjectRow], *, today: date) -> Path:
    if not rows:
        raise UserError(f"{year} 年度没有实事项目", "no projects this year")
    data = [(i, r.name, r.responsible_unit, r.lead_official, _d(r.deadline), r.budget, r.funds_in_place, r.spent,
             f"{r.percent}%", r.status, r.light) for i, r in enumerate(rows, start=1)]
    headers = ("序号", "项目名称", "责任单位", "牵头领导", "完成时限", "预算(万元)", "到位(万元)", "已支出(万元)", "进度",
               "状态", "亮灯")
    if _ext(path) == ".xlsx":
        return write_workbook(path, [("项目台账", headers, data, [6, 32, 18, 14, 12, 12, 12, 12, 8, 8, 6])])
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    st = P.styles()
    total = sum(r.budget or 0 for r in rows), sum(r.funds_in_place or 0 for r in rows), sum(r.spent or 0 for r in rows)
    story = [Paragraph(P.esc(f"{town}{year}年度民生实事项目台账"), st["title"]),
             Paragraph(P.esc(f"共 {len(rows)} 个项目；计划投资 {total[0]:,.2f} 万元，到位 {total[1]:,.2f} 万元，"
                             f"已支出 {total[2]:,.2f} 万元；截至 {P.today_cn(today)}"), st["subtitle"]),
             P.table(headers, [(*d[:5], _m(d[5]), _m(d[6]), _m(d[7]), *d[8:]) for d in data],
                     [10 * mm, 50 * mm, 28 * mm, 30 * mm, 22 * mm, 21 * mm, 21 * mm, 23 * mm, 14 * mm, 18 * mm, 12 * mm],
                     numeric=(5, 6, 7, 8))]
    return P.build(path, story, landscape_page=True, footer=f"{town}{year}年度民生实事项目台账")


def notice(path, town: str, year: int, rows: list[ProjectRow], *, today: date) -> Path:
    """公示 for the village board: each project with its coloured light, progress and deadline."""
    if not rows:
        raise UserError(f"{year} 年度没有实事项目", "no projects this year")
    from reportlab.graphics.shapes import Circle, Drawing
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    st = P.styles()

    def lamp(name: str) -> Drawing:
        d = Drawing(8 * mm, 8 * mm)
        d.add(Circle(4 * mm, 4 * mm, 3.2 * mm, fillColor=colors.HexColor(LIGHT_COLOURS[name]), strokeColor=None))
        return d

    data = [[Paragraph(h, st["head"]) for h in ("亮灯", "项目名称", "责任单位", "完成时限", "进度", "状态")]]
    for r in rows:
        data.append([lamp(r.light), Paragraph(P.esc(r.name), st["cell"]), Paragraph(P.esc(r.responsible_unit), st["cell"]),
                     Paragraph(_d(r.deadline), st["cell"]), Paragraph(f"{r.percent}%", st["num"]),
                     Paragraph(P.esc(r.status), st["cell"])])
    t = Table(data, colWidths=[14 * mm, 64 * mm, 34 * mm, 24 * mm, 16 * mm, 22 * mm], repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 1), (0, -1), "CENTER")]))
    legend = "　".join(f"{k}：{v}" for k, v in LIGHT_MEANING.items())
    story = [Paragraph(P.esc(f"{town}{year}年度民生实事项目进展公示"), st["title"]),
             Paragraph(P.esc(f"截至 {P.today_cn(today)}，欢迎群众监督"), st["subtitle"]), t, Spacer(1, 4 * mm),
             Paragraph(P.esc("亮灯说明：" + legend), st["body"]), Spacer(1, 10 * mm),
             Paragraph(P.esc(f"{town}人民代表大会主席团　　{P.today_cn(today)}"), st["sign"])]
    return P.build(path, story, footer=f"{town}{year}年度民生实事项目进展公示")


def calendar(path, town: str, year: int, events: list[EventRow], project_names: dict[str, str]) -> Path:
    if not events:
        raise UserError(f"{year} 年度还没有监督活动，可先“生成年度监督计划”", "no events this year")
    def covered(e: EventRow) -> str:
        if project_names and len(set(e.project_ids)) >= len(project_names):
            return f"全部项目（{len(project_names)} 个）"
        return "、".join(project_names.get(p, "") for p in e.project_ids)

    data = [(_d(e.held_on), e.kind, e.title, e.place, e.status, covered(e),
             len(e.attendee_ids), len(e.opinions), sum(1 for o in e.opinions if o.status == "已办结")) for e in events]
    headers = ("日期", "类型", "活动", "地点", "状态", "涉及项目", "参加代表", "意见建议", "已办结")
    if _ext(path) == ".xlsx":
        return write_workbook(path, [("监督日程", headers, data, [12, 12, 36, 14, 8, 40, 10, 10, 8])])
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    st = P.styles()
    story = [Paragraph(P.esc(f"{town}{year}年度民生实事项目监督工作日程"), st["title"]),
             Paragraph(P.esc("年初问计划、年中问进度、年底问效果，季会与视察、回头看"), st["subtitle"]),
             P.table(headers, data, [22 * mm, 22 * mm, 60 * mm, 24 * mm, 14 * mm, 62 * mm, 16 * mm, 16 * mm, 14 * mm],
                     numeric=(6, 7, 8))]
    return P.build(path, story, landscape_page=True, footer=f"{town}{year}年度监督工作日程")


def scores(path, town: str, year: int, rounds: list[RoundRow]) -> Path:
    done = [r for r in rounds if r.decided]
    if not done:
        raise UserError(f"{year} 年度还没有确定结果的测评", "no decided rounds")
    data = [(r.batch, r.respondents, r.project, r.counts.get("satisfied", ""), r.counts.get("basically", ""),
             r.counts.get("unsatisfied", ""), f"{r.satisfied_rate:.1%}" if r.satisfied_rate is not None else "",
             f"{r.satisfied_or_basic_rate:.1%}" if r.satisfied_or_basic_rate is not None else "", r.verdict,
             "需整改" if r.needs_follow_up else "", r.seal_code) for r in done]
    headers = ("测评", "对象", "项目", "满意", "基本满意", "不满意", "满意率", "满意+基本满意率", "结论", "跟进", "封存码")
    if _ext(path) == ".xlsx":
        return write_workbook(path, [("满意度测评结果", headers, data, [30, 6, 32, 8, 10, 8, 10, 16, 10, 8, 26])])
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    st = P.styles()
    story = [Paragraph(P.esc(f"{town}{year}年度民生实事项目满意度测评结果"), st["title"]),
             Paragraph(P.esc(f"共 {len(done)} 项；需整改 {sum(1 for r in done if r.needs_follow_up)} 项"), st["subtitle"]),
             P.table(headers, data, [34 * mm, 11 * mm, 48 * mm, 13 * mm, 19 * mm, 16 * mm, 16 * mm, 24 * mm, 15 * mm,
                                     13 * mm, 47 * mm], numeric=(3, 4, 5, 6, 7)),
             Paragraph(P.esc("每项测评结果确定时已用本级签名密钥封存；用“票决 › 核对封存码”或 minsheng verify-seal "
                             "输入封存码，可确认数据文件中的测评结果与本表一致。"), st["cell"])]
    return P.build(path, story, landscape_page=True, footer=f"{town}{year}年度满意度测评结果")


def scoring_ballot(path: str | os.PathLike[str], batch: str, names: list[str], method: str, allow_abstain: bool) -> Path:
    """测评表: one row per project, boxes drawn as graphics (or a score column for the 100-point method)."""
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    st = P.styles()
    levels = ["满意", "基本满意", "不满意"] + (["弃权"] if allow_abstain else [])

    def box() -> Drawing:
        d = Drawing(6 * mm, 6 * mm)
        d.add(Rect(0, 0, 5.5 * mm, 5.5 * mm, fillColor=None, strokeColor=colors.black, strokeWidth=0.8))
        return d

    if method == "hundred_point":
        head, cols = ["序号", "项目名称", "评分（0～100）"], [12 * mm, 110 * mm, 52 * mm]
        rows = [[str(i), Paragraph(P.esc(n), st["cell"]), ""] for i, n in enumerate(names, start=1)]
        how = "请在每个项目后填写 0～100 的评分：80 分及以上为满意，60～79 分为基本满意，60 分以下为不满意。"
    else:
        width = (174 - 12 - 90) / len(levels)
        head, cols = ["序号", "项目名称", *levels], [12 * mm, 90 * mm] + [width * mm] * len(levels)
        rows = [[str(i), Paragraph(P.esc(n), st["cell"]), *[box() for _ in levels]] for i, n in enumerate(names, 1)]
        how = "请对每个项目在相应方框内画“✓”，每项只选一种意见；不画或多画的，该项视为无效。"
    t = Table([[Paragraph(h, st["head"]) for h in head], *rows], colWidths=cols, repeatRows=1, rowHeights=None)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("ALIGN", (2, 1), (-1, -1), "CENTER"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                           ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story = [Paragraph(P.esc(batch), st["title"]), Paragraph("民生实事项目满意度测评表（无记名）", st["subtitle"]),
             Paragraph(P.esc(how), st["body"]), Spacer(1, 4 * mm), t]
    return P.build(path, story, footer=batch)
