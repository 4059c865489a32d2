"""The home page's year at a glance, and the read-only tables the year's panes show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..domain.terms import terms_for
from ..domain.vocabulary import SESSION_STATUS_LABELS, ScreeningStatus, SessionStatus
from ..storage import deputy_repo, overview_repo, settings_repo
from .base import DatedService
from .home_data import HomeData
from .scoring_service import ScoringService
from .supervision_service import SupervisionService


@dataclass(frozen=True)
class Table:
    """A read-only table for a pane: headers, rows of display values, and a one-line summary."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    summary: str = ""
    ids: list[str] = field(default_factory=list)


def _money(value: Decimal | None) -> float | None:
    """万元 as a float; the table shows it with two decimals, right-aligned."""
    return None if value is None else float(value)


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


class OverviewService(DatedService):

    def _code(self, s) -> tuple[str, str]:
        j = settings_repo.local_jurisdiction(s)
        return (j.code, j.name) if j else ("", "")

    def home(self, year: int) -> HomeData:
        with self.db.unit_of_work(read_only=True) as s:
            code, name = self._code(s)
            by_status = overview_repo.proposals_by_status(s, code, year)
            cands = overview_repo.candidates(s, code, year)
            sessions = overview_repo.vote_sessions(s, code, year)
            projects = overview_repo.projects(s, code, year)
            rounds = [r for r, _ in overview_repo.rounds(s, code, year) if r.respondents == "代表"]
            open_ops, overdue = overview_repo.open_opinions(s, code, year, self.today)
            upcoming = overview_repo.upcoming_events(s, code, self.today, self.today + timedelta(days=30))
            policy = settings_repo.get(s, code, "vote_policy", {}) or {}
            terms = terms_for(settings_repo.local_level(s))
            vote_line = _vote_line(sessions, terms.vote)
            rates = [r.satisfied_or_basic_rate for r in rounds if r.satisfied_or_basic_rate is not None]
            reminders = SupervisionService(self.db, self.clock).reminders(year)
            overdue_items = self._overdue_items(year, reminders.overdue)
            return HomeData(
                town=name, year=year, deputies=deputy_repo.count_active(s, code),
                proposals_total=sum(by_status.values()), proposals_by_status=by_status,
                proposals_by_category=overview_repo.proposals_by_category(s, code, year),
                candidates=len(cands),
                candidates_approved=sum(1 for c in cands if c.status == ScreeningStatus.APPROVED),
                seats=int(policy.get("seats", 10)), vote_line=vote_line,
                projects_by_status=_count([p.status for p in projects]),
                investment=_investment(projects),
                rounds=len(rounds), satisfied_avg=sum(rates) / len(rates) if rates else None,
                follow_ups=sum(1 for r in rounds if r.needs_follow_up),
                upcoming=[(_d(e.held_on), e.kind, e.title) for e in upcoming],
                open_opinions=open_ops, overdue_opinions=overdue,
                week_events=[(d.isoformat(), k, t) for d, k, t in reminders.upcoming],
                overdue_items=overdue_items, red_projects=reminders.red_projects, terms=terms,
            )

    def _overdue_items(self, year: int, opinions: list[tuple[date, str, str]]) -> list[str]:
        """The overdue opinions (due date, text, unit), then the satisfaction follow-ups past their date."""
        items = [f"{due}到期：{unit}　{text[:30]}" for due, text, unit in opinions]
        items += [f"{f.due_on}到期：“{f.project}”满意度测评整改（{f.stage}）"
                  for f in ScoringService(self.db, self.clock).follow_ups(year)
                  if f.closed_on is None and f.due_on and f.due_on < self.today]
        return items


def _vote_line(sessions: list, vote: str = "票决") -> str:
    """The home page's line on the year's vote: the last sealed result, else where the last session stands."""
    sealed = [v for v in sessions if v.status == SessionStatus.SEALED and v.result]
    if sealed:
        last = sealed[-1]
        r = last.result or {}  # never empty: only sessions with a result were kept
        return (f"{_d(last.held_on)} {vote}：实到 {last.deputies_present}/"
                f"{last.deputies_total} 人，{len(r['candidates'])} 个候选项目，"
                f"当选 {len(r['chosen'])} 个" + (f"，空缺 {r['unfilled']} 个" if r["unfilled"] else ""))
    if sessions:
        return f"{vote}{SESSION_STATUS_LABELS.get(sessions[-1].status, sessions[-1].status)}"
    return f"尚未{vote}"


def _investment(projects: list) -> tuple[float, float, float]:
    """Planned, in place and spent (万元) over the year's projects."""
    return (sum(float(p.budget or 0) for p in projects),
            sum(float(p.funds_in_place or 0) for p in projects),
            sum(float(p.spent or 0) for p in projects))


def _count(values: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1%}"
