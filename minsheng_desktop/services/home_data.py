"""What the home page shows (首页: the year at a glance), as plain values.

Kept apart from the service that reads it so the window can show a saved copy (``home_snapshot``) without
importing the database layer (issue 13: the home page appears while the database opens)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..domain.catalog import LEVELS
from ..domain.terms import TOWN_TERMS, Terms, terms_for

Row3 = tuple[str, str, str]


@dataclass(frozen=True)
class HomeData:
    town: str
    year: int
    deputies: int
    proposals_total: int
    proposals_by_status: dict[str, int]
    proposals_by_category: dict[str, int]
    candidates: int
    candidates_approved: int
    seats: int
    vote_line: str
    projects_by_status: dict[str, int]
    investment: tuple[float, float, float]  # planned, in place, spent (万元)
    rounds: int
    satisfied_avg: float | None
    follow_ups: int
    upcoming: list[Row3]  # date, kind, title
    open_opinions: int
    overdue_opinions: int
    week_events: list[Row3] = field(default_factory=list)
    overdue_items: list[str] = field(default_factory=list)
    red_projects: list[str] = field(default_factory=list)
    terms: Terms = TOWN_TERMS  # the level's words (代表票决 / 议事代表票选)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["terms"] = self.terms.level  # kept as the level; its words come back from domain/terms.py
        return out

    @classmethod
    def from_json(cls, raw: Any) -> HomeData:
        """Back from ``to_json``'s output; anything of another shape raises ValueError (the file is not trusted)."""
        if not isinstance(raw, dict) or set(raw) != {f.name for f in fields(cls)}:
            raise ValueError("not a home page")
        return cls(
            town=_text(raw["town"]), year=_int(raw["year"]), deputies=_int(raw["deputies"]),
            proposals_total=_int(raw["proposals_total"]),
            proposals_by_status=_counts(raw["proposals_by_status"]),
            proposals_by_category=_counts(raw["proposals_by_category"]),
            candidates=_int(raw["candidates"]), candidates_approved=_int(raw["candidates_approved"]),
            seats=_int(raw["seats"]), vote_line=_text(raw["vote_line"]),
            projects_by_status=_counts(raw["projects_by_status"]),
            investment=_money3(raw["investment"]), rounds=_int(raw["rounds"]),
            satisfied_avg=None if raw["satisfied_avg"] is None else _number(raw["satisfied_avg"]),
            follow_ups=_int(raw["follow_ups"]), upcoming=_rows(raw["upcoming"]),
            open_opinions=_int(raw["open_opinions"]), overdue_opinions=_int(raw["overdue_opinions"]),
            week_events=_rows(raw["week_events"]), overdue_items=_texts(raw["overdue_items"]),
            red_projects=_texts(raw["red_projects"]), terms=terms_for(_level(raw["terms"])),
        )


MAX_TEXT = 400
MAX_ITEMS = 500


def _level(v: Any) -> str:
    if v not in LEVELS:
        raise ValueError("level")
    return v


def _text(v: Any) -> str:
    if not isinstance(v, str) or len(v) > MAX_TEXT:
        raise ValueError("text")
    return v


def _int(v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < 10**9:
        raise ValueError("count")
    return v


def _number(v: Any) -> float:
    if not isinstance(v, (int, float)) or isinstance(v, bool) or v != v or abs(v) > 1e12:
        raise ValueError("number")
    return float(v)


def _counts(v: Any) -> dict[str, int]:
    if not isinstance(v, dict) or len(v) > MAX_ITEMS:
        raise ValueError("counts")
    return {_text(k): _int(n) for k, n in v.items()}


def _money3(v: Any) -> tuple[float, float, float]:
    if not isinstance(v, list) or len(v) != 3:
        raise ValueError("investment")
    return _number(v[0]), _number(v[1]), _number(v[2])


def _rows(v: Any) -> list[Row3]:
    if not isinstance(v, list) or len(v) > MAX_ITEMS:
        raise ValueError("rows")
    out: list[Row3] = []
    for row in v:
        if not isinstance(row, list) or len(row) != 3:
            raise ValueError("row")
        out.append((_text(row[0]), _text(row[1]), _text(row[2])))
    return out


def _texts(v: Any) -> list[str]:
    if not isinstance(v, list) or len(v) > MAX_ITEMS:
        raise ValueError("texts")
    return [_text(t) for t in v]
