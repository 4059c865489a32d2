"""Reading the CLI case files (CLI.md) into domain values, naming the field or ballot that is wrong."""

from __future__ import annotations

import math
from typing import Any

from .errors import UserError
from .limits import CASE_MAX_DEPTH, CASE_MAX_NUMBER, shown_number
from .rules import VoteRules
from .satisfaction import HundredPointBands, ScoreResult, ThreeLevelCounts, score_hundred_point, score_three_level
from .tally import MARKS, Ballot, Candidate, PaperTotals, TallyResult, tally


def _int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise UserError(f"{where} 应为非负整数", f"{where} must be a non-negative integer", field=where)
    return value


def _candidates(data: Any) -> list[Candidate]:
    if not isinstance(data, list) or not data:
        raise UserError("“candidates”应为非空列表", "'candidates' must be a non-empty list", field="candidates")
    out: list[Candidate] = []
    seen: set[str] = set()
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise UserError(f"第 {i} 个候选项目缺少“id”", f"candidate {i} has no 'id'", field="candidates", row=i)
        if item["id"] in seen:
            raise UserError(f"候选项目 id “{item['id']}”重复", f"duplicate candidate id '{item['id']}'", row=i)
        seen.add(item["id"])
        name = item.get("name", item["id"])
        if not isinstance(name, str):
            raise UserError(f"第 {i} 个候选项目的“name”应为文字", f"candidate {i}: 'name' must be text", row=i)
        out.append(Candidate(id=item["id"], name=name))
    return out


def _ballots(data: Any, ids: set[str], rules: VoteRules) -> list[Ballot]:
    if not isinstance(data, list):
        raise UserError("“ballots”应为列表", "'ballots' must be a list", field="ballots")
    allowed = ("Y",) if rules.ballot_style == "choose_up_to_n" else MARKS
    out: list[Ballot] = []
    for n, raw in enumerate(data, start=1):
        if not isinstance(raw, dict):
            raise UserError(f"第 {n} 张选票格式错误", f"ballot {n} must be an object", field="ballots", row=n)
        spoiled = raw.get("spoiled", False)
        if not isinstance(spoiled, bool):
            raise UserError(f"第 {n} 张选票的“spoiled”应为 true/false", f"ballot {n}: 'spoiled' must be boolean", row=n)
        marks = {k: v for k, v in raw.items() if k != "spoiled"}
        for cid, mark in marks.items():
            if cid not in ids:
                raise UserError(
                    f"第 {n} 张选票含未知的候选项目 id “{cid}”", f"ballot {n}: unknown candidate id '{cid}'", row=n
                )
            if mark not in allowed:
                raise UserError(
                    f"第 {n} 张选票对“{cid}”的标记“{mark}”无效，只能是 {'/'.join(allowed)}",
                    f"ballot {n}: mark '{mark}' for '{cid}' is not one of {'/'.join(allowed)}",
                    row=n,
                )
        out.append(Ballot(marks=marks, spoiled=spoiled))
    return out


def _totals(data: Any, candidates: list[Candidate]) -> PaperTotals:
    if not isinstance(data, dict):
        raise UserError("“totals”应为对象", "'totals' must be an object", field="totals")
    collected = _int(data.get("ballots_collected"), "totals.ballots_collected")
    invalid = _int(data.get("invalid_ballots", 0), "totals.invalid_ballots")
    if invalid > collected:
        raise UserError(
            f"无效票 {invalid} 张多于收回的 {collected} 张", "invalid_ballots exceeds ballots_collected",
            field="totals.invalid_ballots",
        )
    counts_raw = data.get("counts")
    if not isinstance(counts_raw, dict):
        raise UserError("“totals.counts”应为对象", "'totals.counts' must be an object", field="totals.counts")
    ids = {c.id for c in candidates}
    for cid in counts_raw:
        if cid not in ids:
            raise UserError(f"票数中含未知的候选项目 id “{cid}”", f"totals: unknown candidate id '{cid}'", field=cid)
    valid = collected - invalid
    counts: dict[str, dict[str, int]] = {}
    for c in candidates:
        row = counts_raw.get(c.id)
        if not isinstance(row, dict):
            raise UserError(f"缺少候选项目“{c.id}”的票数", f"totals: no counts for candidate '{c.id}'", field=c.id)
        unknown = set(row) - set(MARKS)
        if unknown:
            raise UserError(
                f"候选项目“{c.id}”的票数含无效标记 {sorted(unknown)}", f"totals for '{c.id}': unknown marks", field=c.id
            )
        counts[c.id] = {m: _int(row.get(m, 0), f"totals.counts.{c.id}.{m}") for m in MARKS}
        if sum(counts[c.id].values()) != valid:
            raise UserError(
                f"候选项目“{c.id}”的赞成、反对、弃权之和 {sum(counts[c.id].values())} 不等于有效票 {valid}",
                f"totals for '{c.id}': Y+N+A must equal the valid ballots ({valid})",
                field=c.id,
            )
    return PaperTotals(ballots_collected=collected, invalid_ballots=invalid, counts=counts)


