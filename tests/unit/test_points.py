"""履职积分: the default rules, quarters, caps, deductions, ranking ties and a town's rules checked (domain/points)."""

from __future__ import annotations

from datetime import date

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.points import (
    DEFAULT_RULES,
    ITEM_LABELS,
    CongressDay,
    Occurrence,
    PointItem,
    PointRule,
    RosterEntry,
    competition_ranks,
    congress_occurrences,
    event_occurrences,
    opinion_occurrences,
    proposal_occurrences,
    quarter_of,
    ranking,
    rules_from_data,
    rules_to_data,
    score_all,
    score_deputy,
    validate_rules,
)

RULES = {r.item: r for r in DEFAULT_RULES}


def occ(item: PointItem, on: date, who: str = "a", what: str = "") -> Occurrence:
    return Occurrence(who, item, on, what or f"{item}@{on}")


def rows(**changes) -> list[tuple[str, object, object]]:
    """The default rules as the settings tab sends them, with some items changed: item=(points, cap)."""
    out = []
    for r in DEFAULT_RULES:
        points, cap = changes.get(str(r.item), (r.points, r.cap))
        out.append((str(r.item), points, cap))
    return out


def test_defaults_have_eleven_items_modelled_on_jiangbei():
    assert len(DEFAULT_RULES) == 11 == len(set(r.item for r in DEFAULT_RULES))
    assert RULES[PointItem.PROPOSAL].points == 3  # 提出建议 3 分
    assert RULES[PointItem.ABSENCE].points < 0  # 缺席 deducts
    assert RULES[PointItem.CONGRESS].points > 0 and RULES[PointItem.SCORING].points > 0
    assert all("\u4e00" <= ITEM_LABELS[r.item][0] <= "\u9fff" for r in DEFAULT_RULES)  # Chinese labels
    assert validate_rules(rows()) == DEFAULT_RULES  # the defaults pass their own check


@pytest.mark.parametrize("day,quarter", [(date(2026, 1, 1), 1), (date(2026, 3, 31), 1), (date(2026, 4, 1), 2),
                                         (date(2026, 6, 30), 2), (date(2026, 7, 1), 3), (date(2026, 9, 30), 3),
                                         (date(2026, 10, 1), 4), (date(2026, 12, 31), 4)])
def test_quarter_is_from_the_date(day, quarter):
    assert quarter_of(day) == quarter


def test_points_split_by_quarter_and_add_up_to_the_year():
    events = [occ(PointItem.CONGRESS, date(2026, 1, 15)), occ(PointItem.MEETING, date(2026, 3, 31)),
              occ(PointItem.MEETING, date(2026, 4, 1)), occ(PointItem.INSPECTION, date(2026, 9, 12)),
              occ(PointItem.PROPOSAL, date(2026, 11, 3)),
              occ(PointItem.PROPOSAL, date(2025, 11, 3)), occ(PointItem.MEETING, date(2027, 1, 2))]  # other years
    p = score_deputy("a", events, DEFAULT_RULES, 2026)
    assert p.quarters == (4, 2, 1, 3)
    assert p.total() == 10 == sum(p.quarters)
    assert p.items()[PointItem.MEETING].count == 2 and p.items(1)[PointItem.MEETING].count == 1
    assert [s.occurrence.on.year for s in p.evidence()] == [2026] * 5


def test_a_cap_stops_an_item_in_date_order_and_the_rest_stay_as_evidence():
    proposals = [occ(PointItem.PROPOSAL, date(2026, m, 1), what=f"建议{m}") for m in (11, 2, 5, 8, 10, 12)]
    p = score_deputy("a", proposals, DEFAULT_RULES, 2026)  # 3 分 each, at most 15 a year
    assert [s.points for s in p.evidence()] == [3, 3, 3, 3, 3, 0]
    assert [s.capped for s in p.evidence()] == [False] * 5 + [True]
    assert p.total() == 15 and p.items()[PointItem.PROPOSAL].count == 6
    assert p.quarters == (3, 3, 3, 6)
    half = validate_rules(rows(proposal=(3, 7.5)))  # a cap that is not a multiple of the points: the last is cut
    assert [s.points for s in score_deputy("a", proposals[:3], half, 2026).evidence()] == [3, 3, 1.5]


