"""The deputies roster: edits, retire, Excel import (good, bad rows, missing headers, re-import) and export."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.roster import DeputyInput
from minsheng_desktop.services.roster_service import RosterService


def sheet(path, rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_add_edit_retire_and_search(town_db, clock):
    svc = RosterService(town_db, clock)
    svc.add(DeputyInput("张三丰", "男", "第一代表小组", "13800000001"))
    svc.add(DeputyInput("李秀英", "女", "第二代表小组", ""))
    with pytest.raises(UserError, match="已有代表"):
        svc.add(DeputyInput("张三丰", "男", "第一代表小组"))
    zhang = svc.deputies(query="zsf")[0]
    assert zhang.name == "张三丰"
    svc.update(zhang.id, DeputyInput("张三丰", "男", "第三代表小组", "13800000002"))
    svc.set_active(zhang.id, False)
    assert [d.name for d in svc.deputies(include_retired=False)] == ["李秀英"]
    assert svc.deputies(query="第三")[0].retired_on == clock.today().isoformat()


@pytest.mark.parametrize("data,field", [
    (DeputyInput(""), "姓名"), (DeputyInput("王五", "未知"), "性别"), (DeputyInput("王五", "男", "", "abc"), "联系电话"),
])
def test_bad_deputy_names_the_field(town_db, data, field):
    with pytest.raises(UserError) as err:
        RosterService(town_db).add(data)
    assert err.value.field == field


def test_import_with_headers_in_any_order_and_reimport_adds_nothing(town_db, tmp_path):
    path = sheet(tmp_path / "名册.xlsx", [
        ["联系电话", "代表小组", "姓名", "性别", "备注"],
        [13900000001, "第一代表小组", "王建国", "男", "x"],
        ["13900000002", "第一代表小组", "陈秀英", "女", None],
        [None, "第二代表小组", "刘海涛", "男", None],
    ])
    svc = RosterService(town_db)
    first = svc.import_excel(path)
    assert first.imported and (first.added, first.updated, first.problems) == (3, 0, [])
    assert svc.deputies(query="王建国")[0].phone == "13900000001"
    again = svc.import_excel(path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)


def test_bad_rows_block_the_import_unless_skipped(town_db, tmp_path):
    path = sheet(tmp_path / "名册.xlsx", [
        ["姓名", "性别", "代表小组", "联系电话"],
        ["王建国", "男", "第一组", "139"],
        ["", "女", "第一组", ""],
        ["陈秀英", "其他", "第一组", ""],
        ["王建国", "男", "第一组", ""],
    ])
    svc = RosterService(town_db)
    report = svc.import_excel(path)
    assert not report.imported and svc.deputies() == []
    assert [(p.row, p.field) for p in report.problems] == [(2, "联系电话"), (3, "姓名"), (4, "性别")]
    assert "第 3 行" in report.problems[1].reason
    report = svc.import_excel(path, skip_bad=True)
    assert report.imported and report.added == 1 and svc.deputies()[0].phone == ""


def test_a_row_repeated_in_the_sheet_is_reported(town_db, tmp_path):
    path = sheet(tmp_path / "名册.xlsx", [["姓名", "性别", "代表小组", "联系电话"], ["王建国", "男", "一组", ""],
                                        ["王建国", "男", "一组", ""]])
    report = RosterService(town_db).check_import(path)
    assert [(p.row, p.field) for p in report.problems] == [(3, "姓名")] and "第 2 行重复" in report.problems[0].reason


def test_missing_headers_and_non_excel_files(town_db, tmp_path):
    svc = RosterService(town_db)
    with pytest.raises(UserError, match="表头缺少：性别、联系电话"):
        svc.import_excel(sheet(tmp_path / "a.xlsx", [["姓名", "代表小组"], ["王", "一组"]]))
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not excel", encoding="utf-8")
    with pytest.raises(UserError, match="不是有效的 Excel"):
        svc.import_excel(junk)
    with pytest.raises(UserError, match="找不到文件"):
        svc.import_excel(tmp_path / "missing.xlsx")


def test_export_round_trips_and_never_writes_formulas(town_db, tmp_path):
    svc = RosterService(town_db)
    svc.add(DeputyInput("王建国", "男", "=HYPERLINK(\"x\")", "13900000001"))
    out = tmp_path / "导出.xlsx"
    assert svc.export_excel(out) == 1
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]][:4] == ["姓名", "性别", "代表小组", "联系电话"]
    assert ws.cell(2, 3).data_type == "s" and ws.cell(2, 3).value.startswith("=")
    assert svc.import_excel(out).unchanged == 1
