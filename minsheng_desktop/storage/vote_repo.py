"""Reading what a vote session holds, in the shape its seal is computed over."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .audit_repo import canonical
from .models import BallotRecord, PaperTally, SessionCandidate, VoteSession


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
