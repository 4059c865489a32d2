"""票决 › 核对封存码: the sealed session shows its code; the dialog says 相符 for the printed code, 不相符 otherwise."""

from __future__ import annotations

from minsheng_desktop.ui.dialogs.seal_dialog import SealDialog


def sealed_pane(window):
    window.nav.setCurrentRow(3)
    pane = window.pane("票决")
    sealed = [i for i in range(pane.sessions.count()) if pane.sessions.itemData(i)]
    pane.sessions.setCurrentIndex(sealed[-1])
    pane._on_session_chosen(sealed[-1])
    assert pane.stack.currentWidget() is pane.result
    return pane


def test_the_result_shows_its_seal_code_and_the_dialog_checks_it(window, qtbot):
    pane = sealed_pane(window)
    code = pane.vote.seal_code(pane.session_id)
    assert code and code in pane.result.status.text()
    dialog = SealDialog(pane.vote.verify_seal, pane)
    qtbot.addWidget(dialog)
    dialog.code.setText(code.replace(" ", ""))
    dialog.check_btn.click()
    assert dialog.verdict.text().startswith("相符") and dialog.verdict.objectName() == "ok"
    assert "赞成.反对.弃权" in dialog.detail.toPlainText()
    dialog.code.setText("1234 5678 9012 3456 7890")
    dialog.check_btn.click()
    assert dialog.verdict.text().startswith("不相符") and dialog.verdict.objectName() == "error"
    dialog.code.setText("abc")
    dialog.check_btn.click()
    assert "20 位封存码" in dialog.verdict.text()


def test_confirmations_name_the_action_on_their_buttons(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from minsheng_desktop.ui.feedback import confirm

    seen = {}

    def fake_exec(box):
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        seen["default"] = box.defaultButton().text()
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert confirm(None, "公布结果", "确认公布？", ok="公布并封存") is False
    assert seen == {"buttons": ["公布并封存", "取消"], "default": "取消"}
