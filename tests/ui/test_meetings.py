"""A 季会 driven like a secretary in the 监督 pane: the meeting, its agenda (a 专项工作 and a unit), the 专项工作 scored by
100 points and the unit three-level below the line, 政府说明 and 整改, the re-scoring and the case closed; the
审议意见 adopted, sent and reported back; the meeting's 测评结果 written; the 测评 pane lists the rounds too."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from minsheng_desktop.ui.dialogs.agenda_dialogs import (
    AgendaItemDialog,
    DeliberationDialog,
    HandlingDialog,
    RoundEntryDialog,
)
from minsheng_desktop.ui.dialogs.scoring_dialogs import NewRoundDialog

ACCEPTED = QDialog.DialogCode.Accepted
SHOTS = os.environ.get("MINSHENG_SHOTS")  # a folder: the tab and its dialogs are saved there as PNGs to look at


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _fill(monkeypatch, cls, fill, name: str = "") -> None:
    def exec_(self):
        fill(self)
        if name:
            self.show()
            _shot(self, name)
        return ACCEPTED
    monkeypatch.setattr(cls, "exec", exec_)


def _select(tab, subject: str) -> None:
    tab.view.selectRow(next(i for i, item in enumerate(tab.data.items) if item.subject == subject))


def _item(tab, subject: str):
    return next(i for i in tab.data.items if i.subject == subject)


def _meeting(window):
    window.resize(1366, 768)
    window.nav.setCurrentRow(5)
    pane = window.pane("监督")
    pane._on_new()
    pane.kind.setCurrentText("季会")
    pane.title.setText("第四季度专项工作报告会")
    pane.status.setCurrentText("已开展")
    pane._on_save()
    assert pane._event().kind == "季会"
    pane.details.setCurrentWidget(pane.agenda_tab)
    return pane, pane.agenda_tab


def _add(monkeypatch, tab, kind: str, title: str, reporter: str) -> None:
    def fill(d):
        d.kind.setCurrentText(kind)
        d.title.setText(title)
        d.reporter.setText(reporter)
    _fill(monkeypatch, AgendaItemDialog, fill, "agenda_item_dialog" if kind == "单位工作" else "")
    tab.buttons["add"].click()


def _score(monkeypatch, tab, subject: str, method: str, name: str = "") -> None:
    _select(tab, subject)

    def fill(d):
        d.method.setCurrentIndex(d.method.findData(method))
        d.entry.setCurrentIndex(d.entry.findData("ballots" if method == "hundred_point" else "totals"))
    _fill(monkeypatch, NewRoundDialog, fill, name)
    tab.buttons["score"].click()


def _enter_totals(monkeypatch, tab, subject: str, counts: dict[str, int], name: str = "") -> None:
    for _ in (1, 2):  # two people, one after the other
        _select(tab, subject)
        _fill(monkeypatch, RoundEntryDialog, lambda d: [d.spins[k].setValue(v) for k, v in counts.items()], name)
        tab.buttons["enter"].click()
        name = ""


def test_a_quarterly_meeting_scored_rectified_and_rescored(window, monkeypatch, tmp_path, messages):
    pane, tab = _meeting(window)
    assert tab.buttons["add"].isEnabled() and tab.data.items == []
    _add(monkeypatch, tab, "专项工作", "河长制工作", "镇水利站")
    _add(monkeypatch, tab, "单位工作", "镇司法所", "镇司法所")
    assert [(i.seq, i.subject, i.reporter) for i in tab.data.items] == [
        (1, "河长制工作", "镇水利站"), (2, "镇司法所工作", "镇司法所")]

    # 河长制工作 by 100 points
    _score(monkeypatch, tab, "河长制工作", "hundred_point", "new_round_dialog")
    assert _item(tab, "河长制工作").open_round_id and _item(tab, "河长制工作").method == "hundred_point"
    _select(tab, "河长制工作")
    _fill(monkeypatch, RoundEntryDialog, lambda d: d.scores.setPlainText("95 88 92，76\n85 90 60 82"),
          "round_entry_100")
    tab.buttons["enter"].click()
    river = _item(tab, "河长制工作")
    assert river.verdict == "满意" and river.score == "平均 83.5 分" and not river.follow_up_stage

    # 镇司法所 three-level, below the line
    _score(monkeypatch, tab, "镇司法所工作", "three_level")
    _enter_totals(monkeypatch, tab, "镇司法所工作", {"satisfied": 8, "basically": 9, "unsatisfied": 18},
                  "round_entry_three")
    office = _item(tab, "镇司法所工作")
    assert office.verdict == "不满意" and office.follow_up_stage == "政府说明"
    _shot(window, "supervision_agenda_tab")

    # 政府说明 → 整改 → 再测评
    for text, stage in (("人员不足，调解案件积压", "整改"), ("增配两名调解员，积压案件已清零", "再测评")):
        _select(tab, "镇司法所工作")
        monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, t=text, **k: (t, True)))
        tab.buttons["advance"].click()
        assert _item(tab, "镇司法所工作").follow_up_stage == stage
    assert _item(tab, "镇司法所工作").open_round_id  # the re-scoring waits for its result
    _enter_totals(monkeypatch, tab, "镇司法所工作", {"satisfied": 24, "basically": 9, "unsatisfied": 2})
    office = _item(tab, "镇司法所工作")
    assert office.follow_up_stage == "已办结" and office.verdict == "满意" and office.rounds == 2
    assert not messages.refusals()

    # 审议意见 on 河长制工作: adopted, sent, its handling reported
    _select(tab, "河长制工作")
    _fill(monkeypatch, DeliberationDialog, lambda d: d.content.setPlainText("落实村级河长巡河制度，加强河道保洁"),
          "deliberation_dialog")
    tab.buttons["adopt"].click()
    assert [o.stage for o in tab.data.adopted] == ["待交办"] and tab.opinions.count() == 1
    tab.opinions.setCurrentRow(0)

    def handled(d):
        d.sent.setChecked(True)
        d.report.setPlainText("已建立巡河台账，河道保洁实行外包")
        d.reported.setChecked(True)
    _fill(monkeypatch, HandlingDialog, handled, "handling_dialog")
    tab.buttons["handling"].click()
    assert tab.data.adopted[0].stage == "已报告" and "巡河台账" in tab.opinions.item(0).text()
    pane.refresh()  # the event's opinions list tells the 审议意见 from the deputies' 意见建议
    listed = [pane.opinions.item(i).text() for i in range(pane.opinions.count())]
    assert any("〔审议意见〕落实村级河长巡河制度" in text for text in listed), listed

    # the meeting's 测评结果 names the subjects (PDF here; .docx through the same button)
    for ext in ("pdf", "docx"):
        out = tmp_path / f"季会测评结果.{ext}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, o=out, **k: (str(o), "")))
        tab.buttons["results"].click()
        assert out.stat().st_size > 5000
        if SHOTS:
            __import__("shutil").copy(out, Path(SHOTS) / out.name)

    # the 测评 pane lists the meeting's rounds beside the projects'
    window.nav.setCurrentRow(6)
    scoring = window.pane("测评")
    mine = [r for r in scoring.rows if r.batch == "第四季度专项工作报告会测评"]
    assert {r.project for r in mine} == {"河长制工作", "镇司法所工作"} and len(mine) == 2
    assert any(f.project == "镇司法所工作" and f.stage == "已办结" for f in scoring.follow)


def test_the_tab_waits_for_a_meeting_and_refuses_what_is_wrong(window, monkeypatch, messages):
    window.nav.setCurrentRow(5)
    pane = window.pane("监督")
    visit = next(i for i, e in enumerate(pane.events) if e.kind == "视察")
    pane.view.selectRow(visit)
    assert not pane.agenda_tab.buttons["add"].isEnabled() and "季会" in pane.agenda_tab.note.text()
    pane, tab = _meeting(window)
    _add(monkeypatch, tab, "单位工作", " ", "吴家法庭")
    messages.expect("请填写报告事项")
    _add(monkeypatch, tab, "单位工作", "吴家法庭", "吴家法庭")
    _score(monkeypatch, tab, "吴家法庭工作", "hundred_point")
    _select(tab, "吴家法庭工作")
    _fill(monkeypatch, RoundEntryDialog, lambda d: d.scores.setPlainText("95 120"))
    tab.buttons["enter"].click()
    messages.expect("第 2 个评分“120”")
    assert _item(tab, "吴家法庭工作").verdict == ""
    tab.buttons["advance"].click()
    messages.expect("没有待推进的整改")
    _add(monkeypatch, tab, "项目推进情况", "民生实事项目推进情况", "镇政府")
    monkeypatch.setattr("minsheng_desktop.ui.panes.supervision.agenda_tab.confirm", lambda *a, **k: True)
    _select(tab, "吴家法庭工作")
    tab.buttons["delete"].click()
    messages.expect("已测评")  # a scored item stays
    _select(tab, "民生实事项目推进情况")
    tab.buttons["delete"].click()
    assert [i.subject for i in tab.data.items] == ["吴家法庭工作"]


def test_a_later_meeting_deliberates_the_handling_again_and_scores_it(window, monkeypatch, messages):
    pane, tab = _meeting(window)
    demo = [o for o in tab.data.reviewable if o.reported_on]  # the demo's first-quarter 审议意见 on 河长制工作
    assert demo and demo[0].stage == "已报告" and "一季度" in demo[0].meeting

    def fill(d):
        d.kind.setCurrentText("审议意见办理情况")
        d.title.setText("河长制工作")
        d.reporter.setText("镇政府")
        assert not d.reviews.isHidden() and d.reviews.count() == len(demo)
        d.reviews.item(0).setCheckState(Qt.CheckState.Checked)
    _fill(monkeypatch, AgendaItemDialog, fill, "agenda_item_review")
    tab.buttons["add"].click()
    item = _item(tab, "河长制工作审议意见办理情况")
    assert item.reviewed_ids == [demo[0].id]
    assert next(o for o in tab.data.reviewable if o.id == demo[0].id).stage == "再审议"
    _score(monkeypatch, tab, "河长制工作审议意见办理情况", "three_level")
    _enter_totals(monkeypatch, tab, "河长制工作审议意见办理情况", {"satisfied": 25, "basically": 6, "unsatisfied": 1})
    assert _item(tab, "河长制工作审议意见办理情况").verdict == "满意"
    assert demo[0].id not in [o.id for o in tab.data.reviewable]  # handled well: closed, nothing left to take up


def test_the_supervision_system_is_a_setting_the_plan_follows(window):
    window.nav.setCurrentRow(8)
    tab = window.pane("设置").scoring_tab
    assert tab.system.currentText() == "季会制"
    tab.system.setCurrentText("年中会议制")
    tab.system_btn.click()
    assert window.services.settings.load().supervision_system == "年中会议制"
    window.nav.setCurrentRow(5)
    pane = window.pane("监督")
    pane.buttons["plan"].click()
    kinds = [e.kind for e in pane.events]
    assert kinds.count("年中会议") == 1 and kinds.count("季会") == 2  # the demo's own two 季会, none added
