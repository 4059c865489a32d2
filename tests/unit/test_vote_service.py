"""A vote session end to end: sign-in and quorum, both counting modes, undo as a recorded act, sealing, revotes."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.roster import DeputyInput
from minsheng_desktop.domain.rules import VotePolicy
from minsheng_desktop.domain.screening import CandidateInput, Meeting
from minsheng_desktop.domain.tally import PaperTotals
from minsheng_desktop.domain.vote_session import cycle_mark
from minsheng_desktop.services.check_service import check_database
from minsheng_desktop.services.roster_service import RosterService
from minsheng_desktop.services.screening_service import ScreeningService
from minsheng_desktop.services.settings_service import SettingsService
from minsheng_desktop.services.vote_service import VoteService
from minsheng_desktop.storage import audit_repo
from tests.conftest import CLOCK


@pytest.fixture
def town(town_db):
    """9 deputies, 3 approved candidates for 2 places."""
    roster = RosterService(town_db)
    for i in range(9):
        roster.add(DeputyInput(f"代表{i}", "男", "一组"))
    SettingsService(town_db).save_vote_policy(VotePolicy.from_dict({"seats": 2, "candidates_planned": 3}))
    screening = ScreeningService(town_db)
    ids = [screening.create(2026, CandidateInput(f"项目{c}", category="教育"), [])[0] for c in "ABC"]
    for stage in screening.chain():
        screening.record_meeting(ids, Meeting(stage, "通过", date(2025, 12, 1)))
    return town_db


def started(db, present=6, mode="ballots"):
    svc = VoteService(db, CLOCK)
    sid, _ = svc.create(2026, "测试镇第一次会议")
    for d in RosterService(db).deputies()[:present]:
        svc.sign_in(sid, d.id)
    svc.start(sid, mode=mode)
    return svc, sid


def test_a_key_names_its_candidate_and_cycles_its_mark():
    from minsheng_desktop.domain.vote_session import press_key

    marks: dict[str, str] = {}
    ids = ["a", "b", "c"]
    assert press_key(marks, ids, "2", "approve_oppose_abstain") and marks == {"b": "Y"}
    assert press_key(marks, ids, "2", "approve_oppose_abstain") and marks == {"b": "N"}
    assert not press_key(marks, ids, "4", "approve_oppose_abstain")  # no fourth candidate
    assert not press_key(marks, ids, "", "approve_oppose_abstain") and not press_key(marks, ids, "!", "x")
    press_key(marks, ids, "2", "approve_oppose_abstain")
    press_key(marks, ids, "2", "approve_oppose_abstain")
    assert marks == {}  # 弃权 → 未标记
    assert press_key(marks, ["c"] * 12, "q", "choose_up_to_n") and marks == {"c": "Y"}  # Q is the 11th key


def test_cycle_marks():
    assert [cycle_mark(m, "approve_oppose_abstain") for m in (None, "Y", "N", "A")] == ["Y", "N", "A", None]
    assert [cycle_mark(m, "choose_up_to_n") for m in (None, "Y")] == ["Y", None]


def test_voting_cannot_start_below_quorum(town):
    svc = VoteService(town, CLOCK)
    sid, _ = svc.create(2026, "会议")
    for d in RosterService(town).deputies()[:5]:
        svc.sign_in(sid, d.id)
    with pytest.raises(UserError, match="不足法定人数 6 人"):
        svc.start(sid)
    assert svc.info(sid).rules.deputies_present == 5


def test_ballot_by_ballot_to_a_sealed_result(town):
    svc, sid = started(town)
    info = svc.info(sid)
    a, b, c = (x.id for x in info.candidates)
    with pytest.raises(UserError, match="收回票数"):
        svc.record_ballot(sid, {a: "Y"})
    svc.declare_collected(sid, 6)
    assert svc.record_ballot(sid, {a: "Y", b: "Y", c: "Y"}) is not None  # approves 3 of 2 places: invalid
    for marks in ({a: "Y", b: "Y"}, {a: "Y", b: "N"}, {a: "Y", b: "Y", c: "A"}, {a: "N"}):
        assert svc.record_ballot(sid, marks) is None
    svc.record_ballot(sid, {c: "Y"})
    svc.withdraw_last(sid)  # a misread ballot, taken back as a recorded act
    svc.record_ballot(sid, {}, spoiled=True)
    live = svc.live(sid)
    assert live.ballots_counted == 6 and live.invalid == 2 and live.rows[0].approve == 3
    assert live.threshold == 5  # more than half of all 9 deputies
    with pytest.raises(UserError, match="全部录入"):
        svc.record_ballot(sid, {a: "Y"})
    svc.publish(sid)
    info = svc.info(sid)
    assert info.status == "sealed" and info.result.chosen == () and info.result.unfilled == 2
    with pytest.raises(UserError, match="封存"):
        svc.record_ballot(sid, {a: "Y"})
    with pytest.raises(UserError, match="封存"):
        svc.withdraw_last(sid)
    report = check_database(town)
    assert report.ok and report.sealed[0]["ok"]
    with town.unit_of_work() as s:
        actions = [e.action for e in audit_repo.entries_for(s, sid)]
    assert actions.count("ballot.recorded") == 7 and "ballot.withdrawn" in actions and actions[-1] == "vote.sealed"
    con = sqlite3.connect(town.path)
    con.execute("UPDATE ballot SET spoiled = 0 WHERE seq = 7")
    con.commit()
    con.close()
    assert not check_database(town).ok


def test_paper_totals_must_agree_then_chosen_become_projects(town):
    svc, sid = started(town, present=9, mode="totals")
    a, b, c = (x.id for x in svc.info(sid).candidates)
    first = PaperTotals(9, 1, {a: {"Y": 7, "N": 1, "A": 0}, b: {"Y": 6, "N": 2, "A": 0}, c: {"Y": 2, "N": 6, "A": 0}})
    wrong = PaperTotals(9, 1, {a: {"Y": 7, "N": 1, "A": 0}, b: {"Y": 5, "N": 3, "A": 0}, c: {"Y": 2, "N": 6, "A": 0}})
    with pytest.raises(UserError, match="不等于有效票"):
        svc.submit_totals(sid, 1, PaperTotals(9, 1, {a: {"Y": 9, "N": 0, "A": 0}, b: first.counts[b],
                                                       c: first.counts[c]}))
    assert svc.submit_totals(sid, 1, first) == []
    diffs = svc.submit_totals(sid, 2, wrong)
    assert diffs == ["项目B 赞成：6 ≠ 5", "项目B 反对：2 ≠ 3"]
    with pytest.raises(UserError, match="尚未一致"):
        svc.publish(sid)
    assert svc.submit_totals(sid, 2, first) == []
    svc.publish(sid)
    info = svc.info(sid)
    assert info.result.chosen == (a, b)
    from minsheng_desktop.services.project_service import ProjectService

    assert sorted(p.name for p in ProjectService(town, CLOCK).projects(2026)) == ["项目A", "项目B"]


def test_over_collected_is_void_and_taken_again(town):
    svc, sid = started(town)
    svc.declare_collected(sid, 7)
    info = svc.info(sid)
    assert info.status == "void" and info.result.status == "void_over_collected"
    assert "重新投票" in svc.live(sid).notes[0]
    new, _ = svc.create_revote(sid, "重新投票")
    again = svc.info(new)
    assert again.previous_session_id == sid and len(again.candidates) == 3 and again.rules.seats == 2


def test_tie_revote_is_a_new_linked_session(town):
    svc, sid = started(town, present=9, mode="totals")
    a, b, c = (x.id for x in svc.info(sid).candidates)
    with pytest.raises(UserError):
        svc.set_rules(sid, {"tie_at_cutoff": "revote"})  # frozen once counting started
    tied = PaperTotals(9, 0, {a: {"Y": 8, "N": 1, "A": 0}, b: {"Y": 6, "N": 3, "A": 0}, c: {"Y": 6, "N": 3, "A": 0}})
    svc.submit_totals(sid, 1, tied)
    svc.submit_totals(sid, 2, tied)
    svc.publish(sid)
    assert svc.info(sid).result.chosen == (a, b, c)  # the default: include all tied
    assert "一并纳入" in svc.live(sid).notes[1]
