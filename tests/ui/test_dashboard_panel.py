"""汇总 › 看板 driven like the county's staff would: read the year, click a number, see the rows behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from minsheng_desktop.domain.vocabulary import Light
from minsheng_desktop.storage.db import open_database
from minsheng_desktop.ui.panes.county.dashboard_panel import COLUMNS
from tests.county_fixture import county_copy
from tests.ui.conftest import make_window


def _column(header: str) -> int:
    return 1 + [h for h, _m, _g in COLUMNS].index(header)


def _click(qtbot, panel, row: int, col: int) -> None:
    index = panel.model.index(row, col)
    rect = panel.view.visualRect(index)
    panel.view.scrollTo(index)
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_dashboard_drills_down_from_a_number(qtbot, tmp_path):
    db = open_database(county_copy(tmp_path, "县区"))
    try:
        window = make_window(qtbot, db)
        window.go_to("汇总")
        pane = window.pane("汇总")
        panel = pane.board
        assert pane.tabs.currentWidget() is panel and panel.year.value() == 2026
        board = panel.board
        assert panel.model.rowCount() == 2 + len(board.towns)  # 全县合计, 县本级 (its own vote), the towns
        assert panel.model.index(0, 0).data() == "全县合计" and panel.model.index(1, 0).data() == "县本级"
        red_col = _column("红灯")
        assert panel.model.index(0, red_col).data() == str(board.total.lights[Light.RED])
        assert panel.cards["red"].value.text().startswith(f"{board.total.lights[Light.RED]} /")
        assert "上年" in panel.cards["projects"].detail.text()
        assert panel.light_chart.rows() and panel.rate_chart.items()
        row = 2 + next(i for i, t in enumerate(board.towns) if t.lights[Light.RED])
        town = board.towns[row - 2]
        _click(qtbot, panel, row, red_col)
        dialog = panel.opened
        assert dialog is not None and dialog.isVisible()
        assert town.name in dialog.windowTitle() and "红灯项目" in dialog.windowTitle()
        assert dialog.model.rowCount() == town.lights[Light.RED]
        assert dialog.view.editTriggers() == dialog.view.EditTrigger.NoEditTriggers  # read-only
        dialog.close()
        _click(qtbot, panel, 0, _column("建议"))
        assert panel.opened.model.total_rows() == board.total.proposals
        panel.opened.close()
        votes = next(h for h, m, _g in COLUMNS if m == "votes")
        _click(qtbot, panel, 1, _column(votes))  # 县本级: the county's own vote, counted by delegation
        assert panel.opened.model.total_rows() == 1 and "县本级" in panel.opened.windowTitle()
        panel.opened.close()
        panel.year.setValue(2025)  # the year selector: last year's projects are all done
        assert panel.board.year == 2025 and panel.board.total.lights[Light.BLUE] == panel.board.total.projects
    finally:
        db.close()


def test_city_dashboard_shows_districts(qtbot, tmp_path):
    db = open_database(county_copy(tmp_path, "市"))
    try:
        window = make_window(qtbot, db)
        window.go_to("汇总")
        panel = window.pane("汇总").board
        assert not panel.scope.isHidden() and panel.scope.currentData() == "districts"  # one level up
        assert panel.model.index(0, 0).data() == "全市合计"
        assert [panel.model.index(r, 0).data() for r in (1, 2)] == ["东川区", "示范县"]
        _click(qtbot, panel, 1, _column("建议"))
        assert panel.opened.model.total_rows() == panel.board.districts[0].proposals
        panel.opened.close()
        panel.scope.setCurrentIndex(panel.scope.findData("towns"))
        assert panel.model.rowCount() == 1 + len(panel.board.towns)
    finally:
        db.close()


def test_assessment_ranks_towns_shows_evidence_and_exports(qtbot, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    db = open_database(county_copy(tmp_path, "县区"))
    try:
        window = make_window(qtbot, db)
        window.go_to("汇总")
        panel = window.pane("汇总").assessment
        panel.year.setValue(2025)
        assert panel.model.rowCount() == 3 and panel.model.index(0, 0).data() == "1"
        assert panel.evidence_model.rowCount() == 6  # the first town's six items, with their evidence
        assert "征集建议" in panel.evidence_model.index(0, 3).data()
        panel.view.selectRow(2)
        assert panel.scores[2].items[4].evidence == panel.evidence_model.index(4, 3).data()
        out = tmp_path / "考核.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
        panel.export_btn.click()
        assert load_workbook(out).sheetnames == ["考核排名", "得分依据"]
    finally:
        db.close()


def test_settings_choose_the_light_rule_and_assessment_points(window, messages):
    from minsheng_desktop.domain.vocabulary import LightMode

    window.go_to("设置")
    pane = window.pane("设置")
    assert not pane.tabs.isTabVisible(pane.tabs.indexOf(pane.assessment_tab))  # a town assesses no towns
    assert "灯色规则" in pane.header_note.text() and "乡镇考核" not in pane.header_note.text()
    tab = pane.lights_tab
    assert not tab.yellow.isEnabled()
    tab.mode.setCurrentIndex(tab.mode.findData(str(LightMode.LAG)))
    assert tab.yellow.isEnabled()
    tab.yellow.setValue(40)
    tab.save_btn.click()
    messages.expect("应小于红灯起点", "warning")
    tab.yellow.setValue(15)
    tab.save_btn.click()
    lights = window.services.settings.load().lights
    assert lights.mode == LightMode.LAG and lights.yellow_lag == 15
    a = pane.assessment_tab
    a.points["vote"].setValue(40)
    assert a.sum.text() == "合计 115 分"
    a.due.setText("年底")
    a.save_btn.click()
    messages.expect("月-日", "warning")
    a.due.setText("1-31")
    a.save_btn.click()
    policy = window.services.settings.load().assessment
    assert policy.worth("vote") == 40 and policy.package_due == "01-31"
