"""A damaged (truncated) database file opens to the restore offer instead of a crash; the backup tab works."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from minsheng_desktop.__main__ import open_for_gui
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services import backup_service as B
from minsheng_desktop.services.settings_service import SettingsService
from tests.conftest import CLOCK


def test_truncated_file_is_offered_the_newest_good_backup(demo_path, monkeypatch):
    B.backup_now(demo_path, "daily")
    demo_path.write_bytes(demo_path.read_bytes()[:10000])
    asked = []
    monkeypatch.setattr("minsheng_desktop.ui.feedback.confirm",
                        lambda *a, **k: asked.append((a[2], k["ok"])) or True)
    db = open_for_gui(str(demo_path), demo=False)
    try:
        assert asked and "已损坏" in asked[0][0] and "每日自动备份" in asked[0][0] and asked[0][1] == "用该备份恢复"
        assert SettingsService(db).load().town.name == "清溪镇"
    finally:
        db.close()


def test_declining_the_offer_says_so_and_touches_nothing(demo_path, monkeypatch):
    B.backup_now(demo_path, "daily")
    damaged = demo_path.read_bytes()[:10000]
    demo_path.write_bytes(damaged)
    monkeypatch.setattr("minsheng_desktop.ui.feedback.confirm", lambda *a, **k: False)
    with pytest.raises(UserError, match="未恢复"):
        open_for_gui(str(demo_path), demo=False)
    assert demo_path.read_bytes() == damaged


def test_backup_tab_lists_and_restores(window, monkeypatch):
    window.nav.setCurrentRow(8)
    pane = window.pane("设置")
    tab = pane.backup_tab
    B.backup_now(window.services.settings.db.path, "manual")
    tab.refresh()
    assert tab.model.total_rows() >= 1 and "手动备份" in tab.model.data(tab.model.index(0, 1))
    monkeypatch.setattr("minsheng_desktop.ui.panes.settings.backup_tab.confirm", lambda *a, **k: True)
    window.services.roster.add(__import__("minsheng_desktop.domain.roster", fromlist=["DeputyInput"]).DeputyInput("新来的"))
    tab.view.selectRow(0)
    tab.buttons["restore"].click()
    assert not window.services.roster.deputies(query="新来的")  # back to the backup's state
    assert any(b.reason == "before-restore" for b in B.list_backups(window.services.settings.db.path))


def test_an_empty_file_with_backups_is_offered_the_newest_good_backup(demo_path, monkeypatch):
    """A 0-byte file once opened as a first run (asking for a new town) although its backups were beside it."""
    B.backup_now(demo_path, "daily")
    demo_path.write_bytes(b"")
    asked = []
    monkeypatch.setattr("minsheng_desktop.ui.feedback.confirm", lambda *a, **k: asked.append(a[2]) or True)
    db = open_for_gui(str(demo_path), demo=False, clock=CLOCK)
    try:
        assert asked and "空的" in asked[0] and "每日自动备份" in asked[0]
        assert SettingsService(db, CLOCK).load().town.name == "清溪镇"
    finally:
        db.close()
    assert list(demo_path.parent.glob("demo.损坏-*.sqlite"))  # the empty file is kept aside, not deleted


def test_an_empty_file_with_no_backups_is_a_first_run(tmp_path, monkeypatch):
    path = tmp_path / "new.sqlite"
    path.write_bytes(b"")  # e.g. the very first start cut short: nothing was ever in it
    monkeypatch.setattr("minsheng_desktop.ui.feedback.confirm", lambda *a, **k: pytest.fail("asked to restore"))
    db = open_for_gui(str(path), demo=True, clock=CLOCK)
    try:
        assert SettingsService(db, CLOCK).has_town()
    finally:
        db.close()


def test_the_next_start_removes_partial_backups_left_by_an_interrupted_one(demo_path):
    folder = B.backup_folder(demo_path)
    B.backup_now(demo_path, "daily")  # so no new daily backup is taken: the start itself cleans up
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    left = [folder / f"demo.before-seal.20261120-090000-1.sqlite.x1y2.minsheng-{proc.pid}.part",
            folder / "demo.before-merge.20261119-090000-1.sqlite.part",  # from an older version
            demo_path.parent / "demo.sqlite.part"]
    foreign = [folder / "下载.iso.part", demo_path.parent / "other.sqlite.part"]
    for path in left + foreign:
        path.write_bytes(b"x" * 4096)
        os.utime(path, (path.stat().st_mtime - 600,) * 2)
    db = open_for_gui(str(demo_path), demo=False, clock=CLOCK)
    db.close()
    assert not [p for p in left if p.exists()] and all(p.exists() for p in foreign)
