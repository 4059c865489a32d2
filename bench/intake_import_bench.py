"""Importing 10,000 proposals from .xlsx, duplicate detection included, as a whole `minsheng import-proposals`
process against a bare openpyxl read-only pass over the same file in its own process, in the same run.
Target (issue 13): within 1.5x. Run: python bench/intake_import_bench.py [ROWS]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Timing, as_installed, report  # noqa: E402


def make_file(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    from minsheng_desktop.domain.intake import TEMPLATE_HEADERS
    from minsheng_desktop.services import demo_data as D

    rng = random.Random(7)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("建议征集表")
    ws.append(list(TEMPLATE_HEADERS))
    for i in range(rows):
        cat, title, content, low, high = rng.choice(D.PROPOSAL_TEMPLATES)
        village = rng.choice(D.VILLAGES) if rng.random() < 0.7 else f"{rng.choice(D.SURNAMES)}家{rng.choice('湾坪沟岭坝')}村"
        k = rng.randint(2, 9)
        ws.append([i + 1, title.format(v=village, k=k), content.format(v=village, n=2.5, k=k), cat,
                   rng.choice(["群众", "人大代表", "网络征集"]), rng.choice(D.SURNAMES) + rng.choice(D.GIVEN_M),
                   f"13{rng.randint(100000000, 999999999)}", village, f"2025-10-{rng.randint(8, 31):02d}",
                   rng.randint(low, high), rng.randint(50, 3000)])
    wb.save(path)


def bare_read(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return n


BARE = ("import sys\nfrom openpyxl import load_workbook\n"
        "wb = load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
        "print(sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)))\n")
CALAMINE = ("import sys\nfrom python_calamine import CalamineWorkbook\n"
            "print(len(CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()))\n")


def _timed(argv: list[str]) -> float:
    import subprocess

    t = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> int:
    """Whole processes, as a user runs them: `minsheng import-proposals` against a bare openpyxl read-only pass
    over the same file (each a fresh Python process, interleaved so both see the same machine load)."""
    import importlib.util

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = 3
    as_installed()
    from minsheng_desktop.services.settings_service import SettingsService, TownInfo
    from minsheng_desktop.storage.db import open_database

    work = Path(tempfile.mkdtemp())
    xlsx = work / "proposals.xlsx"
    make_file(xlsx, rows)
    py, cli = sys.executable, [sys.executable, "-m", "minsheng_desktop.cli"]
    base, subject, calamine = [], [], []
    has_calamine = importlib.util.find_spec("python_calamine") is not None
    for run in range(runs):
        db = open_database(work / f"town{run}.sqlite")
        SettingsService(db).create_town(TownInfo("610999101", "清溪镇", "乡镇", "", "", "", ""), year=2026)
        db.close()
        base.append(_timed([py, "-c", BARE, str(xlsx)]))
        subject.append(_timed([*cli, "import-proposals", "--db", str(work / f"town{run}.sqlite"), "--year", "2026",
                               str(xlsx)]))
        if has_calamine:
            calamine.append(_timed([py, "-c", CALAMINE, str(xlsx)]))
    ok = report(f"import {rows} proposals from .xlsx as a whole process (with duplicate detection)",
                Timing("bare openpyxl read process", base), Timing("minsheng import-proposals", subject),
                target_ratio=1.5, target_seconds=60)
    if calamine:
        print(f"for comparison: a bare python-calamine read process {sorted(calamine)[len(calamine) // 2]:.2f} s "
              f"(the import reads with it once services/xlsx_calamine.py has checked the file)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
