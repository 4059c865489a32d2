"""Lists of groups and names in the order Chinese offices use: 第一、第二……第十、第十一 by the numeral, names by
pinyin (surnames read as surnames); the roster, sign-in and attendance all come in that order."""

from __future__ import annotations

from datetime import date

import pytest

from minsheng_desktop.domain.ordering import chinese_number, deputy_order, sort_key
from minsheng_desktop.domain.roster import DeputyInput
from minsheng_desktop.domain.work_year import working_year, working_year_note
from minsheng_desktop.services.roster_service import RosterService
from minsheng_desktop.services.settings_service import SettingsService, TownInfo


@pytest.mark.parametrize("text,value", [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23),
                                        ("九十九", 99), ("一百", 100), ("一百零五", 105), ("两", 2), ("代表", None)])
def test_chinese_numerals(text, value):
    assert chinese_number(text) == value


def test_groups_sort_by_their_numeral_not_by_code_point():
    groups = ["第十一代表小组", "第二代表小组", "第十代表小组", "第一代表小组（集镇片）", "第三代表小组", "机关代表小组",
              "第12组", "第9组"]
    assert sorted(groups, key=sort_key) == ["第一代表小组（集镇片）", "第二代表小组", "第三代表小组", "第9组",
                                            "第十代表小组", "第十一代表小组", "第12组", "机关代表小组"]
    assert sorted(groups) != sorted(groups, key=sort_key)  # what a plain sort gets wrong


def test_names_sort_by_pinyin_with_surnames_read_as_surnames():
    names = ["张伟", "曾军", "詹红", "安娜", "王一鸣", "王艾", "单雄信", "邓丽", "李四", "陈晨"]
    ordered = sorted(names, key=lambda n: sort_key(n, person=True))
    assert ordered == ["安娜", "陈晨", "邓丽", "李四", "单雄信", "王艾", "王一鸣", "曾军", "詹红", "张伟"]
    assert sort_key("王一", person=True) > sort_key("王艾", person=True)  # 一 in a name is a syllable, not a number


def test_deputies_serving_first_then_group_then_name():
    rows = [("第十代表小组", "安娜", True), ("第二代表小组", "张伟", True), ("第二代表小组", "陈晨", True),
            ("", "白云", True), ("第一代表小组", "赵六", False)]
    ordered = sorted(rows, key=lambda r: deputy_order(*r))
    assert [r[1] for r in ordered] == ["陈晨", "张伟", "安娜", "白云", "赵六"]


def test_roster_lists_in_office_order(town_db, clock):
    roster = RosterService(town_db, clock)
    for group, name in [("第十一代表小组", "曾军"), ("第二代表小组", "张伟"), ("第十代表小组", "安娜"),
                        ("第二代表小组", "陈晨"), ("第一代表小组", "王艾")]:
        roster.add(DeputyInput(name, group_name=group))
    assert [(d.group_name, d.name) for d in roster.deputies()] == [
        ("第一代表小组", "王艾"), ("第二代表小组", "陈晨"), ("第二代表小组", "张伟"), ("第十代表小组", "安娜"),
        ("第十一代表小组", "曾军")]


@pytest.mark.parametrize("day,year", [(date(2026, 1, 5), 2026), (date(2026, 8, 31), 2026), (date(2026, 9, 1), 2027),
                                      (date(2026, 12, 31), 2027)])
def test_working_year_follows_the_calendar(day, year):
    assert working_year(day) == year
    assert f"{year} 年度" in working_year_note(day)


def test_a_town_set_up_in_november_works_on_next_year(db, clock):
    settings = SettingsService(db, clock)  # the test clock says 2026-11-21
    settings.create_town(TownInfo("610999109", "新河镇", "乡镇", "", "", "", ""))
    assert settings.load().current_year == 2027 and settings.load().years == (2027,)
    steps = settings.first_steps()
    assert steps.applies and steps.year_done and not steps.roster_done and not steps.intake_done
    assert steps.new_town and "9 月起" in steps.year_note
