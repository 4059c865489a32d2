"""票决: a vote session from the approved list to the sealed result, every count durable and audited."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field, replace
from datetime import date

from ..domain import delegations as deleg
from ..domain.errors import UserError
from ..domain.phone_ballot import PHONE_ENTRY
from ..domain.rules import VotePolicy, VoteRules, has_quorum, quorum_needed
from ..domain.tally import MARKS, Ballot, Candidate, PaperTotals, TallyResult, count_ballots
from ..domain.terms import TOWN_TERMS, Terms, terms_for
from ..domain.vocabulary import CLOSED_SESSION, OPEN_SESSION, SESSION_HALL_STATE, SessionStatus
from ..domain.vote_session import (
    LiveView,
    RunningCount,
    live_view,
    totals_differences,
    validate_totals,
)
from ..storage import audit_repo, delegation_repo, deputy_repo, phone_repo, settings_repo, vote_repo
from .ballot_record import SheetEvidence, counting_state, room_for_ballot, sealed_error, write_ballot
from .base import DatedService
from .changes import DATA, Changes
from .screening_service import ScreeningService

VOTE = "vote"


@dataclass(frozen=True)
class SessionInfo:
    id: str
    year: int
    title: str
    held_on: date | None
    status: str
    count_mode: str
    rules: VoteRules
    candidates: list[Candidate]
    present: frozenset[str]
    officers: dict[str, list[str]]
    ballots_issued: int
    ballots_collected: int | None
    recorded: int
    previous_session_id: str | None
    result: TallyResult | None = None
    entries: dict[int, PaperTotals] = field(default_factory=dict)
    delegations: dict[str, deleg.Delegation] | None = None  # 分团计票: each delegation's box; None when counted whole
    terms: Terms = TOWN_TERMS  # the words of this jurisdiction's level (domain/terms.py)

    @property
    def sealed(self) -> bool:
        return self.status in CLOSED_SESSION


def _result(data: dict | None) -> TallyResult | None:
    if not data:
        return None
    from ..domain.tally import CandidateResult

    return TallyResult(data["status"], data["ballots_issued"], data["ballots_collected"], data["valid_ballots"],
                       data["invalid_ballots"], data["threshold"],
                       tuple(CandidateResult(**c) for c in data["candidates"]), tuple(data["chosen"]),
                       tuple(data["revote"]), data["unfilled"], tuple(data.get("further_vote", ())))


def paper_totals(t) -> PaperTotals:
    """A stored paper entry (vote_repo.paper_entries) as the domain's totals."""
    return PaperTotals(t.ballots_collected, t.invalid_ballots, {k: dict(v) for k, v in t.counts.items()})


def _live_count(s, session_id: str) -> int:
    return vote_repo.live_count(s, session_id)


