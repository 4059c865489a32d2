"""The lean .xlsx reader gives the same values as openpyxl (dates as serial numbers), and falls back cleanly."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.intake import parse_date
from minsheng_desktop.services.xlsx_fast import FastReadError, iter_rows
from minsheng_desktop.services.xlsx_io import read_rows


def test_same_values_as_openpyxl(tmp_path):
    path = tmp_path / "a.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "投资", "人数", "是否", None, "日期"])
    ws.append(["修建王家村村道", 45.5, 320, True, None, datetime(2025, 10, 8)])
    ws.cell(5, 3, "跳过两行")  # blank rows keep their Excel row numbers
    ws.cell(6, 1, "末行")
    ws.cell(6, 8, -3)
    wb.save(path)
    fast = list(iter_rows(path))
    slow = [(n, list(r)) for n, r in enumerate(load_workbook(path, read_only=True).active.iter_rows(values_only=True),
                                               start=1) if any(v is not None for v in r)]
    assert [n for n, _ in fast] == [n for n, _ in slow] == [1, 2, 5, 6]
    for (_, f), (_, s) in zip(fast, slow, strict=True):
        s = [v for v in s]
        f = f + [None] * (len(s) - len(f))
        for a, b in zip(f, s, strict=True):
            if isinstance(b, datetime):
                assert parse_date(a) == b.date()
            else:
                assert a == b


def test_not_an_xlsx_falls_back_then_reports(tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("hello", encoding="utf-8")
    with pytest.raises(FastReadError):
        list(iter_rows(junk))
    with pytest.raises(UserError, match="不是有效的 Excel"):
        list(read_rows(junk))
