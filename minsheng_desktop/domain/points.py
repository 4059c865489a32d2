"""履职积分: the rules a town sets for its deputies' performance points, and the points each deputy earns.

A rule gives each *item* (出席代表大会, 提出意见建议 …) its points per occurrence and, optionally, a cap on that item's
points in one year; an item with negative points deducts (缺席代表大会（未请假）). The defaults follow the eleven items
a town such as 江北 scores. Points are computed from plain records (``Occurrence``): each occurrence falls in the
quarter and year of its date; a year's occurrences are counted in date order, and once an item reaches its cap the
rest still show as evidence with 0 points, so the four quarters always add up to the year. Ranks are competition
ranks (1, 2, 2, 4): deputies with the same total share a rank.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .errors import UserError

POINTS_LIMIT = 50.0  # |points| of one occurrence
CAP_LIMIT = 500.0  # one item's points in one year


class PointItem(StrEnum):
    """What a deputy is scored on; stored by these keys, shown by ``ITEM_LABELS``."""

    CONGRESS = "congress"
    ABSENCE = "absence"
    MEETING = "meeting"
    QUESTIONS = "questions"
    INSPECTION = "inspection"
    INTERVIEW = "interview"
    REVISIT = "revisit"
    OPINION = "opinion"
    OPINION_CLOSED = "opinion_closed"
    PROPOSAL = "proposal"
    SCORING = "scoring"


ITEM_LABELS: dict[str, str] = {
    PointItem.CONGRESS: "出席代表大会",
    PointItem.ABSENCE: "缺席代表大会（未请假）",
    PointItem.MEETING: "出席季会、年中会议",
    PointItem.QUESTIONS: "参加年初问计划、年中问进度、年底问效果",
    PointItem.INSPECTION: "参加视察、调研、专项报告、专题询问",
    PointItem.INTERVIEW: "参加代表约见",
    PointItem.REVISIT: "参加回头看",
    PointItem.OPINION: "提出意见建议",
    PointItem.OPINION_CLOSED: "意见建议办结",
    PointItem.PROPOSAL: "提出民生实事项目建议",
    PointItem.SCORING: "参加满意度测评",
}
ITEM_UNITS: dict[str, str] = {PointItem.OPINION: "条", PointItem.OPINION_CLOSED: "条", PointItem.PROPOSAL: "件"}
DEDUCTIONS = frozenset({PointItem.ABSENCE})  # items whose points are 0 or below

# Which item a supervision event's attendance counts under, by the event's kind (domain.catalog.EVENT_KINDS).
EVENT_KIND_ITEMS: dict[str, PointItem] = {
    "季会": PointItem.MEETING, "年中会议": PointItem.MEETING,
    "年初问计划": PointItem.QUESTIONS, "年中问进度": PointItem.QUESTIONS, "年底问效果": PointItem.QUESTIONS,
    "视察": PointItem.INSPECTION, "调研": PointItem.INSPECTION, "专项报告": PointItem.INSPECTION,
    "专题询问": PointItem.INSPECTION,
    "代表约见": PointItem.INTERVIEW,
    "回头看": PointItem.REVISIT,
}


@dataclass(frozen=True)
class PointRule:
    item: PointItem
    points: float  # per occurrence; negative deducts
    cap: float | None = None  # at most this many points (in absolute value) from this item in one year

    @property
    def label(self) -> str:
        return ITEM_LABELS[self.item]


DEFAULT_RULES: tuple[PointRule, ...] = (
    PointRule(PointItem.CONGRESS, 2),
    PointRule(PointItem.ABSENCE, -2),
    PointRule(PointItem.MEETING, 2),
    PointRule(PointItem.QUESTIONS, 1),
    PointRule(PointItem.INSPECTION, 1),
    PointRule(PointItem.INTERVIEW, 1),
    PointRule(PointItem.REVISIT, 1),
    PointRule(PointItem.OPINION, 1, 10),
    PointRule(PointItem.OPINION_CLOSED, 1, 10),
    PointRule(PointItem.PROPOSAL, 3, 15),
    PointRule(PointItem.SCORING, 1),
)
RULES_NOTE = ("缺席代表大会按会议日计：当天任何一次票决会议都未签到、当时在任的代表计一次缺席。"
              "本程序尚不登记请假，请假的代表也计为缺席，请在导出的表格中核减；本镇不扣缺席分的，把该项设为 0。")


def _number(value: object, what: str) -> float:
    if isinstance(value, bool):
        raise UserError(f"“{what}”应为数字", f"{what} must be a number", field=what)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise UserError(f"“{what}”应为数字，例如 2 或 0.5", f"{what} must be a number", field=what) from None
    if number != number or number * 2 != round(number * 2):  # NaN, or not a multiple of 0.5
        raise UserError(f"“{what}”应为整数或半分（如 0.5、1.5）", f"{what} must be a multiple of 0.5", field=what)
    return number


def _check_rule(item: PointItem, points_in: object, cap_in: object) -> PointRule:
    label = ITEM_LABELS[item]
    points = _number(points_in, f"{label}的分值")
    if abs(points) > POINTS_LIMIT:
        raise UserError(f"“{label}”每次分值应在 -{POINTS_LIMIT:g}～{POINTS_LIMIT:g} 分之间",
                        "points out of range", field=label)
    if item in DEDUCTIONS and points > 0:
        raise UserError(f"“{label}”是扣分项，分值应为 0 或负数（如 -2）", "a deduction must not be positive",
                        field=label)
    if item not in DEDUCTIONS and points < 0:
        raise UserError(f"“{label}”是加分项，分值不能为负数", "points must not be negative", field=label)
    cap = None if cap_in in (None, "", 0) else _number(cap_in, f"{label}的年度上限")
    if cap is not None:
        if not 0 < cap <= CAP_LIMIT:
            raise UserError(f"“{label}”的年度上限应在 0.5～{CAP_LIMIT:g} 分之间，不设上限请留空",
                            "cap out of range", field=label)
        if cap < abs(points):
            raise UserError(f"“{label}”的年度上限（{cap:g} 分）不能小于每次分值（{abs(points):g} 分）",
                            "cap below the points of one occurrence", field=label)
    return PointRule(item, points, cap)


def validate_rules(rows: Iterable[tuple[str, object, object]]) -> tuple[PointRule, ...]:
    """A town's rules as (item key, points, cap or None) — every item once; UserError in Chinese otherwise."""
    seen: dict[PointItem, PointRule] = {}
    for key, points, cap in rows:
        if key not in ITEM_LABELS:
            raise UserError(f"不认识的积分项目“{str(key)[:20]}”", "unknown points item")
        item = PointItem(key)
        if item in seen:
            raise UserError(f"积分项目“{ITEM_LABELS[item]}”重复", "duplicate points item", field=ITEM_LABELS[item])
        seen[item] = _check_rule(item, points, cap)
    missing = [ITEM_LABELS[i] for i in PointItem if i not in seen]
    if missing:
        raise UserError(f"缺少积分项目：{'、'.join(missing)}", "points items missing")
    return tuple(seen[i] for i in PointItem)


