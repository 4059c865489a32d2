"""Tiny Qt helpers shared by panes and dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after the object name (which picks the colour) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def date_edit(day: date | None = None) -> QDateEdit:
    """A date field with a calendar to pick from, written 2026-03-01; set to ``day`` when one is given."""
    edit = QDateEdit(QDate(day.year, day.month, day.day)) if day is not None else QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def to_date(edit: QDateEdit) -> date:
    """The day a date field shows."""
    d = edit.date()
    return date(d.year(), d.month(), d.day())
