"""县级看板: per town (and per district in a city database) and summed: proposals, candidates, the vote, projects by
light, 已完成/基本完成/未完成, investment, satisfaction, supervision — for one year beside the year before.

One read transaction gathers the rows (``storage/dashboard_repo.py``); the lights, completion and overdue opinions
come from the same domain rules the towns use (``domain/progress.py``, ``domain/opinions.py``), lit by the rule this
database chose in 设置 › 灯色规则. Clicking a figure shows the rows behind it (``drill``), read-only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain.limits import check_year
from ..domain.opinions import is_overdue
from ..domain.progress import LightPolicy, MilestoneState, ProjectFacts, completion, light
from ..domain.rules import has_quorum
from ..domain.vocabulary import OWN_NAMES, Completion, Light, SessionStatus
from ..storage import dashboard_repo, settings_repo
from .base import DatedService

TOWN_LEVELS = ("乡镇", "街道")
LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE, Light.GREY)
SAT_BANDS = ((0.0, "60%以下"), (0.6, "60%～70%"), (0.7, "70%～80%"), (0.8, "80%～90%"), (0.9, "90%以上"))


@dataclass
class UnitFigures:
    """One town's (or district's, or the whole area's) figures for one year."""

    code: str
    name: str
    district: str = ""  # the district's code (city databases)
    towns: int = 0
    proposals: int = 0
    candidates: int = 0
    votes_held: int = 0  # sealed vote sessions
    votes_quorum: int = 0  # … of them with a quorum present
    chosen: int = 0
    lights: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LIGHT_ORDER, 0))
    completion: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Completion, 0))
    planned: float = 0.0
    in_place: float = 0.0
    spent: float = 0.0
    rates: list[float] = field(default_factory=list)  # each scored project's satisfied-or-basic rate
    events_held: int = 0
    opinions_overdue: int = 0

    @property
    def projects(self) -> int:
        return sum(self.lights.values())

    @property
    def satisfaction(self) -> float | None:
        return sum(self.rates) / len(self.rates) if self.rates else None

    @property
    def in_place_rate(self) -> float | None:
        return self.in_place / self.planned if self.planned else None

    @property
    def spent_rate(self) -> float | None:
        return self.spent / self.planned if self.planned else None

    def add(self, other: UnitFigures) -> None:
        for attr in ("towns", "proposals", "candidates", "votes_held", "votes_quorum", "chosen", "planned",
                     "in_place", "spent", "events_held", "opinions_overdue"):
            setattr(self, attr, getattr(self, attr) + getattr(other, attr))
        for key in self.lights:
            self.lights[key] += other.lights[key]
        for key in self.completion:
            self.completion[key] += other.completion[key]
        self.rates.extend(other.rates)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "towns": self.towns, "proposals": self.proposals,
                "candidates": self.candidates, "votes_held": self.votes_held, "votes_quorum": self.votes_quorum,
                "chosen": self.chosen, "projects": self.projects, "lights": {str(k): v for k, v in self.lights.items()},
                "completion": {str(k): v for k, v in self.completion.items()},
                "investment_planned": round(self.planned, 2), "investment_in_place": round(self.in_place, 2),
                "investment_spent": round(self.spent, 2), "satisfaction": _round(self.satisfaction),
                "events_held": self.events_held, "opinions_overdue": self.opinions_overdue}


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


@dataclass(frozen=True)
class ProjectLine:
    id: str
    year: int
    code: str
    town: str
    name: str
    category: str
    deadline: date | None
    percent: int
    light: str
    completion: str
    budget: float
    in_place: float
    spent: float
    satisfaction: float | None
    verdict: str


