"""Long work off the UI thread, for real (TaskRunner(synchronous=False)): the GUI merge takes the command line's
path (one backup, then one package at a time, with progress); 停止 stops between steps; errors come back in
Chinese; the Changes record is published on the main thread when the work is done."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton, QWidget

from minsheng_desktop.__main__ import make_services
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services import backup_service
from minsheng_desktop.services.changes import DATA, Changes
from minsheng_desktop.services.demo_service import DemoOptions, write_demo
from minsheng_desktop.services.export_service import export_package
from minsheng_desktop.services.settings_service import SettingsService, TownInfo
from minsheng_desktop.storage.db import open_database
from minsheng_desktop.ui.events import EventBus
from minsheng_desktop.ui.main_window import MainWindow
from minsheng_desktop.ui.ops import Ops
from minsheng_desktop.ui.tasks import TaskRunner
from tests.conftest import CLOCK


@pytest.fixture
def ops(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    bus = EventBus()
    published: list[Changes] = []
    bus.changed.connect(published.append)
    return Ops(parent, TaskRunner(synchronous=False), bus), published


def test_work_runs_on_a_worker_and_reports_progress(qtbot, ops):
    runner, published = ops
    main = threading.get_ident()
    seen, go_on = [], threading.Event()

    def work(progress):
        seen.append(threading.get_ident() == main)  # plain ids: no Qt wrapper made on the worker thread
        progress.report(3, 10, "第 3 步")
        go_on.wait(5)
        return Changes.of(DATA, message="完成")

    runner.run(work, label="正在处理……")
    dialog = runner.parent.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: dialog.value() == 3 and dialog.labelText() == "第 3 步", timeout=5000)
    assert not published  # the window kept running while the work waited
    go_on.set()
    qtbot.waitUntil(lambda: bool(published), timeout=5000)
    assert seen == [False] and published[0].message == "完成"


def test_stop_ends_the_work_between_steps(qtbot, ops):
    runner, published = ops
    steps = []

    def work(progress):
        for i in range(200):
            progress.check()
            steps.append(i)
            progress.report(i + 1, 200)
            threading.Event().wait(0.01)
        return Changes.of(message="不该到这里")

    runner.run(work, label="正在处理……", cancellable=True,
               cancelled=lambda: Changes.of(DATA, message=f"已停止，完成 {len(steps)} 步"))
    dialog = runner.parent.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: len(steps) > 3, timeout=5000)
    stop = dialog.findChild(QPushButton)
    assert stop.text() == "停止"
    stop.click()
    qtbot.waitUntil(lambda: bool(published), timeout=5000)
    assert published[0].message.startswith("已停止") and len(steps) < 200


def test_an_error_is_shown_in_chinese(qtbot, ops, messages):
    runner, published = ops

    def work(_progress):
        raise UserError("上报包已损坏", "damaged")

    runner.run(work, label="正在合并……", error_title="未能合并")
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert messages.expect("上报包已损坏", "warning") and not published


def test_gui_merge_backs_up_once_then_merges_in_the_background(qtbot, db, tmp_path, monkeypatch, messages):
    SettingsService(db, CLOCK).create_town(TownInfo("610999", "示范县", "县区", "", "", "", ""), year=2026)
    packages = []
    for i, code in enumerate(("610999201", "610999202")):
        town = open_database(tmp_path / f"{code}.sqlite")
        write_demo(town, DemoOptions(town=f"第{i + 1}镇", code=code, seed=i, years=1), CLOCK)
        packages.append(export_package(town, tmp_path / f"{code}.mspkg").path)
        town.close()
    window = MainWindow(tasks=TaskRunner(synchronous=False))  # the real threaded path
    qtbot.addWidget(window)
    window.show()
    window.attach(make_services(db, CLOCK))
    window.nav.setCurrentRow(7)
    pane = window.pane("汇总")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(p) for p in packages], "")))
    pane.buttons["merge"].click()
    qtbot.waitUntil(lambda: any(title == "合并结果" for _k, title, _t in messages), timeout=60000)
    assert messages.expect("— 已合并（").count("— 已合并（") == 2
    assert pane.town_model.total_rows() == 2  # the pane refreshed from the published Changes
    before_merge = [b for b in backup_service.list_backups(db.path) if b.reason == "before-merge"]
    assert len(before_merge) == 1  # MergeService.merge: one backup first, as the command line takes


def test_attachments_are_added_and_saved_through_the_helper(window, tmp_path, monkeypatch):
    from minsheng_desktop.ui.dialogs.attachments_dialog import AttachmentsDialog

    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 2000)
    row = window.services.intake.proposals(window.year)[0]
    dialog = AttachmentsDialog(window.services.intake, row, window, tasks=window.tasks)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(photo)], "")))
    dialog._on_add()
    assert dialog.changed and any(a.filename == "现场.png" for a in dialog.items)
    out = tmp_path / "另存.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    dialog.list.setCurrentRow([a.filename for a in dialog.items].index("现场.png"))
    dialog._on_save()
    assert out.read_bytes() == photo.read_bytes()
