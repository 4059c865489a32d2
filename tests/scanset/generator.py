"""Make scanned ballots from the app's own ballot PDF: pen marks of several kinds and strengths, stray dots and
smudges, then what a scanner or a phone does to a sheet (rotation, skew, scale, blur, noise, JPEG, upside down) at
150 or 300 dpi. Each sheet comes with the truth: the mark each row was given, and whether the row is "clear".

Marks are drawn at the box positions the layout gives (ballot_marks.box_spots); test_scan_ballots checks those
positions against the boxes actually printed in the PDF, so the generator does not simply agree with the reader."""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

SRC_DPI = 300
CLEAR = ("tick", "cross", "circle", "fill", "pencil")
NOISE = ("dot", "smudge")


@dataclass
class Truth:
    marks: dict[int, str] = field(default_factory=dict)  # row → Y/N/A ("" or absent: unmarked)
    kinds: dict[int, str] = field(default_factory=dict)  # row → how it was marked
    noise: list[tuple[int, int, str]] = field(default_factory=list)  # stray marks: (row, column, kind)
    distortion: str = ""


def render(pdf: Path, dpi: int = SRC_DPI) -> list[np.ndarray]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for i in range(len(doc)):
        bm = doc[i].render(scale=dpi / 72, grayscale=True)
        out.append(np.array(bm.to_numpy().reshape(bm.height, bm.width, -1)[..., 0]))
    doc.close()
    return out


def _p(x: float, y: float, px: float) -> tuple[int, int]:
    return int(round(x * px * 16)), int(round(y * px * 16))  # cv2 shift=4 sub-pixel points


def draw_mark(img: np.ndarray, kind: str, box, cell, rng: random.Random, px: float = SRC_DPI / 25.4) -> None:
    """One mark on a page image (mm rectangles, y down)."""
    x0, y0, x1, y1 = box
    s = x1 - x0
    ink = rng.randint(15, 70)
    pen = max(1, int(round(rng.uniform(0.35, 0.6) * px)))
    j = lambda: rng.uniform(-0.4, 0.4)  # noqa: E731
    if kind == "pencil":
        ink, pen = rng.randint(105, 140), max(1, int(round(rng.uniform(0.25, 0.35) * px)))
    if kind in ("tick", "pencil"):
        pts = [(x0 + 0.2 * s + j(), y0 + 0.55 * s + j()), (x0 + 0.45 * s + j(), y0 + 0.85 * s + j()),
               (x0 + 0.95 * s + j(), y0 + 0.05 * s + j())]
        cv2.polylines(img, [np.array([_p(x, y, px) for x, y in pts], np.int32)], False, ink, pen, cv2.LINE_AA, 4)
    elif kind == "cross":
        for a, b in (((0.15, 0.15), (0.85, 0.85)), ((0.85, 0.15), (0.15, 0.85))):
            cv2.line(img, _p(x0 + a[0] * s + j(), y0 + a[1] * s + j(), px), _p(x0 + b[0] * s + j(), y0 + b[1] * s + j(),
                                                                              px), ink, pen, cv2.LINE_AA, 4)
    elif kind == "circle":
        cx, cy = (x0 + x1) / 2 + j(), (y0 + y1) / 2 + j()
        rx = rng.uniform(4.6, 6.0)
        ry = min(rng.uniform(4.4, 5.2), (cell[3] - cell[1]) / 2 + 0.3)
        cv2.ellipse(img, _p(cx, cy, px), (int(rx * px * 16), int(ry * px * 16)), rng.uniform(-10, 10), 0,
                    rng.uniform(330, 360), ink, pen, cv2.LINE_AA, 4)
    elif kind == "fill":
        m = rng.uniform(0.3, 0.8)
        cv2.rectangle(img, _p(x0 + m, y0 + m, px), _p(x1 - m, y1 - m, px), ink, -1, cv2.LINE_AA, 4)
    elif kind == "dot":
        r = rng.uniform(0.25, 0.5)
        where = rng.choice(("inside", "outside"))
        cx = (x0 + x1) / 2 + rng.uniform(-1.5, 1.5) + (0 if where == "inside" else rng.choice((-5, 5)))
        cy = (y0 + y1) / 2 + rng.uniform(-1.5, 1.5)
        cv2.circle(img, _p(cx, cy, px), int(r * px * 16), ink, -1, cv2.LINE_AA, 4)
    elif kind == "smudge":
        h, w = img.shape
        cx, cy = int(((x0 + x1) / 2 + rng.uniform(-2, 2)) * px), int(((y0 + y1) / 2 + rng.uniform(-2, 2)) * px)
        r = int(rng.uniform(2.5, 4.5) * px)
        ya, yb, xa, xb = max(0, cy - 2 * r), min(h, cy + 2 * r), max(0, cx - 2 * r), min(w, cx + 2 * r)
        yy, xx = np.mgrid[ya:yb, xa:xb]
        shade = 1 - rng.uniform(0.12, 0.25) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * (r / 1.5) ** 2))
        img[ya:yb, xa:xb] = (img[ya:yb, xa:xb] * shade).astype(np.uint8)
    else:
        raise ValueError(kind)


