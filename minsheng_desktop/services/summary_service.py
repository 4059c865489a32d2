"""汇总: aggregate figures per town, per category and per year — what the county reports upward."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select

from ..domain.limits import check_year
from ..storage.db import Database
from ..storage.models import Candidate, Jurisdiction, Project, Proposal, SatisfactionRound

DONE = case((Project.completed_on.is_not(None), 1), (Project.status == "已完成", 1), else_=0)


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

        def where(col):
            return [] if year is None else [col == year]

        with self.db.engine.connect() as conn:
            names = dict(conn.execute(select(Jurisdiction.code, Jurisdiction.name)).all())
            by: dict[str, dict[Any, Figures]] = {"town": {}, "cat": {}, "year": {}}

            def fig(kind: str, key) -> Figures:
                return by[kind].setdefault(key, Figures())

            for model, attr in ((Proposal, "proposals"), (Candidate, "candidates")):
                rows = conn.execute(select(model.jurisdiction_code, model.year, model.category, func.count())
                                    .where(*where(model.year))
                                    .group_by(model.jurisdiction_code, model.year, model.category))
                for code, y, cat, n in rows:
                    for f in (fig("town", code), fig("cat", cat), fig("year", y)):
                        setattr(f, attr, getattr(f, attr) + n)
            rows = conn.execute(select(Project.jurisdiction_code, Project.year, Project.category, func.count(),
                                       func.sum(DONE), func.sum(Project.budget), func.sum(Project.funds_in_place),
                                       func.sum(Project.spent))
                                .where(*where(Project.year))
                                .group_by(Project.jurisdiction_code, Project.year, Project.category))
            for code, y, cat, n, done, planned, in_place, spent in rows:
                for f in (fig("town", code), fig("cat", cat), fig("year", y)):
                    f.projects += n
                    f.completed += int(done or 0)
                    f.planned += float(planned or 0)
                    f.in_place += float(in_place or 0)
                    f.spent += float(spent or 0)
            sat = conn.execute(select(SatisfactionRound.jurisdiction_code, SatisfactionRound.year,
                                      func.avg(SatisfactionRound.satisfied_or_basic_rate))
                               .where(SatisfactionRound.respondents == "代表", SatisfactionRound.verdict != "",
                                      *where(SatisfactionRound.year))
                               .group_by(SatisfactionRound.jurisdiction_code, SatisfactionRound.year)).all()
        per_town: dict[str, list[float]] = {}
        per_year: dict[int, list[float]] = {}
        for code, y, avg in sat:
            if avg is not None:
                per_town.setdefault(code, []).append(float(avg))
                per_year.setdefault(y, []).append(float(avg))
        for code, values in per_town.items():
            fig("town", code).satisfaction = sum(values) / len(values)
        for y, values in per_year.items():
            fig("year", y).satisfaction = sum(values) / len(values)
        total = Figures()
        for f in by["town"].values():
            for attr in ("proposals", "candidates", "projects", "completed", "planned", "in_place", "spent"):
                setattr(total, attr, getattr(total, attr) + getattr(f, attr))
        all_sat = [v for values in per_town.values() for v in values]
        total.satisfaction = sum(all_sat) / len(all_sat) if all_sat else None
        return Summary(year, total,
                       sorted(((c, names.get(c, c), f) for c, f in by["town"].items()), key=lambda t: t[0]),
                       sorted(by["cat"].items(), key=lambda kv: (-kv[1].projects, kv[0])),
                       sorted(by["year"].items()))


@dataclass(frozen=True)
class TownDetail:
    code: str
    name: str
    projects: list[tuple]  # year, name, category, status, budget, spent, completed on
    votes: list[tuple]  # year, title, held on, status, present/total, chosen


def town_detail(db: Database, code: str, year: int | None = None) -> TownDetail:
    """One town's projects and votes, read-only, for the county's drill-down."""
    from ..storage.models import VoteSession

    with db.engine.connect() as conn:
        name = conn.execute(select(Jurisdiction.name).where(Jurisdiction.code == code)).scalar() or code
        p = select(Project.year, Project.name, Project.category, Project.status, Project.budget, Project.spent,
                   Project.completed_on).where(Project.jurisdiction_code == code)
        v = select(VoteSession.year, VoteSession.title, VoteSession.held_on, VoteSession.status,
                   VoteSession.deputies_present, VoteSession.deputies_total, VoteSession.result) \
            .where(VoteSession.jurisdiction_code == code)
        if year is not None:
            p, v = p.where(Project.year == year), v.where(VoteSession.year == year)
        projects = [(y, n, c, s, float(b) if b is not None else None, float(sp) if sp is not None else None,
                     done.isoformat() if done else "") for y, n, c, s, b, sp, done in conn.execute(p.order_by(Project.year,
                                                                                                            Project.name))]
        votes = [(y, t, h.isoformat() if h else "", s, f"{pr}/{tot}", len((r or {}).get("chosen", [])))
                 for y, t, h, s, pr, tot, r in conn.execute(v.order_by(VoteSession.year, VoteSession.held_on))]
    return TownDetail(code, name, projects, votes)
