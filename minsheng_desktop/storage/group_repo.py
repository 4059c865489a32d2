"""代表专班: the groups of a year, their members and their projects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .models import GroupMember, GroupProject, SupervisionGroup


def groups(s: Session, code: str, year: int) -> list[SupervisionGroup]:
    return list(s.execute(select(SupervisionGroup).where(SupervisionGroup.jurisdiction_code == code,
                                                         SupervisionGroup.year == year)
                          .order_by(SupervisionGroup.created_at, SupervisionGroup.name)).scalars())


def links(s: Session, group_ids: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(group, deputy) and (group, project) pairs."""
    members = [(g, d) for g, d in s.execute(select(GroupMember.group_id, GroupMember.deputy_id)
                                             .where(GroupMember.group_id.in_(group_ids)))]
    projects = [(g, p) for g, p in s.execute(select(GroupProject.group_id, GroupProject.project_id)
                                              .where(GroupProject.group_id.in_(group_ids)))]
    return members, projects


def get(s: Session, group_id: str) -> SupervisionGroup | None:
    return s.get(SupervisionGroup, group_id)


def name_taken(s: Session, code: str, year: int, name: str, other_than: str | None) -> bool:
    q = select(SupervisionGroup.id).where(SupervisionGroup.jurisdiction_code == code, SupervisionGroup.year == year,
                                          SupervisionGroup.name == name)
    return any(gid != other_than for gid in s.execute(q).scalars())


def save(s: Session, group_id: str | None, code: str, year: int, **fields: Any) -> SupervisionGroup:
    g = s.get(SupervisionGroup, group_id) if group_id else None
    if g is None:
        g = SupervisionGroup(jurisdiction_code=code, year=year)
        s.add(g)
    for key, value in fields.items():
        setattr(g, key, value)
    s.flush()
    return g


def replace_links(s: Session, g: SupervisionGroup, deputy_ids: list[str], project_ids: list[str]) -> None:
    s.execute(delete(GroupMember).where(GroupMember.group_id == g.id))
    s.execute(delete(GroupProject).where(GroupProject.group_id == g.id))
    for did in dict.fromkeys(deputy_ids):
        s.add(GroupMember(jurisdiction_code=g.jurisdiction_code, group_id=g.id, deputy_id=did))
    for pid in dict.fromkeys(project_ids):
        s.add(GroupProject(jurisdiction_code=g.jurisdiction_code, group_id=g.id, project_id=pid))


def delete_group(s: Session, g: SupervisionGroup) -> None:
    s.execute(delete(GroupMember).where(GroupMember.group_id == g.id))
    s.execute(delete(GroupProject).where(GroupProject.group_id == g.id))
    s.delete(g)
