"""The database errors a service may need to tell apart, named without the service importing SQLAlchemy."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DataError, IntegrityError, StatementError

CONFLICT = (IntegrityError, sqlite3.IntegrityError)
"""A row that clashes with one already stored (a duplicate key, a reference to a missing row)."""

MALFORMED_VALUE = (DataError, StatementError, sqlite3.DataError, sqlite3.InterfaceError)
"""A value the database (or its driver) would not take. ``CONFLICT`` is caught first: it is a StatementError too."""
