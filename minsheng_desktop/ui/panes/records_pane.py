"""A read-only view of what the database holds for one stage of the year (征集, 候选项目, 票决 ...)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...services.changes import Changes
from ...services.overview_service import Table
from ..widgets import TableWithSearch, pane_header


class RecordsPane(QWidget):
    """Shows a year's records, read-only: title, a summary line, a searchable, sortable table."""

    def __init__(self, title: str, note: str, load: Callable[[int], Table], parent=None):
        super().__init__(parent)
        self.setObjectName("page")
        self.load = load
        self.year: int | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 18)
        lay.addWidget(pane_header(title, note))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("ok")
        lay.addWidget(self.summary)
        self.table = TableWithSearch()
        lay.addWidget(self.table, 1)

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def on_changed(self, _changes: Changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self.year is None:
            return
        table = self.load(self.year)
        self.summary.setText(table.summary)
        self.table.set_rows(table.columns, table.rows, table.ids)
