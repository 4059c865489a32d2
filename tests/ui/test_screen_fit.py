"""The window fits the office's screens: every pane's buttons, the year selector and the status bar are on screen
at 1366×728 (a 1366×768 laptop with a 40 px taskbar) and 1280×720 (1920×1080 at 150 %), in the app's real style;
the vote console shows the ballot and the running counts together; a remembered place is used only if it fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QPushButton

from minsheng_desktop.ui import screen_fit
from tests.ui.conftest import make_window

SIZES = [(1366, 728), (1280, 720)]


@pytest.fixture
def house_style(qapp):
    """The app's font, style sheet, style and Chinese translations, as create_app sets them; undone afterwards."""
    from minsheng_desktop.ui.app import create_app

    before = (qapp.styleSheet(), qapp.style().name(), QFont(qapp.font()), QLocale())
    app = create_app(["minsheng-test"])
    yield app
    for translator in getattr(app, "_minsheng_translators", ()):
        app.removeTranslator(translator)
    app.setStyleSheet(before[0])
    app.setStyle(before[1])
    app.setFont(before[2])
    QLocale.setDefault(before[3])


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def outside(window) -> list[str]:
    """Visible buttons of the shown page whose rectangle is not wholly inside the window and every ancestor."""
    page = window.stack.currentWidget()
    bad = []
    for button in page.findChildren(QPushButton):
        if not button.isVisibleTo(window) or not button.text():
            continue
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        if not window.rect().contains(rect) or screen_fit.cut_off(button, window):
            bad.append(f"{button.text()} at {rect.getRect()}")
    return bad


def sized(qtbot, db, size):
    window = make_window(qtbot, db)
    window.setGeometry(0, 0, *size)
    settle()
    assert (window.width(), window.height()) == size
    return window


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_pane_and_tab_keeps_its_buttons_on_screen(qtbot, demo_db, house_style, size):
    window = sized(qtbot, demo_db, size)
    window.show_start_page()
    settle()
    assert outside(window) == [] and screen_fit.clipped(window) == []
    seen = 0
    for row, (name, pane) in enumerate(window.panes):
        window.nav.setCurrentRow(row)
        settle()
        tabs = getattr(pane, "tabs", None)
        for i in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(i)
                settle()
            where = name + (f" › {tabs.tabText(i)}" if tabs is not None else "")
            assert outside(window) == [], where
            assert screen_fit.clipped(window) == [], where  # also the year selector and the status bar
            seen += sum(1 for b in window.stack.currentWidget().findChildren(QPushButton)
                        if b.isVisibleTo(window) and b.text())
    assert seen > 60  # the check looked at real, labelled buttons


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_vote_console_shows_ballot_and_running_counts_together(qtbot, demo_db, house_style, size):
    window = sized(qtbot, demo_db, size)
    window.nav.setCurrentRow(3)
    pane = window.pane("票决")
    sid, changes = pane.vote.create(window.year, "截图票决")
    pane.session_id = sid
    window.bus.publish(changes)
    for d in pane.roster.deputies(include_retired=False)[:45]:
        pane.vote.sign_in(sid, d.id)
    pane.refresh()
    settle()
    assert outside(window) == []
    assert pane.signin.list.viewport().height() > 12 * pane.signin.list.sizeHintForRow(0)
    pane._on_start("ballots", 45)
    pane._act(lambda: pane.vote.declare_collected(sid, 45))
    settle()
    ballots = pane.ballots
    assert outside(window) == []
    assert ballots.box.isVisibleTo(window) and not screen_fit.cut_off(ballots.box, window)
    rows = ballots.live_view.visible_rows()
    assert rows >= 10, rows  # the running counts, not one row under the ballot
    assert ballots.live_view.mapTo(window, QPoint(0, 0)).x() > ballots.box.mapTo(window, QPoint(0, 0)).x()


