"""满意度测评: rounds, their ballots, and the follow-up (整改) of a round that needs one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import AgendaItem, FollowUp, Project, SatisfactionBallot, SatisfactionRound

Subject = tuple[str | None, str | None, str | None]  # project name, or the agenda item's kind and title


def rounds_of(s: Session, code: str, year: int) -> list[tuple[SatisfactionRound, Subject]]:
    """(round, its subject) of the year, read only: a project's rounds and an agenda item's alike."""
    return [(r, (name, kind, title)) for r, name, kind, title in s.execute(
        select(SatisfactionRound, Project.name, AgendaItem.kind, AgendaItem.title)
        .outerjoin(Project, SatisfactionRound.project_id == Project.id)
        .outerjoin(AgendaItem, SatisfactionRound.agenda_item_id == AgendaItem.id)
        .where(SatisfactionRound.jurisdiction_code == code, SatisfactionRound.year == year)
        .order_by(SatisfactionRound.held_on, SatisfactionRound.batch, Project.name, AgendaItem.seq,
                  SatisfactionRound.created_at)).all()]


def get_item(s: Session, item_id: str) -> AgendaItem | None:
    return s.get(AgendaItem, item_id)


def get_round(s: Session, round_id: str) -> SatisfactionRound | None:
    return s.get(SatisfactionRound, round_id)


def add_round(s: Session, **fields: Any) -> str:
    """A new round; returns its id."""
    r = SatisfactionRound(**fields)
    s.add(r)
    s.flush()
    return r.id


def update(s: Session, row, **fields: Any) -> None:
    """Write these columns of a round or a follow-up (flushed)."""
    for key, value in fields.items():
        setattr(row, key, value)
    s.flush()


def next_ballot_seq(s: Session, round_id: str) -> int:
    return (s.execute(select(func.max(SatisfactionBallot.seq)).where(SatisfactionBallot.round_id == round_id))
            .scalar() or 0) + 1


def add_ballot(s: Session, **fields: Any) -> None:
    s.add(SatisfactionBallot(**fields))


def ballots(s: Session, round_id: str) -> list[SatisfactionBallot]:
    return list(s.execute(select(SatisfactionBallot).where(SatisfactionBallot.round_id == round_id)).scalars())


def rescoring(s: Session, round_id: str) -> FollowUp | None:
    """The follow-up this round re-scores, if it does."""
    return s.execute(select(FollowUp).where(FollowUp.rescore_round_id == round_id)).scalars().first()


def add_follow_up(s: Session, **fields: Any) -> None:
    s.add(FollowUp(**fields))


def follow_ups_of(s: Session, code: str, year: int) -> list[tuple[FollowUp, Subject]]:
    """(follow-up, its subject) of the year (the year of the round that called for it), read only."""
    return [(f, (name, kind, title)) for f, name, kind, title in s.execute(
        select(FollowUp, Project.name, AgendaItem.kind, AgendaItem.title)
        .join(SatisfactionRound, FollowUp.round_id == SatisfactionRound.id)
        .outerjoin(Project, FollowUp.project_id == Project.id)
        .outerjoin(AgendaItem, FollowUp.agenda_item_id == AgendaItem.id)
        .where(FollowUp.jurisdiction_code == code, SatisfactionRound.year == year)
        .order_by(FollowUp.created_at)).all()]


def get_follow_up(s: Session, follow_up_id: str) -> FollowUp | None:
    return s.get(FollowUp, follow_up_id)
