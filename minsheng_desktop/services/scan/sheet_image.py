"""Pure image work on one scanned page (numpy arrays in, numbers out; no files, no database).

Method, after VotingWorks' VxScan: find the printed timing marks (here four solid corner squares), map the page onto
its known geometry with a perspective transform (which also undoes skew, scale and a sheet fed upside down), read the
page's code, then measure every mark box against the positions computed from the layout and score it 0..1. Unlike
a bubble ballot, a deputy may tick, cross, fill or circle a box, so the score looks at the ink inside the box
(its printed border ignored) and in the blank cell around it, and at how far the ink stretches: a dot is not a mark.
Page coordinates here are millimetres from the sheet's upper-left corner, y downwards."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

PX = 6.0  # pixels per millimetre of the straightened page (about 150 dpi)
QR_PX = 10.0  # pixels per millimetre when the code's corner is straightened for reading
BORDER_BAND = 0.9  # mm either side of a box's printed border left out of the measurement
CELL_BAND = 0.9  # mm inside the table's lines left out of the cell around a box
SEARCH = 0.8  # mm a box may sit off its computed place (paper stretch, a printer's offset)
INK = 0.66  # a pixel darker than this share of the paper's brightness is ink (light pencil included)
FULL_INSIDE = 0.10  # share of a box's inside that, inked, makes a full-strength mark
FULL_AROUND = 0.05  # share of the cell around the box that, inked, does the same (a circle round the box)
STROKE_WIDTH = 1.5  # mm: a pen or pencil line is narrower than this
THIN_CONTRAST = 0.14  # a thin line this much darker than the paper beside it is ink
DOT = 1.4  # mm: ink that stretches no further than this is a dot, not a mark
STROKE = 3.0  # mm: ink that stretches this far counts fully


class SheetRefused(Exception):
    """A page the reader cannot use; ``reason`` is shown to the person (Chinese)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Geometry:
    """Where things are printed on one paper size, in mm from the upper-left corner."""

    size: tuple[float, float]
    markers: tuple[tuple[float, float], ...]  # centres: upper-left, upper-right, lower-right, lower-left
    marker_side: float
    qr: tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Located:
    text: str  # the page's code
    paper: str
    homography: np.ndarray  # page mm → image pixels
    upside_down: bool


@dataclass(frozen=True)
class BoxMeasure:
    inside: float  # share of the box's inside that is ink
    around: float  # share of the cell around the box that is ink
    reach: float  # mm: the longest stretch of one stroke
    border: float  # share of the printed border found where it should be (how well the page lined up)
    score: float


# ---- finding the page ------------------------------------------------------------------------------------------

def _odd(n: int) -> int:
    return n if n % 2 else n + 1


