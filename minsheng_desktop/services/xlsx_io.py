"""Small, safe Excel helpers: atomic writes, text cells that can never become formulas, reading rows."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain.errors import UserError

FORMULA_PREFIXES = ("=", "+", "-", "@")
# Number formats as offices use them: money with thousands separators, rates as percentages of real numbers,
# dates as real dates. A sheet names a column's format by alias or gives an Excel format string.
FORMATS = {"money": "#,##0.00", "percent": "0.0%", "date": 'yyyy"年"m"月"d"日"', "iso-date": "yyyy-mm-dd",
           "int": "0", "count": "#,##0"}


@dataclass
class Sheet:
    """One worksheet. With ``title`` a merged title row sits above the header; ``formats`` maps a column (0-based)
    to a format alias or string; ``totals`` are the columns summed in a 合计 row (SUM formulas, so a corrected
    figure carries through), its label in column ``total_label``."""
    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    widths: Sequence[int] | None = None
    title: str = ""
    formats: Mapping[int, str] = field(default_factory=dict)
    totals: Sequence[int] = ()
    total_label: int = 1
    bold_last_row: bool = False  # the rows already end with a computed 合计 (rates cannot be summed)


def write_table(path: str | os.PathLike[str], title: str, headers: Sequence[str],
                rows: Sequence[Sequence[Any]], widths: Sequence[int] | None = None) -> Path:
    """One sheet with a bold header row; written to a temp file and renamed into place."""
    return write_workbook(path, [(title, headers, rows, widths)])


def write_workbook(path: str | os.PathLike[str], sheets: Sequence[Sheet | tuple]) -> Path:
    """Several sheets, each with a bold, frozen header row repeated on every printed page, printed one page wide;
    text that looks like a formula stays text. A sheet is a ``Sheet`` or (name, headers, rows, widths)."""
    from openpyxl import Workbook
    from openpyxl.workbook.properties import CalcProperties

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _write_sheet(wb, sheet if isinstance(sheet, Sheet) else Sheet(*sheet))
    wb.calculation = CalcProperties(fullCalcOnLoad=True)  # the 合计 formulas are computed when the file opens
    return save_atomically(wb, path)


def _write_sheet(wb, sh: Sheet) -> None:
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sh.name[:31])
    ncols = len(sh.headers)
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_row = _write_head(ws, sh, get_column_letter(max(ncols, 1)), box)
    formats = {i: FORMATS.get(f, f) for i, f in sh.formats.items()}
    widths = list(sh.widths or [14] * ncols)
    header_lines = _lines(sh.headers, widths)
    if header_lines > 1:  # a long header wraps: its row as tall as it needs (Excel does not grow it on open)
        ws.row_dimensions[head_row].height = 15 * header_lines
    first = head_row + 1
    _write_rows(ws, sh, first, formats, widths, box)
    _write_totals(ws, sh, first, formats, box)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _set_up_page(ws, head_row, widths)


def _write_head(ws, sh: Sheet, last: str, box) -> int:
    """The merged title row (when there is a title) and the header row; returns the header's row number."""
    from openpyxl.styles import Alignment, Font, PatternFill

    head_row = 1
    if sh.title:
        ws.append([sh.title])
        ws.merge_cells(f"A1:{last}1")
        ws["A1"].font = Font(bold=True, size=15)
        ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[1].height = 30
        head_row = 2
    ws.append(list(sh.headers))
    for cell in ws[head_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
    return head_row


def _write_rows(ws, sh: Sheet, first: int, formats: dict[int, str], widths: list[int], box) -> None:
    """The data rows from row ``first``: text that looks like a formula stays text, dates get a date format."""
    from openpyxl.styles import Alignment

    wrap = Alignment(vertical="center", wrap_text=True)
    for r, row in enumerate(sh.rows, start=first):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
                cell.data_type = "s"  # stays text: no formula injection
            fmt = formats.get(c - 1)
            if fmt is None and isinstance(value, date | datetime):
                fmt = FORMATS["iso-date"]
            if fmt and not isinstance(value, str):
                cell.number_format = fmt
            cell.border = box
            cell.alignment = wrap
        lines = _lines(row, widths)
        if lines > 1:  # wrapped text: a printed row as tall as its longest cell (Excel does not grow it on open)
            ws.row_dimensions[r].height = 15 * lines


def _write_totals(ws, sh: Sheet, first: int, formats: dict[int, str], box) -> None:
    """The 合计 row of SUM formulas under the data, or the last data row in bold."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ncols = len(sh.headers)
    end = first + len(sh.rows) - 1
    if sh.totals and sh.rows:
        r = end + 1
        ws.cell(row=r, column=sh.total_label + 1, value="合计")
        for c in sh.totals:
            letter = get_column_letter(c + 1)
            cell = ws.cell(row=r, column=c + 1, value=f"=SUM({letter}{first}:{letter}{end})")
            cell.number_format = formats.get(c, FORMATS["money"])
        for c in range(1, ncols + 1):
            ws.cell(row=r, column=c).font = Font(bold=True)
            ws.cell(row=r, column=c).border = box
    elif sh.bold_last_row and sh.rows:
        for c in range(1, ncols + 1):
            ws.cell(row=end, column=c).font = Font(bold=True)


def _set_up_page(ws, head_row: int, widths: list[int]) -> None:
    """Frozen header, the header on every printed page, A4 one page wide, page numbers in the footer."""
    ws.freeze_panes = f"A{head_row + 1}"
    ws.print_title_rows = f"{head_row}:{head_row}"  # the header row on every printed page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(widths) > 100 else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # one page wide, as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _lines(row: Sequence[Any], widths: Sequence[int]) -> int:
    """How many lines the tallest text cell of ``row`` wraps to (a Chinese character is two width units)."""
    most = 1
    for value, width in zip(row, widths, strict=False):
        if isinstance(value, str) and value:
            units = sum(1 if ord(ch) < 0x2E80 else 2 for ch in value)
            most = max(most, -(-units // max(int(width) - 1, 1)))
    return min(most, 15)


def save_atomically(workbook, path: str | os.PathLike[str]) -> Path:
    """Save to a temp file beside ``path`` and rename it into place, with a new file's normal permissions."""
    from .atomic_file import replacing

    target = Path(path)
    try:
        with replacing(target, ".xlsx") as temp:
            workbook.save(temp)
    except PermissionError as exc:
        raise UserError(f"无法写入“{target.name}”：文件可能正在 Excel 中打开，请关闭后重试",
                        f"cannot write {target.name}: is it open in Excel?") from exc
    return target


def read_rows(path: str | os.PathLike[str]) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) for every non-empty row of the first sheet, row numbers as Excel shows them, streamed.

    An ordinary sheet is read by calamine once a streamed scan has checked it (``xlsx_calamine``); any other by
    the lean streaming XML reader (``xlsx_fast``); openpyxl reads anything that one does not understand, from the
    row where it stopped. All stay within the limits of ``domain/limits.py`` and refuse a file beyond them
    (``UserError``). Dates may come back as Excel serial numbers from the lean reader.
    """
    from . import xlsx_calamine, xlsx_fast
    from .xlsx_fast import FastReadError

    source = Path(path)
    if not source.is_file():
        raise UserError(f"找不到文件“{source}”", f"file not found: {source}")
    try:
        rows = xlsx_calamine.iter_rows(source)  # an ordinary sheet, once scanned within the limits
    except FastReadError:
        rows = xlsx_fast.iter_rows(source)  # anything else, streamed row by row
    last, count = 0, 0
    try:
        for number, values in rows:
            if any(v not in (None, "") for v in values):
                last, count = number, count + 1
                yield number, values
        return
    except FastReadError:
        pass
    yield from _read_rows_openpyxl(source, after=last, count=count)


def _read_rows_openpyxl(source: Path, *, after: int = 0, count: int = 0) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    from ..domain import limits as L
    from .xlsx_fast import FastReadError, SpreadsheetLimit, check_package

    invalid = UserError(f"“{source.name}”不是有效的 Excel（.xlsx）文件，或已损坏", f"{source.name} is not a valid .xlsx file")
    try:
        check_package(source)  # the same size limits before openpyxl inflates anything
    except FastReadError as exc:
        raise invalid from exc
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx file
        raise invalid from exc
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)  # openpyxl itself stops at column XFD (16,384)
        for number, row in enumerate(rows, start=1):
            if number > L.EXCEL_MAX_ROW:
                raise SpreadsheetLimit(f"“{source.name}”的行号超过 Excel 的 {L.EXCEL_MAX_ROW} 行，已拒绝读取",
                                       f"{source.name}: rows beyond Excel's {L.EXCEL_MAX_ROW}", field="文件")
            values = list(row)
            if number <= after or not any(v not in (None, "") for v in values):
                continue
            count += 1
            _check_openpyxl_row(source.name, number, values, count)
            yield number, values
    except UserError:
        raise
    except Exception as exc:  # a damaged sheet part
        raise invalid from exc
    finally:
        wb.close()


def _check_openpyxl_row(name: str, number: int, values: list[Any], count: int) -> None:
    from ..domain import limits as L
    from .xlsx_fast import SpreadsheetLimit

    if count > L.XLSX_MAX_ROWS:
        raise SpreadsheetLimit(f"“{name}”超过 {L.XLSX_MAX_ROWS} 行的上限：请把表格拆成几个文件（每个不超过 100000 行）分别导入",
                               f"{name} has more than {L.XLSX_MAX_ROWS} rows; split it into several files", field="文件")
    far = next((i for i in range(L.XLSX_MAX_COLUMNS, len(values)) if values[i] not in (None, "")), None)
    if far is not None:
        raise SpreadsheetLimit(f"“{name}”第 {number} 行在第 {far + 1} 列有内容，超过了 {L.XLSX_MAX_COLUMNS} 列"
                               "的上限：请删除表格右侧多余的列后重新导入",
                               f"{name}: row {number} has content beyond column {L.XLSX_MAX_COLUMNS}", field="文件")
    del values[L.XLSX_MAX_COLUMNS:]
    for v in values:
        if isinstance(v, str) and len(v) > L.XLSX_MAX_CELL_CHARS:
            raise SpreadsheetLimit(f"“{name}”第 {number} 行有单元格超过 {L.XLSX_MAX_CELL_CHARS} 个字符（Excel 单元格的上限）："
                                   "请缩短后重新导入", f"{name}: a cell in row {number} is too long", field="文件")
