"""Hostile and damaged spreadsheets: each measured attack, crafted here, is refused within seconds and under
500 MB, with a message naming the limit (domain/limits.py); out-of-range numbers refuse only their row.

Every file that once took gigabytes is opened in a child process under a 1 GiB address-space limit, so a
regression fails the test with the child's figures instead of exhausting the machine."""

from __future__ import annotations

import io
import json
import re
import zipfile
from itertools import chain

import pytest
from openpyxl import Workbook

from minsheng_desktop.cli import main
from minsheng_desktop.domain import limits as L
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services import xlsx_fast, xlsx_io
from minsheng_desktop.services.intake_service import IntakeService
from minsheng_desktop.services.proposal_excel import ProposalExcelService
from minsheng_desktop.services.roster_service import RosterService
from tests.conftest import CLOCK
from tests.unit import xlsx_craft as X
from tests.unit.limited import ChildRun, run_limited

BUDGET_MB = 500
MIB = 1 << 20


def import_in_child(db_path, xlsx) -> ChildRun:
    code = ("import sys\nfrom minsheng_desktop.cli import main\n"
            f"sys.exit(main(['import-proposals', '--db', {str(db_path)!r}, '--year', '2026', {str(xlsx)!r}]))\n")
    return run_limited(code, timeout=60)


def assert_refused(run: ChildRun, *needles: str, seconds: float = 20) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert "Traceback" not in run.stderr and run.stdout == ""
    zh, en = run.stderr.strip().splitlines()[-2:]  # Chinese first, then English
    assert re.search(r"[\u4e00-\u9fff]", zh) and re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", en), run.stderr
    for needle in needles:
        assert needle in run.stderr, run.stderr
    assert run.peak_mb < BUDGET_MB and run.seconds < seconds, (run.peak_mb, run.seconds)


def test_a_cell_far_to_the_right_is_refused_without_building_the_row(town_db, db_path, tmp_path):
    # measured: this 2 KB file took 2.5 GB and 14 s (a row list as wide as column ZZZZZZ)
    path = X.write(tmp_path / "wide.xlsx", [X.HEADER, b'<row r="3"><c r="ZZZZZZ3" t="inlineStr"><is><t>x</t></is>'
                                                      b"</c></row>"])
    assert path.stat().st_size < 3000
    assert_refused(import_in_child(db_path, path), "ZZZZZZ3", f"{L.XLSX_MAX_COLUMNS} 列", seconds=10)
    roster = run_limited("from minsheng_desktop.services.xlsx_io import read_rows\n"
                         f"list(read_rows({str(path)!r}))\n")
    assert roster.returncode == 1 and "SpreadsheetLimit" in roster.stderr and roster.peak_mb < BUDGET_MB


def test_formatted_empty_cells_far_right_are_ignored(town_db, tmp_path):
    path = X.write(tmp_path / "styled.xlsx", [X.HEADER, X.row(2, ["修建王家村村道"])[:-6]
                                              + b'<c r="XFD2" s="3"/><c r="ZZZZZZ2" s="1"/></row>'])
    assert ProposalExcelService(town_db).import_file(path, 2026).imported == 1


def test_the_roster_import_has_the_same_limits(town_db, tmp_path):
    path = X.write(tmp_path / "roster.xlsx", [X.row(1, ["姓名", "性别"]), X.row(2, ["张三", "男"]),
                                              X.row(3, ["李四", "女"] + [None] * 300 + ["多余"])])
    with pytest.raises(UserError, match=f"{L.XLSX_MAX_COLUMNS} 列"):
        RosterService(town_db, CLOCK).check_import(path)


def test_a_whitespace_bomb_is_refused_by_its_declared_size(town_db, db_path, tmp_path):
    # measured: 3 MB inflating to 3 GiB of whitespace took 3.1 GB and was accepted
    over = L.XLSX_MAX_MEMBER_BYTES + MIB
    path = X.write(tmp_path / "spaces.xlsx", chain([X.HEADER], X.repeat(b" " * 64, over), [X.row(2, ["修路"])]))
    assert path.stat().st_size < 2 * MIB
    assert_refused(import_in_child(db_path, path), "sheet1.xml", f"{L.XLSX_MAX_MEMBER_BYTES // MIB} MB", seconds=10)


def test_a_zip_that_lies_about_its_sizes_is_refused(town_db, db_path, tmp_path):
    path = X.write(tmp_path / "liar.xlsx", chain([X.HEADER], X.repeat(b" " * 64, L.XLSX_MAX_MEMBER_BYTES + MIB),
                                                 [X.row(2, ["修路"])]))
    X.lie_about_size(path, "xl/worksheets/sheet1.xml", 1000)  # claims 1,000 bytes, inflates to 257 MB
    assert_refused(import_in_child(db_path, path), "已损坏", seconds=10)


