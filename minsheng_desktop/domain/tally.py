"""Counting one vote (DOMAIN.md §3, CLI.md `tally`): validity, quorum, threshold, ranking, ties, shortfall."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .rules import VoteRules, has_quorum, strictly_more_than

MARKS = ("Y", "N", "A")
VALID = "valid"
VOID_NO_QUORUM = "void_no_quorum"
VOID_OVER_COLLECTED = "void_over_collected"
STATUS_LABELS = {VALID: "有效", VOID_NO_QUORUM: "无效（出席代表不足法定人数）", VOID_OVER_COLLECTED: "无效（收回票数多于发出票数）"}
OUTCOME_LABELS = {
    "chosen": "当选",
    "passed_not_chosen": "通过但未入选",
    "not_passed": "未通过",
    "revote": "并列待再次投票",
}


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str


@dataclass(frozen=True)
class Ballot:
    """One paper ballot: candidate id → 'Y'/'N'/'A'; a candidate left out is unmarked."""

    marks: Mapping[str, str] = field(default_factory=dict)
    spoiled: bool = False


@dataclass(frozen=True)
class PaperTotals:
    """Totals read off paper by the tellers instead of ballot-by-ballot records."""

    ballots_collected: int
    invalid_ballots: int
    counts: Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class CandidateResult:
    id: str
    name: str
    approve: int
    oppose: int
    abstain: int
    rank: int
    passed: bool
    outcome: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class TallyResult:
    status: str
    ballots_issued: int
    ballots_collected: int
    valid_ballots: int
    invalid_ballots: int
    threshold: int
    candidates: tuple[CandidateResult, ...]
    chosen: tuple[str, ...]
    revote: tuple[str, ...]
    unfilled: int
    further_vote: tuple[str, ...] = ()

    @property
    def is_void(self) -> bool:
        return self.status != VALID

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": self.status,
            "ballots_issued": self.ballots_issued,
            "ballots_collected": self.ballots_collected,
            "valid_ballots": self.valid_ballots,
            "invalid_ballots": self.invalid_ballots,
            "threshold": self.threshold,
            "candidates": [c.to_dict() for c in self.candidates],
            "chosen": list(self.chosen),
            "revote": list(self.revote),
            "unfilled": self.unfilled,
        }
        if self.further_vote:
            data["further_vote"] = list(self.further_vote)
        return data


def ballot_problem(ballot: Ballot, rules: VoteRules, candidate_ids: Sequence[str]) -> str | None:
    """Why a ballot is invalid under the rules (a Chinese reason), or None when it counts."""
    if ballot.spoiled:
        return "废票"
    approvals = sum(1 for m in ballot.marks.values() if m == "Y")
    if rules.over_approval_invalidates and approvals > rules.seats:
        return f"赞成 {approvals} 项，超过应选 {rules.seats} 项"
    if rules.unmarked == "invalidates" and any(c not in ballot.marks for c in candidate_ids):
        return "有未标记的候选项目"
    return None


def count_ballots(
    candidates: Sequence[Candidate], ballots: Sequence[Ballot], rules: VoteRules
) -> PaperTotals:
    """Turn ballot-by-ballot records into totals; an unmarked candidate counts as 弃权."""
    ids = [c.id for c in candidates]
    counts = {cid: {"Y": 0, "N": 0, "A": 0} for cid in ids}
    invalid = 0
    for ballot in ballots:
        if ballot_problem(ballot, rules, ids) is not None:
            invalid += 1
            continue
        for cid in ids:
            counts[cid][ballot.marks.get(cid, "A")] += 1
    return PaperTotals(ballots_collected=len(ballots), invalid_ballots=invalid, counts=counts)


def pass_base_value(base: str, rules: VoteRules, collected: int, valid: int) -> int:
    return {
        "all_deputies": rules.deputies_total,
        "present": rules.deputies_present,
        "ballots_collected": collected,
        "valid_ballots": valid,
    }[base]


def threshold_for(rules: VoteRules, collected: int, valid: int) -> int:
    """Smallest number of approvals that passes (both conditions, when a second one is set)."""
    base = pass_base_value(rules.pass_base, rules, collected, valid)
    threshold = strictly_more_than(base, rules.pass_fraction)
    if rules.second_condition is not None:
        second = pass_base_value(rules.second_condition.base, rules, collected, valid)
        threshold = max(threshold, strictly_more_than(second, rules.second_condition.fraction))
    return threshold


def competition_ranks(approvals: Sequence[int]) -> list[int]:
    """1, 2, 2, 4 ranking: one plus the number of entries with strictly more approvals."""
    return [1 + sum(1 for other in approvals if other > mine) for mine in approvals]


def tally(
    candidates: Sequence[Candidate],
    rules: VoteRules,
    ballots_issued: int,
    *,
    ballots: Sequence[Ballot] | None = None,
    totals: PaperTotals | None = None,
) -> TallyResult:
    """Count one vote from ballots or from paper totals (exactly one of them)."""
    if (ballots is None) == (totals is None):
        raise ValueError("give either ballots or totals")
    if totals is None:
        totals = count_ballots(candidates, ballots or (), rules)
    collected = totals.ballots_collected
    valid = collected - totals.invalid_ballots
    if not has_quorum(rules.deputies_total, rules.deputies_present, rules.quorum_fraction):
        status = VOID_NO_QUORUM
    elif collected > ballots_issued:
        status = VOID_OVER_COLLECTED
    else:
        status = VALID
    threshold = threshold_for(rules, collected, valid)

    approvals = [totals.counts[c.id]["Y"] for c in candidates]
    ranks = competition_ranks(approvals)
    order = sorted(range(len(candidates)), key=lambda i: (ranks[i], i))
    outcomes: dict[str, str] = {c.id: "not_passed" for c in candidates}
    passed_ids: set[str] = set()
    chosen: list[str] = []
    revote: list[str] = []
    further: list[str] = []
    unfilled = 0
    if status == VALID:
        passing = [i for i in order if approvals[i] >= threshold]
        passed_ids = {candidates[i].id for i in passing}
        chosen_idx, tied_idx = _cut(passing, approvals, rules.seats)
        for i in passing:
            outcomes[candidates[i].id] = "passed_not_chosen"
        if tied_idx:
            if rules.tie_at_cutoff == "include_all":
                chosen_idx += tied_idx
            elif rules.tie_at_cutoff == "revote":
                revote = [candidates[i].id for i in tied_idx]
                for cid in revote:
                    outcomes[cid] = "revote"
        chosen_idx.sort(key=order.index)
        chosen = [candidates[i].id for i in chosen_idx]
        for cid in chosen:
            outcomes[cid] = "chosen"
        unfilled = max(0, rules.seats - len(chosen))
        if unfilled and rules.shortfall == "further_vote" and not revote:
            further = [candidates[i].id for i in order if candidates[i].id not in chosen]
    results = tuple(
        CandidateResult(
            id=candidates[i].id,
            name=candidates[i].name,
            approve=totals.counts[candidates[i].id]["Y"],
            oppose=totals.counts[candidates[i].id]["N"],
            abstain=totals.counts[candidates[i].id]["A"],
            rank=ranks[i],
            passed=candidates[i].id in passed_ids,
            outcome=outcomes[candidates[i].id],
        )
        for i in order
    )
    return TallyResult(
        status=status,
        ballots_issued=ballots_issued,
        ballots_collected=collected,
        valid_ballots=valid,
        invalid_ballots=totals.invalid_ballots,
        threshold=threshold,
        candidates=results,
        chosen=tuple(chosen),
        revote=tuple(revote),
        unfilled=unfilled,
        further_vote=tuple(further),
    )


def _cut(passing: list[int], approvals: Sequence[int], seats: int) -> tuple[list[int], list[int]]:
    """Split the passing candidates (in rank order) into the sure picks and the group tied at the cut-off."""
    if len(passing) <= seats:
        return list(passing), []
    cutoff = approvals[passing[seats - 1]]
    if approvals[passing[seats]] != cutoff:
        return list(passing[:seats]), []
    above = [i for i in passing if approvals[i] > cutoff]
    tied = [i for i in passing if approvals[i] == cutoff]
    return above, tied
