"""A meeting's agenda: its items, the 审议意见 adopted on them and re-deliberated later, the rounds that score them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.vocabulary import OpinionKind, OpinionStatus
from .models import AgendaItem, FollowUp, Opinion, SatisfactionRound, SupervisionEvent


def items_of(s: Session, event_id: str) -> list[AgendaItem]:
    return list(s.execute(select(AgendaItem).where(AgendaItem.event_id == event_id)
                          .order_by(AgendaItem.seq, AgendaItem.created_at)).scalars())


def get_item(s: Session, item_id: str) -> AgendaItem | None:
    return s.get(AgendaItem, item_id)


def next_seq(s: Session, event_id: str) -> int:
    return (s.execute(select(func.max(AgendaItem.seq)).where(AgendaItem.event_id == event_id)).scalar() or 0) + 1


def save_item(s: Session, item_id: str | None, code: str, event_id: str, **fields: Any) -> AgendaItem:
    """Write the item's fields (a new item when there is none with this id); flushed."""
    item = s.get(AgendaItem, item_id) if item_id else None
    if item is None:
        item = AgendaItem(jurisdiction_code=code, event_id=event_id)
        s.add(item)
    for key, value in fields.items():
        setattr(item, key, value)
    s.flush()
    return item


def delete_item(s: Session, item: AgendaItem) -> None:
    s.delete(item)
    s.flush()


def rounds_of_items(s: Session, item_ids: list[str]) -> list[SatisfactionRound]:
    """Every round scoring these items, oldest first."""
    return list(s.execute(select(SatisfactionRound).where(SatisfactionRound.agenda_item_id.in_(item_ids))
                          .order_by(SatisfactionRound.created_at)).scalars())


def follow_ups_of_items(s: Session, item_ids: list[str]) -> list[FollowUp]:
    return list(s.execute(select(FollowUp).where(FollowUp.agenda_item_id.in_(item_ids))
                          .order_by(FollowUp.created_at)).scalars())


def opinions_on(s: Session, item_ids: list[str]) -> list[Opinion]:
    """The 审议意见 adopted on these items or re-deliberated under them."""
    return list(s.execute(select(Opinion).where(Opinion.agenda_item_id.in_(item_ids)
                                                | Opinion.review_item_id.in_(item_ids))
                          .order_by(Opinion.created_at)).scalars())


def open_deliberations(s: Session, code: str, before: date) -> list[tuple[Opinion, date, str]]:
    """审议意见 adopted at meetings before this day and not yet closed: (opinion, the meeting's day, its title)."""
    return [(o, held, title) for o, held, title in s.execute(
        select(Opinion, SupervisionEvent.held_on, SupervisionEvent.title)
        .join(SupervisionEvent, Opinion.event_id == SupervisionEvent.id)
        .where(Opinion.jurisdiction_code == code, Opinion.kind == OpinionKind.DELIBERATION, Opinion.status != OpinionStatus.CLOSED,
               SupervisionEvent.held_on < before)
        .order_by(SupervisionEvent.held_on, Opinion.created_at)).all()]


def get_opinion(s: Session, opinion_id: str) -> Opinion | None:
    return s.get(Opinion, opinion_id)


def event_day(s: Session, event_id: str) -> date | None:
    return s.execute(select(SupervisionEvent.held_on).where(SupervisionEvent.id == event_id)).scalar()


def add_opinion(s: Session, **fields: Any) -> Opinion:
    o = Opinion(**fields)
    s.add(o)
    s.flush()
    return o


def update(row, **fields: Any) -> None:
    for key, value in fields.items():
        setattr(row, key, value)


def set_reviewed(s: Session, item_id: str, opinion_ids: list[str]) -> None:
    """These opinions (and no others) are re-deliberated under this item."""
    for o in s.execute(select(Opinion).where(Opinion.review_item_id == item_id)).scalars():
        o.review_item_id = None
    for o in s.execute(select(Opinion).where(Opinion.id.in_(opinion_ids))).scalars():
        o.review_item_id = item_id
    s.flush()


def close_reviewed(s: Session, item_id: str, on: date) -> None:
    """The opinions re-deliberated under this item are closed (their handling was scored well)."""
    for o in s.execute(select(Opinion).where(Opinion.review_item_id == item_id,
                                                    Opinion.status != OpinionStatus.CLOSED)).scalars():
        o.status, o.closed_on = OpinionStatus.CLOSED, on
    s.flush()
