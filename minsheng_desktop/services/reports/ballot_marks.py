"""What makes a printed ballot machine-readable (选票扫描计票), and where its boxes are.

Every page carries four solid corner markers (to find and straighten the page) and, beside the lower-left marker,
a small QR code (domain/ballot_code) naming the session, the layout and the page — identical on every copy. Nothing
else on the ballot changes: the boxes stay where ballot_layout puts them, and ``box_spots`` computes them from the
same layout the printer used, in page points (origin at the lower-left corner, as PDF draws)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ...domain.ballot_code import BallotCode
from . import ballot_layout as L

mm = L.mm
MARKER = 6 * mm  # side of each solid corner square
MARKER_INSET = 8 * mm  # from the sheet's edges to the marker's outer edges (printers leave the outer ~5 mm blank)
QR_SIZE = 16 * mm  # version 2 (25 modules and a 1-module border): modules of 0.6 mm read at 150 dpi
QR_X = 17 * mm  # lower-left corner of the QR, right of the lower-left marker, below the table and the footer
QR_Y = 5.5 * mm


@dataclass(frozen=True)
class BoxSpot:
    row: int  # the candidate's index on the ballot (0-based, ballot order)
    column: int  # which mark: 0 赞成 1 反对 2 弃权 (or 0 同意)
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the page's lower-left corner
    cell: tuple[float, float, float, float]  # the table cell around it


def marker_centres(size: tuple[float, float]) -> list[tuple[float, float]]:
    """Centres of the corner markers, in points: upper-left, upper-right, lower-right, lower-left."""
    w, h = size
    c = MARKER_INSET + MARKER / 2
    return [(c, h - c), (w - c, h - c), (w - c, c), (c, c)]


def qr_rect(size: tuple[float, float]) -> tuple[float, float, float, float]:
    del size  # the same place on A4 and A3
    return (QR_X, QR_Y, QR_X + QR_SIZE, QR_Y + QR_SIZE)


def box_spots(lay: L.Layout) -> list[list[BoxSpot]]:
    """Every mark box of every page, measured exactly as ballot_pdf draws the page."""
    out: list[list[BoxSpot]] = []
    for page, rows in enumerate(lay.pages):
        y = lay.size[1] - L.MARGIN
        for para, gap in lay.heading + (lay.first_only if page == 0 else []):
            y -= para.height + gap
        y -= lay.head_row.height
        spots: list[BoxSpot] = []
        for i in rows:
            row = lay.rows[i]
            x, col_no = L.MARGIN, 0
            for col in lay.cols:
                if col.key == "mark":
                    bx, by = x + (col.width - L.BOX) / 2, y - (row.height + L.BOX) / 2
                    spots.append(BoxSpot(i, col_no, (bx, by, bx + L.BOX, by + L.BOX),
                                         (x, y - row.height, x + col.width, y)))
                    col_no += 1
                x += col.width
            y -= row.height
        out.append(spots)
    return out


def layout_version(lay: L.Layout) -> str:
    """Six hex digits that change whenever any box moves (another candidate, order, paper or wording)."""
    text = lay.paper + ";" + ";".join(f"{s.row},{s.column},{s.box[0]:.1f},{s.box[1]:.1f}"
                                       for page in box_spots(lay) for s in page)
    return hashlib.sha256(text.encode()).hexdigest()[:6].upper()


def draw_page_marks(c, lay: L.Layout, code: BallotCode) -> None:
    """The corner markers and the page's QR code, inside the current page or form."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    c.saveState()
    c.setFillGray(0)
    for cx, cy in marker_centres(lay.size):
        c.rect(cx - MARKER / 2, cy - MARKER / 2, MARKER, MARKER, stroke=0, fill=1)
    widget = QrCodeWidget(code.text(), barLevel="M", barBorder=1)  # the blank paper around it is the quiet zone
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, QR_X, QR_Y)
    c.restoreState()
