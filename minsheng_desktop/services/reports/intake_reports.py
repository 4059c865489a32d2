"""候选项目建议名单 and the reply list (答复清单), as PDF or .xlsx by the file's extension."""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ..intake_service import ProposalRow
from ..screening_service import CandidateRow
from ..xlsx_io import write_workbook
from . import pdf_base as P

CANDIDATE_HEADERS = ("序号", "项目名称", "建设内容", "类别", "估算总投资(万元)", "资金来源", "完成时限", "责任单位", "牵头领导")
REPLY_HEADERS = ("序号", "建议人", "联系电话", "建议事项", "办理结果", "答复说明")


def _kind(path: str | os.PathLike[str]) -> str:
    ext = Path(path).suffix.lower()
    if ext not in (".pdf", ".xlsx"):
        raise UserError("报表文件名应以 .pdf 或 .xlsx 结尾", "the report file must end in .pdf or .xlsx")
    return ext


def _money(v: float | None) -> str:
    return "" if v is None else f"{v:,.2f}"


def _date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def candidate_list(path: str | os.PathLike[str], town: str, year: int, rows: list[CandidateRow], seats: int, *,
                   today: date) -> Path:
    if not rows:
        raise UserError("还没有已审定的候选项目，无法生成建议名单", "no approved candidates yet")
    if _kind(path) == ".xlsx":
        data = [[i, r.name, r.content, r.category, r.est_investment, r.fund_source, _date(r.deadline),
                 r.responsible_unit, r.lead_official] for i, r in enumerate(rows, start=1)]
        return write_workbook(path, [("候选项目建议名单", CANDIDATE_HEADERS, data, [6, 28, 50, 12, 14, 24, 14, 18, 16])])
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = P.styles()
    total = sum(r.est_investment or 0 for r in rows)
    story = [Paragraph(P.esc(f"{town}{year}年度民生实事候选项目建议名单"), st["title"]),
             Paragraph(P.esc(f"候选项目 {len(rows)} 个，应选 {seats} 个；估算总投资合计 {total:,.2f} 万元"),
                       st["subtitle"]),
             P.table(("序号", "项目名称", "建设内容", "估算总投资（万元）", "完成时限", "责任单位"),
                     [(i, r.name, r.content, _money(r.est_investment), _date(r.deadline), r.responsible_unit)
                      for i, r in enumerate(rows, start=1)],
                     [12 * mm, 48 * mm, 104 * mm, 26 * mm, 32 * mm, 39 * mm], numeric=(3,)),
             Spacer(1, 8 * mm),
             Paragraph(P.esc(f"{town}人民代表大会主席团　　{P.today_cn(today)}"), st["sign"])]
    return P.build(path, story, landscape_page=True, footer=f"{town}{year}年度民生实事候选项目建议名单")


def reply_list(path: str | os.PathLike[str], town: str, year: int, rows: list[ProposalRow],
               village: str | None = None) -> Path:
    """Every proposer hears back: one section per village (or just one village), each proposal's outcome."""
    chosen = [r for r in rows if village is None or r.village == village]
    if not chosen:
        raise UserError("没有可答复的建议", "no proposals to reply to")
    groups: dict[str, list[ProposalRow]] = defaultdict(list)
    for r in chosen:
        groups[r.village or "未注明村(社区)"].append(r)
    if _kind(path) == ".xlsx":
        data = [[village_name, r.seq_no, r.proposer, r.contact, r.title, r.status, r.reply_reason or _pending(r)]
                for village_name, items in sorted(groups.items()) for r in items]
        return write_workbook(path, [("建议办理答复清单", ("村(社区)", *REPLY_HEADERS), data, [14, 6, 10, 14, 30, 10, 46])])
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    st = P.styles()
    story = [Paragraph(P.esc(f"{town}{year}年度民生实事项目征集建议办理答复清单"), st["title"]),
             Paragraph(P.esc(f"共 {len(chosen)} 件建议，涉及 {len(groups)} 个村(社区)"), st["subtitle"])]
    for village_name, items in sorted(groups.items()):
        story.append(Paragraph(P.esc(f"{village_name}（{len(items)} 件）"), st["h2"]))
        story.append(P.table(REPLY_HEADERS, [(r.seq_no, r.proposer, r.contact, r.title, r.status,
                                              r.reply_reason or _pending(r)) for r in items],
                             [12 * mm, 16 * mm, 26 * mm, 45 * mm, 22 * mm, 53 * mm]))
    return P.build(path, story, footer=f"{town}{year}年度建议办理答复清单")


def _pending(r: ProposalRow) -> str:
    return "正在研究办理，办理后另行答复" if r.status == "待处理" else ""
