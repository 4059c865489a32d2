"""Every limit on what the app reads from outside, in one place (README “数据与安全” lists them).

A file beyond a limit is refused with a message naming the limit and what to change; nothing is half-imported.
The spreadsheet limits keep any .xlsx — damaged, hostile or merely huge — within a few seconds and well under
500 MB of memory; the figures leave room for 100,000 proposals in one file.
"""

from __future__ import annotations

from decimal import Decimal

from .errors import UserError

MB = 1 << 20

# Spreadsheets (.xlsx) read by the proposal and roster imports.
XLSX_MAX_DIRECTORY_BYTES = 1 * MB  # the zip's table of contents (~10,000 parts; a workbook has a dozen)
XLSX_MAX_MEMBER_BYTES = 256 * MB  # any one part once inflated: the declared size, and again while reading
XLSX_MAX_TOTAL_BYTES = 512 * MB  # all parts together once inflated
XLSX_MAX_SHARED_STRINGS_BYTES = 128 * MB  # the shared-strings part, which is held in memory while reading
XLSX_MAX_SHARED_STRINGS = 2_000_000  # distinct texts in the shared-strings part
XLSX_MAX_ROWS = 110_000  # rows with content: 100,000 data rows and room for headers and notes
XLSX_MAX_COLUMNS = 200  # a cell with content further right is refused (no row is built that wide)
XLSX_MAX_CELL_CHARS = 32_767  # characters in one cell, as in Excel
XLSX_MAX_TOKEN_BYTES = 1 * MB  # one XML tag, comment or attribute (Excel writes at most a few KB)
EXCEL_MAX_ROW = 1_048_576  # the row numbers and row count Excel itself can hold
EXCEL_MAX_COLUMN = 16_384  # column XFD

# Numbers typed into an intake sheet.
INTAKE_MAX_AMOUNT = Decimal("10000000")  # 估算投资 in 万元 (1,000 亿元)
INTAKE_MAX_COUNT = 100_000_000  # 受益人数

# Work years (the settings pane offers the same range).
YEAR_MIN, YEAR_MAX = 2000, 2100

# Case files of `minsheng tally` / `minsheng score` (CLI.md).
CASE_MAX_BYTES = 16 * MB
CASE_MAX_NUMBER = 1_000_000_000  # any count, score or fraction term in a case file
CASE_MAX_DEPTH = 32  # nesting of lists and objects


def check_year(year: object, field: str = "年度") -> int:
    """A work year within YEAR_MIN..YEAR_MAX, or a refusal naming the range."""
    if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise UserError(f"年度“{shown_number(year)}”无效：应在 {YEAR_MIN}～{YEAR_MAX} 之间",
                        f"year {shown_number(year, english=True)} is out of range ({YEAR_MIN}-{YEAR_MAX})", field=field)
    return year


def shown_number(value: object, *, english: bool = False) -> str:
    """A number for a message, shortened when it is absurdly long (str() refuses ints over 4,300 digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**12:
        return ("-" if value < 0 else "") + ("a number of more than 12 digits" if english else "超过 12 位的数")
    text = repr(value) if isinstance(value, float) else str(value)
    return text if len(text) <= 40 else text[:40] + "…"
