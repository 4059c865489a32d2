"""分团计票: a county congress counts its vote per 代表团 (delegation), then combines them (issue 17).

"在全体会议或分团(组)会议上": the ballots are handed out, collected and counted in each delegation by its own
tellers, and the combined figures decide. The rules here say how a session counted by delegation stands:

- A deputy's delegation is the roster's 代表团 field (a deputy without one is counted in "未分团").
- Each delegation is issued one ballot per deputy of it present; its tellers declare what they took out of its box.
  More collected than issued in any delegation voids the whole vote, as it would for one box.
- Ballot by ballot, a delegation is counted when every ballot it collected is recorded; with paper totals, when its
  two tellers' entries agree. The combined count is the sum; the result is published once, after every delegation
  is counted, and sealed once.
- Quorum is on the whole session (sign-in is per deputy; the delegations only group it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .errors import UserError
from .ordering import sort_key
from .rules import VoteRules
from .tally import MARKS, Ballot, Candidate, PaperTotals, TallyResult, tally, zero_counts
from .vote_session import DelegationLine, final_count

NO_DELEGATION = "未分团"
MAX_DELEGATIONS = 60
MAX_NAME = 40


def offered(level: str) -> bool:
    """分团计票 is how county (and city) congresses of hundreds of deputies vote; a town or a street council votes
    in one meeting, where its roster's 代表小组 are not delegations."""
    return level in ("县区", "市")


def delegation_of(group_name: str | None) -> str:
    """The delegation a deputy counts in: the roster's 代表团 field, or 未分团."""
    name = (group_name or "").strip()
    return name[:MAX_NAME] if name else NO_DELEGATION


@dataclass(frozen=True)
class Delegation:
    """One delegation's box: ballots issued (its deputies present) and collected (None until declared)."""

    name: str
    issued: int
    collected: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"issued": self.issued, "collected": self.collected}


def plan(present_groups: Iterable[str | None]) -> dict[str, Delegation]:
    """The delegations of a session from the present deputies' 代表团 fields, each issued one ballot per deputy
    present."""
    issued: dict[str, int] = {}
    for group in present_groups:
        name = delegation_of(group)
        issued[name] = issued.get(name, 0) + 1
    if len(issued) > MAX_DELEGATIONS:
        raise UserError(f"代表团多于 {MAX_DELEGATIONS} 个，请检查代表名册中的“代表团”一栏",
                        "too many delegations")
    return {name: Delegation(name, issued[name]) for name in in_office_order(issued)}


def in_office_order(names: Iterable[str]) -> list[str]:
    """As offices list delegations: 第一、第二……代表团 by the numeral, names by pinyin; 未分团 last."""
    return sorted(names, key=lambda name: (name == NO_DELEGATION, sort_key(name)))


def from_stored(data: Mapping[str, Any] | None) -> dict[str, Delegation]:
    """The session's stored delegations (``vote_session.delegations``), in their stored order."""
    out: dict[str, Delegation] = {}
    for name, d in (data or {}).items():
        collected = d.get("collected")
        out[str(name)] = Delegation(str(name), int(d.get("issued", 0)), None if collected is None else int(collected))
    return out


def to_stored(delegations: Mapping[str, Delegation]) -> dict[str, Any]:
    return {name: d.to_dict() for name, d in delegations.items()}


def known(delegations: Mapping[str, Delegation], name: str) -> Delegation:
    d = delegations.get(name)
    if d is None and not name:
        raise UserError("本次分团计票：请先选择本台录入的代表团", "no delegation given", field="代表团")
    if d is None:
        raise UserError(f"本次会议没有“{name}”代表团", f"unknown delegation: {name}", field="代表团")
    return d


def declare(delegations: Mapping[str, Delegation], name: str, collected: int, counted: int) -> dict[str, Delegation]:
    """A delegation's tellers declare the ballots taken out of its box (``counted`` are already recorded)."""
    d = known(delegations, name)
    if not isinstance(collected, int) or collected < 0:
        raise UserError("收回票数应为非负整数", "collected must be a non-negative integer", field="收回票数")
    if d.collected is not None:
        raise UserError(f"{name}的收回票数已录入（{d.collected} 张），不能再改", "already declared", field="收回票数")
    if collected < counted:
        raise UserError(f"{name}收回票数少于已录入的选票数", "fewer than already recorded", field="收回票数")
    out = dict(delegations)
    out[name] = Delegation(name, d.issued, collected)
    return out


def over_collected(delegations: Mapping[str, Delegation]) -> list[str]:
    """Delegations whose box held more ballots than they were issued: any one voids the vote."""
    return [d.name for d in delegations.values() if d.collected is not None and d.collected > d.issued]


def collected_so_far(delegations: Mapping[str, Delegation]) -> int | None:
    """The session's collected ballots: the sum of the declared delegations (None before any is declared)."""
    declared = [d.collected for d in delegations.values() if d.collected is not None]
    return sum(declared) if declared else None


