"""Recording one ballot (rules + durable write + projector repaint) with 120 deputies and 30 candidates, against a
bare SQLite insert-and-commit of the same ballot (same pragmas) in the same run; and printing 120 ballots.

Targets (issue 4): p95 under 30 ms; 120 ballots of 30 candidates printed in under 3 s.
Run: python bench/vote_bench.py
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def main() -> int:
    from minsheng_desktop.domain.roster import DeputyInput
    from minsheng_desktop.domain.rules import VotePolicy
    from minsheng_desktop.domain.screening import CandidateInput, Meeting
    from minsheng_desktop.services.report_service import ReportService
    from minsheng_desktop.services.roster_service import RosterService
    from minsheng_desktop.services.screening_service import ScreeningService
    from minsheng_desktop.services.settings_service import SettingsService, TownInfo
    from minsheng_desktop.services.vote_service import VoteService
    from minsheng_desktop.storage.db import open_database
    from minsheng_desktop.ui.app import create_app
    from minsheng_desktop.ui.events import EventBus
    from minsheng_desktop.ui.projector.projector_window import ProjectorWindow

    app = create_app(["bench"])
    work = Path(tempfile.mkdtemp())
    db = open_database(work / "vote.sqlite")
    SettingsService(db).create_town(TownInfo("610999101", "清溪镇", "乡镇", "", "", "", ""), year=2026)
    roster = RosterService(db)
    for i in range(120):
        roster.add(DeputyInput(f"代表{i:03d}", "男", f"{i % 8 + 1}组"))
    SettingsService(db).save_vote_policy(VotePolicy.from_dict({"seats": 20, "candidates_planned": 30}))
    screening = ScreeningService(db)
    ids = [screening.create(2026, CandidateInput(f"第{i + 1}个候选项目：村组道路硬化及安全防护设施建设", "建设内容" * 10,
                                                 "交通出行"), [])[0] for i in range(30)]
    for stage in screening.chain():
        screening.record_meeting(ids, Meeting(stage, "通过", date(2025, 12, 1)))
    svc = VoteService(db)
    sid, _ = svc.create(2026, "清溪镇第十八届人民代表大会第六次会议")
    for d in roster.list():
        svc.sign_in(sid, d.id)
    svc.start(sid)
    svc.declare_collected(sid, 120)
    cands = [c.id for c in svc.info(sid).candidates]

    bus = EventBus()
    projector = ProjectorWindow(bus)
    projector.resize(1920, 1080)
    projector.set_held(False)
    projector.show()
    rng = random.Random(5)
    ballots = [{c: rng.choice("YYNA") for c in rng.sample(cands, 20)} for _ in range(120)]

    bare_path = work / "bare.sqlite"
    con = sqlite3.connect(bare_path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        con.execute(f"PRAGMA {pragma}")
    con.execute("CREATE TABLE ballot (id INTEGER PRIMARY KEY, seq INTEGER, marks TEXT)")
    bare, ours = [], []
    for seq, marks in enumerate(ballots, start=1):
        t = time.perf_counter()
        con.execute("BEGIN")
        con.execute("INSERT INTO ballot (seq, marks) VALUES (?, ?)", (seq, json.dumps(marks)))
        con.execute("COMMIT")
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        svc.record_ballot(sid, marks)
        bus.live_view.emit(svc.live(sid))
        projector.repaint()
        ours.append(time.perf_counter() - t)
    con.close()
    print("== record one ballot: 120 deputies, 30 candidates (durable write + live view + projector repaint)")
    print(f"{'':28}{'median':>10}{'p95':>10}")
    print(f"{'bare SQLite insert+commit':28}{statistics.median(bare) * 1000:>8.1f}ms{p95(bare) * 1000:>8.1f}ms")
    print(f"{'Minsheng record_ballot':28}{statistics.median(ours) * 1000:>8.1f}ms{p95(ours) * 1000:>8.1f}ms")
    ok_record = p95(ours) < 0.030
    print(f"p95 {p95(ours) * 1000:.1f} ms (target < 30 ms): {'MET' if ok_record else 'NOT MET'}")

    t = time.perf_counter()
    out = ReportService(db).write_vote("ballots", sid, work / "ballots.pdf", copies=120)
    printing = time.perf_counter() - t
    ok_print = printing < 3.0
    print(f"== print 120 ballots of 30 candidates: {printing:.2f} s, {out.stat().st_size / 1024:.0f} KB "
          f"(target < 3 s): {'MET' if ok_print else 'NOT MET'}")
    db.close()
    projector.close()
    projector.deleteLater()
    app.processEvents()
    return 0 if ok_record and ok_print else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: PySide6 can crash while collecting widgets at exit
