"""乡镇考核 (汉阴: 纳入对各镇人大年度工作考核和积分制管理): the county scores each town's 票决 work from what it reported.

Six items, each worth points the county sets (defaults add up to 100):
- 征集与答复: points × replied proposals / proposals (none collected: 0);
- 票决: full points when a vote was sealed with a quorum present; none otherwise;
- 按期完成: points × projects completed by their deadline / projects whose deadline has passed (none due yet:
  full points, the evidence says so);
- 满意度: points × the mean satisfied-or-basic rate of the deputies' rounds (not scored yet: 0);
- 监督活动: points × min(1, events held / the events expected);
- 按时报送: full points when a package from the town was merged between 1 January and the due day of the year.
Scores are rounded to one decimal; towns are ranked by total, ties sharing a rank (1, 2, 2, 4), then by code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .errors import UserError

ITEMS: tuple[tuple[str, str, int], ...] = (
    ("intake", "征集与答复", 15),
    ("vote", "票决（达法定人数并封存）", 25),
    ("on_time", "项目按期完成", 25),
    ("satisfaction", "满意度", 15),
    ("supervision", "监督活动", 10),
    ("package", "按时报送上报包", 10),
)
ITEM_LABELS = {key: label for key, label, _p in ITEMS}


@dataclass(frozen=True)
class AssessmentPolicy:
    points: tuple[tuple[str, int], ...] = tuple((key, pts) for key, _label, pts in ITEMS)
    events_expected: int = 6  # 年初问计划、两次季会、年中问进度、视察、年底问效果
    package_due: str = "12-31"  # month-day of the assessed year by which the town's package must have arrived

    def worth(self, key: str) -> int:
        return dict(self.points).get(key, 0)

    def due_on(self, year: int) -> date:
        month, day = (int(x) for x in self.package_due.split("-"))
        try:
            return date(year, month, day)
        except ValueError:  # 02-29 in a common year: the last day of February
            return date(year, 2, 28)

    def to_dict(self) -> dict[str, Any]:
        return {"points": dict(self.points), "events_expected": self.events_expected,
                "package_due": self.package_due}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> AssessmentPolicy:
        """Read and check stored or entered rules; a bad value is refused with what to fix."""
        data = data or {}
        given = data.get("points", {})
        if not isinstance(given, Mapping):
            raise UserError("考核分值格式不对", "points must be a mapping", field="分值")
        points = []
        for key, label, default in ITEMS:
            value = given.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                raise UserError(f"“{label}”的分值应为 0～100 之间的整数", f"{key} must be 0-100", field=label)
            points.append((key, value))
        if sum(v for _k, v in points) == 0:
            raise UserError("各项分值不能都为 0", "all points are zero", field="分值")
        events = data.get("events_expected", 6)
        if isinstance(events, bool) or not isinstance(events, int) or not 1 <= events <= 50:
            raise UserError("“应开展的监督活动次数”应为 1～50 之间的整数", "events_expected must be 1-50",
                            field="监督活动次数")
        due = str(data.get("package_due", "12-31"))
        try:
            month, day = (int(x) for x in due.split("-"))
            date(2024, month, day)  # a leap year: 02-29 is a day some years have
        except ValueError:
            raise UserError("“报送截止日期”应写成 月-日，例如 12-31", "package_due must be MM-DD",
                            field="报送截止日期") from None
        return cls(tuple(points), events, f"{month:02d}-{day:02d}")


@dataclass(frozen=True)
class TownEvidence:
    """What the merged data says about one town's year."""

    code: str
    name: str
    proposals: int = 0
    replied: int = 0
    sealed: int = 0  # sealed vote sessions
    sealed_with_quorum: int = 0
    due: int = 0  # projects whose deadline has passed (or that were completed)
    on_time: int = 0  # … completed by their deadline
    satisfaction: float | None = None
    events: int = 0
    package_on: date | None = None  # the first package merged in the year (None: none merged)


@dataclass(frozen=True)
class ItemScore:
    key: str
    label: str
    score: float
    worth: int
    evidence: str


@dataclass(frozen=True)
class TownScore:
    code: str
    name: str
    items: tuple[ItemScore, ...]
    rank: int = 0

    @property
    def total(self) -> float:
        return round(sum(i.score for i in self.items), 1)


def _share(worth: int, part: float, whole: float) -> float:
    return round(worth * part / whole, 1) if whole else 0.0


def _items(e: TownEvidence, p: AssessmentPolicy, year: int) -> list[ItemScore]:
    w = p.worth
    due_day = p.due_on(year)
    sent = e.package_on is not None and date(year, 1, 1) <= e.package_on <= due_day
    sat = "尚未测评" if e.satisfaction is None else f"满意+基本满意率平均 {e.satisfaction:.1%}"
    return [
        ItemScore("intake", ITEM_LABELS["intake"], _share(w("intake"), e.replied, e.proposals), w("intake"),
                  f"征集建议 {e.proposals} 件，已答复 {e.replied} 件"),
        ItemScore("vote", ITEM_LABELS["vote"], float(w("vote")) if e.sealed_with_quorum else 0.0, w("vote"),
                  f"封存的票决 {e.sealed} 场，其中达到法定人数 {e.sealed_with_quorum} 场"),
        ItemScore("on_time", ITEM_LABELS["on_time"],
                  _share(w("on_time"), e.on_time, e.due) if e.due else float(w("on_time")), w("on_time"),
                  f"到期项目 {e.due} 个，按期完成 {e.on_time} 个" if e.due else "尚无到期项目"),
        ItemScore("satisfaction", ITEM_LABELS["satisfaction"],
                  round(w("satisfaction") * (e.satisfaction or 0.0), 1), w("satisfaction"), sat),
        ItemScore("supervision", ITEM_LABELS["supervision"],
                  _share(w("supervision"), min(e.events, p.events_expected), p.events_expected), w("supervision"),
                  f"开展监督活动 {e.events} 次（应开展 {p.events_expected} 次）"),
        ItemScore("package", ITEM_LABELS["package"], float(w("package")) if sent else 0.0, w("package"),
                  (f"{e.package_on.isoformat()} 报送" if e.package_on else "本年度未收到上报包")
                  + f"（截止 {due_day.isoformat()}）"),
    ]


def assess(evidence: Sequence[TownEvidence], policy: AssessmentPolicy, year: int) -> list[TownScore]:
    """Every town scored and ranked (highest first; equal totals share a rank, listed by code)."""
    scored = sorted((TownScore(e.code, e.name, tuple(_items(e, policy, year))) for e in evidence),
                    key=lambda t: (-t.total, t.code))
    ranked: list[TownScore] = []
    for i, t in enumerate(scored):
        rank = ranked[-1].rank if ranked and ranked[-1].total == t.total else i + 1
        ranked.append(TownScore(t.code, t.name, t.items, rank))
    return ranked
