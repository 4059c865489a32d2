"""Excel the way offices use it (number formats, real dates, a title row, print titles, one page wide, 合计) and
reports saved with the user's normal file permissions."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from minsheng_desktop.services.report_service import ReportService
from minsheng_desktop.services.xlsx_io import Sheet, write_table, write_workbook


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_ledger_workbook_formats_print_setup_and_totals(demo_db, clock, tmp_path):
    out = ReportService(demo_db, clock).write("ledger", 2026, tmp_path / "台账.xlsx")
    ws = load_workbook(out)["项目台账"]
    assert ws["A1"].value.startswith("清溪镇2026年度民生实事项目台账") and "A1:K1" in {str(r) for r in ws.merged_cells}
    assert [c.value for c in ws[2]][:3] == ["序号", "项目名称", "责任单位"]
    assert ws.print_title_rows == "$2:$2" or ws.print_title_rows == "2:2"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.orientation == "landscape" and ws.freeze_panes == "A3"
    first = 3
    assert isinstance(ws.cell(first, 5).value, datetime) and ws.cell(first, 5).number_format == 'yyyy"年"m"月"d"日"'
    for col in (6, 7, 8):  # 预算, 到位, 已支出
        assert isinstance(ws.cell(first, col).value, float | int) and ws.cell(first, col).number_format == "#,##0.00"
    progress = ws.cell(first, 9)
    assert 0 <= progress.value <= 1 and progress.number_format == "0.0%"
    total = ws.max_row
    assert ws.cell(total, 2).value == "合计"
    last = total - 1
    assert [ws.cell(total, c).value for c in (6, 7, 8)] == [f"=SUM({x}3:{x}{last})" for x in "FGH"]
    assert ws.cell(total, 6).number_format == "#,##0.00" and ws.cell(total, 2).font.b


def test_rates_are_numbers_with_a_percent_format(demo_db, clock, tmp_path):
    ws = load_workbook(ReportService(demo_db, clock).write("scores", 2026, tmp_path / "测评.xlsx")).active
    rate = ws.cell(3, 7)
    assert isinstance(rate.value, float) and 0 <= rate.value <= 1 and rate.number_format == "0.0%"


def test_plain_sheets_keep_the_header_in_row_one(tmp_path):
    """Workbooks read back by the app (templates, the roster) keep their layout; dates still become dates."""
    out = write_table(tmp_path / "t.xlsx", "名册", ("姓名", "日期"), [("张三", date(2026, 3, 1)), ("=1+1", None)])
    ws = load_workbook(out).active
    assert ws["A1"].value == "姓名" and ws["B2"].number_format == "yyyy-mm-dd" and ws["A3"].value == "=1+1"
    assert ws["A3"].data_type == "s" and ws.print_title_rows in ("$1:$1", "1:1")


def test_totals_of_a_sheet(tmp_path):
    out = write_workbook(tmp_path / "s.xlsx", [Sheet("表", ("项目", "金额"), [("甲", 1234.5), ("乙", 10)], [20, 12],
                                                      title="标题", formats={1: "money"}, totals=(1,), total_label=0)])
    ws = load_workbook(out).active
    assert ws["A5"].value == "合计" and ws["B5"].value == "=SUM(B3:B4)" and ws["B3"].number_format == "#,##0.00"


@pytest.mark.parametrize("name", ["台账.xlsx", "台账.pdf", "台账.docx", "公示.pdf"])
def test_reports_get_the_users_normal_permissions(demo_db, clock, tmp_path, umask_022, name):
    kind = "notice" if name.startswith("公示") else "ledger"
    out = ReportService(demo_db, clock).write(kind, 2026, tmp_path / name)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not mkstemp's 0600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]  # no temp file left behind


def test_ballots_and_the_tally_report_too(demo_db, clock, tmp_path, umask_022):
    reports = ReportService(demo_db, clock)
    session = reports.latest_session(2026)
    os.umask(0o027)
    for kind in ("ballots", "tally-report"):
        out = reports.write_vote(kind, session, tmp_path / f"{kind}.pdf")
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
