"""The county/city dashboard on a city of 700 towns x 5 years: ``DashboardService.dashboard`` (this year and last,
lights by the domain rule for every project) against a bare ``count(*)`` of the same rows in the same run.
Target (issue 17): the dashboard opens in under 3 s, on SQLite and on PostgreSQL.

The towns' rows are written straight into the tables (synthetic but shaped like the demo: per town and year
120 proposals, 15 candidates, a sealed vote, 10 projects with 4 milestones, 6 supervision events with 2 opinions
each, 10 satisfaction rounds), because building 700 demo towns and merging them takes far longer than the
dashboard itself; the merge has its own benchmark (``bench/merge_bench.py``).

Run: python bench/dashboard_bench.py [TOWNS] [YEARS] [--pg URL] [--db FILE]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = date(2026, 11, 21)
TABLES = ("proposal", "candidate", "vote_session", "project", "milestone", "adjustment", "satisfaction_round",
          "supervision_event", "opinion")


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _town_rows(code: str, year: int, rng: random.Random, out: dict[str, list[dict]]) -> None:
    def row(table: str, **values) -> dict:
        values.setdefault("id", _id(rng))
        values["jurisdiction_code"] = code
        out[table].append(values)
        return values

    for i in range(120):
        row("proposal", year=year, seq_no=i + 1, title=f"第{i + 1}号建议", category="乡村建设",
            status=rng.choice(["采纳为候选", "合并", "暂缓", "不予采纳", "待处理"]))
    for i in range(15):
        row("candidate", year=year, name=f"候选项目{i + 1}", category="乡村建设", est_investment=Decimal(100))
    row("vote_session", year=year, title=f"{year}年票决", status="sealed", deputies_total=60,
        deputies_present=rng.randint(38, 60), rules={}, result={"chosen": list(range(10))})
    for i in range(10):
        deadline = date(year, rng.randint(6, 12), 28)
        done = rng.random() < (0.95 if year < TODAY.year else 0.2)
        p = row("project", year=year, name=f"实事项目{i + 1}", category="乡村建设", deadline=deadline,
                percent=100 if done else rng.randint(0, 95), completed_on=deadline if done else None,
                budget=Decimal(rng.randint(50, 500)), funds_in_place=Decimal(50), spent=Decimal(40), status="推进中")
        for k in range(4):
            planned = date(year, 3, 1) + timedelta(days=(deadline - date(year, 3, 1)).days * (k + 1) // 4)
            row("milestone", project_id=p["id"], seq=k + 1, title=f"节点{k + 1}", planned_on=planned,
                actual_on=planned if done or planned < TODAY - timedelta(days=60) else None)
        if rng.random() < 0.05:
            row("adjustment", project_id=p["id"], kind="延期", outcome="待决定", reason="雨季停工")
        if year < TODAY.year:
            row("satisfaction_round", year=year, project_id=p["id"], respondents="代表", verdict="满意",
                held_on=date(year, 12, 20), satisfied_or_basic_rate=rng.uniform(0.6, 1.0), counts={})
    for k in range(6):
        e = row("supervision_event", year=year, kind="视察", title=f"视察{k + 1}", held_on=date(year, 2 + k, 15),
                status="已开展")
        for _ in range(2):
            row("opinion", event_id=e["id"], content="建议加快进度", due_on=date(year, 3 + k, 15),
                status=rng.choice(["办理中", "已办结", "已办结"]))


def build(url: str, towns: int, years: int) -> int:
    """A city of ``towns`` towns in ``towns // 20`` districts, ``years`` years each; returns the rows written."""
    from minsheng_desktop.clock import FixedClock
    from minsheng_desktop.services.settings_service import SettingsService, TownInfo
    from minsheng_desktop.storage.db import open_database
    from minsheng_desktop.storage.models import Base

    db = open_database(url)
    SettingsService(db, FixedClock(TODAY)).create_town(TownInfo("610900", "示范市", "市", "", "", "", ""), year=2026)
    tables = Base.metadata.tables
    written = 0
    rng = random.Random(17)
    districts = max(1, towns // 20)
    with db.engine.begin() as conn:
        conn.execute(tables["jurisdiction"].insert(), [
            {"code": f"61{9000 + d:04d}", "name": f"第{d + 1}区", "level": "县区", "parent_code": "610900",
             "parent_name": "示范市", "is_local": False} for d in range(districts)])
    for i in range(towns):
        district = f"61{9000 + i % districts:04d}"
        code = f"{district}{i:03d}"
        out: dict[str, list[dict]] = {t: [] for t in TABLES}
        for year in range(TODAY.year - years + 1, TODAY.year + 1):
            _town_rows(code, year, rng, out)
        with db.engine.begin() as conn:
            conn.execute(tables["jurisdiction"].insert(), [{"code": code, "name": f"第{i + 1}镇", "level": "乡镇",
                                                            "parent_code": district, "parent_name": "",
                                                            "is_local": False}])
            for t in TABLES:
                if out[t]:
                    conn.execute(tables[t].insert(), out[t])
                    written += len(out[t])
    db.close()
    return written


def measure(url: str, label: str, runs: int = 3) -> tuple[float, float]:
    from sqlalchemy import text

    from minsheng_desktop.clock import FixedClock
    from minsheng_desktop.services.dashboard_service import DashboardService
    from minsheng_desktop.storage.db import open_database

    db = open_database(url)
    svc = DashboardService(db, FixedClock(TODAY))
    years = (TODAY.year, TODAY.year - 1)
    bare, ours = [], []
    for _ in range(runs):
        t = time.perf_counter()
        with db.engine.connect() as conn:
            for table in TABLES:
                if table in ("milestone", "adjustment", "opinion"):
                    conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                else:
                    conn.execute(text(f"SELECT count(*) FROM {table} WHERE year IN {years}")).scalar()
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        board = svc.dashboard(TODAY.year)
        ours.append(time.perf_counter() - t)
    db.close()
    b, o = min(bare), min(ours)
    print(f"{label:12} bare count(*) {b:6.2f} s   dashboard {o:6.2f} s (worst {max(ours):.2f} s)   "
          f"{len(board.towns)} towns, {board.total.projects} projects, {len(board.districts)} districts   "
          f"{'MET' if max(ours) < 3 else 'NOT MET'} (< 3 s)")
    return b, o


def main() -> int:
    argv = sys.argv[1:]
    flags = {"--pg", "--db"}
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] not in flags)]
    towns = int(args[0]) if args else 700
    years = int(args[1]) if len(args) > 1 else 5
    pg = argv[argv.index("--pg") + 1] if "--pg" in argv else None
    path = Path(argv[argv.index("--db") + 1]) if "--db" in argv else Path(tempfile.mkdtemp()) / "city.sqlite"
    if not path.exists():
        t = time.perf_counter()
        rows = build(str(path), towns, years)
        print(f"wrote a city of {towns} towns x {years} years ({rows} rows) in {time.perf_counter() - t:.0f} s")
    worst = measure(str(path), "SQLite")[1]
    if pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(pg)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        t = time.perf_counter()
        rows = build(pg, towns, years)
        print(f"wrote the same city into PostgreSQL ({rows} rows) in {time.perf_counter() - t:.0f} s")
        worst = max(worst, measure(pg, "PostgreSQL")[1])
    return 0 if worst < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
