"""The fastest way in for a big, ordinary intake sheet: calamine (Rust), once a streamed scan has shown it is safe.

calamine reads a whole sheet into memory in one go, so it is handed only files this module has checked first,
within ``domain/limits.py``: the zip's declared sizes (``open_package``), then every part calamine will read
inflated chunk by chunk with the bytes counted (declared sizes can lie) and scanned for what Excel never writes
(a DOCTYPE), and the sheet's size as calamine would lay it out: its cells, its rows, the last row and column any
cell or the ``<dimension>`` names. A sheet that is sparse, huge, unusual or damaged is not refused here: it goes
on to the streaming reader (``xlsx_fast``), which reads it row by row and says precisely what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain import limits as L
from .xlsx_fast import FastReadError, Package, cell_too_long, first_sheet_path

MAX_CELLS = 2_500_000  # laid out by calamine at once: 110,000 rows of 22 columns, well under the memory budget
MAX_SHEET_BYTES = 64 * L.MB  # the sheet's XML (~70,000 ordinary intake rows); bigger ones are streamed, in less memory
_CELL = re.compile(rb"<c[\s>/]")
_ROW = re.compile(rb"<row[\s>/]")
_REF = re.compile(rb'<c\b[^>]*?\sr="([A-Z]{1,3})([0-9]{1,7})"')
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_SI = re.compile(rb"<si[\s>/]")


@dataclass
class SheetScan:
    cells: int = 0
    refs: int = 0
    rows: int = 0
    last_row: int = 0
    last_col: int = 0


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _scan(package: Package, member: str, limit: int, scan: SheetScan | None = None) -> int:
    """Inflate one part, bytes counted against its limit; look for a DOCTYPE and a token longer than the limit,
    and, in the sheet, measure it. Returns how many shared strings (``<si>``) the part holds."""
    tail = b""
    run = strings = size = 0  # bytes since the last '>' (one token: a tag, an attribute, a comment)
    for chunk in package.chunks(member, limit):
        end = chunk.rfind(b">")
        run = run + len(chunk) if end < 0 else len(chunk) - end - 1
        if run > L.XLSX_MAX_TOKEN_BYTES:
            raise FastReadError(f"{member}: a token over the limit")
        size += len(chunk)
        if size > MAX_SHEET_BYTES:  # calamine would hold it all at once: streamed instead
            raise FastReadError(f"{member}: over {MAX_SHEET_BYTES} bytes")
        data = tail + chunk
        cut = data.rfind(b"<")  # from the last tag's start on, looked at with the next chunk: every tag before
        if cut < 0:  # it is whole here (no '<' inside a tag), so each is seen once and whole
            cut = len(data)
        strings += _measure(member, data[:cut], scan)
        tail = data[cut:]
    return strings + _measure(member, tail, scan)


def _measure(member: str, body: bytes, scan: SheetScan | None) -> int:
    if _DOCTYPE.search(body):
        raise FastReadError(f"{member}: DOCTYPE")  # the streaming reader refuses it with its message
    if scan is not None:
        scan.cells += len(_CELL.findall(body))
        scan.rows += len(_ROW.findall(body))
        for letters, digits in _REF.findall(body):
            scan.refs += 1
            scan.last_row = max(scan.last_row, int(digits))
            scan.last_col = max(scan.last_col, _col(letters))
        dim = _DIMENSION.search(body)
        if dim and dim[3]:
            scan.last_row = max(scan.last_row, int(dim[4]))
            scan.last_col = max(scan.last_col, _col(dim[3]))
    return len(_SI.findall(body))


def checked(path: Path) -> SheetScan:
    """The first sheet's measure, once every part calamine reads has been inflated within the limits and found
    ordinary; ``FastReadError`` if the file should be read row by row instead."""
    package = Package(path)
    try:
        sheet = first_sheet_path(package)
        names = set(package.zip.namelist())
        for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "[Content_Types].xml"):
            if part in names:
                _scan(package, part, L.XLSX_MAX_MEMBER_BYTES)
        if "xl/sharedStrings.xml" in names and _scan(package, "xl/sharedStrings.xml",
                                                     L.XLSX_MAX_SHARED_STRINGS_BYTES) > L.XLSX_MAX_SHARED_STRINGS:
            raise FastReadError("too many shared strings")
        scan = SheetScan()
        _scan(package, sheet, L.XLSX_MAX_MEMBER_BYTES, scan)
    finally:
        package.close()
    if scan.refs != scan.cells:
        raise FastReadError("cells without references")  # positions calamine would infer: read row by row
    if scan.cells > MAX_CELLS or scan.rows > L.XLSX_MAX_ROWS or scan.last_row > L.XLSX_MAX_ROWS \
            or scan.last_col > L.XLSX_MAX_COLUMNS or scan.last_row * max(scan.last_col, 1) > MAX_CELLS:
        raise FastReadError("large or sparse sheet")  # the streaming reader bounds it row by row
    return scan


def iter_rows(path: str | Path) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) for every row of the first sheet, as ``xlsx_fast.iter_rows`` gives them: empty cells
    None, whole numbers int. ``FastReadError`` (before any row) when the file is for the streaming reader."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:  # pragma: no cover - a dependency; the streaming reader still works without it
        raise FastReadError("python-calamine is not installed") from exc
    source = Path(path)
    checked(source)
    try:
        book = CalamineWorkbook.from_path(str(source))
        sheet = book.get_sheet_by_index(0)
        first_row, first_col = sheet.start or (0, 0)
        rows = sheet.iter_rows()
    except Exception as exc:  # calamine's own errors for a file it cannot read: the streaming reader decides
        raise FastReadError(f"calamine: {exc}") from exc
    return _rows(source.name, rows, first_row, first_col)


def _rows(name: str, rows, first_row: int, first_col: int) -> Iterator[tuple[int, list[Any]]]:
    pad = [None] * first_col
    for offset, row in enumerate(rows):
        values = pad + [_value(v) for v in row]
        while values and values[-1] is None:
            values.pop()
        number = first_row + offset + 1
        for i, v in enumerate(values):
            if isinstance(v, str) and len(v) > L.XLSX_MAX_CELL_CHARS:
                raise cell_too_long(name, f"第 {number} 行第 {i + 1} 列单元格")
        yield number, values


def _value(v: Any) -> Any:
    if v == "":
        return None
    if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    return v
