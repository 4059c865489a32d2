"""分团计票 (issue 17): a session counted per delegation, combined, sealed once; the rules and the service."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minsheng_desktop.domain import delegations as deleg
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.roster import DeputyInput
from minsheng_desktop.domain.rules import VotePolicy, VoteRules
from minsheng_desktop.domain.screening import CandidateInput, Meeting
from minsheng_desktop.domain.tally import Ballot, Candidate, PaperTotals, TallyStatus, tally
from minsheng_desktop.domain.vote_session import RunningCount
from minsheng_desktop.services.check_service import check_database
from minsheng_desktop.services.registry import Services
from minsheng_desktop.services.settings_service import TownInfo
from minsheng_desktop.storage import audit_repo
from tests.conftest import CLOCK

CANDS = [Candidate(c, f"项目{c}") for c in "ABCD"]
RULES = VoteRules.from_dict({"seats": 2, "deputies_total": 12, "deputies_present": 12})


def test_a_deputy_counts_in_the_roster_s_delegation_or_in_none():
    assert deleg.delegation_of("  城关代表团 ") == "城关代表团"
    assert deleg.delegation_of("") == deleg.delegation_of(None) == "未分团"
    boxes = deleg.plan(["一团", "二团", "一团", ""])
    assert {n: d.issued for n, d in boxes.items()} == {"一团": 2, "二团": 1, "未分团": 1}
    with pytest.raises(UserError, match="代表团多于"):
        deleg.plan([f"{i}团" for i in range(deleg.MAX_DELEGATIONS + 1)])


def test_a_box_is_declared_once_and_not_below_what_is_recorded():
    boxes = deleg.plan(["一团", "一团", "二团"])
    boxes = deleg.declare(boxes, "一团", 2, 0)
    with pytest.raises(UserError, match="已录入（2 张）"):
        deleg.declare(boxes, "一团", 1, 0)
    with pytest.raises(UserError, match="少于已录入"):
        deleg.declare(boxes, "二团", 0, 1)
    with pytest.raises(UserError, match="没有“三团”"):
        deleg.declare(boxes, "三团", 1, 0)
    with pytest.raises(UserError, match="非负整数"):
        deleg.declare(boxes, "二团", -1, 0)
    assert deleg.collected_so_far(boxes) == 2 and deleg.collected_so_far(deleg.plan(["一团"])) is None
    with pytest.raises(UserError, match="请先录入二团的收回票数"):
        deleg.room_for_ballot(boxes, "二团", 0)
    with pytest.raises(UserError, match="一团收回的 2 张选票已全部录入"):
        deleg.room_for_ballot(boxes, "一团", 2)
    deleg.room_for_ballot(boxes, "一团", 1)


ballots_st = st.lists(st.tuples(st.sampled_from(["一团", "二团", "三团"]),
                                st.dictionaries(st.sampled_from("ABCD"), st.sampled_from("YNA"), max_size=4),
                                st.booleans()), max_size=40)


@settings(max_examples=60, deadline=None)
@given(ballots_st)
def test_counting_by_delegation_gives_the_whole_count(rows):
    """However the ballots fall into delegations, the combined result is the result of counting them all."""
    issued = {"一团": 15, "二团": 15, "三团": 15}
    boxes = {n: deleg.Delegation(n, i, sum(1 for d, _m, _s in rows if d == n)) for n, i in issued.items()}
    by_box: dict[str, list[Ballot]] = {}
    for d, marks, spoiled in rows:
        by_box.setdefault(d, []).append(Ballot(marks, spoiled))
    rules = VoteRules.from_dict({"seats": 2, "deputies_total": 45, "deputies_present": 45})
    combined = deleg.session_result(CANDS, rules, "ballots", boxes, by_box, {})
    whole = tally(CANDS, rules, 45, ballots=[Ballot(m, s) for _d, m, s in rows])
    assert combined == whole
    run = RunningCount(CANDS, rules, [Ballot(m, s) for _d, m, s in rows], [d for d, _m, _s in rows])
    assert run.by_delegation == {n: len(b) for n, b in by_box.items()}
    if rows:  # each delegation's tellers take back their own last ballot
        last_of_first = max(i for i, (d, _m, _s) in enumerate(rows) if d == rows[0][0])
        assert run.withdraw_last(rows[0][0]) == Ballot(rows[last_of_first][1], rows[last_of_first][2])
        rest = [Ballot(m, s) for i, (_d, m, s) in enumerate(rows) if i != last_of_first]
        assert run.totals() == RunningCount(CANDS, rules, rest).totals()


def test_publishing_waits_for_every_delegation_and_one_overfull_box_voids_the_vote():
    boxes = {"一团": deleg.Delegation("一团", 6, 2), "二团": deleg.Delegation("二团", 6, None)}
    one = {"一团": [Ballot({"A": "Y"}), Ballot({"B": "Y"})]}
    with pytest.raises(UserError, match="以下代表团尚未计票完毕：二团"):
        deleg.session_result(CANDS, RULES, "ballots", boxes, one, {})
    boxes = {"一团": deleg.Delegation("一团", 6, 2), "二团": deleg.Delegation("二团", 6, 7)}  # 9 of 12 overall, yet
    void = deleg.session_result(CANDS, RULES, "ballots", boxes, one, {})  # 二团's box held more than it was given
    assert void.status == TallyStatus.VOID_OVER_COLLECTED and not void.chosen and void.ballots_issued == 12


def test_paper_totals_by_delegation_are_summed_once_both_tellers_agree():
    def t(collected, y):
        return PaperTotals(collected, 0, {c.id: {"Y": y, "N": collected - y, "A": 0} for c in CANDS})

    boxes = {"一团": deleg.Delegation("一团", 6), "二团": deleg.Delegation("二团", 6)}
    entries = {"一团": {1: t(6, 5), 2: t(6, 5)}, "二团": {1: t(5, 1), 2: t(5, 2)}}
    with pytest.raises(UserError, match="二团"):
        deleg.session_result(CANDS, RULES, "totals", boxes, {}, entries)
    entries["二团"][2] = t(5, 1)
    result = deleg.session_result(CANDS, RULES, "totals", boxes, {}, entries)
    assert result.ballots_collected == 11 and {c.approve for c in result.candidates} == {6}
    entries["二团"] = {1: t(7, 1), 2: t(7, 1)}  # more than 二团 was issued
    assert deleg.session_result(CANDS, RULES, "totals", boxes, {}, entries).is_void


def county_services(db, deputies=12, seats=2, candidates="ABCD") -> Services:
    """A county database: deputies in three delegations (and a quarter with none), approved candidates."""
    sv = Services(db, CLOCK)
    sv.settings.create_town(TownInfo("610921000", "汉阴县", "县区", "610900", "安康市", "汉阴县第十八届人民代表大会", ""),
                            year=2026)
    for i in range(deputies):
        sv.roster.add(DeputyInput(f"代表{i:03d}", "男", ["城关代表团", "涧池代表团", "蒲溪代表团", ""][i % 4]))
    sv.settings.save_vote_policy(VotePolicy.from_dict({"seats": seats, "candidates_planned": len(candidates)}))
    ids = [sv.screening.create(2026, CandidateInput(f"项目{c}", category="教育"), [])[0] for c in candidates]
    for stage in sv.screening.chain():
        sv.screening.record_meeting(ids, Meeting(stage, "通过", date(2025, 12, 1)))
    return sv


@pytest.fixture
def county(db):
    """12 deputies in three delegations (and one with none), 4 approved candidates for 2 places."""
    return county_services(db)


def _started(sv, mode="ballots", absent=("代表000",)):
    sid, _ = sv.vote.create(2026, "县第十八届人民代表大会第六次会议")
    for d in sv.roster.deputies():
        if d.name not in absent:
            sv.vote.sign_in(sid, d.id)
    sv.vote.start(sid, mode=mode, by_delegation=True)
    return sid


def test_a_vote_counted_by_delegation_to_its_seal(county):
    sv = county
    sid = _started(sv)
    info = sv.vote.info(sid)
    assert {n: d.issued for n, d in info.delegations.items()} == {"城关代表团": 2, "涧池代表团": 3, "蒲溪代表团": 3,
                                                                  "未分团": 3}
    assert info.ballots_issued == 11
    rows = {r.name: (r.members, r.present) for r in sv.delegations.signin_rows(sid)}
    assert rows["城关代表团"] == (3, 2) and rows["未分团"] == (3, 3)
    assert list(rows)[-1] == "未分团"
    a, b, c, d = (x.id for x in info.candidates)
    with pytest.raises(UserError, match="请先录入涧池代表团的收回票数"):
        sv.vote.record_ballot(sid, {a: "Y"}, delegation="涧池代表团")
    with pytest.raises(UserError, match="请先选择本台录入的代表团"):
        sv.vote.record_ballot(sid, {a: "Y"})  # a session counted by delegation needs the ballot's delegation
    for name, n in (("城关代表团", 2), ("涧池代表团", 3), ("蒲溪代表团", 3), ("未分团", 3)):
        sv.delegations.declare_collected(sid, name, n)
    for name, n in (("城关代表团", 2), ("涧池代表团", 3), ("蒲溪代表团", 3)):
        for _ in range(n):
            sv.vote.record_ballot(sid, {a: "Y", b: "Y", c: "N"}, delegation=name)
    with pytest.raises(UserError, match="涧池代表团收回的 3 张选票已全部录入"):
        sv.vote.record_ballot(sid, {a: "Y"}, delegation="涧池代表团")
    sv.vote.record_ballot(sid, {d: "Y"}, delegation="未分团")
    sv.vote.withdraw_last(sid, delegation="城关代表团")  # 城关's tellers take back their own last ballot
    live = sv.vote.live(sid)
    assert [(x.name, x.counted, x.collected, x.done) for x in live.delegations] == [
        ("城关代表团", 1, 2, False), ("涧池代表团", 3, 3, True), ("蒲溪代表团", 3, 3, True), ("未分团", 1, 3, False)]
    with pytest.raises(UserError, match="城关代表团、未分团"):
        sv.vote.publish(sid)
    sv.vote.record_ballot(sid, {a: "Y", b: "Y", c: "N"}, delegation="城关代表团")
    sv.vote.record_ballot(sid, {a: "Y", d: "Y"}, delegation="未分团")
    sv.vote.record_ballot(sid, {}, True, delegation="未分团")
    sv.vote.publish(sid)
    info = sv.vote.info(sid)
    assert info.sealed and info.result.ballots_collected == 11 and info.result.invalid_ballots == 1
    assert set(info.result.chosen) == {a, b}
    assert check_database(sv.vote.db).ok
    with sv.vote.db.unit_of_work() as s:
        logged = [e for e in audit_repo.entries_for(s, sid) if e.action in ("ballot.recorded", "vote.collected")]
    assert all('"delegation"' in e.detail for e in logged)


def test_moving_a_ballot_to_another_delegation_breaks_the_seal(county):
    sv = county
    sid = _started(sv, absent=())
    a = sv.vote.info(sid).candidates[0].id
    for name, n in (("城关代表团", 3), ("涧池代表团", 3), ("蒲溪代表团", 3), ("未分团", 3)):
        sv.delegations.declare_collected(sid, name, n)
        for _ in range(n):
            sv.vote.record_ballot(sid, {a: "Y"}, delegation=name)
    sv.vote.publish(sid)
    assert check_database(sv.vote.db).ok
    con = sqlite3.connect(sv.vote.db.path)
    con.execute("UPDATE ballot SET delegation = '涧池代表团' WHERE delegation = '城关代表团' AND seq = 1")
    con.commit()
    con.close()
    assert not check_database(sv.vote.db).ok


def test_paper_totals_entered_per_delegation(county):
    sv = county
    sid = _started(sv, mode="totals", absent=())
    ids = [c.id for c in sv.vote.info(sid).candidates]

    def totals(y):
        return PaperTotals(3, 0, {cid: {"Y": y, "N": 3 - y, "A": 0} for cid in ids})

    for name in ("城关代表团", "涧池代表团", "蒲溪代表团", "未分团"):
        assert sv.delegations.submit_totals(sid, name, 1, totals(3), "甲") == []
        diffs = sv.delegations.submit_totals(sid, name, 2, totals(2 if name == "蒲溪代表团" else 3), "乙")
        assert bool(diffs) == (name == "蒲溪代表团")
    with pytest.raises(UserError, match="蒲溪代表团"):
        sv.vote.publish(sid)
    sv.delegations.submit_totals(sid, "蒲溪代表团", 2, totals(3), "乙")
    assert all(x.done for x in sv.vote.live(sid).delegations)
    sv.vote.publish(sid)
    info = sv.vote.info(sid)
    assert info.result.ballots_collected == 12 and {d.collected for d in info.delegations.values()} == {3}
    assert check_database(sv.vote.db).ok
    out = sv.reports.write_vote("tally-report", sid, sv.vote.db.path.with_name("tally.docx"))
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "本次票决分4个代表团计票后合并：城关代表团发出3张、收回3张" in text and "未分团发出3张、收回3张" in text


def test_an_overfull_delegation_box_voids_the_vote_at_once(county):
    sv = county
    sid = _started(sv, absent=())
    sv.delegations.declare_collected(sid, "城关代表团", 4)  # 3 were issued to 城关
    info = sv.vote.info(sid)
    assert info.sealed and info.result.status == TallyStatus.VOID_OVER_COLLECTED


def test_a_town_is_not_offered_delegations(town_db):
    """A town's 代表小组 are not delegations: its console offers no 分团计票."""
    assert not deleg.offered("乡镇") and not deleg.offered("街道") and deleg.offered("县区") and deleg.offered("市")
    sv = Services(town_db, CLOCK)
    for i in range(6):
        sv.roster.add(DeputyInput(f"代表{i}", "男", ["一组", "二组"][i % 2]))
    assert sv.delegations.signin_rows("any session") == []


