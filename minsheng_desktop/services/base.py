"""What every service that needs the date shares: the one clock it was built with (tests pin it)."""

from __future__ import annotations

from datetime import date

from ..clock import SYSTEM, Clock
from ..storage.db import Database


class DatedService:
    def __init__(self, db: Database, clock: Clock | None = None):
        self.db = db
        self.clock = clock or SYSTEM

    @property
    def today(self) -> date:
        return self.clock.today()
