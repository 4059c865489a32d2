"""Rows in and out of export packages: which tables travel, how values are written, bulk replace by town."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, LargeBinary, Numeric, Table, delete, insert, select
from sqlalchemy import update as sa_update
from sqlalchemy.engine import Connection

from .models import Base

NOT_EXPORTED = {"audit_log", "town_key", "package_log"}


def synced_tables() -> list[Table]:
    """Tables that travel upward, parents before children (jurisdiction and settings first)."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_EXPORTED]


def key_columns(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def code_column(table: Table) -> str:
    return "code" if table.name == "jurisdiction" else "jurisdiction_code"


def encode(value: Any) -> Any:
    if isinstance(value, datetime):  # ISO 8601 with a space, always to the microsecond (SQLite's stored form)
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decoder(table: Table):
    """A function turning a package row (JSON values) back into column values for this table."""
    kinds = {}
    for c in table.columns:
        t = c.type
        kinds[c.name] = ("datetime" if isinstance(t, DateTime) else "date" if isinstance(t, Date)
                         else "decimal" if isinstance(t, Numeric) and not isinstance(t, Float)
                         else "bytes" if isinstance(t, LargeBinary) else "bool" if isinstance(t, Boolean)
                         else "int" if isinstance(t, Integer) else "")

    def decode(row: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for name, value in row.items():
            kind = kinds.get(name)
            if kind is None:
                raise ValueError(f"unknown column {table.name}.{name}")
            if value is None or not kind:
                out[name] = value
            elif kind == "datetime":
                out[name] = datetime.fromisoformat(value)
            elif kind == "date":
                out[name] = date.fromisoformat(value)
            elif kind == "decimal":
                out[name] = Decimal(value)
            elif kind == "bytes":
                out[name] = base64.b64decode(value)
            elif kind == "bool":
                out[name] = bool(value)
            else:
                out[name] = int(value)
        return out

    return decode


def export_rows(conn: Connection, table: Table, *, attachments: bool = True) -> Iterator[dict[str, Any]]:
    """Every row of the table, in key order (so the same data gives the same package content)."""
    cols = [c for c in table.columns if attachments or table.name != "attachment" or c.name != "data"]
    stmt = select(*cols).order_by(*[table.c[k] for k in key_columns(table)])
    for row in conn.execute(stmt).mappings():
        yield {k: encode(v) for k, v in row.items()}


def existing_keys(conn: Connection, table: Table, codes: Iterable[str]) -> set[tuple]:
    keys = key_columns(table)
    stmt = select(*[table.c[k] for k in keys]).where(table.c[code_column(table)].in_(list(codes)))
    return {tuple(r) for r in conn.execute(stmt)}


def replace_town_rows(conn: Connection, table: Table, codes: set[str], rows: list[dict[str, Any]]) -> tuple[int, int, int]:
    """Make the table's rows for these jurisdictions exactly ``rows``: (inserted, updated, deleted)."""
    keys = key_columns(table)
    current = {tuple(r[k] for k in keys): r for r in conn.execute(
        select(table).where(table.c[code_column(table)].in_(list(codes)))).mappings()}
    incoming = {tuple(r[k] for k in keys): r for r in rows}
    new = [r for key, r in incoming.items() if key not in current]
    old = [r for key, r in incoming.items() if key in current
           and any(current[key].get(c) != v for c, v in r.items())]  # only rows that really changed
    gone = set(current) - set(incoming)
    self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if new:
        # rows may point at rows of the same table inserted later (e.g. a merged proposal): links are set after
        conn.execute(insert(table), [{**r, **{c: None for c in self_refs}} for r in new] if self_refs else new)
        linked = [r for r in new if any(r.get(c) is not None for c in self_refs)]
        if linked:
            from sqlalchemy import bindparam

            stmt = sa_update(table).where(*[table.c[k] == bindparam(f"k_{k}") for k in keys]).values(
                {c: bindparam(f"v_{c}") for c in self_refs})
            conn.execute(stmt, [{**{f"k_{k}": r[k] for k in keys}, **{f"v_{c}": r.get(c) for c in self_refs}}
                                for r in linked])
    if old:
        cols = [c for c in old[0] if c not in keys]
        if cols:
            from sqlalchemy import bindparam

            stmt = sa_update(table).where(*[table.c[k] == bindparam(f"k_{k}") for k in keys]).values(
                {c: bindparam(f"v_{c}") for c in cols})
            conn.execute(stmt, [{**{f"k_{k}": r[k] for k in keys}, **{f"v_{c}": r.get(c) for c in cols}} for r in old])
    return len(new), len(old), len(gone)


def delete_keys(conn: Connection, table: Table, keys: Iterable[tuple]) -> None:
    names = key_columns(table)
    keys = list(keys)
    self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if self_refs and len(names) == 1:  # unlink rows pointing at each other before any of them goes
        for i in range(0, len(keys), 500):
            conn.execute(sa_update(table).where(table.c[names[0]].in_([k[0] for k in keys[i:i + 500]]))
                         .values({c: None for c in self_refs}))
    if len(names) == 1:
        for i in range(0, len(keys), 500):
            conn.execute(delete(table).where(table.c[names[0]].in_([k[0] for k in keys[i:i + 500]])))
        return
    for key in keys:
        conn.execute(delete(table).where(*[table.c[n] == v for n, v in zip(names, key, strict=True)]))
