"""One clock: only clock.py reads the machine's date; services and reports take today's date from the clock they
were built with; MINSHENG_TODAY pins the day for the CLI."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date, datetime, timedelta

import pytest

from minsheng_desktop.cli import main
from minsheng_desktop.clock import SYSTEM, FixedClock, SystemClock, from_env
from minsheng_desktop.domain.errors import UserError
from tests.conftest import CLOCK, REPO, TODAY
from tests.tools import need_poppler

PACKAGE = REPO / "minsheng_desktop"
# Calls that read the machine's date or time. time.monotonic/perf_counter (durations) are fine.
READS_THE_DATE = re.compile(r"\b(?:date|datetime)\s*\.\s*(?:today|now|utcnow)\s*\(|\bQDate(?:Time)?\s*\.\s*current\w*\s*\("
                            r"|\btime\s*\.\s*(?:time|localtime|gmtime|ctime|strftime)\s*\(|\bfromtimestamp\s*\(")


def test_only_clock_py_reads_the_machine_date():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "clock.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if READS_THE_DATE.search(line.split("#", 1)[0]):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "use the injected clock (minsheng_desktop/clock.py) instead:\n" + "\n".join(offenders)


def test_services_pass_their_clock_on():
    """A service that builds another dated service hands it its own clock (else that one falls back to the machine's)."""
    from minsheng_desktop.services.base import DatedService

    dated = "|".join(sorted(cls.__name__ for cls in _subclasses(DatedService)))
    clockless = re.compile(rf"(?<!class )\b(?:{dated})\(\s*[\w.]+\s*\)")
    offenders = [f"{path.relative_to(REPO)}:{number}: {line.strip()}"
                 for path in sorted(PACKAGE.rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if clockless.search(line.split("#", 1)[0])]
    assert dated and not offenders, "pass the clock on:\n" + "\n".join(offenders)


def _subclasses(cls) -> set[type]:
    import importlib
    import pkgutil

    import minsheng_desktop.services as services

    for module in pkgutil.walk_packages(services.__path__, services.__name__ + "."):
        importlib.import_module(module.name)
    out, todo = set(), [cls]
    while todo:
        for sub in todo.pop().__subclasses__():
            out.add(sub)
            todo.append(sub)
    return out


def test_the_pattern_catches_what_it_should():
    for line in ("x = date.today()", "datetime.now().isoformat()", "QDate.currentDate()", "QDateTime.currentDateTime()",
                 "datetime.utcnow()", "time.time()", "date.fromtimestamp(s)"):
        assert READS_THE_DATE.search(line), line
    for line in ("self.clock.today()", "clock.now()", "time.monotonic()", "date(2026, 1, 1)", "self.today"):
        assert not READS_THE_DATE.search(line), line


def test_fixed_clock_keeps_its_day_and_time_runs_on():
    clock = FixedClock(date(2030, 2, 28))
    first, second = clock.now(), clock.now()
    assert clock.today() == date(2030, 2, 28) and first.date() == date(2030, 2, 28) and first.hour == 9
    assert first <= second < first + timedelta(minutes=1)
    offset = first.astimezone().utcoffset()  # the day is pinned in local time; UTC is that minus the offset
    assert abs(clock.utcnow() - (first - offset)) < timedelta(seconds=5)


def test_the_system_clock_is_the_machines(monkeypatch):
    monkeypatch.undo()  # the suite forbids SystemClock.today(); here it is what is tested
    before = datetime.now()
    assert isinstance(SYSTEM, SystemClock) and SYSTEM.today() in (before.date(), datetime.now().date())
    assert abs(SYSTEM.now() - before) < timedelta(seconds=5)


def test_the_suite_refuses_the_machine_date():
    with pytest.raises(AssertionError, match="clock"):
        SYSTEM.today()
    assert CLOCK.today() == TODAY


def test_minsheng_today_pins_the_day():
    assert from_env({}) is SYSTEM
    assert from_env({"MINSHENG_TODAY": "2031-05-06"}).today() == date(2031, 5, 6)
    with pytest.raises(UserError, match="YYYY-MM-DD"):
        from_env({"MINSHENG_TODAY": "明天"})


def _pdf_text(path) -> str:
    pdftotext = need_poppler("pdftotext")
    return subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_reports_are_dated_by_the_service_clock(demo_db, tmp_path):
    from minsheng_desktop.services.report_service import ReportService

    out = ReportService(demo_db, FixedClock(date(2026, 12, 24))).write("notice", 2026, tmp_path / "公示.pdf")
    assert "截至 2026年12月24日" in _pdf_text(out).replace("\n", "")


def test_the_cli_takes_its_day_from_minsheng_today(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MINSHENG_TODAY", "2029-03-15")
    assert main(["demo", "--db", str(tmp_path / "d.sqlite"), "--years", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["years"] == [2029]
    out = tmp_path / "台账.pdf"
    assert main(["report", "ledger", "--db", str(tmp_path / "d.sqlite"), "--year", "2029", "--out", str(out)]) == 0
    assert "截至 2029年3月15日" in _pdf_text(out).replace("\n", "")
