"""履职积分 in the window: 监督 › 履职积分 (period, ranking, a deputy's evidence, export) and 设置 › 履职积分
(edit, refuse with a message, restore the defaults)."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from minsheng_desktop.domain.points import DEFAULT_RULES, PointItem
from minsheng_desktop.services.points_service import QUARTERS


def points_tab(window, year: int = 2025):
    window.nav.setCurrentRow(5)
    pane = window.pane("监督")
    pane.set_year(year)
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.points_tab))
    assert pane.tabs.tabText(pane.tabs.currentIndex()) == "履职积分"
    return pane.points_tab


def settings_tab(window):
    window.nav.setCurrentRow(8)
    pane = window.pane("设置")
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.points_tab))
    assert pane.tabs.tabText(pane.tabs.currentIndex()) == "履职积分"
    return pane.points_tab


def column(tab, header: str) -> list:
    c = [tab.model.headerData(i, Qt.Orientation.Horizontal) for i in range(tab.model.columnCount())].index(header)
    return [tab.model.index(r, c).data() for r in range(tab.model.rowCount())]


def test_the_ranking_shows_every_deputy_with_congress_and_scoring_counted(window):
    tab = points_tab(window)
    assert tab.model.total_rows() == 60  # 2025: the two who left in June are still listed
    ranks = [int(v) for v in column(tab, "名次")]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    totals = [float(v) for v in column(tab, "合计")]
    assert totals == sorted(totals, reverse=True)
    assert any(float(v) > 0 for v in column(tab, "大会"))  # congress attendance counted
    assert any(float(v) > 0 for v in column(tab, "测评"))  # and 测评, no longer 0 for everyone
    assert any("（离任）" in v for v in column(tab, "姓名"))
    assert "2025年全年" in tab.note.text()


def test_clicking_a_deputy_shows_the_evidence_and_a_quarter_narrows_it(window):
    tab = points_tab(window)
    tab.view.selectRow(0)
    line = tab.lines[0]
    assert line.deputy.name in tab.who.text() and "第 1 名" in tab.who.text()
    assert tab.item_model.rowCount() == len(PointItem)
    assert tab.evidence_model.total_rows() == len(line.points.evidence())
    first = tab.evidence_model.index(0, 0).data()
    assert first.startswith("2025-")
    tab.period.setCurrentIndex(4)
    assert "第四季度" in tab.note.text() and QUARTERS[3] == tab.period.currentText()
    current = next(x for x in tab.lines if x.deputy.id == tab.current)
    assert tab.evidence_model.total_rows() == len(current.points.evidence(4))
    assert all(tab.evidence_model.index(r, 0).data()[5:7] in ("10", "11", "12")
               for r in range(tab.evidence_model.rowCount()))


def test_export_button_writes_the_workbook(window, tmp_path, monkeypatch):
    tab = points_tab(window)
    out = tmp_path / "履职积分.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Excel (*.xlsx)"))
    tab.export_btn.click()
    wb = load_workbook(out)
    assert wb.sheetnames == ["履职积分", "积分规则", "积分明细"]
    assert wb["履职积分"].max_row == 2 + 60


def test_settings_tab_edits_refuses_and_restores(window, messages, monkeypatch):
    tab = settings_tab(window)
    assert [s.value() for s in tab.point_spins] == [r.points for r in DEFAULT_RULES]
    row = [r.item for r in DEFAULT_RULES].index(PointItem.PROPOSAL)
    tab.point_spins[row].setValue(4)
    tab.cap_spins[row].setValue(0)  # 不设上限
    assert tab.cap_spins[row].text() == "不设上限"
    tab.save_btn.click()
    saved = window.services.points.rules()[row]
    assert saved.points == 4 and saved.cap is None
    absence = [r.item for r in DEFAULT_RULES].index(PointItem.ABSENCE)
    tab.point_spins[absence].setValue(1)
    tab.save_btn.click()
    messages.expect("扣分项", "warning")
    assert window.services.points.rules()[absence].points == -2
    assert tab.point_spins[absence].value() == 1  # what was typed stays, to be corrected
    tab.point_spins[absence].setValue(-2)
    tab.point_spins[row].setValue(3)
    tab.cap_spins[row].setValue(2)
    tab.save_btn.click()
    messages.expect("不能小于每次分值", "warning")
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Yes)
    tab.defaults_btn.click()
    assert window.services.points.rules() == DEFAULT_RULES
    assert [s.value() for s in tab.point_spins] == [r.points for r in DEFAULT_RULES]


def test_saved_rules_change_the_supervision_ranking(window):
    tab = settings_tab(window)
    scoring = [r.item for r in DEFAULT_RULES].index(PointItem.SCORING)
    tab.point_spins[scoring].setValue(5)
    tab.save_btn.click()
    ranking = points_tab(window)
    assert max(float(v) for v in column(ranking, "测评")) >= 5
