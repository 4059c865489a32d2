#!/usr/bin/env python3
"""Fails unless every "perfect" module (the rule modules of domain/) has 100% line coverage from the unit tests.

Like qutebrowser's ``scripts/dev/check_coverage.py``: a fixed list of files that must stay fully covered, checked
after the tests ran under coverage. Reads either a JSON report (``--cov-report=json:PATH`` / ``coverage json``)
or a coverage data file (``.coverage``)::

    python -m pytest tests/unit --cov=minsheng_desktop.domain --cov-report=json:/tmp/cov.json
    python scripts/check_coverage.py /tmp/cov.json

Exit status: 0 all perfect; 1 a listed module is below 100% or was not measured (each is named, with its
missing lines); 2 the report cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PERFECT_FILES = (
    "minsheng_desktop/domain/tally.py",
    "minsheng_desktop/domain/rules.py",
    "minsheng_desktop/domain/satisfaction.py",
    "minsheng_desktop/domain/progress.py",
    "minsheng_desktop/domain/screening.py",
)


@dataclass(frozen=True)
class FileCoverage:
    statements: int
    missing: tuple[int, ...]

    @property
    def percent(self) -> float:
        return 100.0 if not self.statements else 100.0 * (self.statements - len(self.missing)) / self.statements


class ReportError(Exception):
    pass


def _norm(path: str) -> str:
    return Path(path).as_posix()


def read_json(path: Path) -> dict[str, FileCoverage]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        return {_norm(name): FileCoverage(int(f["summary"]["num_statements"]), tuple(sorted(f["missing_lines"])))
                for name, f in files.items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReportError(f"{path}: not a coverage JSON report ({exc})") from exc


def read_data_file(path: Path) -> dict[str, FileCoverage]:
    try:
        import coverage
        from coverage.exceptions import CoverageException
    except ImportError as exc:  # pragma: no cover - coverage comes with pytest-cov
        raise ReportError("reading a .coverage data file needs the coverage package") from exc
    try:
        cov = coverage.Coverage(data_file=str(path))
        cov.load()
        out = {}
        for name in cov.get_data().measured_files():
            _file, statements, _excluded, missing, _text = cov.analysis2(name)
            out[_norm(name)] = FileCoverage(len(statements), tuple(sorted(missing)))
        return out
    except (CoverageException, OSError) as exc:
        raise ReportError(f"{path}: cannot read coverage data ({exc})") from exc


def read_report(path: Path) -> dict[str, FileCoverage]:
    if not path.is_file():
        raise ReportError(f"{path}: no such file")
    return read_json(path) if path.suffix == ".json" else read_data_file(path)


def ranges(lines: Iterable[int]) -> str:
    """12, 14-16, 20: consecutive line numbers folded into ranges."""
    out: list[str] = []
    start = prev = None
    for n in sorted(lines):
        if prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            out.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = n
    if start is not None:
        out.append(str(start) if start == prev else f"{start}-{prev}")
    return ", ".join(out)


def _find(report: Mapping[str, FileCoverage], wanted: str) -> FileCoverage | None:
    """The report's entry for ``wanted`` whether it recorded relative or absolute paths."""
    for name, entry in report.items():
        if name == wanted or name.endswith("/" + wanted):
            return entry
    return None


def check(report: Mapping[str, FileCoverage], perfect: Sequence[str] = PERFECT_FILES) -> list[str]:
    """One message per listed module that is not fully covered (empty when all are)."""
    problems = []
    for wanted in perfect:
        entry = _find(report, wanted)
        if entry is None:
            problems.append(f"{wanted}: not in the coverage report (not imported by the tests, or not measured)")
        elif entry.missing:
            problems.append(f"{wanted}: {entry.percent:.1f}% line coverage, lines not run: {ranges(entry.missing)}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default="coverage.json",
                        help="a coverage JSON report (*.json) or a coverage data file (default: coverage.json)")
    args = parser.parse_args(argv)
    try:
        report = read_report(Path(args.report))
    except ReportError as exc:
        print(f"check_coverage: {exc}", file=sys.stderr)
        return 2
    problems = check(report)
    for line in problems:
        print(f"check_coverage: {line}", file=sys.stderr)
    if problems:
        print(f"check_coverage: {len(problems)} of {len(PERFECT_FILES)} perfect file(s) below 100%", file=sys.stderr)
        return 1
    print(f"check_coverage: all {len(PERFECT_FILES)} perfect files at 100% line coverage")
    return 0


if __name__ == "__main__":
    sys.exit(main())
