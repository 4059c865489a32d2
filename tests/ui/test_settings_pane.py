"""The settings pane driven like a secretary would: town, rules, lists, scoring, the roster."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QFileDialog

from minsheng_desktop.ui.dialogs.town_dialog import TownDialog


def open_settings(window):
    window.nav.setCurrentRow(8)
    return window.pane("设置")


def test_rules_tab_shows_every_setting_and_saves(window):
    pane = open_settings(window)
    tab = pane.rules_tab
    assert tab.seats.value() == 10 and tab.planned.value() == 15
    assert "差额票决" in tab.margin.text()
    assert "58 名在任代表" in tab.example.text() and "至少 39 人出席" in tab.example.text()
    assert "赞成票须达到 30 票" in tab.example.text()
    tab.seats.setValue(8)
    tab.tie.setCurrentIndex(tab.tie.findData("revote"))
    tab.second_on.setChecked(True)
    tab.save_btn.click()
    rules = window.services.settings.load().vote_policy.rules
    assert rules.seats == 8 and rules.tie_at_cutoff == "revote" and rules.second_condition is not None
    assert window.statusBar().currentMessage() == "票决规则已保存"


def test_rules_tab_refuses_fewer_candidates_than_seats(window, messages):
    tab = open_settings(window).rules_tab
    tab.seats.setValue(12)
    tab.planned.setValue(10)
    assert "不能进行票决" in tab.margin.text()
    tab.save_btn.click()
    messages.expect("不能少于应选项目数", "warning")
    assert window.services.settings.load().vote_policy.rules.seats == 10


def test_equal_candidates_and_seats_warns(window):
    tab = open_settings(window).rules_tab
    tab.planned.setValue(10)
    assert "等额" in tab.margin.text() and tab.margin.objectName() == "warn"


def test_town_tab_saves_and_names_bad_fields(window, messages):
    tab = open_settings(window).town_tab
    assert tab.code.isReadOnly() and tab.code.text() == "610999101"
    tab.contact.setText("镇人大办 0915-5551234")
    tab.save_btn.click()
    assert window.services.settings.load().town.contact == "镇人大办 0915-5551234"
    tab.name.setText("")
    tab.save_btn.click()
    messages.expect("“名称”不能为空", "warning")


def test_town_tab_saves_the_issuing_body_and_red_header(window):
    tab = open_settings(window).town_tab
    assert tab.issuer.text() == "" and "清溪镇人民代表大会主席团" in tab.issuer.placeholderText()
    assert not tab.red.isChecked()
    tab.issuer.setText("清溪镇人大主席团")
    tab.red.setChecked(True)
    tab.save_btn.click()
    docs = window.services.settings.load().documents
    assert docs.issuing_body == "清溪镇人大主席团" and docs.red_header


def test_add_year_and_switch(window):
    tab = open_settings(window).town_tab
    tab.new_year.setValue(2028)
    tab.add_btn.click()
    assert "2028" in [window.year_box.itemText(i) for i in range(window.year_box.count())]


def test_categories_and_chain_edit_and_save(window):
    pane = open_settings(window)
    cats = pane.categories_tab
    cats.list.setCurrentRow(0)
    cats.buttons["down"].click()
    cats.buttons["add"].click()
    cats.list.item(cats.list.count() - 1).setText("水利设施")
    cats.save_btn.click()
    saved = window.services.settings.load().categories
    assert saved[1] == "教育" and saved[-1] == "水利设施"
    chain = pane.chain_tab
    [b for b in chain.findChildren(type(chain.save_btn)) if "县区" in b.text()][0].click()
    chain.save_btn.click()
    assert window.services.settings.load().screening_chain[0] == "县政府常务会"


def test_scoring_tab_saves(window):
    tab = open_settings(window).scoring_tab
    tab.follow_on.setChecked(False)
    tab.method.setCurrentIndex(tab.method.findData("hundred_point"))
    tab.save_btn.click()
    scoring = window.services.settings.load().scoring
    assert scoring.follow_up_below is None and scoring.method == "hundred_point"


def test_roster_retire_export_and_import(window, tmp_path, monkeypatch, messages):
    tab = open_settings(window).roster_tab
    assert tab.table.model.total_rows() == 60
    tab.table.view.selectRow(0)
    first = tab._selected()
    tab.buttons["retire"].click()
    assert next(d for d in tab.rows if d.id == first.id).active is (not first.active)

    out = tmp_path / "名册.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    tab.buttons["export"].click()
    assert load_workbook(out).active.max_row == 61

    wb = Workbook()
    for row in [["姓名", "性别", "代表小组", "联系电话"], ["新代表", "女", "第一代表小组（集镇片）", "13912345678"],
                ["", "男", "x", ""]]:
        wb.active.append(row)
    src = tmp_path / "新名册.xlsx"
    wb.save(src)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(src), "")))
    asked = []
    monkeypatch.setattr(tab, "ask_skip_bad_rows", lambda report: asked.append(report) or False)
    tab.buttons["import"].click()
    assert asked and asked[0].problems[0].row == 3 and tab.table.model.total_rows() == 60  # cancelled: nothing
    monkeypatch.setattr(tab, "ask_skip_bad_rows", lambda report: True)
    tab.buttons["import"].click()
    assert tab.table.model.total_rows() == 61
    messages.expect("新增 1 人")


def test_roster_import_with_missing_headers_says_which(window, tmp_path, monkeypatch, messages):
    tab = open_settings(window).roster_tab
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    src = tmp_path / "bad.xlsx"
    wb.save(src)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(src), "")))
    tab.buttons["import"].click()
    messages.expect("表头缺少：性别、代表小组")


def test_first_run_dialog_validates(qtbot):
    dialog = TownDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("新河镇")
    dialog.code.setText("abc")
    dialog._on_accept()
    assert dialog.error.isVisibleTo(dialog) and "行政区划代码" in dialog.error.text()
    dialog.code.setText("610999301")
    dialog._on_accept()
    assert dialog.value is not None and dialog.value.code == "610999301"
