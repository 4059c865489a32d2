"""The county's (or city's) dashboard: the merged towns' rows of one year and the year before, read-only.

Every query is a plain aggregate or a narrow column list filtered by year (indexed), so a city of 700 towns
reads in one pass; the lights, completion, satisfaction and overdue opinions are computed by the domain rules in
``services/dashboard_service.py`` from what is read here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Float, cast, func, select
from sqlalchemy.orm import Session

from ..domain.vocabulary import EventStatus
from .models import (
    Adjustment,
    Candidate,
    Jurisdiction,
    Milestone,
    Opinion,
    Project,
    Proposal,
    SatisfactionRound,
    SupervisionEvent,
    VoteSession,
)


@dataclass(frozen=True)
class DashboardRows:
    units: list[tuple]  # code, name, level, parent code, parent name, is local
    proposals: list[tuple]  # code, year, n
    candidates: list[tuple]  # code, year, n
    sessions: list[tuple]  # code, year, status, deputies total, present, rules, result
    projects: list[tuple]  # id, code, year, name, category, deadline, percent, completed on, budget, in place, spent
    milestones: list[tuple]  # project id, the earliest planned date of its milestones not yet done
    adjustments: list[tuple]  # project id, kind, outcome
    rounds: list[tuple]  # project id, held on, satisfied-or-basic rate, verdict (the deputies' scored rounds)
    events: list[tuple]  # code, year, n held
    opinions: list[tuple]  # code, year, status, due on


def _rows(s: Session, stmt) -> list[tuple]:
    """Plain tuples through the Core connection (no ORM row loading: a city reads tens of thousands of rows)."""
    return [tuple(r) for r in s.connection().execute(stmt)]


def _count(s: Session, model, years: Sequence[int]) -> list[tuple]:
    return _rows(s, select(model.jurisdiction_code, model.year, func.count()).where(model.year.in_(years))
                 .group_by(model.jurisdiction_code, model.year))


def _money(col):
    return cast(col, Float)  # the figures are summed and shown as rates: floats, without a Decimal per cell


def dashboard_rows(s: Session, years: Sequence[int]) -> DashboardRows:
    years = list(years)
    units = _rows(s, select(Jurisdiction.code, Jurisdiction.name, Jurisdiction.level, Jurisdiction.parent_code,
                            Jurisdiction.parent_name, Jurisdiction.is_local))
    sessions = _rows(s, select(
        VoteSession.jurisdiction_code, VoteSession.year, VoteSession.status, VoteSession.deputies_total,
        VoteSession.deputies_present, VoteSession.rules, VoteSession.result).where(VoteSession.year.in_(years)))
    projects = _rows(s, select(
        Project.id, Project.jurisdiction_code, Project.year, Project.name, Project.category, Project.deadline,
        Project.percent, Project.completed_on, _money(Project.budget), _money(Project.funds_in_place),
        _money(Project.spent)).where(Project.year.in_(years)))
    # the milestone rule (progress.late_milestones) turns on the earliest planned date among those not yet done
    milestones = _rows(s, select(Milestone.project_id, func.min(Milestone.planned_on))
                       .join(Project, Project.id == Milestone.project_id)
                       .where(Project.year.in_(years), Milestone.actual_on.is_(None), Milestone.planned_on.is_not(None))
                       .group_by(Milestone.project_id))
    adjustments = _rows(s, select(Adjustment.project_id, Adjustment.kind, Adjustment.outcome)
                        .join(Project, Project.id == Adjustment.project_id).where(Project.year.in_(years)))
    rounds = _rows(s, select(SatisfactionRound.project_id, SatisfactionRound.held_on,
                             SatisfactionRound.satisfied_or_basic_rate, SatisfactionRound.verdict)
                   .where(SatisfactionRound.year.in_(years), SatisfactionRound.respondents == "代表",
                          SatisfactionRound.verdict != ""))
    events = _rows(s, select(SupervisionEvent.jurisdiction_code, SupervisionEvent.year, func.count())
                   .where(SupervisionEvent.year.in_(years), SupervisionEvent.status == EventStatus.HELD)
                   .group_by(SupervisionEvent.jurisdiction_code, SupervisionEvent.year))
    opinions = _rows(s, select(Opinion.jurisdiction_code, SupervisionEvent.year, Opinion.status, Opinion.due_on)
                     .join(SupervisionEvent, SupervisionEvent.id == Opinion.event_id)
                     .where(SupervisionEvent.year.in_(years)))
    return DashboardRows(units, _count(s, Proposal, years), _count(s, Candidate, years), sessions, projects,
                         milestones, adjustments, rounds, events, opinions)


def proposal_list(s: Session, codes: Sequence[str], year: int) -> list[tuple]:
    """(code, seq, title, category, source, village, received on, status) of these towns' proposals of the year."""
    return [tuple(r) for r in s.execute(
        select(Proposal.jurisdiction_code, Proposal.seq_no, Proposal.title, Proposal.category, Proposal.source,
               Proposal.village, Proposal.received_on, Proposal.status)
        .where(Proposal.jurisdiction_code.in_(codes), Proposal.year == year)
        .order_by(Proposal.jurisdiction_code, Proposal.seq_no))]


def candidate_list(s: Session, codes: Sequence[str], year: int) -> list[tuple]:
    """(code, name, category, estimated investment, responsible unit) of these towns' candidates of the year."""
    return [tuple(r) for r in s.execute(
        select(Candidate.jurisdiction_code, Candidate.name, Candidate.category, Candidate.est_investment,
               Candidate.responsible_unit)
        .where(Candidate.jurisdiction_code.in_(codes), Candidate.year == year)
        .order_by(Candidate.jurisdiction_code, Candidate.name))]


def session_list(s: Session, codes: Sequence[str], year: int) -> list[tuple]:
    """(code, title, held on, status, total, present, result) of these towns' vote sessions of the year."""
    return [tuple(r) for r in s.execute(
        select(VoteSession.jurisdiction_code, VoteSession.title, VoteSession.held_on, VoteSession.status,
               VoteSession.deputies_total, VoteSession.deputies_present, VoteSession.result)
        .where(VoteSession.jurisdiction_code.in_(codes), VoteSession.year == year)
        .order_by(VoteSession.jurisdiction_code, VoteSession.held_on))]


def event_list(s: Session, codes: Sequence[str], year: int) -> list[tuple]:
    """(code, held on, kind, title, place) of these towns' supervision events held in the year."""
    return [tuple(r) for r in s.execute(
        select(SupervisionEvent.jurisdiction_code, SupervisionEvent.held_on, SupervisionEvent.kind,
               SupervisionEvent.title, SupervisionEvent.place)
        .where(SupervisionEvent.jurisdiction_code.in_(codes), SupervisionEvent.year == year,
               SupervisionEvent.status == EventStatus.HELD)
        .order_by(SupervisionEvent.jurisdiction_code, SupervisionEvent.held_on))]


def opinion_list(s: Session, codes: Sequence[str], year: int) -> list[tuple]:
    """(code, content, responsible unit, due on, status) of the opinions raised at these towns' events of the year."""
    return [tuple(r) for r in s.execute(
        select(Opinion.jurisdiction_code, Opinion.content, Opinion.responsible_unit, Opinion.due_on, Opinion.status)
        .join(SupervisionEvent, SupervisionEvent.id == Opinion.event_id)
        .where(Opinion.jurisdiction_code.in_(codes), SupervisionEvent.year == year)
        .order_by(Opinion.jurisdiction_code, Opinion.due_on))]
