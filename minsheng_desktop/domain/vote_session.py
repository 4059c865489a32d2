"""Rules of running a vote session: marks cycling on the keyboard, paper totals that must agree, what the hall sees."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .errors import UserError
from .rules import VoteRules, has_quorum, quorum_needed
from .tally import (
    ABSTAIN,
    APPROVE,
    MARKS,
    OPPOSE,
    Ballot,
    Candidate,
    PaperTotals,
    TallyResult,
    ballot_problem,
    count_ballots,
    passes,
    tally,
    threshold_for,
    zero_counts,
)
from .terms import TOWN_TERMS, Terms
from .vocabulary import HallState, Outcome

SIGNIN, COUNTING, RESULT = HallState.SIGNIN, HallState.COUNTING, HallState.RESULT
CYCLE_APPROVE = (None, APPROVE, OPPOSE, ABSTAIN)
CYCLE_CHOOSE = (None, APPROVE)
MARK_LABELS: dict[str | None, str] = {APPROVE: "赞成", OPPOSE: "反对", ABSTAIN: "弃权", None: "未标记"}


def cycle_mark(current: str | None, ballot_style: str) -> str | None:
    """One key per candidate: 未标记 → 赞成 → 反对 → 弃权 → 未标记 (or ticked/unticked when choosing up to N)."""
    order = CYCLE_CHOOSE if ballot_style == "choose_up_to_n" else CYCLE_APPROVE
    i = order.index(current) if current in order else 0
    return order[(i + 1) % len(order)]


BALLOT_KEYS = "1234567890QWERTYUIOPASDFGHJKLZXCVBNM"  # the key in front of each candidate, in ballot order


def press_key(marks: dict[str, str], candidate_ids: Sequence[str], text: str, ballot_style: str) -> bool:
    """The teller presses the key in front of a candidate (keyed ballots and scanned ones being corrected alike):
    that candidate's mark in ``marks`` moves on (cycle_mark). False when the key names no candidate."""
    key = text.upper()
    if not key or key not in BALLOT_KEYS or BALLOT_KEYS.index(key) >= len(candidate_ids):
        return False
    cid = candidate_ids[BALLOT_KEYS.index(key)]
    mark = cycle_mark(marks.get(cid), ballot_style)
    if mark is None:
        marks.pop(cid, None)
    else:
        marks[cid] = mark
    return True


def validate_totals(totals: PaperTotals, candidate_ids: Sequence[str]) -> None:
    """Paper totals are consistent: invalid ≤ collected, and every candidate's Y+N+A equals the valid ballots."""
    for name, value in (("收回票数", totals.ballots_collected), ("无效票数", totals.invalid_ballots)):
        if not isinstance(value, int) or value < 0:
            raise UserError(f"“{name}”应为非负整数", f"{name} must be a non-negative integer", field=name)
    if totals.invalid_ballots > totals.ballots_collected:
        raise UserError("无效票数多于收回票数", "invalid exceeds collected", field="无效票数")
    valid = totals.ballots_collected - totals.invalid_ballots
    for cid in candidate_ids:
        row = totals.counts.get(cid)
        if row is None:
            raise UserError(f"缺少候选项目“{cid}”的票数", f"no counts for {cid}", field=cid)
        if any(not isinstance(row.get(m, 0), int) or row.get(m, 0) < 0 for m in MARKS):
            raise UserError("票数应为非负整数", "counts must be non-negative integers", field=cid)
        if sum(row.get(m, 0) for m in MARKS) != valid:
            raise UserError(f"有一项的赞成、反对、弃权之和 {sum(row.get(m, 0) for m in MARKS)} 不等于有效票 {valid}",
                            "Y+N+A must equal the valid ballots", field=cid)


def totals_differences(a: PaperTotals, b: PaperTotals, names: Mapping[str, str]) -> list[str]:
    """Where two tellers' entries disagree (empty when they agree)."""
    out = []
    if a.ballots_collected != b.ballots_collected:
        out.append(f"收回票数：{a.ballots_collected} ≠ {b.ballots_collected}")
    if a.invalid_ballots != b.invalid_ballots:
        out.append(f"无效票数：{a.invalid_ballots} ≠ {b.invalid_ballots}")
    for cid, name in names.items():
        ra, rb = a.counts.get(cid, {}), b.counts.get(cid, {})
        for m in MARKS:
            label = MARK_LABELS[m]
            if ra.get(m, 0) != rb.get(m, 0):
                out.append(f"{name} {label}：{ra.get(m, 0)} ≠ {rb.get(m, 0)}")
    return out


