"""实施: projects, their milestones, dated progress reports and recorded adjustments."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.vocabulary import ProjectStatus
from .models import Adjustment, Milestone, ProgressReport, Project


def get(s: Session, project_id: str) -> Project | None:
    return s.get(Project, project_id)


def for_year(s: Session, code: str, year: int) -> list[Project]:
    return list(s.execute(select(Project).where(Project.jurisdiction_code == code, Project.year == year)
                          .order_by(Project.created_at, Project.name)).scalars())


def update(s: Session, p: Project, **fields: Any) -> None:
    """Write these columns of the project (flushed: what is computed from it next sees them)."""
    for key, value in fields.items():
        setattr(p, key, value)
    s.flush()


def milestones(s: Session, project_id: str, *, open_only: bool = False) -> list[Milestone]:
    stmt = select(Milestone).where(Milestone.project_id == project_id)
    if open_only:
        stmt = stmt.where(Milestone.actual_on.is_(None))
    return list(s.execute(stmt.order_by(Milestone.seq)).scalars())


def replace_milestones(s: Session, p: Project, items: list[tuple[str, Any, Any]]) -> None:
    """The plan becomes these (title, planned on, actual on), in order."""
    for m in s.execute(select(Milestone).where(Milestone.project_id == p.id)).scalars():
        s.delete(m)
    s.flush()
    for seq, (title, planned, actual) in enumerate(items, start=1):
        s.add(Milestone(jurisdiction_code=p.jurisdiction_code, project_id=p.id, seq=seq, title=title,
                        planned_on=planned, actual_on=actual))
    s.flush()


def move_milestones(s: Session, moves: dict[str, Any]) -> None:
    """Re-plan milestones: {milestone id: new planned date}."""
    for m in s.execute(select(Milestone).where(Milestone.id.in_(list(moves)))).scalars():
        m.planned_on = moves[m.id]
    s.flush()


def adjustments(s: Session, project_id: str, *, ordered: bool = False) -> list[Adjustment]:
    stmt = select(Adjustment).where(Adjustment.project_id == project_id)
    if ordered:
        stmt = stmt.order_by(Adjustment.created_at)
    return list(s.execute(stmt).scalars())


def get_adjustment(s: Session, adjustment_id: str) -> Adjustment | None:
    return s.get(Adjustment, adjustment_id)


def add_adjustment(s: Session, p: Project, **fields: Any) -> None:
    s.add(Adjustment(jurisdiction_code=p.jurisdiction_code, project_id=p.id, **fields))
    s.flush()


def decide_adjustment(s: Session, a: Adjustment, body: str, decided_on, outcome: str) -> None:
    a.decision_body, a.decided_on, a.outcome = body, decided_on, outcome


def reports(s: Session, project_id: str) -> list[ProgressReport]:
    return list(s.execute(select(ProgressReport).where(ProgressReport.project_id == project_id)
                          .order_by(ProgressReport.reported_on)).scalars())


def add_report(s: Session, p: Project, **fields: Any) -> str:
    """A progress report of the project; returns its id."""
    r = ProgressReport(jurisdiction_code=p.jurisdiction_code, project_id=p.id, **fields)
    s.add(r)
    s.flush()
    return r.id


def carried_to(s: Session, project_id: str) -> str | None:
    """The id of the project this one was carried over to, if it was."""
    return s.execute(select(Project.id).where(Project.carried_from_id == project_id)).scalar()


def carry_over(s: Session, p: Project) -> str:
    """A copy of the project in the next year, its open milestones with it; returns the new id."""
    new = Project(jurisdiction_code=p.jurisdiction_code, year=p.year + 1, candidate_id=p.candidate_id,
                  session_id=p.session_id, name=p.name, category=p.category,
                  responsible_unit=p.responsible_unit, lead_official=p.lead_official, target=p.target,
                  deadline=p.deadline, budget=p.budget, funds_in_place=p.funds_in_place, spent=p.spent,
                  percent=p.percent, status=ProjectStatus.UNDER_WAY, carried_from_id=p.id)
    s.add(new)
    s.flush()
    for m in milestones(s, p.id, open_only=True):
        s.add(Milestone(jurisdiction_code=p.jurisdiction_code, project_id=new.id, seq=m.seq, title=m.title,
                        planned_on=m.planned_on))
    return new.id
