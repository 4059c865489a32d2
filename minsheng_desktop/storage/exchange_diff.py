"""What a package chunk changes in a table, whichever engine writes it: the rows' keys, the stored rows with those
keys, and which rows are new, changed or unchanged (the rows a town no longer has are its stored keys minus the
package's, see ``existing_keys``).

Both write paths use this: ``exchange_repo`` (SQLAlchemy Core, PostgreSQL) with rows as dicts in package form,
and ``exchange_sqlite`` (SQLite's fast path) with rows as tuples in SQLite's stored form. A row is anything
indexable, and a field is a column name for a dict or a column position for a tuple."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Table

from ..domain.errors import UserError

CHUNK = 500  # keys per ``IN (...)`` look-up

Key = tuple[Any, ...]
Row = Any  # a dict (package form) or a tuple (SQLite's stored form)


def self_ref_columns(table: Table) -> list[str]:
    """Columns pointing at rows of the same table (a merged proposal, a carried-over project)."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def key_getter(fields: Sequence[str] | Sequence[int]) -> Callable[[Row], Key]:
    """row -> its key, always a tuple (one C call for a composite key)."""
    if len(fields) == 1:
        only = fields[0]
        return lambda row: (row[only],)
    return itemgetter(*fields)


def chunked(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def owned_elsewhere(table: Table, key: Key, code: str) -> UserError:
    return UserError(f"上报包中“{table.name}”的记录 {key[0]} 已属于行政区划 {code}，不能由这个上报包改写，已拒绝",
                     "a row id already belongs to another jurisdiction")


@dataclass(frozen=True)
class Shape:
    """How to read a key and an owner out of rows of one table (stored rows come in the same form)."""

    key_of: Callable[[Row], Key]
    owner: str | int  # the field of the owning jurisdiction's code
    single_key: bool

    @classmethod
    def of(cls, keys: Sequence[str] | Sequence[int], owner: str | int) -> Shape:
        return cls(key_getter(keys), owner, len(keys) == 1)


def find_stored(rows: Sequence[Row], shape: Shape,
                fetch: Callable[[bool, Sequence[Any]], Iterable[Row]]) -> dict[Key, Row]:
    """The stored rows with the same keys as ``rows``, whatever jurisdiction owns them. ``fetch(by_key, values)``
    gives the stored rows whose key (``by_key``: a single-column key, ``CHUNK`` values at a time) or whose owner
    (a composite key: every code of the rows at once) is one of ``values``."""
    key_of = shape.key_of
    found: dict[Key, Row] = {}
    if shape.single_key:
        for part in chunked([key_of(r)[0] for r in rows]):
            for stored in fetch(True, part):
                found[key_of(stored)] = stored
        return found
    wanted = {key_of(r) for r in rows}
    for stored in fetch(False, sorted({r[shape.owner] for r in rows})):
        key = key_of(stored)
        if key in wanted:
            found[key] = stored
    return found


@dataclass
class Diff:
    new: list[Row] = field(default_factory=list)
    changed: list[Row] = field(default_factory=list)
    unchanged: int = 0


def diff_rows(table: Table, rows: Iterable[Row], stored: dict[Key, Row], shape: Shape, scope: set[str],
              differs: Callable[[Row, Row], bool]) -> Diff:
    """Sort the package's rows against the stored ones: new, changed (``differs(stored, row)``) or unchanged. A
    key already held by a jurisdiction outside ``scope`` refuses the package."""
    if not stored:
        return Diff(new=list(rows))
    out = Diff()
    key_of, owner = shape.key_of, shape.owner
    for row in rows:
        key = key_of(row)
        old = stored.get(key)
        if old is None:
            out.new.append(row)
        elif old[owner] not in scope:
            raise owned_elsewhere(table, key, old[owner])
        elif differs(old, row):
            out.changed.append(row)
        else:
            out.unchanged += 1
    return out
