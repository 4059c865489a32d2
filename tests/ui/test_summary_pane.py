"""汇总 in county mode: merging packages by the GUI, the per-town view, drill-down, accepting a changed key."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

import minsheng_desktop.ui.panes.summary_pane as summary_pane
from minsheng_desktop.services.demo_service import DemoOptions, write_demo
from minsheng_desktop.services.export_service import export_package
from minsheng_desktop.services.settings_service import SettingsService, TownInfo
from minsheng_desktop.storage.db import open_database
from tests.conftest import CLOCK
from tests.ui.conftest import make_window


def test_county_merges_and_drills_down(qtbot, db, tmp_path, monkeypatch, messages):
    SettingsService(db, CLOCK).create_town(TownInfo("610999", "示范县", "县区", "", "", "", ""), year=2026)
    pkgs = []
    for i, code in enumerate(("610999201", "610999202")):
        town = open_database(tmp_path / f"{code}.sqlite")
        write_demo(town, DemoOptions(town=f"第{i + 1}镇", code=code, seed=i, years=1), CLOCK)
        pkgs.append(export_package(town, tmp_path / f"{code}.mspkg").path)
        town.close()
    window = make_window(qtbot, db)
    window.nav.setCurrentRow(7)
    pane = window.pane("汇总")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (pkgs + pkgs[:1], "")))
    pane.buttons["merge"].click()
    text = messages.expect("— 已合并（")
    assert text.count("— 已合并（") == 2 and "无变化" in text and "签名指纹" in text
    assert pane.town_model.total_rows() == 2 and "2 个乡镇" in pane.total.text()
    assert pane.chart.items()
    dialogs = []
    monkeypatch.setattr(summary_pane.TownDialog, "exec", lambda self: dialogs.append(self) or 0)
    pane._on_drill(pane.town_model.index(0, 0))
    assert dialogs and dialogs[0].windowTitle().startswith("第1镇")
    out = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    pane.buttons["report"].click()
    assert out.read_bytes().startswith(b"PK")
