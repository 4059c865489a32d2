"""One clock for the whole app: services, dialog defaults and reports ask it for today's date; tests pin it.

This is the only module that reads the machine's date or time (tests/unit/test_clock.py keeps it so). The app
and the command line use ``from_env()``: the machine's clock, or the day in MINSHENG_TODAY for reproducible runs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from .domain.errors import UserError

ENV = "MINSHENG_TODAY"


class Clock:
    """Today's date and the local time now."""

    def now(self) -> datetime:
        raise NotImplementedError

    def today(self) -> date:
        return self.now().date()

    def utcnow(self) -> datetime:
        """Now in UTC, without a zone (how the database stores record times)."""
        return self.now().astimezone(UTC).replace(tzinfo=None)


class SystemClock(Clock):
    """The machine's clock."""

    def now(self) -> datetime:
        return datetime.now()

    def today(self) -> date:
        return date.today()

    def utcnow(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)

    def __repr__(self) -> str:
        return "SystemClock()"


class FixedClock(Clock):
    """A pinned day: ``today()`` never changes; ``now()`` starts at 09:00 that day and runs on (so record times
    still follow one another)."""

    def __init__(self, day: date, at: clock_time = clock_time(9, 0)):
        self.day = day
        self._start = datetime.combine(day, at)
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._t0)

    def today(self) -> date:
        return self.day

    def __repr__(self) -> str:
        return f"FixedClock({self.day.isoformat()})"


SYSTEM = SystemClock()


def from_env(env: Mapping[str, str] | None = None) -> Clock:
    """The machine's clock, or a fixed day when MINSHENG_TODAY=YYYY-MM-DD is set."""
    value = (os.environ if env is None else env).get(ENV, "").strip()
    if not value:
        return SYSTEM
    try:
        return FixedClock(date.fromisoformat(value))
    except ValueError:
        raise UserError(f"环境变量 {ENV} 应为 YYYY-MM-DD 格式的日期，现为“{value}”",
                        f"{ENV} must be a date as YYYY-MM-DD, not '{value}'") from None
