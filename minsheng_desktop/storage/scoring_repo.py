"""满意度测评: rounds, their ballots, and the follow-up (整改) of a round that needs one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import FollowUp, Project, SatisfactionBallot, SatisfactionRound


def rounds_of(s: Session, code: str, year: int) -> list[tuple[SatisfactionRound, str]]:
    """(round, project name) of the year, read only."""
    return [(r, name) for r, name in s.execute(
        select(SatisfactionRound, Project.name).join(Project, SatisfactionRound.project_id == Project.id)
        .where(SatisfactionRound.jurisdiction_code == code, SatisfactionRound.year == year)
        .order_by(SatisfactionRound.held_on, SatisfactionRound.batch, Project.name)).all()]


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


def follow_ups_of(s: Session, code: str, year: int) -> list[tuple[FollowUp, str]]:
    """(follow-up, project name) of the year, read only."""
    return [(f, name) for f, name in s.execute(
        select(FollowUp, Project.name).join(Project, FollowUp.project_id == Project.id)
        .where(FollowUp.jurisdiction_code == code, Project.year == year).order_by(FollowUp.created_at)).all()]


def get_follow_up(s: Session, follow_up_id: str) -> FollowUp | None:
    return s.get(FollowUp, follow_up_id)
