"""Invariants of counting, over many generated votes (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from minsheng_desktop.domain.rules import VoteRules
from minsheng_desktop.domain.tally import Ballot, Candidate, tally

MARK = st.sampled_from(["Y", "N", "A", None])


@st.composite
def votes(draw):
    n = draw(st.integers(1, 8))
    cands = [Candidate(f"c{i}", f"项目{i}") for i in range(n)]
    total = draw(st.integers(3, 40))
    present = draw(st.integers(0, total))
    seats = draw(st.integers(1, n))
    rules = VoteRules(
        seats=seats, deputies_total=total, deputies_present=present,
        over_approval_invalidates=draw(st.booleans()),
        unmarked=draw(st.sampled_from(["abstain", "invalidates"])),
        pass_base=draw(st.sampled_from(["all_deputies", "present", "ballots_collected", "valid_ballots"])),
        tie_at_cutoff=draw(st.sampled_from(["include_all", "revote", "leave_empty"])),
        shortfall=draw(st.sampled_from(["leave_short", "further_vote"])),
    )
    ballots = []
    for _ in range(draw(st.integers(0, present + 2))):
        if draw(st.integers(0, 9)) == 0:
            ballots.append(Ballot(spoiled=True))
            continue
        marks = {c.id: m for c in cands if (m := draw(MARK)) is not None}
        ballots.append(Ballot(marks=marks))
    return cands, rules, draw(st.integers(max(0, len(ballots) - 2), len(ballots) + 2)), ballots


@settings(max_examples=300, deadline=None)
@given(votes())
def test_counts_add_up_to_valid_ballots(vote):
    cands, rules, issued, ballots = vote
    r = tally(cands, rules, issued, ballots=ballots)
    assert r.ballots_collected == len(ballots)
    for c in r.candidates:
        assert c.approve + c.oppose + c.abstain == r.valid_ballots


@settings(max_examples=300, deadline=None)
@given(votes())
def test_chosen_within_seats_unless_ties_are_included(vote):
    cands, rules, issued, ballots = vote
    r = tally(cands, rules, issued, ballots=ballots)
    if rules.tie_at_cutoff != "include_all":
        assert len(r.chosen) <= rules.seats
    assert all(c.passed for c in r.candidates if c.id in r.chosen)
    assert r.unfilled == max(0, rules.seats - len(r.chosen)) or r.is_void
    if len(r.chosen) > rules.seats:  # only a tie at the cut-off can push past N
        approvals = {c.id: c.approve for c in r.candidates}
        lowest = min(approvals[c] for c in r.chosen)
        assert sum(1 for c in r.chosen if approvals[c] == lowest) > 1


@settings(max_examples=300, deadline=None)
@given(votes())
def test_void_chooses_nothing(vote):
    cands, rules, issued, ballots = vote
    r = tally(cands, rules, issued, ballots=ballots)
    if r.is_void:
        assert r.chosen == () and r.revote == () and r.unfilled == 0
        assert not any(c.passed for c in r.candidates)


@settings(max_examples=200, deadline=None)
@given(votes(), st.randoms(use_true_random=False))
def test_ranking_is_stable_and_order_of_ballots_does_not_matter(vote, rnd: random.Random):
    cands, rules, issued, ballots = vote
    first = tally(cands, rules, issued, ballots=ballots)
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert tally(cands, rules, issued, ballots=shuffled) == first
    ranks = [c.rank for c in first.candidates]
    assert ranks == sorted(ranks)
    position = {c.id: i for i, c in enumerate(cands)}
    for a, b in zip(first.candidates, first.candidates[1:], strict=False):
        if a.approve == b.approve:
            assert position[a.id] < position[b.id]  # ties keep the order of the ballot
        else:
            assert a.approve > b.approve
