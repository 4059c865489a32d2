"""The append-only audit log: each entry hashes its predecessor, so any edit breaks the chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.orm import Session

from ..clock import SYSTEM
from . import sqlite_hot as hot
from .models import AuditEntry, new_id
from .tables import table_of

GENESIS = "0" * 64


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, entry_id: str, code: str, at: str, actor: str, action: str,
               entity: str, entity_id: str, detail: str) -> str:
    payload = canonical([prev_hash, entry_id, code, at, actor, action, entity, entity_id, detail])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(session: Session, code: str, action: str, *, entity: str = "", entity_id: str = "",
           detail: dict[str, Any] | None = None, actor: str = "", at: datetime | None = None) -> str:
    """Adds one entry linked to the chain's head; returns its hash. Core statements on the unit's connection (a
    ballot's entry is on the vote console's hot path); what the unit added before is flushed first, in order."""
    session.flush()
    head, add, hot_head, hot_add = _statements()
    cur = hot.cursor_of(session)
    if cur is None:
        last = session.execute(head).scalar()
    else:
        found = hot.run(cur, hot_head, {}).fetchone()
        last = found[0] if found else None
    prev = last or GENESIS
    entry_id = new_id()
    stamp = (at or SYSTEM.now()).isoformat(timespec="seconds")
    detail_text = canonical(detail or {})
    digest = entry_hash(prev, entry_id, code, stamp, actor, action, entity, entity_id, detail_text)
    values = {"id": entry_id, "jurisdiction_code": code, "at": stamp, "actor": actor, "action": action,
              "entity": entity, "entity_id": entity_id, "detail": detail_text, "prev_hash": prev, "hash": digest}
    if cur is None:
        session.execute(add, values)
    else:
        hot.run(cur, hot_add, values)  # every column is text: stored as given
    return digest


@cache
def _statements():
    """Built once (a built statement keeps its cache key): the chain's head, and adding an entry."""
    log = table_of(AuditEntry)
    head = select(log.c.hash).order_by(log.c.seq.desc()).limit(1)
    add = insert(log).values({c.name: bindparam(c.name) for c in log.columns if c.name != "seq"})
    return head, insert(log), hot.compile_once(head), hot.compile_once(add)


@dataclass(frozen=True)
class ChainReport:
    entries: int
    broken_at: int | None  # seq of the first entry whose hash or link does not hold
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(session: Session) -> ChainReport:
    prev = GENESIS
    count = 0
    for e in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        count += 1
        if e.prev_hash != prev:
            return ChainReport(count, e.seq, "与上一条记录的链接不符（记录被删除或插入）")
        expected = entry_hash(e.prev_hash, e.id, e.jurisdiction_code, e.at, e.actor, e.action,
                              e.entity, e.entity_id, e.detail)
        if e.hash != expected:
            return ChainReport(count, e.seq, "内容与哈希不符（记录被改动）")
        prev = e.hash
    return ChainReport(count, None)


def count_entries(session: Session) -> int:
    return session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def entries_for(session: Session, entity_id: str, action: str | None = None) -> list[AuditEntry]:
    stmt = select(AuditEntry).where(AuditEntry.entity_id == entity_id).order_by(AuditEntry.seq)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return list(session.execute(stmt).scalars())
