"""监督: the year's supervision calendar, who took part, opinions and their 整改反馈 until closed (履职积分: points_service)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.catalog import EVENT_KINDS
from ..domain.errors import UserError
from ..domain.opinions import is_overdue
from ..domain.progress import is_red
from ..domain.supervision_plan import default_plan, system_of
from ..domain.vocabulary import EventStatus, OpinionKind, OpinionStatus
from ..storage import audit_repo, settings_repo, supervision_repo
from .base import DatedService
from .changes import DATA, Changes

EVENT_STATUSES = tuple(EventStatus)


@dataclass(frozen=True)
class OpinionRow:
    id: str
    content: str
    project_id: str | None
    project: str
    deputy_id: str | None
    deputy: str
    responsible_unit: str
    due_on: date | None
    status: str
    feedback: str
    closed_on: date | None
    kind: str = OpinionKind.SUGGESTION  # 意见建议, or 审议意见 adopted by a meeting on a report


@dataclass(frozen=True)
class EventRow:
    id: str
    kind: str
    title: str
    held_on: date
    place: str
    status: str
    notes: str
    project_ids: list[str] = field(default_factory=list)
    attendee_ids: list[str] = field(default_factory=list)
    opinions: list[OpinionRow] = field(default_factory=list)


@dataclass(frozen=True)
class Reminders:
    upcoming: list[tuple[date, str, str]]
    overdue: list[tuple[date, str, str]]  # due date, content, responsible unit
    red_projects: list[str]


class SupervisionService(DatedService):

    def _code(self, s) -> tuple[str, str]:
        j = settings_repo.required_local(s)
        return j.code, j.name

    def events(self, year: int) -> list[EventRow]:
        with self.db.unit_of_work() as s:
            code, _ = self._code(s)
            evs = supervision_repo.events_of(s, code, year)
            ids = [e.id for e in evs]
            projects: dict[str, list[str]] = {i: [] for i in ids}
            people: dict[str, list[str]] = {i: [] for i in ids}
            ops: dict[str, list[OpinionRow]] = {i: [] for i in ids}
            if ids:
                for ev, pid in supervision_repo.event_projects(s, ids):
                    projects[ev].append(pid)
                for ev, did in supervision_repo.event_attendance(s, ids):
                    people[ev].append(did)
                names = supervision_repo.project_names(s, code)
                deputies = supervision_repo.deputy_names(s, code)
                for o in supervision_repo.opinions(s, ids):
                    ops[o.event_id].append(OpinionRow(o.id, o.content, o.project_id, names.get(o.project_id or "", ""),
                                                      o.deputy_id, deputies.get(o.deputy_id or "", ""), o.responsible_unit,
                                                      o.due_on, o.status, o.feedback, o.closed_on, o.kind))
            return [EventRow(e.id, e.kind, e.title, e.held_on, e.place, e.status, e.notes, projects[e.id],
                             people[e.id], ops[e.id]) for e in evs]

    def save_event(self, year: int, event_id: str | None, kind: str, title: str, held_on: date, place: str = "",
                   status: str = EventStatus.PLANNED, notes: str = "") -> tuple[str, Changes]:
        if kind not in EVENT_KINDS:
            raise UserError(f"活动类型应为 {'、'.join(EVENT_KINDS)} 之一", "unknown event kind", field="类型")
        if not title.strip():
            raise UserError("请填写活动名称", "title required", field="活动名称")
        if status not in EVENT_STATUSES:
            raise UserError("状态应为 计划、已开展 或 取消", "unknown status", field="状态")
        if status == EventStatus.HELD and held_on > self.today:
            raise UserError("尚未到活动日期，不能标为“已开展”", "cannot be held in the future", field="状态")
        with self.db.unit_of_work() as s:
            code, _ = self._code(s)
            e = supervision_repo.save_event(s, event_id, code, year, kind=kind, title=title.strip(), held_on=held_on,
                                            place=place.strip(), status=status, notes=notes.strip())
            audit_repo.append(s, code, "event.saved", entity="supervision_event", entity_id=e.id,
                              detail={"kind": kind, "title": e.title, "on": held_on.isoformat(), "status": status})
            return e.id, Changes.of(DATA, message=f"已保存监督活动“{e.title}”")

    def set_links(self, event_id: str, project_ids: list[str], deputy_ids: list[str]) -> Changes:
        """The projects an event covers and the deputies who took part (attendance)."""
        with self.db.unit_of_work() as s:
            e = supervision_repo.get_event(s, event_id)
            if e is None:
                raise UserError("该活动已不存在", "event not found")
            supervision_repo.replace_links(s, e, project_ids, deputy_ids)
            audit_repo.append(s, e.jurisdiction_code, "event.links", entity="supervision_event", entity_id=e.id,
                              detail={"projects": len(project_ids), "deputies": len(deputy_ids)})
            return Changes.of(DATA, message=f"已保存“{e.title}”的项目和参加代表")

    def add_opinion(self, event_id: str, content: str, *, project_id: str | None = None, deputy_id: str | None = None,
                    responsible_unit: str = "", due_on: date | None = None) -> Changes:
        if not content.strip():
            raise UserError("请填写意见建议内容", "content required", field="意见建议")
        with self.db.unit_of_work() as s:
            e = supervision_repo.get_event(s, event_id)
            if e is None:
                raise UserError("该活动已不存在", "event not found")
            if not responsible_unit and project_id:
                responsible_unit = supervision_repo.responsible_unit(s, project_id)
            supervision_repo.add_opinion(s, e, content=content.strip(), project_id=project_id, deputy_id=deputy_id,
                                         responsible_unit=responsible_unit.strip(),
                                         due_on=due_on or e.held_on + timedelta(days=30))
            audit_repo.append(s, e.jurisdiction_code, "opinion.added", entity="supervision_event", entity_id=e.id,
                              detail={"content": content[:80]})
            return Changes.of(DATA, message="已登记意见建议")

    def follow_up(self, opinion_id: str, feedback: str, close: bool, on: date | None = None) -> Changes:
        """整改反馈: the answer of the responsible unit; closing needs one."""
        if close and not feedback.strip():
            raise UserError("办结前请填写整改反馈", "feedback required to close", field="整改反馈")
        with self.db.unit_of_work() as s:
            o = supervision_repo.get_opinion(s, opinion_id)
            if o is None:
                raise UserError("该意见已不存在", "opinion not found")
            supervision_repo.update(o, feedback=feedback.strip(),
                                    status=OpinionStatus.CLOSED if close else OpinionStatus.OPEN,
                                    closed_on=(on or self.today) if close else None)
            audit_repo.append(s, o.jurisdiction_code, "opinion.followed_up", entity="opinion", entity_id=o.id,
                              detail={"closed": close})
            return Changes.of(DATA, message="意见已办结" if close else "已保存整改反馈")

    def generate_plan(self, year: int) -> Changes:
        """Add the default plan's events that are not yet on the calendar (same type on the same day); the plan
        follows the place's system (设置: 季会制 or 年中会议制)."""
        with self.db.unit_of_work() as s:
            code, town = self._code(s)
            system = system_of(settings_repo.get(s, code, "supervision_system"))
            have = supervision_repo.planned_days(s, code, year)
            added = 0
            for ev in default_plan(year, town, system):
                if (ev.kind, ev.held_on) not in have:
                    supervision_repo.add_event(s, jurisdiction_code=code, year=year, kind=ev.kind, title=ev.title,
                                               held_on=ev.held_on, place=ev.place, status=EventStatus.PLANNED)
                    added += 1
            audit_repo.append(s, code, "event.plan_generated", entity="supervision_event",
                              detail={"added": added, "system": system})
        return Changes.of(DATA, message=f"已按{system}生成年度监督计划：新增 {added} 项活动")

    def reminders(self, year: int) -> Reminders:
        from .project_service import ProjectService

        events = self.events(year)
        soon = [(e.held_on, e.kind, e.title) for e in events
                if e.status == EventStatus.PLANNED and self.today <= e.held_on <= self.today + timedelta(days=7)]
        overdue = [(o.due_on, o.content, o.responsible_unit) for e in events for o in e.opinions
                   if o.due_on is not None and is_overdue(o.status, o.due_on, self.today)]  # (None: for the type)
        red = [p.name for p in ProjectService(self.db, self.clock).projects(year) if is_red(p.light)]
        return Reminders(sorted(soon), sorted(overdue), red)
