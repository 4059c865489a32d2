"""Reading what a seal is computed over: the audit chain's position, a vote's or a round's raw facts."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.vocabulary import CLOSED_SESSION
from .models import (
    AuditEntry,
    BallotRecord,
    PaperTally,
    Project,
    SatisfactionBallot,
    Seal,
    TownKey,
    VoteSession,
)

SEALED_ACTIONS = ("vote.sealed", "scoring.sealed")


def audit_position(session: Session) -> tuple[int, str]:
    """(number of entries, hash of the last) — where the chain stands now."""
    count = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    head = session.execute(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).scalar()
    return count, head or ""


def audit_hash_at(session: Session, n: int) -> str | None:
    """The hash of the n-th entry of the chain (1-based, in chain order), or None if the chain is shorter."""
    if n <= 0:
        return ""
    return session.execute(select(AuditEntry.hash).order_by(AuditEntry.seq).offset(n - 1).limit(1)).scalar()


def sealed_in_audit(session: Session) -> dict[str, list[str]]:
    """entity id → the details of every 'sealed' audit entry naming it."""
    out: dict[str, list[str]] = {}
    for entity_id, detail in session.execute(
            select(AuditEntry.entity_id, AuditEntry.detail).where(AuditEntry.action.in_(SEALED_ACTIONS))):
        out.setdefault(entity_id, []).append(detail)
    return out


def vote_evidence(session: Session, session_id: str) -> tuple[list[list[Any]], list[list[Any]]]:
    """Every ballot as read out (withdrawn ones too) and every paper-totals entry, in order."""
    ballots = [[b.seq, b.marks, b.spoiled, b.withdrawn] for b in session.execute(
        select(BallotRecord).where(BallotRecord.session_id == session_id).order_by(BallotRecord.seq)).scalars()]
    totals = [[t.entry_no, t.ballots_collected, t.invalid_ballots, t.counts, t.accepted] for t in session.execute(
        select(PaperTally).where(PaperTally.session_id == session_id)
        .order_by(PaperTally.entry_no, PaperTally.created_at)).scalars()]
    return ballots, totals


def round_ballots(session: Session, round_id: str) -> list[SatisfactionBallot]:
    return list(session.execute(select(SatisfactionBallot).where(SatisfactionBallot.round_id == round_id)
                                .order_by(SatisfactionBallot.seq)).scalars())


def project_name(session: Session, project_id: str) -> str:
    return session.execute(select(Project.name).where(Project.id == project_id)).scalar() or ""


def agenda_item_names(session: Session, item_id: str | None) -> tuple[str, str]:
    """(kind, title) of an agenda item, or ("", "") when it is gone."""
    from .models import AgendaItem

    row = session.execute(select(AgendaItem.kind, AgendaItem.title).where(AgendaItem.id == item_id)).first()
    return (row[0], row[1]) if row else ("", "")


def seal_for(session: Session, entity_id: str) -> Seal | None:
    return session.execute(select(Seal).where(Seal.entity_id == entity_id)).scalars().first()


def all_seals(session: Session) -> list[Seal]:
    return list(session.execute(select(Seal).order_by(Seal.created_at, Seal.id)).scalars())


def published_sessions(session: Session) -> list[VoteSession]:
    return list(session.execute(select(VoteSession).where(VoteSession.status.in_(CLOSED_SESSION))).scalars())


def pinned_key(session: Session, code: str) -> str | None:
    row = session.get(TownKey, code)
    return row.public_key if row else None


def export_positions(session: Session) -> list[int]:
    """The audit chain lengths recorded by every earlier export (where the county last saw the chain)."""
    out = []
    for detail in session.execute(select(AuditEntry.detail).where(AuditEntry.action == "package.exported")).scalars():
        try:
            n = json.loads(detail).get("audit_length")
        except (ValueError, AttributeError):
            continue
        if isinstance(n, int) and n > 0:
            out.append(n)
    return sorted(set(out))


def any_pinned(session: Session) -> bool:
    """Whether this database has merged packages at all (a county or city database)."""
    return session.execute(select(TownKey.code).limit(1)).first() is not None


def seal_codes(session: Session, entity_ids: list[str]) -> dict[str, str]:
    if not entity_ids:
        return {}
    return dict(session.execute(select(Seal.entity_id, Seal.code).where(Seal.entity_id.in_(entity_ids))).all())


def add_seal(session: Session, **fields: Any) -> Seal:
    row = Seal(**fields)
    session.add(row)
    session.flush()
    return row


def sealed_entity(session: Session, kind: str, entity_id: str):
    """The sealed vote session (kind "vote") or satisfaction round, or None when it is gone."""
    from .models import SatisfactionRound

    return session.get(VoteSession if kind == "vote" else SatisfactionRound, entity_id)
