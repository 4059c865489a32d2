"""实施: a project's status and its five-colour light, computed from milestones and decisions against today.

The light (also written in the README):
- 灰 (grey): the project was terminated by a recorded decision (终止).
- 蓝 (blue): completed (已完成).
- 红 (red): the completion deadline has passed and the project is not completed.
- 黄 (yellow): a milestone's planned date has passed without it being done, or an adjustment awaits a decision.
- 绿 (green): on track — no milestone late, deadline not passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import UserError
from .vocabulary import Light, ProjectStatus

GREEN, YELLOW, RED, BLUE, GREY = Light.GREEN, Light.YELLOW, Light.RED, Light.BLUE, Light.GREY
LIGHT_COLOURS: dict[str, str] = {GREEN: "#2e9e5b", YELLOW: "#e0a800", RED: "#d93025", BLUE: "#1a73e8", GREY: "#8a8f98"}
LIGHT_MEANING: dict[str, str] = {
    GREEN: "按计划推进", YELLOW: "节点滞后或调整待定", RED: "超过完成时限未完成", BLUE: "已完成", GREY: "已终止",
}
ADJUST_KINDS = ("调整", "延期", "终止")
OUTCOMES = ("待决定", "同意", "不同意")


@dataclass(frozen=True)
class MilestoneState:
    title: str
    planned_on: date | None
    actual_on: date | None


@dataclass(frozen=True)
class ProjectFacts:
    deadline: date | None
    percent: int
    completed_on: date | None
    terminated: bool
    pending_adjustment: bool
    milestones: tuple[MilestoneState, ...] = ()


def late_milestones(facts: ProjectFacts, today: date) -> list[MilestoneState]:
    return [m for m in facts.milestones if m.planned_on and m.planned_on < today and m.actual_on is None]


def light(facts: ProjectFacts, today: date) -> Light:
    if facts.terminated:
        return GREY
    if facts.completed_on is not None or facts.percent >= 100:
        return BLUE
    if facts.deadline is not None and today > facts.deadline:
        return RED
    if late_milestones(facts, today) or facts.pending_adjustment:
        return YELLOW
    return GREEN


def is_red(lamp: str) -> bool:
    """亮红灯: the light that puts a project on the home page's and the reminders' red list."""
    return lamp == RED


def status(facts: ProjectFacts, today: date) -> ProjectStatus:
    """未开工 / 推进中 / 已完成 / 滞后 / 调整 / 终止, from the same facts as the light."""
    lamp = light(facts, today)
    if lamp == GREY:
        return ProjectStatus.TERMINATED
    if lamp == BLUE:
        return ProjectStatus.COMPLETED
    if facts.pending_adjustment:
        return ProjectStatus.ADJUSTING
    if lamp in (RED, YELLOW):
        return ProjectStatus.LATE
    if facts.percent > 0 or any(m.actual_on for m in facts.milestones):
        return ProjectStatus.UNDER_WAY
    return ProjectStatus.NOT_STARTED


def check_progress(percent: int, reported_on: date, text: str) -> str:
    if not 0 <= percent <= 100:
        raise UserError("完成进度应在 0%～100% 之间", "percent must be between 0 and 100", field="进度")
    text = (text or "").strip()
    if not text:
        raise UserError("请写明本次进展情况", "the progress text is required", field="进展情况")
    return text


def check_adjustment(kind: str, reason: str, new_deadline: date | None, new_target: str) -> None:
    if kind not in ADJUST_KINDS:
        raise UserError(f"类型应为 {'、'.join(ADJUST_KINDS)} 之一", "unknown adjustment kind", field="类型")
    if not (reason or "").strip():
        raise UserError("请写明申请理由", "a reason is required", field="理由")
    if kind == "延期" and new_deadline is None:
        raise UserError("延期须写明新的完成时限", "a new deadline is required", field="新完成时限")
    if kind == "调整" and not (new_target or "").strip():
        raise UserError("调整须写明调整后的目标任务", "the adjusted target is required", field="调整后目标")
