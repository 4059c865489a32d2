"""The three-level verdict at its edges (exactly half is not more than half), follow-up and the 100-point method."""

from __future__ import annotations

import pytest

from minsheng_desktop.domain.cases import run_score_case
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.satisfaction import (
    HundredPointBands,
    ScoringPolicy,
    ThreeLevelCounts,
    score_hundred_point,
    score_three_level,
    verdict_three_level,
)


@pytest.mark.parametrize("s,b,valid,verdict", [
    (6, 0, 10, "满意"), (5, 5, 10, "基本满意"), (5, 0, 10, "不满意"), (2, 3, 10, "不满意"), (2, 4, 10, "基本满意"),
    (0, 0, 1, "不满意"), (1, 0, 1, "满意"),
])
def test_verdict_edges(s, b, valid, verdict):
    assert verdict_three_level(s, b, valid) == verdict


def test_abstain_counts_in_valid_and_invalid_does_not():
    r = score_three_level(ThreeLevelCounts(5, 0, 0, abstain=5, invalid=7))
    assert r.valid == 10 and r.verdict == "不满意" and r.satisfied_rate == 0.5


def test_follow_up_when_unsatisfied_or_below_the_rate():
    assert score_three_level(ThreeLevelCounts(1, 1, 8)).needs_follow_up
    r = score_three_level(ThreeLevelCounts(6, 0, 4), follow_up_below=0.7)
    assert r.verdict == "满意" and r.needs_follow_up
    assert not score_three_level(ThreeLevelCounts(6, 1, 3), follow_up_below=0.7).needs_follow_up  # exactly 70%
    assert not score_three_level(ThreeLevelCounts(6, 0, 4)).needs_follow_up  # no rate test when unset


def test_bad_rounds_are_refused():
    with pytest.raises(UserError, match="没有有效票"):
        score_three_level(ThreeLevelCounts(0, 0, 0, invalid=3))
    with pytest.raises(UserError, match="非负整数"):
        score_three_level(ThreeLevelCounts(-1, 2, 3))
    with pytest.raises(UserError, match="未知的测评方式"):
        run_score_case({"method": "stars", "counts": {}})
    with pytest.raises(UserError, match="缺少票数"):
        run_score_case({"counts": {"satisfied": 3}})


def test_hundred_point_bands_and_average():
    r = score_hundred_point([95, 85, 70, 50], HundredPointBands(80, 60))
    assert r.satisfied_rate == 0.5 and r.satisfied_or_basic_rate == 0.75 and r.verdict == "基本满意"
    assert r.average == 75.0
    with pytest.raises(UserError, match="第 2 个评分"):
        score_hundred_point([90, 120])


def test_scoring_policy_round_trip_and_validation():
    policy = ScoringPolicy(follow_up_below=0.8)
    assert ScoringPolicy.from_dict(policy.to_dict()) == policy
    with pytest.raises(UserError):
        ScoringPolicy.from_dict({"bands": {"satisfied": 50, "basic": 70}})
