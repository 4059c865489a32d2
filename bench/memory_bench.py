"""Peak memory of big imports, each measured in a fresh child process (its own maximum resident set size, from
``os.wait4``), against the budget of 500 MB that any input must stay under (issue "Hostile and damaged input
loses nothing"). Run: python bench/memory_bench.py [ROWS] [TOWNS]   (default 100,000 proposals, 40 towns)

- import: ROWS proposals from one .xlsx into an empty town database (ROWS at most the row limit in
  ``domain/limits.py``), beside a child that only loads the app and opens the database;
- merge: TOWNS demo towns x 5 years into a county, then the county's package into a city (``merge_peak``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.intake_import_bench import make_file  # noqa: E402

BUDGET_MB = 500
REPO = Path(__file__).resolve().parent.parent


HWM = ("\nimport sys\nif sys.platform.startswith('linux'):\n"
       "    print('VmHWM', next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n")


def child_peak(code: str) -> tuple[float, float]:
    """(peak resident MB, seconds) of ``python -c code`` run in its own process; fails loudly if the child does.
    On Linux the child reports its own VmHWM: ru_maxrss would also count the forking parent's pages."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code + HWM], cwd=REPO, stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"the child failed: {err[-2000:]}")
    hwm = [line.split()[1] for line in out.splitlines() if line.startswith("VmHWM")]
    if hwm:
        return int(hwm[-1]) / 1024, seconds
    return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024), seconds


def town_database(path: Path) -> Path:
    from minsheng_desktop.services.settings_service import SettingsService, TownInfo
    from minsheng_desktop.storage.db import open_database

    db = open_database(path)
    SettingsService(db).create_town(TownInfo("610999101", "清溪镇", "乡镇", "", "", "", ""), year=2026)
    db.close()
    return path


def import_peak(work: Path, rows: int) -> dict[str, float]:
    xlsx = work / f"proposals-{rows}.xlsx"
    t = time.perf_counter()
    make_file(xlsx, rows)
    print(f"wrote {rows} proposals to {xlsx.name} ({xlsx.stat().st_size / 1e6:.1f} MB) in "
          f"{time.perf_counter() - t:.0f} s", flush=True)
    db_path = town_database(work / "town.sqlite")
    opening = ("from minsheng_desktop.storage.db import open_database\n"
               "from minsheng_desktop.services.proposal_excel import ProposalExcelService\n"
               f"db = open_database({str(db_path)!r})\n")
    base, _ = child_peak(opening + "db.close()\n")
    peak, seconds = child_peak(opening + f"r = ProposalExcelService(db).import_file({str(xlsx)!r}, 2026)\n"
                                         f"assert r.imported == {rows}, r.summary()\ndb.close()\n")
    return {"base": base, "peak": peak, "seconds": seconds}


def merge_peak(work: Path, towns: int = 40, years: int = 5) -> dict[str, float]:
    """Peak memory merging ``towns`` demo towns (``years`` each) into a county, then the county's package (the
    largest single legitimate package: every town's rows) into a city; each step in its own child process."""
    from datetime import date

    from minsheng_desktop.clock import FixedClock
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.services.export_service import export_package
    from minsheng_desktop.storage.db import open_database

    t = time.perf_counter()
    packages = []
    clock = FixedClock(date(2026, 11, 21))
    for i in range(towns):
        pkg = work / f"town{i:03d}.mspkg"
        if not pkg.exists():
            db = open_database(work / f"town{i:03d}.sqlite")
            write_demo(db, DemoOptions(town=f"示范{i + 1}镇", code=f"6109{i:05d}", seed=i, years=years), clock)
            export_package(db, pkg, clock=clock)
            db.close()
        packages.append(str(pkg))
    print(f"prepared {towns} towns x {years} years in {time.perf_counter() - t:.0f} s", flush=True)
    county, city, county_pkg = work / "county.sqlite", work / "city.sqlite", work / "county.mspkg"
    for f in (county, city, county_pkg):
        f.unlink(missing_ok=True)
    into_county = ("from minsheng_desktop.storage.db import open_database\n"
                   "from minsheng_desktop.services.merge_service import MergeService\n"
                   "from minsheng_desktop.services.settings_service import SettingsService, TownInfo\n"
                   "from minsheng_desktop.services.export_service import export_package\n"
                   f"db = open_database({str(county)!r})\n"
                   "SettingsService(db).create_town(TownInfo('610900', '示范县', '县区', '', '', '', ''), year=2026)\n"
                   f"rs = MergeService(db).merge({packages!r})\n"
                   "assert all(r.status == 'merged' for r in rs), [r.reason for r in rs]\n"
                   f"export_package(db, {str(county_pkg)!r})\ndb.close()\n")
    county_mb, county_s = child_peak(into_county)
    into_city = ("from minsheng_desktop.storage.db import open_database\n"
                 "from minsheng_desktop.services.merge_service import MergeService\n"
                 f"db = open_database({str(city)!r})\n"
                 f"r = MergeService(db).merge_one({str(county_pkg)!r})\n"
                 "assert r.status == 'merged', r.reason\ndb.close()\n")
    city_mb, city_s = child_peak(into_city)
    return {"peak": max(county_mb, city_mb), "seconds": county_s + city_s, "county": county_mb, "city": city_mb,
            "package_mb": county_pkg.stat().st_size / 1e6}


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    work = Path(tempfile.mkdtemp(prefix="minsheng-memory-"))
    ok = True
    figures = import_peak(work, rows)
    met = figures["peak"] < BUDGET_MB
    ok &= met
    print("== peak memory (child process maximum resident set)")
    print(f"{'app loaded, database open':40}{figures['base']:>8.0f} MB")
    print(f"{f'import {rows} proposals from .xlsx':40}{figures['peak']:>8.0f} MB  in {figures['seconds']:.1f} s  "
          f"(budget < {BUDGET_MB} MB): {'MET' if met else 'NOT MET'}")
    towns = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    merge = merge_peak(work, towns)
    for label, mb in ((f"merge {towns} town packages into a county", merge["county"]),
                      (f"merge the county's package ({merge['package_mb']:.0f} MB) into a city", merge["city"])):
        met = mb < BUDGET_MB
        ok &= met
        print(f"{label:40}{mb:>8.0f} MB  (budget < {BUDGET_MB} MB): {'MET' if met else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
