"""A tiny benchmark harness: run commands repeatedly, time them, print figures beside a baseline.

Benchmarks are not tests: they print numbers for a person (and a closing note) to read.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    name: str
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)


def time_until_line(argv: Sequence[str], marker: str, runs: int, env: dict[str, str] | None = None) -> list[float]:
    """Wall time from starting a fresh process until it prints ``marker`` (a cold start each run)."""
    out = []
    full_env = {**os.environ, **(env or {})}
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == marker:
                out.append(time.perf_counter() - start)
                break
        else:
            err = proc.stderr.read() if proc.stderr else ""
            proc.wait()
            raise RuntimeError(f"{argv} never printed {marker!r}: {err[-2000:]}")
        proc.wait(timeout=30)
    return out


def report(title: str, baseline: Timing, subject: Timing, *, target_ratio: float | None,
           target_seconds: float | None) -> bool:
    ratio = subject.median / baseline.median
    ok = (target_ratio is None or ratio <= target_ratio) and (target_seconds is None or subject.median <= target_seconds)
    print(f"== {title}")
    print(f"{'':24}{'median':>10}{'best':>10}{'runs':>6}")
    for t in (baseline, subject):
        print(f"{t.name:24}{t.median * 1000:>8.0f}ms{t.best * 1000:>8.0f}ms{len(t.seconds):>6}")
    wanted = f"target ≤ {target_ratio}x" if target_ratio is not None else "no ratio target"
    absolute = f"target < {target_seconds}s" if target_seconds is not None else "no target: for reference"
    print(f"ratio {ratio:.2f}x ({wanted}), absolute {subject.median:.2f}s ({absolute}): {'MET' if ok else 'NOT MET'}")
    sys.stdout.flush()
    return ok


def as_installed() -> None:
    """Byte-compile the package first, as an installed copy is (the Windows bundle ships compiled modules, and a
    normal Python writes them on the first run): otherwise a machine that never writes bytecode (e.g.
    PYTHONDONTWRITEBYTECODE=1) would time compiling every module from source in every measured process."""
    import compileall
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "minsheng_desktop"
    compileall.compile_dir(str(package), quiet=1)


def key_ballot(app, panel, marks: dict[str, str]) -> None:
    """Types ``marks`` into the vote console the way a teller does: each candidate's key, pressed once for 赞成,
    twice for 反对, three times for 弃权 (not timed: the ballot is being read out). Then the teller presses Enter."""
    from PySide6.QtTest import QTest

    from minsheng_desktop.domain.tally import ABSTAIN, APPROVE, OPPOSE

    presses = {APPROVE: 1, OPPOSE: 2, ABSTAIN: 3}
    for i, c in enumerate(panel.candidates):
        for _ in range(presses.get(marks.get(c.id, ""), 0)):
            QTest.keyClicks(panel, panel_key(i))
    app.processEvents()
    assert panel.marks == marks, "the keys typed the ballot read out"


def panel_key(index: int) -> str:
    from minsheng_desktop.ui.panes.vote.ballot_panel import KEYS

    return KEYS[index].lower()


def press(panel, key_name: str) -> None:
    """The key a teller presses to record the ballot keyed in (Enter) or a spoiled one (F2): the real key event."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(panel, {"Enter": Qt.Key.Key_Return, "F2": Qt.Key.Key_F2}[key_name])
