"""实施: projects, milestones, dated progress reports with photos, recorded adjustments, carry-over."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..domain.errors import UserError
from ..domain.progress import (
    LightPolicy,
    MilestoneState,
    ProjectFacts,
    check_adjustment,
    check_progress,
    light,
    replan_milestones,
    status,
)
from ..storage import audit_repo, project_repo, proposal_repo, settings_repo
from .base import DatedService
from .changes import DATA, Changes
from .intake_service import attach, read_attachment


@dataclass(frozen=True)
class ProjectRow:
    id: str
    year: int
    name: str
    category: str
    responsible_unit: str
    lead_official: str
    target: str
    deadline: date | None
    budget: float | None
    funds_in_place: float | None
    spent: float | None
    percent: int
    status: str
    light: str
    completed_on: date | None
    voted: bool
    carried_from_id: str | None


@dataclass(frozen=True)
class MilestoneRow:
    id: str
    title: str
    planned_on: date | None
    actual_on: date | None


@dataclass(frozen=True)
class ReportRow:
    id: str
    reported_on: date
    percent: int
    text: str
    reporter: str
    photos: int


@dataclass(frozen=True)
class AdjustmentRow:
    id: str
    kind: str
    requested_on: date | None
    reason: str
    decision_body: str
    decided_on: date | None
    outcome: str
    new_deadline: date | None
    new_target: str


@dataclass(frozen=True)
class ProjectDetail:
    project: ProjectRow
    milestones: list[MilestoneRow] = field(default_factory=list)
    reports: list[ReportRow] = field(default_factory=list)
    adjustments: list[AdjustmentRow] = field(default_factory=list)


def _f(v: Decimal | None) -> float | None:
    return None if v is None else float(v)


class ProjectService(DatedService):

    def _code(self, s) -> str:
        return settings_repo.local_code(s)

    def _facts(self, s, p) -> ProjectFacts:
        ms = project_repo.milestones(s, p.id)
        adjs = project_repo.adjustments(s, p.id)
        return ProjectFacts(
            p.deadline, p.percent, p.completed_on,
            terminated=any(a.kind == "终止" and a.outcome == "同意" for a in adjs),
            pending_adjustment=any(a.outcome == "待决定" for a in adjs),
            milestones=tuple(MilestoneState(m.title, m.planned_on, m.actual_on) for m in ms),
            start=date(p.year, 1, 1))

    def _policy(self, s) -> LightPolicy:
        """The light rule chosen in 设置 › 灯色与考核 (the milestone rule unless set)."""
        return LightPolicy.from_dict(settings_repo.get(s, self._code(s), "light_policy"))

    def _row(self, s, p, policy: LightPolicy | None = None) -> ProjectRow:
        facts = self._facts(s, p)
        policy = policy or self._policy(s)
        return ProjectRow(p.id, p.year, p.name, p.category, p.responsible_unit, p.lead_official, p.target, p.deadline,
                          _f(p.budget), _f(p.funds_in_place), _f(p.spent), p.percent,
                          status(facts, self.today, policy), light(facts, self.today, policy), p.completed_on,
                          p.session_id is not None, p.carried_from_id)

    def _refresh_status(self, s, p) -> None:
        project_repo.update(s, p, status=status(self._facts(s, p), self.today, self._policy(s)))

    def _get(self, s, project_id: str):
        p = project_repo.get(s, project_id)
        if p is None:
            raise UserError("该项目已不存在，请刷新", "project not found")
        return p

    def projects(self, year: int) -> list[ProjectRow]:
        with self.db.unit_of_work() as s:
            policy = self._policy(s)
            return [self._row(s, p, policy) for p in project_repo.for_year(s, self._code(s), year)]

    def detail(self, project_id: str) -> ProjectDetail:
        with self.db.unit_of_work() as s:
            p = self._get(s, project_id)
            ms = project_repo.milestones(s, p.id)
            reports = project_repo.reports(s, p.id)
            photos: dict[str, int] = {}
            for _aid, owner, *_rest in proposal_repo.attachment_list(s, [r.id for r in reports]):
                photos[owner] = photos.get(owner, 0) + 1
            adjs = project_repo.adjustments(s, p.id, ordered=True)
            return ProjectDetail(
                self._row(s, p), [MilestoneRow(m.id, m.title, m.planned_on, m.actual_on) for m in ms],
                [ReportRow(r.id, r.reported_on, r.percent, r.text, r.reporter, photos.get(r.id, 0)) for r in reports],
                [AdjustmentRow(a.id, a.kind, a.requested_on, a.reason, a.decision_body, a.decided_on, a.outcome,
                               a.new_deadline, a.new_target) for a in adjs])

    def update_info(self, project_id: str, unit: str, lead: str, budget: Decimal | None) -> Changes:
        """责任单位, 牵头领导 and the budget arranged; what was voted (name, target, deadline) changes only by decision."""
        if budget is not None and budget < 0:
            raise UserError("预算不能为负数", "budget must not be negative", field="预算")
        with self.db.unit_of_work() as s:
            p = self._get(s, project_id)
            before = {"unit": p.responsible_unit, "lead": p.lead_official, "budget": str(p.budget)}
            project_repo.update(s, p, responsible_unit=unit.strip(), lead_official=lead.strip(), budget=budget)
            audit_repo.append(s, p.jurisdiction_code, "project.updated", entity="project", entity_id=p.id,
                              detail={"before": before})
            return Changes.of(DATA, message=f"已保存“{p.name}”")

    def set_milestones(self, project_id: str, items: list[tuple[str, date | None, date | None]]) -> Changes:
        """Replace the milestone plan: (title, planned date, actual date) in order."""
        for title, _planned, actual in items:
            if not title.strip():
                raise UserError("节点名称不能为空", "milestone title required", field="节点")
            if actual and actual > self.today:
                raise UserError(f"“{title}”的完成日期不能晚于今天", "actual date in the future", field="完成日期")
        with self.db.unit_of_work() as s:
            p = self._get(s, project_id)
            project_repo.replace_milestones(s, p, [(title.strip(), planned, actual) for title, planned, actual in items])
            self._refresh_status(s, p)
            audit_repo.append(s, p.jurisdiction_code, "project.milestones", entity="project", entity_id=p.id,
                              detail={"milestones": [[t, str(a), str(b)] for t, a, b in items]})
            return Changes.of(DATA, message=f"已保存“{p.name}”的节点计划")

    def add_progress(self, project_id: str, reported_on: date, percent: int, text: str, *, reporter: str = "",
                     funds_in_place: Decimal | None = None, spent: Decimal | None = None,
                     photos: Sequence[str | os.PathLike[str]] = ()) -> Changes:
        text = check_progress(percent, reported_on, text)
        if reported_on > self.today:
            raise UserError("报告日期不能晚于今天", "report date in the future", field="日期")
        for name, v in (("到位资金", funds_in_place), ("已支出", spent)):
            if v is not None and v < 0:
                raise UserError(f"“{name}”不能为负数", f"{name} must not be negative", field=name)
        files = [read_attachment(photo) for photo in photos]  # a missing or oversized photo: nothing is saved
        with self.db.unit_of_work() as s:  # the report and its photos: one transaction
            p = self._get(s, project_id)
            report_id = project_repo.add_report(s, p, reported_on=reported_on, percent=percent, text=text,
                                                reporter=reporter.strip())
            money = {k: v for k, v in (("funds_in_place", funds_in_place), ("spent", spent)) if v is not None}
            project_repo.update(s, p, percent=percent, **money,
                                completed_on=reported_on if percent >= 100 else None)
            self._refresh_status(s, p)
            audit_repo.append(s, p.jurisdiction_code, "project.progress", entity="project", entity_id=p.id,
                              detail={"percent": percent, "on": reported_on.isoformat()})
            name = p.name
            code = settings_repo.local_code(s)
            for file in files:
                attach(s, code, "progress_report", report_id, file)
        return Changes.of(DATA, message=f"已登记“{name}”的进展（{percent}%）")

    def request_adjustment(self, project_id: str, kind: str, reason: str, requested_on: date,
                           new_deadline: date | None = None, new_target: str = "") -> Changes:
        check_adjustment(kind, reason, new_deadline, new_target)
        with self.db.unit_of_work() as s:
            p = self._get(s, project_id)
            project_repo.add_adjustment(s, p, kind=kind, reason=reason.strip(), requested_on=requested_on,
                                        new_deadline=new_deadline, new_target=new_target.strip())
            self._refresh_status(s, p)
            audit_repo.append(s, p.jurisdiction_code, "project.adjustment_requested", entity="project",
                              entity_id=p.id, detail={"kind": kind, "reason": reason})
            return Changes.of(DATA, message=f"已登记“{p.name}”的{kind}申请，待决定")

    def decide_adjustment(self, adjustment_id: str, body: str, decided_on: date, outcome: str) -> Changes:
        """The deciding body's decision; an approved one changes the voted project, and only this way. An approved
        postponement also re-plans the milestones it moves (``progress.replan_milestones``)."""
        if outcome not in ("同意", "不同意"):
            raise UserError("决定结果应为“同意”或“不同意”", "outcome must be 同意 or 不同意", field="决定")
        if not body.strip():
            raise UserError("请写明作出决定的机关，如“清溪镇人民代表大会”", "deciding body required", field="决定机关")
        with self.db.unit_of_work() as s:
            a = project_repo.get_adjustment(s, adjustment_id)
            if a is None or a.outcome != "待决定":
                raise UserError("该申请已作出决定", "already decided")
            p = self._get(s, a.project_id)
            project_repo.decide_adjustment(s, a, body.strip(), decided_on, outcome)
            before: dict = {"deadline": str(p.deadline), "target": p.target}
            if outcome == "同意" and a.kind == "延期" and a.new_deadline is not None:
                ms = project_repo.milestones(s, p.id)
                moves = replan_milestones([(m.id, m.planned_on, m.actual_on) for m in ms], p.deadline, a.new_deadline)
                before["milestones"] = {m.title: str(m.planned_on) for m in ms if m.id in moves}
                project_repo.move_milestones(s, moves)
                project_repo.update(s, p, deadline=a.new_deadline)
            elif outcome == "同意" and a.kind == "调整":
                project_repo.update(s, p, target=a.new_target)
            self._refresh_status(s, p)
            audit_repo.append(s, p.jurisdiction_code, "project.adjustment_decided", entity="project", entity_id=p.id,
                              detail={"kind": a.kind, "outcome": outcome, "body": body, "before": before})
            return Changes.of(DATA, message=f"{body}决定：{a.kind}{outcome}")

    def carry_over(self, project_id: str) -> Changes:
        """An unfinished project continues next year, its history linked."""
        with self.db.unit_of_work() as s:
            p = self._get(s, project_id)
            if p.completed_on or p.percent >= 100:
                raise UserError("项目已完成，无需结转", "already completed")
            if project_repo.carried_to(s, p.id):
                raise UserError("该项目已结转到下一年度", "already carried over")
            settings_repo.ensure_year(s, p.jurisdiction_code, p.year + 1)
            new_id = project_repo.carry_over(s, p)
            audit_repo.append(s, p.jurisdiction_code, "project.carried_over", entity="project", entity_id=p.id,
                              detail={"to": new_id, "year": p.year + 1})
            return Changes.of(DATA, message=f"“{p.name}”已结转到 {p.year + 1} 年度")
