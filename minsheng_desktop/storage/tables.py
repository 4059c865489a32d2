"""The Core table behind a mapped class, for the statements that skip the ORM's per-row work."""

from __future__ import annotations

from sqlalchemy import Table

from .models.base import Base


def table_of(model: type[Base]) -> Table:
    """``model.__table__`` as the ``Table`` it is. SQLAlchemy types ``__table__`` as any ``FromClause`` (a class may
    be mapped to a join or a select); every class here is declared with ``__tablename__``, so it is a ``Table``."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table
