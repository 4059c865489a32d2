"""The 票决 console driven by keyboard: sign-in by pinyin initials, counting, undo, paper totals, projector, sealing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

import minsheng_desktop.ui.panes.vote_pane as vote_pane
from minsheng_desktop.domain.vote_session import COUNTING, RESULT, SIGNIN
from minsheng_desktop.ui.dialogs.session_dialogs import NewSessionDialog


def open_vote(window, monkeypatch):
    monkeypatch.setattr(NewSessionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(vote_pane, "confirm", lambda *a, **k: True)
    window.nav.setCurrentRow(3)
    pane = window.pane("票决")
    pane.new_btn.click()
    return pane


def test_a_whole_session_by_keyboard(window, qtbot, monkeypatch):
    pane = open_vote(window, monkeypatch)
    views = []
    window.bus.live_view.connect(views.append)
    assert pane.stack.currentWidget() is pane.signin and pane.info.status == "draft"
    first = pane.signin.deputies[0]
    from minsheng_desktop.domain.roster import initials

    pane.signin.search.setText(initials(first.name))
    qtbot.keyClick(pane.signin.search, Qt.Key.Key_Return)  # one keystroke signs the first match in
    assert first.id in pane.info.present
    for d in pane.signin.deputies[1:50]:
        pane._on_signin(d.id, True, False)
    assert views[-1].state == SIGNIN and views[-1].deputies_present == 50
    pane.open_projector()
    assert pane.projector.held  # the hall sees nothing until the officer shows it
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pane.signin.search.setFocus()
    qtbot.keyClick(pane.signin.search, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert not pane.projector.held
    pane.signin.start_btn.click()
    assert pane.stack.currentWidget() is pane.ballots
    pane.ballots.collected_btn.click()  # collected = issued = 50
    panel = pane.ballots
    panel.setFocus()
    for _ in range(49):
        qtbot.keyClick(panel, "1")  # 赞成 for the first candidate
        qtbot.keyClick(panel, "2")
        qtbot.keyClick(panel, "2")  # 反对 for the second
        qtbot.keyClick(panel, Qt.Key.Key_Return)
    qtbot.keyClick(panel, Qt.Key.Key_F2)  # the 50th is spoiled
    assert pane.info.recorded == 50 and "无效（废票）" in panel.last.text()
    qtbot.keyClick(panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the spoiled one
    assert pane.info.recorded == 49
    qtbot.keyClick(panel, "1")
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert views[-1].state == COUNTING and views[-1].rows[0].approve == 50 and views[-1].rows[1].oppose == 49
    qtbot.keyClick(panel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(panel, Qt.Key.Key_Escape)  # Qt keeps the last event's modifiers: let go of Ctrl+Shift
    assert pane.info.status == "sealed" and pane.stack.currentWidget() is pane.result
    assert views[-1].state == RESULT and views[-1].result.chosen == (pane.info.candidates[0].id,)
    pane.projector.resize(1920, 1080)
    img = pane.projector.grab()
    assert img.width() == 1920
    projects = window.services.projects.projects(pane.year)
    assert sum(p.name == pane.info.candidates[0].name for p in projects) >= 1


def test_paper_totals_entered_twice(window, monkeypatch):
    pane = open_vote(window, monkeypatch)
    for d in pane.signin.deputies[:45]:
        pane._on_signin(d.id, True, False)
    pane.signin.mode.setCurrentIndex(1)
    pane.signin.start_btn.click()
    assert pane.stack.currentWidget() is pane.totals
    panel = pane.totals
    panel.collected.setValue(45)
    panel.invalid.setValue(1)
    for r in range(panel.table.rowCount()):
        panel.table.cellWidget(r, 1).setValue(30 if r < 10 else 5)
        panel.table.cellWidget(r, 2).setValue(14 if r < 10 else 39)
    panel.submit_btn.click()
    assert "另一位计票人" in panel.state.text() and panel.entry.currentData() == 2
    for r in range(panel.table.rowCount()):
        panel.table.cellWidget(r, 1).setValue(30 if r < 10 else 5)
        panel.table.cellWidget(r, 2).setValue(14 if r < 10 else 39)
    panel.table.cellWidget(0, 1).setValue(29)
    panel.table.cellWidget(0, 2).setValue(15)
    panel.submit_btn.click()
    assert "不一致" in panel.state.text() and "赞成：30 ≠ 29" in panel.state.text()
    panel.table.cellWidget(0, 1).setValue(30)
    panel.table.cellWidget(0, 2).setValue(14)
    panel.submit_btn.click()
    assert "两次录入一致" in panel.state.text()
    pane.publish_btn.click()
    assert len(pane.info.result.chosen) == 10


def test_below_quorum_cannot_start(window, monkeypatch, messages):
    pane = open_vote(window, monkeypatch)
    for d in pane.signin.deputies[:10]:
        pane._on_signin(d.id, True, False)
    assert not pane.signin.start_btn.isEnabled() and "尚差" in pane.signin.quorum.text()
    pane._on_start("ballots", 10)
    messages.expect("不足法定人数", "warning")


def test_running_count_equals_a_recount_after_undo_and_spoiled(window, qtbot, monkeypatch):
    """The console keeps the counts in memory; after undo (Ctrl+Z) and spoiled ballots (F2) they equal a recount of
    the stored ballots, on the console's table and on the projector's view."""
    from minsheng_desktop.domain.tally import count_ballots

    pane = open_vote(window, monkeypatch)
    views = []
    window.bus.live_view.connect(views.append)
    for d in pane.signin.deputies[:40]:
        pane._on_signin(d.id, True, False)
    pane.signin.start_btn.click()
    pane.ballots.collected_btn.click()
    panel = pane.ballots
    panel.setFocus()
    for i in range(30):
        for key in "1223" if i % 3 else "12":
            qtbot.keyClick(panel, key)
        qtbot.keyClick(panel, Qt.Key.Key_F2 if i % 7 == 3 else Qt.Key.Key_Return)
        if i % 5 == 4:
            qtbot.keyClick(panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # withdraw the last one
    vote = window.services.vote
    info = vote.info(pane.session_id)
    stored = count_ballots(info.candidates, vote.ballots(pane.session_id), info.rules)
    assert info.recorded == pane.info.recorded == 24 == stored.ballots_collected
    assert stored.invalid_ballots > 0
    assert vote.running(pane.session_id).totals() == stored
    fresh = type(vote)(vote.db, vote.clock).running(pane.session_id)  # rebuilt from the database
    assert fresh.totals() == stored
    last = views[-1]
    assert last.ballots_counted == 24 and last.invalid == stored.invalid_ballots
    assert {r.id: (r.approve, r.oppose, r.abstain) for r in last.rows} == {
        cid: (c["Y"], c["N"], c["A"]) for cid, c in stored.counts.items()}
    assert [(r[1], r[2], r[3]) for r in panel.live_view.figures()] == [
        (stored.counts[c.id]["Y"], stored.counts[c.id]["N"], stored.counts[c.id]["A"]) for c in info.candidates]
    assert panel.marks == {} and all(panel.grid.mark_shown(c.id) == "未标记" for c in info.candidates)


def test_a_refused_ballot_keeps_the_running_count(window, monkeypatch):
    """A ballot the service refuses (an unknown mark) writes nothing and leaves the in-memory count in use."""
    from minsheng_desktop.domain.errors import UserError

    pane = open_vote(window, monkeypatch)
    for d in pane.signin.deputies[:40]:
        pane._on_signin(d.id, True, False)
    pane.signin.start_btn.click()
    pane.ballots.collected_btn.click()
    vote = window.services.vote
    first = pane.ballots.candidates[0].id
    vote.record_ballot(pane.session_id, {first: "Y"})
    run = vote.running(pane.session_id)
    try:
        vote.record_ballot(pane.session_id, {first: "X"})
    except UserError:
        pass
    else:
        raise AssertionError("an unknown mark must be refused")
    assert vote.running(pane.session_id) is run and run.recorded == 1
    vote.record_ballot(pane.session_id, {first: "N"})
    assert run.recorded == 2 and vote.info(pane.session_id).recorded == 2
