"""Kill the app mid phone vote: every vote a phone was told about (its receipt) is on disk, the phone that asks
again gets that receipt, and voting resumes on the same slips."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from minsheng_desktop.services.check_service import check_database
from minsheng_desktop.storage.db import open_database
from tests.conftest import REPO
from tests.unit.phone_hall import Phone, counting_session, make_services, make_town, receipt_of

SERVER = textwrap.dedent("""
    import sys, time
    from minsheng_desktop.storage.db import open_database
    from minsheng_desktop.services.registry import Services
    from minsheng_desktop.services.hall_server.server import HallServer
    services = Services(open_database(sys.argv[1]))
    server = HallServer(services.phone, "127.0.0.1", 0)
    print(server.url, flush=True)
    time.sleep(600)
""")


def serve(path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(path)], stdout=subprocess.PIPE, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def test_a_killed_server_loses_no_acknowledged_vote(town_db):
    make_town(town_db, deputies=12)
    services = make_services(town_db)
    sid = counting_session(services, present=12)
    services.phone.open(sid)
    slips = [u.rsplit("/v/", 1)[1] for u in services.phone.new_slips(sid, "http://127.0.0.1:1")]
    path = town_db.path
    town_db.close()

    proc, url = serve(path)
    receipts, phones = [], []
    try:
        for token in slips[:6]:
            phone = Phone(f"{url}/v/{token}")
            status, html = phone.vote({"c1": "y", "c2": "n", "c3": "a"})
            assert status == 200
            receipts.append(receipt_of(html))
            phones.append(phone)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

    db = open_database(path)
    try:
        services = make_services(db)
        assert len(services.vote.ballots(sid)) == 6 and services.phone.figures(sid).used == 6
        assert check_database(db).ok
    finally:
        db.close()
    proc, url = serve(path)  # the app opened again: the same slips, the same round
    try:
        again = Phone(f"{url}/v/{slips[0]}")
        again.nonce = phones[0].nonce  # the first phone never saw its answer and sends again
        status, html = again.request({"nonce": again.nonce, "step": "cast", "c1": "y", "c2": "n", "c3": "a"})
        assert status == 200 and receipt_of(html) == receipts[0]
        for token in slips[6:]:
            assert Phone(f"{url}/v/{token}").vote({"c1": "y"})[0] == 200
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    db = open_database(path)
    try:
        services = make_services(db)
        assert len(services.vote.ballots(sid)) == 12 and services.phone.figures(sid).used == 12
    finally:
        db.close()