def rules_to_data(rules: Sequence[PointRule]) -> list[dict]:
    return [{"item": str(r.item), "points": r.points, "cap": r.cap} for r in rules]


def rules_from_data(data: object) -> tuple[PointRule, ...]:
    """Stored rules read leniently: an item missing or unreadable takes its default (a newer app may add items)."""
    stored: dict[str, PointRule] = {}
    if isinstance(data, list):
        for row in data[:len(PointItem) * 2]:
            if isinstance(row, Mapping) and row.get("item") in ITEM_LABELS:
                try:
                    rule = _check_rule(PointItem(row["item"]), row.get("points"), row.get("cap"))
                except UserError:
                    continue
                stored.setdefault(rule.item, rule)
    return tuple(stored.get(r.item, r) for r in DEFAULT_RULES)


# Computing ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Occurrence:
    """One thing a deputy did (or missed), with the date that places it in a quarter and what it was."""

    deputy_id: str
    item: PointItem
    on: date
    what: str


@dataclass(frozen=True)
class Scored:
    """An occurrence as counted: its points after the year's cap (0 once the cap is reached)."""

    occurrence: Occurrence
    points: float
    capped: bool = False

    @property
    def quarter(self) -> int:
        return quarter_of(self.occurrence.on)


@dataclass(frozen=True)
class ItemTotal:
    count: int
    points: float


