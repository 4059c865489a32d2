"""A lean, bounded reader for the first sheet of an .xlsx: rows of plain values, streamed from the XML.

Intake files are flat tables of text and numbers; openpyxl's read-only mode builds an object per cell and is
the slow part of a 10,000-row import. This reads the same values with expat, one 64 KB chunk at a time, and
keeps any file within the limits of ``domain/limits.py``: the zip's declared sizes are checked before anything
is inflated and the inflated bytes are counted again while reading; a cell beyond the column limit is refused
without building a row that wide; a cell's text, the shared strings, the rows and any single XML token are
bounded while they are read. A limit exceeded raises ``SpreadsheetLimit`` (a ``UserError`` naming the limit).
Dates come back as Excel serial numbers (the cell style is not read); the intake rules accept those. Content
this reader does not understand raises ``FastReadError`` and the caller falls back to openpyxl.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.parsers import expat

from ..domain import limits as L
from ..domain.errors import UserError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
ROW, C, V, IS, T, RPH, SI, SHEET = (MAIN + n for n in ("row", "c", "v", "is", "t", "rPh", "si", "sheet"))
CHUNK = 64 * 1024
_REF = re.compile(r"([A-Z]+)(\d+)$")


class FastReadError(Exception):
    """Something this reader does not understand; the caller falls back to openpyxl (within the same limits)."""


class SpreadsheetLimit(UserError):
    """The file is beyond a limit of domain/limits.py; refused outright, never handed to another reader."""


def _mb(n: int) -> str:
    return f"{n // L.MB} MB"


def _too_big(name: str, what_zh: str, what_en: str) -> SpreadsheetLimit:
    return SpreadsheetLimit(f"“{name}”{what_zh}，已拒绝读取（文件可能损坏或被人为构造）。请在 Excel 中打开后另存为新的 .xlsx，"
                            "或把数据拆成几个较小的文件分别导入",
                            f"{name}: {what_en}; refused (the file may be damaged or crafted)", field="文件")


def _directory_size(path: Path) -> int:
    """The central directory's size as its end record declares it: what zipfile will read and parse."""
    with path.open("rb") as fh:
        size = fh.seek(0, 2)
        tail_len = min(size, 22 + 0xFFFF + 20 + 56)
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise FastReadError("not a zip file")
    cd_size = struct.unpack_from("<L", tail, at + 12)[0]
    if at >= 76 and tail[at - 20:at - 16] == b"PK\x06\x07" and tail[at - 76:at - 72] == b"PK\x06\x06":
        cd_size = max(cd_size, struct.unpack_from("<Q", tail, at - 76 + 40)[0])  # zip64 end record
    return cd_size


def open_package(path: Path) -> zipfile.ZipFile:
    """The zip, once its table of contents and the declared inflated sizes are within the limits."""
    name = path.name
    try:
        directory = _directory_size(path)
    except OSError as exc:
        raise FastReadError(str(exc)) from exc
    if directory > L.XLSX_MAX_DIRECTORY_BYTES:
        raise _too_big(name, f"的目录超过 {_mb(L.XLSX_MAX_DIRECTORY_BYTES)} 的上限（包含的部件过多）",
                       f"its zip directory exceeds {_mb(L.XLSX_MAX_DIRECTORY_BYTES)}")
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise FastReadError(str(exc)) from exc
    total = sum(info.file_size for info in z.infolist())
    if total > L.XLSX_MAX_TOTAL_BYTES:
        z.close()
        raise _too_big(name, f"解压后共 {total // L.MB} MB，超过 {_mb(L.XLSX_MAX_TOTAL_BYTES)} 的上限",
                       f"it inflates to {total // L.MB} MB, over the {_mb(L.XLSX_MAX_TOTAL_BYTES)} limit")
    return z


def check_package(path: Path) -> None:
    """Every part's declared size within the limits (for openpyxl, which inflates parts on its own)."""
    with open_package(path) as z:
        for info in z.infolist():
            limit = L.XLSX_MAX_SHARED_STRINGS_BYTES if info.filename.endswith("sharedStrings.xml") \
                else L.XLSX_MAX_MEMBER_BYTES
            if info.file_size > limit:
                raise _too_big(path.name, f"中的“{info.filename}”解压后超过 {_mb(limit)} 的上限",
                               f"part {info.filename} inflates beyond the {_mb(limit)} limit")


