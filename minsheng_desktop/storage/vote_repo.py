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
