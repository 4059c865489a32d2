"""扫码表决: phone voting in a vote session — printing the slips, opening and closing, and every vote cast.

A phone's vote goes through the vote service's one durable record path (``ballot_record.write_ballot``: the ballot
row and its audit entry), in the same transaction that marks its token used, so a token votes once, and a phone
that asks again after a lost answer gets its receipt back instead of voting twice."""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import UserError
from ..domain.phone_ballot import (
    MAX_SLIPS,
    NONCE_RE,
    PHONE_ENTRY,
    BadForm,
    check_unissued,
    form_marks,
    is_token,
    new_receipt,
    new_token,
    phone_problem,
    token_hash,
)
from ..domain.rules import VoteRules
from ..domain.vocabulary import SessionStatus
from ..domain.vote_session import MARK_LABELS
from ..storage import audit_repo, phone_repo, vote_repo
from ..storage.phone_repo import RoundFigures
from .ballot_record import counting_state, write_ballot
from .changes import Changes
from .vote_service import VOTE, VoteService

if TYPE_CHECKING:
    from .phone_score_service import PhoneScoreService


class Refused(UserError):
    """A phone's request refused with no effect (used or unknown slip, voting closed, an invalid ballot)."""


@dataclass(frozen=True)
class PhoneBallot:
    """What the phone page shows: the ballot as printed."""

    heading: str
    title: str
    rule: str  # the sentence above the subjects
    names: tuple[str, ...]
    options: tuple[tuple[str, str], ...]  # (form value, word) for each subject; empty: a 0–100 score is typed
    multi: bool = False  # ticks (up to ``limit``) rather than one choice per subject
    limit: int = 0  # at most this many 赞成, checked on the phone before sending (0: no such rule)


@dataclass(frozen=True)
class Cast:
    receipt: str
    again: bool  # the same page asked again (its answer was lost): the first vote stands


def _nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode("ascii")).hexdigest()


