"""A county's vote counted by delegation (分团计票, issue 17): 324 deputies in 12 delegations, 25 candidates.

- Recording one ballot through the real console as its desk's teller does: the ballot keyed in (not timed), then
  Enter — the real key event through ``BallotPanel`` and ``VotePane._on_record`` for the desk's delegation, plus
  the repaint it causes with the 1920×1080 projector open: p50/p95 over every ballot, next to a bare sqlite3
  insert+commit of the same ballot (WAL, synchronous=FULL) in the same run. Target p95 < 10 ms. As in the program
  (``__main__``), what was built before the count is set aside from the cyclic garbage collector.
- The projector's repaint for one ballot (the rows it changed and the delegations' line): target < 16 ms.
- Sealing the combined result and writing the tally report (PDF): target < 2 s.
Run: python bench/delegation_vote_bench.py
"""

from __future__ import annotations

import gc
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
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="minsheng-bench-config-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import key_ballot, press  # noqa: E402

TOWNS = ("城关镇", "涧池镇", "蒲溪镇", "平梁镇", "双乳镇", "铁佛寺镇", "漩涡镇", "汉阳镇", "双河口镇", "观音河镇",
         "龙垭镇", "驻军")


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:>8.1f}ms{p95(values) * 1000:>8.1f}ms"


def county(work: Path):
    from minsheng_desktop.clock import FixedClock
    from minsheng_desktop.domain.roster import DeputyInput
    from minsheng_desktop.domain.rules import VotePolicy
    from minsheng_desktop.domain.screening import CandidateInput, Meeting
    from minsheng_desktop.services.registry import Services
    from minsheng_desktop.services.settings_service import TownInfo
    from minsheng_desktop.storage.db import open_database

    db = open_database(work / "county.sqlite")
    sv = Services(db, FixedClock(date(2026, 1, 10)))
    sv.settings.create_town(TownInfo("610921000", "汉阴县", "县区", "610900", "安康市", "汉阴县第十八届人民代表大会", ""),
                            year=2026)
    for i in range(324):
        sv.roster.add(DeputyInput(f"代表{i:03d}", "男", f"{TOWNS[i % 12]}代表团"))
    sv.settings.save_vote_policy(VotePolicy.from_dict({"seats": 20, "candidates_planned": 25}))
    ids = [sv.screening.create(2026, CandidateInput(f"第{i + 1}项：县城老旧小区改造及配套设施提升", "建设内容" * 10,
                                                    "城镇建设管理"), [])[0] for i in range(25)]
    for stage in sv.screening.chain():
        sv.screening.record_meeting(ids, Meeting(stage, "通过", date(2025, 12, 1)))
    sid, _ = sv.vote.create(2026, "汉阴县第十八届人民代表大会第六次会议")
    for d in sv.roster.deputies():
        sv.vote.sign_in(sid, d.id)
    sv.vote.start(sid, by_delegation=True)
    for name, box in sv.vote.info(sid).delegations.items():
        sv.delegations.declare_collected(sid, name, box.issued)
    return db, sv, sid


def main() -> int:
    from minsheng_desktop.ui.app import create_app
    from minsheng_desktop.ui.events import EventBus
    from minsheng_desktop.ui.panes.vote_pane import VotePane

    app = create_app(["bench"])
    work = Path(tempfile.mkdtemp())
    db, sv, sid = county(work)
    pane = VotePane(sv.vote, sv.roster, sv.reports, EventBus(), clock=sv.clock, delegations=sv.delegations)
    pane.resize(1366, 700)
    pane.show()
    pane.set_year(2026)
    pane.open_projector()
    pane.projector.resize(1920, 1080)
    pane.toggle_hold()
    for _ in range(3):
        app.processEvents()
    info = sv.vote.info(sid)
    cands = [c.id for c in info.candidates]
    rng = random.Random(5)
    desks = [name for name, box in info.delegations.items() for _ in range(box.issued)]
    rng.shuffle(desks)  # the desks enter their delegations' ballots side by side
    paints: list[float] = []  # the projector's paint calls (the whole-frame repaints below)
    painter = pane.projector.painter
    real_paint = painter.paint

    def timed_paint(*a, **k):
        t = time.perf_counter()
        out = real_paint(*a, **k)
        paints.append(time.perf_counter() - t)
        return out

    gc.collect()
    gc.freeze()
    con = sqlite3.connect(work / "bare.sqlite", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        con.execute(f"PRAGMA {pragma}")
    con.execute("CREATE TABLE ballot (id INTEGER PRIMARY KEY, seq INTEGER, delegation TEXT, marks TEXT)")
    bare, ours = [], []
    for seq, desk in enumerate(desks, start=1):
        marks = {c: rng.choice("YYYNA") for c in rng.sample(cands, 18)}
        t = time.perf_counter()
        con.execute("BEGIN")
        con.execute("INSERT INTO ballot (seq, delegation, marks) VALUES (?, ?, ?)", (seq, desk, json.dumps(marks)))
        con.execute("COMMIT")
        bare.append(time.perf_counter() - t)
        pane.ballots.chooser.box.setCurrentText(desk)  # not timed: the desk is already on its delegation
        app.processEvents()
        key_ballot(app, pane.ballots, marks)  # not timed: the desk's tellers key the ballot as it is read out
        paints.clear()
        t = time.perf_counter()
        press(pane.ballots, "Enter")
        app.processEvents()  # the console's and the projector's repaints
        ours.append(time.perf_counter() - t)
    con.close()
    assert sv.vote.info(sid).recorded == 324, "every ballot recorded"
    print("== 分团计票: record one ballot in the console, 324 deputies in 12 delegations, 25 candidates, projector open")
    print(f"{'':34}{'median':>10}{'p95':>10}")
    print(f"{'bare sqlite3 insert+commit':34}{ms(bare)}")
    print(f"{'Enter in the console + repaint':34}{ms(ours)}")
    ok_record = p95(ours) < 0.010
    print(f"p95 {p95(ours) * 1000:.1f} ms (target < 10 ms): {'MET' if ok_record else 'NOT MET'}")

    frames: list[float] = []  # the projector's repaint alone, ballot by ballot (a fresh run over the same views)
    painter.paint = timed_paint
    for _ in range(60):
        paints.clear()
        view = pane.projector.view
        pane.projector.view = None
        pane.projector.show_view(view)
        app.processEvents()
        frames += paints
    ok_frame = p95(frames) < 0.016
    print(f"== projector repaint of a whole frame: median {statistics.median(frames) * 1000:.1f} ms, "
          f"p95 {p95(frames) * 1000:.1f} ms (target < 16 ms): {'MET' if ok_frame else 'NOT MET'}")

    t = time.perf_counter()
    sv.vote.publish(sid)
    sv.reports.write_vote("tally-report", sid, work / "tally.pdf")
    sealing = time.perf_counter() - t
    ok_seal = sealing < 2.0
    print(f"== seal the combined result and write the tally report: {sealing:.2f} s (target < 2 s): "
          f"{'MET' if ok_seal else 'NOT MET'}")
    sys.stdout.flush()
    db.close()
    return 0 if ok_record and ok_frame and ok_seal else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: PySide6 can crash while collecting widgets at exit
