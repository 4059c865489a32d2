"""After the vote: the five-colour light at its edges, progress, adjustments by decision, carry-over, the
supervision calendar with opinions and reminders, satisfaction rounds and their follow-up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.progress import (
    BLUE,
    GREEN,
    GREY,
    RED,
    YELLOW,
    MilestoneState,
    ProjectFacts,
    light,
    status,
)
from minsheng_desktop.services.project_service import ProjectService
from minsheng_desktop.services.scoring_service import ScoringService
from minsheng_desktop.services.supervision_service import SupervisionService
from tests.conftest import TODAY

D = date(2026, 6, 1)


def facts(**kw):
    base = dict(deadline=date(2026, 11, 30), percent=40, completed_on=None, terminated=False,
                pending_adjustment=False, milestones=(MilestoneState("开工", date(2026, 5, 1), date(2026, 5, 3)),))
    return ProjectFacts(**{**base, **kw})


@pytest.mark.parametrize("kw,today,expected", [
    ({}, D, GREEN),
    ({"milestones": (MilestoneState("开工", date(2026, 5, 31), None),)}, D, YELLOW),
    ({"milestones": (MilestoneState("开工", date(2026, 6, 1), None),)}, D, GREEN),  # due today is not late yet
    ({}, date(2026, 11, 30), GREEN),  # the deadline day itself is still in time
    ({}, date(2026, 12, 1), RED),
    ({"percent": 100, "completed_on": date(2026, 12, 5)}, date(2026, 12, 20), BLUE),
    ({"terminated": True}, date(2026, 12, 20), GREY),
    ({"pending_adjustment": True}, D, YELLOW),
])
def test_light_edges(kw, today, expected):
    assert light(facts(**kw), today) == expected


def test_status_follows_the_light():
    assert status(facts(percent=0, milestones=()), D) == "未开工"
    assert status(facts(), D) == "推进中"
    assert status(facts(), date(2026, 12, 1)) == "滞后"
    assert status(facts(pending_adjustment=True), D) == "调整"


def test_progress_adjustments_and_carry_over(demo_db, clock, tmp_path):
    svc = ProjectService(demo_db, clock)
    open_one = next(p for p in svc.projects(2026) if p.status != "已完成")
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8jpeg")
    svc.add_progress(open_one.id, TODAY, 80, "主体工程完工", funds_in_place=Decimal("50"), photos=[photo])
    detail = svc.detail(open_one.id)
    assert detail.project.percent == 80 and detail.reports[-1].photos == 1
    with pytest.raises(UserError, match="0%～100%"):
        svc.add_progress(open_one.id, TODAY, 120, "x")
    with pytest.raises(UserError, match="新的完成时限"):
        svc.request_adjustment(open_one.id, "延期", "雨季停工", TODAY)
    svc.request_adjustment(open_one.id, "延期", "雨季停工两个月", TODAY, new_deadline=date(2027, 3, 31))
    assert svc.detail(open_one.id).project.light == YELLOW
    adj = svc.detail(open_one.id).adjustments[-1]
    svc.decide_adjustment(adj.id, "清溪镇人民代表大会", TODAY, "同意")
    assert svc.detail(open_one.id).project.deadline == date(2027, 3, 31)
    with pytest.raises(UserError, match="已作出决定"):
        svc.decide_adjustment(adj.id, "清溪镇人民代表大会", TODAY, "不同意")
    svc.carry_over(open_one.id)
    nxt = [p for p in svc.projects(2027) if p.carried_from_id == open_one.id]
    assert len(nxt) == 1 and nxt[0].percent == 80
    with pytest.raises(UserError, match="已结转"):
        svc.carry_over(open_one.id)


def test_calendar_plan_opinions_reminders(demo_db, clock):
    svc = SupervisionService(demo_db, clock)
    before = len(svc.events(2027))
    svc.generate_plan(2027)
    assert len(svc.events(2027)) == before + 9  # 季会制 (the default): four 季会 besides the five others
    svc.generate_plan(2027)
    assert len(svc.events(2027)) == before + 9  # nothing twice
    eid, _ = svc.save_event(2026, None, "视察", "视察饮水工程", date(2026, 11, 25), "双河村")
    projects = ProjectService(demo_db, clock).projects(2026)
    from minsheng_desktop.services.roster_service import RosterService

    people = [d.id for d in RosterService(demo_db).deputies()][:12]
    svc.set_links(eid, [projects[0].id], people)
    svc.add_opinion(eid, "管网漏水，建议尽快维修", project_id=projects[0].id, deputy_id=people[0],
                    due_on=date(2026, 11, 1))
    reminders = svc.reminders(2026)
    assert (date(2026, 11, 25), "视察", "视察饮水工程") in reminders.upcoming
    assert any("管网漏水" in o[1] for o in reminders.overdue)
    with pytest.raises(UserError, match="尚未到活动日期"):
        svc.save_event(2026, eid, "视察", "视察饮水工程", date(2026, 11, 25), status="已开展")
    op = next(o for e in svc.events(2026) for o in e.opinions if "管网漏水" in o.content)
    with pytest.raises(UserError, match="整改反馈"):
        svc.follow_up(op.id, "", True)
    svc.follow_up(op.id, "已更换漏水管段", True)
    assert not any("管网漏水" in o[1] for o in svc.reminders(2026).overdue)


def test_rounds_twice_entered_follow_up_to_the_end(demo_db, clock):
    svc = ScoringService(demo_db, clock)
    pid = ProjectService(demo_db, clock).projects(2026)[0].id
    (rid,), _ = svc.create_rounds(2026, [pid], "2026年度满意度测评", "代表", TODAY)
    low = {"satisfied": 10, "basically": 10, "unsatisfied": 30}
    assert svc.submit_totals(rid, 1, low) == []
    assert svc.submit_totals(rid, 2, {**low, "satisfied": 11}) == ["满意：10 ≠ 11"]
    assert svc.submit_totals(rid, 2, low) == []
    row = next(r for r in svc.rounds(2026) if r.id == rid)
    assert row.verdict == "不满意" and row.needs_follow_up
    fu = next(f for f in svc.follow_ups(2026) if f.round_id == rid)
    assert fu.stage == "政府说明" and fu.due_on == date(2027, 1, 20)  # 60 days
    svc.advance(fu.id, "受资金到位影响，部分内容未完成")
    svc.advance(fu.id, "已补齐设施并组织验收")
    fu = next(f for f in svc.follow_ups(2026) if f.id == fu.id)
    assert fu.stage == "再测评" and fu.rescore_round_id
    good = {"satisfied": 40, "basically": 8, "unsatisfied": 2}
    svc.submit_totals(fu.rescore_round_id, 1, good)
    svc.submit_totals(fu.rescore_round_id, 2, good)
    fu = next(f for f in svc.follow_ups(2026) if f.id == fu.id)
    assert fu.stage == "已办结" and fu.closed_on == TODAY


def test_ballot_by_ballot_batch_and_hundred_point(demo_db, clock):
    svc = ScoringService(demo_db, clock)
    pids = [p.id for p in ProjectService(demo_db, clock).projects(2026)[:2]]
    ids, _ = svc.create_rounds(2026, pids, "逐张测评", "代表", TODAY, entry_mode="ballots")
    for choice in ("满意", "满意", "基本满意", "不满意"):
        svc.record_ballot(ids, {ids[0]: choice, ids[1]: "满意"})
    svc.finish_ballots(ids)
    rows = {r.id: r for r in svc.rounds(2026)}
    assert rows[ids[0]].verdict == "基本满意" and rows[ids[1]].verdict == "满意"
    hp, _ = svc.create_rounds(2026, pids[:1], "百分制", "代表", TODAY, entry_mode="ballots", method="hundred_point")
    for score in (95, 88, 72):
        svc.record_ballot(hp, {hp[0]: score})
    svc.finish_ballots(hp)
    r = next(r for r in svc.rounds(2026) if r.id == hp[0])
    assert r.verdict == "满意" and r.counts["average"] == 85.0
    with pytest.raises(UserError, match="已确定"):
        svc.record_ballot(hp, {hp[0]: 50})
