"""Every proposer hears back: two look-alikes merged, the main one voted in, completed and scored — both proposers'
replies follow each step; slips, the SMS sheet and the notice-board list record and show it."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QFileDialog

from minsheng_desktop.domain.screening import CandidateInput, Meeting
from minsheng_desktop.ui.dialogs.fate_dialog import FateDialog
from minsheng_desktop.ui.dialogs.merge_dialog import MergeDialog
from minsheng_desktop.ui.dialogs.replies_dialog import RepliesDialog
from tests.conftest import CLOCK

STAGES = ["已收到", "采纳为候选", "票决当选", "实施中", "已完成", "测评结果"]


def enter(pane, title, village, proposer, phone):
    form = pane.form
    form.title_edit.setText(title)
    form.village.setCurrentText(village)
    form.category.setCurrentText("乡村建设")
    form.proposer.setText(proposer)
    form.contact.setText(phone)
    form.submit()


def fate_rows(pane, monkeypatch, proposal_id):
    shown = []
    monkeypatch.setattr(FateDialog, "exec", lambda self: shown.append(self.rows()) or 0)
    row = next(i for i, r in enumerate(pane.model.rows()) if r.id == proposal_id)
    pane.view.clearSelection()
    pane.view.selectRow(row)
    pane.buttons["fate"].click()
    return shown[-1]


def vote_in(sv, year, candidate_id):
    for stage in sv.screening.chain():
        sv.screening.record_meeting([candidate_id], Meeting(stage, "通过", date(2026, 11, 10)))
    sid, _ = sv.vote.create(year, "张湾镇第十八届人民代表大会第七次会议", date(2026, 11, 12), candidate_ids=[candidate_id],
                            seats=1)
    for d in sv.roster.deputies()[:45]:
        sv.vote.sign_in(sid, d.id)
    sv.vote.start(sid)
    sv.vote.declare_collected(sid, 45)
    for _ in range(45):
        sv.vote.record_ballot(sid, {candidate_id: "Y"})
    sv.vote.publish(sid)


def test_merged_proposers_hear_every_step(window, monkeypatch, tmp_path, messages):
    window.nav.setCurrentRow(1)
    pane = window.pane("征集")
    sv, year = window.services, pane.year
    enter(pane, "张湾村饮水管网改造", "张湾村", "王建国", "13800001111")
    enter(pane, "张湾村自来水三天两头停水", "张湾村", "李秀英（三组）", "0915-5212345")  # a landline: no SMS
    pane.text.setText("张湾村")
    main, other = sorted(pane.model.rows(), key=lambda r: r.seq_no)
    monkeypatch.setattr(MergeDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    pane.view.selectRow(next(i for i, r in enumerate(pane.model.rows()) if r.id == main.id))
    pane.buttons["merge"].click()  # its look-alike is offered (content and words differ) and merged into it
    assert {r.id: r.status for r in pane.model.rows()}[other.id] == "合并"

    cid, _ = sv.screening.create(year, CandidateInput("张湾村饮水安全巩固提升", category="乡村建设"), [main.id])
    vote_in(sv, year, cid)
    project = next(p for p in sv.projects.projects(year) if p.name == "张湾村饮水安全巩固提升")
    sv.projects.add_progress(project.id, date(2026, 11, 14), 40, "管网开挖")
    sv.projects.add_progress(project.id, date(2026, 11, 20), 100, "通水验收")
    rounds, _ = sv.scoring.create_rounds(year, [project.id], "年度测评", "代表", date(2026, 11, 21))
    counts = {"satisfied": 40, "basically": 4, "unsatisfied": 1, "abstain": 0, "invalid": 0}
    sv.scoring.submit_totals(rounds[0], 1, counts)
    sv.scoring.submit_totals(rounds[0], 2, counts)
    window.bus.publish(__import__("minsheng_desktop.services.changes", fromlist=["x"]).Changes.of("data"))

    for pid, merged in ((main.id, False), (other.id, True)):
        rows = fate_rows(pane, monkeypatch, pid)
        stages = [r[1] for r in rows]
        assert stages == STAGES[:1] + (["合并办理"] if merged else []) + STAGES[1:], stages
        days = dict((r[1], r[0]) for r in rows)
        assert days["票决当选"] == "2026-11-12" and days["实施中"] == "2026-11-14" and days["已完成"] == "2026-11-20"
        assert days["测评结果"] == "2026-11-21" and "“满意”" in rows[-1][2]
        assert all(r[3] == "新进展，尚未告知" for r in rows)

    # Slips for both, then the SMS sheet: only what is new is sent, and the dialog says what was told.
    slips, sheet = tmp_path / "回执.pdf", tmp_path / "短信.xlsx"
    targets = iter([str(slips), str(sheet)])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (next(targets), "")))
    dialogs = []
    monkeypatch.setattr(RepliesDialog, "exec", lambda self: dialogs.append(self) or 0)
    pane.view.clearSelection()
    pane.buttons["answers"].click()
    dialog = dialogs[-1]
    dialog.only_selected.setChecked(False)
    dialog.village.setCurrentText("张湾村")
    dialog.buttons["slips"].click()
    assert slips.read_bytes().startswith(b"%PDF")
    for pid in (main.id, other.id):
        assert all(r[3].startswith(f"已告知（{CLOCK.today().isoformat()}，回执）") for r in fate_rows(pane, monkeypatch, pid))
    dialog.only_news.setChecked(False)
    dialog.buttons["sms"].click()
    ws = load_workbook(sheet)["短信"]
    texts = [row[3] for row in ws.iter_rows(min_row=3, values_only=True) if row[2]]
    assert len(texts) == 1 and all(len(t) <= 70 for t in texts) and "张湾村饮水管网改造" in texts[0]
    assert "满意" in texts[0]
    missing = [row[1] for row in load_workbook(sheet)["无手机号码"].iter_rows(min_row=3, values_only=True)]
    assert missing == ["李秀英（三组）"]


def test_notice_board_list_has_no_phone_numbers(window, tmp_path):
    sv = window.services
    window.nav.setCurrentRow(1)
    year = window.pane("征集").year
    from minsheng_desktop.domain.intake import ProposalInput

    sv.intake.add(year, ProposalInput("柳树村安装太阳能路灯", village="柳树村", proposer="欧阳秀英（五组）",
                                      contact="13912345678", category="乡村建设"))
    out = tmp_path / "公示.xlsx"
    sv.reports.write("replies", year, out, village="柳树村")
    cells = [str(c) for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c is not None]
    assert "欧阳某" in cells and "五组" in cells
    assert not any("13912345678" in c or "欧阳秀英" in c for c in cells)