class Package:
    """The open zip plus a count of every byte inflated from it, against the per-part and whole-file limits."""

    def __init__(self, path: Path):
        self.name = path.name
        self.zip = open_package(path)
        self.inflated = 0

    def chunks(self, member: str, limit: int = L.XLSX_MAX_MEMBER_BYTES) -> Iterator[bytes]:
        try:
            info = self.zip.getinfo(member)
        except KeyError as exc:
            raise FastReadError(f"no part {member}") from exc
        what_zh = f"中的“{member}”解压后超过 {_mb(limit)} 的上限"
        what_en = f"part {member} inflates beyond the {_mb(limit)} limit"
        if info.file_size > limit:  # the declared size ...
            raise _too_big(self.name, what_zh, what_en)
        count = 0
        try:
            with self.zip.open(info) as raw:
                while data := raw.read(CHUNK):
                    count += len(data)  # ... and what actually comes out: declared sizes can lie
                    self.inflated += len(data)
                    if count > limit:
                        raise _too_big(self.name, what_zh, what_en)
                    if self.inflated > L.XLSX_MAX_TOTAL_BYTES:
                        raise _too_big(self.name, f"解压后超过 {_mb(L.XLSX_MAX_TOTAL_BYTES)} 的上限",
                                       f"it inflates beyond the {_mb(L.XLSX_MAX_TOTAL_BYTES)} limit")
                    yield data
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise UserError(f"“{self.name}”已损坏（{member} 无法解压或校验不符）：请在 Excel 中打开后另存为新的 .xlsx",
                            f"{self.name} is damaged ({member}: {exc})", field="文件") from exc

    def close(self) -> None:
        self.zip.close()


def _refuse_doctype(*_args) -> None:  # Excel never writes one; entity declarations live there
    raise UserError("文件中含有 Excel 不会写入的 XML 声明（DOCTYPE），为安全起见已拒绝读取：请在 Excel 中打开后另存为新的 .xlsx",
                    "the spreadsheet holds an XML DOCTYPE, which Excel never writes; refused", field="文件")


