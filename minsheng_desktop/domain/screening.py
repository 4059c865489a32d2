"""初选与审定: the candidate's fields, and where it stands in the configurable chain of meetings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .errors import UserError
from .vocabulary import Decision, ScreeningStatus

PASSING = (Decision.PASS, Decision.PASS_AMENDED)
DECISIONS = (*PASSING, Decision.REJECT)


@dataclass(frozen=True)
class CandidateInput:
    name: str
    content: str = ""
    category: str = "其他"
    est_investment: Decimal | None = None
    fund_source: str = ""
    responsible_unit: str = ""
    lead_official: str = ""
    deadline: date | None = None


def validate_candidate(c: CandidateInput, categories: tuple[str, ...] | list[str]) -> CandidateInput:
    name = " ".join((c.name or "").split())
    if not name:
        raise UserError("“项目名称”不能为空", "name is required", field="项目名称")
    if len(name) > 200:
        raise UserError("“项目名称”过长（最多 200 字）", "name is too long", field="项目名称")
    if c.category not in categories:
        raise UserError(f"“类别”应为设置中的类别之一，而不是“{c.category}”", "unknown category", field="类别")
    if c.est_investment is not None and c.est_investment < 0:
        raise UserError("“估算总投资”不能为负数", "investment must not be negative", field="估算总投资")
    return replace(c, name=name, content=(c.content or "").strip(), fund_source=(c.fund_source or "").strip(),
                   responsible_unit=(c.responsible_unit or "").strip(), lead_official=(c.lead_official or "").strip())


@dataclass(frozen=True)
class Meeting:
    stage_name: str
    decision: str
    meeting_date: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ScreeningState:
    status: str  # ScreeningStatus: 初选 / 已审定 / 未通过
    next_stage: str | None
    done: int  # stages passed

    @property
    def approved(self) -> bool:
        return self.status == ScreeningStatus.APPROVED


def screening_state(chain: tuple[str, ...] | list[str], meetings: list[Meeting]) -> ScreeningState:
    """Walk the chain in order: each stage must pass before the next; 不通过 at any stage stops the candidate."""
    done = 0
    for m in meetings:
        if m.decision == Decision.REJECT:
            return ScreeningState(ScreeningStatus.REJECTED, None, done)
        if done < len(chain) and m.stage_name == chain[done] and m.decision in PASSING:
            done += 1
    if done >= len(chain):
        return ScreeningState(ScreeningStatus.APPROVED, None, done)
    return ScreeningState(ScreeningStatus.SCREENING, chain[done], done)


def check_meeting(chain: tuple[str, ...] | list[str], meetings: list[Meeting], new: Meeting) -> None:
    """A meeting may only decide the stage the candidate has reached."""
    if new.decision not in DECISIONS:
        raise UserError(f"审定结果应为 {'、'.join(DECISIONS)} 之一", "unknown decision", field="审定结果")
    state = screening_state(chain, meetings)
    if state.status == ScreeningStatus.REJECTED:
        raise UserError("该候选项目已在审定中未通过，不能继续审定", "the candidate was rejected")
    if state.status == ScreeningStatus.APPROVED:
        raise UserError("该候选项目已完成全部审定环节", "the candidate is already approved")
    if new.stage_name != state.next_stage:
        raise UserError(f"该候选项目下一步应由“{state.next_stage}”审定，而不是“{new.stage_name}”",
                        "meetings must follow the chain in order", field="审定环节")
