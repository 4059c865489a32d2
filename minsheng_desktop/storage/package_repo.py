"""What merging a package reads and writes besides the synced rows themselves: the package log, the pinned town
keys, the seals the county holds, and the sender's rows replaced a chunk at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from . import exchange_repo, exchange_sqlite
from .models import PackageLog, Seal, TownKey, new_id

LIVE = ("merged", "unchanged")


def owners(s: Session) -> dict[str, str]:
    """code → the sender that reports it here."""
    out: dict[str, str] = {}
    for log in s.execute(select(PackageLog).where(PackageLog.status.in_(LIVE))).scalars():
        for code in log.codes or []:
            out.setdefault(code, log.sender_code)
    for code in s.execute(select(TownKey.code)).scalars():
        out[code] = code  # a town that sends its own packages owns its rows
    return out


def live_logs(s: Session, sender: str) -> list[PackageLog]:
    """The sender's packages merged (or found unchanged) here, read only."""
    return list(s.execute(select(PackageLog).where(PackageLog.sender_code == sender,
                                                   PackageLog.status.in_(LIVE))).scalars())


def supersede(logs: Iterable[PackageLog]) -> None:
    for log in logs:
        log.status = "superseded"


def add_log(s: Session, **fields: Any) -> None:
    s.add(PackageLog(**fields))


def log_refusal(db, *, sender: str, sequence: int, reason: str, file_name: str) -> None:
    """A refused package is logged in a transaction of its own (the package's was rolled back)."""
    with db.engine.begin() as conn:
        conn.execute(insert(PackageLog), [{"id": new_id(), "sender_code": sender, "sequence": sequence,
                                          "manifest_sha256": "", "codes": [], "status": "refused",
                                          "reason": reason, "file_name": file_name}])


def town_key(s: Session, code: str) -> tuple[str, str] | None:
    """(public key, fingerprint) pinned for this sender, or None."""
    k = s.get(TownKey, code)
    return None if k is None else (k.public_key, k.fingerprint)


def pin_key(s: Session, code: str, public_key: str, fingerprint: str) -> None:
    k = s.get(TownKey, code)
    if k is None:
        s.add(TownKey(code=code, public_key=public_key, fingerprint=fingerprint))
    else:
        k.public_key, k.fingerprint = public_key, fingerprint


def town_keys(s: Session) -> list[tuple[str, str]]:
    """(code, fingerprint) of every pinned town key."""
    return [(k.code, k.fingerprint) for k in s.execute(select(TownKey).order_by(TownKey.code)).scalars()]


def seals_in(s: Session, codes: Iterable[str]) -> dict[str, Seal]:
    """entity id → the seal held for it, of these jurisdictions (read only)."""
    return {row.entity_id: row for row in s.execute(select(Seal).where(Seal.jurisdiction_code.in_(codes))).scalars()}


def delete_missing(s: Session, tables, scope: set[str], keys: dict[str, set[tuple]]) -> tuple[int, set[str]]:
    """Rows of the scope the package no longer has go, children before parents. Returns (deleted, the tables
    still holding rows of the scope)."""
    conn = s.connection()
    deleted, kept = 0, set()
    for table in reversed(tables):
        existing = exchange_repo.existing_keys(conn, table, scope)
        gone = existing - keys[table.name]
        exchange_repo.delete_keys(conn, table, gone)
        deleted += len(gone)
        if existing - gone:
            kept.add(table.name)
    return deleted, kept


def write_rows(s: Session, tables, rows_of: Callable[[Any], Iterable[dict[str, Any]]], scope: set[str],
               kept: set[str], counts: dict[str, int], *, chunk_rows: int) -> None:
    """Parents before children, a chunk at a time: new rows in, changed rows updated (``counts`` gains
    "inserted" and "updated"). A table with none of the scope's rows left skips the look-ups (a key held
    elsewhere then fails on insert). ``rows_of(table)`` gives the rows, their defaults already filled."""
    conn = s.connection()
    fast = conn.dialect.name == "sqlite"
    cursor = _dbapi_cursor(conn) if fast else None
    for table in tables:
        links: list = []
        chunk: list[dict[str, Any]] = []

        def flush(rows: list[dict[str, Any]], table=table, links=links) -> None:
            lookup = table.name in kept
            if fast:
                ins, upd, row_links = exchange_sqlite.upsert_rows(cursor, table, rows, scope, lookup=lookup)
                links.extend(row_links)
            else:
                ins, upd, dict_links = exchange_repo.upsert_rows(conn, table, rows, scope, lookup=lookup)
                links.extend(dict_links)
            counts["inserted"] += ins
            counts["updated"] += upd

        for row in rows_of(table):
            chunk.append(row)
            if len(chunk) >= chunk_rows:
                flush(chunk)
                chunk = []
        if chunk:
            flush(chunk)
        if links:
            (exchange_sqlite.set_links(cursor, table, links) if fast
             else exchange_repo.set_links(conn, table, links))


def _dbapi_cursor(conn: Connection) -> Any:
    """A cursor of the driver's own connection under this transaction (SQLite's bulk path)."""
    dbapi = conn.connection.dbapi_connection
    if dbapi is None:  # only once the connection was invalidated
        raise RuntimeError("the database connection is closed")
    return dbapi.cursor()


def exported_rows(s: Session, *, attachments: bool = True) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
    """(table, its rows encoded for a package) of every synced table, parents first."""
    conn = s.connection()
    for table in exchange_repo.synced_tables():
        yield table, list(exchange_repo.export_rows(conn, table, attachments=attachments))
