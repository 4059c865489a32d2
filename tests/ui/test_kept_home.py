"""The kept home page is painted before the database opens, then replaced by the live one (issue 13)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLabel

from minsheng_desktop.__main__ import _close_keeping_home, make_services
from minsheng_desktop.services import home_snapshot
from minsheng_desktop.storage.db import open_database
from minsheng_desktop.ui.main_window import MainWindow
from minsheng_desktop.ui.tasks import TaskRunner
from tests.conftest import CLOCK, TODAY


def test_the_kept_page_shows_at_once_and_the_live_one_replaces_it(qtbot, demo_db, demo_path):
    live = make_services(demo_db, CLOCK).overview.home(2026)
    window = MainWindow(tasks=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    old = replace(live, town="清溪镇（上次）", proposals_total=live.proposals_total + 99)
    window.show_kept_home(old)
    home = window.current_pane()
    assert home.cards["proposals"].value.text() == f"{old.proposals_total} 件"
    assert "正在打开数据库" in window.statusBar().currentMessage()
    assert window.services is None  # nothing of the database layer was needed to show it

    window.attach(make_services(demo_db, CLOCK))
    assert window.current_pane() is home
    assert home.cards["proposals"].value.text() == f"{live.proposals_total} 件"  # the live figures took over
    assert home.findChild(QLabel, "paneTitle").text().startswith(live.town)
    assert window.statusBar().currentMessage() == ""


def test_closing_keeps_the_page_the_next_start_shows(qtbot, demo_db, demo_path, tmp_path, monkeypatch):
    monkeypatch.setattr(home_snapshot, "data_dir", lambda: tmp_path)
    window = MainWindow(tasks=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.attach(make_services(demo_db, CLOCK))
    live = window.services.overview.home(window.year)
    _close_keeping_home(window, demo_db, str(demo_path), CLOCK)
    assert home_snapshot.load(demo_path, TODAY) == live

    reopened = open_database(demo_path)  # a change made after the close: the kept page no longer tells the truth
    make_services(reopened, CLOCK).settings.set_current_year(2025)
    reopened.close()
    assert home_snapshot.load(demo_path, TODAY) is None
