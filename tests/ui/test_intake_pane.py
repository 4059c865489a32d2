"""The 征集 pane driven from the keyboard and the buttons: entry, look-alikes, filters, replies, merge, Excel."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from minsheng_desktop.ui.dialogs.merge_dialog import MergeDialog
from minsheng_desktop.ui.dialogs.reply_dialog import ReplyDialog
from minsheng_desktop.ui.panes.intake.lookalike_text import plain


def open_intake(window):
    window.nav.setCurrentRow(1)
    return window.pane("征集")


def test_enter_saves_and_starts_the_next(window, qtbot):
    pane = open_intake(window)
    before = len(pane.search.rows)
    form = pane.form
    form.title_edit.setText("修建和平村便民桥")  # Qt's key simulation cannot type Chinese; Enter is a real key
    form.village.setCurrentText("和平村")
    form.category.setCurrentText("交通出行")
    form.proposer.setText("张建国")
    qtbot.keyClick(form.proposer, Qt.Key.Key_Return)
    assert len(pane.search.rows) == before + 1
    assert form.title_edit.text() == "" and form.village.currentText() == "和平村"  # kept for the next paper form
    assert "已登记第" in form.hint.text()
    form.title_edit.setText("和平村便民桥修建")
    pane._on_title_changed(form.title_edit.text(), "和平村")  # what the typing debounce calls
    shown = plain(form.hint.text())
    assert shown.startswith("可能重复：第 ") and "“修建和平村便民桥”（相同：" in shown and "便民桥" in shown.split("相同")[1]
    assert '<b style="color:#b45309">便民桥</b>' in form.hint.text()  # the shared word is marked
    form.content.setFocus()
    qtbot.keyClick(form.content, Qt.Key.Key_Return)  # Enter in the content box saves too
    assert "可能与以下建议重复：第 " in plain(form.hint.text()) and form.hint.objectName() == "warn"


def test_a_new_proposal_joins_the_table_without_reloading_the_year(window, qtbot, monkeypatch):
    pane = open_intake(window)
    village = next(r.village for r in pane.search.rows if r.village)
    shown = pane.model.rowCount()
    reloads = []
    real = pane.intake.proposals
    monkeypatch.setattr(pane.intake, "proposals", lambda year: reloads.append(year) or real(year))
    form = pane.form
    form.title_edit.setText(f"{village}修建文化活动室")
    form.village.setCurrentText(village)
    form.category.setCurrentText("文化体育")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Return)
    assert reloads == []  # the year's proposals were not read again
    titles = [pane.model.row_at(i).title for i in range(pane.model.rowCount())]
    assert pane.model.rowCount() == shown + 1 or f"{village}修建文化活动室" in titles
    assert f"{village}修建文化活动室" in [r.title for r in pane.search.rows]
    window.nav.setCurrentRow(0)
    window.nav.setCurrentRow(1)  # other panes were told; this one stays as it is
    assert reloads == []


def test_category_is_blank_until_chosen_and_enter_asks_for_it(window, qtbot):
    pane = open_intake(window)
    form = pane.form
    before = len(pane.search.rows)
    assert form.category.currentIndex() == -1 and form.category.currentText() == ""  # nothing chosen for them
    form.title_edit.setText("修建白鹤村文化广场")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Return)
    assert "请选择“类别”" in form.hint.text() and form.hint.objectName() == "error"  # inline, not a message box
    assert len(pane.search.rows) == before
    assert window.focusWidget() is form.category  # where the secretary has to look
    qtbot.keyClick(form.category, Qt.Key.Key_Return)  # Enter on the blank 类别 asks again, still inline
    assert "请选择“类别”" in form.hint.text() and len(pane.search.rows) == before
    form.category.setCurrentText("文化体育")
    qtbot.keyClick(form.category, Qt.Key.Key_Return)
    assert len(pane.search.rows) == before + 1 and form.category.currentText() == "文化体育"  # kept for the next
    window.bus.publish(__import__("minsheng_desktop.services.changes", fromlist=["Changes"]).Changes.of("data"))
    assert form.category.currentText() == "文化体育"  # a refresh keeps the choice


def test_bad_amount_is_named_and_nothing_saved(window, qtbot):
    pane = open_intake(window)
    before = len(pane.search.rows)
    pane.form.title_edit.setText("测试建议")
    pane.form.category.setCurrentText("教育")
    qtbot.keyClicks(pane.form.investment, "-5")
    pane.form.save_btn.click()
    assert "不小于 0" in pane.form.hint.text() and len(pane.search.rows) == before


def test_filters_and_counts(window):
    pane = open_intake(window)
    total = pane.model.rowCount() if not pane.model.canFetchMore(pane.model.index(-1, -1)) else len(pane.search.rows)
    pane.text.setText("王家村")
    shown = len(pane.model.rows())
    assert 0 < shown < total and all("王家村" in r.title + r.content for r in pane.model.rows())
    pane.status.setCurrentText("暂缓")
    assert all(r.status == "暂缓" for r in pane.model.rows())
    assert pane.summary.text().startswith(f"显示 {len(pane.model.rows())} /")
    pane._on_reset_filters()
    assert len(pane.model.rows()) == len(pane.search.rows)


def test_reply_and_merge_through_dialogs(window, monkeypatch):
    pane = open_intake(window)
    pane.status.setCurrentText("待处理")
    pane.form.title_edit.setText("修建新河村村道")
    pane.form.village.setCurrentText("新河村")
    pane.form.category.setCurrentText("交通出行")
    pane.form.submit()
    pane.form.title_edit.setText("新河村村道硬化")
    pane.form.village.setCurrentText("新河村")
    pane.form.submit()
    pane.text.setText("新河村村道")
    assert len(pane.model.rows()) == 2
    monkeypatch.setattr(MergeDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    pane.view.selectRow(0)
    pane.buttons["merge"].click()  # one selected: its look-alike is offered
    pane.status.setCurrentText("全部")
    merged = [r for r in pane.model.rows() if r.status == "合并"]
    assert len(merged) == 1 and "合并办理" in merged[0].reply_reason
    monkeypatch.setattr(ReplyDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(ReplyDialog, "values", lambda self: ("暂缓", "列入储备库"))
    row = next(i for i, r in enumerate(pane.model.rows()) if r.status != "合并")
    pane.view.selectRow(row)
    pane.buttons["reply"].click()
    assert any(r.status == "暂缓" and r.reply_reason == "列入储备库" for r in pane.model.rows())


def test_import_export_template_and_reply_list(window, tmp_path, monkeypatch, messages):
    pane = open_intake(window)
    template = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(template), "")))
    pane.buttons["template"].click()
    assert load_workbook(template).sheetnames == ["建议征集表", "填写说明"]
    wb = Workbook()
    for row in [["项目名称", "村(社区)", "估算投资(万元)"], ["白鹤村新建公厕", "白鹤村", 12], ["", "白鹤村", 1],
                ["白鹤村公厕新建", "白鹤村", "x"]]:
        wb.active.append(row)
    src = tmp_path / "in.xlsx"
    wb.save(src)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(src), "")))
    before = len(pane.search.rows)
    pane.buttons["import"].click()
    assert len(pane.search.rows) == before + 1
    assert "第 4 行" in messages.expect("第 3 行")
    pane.text.setText("白鹤村")
    out = tmp_path / "导出.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    pane.buttons["export"].click()
    assert load_workbook(out).active.max_row == len(pane.model.rows()) + 1
    pdf = tmp_path / "答复.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), "")))
    pane.village.setCurrentText("白鹤村")
    pane.buttons["replies"].click()
    assert pdf.read_bytes().startswith(b"%PDF")
