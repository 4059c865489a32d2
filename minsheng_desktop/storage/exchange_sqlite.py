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


def replace_town_rows(cursor, table: Table, codes: set[str], rows: list[dict[str, Any]]) -> tuple[int, int]:
    """Insert new and update changed rows for these jurisdictions: (inserted, updated). Deletions happen before."""
    names = [c.name for c in table.columns]
    convs = converters(table)
    keys = key_columns(table)
    key_idx = [names.index(k) for k in keys]
    marks = ",".join("?" * len(codes))
    current = {tuple(r[i] for i in key_idx): r for r in cursor.execute(
        f"SELECT {', '.join(names)} FROM {table.name} WHERE {code_column(table)} IN ({marks})", sorted(codes))}
    new, changed = [], []
    convert = [(i, f) for i, f in enumerate(convs) if f is not None]
    single = key_idx[0] if len(key_idx) == 1 else None
    pick = itemgetter(*names)
    for row in rows:
        try:
            vals = list(pick(row))  # every column is present in what this app writes: one C call
        except KeyError:
            vals = [row.get(n) for n in names]
        for i, f in convert:
            v = vals[i]
            if v is not None:
                vals[i] = f(v)
        values = tuple(vals)
        if not current:
            new.append(values)
            continue
        old = current.get((values[single],) if single is not None else tuple(values[i] for i in key_idx))
        if old is None:
            new.append(values)
        elif old != values:
            changed.append(values)
    self_refs = [names.index(fk.parent.name) for fk in table.foreign_keys if fk.column.table is table]
    placeholders = ",".join("?" * len(names))
    if new:
        first = [tuple(None if i in self_refs else v for i, v in enumerate(r)) for r in new] if self_refs else new
        cursor.executemany(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({placeholders})", first)
    where = " AND ".join(f"{k} = ?" for k in keys)
    for ref in self_refs if new else ():
        linked = [(r[ref], *(r[i] for i in key_idx)) for r in new if r[ref] is not None]
        if linked:
            cursor.executemany(f"UPDATE {table.name} SET {names[ref]} = ? WHERE {where}", linked)
    if changed:
        cols = [i for i in range(len(names)) if i not in key_idx]
        sets = ", ".join(f"{names[i]} = ?" for i in cols)
        cursor.executemany(f"UPDATE {table.name} SET {sets} WHERE {where}",
                           [tuple(r[i] for i in cols) + tuple(r[i] for i in key_idx) for r in changed])
    return len(new), len(changed)
