"""Read-only queries behind the home page and the panes that show what a year holds."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.opinions import is_open, is_overdue
from ..domain.vocabulary import EventStatus
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
                                       SupervisionEvent.status != EventStatus.CANCELLED)
        .order_by(SupervisionEvent.held_on)
    ).scalars())


def open_opinions(session: Session, code: str, year: int, today: date) -> tuple[int, int]:
    """(open opinions, of which overdue) for the year's events, as of today.

    Counted in Python with the domain's one rule (``opinions.is_open`` / ``is_overdue``) over the year's few
    (status, due date) rows, so the home page can never disagree with the reminders."""
    rows = session.execute(
        select(Opinion.status, Opinion.due_on).join(SupervisionEvent, Opinion.event_id == SupervisionEvent.id)
        .where(SupervisionEvent.jurisdiction_code == code, SupervisionEvent.year == year)
    ).all()
    return (sum(1 for status, _due in rows if is_open(status)),
            sum(1 for status, due in rows if is_overdue(status, due, today)))


def opinion_counts(session: Session, event_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Event id → (opinions, of which closed), closed meaning not ``opinions.is_open``."""
    if not event_ids:
        return {}
    out: dict[str, tuple[int, int]] = {}
    for event_id, status in session.execute(
            select(Opinion.event_id, Opinion.status).where(Opinion.event_id.in_(event_ids))).all():
        n, closed = out.get(event_id, (0, 0))
        out[event_id] = (n + 1, closed + (not is_open(status)))
    return out


def rounds(session: Session, code: str, year: int) -> list[tuple[SatisfactionRound, str]]:
    return list(session.execute(
        select(SatisfactionRound, Project.name).join(Project, SatisfactionRound.project_id == Project.id)
        .where(SatisfactionRound.jurisdiction_code == code, SatisfactionRound.year == year)
        .order_by(SatisfactionRound.held_on, Project.name)
    ).all())


def proposals_ever(session: Session, code: str) -> int:
    """How many proposals the jurisdiction ever entered, all years."""
    return sum(count_by(session, Proposal.status, Proposal.jurisdiction_code == code).values())
