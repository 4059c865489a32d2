"""A damaged (truncated) database file opens to the restore offer instead of a crash; the backup tab works."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from minsheng_desktop.__main__ import open_for_gui
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services import backup_service as B


def test_truncated_file_is_offered_the_newest_good_backup(demo_path, monkeypatch):
    B.backup_now(demo_path, "daily")
    demo_path.write_bytes(demo_path.read_bytes()[:10000])
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes))
    db = open_for_gui(str(demo_path), demo=False)
    try:
        assert asked and "已损坏" in asked[0] and "每日自动备份" in asked[0]
        from minsheng_desktop.services.settings_service import SettingsService

        assert SettingsService(db).load().town.name == "清溪镇"
    finally:
        db.close()


def test_declining_the_offer_says_so_and_touches_nothing(demo_path, monkeypatch):
    B.backup_now(demo_path, "daily")
    damaged = demo_path.read_bytes()[:10000]
    demo_path.write_bytes(damaged)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
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
    assert not window.services.roster.list(query="新来的")  # back to the backup's state
    assert any(b.reason == "before-restore" for b in B.list_backups(window.services.settings.db.path))
