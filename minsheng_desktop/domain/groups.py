"""代表专班 (代表专业小组): "一位常委会领导、一项重点工作、一个代表专班" — a group of deputies under a leader, assigned
to projects. Its year rolls up from the events held on its projects and the opinions raised on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .errors import UserError
from .opinions import is_open, is_overdue

MAX_NAME = 60


@dataclass(frozen=True)
class EventFacts:
    held: bool
    project_ids: frozenset[str]
    attendee_ids: frozenset[str]


@dataclass(frozen=True)
class OpinionFacts:
    project_id: str | None
    status: str
    due_on: date | None


@dataclass(frozen=True)
class Rollup:
    events: int  # held events covering at least one of the group's projects
    attendances: int  # members' attendances at those events
    possible: int  # events × members
    raised: int  # opinions on the group's projects
    closed: int
    open: int
    overdue: int

    @property
    def attendance_rate(self) -> float | None:
        return self.attendances / self.possible if self.possible else None


def rollup(member_ids: Sequence[str], project_ids: Sequence[str], events: Sequence[EventFacts],
           opinions: Sequence[OpinionFacts], today: date) -> Rollup:
    members, projects = set(member_ids), set(project_ids)
    ours = [e for e in events if e.held and e.project_ids & projects]
    attendances = sum(len(e.attendee_ids & members) for e in ours)
    raised = [o for o in opinions if o.project_id in projects]
    return Rollup(len(ours), attendances, len(ours) * len(members), len(raised),
                  sum(1 for o in raised if not is_open(o.status)), sum(1 for o in raised if is_open(o.status)),
                  sum(1 for o in raised if is_overdue(o.status, o.due_on, today)))


def check_group(name: str, leader: str, focus: str) -> tuple[str, str, str]:
    """A group needs a name, a leader and its 重点工作."""
    name, leader, focus = name.strip(), leader.strip(), focus.strip()
    for label, value in (("专班名称", name), ("牵头领导", leader), ("重点工作", focus)):
        if not value:
            raise UserError(f"请填写{label}", f"{label} required", field=label)
        if len(value) > (200 if label == "重点工作" else MAX_NAME):
            raise UserError(f"{label}太长，请精简", f"{label} too long", field=label)
    return name, leader, focus
