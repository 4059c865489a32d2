"""scripts/check_coverage.py: the perfect-files gate fails, naming the file and its lines, below 100%."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "check_coverage.py"
_spec = importlib.util.spec_from_file_location("check_coverage", SCRIPT)
cc = sys.modules["check_coverage"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cc)


def report(tmp_path, missing: dict[str, list[int]], prefix: str = "") -> str:
    files = {f"{prefix}{name}": {"summary": {"num_statements": 40, "percent_covered": 100.0},
                                 "missing_lines": lines, "executed_lines": []}
             for name, lines in missing.items()}
    path = tmp_path / "cov.json"
    path.write_text(json.dumps({"meta": {}, "files": files}), encoding="utf-8")
    return str(path)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=REPO)


def test_ranges():
    assert cc.ranges([]) == ""
    assert cc.ranges([7]) == "7"
    assert cc.ranges([12, 14, 15, 16, 20, 3]) == "3, 12, 14-16, 20"


def test_all_perfect_passes(tmp_path):
    out = run(report(tmp_path, dict.fromkeys(cc.PERFECT_FILES, [])))
    assert out.returncode == 0 and "all 5 perfect files at 100%" in out.stdout


def test_a_missing_line_fails_naming_file_and_lines(tmp_path):
    missing = dict.fromkeys(cc.PERFECT_FILES, [])
    missing["minsheng_desktop/domain/tally.py"] = [94, 160, 161]
    missing["minsheng_desktop/domain/cases.py"] = [1, 2, 3]  # not a perfect file: not checked
    out = run(report(tmp_path, missing, prefix="/build/src/"))  # absolute paths in the report still match
    assert out.returncode == 1
    assert "minsheng_desktop/domain/tally.py: 92.5% line coverage, lines not run: 94, 160-161" in out.stderr
    assert "cases.py" not in out.stderr and "1 of 5 perfect file(s) below 100%" in out.stderr


def test_a_perfect_file_not_measured_fails(tmp_path):
    missing = dict.fromkeys(cc.PERFECT_FILES[1:], [])
    out = run(report(tmp_path, missing))
    assert out.returncode == 1 and f"{cc.PERFECT_FILES[0]}: not in the coverage report" in out.stderr


@pytest.mark.parametrize("content", ["not json", '{"files": {"a.py": {}}}', "[]"])
def test_an_unreadable_report_is_exit_2(tmp_path, content):
    path = tmp_path / "cov.json"
    path.write_text(content, encoding="utf-8")
    out = run(str(path))
    assert out.returncode == 2 and "not a coverage JSON report" in out.stderr
    assert run(str(tmp_path / "absent.json")).returncode == 2


def test_reads_a_coverage_data_file(tmp_path):
    """The .coverage data file pytest-cov leaves behind works as well as the JSON report (made in a child process,
    so this test's own coverage measurement is left alone)."""
    pytest.importorskip("coverage")
    module = tmp_path / "minsheng_desktop" / "domain" / "tally.py"
    module.parent.mkdir(parents=True)
    module.write_text("def f(x):\n    if x:\n        return 1\n    return 2\n\n\nf(1)\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "coverage", "run", f"--data-file={tmp_path / '.coverage'}", str(module)],
                   check=True, cwd=tmp_path, capture_output=True)
    got = cc.read_report(tmp_path / ".coverage")
    entry = next(e for name, e in got.items() if name.endswith("minsheng_desktop/domain/tally.py"))
    assert entry.statements == 5 and entry.missing == (4,) and entry.percent == 80.0
    problems = cc.check(got)
    assert "minsheng_desktop/domain/tally.py: 80.0% line coverage, lines not run: 4" in problems
