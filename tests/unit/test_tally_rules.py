"""The vote rules at their edges: quorum, validity, bases, second condition, ties, shortfall, bad input."""

from __future__ import annotations

import pytest

from minsheng_desktop.domain.cases import run_tally_case
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.rules import VoteRules, has_quorum, margin_check, quorum_needed, strictly_more_than


def case(counts, *, seats=2, total=20, present=18, issued=None, collected=None, invalid=0, **rules):
    ids = list(counts)
    valid = (collected if collected is not None else present) - invalid
    return {
        "rules": {"seats": seats, "deputies_total": total, "deputies_present": present, **rules},
        "candidates": [{"id": c, "name": f"项目{c}"} for c in ids],
        "ballots_issued": present if issued is None else issued,
        "totals": {
            "ballots_collected": collected if collected is not None else present,
            "invalid_ballots": invalid,
            "counts": {c: {"Y": y, "N": valid - y, "A": 0} for c, y in counts.items()},
        },
    }


def test_quorum_includes_exactly_two_thirds():
    assert has_quorum(30, 20) and not has_quorum(30, 19)
    assert quorum_needed(30) == 20 and quorum_needed(31) == 21
    r = run_tally_case(case({"a": 12, "b": 11}, total=30, present=19, seats=1))
    assert r.status == "void_no_quorum" and r.chosen == () and all(c.outcome == "not_passed" for c in r.candidates)


def test_no_quorum_is_checked_before_over_collection():
    r = run_tally_case(case({"a": 12}, total=30, present=19, issued=19, collected=20, seats=1))
    assert r.status == "void_no_quorum"


def test_collected_equal_to_issued_is_valid_and_more_is_void():
    assert run_tally_case(case({"a": 15}, seats=1, issued=18, collected=18)).status == "valid"
    void = run_tally_case(case({"a": 15}, seats=1, issued=18, collected=19))
    assert void.status == "void_over_collected" and void.unfilled == 0 and void.revote == ()


def test_threshold_is_strictly_more_than_half():
    assert strictly_more_than(20, (1, 2)) == 11 and strictly_more_than(21, (1, 2)) == 11
    r = run_tally_case(case({"a": 11, "b": 10}, seats=2))
    assert [c.passed for c in r.candidates] == [True, False]
    assert r.unfilled == 1


@pytest.mark.parametrize("base,expected", [("all_deputies", 11), ("present", 10), ("ballots_collected", 9),
                                           ("valid_ballots", 8)])
def test_pass_bases(base, expected):
    r = run_tally_case(case({"a": 12}, seats=1, total=20, present=18, collected=17, invalid=2, pass_base=base))
    assert r.threshold == expected


def test_second_condition_raises_the_bar():
    rules = {"second_condition": {"base": "valid_ballots", "fraction": [2, 3]}}
    r = run_tally_case(case({"a": 12, "b": 13}, seats=2, total=20, present=18, **rules))
    assert r.threshold == 13 and r.chosen == ("b",)


def test_tie_at_cutoff_revote_and_leave_empty():
    counts = {"a": 17, "b": 12, "c": 12, "d": 3}
    revote = run_tally_case(case(counts, tie_at_cutoff="revote"))
    assert revote.chosen == ("a",) and revote.revote == ("b", "c") and revote.unfilled == 1
    assert [c.outcome for c in revote.candidates] == ["chosen", "revote", "revote", "not_passed"]
    empty = run_tally_case(case(counts, tie_at_cutoff="leave_empty"))
    assert empty.chosen == ("a",) and empty.revote == () and empty.unfilled == 1
    assert empty.candidates[1].outcome == "passed_not_chosen"
    include = run_tally_case(case(counts))
    assert include.chosen == ("a", "b", "c") and include.unfilled == 0


def test_tie_below_the_cutoff_is_no_tie():
    r = run_tally_case(case({"a": 17, "b": 15, "c": 12, "d": 12}, tie_at_cutoff="revote"))
    assert r.chosen == ("a", "b") and r.revote == ()
    assert [c.outcome for c in r.candidates] == ["chosen", "chosen", "passed_not_chosen", "passed_not_chosen"]