@dataclass
class Dashboard:
    year: int
    level: str  # this database's level: 县区 or 市 (a town sees itself)
    policy: LightPolicy
    towns: list[UnitFigures]
    districts: list[UnitFigures]  # a city's districts, each summing its towns; empty elsewhere
    total: UnitFigures
    last: UnitFigures  # the whole area the year before
    projects: list[ProjectLine]
    own: UnitFigures | None = None  # 县本级 / 市本级: the county's (city's) own vote and projects, in the total

    def units(self, by_district: bool = False) -> list[UnitFigures]:
        """The rows of the per-unit table: 本级 first (when it has anything), then the towns or the districts."""
        rows = self.districts if by_district and self.districts else self.towns
        return ([self.own] if self.own is not None else []) + rows

    def flagged(self, lamp: str) -> list[ProjectLine]:
        return [p for p in self.projects if p.light == lamp]

    def satisfaction_bands(self) -> list[tuple[str, int]]:
        counts = dict.fromkeys((label for _low, label in SAT_BANDS), 0)
        for p in self.projects:
            if p.satisfaction is not None:
                counts[next(label for low, label in reversed(SAT_BANDS) if p.satisfaction >= low)] += 1
        return list(counts.items())

    @property
    def area(self) -> str:
        """全县 / 全市 (a town's own database: 本级)."""
        return {"市": "全市", "县区": "全县"}.get(self.level, "本级")

    def names(self) -> dict[str, str]:
        """Code → name to print: in a city a town is named with its district (towns' names repeat across them)."""
        districts = {d.code: d.name for d in self.districts}
        names = {d.code: d.name for d in self.districts}
        names.update({t.code: f"{districts.get(t.district, '')}{t.name}" for t in self.towns})
        if self.own is not None:
            names[self.own.code] = self.own.name
        return names

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "level": self.level, "total": self.total.to_dict(), "last_year": self.last.to_dict(),
                "districts": [d.to_dict() for d in self.districts], "towns": [t.to_dict() for t in self.towns],
                "own": None if self.own is None else self.own.to_dict(),
                "red": [[p.town, p.name] for p in self.flagged(Light.RED)],
                "satisfaction_bands": self.satisfaction_bands()}


