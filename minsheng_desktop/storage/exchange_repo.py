"""Rows in and out of export packages: which tables travel, how values are written, bulk replace by town."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    Table,
    bindparam,
    delete,
    insert,
    select,
)
from sqlalchemy import update as sa_update
from sqlalchemy.engine import Connection

from .exchange_diff import Shape, chunked, diff_rows, find_stored, self_ref_columns
from .models import Base

NOT_EXPORTED = {"audit_log", "town_key", "package_log", "phone_round", "phone_token"}  # phone: local only


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


def _fetch(conn: Connection, table: Table, column: str) -> Callable[[bool, Sequence[Any]], Iterator[dict[str, Any]]]:
    """Stored rows (in package form) whose key (``by_key``) or jurisdiction code is one of the values."""
    def fetch(by_key: bool, values: Sequence[Any]) -> Iterator[dict[str, Any]]:
        col = table.c[column] if by_key else table.c[code_column(table)]
        for r in conn.execute(select(table).where(col.in_(list(values)))).mappings():
            yield {k: encode(v) for k, v in r.items()}

    return fetch


def current_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> dict[tuple, dict[str, Any]]:
    """The stored rows (values in package form) with the same keys as ``rows``, whatever jurisdiction owns them."""
    keys = key_columns(table)
    return find_stored(rows, Shape.of(keys, code_column(table)), _fetch(conn, table, keys[0]))


def _changed(stored: dict[str, Any], raw: dict[str, Any]) -> bool:
    return any(stored.get(c) != v for c, v in raw.items())


def _unlink(table: Table, keys: list[str], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """New rows pointing at rows of the same table go in without the link (the target may come later in the
    package); the links (with updated_at, or the UPDATE's onupdate would stamp it with now) are set afterwards."""
    self_refs = self_ref_columns(table)
    if not self_refs:
        return []
    links = []
    for i, row in enumerate(rows):
        stamp = {"v_updated_at": row["updated_at"]} if "updated_at" in row else {}
        link = {**{f"k_{k}": row[k] for k in keys}, **{f"v_{c}": row.get(c) for c in self_refs}, **stamp}
        if any(link[f"v_{c}"] is not None for c in self_refs):
            links.append(link)
        rows[i] = {**row, **dict.fromkeys(self_refs)}
    return links


def upsert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]], scope: set[str], *,
                lookup: bool = True) -> tuple[int, int, list[dict[str, Any]]]:
    """Insert new and update changed rows (package form, already validated): (inserted, updated, self-links to
    set once the whole table is in). A key held by a jurisdiction outside ``scope`` refuses the package."""
    keys = key_columns(table)
    shape = Shape.of(keys, code_column(table))
    current = find_stored(rows, shape, _fetch(conn, table, keys[0])) if lookup else {}
    diff = diff_rows(table, rows, current, shape, scope, _changed)
    decode = decoder(table)
    new = [decode(raw) for raw in diff.new]
    links = _unlink(table, keys, new)
    if new and conn.dialect.name == "postgresql":
        from .exchange_pg import copy_rows

        copy_rows(conn, table, new)
    elif new:
        conn.execute(insert(table), new)
    changed = [decode(raw) for raw in diff.changed]
    if changed:
        cols = [c for c in changed[0] if c not in keys]
        stmt = sa_update(table).where(*[table.c[k] == bindparam(f"k_{k}") for k in keys]).values(
            {c: bindparam(f"v_{c}") for c in cols})
        conn.execute(stmt, [{**{f"k_{k}": r[k] for k in keys}, **{f"v_{c}": r.get(c) for c in cols}}
                            for r in changed])
    return len(new), len(changed), links


def set_links(conn: Connection, table: Table, links: list[dict[str, Any]]) -> None:
    """Rows pointing at rows of the same table (a merged proposal), set once every row of the table is in."""
    if not links:
        return
    keys = key_columns(table)
    self_refs = self_ref_columns(table)
    cols = self_refs + (["updated_at"] if "v_updated_at" in links[0] else [])
    stmt = sa_update(table).where(*[table.c[k] == bindparam(f"k_{k}") for k in keys]).values(
        {c: bindparam(f"v_{c}") for c in cols})
    conn.execute(stmt, links)


def delete_keys(conn: Connection, table: Table, keys: Iterable[tuple]) -> None:
    names = key_columns(table)
    keys = list(keys)
    if len(names) > 1:
        for key in keys:
            conn.execute(delete(table).where(*[table.c[n] == v for n, v in zip(names, key, strict=True)]))
        return
    ids = [k[0] for k in keys]
    self_refs = self_ref_columns(table)
    if self_refs:  # unlink rows pointing at each other before any of them goes
        for part in chunked(ids):
            conn.execute(sa_update(table).where(table.c[names[0]].in_(part)).values({c: None for c in self_refs}))
    for part in chunked(ids):
        conn.execute(delete(table).where(table.c[names[0]].in_(part)))
