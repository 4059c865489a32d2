"""Reading what a vote session holds, in the shape its seal is computed over."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.orm import Session

from .audit_repo import canonical
from .models import BallotRecord, PaperTally, SessionCandidate, VoteSession, new_id
from .models.base import utcnow


@dataclass(frozen=True)
class CountingState:
    """What recording the next ballot checks: the session's stage and mode, and its ballots so far."""

    code: str
    status: str
    count_mode: str
    ballots_collected: int | None
    live: int  # ballots recorded and not withdrawn
    last_seq: int


@cache
def _statements():
    """Built once: the vote console runs them for every ballot, and a built statement keeps its cache key."""
    v, b = VoteSession.__table__, BallotRecord.__table__
    sid = bindparam("sid")
    live = select(func.count(b.c.id)).where(b.c.session_id == sid, b.c.withdrawn.is_(False)).scalar_subquery()
    last = select(func.coalesce(func.max(b.c.seq), 0)).where(b.c.session_id == sid).scalar_subquery()
    state = select(v.c.jurisdiction_code, v.c.status, v.c.count_mode, v.c.ballots_collected, live, last).where(
        v.c.id == sid)
    return state, insert(b)


def counting_state(session: Session, session_id: str) -> CountingState | None:
    """One statement (Core, no ORM objects): the vote console asks this for every ballot."""
    row = session.execute(_statements()[0], {"sid": session_id}).first()
    return None if row is None else CountingState(*row)


def add_ballot(session: Session, code: str, session_id: str, seq: int, marks: dict[str, str], spoiled: bool,
               by: str) -> None:
    now = utcnow()
    session.execute(_statements()[1], {
        "id": new_id(), "jurisdiction_code": code, "session_id": session_id, "seq": seq, "marks": marks,
        "spoiled": spoiled, "withdrawn": False, "entered_by": by, "created_at": now, "updated_at": now})


def seal_payload(session: Session, vote: VoteSession) -> dict[str, Any]:
    """Everything a sealed result rests on: rules, attendance figures, candidates, ballots and totals."""
    candidates = session.execute(
        select(SessionCandidate.candidate_id, SessionCandidate.ballot_order)
        .where(SessionCandidate.session_id == vote.id).order_by(SessionCandidate.ballot_order)
    ).all()
    ballots = session.execute(
        select(BallotRecord).where(BallotRecord.session_id == vote.id).order_by(BallotRecord.seq)
    ).scalars()
    tallies = session.execute(
        select(PaperTally).where(PaperTally.session_id == vote.id).order_by(PaperTally.entry_no)
    ).scalars()
    return {
        "session": vote.id,
        "rules": vote.rules,
        "deputies_total": vote.deputies_total,
        "deputies_present": vote.deputies_present,
        "ballots_issued": vote.ballots_issued,
        "candidates": [[c, o] for c, o in candidates],
        "ballots": [[b.seq, b.marks, b.spoiled, b.withdrawn] for b in ballots],
        "totals": [[t.entry_no, t.ballots_collected, t.invalid_ballots, t.counts, t.accepted] for t in tallies],
        "result": vote.result,
    }


def seal_digest(session: Session, vote: VoteSession) -> str:
    return hashlib.sha256(canonical(seal_payload(session, vote)).encode("utf-8")).hexdigest()


def sealed_sessions(session: Session) -> list[VoteSession]:
    return list(session.execute(select(VoteSession).where(VoteSession.status == "sealed")).scalars())


def session_candidates(session: Session, session_id: str) -> list[tuple[str, str, int]]:
    """(candidate id, name, ballot order) on this session's ballot."""
    from .models import Candidate

    return [tuple(r) for r in session.execute(
        select(SessionCandidate.candidate_id, Candidate.name, SessionCandidate.ballot_order)
        .join(Candidate, SessionCandidate.candidate_id == Candidate.id)
        .where(SessionCandidate.session_id == session_id).order_by(SessionCandidate.ballot_order)
    ).all()]


def live_ballots(session: Session, session_id: str) -> list[BallotRecord]:
    return list(session.execute(
        select(BallotRecord).where(BallotRecord.session_id == session_id, BallotRecord.withdrawn.is_(False))
        .order_by(BallotRecord.seq)
    ).scalars())


def last_seq(session: Session, session_id: str) -> int:
    from sqlalchemy import func

    return session.execute(select(func.max(BallotRecord.seq)).where(BallotRecord.session_id == session_id)).scalar() or 0


def paper_entries(session: Session, session_id: str) -> dict[int, PaperTally]:
    """The latest entry of each teller (1 and 2); earlier attempts stay in the table and the audit log."""
    out: dict[int, PaperTally] = {}
    for t in session.execute(select(PaperTally).where(PaperTally.session_id == session_id)
                             .order_by(PaperTally.created_at)).scalars():
        out[t.entry_no] = t
    return out
