"""A lean reader for the first sheet of an .xlsx: rows of plain values, straight from the XML.

Intake files are flat tables of text and numbers; openpyxl's read-only mode builds an object per cell and is
the slow part of a 10,000-row import. This reads the same values with the C XML parser. Dates come back as
Excel serial numbers (the cell style is not read); the intake rules accept those. Anything unexpected in the
file raises ``FastReadError`` and the caller falls back to openpyxl.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import XMLParser, iterparse

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COL = re.compile(r"([A-Z]+)(\d+)")


class FastReadError(Exception):
    pass


def _column(ref: str) -> tuple[int, int]:
    m = _COL.match(ref)
    if not m:
        raise FastReadError(f"bad cell reference {ref!r}")
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return col - 1, int(m[2])


def _first_sheet_path(z: zipfile.ZipFile) -> str:
    from xml.etree.ElementTree import fromstring

    wb = fromstring(z.read("xl/workbook.xml"))
    sheet = wb.find(f"{NS}sheets/{NS}sheet")
    if sheet is None:
        raise FastReadError("no sheet")
    rid = sheet.get(f"{REL_NS}id")
    rels = fromstring(z.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{PKG_REL}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    raise FastReadError("sheet relationship not found")


def _shared_strings(z: zipfile.ZipFile) -> list[str]:
    try:
        handle = z.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    out: list[str] = []
    with handle:
        for _event, el in iterparse(handle, events=("end",), parser=XMLParser()):
            if el.tag == f"{NS}si":
                out.append("".join(t.text or "" for t in el.iter(f"{NS}t")))
                el.clear()
    return out


def _number(text: str) -> Any:
    if text.lstrip("-").isdigit():
        return int(text)
    return float(text)


def iter_rows(path: str | Path) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) for every row of the first sheet that has a cell."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise FastReadError(str(exc)) from exc
    with z:
        try:
            strings = _shared_strings(z)
            sheet = z.open(_first_sheet_path(z))
        except KeyError as exc:
            raise FastReadError(str(exc)) from exc
        with sheet:
            values: dict[int, Any] = {}
            row_no = 0
            cell_t, cell_ref, value_text, inline = None, None, None, None
            for event, el in iterparse(sheet, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == f"{NS}row":
                        row_no = int(el.get("r") or row_no + 1)
                        values = {}
                    elif tag == f"{NS}c":
                        cell_t, cell_ref, value_text, inline = el.get("t"), el.get("r"), None, None
                    continue
                if tag == f"{NS}v":
                    value_text = el.text
                elif tag == f"{NS}is":
                    inline = "".join(t.text or "" for t in el.iter(f"{NS}t"))
                elif tag == f"{NS}c":
                    col = _column(cell_ref)[0] if cell_ref else len(values)
                    if cell_t == "s" and value_text is not None:
                        values[col] = strings[int(value_text)]
                    elif cell_t == "inlineStr":
                        values[col] = inline
                    elif cell_t in ("str", "e"):
                        values[col] = value_text
                    elif cell_t == "b" and value_text is not None:
                        values[col] = value_text == "1"
                    elif value_text is not None:
                        values[col] = _number(value_text)
                    el.clear()
                elif tag == f"{NS}row":
                    if values:
                        row = [None] * (max(values) + 1)
                        for col, value in values.items():
                            row[col] = value
                        yield row_no, row
                    el.clear()
