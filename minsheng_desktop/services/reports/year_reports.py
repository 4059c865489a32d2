"""The project ledger (台账), the village-board notice (公示), the supervision calendar, satisfaction results (PDF or
.docx in the official layout, or .xlsx) and the scoring ballot (测评表, a PDF form)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ...domain.progress import LIGHT_COLOURS, LIGHT_MEANING
from ...domain.supervision_plan import SYSTEM_NOTES
from ...domain.vocabulary import SupervisionSystem
from ..project_service import ProjectRow
from ..scoring_service import RoundRow
from ..supervision_service import EventRow
from ..xlsx_io import Sheet, write_workbook
from . import pdf_base as P
from .official import Closing, Grid, Issuer, Lamp, OfficialDoc, Para, doc_kind, render


def _d(d: date | None) -> str:
    return d.isoformat() if d else ""


def _m(v: float | None) -> str:
    return "" if v is None else f"{v:,.2f}"


def _rate(v: float | None) -> str:
    return "" if v is None else f"{v:.1%}"


def ledger(path, issuer: Issuer, year: int, rows: list[ProjectRow], *, today: date) -> Path:
    if not rows:
        raise UserError(f"{year} 年度没有实事项目", "no projects this year")
    title = f"{issuer.town}{year}年度民生实事项目台账"
    headers = ("序号", "项目名称", "责任单位", "牵头领导", "完成时限", "预算(万元)", "到位(万元)", "已支出(万元)", "进度",
               "状态", "亮灯")
    if doc_kind(path) == ".xlsx":
        data = [(i, r.name, r.responsible_unit, r.lead_official, r.deadline, r.budget, r.funds_in_place, r.spent,
                 r.percent / 100, r.status, r.light) for i, r in enumerate(rows, start=1)]
        return write_workbook(path, [Sheet("项目台账", headers, data, [6, 32, 18, 14, 16, 12, 12, 12, 8, 8, 6],
                                           title=f"{title}（截至{P.today_cn(today)}）", totals=(5, 6, 7),
                                           formats={4: "date", 5: "money", 6: "money", 7: "money", 8: "percent"})])
    total = sum(r.budget or 0 for r in rows), sum(r.funds_in_place or 0 for r in rows), sum(r.spent or 0 for r in rows)
    shown: list[tuple[object, ...]] = [
        (i, r.name, r.responsible_unit, r.lead_official, _d(r.deadline), _m(r.budget), _m(r.funds_in_place),
         _m(r.spent), f"{r.percent}%", r.status, r.light) for i, r in enumerate(rows, start=1)]
    shown.append(("", "合计", "", "", "", _m(total[0]), _m(total[1]), _m(total[2]), "", "", ""))
    lead = (f"共{len(rows)}个项目；计划投资{total[0]:,.2f}万元，到位{total[1]:,.2f}万元，"
            f"已支出{total[2]:,.2f}万元。")
    grid = Grid(headers, shown, (10, 50, 28, 30, 22, 21, 21, 23, 14, 18, 12), numeric=(5, 6, 7, 8),
                center=(0, 9, 10), total_row=True)
    doc = OfficialDoc(title, [Para(lead), grid], subtitle=f"（截至 {P.today_cn(today)}）", landscape=True,
                      written_on=today)
    return render(doc, path)


def notice(path, issuer: Issuer, year: int, rows: list[ProjectRow], *, today: date) -> Path:
    """公示 for the village board: each project with its coloured light (named, for black-and-white copies),
    progress and deadline."""
    if not rows:
        raise UserError(f"{year} 年度没有实事项目", "no projects this year")
    doc_kind(path, (".pdf", ".docx"))
    data = [(Lamp(LIGHT_COLOURS[r.light], r.light), r.name, r.responsible_unit, _d(r.deadline), f"{r.percent}%",
             r.status) for r in rows]
    grid = Grid(("亮灯", "项目名称", "责任单位", "完成时限", "进度", "状态"), data, (16, 64, 34, 24, 14, 22),
                numeric=(4,), center=(0, 3, 5))
    legend = "；".join(f"{k}灯：{v}" for k, v in LIGHT_MEANING.items())
    blocks = [Para(f"现将{year}年度民生实事项目实施进展情况予以公示，欢迎广大群众监督。"), grid,
              Para("亮灯说明：" + legend + "。", "note")]
    doc = OfficialDoc(f"{issuer.town}{year}年度民生实事项目进展公示", blocks, subtitle=f"（截至 {P.today_cn(today)}）",
                      masthead=issuer.masthead(), closing=Closing(issuer.body, today), fit_one_page=True,
                      written_on=today)
    return render(doc, path)


def calendar(path, issuer: Issuer, year: int, events: list[EventRow], project_names: dict[str, str], *,
             today: date | None = None, system: str = SupervisionSystem.QUARTERLY) -> Path:
    if not events:
        raise UserError(f"{year} 年度还没有监督活动，可先“生成年度监督计划”", "no events this year")

    def covered(e: EventRow) -> str:
        if project_names and len(set(e.project_ids)) >= len(project_names):
            return f"全部项目（{len(project_names)} 个）"
        return "、".join(project_names.get(p, "") for p in e.project_ids)

    title = f"{issuer.town}{year}年度民生实事项目监督工作日程"
    headers = ("日期", "类型", "活动", "地点", "状态", "涉及项目", f"参加{issuer.terms.member}", "意见建议", "已办结")
    data = [(e.held_on, e.kind, e.title, e.place, e.status, covered(e), len(e.attendee_ids), len(e.opinions),
             sum(1 for o in e.opinions if o.status == "已办结")) for e in events]
    if doc_kind(path) == ".xlsx":
        return write_workbook(path, [Sheet("监督日程", headers, data, [14, 12, 36, 14, 8, 40, 10, 10, 8], title=title,
                                           formats={0: "iso-date"})])
    grid = Grid(headers, [(_d(d[0]), *d[1:]) for d in data], (22, 20, 56, 26, 16, 62, 16, 16, 14),
                numeric=(6, 7, 8), center=(0, 1, 4))
    doc = OfficialDoc(title, [Para(SYSTEM_NOTES.get(system, SYSTEM_NOTES[SupervisionSystem.QUARTERLY]), "center"), grid],
                      landscape=True, written_on=today)
    return render(doc, path)


def scores(path, issuer: Issuer, year: int, rounds: list[RoundRow], *, today: date) -> Path:
    done = [r for r in rounds if r.decided]
    if not done:
        raise UserError(f"{year} 年度还没有确定结果的测评", "no decided rounds")
    title = f"{issuer.town}{year}年度民生实事项目满意度测评结果"
    headers = ("测评", "对象", "项目", "满意", "基本满意", "不满意", "满意率", "满意+基本满意率", "结论", "跟进", "封存码")
    data = [(r.batch, r.respondents, r.project, r.counts.get("satisfied", ""), r.counts.get("basically", ""),
             r.counts.get("unsatisfied", ""), r.satisfied_rate, r.satisfied_or_basic_rate, r.verdict,
             "需整改" if r.needs_follow_up else "", r.seal_code) for r in done]
    if doc_kind(path) == ".xlsx":
        return write_workbook(path, [Sheet("满意度测评结果", headers, data, [30, 6, 32, 8, 10, 8, 10, 16, 10, 8, 26],
                                           title=title, formats={6: "percent", 7: "percent"})])
    follow = sum(1 for r in done if r.needs_follow_up)
    lead = f"共测评{len(done)}项，其中需整改{follow}项。测评结果如下："
    grid = Grid(headers, [(*d[:6], _rate(d[6]), _rate(d[7]), *d[8:]) for d in data],
                (34, 11, 48, 13, 19, 16, 16, 24, 15, 13, 47), numeric=(3, 4, 5, 6, 7), center=(1, 8, 9))
    note = (f"每项测评结果确定时已用本级签名密钥封存；用“{issuer.terms.vote} › 核对封存码”或 minsheng verify-seal 输入封存码，"
            "可确认数据文件中的测评结果与本表一致。")
    held = [r.held_on for r in done if r.held_on is not None]
    doc = OfficialDoc(title, [Para(lead), grid, Para(note, "note")], masthead=issuer.masthead(), landscape=True,
                      fit_one_page=True,
                      closing=Closing(issuer.body, max(held) if held else today), written_on=today)
    return render(doc, path)


def scoring_ballot(path: str | os.PathLike[str], batch: str, names: list[str], method: str, allow_abstain: bool,
                   subject: str = "项目") -> Path:
    """测评表: one row per project (or per agenda item: ``subject`` 测评事项), boxes drawn as graphics (or a score
    column for the 100-point method)."""
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    st = P.styles()
    levels = ["满意", "基本满意", "不满意"] + (["弃权"] if allow_abstain else [])
    label = "项目名称" if subject == "项目" else subject

    def box() -> Drawing:
        d = Drawing(6 * mm, 6 * mm)
        d.add(Rect(0, 0, 5.5 * mm, 5.5 * mm, fillColor=None, strokeColor=colors.black, strokeWidth=0.8))
        return d

    if method == "hundred_point":
        head, cols = ["序号", label, "评分（0～100）"], [12 * mm, 110 * mm, 52 * mm]
        rows = [[str(i), Paragraph(P.esc(n), st["cell"]), ""] for i, n in enumerate(names, start=1)]
        how = f"请在每个{subject}后填写 0～100 的评分：80 分及以上为满意，60～79 分为基本满意，60 分以下为不满意。"
    else:
        width = (174 - 12 - 90) / len(levels)
        head, cols = ["序号", label, *levels], [12 * mm, 90 * mm] + [width * mm] * len(levels)
        rows = [[str(i), Paragraph(P.esc(n), st["cell"]), *[box() for _ in levels]] for i, n in enumerate(names, 1)]
        how = f"请对每个{subject}在相应方框内画“✓”，每项只选一种意见；不画或多画的，该项视为无效。"
    t = Table([[Paragraph(h, st["head"]) for h in head], *rows], colWidths=cols, repeatRows=1, rowHeights=None)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("ALIGN", (2, 1), (-1, -1), "CENTER"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                           ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story = [Paragraph(P.esc(batch), st["title"]), Paragraph("民生实事项目满意度测评表（无记名）" if subject == "项目" else "满意度测评表（无记名）", st["subtitle"]),
             Paragraph(P.esc(how), st["body"]), Spacer(1, 4 * mm), t]
    return P.build(path, story, footer=batch)
