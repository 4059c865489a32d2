"""手机表决票: one slip per deputy present, eight to an A4 page, each with the QR code of its one-time voting
address. The slips come in the order given (shuffled by the caller) with no number and no name on them."""

from __future__ import annotations

import os
from pathlib import Path

from ...fonts import register_reportlab_font
from ..atomic_file import replacing
from .seal_block import qr_drawing

COLS, ROWS = 2, 4
STEPS = ("1. 手机连接会场的无线网络（不用流量）", "2. 用微信或相机扫描左侧二维码", "3. 逐项选择，核对后提交",
         "4. 看到“已投票”和回执码即完成")
NOTE = "每张只能投一次；投票后本票作废，请交回或当场销毁。请勿拍照外传。"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for ch in text:
        if stringWidth(line + ch, font, size) > width and line:
            lines.append(line)
            line = ""
        line += ch
    return lines + ([line] if line else [])


def _slip(c, font: str, x: float, y: float, w: float, h: float, title: str, url: str, heading: str) -> None:
    """One slip whose lower-left corner is (x, y)."""
    from reportlab.graphics import renderPDF
    from reportlab.lib.units import mm

    pad = 5 * mm
    c.setFont(font, 15)
    c.drawCentredString(x + w / 2, y + h - pad - 12, heading)
    c.setFont(font, 8.5)
    top = y + h - pad - 24
    for line in _wrap(title, font, 8.5, w - 2 * pad)[:2]:
        c.drawCentredString(x + w / 2, top, line)
        top -= 11
    qr = 38 * mm
    renderPDF.draw(qr_drawing(url, qr / mm), c, x + pad - 2 * mm, y + pad + 5 * mm)
    tx = x + pad + qr + 1 * mm
    ty = y + pad + 5 * mm + qr - 10
    c.setFont(font, 8.5)
    for step in STEPS:
        for line in _wrap(step, font, 8.5, x + w - pad - tx):
            c.drawString(tx, ty, line)
            ty -= 11
        ty -= 2
    c.setFont(font, 7.5)
    c.drawCentredString(x + w / 2, y + pad, NOTE)


def write_slips(path: str | os.PathLike[str], title: str, urls: list[str], *,
                heading: str = "民生实事项目手机表决票") -> Path:
    """The slips PDF (A4), dashed lines to cut along."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = register_reportlab_font()
    margin = 10 * mm
    w, h = (A4[0] - 2 * margin) / COLS, (A4[1] - 2 * margin) / ROWS
    per_page = COLS * ROWS
    with replacing(path, ".pdf") as temp:
        c = canvas.Canvas(str(temp), pagesize=A4)
        c.setTitle(f"{title} {heading}")
        for start in range(0, len(urls), per_page):
            c.setDash(3, 3)
            c.setLineWidth(0.4)
            for i in range(1, COLS):
                c.line(margin + i * w, margin, margin + i * w, A4[1] - margin)
            for j in range(1, ROWS):
                c.line(margin, margin + j * h, A4[0] - margin, margin + j * h)
            c.setDash()
            for k, url in enumerate(urls[start:start + per_page]):
                col, row = k % COLS, k // COLS
                _slip(c, font, margin + col * w, A4[1] - margin - (row + 1) * h, w, h, title, url, heading)
            c.showPage()
        c.save()
    return Path(path)
