"""Chinese everywhere: Qt's own dialogs, calendars and locale; confirmations name their action; the title names
the town; saving is confirmed where the eye is (a note at the top of the pane), not only in the status bar."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QCalendarWidget, QFileDialog, QLabel, QMessageBox

from minsheng_desktop.services.changes import Changes
from tests.conftest import REPO
from tests.ui.test_screen_fit import house_style  # noqa: F401 - the fixture


def test_qt_dialogs_speak_chinese(house_style):  # noqa: F811
    assert house_style.property("qt_translation")  # qtbase_zh_CN.qm shipped with PySide6 was found and loaded
    box = QMessageBox(QMessageBox.Icon.Warning, "标题", "内容", QMessageBox.StandardButton.Ok
                      | QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    assert QLocale().monthName(11) == "十一月" and QLocale().dayName(1, QLocale.FormatType.ShortFormat) == "周一"
    from minsheng_desktop.ui._qt_helpers import date_edit, plain_calendar

    calendar = plain_calendar(QCalendarWidget())
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader  # no week numbers
    edit = date_edit()
    assert edit.calendarWidget().verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
    assert type(house_style.style()).__module__.startswith("PySide6")  # Qt's own style: no Python call per widget
    dialog = QFileDialog(None, "保存", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "查找范围" in labels and "文件类型" in labels and "Look in" not in labels
    assert QCoreApplication.translate("VotePane", "公布结果") == "公布结果"  # the app's own words pass through
    calendar.deleteLater()
    edit.deleteLater()
    dialog.deleteLater()


def test_every_question_names_its_action():
    """No bare Yes/No question boxes: every confirmation goes through feedback.confirm(ok=...)."""
    for path in (REPO / "minsheng_desktop").rglob("*.py"):
        assert "QMessageBox.question" not in path.read_text(encoding="utf-8"), path
        for call in re.findall(r"\bconfirm\((?:[^()]|\([^()]*\))*\)", path.read_text(encoding="utf-8")):
            if "def confirm" not in call and path.name != "feedback.py":
                assert "ok=" in call, f"{path.name}: {call[:80]}"


def test_title_names_the_town_and_the_file_is_in_settings(window):
    assert window.windowTitle() == "民生实事票决 — 清溪镇"
    path = str(window.services.settings.db.path)
    assert window.db_status.toolTip() == path
    window.nav.setCurrentRow(8)
    tab = window.pane("设置").backup_tab
    assert tab.path.text() == path and tab.path.isReadOnly()
    assert "上限" in tab.where.text() and "GB" in tab.where.text()  # the backups' disk budget is stated


def test_a_saved_change_is_confirmed_at_the_top_of_the_pane(window, qtbot):
    window.nav.setCurrentRow(8)
    window.toast.duration_ms = 200
    rules = window.pane("设置").rules_tab
    rules.save_btn.click()
    assert window.toast.isVisible() and "票决规则已保存" in window.toast.text()
    assert window.statusBar().currentMessage() == "票决规则已保存"
    top = window.toast.mapTo(window, window.toast.rect().topLeft())
    assert top.y() < 60 and window.stack.geometry().contains(window.toast.geometry().center()
                                                           + window.stack.geometry().topLeft())
    qtbot.waitUntil(lambda: not window.toast.isVisible(), timeout=3000)  # it fades away by itself


def test_a_file_saved_is_confirmed_in_the_pane_not_by_a_box(window, monkeypatch, tmp_path, messages):
    out = tmp_path / "名单.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    window.nav.setCurrentRow(2)
    window.pane("候选项目").buttons["pdf"].click()
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in window.toast.text() and window.toast.isVisible()
    assert not messages  # no modal box to click away
    window.bus.publish(Changes.of(message="已导出"))
    QApplication.processEvents()
    assert "已导出" in window.toast.text()


def test_every_calendar_is_a_plain_one():
    """Calendars without the week-number column: every date field and calendar is made through the helpers."""
    for path in (REPO / "minsheng_desktop").rglob("*.py"):
        if path.name == "_qt_helpers.py":
            continue
        text = path.read_text(encoding="utf-8")
        for made in re.findall(r".*\b(?:QCalendarWidget|QDateEdit|QDateTimeEdit)\(.*", text):
            assert "plain_calendar(" in made or "calendar_popup(" in text, (path, made)