def test_parts_that_together_inflate_beyond_the_total_are_refused(tmp_path):
    path = X.write(tmp_path / "parts.xlsx", [X.HEADER, X.row(2, ["修路"])])
    with zipfile.ZipFile(path, "a") as z:
        for i in range(3):
            z.writestr(f"xl/media/image{i}.png", b"x")
    for i in range(3):
        X.lie_about_size(path, f"xl/media/image{i}.png", 200 * MIB)
    with pytest.raises(UserError, match=f"{L.XLSX_MAX_TOTAL_BYTES // MIB} MB"):
        list(xlsx_io.read_rows(path))


def test_inflated_bytes_are_counted_even_when_the_zip_reader_trusts_the_data(tmp_path, monkeypatch):
    path = X.write(tmp_path / "small.xlsx", [X.HEADER, X.row(2, ["修路"])])
    real_open = zipfile.ZipFile.open

    def trusting_open(self, name, *args, **kwargs):  # a reader that does not stop at the declared size
        if str(getattr(name, "filename", name)).endswith("sheet1.xml"):
            return io.BytesIO(b" " * (L.XLSX_MAX_MEMBER_BYTES + 1))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", trusting_open)
    with pytest.raises(xlsx_fast.SpreadsheetLimit, match="sheet1.xml"):
        list(xlsx_fast.iter_rows(path))


def test_millions_of_rows_stop_at_the_row_limit(town_db, db_path, tmp_path):
    # measured: a file inflating to 30 million rows ran 600 s and took 7.8 GB
    one = '<row><c t="inlineStr"><is><t>修路</t></is></c></row>'.encode()
    path = X.write(tmp_path / "rows.xlsx", chain([X.HEADER], X.repeat(one, 2_000_000 * len(one))))
    assert_refused(import_in_child(db_path, path), f"{L.XLSX_MAX_ROWS} 行")
    empty = X.write(tmp_path / "empty-rows.xlsx", chain([X.HEADER], X.repeat(b"<row/>", 1_100_000 * 6)))
    with pytest.raises(UserError, match=str(L.EXCEL_MAX_ROW)):
        list(xlsx_io.read_rows(empty))


