"""The dashboard's figures in the county summary (PDF, .docx, .xlsx): the vote, lights, 已完成/基本完成/未完成,
investment rates, satisfaction and supervision per town with the county's total and last year's, and the red
projects listed — the same ``Dashboard`` the 看板 shows, so paper and screen cannot disagree."""

from __future__ import annotations

from ...domain.progress import LIGHT_COLOURS
from ...domain.vocabulary import Completion, Light
from ..dashboard_service import Dashboard, UnitFigures
from ..xlsx_io import Sheet
from .official import Grid, Heading, Lamp, Para

BOARD_HEAD = ("票决(场)", "足法定数", "当选", "红灯", "黄灯", "绿灯", "蓝灯", "已完成", "基本完成", "未完成", "到位率", "支出率",
              "满意度", "监督活动", "逾期意见")
RED_HEAD = ("序号", "乡镇", "项目", "类别", "完成时限", "进度", "计划投资(万元)")
RATE_COLUMNS = (10, 11, 12)  # of BOARD_HEAD


def _rate(v: float | None, text: bool):
    if not text:
        return v
    return "" if v is None else f"{v:.1%}"


def board_cells(f: UnitFigures, text: bool) -> tuple:
    return (f.votes_held, f.votes_quorum, f.chosen, *(f.lights[k] for k in (Light.RED, Light.YELLOW, Light.GREEN,
                                                                             Light.BLUE)),
            *(f.completion[c] for c in Completion), _rate(f.in_place_rate, text), _rate(f.spent_rate, text),
            _rate(f.satisfaction, text), f.events_held, f.opinions_overdue)


def _units(board: Dashboard) -> list[UnitFigures]:
    return board.units(by_district=True)  # 县本级 (its own vote and projects) first, then districts or towns


def _red_rows(board: Dashboard, text: bool) -> list[tuple]:
    names = board.names()  # a city's towns carry their district's name
    return [(i, names.get(p.code, p.town), p.name, p.category, p.deadline.isoformat() if p.deadline else "", f"{p.percent}%",
             f"{p.budget:,.2f}" if text else p.budget) for i, p in enumerate(board.flagged(Light.RED), start=1)]


def board_lead(board: Dashboard) -> str:
    t, last = board.total, board.last
    red, yellow = t.lights[Light.RED], t.lights[Light.YELLOW]
    sat = "尚未测评" if t.satisfaction is None else f"{t.satisfaction:.1%}"
    last_sat = "" if last.satisfaction is None else f"（上年{last.satisfaction:.1%}）"
    return (f"{board.year}年度召开票决会议{t.votes_held}场（均达法定人数的{t.votes_quorum}场），票决产生实事项目{t.chosen}个"
            f"（上年{last.chosen}个）。按“{board.policy.mode}”灯色规则，红灯{red}个、黄灯{yellow}个；已完成"
            f"{t.completion[Completion.DONE]}个、基本完成{t.completion[Completion.BASIC]}个、未完成"
            f"{t.completion[Completion.NOT_DONE]}个。资金到位率{_rate(t.in_place_rate, True) or '—'}、支出率"
            f"{_rate(t.spent_rate, True) or '—'}（上年{_rate(last.spent_rate, True) or '—'}）；项目满意度{sat}{last_sat}；"
            f"开展监督活动{t.events_held}次，逾期未办结的意见{t.opinions_overdue}件。")


def board_blocks(board: Dashboard, first: str, second: str) -> list:
    """Two numbered sections for the PDF/.docx: the figures per unit, then the red projects."""
    by = "区县" if board.districts else "乡镇（街道）"
    rows = [(u.name, *board_cells(u, True)) for u in _units(board)] + [("合计", *board_cells(board.total, True)),
                                                                        ("上年", *board_cells(board.last, True))]
    red = _red_rows(board, True)
    red_grid = [(Lamp(LIGHT_COLOURS[Light.RED], str(i)), *rest) for i, *rest in red]
    return [Heading(f"{first}、项目进展、资金、满意度与监督（按{by}）"), Para(board_lead(board)),
            Grid(("名称", *BOARD_HEAD), rows, (26,) + tuple(17 if i in RATE_COLUMNS else 14 for i in range(len(BOARD_HEAD))), numeric=tuple(range(1, 16)), size=9),
            Heading(f"{second}、红灯项目（{len(red)}个）"),
            Grid(RED_HEAD, red_grid, (12, 26, 60, 22, 24, 14, 24), numeric=(5, 6), center=(0,))
            if red else Para("没有亮红灯的项目。")]


def board_sheets(board: Dashboard, title: str) -> list[Sheet]:
    rows = [(u.code, u.name, *board_cells(u, False)) for u in _units(board)] + [
        ("", "合计", *board_cells(board.total, False))]
    formats = {2 + i: "percent" for i in RATE_COLUMNS}
    return [Sheet("进展与监督", ("行政区划代码", "名称", *BOARD_HEAD), rows, [14, 14] + [9] * len(BOARD_HEAD),
                  title=f"{title}（项目进展、资金、满意度与监督）", formats=formats, bold_last_row=True),
            Sheet("红灯项目", RED_HEAD, _red_rows(board, False), [6, 14, 36, 12, 12, 8, 14],
                  title=f"{title}（红灯项目）", formats={6: "money"})]