@dataclass(frozen=True)
class Drill:
    """The rows behind one figure, read-only."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple]


def _money(v) -> float:
    return float(v) if v else 0.0


class _Builder:
    """Turns the rows of one read into figures per town and year (plain Python over plain tuples)."""

    def __init__(self, rows: dashboard_repo.DashboardRows, policy: LightPolicy, today: date):
        self.rows, self.policy, self.today = rows, policy, today
        self.info = {c: (n, lvl, parent or "", pname, local) for c, n, lvl, parent, pname, local in rows.units}
        self.figs: dict[tuple[str, int], UnitFigures] = {}

    def fig(self, code: str, year: int) -> UnitFigures:
        key = (code, year)
        if key not in self.figs:
            name, _lvl, parent, _pname, _local = self.info.get(code, (code, "", "", "", False))
            self.figs[key] = UnitFigures(code, name, parent, towns=1)
        return self.figs[key]

    def build(self) -> list[ProjectLine]:
        r = self.rows
        for attr, counted in (("proposals", r.proposals), ("candidates", r.candidates)):
            for code, year, n in counted:
                setattr(self.fig(code, year), attr, n)
        for code, year, n in r.events:
            self.fig(code, year).events_held = n
        for code, year, status, due_on in r.opinions:
            self.fig(code, year).opinions_overdue += is_overdue(status, due_on, self.today)
        for code, year, status, total, present, rules, result in r.sessions:
            self._session(self.fig(code, year), status, total, present, rules or {}, result or {})
        return self._projects()

    @staticmethod
    def _session(f: UnitFigures, status: str, total: int, present: int, rules: dict, result: dict) -> None:
        if status != SessionStatus.SEALED:
            return
        f.votes_held += 1
        fraction = tuple(rules.get("quorum_fraction") or (2, 3))
        f.votes_quorum += has_quorum(total or 0, present or 0, (int(fraction[0]), int(fraction[1])))
        f.chosen += len(result.get("chosen", []))

    def _projects(self) -> list[ProjectLine]:
        r = self.rows
        # each project's earliest open milestone stands for them all: late_milestones is non-empty exactly when it is late
        milestones = {pid: (MilestoneState("", planned, None),) for pid, planned in r.milestones}
        adjustments: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for pid, kind, outcome in r.adjustments:
            adjustments[pid].append((kind, outcome))
        latest: dict[str, tuple] = {}
        for pid, held, rate, verdict in r.rounds:
            if rate is not None and (pid not in latest or (held or date.min) >= (latest[pid][0] or date.min)):
                latest[pid] = (held, float(rate), verdict)
        lines = []
        for pid, code, year, name, cat, deadline, percent, done_on, budget, in_place, spent in r.projects:
            adjs = adjustments.get(pid, [])
            facts = ProjectFacts(deadline, percent or 0, done_on,
                                 terminated=("终止", "同意") in adjs, pending_adjustment=any(o == "待决定" for _k, o in adjs),
                                 milestones=milestones.get(pid, ()), start=date(year, 1, 1))
            lamp, done = light(facts, self.today, self.policy), completion(facts, self.policy)
            _held, rate, verdict = latest.get(pid, (None, None, ""))
            f = self.fig(code, year)
            f.lights[lamp] += 1
            f.completion[done] += 1
            f.planned += _money(budget)
            f.in_place += _money(in_place)
            f.spent += _money(spent)
            if rate is not None:
                f.rates.append(rate)
            lines.append(ProjectLine(pid, year, code, f.name, name, cat, deadline, percent or 0, lamp, done,
                                     _money(budget), _money(in_place), _money(spent), rate, verdict))
        return sorted(lines, key=lambda p: (p.code, p.name))


class DashboardService(DatedService):

    def dashboard(self, year: int) -> Dashboard:
        check_year(year)
        with self.db.unit_of_work(read_only=True) as s:
            local = settings_repo.local_jurisdiction(s)
            level = local.level if local is not None else "县区"
            policy = LightPolicy.from_dict(settings_repo.get(s, local.code, "light_policy") if local else None)
            rows = dashboard_repo.dashboard_rows(s, [year, year - 1])
        b = _Builder(rows, policy, self.today)
        lines = b.build()
        towns = {c for c, (_n, lvl, *_rest) in b.info.items() if lvl in TOWN_LEVELS}
        this = sorted((f for (c, y), f in b.figs.items() if y == year and c in towns), key=lambda f: (f.district, f.code))
        last = UnitFigures("", "上年", towns=0)
        for (c, y), f in b.figs.items():
            if y == year - 1 and c in towns:
                last.add(f)
        total = UnitFigures("", "合计", towns=0)
        for f in this:
            total.add(f)
        own = None
        if local is not None and level in OWN_NAMES:  # the county's (city's) own vote and projects: 县本级
            own = b.figs.get((local.code, year))
            if own is not None:
                own.name, own.towns = OWN_NAMES[level], 0
                total.add(own)
            if (local.code, year - 1) in b.figs:
                before = b.figs[(local.code, year - 1)]
                before.towns = 0
                last.add(before)
            towns.add(local.code)
        districts = _districts(this, b.info) if level == "市" else []
        return Dashboard(year, level, policy, this, districts, total, last,
                         [p for p in lines if p.code in towns and p.year == year], own)

    def drill(self, board: Dashboard, codes: list[str] | None, measure: str) -> Drill:
        """The rows behind one figure: ``codes`` the towns (None: all), ``measure`` a column key of the board."""
        names = board.names()
        if codes is None:
            where, codes = board.area, [t.code for t in board.units()]
        else:
            where = "、".join(names.get(c, c) for c in codes) if len(codes) <= 3 else f"{len(codes)} 个乡镇"
        if measure in PROJECT_MEASURES:
            title, keep = PROJECT_MEASURES[measure]
            wanted = set(codes)
            rows = [_project_row(p, names) for p in board.projects if p.code in wanted and keep(p)]
            return Drill(f"{where} · {board.year} 年 · {title}", PROJECT_HEAD, rows)
        if measure not in LIST_MEASURES:
            raise ValueError(measure)
        title, headers, fetch = LIST_MEASURES[measure]
        with self.db.unit_of_work(read_only=True) as s:
            rows = fetch(s, codes, board.year, self.today)
        return Drill(f"{where} · {board.year} 年 · {title}", headers,
                     [(names.get(r[0], r[0]), *r[1:]) for r in rows])


def _districts(towns: list[UnitFigures], info: dict[str, tuple]) -> list[UnitFigures]:
    out: dict[str, UnitFigures] = {}
    for f in towns:
        parent_name = info.get(f.code, ("", "", "", "", False))[3]
        name = info.get(f.district, (parent_name or f.district or "未注明区县",))[0]
        d = out.setdefault(f.district, UnitFigures(f.district, name, f.district, towns=0))
        d.add(f)
    return sorted(out.values(), key=lambda d: d.code)


PROJECT_HEAD = ("乡镇", "项目", "类别", "完成时限", "进度", "灯", "完成情况", "计划投资(万元)", "到位(万元)", "已支出(万元)",
                "满意度", "测评结论")


def _project_row(p: ProjectLine, names: dict[str, str]) -> tuple:
    return (names.get(p.code, p.town), p.name, p.category, p.deadline.isoformat() if p.deadline else "", f"{p.percent}%", p.light,
            p.completion, round(p.budget, 2), round(p.in_place, 2), round(p.spent, 2),
            "" if p.satisfaction is None else f"{p.satisfaction:.1%}", p.verdict)


def _has_light(lamp: str) -> Callable[[ProjectLine], bool]:
    return lambda p: p.light == lamp


def _has_completion(done: str) -> Callable[[ProjectLine], bool]:
    return lambda p: p.completion == done


PROJECT_MEASURES: dict[str, tuple[str, Callable[[ProjectLine], bool]]] = {
    "projects": ("实事项目", lambda p: True),
    **{f"light:{lamp}": (f"{lamp}灯项目", _has_light(lamp)) for lamp in LIGHT_ORDER},
    **{f"done:{c}": (f"{c}的项目", _has_completion(c)) for c in Completion},
    "investment": ("项目投资", lambda p: bool(p.budget or p.in_place or p.spent)),
    "satisfaction": ("满意度测评", lambda p: p.satisfaction is not None),
}


def _proposals(s, codes, year, _today):
    return [(c, n, t, cat, src, v, d.isoformat() if d else "", st)
            for c, n, t, cat, src, v, d, st in dashboard_repo.proposal_list(s, codes, year)]


def _candidates(s, codes, year, _today):
    return [(c, n, cat, _money(inv), unit) for c, n, cat, inv, unit in dashboard_repo.candidate_list(s, codes, year)]


def _sessions(s, codes, year, _today):
    return [(c, t, h.isoformat() if h else "", "已公布（封存）" if st == SessionStatus.SEALED else st,
             f"{pr}/{tot}", "是" if has_quorum(tot or 0, pr or 0) else "否", len((res or {}).get("chosen", [])))
            for c, t, h, st, tot, pr, res in dashboard_repo.session_list(s, codes, year)]


def _events(s, codes, year, _today):
    return [(c, h.isoformat(), k, t, pl) for c, h, k, t, pl in dashboard_repo.event_list(s, codes, year)]


def _overdue(s, codes, year, today):
    return [(c, text, unit, due.isoformat(), st) for c, text, unit, due, st in dashboard_repo.opinion_list(s, codes, year)
            if is_overdue(st, due, today)]


LIST_MEASURES = {
    "proposals": ("征集的建议", ("乡镇", "序号", "建议", "类别", "来源", "村(社区)", "收到日期", "办理状态"), _proposals),
    "candidates": ("候选项目", ("乡镇", "候选项目", "类别", "估算投资(万元)", "责任单位"), _candidates),
    "votes": ("票决会议", ("乡镇", "票决会议", "日期", "状态", "实到/应到", "达到法定人数", "当选"), _sessions),
    "events": ("已开展的监督活动", ("乡镇", "日期", "类型", "活动", "地点"), _events),
    "overdue": ("逾期未办结的意见", ("乡镇", "意见建议", "责任单位", "办理期限", "状态"), _overdue),
}
