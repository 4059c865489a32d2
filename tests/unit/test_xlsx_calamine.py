"""calamine reads an ordinary intake sheet (fast), and only once a streamed scan has found it within the limits:
anything sparse, huge, unusual or hostile goes to the streaming reader, which bounds it row by row."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook

from minsheng_desktop.domain.intake import parse_date
from minsheng_desktop.services import xlsx_calamine, xlsx_fast, xlsx_io
from minsheng_desktop.services.xlsx_fast import FastReadError

from . import xlsx_craft as X


def _book(path, rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_an_ordinary_sheet_reads_the_same_as_the_streaming_reader(tmp_path):
    path = _book(tmp_path / "a.xlsx", [["项目名称", "投资", "人数", "是否", None, "电话"],
                                       ["修建王家村村道", 45.5, 320, True, None, 13800001111],
                                       [None, None, None, None, None, None],
                                       ["末行", 0, -3, False, "备注", "0915-1234567"]])
    fast = list(xlsx_calamine.iter_rows(path))
    streamed = [(n, v) for n, v in xlsx_fast.iter_rows(path) if any(x not in (None, "") for x in v)]
    assert [(n, v) for n, v in fast if v] == streamed
    assert fast[1][1][2] == 320 and isinstance(fast[1][1][2], int)  # whole numbers stay whole (序号, 人数)


def test_dates_come_back_as_dates(tmp_path):
    path = _book(tmp_path / "d.xlsx", [["收到日期"], [datetime(2025, 10, 8)]])
    rows = list(xlsx_calamine.iter_rows(path))
    assert parse_date(rows[1][1][0]).isoformat() == "2025-10-08"  # a date or datetime: the intake rule takes both


def test_the_import_path_uses_calamine_for_an_ordinary_file(tmp_path, monkeypatch):
    path = _book(tmp_path / "a.xlsx", [["项目名称"], ["修路"]])
    used = []
    real = xlsx_calamine.iter_rows
    monkeypatch.setattr(xlsx_calamine, "iter_rows", lambda p: used.append(p) or real(p))
    assert list(xlsx_io.read_rows(path)) == [(1, ["项目名称"]), (2, ["修路"])]
    assert used


@pytest.mark.parametrize("sheet", [
    [X.HEADER, X.row(100_000, ["远处的一格"]), X.row(2, [None] * 150 + ["右边很远"])],  # sparse: a huge layout
    [b'<dimension ref="A1:XFD1048576"/>', X.HEADER],  # a dimension that would have calamine lay out 17 billion
    [X.HEADER, b'<row r="2"><c t="inlineStr"><is><t>no reference</t></is></c></row>'],  # positions inferred
], ids=["sparse", "dimension", "no-refs"])
def test_unusual_sheets_are_left_to_the_streaming_reader(tmp_path, sheet):
    path = X.write(tmp_path / "odd.xlsx", sheet)
    with pytest.raises(FastReadError):
        xlsx_calamine.checked(path)
    list(xlsx_io.read_rows(path))  # read (or refused with a message) row by row, never laid out whole


def test_a_tag_split_across_chunks_is_counted_once(tmp_path):
    """The scan reads 64 KB at a time: every cell is counted whole, once, wherever the chunks fall."""
    rows = [X.HEADER] + [X.row(i, [f"第{i}件建议" * (i % 7 + 1), i]) for i in range(2, 3000)]
    path = X.write(tmp_path / "many.xlsx", rows)
    scan = xlsx_calamine.checked(path)
    assert scan.cells == scan.refs == 4 + 2 * 2998 and scan.rows == 2999 and scan.last_row == 2999
