"""The merge's fast path on PostgreSQL: new rows go in with COPY, not one INSERT per row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Table
from sqlalchemy.engine import Connection


def copy_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """COPY decoded rows into the table on the connection's own transaction (psycopg 3)."""
    from psycopg.types.json import Json

    names = [c.name for c in table.columns]
    json_cols = {i for i, c in enumerate(table.columns) if isinstance(c.type, JSON)}
    raw = conn.connection.driver_connection  # the psycopg Connection (typed Any, so its cursor's COPY is known)
    if raw is None:
        raise RuntimeError("the connection is closed")
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({", ".join(f"{n}" for n in names)}) FROM STDIN') as cp:
        for row in rows:
            cp.write_row([Json(row.get(n)) if i in json_cols and row.get(n) is not None else row.get(n)
                          for i, n in enumerate(names)])
