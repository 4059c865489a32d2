"""The domain's vocabulary (StrEnums that are their stored strings) and the small rules that now live in one place:
过线, 法定人数, 逾期未办结, the satisfaction levels and bands, the red light."""

from __future__ import annotations

import json
from datetime import date

import pytest

from minsheng_desktop.domain import vocabulary as v
from minsheng_desktop.domain.opinions import is_open, is_overdue
from minsheng_desktop.domain.progress import RED, ProjectFacts, is_red, light
from minsheng_desktop.domain.rules import VoteRules, has_quorum, quorum_needed
from minsheng_desktop.domain.satisfaction import (
    CHOICES,
    COUNT_LABELS,
    LEVELS,
    METHODS,
    HundredPointBands,
    band_of,
    choices,
    score_hundred_point,
)
from minsheng_desktop.domain.tally import OUTCOME_LABELS, STATUS_LABELS, Candidate, PaperTotals, passes, tally
from minsheng_desktop.domain.vote_session import COUNTING, RESULT, SIGNIN, live_view

ALL = (v.SessionStatus, v.HallState, v.TallyStatus, v.Outcome, v.Mark, v.OpinionStatus, v.EventStatus,
       v.FollowUpStage, v.Light, v.ProjectStatus, v.Satisfaction, v.ScreeningStatus, v.Decision)


@pytest.mark.parametrize("enum", ALL, ids=lambda e: e.__name__)
def test_members_are_their_stored_strings(enum):
    for member in enum:
        assert isinstance(member, str) and member == member.value and str(member) == member.value
        assert f"{member}" == member.value and json.dumps(member, ensure_ascii=False) == f'"{member.value}"'
        assert enum(member.value) is member  # a string read back from storage finds its member
        assert {member: 1}[member.value] == 1 and {member.value: 1}[member] == 1


def test_the_stored_words_are_unchanged():
    """The database, the exchange packages and the seals hold these exact strings: they must never drift."""
    assert [s.value for s in v.SessionStatus] == ["draft", "signin", "counting", "sealed", "void"]
    assert [s.value for s in v.Outcome] == ["chosen", "passed_not_chosen", "not_passed", "revote"]
    assert [s.value for s in v.TallyStatus] == ["valid", "void_no_quorum", "void_over_collected"]
    assert [s.value for s in v.Mark] == ["Y", "N", "A"]
    assert [s.value for s in v.OpinionStatus] == ["办理中", "已办结"]
    assert [s.value for s in v.Light] == ["绿", "黄", "红", "蓝", "灰"]
    assert [s.value for s in v.Satisfaction] == ["满意", "基本满意", "不满意", "弃权", "无效"]
    assert (SIGNIN, COUNTING, RESULT) == ("签到", "计票中", "结果")


def test_every_word_has_its_label():
    assert set(v.SESSION_STATUS_LABELS) == set(v.SessionStatus) == set(v.SESSION_HALL_STATE)
    assert v.SESSION_STATUS_LABELS["sealed"] == "已公布（封存）"
    assert v.SESSION_HALL_STATE["counting"] == COUNTING and v.SESSION_HALL_STATE["void"] == RESULT
    assert set(v.OPEN_SESSION) | set(v.CLOSED_SESSION) | {v.SessionStatus.COUNTING} == set(v.SessionStatus)
    assert set(OUTCOME_LABELS) == set(v.Outcome) and OUTCOME_LABELS["chosen"] == "当选"
    assert set(STATUS_LABELS) == set(v.TallyStatus) and STATUS_LABELS["valid"] == "有效"


def test_pass_line_is_at_least_the_threshold_and_the_count_uses_it():
    assert passes(11, 11) and passes(12, 11) and not passes(10, 11)
    rules = VoteRules(seats=1, deputies_total=20, deputies_present=20)
    cands = [Candidate("a", "甲"), Candidate("b", "乙"), Candidate("c", "丙")]
    totals = PaperTotals(20, 0, {"a": {"Y": 11, "N": 9, "A": 0}, "b": {"Y": 10, "N": 10, "A": 0},
                                 "c": {"Y": 0, "N": 0, "A": 20}})
    result = tally(cands, rules, 20, totals=totals)
    assert result.threshold == 11
    assert [(c.id, c.passed) for c in result.candidates] == [
        (c.id, passes(c.approve, result.threshold)) for c in result.candidates] == [("a", True), ("b", False),
                                                                                  ("c", False)]
    view = live_view("第一次票决", COUNTING, rules, cands, [], 20, totals=totals)
    assert view.threshold == 11
    assert [view.passed(r) for r in view.rows] == [True, False, False]
    assert [r.passes(10) for r in view.rows] == [True, True, False]


@pytest.mark.parametrize("total", [1, 2, 3, 29, 30, 31, 47, 100])
@pytest.mark.parametrize("fraction", [(2, 3), (1, 2), (3, 4), (1, 1)])
def test_quorum_needed_is_the_smallest_attendance_with_a_quorum(total, fraction):
    """The sign-in panel shows 法定人数 from one and decides 可以开始 with the other: they must agree."""
    need = quorum_needed(total, fraction)
    assert has_quorum(total, need, fraction) and not has_quorum(total, need - 1, fraction)
    assert all(has_quorum(total, p, fraction) == (p >= need) for p in range(total + 1))


def test_overdue_is_open_and_past_its_due_date():
    today = date(2026, 6, 15)
    assert is_open("办理中") and is_open(v.OpinionStatus.OPEN) and not is_open("已办结")
    assert is_overdue("办理中", date(2026, 6, 14), today)
    assert not is_overdue("办理中", today, today)  # due today is not yet late
    assert not is_overdue("办理中", date(2026, 6, 16), today)
    assert not is_overdue("办理中", None, today)  # no due date: never overdue
    assert not is_overdue(v.OpinionStatus.CLOSED, date(2026, 1, 1), today)
    assert is_overdue("", date(2026, 1, 1), today)  # any status but 已办结 is still open


def test_one_table_of_satisfaction_choices():
    assert LEVELS == ("满意", "基本满意", "不满意") and METHODS["three_level"] == "满意／基本满意／不满意"
    assert COUNT_LABELS == {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意",
                            "abstain": "弃权", "invalid": "无效"}
    assert {label: field for field, label in COUNT_LABELS.items()} == CHOICES
    assert choices() == ("满意", "基本满意", "不满意", "弃权", "无效")
    assert choices(allow_abstain=False, with_invalid=False) == LEVELS
    assert choices(allow_abstain=True, with_invalid=False) == ("满意", "基本满意", "不满意", "弃权")


def test_bands_of_a_hundred_point_score():
    bands = HundredPointBands(satisfied=85, basic=60)
    assert [band_of(s, bands) for s in (100, 85, 84.9, 60, 59.5, 0)] == ["满意", "满意", "基本满意", "基本满意",
                                                                        "不满意", "不满意"]
    assert band_of(80) == "满意" and band_of(79) == "基本满意"  # the default bands: 80 / 60
    result = score_hundred_point([90, 85, 70, 40], bands)
    assert result.satisfied_rate == 0.5 and result.satisfied_or_basic_rate == 0.75 and result.verdict == "基本满意"


def test_red_light():
    assert is_red(RED) and is_red("红") and not is_red("黄")
    late = ProjectFacts(deadline=date(2026, 5, 1), percent=40, completed_on=None, terminated=False,
                        pending_adjustment=False)
    assert light(late, date(2026, 6, 1)) is v.Light.RED and is_red(light(late, date(2026, 6, 1)))
