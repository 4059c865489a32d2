"""A meeting's agenda (季会, 年中会议 …) and the 审议意见 it adopts: which events hold an agenda, what an item is
called when it is scored, and where an adopted opinion stands on its way back to a later meeting."""

from __future__ import annotations

from datetime import date

from .errors import UserError
from .vocabulary import AgendaKind, OpinionStatus

AGENDA_KINDS = tuple(AgendaKind)
# The events at which deputies hear reports and may score them (DOMAIN.md, "Scoring any subject").
MEETING_KINDS = ("季会", "年中会议", "年初问计划", "年中问进度", "年底问效果", "专项报告", "专题询问")
TITLE_MAX, REPORTER_MAX, NOTES_MAX, OPINION_MAX = 200, 120, 2000, 4000
SUBJECT_SUFFIX = {AgendaKind.UNIT_WORK: "工作", AgendaKind.OPINION_HANDLING: "审议意见办理情况"}


def holds_agenda(event_kind: str) -> bool:
    return event_kind in MEETING_KINDS


def check_item(kind: str, title: str, reporter: str, notes: str = "") -> None:
    """Refuse an agenda item the secretary must fix, saying what to fix."""
    if kind not in AGENDA_KINDS:
        raise UserError(f"议程类型应为 {'、'.join(AGENDA_KINDS)} 之一", "unknown agenda kind", field="类型")
    if not title.strip():
        raise UserError("请填写报告事项，如“河长制工作”“镇司法所”", "title required", field="报告事项")
    for text, limit, label in ((title, TITLE_MAX, "报告事项"), (reporter, REPORTER_MAX, "报告单位或报告人"),
                               (notes, NOTES_MAX, "备注")):
        if len(text.strip()) > limit:
            raise UserError(f"“{label}”过长（最多 {limit} 字），请精简", f"{label} too long", field=label)


def subject_name(kind: str, title: str) -> str:
    """What a round on this item scores, as documents name it: 镇司法所 → “镇司法所工作”; 河长制工作 stays itself;
    the handling of opinions on 河长制工作 → “河长制工作审议意见办理情况”."""
    title = title.strip()
    suffix = SUBJECT_SUFFIX.get(AgendaKind(kind)) if kind in AGENDA_KINDS else None
    if suffix and not title.endswith(suffix) and not (kind == AgendaKind.OPINION_HANDLING and "审议意见" in title):
        return title + suffix
    return title


def opinion_stage(status: str, sent_on: date | None, reported_on: date | None, reviewed: bool) -> str:
    """Where an adopted 审议意见 stands: 待交办 → 办理中 (sent) → 已报告 (handling reported) → 再审议 (on a later
    meeting's agenda) → 已办结."""
    if status == OpinionStatus.CLOSED:
        return "已办结"
    if reviewed:
        return "再审议"
    if reported_on is not None:
        return "已报告"
    return "办理中" if sent_on is not None else "待交办"


def review_problem(adopted_at: date, review_at: date, reported: bool) -> str | None:
    """Why this opinion cannot be deliberated again at this meeting (None when it can): the meeting must come after
    the one that adopted it, and the government must have reported its handling."""
    if review_at <= adopted_at:
        return "再审议应在通过审议意见的会议之后召开"
    if not reported:
        return "政府尚未报告该审议意见的办理情况，请先登记办理情况"
    return None


def check_dates(sent_on: date | None, reported_on: date | None, adopted_at: date) -> None:
    """交办 on or after the meeting; the handling report on or after 交办."""
    if sent_on is not None and sent_on < adopted_at:
        raise UserError("交办日期不能早于会议日期", "sent before the meeting", field="交办日期")
    if reported_on is not None and (sent_on is None or reported_on < sent_on):
        raise UserError("请先交办政府，办理情况报告日期不能早于交办日期", "reported before sent", field="报告日期")