@dataclass(frozen=True)
class DeputyPoints:
    """One deputy's year: every counted occurrence (the evidence) and the totals per quarter and for the year."""

    deputy_id: str
    scored: tuple[Scored, ...] = field(default_factory=tuple)

    def evidence(self, quarter: int | None = None) -> tuple[Scored, ...]:
        return tuple(s for s in self.scored if quarter is None or s.quarter == quarter)

    def items(self, quarter: int | None = None) -> dict[PointItem, ItemTotal]:
        """Each item's count and points in the quarter (or the year), every item present."""
        count = dict.fromkeys(PointItem, 0)
        points = dict.fromkeys(PointItem, 0.0)
        for s in self.evidence(quarter):
            count[s.occurrence.item] += 1
            points[s.occurrence.item] += s.points
        return {i: ItemTotal(count[i], points[i]) for i in PointItem}

    def total(self, quarter: int | None = None) -> float:
        return sum(s.points for s in self.evidence(quarter))

    @property
    def quarters(self) -> tuple[float, float, float, float]:
        q1, q2, q3, q4 = (self.total(q) for q in (1, 2, 3, 4))
        return q1, q2, q3, q4


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def score_deputy(deputy_id: str, occurrences: Iterable[Occurrence], rules: Sequence[PointRule],
                 year: int) -> DeputyPoints:
    """The deputy's occurrences in ``year``, in date order, each with its points; an item's cap stops it adding."""
    by_item = {r.item: r for r in rules}
    mine = sorted((o for o in occurrences if o.deputy_id == deputy_id and o.on.year == year),
                  key=lambda o: (o.on, list(PointItem).index(o.item), o.what))
    so_far = dict.fromkeys(PointItem, 0.0)
    out: list[Scored] = []
    for o in mine:
        rule = by_item.get(o.item)
        if rule is None:
            continue
        points = rule.points
        if rule.cap is not None:
            room = max(rule.cap - abs(so_far[o.item]), 0.0)
            points = min(abs(points), room) * (1 if points >= 0 else -1)
        so_far[o.item] += points
        out.append(Scored(o, points, points != rule.points))
    return DeputyPoints(deputy_id, tuple(out))


def score_all(deputy_ids: Sequence[str], occurrences: Iterable[Occurrence], rules: Sequence[PointRule],
              year: int) -> list[DeputyPoints]:
    """Every listed deputy's points in ``year`` (a deputy with nothing scores 0), in the order given."""
    by_deputy: dict[str, list[Occurrence]] = {d: [] for d in deputy_ids}
    for o in occurrences:
        if o.deputy_id in by_deputy:
            by_deputy[o.deputy_id].append(o)
    return [score_deputy(d, by_deputy[d], rules, year) for d in deputy_ids]


def competition_ranks(totals: Sequence[float]) -> list[int]:
    """Rank of each total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4)."""
    order = sorted(totals, reverse=True)
    first: dict[float, int] = {}
    for i, t in enumerate(order, start=1):
        first.setdefault(t, i)
    return [first[t] for t in totals]


def ranking(points: Sequence[DeputyPoints], quarter: int | None = None) -> list[tuple[int, DeputyPoints]]:
    """(rank, deputy) by the quarter's (or year's) total, highest first; ties keep the given (roster) order."""
    totals = [p.total(quarter) for p in points]
    ranks = competition_ranks(totals)
    order = sorted(range(len(points)), key=lambda i: (ranks[i], i))
    return [(ranks[i], points[i]) for i in order]


