"""Sealing published results with the town's key, and checking seals: signature, recount, audit position, code.

What each check catches (the README's "封存" section says the same for users):
- an edit made without the key (counts, names, status, the owning town): the statement rebuilt from the file no
  longer matches the signed one, or the signature fails;
- counts that do not follow from the stored ballots or accepted totals: the recount with the domain rules;
- a rewritten or truncated audit chain: the chain's hash at the sealed position differs (the position and hash
  are part of the signed statement, so the printed seal code changes with them);
- an attacker who re-signs everything with the key taken from the file: only outside witnesses catch that —
  the seal code printed on paper (``verify-seal``) and the county's copy of every sealed result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..domain import seal as S
from ..domain.agenda import subject_name
from ..domain.errors import UserError
from ..domain.rules import VoteRules
from ..domain.satisfaction import CHOICES, ScoringPolicy, ThreeLevelCounts, score_hundred_point, score_three_level
from ..domain.tally import Ballot, Candidate, TallyResult
from ..domain.vocabulary import CLOSED_SESSION
from ..domain.vote_session import final_count
from ..storage import audit_repo, seal_repo, settings_repo, vote_repo
from . import signing

LEVEL_KEYS = tuple(CHOICES.values())


# Statements rebuilt from the file ------------------------------------------------------------------------------
def vote_statement(s, v, audit: tuple[int, str]) -> dict[str, Any]:
    ballots, totals = seal_repo.vote_evidence(s, v.id)
    return S.vote_statement(
        session_id=v.id, code=v.jurisdiction_code, year=v.year, title=v.title,
        held_on=v.held_on.isoformat() if v.held_on else "", rules=v.rules, deputies_total=v.deputies_total,
        deputies_present=v.deputies_present, ballots_issued=v.ballots_issued,
        candidates=vote_repo.session_candidates(s, v.id), result=v.result or {},
        evidence=S.evidence_digest(ballots, totals), audit=audit)


def _round_counts(r) -> dict[str, Any]:
    c = r.counts or {}
    if r.method == "three_level":
        return {k: int(c.get(k, 0)) for k in LEVEL_KEYS}
    return {"scores": c.get("scores", 0), "average": c.get("average")}


def _subject(s, r) -> str:
    """What the round scored: the project's name, or the agenda item's (“镇司法所工作”)."""
    if r.project_id:
        return seal_repo.project_name(s, r.project_id)
    kind, title = seal_repo.agenda_item_names(s, r.agenda_item_id)
    return subject_name(kind, title) if kind else ""


def round_statement(s, r, policy: dict[str, Any], audit: tuple[int, str]) -> dict[str, Any]:
    c = r.counts or {}
    ballots = [[b.seq, b.choice, b.score] for b in seal_repo.round_ballots(s, r.id)]
    entries = [[k, c[k]] for k in ("entry1", "entry2") if k in c]
    return S.round_statement(
        round_id=r.id, code=r.jurisdiction_code, year=r.year, project=_subject(s, r),
        batch=r.batch, respondents=r.respondents, method=r.method,
        held_on=r.held_on.isoformat() if r.held_on else "", counts=_round_counts(r),
        result={"verdict": r.verdict, "satisfied_rate": r.satisfied_rate,
                "satisfied_or_basic_rate": r.satisfied_or_basic_rate, "needs_follow_up": bool(r.needs_follow_up)},
        policy=policy, evidence=S.evidence_digest(ballots, entries), audit=audit)


# Sealing ---------------------------------------------------------------------------------------------------------
def seal(s, kind: str, entity_id: str, code: str, statement: dict[str, Any]):
    """Sign the statement with this town's key and store the seal (inside the caller's unit of work)."""
    private, public = signing.load_or_create(s, code)
    signature = signing.sign(private, S.canonical_bytes(statement))
    return seal_repo.add_seal(s, jurisdiction_code=code, kind=kind, entity_id=entity_id,
                              statement=S.canonical_bytes(statement).decode("utf-8"), signature=signature,
                              public_key=public, code=S.seal_code(statement, signature))


def seal_vote(s, v):
    return seal(s, "vote", v.id, v.jurisdiction_code, vote_statement(s, v, seal_repo.audit_position(s)))


def seal_round(s, r, policy: ScoringPolicy):
    row = seal(s, "round", r.id, r.jurisdiction_code,
               round_statement(s, r, policy.to_dict(), seal_repo.audit_position(s)))
    audit_repo.append(s, r.jurisdiction_code, "scoring.sealed", entity="satisfaction_round", entity_id=r.id,
                      detail={"code": row.code, "verdict": r.verdict})
    return row


# Recounts --------------------------------------------------------------------------------------------------------
def count_session(s, v) -> TallyResult:
    """The result the stored facts give under the session's frozen rules (the same rule publish used)."""
    cands = [Candidate(cid, name) for cid, name, _o in vote_repo.session_candidates(s, v.id)]
    ballots = [Ballot(dict(b.marks), b.spoiled) for b in vote_repo.live_ballots(s, v.id)]
    from .vote_service import paper_totals

    rules = VoteRules.from_dict(v.rules)
    if v.delegations is not None:  # 分团计票: every delegation counted, then combined (domain/delegations.py)
        from ..domain import delegations as deleg
        from ..storage import delegation_repo

        by_box = {name: [Ballot(dict(b.marks), b.spoiled) for b in rows]
                  for name, rows in delegation_repo.live_ballots(s, v.id).items()}
        by_entry = {name: {n: paper_totals(t) for n, t in e.items()}
                    for name, e in delegation_repo.entries(s, v.id).items()}
        return deleg.session_result(cands, rules, v.count_mode, deleg.from_stored(v.delegations), by_box, by_entry)
    entries = {n: paper_totals(t) for n, t in vote_repo.paper_entries(s, v.id).items()}
    return final_count(cands, rules, v.ballots_issued, v.count_mode, v.ballots_collected, ballots, entries)


