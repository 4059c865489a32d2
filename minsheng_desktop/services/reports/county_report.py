"""The county (or city) summary: per town, per category, per year — PDF or .xlsx by the file's extension."""

from __future__ import annotations

from pathlib import Path

from ...domain.errors import UserError
from ..summary_service import Figures, Summary
from ..xlsx_io import write_workbook
from . import pdf_base as P

HEAD = ("建议件数", "候选项目", "实事项目", "已完成", "完成率", "计划投资(万元)", "到位(万元)", "已支出(万元)", "满意度")


def _cells(f: Figures, money=lambda v: f"{v:,.2f}") -> tuple:
    d = f.to_dict()
    return (d["proposals"], d["candidates"], d["projects"], d["completed"],
            "" if d["completion_rate"] is None else f"{d['completion_rate']:.1%}", money(d["investment_planned"]),
            money(d["investment_in_place"]), money(d["investment_spent"]),
            "" if d["satisfaction"] is None else f"{d['satisfaction']:.1%}")


def county_summary(path, title: str, s: Summary) -> Path:
    if not s.towns:
        raise UserError("数据库中还没有乡镇的数据，请先合并上报包", "nothing merged yet")
    ext = Path(path).suffix.lower()
    money = (lambda v: v) if ext == ".xlsx" else (lambda v: f"{v:,.2f}")
    towns = [(c, n, *_cells(f, money)) for c, n, f in s.towns] + [("", "合计", *_cells(s.total, money))]
    cats = [(c, *_cells(f, money)) for c, f in s.categories]
    years = [(y, *_cells(f, money)) for y, f in s.years]
    if ext == ".xlsx":
        return write_workbook(path, [("按乡镇", ("行政区划代码", "名称", *HEAD), towns, [14, 14] + [12] * 9),
                                     ("按类别", ("类别", *HEAD), cats, [14] + [12] * 9),
                                     ("按年度", ("年度", *HEAD), years, [8] + [12] * 9)])
    if ext != ".pdf":
        raise UserError("报表文件名应以 .pdf 或 .xlsx 结尾", "the report file must end in .pdf or .xlsx")
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = P.styles()
    w = [24 * mm, 26 * mm] + [23 * mm] * 9
    story = [Paragraph(P.esc(title), st["title"]),
             Paragraph(P.esc(f"{len(s.towns)} 个乡镇（街道）；实事项目 {s.total.projects} 个，计划投资 "
                             f"{s.total.planned:,.2f} 万元"), st["subtitle"]),
             Paragraph("按乡镇", st["h2"]), P.table(("代码", "名称", *HEAD), towns, w, numeric=tuple(range(2, 11))),
             Spacer(1, 4 * mm), Paragraph("按类别", st["h2"]),
             P.table(("类别", *HEAD), cats, [30 * mm] + [23 * mm] * 9, numeric=tuple(range(1, 10))),
             Spacer(1, 4 * mm), Paragraph("按年度", st["h2"]),
             P.table(("年度", *HEAD), years, [30 * mm] + [23 * mm] * 9, numeric=tuple(range(1, 10)))]
    return P.build(path, story, landscape_page=True, footer=title)
