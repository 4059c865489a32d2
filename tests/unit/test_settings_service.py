"""Settings: the town, years, vote policy, categories, chain and scoring, each validated and audited."""

from __future__ import annotations

from dataclasses import replace

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.rules import VotePolicy
from minsheng_desktop.domain.satisfaction import ScoringPolicy
from minsheng_desktop.services.settings_service import SettingsService, TownInfo
from minsheng_desktop.storage import audit_repo


def test_new_town_gets_defaults_for_its_level(town_db, clock):
    settings = SettingsService(town_db, clock).load()
    assert settings.town.name == "测试镇" and settings.current_year == 2026 and settings.years == (2026,)
    assert settings.vote_policy.rules.pass_base == "all_deputies" and settings.vote_policy.rules.seats == 10
    assert settings.screening_chain[0] == "镇政府办公会" and "其他" in settings.categories
    assert settings.scoring.follow_up_below == 0.7


@pytest.mark.parametrize("info,field", [
    (TownInfo("12", "镇", "乡镇", "", "", "", ""), "行政区划代码"),
    (TownInfo("610999101", " ", "乡镇", "", "", "", ""), "名称"),
    (TownInfo("610999101", "镇", "村", "", "", "", ""), "级别"),
])
def test_bad_town_details_name_the_field(db, info, field):
    with pytest.raises(UserError) as err:
        SettingsService(db).create_town(info)
    assert err.value.field == field


def test_town_code_cannot_change(town_db):
    svc = SettingsService(town_db)
    info = svc.load().town
    svc.save_town(replace(info, name="测试街道", level="街道"))
    assert svc.load().town.level == "街道"
    with pytest.raises(UserError, match="不能修改"):
        svc.save_town(replace(info, code="610999109"))


def test_years_and_current_year(town_db):
    svc = SettingsService(town_db)
    svc.add_year(2027)
    svc.set_current_year(2027)
    assert svc.load().current_year == 2027
    with pytest.raises(UserError, match="已存在"):
        svc.add_year(2027)
    with pytest.raises(UserError, match="没有 2030"):
        svc.set_current_year(2030)


def test_vote_policy_is_validated_and_audited(town_db):
    svc = SettingsService(town_db)
    policy = VotePolicy.from_dict({"seats": 8, "candidates_planned": 12, "tie_at_cutoff": "revote",
                                   "pass_base": "present", "second_condition": {"base": "valid_ballots",
                                                                                "fraction": [2, 3]}})
    svc.save_vote_policy(policy)
    assert svc.load().vote_policy == policy
    with pytest.raises(UserError, match="不能少于"):
        svc.save_vote_policy(VotePolicy.from_dict({"seats": 8, "candidates_planned": 5}))
    with town_db.unit_of_work() as s:
        assert [e.action for e in audit_repo.entries_for(s, "vote_policy")] == ["settings.vote_policy"]


def test_lists_are_cleaned_and_duplicates_refused(town_db):
    svc = SettingsService(town_db)
    svc.save_categories([" 教育 ", "", "养老服务"])
    assert svc.load().categories == ("教育", "养老服务")
    with pytest.raises(UserError, match="重复"):
        svc.save_screening_chain(["镇政府办公会", "镇政府办公会"])
    with pytest.raises(UserError, match="不能为空"):
        svc.save_categories([])


def test_scoring_policy(town_db):
    svc = SettingsService(town_db)
    svc.save_scoring_policy(ScoringPolicy(method="hundred_point", follow_up_below=None))
    assert svc.load().scoring.method == "hundred_point" and svc.load().scoring.follow_up_below is None
