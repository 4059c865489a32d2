"""Canaries for the Qt binding the app runs on.

PySide6 6.12.0 under Python 3.11 takes a reference to None away on every QPainter call that returns nothing
(drawLine, setPen, fillRect…): after a few thousand of them None is freed and Python aborts ("Fatal Python error:
none_dealloc"). A real 120-ballot count died around ballot 94 that way, which is why pyproject pins
PySide6-Essentials below 6.12. These tests notice such a binding before the secretary does: one counts None's
references around 5,000 paint calls (in a child process, so a crash fails this test rather than ending the
suite); the other runs a whole 120-ballot count through the vote console with the projector open.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

import minsheng_desktop.ui.panes.vote_pane as vote_pane
from minsheng_desktop.services.demo_service import DemoOptions, write_demo
from minsheng_desktop.storage.db import open_database
from minsheng_desktop.ui.dialogs.session_dialogs import NewSessionDialog
from minsheng_desktop.ui.panes.vote.ballot_panel import KEYS
from tests.conftest import CLOCK
from tests.ui.conftest import make_window

CALLS = 5000
PAINT = textwrap.dedent(f"""
    import gc, sys
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen
    import PySide6

    app = QGuiApplication([])
    image = QImage(640, 360, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    p = QPainter(image)
    pens = [QPen(QColor("#1e5631"), 2), QPen(QColor("#8c1d18"), 1)]
    colour, rect, point = QColor("#dbe7f5"), QRect(10, 10, 120, 40), QPoint(20, 30)
    gc.collect()
    before = sys.getrefcount(None)
    for i in range({CALLS // 5}):  # five void calls a round
        p.setPen(pens[i % 2])
        p.drawLine(0, i % 360, 640, 360 - i % 360)
        p.drawRect(rect)
        p.fillRect(rect, colour)
        p.drawText(point, "赞成")
    after = sys.getrefcount(None)
    p.end()
    print(PySide6.__version__, before, after)
""")


def test_void_painter_calls_leave_none_alone():
    out = subprocess.run([sys.executable, "-c", PAINT], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    counts = out.stdout.split()
    assert len(counts) == 3, f"painting {CALLS} times crashed the interpreter:\n{out.stderr[-2000:]}"
    version, before, after = counts
    lost = int(before) - int(after)
    assert lost < 100, (f"PySide6 {version}: {CALLS} void QPainter calls took {lost} references from None; this "
                        "binding will abort a long count (keep PySide6-Essentials below the broken release)")
    assert out.returncode == 0, out.stderr[-2000:]


@pytest.fixture
def big_town(tmp_path):
    """The demo town with 120 deputies in office (two more left mid-term)."""
    db = open_database(tmp_path / "big.sqlite")
    write_demo(db, DemoOptions(years=1, deputies=122), CLOCK)
    yield db
    db.close()


def test_a_120_ballot_count_with_the_projector_open(qtbot, big_town, monkeypatch):
    started = time.monotonic()
    monkeypatch.setattr(NewSessionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(vote_pane, "confirm", lambda *a, **k: True)
    window = make_window(qtbot, big_town)
    window.nav.setCurrentRow(3)
    pane = window.pane("票决")
    pane.new_btn.click()
    vote = window.services.vote
    deputies = window.services.roster.deputies(include_retired=False)
    assert len(deputies) == 120
    for d in deputies:
        vote.sign_in(pane.session_id, d.id)
    pane.show_session()
    pane.open_projector()
    pane.toggle_hold()  # show the hall
    painted = []
    paint = pane.projector.painter.paint
    monkeypatch.setattr(pane.projector.painter, "paint", lambda *a: painted.append(1) or paint(*a))
    pane.signin.start_btn.click()
    panel = pane.ballots
    panel.collected_btn.click()  # collected = issued = 120
    candidates = pane.info.candidates
    assert pane.info.ballots_collected == 120 and len(candidates) >= 10
    expected = {c.id: [0, 0, 0] for c in candidates}  # 赞成, 反对, 弃权
    panel.setFocus()
    for n in range(120):
        for j, c in enumerate(candidates):
            presses = 1 + (n + j) % 3  # one press 赞成, two 反对, three 弃权: at most a third approve, so all valid
            expected[c.id][presses - 1] += 1
            for _ in range(presses):
                qtbot.keyClick(panel, KEYS[j])
        qtbot.keyClick(panel, Qt.Key.Key_Return)
        QApplication.processEvents()  # the projector repaints after every ballot, as in the hall
    assert pane.info.recorded == 120 and pane.info.status == "counting"
    view = pane.projector.view
    assert view.ballots_counted == 120 and view.invalid == 0
    assert {r.id: [r.approve, r.oppose, r.abstain] for r in view.rows} == expected
    assert not pane.projector.held and len(painted) >= 120
    image = pane.projector.grab().toImage()
    assert image.width() > 0 and len({image.pixel(x, image.height() // 2) for x in range(0, image.width(), 7)}) > 2
    assert time.monotonic() - started < 60
