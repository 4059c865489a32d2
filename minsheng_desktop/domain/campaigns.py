"""回头看 campaigns: the figures (entered totals beside what the visit log holds), where each opinion of the 问题清单
stands, and the wording of the 问题清单 and the 专题调研报告.

海安 reports 823 deputies and 8,033 beneficiaries visited; nobody keys 8,033 visits. So the office enters the totals
the villages report, and may also log individual visits and 座谈会. A figure in the documents is the entered total
when there is one, else what the log counts; where the log already holds more than the entered total, the line says
so, because one of the two is then wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .errors import UserError
from .opinions import is_open, is_overdue
from .vocabulary import HandOverStage, VisitKind

MAX_FIGURE = 10_000_000  # a town's campaign, or a city's; anything larger is a typing slip
MAX_LOOK_BACK = 10  # years
FIGURES = ("deputies", "beneficiaries", "sites", "forums", "opinions", "questionnaires")
FIGURE_LABELS = {  # key: (what the office calls it, unit)
    "deputies": ("参加代表", "名"),
    "beneficiaries": ("走访受益群众", "户（人）"),
    "sites": ("现场查看项目", "个"),
    "forums": ("召开座谈会", "场"),
    "opinions": ("收集意见建议", "条"),
    "questionnaires": ("发放问卷", "份"),
}


@dataclass(frozen=True)
class Figures:
    """The campaign's totals; ``None`` where nothing was entered (or the log cannot count it, as 问卷)."""
    deputies: int | None = None
    beneficiaries: int | None = None
    sites: int | None = None
    forums: int | None = None
    opinions: int | None = None
    questionnaires: int | None = None

    def get(self, key: str) -> int | None:
        return getattr(self, key)


@dataclass(frozen=True)
class VisitFacts:
    """One logged visit, as the figures see it."""
    kind: str
    project_id: str | None
    deputy_ids: tuple[str, ...]
    people_met: int


@dataclass(frozen=True)
class FigureLine:
    key: str
    label: str
    unit: str
    entered: int | None
    logged: int | None
    used: int  # what the documents print
    note: str


def check_figures(figures: Figures) -> Figures:
    """Each entered total is a whole number from 0 to ``MAX_FIGURE``."""
    for key in FIGURES:
        value = figures.get(key)
        if value is not None and not 0 <= value <= MAX_FIGURE:
            label = FIGURE_LABELS[key][0]
            raise UserError(f"“{label}”应为 0 至 {MAX_FIGURE:,} 之间的整数", f"{key} out of range", field=label)
    return figures


def check_look_back(years: Iterable[int], held_on: date) -> list[int]:
    """The years a campaign looks back on: at least one, none after the year it is held, at most ten."""
    chosen = sorted(set(years))
    if not chosen:
        raise UserError("请至少选择一个回头看的年度", "no year to look back on", field="回头看年度")
    if chosen[-1] > held_on.year:
        raise UserError(f"回头看的年度不能晚于活动所在的 {held_on.year} 年", "a year after the campaign",
                        field="回头看年度")
    if len(chosen) > MAX_LOOK_BACK or chosen[-1] - chosen[0] >= 50:
        raise UserError(f"回头看的年度最多 {MAX_LOOK_BACK} 个", "too many years", field="回头看年度")
    return chosen


def logged_figures(attendee_ids: Iterable[str], visits: Sequence[VisitFacts], opinion_count: int) -> Figures:
    """What the log counts: deputies who took part (attendance and visits), people met on 走访, distinct projects
    seen on 现场查看, 座谈会 held, opinions recorded. The log has no 问卷."""
    deputies = set(attendee_ids) | {d for v in visits for d in v.deputy_ids}
    met = sum(v.people_met for v in visits if v.kind == VisitKind.HOUSEHOLDS)
    sites = {v.project_id for v in visits if v.kind == VisitKind.SITE and v.project_id}
    forums = sum(1 for v in visits if v.kind == VisitKind.FORUM)
    return Figures(len(deputies), met, len(sites), forums, opinion_count, None)


def figure_lines(entered: Figures, logged: Figures) -> list[FigureLine]:
    """Each figure with both sources and the one the documents use (entered, else logged)."""
    lines = []
    for key in FIGURES:
        label, unit = FIGURE_LABELS[key]
        e, g = entered.get(key), logged.get(key)
        if e is None:
            used, note = g or 0, ("按记录" if g else "")
        elif g is not None and g > e:
            used, note = e, f"记录中已有 {g}，多于填报数，请核对"
        else:
            used, note = e, "按填报数"
        lines.append(FigureLine(key, label, unit, e, g, used, note))
    return lines


def used(lines: Sequence[FigureLine]) -> dict[str, int]:
    return {line.key: line.used for line in lines}


def summary_sentence(figures: dict[str, int]) -> str:
    """基本情况's sentence: 组织N名代表走访受益群众N户（人）、现场查看项目N个、召开座谈会N场，收集意见建议N条（发放问卷N份）。"""
    f = figures
    text = (f"组织{f['deputies']}名代表走访受益群众{f['beneficiaries']}户（人）、现场查看项目{f['sites']}个、"
            f"召开座谈会{f['forums']}场，收集意见建议{f['opinions']}条")
    if f.get("questionnaires"):
        text += f"，发放问卷{f['questionnaires']}份"
    return text + "。"


def years_text(years: Sequence[int]) -> str:
    """2025 → 2025；2023, 2024, 2025 → 2023—2025；2022, 2025 → 2022、2025."""
    ys = sorted(set(years))
    if not ys:
        return ""
    if len(ys) > 2 and ys[-1] - ys[0] == len(ys) - 1:
        return f"{ys[0]}—{ys[-1]}"
    return "、".join(str(y) for y in ys)


def report_title(years: Sequence[int]) -> str:
    return f"关于{years_text(years)}年度民生实事项目“回头看”情况的调研报告"


def opinion_stage(handed_on: date | None, status: str, due_on: date | None, today: date) -> HandOverStage:
    """未交办 until handed to the government; then 办理中, 逾期未办结 (the one rule, ``opinions.is_overdue``) or 已办结."""
    if not is_open(status):
        return HandOverStage.CLOSED
    if handed_on is None:
        return HandOverStage.NOT_HANDED
    if is_overdue(status, due_on, today):
        return HandOverStage.OVERDUE
    return HandOverStage.OPEN


def missing_for_hand_over(unit: str, due_on: date | None) -> list[str]:
    """What an opinion still needs before it can be handed over: a responsible unit and a deadline."""
    return [name for name, ok in (("责任单位", bool(unit.strip())), ("办理时限", due_on is not None)) if not ok]


def grouped_by_project(items: Sequence, project_of, order: Sequence[str]) -> list[tuple[str, list]]:
    """Items grouped under their project's name, projects in ``order`` (the campaign's), the rest after, and
    those on no project last as 其他."""
    groups: dict[str, list] = {name: [] for name in order}
    for item in items:
        groups.setdefault(project_of(item) or "其他", []).append(item)
    if "其他" in groups:
        groups["其他"] = groups.pop("其他")
    return [(name, rows) for name, rows in groups.items() if rows]