def recount_round(s, r, policy: dict[str, Any] | None) -> dict[str, Any]:
    p = ScoringPolicy.from_dict(policy)
    ballots = seal_repo.round_ballots(s, r.id)
    if r.method == "three_level":
        if r.entry_mode == "ballots":
            counts = dict.fromkeys(LEVEL_KEYS, 0)
            for b in ballots:
                counts[CHOICES[b.choice]] += 1
        else:
            counts = _round_counts(r)
            c = r.counts or {}
            if r.respondents != "群众" and (c.get("entry1") != c.get("entry2") or c.get("entry1") != counts):
                raise UserError("两次录入的测评票数与结果不一致", "the two entries disagree with the result")
        result = score_three_level(ThreeLevelCounts(**counts), p.follow_up_below)
    else:
        result = score_hundred_point([b.score for b in ballots if b.score is not None], p.bands, p.follow_up_below)
    return {"verdict": result.verdict, "satisfied_rate": result.satisfied_rate,
            "satisfied_or_basic_rate": result.satisfied_or_basic_rate, "needs_follow_up": result.needs_follow_up}


# Checking ------------------------------------------------------------------------------------------------------
@dataclass
class SealCheck:
    kind: str
    entity_id: str
    title: str
    code: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.entity_id, "title": self.title, "seal_code": self.code, "ok": self.ok,
                "problems": self.problems}


def _expected_key(s, code: str, local: str | None, carried: str | None = None) -> str | None:
    """This file's own key for its own seals; a town's pinned key for what it sent. A seal passed on by a county
    (a town the city never pinned) is checked against the key it carries: the county verified it on merge."""
    if code == local:
        stored = settings_repo.get(s, code, signing.KEY_SETTING)
        return stored["public"] if stored else None
    return seal_repo.pinned_key(s, code) or carried


def _differences(stored: dict[str, Any], now: dict[str, Any]) -> list[str]:
    names = {"result": "计票结果", "candidates": "候选项目名单或名称", "evidence": "选票或录入的票数", "code": "所属乡镇",
             "title": "名称", "rules": "票决规则", "counts": "测评票数", "project": "项目名称", "held_on": "日期",
             "ballots_issued": "发出票数", "deputies_present": "实到人数", "deputies_total": "应到人数",
             "policy": "测评规则", "audit": "审计日志位置"}
    return [names.get(k, k) for k in sorted(set(stored) | set(now)) if stored.get(k) != now.get(k)]


