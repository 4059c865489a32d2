"""Rows of the demo town, built by name: the demo builder (services/demo_service.py) draws the values, this
module makes the ORM rows so that no service touches the models."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from . import models

KINDS = frozenset(models.__all__) - {"Base", "new_id"}


def row(table: str, /, **fields: Any):
    """A new, not yet added row of the named table class (``"Deputy"``, ``"Proposal"`` …)."""
    if table not in KINDS:
        raise KeyError(table)
    return getattr(models, table)(**fields)


def add(s: Session, r, row_id: str, code: str, *, flush: bool = False):
    """Add the row with this id and jurisdiction (flushed now when others point to it)."""
    r.id = row_id
    r.jurisdiction_code = code
    s.add(r)
    if flush:
        s.flush()
    return r


def flush(s: Session) -> None:
    s.flush()


def set_fields(r, **fields: Any) -> None:
    for key, value in fields.items():
        setattr(r, key, value)
