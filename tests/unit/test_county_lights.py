"""Lights that mean what counties mean: the schedule-lag rule (银川), 基本完成, and an approved postponement
re-planning its milestones so that it is not shown as late."""

from __future__ import annotations

from datetime import date

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.progress import (
    BLUE,
    GREEN,
    GREY,
    RED,
    YELLOW,
    LightPolicy,
    MilestoneState,
    ProjectFacts,
    completion,
    expected_percent,
    light,
    replan_milestones,
    schedule_lag,
    status,
)
from minsheng_desktop.domain.vocabulary import Completion, LightMode
from minsheng_desktop.services.project_service import ProjectService
from minsheng_desktop.services.settings_service import SettingsService
from tests.conftest import TODAY

LAG = LightPolicy(LightMode.LAG)
START, DEADLINE = date(2026, 1, 1), date(2026, 12, 31)  # 364 days: 2026-07-02 is exactly 50%
MID = date(2026, 7, 2)


def facts(percent: int, **kw) -> ProjectFacts:
    base = dict(deadline=DEADLINE, percent=percent, completed_on=None, terminated=False, pending_adjustment=False,
                milestones=(MilestoneState("开工", date(2026, 3, 1), None),), start=START)
    return ProjectFacts(**{**base, **kw})


def test_expected_percent_is_time_proportional_and_bounded():
    assert expected_percent(START, DEADLINE, MID) == 50
    assert expected_percent(START, DEADLINE, date(2025, 12, 1)) == 0
    assert expected_percent(START, DEADLINE, date(2027, 3, 1)) == 100
    assert expected_percent(None, DEADLINE, MID) is None
    assert expected_percent(START, None, MID) is None
    assert expected_percent(START, START, MID) is None
    assert schedule_lag(facts(30), MID) == 20
    assert schedule_lag(facts(30, start=None), MID) is None


@pytest.mark.parametrize("percent,expected", [
    (50, GREEN), (41, GREEN),  # on schedule, or 9 points behind
    (40, YELLOW), (30, YELLOW), (20, YELLOW),  # 10, 20 and 30 points behind: yellow (银川: 10-30)
    (19, RED), (0, RED),  # more than 30 behind: red
    (90, GREEN),  # ahead of schedule
])
def test_lights_by_schedule_lag(percent, expected):
    assert light(facts(percent), MID, LAG) == expected


def test_lag_rule_keeps_grey_blue_deadline_and_pending():
    assert light(facts(60, terminated=True), MID, LAG) == GREY
    assert light(facts(100), MID, LAG) == BLUE
    assert light(facts(95), date(2027, 1, 1), LAG) == RED  # past the deadline: red whatever the lag
    assert light(facts(50, pending_adjustment=True), MID, LAG) == YELLOW
    assert light(facts(50, start=None), MID, LAG) == GREEN  # no schedule to lag behind
    # the late milestone lights yellow under the milestone rule only
    assert light(facts(50), MID) == YELLOW and light(facts(50), MID, LightPolicy()) == YELLOW
    assert status(facts(10), MID, LAG) == "滞后" and status(facts(50), MID, LAG) == "推进中"


def test_custom_thresholds():
    strict = LightPolicy(LightMode.LAG, yellow_lag=5, red_lag=15)
    assert light(facts(45), MID, strict) == YELLOW
    assert light(facts(34), MID, strict) == RED


def test_completion_three_ways():
    assert completion(facts(100)) == Completion.DONE
    assert completion(facts(60, completed_on=date(2026, 6, 1))) == Completion.DONE
    assert completion(facts(80)) == Completion.BASIC
    assert completion(facts(79)) == Completion.NOT_DONE
    assert completion(facts(90, terminated=True)) == Completion.NOT_DONE
    assert completion(facts(70), LightPolicy(basic_done=70)) == Completion.BASIC


def test_policy_round_trip_and_refusals():
    assert LightPolicy.from_dict(None) == LightPolicy()
    assert LightPolicy.from_dict(LAG.to_dict()) == LAG
    for bad, needle in [({"mode": "按心情"}, "灯色规则"), ({"yellow_lag": 0}, "黄灯起点"), ({"red_lag": "30"}, "红灯起点"),
                        ({"basic_done": True}, "基本完成"), ({"yellow_lag": 30, "red_lag": 30}, "应小于")]:
        with pytest.raises(UserError, match=needle):
            LightPolicy.from_dict(bad)


def test_replan_moves_only_unfinished_milestones_within_the_new_deadline():
    ms = [("a", date(2026, 3, 1), date(2026, 3, 2)), ("b", date(2026, 9, 1), None), ("c", date(2026, 11, 1), None),
          ("d", None, None)]
    moves = replan_milestones(ms, date(2026, 11, 30), date(2027, 1, 30))  # 61 days later
    assert moves == {"b": date(2026, 11, 1), "c": date(2027, 1, 1)}
    assert replan_milestones(ms, date(2026, 11, 30), date(2026, 10, 1)) == {"c": date(2026, 10, 1)}  # earlier
    assert replan_milestones(ms, None, date(2026, 10, 15)) == {"c": date(2026, 10, 15)}


def test_an_approved_postponement_is_not_shown_as_late(demo_db, clock):
    svc = ProjectService(demo_db, clock)
    p = next(p for p in svc.projects(2026) if p.status != "已完成")
    svc.set_milestones(p.id, [("开工", date(2026, 5, 1), date(2026, 5, 3)), ("主体完工", date(2026, 10, 1), None),
                              ("验收", date(2026, 11, 20), None)])
    assert svc.detail(p.id).project.light == YELLOW  # 主体完工 is late
    svc.request_adjustment(p.id, "延期", "汛期停工", TODAY, new_deadline=date(2027, 3, 31))
    adj = svc.detail(p.id).adjustments[-1]
    svc.decide_adjustment(adj.id, "清溪镇人民代表大会", TODAY, "同意")
    d = svc.detail(p.id)
    assert d.project.deadline == date(2027, 3, 31) and d.project.light == GREEN
    planned = {m.title: m.planned_on for m in d.milestones}
    assert planned["开工"] == date(2026, 5, 1) and planned["主体完工"] > TODAY and planned["验收"] <= date(2027, 3, 31)


def test_a_refused_postponement_moves_nothing(demo_db, clock):
    svc = ProjectService(demo_db, clock)
    p = next(p for p in svc.projects(2026) if p.status != "已完成")
    svc.set_milestones(p.id, [("主体完工", date(2026, 10, 1), None)])
    svc.request_adjustment(p.id, "延期", "汛期停工", TODAY, new_deadline=date(2027, 3, 31))
    svc.decide_adjustment(svc.detail(p.id).adjustments[-1].id, "清溪镇人民代表大会", TODAY, "不同意")
    d = svc.detail(p.id)
    assert d.milestones[0].planned_on == date(2026, 10, 1) and d.project.light in (YELLOW, RED)


def test_the_chosen_rule_lights_the_town_projects(demo_db, clock):
    settings = SettingsService(demo_db, clock)
    svc = ProjectService(demo_db, clock)
    before = {p.id: p.light for p in svc.projects(2026)}
    settings.save_light_policy(LightPolicy(LightMode.LAG, 10, 30))
    assert settings.load().lights.mode == LightMode.LAG
    after = {p.id: p.light for p in svc.projects(2026)}
    assert after.keys() == before.keys() and after != before
    with pytest.raises(UserError, match="应小于"):
        settings.save_light_policy(LightPolicy(LightMode.LAG, 40, 30))