def rebuild(s, kind: str, entity_id: str, stored: dict[str, Any]) -> tuple[Any, dict[str, Any] | None]:
    """(the sealed vote or round, its statement rebuilt from the file as it is now) — None when it is gone."""
    entity = seal_repo.sealed_entity(s, kind, entity_id)
    if entity is None:
        return None, None
    audit = (int(stored["audit"][0]), str(stored["audit"][1]))
    if kind == "vote":
        return entity, vote_statement(s, entity, audit)
    return entity, round_statement(s, entity, stored.get("policy") or {}, audit)


def check_seal(s, row, local: str | None, in_audit: dict[str, list[str]] | None = None) -> SealCheck:
    try:
        stored = json.loads(row.statement)
    except ValueError:
        return SealCheck(row.kind, row.entity_id, "", row.code, ["封存记录已损坏，无法读取"])
    label = "票决" if row.kind == "vote" else "测评"
    out = SealCheck(row.kind, row.entity_id, str(stored.get("title") or stored.get("project") or ""), row.code)
    _check_signature(s, row, stored, local, out.problems)
    entity, now = rebuild(s, row.kind, row.entity_id, stored)
    if entity is None or now is None:
        out.problems.append(f"已封存的{label}记录不见了")
        return out
    audit = (int(stored["audit"][0]), str(stored["audit"][1]))
    if row.kind == "vote" and entity.status not in CLOSED_SESSION:
        out.problems.append("已封存的票决被改回未公布状态")
    if row.kind == "round" and not entity.verdict:
        out.problems.append("已确定的测评结果被撤销")
    diffs = _differences(stored, now)
    if diffs:
        out.problems.append(f"{label}在封存后被改动：{'、'.join(diffs)}与封存时不同")
    _check_recount(s, row, entity, stored, now, out.problems)
    if row.jurisdiction_code == local:
        _check_audit_position(s, row, audit, in_audit, out.problems)
    return out


def _check_signature(s, row, stored: dict[str, Any], local: str | None, problems: list[str]) -> None:
    """The seal is signed by the town's key (this database's, or the one the county pinned) over the statement
    as stored, and its code follows from that signature."""
    key = _expected_key(s, row.jurisdiction_code, local, row.public_key if seal_repo.any_pinned(s) else None)
    if key is None:
        problems.append(f"找不到行政区划代码 {row.jurisdiction_code} 的签名公钥，无法核对封存签名")
    elif key != row.public_key:
        problems.append("封存签名所用的密钥不是本级（或该乡镇已登记）的密钥")
    else:
        try:
            signing.verify(key, S.canonical_bytes(stored), row.signature)
        except UserError:
            problems.append("封存签名校验失败：封存记录在签名之后被改动")
    if S.seal_code(stored, row.signature) != row.code:
        problems.append("封存码与签名不符")


def _check_recount(s, row, entity, stored: dict[str, Any], now: dict[str, Any], problems: list[str]) -> None:
    """The stored ballots (or the totals entered) counted again with the domain rules give the stored result."""
    try:
        recount = count_session(s, entity).to_dict() if row.kind == "vote" else recount_round(s, entity, stored.get("policy"))
        shown = now["result"] if row.kind == "vote" else {k: now["result"].get(k) for k in recount}
        if S.canonical_bytes(recount) != S.canonical_bytes(shown):
            problems.append("按存储的选票（或录入的票数）重新计票，结果与文件中记载的结果不同")
    except (UserError, KeyError, TypeError, ValueError) as exc:
        problems.append(f"无法按存储的选票重新计票：{getattr(exc, 'zh', exc)}")


def _check_audit_position(s, row, audit: tuple[int, str], in_audit: dict[str, list[str]] | None,
                          problems: list[str]) -> None:
    """This database's own seal: the audit chain still holds the hash at the sealed position, and the sealing."""
    at = seal_repo.audit_hash_at(s, audit[0])
    if at != audit[1]:
        problems.append("审计日志在封存之前的部分被改写或截短（与封存时记下的位置不符）")
    logged = (in_audit if in_audit is not None else seal_repo.sealed_in_audit(s)).get(row.entity_id, [])
    if not any(f'"code":"{row.code}"' in d for d in logged):
        problems.append("审计日志中找不到这次封存的记录（日志被截短或改写）")


