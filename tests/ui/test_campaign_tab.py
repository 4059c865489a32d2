"""监督 › 回头看 and 代表专班 driven like a secretary: a campaign is created, its projects picked, visits and opinions
recorded, the opinions handed to the government and answered, and the 问题清单 saved; a 专班 is set up."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from minsheng_desktop.domain.vocabulary import EventStatus, HandOverStage, VisitKind
from minsheng_desktop.ui.dialogs.campaign_dialogs import (
    CampaignDialog,
    CampaignOpinionDialog,
    HandOverDialog,
    ProjectPickDialog,
    VisitDialog,
)
from minsheng_desktop.ui.dialogs.event_dialogs import FeedbackDialog
from minsheng_desktop.ui.dialogs.group_dialog import GroupDialog
from minsheng_desktop.ui.panes.supervision.campaign_tab import CampaignTab
from minsheng_desktop.ui.panes.supervision.group_tab import GroupTab
from tests.conftest import TODAY
from tests.tools import need_poppler

ACCEPT = QDialog.DialogCode.Accepted


def _fill(dialog_class, monkeypatch, fill) -> None:
    """The next dialog of this class is filled by ``fill`` and accepted."""
    monkeypatch.setattr(dialog_class, "exec", lambda self: (fill(self), ACCEPT)[1])


def _tab(window, cls):
    window.go_to("监督")
    pane = window.pane("监督")
    tab = next(t for t in pane.year_tabs if isinstance(t, cls))
    pane.tabs.setCurrentWidget(tab)
    return tab


def _tick(check_list, count: int) -> None:
    for i in range(count):
        check_list.list.item(i).setCheckState(Qt.CheckState.Checked)


def test_a_campaign_runs_to_its_problem_list(window, monkeypatch, tmp_path):
    tab = _tab(window, CampaignTab)
    assert tab.list_model.rowCount() == 2  # the demo's campaign on 2025 (held this spring) and 2026's, planned

    def new(d: CampaignDialog) -> None:
        d.title.setText("2025年度民生实事项目质效“回头看”")
        d.day.setDate(d.day.date().addDays(-10))
    _fill(CampaignDialog, monkeypatch, new)
    tab.buttons["new"].click()
    assert tab.detail.title == "2025年度民生实事项目质效“回头看”" and tab.detail.look_back == [2025]
    assert tab.list_model.rowCount() == 3

    _fill(ProjectPickDialog, monkeypatch, lambda d: _tick(d.list, 3))
    tab.buttons["projects"].click()
    assert [p.year for p in tab.detail.projects] == [2025] * 3
    assert tab.projects.count() == 3

    def figures(d: CampaignDialog) -> None:
        d.status.setCurrentText(EventStatus.HELD)
        d.figures["deputies"].setValue(28)
        d.figures["beneficiaries"].setValue(460)
    _fill(CampaignDialog, monkeypatch, figures)
    tab.buttons["edit"].click()

    def visit(d: VisitDialog) -> None:
        d.kind.setCurrentText(VisitKind.HOUSEHOLDS)
        d.place.setText("张湾村")
        d.project.setCurrentIndex(1)
        d.people.setValue(37)
        d.findings.setPlainText("群众反映水压偏低")
        _tick(d.deputies, 2)
    _fill(VisitDialog, monkeypatch, visit)
    tab.buttons["visit"].click()
    assert tab.visit_model.rowCount() == 1 and len(tab.detail.attendee_ids) == 2

    def opinion(d: CampaignOpinionDialog) -> None:
        d.content.setPlainText("管网末端水压不足，建议加装增压设备")
        d.visit.setCurrentIndex(1)
        d.due.setDate(d.due.date().addDays(-40))  # the deadline has passed: overdue once handed over
    _fill(CampaignOpinionDialog, monkeypatch, opinion)
    tab.buttons["opinion"].click()
    _fill(CampaignOpinionDialog, monkeypatch, lambda d: (d.content.setPlainText("建议明确长效管护责任"),
                                                        d.project.setCurrentIndex(2)))
    tab.buttons["opinion"].click()
    d = tab.detail
    assert [o.stage for o in d.opinions] == [HandOverStage.NOT_HANDED] * 2
    assert d.opinions[0].project == d.projects[0].name  # from the visit's project

    _fill(HandOverDialog, monkeypatch, lambda dialog: dialog.day.setDate(dialog.day.date().addDays(-1)))
    tab.buttons["hand_over"].click()  # nothing selected: every opinion not yet handed over
    assert [o.stage for o in tab.detail.opinions] == [HandOverStage.OVERDUE, HandOverStage.OPEN]
    assert tab.detail.handed_on == TODAY - timedelta(days=1)

    tab.details.setCurrentIndex(1)
    tab.opinion_view.selectRow(0)
    _fill(FeedbackDialog, monkeypatch, lambda dialog: (dialog.feedback.setPlainText("已加装增压泵两台"),
                                                       dialog.close_it.setChecked(True)))
    tab.buttons["reply"].click()
    assert [o.stage for o in tab.detail.opinions] == [HandOverStage.CLOSED, HandOverStage.OPEN]
    figures_shown = {tab.figure_model.index(r, 0).data(): tab.figure_model.index(r, 3).data()
                     for r in range(tab.figure_model.rowCount())}
    assert figures_shown["参加代表"] == "28" and figures_shown["收集意见建议"] == "2"

    out = tmp_path / "问题清单.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    tab.buttons["list"].click()
    text = re.sub(r"\s+", "", subprocess.run([need_poppler(), "-enc", "UTF-8", str(out), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    assert "管网末端水压不足" in text and "已办结" in text and "已加装增压泵两台" in text
    assert tab.detail.projects[0].name.replace(" ", "") in text


def test_a_group_is_set_up_and_rolled_up(window, monkeypatch):
    tab = _tab(window, GroupTab)
    assert tab.model.rowCount() == 2  # the demo's two 专班

    def group(d: GroupDialog) -> None:
        d.name.setText("饮水安全代表专班")
        d.leader_name.setText("王建国")
        d.leader_title.setText("镇人大副主席")
        d.focus.setText("农村饮水安全巩固提升")
        _tick(d.members, 5)
        _tick(d.projects, 2)
    _fill(GroupDialog, monkeypatch, group)
    tab.buttons["new"].click()
    assert tab.model.rowCount() == 3
    row = next(g for g in tab.rows if g.name == "饮水安全代表专班")
    assert (len(row.member_ids), len(row.project_ids), row.leader) == (5, 2, "镇人大副主席王建国")
    tab.view.selectRow(tab.rows.index(row))
    assert "饮水安全代表专班" in tab.detail.text() and f"开展活动 {row.rollup.events} 次" in tab.detail.text()
