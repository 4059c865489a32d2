"""Read-only queries behind the home page and the panes that show what a year holds."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from .models import (
    Candidate,
    Opinion,
    Project,
    Proposal,
    SatisfactionRound,
    SupervisionEvent,
    VoteSession,
)


def count_by(session: Session, column, *where) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).where(*where).group_by(column)).all()
    return {str(k): int(n) for k, n in rows}


def proposals_by_status(session: Session, code: str, year: int) -> dict[str, int]:
    return count_by(session, Proposal.status, Proposal.jurisdiction_code == code, Proposal.year == year)


def proposals_by_category(session: Session, code: str, year: int) -> dict[str, int]:
    return count_by(session, Proposal.category, Proposal.jurisdiction_code == code, Proposal.year == year)


def candidates(session: Session, code: str, year: int) -> list[Candidate]:
    return list(session.execute(
        select(Candidate).where(Candidate.jurisdiction_code == code, Candidate.year == year)
        .order_by(Candidate.ballot_order)
    ).scalars())


def vote_sessions(session: Session, code: str, year: int) -> list[VoteSession]:
    return list(session.execute(
        select(VoteSession).where(VoteSession.jurisdiction_code == code, VoteSession.year == year)
        .order_by(VoteSession.held_on)
    ).scalars())


def projects(session: Session, code: str, year: int) -> list[Project]:
    return list(session.execute(
        select(Project).where(Project.jurisdiction_code == code, Project.year == year).order_by(Project.name)
    ).scalars())


def events(session: Session, code: str, year: int) -> list[SupervisionEvent]:
    return list(session.execute(
        select(SupervisionEvent).where(SupervisionEvent.jurisdiction_code == code, SupervisionEvent.year == year)
        .order_by(SupervisionEvent.held_on)
    ).scalars())


def upcoming_events(session: Session, code: str, start: date, end: date) -> list[SupervisionEvent]:
    return list(session.execute(
        select(SupervisionEvent).where(SupervisionEvent.jurisdiction_code == code,
                                       SupervisionEvent.held_on >= start, SupervisionEvent.held_on <= end,
                                       SupervisionEvent.status != "取消")
        .order_by(SupervisionEvent.held_on)
    ).scalars())


def open_opinions(session: Session, code: str, year: int, today: date) -> tuple[int, int]:
    """(open opinions, of which overdue) for the year's events, as of today."""
    base = (select(func.count()).select_from(Opinion).join(SupervisionEvent, Opinion.event_id == SupervisionEvent.id)
            .where(SupervisionEvent.jurisdiction_code == code, SupervisionEvent.year == year,
                   Opinion.status != "已办结"))
    total = session.execute(base).scalar_one()
    overdue = session.execute(base.where(Opinion.due_on < today)).scalar_one()
    return total, overdue


def opinion_counts(session: Session, event_ids: list[str]) -> dict[str, tuple[int, int]]:
    if not event_ids:
        return {}
    rows = session.execute(
        select(Opinion.event_id, func.count(), func.sum(case((Opinion.status == "已办结", 1), else_=0)))
        .where(Opinion.event_id.in_(event_ids)).group_by(Opinion.event_id)
    ).all()
    return {e: (int(n), int(c or 0)) for e, n, c in rows}


def rounds(session: Session, code: str, year: int) -> list[tuple[SatisfactionRound, str]]:
    return list(session.execute(
        select(SatisfactionRound, Project.name).join(Project, SatisfactionRound.project_id == Project.id)
        .where(SatisfactionRound.jurisdiction_code == code, SatisfactionRound.year == year)
        .order_by(SatisfactionRound.held_on, Project.name)
    ).all())


def proposals_ever(session: Session, code: str) -> int:
    """How many proposals the jurisdiction ever entered, all years."""
    return sum(count_by(session, Proposal.status, Proposal.jurisdiction_code == code).values())
