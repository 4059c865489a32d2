"""履职积分: the town's points rules (设置 › 履职积分), each deputy's points for a year by quarter, the ranking and
the Excel export. The rules and the arithmetic are in ``domain/points.py``; this reads the records and keeps them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.errors import UserError
from ..domain.ordering import deputy_order
from ..domain.points import (
    DEFAULT_RULES,
    ITEM_LABELS,
    ITEM_UNITS,
    RULES_NOTE,
    CongressDay,
    DeputyPoints,
    Occurrence,
    PointItem,
    PointRule,
    RosterEntry,
    congress_occurrences,
    event_occurrences,
    opinion_occurrences,
    proposal_occurrences,
    ranking,
    rules_from_data,
    rules_to_data,
    score_all,
    validate_rules,
)
from ..domain.vocabulary import OpinionStatus
from ..storage import audit_repo, points_repo, settings_repo
from .base import DatedService
from .changes import SETTINGS, Changes
from .xlsx_io import Sheet, write_workbook

SETTING = "points_rules"
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


@dataclass(frozen=True)
class DeputyLine:
    """One row of the ranking: the deputy, their rank in the period and their points."""

    rank: int
    deputy: RosterEntry
    points: DeputyPoints


@dataclass(frozen=True)
class PointsYear:
    year: int
    rules: tuple[PointRule, ...]
    deputies: tuple[RosterEntry, ...]  # in roster order (代表小组, then name)
    points: tuple[DeputyPoints, ...]  # the same order

    def ranked(self, quarter: int | None = None) -> list[DeputyLine]:
        who = {d.id: d for d in self.deputies}
        return [DeputyLine(rank, who[p.deputy_id], p) for rank, p in ranking(self.points, quarter)]


def scoring_taken_part(events: Sequence[tuple[str, str, str, date]], attendance: Iterable[tuple[str, str]],
                       congress: Sequence[CongressDay], round_days: set[date],
                       scored_at: set[str] | frozenset[str] = frozenset()) -> list[Occurrence]:
    """参加满意度测评 — THE one definition: a deputy took part in 测评 when present at a held supervision event at which
    the deputies scored (a round of 代表 recorded at that meeting, ``scored_at``; or, for a round scored in the 测评
    pane without naming a meeting, one held that day: 年底问效果 …) or at the 代表大会 (signed in) on such a day; once
    per meeting."""
    out: list[Occurrence] = []
    scored_events = {e[0]: e for e in events if e[0] in scored_at or e[3] in round_days}
    for event_id, deputy_id in attendance:
        if event_id in scored_events:
            _, kind, title, on = scored_events[event_id]
            out.append(Occurrence(deputy_id, PointItem.SCORING, on, f"在{kind}“{title}”参加满意度测评"))
    for day in congress:
        if day.on in round_days:
            out.extend(Occurrence(d, PointItem.SCORING, day.on, f"在{day.title}参加满意度测评")
                       for d in sorted(day.signed_in))
    return out


class PointsService(DatedService):

    # Rules ----------------------------------------------------------------------------------------------------
    def rules(self) -> tuple[PointRule, ...]:
        with self.db.unit_of_work(read_only=True) as s:
            return rules_from_data(settings_repo.get(s, settings_repo.local_code(s), SETTING))

    def save_rules(self, rows: Iterable[tuple[str, object, object]]) -> Changes:
        """(item key, points, cap or None) for every item; refused with a Chinese message naming the item."""
        rules = validate_rules(rows)
        value = rules_to_data(rules)
        with self.db.unit_of_work() as s:
            code = settings_repo.local_code(s)
            before = settings_repo.get(s, code, SETTING)
            settings_repo.put(s, code, SETTING, value)
            audit_repo.append(s, code, "settings.points_rules", entity="setting", entity_id=SETTING,
                              detail={"before": before, "after": value})
        return Changes.of(SETTINGS, message="履职积分规则已保存")

    def restore_defaults(self) -> Changes:
        self.save_rules((r.item, r.points, r.cap) for r in DEFAULT_RULES)
        return Changes.of(SETTINGS, message="履职积分规则已恢复为默认")

    # Points ---------------------------------------------------------------------------------------------------
    def year_points(self, year: int) -> PointsYear:
        """Every deputy on the roster for part of ``year`` (serving, or left during it), with their points."""
        if not 2000 <= year <= 2100:
            raise UserError("年度应在 2000～2100 之间", "year must be between 2000 and 2100", field="年度")
        first, last = date(year, 1, 1), date(year, 12, 31)
        with self.db.unit_of_work(read_only=True) as s:
            code = settings_repo.local_code(s)
            rules = rules_from_data(settings_repo.get(s, code, SETTING))
            roster = [RosterEntry(*row) for row in points_repo.deputies(s, code)]
            roster = sorted((d for d in roster if d.serving_in(year)), key=lambda d: deputy_order(d.group, d.name))
            occurrences = self._occurrences(s, code, first, last, roster)
        points = score_all([d.id for d in roster], occurrences, rules, year)
        return PointsYear(year, rules, tuple(roster), tuple(points))

    @staticmethod
    def _occurrences(s, code: str, first: date, last: date, roster: list[RosterEntry]) -> list[Occurrence]:
        sessions = points_repo.congress_sessions(s, code, first, last)
        signed: dict[str, set[str]] = {}
        for session_id, deputy_id in points_repo.congress_sign_in(s, [i for i, _, _ in sessions]):
            signed.setdefault(session_id, set()).add(deputy_id)
        days: dict[date, tuple[str, set[str]]] = {}
        for session_id, on, title in sessions:  # a revote the same day is the same meeting
            days.setdefault(on, (title, set()))[1].update(signed.get(session_id, set()))
        congress = [CongressDay(on, title, frozenset(ids)) for on, (title, ids) in sorted(days.items())]
        events = points_repo.held_events(s, code, first, last)
        attendance = points_repo.event_attendance(s, [e[0] for e in events])
        return (congress_occurrences(congress, roster) + event_occurrences(events, attendance)
                + opinion_occurrences(points_repo.deputy_opinions(s, code, first, last), OpinionStatus.CLOSED)
                + proposal_occurrences(points_repo.deputy_proposals(s, code, first, last), roster)
                + scoring_taken_part(events, attendance, congress, points_repo.deputy_round_days(s, code, first, last),
                                     points_repo.scored_meetings(s, code, first, last)))

    # Export ---------------------------------------------------------------------------------------------------
    def export(self, year: int, path: str | os.PathLike[str]) -> int:
        """The year's points as .xlsx: per deputy each item's count and points, Q1–Q4, the year and the rank; a
        second sheet with the rules used; a third with every counted occurrence. Returns the number of deputies."""
        data = self.year_points(year)
        write_workbook(path, [points_sheet(data), rules_sheet(data), evidence_sheet(data)])
        return len(data.deputies)


def points_sheet(data: PointsYear) -> Sheet:
    headers = ["名次", "姓名", "代表小组", "状态"]
    for item in PointItem:
        headers += [f"{ITEM_LABELS[item]}（{ITEM_UNITS.get(item, '次')}）", f"{ITEM_LABELS[item]}（分）"]
    headers += [f"{q}（分）" for q in QUARTERS] + ["全年合计（分）"]
    rows = []
    for line in data.ranked():
        p, d = line.points, line.deputy
        items = p.items()
        row: list[object] = [line.rank, d.name, d.group, "在任" if d.serving else f"离任（{d.retired_on}）"]
        for item in PointItem:
            row += [items[item].count, items[item].points]
        rows.append(row + list(p.quarters) + [p.total()])
    widths = [6, 10, 24, 12] + [10] * (2 * len(PointItem)) + [10, 10, 10, 10, 11]
    return Sheet("履职积分", headers, rows, widths, title=f"{data.year}年度代表履职积分")


def rules_sheet(data: PointsYear) -> Sheet:
    rows: list[tuple[object, ...]] = [(i, r.label, r.points, "不设上限" if r.cap is None else r.cap)
                                      for i, r in enumerate(data.rules, start=1)]
    rows.append(("", "按发生日期计入季度和年度；达到年度上限后不再加（扣）分。" + RULES_NOTE, "", ""))
    return Sheet("积分规则", ("序号", "积分项目", "每次分值（分）", "年度上限（分）"), rows, [6, 44, 14, 14],
                 title=f"{data.year}年度履职积分规则")


def evidence_sheet(data: PointsYear) -> Sheet:
    rows = []
    for d, p in zip(data.deputies, data.points, strict=True):
        for sc in p.scored:
            o = sc.occurrence
            rows.append((d.name, d.group, o.on, QUARTERS[sc.quarter - 1], ITEM_LABELS[o.item], o.what, sc.points,
                         "已达年度上限" if sc.capped else ""))
    return Sheet("积分明细", ("姓名", "代表小组", "日期", "季度", "积分项目", "内容", "积分", "备注"), rows,
                 [10, 22, 12, 10, 34, 48, 8, 12], title=f"{data.year}年度代表履职积分明细",
                 formats={2: "iso-date"})
