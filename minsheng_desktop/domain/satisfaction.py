"""Satisfaction scoring (DOMAIN.md §6, CLI.md `score`): rates, the three-level verdict, follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .errors import UserError
from .vocabulary import Satisfaction

SATISFIED, BASIC, UNSATISFIED = Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.UNSATISFIED
ABSTAIN, INVALID = Satisfaction.ABSTAIN, Satisfaction.INVALID
LEVELS = (SATISFIED, BASIC, UNSATISFIED)  # the verdicts, best first
METHODS = {"three_level": "／".join(LEVELS), "hundred_point": "百分制评分"}
# The one table of a scoring ballot's choices, in the order forms and reports list them: choice → the count it
# adds to (ThreeLevelCounts' fields). ``COUNT_LABELS`` is the same table read the other way.
CHOICES: dict[str, str] = {
    SATISFIED: "satisfied", BASIC: "basically", UNSATISFIED: "unsatisfied", ABSTAIN: "abstain", INVALID: "invalid",
}
COUNT_LABELS: dict[str, Satisfaction] = {count: Satisfaction(choice) for choice, count in CHOICES.items()}


def choices(allow_abstain: bool = True, with_invalid: bool = True) -> tuple[Satisfaction, ...]:
    """The choices a form or a report offers: the three levels, then 弃权 (when allowed) and 无效."""
    return (*LEVELS, *((ABSTAIN,) if allow_abstain else ()), *((INVALID,) if with_invalid else ()))


@dataclass(frozen=True)
class ThreeLevelCounts:
    satisfied: int
    basically: int
    unsatisfied: int
    abstain: int = 0
    invalid: int = 0

    @property
    def valid(self) -> int:
        return self.satisfied + self.basically + self.unsatisfied + self.abstain


@dataclass(frozen=True)
class ScoreResult:
    valid: int
    satisfied_rate: float
    satisfied_or_basic_rate: float
    verdict: str
    needs_follow_up: bool
    average: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "valid": self.valid,
            "satisfied_rate": self.satisfied_rate,
            "satisfied_or_basic_rate": self.satisfied_or_basic_rate,
            "verdict": self.verdict,
            "needs_follow_up": self.needs_follow_up,
        }
        if self.average is not None:
            data["average"] = self.average
        return data


def verdict_three_level(satisfied: int, basically: int, valid: int) -> Satisfaction:
    """满意 if 满意 > half of valid; else 基本满意 if 满意+基本满意 > half; else 不满意 (half is not more)."""
    if 2 * satisfied > valid:
        return SATISFIED
    if 2 * (satisfied + basically) > valid:
        return BASIC
    return UNSATISFIED


def _needs_follow_up(verdict: str, sob: int, valid: int, follow_up_below: float | None) -> bool:
    if verdict == UNSATISFIED:
        return True
    if follow_up_below is None:
        return False
    return Fraction(sob, valid) < Fraction(str(follow_up_below))


def score_three_level(counts: ThreeLevelCounts, follow_up_below: float | None = None) -> ScoreResult:
    for name in ("satisfied", "basically", "unsatisfied", "abstain", "invalid"):
        value = getattr(counts, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise UserError(f"票数“{name}”应为非负整数", f"count '{name}' must be a non-negative integer", field=name)
    valid = counts.valid
    if valid == 0:
        raise UserError("本轮测评没有有效票，无法计算满意率", "the round has no valid ballot", field="counts")
    sob = counts.satisfied + counts.basically
    verdict = verdict_three_level(counts.satisfied, counts.basically, valid)
    return ScoreResult(
        valid=valid,
        satisfied_rate=round(counts.satisfied / valid, 4),
        satisfied_or_basic_rate=round(sob / valid, 4),
        verdict=verdict,
        needs_follow_up=_needs_follow_up(verdict, sob, valid, follow_up_below),
    )


@dataclass(frozen=True)
class HundredPointBands:
    """A score at or above ``satisfied`` counts as 满意, at or above ``basic`` as 基本满意 (settings)."""

    satisfied: float = 80.0
    basic: float = 60.0


def band_of(score: float, bands: HundredPointBands = HundredPointBands()) -> Satisfaction:
    """The level a 0-100 score counts as: at or above ``bands.satisfied`` 满意, at or above ``bands.basic`` 基本满意."""
    if score >= bands.satisfied:
        return SATISFIED
    if score >= bands.basic:
        return BASIC
    return UNSATISFIED


def score_hundred_point(
    scores: list[float], bands: HundredPointBands = HundredPointBands(), follow_up_below: float | None = None
) -> ScoreResult:
    """Each deputy's 0-100 score is banded into the three levels; the verdict uses the same rule."""
    for i, value in enumerate(scores, start=1):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise UserError(f"第 {i} 个评分应为 0-100 的数", f"score {i} must be a number from 0 to 100", row=i)
    if not scores:
        raise UserError("本轮测评没有有效评分", "the round has no valid score", field="scores")
    levels = [band_of(s, bands) for s in scores]
    satisfied, basic = levels.count(SATISFIED), levels.count(BASIC)
    result = score_three_level(ThreeLevelCounts(satisfied, basic, len(scores) - satisfied - basic), follow_up_below)
    return ScoreResult(**{**result.__dict__, "average": round(sum(scores) / len(scores), 2)})


