"""Hand-made .xlsx files for the hostile-input tests: the smallest package Excel and this app read, written part by
part so a test can stream gigabytes of inflated content into a file of a few megabytes, or make the zip lie."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from itertools import chain
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode()
SHEET_TAIL = b"</sheetData></worksheet>"

_STATIC = {
    "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CT}">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
    '<sheet name="建议征集表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>',
}


def cell(ref: str, value: object) -> bytes:
    if isinstance(value, str):
        text = value.replace("&", "&amp;").replace("<", "&lt;")
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()
    return f'<c r="{ref}"><v>{value}</v></c>'.encode()


def row(number: int, values: Iterable[object]) -> bytes:
    cells = b"".join(cell(f"{_letters(i)}{number}", v) for i, v in enumerate(values) if v is not None)
    return f'<row r="{number}">'.encode() + cells + b"</row>"


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


HEADER = row(1, ["项目名称", "村(社区)", "估算投资(万元)", "受益人数"])


def write(path: Path, sheet: Iterable[bytes], shared: Iterable[bytes] | None = None) -> Path:
    """A package whose first sheet is the concatenation of ``sheet`` (head and tail added), streamed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in _STATIC.items():
            z.writestr(name, text)
        members = [("xl/worksheets/sheet1.xml", chain([SHEET_HEAD], sheet, [SHEET_TAIL]))]
        if shared is not None:
            members.append(("xl/sharedStrings.xml", shared))
        for name, parts in members:
            with z.open(name, "w", force_zip64=True) as out:
                for part in parts:
                    out.write(part)
    return path


def repeat(chunk: bytes, total: int) -> Iterable[bytes]:
    """``total`` bytes made of ``chunk`` (which must divide it) without holding them all."""
    block = chunk * max(1, (1 << 20) // len(chunk))
    left = total
    while left > 0:
        piece = block[:left]
        yield piece
        left -= len(piece)


def shared_strings(items: Iterable[bytes], count: int) -> Iterable[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'.encode()
    yield from items
    yield b"</sst>"


def lie_about_size(path: Path, member: str, declared: int) -> Path:
    """Rewrite the central directory (and local header) so ``member`` claims ``declared`` inflated bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    name = member.encode()
    start = data.rfind(b"PK\x01\x02", 0)
    while start != -1:
        n = struct.unpack_from("<H", data, start + 28)[0]
        if bytes(data[start + 46:start + 46 + n]) == name:
            break
        start = data.rfind(b"PK\x01\x02", 0, start)
    if struct.unpack_from("<L", data, start + 24)[0] == 0xFFFFFFFF:  # zip64: the size lives in the extra field
        extra = start + 46 + n
        struct.pack_into("<Q", data, extra + 4, declared)
    else:
        struct.pack_into("<L", data, start + 24, declared)
    local = info.header_offset
    if struct.unpack_from("<L", data, local + 22)[0] != 0xFFFFFFFF:
        struct.pack_into("<L", data, local + 22, declared)
    path.write_bytes(bytes(data))
    return path
