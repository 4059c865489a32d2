"""选票扫描计票 speed: sheets read per second from a scanner's 300 dpi PDF (a document feeder's JPEG pages of the
app's own marked ballots), next to merely rendering the same pages with pdfium in the same run.

Target: at least 4 sheets a second (60 ballots in 15 s).
Run: python bench/scan_bench.py [--sheets 60]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Timing  # noqa: E402


def _feeder_pdf(db, clock, sid: str, sheets: int, work: Path) -> Path:
    """``sheets`` marked ballots scanned at 300 dpi into one PDF, as a document feeder writes it."""
    from minsheng_desktop.domain.mark_reading import columns
    from minsheng_desktop.services.report_service import ReportService
    from minsheng_desktop.services.scan_service import ScanService
    from tests.scanset import generator as gen

    pdf = ReportService(db, clock).write_vote("ballots", sid, work / "print.pdf", copies=1, paper="A4")
    plan = ScanService(db, clock)._plan(sid, "A4")
    page, spots = gen.render(pdf)[0], plan.spots[0]
    rng = random.Random(60)
    cols = "".join(columns(plan.info.rules.ballot_style))
    rows = [sp.row for sp in spots if sp.column == 0]
    images = []
    for _ in range(sheets):
        chosen, _truth = gen.random_ballot(rows, cols, plan.info.rules.seats, rng)
        img, _how = gen.distort(gen.mark_page(page, spots, chosen, rng, []), rng, 300)
        images.append(gen.jpeg(img, 80))
    size = (plan.layout.size[0] / 2.8346 + 16, plan.layout.size[1] / 2.8346 + 16)
    return gen.pdf_of(images, [size] * sheets, work / "feeder.pdf")


def main() -> int:
    from minsheng_desktop.clock import FixedClock
    from minsheng_desktop.domain.vocabulary import SheetStatus
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.services.scan.sources import pages
    from minsheng_desktop.services.scan_service import ScanService
    from minsheng_desktop.storage.db import open_database
    from tests.scanset.evaluate import counting_session

    ap = argparse.ArgumentParser()
    ap.add_argument("--sheets", type=int, default=60)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    clock = FixedClock(date(2026, 11, 21))
    work = Path(tempfile.mkdtemp(prefix="scan-bench-"))
    db = open_database(work / "demo.sqlite")
    write_demo(db, DemoOptions(), clock)
    sid = counting_session(db, clock)
    feeder = _feeder_pdf(db, clock, sid, args.sheets, work)
    print(f"{args.sheets} 张选票，300 dpi 扫描 PDF {feeder.stat().st_size / 2**20:.1f} MB")
    render, read = Timing("render only", []), Timing("render + read", [])
    render_cpu, read_cpu = Timing("render only (CPU)", []), Timing("render + read (CPU)", [])
    for _ in range(args.runs):
        start, cpu = time.perf_counter(), time.process_time()
        n = sum(1 for _p in pages(feeder))
        render.seconds.append(time.perf_counter() - start)
        render_cpu.seconds.append(time.process_time() - cpu)
        start, cpu = time.perf_counter(), time.process_time()
        sheets = ScanService(db, clock).read([feeder], sid)
        read.seconds.append(time.perf_counter() - start)
        read_cpu.seconds.append(time.process_time() - cpu)
        assert n == len(sheets) == args.sheets
    ok_sheets = sum(s.status == SheetStatus.READ for s in sheets)
    per_second = args.sheets / read.median
    print(f"{'':16}{'median':>10}{'best':>10}{'sheets/s':>10}")
    for t in (render, read, render_cpu, read_cpu):
        print(f"{t.name:16}{t.median:>9.2f}s{t.best:>9.2f}s{args.sheets / t.median:>10.1f}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(wall time is shared with whatever else runs; CPU time is this process's own)")
    print(f"read for certain {ok_sheets}/{args.sheets}; {per_second:.1f} sheets/s (target ≥ 4): "
          f"{'MET' if per_second >= 4 else 'NOT MET'}")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