def format_points(value: float) -> str:
    """2 -> "2", 1.5 -> "1.5", -2 -> "-2" (points are whole or half)."""
    return f"{value:g}" if value else "0"


DEPUTY_SOURCE = "人大代表"  # a proposal's source (domain.catalog.SOURCES) when a deputy submitted it
DEPUTY_RESPONDENTS = "代表"  # a satisfaction round scored by the deputies (not by residents)


# From records to occurrences ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RosterEntry:
    id: str
    name: str
    group: str
    serving: bool  # 在任 now
    retired_on: str = ""  # YYYY-MM-DD when the deputy left

    def left_on(self) -> date | None:
        if self.serving:
            return None
        try:
            return date.fromisoformat(self.retired_on[:10])
        except ValueError:
            return date.min  # left, on a day not recorded: never counted absent

    def serving_on(self, day: date) -> bool:
        left = self.left_on()
        return left is None or day < left

    def serving_in(self, year: int) -> bool:
        """On the roster for at least part of ``year``: serving now, or left during (or after) it."""
        left = self.left_on()
        return left is None or left >= date(year, 1, 1)


@dataclass(frozen=True)
class CongressDay:
    """One day of the 代表大会 (all vote sessions held that day) and who signed in at any of them."""

    on: date
    title: str
    signed_in: frozenset[str]


def congress_occurrences(days: Iterable[CongressDay], roster: Iterable[RosterEntry]) -> list[Occurrence]:
    """出席 for each deputy signed in on a day; 缺席 for each deputy serving that day who did not sign in
    (the app records no leave, so 未请假 is every absence)."""
    people = list(roster)
    out: list[Occurrence] = []
    for day in days:
        for d in people:
            if d.id in day.signed_in:
                out.append(Occurrence(d.id, PointItem.CONGRESS, day.on, f"出席{day.title}"))
            elif d.serving_on(day.on):
                out.append(Occurrence(d.id, PointItem.ABSENCE, day.on, f"未签到：{day.title}"))
    return out


def event_occurrences(events: Iterable[tuple[str, str, str, date]],
                      attendance: Iterable[tuple[str, str]]) -> list[Occurrence]:
    """Attendance at held supervision events, each under the item of the event's kind (``EVENT_KIND_ITEMS``)."""
    info = {e[0]: e for e in events}
    out: list[Occurrence] = []
    for event_id, deputy_id in attendance:
        if event_id not in info:
            continue
        _, kind, title, on = info[event_id]
        item = EVENT_KIND_ITEMS.get(kind)
        if item is not None:
            out.append(Occurrence(deputy_id, item, on, f"{kind}：{title}"))
    return out


def opinion_occurrences(opinions: Iterable[tuple[str, str, date, str, str, date | None]],
                        closed_status: str) -> list[Occurrence]:
    """提出 on the day of the event it was raised at; 办结 on the day it was closed."""
    out: list[Occurrence] = []
    for deputy_id, content, raised_on, title, status, closed_on in opinions:
        brief = content if len(content) <= 30 else content[:30] + "…"
        out.append(Occurrence(deputy_id, PointItem.OPINION, raised_on, f"在“{title}”提出：{brief}"))
        if status == closed_status and closed_on is not None:
            out.append(Occurrence(deputy_id, PointItem.OPINION_CLOSED, closed_on, f"已办结：{brief}"))
    return out


def proposal_occurrences(proposals: Iterable[tuple[str, str, date]],
                         roster: Iterable[RosterEntry]) -> list[Occurrence]:
    """Proposals whose proposer is, by name, exactly one deputy on the roster (a proposal records a name, not a
    deputy); a name two deputies share, or no deputy has, is not counted."""
    by_name: dict[str, list[str]] = {}
    for d in roster:
        by_name.setdefault(d.name.strip(), []).append(d.id)
    out: list[Occurrence] = []
    for proposer, title, on in proposals:
        ids = by_name.get(proposer.strip(), [])
        if len(ids) == 1:
            out.append(Occurrence(ids[0], PointItem.PROPOSAL, on, f"提出建议：{title}"))
    return out
