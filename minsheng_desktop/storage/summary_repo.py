"""The county's aggregate figures (per town, category and year) and one town's drill-down, read-only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..domain.vocabulary import ProjectStatus
from .models import Candidate, Jurisdiction, Project, Proposal, SatisfactionRound, VoteSession

DONE = case((Project.completed_on.is_not(None), 1), (Project.status == ProjectStatus.COMPLETED, 1), else_=0)


@dataclass(frozen=True)
class SummaryRows:
    names: dict[str, str]  # code → name
    counts: list[tuple[str, list[tuple]]]  # ("proposals" | "candidates", [(code, year, category, n)])
    projects: list[tuple]  # code, year, category, n, done, planned, in place, spent
    satisfaction: list[tuple]  # code, year, average satisfied-or-basic rate of the deputies' rounds


def summary_rows(s: Session, year: int | None) -> SummaryRows:
    def where(col):
        return [] if year is None else [col == year]

    names = dict(s.execute(select(Jurisdiction.code, Jurisdiction.name)).all())
    counts = []
    for model, attr in ((Proposal, "proposals"), (Candidate, "candidates")):
        counts.append((attr, [tuple(r) for r in s.execute(
            select(model.jurisdiction_code, model.year, model.category, func.count()).where(*where(model.year))
            .group_by(model.jurisdiction_code, model.year, model.category))]))
    projects = [tuple(r) for r in s.execute(
        select(Project.jurisdiction_code, Project.year, Project.category, func.count(), func.sum(DONE),
               func.sum(Project.budget), func.sum(Project.funds_in_place), func.sum(Project.spent))
        .where(*where(Project.year)).group_by(Project.jurisdiction_code, Project.year, Project.category))]
    sat = [tuple(r) for r in s.execute(
        select(SatisfactionRound.jurisdiction_code, SatisfactionRound.year,
               func.avg(SatisfactionRound.satisfied_or_basic_rate))
        .where(SatisfactionRound.respondents == "代表", SatisfactionRound.verdict != "",
               SatisfactionRound.project_id.is_not(None), *where(SatisfactionRound.year))
        .group_by(SatisfactionRound.jurisdiction_code, SatisfactionRound.year)).all()]
    return SummaryRows(names, counts, projects, sat)


def town_name(s: Session, code: str) -> str | None:
    return s.execute(select(Jurisdiction.name).where(Jurisdiction.code == code)).scalar()


def town_projects(s: Session, code: str, year: int | None) -> list[tuple]:
    """(year, name, category, status, budget, spent, completed on) of the town's projects."""
    p = select(Project.year, Project.name, Project.category, Project.status, Project.budget, Project.spent,
               Project.completed_on).where(Project.jurisdiction_code == code)
    if year is not None:
        p = p.where(Project.year == year)
    return [tuple(r) for r in s.execute(p.order_by(Project.year, Project.name))]


def town_votes(s: Session, code: str, year: int | None) -> list[tuple]:
    """(year, title, held on, status, present, total, result) of the town's vote sessions."""
    v = select(VoteSession.year, VoteSession.title, VoteSession.held_on, VoteSession.status,
               VoteSession.deputies_present, VoteSession.deputies_total, VoteSession.result) \
        .where(VoteSession.jurisdiction_code == code)
    if year is not None:
        v = v.where(VoteSession.year == year)
    return [tuple(r) for r in s.execute(v.order_by(VoteSession.year, VoteSession.held_on))]