@dataclass(frozen=True)
class LiveRow:
    id: str
    name: str
    approve: int
    oppose: int
    abstain: int
    outcome: str = ""  # filled once the result is published
    rank: int = 0

    def passes(self, threshold: int) -> bool:
        """过线 at ``threshold`` approvals (the same rule the count applies)."""
        return passes(self.approve, threshold)


@dataclass(frozen=True)
class DelegationLine:
    """One delegation's progress as the hall sees it (domain/delegations.py computes it)."""

    name: str
    issued: int
    collected: int | None
    counted: int
    done: bool

    @property
    def label(self) -> str:
        if self.collected is None:
            return f"{self.name} 发出 {self.issued}，未清点"
        return f"{self.name} {self.counted}/{self.collected}" + (" ✓" if self.done else "")


@dataclass(frozen=True)
class LiveView:
    """Everything the projector draws. Computed here, so the console and the hall can never disagree."""

    title: str
    state: str
    deputies_total: int
    deputies_present: int
    quorum: int
    has_quorum: bool
    ballots_collected: int
    ballots_counted: int
    invalid: int
    threshold: int
    seats: int
    rows: tuple[LiveRow, ...] = ()
    result: TallyResult | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    delegations: tuple[DelegationLine, ...] = ()  # 分团计票: each delegation's 已计/收回, for the console and the hall
    terms: Terms = TOWN_TERMS  # the level's words: 代表/议事代表, 票决/票选

    def passed(self, row: LiveRow) -> bool:
        """Whether a row is over this view's pass line: the console's 过线 column and the projector agree."""
        return row.passes(self.threshold)


def live_view(title: str, state: str, rules: VoteRules, candidates: Sequence[Candidate], ballots: Sequence[Ballot],
              collected: int, result: TallyResult | None = None, totals: PaperTotals | None = None,
              terms: Terms = TOWN_TERMS) -> LiveView:
    """The hall's view: sign-in figures, counts so far, or the published result with what the rules did."""
    q = quorum_needed(rules.deputies_total, rules.quorum_fraction)
    counted = totals or count_ballots(candidates, ballots, rules)
    valid = counted.ballots_collected - counted.invalid_ballots
    threshold = threshold_for(rules, max(collected, counted.ballots_collected), max(valid, 0))
    if result is not None:
        rows = tuple(LiveRow(c.id, c.name, c.approve, c.oppose, c.abstain, c.outcome, c.rank) for c in result.candidates)
        notes = result_notes(result, rules, terms)
        threshold = result.threshold
    else:
        rows = tuple(LiveRow(c.id, c.name, counted.counts[c.id][APPROVE], counted.counts[c.id][OPPOSE],
                             counted.counts[c.id][ABSTAIN]) for c in candidates)
        notes = ()
    return LiveView(title, state, rules.deputies_total, rules.deputies_present, q,
                    has_quorum(rules.deputies_total, rules.deputies_present, rules.quorum_fraction), collected,
                    counted.ballots_collected, counted.invalid_ballots, threshold, rules.seats, rows, result, notes,
                    terms=terms)


def result_notes(result: TallyResult, rules: VoteRules, terms: Terms = TOWN_TERMS) -> tuple[str, ...]:
    """Plain-language lines about ties at the cut-off, unfilled places and void votes."""
    if result.is_void:
        return (f"本次{terms.vote}{terms.status_label(result.status)}，须重新投票",)
    names = {c.id: c.name for c in result.candidates}
    notes = []
    chosen = [c for c in result.candidates if c.id in result.chosen]
    if len(chosen) > rules.seats:
        lowest = min(c.approve for c in chosen)
        tied = [c.name for c in chosen if c.approve == lowest]
        notes.append(f"末位 {'、'.join(tied)} 得票相同（{lowest} 票），按规则一并纳入，共当选 {len(chosen)} 个")
    if result.revote:
        notes.append(f"末位 {'、'.join(names[c] for c in result.revote)} 得票相同，须对其再次投票")
    if rules.tie_at_cutoff == "leave_empty" and result.unfilled and any(
            c.outcome == Outcome.PASSED_NOT_CHOSEN for c in result.candidates):
        notes.append("末位得票相同，按规则名额空缺")
    summary = f"应选 {rules.seats} 个，当选 {len(result.chosen)} 个"
    notes.insert(0, summary + (f"，空缺 {result.unfilled} 个" if result.unfilled else ""))
    if result.further_vote:
        notes.append("空缺名额将在未当选的候选项目中另行投票")
    return tuple(notes)


