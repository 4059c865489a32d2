"""The app's fixed vocabulary: one StrEnum per set of stored words, so code names them instead of spelling them.

Every member *is* its string (``StrEnum``): the database, the exchange packages, the seals and every existing
``x == "sealed"`` comparison keep working unchanged, and a value read back from storage (a plain ``str``) compares
equal to the member and finds it in a dict keyed by members.
"""

from __future__ import annotations

from enum import StrEnum


class SessionStatus(StrEnum):
    """A vote session's life (``vote_session.status``): 准备 → 签到 → 计票 → 公布封存, or 无效."""

    DRAFT = "draft"
    SIGNIN = "signin"
    COUNTING = "counting"
    SEALED = "sealed"
    VOID = "void"


SESSION_STATUS_LABELS: dict[str, str] = {
    SessionStatus.DRAFT: "准备中",
    SessionStatus.SIGNIN: "签到中",
    SessionStatus.COUNTING: "计票中",
    SessionStatus.SEALED: "已公布（封存）",
    SessionStatus.VOID: "无效",
}
OPEN_SESSION = (SessionStatus.DRAFT, SessionStatus.SIGNIN)  # sign-in and rules may still change
CLOSED_SESSION = (SessionStatus.SEALED, SessionStatus.VOID)  # published: nothing changes any more


class HallState(StrEnum):
    """What the hall is shown (a LiveView's ``state``, drawn on the projector's badge)."""

    SIGNIN = "签到"
    COUNTING = "计票中"
    RESULT = "结果"


SESSION_HALL_STATE: dict[str, HallState] = {
    SessionStatus.DRAFT: HallState.SIGNIN,
    SessionStatus.SIGNIN: HallState.SIGNIN,
    SessionStatus.COUNTING: HallState.COUNTING,
    SessionStatus.SEALED: HallState.RESULT,
    SessionStatus.VOID: HallState.RESULT,
}


class TallyStatus(StrEnum):
    """Whether a counted vote stands (``TallyResult.status``)."""

    VALID = "valid"
    VOID_NO_QUORUM = "void_no_quorum"
    VOID_OVER_COLLECTED = "void_over_collected"


class Outcome(StrEnum):
    """What the count did with one candidate (``CandidateResult.outcome``)."""

    CHOSEN = "chosen"
    PASSED_NOT_CHOSEN = "passed_not_chosen"
    NOT_PASSED = "not_passed"
    REVOTE = "revote"


class Mark(StrEnum):
    """A mark on a paper ballot against one candidate."""

    APPROVE = "Y"
    OPPOSE = "N"
    ABSTAIN = "A"


class OpinionStatus(StrEnum):
    """A supervision opinion (意见建议) in the government's hands (``opinion.status``)."""

    OPEN = "办理中"
    CLOSED = "已办结"


class EventStatus(StrEnum):
    """A supervision activity (``supervision_event.status``)."""

    PLANNED = "计划"
    HELD = "已开展"
    CANCELLED = "取消"


class VisitKind(StrEnum):
    """One entry of a 回头看 campaign's visit log (``campaign_visit.kind``)."""

    HOUSEHOLDS = "走访群众"
    SITE = "现场查看"
    FORUM = "座谈会"


class HandOverStage(StrEnum):
    """Where one opinion of a 回头看 问题清单 stands (computed, not stored: ``domain/campaigns.opinion_stage``)."""

    NOT_HANDED = "未交办"
    OPEN = "办理中"
    OVERDUE = "逾期未办结"
    CLOSED = "已办结"


class FollowUpStage(StrEnum):
    """整改跟进 after an unsatisfactory score (``follow_up.stage``)."""

    EXPLAINED = "政府说明"
    RECTIFY = "整改"
    RESCORE = "再测评"
    CLOSED = "已办结"


class Light(StrEnum):
    """五色灯: a project's light (see ``progress.light``)."""

    GREEN = "绿"
    YELLOW = "黄"
    RED = "红"
    BLUE = "蓝"
    GREY = "灰"


class LightMode(StrEnum):
    """Which rule lights a project (``progress.LightPolicy.mode``, chosen in 设置 › 灯色与考核)."""

    MILESTONES = "按节点"  # a milestone's planned date passed without it being done → yellow
    LAG = "按进度差"  # points behind the time-proportional schedule (银川: 10-30 yellow, more than 30 red)


class Completion(StrEnum):
    """已完成 / 基本完成 / 未完成, the county's three-way count (``progress.completion``)."""

    DONE = "已完成"
    BASIC = "基本完成"
    NOT_DONE = "未完成"


class ProjectStatus(StrEnum):
    """A project's status, computed from the same facts as its light (``progress.status``)."""

    NOT_STARTED = "未开工"
    UNDER_WAY = "推进中"
    COMPLETED = "已完成"
    LATE = "滞后"
    ADJUSTING = "调整"
    TERMINATED = "终止"


class Satisfaction(StrEnum):
    """A deputy's choice on a satisfaction ballot; the first three are also the round's verdicts."""

    SATISFIED = "满意"
    BASIC = "基本满意"
    UNSATISFIED = "不满意"
    ABSTAIN = "弃权"
    INVALID = "无效"


class ScreeningStatus(StrEnum):
    """Where a candidate stands in the chain of screening meetings (``screening.screening_state``)."""

    SCREENING = "初选"
    APPROVED = "已审定"
    REJECTED = "未通过"


class Decision(StrEnum):
    """A screening meeting's decision on a candidate."""

    PASS = "通过"
    PASS_AMENDED = "修改后通过"
    REJECT = "不通过"


class AgendaKind(StrEnum):
    """What a meeting's agenda item reports (``agenda_item.kind``); any of them can be scored."""

    SPECIAL_WORK = "专项工作"
    UNIT_WORK = "单位工作"
    PROJECT_PROGRESS = "项目推进情况"
    OPINION_HANDLING = "审议意见办理情况"


class OpinionKind(StrEnum):
    """An opinion raised at an event (意见建议) or adopted by a meeting on a report (审议意见)."""

    SUGGESTION = "意见建议"
    DELIBERATION = "审议意见"


class SupervisionSystem(StrEnum):
    """How the place's congress meets between sessions (设置): four 季会 a year, or one 年中会议."""

    QUARTERLY = "季会制"
    MID_YEAR = "年中会议制"


class MemberKind(StrEnum):
    """Who a roster member is (``deputy.kind``): a street council's 议事代表, or a 人大代表 (every town deputy, and
    the 人大代表 who sit in a street council as fixed members). Both kinds sign in and vote together."""

    COUNCIL = "议事代表"
    DEPUTY = "人大代表"


class SheetStatus(StrEnum):
    """What the scanner made of one sheet (选票扫描计票): read, sent to a person, or refused."""

    READ = "read"
    UNCERTAIN = "uncertain"
    REJECTED = "rejected"


SHEET_STATUS_LABELS: dict[str, str] = {
    SheetStatus.READ: "已识别",
    SheetStatus.UNCERTAIN: "待人工确认",
    SheetStatus.REJECTED: "不能识别",
}


# A county's (city's) own vote and projects, shown beside its towns in the dashboard and the summary.
OWN_NAMES = {"县区": "县本级", "市": "市本级"}
