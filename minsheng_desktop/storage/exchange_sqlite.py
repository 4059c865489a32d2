"""The merge's fast path on SQLite: rows go straight from package JSON to SQLite's stored form in executemany,
skipping SQLAlchemy's per-value processing (the stored form is the one SQLAlchemy itself writes)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter, ne
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, LargeBinary, Numeric, Table

from .exchange_diff import Shape, diff_rows, find_stored, self_ref_columns
from .exchange_repo import code_column, key_columns


def _datetime(v: str) -> str:
    """ISO 8601 from the package to SQLAlchemy's SQLite form: 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    if len(v) == 26 and v[10] == " ":  # what this app writes: already in the stored form
        return v
    v = v.replace("T", " ", 1)
    return v if "." in v else v + ".000000"


def converters(table: Table) -> list[Callable[[Any], Any] | None]:
    out: list[Callable[[Any], Any] | None] = []
    for c in table.columns:
        t = c.type
        if isinstance(t, DateTime):
            out.append(_datetime)
        elif isinstance(t, Numeric) and not isinstance(t, Float):
            out.append(float)
        elif isinstance(t, LargeBinary):
            out.append(base64.b64decode)
        elif isinstance(t, Boolean):
            out.append(int)
        elif isinstance(t, JSON):
            out.append(json.dumps)
        else:
            out.append(None)
    return out


def _fetch(cursor, table: Table, names: list[str], key: str) -> Callable[[bool, Sequence[Any]], Iterable[tuple]]:
    """Stored rows (in stored form) whose key (``by_key``) or jurisdiction code is one of the values."""
    cols = ", ".join(names)

    def fetch(by_key: bool, values: Sequence[Any]) -> Iterable[tuple]:
        column = key if by_key else code_column(table)
        return cursor.execute(f"SELECT {cols} FROM {table.name} WHERE {column} IN ({','.join('?' * len(values))})",
                              list(values))

    return fetch


def stored_form(table: Table, names: list[str], rows: list[dict[str, Any]]) -> list[tuple]:
    """Package rows as tuples of SQLite's stored values, in column order."""
    convert = [(i, f) for i, f in enumerate(converters(table)) if f is not None]
    pick = itemgetter(*names)
    out = []
    for row in rows:
        try:
            vals = list(pick(row))  # every column is present in what this app writes: one C call
        except KeyError:
            vals = [row.get(n) for n in names]
        for i, f in convert:
            v = vals[i]
            if v is not None:
                vals[i] = f(v)
        out.append(tuple(vals))
    return out


def upsert_rows(cursor, table: Table, rows: list[dict[str, Any]], scope: set[str], *,
                lookup: bool = True) -> tuple[int, int, list[tuple]]:
    """Insert new and update changed rows (package form, validated): (inserted, updated, self-links for later).
    A key already held by a jurisdiction outside ``scope`` refuses the package."""
    names = [c.name for c in table.columns]
    keys = key_columns(table)
    key_idx = [names.index(k) for k in keys]
    shape = Shape.of(key_idx, names.index(code_column(table)))
    values_list = stored_form(table, names, rows)
    current = find_stored(values_list, shape, _fetch(cursor, table, names, keys[0])) if lookup else {}
    diff = diff_rows(table, values_list, current, shape, scope, ne)
    self_refs = [names.index(c) for c in self_ref_columns(table)]
    links = [(r[ref], ref, *(r[i] for i in key_idx)) for ref in self_refs for r in diff.new if r[ref] is not None]
    if diff.new:
        _insert(cursor, table, names, diff.new, self_refs)
    if diff.changed:
        _update(cursor, table, names, key_idx, diff.changed)
    return len(diff.new), len(diff.changed), links


def _insert(cursor, table: Table, names: list[str], new: list[tuple], self_refs: list[int]) -> None:
    """New rows, their links to rows of the same table left empty (set once the whole table is in)."""
    first = [tuple(None if i in self_refs else v for i, v in enumerate(r)) for r in new] if self_refs else new
    cursor.executemany(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({','.join('?' * len(names))})", first)


def _update(cursor, table: Table, names: list[str], key_idx: list[int], changed: list[tuple]) -> None:
    cols = [i for i in range(len(names)) if i not in key_idx]
    sets = ", ".join(f"{names[i]} = ?" for i in cols)
    where = " AND ".join(f"{names[i]} = ?" for i in key_idx)
    cursor.executemany(f"UPDATE {table.name} SET {sets} WHERE {where}",
                       [tuple(r[i] for i in cols) + tuple(r[i] for i in key_idx) for r in changed])


def set_links(cursor, table: Table, links: list[tuple]) -> None:
    """(value, column index, *key) links of rows to rows of the same table, once the whole table is in."""
    names = [c.name for c in table.columns]
    where = " AND ".join(f"{k} = ?" for k in key_columns(table))
    for ref in sorted({link[1] for link in links}):
        cursor.executemany(f"UPDATE {table.name} SET {names[ref]} = ? WHERE {where}",
                           [(link[0], *link[2:]) for link in links if link[1] == ref])
