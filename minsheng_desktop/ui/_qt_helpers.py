"""Tiny Qt helpers shared by panes and dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QWidget


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after the object name (which picks the colour) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def plain_calendar(calendar: QCalendarWidget) -> QCalendarWidget:
    """A calendar as secretaries read one: no ISO week-number column (the app's calendars all go through here; a
    Python style hooked into every widget's polish did this once, and cost every widget a call into Python)."""
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    return calendar


def calendar_popup(edit: QDateEdit) -> QDateEdit:
    """``edit`` with a calendar to pick from (a plain one), written 2026-03-01."""
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    plain_calendar(edit.calendarWidget())
    return edit


def date_edit(day: date | None = None) -> QDateEdit:
    """A date field with a calendar to pick from, written 2026-03-01; set to ``day`` when one is given."""
    return calendar_popup(QDateEdit(QDate(day.year, day.month, day.day)) if day is not None else QDateEdit())


def to_date(edit: QDateEdit) -> date:
    """The day a date field shows."""
    d = edit.date()
    return date(d.year(), d.month(), d.day())
