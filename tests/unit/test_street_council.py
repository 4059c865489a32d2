"""A street residents' council (街道议事代表会议): its roster of 议事代表 and 人大代表, its demo, and every vote document
in its own words (票选, 议事代表, 人大街道工委), while a town's documents still say 票决 and 主席团."""

from __future__ import annotations

import json

from openpyxl import Workbook, load_workbook

from minsheng_desktop.cli import main
from minsheng_desktop.services.report_service import ReportService
from minsheng_desktop.services.roster_service import RosterService
from minsheng_desktop.services.vote_service import VoteService
from tests.conftest import CLOCK
from tests.street_fixtures import document_text, town_words_in

VOTE_DOCUMENTS = ("ballots.pdf", "tally-sheet.pdf", "tally-report.pdf", "tally-report.docx", "announcement.pdf",
                  "announcement.docx")


def sheet(path, rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_the_demo_street_has_both_kinds_and_a_sealed_vote(street_db):
    roster = RosterService(street_db, CLOCK)
    made = roster.make_up()
    assert made.terms.level == "街道"
    active = [d for d in roster.deputies() if d.active]
    council = sum(d.kind == "议事代表" for d in active)
    assert made.counts == f"议事代表 {council} 名，人大代表 {len(active) - council} 名，共 {len(active)} 名"
    assert 30 <= council <= 100 and len(active) - council >= 5
    assert {d.kind for d in roster.deputies()} == {"议事代表", "人大代表"}
    assert all(d.sector for d in active)  # 界别/职业 given for every member of the demo
    vote = VoteService(street_db, CLOCK)
    info = vote.info(vote.latest_session_id(2026))
    assert info.sealed and info.title == "白涛街道2026年度民生实事项目票选"
    assert info.rules.deputies_total == len(active)  # both kinds vote together: the quorum counts all members
    assert info.terms.vote == "票选" and info.result is not None and info.result.chosen


def test_the_street_roster_imports_new_columns_and_old_files(street_db, tmp_path):
    svc = RosterService(street_db, CLOCK)
    before = len(svc.deputies())
    new = sheet(tmp_path / "新.xlsx", [["姓名", "性别", "代表小组", "联系电话", "身份", "界别/职业"],
                                      ["甲一", "男", "第一组", "", "区人大代表", "教师"],
                                      ["乙二", "女", "第一组", "", "", "网格员"],
                                      ["丙三", "女", "第一组", "", "政协委员", ""]])
    report = svc.import_excel(new, skip_bad=True)
    assert report.added == 2 and [(p.row, p.field) for p in report.problems] == [(4, "身份")]
    by_name = {d.name: d for d in svc.deputies()}
    assert (by_name["甲一"].kind, by_name["甲一"].sector) == ("人大代表", "教师")
    assert (by_name["乙二"].kind, by_name["乙二"].sector) == ("议事代表", "网格员")  # blank 身份: a 议事代表
    old = sheet(tmp_path / "旧.xlsx", [["姓名", "性别", "代表小组", "联系电话"], ["甲一", "男", "第一组", "13900000001"],
                                      ["丁四", "男", "第二组", ""]])
    report = svc.import_excel(old)
    assert (report.added, report.updated) == (1, 1)
    by_name = {d.name: d for d in svc.deputies()}
    assert (by_name["甲一"].kind, by_name["甲一"].sector, by_name["甲一"].phone) == ("人大代表", "教师", "13900000001")
    assert by_name["丁四"].kind == "议事代表" and len(svc.deputies()) == before + 3
    out = tmp_path / "导出.xlsx"
    serving = len(svc.deputies(include_retired=False))
    assert svc.export_excel(out, include_retired=False) == serving
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == ["姓名", "性别", "代表小组", "联系电话", "身份", "界别/职业", "状态"]
    assert svc.import_excel(out).unchanged == serving  # what it exports, it reads back unchanged
    template = tmp_path / "模板.xlsx"
    svc.write_template(template)
    assert {r[4] for r in load_workbook(template).active.iter_rows(min_row=2, values_only=True)} == {"议事代表", "人大代表"}


def test_a_town_roster_has_no_council_members(town_db, tmp_path):
    svc = RosterService(town_db, CLOCK)
    report = svc.import_excel(sheet(tmp_path / "镇.xlsx", [["姓名", "性别", "代表小组", "联系电话", "身份", "界别"],
                                                           ["王一", "男", "第一代表小组", "", "议事代表", "农民"]]))
    assert not report.imported and "街道议事代表会议才有议事代表" in report.problems[0].reason
    out = tmp_path / "模板.xlsx"
    svc.write_template(out)
    assert [c.value for c in load_workbook(out).active[1]] == ["姓名", "性别", "代表小组", "联系电话", "界别/职业"]


def test_every_vote_document_of_a_street_speaks_the_street(street_db, tmp_path):
    reports = ReportService(street_db, CLOCK)
    sid = reports.latest_session(2026)
    texts = {}
    for name in VOTE_DOCUMENTS:
        kind, ext = name.split(".")
        texts[name] = document_text(reports.write_vote(kind, sid, tmp_path / f"街道-{name}"))
        assert town_words_in(texts[name]) == [], name
    assert "民生实事项目票选票" in texts["ballots.pdf"]
    assert "民生实事项目票选计票单" in texts["tally-sheet.pdf"]
    for name in ("tally-report.pdf", "tally-report.docx"):
        assert "应到议事代表" in texts[name] and "本次票选有效" in texts[name] and "人大白涛街道工作委员会" in texts[name]
        assert "在“票选›核对封存码”中" in texts[name]
    for name in ("announcement.pdf", "announcement.docx"):
        assert "人大白涛街道工作委员会公告" in texts[name] and "经票选" in texts[name] and "应到议事代表" in texts[name]
    counts = reports.write_vote("counts", sid, tmp_path / "计票数据.xlsx")
    summary = {row[0]: row[1] for row in load_workbook(counts)["概况"].iter_rows(values_only=True)}
    assert summary["状态"] == "有效" and summary["会议"] == "白涛街道2026年度民生实事项目票选"


def test_a_towns_documents_still_say_piaojue_and_zhuxituan(demo_db, tmp_path):
    reports = ReportService(demo_db, CLOCK)
    sid = reports.latest_session(2026)
    ballot = document_text(reports.write_vote("ballots", sid, tmp_path / "选票.pdf"))
    assert "民生实事项目票决票" in ballot and "票选" not in ballot
    sheet_text = document_text(reports.write_vote("tally-sheet", sid, tmp_path / "计票单.pdf"))
    assert "民生实事项目票决计票单" in sheet_text
    for ext in ("pdf", "docx"):
        report = document_text(reports.write_vote("tally-report", sid, tmp_path / f"报告单.{ext}"))
        assert "应到代表" in report and "本次票决有效" in report and "清溪镇人民代表大会主席团" in report
        assert "议事" not in report and "票选" not in report
        notice = document_text(reports.write_vote("announcement", sid, tmp_path / f"公告.{ext}"))
        assert "清溪镇人民代表大会主席团公告" in notice and "经票决" in notice and "票选" not in notice


def test_minsheng_demo_level_street(tmp_path, capsys):
    db = tmp_path / "白涛街道.sqlite"
    assert main(["demo", "--db", str(db), "--level", "街道", "--years", "1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["town"] == "白涛街道" and summary["deputies"] == 53 and summary["projects"] >= 1
    assert main(["check", "--db", str(db)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and all(s["ok"] and s["title"].endswith("票选") for s in report["sealed_sessions"])
    assert main(["demo", "--db", str(tmp_path / "x.sqlite"), "--level", "区"]) == 2  # not a level
    assert not (tmp_path / "x.sqlite").exists()