def test_a_huge_shared_string_is_refused(town_db, db_path, tmp_path):
    # measured: a 1 GiB shared string took 5.1 GB
    body = chain([b"<si><t>"], X.repeat(b"a" * 64, L.XLSX_MAX_SHARED_STRINGS_BYTES + MIB), [b"</t></si>"])
    path = X.write(tmp_path / "string.xlsx", [X.HEADER, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
                   X.shared_strings(body, 1))
    assert_refused(import_in_child(db_path, path), "sharedStrings.xml", seconds=10)
    long = "长" * (L.XLSX_MAX_CELL_CHARS + 1)
    shared = X.write(tmp_path / "long-shared.xlsx", [X.HEADER, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
                     X.shared_strings([f"<si><t>{long}</t></si>".encode()], 1))
    inline = X.write(tmp_path / "long-inline.xlsx", [X.HEADER, X.row(2, [long])])
    for file in (shared, inline):
        with pytest.raises(UserError, match=str(L.XLSX_MAX_CELL_CHARS)):
            list(xlsx_io.read_rows(file))


def test_too_many_shared_strings_are_refused(tmp_path):
    items = X.repeat(b"<si><t>a</t></si>", (L.XLSX_MAX_SHARED_STRINGS + 1) * 17)
    path = X.write(tmp_path / "strings.xlsx", [X.HEADER], X.shared_strings(items, L.XLSX_MAX_SHARED_STRINGS + 1))
    run = run_limited(f"from minsheng_desktop.services.xlsx_io import read_rows\nlist(read_rows({str(path)!r}))\n")
    assert "SpreadsheetLimit" in run.stderr and str(L.XLSX_MAX_SHARED_STRINGS) in run.stderr, run.stderr[-1000:]
    assert run.peak_mb < BUDGET_MB


def test_an_endless_tag_and_a_doctype_are_refused(tmp_path):
    tag = X.write(tmp_path / "tag.xlsx", [X.HEADER, b'<row r="2"><c r="A2" t="inlineStr" x="',
                                          *X.repeat(b"y" * 64, 2 * L.XLSX_MAX_TOKEN_BYTES), b'"/></row>'])
    with pytest.raises(UserError, match="标记"):
        list(xlsx_io.read_rows(tag))
    doctype = X.write(tmp_path / "doctype.xlsx", [])
    with zipfile.ZipFile(doctype) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["xl/worksheets/sheet1.xml"] = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
                                         + parts["xl/worksheets/sheet1.xml"].split(b"?>", 1)[1])
    with zipfile.ZipFile(doctype, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(UserError, match="DOCTYPE"):
        list(xlsx_io.read_rows(doctype))


def test_a_zip_with_too_many_parts_is_refused(tmp_path):
    path = X.write(tmp_path / "parts.xlsx", [X.HEADER])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as z:
        for i in range(30_000):
            z.writestr(f"customXml/item{i:08d}.xml", b"")
    with pytest.raises(UserError, match=f"{L.XLSX_MAX_DIRECTORY_BYTES // MIB} MB"):
        list(xlsx_io.read_rows(path))


def test_out_of_range_numbers_refuse_only_their_row(town_db, tmp_path, capsys, db_path):
    # measured: a 1e30 amount aborted the whole import with exit 1
    rows = [X.HEADER, X.row(2, ["修建王家村村道", "王家村", "1e30", 10]), X.row(3, ["石桥村文化广场", "石桥村", 1e30, 5]),
            X.row(4, ["和平村卫生室", "和平村", 3, 1e30]), X.row(5, ["李家湾路灯", "李家湾", -5, 1]),
            X.row(6, ["张家坪饮水", "张家坪", 4, -1]), X.row(7, ["刘家沟桥梁", "刘家沟", 12.5, 300])]
    raw = [b'<row r="8"><c r="A8" t="inlineStr"><is><t>' + "赵家岭公厕".encode() + b'</t></is></c><c r="C8"><v>1e999</v></c></row>',
           b'<row r="9"><c r="A9" t="inlineStr"><is><t>' + "孙家坝河堤".encode() + b'</t></is></c><c r="C9"><v>NaN</v></c></row>',
           b'<row r="10"><c r="A10" t="inlineStr"><is><t>' + "周家村球场".encode() + b'</t></is></c>'
           b'<c r="D10"><v>' + b"9" * 40 + b"</v></c></row>"]
    path = X.write(tmp_path / "numbers.xlsx", [*rows, *raw])
    assert main(["import-proposals", "--db", str(db_path), "--year", "2026", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["imported"] == 1
    assert [(r["row"], r["field"]) for r in report["rejected"]] == [
        (2, "估算投资(万元)"), (3, "估算投资(万元)"), (4, "受益人数"), (5, "估算投资(万元)"), (6, "受益人数"),
        (8, "估算投资(万元)"), (9, "估算投资(万元)"), (10, "受益人数")]
    assert "超出范围" in report["rejected"][0]["reason"]
    assert [r.title for r in IntakeService(town_db).proposals(2026)] == ["刘家沟桥梁"]


def test_openpyxl_fallback_keeps_the_limits(tmp_path, monkeypatch):
    def not_understood(_path):
        raise xlsx_fast.FastReadError("pretend the lean reader does not know this file")
        yield

    monkeypatch.setattr(xlsx_fast, "iter_rows", not_understood)
    wb = Workbook()
    wb.active.append(["项目名称"])
    wb.active.append(["修路"])
    wb.active.cell(3, L.XLSX_MAX_COLUMNS + 50, "远处")
    wb.save(tmp_path / "wide.xlsx")
    with pytest.raises(UserError, match=f"{L.XLSX_MAX_COLUMNS} 列"):
        list(xlsx_io.read_rows(tmp_path / "wide.xlsx"))
    wb.active.cell(3, L.XLSX_MAX_COLUMNS + 50).value = None
    for i in range(4, 10):
        wb.active.append([f"第{i}件"])
    wb.save(tmp_path / "long.xlsx")
    monkeypatch.setattr(L, "XLSX_MAX_ROWS", 5)
    with pytest.raises(UserError, match="5 行"):
        list(xlsx_io.read_rows(tmp_path / "long.xlsx"))


def test_reading_a_file_at_the_limits_stays_under_the_memory_budget(tmp_path):
    """~109,000 rows, each with 2,200 characters of content: a sheet just under the part limit, all kept."""
    head = X.row(1, ["项目名称", "建议内容", "村(社区)", "估算投资(万元)", "受益人数"])
    pad = "x" * 2200
    path = X.write(tmp_path / "big.xlsx", chain([head], (X.row(i, [f"修路{i}", f"{i:07d}{pad}", "村", 1, 2])
                                                          for i in range(2, 109_002))))
    run = run_limited("from minsheng_desktop.services.proposal_excel import _read_sheet\n"
                      f"print(len(_read_sheet({str(path)!r})))\n", timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "109000", run.stderr[-2000:]
    assert run.peak_mb < BUDGET_MB, run.peak_mb
