"""The 候选项目 pane: a candidate from proposals, meetings along the chain, 差额, ballot order, the list PDF."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from minsheng_desktop.ui.dialogs.meeting_dialog import MeetingDialog
from minsheng_desktop.ui.dialogs.proposal_picker_dialog import ProposalPickerDialog


def open_candidates(window):
    window.nav.setCurrentRow(2)
    return window.pane("候选项目")


def test_shows_the_margin_and_selected_details(window):
    pane = open_candidates(window)
    assert "差额票决：15 个候选项目中选出 10 个" in pane.margin.text() and pane.margin.objectName() == "ok"
    pane.view.selectRow(0)
    assert pane.form.name.text() == pane.rows[0].name
    assert pane.form.meetings.count() == 4 and "可提请票决" in pane.form.state.text()


def test_new_candidate_from_proposals_then_through_the_chain(window, monkeypatch, messages):
    pane = open_candidates(window)
    before = len(pane.rows)

    def pick(self):
        self.text.setText("王家村")
        self.view.selectRow(0)
        self.view.selectionModel().select(self.model.index(1, 0), self.view.selectionModel().SelectionFlag.Select
                                          | self.view.selectionModel().SelectionFlag.Rows)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ProposalPickerDialog, "exec", pick)
    pane.buttons["new"].click()
    assert len(pane.rows) == before + 1
    new = pane.rows[-1]
    assert len(new.sources) == 2 and new.status == "初选" and new.next_stage == "镇政府办公会"
    pane.view.selectRow(len(pane.rows) - 1)
    pane.form.unit.setText("镇规划建设办")
    pane.buttons["save"].click()
    assert pane.rows[-1].responsible_unit == "镇规划建设办"
    monkeypatch.setattr(MeetingDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    for _ in range(4):
        pane.view.selectRow(len(pane.rows) - 1)
        pane.buttons["meeting"].click()  # the dialog opens at the stage the candidate has reached
    assert pane.rows[-1].status == "已审定"
    assert "已审定 16 个" in pane.margin.text()
    pane.view.selectRow(len(pane.rows) - 1)
    pane.buttons["meeting"].click()
    messages.expect("已完成全部审定环节")


def test_order_withdraw_and_export(window, monkeypatch, tmp_path):
    pane = open_candidates(window)
    last = pane.rows[-1].id
    pane.view.selectRow(len(pane.rows) - 1)
    pane.buttons["up"].click()
    assert pane.rows[-2].id == last
    pane.buttons["by_category"].click()
    order = [r.category for r in pane.rows]
    cats = window.services.settings.load().categories
    assert order == sorted(order, key=cats.index)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("并入县级项目", True)))
    pane.view.selectRow(0)
    pane.buttons["withdraw"].click()
    assert pane.rows[0].status == "撤回"
    out = tmp_path / "名单.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    pane.buttons["pdf"].click()
    assert out.read_bytes().startswith(b"%PDF")
