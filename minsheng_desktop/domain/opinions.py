"""意见建议 raised at supervision activities: when one is still open, and when it is overdue (逾期未办结)."""

from __future__ import annotations

from datetime import date

from .vocabulary import OpinionStatus


def is_open(status: str) -> bool:
    """办理中: every status but 已办结 still waits on the government."""
    return status != OpinionStatus.CLOSED


def is_overdue(status: str, due_on: date | None, today: date) -> bool:
    """逾期未办结: not closed, and its due date is before today (due today is not yet late; no due date, never).

    The home page's counts (``storage/overview_repo.py``) and the reminders both call this; there is no SQL copy
    (``tests/unit/test_overdue_one_rule.py``).
    """
    return is_open(status) and due_on is not None and due_on < today