def find_markers(grey: np.ndarray) -> tuple[np.ndarray, float]:
    """The four corner squares' centres in image pixels (upper-left, upper-right, lower-right, lower-left as they
    lie in the image) and their mean side in pixels. Raises SheetRefused when there are not four."""
    h, w = grey.shape
    scale = min(1.0, 1400 / max(h, w))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    binary = cv2.adaptiveThreshold(blur, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                   _odd(max(small.shape) // 20), 25)
    contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    long_side = max(small.shape)
    lo, hi = long_side / 140, long_side / 20  # a marker is 6 mm of a sheet at least half the picture
    found = []
    for c in contours:
        x, y, bw, bh = cv2.boundingRect(c)
        if not (lo <= bw <= hi and lo <= bh <= hi and 0.6 <= bw / bh <= 1.6):
            continue
        area = cv2.contourArea(c)
        if area < 0.6 * bw * bh or cv2.countNonZero(binary[y:y + bh, x:x + bw]) < 0.75 * bw * bh:
            continue
        m = cv2.moments(c)
        found.append((m["m10"] / m["m00"], m["m01"] / m["m00"], area))
    if len(found) < 4:
        raise SheetRefused("找不到选票四角的定位方块（不是本程序印制的选票，或页面不完整、太暗）")
    pts = np.array([(x, y) for x, y, _a in found])
    picks = [int(np.argmin(pts.sum(1))), int(np.argmax(pts[:, 0] - pts[:, 1])), int(np.argmax(pts.sum(1))),
             int(np.argmin(pts[:, 0] - pts[:, 1]))]
    areas = [found[i][2] for i in picks]
    if len(set(picks)) < 4 or max(areas) > 3 * min(areas):
        raise SheetRefused("找不到选票四角的定位方块（不是本程序印制的选票，或页面不完整、太暗）")
    quad = pts[picks]
    sides = [float(np.linalg.norm(quad[i] - quad[(i + 1) % 4])) for i in range(4)]
    ratio = max(sides) / min(sides)
    if not (0.8 < sides[0] / sides[2] < 1.25 and 0.8 < sides[1] / sides[3] < 1.25 and 1.25 < ratio < 1.75):
        raise SheetRefused("选票四角的定位方块位置不对（页面折叠、缺角或拍摄角度太斜）")
    return quad / scale, float(np.sqrt(np.mean(areas))) / scale


def _homography(page_pts, image_pts) -> np.ndarray:
    return cv2.getPerspectiveTransform(np.asarray(page_pts, np.float32), np.asarray(image_pts, np.float32))


def _warp(grey: np.ndarray, homography: np.ndarray, origin: tuple[float, float], size_mm: tuple[float, float],
          px: float) -> np.ndarray:
    """The page area from ``origin`` (mm) of ``size_mm``, straightened at ``px`` pixels per mm."""
    to_mm = np.array([[1 / px, 0, origin[0]], [0, 1 / px, origin[1]], [0, 0, 1]])
    out = (int(round(size_mm[0] * px)), int(round(size_mm[1] * px)))
    return cv2.warpPerspective(grey, homography @ to_mm, out, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                               borderMode=cv2.BORDER_REPLICATE)


_DETECTOR: list = []


def _variants(crop: np.ndarray) -> Iterator[np.ndarray]:
    yield crop
    yield cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    soft = cv2.GaussianBlur(crop, (0, 0), 2)
    yield cv2.threshold(cv2.addWeighted(crop, 2.0, soft, -1.0, 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]


def read_code(crop: np.ndarray) -> str:
    """The text of the QR code in a straightened crop ('' when none can be read): as it is, binarised, sharpened,
    with OpenCV's two QR readers."""
    if not _DETECTOR:
        _DETECTOR.extend((cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()))
    for img in _variants(crop):
        for detector in _DETECTOR:
            try:
                text, _pts, _raw = detector.detectAndDecode(img)
            except cv2.error:
                text = ""
            if text:
                return text
    return ""


def locate(grey: np.ndarray, geometries: dict[str, Geometry]) -> Located:
    """Find the sheet in the picture and read its code, trying the paper the markers' spacing suggests first and
    the sheet both ways up."""
    quad, side = find_markers(grey)
    sides = [float(np.linalg.norm(quad[i] - quad[(i + 1) % 4])) for i in range(4)]
    shifts = (0, 2) if sides[0] + sides[2] < sides[1] + sides[3] else (1, 3)  # the page's short side on top
    spacing = min(sides) / side

    def closeness(item: tuple[str, Geometry]) -> float:
        g = item[1]
        return abs((g.markers[1][0] - g.markers[0][0]) / g.marker_side - spacing)

    for paper, g in sorted(geometries.items(), key=closeness):
        x0, y0, x1, y1 = g.qr
        pad, top = 2.5, 0.8  # the table's last line is just above the code
        tries = []
        for shift in shifts:
            homography = _homography(g.markers, np.roll(quad, -shift, axis=0))
            crop = _warp(grey, homography, (x0 - pad, y0 - top), (x1 - x0 + 2 * pad, y1 - y0 + top + pad), QR_PX)
            tries.append((float(crop.std()), shift, homography, crop))
        for _contrast, shift, homography, crop in sorted(tries, key=lambda t: -t[0]):  # the code's corner first
            text = read_code(crop)
            if text:
                return Located(text, paper, homography, shift in (2, 3))
    raise SheetRefused("读不出选票左下角的二维码（二维码被涂写、污损或扫描太模糊）")


def straighten(grey: np.ndarray, found: Located, geometry: Geometry) -> np.ndarray:
    """The whole page, upright, at PX pixels per mm."""
    return _warp(grey, found.homography, (0.0, 0.0), geometry.size, PX)


def preview(page: np.ndarray, px: float = 3.0) -> bytes:
    """A straightened page, small, as JPEG: what the person confirming a ballot looks at."""
    small = cv2.resize(page, None, fx=px / PX, fy=px / PX, interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 80])
    return data.tobytes() if ok else b""


# ---- measuring boxes ---------------------------------------------------------------------------------------------

def paper_level(page: np.ndarray) -> float:
    return float(np.percentile(page[::8, ::8], 90))


def _px(v: float) -> int:
    return int(round(v * PX))


def _outline(side: int, thick: int) -> np.ndarray:
    t = np.ones((side, side), np.float32)
    t[thick:-thick, thick:-thick] = 0
    return t


def _settle(ink: np.ndarray, x0: int, y0: int, side: int) -> tuple[int, int, float]:
    """Nudge a box onto its printed border (within SEARCH mm); returns the place and how much border is there."""
    r, thick = _px(SEARCH), max(2, _px(0.35))
    template = _outline(side, thick)
    region = ink[y0 - r:y0 + side + r, x0 - r:x0 + side + r].astype(np.float32)
    if region.shape != (side + 2 * r, side + 2 * r):
        return x0, y0, 0.0
    fit = cv2.matchTemplate(region, template, cv2.TM_CCORR)
    _min, best, _minloc, (bx, by) = cv2.minMaxLoc(fit)
    if best <= fit[r, r] * 1.05:  # no clearer border elsewhere (a filled box looks alike everywhere)
        bx, by, best = r, r, float(fit[r, r])
    return x0 + bx - r, y0 + by - r, best / float(template.sum())


def _reach(mask: np.ndarray) -> float:
    """The longest extent (mm) of one connected stroke in a mask."""
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    count, _labels, stats, _c = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return 0.0
    big = stats[1:][stats[1:, cv2.CC_STAT_AREA] >= 3]
    if not len(big):
        return 0.0
    return float(np.max(np.maximum(big[:, cv2.CC_STAT_WIDTH], big[:, cv2.CC_STAT_HEIGHT]))) / PX


def score(inside: float, around: float, reach: float) -> float:
    strength = min(1.0, inside / FULL_INSIDE + around / FULL_AROUND)
    shape = min(1.0, max(0.0, (reach - DOT) / (STROKE - DOT)))
    return round(strength * shape, 3)


def measure_box(ink: np.ndarray, box: tuple[float, float, float, float],
                cell: tuple[float, float, float, float]) -> BoxMeasure:
    """One box on a straightened page's ink mask (uint8, 1 = ink); rectangles in mm."""
    side = _px(box[2] - box[0])
    x0, y0, border = _settle(ink, _px(box[0]), _px(box[1]), side)
    band = _px(BORDER_BAND)
    cx0, cy0 = _px(cell[0] + CELL_BAND), _px(cell[1] + CELL_BAND)
    cx1, cy1 = _px(cell[2] - CELL_BAND), _px(cell[3] - CELL_BAND)
    area = ink[cy0:cy1, cx0:cx1].copy()
    # the box, relative to the cell area
    bx0, by0 = x0 - cx0, y0 - cy0
    inner = area[max(0, by0 + band):by0 + side - band, max(0, bx0 + band):bx0 + side - band]
    inside = float(inner.mean()) if inner.size else 0.0
    ring_total = area.size - (side + 2 * band) ** 2
    outer = area.copy()
    outer[max(0, by0 - band):by0 + side + band, max(0, bx0 - band):bx0 + side + band] = 0
    around = float(outer.sum()) / ring_total if ring_total > 0 else 0.0
    strokes = outer
    strokes[max(0, by0 + band):by0 + side - band, max(0, bx0 + band):bx0 + side - band] = inner
    reach = _reach(strokes)
    return BoxMeasure(round(inside, 4), round(around, 4), round(reach, 2), round(border, 3),
                      score(inside, around, reach))


def ink_mask(page: np.ndarray) -> np.ndarray:
    """Ink: darker than INK of the paper's brightness, or a thin stroke clearly darker than the paper right around
    it (a black-hat filter finds a light pencil line that blur and a 150 dpi scan left grey, and ignores a broad
    smudge, which darkens its own surroundings too)."""
    paper = paper_level(page)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (_px(STROKE_WIDTH), _px(STROKE_WIDTH)))
    thin = cv2.morphologyEx(page, cv2.MORPH_BLACKHAT, kernel)
    return ((page < INK * paper) | (thin > THIN_CONTRAST * paper)).astype(np.uint8)


def measure_boxes(page: np.ndarray, spots: list[tuple[tuple[float, float, float, float],
                                                      tuple[float, float, float, float]]]) -> list[BoxMeasure]:
    """Every box of a straightened page: (box, cell) rectangles in mm."""
    ink = ink_mask(page)
    return [measure_box(ink, box, cell) for box, cell in spots]
