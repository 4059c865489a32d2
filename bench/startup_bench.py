"""Cold start to the first painted main window (offscreen), against a bare QApplication + QMainWindow.

Target (issue 2): within 2x of the baseline and under 1.5 s. Run: python bench/startup_bench.py [RUNS]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.harness import Timing, report, time_until_line  # noqa: E402


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.storage.db import open_database

    db_path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    db = open_database(db_path)
    write_demo(db, DemoOptions(today=date.today(), years=3))
    db.close()
    env = {"QT_QPA_PLATFORM": "offscreen"}
    py = sys.executable
    time_until_line([py, str(HERE / "_bare_window.py")], "PAINTED", 1, env)  # warm the OS file cache once
    time_until_line([py, str(HERE / "_app_window.py"), str(db_path)], "PAINTED", 1, env)
    base, app, ready = [], [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        base += time_until_line([py, str(HERE / "_bare_window.py")], "PAINTED", 1, env)
        app += time_until_line([py, str(HERE / "_app_window.py"), str(db_path)], "PAINTED", 1, env)
        ready += time_until_line([py, str(HERE / "_app_window.py"), str(db_path)], "READY", 1, env)
    ok = report("startup: process start → first painted main window", Timing("bare QMainWindow", base),
                Timing("Minsheng main window", app), target_ratio=2.0, target_seconds=1.5)
    ok_ready = report("startup: process start → home page with the year's data painted",
                      Timing("bare QMainWindow", base), Timing("Minsheng home ready", ready),
                      target_ratio=None, target_seconds=1.5)
    return 0 if ok and ok_ready else 1


if __name__ == "__main__":
    sys.exit(main())