def test_shortfall_further_vote_lists_the_rest():
    r = run_tally_case(case({"a": 15, "b": 5, "c": 4}, seats=2, shortfall="further_vote"))
    assert r.chosen == ("a",) and r.unfilled == 1 and r.further_vote == ("b", "c")
    assert "further_vote" not in run_tally_case(case({"a": 15, "b": 5}, seats=2)).to_dict()


def ballots_case(ballots, **rules):
    return {
        "rules": {"seats": 2, "deputies_total": 5, "deputies_present": 5, **rules},
        "candidates": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "ballots_issued": 5,
        "ballots": ballots,
    }


def test_over_approval_invalidates_by_default_and_can_be_turned_off():
    ballots = [{"a": "Y", "b": "Y", "c": "Y"}, {"a": "Y"}]
    assert run_tally_case(ballots_case(ballots)).invalid_ballots == 1
    r = run_tally_case(ballots_case(ballots, over_approval_invalidates=False))
    assert r.invalid_ballots == 0 and r.candidates[0].approve == 2


def test_unmarked_counts_as_abstain_or_invalidates():
    ballots = [{"a": "Y", "b": "N"}]
    r = run_tally_case(ballots_case(ballots))
    assert r.valid_ballots == 1 and next(c for c in r.candidates if c.id == "c").abstain == 1
    assert run_tally_case(ballots_case(ballots, unmarked="invalidates")).invalid_ballots == 1


def test_choose_up_to_n_accepts_ticks_only():
    r = run_tally_case(ballots_case([{"a": "Y"}, {"a": "Y", "b": "Y"}], ballot_style="choose_up_to_n"))
    assert r.candidates[0].approve == 2 and r.candidates[0].abstain == 0
    with pytest.raises(UserError, match="第 1 张选票"):
        run_tally_case(ballots_case([{"a": "N"}], ballot_style="choose_up_to_n"))


@pytest.mark.parametrize("mutate,needle", [
    (lambda c: c["ballots"].append({"zz": "Y"}), "未知的候选项目 id “zz”"),
    (lambda c: c["ballots"].append({"a": "X"}), "标记“X”无效"),
    (lambda c: c["rules"].pop("seats"), "seats"),
    (lambda c: c.pop("ballots_issued"), "ballots_issued"),
    (lambda c: c["rules"].update(pass_base="half"), "pass_base"),
    (lambda c: c["rules"].update(deputies_present=6), "实到人数"),
    (lambda c: c["rules"].update(pass_fraction=[3, 2]), "pass_fraction"),
    (lambda c: c.update(candidates=[{"id": "a"}, {"id": "a"}]), "重复"),
])
def test_bad_ballot_cases_name_what_is_wrong(mutate, needle):
    data = ballots_case([{"a": "Y"}])
    mutate(data)
    with pytest.raises(UserError, match=needle):
        run_tally_case(data)


@pytest.mark.parametrize("mutate,needle", [
    (lambda t: t["counts"]["a"].update(Y=-1), "非负整数"),
    (lambda t: t["counts"]["a"].update(Y=99), "不等于有效票"),
    (lambda t: t["counts"].pop("b"), "缺少候选项目“b”"),
    (lambda t: t["counts"].update(zz={"Y": 1}), "未知的候选项目"),
    (lambda t: t.update(invalid_ballots=30), "无效票"),
])
def test_inconsistent_totals_are_refused(mutate, needle):
    data = case({"a": 12, "b": 3})
    mutate(data["totals"])
    with pytest.raises(UserError, match=needle):
        run_tally_case(data)


def test_margin_check():
    assert margin_check(15, 10)[0] == "ok"
    assert margin_check(10, 10)[0] == "warn"
    assert margin_check(9, 10)[0] == "error"


def test_rules_round_trip():
    rules = VoteRules.from_dict({"seats": 3, "deputies_total": 30, "deputies_present": 25,
                                 "second_condition": {"base": "present", "fraction": [2, 3]}})
    assert VoteRules.from_dict(rules.to_dict()) == rules