def test_negative_items_deduct_and_their_cap_limits_the_deduction():
    absences = [occ(PointItem.ABSENCE, date(2026, m, 10)) for m in (1, 3, 6)]
    plain = score_deputy("a", absences + [occ(PointItem.CONGRESS, date(2026, 9, 1))], DEFAULT_RULES, 2026)
    assert plain.total() == -6 + 2 and plain.quarters == (-4, -2, 2, 0)
    capped = validate_rules(rows(absence=(-2, 3)))
    assert [s.points for s in score_deputy("a", absences, capped, 2026).evidence()] == [-2, -1, 0]


def test_a_deputy_with_nothing_scores_zero_and_others_records_do_not_leak():
    points = score_all(["a", "b"], [occ(PointItem.OPINION, date(2026, 5, 5), who="a"),
                                    occ(PointItem.OPINION, date(2026, 5, 5), who="x")], DEFAULT_RULES, 2026)
    assert [p.total() for p in points] == [1, 0]
    assert points[1].evidence() == ()


def test_ranking_ties_share_a_rank_and_keep_the_roster_order():
    assert competition_ranks([5, 9, 5, 7, 9, 0]) == [4, 1, 4, 3, 1, 6]
    people = ["甲", "乙", "丙", "丁"]
    occurrences = [occ(PointItem.PROPOSAL, date(2026, 2, 1), who="乙"), occ(PointItem.MEETING, date(2026, 4, 1), who="丙"),
                   occ(PointItem.CONGRESS, date(2026, 1, 9), who="丁"), occ(PointItem.PROPOSAL, date(2026, 8, 1), who="甲")]
    points = score_all(people, occurrences, DEFAULT_RULES, 2026)
    year = [(rank, p.deputy_id) for rank, p in ranking(points)]
    assert year == [(1, "甲"), (1, "乙"), (3, "丙"), (3, "丁")]
    q1 = [(rank, p.deputy_id) for rank, p in ranking(points, 1)]
    assert q1 == [(1, "乙"), (2, "丁"), (3, "甲"), (3, "丙")]


@pytest.mark.parametrize("changes,message", [
    ({"absence": (2, None)}, "扣分项"),
    ({"congress": (-1, None)}, "不能为负数"),
    ({"proposal": (3, 2)}, "不能小于每次分值"),
    ({"opinion": (1.3, None)}, "半分"),
    ({"opinion": ("一分", None)}, "应为数字"),
    ({"opinion": (80, None)}, "-50～50"),
    ({"opinion": (1, 600)}, "年度上限"),
    ({"opinion": (float("nan"), None)}, "半分"),
    ({"opinion": (True, None)}, "应为数字"),
])
def test_a_towns_rules_are_bounded_with_chinese_messages(changes, message):
    with pytest.raises(UserError, match=message) as err:
        validate_rules(rows(**changes))
    assert err.value.field  # names the item to fix


def test_every_item_once_and_no_unknown_item():
    with pytest.raises(UserError, match="缺少积分项目"):
        validate_rules(rows()[:-1])
    with pytest.raises(UserError, match="重复"):
        validate_rules(rows() + [rows()[0]])
    with pytest.raises(UserError, match="不认识"):
        validate_rules(rows() + [("bonus", 1, None)])