def distort(img: np.ndarray, rng: random.Random, dpi: int, *, flip: bool | None = None,
            max_angle: float = 3.0) -> tuple[np.ndarray, str]:
    """A page image as a scanner returns it: on a slightly larger bed, turned, skewed, scaled, blurred, noisy."""
    h, w = img.shape
    k = dpi / SRC_DPI * rng.uniform(0.97, 1.03)
    margin = 8 * dpi / 25.4
    out_w, out_h = int(w * dpi / SRC_DPI + 2 * margin), int(h * dpi / SRC_DPI + 2 * margin)
    angle = rng.uniform(-max_angle, max_angle)
    flip = rng.random() < 0.25 if flip is None else flip
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    dst = []
    for x, y in src:
        x, y = (x - w / 2) * k, (y - h / 2) * k
        x, y = x * c - y * s, x * s + y * c
        if flip:
            x, y = -x, -y
        dst.append((x + out_w / 2 + rng.uniform(-0.006, 0.006) * out_w,
                    y + out_h / 2 + rng.uniform(-0.006, 0.006) * out_h))
    m = cv2.getPerspectiveTransform(src, np.float32(dst))
    bed = rng.randint(200, 240)
    out = cv2.warpPerspective(img, m, (out_w, out_h), flags=cv2.INTER_AREA if k < 0.8 else cv2.INTER_LINEAR,
                              borderValue=bed)
    sigma = rng.uniform(0.0, 1.0) * dpi / 150
    if sigma > 0.2:
        out = cv2.GaussianBlur(out, (0, 0), sigma)
    noise = rng.uniform(2, 8)
    out = np.clip(out.astype(np.float32) * rng.uniform(0.88, 1.0) + np.random.default_rng(rng.randint(0, 2**31))
                  .normal(0, noise, out.shape), 0, 255).astype(np.uint8)
    return out, f"{dpi}dpi 转{angle:+.1f}° 比例{k * SRC_DPI / dpi:.2f} 模糊{sigma:.1f} 噪声{noise:.0f}" + (
        " 倒置" if flip else "")


def jpeg(img: np.ndarray, quality: int) -> bytes:
    ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return data.tobytes()


def mark_page(page: np.ndarray, spots, marks_per_row: dict[int, tuple[int, str]], rng: random.Random,
              noise: list[tuple[int, int, str]]) -> np.ndarray:
    """A copy of a rendered page with ``marks_per_row`` (row → (column, kind)) and stray ``noise`` marks."""
    img = page.copy()
    by = {(sp.row, sp.column): sp for sp in spots}
    for row, (col, kind) in marks_per_row.items():
        sp = by[(row, col)]
        draw_mark(img, kind, sp.box, sp.cell, rng)
    for row, col, kind in noise:
        sp = by[(row, col)]
        draw_mark(img, kind, sp.box, sp.cell, rng)
    return img


