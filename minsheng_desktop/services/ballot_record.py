"""The one durable record of a ballot — keyed by the tellers, read from a scanned sheet, or cast from a phone —
and the checks every ballot passes first (the session counting ballot by ballot, room in its box or its
delegation's box). Each runs inside the caller's unit of work (``VoteService.record_ballot``, the phone service)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import delegations as deleg
from ..domain.errors import UserError
from ..domain.phone_ballot import PHONE_ENTRY
from ..domain.rules import VoteRules
from ..domain.tally import Ballot, ballot_problem
from ..domain.terms import Terms, terms_for
from ..domain.vocabulary import CLOSED_SESSION, SessionStatus
from ..storage import audit_repo, scan_repo, settings_repo, vote_repo


@dataclass(frozen=True)
class SheetEvidence:
    """A scanned sheet kept with the ballot read from it (选票扫描计票): its image, the image's SHA-256, and the
    reader's scores (candidate id → each box's score)."""

    source: str  # file name and page
    mime: str
    image: bytes
    sha256: str
    scores: dict[str, list[float]]


def sealed_error(t: Terms) -> UserError:
    return UserError(f"{t.result}已公布并封存，不能再修改；如需更正，请新建一次{t.vote}", "the result is sealed")


def keep_sheets(s, code: str, session_id: str, ballot_id: str, evidence: list[SheetEvidence]) -> list[dict]:
    """Inside the recording's unit of work: each sheet's image as the ballot's attachment; a sheet already held
    by a live ballot of the session is refused (the same scan twice)."""
    for ev in evidence:
        seq = scan_repo.ballot_with_sheet(s, session_id, ev.sha256)
        if seq is not None:
            raise UserError(f"“{ev.source}”这张选票的图像已作为第 {seq} 张选票录入，不能重复计入",
                            "this sheet's image is already recorded")
        scan_repo.keep_sheet(s, code, ballot_id, ev.source, ev.mime, ev.image, ev.sha256)
    return [{"source": ev.source, "sha256": ev.sha256, "scores": ev.scores} for ev in evidence]


def room_for_ballot(state: vote_repo.CountingState, delegation: str) -> None:
    """Refuses a ballot with no room for it: the box not yet counted out, or every collected ballot recorded."""
    if state.delegations is not None:
        deleg.room_for_ballot(deleg.from_stored(state.delegations), delegation, state.live_in_delegation)
        return
    if delegation:
        raise UserError("本次票决不分团计票", "this session is counted whole", field="代表团")
    if state.ballots_collected is None:
        raise UserError("请先录入收回票数，再逐张唱票", "declare the collected ballots first", field="收回票数")
    if state.live >= state.ballots_collected:
        raise UserError(f"收回的 {state.ballots_collected} 张选票已全部录入", "all collected ballots are recorded")


def counting_state(s, session_id: str, delegation: str = "") -> vote_repo.CountingState:
    """The session, checked to be counting ballot by ballot (what any ballot, keyed or from a phone, needs)."""
    state = vote_repo.counting_state(s, session_id, delegation)
    if state is None:
        raise UserError(f"该{terms_for(settings_repo.local_level(s)).session}已不存在", "vote session not found")
    if state.status != SessionStatus.COUNTING:
        if state.status in CLOSED_SESSION:
            raise sealed_error(terms_for(settings_repo.local_level(s)))
        raise UserError("当前阶段不能进行此操作", "not allowed at this stage of the session")
    if state.count_mode != "ballots":
        raise UserError("本次采用汇总票数方式计票", "this session counts paper totals")
    return state


def write_ballot(s, state: vote_repo.CountingState, session_id: str, marks: dict[str, str], spoiled: bool, by: str,
                 rules: VoteRules, ids: list[str], delegation: str = "",
                 evidence: list[SheetEvidence] | None = None) -> str | None:
    """The one durable record of a ballot, keyed, scanned or cast from a phone: the row and its audit entry (and,
    counted by delegation, the delegation whose box it came from; scanned, each sheet's image and hash)."""
    seq = state.last_seq + 1
    ballot_id = vote_repo.add_ballot(s, state.code, session_id, seq, marks, spoiled, by, delegation)
    problem = ballot_problem(Ballot(marks, spoiled), rules, ids)
    detail: dict = {"seq": seq, "marks": marks, "spoiled": spoiled, "invalid": problem}
    if delegation:
        detail["delegation"] = delegation
    if evidence:
        detail["sheets"] = keep_sheets(s, state.code, session_id, ballot_id, evidence)
    if by == PHONE_ENTRY:
        detail["channel"] = "phone"
    audit_repo.append(s, state.code, "ballot.recorded", entity="vote_session", entity_id=session_id, detail=detail)
    return problem
