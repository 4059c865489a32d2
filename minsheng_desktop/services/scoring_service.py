"""测评: satisfaction rounds (deputies' and residents'), totals entered twice or ballot by ballot, follow-ups.

A round scores a *subject*: a project, or an item on a meeting's agenda (a 专项工作, a unit's work, the handling of
审议意见). The methods, the verdict (domain/satisfaction.py) and the 政府说明 → 整改 → 再测评 chain are the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..domain.agenda import subject_name
from ..domain.errors import UserError
from ..domain.satisfaction import (
    CHOICES,
    COUNT_LABELS,
    METHODS,
    ScoringPolicy,
    ThreeLevelCounts,
    score_hundred_point,
    score_three_level,
)
from ..domain.vocabulary import FollowUpStage, Satisfaction
from ..storage import agenda_repo, audit_repo, phone_repo, scoring_repo, seal_repo, settings_repo, supervision_repo
from .base import DatedService
from .changes import DATA, Changes

LEVELS = CHOICES  # the choices a scoring ballot may hold (domain/satisfaction.py)
PROJECT_SUBJECT = "项目"
MAX_SCORES = 2000  # more 100-point scores than any meeting has deputies is a typing slip


def _subject(subject: scoring_repo.Subject) -> tuple[str, str]:
    """(what documents call the subject, its kind: 项目 or the agenda item's kind)."""
    project, kind, title = subject
    if kind is not None:
        return subject_name(kind, title or ""), kind
    return project or "", PROJECT_SUBJECT


@dataclass(frozen=True)
class RoundRow:
    id: str
    project_id: str | None
    project: str  # the subject's name: a project's, or e.g. “镇司法所工作” for an agenda item
    batch: str
    respondents: str
    method: str
    held_on: date | None
    entry_mode: str
    counts: dict[str, Any]
    verdict: str
    satisfied_rate: float | None
    satisfied_or_basic_rate: float | None
    needs_follow_up: bool
    seal_code: str = ""  # printed on the 测评结果 once the round is decided (sealed like a vote)
    agenda_item_id: str | None = None
    event_id: str | None = None  # the meeting it was held at
    subject_kind: str = PROJECT_SUBJECT  # 项目, or the agenda item's kind (专项工作 …)

    @property
    def decided(self) -> bool:
        return bool(self.verdict)


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    project: str
    round_id: str
    stage: str
    due_on: date | None
    explanation: str
    rectification: str
    rescore_round_id: str | None
    closed_on: date | None
    agenda_item_id: str | None = None
    subject_kind: str = PROJECT_SUBJECT


class ScoringService(DatedService):

    def _ctx(self, s) -> tuple[str, ScoringPolicy]:
        code = settings_repo.local_code(s)
        return code, ScoringPolicy.from_dict(settings_repo.get(s, code, "scoring_policy"))

    def policy_in(self, s) -> ScoringPolicy:
        """Inside the caller's unit (the phone page's)."""
        return self._ctx(s)[1]

    def policy(self) -> ScoringPolicy:
        with self.db.unit_of_work() as s:
            return self._ctx(s)[1]

    def rounds(self, year: int) -> list[RoundRow]:
        with self.db.unit_of_work() as s:
            code, _ = self._ctx(s)
            rows = scoring_repo.rounds_of(s, code, year)
            codes = seal_repo.seal_codes(s, [r.id for r, _names in rows])
            return [RoundRow(r.id, r.project_id, name, r.batch, r.respondents, r.method, r.held_on, r.entry_mode,
                             dict(r.counts or {}), r.verdict, r.satisfied_rate, r.satisfied_or_basic_rate,
                             r.needs_follow_up, codes.get(r.id, ""), r.agenda_item_id, r.event_id, kind)
                    for r, (name, kind) in ((r, _subject(subject)) for r, subject in rows)]

    def create_rounds(self, year: int, project_ids: list[str], batch: str, respondents: str, held_on: date,
                      entry_mode: str = "totals", method: str | None = None) -> tuple[list[str], Changes]:
        """One round per project (a batch scores all of them at once, on one ballot)."""
        if not project_ids:
            raise UserError("请至少选择一个项目", "choose at least one project", field="项目")
        if respondents not in ("代表", "群众"):
            raise UserError("测评对象应为“代表”或“群众”（回头看）", "respondents must be 代表 or 群众")
        if entry_mode not in ("totals", "ballots"):
            raise UserError("录入方式应为汇总或逐张", "unknown entry mode")
        if not batch.strip():
            raise UserError("请填写测评名称，如“2026年度民生实事项目满意度测评”", "batch name required", field="测评名称")
        with self.db.unit_of_work() as s:
            code, policy = self._ctx(s)
            ids = []
            for pid in project_ids:
                ids.append(scoring_repo.add_round(s, jurisdiction_code=code, year=year, project_id=pid,
                                                  batch=batch.strip(), respondents=respondents,
                                                  method=method or policy.method, held_on=held_on,
                                                  entry_mode=entry_mode, counts={}))
            audit_repo.append(s, code, "scoring.created", entity="satisfaction_round", entity_id=ids[0],
                              detail={"batch": batch, "projects": len(ids), "respondents": respondents})
        return ids, Changes.of(DATA, message=f"已建立测评“{batch}”（{len(ids)} 个项目）")

    def create_item_rounds(self, item_ids: list[str], batch: str, held_on: date | None = None,
                           entry_mode: str = "totals", method: str | None = None) -> tuple[list[str], Changes]:
        """One deputies' round per agenda item, held at the item's meeting (``event_id`` names it, so attendance
        there counts as taking part in a 测评)."""
        if not item_ids:
            raise UserError("请至少选择一个议程事项", "choose at least one agenda item", field="议程")
        if entry_mode not in ("totals", "ballots"):
            raise UserError("录入方式应为汇总或逐张", "unknown entry mode")
        if not batch.strip():
            raise UserError("请填写测评名称，如“第一季度专项工作报告会测评”", "batch name required", field="测评名称")
        with self.db.unit_of_work() as s:
            code, policy = self._ctx(s)
            method = method or policy.method
            if method not in METHODS:
                raise UserError("测评方式应为三档或百分制", "unknown method", field="测评方式")
            entry_mode = "ballots" if method == "hundred_point" else entry_mode  # a score per ballot
            ids = []
            for item_id in dict.fromkeys(item_ids):
                item = scoring_repo.get_item(s, item_id)
                event = supervision_repo.get_event(s, item.event_id) if item is not None else None
                if item is None or event is None:
                    raise UserError("该议程事项已不存在，请刷新", "agenda item not found")
                ids.append(scoring_repo.add_round(s, jurisdiction_code=code, year=event.year, project_id=None,
                                                  agenda_item_id=item.id, event_id=event.id, batch=batch.strip(),
                                                  respondents="代表", method=method,
                                                  held_on=held_on or event.held_on, entry_mode=entry_mode, counts={}))
            audit_repo.append(s, code, "scoring.created", entity="satisfaction_round", entity_id=ids[0],
                              detail={"batch": batch, "agenda_items": len(ids)})
        return ids, Changes.of(DATA, message=f"已建立测评“{batch}”（{len(ids)} 个议程事项）")

    def submit_scores(self, round_id: str, scores: list[float]) -> Changes:
        """A 100-point round's scores, one per ballot, entered at once: recorded and decided together."""
        if not scores:
            raise UserError("请填写评分，每张测评票一个 0～100 的数", "no score", field="评分")
        if len(scores) > MAX_SCORES:
            raise UserError(f"评分超过 {MAX_SCORES} 个，请检查是否录入有误", "too many scores", field="评分")
        with self.db.unit_of_work() as s:
            code, policy = self._ctx(s)
            r = self._get(s, round_id)
            if r.method != "hundred_point":
                raise UserError("三档测评请录入满意、基本满意、不满意票数", "not a 100-point round")
            result = score_hundred_point(list(scores), policy.bands, policy.follow_up_below)  # validates each score
            for seq, value in enumerate(scores, start=scoring_repo.next_ballot_seq(s, round_id)):
                scoring_repo.add_ballot(s, jurisdiction_code=code, round_id=round_id, seq=seq, score=float(value))
            scoring_repo.update(s, r, counts={"scores": len(scores), "average": result.average})
            self._apply(s, r, result, policy)
            audit_repo.append(s, code, "scoring.scores", entity="satisfaction_round", entity_id=r.id,
                              detail={"scores": len(scores), "average": result.average})
        return Changes.of(DATA, message=f"测评结果已确定：{result.verdict}（平均 {result.average} 分）")

    def _get(self, s, round_id: str):
        r = scoring_repo.get_round(s, round_id)
        if r is None:
            raise UserError("该测评已不存在", "round not found")
        if r.verdict:
            raise UserError("该项目的测评结果已确定，不能再修改", "the round is decided")
        return r

    def submit_totals(self, round_id: str, entry_no: int, counts: dict[str, int]) -> list[str]:
        """Deputies' totals are entered twice and must agree; residents' survey totals once. Returns differences."""
        with self.db.unit_of_work() as s:
            code, policy = self._ctx(s)
            r = self._get(s, round_id)
            if r.method != "three_level":
                raise UserError("百分制测评请逐张录入评分", "enter 100-point scores ballot by ballot")
            clean = {k: int(counts.get(k, 0)) for k in ("satisfied", "basically", "unsatisfied", "abstain", "invalid")}
            score_three_level(ThreeLevelCounts(**clean), policy.follow_up_below)  # validates now, names the problem
            stored = dict(r.counts or {})
            stored[f"entry{entry_no}"] = clean
            scoring_repo.update(s, r, counts=stored)
            diffs: list[str] = []
            if r.respondents == "群众":
                self._decide(s, r, clean, policy)
            elif "entry1" in stored and "entry2" in stored:
                diffs = [f"{COUNT_LABELS[k]}：{stored['entry1'][k]} ≠ {stored['entry2'][k]}" for k in COUNT_LABELS
                         if stored["entry1"][k] != stored["entry2"][k]]
                if not diffs:
                    self._decide(s, r, clean, policy)
            audit_repo.append(s, code, "scoring.totals", entity="satisfaction_round", entity_id=r.id,
                              detail={"entry": entry_no, "counts": clean, "agreed": not diffs})
            return diffs

    def record_ballot(self, round_ids: list[str], choices: dict[str, Any]) -> None:
        """One scoring ballot across a batch: round id → 满意/基本满意/不满意/弃权/无效, or a 0-100 score."""
        with self.db.unit_of_work() as s:
            self.record_in(s, round_ids, choices)

    def record_in(self, s, round_ids: list[str], choices: dict[str, Any], channel: str = "") -> None:
        """Inside the caller's unit (a keyed ballot, or one cast from a phone with its token): the one record path."""
        code, _ = self._ctx(s)
        for rid in round_ids:
            r = self._get(s, rid)
            value = choices.get(rid, Satisfaction.ABSTAIN if r.method == "three_level" else None)
            seq = scoring_repo.next_ballot_seq(s, rid)
            if r.method == "three_level":
                if value not in LEVELS:
                    raise UserError(f"测评意见应为 {'、'.join(LEVELS)} 之一", "unknown choice")
                scoring_repo.add_ballot(s, jurisdiction_code=code, round_id=rid, seq=seq, choice=value)
            else:
                if value is None or not 0 <= float(value) <= 100:
                    raise UserError("评分应为 0～100 的数", "score must be 0-100", field="评分")
                scoring_repo.add_ballot(s, jurisdiction_code=code, round_id=rid, seq=seq, score=float(value))
        detail: dict[str, Any] = {"choices": {k: str(v) for k, v in choices.items()}}
        if channel:
            detail["channel"] = channel
        audit_repo.append(s, code, "scoring.ballot", entity="satisfaction_round", entity_id=round_ids[0],
                          detail=detail)

    def finish_ballots(self, round_ids: list[str]) -> Changes:
        """Count the ballots entered for each round and decide it."""
        with self.db.unit_of_work() as s:
            code, policy = self._ctx(s)
            if phone_repo.open_rounds_over(s, round_ids):
                raise UserError("手机测评尚未结束：请先点“结束手机测评”", "phone scoring is open")
            for rid in round_ids:
                r = self._get(s, rid)
                ballots = scoring_repo.ballots(s, rid)
                if not ballots:
                    raise UserError("还没有录入测评票", "no ballot entered")
                if r.method == "three_level":
                    counts = {v: 0 for v in LEVELS.values()}
                    for b in ballots:
                        counts[LEVELS[b.choice]] += 1
                    self._decide(s, r, counts, policy)
                else:
                    scores = [b.score for b in ballots if b.score is not None]
                    result = score_hundred_point(scores, policy.bands, policy.follow_up_below)
                    scoring_repo.update(s, r, counts={"scores": len(scores), "average": result.average})
                    self._apply(s, r, result, policy)
            audit_repo.append(s, code, "scoring.finished", entity="satisfaction_round", entity_id=round_ids[0],
                              detail={"rounds": len(round_ids)})
        return Changes.of(DATA, message="测评结果已确定")

    def _decide(self, s, r, counts: dict[str, int], policy: ScoringPolicy) -> None:
        result = score_three_level(ThreeLevelCounts(**counts), policy.follow_up_below)
        scoring_repo.update(s, r, counts={**(r.counts or {}), **counts})
        self._apply(s, r, result, policy)

    def _apply(self, s, r, result, policy: ScoringPolicy) -> None:
        scoring_repo.update(s, r, verdict=result.verdict, satisfied_rate=result.satisfied_rate,
                            satisfied_or_basic_rate=result.satisfied_or_basic_rate,
                            needs_follow_up=result.needs_follow_up)
        from .seal_service import seal_round

        seal_round(s, r, policy)  # a published round is sealed like a vote, in the same transaction
        if r.agenda_item_id and not result.needs_follow_up:  # handled well: the 审议意见 it re-deliberated close
            agenda_repo.close_reviewed(s, r.agenda_item_id, r.held_on or self.today)
        rescored = scoring_repo.rescoring(s, r.id)
        if rescored is not None:  # the re-scoring of a rectified project decides its follow-up
            scoring_repo.update(s, rescored,
                                stage=FollowUpStage.RECTIFY if result.needs_follow_up else FollowUpStage.CLOSED,
                                closed_on=None if result.needs_follow_up else self.today,
                                rescore_round_id=None if result.needs_follow_up else r.id)
        elif result.needs_follow_up and r.respondents == "代表":
            scoring_repo.add_follow_up(s, jurisdiction_code=r.jurisdiction_code, project_id=r.project_id,
                                       agenda_item_id=r.agenda_item_id, round_id=r.id, stage=FollowUpStage.EXPLAINED,
                                       due_on=(r.held_on or self.today) + timedelta(days=policy.rectify_days))

    def follow_ups(self, year: int) -> list[FollowUpRow]:
        with self.db.unit_of_work() as s:
            code, _ = self._ctx(s)
            rows = scoring_repo.follow_ups_of(s, code, year)
            return [FollowUpRow(f.id, name, f.round_id, f.stage, f.due_on, f.explanation, f.rectification,
                                f.rescore_round_id, f.closed_on, f.agenda_item_id, kind)
                    for f, (name, kind) in ((f, _subject(subject)) for f, subject in rows)]

    def advance(self, follow_up_id: str, text: str) -> Changes:
        """政府说明 (the explanation) → 整改 (what was rectified) → 再测评 (a new round is opened for the subject)."""
        if not text.strip():
            raise UserError("请填写内容", "text required", field="内容")
        with self.db.unit_of_work() as s:
            code, _policy = self._ctx(s)
            f = scoring_repo.get_follow_up(s, follow_up_id)
            if f is None or f.stage in (FollowUpStage.RESCORE, FollowUpStage.CLOSED):
                raise UserError("该跟进事项当前不能推进", "cannot advance this follow-up")
            if f.stage == FollowUpStage.EXPLAINED:
                scoring_repo.update(s, f, explanation=text.strip(), stage=FollowUpStage.RECTIFY)
            else:
                scoring_repo.update(s, f, rectification=text.strip(), stage=FollowUpStage.RESCORE)
                old = scoring_repo.get_round(s, f.round_id)
                if old is None:
                    raise UserError("该测评已不存在", "round not found")
                new_id = scoring_repo.add_round(s, jurisdiction_code=code, year=old.year, project_id=f.project_id,
                                                agenda_item_id=f.agenda_item_id, batch=f"{old.batch}（整改后再测评）", respondents="代表",
                                                method=old.method, held_on=self.today, entry_mode=old.entry_mode,
                                                counts={})
                scoring_repo.update(s, f, rescore_round_id=new_id)
            audit_repo.append(s, code, "scoring.follow_up", entity="follow_up", entity_id=f.id,
                              detail={"stage": f.stage})
            return Changes.of(DATA, message=f"整改跟进：进入“{f.stage}”")
