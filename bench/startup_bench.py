"""Cold start of the real program (`python -m minsheng_desktop gui --db demo.sqlite`, offscreen) to its first
painted window and to the home page with the year's data, against a bare QApplication + QMainWindow process.

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
    env = {"QT_QPA_PLATFORM": "offscreen"}
    py = sys.executable
    real = [py, "-m", "minsheng_desktop", "gui", "--db", str(db_path)]  # the real program, as a user starts it
    probe = {**env, "MINSHENG_STARTUP_PROBE": "1", "MINSHENG_TODAY": "2026-11-21"}
    time_until_line([py, str(HERE / "_bare_window.py")], "PAINTED", 1, env)  # warm the OS file cache once
    time_until_line(real, "READY", 1, probe)
    base, app, ready = [], [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        base += time_until_line([py, str(HERE / "_bare_window.py")], "PAINTED", 1, env)
        app += time_until_line(real, "PAINTED", 1, probe)
        ready += time_until_line(real, "READY", 1, probe)
    ok = report("startup: process start → first painted main window", Timing("bare QMainWindow", base),
                Timing("Minsheng main window", app), target_ratio=2.0, target_seconds=1.5)
    ok_ready = report("startup: process start → home page with the year's data painted",
                      Timing("bare QMainWindow", base), Timing("Minsheng home ready", ready),
                      target_ratio=None, target_seconds=1.0)
    return 0 if ok and ok_ready else 1


if __name__ == "__main__":
    sys.exit(main())
