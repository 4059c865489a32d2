"""扫码测评: a batch of satisfaction scorings taken from phones with the same slips, server and page as a vote.

A phone's scoring ballot goes through the scoring service's one record path (``ScoringService.record_in``: the
ballots of the batch and their audit entry) in the transaction that uses its token; the secretary then closes
phone scoring and decides the batch as for ballots keyed in (``finish_ballots``), paper and phones together."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from ..domain.errors import UserError
from ..domain.phone_ballot import MAX_SLIPS, check_unissued, form_scores, new_token, score_options, token_hash
from ..domain.satisfaction import METHODS
from ..storage import audit_repo, phone_repo, settings_repo
from ..storage.phone_repo import SCORE, RoundFigures
from .changes import DATA, Changes
from .phone_vote_service import PhoneBallot
from .scoring_service import ScoringService


class PhoneScoreService:
    def __init__(self, db, scoring: ScoringService):
        self.db = db
        self.scoring = scoring

    def _subjects(self, s, round_ids: list[str]) -> list[tuple[str, str, str, str, str]]:
        rows = phone_repo.score_subjects(s, round_ids)
        if not round_ids or len(rows) != len(round_ids):
            raise UserError("请先选择要测评的项目", "no rounds")
        if any(r[4] for r in rows):
            raise UserError("所选项目中有测评结果已确定的，不能再用手机测评", "a round is decided")
        if len({(r[2], r[3]) for r in rows}) != 1:
            raise UserError("请选择同一批、同一测评方式的项目", "rounds of different batches")
        return rows

    # The console ------------------------------------------------------------------------------------------------
    def figures(self, round_ids: list[str]) -> RoundFigures:
        with self.db.unit_of_work(read_only=True) as s:
            return phone_repo.figures(s, round_ids[0], SCORE) if round_ids else phone_repo.NO_ROUND

    def open(self, round_ids: list[str]) -> Changes:
        with self.db.unit_of_work() as s:
            self._subjects(s, round_ids)
            code = settings_repo.local_code(s)
            r = phone_repo.current_round(s, round_ids[0], SCORE) or phone_repo.add_round(
                s, code, round_ids[0], SCORE, round_ids)
            phone_repo.set_open(s, r, True)
            audit_repo.append(s, code, "phone.opened", entity="satisfaction_round", entity_id=round_ids[0],
                              detail={"rounds": len(round_ids), "printed": r.printed})
        return Changes.of(DATA, message="手机测评已开始")

    def issue_slips(self, round_ids: list[str], base_url: str, path: str | os.PathLike[str], count: int) -> Path:
        from .reports.phone_slips import write_slips

        with self.db.unit_of_work(read_only=True) as s:
            title = self._subjects(s, round_ids)[0][2] or "满意度测评"
        return write_slips(path, title, self.new_slips(round_ids, base_url, count), heading="民生实事项目手机测评票")

    def new_slips(self, round_ids: list[str], base_url: str, count: int) -> list[str]:
        """Fresh tokens for the batch (slips printed before stop working), shuffled: see PhoneVoteService."""
        if not 1 <= count <= MAX_SLIPS:
            raise UserError(f"测评票张数应在 1～{MAX_SLIPS} 之间", "slip count out of range")
        tokens = [new_token() for _ in range(count)]
        secrets.SystemRandom().shuffle(tokens)
        with self.db.unit_of_work() as s:
            self._subjects(s, round_ids)
            r = phone_repo.current_round(s, round_ids[0], SCORE)
            if r is None or not r.is_open:
                raise UserError("请先开始手机测评", "phone scoring is not open")
            phone_repo.replace_tokens(s, r, [token_hash(t) for t in tokens])
            audit_repo.append(s, r.jurisdiction_code, "phone.slips", entity="satisfaction_round",
                              entity_id=round_ids[0], detail={"slips": count, "printed": r.printed})
        return [f"{base_url.rstrip('/')}/v/{t}" for t in tokens]

    def close(self, round_ids: list[str], cancelled: int) -> Changes:
        with self.db.unit_of_work() as s:
            r = phone_repo.current_round(s, round_ids[0], SCORE) if round_ids else None
            if r is None:
                raise UserError("所选测评没有手机测评", "no phone round")
            f = phone_repo.figures(s, round_ids[0], SCORE)
            check_unissued(f.printed, cancelled, f.used, "测评票")
            phone_repo.set_open(s, r, False, cancelled)
            audit_repo.append(s, r.jurisdiction_code, "phone.closed", entity="satisfaction_round",
                              entity_id=round_ids[0], detail={"printed": f.printed, "cancelled": cancelled,
                                                              "used": f.used})
        return Changes.of(DATA, message=f"手机测评已结束：发出 {f.printed - cancelled} 张，已投 {f.used} 张")

    # The phone, inside PhoneVoteService's unit ----------------------------------------------------------------
    def ballot_in(self, s, found: phone_repo.TokenState) -> PhoneBallot:
        rows = self._subjects(s, found.subjects)
        method = rows[0][3]
        allow = self.scoring.policy_in(s).allow_abstain
        if method == "three_level":
            rule = "请对每个项目选择“满意”“基本满意”或“不满意”" + ("（也可弃权）" if allow else "") + "。"
        else:
            rule = "请为每个项目打分（0～100 分）。"
        return PhoneBallot("民生实事项目满意度测评票", rows[0][2] or METHODS[method], rule,
                           tuple(r[1] for r in rows), score_options(method, allow))

    def _scores(self, s, found: phone_repo.TokenState, form: Mapping[str, str]) -> dict[str, object]:
        rows = self._subjects(s, found.subjects)
        return form_scores(form, found.subjects, rows[0][3], self.scoring.policy_in(s).allow_abstain)

    def check_in(self, s, found: phone_repo.TokenState, form: Mapping[str, str]) -> list[tuple[str, str]]:
        scores = self._scores(s, found, form)
        names = [r[1] for r in phone_repo.score_subjects(s, found.subjects)]
        return [(name, _word(scores[rid])) for rid, name in zip(found.subjects, names, strict=True)]

    def cast_in(self, s, found: phone_repo.TokenState, form: Mapping[str, str]) -> None:
        self.scoring.record_in(s, list(found.subjects), self._scores(s, found, form), channel="phone")


def _word(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g} 分"
    return str(value)
