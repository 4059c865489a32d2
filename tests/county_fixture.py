"""A merged demo county (3 towns) and city (two districts of one town each), built once per test process by the
real path (town demos → signed packages → MergeService) and copied for each test."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from minsheng_desktop.services.county_demo import write_county_demo
from tests.conftest import CLOCK

_BUILT: dict[str, Path] = {}
SIZES = {"县区": 3, "市": 2}


def county_copy(tmp_path: Path, level: str = "县区") -> Path:
    if level not in _BUILT:
        path = Path(tempfile.mkdtemp(prefix="minsheng-county-")) / f"{level}.sqlite"
        write_county_demo(str(path), level, towns=SIZES[level], clock=CLOCK)
        _BUILT[level] = path
    target = tmp_path / f"{level}.sqlite"
    shutil.copy(_BUILT[level], target)
    return target
