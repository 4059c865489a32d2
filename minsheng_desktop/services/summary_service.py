"""汇总: aggregate figures per town, per category and per year — what the county reports upward."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..domain.limits import check_year
from ..domain.vocabulary import OWN_NAMES
from ..storage import settings_repo, summary_repo
from ..storage.db import Database


@dataclass
class Figures:
    proposals: int = 0
    candidates: int = 0
    projects: int = 0
    completed: int = 0
    planned: float = 0.0
    in_place: float = 0.0
    spent: float = 0.0
    satisfaction: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"proposals": self.proposals, "candidates": self.candidates, "projects": self.projects,
                "completed": self.completed, "completion_rate": round(self.completed / self.projects, 4)
                if self.projects else None, "investment_planned": round(self.planned, 2),
                "investment_in_place": round(self.in_place, 2), "investment_spent": round(self.spent, 2),
                "satisfaction": None if self.satisfaction is None else round(self.satisfaction, 4)}


@dataclass
class Summary:
    year: int | None
    total: Figures = field(default_factory=Figures)
    towns: list[tuple[str, str, Figures]] = field(default_factory=list)  # code, name, figures
    categories: list[tuple[str, Figures]] = field(default_factory=list)
    years: list[tuple[int, Figures]] = field(default_factory=list)
    own: str = ""  # the code of 县本级 / 市本级 among ``towns`` (the county's own projects), first; "" when none

    @property
    def town_count(self) -> int:
        """The towns (and streets) summed: 县本级 is in the rows and the total, but it is not a town."""
        return len(self.towns) - (1 if self.own else 0)

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "total": self.total.to_dict(),
                "towns": [{"code": c, "name": n, **f.to_dict()} for c, n, f in self.towns],
                "categories": [{"category": c, **f.to_dict()} for c, f in self.categories],
                "years": [{"year": y, **f.to_dict()} for y, f in self.years]}


class SummaryService:
    def __init__(self, db: Database):
        self.db = db

    def summary(self, year: int | None = None) -> Summary:
        if year is not None:
            check_year(year)

        with self.db.unit_of_work(read_only=True) as s:
            data = summary_repo.summary_rows(s, year)
            local = settings_repo.local_jurisdiction(s)
        names = dict(data.names)
        own = ""
        if local is not None and local.level in OWN_NAMES:
            own = local.code
            names[own] = OWN_NAMES[local.level]  # 县本级: the county's own vote and projects, beside its towns
        by: dict[str, dict[Any, Figures]] = {"town": {}, "cat": {}, "year": {}}
        _add_counts(by, data)
        per_town = _add_satisfaction(by, data.satisfaction)
        total = _total(by["town"].values(), per_town)
        return Summary(year, total,
                       sorted(((c, names.get(c, c), f) for c, f in by["town"].items()), key=lambda t: (t[0] != own, t[0])),
                       sorted(by["cat"].items(), key=lambda kv: (-kv[1].projects, kv[0])),
                       sorted(by["year"].items()), own if own in by["town"] else "")

    def town_detail(self, code: str, year: int | None = None) -> TownDetail:
        """One town's projects and votes, read-only, for the county's drill-down."""
        return town_detail(self.db, code, year)

    def export_package(self, out, *, attachments: bool = True):
        """This town's signed package for the county (export_service.export_package)."""
        from .export_service import export_package

        return export_package(self.db, out, attachments=attachments)


def _fig(by: dict[str, dict[Any, Figures]], kind: str, key: Any) -> Figures:
    return by[kind].setdefault(key, Figures())


def _add_counts(by: dict[str, dict[Any, Figures]], data: summary_repo.SummaryRows) -> None:
    """Proposals, candidates and projects (with their money) per town, per category and per year."""
    for attr, rows in data.counts:
        for code, y, cat, n in rows:
            for f in (_fig(by, "town", code), _fig(by, "cat", cat), _fig(by, "year", y)):
                setattr(f, attr, getattr(f, attr) + n)
    for code, y, cat, n, done, planned, in_place, spent in data.projects:
        for f in (_fig(by, "town", code), _fig(by, "cat", cat), _fig(by, "year", y)):
            f.projects += n
            f.completed += int(done or 0)
            f.planned += float(planned or 0)
            f.in_place += float(in_place or 0)
            f.spent += float(spent or 0)


def _add_satisfaction(by: dict[str, dict[Any, Figures]], sat: list[tuple]) -> dict[str, list[float]]:
    """Each town's and each year's mean satisfaction; returns the rates per town."""
    per_town: dict[str, list[float]] = {}
    per_year: dict[int, list[float]] = {}
    for code, y, avg in sat:
        if avg is not None:
            per_town.setdefault(code, []).append(float(avg))
            per_year.setdefault(y, []).append(float(avg))
    for code, values in per_town.items():
        _fig(by, "town", code).satisfaction = sum(values) / len(values)
    for y, values in per_year.items():
        _fig(by, "year", y).satisfaction = sum(values) / len(values)
    return per_town


def _total(towns: Iterable[Figures], per_town: dict[str, list[float]]) -> Figures:
    """The towns' figures added up; satisfaction the mean over every rate."""
    total = Figures()
    for f in towns:
        for attr in ("proposals", "candidates", "projects", "completed", "planned", "in_place", "spent"):
            setattr(total, attr, getattr(total, attr) + getattr(f, attr))
    all_sat = [v for values in per_town.values() for v in values]
    total.satisfaction = sum(all_sat) / len(all_sat) if all_sat else None
    return total


@dataclass(frozen=True)
class TownDetail:
    code: str
    name: str
    projects: list[tuple]  # year, name, category, status, budget, spent, completed on
    votes: list[tuple]  # year, title, held on, status, present/total, chosen


def town_detail(db: Database, code: str, year: int | None = None) -> TownDetail:
    """One town's projects and votes, read-only, for the county's drill-down."""
    with db.unit_of_work(read_only=True) as s:
        name = summary_repo.town_name(s, code) or code
        projects = [(y, n, c, st, float(b) if b is not None else None, float(sp) if sp is not None else None,
                     done.isoformat() if done else "") for y, n, c, st, b, sp, done in summary_repo.town_projects(s, code, year)]
        votes = [(y, t, h.isoformat() if h else "", st, f"{pr}/{tot}", len((r or {}).get("chosen", [])))
                 for y, t, h, st, pr, tot, r in summary_repo.town_votes(s, code, year)]
    return TownDetail(code, name, projects, votes)
