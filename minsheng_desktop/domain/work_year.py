"""Which year's projects the office is working on: from September on, intake is for next year's projects.

Towns collect residents' proposals in the autumn, screen them over the winter and vote at the people's congress
early in the new year, so a town set up in September 2026 or later is working on its 2027 projects.
"""

from __future__ import annotations

from datetime import date

INTAKE_STARTS = 9  # the month from which intake is for the next year


def working_year(today: date) -> int:
    """The year whose projects are being collected and decided on ``today``."""
    return today.year + 1 if today.month >= INTAKE_STARTS else today.year


def working_year_note(today: date) -> str:
    """One sentence saying which year that is, and why."""
    year = working_year(today)
    if year > today.year:
        return (f"现在是 {today.year} 年 {today.month} 月：每年 {INTAKE_STARTS} 月起征集下一年度的民生实事项目，"
                f"所以工作年度是 {year} 年度。")
    return (f"现在是 {today.year} 年 {today.month} 月：本年度（{year} 年度）的项目正在票决、实施和监督；"
            f"{INTAKE_STARTS} 月起开始征集 {year + 1} 年度的项目。")