def test_the_demo_county_votes_by_delegation_through_the_services(db):
    from minsheng_desktop.services.demo_county_vote import COUNTY_CANDIDATES, SEATS, write_county_vote

    Services(db, CLOCK).settings.create_town(
        TownInfo("610921000", "汉阴县", "县区", "610900", "安康市", "汉阴县第十八届人民代表大会", ""), year=2026)
    vote = write_county_vote(db, CLOCK, year=2026, held_on=date(2026, 1, 14), towns=["城关镇", "涧池镇", "蒲溪镇"],
                             deputies=45)
    assert vote.delegations == 3 and 40 <= vote.ballots <= 45 and SEATS <= vote.chosen < len(COUNTY_CANDIDATES)
    info = Services(db, CLOCK).vote.info(vote.session_id)
    assert info.sealed and info.result.ballots_collected == vote.ballots
    assert set(info.delegations) == {"城关镇代表团", "涧池镇代表团", "蒲溪镇代表团"}
    assert check_database(db).ok


def test_phones_do_not_vote_in_a_session_counted_by_delegation(county):
    sid = _started(county)
    with pytest.raises(UserError, match="分团计票"):
        county.phone.open(sid)


def test_the_demo_county_holds_its_own_vote_counted_by_delegation(tmp_path):
    """`minsheng demo --level 县区`: 300 county deputies in the towns' delegations voted and the result is sealed."""
    from minsheng_desktop.storage.db import open_database
    from tests.county_fixture import SIZES, county_copy

    db = open_database(county_copy(tmp_path))
    try:
        sv = Services(db, CLOCK)
        info = sv.vote.info(sv.vote.latest_session_id(CLOCK.today().year))
        assert info.sealed and info.rules.deputies_total == 300 and len(info.delegations) == SIZES["县区"]
        assert info.result.ballots_collected == sum(d.collected for d in info.delegations.values()) > 250
        assert check_database(db).ok
    finally:
        db.close()
