"""乡镇考核: the merged facts each town's assessment is scored from (one year), read-only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..domain.vocabulary import EventStatus, SessionStatus
from .models import Jurisdiction, PackageLog, Project, Proposal, SatisfactionRound, SupervisionEvent, VoteSession

UNREPLIED = "待处理"


@dataclass(frozen=True)
class AssessmentRows:
    towns: list[tuple]  # code, name (towns and streets)
    proposals: list[tuple]  # code, n, replied
    sessions: list[tuple]  # code, deputies total, present, rules (sealed sessions)
    projects: list[tuple]  # code, deadline, completed on
    satisfaction: list[tuple]  # code, average satisfied-or-basic rate of the deputies' scored rounds
    events: list[tuple]  # code, n held
    packages: list[tuple]  # merged at, codes carried (merged packages)


def assessment_rows(s: Session, year: int) -> AssessmentRows:
    towns = [tuple(r) for r in s.execute(select(Jurisdiction.code, Jurisdiction.name)
                                         .where(Jurisdiction.level.in_(("乡镇", "街道"))).order_by(Jurisdiction.code))]
    proposals = [tuple(r) for r in s.execute(
        select(Proposal.jurisdiction_code, func.count(), func.sum(case((Proposal.status != UNREPLIED, 1), else_=0)))
        .where(Proposal.year == year).group_by(Proposal.jurisdiction_code))]
    sessions = [tuple(r) for r in s.execute(
        select(VoteSession.jurisdiction_code, VoteSession.deputies_total, VoteSession.deputies_present,
               VoteSession.rules).where(VoteSession.year == year, VoteSession.status == SessionStatus.SEALED))]
    projects = [tuple(r) for r in s.execute(
        select(Project.jurisdiction_code, Project.deadline, Project.completed_on).where(Project.year == year))]
    satisfaction = [tuple(r) for r in s.execute(
        select(SatisfactionRound.jurisdiction_code, func.avg(SatisfactionRound.satisfied_or_basic_rate))
        .where(SatisfactionRound.year == year, SatisfactionRound.respondents == "代表",
               SatisfactionRound.verdict != "").group_by(SatisfactionRound.jurisdiction_code))]
    events = [tuple(r) for r in s.execute(
        select(SupervisionEvent.jurisdiction_code, func.count())
        .where(SupervisionEvent.year == year, SupervisionEvent.status == EventStatus.HELD)
        .group_by(SupervisionEvent.jurisdiction_code))]
    packages = [tuple(r) for r in s.execute(
        select(PackageLog.merged_at, PackageLog.codes).where(PackageLog.status == "merged"))]
    return AssessmentRows(towns, proposals, sessions, projects, satisfaction, events, packages)
