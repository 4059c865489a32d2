"""Deciding marks from what the scanner measured (选票扫描计票), after VxScan's definite and marginal thresholds.

Each box gets a score from 0 (clean) to 1 (plainly marked). A score at or above DEFINITE is a mark; below
MARGINAL it is no mark; in between the reader is unsure. Stricter than VxScan for this use: a row with a marginal
box, or with more than one mark, makes the whole sheet go to a person, and no ballot is counted on a mark the reader
was unsure of. What a person confirms is judged by the session's rules (tally.ballot_problem) as typed ballots are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .rules import VoteRules
from .tally import ABSTAIN, APPROVE, Ballot, ballot_problem
from .vocabulary import Mark, SheetStatus

DEFINITE = 0.5
MARGINAL = 0.2
MARK_WORDS: dict[str, str] = {Mark.APPROVE: "赞成", Mark.OPPOSE: "反对", Mark.ABSTAIN: "弃权"}


def columns(style: str) -> tuple[str, ...]:
    """The mark each printed box stands for, left to right (ballot_layout.marks_for)."""
    return (APPROVE,) if style == "choose_up_to_n" else (Mark.APPROVE, Mark.OPPOSE, Mark.ABSTAIN)


@dataclass(frozen=True)
class RowReading:
    mark: str  # "Y"/"N"/"A", or "" for no mark
    certain: bool
    reason: str = ""
    suggestion: str = ""  # what the ballot's own instructions make of an uncertain row, for the person to confirm


def read_row(number: int, scores: Sequence[float], cols: Sequence[str]) -> RowReading:
    """One candidate's row: its boxes' scores, left to right."""
    definite = [i for i, s in enumerate(scores) if s >= DEFINITE]
    marginal = [i for i, s in enumerate(scores) if MARGINAL <= s < DEFINITE]
    if len(definite) > 1:
        words = "、".join(f"“{MARK_WORDS[cols[i]]}”" for i in definite)
        return RowReading("", False, f"第 {number} 项在{words}处都有标记", ABSTAIN if len(cols) > 1 else "")
    if marginal:
        words = "、".join(f"“{MARK_WORDS[cols[i]]}”" for i in marginal)
        guess = cols[definite[0]] if definite else ""
        return RowReading(guess, False, f"第 {number} 项{words}处的标记不清", guess)
    return RowReading(cols[definite[0]] if definite else "", True)


@dataclass(frozen=True)
class BallotReading:
    status: str  # SheetStatus
    marks: dict[str, str]  # candidate id → Y/N/A; a candidate left out is unmarked
    reasons: list[str] = field(default_factory=list)
    problem: str | None = None  # why the ballot would be invalid under the session's rules


def read_ballot(rows: dict[str, RowReading], rules: VoteRules, candidate_ids: Sequence[str]) -> BallotReading:
    """A whole ballot from its rows (every page's). Certain only when every row is; the marks given for an uncertain
    ballot are the suggestion a person starts from, never counted until confirmed."""
    marks = {cid: (r.mark if r.certain else r.suggestion) for cid, r in rows.items()}
    marks = {cid: m for cid, m in marks.items() if m}
    reasons = [r.reason for r in rows.values() if not r.certain]
    status = SheetStatus.READ if not reasons else SheetStatus.UNCERTAIN
    return BallotReading(status, marks, reasons, ballot_problem(Ballot(marks), rules, candidate_ids))
