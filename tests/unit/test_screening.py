"""Screening: candidates from proposals, the chain of meetings in order, 差额, ballot order, reports."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from minsheng_desktop.cli import main
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.intake import ProposalInput
from minsheng_desktop.domain.rules import VotePolicy
from minsheng_desktop.domain.screening import CandidateInput, Meeting, screening_state
from minsheng_desktop.services.intake_service import IntakeService
from minsheng_desktop.services.report_service import ReportService
from minsheng_desktop.services.screening_service import ScreeningService
from minsheng_desktop.services.settings_service import SettingsService

CHAIN = ("镇政府办公会", "镇人大主席团会议", "镇党委会", "主席团提请大会")


def test_state_walks_the_chain_in_order():
    assert screening_state(CHAIN, []).next_stage == "镇政府办公会"
    passed = [Meeting(s, "通过") for s in CHAIN]
    assert screening_state(CHAIN, passed).approved
    assert screening_state(CHAIN, [Meeting(CHAIN[0], "修改后通过"), Meeting(CHAIN[1], "不通过")]).status == "未通过"
    assert screening_state(CHAIN, [Meeting(CHAIN[1], "通过")]).next_stage == CHAIN[0]


def approve_all(svc, ids):
    for stage in svc.chain():
        svc.record_meeting(ids, Meeting(stage, "通过", date(2025, 12, 5)))


def test_from_proposals_to_an_approved_ballot_list(town_db, clock, tmp_path):
    intake, svc = IntakeService(town_db), ScreeningService(town_db)
    p1 = intake.add(2026, ProposalInput("修建王家村村道", village="王家村", proposer="王建国")).id
    p2 = intake.add(2026, ProposalInput("王家村村道硬化", village="王家村", proposer="李秀英")).id
    cid, _ = svc.create(2026, CandidateInput("王家村村道硬化工程", "硬化 3.2 公里", "交通出行", Decimal("120"),
                                             "交通专项资金", "镇交通运输所", "分管副镇长", date(2026, 11, 30)), [p1, p2])
    rows = {r.id: r for r in intake.proposals(2026)}
    assert rows[p1].status == "采纳为候选" and "王家村村道硬化工程" in rows[p1].reply_reason
    others = [svc.create(2026, CandidateInput(f"候选项目{i}", category="教育"), [])[0] for i in range(11)]
    with pytest.raises(UserError, match="下一步应由“镇政府办公会”审定"):
        svc.record_meeting([cid], Meeting("镇党委会", "通过"))
    approve_all(svc, [cid, *others[:10]])
    svc.record_meeting([others[10]], Meeting("镇政府办公会", "不通过", notes="资金来源未落实"))
    with pytest.raises(UserError, match="未通过"):
        svc.record_meeting([others[10]], Meeting("镇人大主席团会议", "通过"))
    listed = svc.candidates(2026)
    assert [r.status for r in listed].count("已审定") == 11 and listed[-1].status == "未通过"
    assert listed[0].sources[0][3] == "王建国" and len(listed[0].meetings) == 4
    margin = svc.margin(2026)
    assert margin.level == "ok" and margin.approved == 11
    SettingsService(town_db).save_vote_policy(VotePolicy.from_dict({"seats": 11, "candidates_planned": 12}))
    assert svc.margin(2026).level == "warn"
    svc.move(2026, others[9], -20)
    assert svc.candidates(2026)[0].id == others[9]
    svc.order_by_category(2026)
    assert [r.category for r in svc.ballot_list(2026)][0] == "教育"
    pdf = ReportService(town_db, clock).write("candidates", 2026, tmp_path / "名单.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and b"/FontFile2" in pdf.read_bytes()
    xlsx = ReportService(town_db, clock).write("candidates", 2026, tmp_path / "名单.xlsx")
    sheet = load_workbook(xlsx).active  # title row, header row, 11 candidates, 合计
    assert sheet.max_row == 14 and sheet["B14"].value == "合计" and sheet["E14"].value == "=SUM(E3:E13)"


def test_withdraw_and_bad_candidates(town_db):
    svc = ScreeningService(town_db)
    with pytest.raises(UserError, match="项目名称"):
        svc.create(2026, CandidateInput(" "), [])
    with pytest.raises(UserError, match="类别"):
        svc.create(2026, CandidateInput("x", category="不存在"), [])
    cid, _ = svc.create(2026, CandidateInput("x", category="教育"), [])
    with pytest.raises(UserError, match="理由"):
        svc.withdraw(cid, "")
    svc.withdraw(cid, "并入县级项目")
    assert svc.candidates(2026)[0].status == "撤回"
    with pytest.raises(UserError, match="已撤回"):
        svc.record_meeting([cid], Meeting("镇政府办公会", "通过"))


def test_reply_list_by_cli(demo_path, tmp_path, capsys):
    out = tmp_path / "答复.pdf"
    assert main(["report", "replies", "--db", str(demo_path), "--year", "2026", "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["out"] == str(out) and out.stat().st_size > 10_000
    assert main(["report", "replies", "--db", str(demo_path), "--year", "2026", "--out", str(tmp_path / "x.doc")]) == 2
    assert ".pdf、.docx 或 .xlsx" in capsys.readouterr().err


@pytest.mark.parametrize("kind,ext", [("ledger", "pdf"), ("ledger", "xlsx"), ("notice", "pdf"), ("calendar", "pdf"),
                                      ("calendar", "xlsx"), ("scores", "pdf"), ("scores", "xlsx"),
                                      ("tally-report", "pdf"), ("announcement", "pdf"), ("ballots", "pdf"),
                                      ("tally-sheet", "pdf"), ("counts", "xlsx")])
def test_every_report_kind_by_cli(demo_path, tmp_path, capsys, kind, ext):
    out = tmp_path / f"{kind}.{ext}"
    assert main(["report", kind, "--db", str(demo_path), "--year", "2026", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF") if ext == "pdf" else data.startswith(b"PK")
    if ext == "pdf":
        assert b"/FontFile2" in data  # the CJK font is embedded, never the STSong-Light CID font
        assert b"STSong" not in data
