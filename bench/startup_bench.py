"""Cold start of the real program (`python -m minsheng_desktop gui --db demo.sqlite`, offscreen) to its first
painted window and to the home page with the year's data, against a bare QApplication + QMainWindow process.

The home page with data is timed twice: as the secretary sees it on an ordinary start (the page kept at the last
close, services/home_snapshot.py, painted while the database opens) and live (read from the opened database,
as on the first start of a day or after another program changed the file).
Targets (issue 13): first paint within 2x of the baseline; home page with data within 1 s.
Run: python bench/startup_bench.py [RUNS]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.harness import Timing, as_installed, report, time_until_line  # noqa: E402


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    as_installed()
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.storage.db import open_database

    db_path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    db = open_database(db_path)
    write_demo(db, DemoOptions(today=date(2026, 11, 21), years=3))
    db.close()
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(db_path.parent / "data")}
    py = sys.executable
    real = [py, "-m", "minsheng_desktop", "gui", "--db", str(db_path)]  # the real program, as a user starts it
    probe = {**env, "MINSHENG_STARTUP_PROBE": "1", "MINSHENG_TODAY": "2026-11-21"}
    time_until_line([py, str(HERE / "_bare_window.py")], "PAINTED", 1, env)  # warm the OS file cache once
    time_until_line(real, "READY", 1, probe)
    base, app, home, live = [], [], [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        base += time_until_line([py, str(HERE / "_bare_window.py")], "PAINTED", 1, env)
        app += time_until_line(real, "PAINTED", 1, probe)
        home += time_until_line(real, "HOME", 1, probe)  # the previous run closed the file and kept its page
        live += time_until_line(real, "READY", 1, {**probe, "MINSHENG_TODAY": "2026-11-22"})  # a new day: live
    ok = report("startup: process start → first painted main window", Timing("bare QMainWindow", base),
                Timing("Minsheng main window", app), target_ratio=2.0, target_seconds=1.5)
    ok_home = report("startup: process start → home page with the year's data painted (page kept at last close)",
                     Timing("bare QMainWindow", base), Timing("Minsheng home with data", home),
                     target_ratio=None, target_seconds=1.0)
    report("startup: process start → home page read live from the database (first start of a day)",
           Timing("bare QMainWindow", base), Timing("Minsheng home, live", live), target_ratio=None,
           target_seconds=None)
    return 0 if ok and ok_home else 1


if __name__ == "__main__":
    sys.exit(main())
