"""The printed ballot's geometry (services/reports/ballot_marks) in the reader's units: millimetres from the sheet's
upper-left corner, y downwards."""

from __future__ import annotations

from dataclasses import dataclass

from ..reports import ballot_layout as L
from ..reports import ballot_marks as M
from .sheet_image import Geometry

Rect = tuple[float, float, float, float]


def _rect(r: tuple[float, float, float, float], height: float) -> Rect:
    x0, y0, x1, y1 = (v / L.mm for v in r)
    return (x0, height - y1, x1, height - y0)


def geometry(paper: str) -> Geometry:
    size = L.PAPERS[paper]
    h = size[1] / L.mm
    centres = tuple((x / L.mm, h - y / L.mm) for x, y in M.marker_centres(size))
    return Geometry((size[0] / L.mm, h), centres, M.MARKER / L.mm, _rect(M.qr_rect(size), h))


GEOMETRIES = {p: geometry(p) for p in L.PAPERS}


@dataclass(frozen=True)
class Spot:
    row: int  # candidate index in ballot order
    column: int  # mark column, left to right
    box: Rect
    cell: Rect


def page_spots(lay: L.Layout) -> list[list[Spot]]:
    h = lay.size[1] / L.mm
    return [[Spot(s.row, s.column, _rect(s.box, h), _rect(s.cell, h)) for s in page] for page in M.box_spots(lay)]
