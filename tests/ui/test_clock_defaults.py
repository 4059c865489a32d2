"""Every pane and dialog that offers a date starts from the one clock the services were built with."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from minsheng_desktop.clock import FixedClock
from minsheng_desktop.ui.dialogs.campaign_dialogs import HandOverDialog
from minsheng_desktop.ui.dialogs.meeting_dialog import MeetingDialog
from minsheng_desktop.ui.dialogs.project_dialogs import AdjustmentDialog, DecisionDialog, ProgressDialog
from minsheng_desktop.ui.dialogs.scoring_dialogs import NewRoundDialog
from minsheng_desktop.ui.dialogs.session_dialogs import NewSessionDialog
from minsheng_desktop.ui.panes.candidates.candidate_form import CandidateForm
from minsheng_desktop.ui.panes.intake.intake_form import IntakeForm

DAY = date(2030, 2, 14)  # far from the suite's pinned day and from any real one


def test_every_service_in_the_window_shares_the_clock(window, clock):
    sv = window.services
    assert sv.clock is clock
    from minsheng_desktop.services.registry import SERVICE_NAMES

    dated = [name for name in SERVICE_NAMES if hasattr(getattr(sv, name), "clock")]
    assert {"settings", "roster", "overview", "reports", "vote", "projects", "supervision", "scoring", "campaigns",
            "groups", "points", "agenda"} <= set(dated)
    assert all(getattr(sv, name).clock is clock for name in dated)


@pytest.mark.parametrize("make,edits", [
    (lambda c: ProgressDialog("项目", 10, None, None, clock=c), ("day",)),
    (lambda c: AdjustmentDialog("项目", clock=c), ("day", "new_deadline")),
    (lambda c: DecisionDialog("延期申请", "清溪镇人民代表大会", clock=c), ("day",)),
    (lambda c: MeetingDialog(("镇政府办公会",), None, ["项目"], clock=c), ("day",)),
    (lambda c: NewSessionDialog("票决", clock=c), ("day",)),
    (lambda c: NewRoundDialog(2030, [("p", "项目")], "three_level", clock=c), ("day",)),
    (lambda c: IntakeForm(c), ("received",)),
    (lambda c: HandOverDialog(2, clock=c), ("day",)),
], ids=["progress", "adjustment", "decision", "meeting", "session", "scoring-round", "intake-form", "hand-over"])
def test_date_fields_default_to_the_clock_day(qtbot, make, edits):
    widget = make(FixedClock(DAY))
    qtbot.addWidget(widget)
    for name in edits:
        assert getattr(widget, name).date() == QDate(DAY.year, DAY.month, DAY.day), name


def test_a_new_candidate_deadline_is_the_end_of_the_clock_year(qtbot):
    form = CandidateForm(FixedClock(DAY))
    qtbot.addWidget(form)
    form.show_row(None)
    assert form.deadline.date() == QDate(2030, 12, 31)