def test_supervision_lists_hold_a_room_of_deputies(qtbot, demo_db, house_style):
    window = sized(qtbot, demo_db, (1366, 728))
    window.nav.setCurrentRow(5)
    pane = window.pane("监督")
    pane.view.selectRow(0)
    settle()
    people = pane.people_list
    assert people.viewport().height() // people.sizeHintForRow(0) >= 12
    first_unchecked = next(i for i in range(people.count()) if people.item(i).checkState() != Qt.CheckState.Checked)
    item = people.item(first_unchecked)
    pane.people_filter.setText(item.data(Qt.ItemDataRole.UserRole + 1))  # pinyin initials, as at sign-in
    pane.people_filter.returnPressed.emit()
    assert item.checkState() == Qt.CheckState.Checked and pane.people_filter.text() == ""
    assert f"已勾选 {sum(1 for i in range(people.count()) if people.item(i).checkState() == Qt.CheckState.Checked)}" \
        in pane.people_count.text()
    pane.details.setCurrentIndex(1)
    settle()
    projects = pane.project_list
    assert projects.viewport().height() // projects.sizeHintForRow(0) >= 12


def test_minimum_size_fits_a_scaled_full_hd_screen(qtbot, demo_db):
    window = make_window(qtbot, demo_db)
    assert window.minimumSize().width() < 1280 and window.minimumSize().height() < 680
    window.resize(window.minimumSize())
    for row in range(len(window.panes)):
        window.nav.setCurrentRow(row)  # smaller than a pane needs: it scrolls, nothing is squeezed shut
        settle()


def test_opens_inside_the_available_area_or_where_it_was():
    laptop = QRect(0, 0, 1366, 728)
    rect, maximised = screen_fit.plan(None, False, [laptop], laptop)
    assert maximised and laptop.contains(rect.marginsAdded(screen_fit.FRAME))
    big = QRect(0, 0, 1920, 1040)
    rect, maximised = screen_fit.plan(None, False, [big], big)
    assert not maximised and rect.size() == screen_fit.DEFAULT and big.contains(rect)
    saved = QRect(100, 80, 1100, 640)
    assert screen_fit.plan(saved, False, [laptop], laptop) == (saved, False)
    on_second_monitor = QRect(1500, 100, 1200, 700)
    assert screen_fit.plan(on_second_monitor, False, [laptop], laptop)[0] != on_second_monitor  # monitor gone
    too_tall = QRect(0, 0, 1280, 800)
    assert screen_fit.plan(too_tall, False, [laptop], laptop) == screen_fit.plan(None, False, [laptop], laptop)


def test_size_and_place_are_remembered_per_pc(qtbot, demo_db):
    window = make_window(qtbot, demo_db)
    window.setGeometry(40, 50, 1000, 620)
    screen_fit.remember(window)
    assert QSettings().value(screen_fit.RECT_KEY) == QRect(40, 50, 1000, 620)
    assert QSettings().value(screen_fit.MAXIMISED_KEY, type=bool) is False


def test_long_candidate_names_keep_two_lines_each_on_the_ballot(qtbot):
    """30 long names in three columns on a laptop: each name gets two whole lines (the last cut with …), the full
    name is its tooltip, and no two names overprint (a squeezed word-wrapped label used to)."""
    from minsheng_desktop.domain.tally import Candidate
    from minsheng_desktop.ui.panes.vote.ballot_panel import BallotPanel
    from minsheng_desktop.ui.widgets import ClampedLabel

    panel = BallotPanel()
    qtbot.addWidget(panel)
    panel.resize(1180, 560)
    names = [f"第{i + 1}项：县城老旧小区改造及配套设施提升工程（含雨污分流和停车位）" for i in range(30)]
    panel.set_candidates([Candidate(f"c{i}", n) for i, n in enumerate(names)], "approve_oppose_abstain")
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(20)  # the new rows are laid out
    grid = panel.grid
    assert grid.height() >= grid.minimumSizeHint().height()  # every row has its room
    line = grid.fontMetrics().lineSpacing()
    for i, name in enumerate(names):
        cell = grid.cell(i)
        assert cell.name.height() >= 2 * line and grid.rect().contains(cell.name) and grid.rect().contains(cell.mark)
        assert grid.index_at(cell.name.center().x(), cell.name.center().y()) == i  # its tooltip is its name
        shown = grid.shown_lines(i)
        assert len(shown) == 2 and shown[-1].endswith("…") and name.startswith(shown[0])
        assert not cell.name.intersects(cell.mark) and not cell.name.intersects(cell.key)
    tops = sorted((grid.cell(i).name.x(), grid.cell(i).name.y()) for i in range(30))
    for (x1, y1), (x2, y2) in zip(tops, tops[1:], strict=False):
        assert x1 != x2 or y2 - y1 >= 2 * line  # in one column, each name starts below the last one's two lines
    assert ClampedLabel("第1项：路灯").shown_lines() != []