def _parse(package: Package, member: str, start: Callable, end: Callable | None = None,
           data: Callable | None = None, limit: int = L.XLSX_MAX_MEMBER_BYTES) -> Iterator[None]:
    """Feed one part to expat chunk by chunk, yielding after each chunk so the caller can take what it built."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if data is not None:
        parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = _refuse_doctype
    fed = 0
    try:
        for chunk in package.chunks(member, limit):
            parser.Parse(chunk, False)
            fed += len(chunk)
            if fed - max(parser.CurrentByteIndex, 0) > L.XLSX_MAX_TOKEN_BYTES:
                raise _too_big(package.name, f"的“{member}”中有一段超过 {_mb(L.XLSX_MAX_TOKEN_BYTES)} 的标记",
                               f"{member} holds one XML token over {_mb(L.XLSX_MAX_TOKEN_BYTES)}")
            yield
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise FastReadError(f"{member}: {exc}") from exc
    yield


def _drain(parse: Iterator[None]) -> None:
    for _ in parse:
        pass


def first_sheet_path(package: Package) -> str:
    found: dict[str, str] = {}

    def office(name: str, attrs: dict[str, str]) -> None:
        if name == PKG_REL and attrs.get("Type", "").endswith("/officeDocument") and "wb" not in found:
            found["wb"] = attrs.get("Target", "").lstrip("/")

    try:
        _drain(_parse(package, "_rels/.rels", office))
    except FastReadError:
        pass
    workbook = posixpath.normpath(found.get("wb") or "xl/workbook.xml")

    def sheet(name: str, attrs: dict[str, str]) -> None:
        if name == SHEET and "rid" not in found:
            found["rid"] = attrs.get(REL_ID, "")

    _drain(_parse(package, workbook, sheet))
    if not found.get("rid"):
        raise FastReadError("no sheet")
    folder = posixpath.dirname(workbook)

    def rel(name: str, attrs: dict[str, str]) -> None:
        if name == PKG_REL and attrs.get("Id") == found["rid"] and "sheet" not in found:
            target = attrs.get("Target", "")
            found["sheet"] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))

    _drain(_parse(package, posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels"), rel))
    if "sheet" not in found:
        raise FastReadError("sheet relationship not found")
    return found["sheet"]


def cell_too_long(name: str, where: str) -> SpreadsheetLimit:
    return SpreadsheetLimit(
        f"“{name}”{where}的文字超过 {L.XLSX_MAX_CELL_CHARS} 个字符（Excel 单元格的上限）：请缩短后重新导入",
        f"{name}: {where} holds more than {L.XLSX_MAX_CELL_CHARS} characters", field="文件")


class _Text:
    """The text of one string as expat hands it over, piece by piece, counted against Excel's cell limit:
    ``parts`` is a list while an element's text is being read (None otherwise); ``size`` counts every piece of
    one string (a shared string's or an inline string's runs share one limit); ``refuse`` says where it ran over."""

    __slots__ = ("parts", "refuse", "size")

    def __init__(self, refuse: Callable[[], SpreadsheetLimit]):
        self.parts: list[str] | None = None
        self.size = 0
        self.refuse = refuse

    def data(self, chunk: str) -> None:
        parts = self.parts
        if parts is not None:
            parts.append(chunk)
            self.size += len(chunk)
            if self.size > L.XLSX_MAX_CELL_CHARS:
                raise self.refuse()

    def take(self) -> str:
        """The text read since the element began; reading stops until the next one begins."""
        text = "".join(self.parts or ())
        self.parts = None
        return text


def _shared_strings(package: Package) -> list[str]:
    try:
        package.zip.getinfo("xl/sharedStrings.xml")
    except KeyError:
        return []
    out: list[str] = []
    parts: list[str] | None = None
    text = _Text(lambda: cell_too_long(package.name, f"第 {len(out) + 1} 个共享字符串"))
    in_rph = False

    def start(name: str, _attrs) -> None:
        nonlocal parts, in_rph
        if name == SI:
            parts, text.size = [], 0
        elif name == T and parts is not None and not in_rph:
            text.parts = []
        elif name == RPH:
            in_rph = True

    def end(name: str) -> None:
        nonlocal parts, in_rph
        if name == T and text.parts is not None:
            if parts is None:  # a shared string closed inside its own text: not a shape this reader knows
                raise FastReadError(f"{package.name}: text outside a shared string")
            parts.append(text.take())
        elif name == SI and parts is not None:
            out.append("".join(parts))
            parts = None
            if len(out) > L.XLSX_MAX_SHARED_STRINGS:
                raise _too_big(package.name, f"的共享字符串超过 {L.XLSX_MAX_SHARED_STRINGS} 条的上限",
                               f"more than {L.XLSX_MAX_SHARED_STRINGS} shared strings")
        elif name == RPH:
            in_rph = False

    _drain(_parse(package, "xl/sharedStrings.xml", start, end, text.data, limit=L.XLSX_MAX_SHARED_STRINGS_BYTES))
    return out


def _number(text: str) -> Any:
    if len(text) <= 18 and text.lstrip("-").isdigit():
        return int(text)
    try:
        return float(text)  # 1e30, 1e999 (inf) and NaN come through as floats: the import rules refuse them
    except ValueError:
        return text


def _typed(kind: str | None, raw: str | None, strings: list[str]) -> Any:
    if raw is None:
        return None
    if kind is None or kind == "n":
        return _number(raw)
    if kind == "s":
        try:
            return strings[int(raw)]
        except (ValueError, IndexError) as exc:
            raise FastReadError(f"bad shared string index {raw!r}") from exc
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind == "d":
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            return raw
    return raw  # "str" (a formula's text) and "e" (an error such as #N/A)


def iter_rows(path: str | Path) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) for every row of the first sheet that has a cell, within the limits."""
    package = Package(Path(path))
    try:
        strings = _shared_strings(package)
        yield from _sheet_rows(package, first_sheet_path(package), strings)
    finally:
        package.close()


