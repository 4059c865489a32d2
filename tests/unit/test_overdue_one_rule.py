"""逾期未办结 has one home (domain/opinions.is_overdue): the home page's counts (storage/overview_repo), the
reminders' list (SupervisionService) and the rule agree on every status and due date around today."""

from __future__ import annotations

from datetime import timedelta
from itertools import product

import pytest

from minsheng_desktop.domain.opinions import is_open, is_overdue
from minsheng_desktop.domain.vocabulary import OpinionStatus
from minsheng_desktop.services.overview_service import OverviewService
from minsheng_desktop.services.supervision_service import SupervisionService
from minsheng_desktop.storage import overview_repo, settings_repo, supervision_repo
from tests.conftest import TODAY

DUE = {"yesterday": TODAY - timedelta(days=1), "today": TODAY, "tomorrow": TODAY + timedelta(days=1), "none": None}
CASES = list(product(OpinionStatus, DUE))  # every status × every due date


@pytest.fixture
def opinions(town_db, clock):
    """One event of 2026 holding one opinion per (status, due date); returns (db, event id)."""
    svc = SupervisionService(town_db, clock)
    eid, _ = svc.save_event(2026, None, "视察", "视察饮水工程", TODAY - timedelta(days=40), "双河村")
    with town_db.unit_of_work() as s:
        e = supervision_repo.get_event(s, eid)
        assert e is not None
        for status, due in CASES:
            supervision_repo.add_opinion(s, e, content=f"{status}／到期{due}", responsible_unit="镇建设办",
                                         due_on=DUE[due], status=status)
    return town_db, eid


def test_the_cases_cover_every_side_of_the_rule():
    assert {is_overdue(status, DUE[due], TODAY) for status, due in CASES} == {True, False}
    assert [due for status, due in CASES if is_overdue(status, DUE[due], TODAY)] == ["yesterday"]


@pytest.mark.parametrize("shift", [-1, 0, 1], ids=["a day before", "today", "a day after"])
def test_overview_counts_agree_with_the_rule(opinions, shift):
    db, eid = opinions
    today = TODAY + timedelta(days=shift)
    with db.unit_of_work(read_only=True) as s:
        code = settings_repo.local_code(s)
        open_count, overdue = overview_repo.open_opinions(s, code, 2026, today)
        per_event = overview_repo.opinion_counts(s, [eid])
        elsewhere = overview_repo.open_opinions(s, code, 2025, today)
    assert open_count == sum(1 for status, _due in CASES if is_open(status))
    assert overdue == sum(1 for status, due in CASES if is_overdue(status, DUE[due], today))
    assert per_event == {eid: (len(CASES), sum(1 for status, _due in CASES if not is_open(status)))}
    assert elsewhere == (0, 0)


def test_home_page_and_reminders_count_the_same_opinions(opinions, clock):
    db, _eid = opinions
    reminders = SupervisionService(db, clock).reminders(2026)
    expected = sorted(f"{status}／到期{due}" for status, due in CASES if is_overdue(status, DUE[due], TODAY))
    assert sorted(text for _due, text, _unit in reminders.overdue) == expected
    home = OverviewService(db, clock).home(2026)
    assert home.overdue_opinions == len(reminders.overdue) == len(expected)
    assert home.open_opinions == sum(1 for status, _due in CASES if is_open(status))
