"""回头看 campaigns: a supervision event of kind 回头看 with the years it looks back on, the projects picked (from any
earlier year), the entered figures beside the visit log, and the opinions of its 问题清单 handed to the government
and followed to the end. Each action is one transaction; the participating deputies are the event's attendance."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..domain import campaigns as C
from ..domain.errors import UserError
from ..domain.vocabulary import EventStatus, HandOverStage, VisitKind
from ..storage import audit_repo, campaign_repo, settings_repo, supervision_repo
from .base import DatedService
from .changes import DATA, Changes

KIND = campaign_repo.KIND
MAX_TEXT = 2000
MAX_PEOPLE = 100_000  # met on one visit


@dataclass(frozen=True)
class CampaignRow:
    id: str  # the event's id
    title: str
    held_on: date
    status: str
    look_back: list[int]
    projects: int
    visits: int
    opinions: int
    not_handed: int
    overdue: int
    closed: int


@dataclass(frozen=True)
class CampaignProject:
    id: str
    year: int
    name: str
    responsible_unit: str


@dataclass(frozen=True)
class VisitRow:
    id: str
    kind: str
    held_on: date
    place: str
    project_id: str | None
    project: str
    deputy_ids: list[str]
    deputies: list[str]
    people_met: int
    findings: str

    @property
    def label(self) -> str:
        return f"{self.held_on.isoformat()} {self.kind} {self.place or self.project}".strip()


@dataclass(frozen=True)
class CampaignOpinionRow:
    id: str
    content: str
    project_id: str | None
    project: str
    deputy: str
    visit: str
    responsible_unit: str
    due_on: date | None
    handed_on: date | None
    status: str
    feedback: str
    closed_on: date | None
    stage: str


@dataclass(frozen=True)
class CampaignDetail:
    id: str
    town: str
    title: str
    held_on: date
    place: str
    status: str
    year: int
    look_back: list[int]
    entered: C.Figures
    lines: list[C.FigureLine]
    projects: list[CampaignProject] = field(default_factory=list)
    attendee_ids: list[str] = field(default_factory=list)
    visits: list[VisitRow] = field(default_factory=list)
    opinions: list[CampaignOpinionRow] = field(default_factory=list)

    @property
    def handed_on(self) -> date | None:
        days = [o.handed_on for o in self.opinions if o.handed_on is not None]
        return max(days) if days else None


def default_look_back(year: int, held_on: date) -> list[int]:
    """The plan's 回头看 of year Y is held next spring on Y's projects; one held in its own year looks at last year."""
    return [year] if held_on.year > year else [year - 1]


def _text(value: str, label: str, limit: int = MAX_TEXT) -> str:
    value = value.strip()
    if len(value) > limit:
        raise UserError(f"{label}不能超过 {limit} 字", f"{label} too long", field=label)
    return value


class CampaignService(DatedService):

    def _code(self, s) -> tuple[str, str]:
        j = settings_repo.required_local(s)
        return j.code, j.name

    @staticmethod
    def _event(s, event_id: str):
        e = supervision_repo.get_event(s, event_id)
        if e is None or e.kind != KIND:
            raise UserError("该回头看活动已不存在，请刷新", "campaign not found")
        return e

    def _campaign(self, s, e):
        return campaign_repo.ensure_campaign(s, e, default_look_back(e.year, e.held_on))

    # Reading ---------------------------------------------------------------------------------------------------
    def campaigns(self, year: int) -> list[CampaignRow]:
        out = []
        for d in self._details(year):
            stages = [o.stage for o in d.opinions]
            out.append(CampaignRow(d.id, d.title, d.held_on, d.status, d.look_back, len(d.projects), len(d.visits),
                                   len(d.opinions), stages.count(HandOverStage.NOT_HANDED),
                                   stages.count(HandOverStage.OVERDUE), stages.count(HandOverStage.CLOSED)))
        return out

    def _details(self, year: int) -> list[CampaignDetail]:
        with self.db.unit_of_work() as s:
            code, town = self._code(s)
            return [self._detail(s, code, town, e) for e in campaign_repo.events(s, code, year)]

    def detail(self, event_id: str) -> CampaignDetail:
        with self.db.unit_of_work() as s:
            code, town = self._code(s)
            return self._detail(s, code, town, self._event(s, event_id))

    def _detail(self, s, code: str, town: str, e) -> CampaignDetail:
        c = campaign_repo.campaign_of(s, e.id)
        names = supervision_repo.project_names(s, code)
        deputies = supervision_repo.deputy_names(s, code)
        picked = campaign_repo.projects(s, code, ids=campaign_repo.project_ids(s, e.id))
        projects = [CampaignProject(p.id, p.year, p.name, p.responsible_unit) for p in picked]
        visits = [VisitRow(v.id, v.kind, v.held_on, v.place, v.project_id, names.get(v.project_id or "", ""),
                           list(v.deputy_ids), [deputies.get(d, "") for d in v.deputy_ids], v.people_met, v.findings)
                  for v in (campaign_repo.visits(s, c.id) if c else [])]
        label = {v.id: v.label for v in visits}
        opinions = [CampaignOpinionRow(
            o.id, o.content, o.project_id, names.get(o.project_id or "", ""), deputies.get(o.deputy_id or "", ""),
            label.get(co.visit_id or "", "") if co else "", o.responsible_unit, o.due_on, co.handed_on if co else None,
            o.status, o.feedback, o.closed_on,
            C.opinion_stage(co.handed_on if co else None, o.status, o.due_on, self.today))
            for o, co in campaign_repo.opinions(s, e.id)]
        attendees = campaign_repo.attendee_ids(s, e.id)
        entered = C.Figures(*(getattr(c, k) for k in C.FIGURES)) if c else C.Figures()
        facts = [C.VisitFacts(v.kind, v.project_id, tuple(v.deputy_ids), v.people_met) for v in visits]
        lines = C.figure_lines(entered, C.logged_figures(attendees, facts, len(opinions)))
        look_back = list(c.look_back) if c else default_look_back(e.year, e.held_on)
        return CampaignDetail(e.id, town, e.title, e.held_on, e.place, e.status, e.year, look_back, entered, lines,
                              projects, attendees, visits, opinions)

    def candidate_projects(self, years: list[int]) -> list[CampaignProject]:
        """The projects of the years looked back on, to pick from."""
        with self.db.unit_of_work() as s:
            code, _ = self._code(s)
            return [CampaignProject(p.id, p.year, p.name, p.responsible_unit)
                    for p in campaign_repo.projects(s, code, years=years)]

    # Writing ---------------------------------------------------------------------------------------------------
    def create(self, year: int, title: str, held_on: date, look_back: list[int], place: str = "") -> tuple[str, Changes]:
        title = _text(title, "活动名称", 200)
        if not title:
            raise UserError("请填写活动名称", "title required", field="活动名称")
        years = C.check_look_back(look_back, held_on)
        with self.db.unit_of_work() as s:
            code, _ = self._code(s)
            e = supervision_repo.save_event(s, None, code, year, kind=KIND, title=title, held_on=held_on,
                                            place=_text(place, "地点", 120), status=EventStatus.PLANNED, notes="")
            campaign_repo.ensure_campaign(s, e, years)
            audit_repo.append(s, code, "campaign.created", entity="supervision_event", entity_id=e.id,
                              detail={"title": title, "years": years})
            return e.id, Changes.of(DATA, message=f"已新建回头看活动“{title}”")

    def save(self, event_id: str, *, title: str, held_on: date, place: str, status: str, look_back: list[int],
             figures: C.Figures) -> Changes:
        """The campaign's own fields and its entered totals."""
        title = _text(title, "活动名称", 200)
        if not title:
            raise UserError("请填写活动名称", "title required", field="活动名称")
        if status not in tuple(EventStatus):
            raise UserError("状态应为 计划、已开展 或 取消", "unknown status", field="状态")
        if status == EventStatus.HELD and held_on > self.today:
            raise UserError("尚未到活动日期，不能标为“已开展”", "cannot be held in the future", field="状态")
        years, figures = C.check_look_back(look_back, held_on), C.check_figures(figures)
        with self.db.unit_of_work() as s:
            e = self._event(s, event_id)
            supervision_repo.update(e, title=title, held_on=held_on, place=_text(place, "地点", 120), status=status)
            c = self._campaign(s, e)
            campaign_repo.update(c, look_back=years, **{k: figures.get(k) for k in C.FIGURES})
            audit_repo.append(s, e.jurisdiction_code, "campaign.saved", entity="supervision_event", entity_id=e.id,
                              detail={"years": years, **{k: figures.get(k) for k in C.FIGURES}})
            return Changes.of(DATA, message=f"已保存“{title}”")

    def set_projects(self, event_id: str, project_ids: list[str]) -> Changes:
        """The projects picked, from any year up to the campaign's."""
        with self.db.unit_of_work() as s:
            e = self._event(s, event_id)
            code, _ = self._code(s)
            found = campaign_repo.projects(s, code, ids=list(dict.fromkeys(project_ids)))
            if len(found) != len(set(project_ids)):
                raise UserError("所选项目中有已不存在的，请刷新后重选", "unknown project")
            late = [p.name for p in found if p.year > e.held_on.year]
            if late:
                raise UserError(f"回头看只能选择往年的项目：{'、'.join(late)}", "a project after the campaign")
            campaign_repo.set_projects(s, e, [p.id for p in found])
            audit_repo.append(s, code, "campaign.projects", entity="supervision_event", entity_id=e.id,
                              detail={"projects": len(found)})
            return Changes.of(DATA, message=f"已选定 {len(found)} 个回头看项目")

    def save_visit(self, event_id: str, visit_id: str | None, *, kind: str, held_on: date, place: str = "",
                   project_id: str | None = None, deputy_ids: list[str] | None = None, people_met: int = 0,
                   findings: str = "") -> Changes:
        """One entry of the visit log; its deputies are added to the campaign's participants."""
        if kind not in tuple(VisitKind):
            raise UserError(f"记录类型应为 {'、'.join(VisitKind)} 之一", "unknown visit kind", field="类型")
        if not 0 <= people_met <= MAX_PEOPLE:
            raise UserError(f"走访人数应为 0 至 {MAX_PEOPLE:,}", "people met out of range", field="走访群众")
        if held_on > self.today:
            raise UserError("走访日期不能晚于今天", "a visit in the future", field="日期")
        deputy_ids = list(dict.fromkeys(deputy_ids or []))
        with self.db.unit_of_work() as s:
            e = self._event(s, event_id)
            c = self._campaign(s, e)
            if project_id is not None and project_id not in campaign_repo.project_ids(s, e.id):
                raise UserError("请先把该项目加入本次回头看的项目", "project not in the campaign", field="项目")
            fields = dict(kind=kind, held_on=held_on, place=_text(place, "地点", 120), project_id=project_id,
                          deputy_ids=deputy_ids, people_met=people_met, findings=_text(findings, "了解到的情况"))
            v = campaign_repo.get_visit(s, visit_id) if visit_id else None
            if visit_id and (v is None or v.campaign_id != c.id):
                raise UserError("该走访记录已不存在，请刷新", "visit not found")
            if v is None:
                v = campaign_repo.add_visit(s, c, **fields)
            else:
                campaign_repo.update(v, **fields)
            added = campaign_repo.add_attendees(s, e, deputy_ids)
            audit_repo.append(s, e.jurisdiction_code, "campaign.visit", entity="campaign_visit", entity_id=v.id,
                              detail={"kind": kind, "on": held_on.isoformat(), "deputies": len(deputy_ids)})
            more = f"，新增参加代表 {added} 名" if added else ""
            return Changes.of(DATA, message=f"已保存{kind}记录{more}")

    def delete_visit(self, visit_id: str) -> Changes:
        with self.db.unit_of_work() as s:
            v = campaign_repo.get_visit(s, visit_id)
            if v is None:
                raise UserError("该走访记录已不存在，请刷新", "visit not found")
            audit_repo.append(s, v.jurisdiction_code, "campaign.visit_deleted", entity="campaign_visit", entity_id=v.id,
                              detail={"kind": v.kind, "on": v.held_on.isoformat()})
            campaign_repo.delete_visit(s, v)
            return Changes.of(DATA, message="已删除走访记录（参加代表名单不变）")

    def add_opinion(self, event_id: str, content: str, *, project_id: str | None = None,
                    visit_id: str | None = None, deputy_id: str | None = None, responsible_unit: str = "",
                    due_on: date | None = None) -> Changes:
        content = _text(content, "意见建议")
        if not content:
            raise UserError("请填写意见建议内容", "content required", field="意见建议")
        with self.db.unit_of_work() as s:
            e = self._event(s, event_id)
            c = self._campaign(s, e)
            if visit_id is not None:
                v = campaign_repo.get_visit(s, visit_id)
                if v is None or v.campaign_id != c.id:
                    raise UserError("所选走访记录已不存在，请刷新", "visit not found", field="来自")
                project_id = project_id or v.project_id
            if not responsible_unit.strip() and project_id:
                responsible_unit = supervision_repo.responsible_unit(s, project_id)
            campaign_repo.add_opinion(s, e, c, visit_id, content=content, project_id=project_id, deputy_id=deputy_id,
                                      responsible_unit=_text(responsible_unit, "责任单位", 120),
                                      due_on=due_on or max(e.held_on, self.today) + timedelta(days=30))
            audit_repo.append(s, e.jurisdiction_code, "campaign.opinion", entity="supervision_event", entity_id=e.id,
                              detail={"content": content[:80]})
            return Changes.of(DATA, message="已登记意见建议")

    def hand_over(self, event_id: str, opinion_ids: list[str], on: date) -> Changes:
        """交办: these opinions go to the government on this day; each needs a responsible unit and a deadline."""
        if on > self.today:
            raise UserError("交办日期不能晚于今天", "hand-over in the future", field="交办日期")
        wanted = set(opinion_ids)
        if not wanted:
            raise UserError("请先选择要交办的意见建议", "nothing to hand over")
        with self.db.unit_of_work() as s:
            e = self._event(s, event_id)
            c = self._campaign(s, e)
            rows = [(o, co) for o, co in campaign_repo.opinions(s, e.id) if o.id in wanted]
            lacking = [f"“{o.content[:16]}”缺{'、'.join(m)}" for o, _ in rows
                       if (m := C.missing_for_hand_over(o.responsible_unit, o.due_on))]
            if lacking:
                raise UserError("交办前请补全：" + "；".join(lacking[:5]), "unit or deadline missing")
            for o, co in rows:
                campaign_repo.mark_handed(s, c, o, co, on)
            audit_repo.append(s, e.jurisdiction_code, "campaign.handed_over", entity="supervision_event",
                              entity_id=e.id, detail={"opinions": len(rows), "on": on.isoformat()})
            return Changes.of(DATA, message=f"已交办 {len(rows)} 条意见建议")

    # Documents -------------------------------------------------------------------------------------------------
    def write_problem_list(self, event_id: str, path: str | os.PathLike[str]) -> Path:
        from .report_service import ReportService
        from .reports import campaign_reports

        issuer = ReportService(self.db, self.clock).issuer()
        return campaign_reports.problem_list(path, issuer, self.detail(event_id), today=self.today)

    def write_report(self, event_id: str, path: str | os.PathLike[str]) -> Path:
        from .report_service import ReportService
        from .reports import campaign_reports

        issuer = ReportService(self.db, self.clock).issuer()
        return campaign_reports.survey_report(path, issuer, self.detail(event_id), today=self.today)
