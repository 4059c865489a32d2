"""The refusals and edge branches of the rule modules (tally, rules, satisfaction, progress, screening) that the
scenario tests do not reach: each one is a message a secretary can see, or a result someone relies on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.progress import (
    MilestoneState,
    ProjectFacts,
    check_adjustment,
    check_progress,
    light,
    status,
)
from minsheng_desktop.domain.rules import VoteRules, describe_fraction, margin_check
from minsheng_desktop.domain.satisfaction import ScoringPolicy
from minsheng_desktop.domain.screening import (
    CandidateInput,
    Meeting,
    check_meeting,
    screening_state,
    validate_candidate,
)
from minsheng_desktop.domain.tally import Ballot, Candidate, PaperTotals, tally
from minsheng_desktop.domain.vocabulary import ProjectStatus, ScreeningStatus

TODAY = date(2026, 6, 15)
BASE = {"seats": 2, "deputies_total": 20, "deputies_present": 18}


# tally ---------------------------------------------------------------------------------------------------------

def test_tally_takes_ballots_or_totals_not_both_nor_neither():
    rules = VoteRules(seats=1, deputies_total=3, deputies_present=3)
    cands = [Candidate("a", "甲")]
    totals = PaperTotals(0, 0, {"a": {"Y": 0, "N": 0, "A": 0}})
    with pytest.raises(ValueError, match="either ballots or totals"):
        tally(cands, rules, 3)
    with pytest.raises(ValueError, match="either ballots or totals"):
        tally(cands, rules, 3, ballots=[Ballot({"a": "Y"})], totals=totals)


def test_a_further_vote_is_in_the_result_only_when_there_is_one():
    rules = VoteRules(seats=2, deputies_total=10, deputies_present=10, shortfall="further_vote")
    cands = [Candidate("a", "甲"), Candidate("b", "乙"), Candidate("c", "丙")]
    totals = PaperTotals(10, 0, {"a": {"Y": 8, "N": 2, "A": 0}, "b": {"Y": 5, "N": 5, "A": 0},
                                 "c": {"Y": 3, "N": 7, "A": 0}})
    result = tally(cands, rules, 10, totals=totals)
    assert result.chosen == ("a",) and result.unfilled == 1 and result.further_vote == ("b", "c")
    assert result.to_dict()["further_vote"] == ["b", "c"]
    short = tally(cands, VoteRules(seats=2, deputies_total=10, deputies_present=10), 10, totals=totals)
    assert short.further_vote == () and "further_vote" not in short.to_dict()


# rules ---------------------------------------------------------------------------------------------------------

def test_unknown_rules_are_named():
    with pytest.raises(UserError) as err:
        VoteRules.from_dict({**BASE, "seat": 3, "passbase": "present"})
    assert err.value.zh == "未知的规则：passbase、seat" and err.value.field == "passbase"


@pytest.mark.parametrize("second", [[1, 2], "valid_ballots", 2])
def test_a_second_condition_must_be_an_object(second):
    with pytest.raises(UserError, match="second_condition"):
        VoteRules.from_dict({**BASE, "second_condition": second})


def test_describe_fraction():
    assert describe_fraction((1, 2)) == "过半数" and describe_fraction((2, 4)) == "过半数"
    assert describe_fraction((2, 3)) == "超过 2/3" and describe_fraction((6, 9)) == "超过 2/3"


@pytest.mark.parametrize(("candidates", "seats", "level", "text"), [
    (12, 0, "error", "应选项目数须大于 0"),
    (5, -1, "error", "应选项目数须大于 0"),
    (8, 10, "error", "候选项目 8 个少于应选 10 个，不能进行票决"),
    (10, 10, "warn", "等额"),
    (12, 10, "ok", "差额票决：12 个候选项目中选出 10 个"),
])
def test_margin_check(candidates, seats, level, text):
    got_level, message = margin_check(candidates, seats)
    assert got_level == level and text in message


# satisfaction --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "field"), [
    ({"method": "five_level"}, "method"),
    ({"follow_up_below": 1.5}, "follow_up_below"),
    ({"follow_up_below": -0.1}, "follow_up_below"),
    ({"bands": {"satisfied": 50, "basic": 70}}, "bands"),
    ({"bands": {"satisfied": 120, "basic": 60}}, "bands"),
    ({"rectify_days": 0}, "rectify_days"),
    ({"rectify_days": -30}, "rectify_days"),
])
def test_scoring_policy_refuses_bad_settings(data, field):
    with pytest.raises(UserError) as err:
        ScoringPolicy.from_dict(data)
    assert err.value.field == field


def test_scoring_policy_round_trip_and_defaults():
    assert ScoringPolicy.from_dict(None) == ScoringPolicy()
    policy = ScoringPolicy.from_dict({"method": "hundred_point", "allow_abstain": True, "follow_up_below": None,
                                      "bands": {"satisfied": 90, "basic": 75}, "rectify_days": 30})
    assert policy.follow_up_below is None and policy.bands.satisfied == 90.0 and policy.rectify_days == 30
    assert ScoringPolicy.from_dict(policy.to_dict()) == policy


# progress ------------------------------------------------------------------------------------------------------

def facts(**changes) -> ProjectFacts:
    base = dict(deadline=date(2026, 11, 30), percent=0, completed_on=None, terminated=False,
                pending_adjustment=False, milestones=())
    base.update(changes)
    return ProjectFacts(**base)


@pytest.mark.parametrize(("changes", "lamp", "state"), [
    ({}, "绿", "未开工"),
    ({"percent": 30}, "绿", "推进中"),
    ({"milestones": (MilestoneState("开工", date(2026, 3, 1), date(2026, 3, 2)),)}, "绿", "推进中"),
    ({"milestones": (MilestoneState("主体完工", date(2026, 6, 1), None),)}, "黄", "滞后"),
    ({"pending_adjustment": True, "percent": 40}, "黄", "调整"),
    ({"pending_adjustment": True, "deadline": date(2026, 6, 1)}, "红", "调整"),
    ({"deadline": date(2026, 6, 14), "percent": 80}, "红", "滞后"),
    ({"percent": 100}, "蓝", "已完成"),
    ({"completed_on": date(2026, 6, 1), "percent": 90}, "蓝", "已完成"),
    ({"terminated": True, "percent": 100}, "灰", "终止"),
])
def test_light_and_status_from_the_same_facts(changes, lamp, state):
    f = facts(**changes)
    assert light(f, TODAY) == lamp and status(f, TODAY) == state
    assert isinstance(status(f, TODAY), ProjectStatus)


@pytest.mark.parametrize(("percent", "text", "field"), [(-1, "进展", "进度"), (101, "进展", "进度"),
                                                        (50, "  ", "进展情况"), (50, None, "进展情况")])
def test_check_progress_refuses(percent, text, field):
    with pytest.raises(UserError) as err:
        check_progress(percent, TODAY, text)
    assert err.value.field == field


def test_check_progress_keeps_the_text_trimmed():
    assert check_progress(0, TODAY, "  路基已完成  ") == "路基已完成"
    assert check_progress(100, TODAY, "已完工") == "已完工"


@pytest.mark.parametrize(("args", "field"), [
    (("暂停", "资金未到位", None, ""), "类型"),
    (("延期", "  ", date(2026, 12, 31), ""), "理由"),
    (("延期", "汛期停工", None, ""), "新完成时限"),
    (("调整", "规划变更", None, "  "), "调整后目标"),
])
def test_check_adjustment_refuses(args, field):
    with pytest.raises(UserError) as err:
        check_adjustment(*args)
    assert err.value.field == field


def test_check_adjustment_accepts_complete_requests():
    assert check_adjustment("延期", "汛期停工", date(2026, 12, 31), "") is None
    assert check_adjustment("调整", "规划变更", None, "改建为 3 公里") is None
    assert check_adjustment("终止", "选址无法落实", None, "") is None


# screening -----------------------------------------------------------------------------------------------------

CATS = ("交通", "教育", "其他")


def test_validate_candidate_cleans_and_refuses():
    c = validate_candidate(CandidateInput("  村道   硬化 ", " 3 公里 ", "交通", Decimal("120"), " 上级补助 "), CATS)
    assert (c.name, c.content, c.fund_source) == ("村道 硬化", "3 公里", "上级补助")
    for bad, field in ((CandidateInput("  "), "项目名称"), (CandidateInput("路" * 201), "项目名称"),
                       (CandidateInput("村道", category="农业"), "类别"),
                       (CandidateInput("村道", est_investment=Decimal("-1")), "估算总投资")):
        with pytest.raises(UserError) as err:
            validate_candidate(bad, CATS)
        assert err.value.field == field
    assert validate_candidate(CandidateInput("路" * 200), CATS).name == "路" * 200


def test_meetings_follow_the_chain_and_stop_at_a_rejection():
    chain = ("党委会", "主席团会议")
    first = Meeting("党委会", "通过")
    assert screening_state(chain, []).next_stage == "党委会"
    assert screening_state(chain, [first]) == (state := screening_state(chain, [first]))
    assert state.status == ScreeningStatus.SCREENING and state.next_stage == "主席团会议" and not state.approved
    with pytest.raises(UserError) as err:
        check_meeting(chain, [first], Meeting("党委会", "通过"))
    assert "下一步应由“主席团会议”审定" in err.value.zh and err.value.field == "审定环节"
    with pytest.raises(UserError, match="审定结果应为"):
        check_meeting(chain, [first], Meeting("主席团会议", "待定"))
    check_meeting(chain, [first], Meeting("主席团会议", "修改后通过"))  # the stage it reached: allowed

    rejected = [first, Meeting("主席团会议", "不通过")]
    assert screening_state(chain, rejected).status == "未通过"
    with pytest.raises(UserError, match="已在审定中未通过"):
        check_meeting(chain, rejected, Meeting("主席团会议", "通过"))

    approved = [first, Meeting("主席团会议", "通过")]
    assert screening_state(chain, approved).approved
    with pytest.raises(UserError, match="已完成全部审定环节"):
        check_meeting(chain, approved, Meeting("主席团会议", "通过"))


@pytest.mark.parametrize(("data", "field"), [
    ({**BASE, "seats": 0}, "seats"),
    ({**BASE, "deputies_total": True}, "deputies_total"),
    ({**BASE, "deputies_present": -1}, "deputies_present"),
    ({**BASE, "over_approval_invalidates": "yes"}, "over_approval_invalidates"),
    ({**BASE, "deputies_present": 21}, "deputies_present"),
])
def test_vote_rules_refuse_bad_values(data, field):
    with pytest.raises(UserError) as err:
        VoteRules.from_dict(data)
    assert err.value.field == field


def test_vote_rules_must_be_an_object():
    with pytest.raises(UserError, match="“rules”应为对象"):
        VoteRules.from_dict([2, 20, 18])


def test_hundred_point_scores_refuse_and_report_the_average():
    from minsheng_desktop.domain.satisfaction import score_hundred_point

    for bad in ([90, 101], [90, -1], [90, True], [90, "85"]):
        with pytest.raises(UserError) as err:
            score_hundred_point(bad)
        assert err.value.row == 2
    with pytest.raises(UserError, match="没有有效评分"):
        score_hundred_point([])
    result = score_hundred_point([95, 80.5, 61])
    assert result.to_dict() == {"valid": 3, "satisfied_rate": 0.6667, "satisfied_or_basic_rate": 1.0,
                                "verdict": "满意", "needs_follow_up": False, "average": 78.83}