class VoteService(DatedService):

    def __init__(self, db, clock=None):
        super().__init__(db, clock)
        # Session id → the running count of its live ballots (built from the database when the session is opened,
        # kept by record_ballot and withdraw_last, dropped by any other change to the session).
        self._running: dict[str, RunningCount] = {}

    def _code(self, s) -> str:
        return settings_repo.local_code(s)

    @staticmethod
    def _terms_in(s) -> Terms:
        return terms_for(settings_repo.local_level(s))

    def terms(self) -> Terms:
        """The words of this file's level: 票决/代表 for a town, 票选/议事代表 for a street."""
        with self.db.unit_of_work() as s:
            return self._terms_in(s)

    def _get(self, s, session_id: str, *, editable: tuple[str, ...] | None = None):
        if editable is not None:
            self._running.pop(session_id, None)  # a change: recording and withdrawing put theirs back
        v = vote_repo.get_session(s, session_id)
        if v is None:
            raise UserError(f"该{self._terms_in(s).session}已不存在", "vote session not found")
        if editable is not None and v.status not in editable:
            if v.status in CLOSED_SESSION:
                raise sealed_error(self._terms_in(s))
            raise UserError("当前阶段不能进行此操作", "not allowed at this stage of the session")
        return v

    # Reading ---------------------------------------------------------------------------------------------------
    def sessions(self, year: int) -> list[tuple[str, str, str]]:
        """(id, title, status) of the year's sessions, oldest first."""
        with self.db.unit_of_work() as s:
            return vote_repo.sessions_of(s, self._code(s), year)

    def latest_session_id(self, year: int | None = None) -> str:
        with self.db.unit_of_work() as s:
            found = vote_repo.latest_session_id(s, self._code(s), year)
        if found is None:
            raise UserError("没有找到票决会议" + (f"（{year} 年度）" if year else ""), "no vote session found")
        return found

    def info(self, session_id: str) -> SessionInfo:
        with self.db.unit_of_work() as s:
            return self._info(s, session_id)

    def _info(self, s, session_id: str) -> SessionInfo:
        v = self._get(s, session_id)
        cands = [Candidate(cid, name) for cid, name, _order in vote_repo.session_candidates(s, v.id)]
        present = frozenset(vote_repo.present_ids(s, v.id))
        officers = vote_repo.officers(s, v.id)
        rules = VoteRules.from_dict(v.rules)
        if v.status in OPEN_SESSION:
            rules = VoteRules.from_dict({**v.rules, "deputies_present": len(present)})
        entries = {n: paper_totals(t) for n, t in vote_repo.paper_entries(s, v.id).items()}
        boxes = None if v.delegations is None else deleg.from_stored(v.delegations)
        return SessionInfo(v.id, v.year, v.title, v.held_on, v.status, v.count_mode, rules, cands, present,
                           officers, v.ballots_issued, v.ballots_collected, _live_count(s, v.id),
                           v.previous_session_id, _result(v.result), entries, boxes, self._terms_in(s))

    def ballots(self, session_id: str) -> list[Ballot]:
        with self.db.unit_of_work() as s:
            return [Ballot(dict(b.marks), b.spoiled) for b in vote_repo.live_ballots(s, session_id)]

    def running(self, session_id: str, info: SessionInfo | None = None) -> RunningCount:
        """The running count of a session counted ballot by ballot, from memory once the session is opened."""
        run = self._running.get(session_id)  # dropped by any other change, and when a phone ballot comes in
        if run is None:
            info = info or self.info(session_id)
            with self.db.unit_of_work() as s:
                live = vote_repo.live_ballots(s, session_id)
                ballots, boxes = [Ballot(dict(b.marks), b.spoiled) for b in live], [b.delegation for b in live]
            run = RunningCount(info.candidates, info.rules, ballots, boxes)
            self._running[session_id] = run
        return run

    def live(self, session_id: str, info: SessionInfo | None = None) -> LiveView:
        info = info or self.info(session_id)
        collected = info.ballots_collected or 0
        totals = None
        if info.count_mode == "totals" and info.entries:
            totals = info.entries.get(1) if info.entries.get(1) == info.entries.get(2) else None
        if info.count_mode == "ballots" and info.result is None and info.ballots_collected is None:
            with self.db.unit_of_work(read_only=True) as s:
                phone = phone_repo.figures(s, session_id)
            if phone.round_id is not None:  # phones voting: the hall sees how many have voted, no counts
                view = live_view(info.title, SESSION_HALL_STATE[info.status], info.rules, info.candidates, [], 0)
                return dataclasses.replace(view, notes=(f"手机投票　已投 {phone.used}／发出 {phone.issued}",))
        if info.count_mode == "ballots" and info.result is None:
            totals = self.running(session_id, info).totals()
        ballots = self.ballots(session_id) if info.count_mode == "ballots" and totals is None else []
        view = live_view(info.title, SESSION_HALL_STATE[info.status], info.rules, info.candidates, ballots,
                         collected, info.result, totals, info.terms)
        if info.delegations is None:
            return view
        from .delegation_service import delegation_lines

        return replace(view, delegations=delegation_lines(self, info))

    # Before the vote -------------------------------------------------------------------------------------------
    def create(self, year: int, title: str, held_on: date | None = None, *, candidate_ids: list[str] | None = None,
               previous: str | None = None, seats: int | None = None) -> tuple[str, Changes]:
        """A session over the approved candidate list (or the given candidates, for a revote)."""
        if not title.strip():
            raise UserError("请填写会议名称，如“清溪镇第十八届人民代表大会第六次会议”或“白涛街道第一届议事代表会议第三次会议”",
                            "title required", field="会议名称")
        ids = candidate_ids or [r.id for r in ScreeningService(self.db).ballot_list(year)]
        if not ids:
            raise UserError("还没有审定通过的候选项目，请先在“候选项目”中完成审定", "no approved candidates")
        with self.db.unit_of_work() as s:
            code = self._code(s)
            policy = VotePolicy.from_dict(settings_repo.get(s, code, "vote_policy"))
            total = deputy_repo.count_active(s, code)
            if total == 0:
                t = self._terms_in(s)
                raise UserError(f"{t.roster}为空，请先在“设置 › {t.roster}”中录入{t.member}", "the roster is empty")
            rules = policy.rules_for(total, 0)
            if seats is not None:
                rules = VoteRules.from_dict({**rules.to_dict(), "seats": seats})
            v = vote_repo.add_session(s, code, ids, year=year, title=title.strip(), held_on=held_on,
                                      rules=rules.to_dict(), deputies_total=total, status=SessionStatus.DRAFT,
                                      body=self._terms_in(s).body,
                                      previous_session_id=previous)
            audit_repo.append(s, code, "vote.created", entity="vote_session", entity_id=v.id,
                              detail={"title": v.title, "candidates": ids, "previous": previous})
            return v.id, Changes.of(DATA, VOTE, message=f"已建立“{v.title}”")

    def set_rules(self, session_id: str, changes: dict) -> Changes:
        """Rules stay editable until voting starts; then they are frozen with the session."""
        with self.db.unit_of_work() as s:
            v = self._get(s, session_id, editable=OPEN_SESSION)
            rules = VoteRules.from_dict({**v.rules, **changes})
            vote_repo.update_session(s, v, rules=rules.to_dict())
            audit_repo.append(s, v.jurisdiction_code, "vote.rules", entity="vote_session", entity_id=v.id,
                              detail=changes)
        return Changes.of(VOTE, message="本次票决规则已更新")

    def sign_in(self, session_id: str, deputy_id: str, present: bool = True, late: bool = False) -> Changes:
        with self.db.unit_of_work() as s:
            v = self._get(s, session_id, editable=OPEN_SESSION)
            vote_repo.update_session(s, v, status=SessionStatus.SIGNIN)
            vote_repo.set_attendance(s, v, deputy_id, present, late)
            audit_repo.append(s, v.jurisdiction_code, "vote.signin" if present else "vote.signin_undone",
                              entity="vote_session", entity_id=v.id, detail={"deputy": deputy_id, "late": late})
        return Changes.of(VOTE)

    def set_officers(self, session_id: str, officers: dict[str, list[str]]) -> Changes:
        with self.db.unit_of_work() as s:
            v = self._get(s, session_id, editable=(*OPEN_SESSION, SessionStatus.COUNTING))
            vote_repo.replace_officers(s, v, officers)
            audit_repo.append(s, v.jurisdiction_code, "vote.officers", entity="vote_session", entity_id=v.id,
                              detail=officers)
        return Changes.of(VOTE, message="已确定计票人、监票人和总监票人")

    def start(self, session_id: str, *, mode: str = "ballots", issued: int | None = None,
              by_delegation: bool = False) -> Changes:
        """Freeze the rules with today's attendance and start counting; refused below quorum. Counted by
        delegation (分团计票), each delegation is issued one ballot per deputy of it present."""
        if mode not in ("ballots", "totals"):
            raise UserError("计票方式应为逐张唱票或汇总票数", "unknown counting mode")
        with self.db.unit_of_work() as s:
            v = self._get(s, session_id, editable=OPEN_SESSION)
            present = len(vote_repo.present_ids(s, v.id))
            rules = VoteRules.from_dict({**v.rules, "deputies_present": present})
            if not has_quorum(rules.deputies_total, present, rules.quorum_fraction):
                need = quorum_needed(rules.deputies_total, rules.quorum_fraction)
                raise UserError(f"实到 {present} 人，不足法定人数 {need} 人（应到 {rules.deputies_total} 人），"
                                f"不能进行{self._terms_in(s).vote}",
                                "below quorum", field="实到")
            issued = present if issued is None or by_delegation else issued
            if issued < 0 or issued > present:
                raise UserError(f"发出票数应在 0～{present} 之间", "issued must not exceed present", field="发出票数")
            boxes = deleg.to_stored(deleg.plan(delegation_repo.present_groups(s, v.id))) if by_delegation else None
            vote_repo.update_session(s, v, rules=rules.to_dict(), deputies_present=present, ballots_issued=issued,
                                     count_mode=mode, status=SessionStatus.COUNTING, delegations=boxes)
            audit_repo.append(s, v.jurisdiction_code, "vote.started", entity="vote_session", entity_id=v.id,
                              detail={"rules": v.rules, "issued": issued, "mode": mode, "delegations": boxes})
        if by_delegation:
            return Changes.of(VOTE, message=f"开始分团计票：实到 {present} 人，{len(boxes or {})} 个代表团共发出选票 {issued} 张")
        return Changes.of(VOTE, message=f"开始计票：实到 {present} 人，发出选票 {issued} 张")

    def declare_collected(self, session_id: str, collected: int) -> Changes:
        """The ballots counted from the box (with the phone votes, if any, added). More than issued voids the vote."""
        if collected < 0:
            raise UserError("收回票数不能为负数", "collected must not be negative", field="收回票数")
        with self.db.unit_of_work(read_only=True) as s:
            phones = phone_repo.figures(s, session_id).used
        voids = collected + phones > self.info(session_id).ballots_issued  # void: shown as such, to be taken again
        if voids:
            from .backup_service import safety_backup

            safety_backup(self.db, "before-seal")
        with self.db.unit_of_work() as s:  # the count and, when it voids the vote, the sealed result: one unit
            v = self._get(s, session_id, editable=(SessionStatus.COUNTING,))
            phone = phone_repo.figures(s, v.id)
            if phone.is_open:
                raise UserError("手机投票尚未结束：请先点“结束手机投票”，再录入收回的纸质选票", "phone voting is open")
            total = collected + phone.used
            if total < _live_count(s, v.id):
                raise UserError("收回票数少于已录入的选票数", "fewer than already recorded", field="收回票数")
            vote_repo.update_session(s, v, ballots_collected=total)
            audit_repo.append(s, v.jurisdiction_code, "vote.collected", entity="vote_session", entity_id=v.id,
                              detail={"collected": total, "issued": v.ballots_issued, "phone": phone.used})
            if total > v.ballots_issued:
                return self.seal_within(s, v)
        if phone.used:
            return Changes.of(VOTE, message=f"收回纸质选票 {collected} 张，加手机投票 {phone.used} 张，共 {total} 张")
        return Changes.of(VOTE, message=f"收回选票 {collected} 张")

    # Counting --------------------------------------------------------------------------------------------------
    def record_ballot(self, session_id: str, marks: dict[str, str], spoiled: bool = False, by: str = "",
                      delegation: str = "", evidence: list[SheetEvidence] | None = None) -> str | None:
        """Write one ballot durably (its own committed transaction). Returns why it is invalid, if it is.
        A scanned ballot brings its sheets (``evidence``): kept with it, and refused when a sheet's image is
        already held by a live ballot of the session.

        One small transaction (the ballot and its audit entry, one statement to check the session); the running
        count, when the session is open, takes the ballot in memory once it is committed. A session counted by
        delegation takes each ballot for the delegation whose box it came from."""
        run = self._running.get(session_id)  # takes the ballot only once it is committed: a refusal leaves it as is
        with self.db.unit_of_work() as s:
            state = counting_state(s, session_id, delegation)
            room_for_ballot(state, delegation)
            # The candidates and rules are frozen once counting starts: the open session's are those in memory.
            if run is not None:
                rules, ids = run.rules, run.ids
            else:
                rules, ids = self.frozen_rules(s, session_id)
            unknown = set(marks) - set(ids)
            if unknown or any(m not in MARKS for m in marks.values()):
                raise UserError("选票含未知的候选项目或标记", "unknown candidate or mark")
            clean = {} if spoiled else dict(marks)
            problem = write_ballot(s, state, session_id, clean, spoiled, by, rules, ids, delegation, evidence)
        if run is not None and run.recorded == state.live:
            run.add(Ballot(clean, spoiled), delegation)
            self._running[session_id] = run
        else:
            self._running.pop(session_id, None)  # out of step (a phone ballot came in): rebuilt when next asked
        return problem

    def frozen_rules(self, s, session_id: str) -> tuple[VoteRules, list[str]]:
        """The session's rules and ballot order (frozen once counting starts)."""
        rules = VoteRules.from_dict(self._get(s, session_id).rules)
        return rules, [cid for cid, _n, _o in vote_repo.session_candidates(s, session_id)]

    def forget_running(self, session_id: str) -> None:
        """A ballot was written by another path (a phone): the running count is rebuilt when next asked."""
        self._running.pop(session_id, None)

    def withdraw_last(self, session_id: str, by: str = "", delegation: str | None = None) -> Changes:
        """“Undo last” is itself a recorded act: the ballot stays, marked withdrawn, and the log says so. Counted by
        delegation, each delegation's tellers take back their own delegation's last ballot."""
        run = self._running.get(session_id)
        with self.db.unit_of_work() as s:
            v = self._get(s, session_id, editable=(SessionStatus.COUNTING,))
            live_before = _live_count(s, v.id)
            if v.delegations is not None:
                deleg.known(deleg.from_stored(v.delegations), delegation or "")
                last = delegation_repo.last_live(s, v.id, delegation or "")
            else:
                live = vote_repo.live_ballots(s, v.id)
                last = live[-1] if live else None
            if last is None:
                raise UserError("还没有录入选票", "no ballot to withdraw")
            if last.entered_by == PHONE_ENTRY:
                raise UserError("上一张是手机投出的表决票，不能撤销", "a phone ballot cannot be withdrawn")
            vote_repo.withdraw(last)
            audit_repo.append(s, v.jurisdiction_code, "ballot.withdrawn", entity="vote_session", entity_id=v.id,
                              detail={"seq": last.seq, "by": by, **({"delegation": delegation} if delegation else {})})
            seq = last.seq
        if run is not None and run.recorded == live_before:
            run.withdraw_last(delegation if delegation else None)
            self._running[session_id] = run
        return Changes.of(VOTE, message=f"已撤销第 {seq} 张选票的录入（留有记录）")

    def submit_totals(self, session_id: str, entry_no: int, totals: PaperTotals, teller: str = "") -> list[str]:
        """One teller's paper totals. Returns the differences from the other teller's entry (empty = agreed)."""
        if entry_no not in (1, 2):
            raise UserError("录入次序应为 1 或 2", "entry must be 1 or 2")
        with self.db.unit_of_work() as s:
            v = self._get(s, session_id, editable=(SessionStatus.COUNTING,))
            if v.count_mode != "totals":
                raise UserError("本次采用逐张唱票方式计票", "this session counts ballot by ballot")
            cands = vote_repo.session_candidates(s, v.id)
            validate_totals(totals, [cid for cid, _n, _o in cands])
            vote_repo.add_paper_entry(s, v, entry_no, teller, totals.ballots_collected, totals.invalid_ballots,
                                      {k: dict(c) for k, c in totals.counts.items()})
            entries = vote_repo.paper_entries(s, v.id)
            diffs: list[str] = []
            if len(entries) == 2:
                diffs = totals_differences(paper_totals(entries[1]), paper_totals(entries[2]),
                                           {cid: name for cid, name, _o in cands})
                vote_repo.accept_entries(entries, not diffs)
                if not diffs:
                    vote_repo.update_session(s, v, ballots_collected=totals.ballots_collected)
            audit_repo.append(s, v.jurisdiction_code, "totals.entered", entity="vote_session", entity_id=v.id,
                              detail={"entry": entry_no, "teller": teller, "collected": totals.ballots_collected,
                                      "invalid": totals.invalid_ballots, "counts": dict(totals.counts),
                                      "agreed": len(entries) == 2 and not diffs})
            return diffs

    # The result ------------------------------------------------------------------------------------------------
    def publish(self, session_id: str) -> Changes:
        """Count with the domain rules, seal (signed with the town's key, its code in the audit log), and turn the
        chosen candidates into the year's projects: one transaction. A refusal (read-only, before it) comes
        before the safety backup; a failure inside (the count, the seal) leaves the session unpublished."""
        with self.db.unit_of_work(read_only=True) as s:
            info = self._info(s, session_id)
            stored = [Ballot(dict(b.marks), b.spoiled) for b in vote_repo.live_ballots(s, session_id)]
        if info.sealed:
            raise UserError(f"{info.terms.result}已公布并封存", "already sealed")
        if info.status != SessionStatus.COUNTING:
            raise UserError("尚未开始计票", "counting has not started")
        run = self._running.get(session_id)
        if run is not None and info.count_mode == "ballots" and (
                run.totals() != count_ballots(info.candidates, stored, info.rules)):
            # The result is counted from the stored ballots below; a running count that disagrees was wrong on
            # screen only. Say so in the log.
            logging.getLogger(__name__).error("running count of %s disagreed with the stored ballots", session_id)
        from . import seal_service
        from .backup_service import safety_backup

        with self.db.unit_of_work(read_only=True) as s:  # refuses (with the reason) before any backup is taken
            seal_service.count_session(s, self._get(s, session_id))

        safety_backup(self.db, "before-seal")
        with self.db.unit_of_work() as s:
            return self.seal_within(s, self._get(s, session_id, editable=(SessionStatus.COUNTING,)))

    def seal_within(self, s, v) -> Changes:
        """Inside the caller's unit of work: recount from the stored facts, seal, make the projects."""
        from . import seal_service

        result = seal_service.count_session(s, v)
        status = SessionStatus.VOID if result.is_void else SessionStatus.SEALED
        vote_repo.update_session(s, v, result=result.to_dict(), status=status, sealed_at=self.clock.now())
        vote_repo.update_session(s, v, seal_hash=vote_repo.seal_digest(s, v))
        sealed = seal_service.seal_vote(s, v)
        audit_repo.append(s, v.jurisdiction_code, "vote.sealed", entity="vote_session", entity_id=v.id,
                          detail={"seal": v.seal_hash, "code": sealed.code, "status": result.status,
                                  "chosen": list(result.chosen)})
        if not result.is_void:
            vote_repo.add_projects(s, v, list(result.chosen))
        word = "无效，须重新投票" if result.is_void else f"当选 {len(result.chosen)} 个"
        return Changes.of(DATA, VOTE, message=f"{self._terms_in(s).result}已公布并封存：{word}；封存码 {sealed.code}")

    def create_revote(self, session_id: str, title: str) -> tuple[str, Changes]:
        """A new session linked to the first: among the tied, for unfilled places, or again after a void vote."""
        info = self.info(session_id)
        r = info.result
        if r is None:
            raise UserError("结果尚未公布", "no result yet")
        if r.is_void:
            ids, seats = [c.id for c in info.candidates], info.rules.seats
        elif r.revote:
            ids, seats = list(r.revote), r.unfilled
        elif r.unfilled:
            ids, seats = [c.id for c in r.candidates if c.id not in r.chosen], r.unfilled
        else:
            raise UserError(f"本次{info.terms.vote}名额已满，无需再次投票", "nothing to revote")
        return self.create(info.year, title, self.today, candidate_ids=ids, previous=session_id, seats=seats)

    # Seals -----------------------------------------------------------------------------------------------------
    def seal_code(self, session_id: str) -> str:
        """The printed seal code of a sealed session ("" before it is sealed)."""
        from .seal_service import SealService

        return SealService(self.db).seal_code(session_id)

    def verify_seal(self, text: str) -> dict:
        """Check a printed seal code or QR text against this file (see seal_service.verify_printed)."""
        from .seal_service import SealService

        return SealService(self.db).verify(text)