def _sheet_rows(package: Package, member: str, strings: list[str]) -> Iterator[tuple[int, list[Any]]]:
    done: list[tuple[int, list[Any]]] = []
    values: dict[int, Any] = {}
    row_no = rows_seen = data_rows = cells = last_col = 0
    kind = ref = raw = None
    text = _Text(lambda: cell_too_long(package.name, f"第 {row_no} 行 {ref or ''} 单元格"))
    inline: list[str] | None = None
    in_rph = False

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal kind, ref, raw, inline, cells, in_rph, row_no, rows_seen, values, last_col
        if name == C:
            kind, ref, raw, inline = attrs.get("t"), attrs.get("r"), None, None
            cells += 1
            if cells > L.EXCEL_MAX_COLUMN:
                raise _too_big(package.name, f"第 {row_no} 行的单元格多于 Excel 的 {L.EXCEL_MAX_COLUMN} 列",
                               f"row {row_no} has more than {L.EXCEL_MAX_COLUMN} cells")
        elif name == V:
            text.parts, text.size = [], 0
        elif name == T:
            if inline is not None and not in_rph:
                text.parts = []
        elif name == IS:
            inline, text.size = [], 0
        elif name == RPH:
            in_rph = True
        elif name == ROW:
            r = attrs.get("r")
            row_no = int(r) if r and r.isdigit() and len(r) <= 8 else row_no + 1
            rows_seen += 1
            if row_no > L.EXCEL_MAX_ROW or rows_seen > L.EXCEL_MAX_ROW:
                raise _too_big(package.name, f"的行数或行号超过 Excel 的 {L.EXCEL_MAX_ROW} 行",
                               f"rows beyond Excel's {L.EXCEL_MAX_ROW}")
            values, cells, last_col = {}, 0, -1

    def end(name: str) -> None:
        nonlocal raw, inline, in_rph, last_col
        if name == C:
            value = "".join(inline) if kind == "inlineStr" and inline is not None else _typed(kind, raw, strings)
            col = _column(ref) if ref else last_col + 1
            last_col = col
            if value is None:
                return
            if col >= L.XLSX_MAX_COLUMNS:
                if value == "":
                    return
                raise SpreadsheetLimit(
                    f"“{package.name}”第 {row_no} 行的 {ref or f'第 {col + 1} 列'} 单元格有内容，超过了 "
                    f"{L.XLSX_MAX_COLUMNS} 列的上限：请删除表格右侧多余的列后重新导入",
                    f"{package.name}: row {row_no} has content beyond column {L.XLSX_MAX_COLUMNS}", field="文件")
            values[col] = value
        elif name == V:
            if text.parts is None:  # a value closed after its text was taken: not a shape this reader knows
                raise FastReadError(f"{package.name}: row {row_no}: a value without its text")
            raw = text.take()
        elif name == T:
            if text.parts is not None:
                if inline is None:  # a cell begun inside an inline string's text
                    raise FastReadError(f"{package.name}: row {row_no}: text outside an inline string")
                inline.append(text.take())
        elif name == RPH:
            in_rph = False
        elif name == ROW and values:
            end_row()

    def end_row() -> None:
        nonlocal data_rows
        if any(v != "" for v in values.values()):
            data_rows += 1
            if data_rows > L.XLSX_MAX_ROWS:
                raise SpreadsheetLimit(
                    f"“{package.name}”超过 {L.XLSX_MAX_ROWS} 行的上限：请把表格拆成几个文件（每个不超过 100000 行）分别导入",
                    f"{package.name} has more than {L.XLSX_MAX_ROWS} rows; split it into several files",
                    field="文件")
        row = [None] * (max(values) + 1)
        for col, value in values.items():
            row[col] = value
        done.append((row_no, row))

    for _ in _parse(package, member, start, end, text.data):
        if done:
            yield from done
            done.clear()


def _column(ref: str) -> int:
    m = _REF.match(ref)
    if not m:
        raise FastReadError(f"bad cell reference {ref[:20]!r}")
    letters = m[1]
    if len(letters) > 3:
        return L.EXCEL_MAX_COLUMN  # beyond XFD: never computed, refused if the cell has content
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col - 1
