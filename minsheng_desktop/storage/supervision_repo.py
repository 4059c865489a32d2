"""监督: supervision events, the projects and deputies linked to them, and the opinions raised."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .models import Deputy, EventAttendance, EventProject, Opinion, Project, SupervisionEvent


def events_of(s: Session, code: str, year: int) -> list[SupervisionEvent]:
    return list(s.execute(select(SupervisionEvent).where(SupervisionEvent.jurisdiction_code == code,
                                                         SupervisionEvent.year == year)
                          .order_by(SupervisionEvent.held_on)).scalars())


def event_projects(s: Session, event_ids: list[str]) -> list[tuple[str, str]]:
    return [(event, project) for event, project in s.execute(
        select(EventProject.event_id, EventProject.project_id).where(EventProject.event_id.in_(event_ids)))]


def event_attendance(s: Session, event_ids: list[str]) -> list[tuple[str, str]]:
    return [(event, deputy) for event, deputy in s.execute(
        select(EventAttendance.event_id, EventAttendance.deputy_id).where(EventAttendance.event_id.in_(event_ids)))]


def project_names(s: Session, code: str) -> dict[str, str]:
    return dict(s.execute(select(Project.id, Project.name).where(Project.jurisdiction_code == code)).all())


def deputy_names(s: Session, code: str) -> dict[str, str]:
    return dict(s.execute(select(Deputy.id, Deputy.name).where(Deputy.jurisdiction_code == code)).all())


def deputies(s: Session, code: str) -> list[Deputy]:
    return list(s.execute(select(Deputy).where(Deputy.jurisdiction_code == code)).scalars())


def opinions(s: Session, event_ids: list[str]) -> list[Opinion]:
    return list(s.execute(select(Opinion).where(Opinion.event_id.in_(event_ids)).order_by(Opinion.created_at))
                .scalars())


def get_event(s: Session, event_id: str) -> SupervisionEvent | None:
    return s.get(SupervisionEvent, event_id)


def save_event(s: Session, event_id: str | None, code: str, year: int, **fields: Any) -> SupervisionEvent:
    """Write the event's fields (a new event when there is none with this id); flushed."""
    e = s.get(SupervisionEvent, event_id) if event_id else None
    if e is None:
        e = SupervisionEvent(jurisdiction_code=code, year=year)
        s.add(e)
    for key, value in fields.items():
        setattr(e, key, value)
    s.flush()
    return e


def replace_links(s: Session, e: SupervisionEvent, project_ids: list[str], deputy_ids: list[str]) -> None:
    """The calendar lists the event's own year's projects: links to other years' (a 回头看's) are kept."""
    own_year = select(Project.id).where(Project.year == e.year)
    s.execute(delete(EventProject).where(EventProject.event_id == e.id, EventProject.project_id.in_(own_year)))
    project_ids = [p for p in project_ids if p not in set(s.execute(
        select(EventProject.project_id).where(EventProject.event_id == e.id)).scalars())]
    s.execute(delete(EventAttendance).where(EventAttendance.event_id == e.id))
    for pid in dict.fromkeys(project_ids):
        s.add(EventProject(jurisdiction_code=e.jurisdiction_code, event_id=e.id, project_id=pid))
    for did in dict.fromkeys(deputy_ids):
        s.add(EventAttendance(jurisdiction_code=e.jurisdiction_code, event_id=e.id, deputy_id=did))


def responsible_unit(s: Session, project_id: str) -> str:
    from ..domain.errors import UserError

    p = s.get(Project, project_id)
    if p is None:
        raise UserError("该项目已不存在，请刷新", "project not found")
    return p.responsible_unit


def add_opinion(s: Session, e: SupervisionEvent, **fields: Any) -> None:
    s.add(Opinion(jurisdiction_code=e.jurisdiction_code, event_id=e.id, **fields))


def get_opinion(s: Session, opinion_id: str) -> Opinion | None:
    return s.get(Opinion, opinion_id)


def update(row, **fields: Any) -> None:
    for key, value in fields.items():
        setattr(row, key, value)


def planned_days(s: Session, code: str, year: int) -> set[tuple]:
    """(kind, held on) of the year's events."""
    return set(s.execute(select(SupervisionEvent.kind, SupervisionEvent.held_on)
                         .where(SupervisionEvent.jurisdiction_code == code, SupervisionEvent.year == year)).all())


def add_event(s: Session, **fields: Any) -> None:
    s.add(SupervisionEvent(**fields))
