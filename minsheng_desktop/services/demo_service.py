"""A realistic demo town: deputies, proposals, candidates, a sealed vote, projects, supervision, scores.

Everything is drawn from one random generator seeded by (seed, code), so the same arguments always give
the same town and different ones give different towns (the county merge uses several).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..clock import SYSTEM, Clock
from ..domain.catalog import CHAIN_PRESETS
from ..domain.errors import UserError
from ..domain.rules import VotePolicy
from ..domain.satisfaction import ScoringPolicy, ThreeLevelCounts, score_three_level
from ..domain.similarity import SimilarityIndex, bigrams, normalise
from ..domain.tally import Ballot, tally
from ..domain.tally import Candidate as TallyCandidate
from ..domain.vocabulary import (
    Decision,
    EventStatus,
    FollowUpStage,
    Mark,
    OpinionStatus,
    ProjectStatus,
    ScreeningStatus,
    SessionStatus,
)
from ..storage import audit_repo, demo_repo, settings_repo, vote_repo
from ..storage.db import Database
from . import demo_campaign, seal_service
from . import demo_data as D
from .demo_meetings import QuarterlyMeeting
from .demo_place import STREET_CODE, STREET_NAME, place_for
from .settings_service import TownInfo, init_town, validate_town


@dataclass(frozen=True)
class DemoOptions:
    town: str = "清溪镇"
    code: str = "610999101"
    years: int = 2
    seed: int = 1
    today: date | None = None  # the town as of this day; by default the clock's today
    deputies: int = 60
    level: str = "乡镇"  # 街道: a street council (议事代表 and 人大代表) that 票选 its projects

    @classmethod
    def for_level(cls, level: str, town: str | None = None, code: str | None = None, **kw) -> DemoOptions:
        """The demo's defaults for its level: 清溪镇 (60 代表) or 白涛街道 (45 议事代表 and 8 人大代表)."""
        def given(value: str | None, default: str) -> str:  # an empty --town is refused later, not replaced
            return default if value is None else value

        if level == "街道":
            return cls(town=given(town, STREET_NAME), code=given(code, STREET_CODE), deputies=53, level=level, **kw)
        if level in ("县区", "市"):  # a congress of its own, voting like a town
            default = ("示范县", "610999") if level == "县区" else ("示范市", "619900")
            return cls(town=given(town, default[0]), code=given(code, default[1]), deputies=200, level=level, **kw)
        return cls(town=given(town, cls.town), code=given(code, cls.code), level=level, **kw)


@dataclass(frozen=True)
class DemoSummary:
    town: str
    code: str
    years: list[int]
    deputies: int
    proposals: int
    candidates: int
    projects: int
    ballots: int
    events: int
    rounds: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def demo_town(options: DemoOptions) -> TownInfo:
    o = options
    if o.level == "街道":
        return TownInfo(o.code, o.town, o.level, o.code[:6], "涪陵区", f"{o.town}第一届议事代表会议",
                        f"人大{o.town}工委办公室")
    if o.level in ("县区", "市"):
        parent = o.code[:2] + "0000" if o.level == "市" or o.code.endswith("00") else o.code[:4] + "00"
        return TownInfo(o.code, o.town, o.level, parent, "示范省" if o.level == "市" else "示范市",
                        f"{o.town}第十八届人民代表大会", "人大常委会办公室")
    return TownInfo(o.code, o.town, o.level, o.code[:6], "示范县", f"{o.town}第十八届人民代表大会", "人大主席团办公室")


def validate_options(options: DemoOptions) -> DemoOptions:
    """Refuse bad arguments before anything is written (the command checks them before creating its file)."""
    if not 1 <= options.years <= 10:
        raise UserError("--years 应在 1～10 之间", "--years must be between 1 and 10", field="years")
    town = validate_town(demo_town(replace(options, town=options.town.strip(), code=options.code.strip())))
    return replace(options, town=town.name, code=town.code)


def write_demo(db: Database, options: DemoOptions, clock: Clock = SYSTEM) -> DemoSummary:
    """Fill an empty database with the demo town in one transaction, as of ``options.today`` or the clock's day."""
    options = validate_options(options)
    with db.unit_of_work() as s:
        if settings_repo.local_jurisdiction(s) is not None:
            raise UserError("该数据库已有数据，演示数据只能写入新的空数据库", "the database is not empty")
        return _Builder(s, options, options.today or clock.today()).build()