def test_stored_rules_round_trip_and_a_damaged_entry_takes_its_default():
    changed = validate_rules(rows(congress=(3, None), absence=(-1, 4), opinion=(0.5, None)))
    assert rules_from_data(rules_to_data(changed)) == changed
    data = rules_to_data(changed)
    data[0]["points"] = "x"  # unreadable
    data[1]["points"] = 9  # a positive deduction
    assert rules_from_data(data)[:2] == DEFAULT_RULES[:2]
    assert rules_from_data(None) == rules_from_data("garbage") == rules_from_data([1, {"item": 5}]) == DEFAULT_RULES
    assert rules_from_data(data)[7] == PointRule(PointItem.OPINION, 0.5, None)


def test_congress_attendance_and_absence_follow_who_was_serving_that_day():
    roster = [RosterEntry("a", "张三", "第一代表小组", True), RosterEntry("b", "李四", "第一代表小组", True),
              RosterEntry("c", "王五", "第二代表小组", False, "2026-03-01"),
              RosterEntry("d", "赵六", "第二代表小组", False, "2025-12-31")]
    days = [CongressDay(date(2026, 1, 15), "第一次会议", frozenset({"a"})),
            CongressDay(date(2026, 6, 20), "第二次会议", frozenset({"a", "b"}))]
    got = sorted((o.deputy_id, o.item, o.on.month) for o in congress_occurrences(days, roster))
    assert got == [("a", PointItem.CONGRESS, 1), ("a", PointItem.CONGRESS, 6), ("b", PointItem.ABSENCE, 1),
                   ("b", PointItem.CONGRESS, 6), ("c", PointItem.ABSENCE, 1)]  # c left in March; d before the year
    assert [d.serving_in(2026) for d in roster] == [True, True, True, False]
    assert RosterEntry("e", "钱七", "", False, "不详").serving_on(date(2026, 1, 1)) is False


def test_events_opinions_and_proposals_become_occurrences():
    events = [("e1", "季会", "一季度专项工作报告会", date(2026, 3, 28)), ("e2", "视察", "视察饮水工程", date(2026, 9, 1)),
              ("e3", "回头看", "回头看", date(2026, 5, 1)), ("e4", "不认识的类型", "x", date(2026, 5, 2))]
    got = event_occurrences(events, [("e1", "a"), ("e2", "a"), ("e3", "b"), ("e4", "b"), ("gone", "b")])
    assert [(o.deputy_id, o.item) for o in got] == [("a", PointItem.MEETING), ("a", PointItem.INSPECTION),
                                                     ("b", PointItem.REVISIT)]
    ops = opinion_occurrences([("a", "建议加快进度", date(2026, 3, 28), "季会", "已办结", date(2026, 4, 20)),
                               ("a", "建议公开资金", date(2026, 3, 28), "季会", "办理中", None)], "已办结")
    assert [(o.item, o.on) for o in ops] == [(PointItem.OPINION, date(2026, 3, 28)),
                                             (PointItem.OPINION_CLOSED, date(2026, 4, 20)),
                                             (PointItem.OPINION, date(2026, 3, 28))]
    roster = [RosterEntry("a", "张三", "", True), RosterEntry("b", "李四", "", True), RosterEntry("c", "李四", "", True)]
    props = proposal_occurrences([(" 张三 ", "修路", date(2025, 10, 9)), ("李四", "路灯", date(2025, 10, 9)),
                                  ("王二", "水渠", date(2025, 10, 9))], roster)
    assert [(o.deputy_id, o.what) for o in props] == [("a", "提出建议：修路")]  # 李四 is two deputies: not counted


def test_every_kind_of_supervision_event_counts_under_one_item():
    from minsheng_desktop.domain.catalog import EVENT_KINDS
    from minsheng_desktop.domain.points import EVENT_KIND_ITEMS

    assert set(EVENT_KIND_ITEMS) == set(EVENT_KINDS)
    assert {EVENT_KIND_ITEMS[k] for k in ("季会", "年中会议")} == {PointItem.MEETING}
    assert EVENT_KIND_ITEMS["回头看"] == PointItem.REVISIT
