"""Queries and bulk writes for proposals and their attachments."""

from __future__ import annotations

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from .models import Attachment, Proposal
from .tables import table_of


def for_year(session: Session, code: str, year: int) -> list[Proposal]:
    return list(session.execute(
        select(Proposal).where(Proposal.jurisdiction_code == code, Proposal.year == year).order_by(Proposal.seq_no)
    ).scalars())


def texts_for_year(session: Session, code: str, year: int) -> list[tuple[str, str, str, str]]:
    """(id, title, content, village) of every proposal of the year: what the look-alike index reads."""
    return [(pid, title, content, village) for pid, title, content, village in session.execute(
        select(Proposal.id, Proposal.title, Proposal.content, Proposal.village)
        .where(Proposal.jurisdiction_code == code, Proposal.year == year).order_by(Proposal.seq_no)
    ).all()]


def lock_numbering(session: Session, code: str, year: int) -> None:
    """Hold the numbering (序号) and the already-imported check of a year until this transaction ends.

    On SQLite a unit of work that may write already holds the file's write lock (BEGIN IMMEDIATE); PostgreSQL
    takes a transaction-scoped advisory lock, so two imports into a county database cannot interleave either."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"proposal-seq:{code}:{year}"})


def import_keys(session: Session, code: str, year: int) -> set[str]:
    return {key for key in session.execute(
        select(Proposal.import_key).where(Proposal.jurisdiction_code == code, Proposal.year == year,
                                          Proposal.import_key.is_not(None))
    ).scalars() if key is not None}


def next_seq(session: Session, code: str, year: int) -> int:
    top = session.execute(
        select(func.max(Proposal.seq_no)).where(Proposal.jurisdiction_code == code, Proposal.year == year)
    ).scalar()
    return (top or 0) + 1


def insert_many(session: Session, rows: list[dict]) -> None:
    """One executemany on the table for a whole import (the ORM's per-row work is too slow for 10,000 rows)."""
    if rows:
        session.execute(insert(table_of(Proposal)), rows)


def attachment_counts(session: Session, ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    rows = session.execute(
        select(Attachment.owner_id, func.count()).where(Attachment.owner_type == "proposal")
        .group_by(Attachment.owner_id)
    ).all()
    wanted = set(ids)
    return {owner: n for owner, n in rows if owner in wanted}


def attachment_list(session: Session, owner_ids: list[str]) -> list[tuple[str, str, str, str, int]]:
    """(id, owner id, file name, mime type, size) without loading the bytes."""
    if not owner_ids:
        return []
    return [(aid, owner, name, mime, size) for aid, owner, name, mime, size in session.execute(
        select(Attachment.id, Attachment.owner_id, Attachment.filename, Attachment.mime_type, Attachment.size)
        .where(Attachment.owner_id.in_(owner_ids)).order_by(Attachment.created_at)
    ).all()]


def add_attachment(session: Session, code: str, owner_type: str, owner_id: str, filename: str, mime_type: str,
                   data: bytes, sha256: str) -> str:
    """Store a file's bytes for a proposal, a progress report …; returns the attachment's id."""
    a = Attachment(jurisdiction_code=code, owner_type=owner_type, owner_id=owner_id, filename=filename,
                   mime_type=mime_type, size=len(data), sha256=sha256, data=data)
    session.add(a)
    session.flush()
    return a.id


def attachment_data(session: Session, attachment_id: str) -> bytes | None:
    """The stored bytes, or None when the attachment is gone."""
    a = session.get(Attachment, attachment_id)
    return None if a is None else a.data


def get(session: Session, proposal_id: str) -> Proposal | None:
    return session.get(Proposal, proposal_id)


def add(session: Session, **fields) -> Proposal:
    p = Proposal(**fields)
    session.add(p)
    session.flush()
    return p


def update(p: Proposal, **fields) -> None:
    for key, value in fields.items():
        setattr(p, key, value)


def merged_into(session: Session, primary_id: str, *, ordered: bool = False) -> list[Proposal]:
    """The proposals merged into this one."""
    stmt = select(Proposal).where(Proposal.merged_into_id == primary_id)
    if ordered:
        stmt = stmt.order_by(Proposal.seq_no)
    return list(session.execute(stmt).scalars())
