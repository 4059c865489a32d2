"""分团计票 in the console (issue 17): a county's vote counted by delegation, keyed per delegation, sealed once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

import minsheng_desktop.ui.panes.vote_pane as vote_pane
from minsheng_desktop.domain.vote_session import COUNTING, RESULT
from minsheng_desktop.services.check_service import check_database
from minsheng_desktop.ui.dialogs.session_dialogs import NewSessionDialog
from tests.ui.conftest import make_window
from tests.unit.test_delegations import county_services


def test_a_county_vote_counted_by_delegation_to_its_seal(qtbot, db, monkeypatch):
    county_services(db, deputies=40, seats=3, candidates="ABCDEF")
    window = make_window(qtbot, db)
    monkeypatch.setattr(NewSessionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(vote_pane, "confirm", lambda *a, **k: True)
    window.nav.setCurrentRow(3)
    pane = window.pane("票决")
    pane.new_btn.click()
    views = []
    window.bus.live_view.connect(views.append)
    absent = pane.signin.deputies[0]  # one deputy of 城关代表团 is away
    for d in pane.signin.deputies[1:]:
        pane._on_signin(d.id, True, False)
    assert not pane.signin.split.isHidden()  # a county is offered 分团计票
    assert "城关代表团 9/10" in pane.signin.by_group.text() and "未分团 10/10" in pane.signin.by_group.text()
    assert absent.group_name == "城关代表团"
    pane.signin.split.setChecked(True)
    pane.open_projector()
    pane.toggle_hold()
    pane.signin.start_btn.click()
    assert pane.stack.currentWidget() is pane.ballots and pane.info.delegations is not None
    panel = pane.ballots
    names = [panel.chooser.box.itemText(i) for i in range(panel.chooser.box.count())]
    assert names == ["城关代表团", "涧池代表团", "蒲溪代表团", "未分团"]
    assert not panel.box.isEnabled()  # 城关's box is not counted out yet
    for name in names:
        panel.chooser.box.setCurrentText(name)
        issued = pane.info.delegations[name].issued
        assert panel.collected_spin.value() == issued
        panel.collected_btn.click()  # collected = issued
        panel.setFocus()
        for i in range(issued):
            for key in ("1", "2", "3") if i % 3 else ("1", "4"):
                qtbot.keyClick(panel, key)
            qtbot.keyClick(panel, Qt.Key.Key_Return)
        assert f"本团已录入 {issued} / 收回 {issued} 张" in panel.progress.text()
        assert not panel.box.isEnabled()  # this delegation is counted: the desk moves to the next
        if name == "涧池代表团":
            qtbot.keyClick(panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # 涧池 takes back its last
            assert panel.box.isEnabled()
            for key in ("1", "2"):
                qtbot.keyClick(panel, key)
            qtbot.keyClick(panel, Qt.Key.Key_Return)
    table = panel.delegation_table.model_
    assert [table.index(r, 4).data() for r in range(4)] == ["✔ 已计完"] * 4
    assert views[-1].state == COUNTING and len(views[-1].delegations) == 4 and all(x.done for x in views[-1].delegations)
    assert views[-1].ballots_counted == 39
    pane._on_publish()
    assert pane.info.status == "sealed" and pane.stack.currentWidget() is pane.result
    assert views[-1].state == RESULT and views[-1].result.ballots_collected == 39
    assert len(pane.info.result.chosen) == 3
    assert check_database(db).ok
    pane.projector.resize(1366, 768)
    assert pane.projector.grab().width() == 1366
