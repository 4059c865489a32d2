"""候选项目: building candidates from proposals, the chain of meetings, the 差额 check and the ballot order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.errors import UserError
from ..domain.rules import VotePolicy, margin_check
from ..domain.screening import CandidateInput, Meeting, check_meeting, screening_state, validate_candidate
from ..domain.terms import terms_for
from ..domain.vocabulary import ScreeningStatus
from ..storage import audit_repo, candidate_repo, proposal_repo, settings_repo
from ..storage.db import Database
from .changes import DATA, Changes


@dataclass(frozen=True)
class MeetingRow:
    stage_order: int
    stage_name: str
    meeting_date: date | None
    decision: str
    notes: str


@dataclass(frozen=True)
class CandidateRow:
    id: str
    ballot_order: int
    name: str
    content: str
    category: str
    est_investment: float | None
    fund_source: str
    responsible_unit: str
    lead_official: str
    deadline: date | None
    status: str  # 初选 / 已审定 / 未通过 / 撤回
    next_stage: str | None
    meetings: list[MeetingRow] = field(default_factory=list)
    sources: list[tuple[str, int, str, str]] = field(default_factory=list)  # id, 序号, title, proposer

    def as_input(self) -> CandidateInput:
        from decimal import Decimal

        return CandidateInput(self.name, self.content, self.category,
                              None if self.est_investment is None else Decimal(str(self.est_investment)),
                              self.fund_source, self.responsible_unit, self.lead_official, self.deadline)


@dataclass(frozen=True)
class Margin:
    level: str
    message: str
    approved: int
    seats: int


class ScreeningService:
    def __init__(self, db: Database):
        self.db = db

    def _ctx(self, s) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        j = settings_repo.local_jurisdiction(s)
        if j is None:
            raise UserError("尚未设置本级信息", "no jurisdiction set up yet")
        chain = tuple(settings_repo.get(s, j.code, "screening_chain", []) or [])
        cats = tuple(settings_repo.get(s, j.code, "categories", []) or ["其他"])
        return j.code, chain, cats

    def chain(self) -> tuple[str, ...]:
        with self.db.unit_of_work() as s:
            return self._ctx(s)[1]

    def candidates(self, year: int) -> list[CandidateRow]:
        with self.db.unit_of_work() as s:
            code, chain, _ = self._ctx(s)
            cands = candidate_repo.for_year(s, code, year)
            ids = [c.id for c in cands]
            meets, srcs = candidate_repo.meetings(s, ids), candidate_repo.sources(s, ids)
            out = []
            for c in cands:
                records = meets[c.id]
                state = screening_state(chain, [Meeting(r.stage_name, r.decision) for r in records])
                status = "撤回" if c.status == "撤回" else state.status
                out.append(CandidateRow(
                    c.id, c.ballot_order, c.name, c.content, c.category,
                    float(c.est_investment) if c.est_investment is not None else None, c.fund_source,
                    c.responsible_unit, c.lead_official, c.deadline, status,
                    state.next_stage if status == ScreeningStatus.SCREENING else None,
                    [MeetingRow(r.stage_order, r.stage_name, r.meeting_date, r.decision, r.notes) for r in records],
                    [(p.id, p.seq_no, p.title, p.proposer) for p in srcs[c.id]]))
            return out

    def create(self, year: int, data: CandidateInput, proposal_ids: list[str]) -> tuple[str, Changes]:
        with self.db.unit_of_work() as s:
            code, _chain, cats = self._ctx(s)
            data = validate_candidate(data, cats)
            c = candidate_repo.add(s, jurisdiction_code=code, year=year,
                                   ballot_order=candidate_repo.next_order(s, code, year),
                                   status=ScreeningStatus.SCREENING, **_fields(data))
            self._link(s, code, c, proposal_ids)
            audit_repo.append(s, code, "candidate.created", entity="candidate", entity_id=c.id,
                              detail={"name": c.name, "proposals": proposal_ids})
            return c.id, Changes.of(DATA, message=f"已建立候选项目“{c.name}”")

    def _link(self, s, code: str, c, proposal_ids: list[str]) -> None:
        for pid in dict.fromkeys(proposal_ids):
            p = proposal_repo.get(s, pid)
            if p is None:
                raise UserError("所选建议已不存在，请刷新", "proposal not found")
            candidate_repo.link(s, code, c.id, pid)
            if p.status != "合并":
                referral = terms_for(settings_repo.local_level(s)).referral  # 提请议事代表会议票选 in a street
                proposal_repo.update(p, status="采纳为候选", reply_reason=f"已纳入候选项目“{c.name}”，{referral}")

    def update(self, candidate_id: str, data: CandidateInput, proposal_ids: list[str] | None = None) -> Changes:
        with self.db.unit_of_work() as s:
            code, _chain, cats = self._ctx(s)
            data = validate_candidate(data, cats)
            c = self._get(s, candidate_id)
            before = {k: str(getattr(c, k)) for k in _fields(data)}
            candidate_repo.update(c, **_fields(data))
            if proposal_ids is not None:
                candidate_repo.unlink_all(s, c.id)
                self._link(s, code, c, proposal_ids)
            audit_repo.append(s, code, "candidate.updated", entity="candidate", entity_id=c.id,
                              detail={"before": before})
            return Changes.of(DATA, message=f"已保存候选项目“{c.name}”")

    def _get(self, s, candidate_id: str):
        c = candidate_repo.get(s, candidate_id)
        if c is None:
            raise UserError("该候选项目已不存在，请刷新", "candidate not found")
        return c

    def record_meeting(self, candidate_ids: list[str], meeting: Meeting) -> Changes:
        """One meeting deciding one or more candidates at the stage each has reached; all or nothing."""
        if not candidate_ids:
            raise UserError("请先选中要审定的候选项目", "no candidate selected")
        with self.db.unit_of_work() as s:
            code, chain, _ = self._ctx(s)
            if meeting.stage_name not in chain:
                raise UserError(f"“{meeting.stage_name}”不在审定流程中", "unknown stage", field="审定环节")
            existing = candidate_repo.meetings(s, candidate_ids)
            for cid in candidate_ids:
                c = self._get(s, cid)
                if c.status == "撤回":
                    raise UserError(f"“{c.name}”已撤回，不能审定", "candidate withdrawn")
                records = [Meeting(r.stage_name, r.decision) for r in existing[cid]]
                try:
                    check_meeting(chain, records, meeting)
                except UserError as exc:
                    raise UserError(f"“{c.name}”：{exc.zh}", exc.en, field=exc.field) from exc
                candidate_repo.add_meeting(s, jurisdiction_code=code, candidate_id=cid,
                                           stage_order=chain.index(meeting.stage_name) + 1,
                                           stage_name=meeting.stage_name, meeting_date=meeting.meeting_date,
                                           decision=meeting.decision, notes=(meeting.notes or "").strip())
                state = screening_state(chain, [*records, meeting])
                candidate_repo.update(c, status=state.status)
            audit_repo.append(s, code, "candidate.screened", entity="candidate", entity_id=candidate_ids[0],
                              detail={"ids": candidate_ids, "stage": meeting.stage_name, "decision": meeting.decision,
                                      "date": str(meeting.meeting_date)})
        return Changes.of(DATA, message=f"已记录{meeting.stage_name}对 {len(candidate_ids)} 个候选项目的审定")

    def withdraw(self, candidate_id: str, reason: str) -> Changes:
        if not (reason or "").strip():
            raise UserError("撤回候选项目须写明理由", "a reason is required", field="理由")
        with self.db.unit_of_work() as s:
            code, _, _ = self._ctx(s)
            c = self._get(s, candidate_id)
            candidate_repo.update(c, status="撤回")
            audit_repo.append(s, code, "candidate.withdrawn", entity="candidate", entity_id=c.id,
                              detail={"reason": reason})
            return Changes.of(DATA, message=f"已撤回“{c.name}”")

    def move(self, year: int, candidate_id: str, step: int) -> Changes:
        rows = self.candidates(year)
        ids = [r.id for r in rows]
        i = ids.index(candidate_id)
        j = max(0, min(len(ids) - 1, i + step))
        ids.insert(j, ids.pop(i))
        return self._reorder(ids, "已调整选票顺序")

    def order_by_category(self, year: int) -> Changes:
        with self.db.unit_of_work() as s:
            cats = self._ctx(s)[2]
        rows = self.candidates(year)
        rank = {c: i for i, c in enumerate(cats)}
        ids = [r.id for r in sorted(rows, key=lambda r: (rank.get(r.category, len(rank)), r.ballot_order))]
        return self._reorder(ids, "已按类别排列选票顺序")

    def _reorder(self, ids: list[str], message: str) -> Changes:
        with self.db.unit_of_work() as s:
            code, _, _ = self._ctx(s)
            for order, cid in enumerate(ids, start=1):
                candidate_repo.update(self._get(s, cid), ballot_order=order)
            audit_repo.append(s, code, "candidate.reordered", entity="candidate", detail={"order": ids})
        return Changes.of(DATA, message=message)

    def margin(self, year: int) -> Margin:
        with self.db.unit_of_work() as s:
            code, _, _ = self._ctx(s)
            policy = VotePolicy.from_dict(settings_repo.get(s, code, "vote_policy"))
            vote = terms_for(settings_repo.local_level(s)).vote
        approved = sum(1 for r in self.candidates(year) if r.status == ScreeningStatus.APPROVED)
        level, message = margin_check(approved, policy.rules.seats, vote)
        return Margin(level, f"已审定 {approved} 个；{message}", approved, policy.rules.seats)

    def ballot_list(self, year: int) -> list[CandidateRow]:
        """The approved candidates in ballot order: what goes to the congress."""
        return [r for r in self.candidates(year) if r.status == ScreeningStatus.APPROVED]


def _fields(data: CandidateInput) -> dict:
    return {"name": data.name, "content": data.content, "category": data.category,
            "est_investment": data.est_investment, "fund_source": data.fund_source,
            "responsible_unit": data.responsible_unit, "lead_official": data.lead_official, "deadline": data.deadline}
