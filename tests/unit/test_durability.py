"""Kill the counting process mid-count: every ballot it acknowledged is on disk, and counting resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date

from minsheng_desktop.domain.roster import DeputyInput
from minsheng_desktop.domain.rules import VotePolicy
from minsheng_desktop.domain.screening import CandidateInput, Meeting
from minsheng_desktop.services.check_service import check_database
from minsheng_desktop.services.roster_service import RosterService
from minsheng_desktop.services.screening_service import ScreeningService
from minsheng_desktop.services.settings_service import SettingsService
from minsheng_desktop.services.vote_service import VoteService
from minsheng_desktop.storage.db import open_database
from tests.conftest import REPO

COUNTER = textwrap.dedent("""
    import sys
    from minsheng_desktop.storage.db import open_database
    from minsheng_desktop.services.vote_service import VoteService
    db = open_database(sys.argv[1])
    svc = VoteService(db)
    ids = [c.id for c in svc.info(sys.argv[2]).candidates]
    n = 0
    while True:
        n += 1
        svc.record_ballot(sys.argv[2], {ids[n % len(ids)]: "Y", ids[(n + 1) % len(ids)]: "N"})
        print("recorded", n, flush=True)
""")


def test_a_killed_count_resumes_exactly(town_db, tmp_path):
    roster = RosterService(town_db)
    for i in range(60):
        roster.add(DeputyInput(f"代表{i:02d}", "女" if i % 3 else "男", f"{i % 6 + 1}组"))
    SettingsService(town_db).save_vote_policy(VotePolicy.from_dict({"seats": 2, "candidates_planned": 3}))
    screening = ScreeningService(town_db)
    cands = [screening.create(2026, CandidateInput(f"项目{c}", category="教育"), [])[0] for c in "ABC"]
    for stage in screening.chain():
        screening.record_meeting(cands, Meeting(stage, "通过", date(2025, 12, 1)))
    svc = VoteService(town_db)
    sid, _ = svc.create(2026, "会议")
    for d in roster.deputies():
        svc.sign_in(sid, d.id)
    svc.start(sid)
    svc.declare_collected(sid, 60)
    path = town_db.path
    town_db.close()

    proc = subprocess.Popen([sys.executable, "-c", COUNTER, str(path), sid], stdout=subprocess.PIPE, text=True,
                            cwd=REPO)
    acknowledged = 0
    for line in proc.stdout:
        acknowledged = int(line.split()[1])
        if acknowledged >= 25:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    db = open_database(path)
    try:
        svc = VoteService(db)
        recorded = svc.info(sid).recorded
        assert acknowledged <= recorded <= acknowledged + 1  # at most the one in flight when killed
        assert check_database(db).ok
        for n in range(recorded, 60):
            svc.record_ballot(sid, {cands[n % 3]: "Y"})
        svc.publish(sid)
        assert svc.info(sid).result.ballots_collected == 60
    finally:
        db.close()
