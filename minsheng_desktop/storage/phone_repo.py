"""扫码表决: phone rounds (of a vote session or a scoring batch) and their token hashes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from .models import PhoneRound, PhoneToken
from .models.base import utcnow

VOTE, SCORE = "vote", "score"


@dataclass(frozen=True)
class RoundFigures:
    round_id: str | None
    is_open: bool
    printed: int
    cancelled: int
    used: int

    @property
    def issued(self) -> int:
        return self.printed - self.cancelled


NO_ROUND = RoundFigures(None, False, 0, 0, 0)


def current_round(session: Session, target_id: str, kind: str = VOTE) -> PhoneRound | None:
    """The phone round of a vote session or scoring batch (one each; reopened rather than added)."""
    return session.execute(select(PhoneRound).where(PhoneRound.target_id == target_id, PhoneRound.kind == kind)
                           .order_by(PhoneRound.created_at.desc()).limit(1)).scalars().first()


def add_round(session: Session, code: str, target_id: str, kind: str = VOTE,
              subjects: list[str] | None = None) -> PhoneRound:
    r = PhoneRound(jurisdiction_code=code, kind=kind, target_id=target_id, subjects=list(subjects or [target_id]),
                   printed=0, cancelled=0, is_open=False)
    session.add(r)
    session.flush()
    return r


def open_rounds_over(session: Session, subject_ids: list[str]) -> bool:
    """Is a scoring phone round open over any of these satisfaction rounds?"""
    wanted = set(subject_ids)
    return any(wanted.intersection(r.subjects or []) for r in session.execute(
        select(PhoneRound).where(PhoneRound.kind == SCORE, PhoneRound.is_open.is_(True))).scalars())


def figures(session: Session, target_id: str, kind: str = VOTE) -> RoundFigures:
    r = current_round(session, target_id, kind)
    if r is None:
        return NO_ROUND
    return RoundFigures(r.id, r.is_open, r.printed, r.cancelled, _used(session, r.id))


def _used(session: Session, round_id: str) -> int:
    return session.execute(select(func.count()).select_from(PhoneToken).where(
        PhoneToken.round_id == round_id, PhoneToken.used.is_(True))).scalar_one()


def replace_tokens(session: Session, r: PhoneRound, hashes: list[str]) -> None:
    """A fresh set of slips: the unused tokens printed before stop working (used ones stay, with their votes)."""
    session.execute(delete(PhoneToken).where(PhoneToken.round_id == r.id, PhoneToken.used.is_(False)))
    session.add_all(PhoneToken(jurisdiction_code=r.jurisdiction_code, round_id=r.id, token_hash=h, used=False,
                               nonce_hash="", receipt="") for h in hashes)
    r.printed = _used(session, r.id) + len(hashes)
    session.flush()


def set_open(session: Session, r: PhoneRound, is_open: bool, cancelled: int | None = None) -> None:
    r.is_open = is_open
    if cancelled is not None:
        r.cancelled = cancelled
    r.closed_at = None if is_open else utcnow()
    session.flush()


@dataclass(frozen=True)
class TokenState:
    token_id: str
    kind: str
    target_id: str
    subjects: list[str]
    round_open: bool
    used: bool
    nonce_hash: str
    receipt: str

    @property
    def session_id(self) -> str:
        return self.target_id


def find_token(session: Session, token_hash: str) -> TokenState | None:
    row = session.execute(
        select(PhoneToken.id, PhoneRound.kind, PhoneRound.target_id, PhoneRound.subjects, PhoneRound.is_open,
               PhoneToken.used, PhoneToken.nonce_hash, PhoneToken.receipt)
        .join(PhoneRound, PhoneToken.round_id == PhoneRound.id).where(PhoneToken.token_hash == token_hash)).first()
    return None if row is None else TokenState(*row)


def use_token(session: Session, token_id: str, nonce_hash: str, receipt: str) -> bool:
    """Mark the token used, only if it was not: False when another request took it first."""
    done = session.execute(update(PhoneToken).where(PhoneToken.id == token_id, PhoneToken.used.is_(False))
                           .values(used=True, nonce_hash=nonce_hash, receipt=receipt))
    return bool(done.rowcount == 1)  # type: ignore[attr-defined]


def score_subjects(session: Session, round_ids: list[str]) -> list[tuple[str, str, str, str, str]]:
    """(round id, project name, batch, method, verdict) of these satisfaction rounds, in the given order."""
    from .models import Project, SatisfactionRound

    rows = {r[0]: r for r in session.execute(
        select(SatisfactionRound.id, Project.name, SatisfactionRound.batch, SatisfactionRound.method,
               SatisfactionRound.verdict).join(Project, SatisfactionRound.project_id == Project.id)
        .where(SatisfactionRound.id.in_(round_ids))).all()}
    return [tuple(rows[rid]) for rid in round_ids if rid in rows]  # type: ignore[misc]