def check_all(s) -> tuple[list[SealCheck], list[str]]:
    """Every seal in the file, and what is published without a seal or unsealed behind the audit log's back."""
    local_j = settings_repo.local_jurisdiction(s)
    local = local_j.code if local_j else None
    in_audit = seal_repo.sealed_in_audit(s)
    checks = [check_seal(s, row, local, in_audit) for row in seal_repo.all_seals(s)]
    sealed_ids = {c.entity_id for c in checks}
    problems: list[str] = []
    for entity_id, details in in_audit.items():
        if entity_id not in sealed_ids and any('"code"' in d for d in details):
            problems.append(f"审计日志记有封存（{entity_id[:8]}），但文件中的封存记录不见了")
    for v in seal_repo.published_sessions(s):
        if v.id not in sealed_ids and v.jurisdiction_code == local and v.id not in in_audit:
            problems.append(f"票决“{v.title}”显示为已公布，但没有封存记录")
    return checks, problems


# The printed seal code or QR against the file -------------------------------------------------------------------------
def verify_printed(s, text: str) -> dict[str, Any]:
    """Check what is printed on the 计票结果报告单 / 公告 (the seal code, or the QR's text) against this file."""
    local_j = settings_repo.local_jurisdiction(s)
    local = local_j.code if local_j else None
    text = text.strip()
    if text.startswith(S.QR_PREFIX):
        qr = S.parse_qr(text)
        row = seal_repo.seal_for(s, qr.entity_id)
        if row is None:
            return _verdict(False, qr.kind, qr.entity_id, "", [], [
                "本文件中没有二维码所指的封存记录：不是这次会议的数据文件，或封存记录被删除"])
        stored = json.loads(row.statement)
        check = check_seal(s, row, local)
        _entity, now = rebuild(s, row.kind, row.entity_id, stored)
        problems = list(check.problems)
        if now is not None:
            problems += [f"计票数与二维码不符：{d}" for d in S.count_differences(now, qr.counts)]
            key = _expected_key(s, row.jurisdiction_code, local)
            try:
                signing.verify(key or "", S.canonical_bytes(now), qr.signature_b64)
            except UserError:
                problems.append("二维码中的签名与本文件中的数据不符：文件在封存后被改动（或密钥被更换）")
        return _verdict(not problems, row.kind, row.entity_id, check.title, S.counts_of(now or stored), problems,
                        S.seal_code(now, qr.signature_b64) if now else "")
    code = S.normalise_code(text)
    if code is None:
        raise UserError("请输入印在结果报告单上的 20 位封存码，或扫描二维码得到的文字",
                        "give the 20-digit seal code or the QR text")
    for row in seal_repo.all_seals(s):
        stored = json.loads(row.statement)
        _entity, now = rebuild(s, row.kind, row.entity_id, stored)
        if now is not None and S.seal_code(now, row.signature) == code:
            check = check_seal(s, row, local)
            return _verdict(check.ok, row.kind, row.entity_id, check.title, S.counts_of(now), check.problems, code)
    return _verdict(False, "", "", "", [], [
        "本文件中没有与这个封存码相符的结果：封存后的选票、票数、名称或审计日志被改动，或者这不是那次会议的数据文件"])


def _verdict(ok: bool, kind: str, entity_id: str, title: str, counts: list[tuple[str, str]], problems: list[str],
             code: str = "") -> dict[str, Any]:
    return {"ok": ok, "kind": kind, "id": entity_id, "title": title, "seal_code": code,
            "counts": [{"item": label, "counts": line} for label, line in counts], "problems": problems}


def printed_seal(s, entity_id: str):
    """What goes on paper for a sealed vote or round (None before it is sealed)."""
    from ..domain.terms import terms_for
    from .reports.seal_block import PrintedSeal, check_note

    row = seal_repo.seal_for(s, entity_id)
    if row is None:
        return None
    note = check_note(terms_for(settings_repo.local_level(s)).vote)
    return PrintedSeal(row.code, S.qr_text(json.loads(row.statement), row.signature), note)


class SealService:
    """The GUI's and CLI's door to the seals: one unit of work per check."""

    def __init__(self, db):
        self.db = db

    def verify(self, text: str) -> dict[str, Any]:
        with self.db.unit_of_work() as s:
            return verify_printed(s, text)

    def seal_code(self, entity_id: str) -> str:
        with self.db.unit_of_work() as s:
            row = seal_repo.seal_for(s, entity_id)
            return row.code if row else ""