def room_for_ballot(delegations: Mapping[str, Delegation], name: str, counted: int) -> None:
    """Refuses a ballot for a delegation whose box is not declared or whose ballots are all recorded."""
    d = known(delegations, name)
    if d.collected is None:
        raise UserError(f"请先录入{name}的收回票数，再逐张唱票", "declare the delegation's collected ballots first",
                        field="收回票数")
    if counted >= d.collected:
        raise UserError(f"{name}收回的 {d.collected} 张选票已全部录入", "all of the delegation's ballots are recorded")


DelegationProgress = DelegationLine  # the line the console and the projector show


def progress(delegations: Mapping[str, Delegation], counted: Mapping[str, int],
             agreed: Iterable[str] | None = None) -> tuple[DelegationProgress, ...]:
    """Each delegation's progress. Ballot by ballot (``agreed`` None) a delegation is done when every collected
    ballot is recorded; with paper totals, when its two entries agree (``agreed`` names those)."""
    agreed_set = None if agreed is None else set(agreed)
    out = []
    for d in delegations.values():
        n = counted.get(d.name, 0)
        if agreed_set is None:
            done = d.collected is not None and n == d.collected
        else:
            done = d.name in agreed_set
        out.append(DelegationProgress(d.name, d.issued, d.collected, n, done))
    return tuple(out)


def not_done(lines: Iterable[DelegationProgress]) -> list[str]:
    return [p.name for p in lines if not p.done]


def require_all_counted(lines: Iterable[DelegationProgress]) -> None:
    """Publishing waits for every delegation: says which are not counted yet."""
    pending = not_done(lines)
    if pending:
        raise UserError(f"以下代表团尚未计票完毕：{'、'.join(pending)}。各代表团都计完后才能合并公布结果",
                        "not every delegation is counted")


def combine(totals: Iterable[PaperTotals], candidate_ids: Iterable[str]) -> PaperTotals:
    """The combined paper totals of the delegations: every figure summed."""
    ids = list(candidate_ids)
    counts = {cid: zero_counts() for cid in ids}
    collected = invalid = 0
    for t in totals:
        collected += t.ballots_collected
        invalid += t.invalid_ballots
        for cid in ids:
            row = t.counts.get(cid, {})
            for m in MARKS:
                counts[cid][m] += row.get(m, 0)
    return PaperTotals(collected, invalid, counts)


def agreed_totals(entries: Mapping[str, Mapping[int, PaperTotals]]) -> dict[str, PaperTotals]:
    """The delegations whose two tellers' entries agree, with the agreed totals."""
    return {name: e[1] for name, e in entries.items() if 1 in e and 2 in e and e[1] == e[2]}


def combined_entries(delegations: Mapping[str, Delegation], entries: Mapping[str, Mapping[int, PaperTotals]],
                     candidate_ids: Iterable[str]) -> dict[int, PaperTotals]:
    """Paper totals by delegation as the session's two agreeing entries (what ``final_count`` reads), once every
    delegation's entries agree; empty before that (final_count then refuses, and the console says which)."""
    agreed = agreed_totals(entries)
    if not delegations or any(name not in agreed for name in delegations):
        return {}
    combined = combine((agreed[name] for name in delegations), candidate_ids)
    return {1: combined, 2: combined}


def with_agreed_totals(delegations: Mapping[str, Delegation],
                       entries: Mapping[str, Mapping[int, PaperTotals]]) -> dict[str, Delegation]:
    """With paper totals the collected ballots are what the two agreeing entries say."""
    agreed = agreed_totals(entries)
    return {name: Delegation(name, d.issued, agreed[name].ballots_collected if name in agreed else d.collected)
            for name, d in delegations.items()}


def session_result(candidates: Sequence[Candidate], rules: VoteRules, count_mode: str,
                   delegations: Mapping[str, Delegation], ballots: Mapping[str, Sequence[Ballot]],
                   entries: Mapping[str, Mapping[int, PaperTotals]]) -> TallyResult:
    """The combined result of a session counted by delegation (publishing and, later, recounting a sealed one).

    Any delegation that collected more than it was issued voids the vote (every ballot uncounted), as one box
    would; otherwise every delegation must be counted, and the combined ballots or totals are counted once under
    the session's rules."""
    issued = sum(d.issued for d in delegations.values())
    if count_mode == "totals":
        delegations = with_agreed_totals(delegations, entries)
    if over_collected(delegations):
        collected = collected_so_far(delegations) or 0
        zero = {c.id: zero_counts() for c in candidates}
        void = tally(candidates, rules, -1, totals=PaperTotals(collected, collected, zero))  # over-collected
        return replace(void, ballots_issued=issued)
    if count_mode == "totals":
        require_all_counted(progress(delegations, {}, agreed_totals(entries)))
        return final_count(candidates, rules, issued, count_mode, None, (),
                           combined_entries(delegations, entries, [c.id for c in candidates]))
    counted = {name: len(ballots.get(name, ())) for name in delegations}
    require_all_counted(progress(delegations, counted))
    every = [b for name in delegations for b in ballots.get(name, ())]
    return final_count(candidates, rules, issued, count_mode, collected_so_far(delegations), every, {})
