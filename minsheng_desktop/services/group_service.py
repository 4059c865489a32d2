"""代表专班: "一位常委会领导、一项重点工作、一个代表专班" — groups of deputies under a leader, assigned to projects, with
the year rolled up per group (events held on its projects, its members' attendance, opinions raised/closed/overdue)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import UserError
from ..domain.groups import EventFacts, OpinionFacts, Rollup, check_group, rollup
from ..domain.vocabulary import EventStatus
from ..storage import audit_repo, group_repo, settings_repo, supervision_repo
from .base import DatedService
from .changes import DATA, Changes

MAX_MEMBERS = 500


@dataclass(frozen=True)
class GroupRow:
    id: str
    name: str
    leader_name: str
    leader_title: str
    focus: str
    member_ids: list[str]
    members: list[str]
    project_ids: list[str]
    projects: list[str]
    rollup: Rollup

    @property
    def leader(self) -> str:
        return f"{self.leader_title}{self.leader_name}" if self.leader_title else self.leader_name


class GroupService(DatedService):

    def _code(self, s) -> str:
        return settings_repo.required_local(s).code

    def groups(self, year: int) -> list[GroupRow]:
        with self.db.unit_of_work() as s:
            code = self._code(s)
            groups = group_repo.groups(s, code, year)
            if not groups:
                return []
            members, projects = group_repo.links(s, [g.id for g in groups])
            events = supervision_repo.events_of(s, code, year)
            ids = [e.id for e in events]
            covers: dict[str, set[str]] = {i: set() for i in ids}
            came: dict[str, set[str]] = {i: set() for i in ids}
            for ev, pid in supervision_repo.event_projects(s, ids) if ids else []:
                covers[ev].add(pid)
            for ev, did in supervision_repo.event_attendance(s, ids) if ids else []:
                came[ev].add(did)
            facts = [EventFacts(e.status == EventStatus.HELD, frozenset(covers[e.id]), frozenset(came[e.id]))
                     for e in events]
            opinions = [OpinionFacts(o.project_id, o.status, o.due_on)
                        for o in (supervision_repo.opinions(s, ids) if ids else [])]
            deputy_names = supervision_repo.deputy_names(s, code)
            project_names = supervision_repo.project_names(s, code)
            out = []
            for g in groups:
                mids = [d for gid, d in members if gid == g.id]
                pids = [p for gid, p in projects if gid == g.id]
                out.append(GroupRow(g.id, g.name, g.leader_name, g.leader_title, g.focus, mids,
                                    [deputy_names.get(d, "") for d in mids], pids,
                                    [project_names.get(p, "") for p in pids],
                                    rollup(mids, pids, facts, opinions, self.today)))
            return out

    def save_group(self, year: int, group_id: str | None, *, name: str, leader_name: str, leader_title: str = "",
                   focus: str, member_ids: list[str], project_ids: list[str]) -> tuple[str, Changes]:
        name, leader_name, focus = check_group(name, leader_name, focus)
        leader_title = leader_title.strip()[:60]
        if len(set(member_ids)) > MAX_MEMBERS:
            raise UserError(f"一个专班最多 {MAX_MEMBERS} 名代表", "too many members")
        with self.db.unit_of_work() as s:
            code = self._code(s)
            if group_repo.name_taken(s, code, year, name, group_id):
                raise UserError(f"{year} 年度已有名为“{name}”的专班", "name taken", field="专班名称")
            if group_id and group_repo.get(s, group_id) is None:
                raise UserError("该专班已不存在，请刷新", "group not found")
            known_d, known_p = supervision_repo.deputy_names(s, code), supervision_repo.project_names(s, code)
            if any(d not in known_d for d in member_ids) or any(p not in known_p for p in project_ids):
                raise UserError("所选代表或项目已不存在，请刷新后重选", "unknown deputy or project")
            g = group_repo.save(s, group_id, code, year, name=name, leader_name=leader_name,
                                leader_title=leader_title, focus=focus)
            group_repo.replace_links(s, g, member_ids, project_ids)
            audit_repo.append(s, code, "group.saved", entity="supervision_group", entity_id=g.id,
                              detail={"name": name, "members": len(set(member_ids)), "projects": len(set(project_ids))})
            return g.id, Changes.of(DATA, message=f"已保存代表专班“{name}”")

    def delete_group(self, group_id: str) -> Changes:
        with self.db.unit_of_work() as s:
            g = group_repo.get(s, group_id)
            if g is None:
                raise UserError("该专班已不存在，请刷新", "group not found")
            audit_repo.append(s, g.jurisdiction_code, "group.deleted", entity="supervision_group", entity_id=g.id,
                              detail={"name": g.name})
            name = g.name
            group_repo.delete_group(s, g)
            return Changes.of(DATA, message=f"已删除代表专班“{name}”")
