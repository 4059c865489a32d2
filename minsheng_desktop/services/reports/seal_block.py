"""The seal printed on a sealed result: a QR code (session, counts, signature) beside the grouped seal code."""

from __future__ import annotations

from dataclasses import dataclass

from . import pdf_base as P


@dataclass(frozen=True)
class PrintedSeal:
    code: str  # 20 digits in groups of four
    qr_text: str  # what the QR carries (domain.seal.qr_text)


def qr_drawing(text: str, size_mm: float):
    """A QR code as a vector drawing (reportlab's own encoder; medium error correction survives a fold)."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.units import mm

    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    side = size_mm * mm
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def seal_block(seal: PrintedSeal, width: float, left: list | None = None):
    """A boxed block: the QR, the code and how to check it; with ``left`` (the signature lines), those sit in a
    first column so the signatures and the seal they vouch for share one box (one row: never split)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    st = P.styles()
    code_style = ParagraphStyle("sealcode", fontName=st["font"], fontSize=13, leading=19)
    note = ParagraphStyle("sealnote", parent=st["cell"], fontSize=9, leading=12.5,
                          textColor=colors.HexColor("#444444"))
    qr_side = 34
    text = [Paragraph("封存码", st["cell"]), Paragraph(P.esc(seal.code), code_style),
            Paragraph(P.esc("结果公布时已用本级签名密钥封存。在“票决 › 核对封存码”中输入此码或扫描二维码"
                            "（命令行 minsheng verify-seal），可确认数据文件中的结果与本页一致。"), note)]
    qr_w = (qr_side + 5) * mm
    if left:
        left_w = width * 0.38
        row, widths = [left, qr_drawing(seal.qr_text, qr_side), text], [left_w, qr_w, width - left_w - qr_w]
    else:
        row, widths = [qr_drawing(seal.qr_text, qr_side), text], [qr_w, width - qr_w]
    t = Table([row], colWidths=widths)
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#555555")),
                           ("LINEBEFORE", (1, 0), (1, 0), 0.4 if left else 0, colors.HexColor("#999999")),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                           ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return t  # one row: a table that cannot split moves to the next page whole
