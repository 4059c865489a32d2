"""The vote console's per-ballot statements on SQLite, run on the unit of work's own DBAPI cursor.

A ballot is one small transaction of four statements (check the session, add the ballot, read the audit chain's
head, add its entry). Through SQLAlchemy's execution machinery they cost about as much again as SQLite itself
(~0.8 ms of the console's 10 ms). Here each is compiled once, from the same Core statement, into SQLite's SQL and
run on the cursor of the connection the unit of work already holds — the same transaction under the same
``BEGIN IMMEDIATE`` lock, committed or rolled back with it — with values in the stored form SQLAlchemy itself
writes (booleans as 0/1, JSON by ``json.dumps``, times as ``YYYY-MM-DD HH:MM:SS.ffffff``; a test reads rows
written both ways and compares them). Other databases (PostgreSQL) keep the Core path: ``cursor_of`` is None.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import JSON, Boolean, DateTime, Table, event
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

CURSOR_KEY = "minsheng_sqlite_cursor"  # session.info key: the unit's DBAPI cursor, made once per unit of work


class Compiled(NamedTuple):
    sql: str
    names: tuple[str, ...]  # the bound parameters in the order SQLite's ? placeholders take them
    fixed: dict[str, Any]  # the values the statement itself carries (a LIMIT, a literal in coalesce)


def compile_once(stmt: ClauseElement) -> Compiled:
    """``stmt`` as SQLite's SQL with positional parameters (call once and keep the result)."""
    c = stmt.compile(dialect=sqlite.dialect(paramstyle="qmark"))
    assert isinstance(c, SQLCompiler)
    return Compiled(str(c), tuple(c.positiontup or ()), {k: v for k, v in c.params.items() if v is not None})


@event.listens_for(Session, "after_transaction_end")
def _forget_cursor(session: Session, _transaction) -> None:
    """A cursor belongs to its transaction's connection: a session that goes on after a commit or a rollback takes
    its next cursor from the connection it holds then."""
    session.info.pop(CURSOR_KEY, None)


def cursor_of(session: Session) -> Any | None:
    """The DBAPI cursor of the connection this unit of work holds, on SQLite; None on any other database."""
    cur = session.info.get(CURSOR_KEY)
    if cur is None:
        conn = session.connection()
        if conn.dialect.name != "sqlite":
            return None
        driver = conn.connection.driver_connection
        assert driver is not None, "a unit of work holds an open connection"
        cur = session.info[CURSOR_KEY] = driver.cursor()
    return cur


def run(cursor: Any, compiled: Compiled, values: Mapping[str, Any]) -> Any:
    given = {**compiled.fixed, **values} if compiled.fixed else values
    return cursor.execute(compiled.sql, tuple(given[n] for n in compiled.names))


def _stored_time(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


def stored_form(table: Table) -> dict[str, Callable[[Any], Any]]:
    """Per column that needs it, what turns a Python value into the value SQLAlchemy stores on SQLite."""
    out: dict[str, Callable[[Any], Any]] = {}
    for c in table.columns:
        if isinstance(c.type, DateTime):
            out[c.name] = _stored_time
        elif isinstance(c.type, Boolean):
            out[c.name] = int
        elif isinstance(c.type, JSON):
            out[c.name] = json.dumps
    return out


def stored(values: dict[str, Any], convert: Mapping[str, Callable[[Any], Any]]) -> dict[str, Any]:
    out = dict(values)
    for name, f in convert.items():
        if out.get(name) is not None:
            out[name] = f(out[name])
    return out
