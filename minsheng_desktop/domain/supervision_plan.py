"""The default annual supervision plan the secretary then edits. It follows the place's system (设置): 季会制 (the
congress meets each quarter, plus 年中问进度 and 年底问效果) or 年中会议制 (one 年中会议 in place of the 季会)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import UserError
from .vocabulary import SupervisionSystem

QUARTERS = ("一", "二", "三", "四")
SYSTEM_NOTES: dict[str, str] = {  # the line under the calendar's title
    SupervisionSystem.QUARTERLY: "季会制：每季度专项工作报告会；年初问计划、年中问进度、年底问效果。",
    SupervisionSystem.MID_YEAR: "年中会议制：年初问计划、年中会议听取报告并测评、年底问效果。",
}
QUARTER_DAYS = ((3, 28), (6, 26), (9, 26), (12, 20))


def system_of(value: object) -> SupervisionSystem:
    """The place's system as stored in its settings (季会制 when never set); anything else is refused."""
    if value is None or value == "":
        return SupervisionSystem.QUARTERLY
    if value not in tuple(SupervisionSystem):
        raise UserError(f"监督制度应为 {'、'.join(SupervisionSystem)} 之一", "unknown supervision system",
                        field="监督制度")
    return SupervisionSystem(str(value))


@dataclass(frozen=True)
class PlannedEvent:
    kind: str
    title: str
    held_on: date
    place: str = "镇人大会议室"


def default_plan(year: int, town: str, system: str = SupervisionSystem.QUARTERLY) -> list[PlannedEvent]:
    start = PlannedEvent("年初问计划", f"{town}听取{year}年度民生实事项目实施计划", date(year, 2, 25))
    visit = PlannedEvent("视察", "组织代表视察民生实事项目现场", date(year, 9, 10), "项目现场")
    end = PlannedEvent("年底问效果", f"听取{year}年度民生实事项目完成情况报告并开展满意度测评", date(year, 12, 10))
    back = PlannedEvent("回头看", f"{year}年度民生实事项目“回头看”", date(year + 1, 4, 20), "项目现场")
    if system == SupervisionSystem.MID_YEAR:
        middle = [PlannedEvent("年中会议", f"年中会议：听取{year}年度民生实事项目推进情况和专项工作报告并开展测评",
                               date(year, 6, 25))]
    else:
        middle = [PlannedEvent("年中问进度", f"年中会议：听取{year}年度民生实事项目推进情况报告", date(year, 6, 25))]
        middle += [PlannedEvent("季会", f"第{q}季度专项工作报告会", date(year, m, d))
                   for q, (m, d) in zip(QUARTERS, QUARTER_DAYS, strict=True)]
    return sorted([start, *middle, visit, end, back], key=lambda e: e.held_on)
