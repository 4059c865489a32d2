"""The county (or city) summary: per town, per category, per year — PDF or .docx in the official layout, or .xlsx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ..dashboard_service import Dashboard
from ..summary_service import Figures, Summary
from ..xlsx_io import Sheet, write_workbook
from .county_board import board_blocks, board_sheets
from .official import Closing, Grid, Heading, Issuer, OfficialDoc, Para, doc_kind, render

HEAD = ("建议件数", "候选项目", "实事项目", "已完成", "完成率", "计划投资(万元)", "到位(万元)", "已支出(万元)", "满意度")
MONEY, RATES = (5, 6, 7), (4, 8)


def summary_title(name: str | None, year: int | None) -> str:
    """``清溪县2026年度民生实事项目汇总表``; without a local jurisdiction just the year, without a year 各年度."""
    return f"{name or ''}{'' if year is None else f'{year}年度'}民生实事项目汇总表{'（各年度）' if year is None else ''}"


def _figures(f: Figures, text: bool) -> tuple:
    d = f.to_dict()
    rate = (lambda v: "" if v is None else f"{v:.1%}") if text else (lambda v: v)
    money = (lambda v: f"{v:,.2f}") if text else (lambda v: v)
    return (d["proposals"], d["candidates"], d["projects"], d["completed"], rate(d["completion_rate"]),
            money(d["investment_planned"]), money(d["investment_in_place"]), money(d["investment_spent"]),
            rate(d["satisfaction"]))


def _formats(offset: int) -> dict[int, str]:
    return {i + offset: "money" for i in MONEY} | {i + offset: "percent" for i in RATES}


def county_summary(path, title: str, s: Summary, issuer: Issuer | None = None, *, today: date | None = None,
                   board: Dashboard | None = None) -> Path:
    """``board`` (one year's dashboard) adds the vote, lights, completion, rates, satisfaction, supervision and the
    red projects."""
    if not s.towns:
        raise UserError("数据库中还没有乡镇的数据，请先合并上报包", "nothing merged yet")
    text = doc_kind(path) != ".xlsx"
    towns = [(c, n, *_figures(f, text)) for c, n, f in s.towns] + [("", "合计", *_figures(s.total, text))]
    cats = [(c, *_figures(f, text)) for c, f in s.categories]
    years = [(y, *_figures(f, text)) for y, f in s.years]
    if not text:  # the 合计 row carries rates, which cannot be summed: it is written as computed, in bold
        return write_workbook(path, [
            Sheet("按乡镇", ("行政区划代码", "名称", *HEAD), towns, [14, 14] + [12] * 9, title=f"{title}（按乡镇）",
                  formats=_formats(2), bold_last_row=True),
            Sheet("按类别", ("类别", *HEAD), cats, [14] + [12] * 9, title=f"{title}（按类别）", formats=_formats(1)),
            Sheet("按年度", ("年度", *HEAD), years, [8] + [12] * 9, title=f"{title}（按年度）", formats=_formats(1)),
            *(board_sheets(board, title) if board is not None else [])])
    numeric = tuple(range(1, 10))
    own = "及" + next(n for c, n, _f in s.towns if c == s.own) if s.own else ""
    lead = (f"共{s.town_count}个乡镇（街道）{own}，实事项目{s.total.projects}个，计划投资{s.total.planned:,.2f}万元，"
            f"到位{s.total.in_place:,.2f}万元，已支出{s.total.spent:,.2f}万元。")
    blocks = [Para(lead),
              Heading("一、按乡镇（街道）"),
              Grid(("代码", "名称", *HEAD), towns, (24, 26) + (23,) * 9, numeric=tuple(i + 1 for i in numeric),
                   total_row=True),
              Heading("二、按类别"), Grid(("类别", *HEAD), cats, (30,) + (23,) * 9, numeric=numeric),
              Heading("三、按年度"), Grid(("年度", *HEAD), years, (30,) + (23,) * 9, numeric=numeric, center=(0,)),
              *(board_blocks(board, "四", "五") if board is not None else [])]
    closing = Closing(issuer.body, today) if issuer is not None and issuer.body else None
    doc = OfficialDoc(title, blocks, masthead=issuer.masthead() if issuer else None, closing=closing,
                      landscape=True, meta_title=title, written_on=today)
    return render(doc, path)