def final_count(candidates: Sequence[Candidate], rules: VoteRules, issued: int, count_mode: str,
                collected: int | None, ballots: Sequence[Ballot], entries: Mapping[int, PaperTotals]) -> TallyResult:
    """The result a session's facts give: used to publish it and, later, to recount a sealed one.

    Ballot by ballot: more collected than issued voids the vote before anything is read out (every collected
    ballot uncounted); otherwise every collected ballot must be recorded. Paper totals: the two tellers'
    entries must agree.
    """
    if count_mode == "ballots":
        if collected is None:
            raise UserError("请先录入收回票数", "declare the collected ballots first")
        if collected > issued:
            zero = {c.id: zero_counts() for c in candidates}
            return tally(candidates, rules, issued, totals=PaperTotals(collected, collected, zero))
        if len(ballots) != collected:
            raise UserError(f"收回 {collected} 张，已录入 {len(ballots)} 张，请录完全部选票再公布结果",
                            "not every collected ballot is recorded")
        return tally(candidates, rules, issued, ballots=ballots)
    if len(entries) < 2 or entries.get(1) != entries.get(2):
        raise UserError("两位计票人录入的汇总票数尚未一致，不能公布结果", "the two entries do not agree")
    return tally(candidates, rules, issued, totals=entries[1])


class RunningCount:
    """The counts so far, kept as ballots are recorded or withdrawn, so a ballot costs one ballot's work.

    Equal at every step to ``count_ballots`` over the live ballots (a test checks it after undo and spoiled
    ballots); publishing still recounts from the stored ballots. A session counted by delegation (分团计票) also
    keeps how many ballots each delegation has recorded.
    """

    def __init__(self, candidates: Sequence[Candidate], rules: VoteRules, ballots: Sequence[Ballot] = (),
                 delegations: Sequence[str] | None = None):
        self.candidates = list(candidates)
        self.rules = rules
        self.ids = [c.id for c in self.candidates]
        self.counts = {cid: zero_counts() for cid in self.ids}
        self.invalid = 0
        self.ballots: list[Ballot] = []
        self.delegation_of: list[str] = []
        self.by_delegation: dict[str, int] = {}
        for i, b in enumerate(ballots):
            self.add(b, delegations[i] if delegations is not None else "")

    @property
    def recorded(self) -> int:
        return len(self.ballots)

    def _apply(self, ballot: Ballot, step: int) -> str | None:
        problem = ballot_problem(ballot, self.rules, self.ids)
        if problem is not None:
            self.invalid += step
        else:
            for cid in self.ids:
                self.counts[cid][ballot.marks.get(cid, ABSTAIN)] += step
        return problem

    def add(self, ballot: Ballot, delegation: str = "") -> str | None:
        """Counts one more ballot; returns why it is invalid, if it is."""
        self.ballots.append(ballot)
        self.delegation_of.append(delegation)
        self.by_delegation[delegation] = self.by_delegation.get(delegation, 0) + 1
        return self._apply(ballot, 1)

    def withdraw_last(self, delegation: str | None = None) -> Ballot:
        """Takes back the last ballot (of ``delegation``, when given: each delegation's tellers undo their own)."""
        i = len(self.ballots) - 1
        if delegation is not None:
            while i >= 0 and self.delegation_of[i] != delegation:
                i -= 1
            if i < 0:
                raise IndexError(delegation)
        ballot = self.ballots.pop(i)
        name = self.delegation_of.pop(i)
        self.by_delegation[name] -= 1
        self._apply(ballot, -1)
        return ballot

    def totals(self) -> PaperTotals:
        return PaperTotals(len(self.ballots), self.invalid, {cid: dict(c) for cid, c in self.counts.items()})
