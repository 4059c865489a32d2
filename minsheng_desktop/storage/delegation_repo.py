"""分团计票: what a session counted by delegation holds, per 代表团 (domain/delegations.py has the rules)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Attendance, BallotRecord, Deputy, PaperTally


def present_groups(session: Session, session_id: str) -> list[str]:
    """The 代表团 field of every deputy signed in, in the roster's order (one entry per deputy)."""
    return list(session.execute(
        select(Deputy.group_name).join(Attendance, Attendance.deputy_id == Deputy.id)
        .where(Attendance.session_id == session_id).order_by(Deputy.group_name, Deputy.name)
    ).scalars())


def present_by_group(session: Session, session_id: str) -> dict[str, int]:
    """Deputies signed in per 代表团 field (the console's sign-in table)."""
    rows = session.execute(
        select(Deputy.group_name, func.count()).join(Attendance, Attendance.deputy_id == Deputy.id)
        .where(Attendance.session_id == session_id).group_by(Deputy.group_name)
    ).all()
    return {g or "": n for g, n in rows}


def counted(session: Session, session_id: str) -> dict[str, int]:
    """Live (not withdrawn) ballots per delegation."""
    rows = session.execute(
        select(BallotRecord.delegation, func.count()).where(BallotRecord.session_id == session_id,
                                                            BallotRecord.withdrawn.is_(False))
        .group_by(BallotRecord.delegation)
    ).all()
    return {d: n for d, n in rows}


def live_ballots(session: Session, session_id: str) -> dict[str, list[BallotRecord]]:
    """Live ballots per delegation, each in the order recorded."""
    out: dict[str, list[BallotRecord]] = {}
    for b in session.execute(select(BallotRecord).where(BallotRecord.session_id == session_id,
                                                        BallotRecord.withdrawn.is_(False))
                             .order_by(BallotRecord.seq)).scalars():
        out.setdefault(b.delegation, []).append(b)
    return out


def last_live(session: Session, session_id: str, delegation: str) -> BallotRecord | None:
    return session.execute(select(BallotRecord).where(
        BallotRecord.session_id == session_id, BallotRecord.withdrawn.is_(False), BallotRecord.delegation == delegation)
        .order_by(BallotRecord.seq.desc()).limit(1)).scalars().first()


def entries(session: Session, session_id: str) -> dict[str, dict[int, PaperTally]]:
    """Each delegation's latest entry of each teller (1 and 2); earlier attempts stay in the table and the log."""
    out: dict[str, dict[int, PaperTally]] = {}
    for t in session.execute(select(PaperTally).where(PaperTally.session_id == session_id,
                                                      PaperTally.delegation != "")
                             .order_by(PaperTally.created_at)).scalars():
        out.setdefault(t.delegation, {})[t.entry_no] = t
    return out


def add_entry(session: Session, code: str, session_id: str, delegation: str, entry_no: int, teller: str,
              collected: int, invalid: int, counts: dict[str, dict[str, int]]) -> None:
    session.add(PaperTally(jurisdiction_code=code, session_id=session_id, delegation=delegation, entry_no=entry_no,
                           teller=teller, ballots_collected=collected, invalid_ballots=invalid, counts=counts))
    session.flush()


def roster_by_group(session: Session, code: str) -> dict[str, int]:
    """Deputies in office per 代表团 field (the 应到 of each delegation)."""
    rows = session.execute(
        select(Deputy.group_name, func.count()).where(Deputy.jurisdiction_code == code, Deputy.active.is_(True))
        .group_by(Deputy.group_name)
    ).all()
    return {g or "": n for g, n in rows}
