"""The merge's fast path on SQLite: rows go straight from package JSON to SQLite's stored form in executemany,
skipping SQLAlchemy's per-value processing (the stored form is the one SQLAlchemy itself writes)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, LargeBinary, Numeric, Table

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


def _current(cursor, table: Table, names: list[str], key_idx: list[int], rows: list[tuple]) -> dict[tuple, tuple]:
    """Stored rows with the same keys as ``rows`` (whatever jurisdiction owns them), in stored form."""
    found: dict[tuple, tuple] = {}
    cols = ", ".join(names)
    if len(key_idx) == 1:
        ids = [r[key_idx[0]] for r in rows]
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for r in cursor.execute(f"SELECT {cols} FROM {table.name} WHERE {names[key_idx[0]]} IN "
                                    f"({','.join('?' * len(part))})", part):
                found[(r[key_idx[0]],)] = r
        return found
    wanted = {tuple(r[i] for i in key_idx) for r in rows}
    code_i = names.index(code_column(table))
    codes = sorted({r[code_i] for r in rows})
    for r in cursor.execute(f"SELECT {cols} FROM {table.name} WHERE {code_column(table)} IN "
                            f"({','.join('?' * len(codes))})", codes):
        key = tuple(r[i] for i in key_idx)
        if key in wanted:
            found[key] = r
    return found


def upsert_rows(cursor, table: Table, rows: list[dict[str, Any]], scope: set[str], *,
                lookup: bool = True) -> tuple[int, int, list[tuple]]:
    """Insert new and update changed rows (package form, validated): (inserted, updated, self-links for later).
    A key already held by a jurisdiction outside ``scope`` refuses the package."""
    from .exchange_repo import owned_elsewhere

    names = [c.name for c in table.columns]
    convs = converters(table)
    keys = key_columns(table)
    key_idx = [names.index(k) for k in keys]
    code_i = names.index(code_column(table))
    convert = [(i, f) for i, f in enumerate(convs) if f is not None]
    pick = itemgetter(*names)
    values_list = []
    for row in rows:
        try:
            vals = list(pick(row))  # every column is present in what this app writes: one C call
        except KeyError:
            vals = [row.get(n) for n in names]
        for i, f in convert:
            v = vals[i]
            if v is not None:
                vals[i] = f(v)
        values_list.append(tuple(vals))
    current = _current(cursor, table, names, key_idx, values_list) if lookup else {}
    new, changed = [], []
    for values in values_list:
        old = current.get(tuple(values[i] for i in key_idx)) if current else None
        if old is None:
            new.append(values)
        elif old[code_i] not in scope:
            raise owned_elsewhere(table, tuple(values[i] for i in key_idx), old[code_i])
        elif old != values:
            changed.append(values)
    self_refs = [names.index(fk.parent.name) for fk in table.foreign_keys if fk.column.table is table]
    links = [(r[ref], ref, *(r[i] for i in key_idx)) for ref in self_refs for r in new if r[ref] is not None]
    placeholders = ",".join("?" * len(names))
    if new:
        first = [tuple(None if i in self_refs else v for i, v in enumerate(r)) for r in new] if self_refs else new
        cursor.executemany(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({placeholders})", first)
    where = " AND ".join(f"{k} = ?" for k in keys)
    if changed:
        cols = [i for i in range(len(names)) if i not in key_idx]
        sets = ", ".join(f"{names[i]} = ?" for i in cols)
        cursor.executemany(f"UPDATE {table.name} SET {sets} WHERE {where}",
                           [tuple(r[i] for i in cols) + tuple(r[i] for i in key_idx) for r in changed])
    return len(new), len(changed), links


def set_links(cursor, table: Table, links: list[tuple]) -> None:
    """(value, column index, *key) links of rows to rows of the same table, once the whole table is in."""
    names = [c.name for c in table.columns]
    where = " AND ".join(f"{k} = ?" for k in key_columns(table))
    for ref in sorted({link[1] for link in links}):
        cursor.executemany(f"UPDATE {table.name} SET {names[ref]} = ? WHERE {where}",
                           [(link[0], *link[2:]) for link in links if link[1] == ref])
