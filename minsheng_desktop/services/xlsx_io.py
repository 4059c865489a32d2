"""Small, safe Excel helpers: atomic writes, text cells that can never become formulas, reading rows."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..domain.errors import UserError

FORMULA_PREFIXES = ("=", "+", "-", "@")


def write_table(path: str | os.PathLike[str], title: str, headers: Sequence[str],
                rows: Sequence[Sequence[Any]], widths: Sequence[int] | None = None) -> Path:
    """One sheet with a bold header row; written to a temp file and renamed into place."""
    return write_workbook(path, [(title, headers, rows, widths)])


def write_workbook(path: str | os.PathLike[str],
                   sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]], Sequence[int] | None]]) -> Path:
    """Several sheets, each with a bold, frozen header row; text that looks like a formula stays text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows, widths in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(list(headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(horizontal="center")
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
                    cell.data_type = "s"  # stays text: no formula injection
        for i, width in enumerate(widths or [14] * len(headers), start=1):
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
        ws.freeze_panes = "A2"
    return save_atomically(wb, path)


def save_atomically(workbook, path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        workbook.save(temp)
        os.replace(temp, target)
    except PermissionError as exc:
        Path(temp).unlink(missing_ok=True)
        raise UserError(f"无法写入“{target.name}”：文件可能正在 Excel 中打开，请关闭后重试",
                        f"cannot write {target.name}: is it open in Excel?") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def read_rows(path: str | os.PathLike[str]) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) for every non-empty row of the first sheet, row numbers as Excel shows them.

    The lean XML reader is tried first (it is several times faster on big intake files); openpyxl reads
    anything it does not understand. Dates may come back as Excel serial numbers from the lean reader.
    """
    from .xlsx_fast import FastReadError, iter_rows

    source = Path(path)
    if not source.is_file():
        raise UserError(f"找不到文件“{source}”", f"file not found: {source}")
    try:
        rows = list(iter_rows(source))
    except (FastReadError, ValueError, IndexError, SyntaxError):
        rows = None
    if rows is not None:
        for number, values in rows:
            if any(v not in (None, "") for v in values):
                yield number, values
        return
    yield from _read_rows_openpyxl(source)


def _read_rows_openpyxl(source: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx file
        raise UserError(f"“{source.name}”不是有效的 Excel（.xlsx）文件", f"{source.name} is not a valid .xlsx file") from exc
    try:
        ws = wb.worksheets[0]
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            values = list(row)
            if any(v not in (None, "") for v in values):
                yield number, values
    finally:
        wb.close()