class _Builder:
    def __init__(self, s, o: DemoOptions, today: date):
        self.s, self.o = s, o
        self.code = o.code
        self.today = today
        self.rng = random.Random(f"{o.seed}|{o.code}|{o.town}")
        self.n = dict(proposals=0, candidates=0, projects=0, ballots=0, events=0, rounds=0)
        self.supervised: dict[int, list] = {}  # year: [(event, its projects)] for the 回头看 campaign and 专班
        self.place = place_for(o.level, o.deputies)
        self.terms = self.place.terms

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, row):
        return demo_repo.add(self.s, row, self.uid(), self.code)

    def parent(self, row):
        """Add a row that others point to, and write it now (inserts follow foreign keys)."""
        return demo_repo.add(self.s, row, self.uid(), self.code, flush=True)

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def build(self) -> DemoSummary:
        last = self.today.year
        years = list(range(last - self.o.years + 1, last + 1))
        init_town(self.s, demo_town(self.o), last)
        settings_repo.put(self.s, self.code, "vote_policy",
                          VotePolicy.from_dict({"seats": self.place.seats,
                                                "candidates_planned": self.place.on_ballot}).to_dict())
        self.deputies = self._deputies()
        demo_repo.flush(self.s)
        for year in years:
            settings_repo.ensure_year(self.s, self.code, year)
            self._year(year)
        if self.today.month >= 10:  # next year's intake is under way
            settings_repo.ensure_year(self.s, self.code, last + 1)
            self._proposals(last + 1, self.rng.randint(60, 110), date(last, 10, 8), self.today)
        demo_campaign.add(self.s, self.code, self.today, self.o.seed, self.deputies, self.supervised)
        audit_repo.append(self.s, self.code, "demo.created", detail={"seed": self.o.seed, "years": years})
        return DemoSummary(self.o.town, self.code, years, len(self.deputies), self.n["proposals"],
                           self.n["candidates"], self.n["projects"], self.n["ballots"], self.n["events"],
                           self.n["rounds"])

    def _deputies(self) -> list:
        from ..domain.roster import initials

        out: list[Any] = []
        used: set[str] = set()
        while len(out) < self.o.deputies:
            female = self.rng.random() < 0.32
            name = self.rng.choice(D.SURNAMES) + self.rng.choice(D.GIVEN_F if female else D.GIVEN_M)
            if name in used:
                continue
            used.add(name)
            phone = f"1{self.rng.choice('35789')}{self.rng.randint(0, 9)}{self.rng.randint(10000000, 99999999)}"
            kind, sector = self.place.kind_and_sector(len(out), self.rng)
            out.append(self.add(demo_repo.row("Deputy", name=name, gender="女" if female else "男",
                                              group_name=self.place.group(len(out)), phone=phone, active=True,
                                              pinyin_initials=initials(name), kind=kind, sector=sector)))
        for d in self.rng.sample(out, 2):  # deputies who left mid-term stay in the roster
            d.active, d.retired_on = False, f"{self.today.year - 1}-06-30"
        return out

    def _proposals(self, year: int, count: int, start: date, end: date) -> list:
        out = []
        sources = ["群众"] * 6 + ["人大代表"] * 3 + ["村(社区)"] * 2 + ["政府部门", "网络征集"]
        for i in range(count):
            cat, title, content, low, high = self.rng.choice(self.place.proposals)
            village = self.rng.choice(self.place.villages)
            source = self.rng.choice(sources)
            proposer = (self.rng.choice(self.deputies).name if source == "人大代表"
                        else self.rng.choice(D.SURNAMES) + self.rng.choice(D.GIVEN_M + D.GIVEN_F))
            k = self.rng.randint(2, 9)
            out.append(self.add(demo_repo.row("Proposal",
                year=year, seq_no=i + 1, title=title.format(v=village, k=k), category=cat, source=source,
                content=content.format(v=village, n=round(self.rng.uniform(0.8, 4.5), 1), k=k),
                proposer=proposer, contact=f"1{self.rng.randint(3000000000, 9999999999)}", village=village,
                received_on=self.day(start, end), est_investment=Decimal(self.rng.randint(low, high)),
                beneficiaries=self.rng.randint(80, 3000))))
        self.n["proposals"] += count
        demo_repo.flush(self.s)
        return out

    def _year(self, year: int) -> None:
        proposals = self._proposals(year, self.rng.randint(220, 320), date(year - 1, 10, 8), date(year - 1, 11, 30))
        candidates = self._candidates(year, proposals)
        chosen = self._vote(year, candidates)
        projects = [self._project(year, c) for c in chosen]
        self._supervision(year, projects)
        self._scoring(year, projects)

    def _merge_look_alikes(self, proposals: list) -> None:
        """Proposals asking the same thing for the same place are merged into the first one received."""
        index = SimilarityIndex()
        by_id: dict[str, Any] = {}
        for p in sorted(proposals, key=lambda p: (p.received_on, p.seq_no)):
            match = index.similar(p.title, p.village, limit=1)
            if match:
                first = by_id[match[0][0]]
                p.status, p.merged_into_id = "合并", first.id
                p.reply_reason = f"与第 {first.seq_no} 号建议“{first.title}”合并办理"
            else:
                index.add(p.id, p.title, p.village)
                by_id[p.id] = p

    def _sources(self, name: str, category: str, proposals: list) -> list:
        """Open proposals of the candidate's category, those that share words with its name first."""
        wanted = bigrams(normalise(name)[1])
        pool = [p for p in proposals if p.category == category and p.status == "待处理"]
        return sorted(pool, key=lambda p: -len(wanted & bigrams(normalise(p.title, p.village)[1])))

    def _candidates(self, year: int, proposals: list) -> list:
        chain = CHAIN_PRESETS[self.o.level]
        self._merge_look_alikes(proposals)
        pool = list(self.place.candidates)
        self.rng.shuffle(pool)
        approved = []
        for order, (name, cat, content, inv, fund, unit, lead) in enumerate(pool):
            c = self.parent(demo_repo.row("Candidate", year=year, name=name,
                                      content=content, category=cat,
                                   est_investment=Decimal(round(inv * self.rng.choice([1, 1, 0.9, 1.1]))),
                                   fund_source=fund, responsible_unit=unit, lead_official=lead,
                                   deadline=date(year, self.rng.choice([10, 11, 12]), 30), ballot_order=order + 1))
            self.n["candidates"] += 1
            related = self._sources(name, cat, proposals)[: self.rng.randint(2, 6)]
            for p in related:
                p.status, p.reply_reason = "采纳为候选", f"已纳入候选项目“{c.name}”，{self.terms.referral}"
                self.add(demo_repo.row("CandidateProposal", candidate_id=c.id, proposal_id=p.id))
                for dup in (q for q in proposals if q.merged_into_id == p.id):
                    self.add(demo_repo.row("CandidateProposal", candidate_id=c.id, proposal_id=dup.id))
            rejected = len(pool) - order <= len(pool) - self.place.on_ballot
            for stage, stage_name in enumerate(chain):
                when = date(year - 1, 12, 5) + timedelta(days=6 * stage)
                decision = Decision.REJECT if rejected and stage == 0 else Decision.PASS
                self.add(demo_repo.row("ScreeningRecord", candidate_id=c.id, stage_order=stage + 1, stage_name=stage_name,
                                         meeting_date=when, decision=decision,
                                         notes="资金来源尚未落实，建议列入下一年度储备" if decision == Decision.REJECT else ""))
                if decision == Decision.REJECT:
                    break
            c.status = ScreeningStatus.REJECTED if rejected else ScreeningStatus.APPROVED
            if not rejected:
                approved.append(c)
        rest = [p for p in proposals if p.status == "待处理"]
        for p in rest:
            if self.rng.random() < 0.6:
                p.status, p.reply_reason = "暂缓", "受年度财力限制，列入项目储备库，待条件成熟时实施"
            else:
                p.status, p.reply_reason = "不予采纳", "属于部门日常工作职责，已转交相关部门办理"
        return approved

    def _vote(self, year: int, candidates: list) -> list:
        held = date(year, 1, self.rng.randint(10, 20))
        active = [d for d in self.deputies if d.active]
        present = self.rng.sample(active, len(active) - self.rng.randint(1, 4))
        seats = self.place.seats
        rules = VotePolicy.from_dict({"seats": seats}).rules_for(len(active), len(present))
        vote = self.parent(demo_repo.row("VoteSession",
            year=year, title=self.terms.session_title(self.o.town, year), held_on=held, rules=rules.to_dict(),
            body=self.terms.body,
            count_mode="ballots", deputies_total=len(active), deputies_present=len(present),
            ballots_issued=len(present), ballots_collected=len(present), status=SessionStatus.SEALED))
        for order, c in enumerate(candidates, start=1):
            self.add(demo_repo.row("SessionCandidate", session_id=vote.id, candidate_id=c.id, ballot_order=order))
        signed = datetime.combine(held, datetime.min.time()) + timedelta(hours=8, minutes=30)
        for d in present:
            self.add(demo_repo.row("Attendance", session_id=vote.id, deputy_id=d.id, signed_in_at=signed))
        for role, who in zip(("计票人", "计票人", "监票人", "监票人", "总监票人"), self.rng.sample(present, 5), strict=True):
            self.add(demo_repo.row("SessionOfficer", session_id=vote.id, deputy_id=who.id, role=role))
        popular = sorted((self.rng.uniform(0.62, 0.95) if i < seats else self.rng.uniform(0.15, 0.5))
                         for i in range(len(candidates)))
        self.rng.shuffle(popular)
        ballots = [self._ballot(candidates, popular) for _ in range(len(present) - 2)]
        ballots.append(Ballot(marks={c.id: Mark.APPROVE for c in candidates[: seats + 1]}))  # approves too many
        ballots.append(Ballot(spoiled=True))
        self.rng.shuffle(ballots)
        for seq, b in enumerate(ballots, start=1):
            self.add(demo_repo.row("BallotRecord", session_id=vote.id, seq=seq, marks=dict(b.marks), spoiled=b.spoiled,
                                  entered_by="计票人"))
        self.n["ballots"] += len(ballots)
        result = tally([TallyCandidate(c.id, c.name) for c in candidates], rules, len(present), ballots=ballots)
        vote.result = result.to_dict()
        vote.sealed_at = datetime.combine(held, datetime.min.time()) + timedelta(hours=11)
        demo_repo.flush(self.s)
        vote.seal_hash = vote_repo.seal_digest(self.s, vote)
        sealed = seal_service.seal_vote(self.s, vote)
        audit_repo.append(self.s, self.code, "vote.sealed", entity="vote_session", entity_id=vote.id,
                          detail={"seal": vote.seal_hash, "code": sealed.code, "chosen": list(result.chosen)},
                          at=vote.sealed_at)
        by_id = {c.id: c for c in candidates}
        return [by_id[cid] for cid in result.chosen]

    def _ballot(self, candidates: list, popular: list[float]) -> Ballot:
        """Each deputy approves a candidate with its popularity; nearly all keep within the seats."""
        yes = [i for i, p in enumerate(popular) if self.rng.random() < p]
        yes = sorted(yes, key=lambda i: -popular[i])[:self.place.seats]
        marks = {}
        for i, c in enumerate(candidates):
            if i in yes:
                marks[c.id] = Mark.APPROVE
            elif self.rng.random() < 0.93:  # the rest: mostly 反对 or 弃权, a few left unmarked
                marks[c.id] = Mark.OPPOSE if self.rng.random() < 0.6 else Mark.ABSTAIN
        return Ballot(marks=marks)

    def _project(self, year: int, c) -> Any:
        budget = c.est_investment or Decimal(100)
        p = self.parent(demo_repo.row("Project", year=year, candidate_id=c.id, name=c.name, category=c.category,
                             responsible_unit=c.responsible_unit, lead_official=c.lead_official,
                             target=c.content, deadline=c.deadline, budget=budget))
        self.n["projects"] += 1
        start, end = date(year, 3, 1), c.deadline or date(year, 12, 31)
        span = (end - start).days
        delay = self.rng.choice([0, 0, 0, 5, 12, 30, 60])
        done = 0
        for i, title in enumerate(D.MILESTONES):
            planned = start + timedelta(days=span * (i + 1) // len(D.MILESTONES))
            due = planned + timedelta(days=delay + self.rng.randint(-7, 7))
            actual = due if due <= self.today else None
            done += actual is not None
            self.add(demo_repo.row("Milestone", project_id=p.id, seq=i + 1, title=title, planned_on=planned, actual_on=actual))
        late = any(start + timedelta(days=span * (i + 1) // 4) < self.today - timedelta(days=15)
                   for i in range(done, 4))
        p.status = (ProjectStatus.COMPLETED if done == 4 else ProjectStatus.LATE if late
                    else ProjectStatus.UNDER_WAY if done else ProjectStatus.NOT_STARTED)
        p.percent = 100 if done == 4 else min(95, done * 25 + self.rng.randint(0, 20))
        if done == 4:
            p.completed_on = min(self.today, end + timedelta(days=delay))
        frac = Decimal(p.percent) / 100
        p.funds_in_place = (budget * min(Decimal(1), frac + Decimal("0.2"))).quantize(Decimal("0.01"))
        p.spent = (p.funds_in_place * Decimal(self.rng.uniform(0.6, 0.95))).quantize(Decimal("0.01"))
        month = date(year, 3, 28)
        while month <= min(self.today, end) and month.year == year:
            pct = min(p.percent, round(p.percent * (month - start).days / max(1, (min(self.today, end) - start).days)))
            self.add(demo_repo.row("ProgressReport", project_id=p.id, reported_on=month, percent=max(0, pct), reporter=c.responsible_unit,
                                    text=f"{c.name}：累计完成工程量约{max(0, pct)}%，资金拨付按进度推进。"))
            month = (month.replace(day=1) + timedelta(days=32)).replace(day=28)
        return p

    def _supervision(self, year: int, projects: list) -> None:
        plan = [("年初问计划", date(year, 2, 25), f"{self.place.host}听取年度民生实事项目实施计划"),
                ("季会", date(year, 4, 15), "一季度专项工作报告会"),
                ("年中问进度", date(year, 6, 28), "年中会议听取项目推进情况报告"),
                ("视察", date(year, 9, 12), f"组织{self.terms.member}视察民生实事项目现场"),
                ("季会", date(year, 10, 20), "三季度专项工作报告会"),
                ("年底问效果", date(year, 12, 10), "听取项目完成情况报告并开展满意度测评"),
                ("回头看", date(year + 1, 5, 15), f"{year}年度民生实事项目“回头看”")]
        for kind, held, title in plan:
            done = held <= self.today
            ev = self.parent(demo_repo.row("SupervisionEvent", year=year, kind=kind, title=title, held_on=held,
                                           place=self.place.hall if kind != "视察" else "项目现场",
                                           status=EventStatus.HELD if done else EventStatus.PLANNED))
            self.n["events"] += 1
            covered = projects if kind in ("年初问计划", "年中问进度", "年底问效果") else self.rng.sample(
                projects, min(len(projects), 4))
            self.supervised.setdefault(year, []).append((ev, covered))
            for p in covered:
                self.add(demo_repo.row("EventProject", event_id=ev.id, project_id=p.id))
            if not done:
                continue
            attendees = self.rng.sample([d for d in self.deputies if d.active], self.rng.randint(15, 35))
            for d in attendees:
                self.add(demo_repo.row("EventAttendance", event_id=ev.id, deputy_id=d.id))
            if kind == "季会" and held.month <= 4:  # the first quarter's 专项工作报告会 heard and scored reports
                self.n["rounds"] += QuarterlyMeeting(self.s, self.code, str(self.o.seed), year).build(
                    ev, len(attendees), self.today)
            for _ in range(self.rng.randint(1, 4)):
                p = self.rng.choice(covered)
                due = held + timedelta(days=30)
                closed = due < self.today and self.rng.random() < 0.8
                self.add(demo_repo.row("Opinion", event_id=ev.id, project_id=p.id, deputy_id=self.rng.choice(attendees).id,
                                 content=self.rng.choice(D.OPINIONS), responsible_unit=p.responsible_unit,
                                 due_on=due, status=OpinionStatus.CLOSED if closed else OpinionStatus.OPEN,
                                 feedback=self.rng.choice(D.FEEDBACK) if closed else "",
                                 closed_on=due - timedelta(days=self.rng.randint(0, 20)) if closed else None))

    def _scoring(self, year: int, projects: list) -> None:
        session_day = date(year, 12, 10)  # at the 年底问效果 meeting (see _supervision), where the deputies score
        voters = len([d for d in self.deputies if d.active]) - self.rng.randint(2, 5)
        if session_day <= self.today:
            for p in projects:
                self._round(year, p, "代表", session_day, voters, f"{year}年度民生实事项目满意度测评")
        survey_day = date(year + 1, 5, 15)
        finished = [p for p in projects if p.status == ProjectStatus.COMPLETED]
        if survey_day > self.today:
            survey_day = self.today - timedelta(days=10)
        for p in finished[:4]:
            if survey_day.year >= year and survey_day >= (p.completed_on or survey_day):
                self._round(year, p, "群众", survey_day, self.rng.randint(60, 180), "受益群众回访（回头看）")

    def _round(self, year: int, p, who: str, held: date, voters: int, batch: str) -> None:
        mood = self.rng.choice([0.8, 0.75, 0.7, 0.6, 0.35]) if p.status == ProjectStatus.COMPLETED else self.rng.uniform(0.2, 0.5)
        sat = round(voters * mood * self.rng.uniform(0.9, 1.05))
        sat = min(sat, voters)
        basic = round((voters - sat) * self.rng.uniform(0.3, 0.8))
        unsat = voters - sat - basic
        counts = ThreeLevelCounts(sat, basic, unsat)
        r = score_three_level(counts, 0.7)
        entered = {"satisfied": sat, "basically": basic, "unsatisfied": unsat, "abstain": 0, "invalid": 0}
        twice = {"entry1": dict(entered), "entry2": dict(entered)} if who == "代表" else {"entry1": dict(entered)}
        rnd = self.parent(demo_repo.row("SatisfactionRound",
            year=year, project_id=p.id, batch=batch, respondents=who, method="three_level", held_on=held,
            counts={**twice, **entered},
            verdict=r.verdict, satisfied_rate=r.satisfied_rate, satisfied_or_basic_rate=r.satisfied_or_basic_rate,
            needs_follow_up=r.needs_follow_up))
        seal_service.seal_round(self.s, rnd, ScoringPolicy(follow_up_below=0.7))
        self.n["rounds"] += 1
        if r.needs_follow_up and who == "代表":
            self.add(demo_repo.row("FollowUp", project_id=p.id, round_id=rnd.id, stage=FollowUpStage.RECTIFY, due_on=held + timedelta(days=60),
                              explanation=f"{p.responsible_unit}已作出书面说明：项目受资金到位和施工条件影响，部分内容未达预期。"))


def write_demo_file(target: str, options: DemoOptions, clock: Clock = SYSTEM) -> DemoSummary:
    """``minsheng demo``: the demo town in a new file. The arguments are checked before the file is created, and
    a file (and folders) this call created are removed again if writing fails, so a refusal leaves nothing."""
    from ..storage.db import is_url, open_database

    options = validate_options(options)
    created: list[Path] = []
    if not is_url(target):
        path = Path(target).expanduser().absolute()
        if path.exists() and (not path.is_file() or path.stat().st_size > 0):
            raise UserError(f"“{target}”已存在，演示数据只写入新文件，请换一个文件名",
                            f"{target} exists; the demo is written only to a new file")
        created = [d for d in (path, *path.parents) if not d.exists()]  # the file, then the folders made for it
    try:
        db = open_database(target)
        try:
            return write_demo(db, options, clock)
        finally:
            db.close()
    except BaseException:
        for made in created:
            if made == created[0]:
                for name in (made, *(Path(f"{made}{side}") for side in ("-wal", "-shm", "-journal"))):
                    name.unlink(missing_ok=True)
            else:
                try:
                    made.rmdir()  # only if still empty
                except OSError:
                    break
        raise
