"""What an attacker with the town's file (and a raw SQLite tool) can do: the attacks the seal tests reproduce."""

from __future__ import annotations

import json
import sqlite3

from sqlalchemy import select

from minsheng_desktop.domain import seal as S
from minsheng_desktop.services import seal_service, signing
from minsheng_desktop.storage import audit_repo, vote_repo
from minsheng_desktop.storage.models import AuditEntry, Seal, VoteSession


def raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def drop_triggers(con: sqlite3.Connection) -> None:
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")


def latest_vote(con: sqlite3.Connection) -> str:
    return con.execute("SELECT id FROM vote_session WHERE status='sealed' ORDER BY year DESC LIMIT 1").fetchone()[0]


def flip_ballots(con: sqlite3.Connection, session_id: str, n: int = 1) -> None:
    """Turn the first n ballots' first 赞成 into 反对 (a changed count)."""
    rows = con.execute("SELECT id, marks FROM ballot WHERE session_id=? AND spoiled=0 ORDER BY seq", (session_id,))
    for bid, marks in list(rows)[:n]:
        m = json.loads(marks)
        k = next(k for k, v in m.items() if v == "Y")
        m[k] = "N"
        con.execute("UPDATE ballot SET marks=? WHERE id=?", (json.dumps(m), bid))


def swap_winner_and_loser(con: sqlite3.Connection, session_id: str) -> tuple[str, str]:
    """Edit the sealed result so the last chosen candidate and the first one not chosen change places."""
    result = json.loads(con.execute("SELECT result FROM vote_session WHERE id=?", (session_id,)).fetchone()[0])
    cands = result["candidates"]
    chosen = [c for c in cands if c["id"] in result["chosen"]]
    loser = next(c for c in cands if c["id"] not in result["chosen"])
    winner = chosen[-1]
    for key in ("approve", "oppose", "abstain", "rank", "passed", "outcome"):
        winner[key], loser[key] = loser[key], winner[key]
    result["chosen"] = [loser["id"] if c == winner["id"] else c for c in result["chosen"]]
    con.execute("UPDATE vote_session SET result=? WHERE id=?", (json.dumps(result, ensure_ascii=False), session_id))
    return winner["name"], loser["name"]


def rehash_and_log(db, session_id: str) -> None:
    """Recompute the app's own seal digest and *append* a fresh 'vote.sealed' entry (the triggers allow inserts)."""
    with db.unit_of_work() as s:
        v = s.get(VoteSession, session_id)
        v.seal_hash = vote_repo.seal_digest(s, v)
        audit_repo.append(s, v.jurisdiction_code, "vote.sealed", entity="vote_session", entity_id=v.id,
                          detail={"seal": v.seal_hash})


def rewrite_chain(db) -> None:
    """Recompute every audit hash from the start (triggers must be dropped first): the chain verifies again."""
    with db.unit_of_work() as s:
        prev = audit_repo.GENESIS
        for e in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
            e.prev_hash = prev
            e.hash = audit_repo.entry_hash(prev, e.id, e.jurisdiction_code, e.at, e.actor, e.action, e.entity,
                                           e.entity_id, e.detail)
            prev = e.hash


def resign_everything(db, session_id: str, *, rewrite: bool = False) -> None:
    """The full forger: recount to match the edited ballots, rebuild the statement, re-sign with the key in the
    file, and record the new code in the audit log — appended (the triggers allow inserts), or, with ``rewrite``,
    edited into the old entry with the whole chain rehashed. Only outside witnesses catch the first."""
    with db.unit_of_work() as s:
        v = s.get(VoteSession, session_id)
        v.result = seal_service.count_session(s, v).to_dict()
        s.flush()
        v.seal_hash = vote_repo.seal_digest(s, v)
        row = s.execute(select(Seal).where(Seal.entity_id == session_id)).scalars().one()
        old = json.loads(row.statement)
        statement = seal_service.vote_statement(s, v, (old["audit"][0], old["audit"][1]))
        private, _public = signing.load_or_create(s, v.jurisdiction_code)
        row.statement = S.canonical_bytes(statement).decode("utf-8")
        row.signature = signing.sign(private, S.canonical_bytes(statement))
        row.code = S.seal_code(statement, row.signature)
        if not rewrite:
            audit_repo.append(s, v.jurisdiction_code, "vote.sealed", entity="vote_session", entity_id=v.id,
                              detail={"seal": v.seal_hash, "code": row.code})
            return
        for e in s.execute(select(AuditEntry).where(AuditEntry.entity_id == session_id,
                                                    AuditEntry.action == "vote.sealed")).scalars():
            d = json.loads(e.detail)
            d.update(seal=v.seal_hash, code=row.code)
            e.detail = audit_repo.canonical(d)
    rewrite_chain(db)
