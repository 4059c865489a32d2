"""乡镇考核: the rules (defaults, validation), the scoring of each item with its evidence, ranking with ties, and the
county scoring every merged town and exporting the table."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from minsheng_desktop.domain.assessment import ITEMS, AssessmentPolicy, TownEvidence, assess
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services.assessment_service import AssessmentService
from minsheng_desktop.services.dashboard_service import DashboardService
from minsheng_desktop.services.settings_service import SettingsService
from minsheng_desktop.storage.db import open_database
from tests.conftest import CLOCK
from tests.county_fixture import county_copy

FULL = TownEvidence("610999101", "清溪镇", proposals=200, replied=200, sealed=1, sealed_with_quorum=1, due=8, on_time=8,
                    satisfaction=1.0, events=6, package_on=date(2026, 11, 1))


def scores(e: TownEvidence, policy: AssessmentPolicy | None = None) -> dict[str, float]:
    (t,) = assess([e], policy or AssessmentPolicy(), 2026)
    return {i.key: i.score for i in t.items} | {"total": t.total}


def test_defaults_add_up_to_100_and_a_perfect_town_scores_them():
    assert sum(p for _k, _l, p in ITEMS) == 100
    assert scores(FULL)["total"] == 100


def test_each_item_scores_its_share():
    e = TownEvidence("1", "甲镇", proposals=200, replied=150, sealed=1, sealed_with_quorum=0, due=8, on_time=6,
                     satisfaction=0.9, events=3, package_on=date(2027, 1, 5))
    s = scores(e)
    assert s == {"intake": 11.2, "vote": 0.0, "on_time": 18.8, "satisfaction": 13.5, "supervision": 5.0,
                 "package": 0.0, "total": 48.5}
    none = scores(TownEvidence("2", "乙镇"))
    assert none["intake"] == 0 and none["on_time"] == 25 and none["satisfaction"] == 0 and none["package"] == 0
    assert scores(TownEvidence("3", "丙镇", events=20))["supervision"] == 10  # capped at the expected number


def test_evidence_says_why():
    (t,) = assess([TownEvidence("2", "乙镇", proposals=3, replied=1)], AssessmentPolicy(), 2026)
    text = {i.key: i.evidence for i in t.items}
    assert text["intake"] == "征集建议 3 件，已答复 1 件" and text["on_time"] == "尚无到期项目"
    assert text["satisfaction"] == "尚未测评" and text["package"] == "本年度未收到上报包（截止 2026-12-31）"
    (t,) = assess([FULL], AssessmentPolicy(), 2026)
    assert "满意+基本满意率平均 100.0%" in t.items[3].evidence and "2026-11-01 报送" in t.items[5].evidence


def test_ranking_shares_ties_and_orders_by_code():
    low = TownEvidence("610999103", "丙镇")
    tie = TownEvidence("610999102", "乙镇", **{k: v for k, v in FULL.__dict__.items() if k not in ("code", "name")})
    ranked = assess([low, FULL, tie], AssessmentPolicy(), 2026)
    assert [(t.name, t.rank) for t in ranked] == [("清溪镇", 1), ("乙镇", 1), ("丙镇", 3)]


def test_policy_custom_points_and_refusals():
    p = AssessmentPolicy.from_dict({"points": {"vote": 40, "package": 0}, "events_expected": 4, "package_due": "1-31"})
    assert p.worth("vote") == 40 and p.package_due == "01-31" and p.due_on(2027) == date(2027, 1, 31)
    assert AssessmentPolicy.from_dict(p.to_dict()) == p
    assert AssessmentPolicy(package_due="02-29").due_on(2026) == date(2026, 2, 28)
    assert scores(FULL, p)["package"] == 0 and scores(FULL, p)["vote"] == 40
    for bad, needle in [({"points": {"vote": 101}}, "票决"), ({"points": []}, "格式"),
                        ({"points": {k: 0 for k, _l, _p in ITEMS}}, "都为 0"), ({"events_expected": 0}, "监督活动次数"),
                        ({"package_due": "13-01"}, "月-日"), ({"package_due": "年底"}, "月-日")]:
        with pytest.raises(UserError, match=needle):
            AssessmentPolicy.from_dict(bad)


def test_the_county_scores_every_merged_town(tmp_path):
    db = open_database(county_copy(tmp_path, "县区"))
    try:
        svc = AssessmentService(db, CLOCK)
        policy, ranked = svc.assess(2025)
        board = DashboardService(db, CLOCK).dashboard(2025)
        assert len(ranked) == 3 and [t.rank for t in ranked] == sorted(t.rank for t in ranked)
        by_code = {f.code: f for f in board.towns}
        for t in ranked:
            items = {i.key: i for i in t.items}
            assert items["vote"].score == 25  # each demo town sealed its vote with a quorum
            assert f"征集建议 {by_code[t.code].proposals} 件" in items["intake"].evidence
            assert f"开展监督活动 {by_code[t.code].events_held} 次" in items["supervision"].evidence
            assert 0 < t.total <= 100
        settings = SettingsService(db, CLOCK)
        settings.save_assessment_policy(AssessmentPolicy.from_dict({"points": {"vote": 50}}))
        assert settings.load().assessment.worth("vote") == 50 and svc.assess(2025)[1][0].items[1].score == 50
        with pytest.raises(UserError):
            settings.save_assessment_policy(AssessmentPolicy(points=(("vote", 500),)))
        out = svc.export(2025, tmp_path / "考核.xlsx")
        wb = load_workbook(out)
        assert wb.sheetnames == ["考核排名", "得分依据"]
        names = [r[2] for r in wb["考核排名"].iter_rows(min_row=3, values_only=True)]
        assert names == [t.name for t in svc.assess(2025)[1]]
        assert wb["得分依据"].max_row == 2 + 3 * len(ITEMS)
    finally:
        db.close()
