"""Documents in the form offices file them (GB/T 9704 as the reference), described once and written as PDF or .docx.

A report builds an ``OfficialDoc`` — masthead, title, paragraphs, tables, the issuing body and date, the printed
seal — and ``render`` writes it by the file's extension: ``pdf_official`` lays it out with reportlab,
``docx_base`` writes the same blocks with python-docx so the secretary can adjust the wording in Word or WPS before
printing. Both use the same fonts (``fonts.document_fonts``), sizes and margins.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ...domain.terms import TOWN_TERMS, Terms
from .seal_block import PrintedSeal

# Page margins of GB/T 9704 (mm): 天头 37, 订口 28; the type area is 156 × 225 mm. A landscape page (wide tables)
# is the portrait page turned, so its margins turn with it.
PORTRAIT_MARGINS = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
LANDSCAPE_MARGINS = {"top": 28.0, "bottom": 26.0, "left": 37.0, "right": 35.0}
RED = "#D40000"  # 套红: the masthead and its rule
SIGN_LINE = "签名：" + "＿" * 8


@dataclass(frozen=True)
class Density:
    """Sizes in points; a one-page document that does not fit tries the next, tighter density (closer lines first,
    四号 only as the last resort)."""
    body: float = 16.0  # 三号
    leading: float = 28.9  # 22 lines in the 225 mm type area
    title: float = 22.0  # 二号
    table_cap: float = 12.0  # tables may stay smaller for legibility, never larger than this
    pad: float = 3.0  # table cell padding
    qr_mm: float = 30.0
    small: float = 10.5  # signature lines and the seal's text
    gap: float = 1.0  # the space around titles, tables and the closing, in lines


DENSITIES = (Density(),
             Density(leading=24.0, table_cap=10.5, pad=2.0, qr_mm=27.0, gap=0.7),
             Density(leading=22.0, title=20.0, table_cap=10.0, pad=1.2, qr_mm=25.0, small=9.5, gap=0.45),
             Density(body=14.0, leading=20.0, title=20.0, table_cap=9.5, pad=1.0, qr_mm=24.0, small=9.0, gap=0.35))


@dataclass(frozen=True)
class Masthead:
    """版头: the issuing body in red above a red rule (套红), and the document number (文号) when given."""
    organ: str
    number: str = ""
    red: bool = True


@dataclass(frozen=True)
class Issuer:
    """Who issues the town's documents (设置 › 本级信息): 本级机关名称, whether the masthead is printed in red (套红),
    and the 文号 of the document being written, if it has one."""
    town: str
    body: str  # e.g. 清溪镇人民代表大会主席团, 人大白涛街道工作委员会
    red: bool = False
    number: str = ""
    terms: Terms = TOWN_TERMS  # the words of the town's level: 代表/议事代表, 票决/票选 (domain/terms.py)

    def masthead(self) -> Masthead | None:
        if not (self.red or self.number):
            return None
        return Masthead(self.body, self.number, self.red)


@dataclass(frozen=True)
class Para:
    text: str
    kind: str = "body"  # body (first line indented two characters), center, note (smaller, for explanations)


@dataclass(frozen=True)
class Heading:
    text: str  # 黑体, e.g. 一、按乡镇


@dataclass(frozen=True)
class Lamp:
    colour: str  # "#rrggbb"
    label: str  # printed beside the dot: the light still reads on a black-and-white copy


@dataclass(frozen=True)
class Grid:
    headers: tuple[str, ...]
    rows: list[tuple]
    widths: tuple[float, ...]  # relative (mm as drawn before); scaled to the type area
    numeric: tuple[int, ...] = ()  # right-aligned columns
    center: tuple[int, ...] = ()
    total_row: bool = False  # the last row is 合计
    size: float = 10.5  # 五号

    def cell_text(self, value: object) -> str:
        if isinstance(value, Lamp):
            return value.label
        return "" if value is None else str(value)

    @staticmethod
    def header_text(header: str) -> str:
        """A long header breaks before its unit: 计划投资 / （万元）, never inside the brackets."""
        for opening in ("（", "("):
            at = header.find(opening)
            if at > 0 and len(header) > 5:
                return header[:at] + "\n（" + header[at + 1:].replace(")", "）")
        return header


SHORT_WORD = 8  # a cell this short (a status, a name, a unit) is never broken across lines …
FIGURE = re.compile(r"[\d\s\-./,:%+年月日]{1,24}")  # … nor a number, a date, a sum, a rate or a 封存码


def unbreakable(text: str) -> bool:
    return "\n" not in text and (len(text) <= SHORT_WORD or FIGURE.fullmatch(text) is not None)


@dataclass(frozen=True)
class Closing:
    """The issuing body and the date (of the meeting, not of printing), with room for the stamp; then the tellers'
    signatures and the printed seal (QR and 封存码), all kept on one page."""
    issuer: str
    day: date | None
    signatures: tuple[tuple[str, str], ...] = ()  # (计票人, names)
    seal: PrintedSeal | None = None


@dataclass
class OfficialDoc:
    title: str
    blocks: list = field(default_factory=list)
    subtitle: str = ""
    masthead: Masthead | None = None
    closing: Closing | None = None
    landscape: bool = False
    fit_one_page: bool = False  # try tighter densities before letting it run onto a second page
    meta_title: str = ""
    written_on: date | None = None  # the service clock's today: the .docx's created/modified date

    @property
    def margins(self) -> dict[str, float]:
        return LANDSCAPE_MARGINS if self.landscape else PORTRAIT_MARGINS

    @property
    def page_mm(self) -> tuple[float, float]:
        return (297.0, 210.0) if self.landscape else (210.0, 297.0)

    @property
    def text_width_mm(self) -> float:
        return self.page_mm[0] - self.margins["left"] - self.margins["right"]


def date_cn(day: date | None) -> str:
    return "" if day is None else f"{day.year}年{day.month}月{day.day}日"


def cn_number(n: int) -> str:
    """一, 二, … 九十九: the numbering of first-level headings (一、)."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def text_em(text: str) -> float:
    """Width in ems (full-width characters 1, ASCII ½): for centring the issuer over the date in both writers."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def doc_kind(path: str | os.PathLike[str], allowed: tuple[str, ...] = (".pdf", ".docx", ".xlsx")) -> str:
    ext = Path(path).suffix.lower()
    if ext not in allowed:
        names = "、".join(allowed[:-1]) + f" 或 {allowed[-1]}" if len(allowed) > 1 else allowed[0]
        raise UserError(f"报表文件名应以 {names} 结尾", f"the report file must end in {' / '.join(allowed)}")
    return ext


def render(doc: OfficialDoc, path: str | os.PathLike[str]) -> Path:
    """Write ``doc`` as PDF or .docx by the file's extension."""
    ext = doc_kind(path, (".pdf", ".docx"))
    if ext == ".docx":
        from .docx_base import render_docx

        return render_docx(doc, path)
    from .pdf_official import render_pdf

    return render_pdf(doc, path)
