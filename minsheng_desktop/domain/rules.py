"""The vote rules of DOMAIN.md §3 as one value object, with every setting and its default."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from fractions import Fraction
from typing import Any

from .errors import UserError

BALLOT_STYLES = {
    "approve_oppose_abstain": "逐项表决（赞成／反对／弃权）",
    "choose_up_to_n": "限额勾选（最多选 N 项）",
}
PASS_BASES = {
    "all_deputies": "全体代表（应到人数）",
    "present": "出席代表（实到人数）",
    "ballots_collected": "收回选票数",
    "valid_ballots": "有效选票数",
}
TIE_RULES = {
    "include_all": "并列者一并纳入",
    "revote": "对并列者再次投票",
    "leave_empty": "名额空缺",
}
SHORTFALL_RULES = {
    "leave_short": "按实际通过数确定，名额空缺",
    "further_vote": "对未当选的候选项目另行投票",
}
UNMARKED_RULES = {
    "abstain": "未标记的项目按弃权计",
    "invalidates": "有未标记项目的选票无效",
}


def _fraction(value: Any, name: str) -> tuple[int, int]:
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or value[1] <= 0
        or value[0] < 0
        or value[0] > value[1]
    ):
        raise UserError(
            f"规则“{name}”应为分数 [分子, 分母]，如 [1, 2]，且不大于 1",
            f"rule '{name}' must be a fraction [numerator, denominator] between 0 and 1",
            field=name,
        )
    return int(value[0]), int(value[1])


def _choice(value: Any, name: str, allowed: dict[str, str]) -> str:
    if value not in allowed:
        raise UserError(
            f"规则“{name}”的取值“{value}”无效，可选：{'、'.join(allowed)}",
            f"rule '{name}' must be one of {', '.join(allowed)}",
            field=name,
        )
    return str(value)


def _count(value: Any, name: str, minimum: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise UserError(
            f"“{name}”应为不小于 {minimum} 的整数",
            f"'{name}' must be an integer of at least {minimum}",
            field=name,
        )
    return value


@dataclass(frozen=True)
class SecondCondition:
    """An extra passing condition some councils add: approvals > base × fraction."""

    base: str = "valid_ballots"
    fraction: tuple[int, int] = (2, 3)


@dataclass(frozen=True)
class VoteRules:
    """Every setting of a vote. ``seats`` and the deputy counts have no default (they vary per vote)."""

    seats: int
    deputies_total: int
    deputies_present: int
    ballot_style: str = "approve_oppose_abstain"
    over_approval_invalidates: bool = True
    unmarked: str = "abstain"
    pass_base: str = "all_deputies"
    pass_fraction: tuple[int, int] = (1, 2)
    second_condition: SecondCondition | None = None
    tie_at_cutoff: str = "include_all"
    shortfall: str = "leave_short"
    quorum_fraction: tuple[int, int] = (2, 3)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VoteRules:
        """Build and validate rules from a case file or a stored setting; names the bad field."""
        if not isinstance(data, dict):
            raise UserError("“rules”应为对象", "'rules' must be an object", field="rules")
        for required in ("seats", "deputies_total", "deputies_present"):
            if required not in data:
                raise UserError(
                    f"缺少必填规则“{required}”", f"missing required rule '{required}'", field=required
                )
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(data) - known)
        if unknown:
            raise UserError(
                f"未知的规则：{'、'.join(unknown)}", f"unknown rule(s): {', '.join(unknown)}", field=unknown[0]
            )
        second = data.get("second_condition")
        if second is not None:
            if not isinstance(second, dict):
                raise UserError("“second_condition”应为对象或 null", "'second_condition' must be an object")
            second = SecondCondition(
                base=_choice(second.get("base", "valid_ballots"), "second_condition.base", PASS_BASES),
                fraction=_fraction(second.get("fraction", [2, 3]), "second_condition.fraction"),
            )
        over = data.get("over_approval_invalidates", True)
        if not isinstance(over, bool):
            raise UserError(
                "“over_approval_invalidates”应为 true 或 false",
                "'over_approval_invalidates' must be a boolean",
                field="over_approval_invalidates",
            )
        rules = cls(
            seats=_count(data["seats"], "seats", 1),
            deputies_total=_count(data["deputies_total"], "deputies_total", 1),
            deputies_present=_count(data["deputies_present"], "deputies_present", 0),
            ballot_style=_choice(data.get("ballot_style", cls.ballot_style), "ballot_style", BALLOT_STYLES),
            over_approval_invalidates=over,
            unmarked=_choice(data.get("unmarked", cls.unmarked), "unmarked", UNMARKED_RULES),
            pass_base=_choice(data.get("pass_base", cls.pass_base), "pass_base", PASS_BASES),
            pass_fraction=_fraction(data.get("pass_fraction", [1, 2]), "pass_fraction"),
            second_condition=second,
            tie_at_cutoff=_choice(data.get("tie_at_cutoff", cls.tie_at_cutoff), "tie_at_cutoff", TIE_RULES),
            shortfall=_choice(data.get("shortfall", cls.shortfall), "shortfall", SHORTFALL_RULES),
            quorum_fraction=_fraction(data.get("quorum_fraction", [2, 3]), "quorum_fraction"),
        )
        if rules.deputies_present > rules.deputies_total:
            raise UserError(
                f"实到人数 {rules.deputies_present} 超过应到人数 {rules.deputies_total}",
                "deputies_present exceeds deputies_total",
                field="deputies_present",
            )
        return rules

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pass_fraction"] = list(self.pass_fraction)
        data["quorum_fraction"] = list(self.quorum_fraction)
        if self.second_condition is not None:
            data["second_condition"] = {
                "base": self.second_condition.base,
                "fraction": list(self.second_condition.fraction),
            }
        return data


@dataclass(frozen=True)
class VotePolicy:
    """The per-town policy kept in settings: the vote rules (without this vote's attendance) plus C."""

    rules: VoteRules = field(default_factory=lambda: VoteRules(seats=10, deputies_total=1, deputies_present=1))
    candidates_planned: int = 12

    def rules_for(self, deputies_total: int, deputies_present: int) -> VoteRules:
        return replace(self.rules, deputies_total=deputies_total, deputies_present=deputies_present)

    def to_dict(self) -> dict[str, Any]:
        data = self.rules.to_dict()
        del data["deputies_total"], data["deputies_present"]
        data["candidates_planned"] = self.candidates_planned
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> VotePolicy:
        data = dict(data or {})
        planned = _count(data.pop("candidates_planned", 12), "candidates_planned", 1)
        data.setdefault("seats", 10)
        rules = VoteRules.from_dict({**data, "deputies_total": 1, "deputies_present": 1})
        return cls(rules=rules, candidates_planned=planned)


def has_quorum(total: int, present: int, fraction: tuple[int, int] = (2, 3)) -> bool:
    """Present must be at least total × fraction ("以上" includes the bound itself)."""
    return present * fraction[1] >= total * fraction[0]


def quorum_needed(total: int, fraction: tuple[int, int] = (2, 3)) -> int:
    """The smallest attendance that makes a quorum."""
    return -(-total * fraction[0] // fraction[1])


def strictly_more_than(base: int, fraction: tuple[int, int]) -> int:
    """Smallest integer strictly greater than base × fraction: floor(base × fraction) + 1."""
    return base * fraction[0] // fraction[1] + 1


def describe_fraction(fraction: tuple[int, int]) -> str:
    f = Fraction(*fraction)
    return "过半数" if f == Fraction(1, 2) else f"超过 {f.numerator}/{f.denominator}"


def margin_check(candidates: int, seats: int, vote: str = "票决") -> tuple[str, str]:
    """The 差额 check: ('ok'|'warn'|'error', message); ``vote``: 票决, or a street's 票选 (domain/terms.py)."""
    if seats <= 0:
        return "error", "应选项目数须大于 0"
    if candidates < seats:
        return "error", f"候选项目 {candidates} 个少于应选 {seats} 个，不能进行{vote}"
    if candidates == seats:
        return "warn", f"候选项目 {candidates} 个与应选 {seats} 个相等（等额），请确认是否采用等额{vote}"
    return "ok", f"差额{vote}：{candidates} 个候选项目中选出 {seats} 个"
