"""Merging demo towns' packages into an empty county database, against copying the same rows with plain SQLite
ATTACH + INSERT ... SELECT in the same run. Target (issue 6): within 3x for 40 towns x 5 years.

Run: python bench/merge_bench.py [TOWNS] [YEARS] [--pg URL] [--work DIR]
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    flags_with_values = {"--pg", "--work"}
    argv = sys.argv[1:]
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] not in flags_with_values)]
    towns = int(args[0]) if args else 40
    years = int(args[1]) if len(args) > 1 else 5
    pg = sys.argv[sys.argv.index("--pg") + 1] if "--pg" in sys.argv else None
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.services.export_service import export_package
    from minsheng_desktop.services.merge_service import MergeService
    from minsheng_desktop.storage import exchange_repo
    from minsheng_desktop.storage.db import open_database

    work = Path(sys.argv[sys.argv.index("--work") + 1]) if "--work" in sys.argv else Path(tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)  # --work DIR keeps the prepared towns for the next run
    for old in ("baseline.sqlite", "county.sqlite"):
        for f in work.glob(old + "*"):
            f.unlink()
    t = time.perf_counter()
    town_dbs, packages = [], []
    for i in range(towns):
        path = work / f"town{i:03d}.sqlite"
        if path.exists() and (work / f"town{i:03d}.mspkg").exists():
            town_dbs.append(path)
            packages.append(work / f"town{i:03d}.mspkg")
            continue
        db = open_database(path)
        write_demo(db, DemoOptions(town=f"示范{i + 1}镇", code=f"6109{i:05d}", seed=i, years=years,
                                   today=date(2026, 11, 21)))
        packages.append(export_package(db, work / f"town{i:03d}.mspkg").path)
        db.close()
        town_dbs.append(path)
    print(f"prepared {towns} towns x {years} years in {time.perf_counter() - t:.0f} s")

    # Baseline: the same rows copied table by table with ATTACH + INSERT ... SELECT into an empty county file.
    base_db = open_database(work / "baseline.sqlite")
    base_db.close()
    tables = [t.name for t in exchange_repo.synced_tables()]
    con = sqlite3.connect(work / "baseline.sqlite")
    con.execute("PRAGMA foreign_keys = OFF")
    t = time.perf_counter()
    for path in town_dbs:
        con.execute("ATTACH DATABASE ? AS town", (str(path),))
        with con:
            for name in tables:
                con.execute(f"INSERT INTO main.{name} SELECT * FROM town.{name}")
        con.execute("DETACH DATABASE town")
    baseline = time.perf_counter() - t
    rows = sum(con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in tables)
    con.close()

    county = open_database(work / "county.sqlite")
    t = time.perf_counter()
    results = MergeService(county).merge(packages)
    ours = time.perf_counter() - t
    county.close()
    assert all(r.status == "merged" for r in results), [r.reason for r in results if r.status != "merged"]
    ratio = ours / baseline
    print(f"== merge {towns} towns x {years} years ({rows} rows) into an empty county database")
    print(f"{'ATTACH + INSERT ... SELECT':30}{baseline:>8.2f} s")
    print(f"{'Minsheng merge (SQLite)':30}{ours:>8.2f} s   {ours / towns * 1000:.0f} ms per town")
    print(f"ratio {ratio:.2f}x (target ≤ 3x): {'MET' if ratio <= 3 else 'NOT MET'}")
    if pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(pg)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        db = open_database(pg)
        t = time.perf_counter()
        MergeService(db).merge(packages)
        took = time.perf_counter() - t
        db.close()
        print(f"{'Minsheng merge (PostgreSQL)':30}{took:>8.2f} s   {took / towns * 1000:.0f} ms per town")
        print(f"ratio PostgreSQL {took / baseline:.2f}x the SQLite ATTACH copy (target ≤ 3x): "
              f"{'MET' if took / baseline <= 3 else 'NOT MET'}")
    return 0 if ratio <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
