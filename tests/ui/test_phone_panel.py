"""扫码表决 in the vote console: start on a chosen address, print the slips, phones vote, 已投/发出 on the console and
the projector, close with the slips not handed out, paper joins the count, and the server stops."""

from __future__ import annotations

import socket

from PySide6.QtWidgets import QFileDialog, QInputDialog

from minsheng_desktop.domain.vote_session import COUNTING
from tests.ui.test_vote_pane import open_vote
from tests.unit.phone_hall import Phone


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_phone_voting_from_the_console(window, qtbot, monkeypatch, tmp_path):
    pane = open_vote(window, monkeypatch)
    views = []
    window.bus.live_view.connect(views.append)
    for d in pane.signin.deputies[:50]:
        pane._on_signin(d.id, True, False)
    assert pane.phone.isHidden()  # only while counting ballot by ballot
    pane.signin.start_btn.click()
    panel = pane.phone
    assert panel.isVisible() and not panel.print_btn.isEnabled()
    loopback = [i for i in range(panel.address.count()) if panel.address.itemData(i) == "127.0.0.1"]
    assert loopback, "the loopback address is offered for trying it on this PC"
    panel.address.setCurrentIndex(loopback[0])
    panel.port.setValue(free_port())
    panel.start_btn.click()
    assert panel.server is not None and panel.server.running and not panel.start_btn.isEnabled()
    assert panel.server.url in panel.url.text() and not panel.qr.pixmap().isNull()
    # The slips: one per deputy present.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "表决票.pdf"), "PDF"))
    panel.print_btn.click()
    assert (tmp_path / "表决票.pdf").read_bytes().startswith(b"%PDF")
    urls = window.services.phone.new_slips(pane.session_id, panel.server.url)  # reprinted: the first set is void
    for url in urls[:3]:
        assert Phone(url).vote({"c1": "y", "c2": "n"})[0] == 200
    panel.refresh()
    assert panel.figures.text() == "已投 3／发出 50"
    pane.show_session()
    assert views[-1].state == COUNTING and views[-1].notes == ("手机投票　已投 3／发出 50",)
    assert all(r.approve == 0 for r in views[-1].rows)  # no running count before the result
    # Closing: 40 slips were not handed out (47 paper ballots went to the others).
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (40, True))
    server = panel.server
    panel.stop_btn.click()
    assert panel.server is None and not server.running
    assert panel.figures.text() == "已投 3／发出 10" and not panel.stop_btn.isEnabled()
    pane.ballots.collected_spin.setValue(47)  # the box: the paper ballots
    pane.ballots.collected_btn.click()
    assert pane.info.ballots_collected == 50 and pane.info.recorded == 3
    assert panel.isHidden()


def test_leaving_the_session_stops_the_server(window, qtbot, monkeypatch):
    pane = open_vote(window, monkeypatch)
    for d in pane.signin.deputies[:50]:
        pane._on_signin(d.id, True, False)
    pane.signin.start_btn.click()
    panel = pane.phone
    panel.address.setCurrentIndex(panel.address.findData("127.0.0.1"))
    panel.port.setValue(free_port())
    panel.start_btn.click()
    server = panel.server
    assert server.running and Phone(server.url + "/").open()[0] == 200
    panel.show_info(None)  # the session left (or sealed, or the app quitting: the same stop)
    assert panel.server is None and not server.running
    pane.show_session()  # back to the session: voting resumes on the same round
    panel.start_btn.click()
    assert panel.server is not None and window.services.phone.figures(pane.session_id).is_open
    panel.stop_server()
    # A panel that goes away with its pane (another database opened) takes its server with it.
    from minsheng_desktop.ui.panes.vote.phone_panel import PhonePanel, vote_target

    other = PhonePanel(window.services.phone, lambda _c: None, pane.ops)
    other.set_target(vote_target(window.services.phone, pane.info))
    other.address.setCurrentIndex(other.address.findData("127.0.0.1"))
    other.port.setValue(free_port())
    other.start()
    server = other.server
    assert server is not None and server.running
    other.deleteLater()
    qtbot.waitUntil(lambda: not server.running, timeout=5000)


def test_scoring_by_phone_from_the_scoring_pane(window, qtbot, monkeypatch, tmp_path, messages):
    from datetime import date

    from PySide6.QtCore import QItemSelectionModel

    sv = window.services
    pids = [p.id for p in sv.projects.projects(2026)[:2]]
    ids, _ = sv.scoring.create_rounds(2026, pids, "手机测评", "代表", date(2026, 11, 21), entry_mode="ballots")
    window.nav.setCurrentRow(6)
    pane = window.pane("测评")
    pane.load()
    panel = pane.phone
    assert panel.isHidden()  # nothing chosen
    rows = [i for i in range(pane.model.rowCount()) if pane.model.row_id(i) in ids]
    sel = pane.view.selectionModel()
    for r in rows:
        sel.select(pane.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert panel.isVisible() and panel.start_btn.text() == "开始手机测评"
    panel.address.setCurrentIndex(panel.address.findData("127.0.0.1"))
    panel.port.setValue(free_port())
    panel.start_btn.click()
    server = panel.server
    assert server is not None and server.running
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (4, True))  # 4 deputies present
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "测评票.pdf"), "PDF"))
    panel.print_btn.click()
    assert (tmp_path / "测评票.pdf").read_bytes().startswith(b"%PDF")
    ids = panel.target.key.split(",")  # the batch in the pane's order (c1, c2 on the phone)
    urls = sv.phone.score.new_slips(ids, server.url, 4)
    for url in urls[:3]:
        assert Phone(url).vote({"c1": "s", "c2": "b"})[0] == 200
    sel.clearSelection()  # looking at other rows while the phones score leaves them scoring
    assert panel.server is server and server.running
    for r in rows:
        sel.select(pane.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    pane.buttons["finish"].click()  # refused: the phones are still scoring
    messages.expect("手机测评尚未结束")
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (1, True))  # one slip not handed out
    panel.stop_btn.click()
    assert panel.server is None and not server.running
    pane.buttons["finish"].click()
    decided = {r.id: r for r in sv.scoring.rounds(2026) if r.id in ids}
    assert decided[ids[0]].verdict == "满意" and decided[ids[0]].counts["satisfied"] == 3
    assert decided[ids[1]].counts["basically"] == 3
