"""Queries over the deputies roster."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .models import Deputy


def list_deputies(session: Session, code: str, *, include_retired: bool = True, query: str = "") -> list[Deputy]:
    stmt = select(Deputy).where(Deputy.jurisdiction_code == code)
    if not include_retired:
        stmt = stmt.where(Deputy.active.is_(True))
    if query:
        like = f"%{query}%"
        stmt = stmt.where(or_(Deputy.name.like(like), Deputy.pinyin_initials.like(f"{query.lower()}%"),
                              Deputy.group_name.like(like), Deputy.phone.like(like)))
    return list(session.execute(stmt.order_by(Deputy.active.desc(), Deputy.group_name, Deputy.name)).scalars())


def find(session: Session, code: str, name: str, group_name: str) -> Deputy | None:
    return session.execute(
        select(Deputy).where(Deputy.jurisdiction_code == code, Deputy.name == name, Deputy.group_name == group_name)
    ).scalars().first()


def count_active(session: Session, code: str) -> int:
    return session.execute(
        select(func.count()).select_from(Deputy).where(Deputy.jurisdiction_code == code, Deputy.active.is_(True))
    ).scalar_one()


def get(session: Session, deputy_id: str) -> Deputy | None:
    return session.get(Deputy, deputy_id)


def add(session: Session, **fields) -> str:
    """A new deputy; returns its id."""
    d = Deputy(**fields)
    session.add(d)
    session.flush()
    return d.id


def update(d: Deputy, **fields) -> None:
    for key, value in fields.items():
        setattr(d, key, value)


def name_of(session: Session, deputy_id: str) -> str:
    from ..domain.errors import UserError

    d = session.get(Deputy, deputy_id)
    if d is None:
        raise UserError("该代表已不存在，请刷新名册", "deputy not found")
    return d.name