@dataclass(frozen=True)
class ScoringPolicy:
    """Per-town satisfaction settings (DOMAIN.md §6)."""

    method: str = "three_level"
    allow_abstain: bool = False
    follow_up_below: float | None = 0.7
    bands: HundredPointBands = HundredPointBands()
    rectify_days: int = 60

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "allow_abstain": self.allow_abstain,
            "follow_up_below": self.follow_up_below,
            "bands": {"satisfied": self.bands.satisfied, "basic": self.bands.basic},
            "rectify_days": self.rectify_days,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ScoringPolicy:
        data = data or {}
        method = data.get("method", "three_level")
        if method not in METHODS:
            raise UserError(f"测评方式“{method}”无效", f"unknown scoring method '{method}'", field="method")
        follow = data.get("follow_up_below", 0.7)
        if follow is not None and not 0 <= float(follow) <= 1:
            raise UserError("整改线应为 0%～100%", "follow_up_below must be between 0 and 1", field="follow_up_below")
        bands = data.get("bands") or {}
        sat, basic = float(bands.get("satisfied", 80.0)), float(bands.get("basic", 60.0))
        if not 0 <= basic <= sat <= 100:
            raise UserError("百分制分档应满足 0 ≤ 基本满意线 ≤ 满意线 ≤ 100", "score bands out of order", field="bands")
        days = int(data.get("rectify_days", 60))
        if days <= 0:
            raise UserError("整改期限应为正的天数", "rectify_days must be positive", field="rectify_days")
        return cls(method, bool(data.get("allow_abstain", False)), None if follow is None else float(follow),
                   HundredPointBands(sat, basic), days)


SCORE_SEPARATORS = str.maketrans({c: " " for c in ",，、;；\t\r\n"})
MAX_TYPED_SCORES = 2000


def parse_scores(text: str) -> list[float]:
    """100-point scores as typed, one per ballot, separated by spaces, commas or new lines (full-width digits too).
    Each must be a number from 0 to 100; the message names the first that is not."""
    words = text.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")).translate(SCORE_SEPARATORS).split()
    if len(words) > MAX_TYPED_SCORES:
        raise UserError(f"评分超过 {MAX_TYPED_SCORES} 个，请检查是否录入有误", "too many scores", field="评分")
    scores: list[float] = []
    for i, word in enumerate(words, start=1):
        try:
            value = float(word)
        except ValueError:
            value = -1.0
        if not 0 <= value <= 100:  # also NaN
            raise UserError(f"第 {i} 个评分“{word[:10]}”应为 0～100 的数", f"score {i} is not 0-100", row=i)
        scores.append(value)
    return scores