def random_ballot(rows: list[int], columns: str, seats: int, rng: random.Random,
                  kinds: tuple[str, ...] = CLEAR) -> tuple[dict[int, tuple[int, str]], Truth]:
    """A deputy's ballot: most rows marked in one column with one kind of mark, some left blank."""
    truth = Truth()
    chosen: dict[int, tuple[int, str]] = {}
    favourite = rng.choice(kinds)
    approvals = 0
    for row in rows:
        if rng.random() < 0.12:
            continue
        col = rng.choices(range(len(columns)), weights=(6, 2, 1)[:len(columns)])[0]
        if columns[col] == "Y" and approvals >= seats and rng.random() < 0.9:
            col = min(1, len(columns) - 1) if len(columns) > 1 else col
            if columns[col] == "Y":
                continue
        approvals += columns[col] == "Y"
        kind = favourite if rng.random() < 0.7 else rng.choice(kinds)
        chosen[row] = (col, kind)
        truth.marks[row], truth.kinds[row] = columns[col], kind
    return chosen, truth


def stray(rows: list[int], ncols: int, chosen: dict[int, tuple[int, str]], rng: random.Random,
          count: int) -> list[tuple[int, int, str]]:
    """Dots and smudges on boxes left blank (a stray mark on a marked box changes nothing)."""
    free = [(r, c) for r in rows for c in range(ncols) if chosen.get(r, (-1,))[0] != c]
    return [(r, c, rng.choice(NOISE)) for r, c in rng.sample(free, min(count, len(free)))]


def pdf_of(images: list[bytes], size_mm: list[tuple[float, float]], out: Path) -> Path:
    """A scanner's PDF: one JPEG per page, placed at its size (as a document feeder writes it)."""
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out))
    for data, (w, h) in zip(images, size_mm, strict=True):
        c.setPageSize((w * mm, h * mm))
        c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, w * mm, h * mm)
        c.showPage()
    c.save()
    return out


def photo(img: np.ndarray, rng: random.Random, size: tuple[int, int] = (3000, 4000)) -> np.ndarray:
    """A phone photo of the sheet lying on a table: the page fills most of the frame, seen at a slant (keystone),
    turned a little, on a darker table, lit unevenly, slightly out of focus, saved as a phone would."""
    h, w = img.shape
    out_w, out_h = size
    page_h = out_h * rng.uniform(0.72, 0.86)
    k = page_h / h
    pw = w * k
    slant = rng.uniform(0.03, 0.09) * pw  # the far (top) edge looks shorter
    cx, cy = out_w / 2 + rng.uniform(-60, 60), out_h / 2 + rng.uniform(-60, 60)
    pts = [(-pw / 2 + slant, -page_h / 2), (pw / 2 - slant, -page_h / 2), (pw / 2, page_h / 2), (-pw / 2, page_h / 2)]
    a = math.radians(rng.uniform(-6, 6))
    dst = [(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)) for x, y in pts]
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), np.float32(dst))
    page = cv2.warpPerspective(img, m, (out_w, out_h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full_like(img, 255), m, (out_w, out_h), flags=cv2.INTER_AREA)
    noise = np.random.default_rng(rng.randint(0, 2**31))
    table = np.clip(rng.randint(60, 110) + noise.normal(0, 12, (out_h // 8, out_w // 8)), 0, 255).astype(np.uint8)
    table = cv2.resize(table, (out_w, out_h), interpolation=cv2.INTER_LINEAR)
    alpha = mask.astype(np.float32) / 255
    out = page.astype(np.float32) * alpha + table.astype(np.float32) * (1 - alpha)
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    light = 0.78 + 0.22 * (xx / out_w * rng.uniform(0.3, 1) + yy / out_h * rng.uniform(0.3, 1)) / 2
    out = cv2.GaussianBlur(out * light, (0, 0), rng.uniform(0.8, 1.8))
    out = np.clip(out + noise.normal(0, 4, out.shape), 0, 255).astype(np.uint8)
    return cv2.imdecode(np.frombuffer(jpeg(out, 85), np.uint8), cv2.IMREAD_GRAYSCALE)
