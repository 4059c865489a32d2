"""扫描计票 in the vote console (issue 18): read scans off the UI thread, uncertain ballots first, the tellers confirm
or correct with the keys of keyboard entry, and confirmed ballots land in the console's count like keyed ones."""

from __future__ import annotations

import os
import random

import cv2
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

import minsheng_desktop.ui.panes.vote_pane as vote_pane
from minsheng_desktop.domain.vocabulary import SheetStatus
from minsheng_desktop.services.report_service import ReportService
from minsheng_desktop.ui.panes.vote import scan_dialog
from minsheng_desktop.ui.panes.vote.scan_dialog import ScanDialog
from minsheng_desktop.ui.screen_fit import cut_off
from tests.conftest import CLOCK
from tests.scanset import generator as gen
from tests.scanset.evaluate import counting_session

SHOTS = os.environ.get("MINSHENG_SHOTS")  # a folder: the confirmation screen is saved there to be looked at


def _scans(db, sid, tmp_path):
    from minsheng_desktop.services.scan_service import ScanService

    scan = ScanService(db, CLOCK)
    page = gen.render(ReportService(db, CLOCK).write_vote("ballots", sid, tmp_path / "b.pdf", copies=1))[0]
    spots = scan._plan(sid, "A4").spots[0]
    rng = random.Random(9)
    files = []
    for n, (marks, noise) in enumerate([({0: (0, "tick"), 1: (1, "cross")}, []),
                                        ({0: (0, "tick"), 3: (2, "circle")}, [(3, 0, "fill")]),
                                        ({2: (0, "fill")}, [])]):
        img, _how = gen.distort(gen.mark_page(page, spots, marks, rng, noise), rng, 150, flip=n == 2)
        path = tmp_path / f"scan{n}.png"
        cv2.imwrite(str(path), img)
        files.append(str(path))
    return files


def test_scan_confirm_and_record_from_the_console(window, qtbot, monkeypatch, tmp_path, demo_db):
    sid = counting_session(demo_db, CLOCK)
    pane = window.pane("票决")
    window.nav.setCurrentRow(3)
    pane.load()
    pane.session_id = sid
    pane.show_session()
    pane.ballots.collected_spin.setValue(3)  # three ballots came out of the box
    pane.ballots.collected_btn.click()
    assert pane.scan_btn.isEnabled()
    files = _scans(demo_db, sid, tmp_path)
    shown: list[ScanDialog] = []
    monkeypatch.setattr(ScanDialog, "exec", lambda self: shown.append(self) or 0)
    monkeypatch.setattr(scan_dialog.QFileDialog, "getOpenFileNames", lambda *a, **k: (files, ""))
    pane.scan_btn.menu().actions()[0].trigger()  # choose files → read in the background → confirm
    (dialog,) = shown
    qtbot.addWidget(dialog)
    dialog.resize(1366 - 40, 768 - 40 - 31 - 20)  # a 1366×768 laptop less its taskbar and the title bar
    dialog.show()
    assert dialog.height() <= 768 - 40 - 31  # fits a 1366×768 laptop with its taskbar and the title bar
    assert not [b.text() for b in dialog.findChildren(QPushButton) if cut_off(b, dialog)]
    assert [b.status for b in dialog.ballots] == [SheetStatus.UNCERTAIN, SheetStatus.READ, SheetStatus.READ]
    assert "第 4 项" in dialog.why.text() and dialog.image.pixmap() is not None
    ids = [c.id for c in pane.info.candidates]
    assert dialog.marks.get(ids[3]) == "A"  # two marks in a row: the ballot's own rule suggested, not recorded
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "scan-confirm.png"))
    qtbot.keyClick(dialog, "4")  # 弃权 → 未标记 → 赞成: the teller reads the paper and corrects
    qtbot.keyClick(dialog, "4")
    assert dialog.marks[ids[3]] == "Y"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert pane.info.recorded == 1 and dialog.done_rows[0] == "已录入"
    assert dialog.current == 1  # on to the next one
    dialog.all_btn.click()
    assert pane.info.recorded == 3 and not dialog.all_btn.isEnabled()
    live = pane.vote.live(sid)
    assert live.ballots_counted == 3 and live.rows[0].approve == 2  # the console's (and projector's) count
    stored = pane.vote.ballots(sid)
    assert stored[0].marks[ids[3]] == "Y" and stored[2].marks == {ids[2]: "Y"}
    dialog.accept()
    monkeypatch.setattr(vote_pane, "confirm", lambda *a, **k: True)
    pane._on_publish()  # sealed like any counted session
    assert pane.info.status == "sealed" and pane.info.result.ballots_collected == 3