def check_numbers(case: Any) -> None:
    """Nesting within CASE_MAX_DEPTH, every number finite and within ±CASE_MAX_NUMBER: a seat count of 10**20, NaN
    or 1e400 is a damaged file, not a vote, and the rules below may then count with any number they accept."""
    stack: list[tuple[Any, str, int]] = [(case, "", 0)]
    while stack:
        node, where, depth = stack.pop()
        if depth > CASE_MAX_DEPTH:
            raise UserError(f"案例文件嵌套过深（超过 {CASE_MAX_DEPTH} 层）", f"the case nests deeper than {CASE_MAX_DEPTH}")
        if isinstance(node, dict):
            stack.extend((v, f"{where}.{_key(k)}" if where else _key(k), depth + 1) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{where}[{i}]", depth + 1) for i, v in enumerate(node))
        elif isinstance(node, (int, float)) and not isinstance(node, bool) and (
                not math.isfinite(node) or abs(node) > CASE_MAX_NUMBER):
            raise UserError(f"“{where or '案例'}”的数值“{shown_number(node)}”超出范围（绝对值应不超过 {CASE_MAX_NUMBER}）",
                            f"'{where}': {shown_number(node, english=True)} is out of range (at most {CASE_MAX_NUMBER})",
                            field=where or None)


def _key(key: object) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in str(key)[:40])


def run_tally_case(case: Any) -> TallyResult:
    if not isinstance(case, dict):
        raise UserError("案例文件应为 JSON 对象", "the case file must hold a JSON object")
    check_numbers(case)
    if "rules" not in case:
        raise UserError("案例缺少“rules”", "the case has no 'rules'", field="rules")
    rules = VoteRules.from_dict(case["rules"])
    candidates = _candidates(case.get("candidates"))
    if "ballots_issued" not in case:
        raise UserError("案例缺少“ballots_issued”（发出票数）", "the case has no 'ballots_issued'", field="ballots_issued")
    issued = _int(case["ballots_issued"], "ballots_issued")
    has_ballots, has_totals = "ballots" in case, "totals" in case
    if has_ballots == has_totals:
        raise UserError(
            "案例须给出“ballots”（逐张选票）或“totals”（汇总票数）之一",
            "the case must give exactly one of 'ballots' or 'totals'",
        )
    if has_ballots:
        ballots = _ballots(case["ballots"], {c.id for c in candidates}, rules)
        return tally(candidates, rules, issued, ballots=ballots)
    return tally(candidates, rules, issued, totals=_totals(case["totals"], candidates))


def run_score_case(case: Any) -> ScoreResult:
    if not isinstance(case, dict):
        raise UserError("案例文件应为 JSON 对象", "the case file must hold a JSON object")
    check_numbers(case)
    method = case.get("method", "three_level")
    if not isinstance(method, str):
        raise UserError("“method”应为 three_level 或 hundred_point", "'method' must be three_level or hundred_point",
                        field="method")
    follow = case.get("follow_up_below")
    if follow is not None and (isinstance(follow, bool) or not isinstance(follow, (int, float)) or not 0 <= follow <= 1):
        raise UserError("“follow_up_below”应为 0 到 1 之间的比例", "'follow_up_below' must be between 0 and 1")
    if method == "three_level":
        counts = case.get("counts")
        if not isinstance(counts, dict):
            raise UserError("案例缺少“counts”", "the case has no 'counts'", field="counts")
        unknown = set(counts) - {"satisfied", "basically", "unsatisfied", "abstain", "invalid"}
        if unknown:
            raise UserError(f"未知的票数项：{sorted(unknown)}", f"unknown count(s): {sorted(unknown)}", field="counts")
        for name in ("satisfied", "basically", "unsatisfied"):
            if name not in counts:
                raise UserError(f"缺少票数“{name}”", f"missing count '{name}'", field=name)
        return score_three_level(ThreeLevelCounts(**counts), follow)
    if method == "hundred_point":
        scores = case.get("scores", [])
        if not isinstance(scores, list):
            raise UserError("“scores”应为评分列表，如 [95, 82.5, 70]", "'scores' must be a list of numbers", field="scores")
        return score_hundred_point(scores, _bands(case.get("bands", {})), follow)
    raise UserError(f"未知的测评方式“{method}”", f"unknown method '{method}'", field="method")


def _bands(data: Any) -> HundredPointBands:
    if not isinstance(data, dict):
        raise UserError("“bands”应为对象，如 {\"satisfied\": 80, \"basic\": 60}", "'bands' must be an object", field="bands")
    unknown = sorted(set(data) - {"satisfied", "basic"})
    if unknown:
        raise UserError(f"“bands”含未知的分档：{'、'.join(str(k)[:40] for k in unknown)}", "'bands' has unknown keys", field="bands")
    values = {}
    for name, default in (("satisfied", 80.0), ("basic", 60.0)):
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise UserError(f"分档“bands.{name}”应为 0-100 的数", f"'bands.{name}' must be a number from 0 to 100",
                            field=f"bands.{name}")
        values[name] = value
    if values["basic"] > values["satisfied"]:
        raise UserError("百分制分档应满足 基本满意线 ≤ 满意线", "'bands.basic' must not exceed 'bands.satisfied'", field="bands")
    return HundredPointBands(values["satisfied"], values["basic"])
