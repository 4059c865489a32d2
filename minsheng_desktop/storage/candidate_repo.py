"""Queries over candidates, their source proposals and their screening meetings."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Candidate, CandidateProposal, Proposal, ScreeningRecord


def for_year(session: Session, code: str, year: int) -> list[Candidate]:
    return list(session.execute(
        select(Candidate).where(Candidate.jurisdiction_code == code, Candidate.year == year)
        .order_by(Candidate.ballot_order, Candidate.created_at)
    ).scalars())


def meetings(session: Session, candidate_ids: list[str]) -> dict[str, list[ScreeningRecord]]:
    out: dict[str, list[ScreeningRecord]] = {c: [] for c in candidate_ids}
    if not candidate_ids:
        return out
    for r in session.execute(select(ScreeningRecord).where(ScreeningRecord.candidate_id.in_(candidate_ids))
                             .order_by(ScreeningRecord.candidate_id, ScreeningRecord.stage_order,
                                       ScreeningRecord.created_at)).scalars():
        out[r.candidate_id].append(r)
    return out


def sources(session: Session, candidate_ids: list[str]) -> dict[str, list[Proposal]]:
    out: dict[str, list[Proposal]] = {c: [] for c in candidate_ids}
    if not candidate_ids:
        return out
    rows = session.execute(select(CandidateProposal.candidate_id, Proposal)
                           .join(Proposal, CandidateProposal.proposal_id == Proposal.id)
                           .where(CandidateProposal.candidate_id.in_(candidate_ids))
                           .order_by(Proposal.seq_no)).all()
    for cid, p in rows:
        out[cid].append(p)
    return out


def next_order(session: Session, code: str, year: int) -> int:
    top = session.execute(select(func.max(Candidate.ballot_order))
                          .where(Candidate.jurisdiction_code == code, Candidate.year == year)).scalar()
    return (top or 0) + 1


def get(session: Session, candidate_id: str) -> Candidate | None:
    return session.get(Candidate, candidate_id)


def required(session: Session, candidate_id: str) -> Candidate:
    """The candidate; UserError when it was deleted meanwhile."""
    from ..domain.errors import UserError

    c = session.get(Candidate, candidate_id)
    if c is None:
        raise UserError("该候选项目已不存在，请刷新", "candidate not found")
    return c


def add(session: Session, **fields) -> Candidate:
    c = Candidate(**fields)
    session.add(c)
    session.flush()
    return c


def update(c: Candidate, **fields) -> None:
    for key, value in fields.items():
        setattr(c, key, value)


def link(session: Session, code: str, candidate_id: str, proposal_id: str) -> None:
    session.add(CandidateProposal(jurisdiction_code=code, candidate_id=candidate_id, proposal_id=proposal_id))


def unlink_all(session: Session, candidate_id: str) -> None:
    from sqlalchemy import delete

    session.execute(delete(CandidateProposal).where(CandidateProposal.candidate_id == candidate_id))
    session.flush()


def add_meeting(session: Session, **fields) -> None:
    session.add(ScreeningRecord(**fields))