class PhoneVoteService:
    def __init__(self, db, vote: VoteService, score: PhoneScoreService | None = None):
        self.db = db
        self.vote = vote
        self.score = score

    # The console ------------------------------------------------------------------------------------------------
    def figures(self, session_id: str) -> RoundFigures:
        with self.db.unit_of_work(read_only=True) as s:
            return phone_repo.figures(s, session_id)

    def open(self, session_id: str) -> Changes:
        """Phones may vote (again, after a pause) while the session counts ballot by ballot, before the box."""
        with self.db.unit_of_work() as s:
            state = counting_state(s, session_id)
            if state.delegations is not None:  # each delegation counts its own box: a phone ballot has none
                raise UserError("本次分团计票，请各代表团使用纸质选票；手机投票只用于全体会议统一计票",
                                "phone voting is not offered in a session counted by delegation")
            if state.ballots_collected is not None:
                raise UserError("已录入收回票数，不能再开始手机投票", "the box is already counted")
            r = phone_repo.current_round(s, session_id) or phone_repo.add_round(s, state.code, session_id)
            phone_repo.set_open(s, r, True)
            audit_repo.append(s, state.code, "phone.opened", entity="vote_session", entity_id=session_id,
                              detail={"printed": r.printed})
        return Changes.of(VOTE, message="手机投票已开始")

    def issue_slips(self, session_id: str, base_url: str, path: str | os.PathLike[str],
                    count: int | None = None) -> Path:
        """The slips PDF: one per deputy present (or ``count``), shuffled, each with its token's QR code."""
        from .reports.phone_slips import write_slips

        title = self.vote.info(session_id).title
        return write_slips(path, title, self.new_slips(session_id, base_url, count))

    def new_slips(self, session_id: str, base_url: str, count: int | None = None) -> list[str]:
        """Fresh tokens (their hashes stored; slips printed before stop working, votes cast with them stay) and the
        address each slip's QR code opens, shuffled. The only moment the tokens exist outside a printed slip."""
        info = self.vote.info(session_id)
        n = len(info.present) if count is None else count
        if not 1 <= n <= MAX_SLIPS:
            raise UserError(f"表决票张数应在 1～{MAX_SLIPS} 之间（实到 {len(info.present)} 人）", "slip count out of range")
        tokens = [new_token() for _ in range(n)]
        secrets.SystemRandom().shuffle(tokens)
        with self.db.unit_of_work() as s:
            state = counting_state(s, session_id)
            if state.ballots_collected is not None:
                raise UserError("已录入收回票数，不能再打印手机表决票", "the box is already counted")
            r = phone_repo.current_round(s, session_id) or phone_repo.add_round(s, state.code, session_id)
            phone_repo.replace_tokens(s, r, [token_hash(t) for t in tokens])
            audit_repo.append(s, state.code, "phone.slips", entity="vote_session", entity_id=session_id,
                              detail={"slips": n, "printed": r.printed})
        return [f"{base_url.rstrip('/')}/v/{t}" for t in tokens]

    def close(self, session_id: str, cancelled: int) -> Changes:
        """The presiding officer closes phone voting; the slips not handed out are counted (cancelled)."""
        with self.db.unit_of_work() as s:
            r = phone_repo.current_round(s, session_id)
            if r is None:
                raise UserError("本次会议没有手机投票", "no phone round")
            f = phone_repo.figures(s, session_id)
            check_unissued(f.printed, cancelled, f.used)
            phone_repo.set_open(s, r, False, cancelled)
            audit_repo.append(s, r.jurisdiction_code, "phone.closed", entity="vote_session", entity_id=session_id,
                              detail={"printed": f.printed, "cancelled": cancelled, "used": f.used})
        return Changes.of(VOTE, message=f"手机投票已结束：发出 {f.printed - cancelled} 张，已投 {f.used} 张")

    # The phone ----------------------------------------------------------------------------------------------------
    def ballot(self, token: str) -> PhoneBallot:
        """The ballot a slip opens; refused when the slip is unknown, used, or voting is not open."""
        with self.db.unit_of_work(read_only=True) as s:
            found = self._token(s, token)
            if found.used:
                raise Refused("这张表决票已经投过票，每张只能投一次", "token used")
            if found.kind == phone_repo.SCORE:
                return self._score().ballot_in(s, found)
            return self._ballot(s, found.session_id)

    def check(self, token: str, form: Mapping[str, str]) -> list[tuple[str, str]]:
        """The confirmation screen: (subject, what was chosen) after the same checks the vote will pass."""
        with self.db.unit_of_work(read_only=True) as s:
            found = self._token(s, token)
            if found.used:
                raise Refused("这张表决票已经投过票，每张只能投一次", "token used")
            if found.kind == phone_repo.SCORE:
                return self._score().check_in(s, found, form)
            rules, ids = self.vote.frozen_rules(s, found.session_id)
            marks = self._marks(form, rules, ids)
            names = [n for _c, n, _o in vote_repo.session_candidates(s, found.session_id)]
        return [(name, MARK_LABELS.get(marks.get(cid), "未选")) for cid, name in zip(ids, names, strict=True)]

    def cast(self, token: str, nonce: str, form: Mapping[str, str]) -> Cast:
        """One vote: the token used and the ballot recorded in one transaction, or nothing at all."""
        if not NONCE_RE.match(nonce or ""):
            raise BadForm("表决内容格式有误，请重新扫码", "bad nonce")
        with self.db.unit_of_work() as s:
            found = self._token(s, token)
            if found.used:
                if secrets.compare_digest(found.nonce_hash, _nonce_hash(nonce)):
                    return Cast(found.receipt, True)
                raise Refused("这张表决票已经投过票，每张只能投一次", "token used")
            if not found.round_open:
                raise Refused("手机投票已经结束", "phone voting closed")
            if found.kind == phone_repo.SCORE:
                self._score().cast_in(s, found, form)
            else:
                self._cast_vote(s, found, form)
            receipt = new_receipt()
            if not phone_repo.use_token(s, found.token_id, _nonce_hash(nonce), receipt):
                raise Refused("这张表决票已经投过票，每张只能投一次", "token used")
        if found.kind != phone_repo.SCORE:
            self.vote.forget_running(found.session_id)
        return Cast(receipt, False)

    def _cast_vote(self, s, found: phone_repo.TokenState, form: Mapping[str, str]) -> None:
        state = counting_state(s, found.session_id)
        if state.ballots_collected is not None:
            raise Refused("手机投票已经结束", "phone voting closed")
        rules, ids = self.vote.frozen_rules(s, found.session_id)
        write_ballot(s, state, found.session_id, self._marks(form, rules, ids), False, PHONE_ENTRY, rules, ids)

    def _score(self) -> PhoneScoreService:
        if self.score is None:
            raise Refused("这张表决票不是本次会议的有效表决票", "no scoring here")
        return self.score

    # Inside a unit ------------------------------------------------------------------------------------------------
    def _token(self, s, token: str) -> phone_repo.TokenState:
        if not is_token(token):
            raise BadForm("二维码内容有误，请重新扫描表决票上的二维码", "malformed token")
        found = phone_repo.find_token(s, token_hash(token))
        if found is None:
            raise Refused("这张表决票不是本次会议的有效表决票", "unknown token")
        if found.kind == phone_repo.SCORE:
            closed = not found.round_open
        else:
            v = vote_repo.get_session(s, found.session_id)
            closed = v is None or v.status != SessionStatus.COUNTING or not found.round_open
        if closed and not found.used:  # a used slip still gets its receipt back (cast) or “already voted”
            word = "测评" if found.kind == phone_repo.SCORE else "投票"
            raise Refused(f"手机{word}已经结束或尚未开始", "phone voting not open")
        return found

    def _ballot(self, s, session_id: str) -> PhoneBallot:
        v = vote_repo.get_session(s, session_id)
        if v is None:
            raise Refused("该票决会议已不存在", "vote session not found")
        rules = VoteRules.from_dict(v.rules)
        names = tuple(n for _c, n, _o in vote_repo.session_candidates(s, session_id))
        limit = rules.seats if rules.over_approval_invalidates else 0
        if rules.ballot_style == "choose_up_to_n":
            return PhoneBallot("民生实事项目表决票", v.title, f"请在同意的项目上勾选“赞成”，最多 {rules.seats} 项。",
                               names, (("y", "赞成"),), True, limit)
        return PhoneBallot("民生实事项目表决票", v.title, "请对每个候选项目选择“赞成”“反对”或“弃权”。"
                           f"赞成不得超过应选的 {rules.seats} 项。", names, (("y", "赞成"), ("n", "反对"), ("a", "弃权")),
                           False, limit)

    @staticmethod
    def _marks(form: Mapping[str, str], rules: VoteRules, ids: list[str]) -> dict[str, str]:
        marks = form_marks(form, ids, rules.ballot_style)
        problem = phone_problem(marks, rules, ids)
        if problem:
            raise Refused(problem, "invalid ballot")
        return marks
