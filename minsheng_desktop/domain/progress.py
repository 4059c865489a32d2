"""实施: a project's status and its five-colour light, computed from milestones and decisions against today.

The light (also written in the README):
- 灰 (grey): the project was terminated by a recorded decision (终止).
- 蓝 (blue): completed (已完成).
- 红 (red): the completion deadline has passed and the project is not completed.
- 黄 (yellow): a milestone's planned date has passed without it being done, or an adjustment awaits a decision.
- 绿 (green): on track — no milestone late, deadline not passed.

By schedule lag (``LightPolicy(mode=LightMode.LAG)``, 银川's rule), the milestone test is replaced by the
percent reported against the time-proportional schedule from 1 January of the project's year to its deadline:
more than ``yellow_lag`` points behind (10 by default, counting 10 itself) is yellow, more than ``red_lag``
(30) is red. Grey, blue, red-past-deadline and yellow-while-a-decision-is-pending are the same in both rules.

An approved postponement (延期, 同意) re-plans the milestones it moves (``replan_milestones``): each milestone not
yet done shifts by as many days as the deadline did, never past the new deadline; so an approved delay is not
shown as late.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .errors import UserError
from .vocabulary import Completion, Light, LightMode, ProjectStatus

GREEN, YELLOW, RED, BLUE, GREY = Light.GREEN, Light.YELLOW, Light.RED, Light.BLUE, Light.GREY
LIGHT_COLOURS: dict[str, str] = {GREEN: "#2e9e5b", YELLOW: "#e0a800", RED: "#d93025", BLUE: "#1a73e8", GREY: "#8a8f98"}
LIGHT_MEANING: dict[str, str] = {
    GREEN: "按计划推进", YELLOW: "进度或节点滞后、调整待定", RED: "超过完成时限或进度严重滞后", BLUE: "已完成", GREY: "已终止",
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
    start: date | None = None  # the schedule's start (1 January of the project's year), for the lag rule


@dataclass(frozen=True)
class LightPolicy:
    """How lights are lit (a setting; defaults: the milestone rule; 银川's thresholds for the lag rule)."""

    mode: LightMode = LightMode.MILESTONES
    yellow_lag: int = 10  # points behind the time-proportional schedule: yellow from here …
    red_lag: int = 30  # … red above this
    basic_done: int = 80  # 基本完成: not completed but at least this percent reported

    def to_dict(self) -> dict[str, Any]:
        return {"mode": str(self.mode), "yellow_lag": self.yellow_lag, "red_lag": self.red_lag,
                "basic_done": self.basic_done}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> LightPolicy:
        """Read and check a stored or entered policy; a bad value is refused with what to fix."""
        data = data or {}
        mode = str(data.get("mode", LightMode.MILESTONES))
        if mode not in set(LightMode):
            raise UserError(f"灯色规则应为 {'、'.join(LightMode)} 之一", "unknown light rule", field="灯色规则")
        numbers = []
        for key, label, default in (("yellow_lag", "黄灯起点", 10), ("red_lag", "红灯起点", 30),
                                    ("basic_done", "基本完成", 80)):
            value = data.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
                raise UserError(f"“{label}”应为 1～100 之间的整数", f"{key} must be an integer 1-100", field=label)
            numbers.append(value)
        if numbers[0] >= numbers[1]:
            raise UserError("黄灯起点应小于红灯起点（如落后 10 分黄灯、超过 30 分红灯）",
                            "yellow_lag must be below red_lag", field="黄灯起点")
        return cls(LightMode(mode), *numbers)


def expected_percent(start: date | None, deadline: date | None, today: date) -> float | None:
    """The time-proportional schedule: the share of the time from start to deadline that has passed, in percent."""
    if start is None or deadline is None or deadline <= start:
        return None
    elapsed = min(max((today - start).days, 0), (deadline - start).days)
    return elapsed * 100 / (deadline - start).days


def schedule_lag(facts: ProjectFacts, today: date) -> float | None:
    """Points behind the time-proportional schedule (negative: ahead); None without a start and deadline."""
    expected = expected_percent(facts.start, facts.deadline, today)
    return None if expected is None else expected - facts.percent


def late_milestones(facts: ProjectFacts, today: date) -> list[MilestoneState]:
    return [m for m in facts.milestones if m.planned_on and m.planned_on < today and m.actual_on is None]


def _lag_light(facts: ProjectFacts, today: date, policy: LightPolicy) -> Light:
    lag = schedule_lag(facts, today)
    if lag is not None and lag > policy.red_lag:
        return RED
    if (lag is not None and lag >= policy.yellow_lag) or facts.pending_adjustment:
        return YELLOW
    return GREEN


def light(facts: ProjectFacts, today: date, policy: LightPolicy | None = None) -> Light:
    if facts.terminated:
        return GREY
    if facts.completed_on is not None or facts.percent >= 100:
        return BLUE
    if facts.deadline is not None and today > facts.deadline:
        return RED
    if policy is not None and policy.mode == LightMode.LAG:
        return _lag_light(facts, today, policy)
    if late_milestones(facts, today) or facts.pending_adjustment:
        return YELLOW
    return GREEN


def completion(facts: ProjectFacts, policy: LightPolicy | None = None) -> Completion:
    """已完成 / 基本完成 (not done, at least ``basic_done`` percent reported) / 未完成 (terminated counts here)."""
    policy = policy or LightPolicy()
    if not facts.terminated and (facts.completed_on is not None or facts.percent >= 100):
        return Completion.DONE
    if not facts.terminated and facts.percent >= policy.basic_done:
        return Completion.BASIC
    return Completion.NOT_DONE


def replan_milestones(milestones: Sequence[tuple[str, date | None, date | None]], old_deadline: date | None,
                      new_deadline: date) -> dict[str, date]:
    """The milestones an approved postponement moves: (key, planned, actual) → {key: new planned date}.

    Each milestone not yet done shifts by as many days as the deadline moved, and never past the new deadline;
    done milestones and those without a planned date stay as they are."""
    shift = (new_deadline - old_deadline) if old_deadline is not None else timedelta(0)
    moved: dict[str, date] = {}
    for key, planned, actual in milestones:
        if actual is not None or planned is None:
            continue
        new = min(planned + max(shift, timedelta(0)), new_deadline)
        if new != planned:
            moved[key] = new
    return moved


def is_red(lamp: str) -> bool:
    """亮红灯: the light that puts a project on the home page's and the reminders' red list."""
    return lamp == RED


def status(facts: ProjectFacts, today: date, policy: LightPolicy | None = None) -> ProjectStatus:
    """未开工 / 推进中 / 已完成 / 滞后 / 调整 / 终止, from the same facts as the light."""
    lamp = light(facts, today, policy)
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
