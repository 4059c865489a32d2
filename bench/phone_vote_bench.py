"""扫码表决 under load on loopback: 324 simulated phones (each from its own loopback address, 127.0.1.x, so the
per-address rate limit stays on) vote on 25 candidates through the real hall server (waitress, 8 threads) and the
real service (one transaction per vote, SQLite WAL, synchronous=FULL). Each phone does what the page does: open its
slip's address, send the form for the confirmation screen, then cast. By default the phones arrive spread over
45 seconds and each reads its ballot and the confirmation for 1–3 s (a hall voting within one minute);
``--burst`` sends them 48 at a time with no pause (a stress figure: requests then wait in the server's queue).

Prints the wall time, p50/p95/max per request and per cast, and checks every vote was counted once: as many
ballots as phones, the tokens used = the ballots, the totals equal to the marks the phones sent.
Targets (issue 19): all 324 within one minute; p95 response under 200 ms on this 2-core machine.
Run: python bench/phone_vote_bench.py [PHONES] [CANDIDATES] [--burst]
"""

from __future__ import annotations

import http.client
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="minsheng-bench-config-"))


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def setup(phones: int, candidates: int):
    from minsheng_desktop.clock import FixedClock
    from minsheng_desktop.domain.roster import DeputyInput
    from minsheng_desktop.domain.rules import VotePolicy
    from minsheng_desktop.domain.screening import CandidateInput, Meeting
    from minsheng_desktop.services.registry import Services
    from minsheng_desktop.services.settings_service import TownInfo
    from minsheng_desktop.storage.db import open_database

    db = open_database(Path(tempfile.mkdtemp()) / "phone.sqlite")
    sv = Services(db, FixedClock(date(2026, 1, 10)))
    sv.settings.create_town(TownInfo("610999101", "清溪镇", "乡镇", "", "", "", ""), year=2026)
    for i in range(phones):
        sv.roster.add(DeputyInput(f"代表{i:03d}", "男", f"{i % 8 + 1}组"))
    sv.settings.save_vote_policy(VotePolicy.from_dict({"seats": 10, "candidates_planned": candidates}))
    ids = [sv.screening.create(2026, CandidateInput(f"第{i + 1}个候选项目：村组道路硬化", "建设内容", "交通出行"), [])[0]
           for i in range(candidates)]
    for stage in sv.screening.chain():
        sv.screening.record_meeting(ids, Meeting(stage, "通过", date(2025, 12, 1)))
    sid, _ = sv.vote.create(2026, "清溪镇第十八届人民代表大会第六次会议")
    for d in sv.roster.deputies():
        sv.vote.sign_in(sid, d.id)
    sv.vote.start(sid)
    sv.phone.open(sid)
    return sv, sid


class Phone:
    def __init__(self, url: str, source: str):
        parts = urllib.parse.urlsplit(url)
        self.path = parts.path
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30, source_address=(source, 0))
        self.times: list[float] = []

    def send(self, body: dict | None) -> tuple[int, str, float]:
        start = time.perf_counter()
        if body is None:
            self.conn.request("GET", self.path)
        else:
            self.conn.request("POST", self.path, urllib.parse.urlencode(body),
                              {"Content-Type": "application/x-www-form-urlencoded"})
        r = self.conn.getresponse()
        text = r.read().decode("utf-8")
        took = time.perf_counter() - start
        self.times.append(took)
        return r.status, text, took

    def vote(self, marks: dict[str, str], think: float = 0.0) -> float:
        status, html, _ = self.send(None)
        assert status == 200, html[-300:]
        nonce = re.search(r'name="nonce" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        time.sleep(think)
        status, html, _ = self.send({"nonce": nonce, "step": "check", **marks})
        assert status == 200, html[-300:]
        time.sleep(think / 2)
        status, html, took = self.send({"nonce": nonce, "step": "cast", **marks})
        assert status == 200 and "已投票" in html, html[-300:]
        self.conn.close()
        return took


def main() -> int:
    import logging

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" notes during a burst
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    burst = "--burst" in sys.argv
    phones = int(args[0]) if args else 324
    candidates = int(args[1]) if len(args) > 1 else 25
    from minsheng_desktop.domain.tally import ABSTAIN, APPROVE, OPPOSE
    from minsheng_desktop.services.hall_server.server import HallServer

    sv, sid = setup(phones, candidates)
    server = HallServer(sv.phone, "127.0.0.1", 0)
    urls = sv.phone.new_slips(sid, server.url)
    rng = random.Random(19)
    ballots = []
    for _ in urls:
        marks = {f"c{i}": rng.choice("ynna") for i in range(1, candidates + 1)}
        for k in [k for k, v in marks.items() if v == "y"][10:]:
            marks[k] = "a"  # never over the 10 places
        ballots.append(marks)
    devices = [Phone(u, f"127.0.1.{i % 250 + 1}") for i, u in enumerate(urls)]
    lock = threading.Lock()
    casts: list[float] = []

    arrive = sorted(rng.uniform(0, 45) for _ in urls)
    thinks = [rng.uniform(1, 3) for _ in urls]

    def one(i: int) -> None:
        if not burst:
            time.sleep(max(0.0, arrive[i] - (time.perf_counter() - start)))
        took = devices[i].vote(ballots[i], 0.0 if burst else thinks[i])
        with lock:
            casts.append(took)

    start = time.perf_counter()
    with ThreadPoolExecutor(48 if burst else phones) as pool:
        list(pool.map(one, range(phones)))
    wall = time.perf_counter() - start
    server.stop()
    every = [t for d in devices for t in d.times]
    ms = 1000.0
    print("一次涌入（每批 48 部、不停顿）" if burst else "45 秒内陆续到达，每部手机看票、核对 1–3 秒")
    print(f"{phones} 部手机 × {candidates} 个候选项目：全部投完用时 {wall:.1f} s（目标 ≤ 60 s）")
    print(f"每个请求（{len(every)} 个）：中位数 {statistics.median(every) * ms:.1f} ms，p95 {p95(every) * ms:.1f} ms，"
          f"最长 {max(every) * ms:.1f} ms（目标 p95 < 200 ms）")
    print(f"投票（写入）请求：中位数 {statistics.median(casts) * ms:.1f} ms，p95 {p95(casts) * ms:.1f} ms")
    info = sv.vote.info(sid)
    stored = sv.vote.ballots(sid)
    cids = [c.id for c in info.candidates]
    want = {cid: {APPROVE: 0, OPPOSE: 0, ABSTAIN: 0} for cid in cids}
    for marks in ballots:
        for k, v in marks.items():
            want[cids[int(k[1:]) - 1]][{"y": APPROVE, "n": OPPOSE, "a": ABSTAIN}[v]] += 1
    got = {cid: {APPROVE: 0, OPPOSE: 0, ABSTAIN: 0} for cid in cids}
    for b in stored:
        for cid, m in b.marks.items():
            got[cid][m] += 1
    figures = sv.phone.figures(sid)
    ok = len(stored) == phones == figures.used and got == want
    print(f"记录的选票 {len(stored)} 张，已用表决票 {figures.used} 张，各项票数与手机所投一致：{'是' if got == want else '否'}")
    return 0 if ok and wall <= 60 else 1


if __name__ == "__main__":
    sys.exit(main())
