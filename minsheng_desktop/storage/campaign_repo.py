"""回头看 campaigns: the campaign row of a 回头看 event, its visit log and its opinions' hand-over."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from ..domain.vocabulary import EventStatus
from .models import (
    Campaign,
    CampaignOpinion,
    CampaignVisit,
    EventAttendance,
    EventProject,
    Opinion,
    Project,
    SupervisionEvent,
)

KIND = "回头看"


def events(s: Session, code: str, year: int) -> list[SupervisionEvent]:
    """The 回头看 events of the working year, or held in it (a campaign on last year's projects held this spring)."""
    in_year = (SupervisionEvent.year == year) | SupervisionEvent.held_on.between(date(year, 1, 1), date(year, 12, 31))
    return list(s.execute(select(SupervisionEvent).where(
        SupervisionEvent.jurisdiction_code == code, SupervisionEvent.kind == KIND,
        SupervisionEvent.status != EventStatus.CANCELLED, in_year).order_by(SupervisionEvent.held_on)).scalars())


def campaign_of(s: Session, event_id: str) -> Campaign | None:
    return s.execute(select(Campaign).where(Campaign.event_id == event_id)).scalar_one_or_none()


def campaigns_of(s: Session, event_ids: list[str]) -> dict[str, Campaign]:
    return {c.event_id: c for c in s.execute(select(Campaign).where(Campaign.event_id.in_(event_ids))).scalars()}


def ensure_campaign(s: Session, e: SupervisionEvent, look_back: list[int]) -> Campaign:
    c = campaign_of(s, e.id)
    if c is None:
        c = Campaign(jurisdiction_code=e.jurisdiction_code, event_id=e.id, look_back=look_back)
        s.add(c)
        s.flush()
    return c


def update(row, **fields: Any) -> None:
    for key, value in fields.items():
        setattr(row, key, value)


def project_ids(s: Session, event_id: str) -> list[str]:
    return list(s.execute(select(EventProject.project_id).where(EventProject.event_id == event_id)).scalars())


def projects(s: Session, code: str, ids: list[str] | None = None, years: list[int] | None = None) -> list[Project]:
    """Projects by id, or of these years; by year, then as entered."""
    q = select(Project).where(Project.jurisdiction_code == code)
    if ids is not None:
        q = q.where(Project.id.in_(ids))
    if years is not None:
        q = q.where(Project.year.in_(years))
    return list(s.execute(q.order_by(Project.year, Project.created_at, Project.name)).scalars())


def set_projects(s: Session, e: SupervisionEvent, ids: list[str]) -> None:
    s.execute(delete(EventProject).where(EventProject.event_id == e.id))
    for pid in dict.fromkeys(ids):
        s.add(EventProject(jurisdiction_code=e.jurisdiction_code, event_id=e.id, project_id=pid))


def attendee_ids(s: Session, event_id: str) -> list[str]:
    return list(s.execute(select(EventAttendance.deputy_id).where(EventAttendance.event_id == event_id)).scalars())


def add_attendees(s: Session, e: SupervisionEvent, deputy_ids: list[str]) -> int:
    """The visit's deputies take part in the campaign: added to the event's attendance (履职积分 counts it)."""
    have = set(attendee_ids(s, e.id))
    new = [d for d in dict.fromkeys(deputy_ids) if d not in have]
    for did in new:
        s.add(EventAttendance(jurisdiction_code=e.jurisdiction_code, event_id=e.id, deputy_id=did))
    return len(new)


def visits(s: Session, campaign_id: str) -> list[CampaignVisit]:
    return list(s.execute(select(CampaignVisit).where(CampaignVisit.campaign_id == campaign_id)
                          .order_by(CampaignVisit.held_on, CampaignVisit.created_at)).scalars())


def get_visit(s: Session, visit_id: str) -> CampaignVisit | None:
    return s.get(CampaignVisit, visit_id)


def add_visit(s: Session, c: Campaign, **fields: Any) -> CampaignVisit:
    v = CampaignVisit(jurisdiction_code=c.jurisdiction_code, campaign_id=c.id, **fields)
    s.add(v)
    s.flush()
    return v


def delete_visit(s: Session, v: CampaignVisit) -> None:
    s.execute(sql_update(CampaignOpinion).where(CampaignOpinion.visit_id == v.id).values(visit_id=None))
    s.delete(v)


def opinions(s: Session, event_id: str) -> list[tuple[Opinion, CampaignOpinion | None]]:
    """The event's opinions with their campaign data (none for one raised before the campaign row existed)."""
    return [(o, co) for o, co in s.execute(
        select(Opinion, CampaignOpinion).outerjoin(CampaignOpinion, CampaignOpinion.opinion_id == Opinion.id)
        .where(Opinion.event_id == event_id).order_by(Opinion.created_at)).all()]


def add_opinion(s: Session, e: SupervisionEvent, c: Campaign, visit_id: str | None, **fields: Any) -> Opinion:
    o = Opinion(jurisdiction_code=e.jurisdiction_code, event_id=e.id, **fields)
    s.add(o)
    s.flush()
    s.add(CampaignOpinion(jurisdiction_code=e.jurisdiction_code, opinion_id=o.id, campaign_id=c.id,
                          visit_id=visit_id))
    return o


def mark_handed(s: Session, c: Campaign, o: Opinion, co: CampaignOpinion | None, on: date) -> None:
    if co is None:
        s.add(CampaignOpinion(jurisdiction_code=c.jurisdiction_code, opinion_id=o.id, campaign_id=c.id,
                              handed_on=on))
    else:
        co.handed_on = on
