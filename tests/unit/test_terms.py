"""The words of each level (domain/terms.py): a street's council 票选s with 议事代表; a town keeps its own words."""

from __future__ import annotations

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.roster import DeputyInput, kind_counts, read_kind, validate_deputy
from minsheng_desktop.domain.rules import PASS_BASES
from minsheng_desktop.domain.tally import STATUS_LABELS
from minsheng_desktop.domain.terms import STREET_TERMS, TOWN_TERMS, terms_for
from minsheng_desktop.domain.vocabulary import MemberKind, TallyStatus
from minsheng_desktop.services.settings_service import default_issuing_body


def test_a_town_says_what_it_always_said():
    t = terms_for("乡镇")
    assert t is TOWN_TERMS and terms_for(None) is TOWN_TERMS and terms_for("不知道") is TOWN_TERMS
    assert (t.member, t.vote, t.ballot, t.result, t.session, t.expected, t.roster) == (
        "代表", "票决", "票决票", "票决结果", "票决会议", "应到代表", "代表名册")
    assert t.ballot_heading == "民生实事项目票决票" and t.tally_heading == "民生实事项目票决计票单"
    assert t.issuer_of("清溪镇") == "清溪镇人民代表大会主席团" == default_issuing_body("清溪镇", "乡镇")
    assert t.body_of("清溪镇") == "清溪镇人民代表大会" == t.decider_of("清溪镇")
    assert t.quorum_line(True) == "出席代表已超过法定人数，可以进行票决"
    assert t.quorum_line(False) == "出席代表尚未达到法定人数"
    assert t.referral == "提请人民代表大会票决" and t.meeting == "大会"
    assert all(t.status_label(s) == STATUS_LABELS[s] for s in TallyStatus)
    assert all(t.pass_base_label(k) == v for k, v in PASS_BASES.items())
    assert t.default_kind == MemberKind.DEPUTY and not t.has_kinds


def test_a_street_council_has_its_own_words():
    t = terms_for("街道")
    assert t is STREET_TERMS
    assert (t.body, t.member, t.vote, t.ballot, t.result, t.session, t.expected, t.roster, t.meeting) == (
        "街道议事代表会议", "议事代表", "票选", "票选票", "票选结果", "票选会议", "应到议事代表", "议事代表名册", "会议")
    assert t.issuer_of("白涛街道") == "人大白涛街道工作委员会" == default_issuing_body("白涛街道", "街道")
    assert t.body_of("白涛街道") == "白涛街道议事代表会议" == t.decider_of("白涛街道")
    assert t.ballot_heading == "民生实事项目票选票" and t.tally_heading == "民生实事项目票选计票单"
    assert t.session_title("白涛街道", 2026) == "白涛街道2026年度民生实事项目票选"
    assert t.quorum_line(True) == "出席议事代表已超过法定人数，可以进行票选"
    assert t.status_label(TallyStatus.VOID_NO_QUORUM) == "无效（出席议事代表不足法定人数）"
    assert t.pass_base_label("all_deputies") == "全体议事代表（应到人数）"
    assert t.referral == "提请议事代表会议票选"
    assert t.default_kind == MemberKind.COUNCIL and t.has_kinds


@pytest.mark.parametrize("level", ["县区", "市"])
def test_a_county_votes_like_a_town_and_its_standing_committee_issues(level):
    t = terms_for(level)
    assert (t.member, t.vote) == ("代表", "票决")
    assert t.issuer_of("示范县") == "示范县人民代表大会常务委员会"
    assert t.decider_of("示范县") == "示范县人大常委会"


def test_nothing_a_street_prints_says_the_town_words():
    t = STREET_TERMS
    words = [t.body, t.member, t.vote, t.ballot, t.result, t.session, t.expected, t.present, t.attending, t.roster,
             t.ballot_heading, t.tally_heading, t.issuer_of("白涛街道"), t.body_of("白涛街道"), t.referral,
             t.quorum_line(True), t.quorum_line(False), t.session_title("白涛街道", 2026),
             *(t.status_label(s) for s in TallyStatus), *(t.pass_base_label(k) for k in PASS_BASES)]
    for w in words:
        assert "票决" not in w and "主席团" not in w and "人民代表大会" not in w, w
        assert "代表" not in w.replace("议事代表", "").replace("人大代表", ""), w


def test_member_kinds_on_the_roster():
    assert read_kind("", MemberKind.COUNCIL) == "议事代表"
    assert read_kind(" 区人大代表 ", MemberKind.COUNCIL) == "人大代表"
    assert read_kind("市人大代表", MemberKind.COUNCIL) == "人大代表"
    assert read_kind("议事代表", MemberKind.COUNCIL) == "议事代表"
    assert read_kind("政协委员", MemberKind.COUNCIL) is None
    street = validate_deputy(DeputyInput("王正学", "男", "第一组", "", "", " 个体 工商户 "), 3, MemberKind.COUNCIL)
    assert (street.kind, street.sector) == ("议事代表", "个体 工商户")
    assert validate_deputy(DeputyInput("王五"), None).kind == "人大代表"  # a town's are all 人大代表
    with pytest.raises(UserError, match="第 4 行：“身份”应为“议事代表”或“人大代表”"):
        validate_deputy(DeputyInput("王五", kind="政协委员"), 4, MemberKind.COUNCIL)
    with pytest.raises(UserError, match="街道议事代表会议才有议事代表"):
        validate_deputy(DeputyInput("王五", kind="议事代表"), 5)
    with pytest.raises(UserError, match="“界别/职业”过长"):
        validate_deputy(DeputyInput("王五", sector="长" * 41), 6, MemberKind.COUNCIL)
    assert kind_counts(["议事代表"] * 45 + ["人大代表"] * 8) == "议事代表 45 名，人大代表 8 名，共 53 名"


def test_a_street_proposers_reply_and_the_margin_line_say_piaoxuan():
    from dataclasses import replace
    from datetime import date

    from minsheng_desktop.domain.fate import Facts, Score, Vote, Work, fate
    from minsheng_desktop.domain.rules import margin_check

    town = Facts(1, "白涛社区增建小微停车场", "采纳为候选", "", date(2025, 10, 9), 2026, candidate="小微停车场建设",
                 vote=Vote("v", date(2026, 1, 12), True, 42), work=Work("小微停车场建设", date(2026, 3, 1)),
                 score=Score(date(2026, 11, 11), "满意", 0.9, 0.95))
    town_texts = "".join(s.stage + s.text + s.short for s in fate(town))
    assert "提请人民代表大会票决" in town_texts and "经人民代表大会票决" in town_texts and "人大代表满意度测评" in town_texts
    street = fate(replace(town, terms=STREET_TERMS))
    texts = "".join(s.stage + s.text + s.short for s in street)
    assert [s.stage for s in street][2] == "票选当选"
    assert "提请议事代表会议票选" in texts and "经议事代表会议票选（赞成42票）" in texts
    assert "议事代表和人大代表满意度测评" in texts and "票决" not in texts and "人民代表大会" not in texts
    assert margin_check(12, 8) == ("ok", "差额票决：12 个候选项目中选出 8 个")
    assert margin_check(12, 8, STREET_TERMS.vote) == ("ok", "差额票选：12 个候选项目中选出 8 个")
    assert "不能进行票选" in margin_check(6, 8, "票选")[1]
