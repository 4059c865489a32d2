"""Counting one vote (DOMAIN.md §3, CLI.md `tally`): validity, quorum, threshold, ranking, ties, shortfall."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .rules import VoteRules, has_quorum, strictly_more_than
from .vocabulary import Mark, Outcome, TallyStatus

APPROVE, OPPOSE, ABSTAIN = Mark.APPROVE, Mark.OPPOSE, Mark.ABSTAIN
MARKS = (APPROVE, OPPOSE, ABSTAIN)
VALID = TallyStatus.VALID
VOID_NO_QUORUM = TallyStatus.VOID_NO_QUORUM
VOID_OVER_COLLECTED = TallyStatus.VOID_OVER_COLLECTED
STATUS_LABELS: dict[str, str] = {
    VALID: "有效", VOID_NO_QUORUM: "无效（出席代表不足法定人数）", VOID_OVER_COLLECTED: "无效（收回票数多于发出票数）",
}
OUTCOME_LABELS: dict[str, str] = {
    Outcome.CHOSEN: "当选",
    Outcome.PASSED_NOT_CHOSEN: "通过但未入选",
    Outcome.NOT_PASSED: "未通过",
    Outcome.REVOTE: "并列待再次投票",
}


def zero_counts() -> dict[str, int]:
    """One candidate's counts before any ballot: 赞成 0, 反对 0, 弃权 0."""
    return {APPROVE: 0, OPPOSE: 0, ABSTAIN: 0}


def passes(approve: int, threshold: int) -> bool:
    """过线: a candidate passes with at least ``threshold`` approvals (the smallest number that passes)."""
    return approve >= threshold


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
    approvals = sum(1 for m in ballot.marks.values() if m == APPROVE)
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
    counts = {cid: zero_counts() for cid in ids}
    invalid = 0
    for ballot in ballots:
        if ballot_problem(ballot, rules, ids) is not None:
            invalid += 1
            continue
        for cid in ids:
            counts[cid][ballot.marks.get(cid, ABSTAIN)] += 1
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
    status = _status(rules, collected, ballots_issued)
    threshold = threshold_for(rules, collected, valid)
    approvals = [totals.counts[c.id][APPROVE] for c in candidates]
    ranks = competition_ranks(approvals)
    order = sorted(range(len(candidates)), key=lambda i: (ranks[i], i))
    pick = _Pick({c.id: Outcome.NOT_PASSED for c in candidates})
    if status == VALID:
        pick = _choose(candidates, rules, approvals, order, threshold)
    results = tuple(
        CandidateResult(
            id=candidates[i].id,
            name=candidates[i].name,
            approve=totals.counts[candidates[i].id][APPROVE],
            oppose=totals.counts[candidates[i].id][OPPOSE],
            abstain=totals.counts[candidates[i].id][ABSTAIN],
            rank=ranks[i],
            passed=candidates[i].id in pick.passed,
            outcome=pick.outcomes[candidates[i].id],
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
        chosen=tuple(pick.chosen),
        revote=tuple(pick.revote),
        unfilled=pick.unfilled,
        further_vote=tuple(pick.further),
    )


def _status(rules: VoteRules, collected: int, ballots_issued: int) -> str:
    """Whether the vote stands: void without a quorum present, or with more ballots collected than issued."""
    if not has_quorum(rules.deputies_total, rules.deputies_present, rules.quorum_fraction):
        return VOID_NO_QUORUM
    if collected > ballots_issued:
        return VOID_OVER_COLLECTED
    return VALID


@dataclass
class _Pick:
    """What a standing vote decided: each candidate's outcome, who passed, who is chosen, who goes to a revote or
    a further vote, and how many seats stay empty."""

    outcomes: dict[str, str]
    passed: set[str] = field(default_factory=set)
    chosen: list[str] = field(default_factory=list)
    revote: list[str] = field(default_factory=list)
    further: list[str] = field(default_factory=list)
    unfilled: int = 0


def _choose(candidates: Sequence[Candidate], rules: VoteRules, approvals: Sequence[int], order: Sequence[int],
            threshold: int) -> _Pick:
    """The chosen in rank order up to the seats; a tie at the cut-off is taken in, revoted or left unfilled by the
    rules; seats left empty go to a further vote when the rules say so (and no revote is pending)."""
    outcomes: dict[str, str] = {c.id: Outcome.NOT_PASSED for c in candidates}
    passing = [i for i in order if passes(approvals[i], threshold)]
    for i in passing:
        outcomes[candidates[i].id] = Outcome.PASSED_NOT_CHOSEN
    chosen_idx, tied_idx = _cut(passing, approvals, rules.seats)
    revote: list[str] = []
    if tied_idx and rules.tie_at_cutoff == "include_all":
        chosen_idx += tied_idx
    elif tied_idx and rules.tie_at_cutoff == "revote":
        revote = [candidates[i].id for i in tied_idx]
        for cid in revote:
            outcomes[cid] = Outcome.REVOTE
    position = {i: k for k, i in enumerate(order)}
    chosen_idx.sort(key=position.__getitem__)
    chosen = [candidates[i].id for i in chosen_idx]
    for cid in chosen:
        outcomes[cid] = Outcome.CHOSEN
    unfilled = max(0, rules.seats - len(chosen))
    further: list[str] = []
    if unfilled and rules.shortfall == "further_vote" and not revote:
        further = [candidates[i].id for i in order if candidates[i].id not in chosen]
    return _Pick(outcomes, {candidates[i].id for i in passing}, chosen, revote, further, unfilled)


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
