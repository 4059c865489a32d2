"""The seal printed on a sealed result: a QR code (session, counts, signature) beside the grouped seal code.

The PDF draws the QR as one vector path; the .docx gets it as a PNG written here from the same encoder's module
matrix (reportlab's renderPM needs a cairo backend that is not installed, and the bitmap needs no other library).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

from . import pdf_base as P


@dataclass(frozen=True)
class PrintedSeal:
    code: str  # 20 digits in groups of four
    qr_text: str  # what the QR carries (domain.seal.qr_text)
    note: str = ""  # how to check it; blank: CHECK_NOTE (the town's words)

    @property
    def check_note(self) -> str:
        return self.note or CHECK_NOTE


def qr_drawing(text: str, size_mm: float, border: int = 4, *, keep: bool = False):
    """A QR code as a vector drawing (reportlab's own encoder; medium error correction survives a fold), with
    ``border`` quiet modules around it. Drawn as one path of each row's runs of dark modules: reportlab's widget
    made ten thousand validated shapes per code and encoded it again for each layout tried (a third of a
    county's tally report). ``keep``: remember the encoding for the next layout (a seal's text, never a phone
    slip's one-time address)."""
    from reportlab.graphics.shapes import Drawing, Path
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    matrix = qr_matrix(text, keep=keep)
    side = size_mm * mm
    unit = side / (len(matrix) + 2 * border)
    path = Path(fillColor=colors.black, strokeColor=None, strokeWidth=0)
    for r, row in enumerate(matrix):
        top = side - (r + border) * unit
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            x0, x1 = (start + border) * unit, (c + border) * unit
            path.moveTo(x0, top)
            path.lineTo(x1, top)
            path.lineTo(x1, top - unit)
            path.lineTo(x0, top - unit)
            path.closePath()
    drawing = Drawing(side, side)
    drawing.add(path)
    return drawing


LEFT_SHARE = 0.3  # of the box's width, for the signature lines beside the QR
def check_note(vote: str = "票决") -> str:
    """Where the secretary checks the code: the vote pane is 票决 in a town, 票选 in a street."""
    return (f"结果公布时已用本级签名密钥封存。在“{vote} › 核对封存码”中输入此码或扫描二维码"
            "（命令行 minsheng verify-seal），可确认数据文件中的结果与本页一致。")


CHECK_NOTE = check_note()


def qr_matrix(text: str, *, keep: bool = False) -> list[list[bool]]:
    """The QR modules (True = dark), from the encoder the PDF uses, so both copies carry the same code. With
    ``keep``, each text is encoded once (a long code chooses among eight masks: about 0.2 s)."""
    return [list(row) for row in (_kept(text) if keep else _encoded(text))]


@lru_cache(maxsize=16)
def _kept(text: str) -> tuple[tuple[bool, ...], ...]:
    return _encoded(text)


def _encoded(text: str) -> tuple[tuple[bool, ...], ...]:
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(text, barLevel="M")
    widget.qr.make()
    return tuple(tuple(bool(m) for m in row) for row in widget.qr.modules)


def qr_png(text: str, scale: int = 8, border: int = 4) -> bytes:
    """The QR as a black-and-white PNG (8-bit greyscale, ``border`` quiet modules around it)."""
    matrix = qr_matrix(text)
    side = (len(matrix) + 2 * border) * scale
    blank = b"\xff" * side
    lines = []
    for r in range(-border, len(matrix) + border):
        if 0 <= r < len(matrix):
            row = [False] * border + matrix[r] + [False] * border
            line = b"".join((b"\x00" if dark else b"\xff") * scale for dark in row)
        else:
            line = blank
        lines += [b"\x00" + line] * scale  # filter type 0 per scanline

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(lines), 9))
            + chunk(b"IEND", b""))


def seal_block(seal: PrintedSeal, width: float, left: list | None = None, *, qr_mm: float = 34,
               font: str | None = None, size: float = 9.0):
    """A boxed block: the QR, the code and how to check it; with ``left`` (the signature lines), those sit in a
    first column so the signatures and the seal they vouch for share one box (one row: never split)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    st = P.styles()
    font = font or st["font"]
    label = ParagraphStyle("seallabel", fontName=font, fontSize=size + 1, leading=(size + 1) * 1.4)
    code_style = ParagraphStyle("sealcode", fontName=font, fontSize=size + 4, leading=(size + 4) * 1.45)
    note = ParagraphStyle("sealnote", fontName=font, fontSize=size, leading=size * 1.4, wordWrap="CJK",
                          textColor=colors.HexColor("#444444"))
    qr_side = qr_mm
    text = [Paragraph("封存码", label), Paragraph(P.esc(seal.code), code_style), Paragraph(P.esc(seal.check_note), note)]
    qr_w = (qr_side + 5) * mm
    if left:
        left_w = width * LEFT_SHARE
        row, widths = [left, qr_drawing(seal.qr_text, qr_side, keep=True), text], [left_w, qr_w, width - left_w - qr_w]
    else:
        row, widths = [qr_drawing(seal.qr_text, qr_side, keep=True), text], [qr_w, width - qr_w]
    t = Table([row], colWidths=widths)
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#555555")),
                           ("LINEBEFORE", (1, 0), (1, 0), 0.4 if left else 0, colors.HexColor("#999999")),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                           ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return t  # one row: a table that cannot split moves to the next page whole
