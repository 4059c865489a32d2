"""实施, 监督 and 测评 driven like a secretary: progress, adjustment by decision, calendar, opinions, scoring."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from minsheng_desktop.ui.dialogs.event_dialogs import FeedbackDialog, OpinionDialog
from minsheng_desktop.ui.dialogs.project_dialogs import AdjustmentDialog, DecisionDialog, ProgressDialog
from minsheng_desktop.ui.dialogs.scoring_dialogs import NewRoundDialog


def ACCEPT(self):  # noqa: N802 - stands in for QDialog.exec
    return QDialog.DialogCode.Accepted


def test_projects_pane_progress_adjustment_and_notice(window, monkeypatch, tmp_path, messages):
    window.nav.setCurrentRow(4)
    pane = window.pane("实施")
    assert pane.model.total_rows() == 10 and "绿灯" in pane.summary.text()
    row = next(i for i, r in enumerate(pane.rows) if r.status != "已完成")
    pane.view.selectRow(row)
    name = pane.rows[row].name

    def progress(self):
        self.percent.setValue(100)
        self.text.setPlainText("全部完工，已通过验收")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ProgressDialog, "exec", progress)
    pane.detail.add_progress.emit()
    assert messages.refusals() == []  # e.g. not "报告日期不能晚于今天" from a dialog that defaulted to another day
    done = next(r for r in pane.rows if r.name == name)
    assert done.light == "蓝" and done.status == "已完成"
    other = next(i for i, r in enumerate(pane.rows) if r.status != "已完成")
    pane.view.selectRow(other)

    def adjust(self):
        self.kind.setCurrentText("延期")
        self.reason.setPlainText("汛期停工")
        self.new_deadline.setDate(QDate(2027, 4, 30))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AdjustmentDialog, "exec", adjust)
    pane.detail.request_adjustment.emit()
    assert messages.refusals() == []
    assert pane.detail.detail.project.status == "调整"
    monkeypatch.setattr(DecisionDialog, "exec", ACCEPT)
    pane.detail._decide()
    assert pane.detail.detail.project.deadline == date(2027, 4, 30)
    assert "清溪镇人民代表大会决定：同意" in pane.detail.adjustments.item(0).text()
    out = tmp_path / "公示.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    pane.buttons["notice"].click()
    assert out.read_bytes().startswith(b"%PDF")


def test_supervision_pane_plan_opinion_feedback(window, monkeypatch):
    window.nav.setCurrentRow(5)
    pane = window.pane("监督")
    before = len(pane.events)
    pane.buttons["plan"].click()
    assert len(pane.events) > before  # the default plan adds what is missing (e.g. the first quarter's 季会)
    pane.view.selectRow(0)
    first = pane._event()
    monkeypatch.setattr(OpinionDialog, "exec", lambda self: (self.content.setPlainText("建议公开项目资金使用情况"),
                                                             QDialog.DialogCode.Accepted)[1])
    pane._on_opinion()
    event = next(e for e in pane.events if e.id == first.id)
    assert any("公开项目资金" in o.content for o in event.opinions)
    pane.view.selectRow([e.id for e in pane.events].index(first.id))
    pane.opinions.setCurrentRow(len(event.opinions) - 1)

    def feedback(self):
        self.feedback.setPlainText("已在村务公开栏公示")
        self.close_it.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FeedbackDialog, "exec", feedback)
    pane._on_feedback()
    event = next(e for e in pane.events if e.id == first.id)
    assert event.opinions[-1].status == "已办结"
    assert pane.points_tab.model.total_rows() == 58  # the deputies serving in 2026 (two left in 2025)


def test_scoring_pane_twice_entered_and_follow_up(window, monkeypatch, messages):
    window.nav.setCurrentRow(6)
    pane = window.pane("测评")
    before = len(pane.rows)
    monkeypatch.setattr(NewRoundDialog, "exec", ACCEPT)
    pane.buttons["new"].click()
    assert len(pane.rows) == before + 10
    row = next(i for i, r in enumerate(pane.rows) if not r.decided)
    pane.view.selectRow(row)
    for key, value in (("satisfied", 12), ("basically", 10), ("unsatisfied", 30)):
        pane.spins[key].setValue(value)
    pane._on_totals()
    assert "另一人" in pane.state.text(), messages
    pane.view.selectRow(row)
    pane._on_totals()
    assert "结论：不满意" in pane.state.text()
    assert any(f.stage == "政府说明" for f in pane.follow)
    new = next(i for i, f in enumerate(pane.follow) if f.stage == "政府说明")  # (the demo 季会's is further on)
    pane.follow_view.selectRow(new)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("资金未按期到位", True)))
    pane._on_advance()
    assert pane.follow[new].stage == "整改"
