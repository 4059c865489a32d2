"""A street council's 票选 through the console: 议事代表 and 人大代表 sign in together, ballots, the result, the
projector and the documents saved from the pane — every word the street's, while a town's pane keeps 票决."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QFileDialog

import minsheng_desktop.ui.panes.vote_pane as vote_pane
from minsheng_desktop.ui.dialogs.session_dialogs import NewSessionDialog
from tests.street_fixtures import document_text, town_words_in
from tests.ui.conftest import make_window


def _drawn_texts(widget, monkeypatch) -> str:
    """Every string the widget's painter draws in one full frame."""
    seen: list[str] = []
    real = QPainter.drawText

    def spy(self, *args):
        seen.extend(a for a in args if isinstance(a, str))
        return real(self, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    widget.grab()
    monkeypatch.setattr(QPainter, "drawText", real)
    return "".join(seen)


def test_a_street_vote_through_the_console(qtbot, street_db, monkeypatch, messages, tmp_path):
    window = make_window(qtbot, street_db)
    assert window.nav.item(3).text() == "票选"
    monkeypatch.setattr(NewSessionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(vote_pane, "confirm", lambda *a, **k: True)
    window.nav.setCurrentRow(3)
    pane = window.pane("票决")
    assert pane.header_title.text() == "票选" and pane.new_btn.text() == "新建票选会议…"
    assert "议事代表会议现场" in pane.header_note.text()
    pane.new_btn.click()
    info = pane.info
    assert info.status == "draft" and info.title == "2026年度民生实事项目票选" and info.terms.vote == "票选"
    kinds = {d.kind for d in pane.signin.deputies}
    assert kinds == {"议事代表", "人大代表"}  # both kinds sign in, from one list
    marked = [pane.signin.list.item(i).text() for i in range(pane.signin.list.count())]
    assert sum("（人大代表）" in t for t in marked) == sum(d.kind == "人大代表" for d in pane.signin.deputies)
    assert "回车签到第一个匹配的议事代表" in pane.signin.search.placeholderText()
    present = pane.signin.deputies[:40]
    for d in present:
        pane._on_signin(d.id, True, False)
    total = len(pane.signin.deputies)
    assert pane.info.rules.deputies_total == total  # the quorum counts every member, of both kinds
    assert pane.signin.figures.text().startswith(f"应到议事代表 {total} 人　实到 40 人")
    assert pane.signin.quorum.text() == "已达到法定人数，可以开始票选"
    assert pane.signin.rules_box.title() == "本次票选规则（开始计票后冻结）"
    assert "全体议事代表（应到人数）" in pane.signin.rules.text()
    pane.open_projector()
    pane.toggle_hold()  # show the hall
    pane.projector.resize(1920, 1080)
    hall = _drawn_texts(pane.projector, monkeypatch)
    assert "出席议事代表已超过法定人数，可以进行票选" in hall and "票决" not in hall
    pane.signin.start_btn.click()
    pane.ballots.collected_btn.click()
    panel = pane.ballots
    panel.setFocus()
    for _ in range(40):
        qtbot.keyClick(panel, "1")
        qtbot.keyClick(panel, Qt.Key.Key_Return)
    pane._on_publish()
    assert pane.info.status == "sealed" and pane.stack.currentWidget() is pane.result
    assert pane.result.status.text().startswith("有效：发出 40 张")
    hall = _drawn_texts(pane.projector, monkeypatch)
    assert pane.info.title in hall and "票决" not in hall
    saved = {}
    for kind, ext in (("ballots", "pdf"), ("tally-sheet", "pdf"), ("tally-report", "pdf"), ("tally-report", "docx"),
                      ("announcement", "pdf"), ("announcement", "docx")):
        out = saved[(kind, ext)] = tmp_path / f"{kind}.{ext}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, out=out, **k: (str(out), "")))
        pane._on_print(kind)
        assert out.exists(), kind
    texts = {key: document_text(path) for key, path in saved.items()}
    for key, text in texts.items():
        assert town_words_in(text) == [], key
    assert "民生实事项目票选票" in texts[("ballots", "pdf")]
    assert "民生实事项目票选计票单" in texts[("tally-sheet", "pdf")]
    assert "应到议事代表" in texts[("tally-report", "pdf")] and "本次票选有效" in texts[("tally-report", "docx")]
    for ext in ("pdf", "docx"):
        notice = texts[("announcement", ext)]
        assert "人大白涛街道工作委员会公告" in notice and "进行了票选" in notice and "经票选" in notice


def test_a_towns_console_keeps_its_words(window, monkeypatch):
    monkeypatch.setattr(NewSessionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert window.nav.item(3).text() == "票决"
    window.nav.setCurrentRow(3)
    pane = window.pane("票决")
    pane.new_btn.click()
    assert pane.header_title.text() == "票决" and pane.new_btn.text() == "新建票决会议…"
    assert pane.header_note.text().startswith("人代会现场")
    total = pane.info.rules.deputies_total
    assert pane.signin.figures.text().startswith(f"应到代表 {total} 人")
    assert "（人大代表）" not in pane.signin.list.item(0).text()


def test_a_streets_other_screens_use_its_words(qtbot, street_db):
    window = make_window(qtbot, street_db)
    home = window.pane("首页")
    home.load()
    assert home.cards["vote"].title.text() == "议事代表票选" and home.cards["deputies"].title.text() == "在任议事代表"
    assert home.cards["vote"].detail.text().split("：")[0].endswith("票选")
    assert window.pane("候选项目").header_note.text().endswith("提请议事代表会议票选。")
    projects = window.pane("实施")
    assert projects.header_note.text().startswith("票选产生的") and "议事代表票选确定" in projects.detail.rule_note.text()
    settings = window.pane("设置")
    settings.refresh()
    titles = [settings.tabs.tabText(i) for i in range(settings.tabs.count())]
    assert "票选规则" in titles and "议事代表名册" in titles and "票决规则" not in titles
    settings.show_part("代表名册")  # the start page's link still opens the roster
    assert settings.tabs.currentWidget() is settings.roster_tab
    assert settings.roster_tab.counts.text().startswith("在任：议事代表 ")
    assert settings.roster_tab.table.model.headerData(2, Qt.Orientation.Horizontal) == "身份"
    assert "全体议事代表（应到人数）" in [settings.rules_tab.base.itemText(i) for i in range(settings.rules_tab.base.count())]
    assert settings.rules_tab.save_btn.text() == "保存票选规则"
    supervision = window.pane("监督")  # who took part, and who scores a meeting's reports
    assert supervision.details.tabText(supervision.details.indexOf(supervision.people_tab)) == "参加议事代表（签到）"
    assert supervision.agenda_tab.voters == window.pane("测评").voters == "议事代表和人大代表"
