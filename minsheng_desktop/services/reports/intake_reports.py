"""候选项目建议名单 and the reply list (答复清单): PDF or .docx in the official layout, or .xlsx."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ..intake_service import ProposalRow
from ..screening_service import CandidateRow
from ..xlsx_io import Sheet, write_workbook
from .official import Closing, Grid, Issuer, OfficialDoc, Para, doc_kind, render

CANDIDATE_HEADERS = ("序号", "项目名称", "建设内容", "类别", "估算总投资(万元)", "资金来源", "完成时限", "责任单位", "牵头领导")
REPLY_HEADERS = ("序号", "建议人", "联系电话", "建议事项", "办理结果", "答复说明")


def _money(v: float | None) -> str:
    return "" if v is None else f"{v:,.2f}"


def _date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def approved_on(rows: list[CandidateRow]) -> date | None:
    """The day of the last screening meeting: the list is dated by the meeting that settled it."""
    days = [m.meeting_date for r in rows for m in r.meetings if m.meeting_date is not None]
    return max(days) if days else None


def candidate_list(path: str | os.PathLike[str], issuer: Issuer, year: int, rows: list[CandidateRow], seats: int, *,
                   today: date) -> Path:
    if not rows:
        raise UserError("还没有已审定的候选项目，无法生成建议名单", "no approved candidates yet")
    town = issuer.town
    title = f"{town}{year}年度民生实事候选项目建议名单"
    if doc_kind(path) == ".xlsx":
        data = [[i, r.name, r.content, r.category, r.est_investment, r.fund_source, r.deadline,
                 r.responsible_unit, r.lead_official] for i, r in enumerate(rows, start=1)]
        return write_workbook(path, [Sheet("候选项目建议名单", CANDIDATE_HEADERS, data, [6, 28, 50, 12, 14, 24, 14, 18, 16],
                                           title=title, formats={4: "money", 6: "date"}, totals=(4,))])
    total = sum(r.est_investment or 0 for r in rows)
    lead = f"候选项目{len(rows)}个，应选{seats}个；估算总投资合计{total:,.2f}万元。"
    grid = Grid(("序号", "项目名称", "建设内容", "估算总投资（万元）", "完成时限", "责任单位"),
                [(i, r.name, r.content, _money(r.est_investment), _date(r.deadline), r.responsible_unit)
                 for i, r in enumerate(rows, start=1)],
                (12, 48, 104, 26, 32, 39), numeric=(3,), center=(0,))
    doc = OfficialDoc(title, [Para(lead), grid], masthead=issuer.masthead(), landscape=True,
                      closing=Closing(issuer.body, approved_on(rows) or today), written_on=today)
    return render(doc, path)

def _pending(r: ProposalRow) -> str:
    return "正在研究办理，办理后另行答复" if r.status == "待处理" else ""
