"""Scanned ballot sheets (选票扫描计票): each sheet's image is an attachment of the ballot read from it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Attachment, BallotRecord, VoteSession

OWNER = "ballot"


def ballot_with_sheet(session: Session, session_id: str, sha256: str) -> int | None:
    """The seq of the live ballot of the session that holds a sheet with this image hash, if any."""
    return session.execute(
        select(BallotRecord.seq).join(Attachment, Attachment.owner_id == BallotRecord.id)
        .where(Attachment.owner_type == OWNER, Attachment.sha256 == sha256, BallotRecord.session_id == session_id,
               BallotRecord.withdrawn.is_(False)).limit(1)).scalar()


def keep_sheet(session: Session, code: str, ballot_id: str, source: str, mime: str, data: bytes,
               sha256: str) -> None:
    session.add(Attachment(jurisdiction_code=code, owner_type=OWNER, owner_id=ballot_id, filename=source[:200],
                           mime_type=mime, size=len(data), sha256=sha256, data=data))


def sheets_of(session: Session, session_id: str) -> list[tuple[int, str, str]]:
    """(ballot seq, source, sha256) of every sheet kept with a live ballot of the session."""
    rows = session.execute(
        select(BallotRecord.seq, Attachment.filename, Attachment.sha256)
        .join(Attachment, Attachment.owner_id == BallotRecord.id)
        .where(Attachment.owner_type == OWNER, BallotRecord.session_id == session_id,
               BallotRecord.withdrawn.is_(False)).order_by(BallotRecord.seq))
    return [(r[0], r[1], r[2]) for r in rows]


def sessions_starting(session: Session, prefix: str) -> list[str]:
    """Ids of the vote sessions whose id starts with ``prefix`` (a ballot code carries the first 16 digits)."""
    return list(session.execute(select(VoteSession.id).where(VoteSession.id.startswith(prefix, autoescape=True))
                                .limit(2)).scalars())
