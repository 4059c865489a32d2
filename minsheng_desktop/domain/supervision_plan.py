"""The default annual supervision plan (年初问计划、年中问进度、年底问效果、季会、回头看) the secretary then edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PlannedEvent:
    kind: str
    title: str
    held_on: date
    place: str = "镇人大会议室"


def default_plan(year: int, town: str) -> list[PlannedEvent]:
    return [
        PlannedEvent("年初问计划", f"{town}听取{year}年度民生实事项目实施计划", date(year, 2, 25)),
        PlannedEvent("季会", "第一季度专项工作报告会", date(year, 3, 28)),
        PlannedEvent("年中问进度", f"年中会议：听取{year}年度民生实事项目推进情况报告", date(year, 6, 25)),
        PlannedEvent("视察", "组织代表视察民生实事项目现场", date(year, 9, 10), "项目现场"),
        PlannedEvent("季会", "第三季度专项工作报告会", date(year, 9, 26)),
        PlannedEvent("年底问效果", f"听取{year}年度民生实事项目完成情况报告并开展满意度测评", date(year, 12, 10)),
        PlannedEvent("回头看", f"{year}年度民生实事项目“回头看”", date(year + 1, 4, 20), "项目现场"),
    ]
