"""The county summary (PDF, .docx, .xlsx) carries the dashboard's figures and lists the red projects."""

from __future__ import annotations

import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from minsheng_desktop.domain.vocabulary import Light
from minsheng_desktop.services.dashboard_service import DashboardService
from minsheng_desktop.services.report_service import ReportService
from minsheng_desktop.storage.db import open_database
from tests.conftest import CLOCK
from tests.county_fixture import county_copy
from tests.tools import need_poppler
from tests.unit.test_documents import _texts


@pytest.fixture
def county(tmp_path):
    db = open_database(county_copy(tmp_path, "县区"))
    yield db
    db.close()


def _expected(county):
    board = DashboardService(county, CLOCK).dashboard(2026)
    red = board.flagged(Light.RED)
    assert red, "the demo county has red projects to list"
    t = board.total
    lead = (f"红灯{t.lights[Light.RED]}个、黄灯{t.lights[Light.YELLOW]}个", f"开展监督活动{t.events_held}次",
            f"逾期未办结的意见{t.opinions_overdue}件", f"票决产生实事项目{t.chosen}个")
    return board, red, lead


def test_pdf_and_docx_carry_the_figures_and_the_red_projects(county, tmp_path):
    board, red, lead = _expected(county)
    reports = ReportService(county, CLOCK)
    pdf = reports.county_summary(tmp_path / "汇总.pdf", 2026)
    text = subprocess.run([need_poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout.replace("\n", "")
    docx = "".join(_texts(Document(str(reports.county_summary(tmp_path / "汇总.docx", 2026)))))
    for body in (text, docx):
        assert f"红灯项目（{len(red)}个）" in body
        for phrase in lead:
            assert phrase in body, phrase
        for p in red:
            assert p.name in body and p.town in body
        assert f"{board.total.spent_rate:.1%}" in body


def test_xlsx_has_the_board_and_red_sheets(county, tmp_path):
    board, red, _lead = _expected(county)
    out = ReportService(county, CLOCK).county_summary(tmp_path / "汇总.xlsx", 2026)
    wb = load_workbook(out)
    assert {"进展与监督", "红灯项目"} <= set(wb.sheetnames)
    rows = [r for r in wb["进展与监督"].iter_rows(values_only=True) if r[1] == "合计"]
    head = [c for c in next(r for r in wb["进展与监督"].iter_rows(values_only=True) if r[0] == "行政区划代码")]
    total = dict(zip(head, rows[0], strict=True))
    assert total["红灯"] == board.total.lights[Light.RED] and total["逾期意见"] == board.total.opinions_overdue
    assert total["支出率"] == pytest.approx(board.total.spent_rate)
    names = {r[2] for r in wb["红灯项目"].iter_rows(values_only=True)}
    assert {p.name for p in red} <= names


def test_all_years_summary_has_no_board(county, tmp_path):
    out = ReportService(county, CLOCK).county_summary(tmp_path / "汇总.xlsx")
    assert "红灯项目" not in load_workbook(out).sheetnames
