"""What every service that compares with today shares (tests pin the date)."""

from __future__ import annotations

from datetime import date

from ..storage.db import Database


class DatedService:
    def __init__(self, db: Database, today: date | None = None):
        self.db = db
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()
