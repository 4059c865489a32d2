"""The vote console repaints only what a ballot changed (the marks keyed or cleared, the figures that moved): after
any run of ballots, what the teller sees must be exactly what a whole repaint draws — a mark left from the last
ballot, a stale figure, a name overdrawn: caught here. And the words a cell shows follow the keys pressed."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from minsheng_desktop.domain.tally import ABSTAIN, APPROVE, OPPOSE, Candidate
from minsheng_desktop.ui.panes.vote.ballot_grid import BallotGrid
from minsheng_desktop.ui.panes.vote.ballot_panel import KEYS, BallotPanel
from minsheng_desktop.ui.panes.vote.live_counts import LiveCounts


def shown(widget, qtbot) -> QImage:
    """The pixels the window's backing store holds (what the screen shows), not a fresh render."""
    qtbot.wait(1)  # let the queued partial updates paint
    pix = widget.screen().grabWindow(widget.winId())
    return pix.toImage().convertToFormat(QImage.Format.Format_RGB32).copy(0, 0, widget.width(), widget.height())


def fresh(widget) -> QImage:
    """What a whole repaint of the widget draws now."""
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def on_screen(qtbot, widget, width: int, height: int):
    """``widget`` as its own window of that size, shown and exposed."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def candidates(n: int) -> list[Candidate]:
    return [Candidate(f"c{i}", f"第{i + 1}个候选项目：村组道路硬化及安全防护设施建设") for i in range(n)]


def test_the_ballot_grid_after_many_ballots_equals_a_whole_repaint(qtbot):
    grid = BallotGrid()
    qtbot.addWidget(grid)
    cands = candidates(30)
    grid.set_candidates(cands, list(KEYS[:30]), "approve_oppose_abstain")
    grid.resize(1000, grid.minimumSizeHint().height())
    grid.show()
    qtbot.waitExposed(grid)
    rng = random.Random(7)
    for n in range(1, 25):
        marks = {c.id: rng.choice((APPROVE, OPPOSE, ABSTAIN)) for c in rng.sample(cands, rng.randrange(0, 25))}
        grid.set_marks(marks)
        assert all(grid.mark_shown(c.id) == {APPROVE: "赞成", OPPOSE: "反对", ABSTAIN: "弃权"}.get(
            marks.get(c.id), "未标记") for c in cands)
        if n % 6 == 0:
            assert shown(grid, qtbot) == fresh(grid), f"ballot {n}"
        grid.set_marks({})  # Enter: the next ballot starts blank
    assert shown(grid, qtbot) == fresh(grid)


def test_the_running_counts_after_many_ballots_equal_a_whole_repaint(qtbot):
    view = on_screen(qtbot, LiveCounts(), 420, 400)
    rng = random.Random(3)
    counts = [[0, 0, 0] for _ in range(30)]
    names = [c.name for c in candidates(30)]
    view.show_rows([(n, 0, 0, 0, "") for n in names])
    for ballot in range(1, 40):
        for row in counts:
            row[rng.choice((0, 0, 1, 2))] += 1
        view.show_rows([(n, a, o, b, "✔" if a > 20 else "") for n, (a, o, b) in zip(names, counts, strict=True)])
        if ballot == 20:
            view.verticalScrollBar().setValue(5 * view.row_height())  # scrolled down mid-count
        if ballot % 7 == 0:
            assert shown(view, qtbot) == fresh(view), f"ballot {ballot}"
    assert [r[1:4] for r in view.figures()] == [tuple(r) for r in counts]
    assert view.visible_rows() >= 12


def test_keys_mark_the_ballot_and_enter_clears_it(qtbot):
    panel = BallotPanel()
    qtbot.addWidget(panel)
    cands = candidates(12)
    panel.set_candidates(cands, "approve_oppose_abstain")
    panel.show_progress(0, 10, 10)
    recorded = []
    panel.record.connect(lambda marks, spoiled: recorded.append((marks, spoiled)))
    panel.record.connect(panel.clear)  # as the pane does once the ballot is recorded
    panel.show()
    panel.setFocus()
    qtbot.keyClicks(panel, "1" + "22" + "333" + "4444")  # 赞成, 反对, 弃权, back to 未标记
    assert [panel.grid.mark_shown(c.id) for c in cands[:5]] == ["赞成", "反对", "弃权", "未标记", "未标记"]
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert recorded == [({"c0": APPROVE, "c1": OPPOSE, "c2": ABSTAIN}, False)]
    assert panel.marks == {} and all(panel.grid.mark_shown(c.id) == "未标记" for c in cands)
    where = panel.grid.geometry().translated(panel.grid.parentWidget().mapTo(panel, panel.grid.pos()) - panel.grid.pos())
    assert shown(panel, qtbot).copy(where) == fresh(panel).copy(where)  # no mark left over from the last ballot


def test_choose_up_to_n_shows_a_tick_or_nothing(qtbot):
    grid = BallotGrid()
    qtbot.addWidget(grid)
    cands = candidates(3)
    grid.set_candidates(cands, list(KEYS[:3]), "choose_up_to_n")
    grid.set_marks({"c1": APPROVE})
    assert [grid.mark_shown(c.id) for c in cands] == ["", "✔ 选", ""]


def test_the_delegations_table_lays_its_own_ground(qtbot):
    """分团计票: the table paints its white ground itself (so a changed 已计 cell repaints alone): below the last
    delegation it is white, and after many ballots it equals a whole repaint."""
    from PySide6.QtGui import QColor

    from minsheng_desktop.domain.vote_session import DelegationLine
    from minsheng_desktop.ui.panes.vote.delegation_panel import DelegationTable

    table = on_screen(qtbot, DelegationTable(), 420, 170)
    names = ["城关镇代表团", "涧池镇代表团", "蒲溪镇代表团"]
    for n in range(0, 25):
        table.show_lines([DelegationLine(d, 9, 9, min(9, n // (i + 1)), n // (i + 1) >= 9) for i, d in enumerate(names)])
        if n % 8 == 0:
            assert shown(table, qtbot) == fresh(table), f"ballot {n}"
    image = shown(table, qtbot)
    vp = table.viewport().geometry()
    assert QColor(image.pixel(vp.center().x(), vp.bottom() - 3)) == QColor("white")


def test_a_cut_name_in_the_running_counts_shows_whole_in_its_tooltip(qtbot):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    view = on_screen(qtbot, LiveCounts(), 300, 300)
    name = "新建“家门口”就业服务站、零工驿站及配套设施提升工程"
    view.show_rows([(name, 1, 0, 0, "")])
    first_row = QPoint(20, 40)  # below the 30-pixel header: the first row
    handled = view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, first_row, view.viewport().mapToGlobal(first_row)))
    assert handled and QToolTip.text() == name
