"""A small town with a session counting ballot by ballot, phone slips printed and the hall server on loopback."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import date

from minsheng_desktop.domain.roster import DeputyInput
from minsheng_desktop.domain.rules import VotePolicy
from minsheng_desktop.domain.screening import CandidateInput, Meeting
from minsheng_desktop.services.roster_service import RosterService
from minsheng_desktop.services.screening_service import ScreeningService
from minsheng_desktop.services.settings_service import SettingsService
from tests.conftest import CLOCK


def make_town(db, deputies: int = 9, candidates: int = 3, seats: int = 2) -> None:
    roster = RosterService(db)
    for i in range(deputies):
        roster.add(DeputyInput(f"代表{i}", "男", "一组"))
    SettingsService(db).save_vote_policy(VotePolicy.from_dict({"seats": seats, "candidates_planned": candidates}))
    screening = ScreeningService(db)
    ids = [screening.create(2026, CandidateInput(f"项目{c}", category="教育"), [])[0] for c in range(candidates)]
    for stage in screening.chain():
        screening.record_meeting(ids, Meeting(stage, "通过", date(2025, 12, 1)))


def counting_session(services, present: int) -> str:
    vote = services.vote
    sid, _ = vote.create(2026, "测试镇第一次会议")
    for d in RosterService(services.db).deputies()[:present]:
        vote.sign_in(sid, d.id)
    vote.start(sid, mode="ballots")
    return sid


def make_services(db):
    from minsheng_desktop.services.registry import Services

    return Services(db, CLOCK)


class Phone:
    """One phone: opens its slip's address, ticks, checks, casts — as the page's forms do."""

    def __init__(self, url: str):
        self.url = url
        self.nonce = ""

    def request(self, data: dict | None = None, *, raw: bytes | None = None,
                ctype: str = "application/x-www-form-urlencoded", url: str | None = None) -> tuple[int, str]:
        body = raw if raw is not None else (urllib.parse.urlencode(data).encode() if data is not None else None)
        req = urllib.request.Request(url or self.url, data=body, method="POST" if body is not None else "GET")
        if body is not None:
            req.add_header("Content-Type", ctype)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8")

    def open(self) -> tuple[int, str]:
        status, html = self.request()
        m = re.search(r'name="nonce" value="([^"]+)"', html)
        self.nonce = m.group(1) if m else ""
        return status, html

    def vote(self, marks: dict[str, str]) -> tuple[int, str]:
        status, html = self.open()
        if status != 200:
            return status, html
        status, html = self.request({"nonce": self.nonce, "step": "check", **marks})
        if status != 200:
            return status, html
        return self.request({"nonce": self.nonce, "step": "cast", **marks})


def receipt_of(html: str) -> str:
    m = re.search(r"class='code'>([0-9-]+)<", html)
    return m.group(1) if m else ""
