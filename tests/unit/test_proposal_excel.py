"""Proposal Excel import and export: template, any column order, bad rows, re-import, duplicates, CLI."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from minsheng_desktop.cli import main
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services.intake_service import IntakeService
from minsheng_desktop.services.proposal_excel import ProposalExcelService, export_rows, write_template


def sheet(path, rows):
    wb = Workbook()
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = wb.active.cell(r, c, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a secretary's text that merely starts with "="
    wb.save(path)
    return path


GOOD = [
    ["备注", "村(社区)", "项目名称", "类别", "收到日期", "估算投资(万元)", "受益人数", "建议人"],
    ["x", "王家村", "修建王家村村道", "交通出行", "2025-10-08", 45, 320, "王建国"],
    [None, "王家村", "王家村村道硬化", "水利", "2025/10/9", "30", None, "李秀英"],
    [None, "石桥村", "石桥村新建文化广场", "文化体育", datetime(2025, 10, 10), None, "1200", "张三"],
    [None, "石桥村", "", "文化体育", "2025年10月11日", None, None, "无名"],
    [None, "和平村", "和平村卫生室改扩建", "医疗卫生", "2025年10月12日", "-5", None, "赵四"],
    [None, "和平村", "和平村饮水提升", "乡村建设", "2025-10-13", None, "很多", "钱五"],
]


def test_template_has_every_header_and_an_explanation_sheet(tmp_path):
    out = tmp_path / "模板.xlsx"
    write_template(out)
    wb = load_workbook(out)
    assert [c.value for c in wb.worksheets[0][1]] == ["序号", "项目名称", "建议内容", "类别", "来源", "建议人", "联系电话",
                                                      "村(社区)", "收到日期", "估算投资(万元)", "受益人数"]
    assert wb.worksheets[1].title == "填写说明" and wb.worksheets[1].max_row == 12


def test_import_reports_rows_and_reimport_adds_nothing(town_db, tmp_path):
    path = sheet(tmp_path / "征集.xlsx", GOOD)
    svc = ProposalExcelService(town_db)
    report = svc.import_file(path, 2026).to_dict()
    assert report["rows"] == 6 and report["imported"] == 3 and report["already_imported"] == 0
    assert [(r["row"], r["field"]) for r in report["rejected"]] == [(5, "项目名称"), (6, "估算投资(万元)"), (7, "受益人数")]
    assert report["warnings"] == ["第 3 行：类别“水利”不在类别设置中，已归入“其他”"]
    assert report["possible_duplicates"] == [{"row": 3, "matches": ["修建王家村村道"], "shared": [["村道"]]}]
    rows = IntakeService(town_db).proposals(2026)
    assert [r.seq_no for r in rows] == [1, 2, 3] and rows[1].category == "其他"
    assert rows[0].received_on.isoformat() == "2025-10-08" and rows[2].beneficiaries == 1200
    again = svc.import_file(path, 2026).to_dict()
    assert again["imported"] == 0 and again["already_imported"] == 3


def test_a_sheet_without_the_title_header_is_refused(town_db, tmp_path):
    with pytest.raises(UserError, match="项目名称"):
        ProposalExcelService(town_db).import_file(sheet(tmp_path / "x.xlsx", [["名字", "内容"], ["a", "b"]]), 2026)


def test_export_writes_formula_like_text_as_text(town_db, tmp_path):
    svc = ProposalExcelService(town_db)
    svc.import_file(sheet(tmp_path / "in.xlsx", [["项目名称", "建议人"], ["=1+1 修路", "@张三"], ["+86 热线", "-"]]), 2026)
    out = tmp_path / "导出.xlsx"
    assert export_rows(out, IntakeService(town_db).proposals(2026)) == 2
    ws = load_workbook(out).active
    assert ws.cell(2, 2).value == "=1+1 修路" and ws.cell(2, 2).data_type == "s"
    assert ws.cell(3, 2).data_type == "s" and ws.cell(2, 6).data_type == "s"


def test_cli_import_prints_the_report(demo_path, tmp_path, capsys):
    path = sheet(tmp_path / "征集.xlsx", GOOD)
    assert main(["import-proposals", "--db", str(demo_path), "--year", "2027", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"rows", "imported", "already_imported", "rejected", "warnings", "possible_duplicates"}
    assert out["imported"] == 3
    assert main(["import-proposals", "--db", str(demo_path), "--year", "2027", str(tmp_path / "none.xlsx")]) == 2
