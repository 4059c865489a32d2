"""What a proposal's fate is read from (outcome, candidate, vote, work, score) and the replies already given."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.vocabulary import SessionStatus
from .models import (
    Adjustment,
    AuditEntry,
    Candidate,
    CandidateProposal,
    Milestone,
    ProgressReport,
    Project,
    ProposalReply,
    SatisfactionRound,
    ScreeningRecord,
    SessionCandidate,
    VoteSession,
)


def audit_entries(s: Session, actions: tuple[str, ...] | list[str]) -> list[tuple]:
    """(action, entity id, at, detail) of these audit actions, in chain order."""
    return [tuple(r) for r in s.execute(select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.at,
                                               AuditEntry.detail)
                                        .where(AuditEntry.action.in_(actions)).order_by(AuditEntry.seq)).all()]


def candidate_sources(s: Session, code: str, year: int) -> list[tuple]:
    """(proposal id, candidate id, name, status, created at) for every candidate of the year and its sources."""
    return [tuple(r) for r in s.execute(
        select(CandidateProposal.proposal_id, Candidate.id, Candidate.name, Candidate.status, Candidate.created_at)
        .join(Candidate, Candidate.id == CandidateProposal.candidate_id)
        .where(Candidate.jurisdiction_code == code, Candidate.year == year)).all()]


def screening_dates(s: Session, candidate_ids: list[str]) -> list[tuple]:
    """(candidate id, meeting date) of their screening records, by stage."""
    return [tuple(r) for r in s.execute(select(ScreeningRecord.candidate_id, ScreeningRecord.meeting_date)
                                        .where(ScreeningRecord.candidate_id.in_(candidate_ids))
                                        .order_by(ScreeningRecord.stage_order)).all()]


def sealed_sessions(s: Session, code: str, year: int) -> list[VoteSession]:
    """The year's sealed vote sessions, in the order they were held (read only)."""
    return list(s.execute(select(VoteSession).where(VoteSession.jurisdiction_code == code, VoteSession.year == year,
                                                    VoteSession.status == SessionStatus.SEALED)
                          .order_by(VoteSession.held_on, VoteSession.created_at)).scalars())


def session_candidate_ids(s: Session, session_id: str) -> list[str]:
    return list(s.execute(select(SessionCandidate.candidate_id)
                          .where(SessionCandidate.session_id == session_id)).scalars())


def voted_projects(s: Session, code: str, year: int) -> list[Project]:
    """The year's projects that came from a candidate (read only)."""
    return list(s.execute(select(Project).where(Project.jurisdiction_code == code, Project.year == year,
                                                Project.candidate_id.is_not(None))).scalars())


def progress_dates(s: Session, project_ids: list[str]) -> list[tuple]:
    """(project id, date) of every progress report and every milestone reached."""
    out = [tuple(r) for r in s.execute(select(ProgressReport.project_id, ProgressReport.reported_on)
                                       .where(ProgressReport.project_id.in_(project_ids))).all()]
    out += [tuple(r) for r in s.execute(select(Milestone.project_id, Milestone.actual_on)
                                        .where(Milestone.project_id.in_(project_ids),
                                               Milestone.actual_on.is_not(None))).all()]
    return out


def terminated(s: Session, project_ids: list[str]) -> dict[str, Any]:
    """project id → the day its termination was approved."""
    return {pid: day for pid, day in s.execute(
        select(Adjustment.project_id, Adjustment.decided_on).where(
            Adjustment.project_id.in_(project_ids), Adjustment.kind == "终止", Adjustment.outcome == "同意")).all()}


def decided_rounds(s: Session, project_ids: list[str]) -> list[SatisfactionRound]:
    return list(s.execute(select(SatisfactionRound).where(SatisfactionRound.project_id.in_(project_ids),
                                                          SatisfactionRound.verdict != "")).scalars())


def replies(s: Session, proposal_ids: list[str]) -> list[ProposalReply]:
    return list(s.execute(select(ProposalReply).where(ProposalReply.proposal_id.in_(proposal_ids))
                          .order_by(ProposalReply.told_on, ProposalReply.created_at)).scalars())


def add_reply(s: Session, **fields: Any) -> None:
    s.add(ProposalReply(**fields))
