"""Reading what a vote session holds, in the shape its seal is computed over."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, bindparam, func, insert, select
from sqlalchemy.orm import Session

from ..domain.vocabulary import ProjectStatus, SessionStatus
from . import sqlite_hot as hot
from .audit_repo import canonical
from .models import BallotRecord, PaperTally, SessionCandidate, VoteSession, new_id
from .models.base import utcnow
from .tables import table_of


@dataclass(frozen=True)
class CountingState:
    """What recording the next ballot checks: the session's stage and mode, and its ballots so far."""

    code: str
    status: str
    count_mode: str
    ballots_collected: int | None
    live: int  # ballots recorded and not withdrawn
    last_seq: int
    delegations: dict[str, Any] | None = None  # 分团计票: the delegations' boxes (None when counted whole)
    live_in_delegation: int = 0  # the live ballots of the delegation asked about


@cache
def _statements():
    """Built once: the vote console runs them for every ballot, and a built statement keeps its cache key. On
    SQLite each also compiled once to run on the unit's own cursor (``sqlite_hot``)."""
    v, b = table_of(VoteSession), table_of(BallotRecord)
    sid: BindParameter[str] = bindparam("sid")
    dl: BindParameter[str] = bindparam("dl")
    # count(*), not count(id): the counts then read ix_ballot_live alone, not every ballot's row
    live = select(func.count()).where(b.c.session_id == sid, b.c.withdrawn.is_(False)).scalar_subquery()
    last = select(func.coalesce(func.max(b.c.seq), 0)).where(b.c.session_id == sid).scalar_subquery()
    in_delegation = select(func.count()).where(b.c.session_id == sid, b.c.withdrawn.is_(False),
                                               b.c.delegation == dl).scalar_subquery()
    state = select(v.c.jurisdiction_code, v.c.status, v.c.count_mode, v.c.ballots_collected, live, last,
                   v.c.delegations, in_delegation).where(v.c.id == sid)
    add = insert(b).values({c.name: bindparam(c.name) for c in b.columns})
    return state, insert(b), hot.compile_once(state), hot.compile_once(add), hot.stored_form(b)


def counting_state(session: Session, session_id: str, delegation: str = "") -> CountingState | None:
    """One statement (no ORM objects): the vote console asks this for every ballot (with, for a session counted
    by delegation, the live ballots of the teller's delegation)."""
    statements = _statements()
    cur = hot.cursor_of(session)
    if cur is None:
        row = session.execute(statements[0], {"sid": session_id, "dl": delegation}).first()
        return None if row is None else CountingState(*row)
    raw = hot.run(cur, statements[2], {"sid": session_id, "dl": delegation}).fetchone()
    if raw is None:
        return None
    code, status, mode, collected, live, last, delegations, in_delegation = raw
    return CountingState(code, status, mode, collected, live, last,
                         None if delegations is None else json.loads(delegations), in_delegation)


def add_ballot(session: Session, code: str, session_id: str, seq: int, marks: dict[str, str], spoiled: bool,
               by: str, delegation: str = "") -> str:
    now = utcnow()
    ballot_id = new_id()
    values = {"id": ballot_id, "jurisdiction_code": code, "session_id": session_id, "seq": seq, "marks": marks,
              "spoiled": spoiled, "withdrawn": False, "entered_by": by, "created_at": now, "updated_at": now,
              "delegation": delegation}
    statements = _statements()
    cur = hot.cursor_of(session)
    if cur is None:
        session.execute(statements[1], values)
    else:
        hot.run(cur, statements[3], hot.stored(values, statements[4]))
    return ballot_id


def seal_payload(session: Session, vote: VoteSession) -> dict[str, Any]:
    """Everything a sealed result rests on: rules, attendance figures, candidates, ballots and totals (and, for a
    session counted by delegation, each box and which box each ballot and entry came from; a session counted whole
    keeps the payload it was sealed with, so its seal still checks)."""
    candidates = session.execute(
        select(SessionCandidate.candidate_id, SessionCandidate.ballot_order)
        .where(SessionCandidate.session_id == vote.id).order_by(SessionCandidate.ballot_order)
    ).all()
    ballots = list(session.execute(
        select(BallotRecord).where(BallotRecord.session_id == vote.id).order_by(BallotRecord.seq)
    ).scalars())
    tallies = list(session.execute(
        select(PaperTally).where(PaperTally.session_id == vote.id).order_by(PaperTally.entry_no)
    ).scalars())
    by_delegation = vote.delegations is not None
    payload = {
        "session": vote.id,
        "rules": vote.rules,
        "deputies_total": vote.deputies_total,
        "deputies_present": vote.deputies_present,
        "ballots_issued": vote.ballots_issued,
        "candidates": [[c, o] for c, o in candidates],
        "ballots": [[b.seq, b.marks, b.spoiled, b.withdrawn, *([b.delegation] if by_delegation else [])]
                    for b in ballots],
        "totals": [[t.entry_no, t.ballots_collected, t.invalid_ballots, t.counts, t.accepted,
                    *([t.delegation] if by_delegation else [])] for t in tallies],
        "result": vote.result,
    }
    if by_delegation:
        payload["delegations"] = vote.delegations
    return payload


def seal_digest(session: Session, vote: VoteSession) -> str:
    return hashlib.sha256(canonical(seal_payload(session, vote)).encode("utf-8")).hexdigest()


def sealed_sessions(session: Session) -> list[VoteSession]:
    return list(session.execute(select(VoteSession).where(VoteSession.status == SessionStatus.SEALED)).scalars())


def session_candidates(session: Session, session_id: str) -> list[tuple[str, str, int]]:
    """(candidate id, name, ballot order) on this session's ballot."""
    from .models import Candidate

    return [(cid, name, order) for cid, name, order in session.execute(
        select(SessionCandidate.candidate_id, Candidate.name, SessionCandidate.ballot_order)
        .join(Candidate, SessionCandidate.candidate_id == Candidate.id)
        .where(SessionCandidate.session_id == session_id).order_by(SessionCandidate.ballot_order)
    ).all()]


def live_ballots(session: Session, session_id: str) -> list[BallotRecord]:
    return list(session.execute(
        select(BallotRecord).where(BallotRecord.session_id == session_id, BallotRecord.withdrawn.is_(False))
        .order_by(BallotRecord.seq)
    ).scalars())


def last_seq(session: Session, session_id: str) -> int:
    from sqlalchemy import func

    return session.execute(select(func.max(BallotRecord.seq)).where(BallotRecord.session_id == session_id)).scalar() or 0


def paper_entries(session: Session, session_id: str) -> dict[int, PaperTally]:
    """The latest entry of each teller (1 and 2); earlier attempts stay in the table and the audit log."""
    out: dict[int, PaperTally] = {}
    for t in session.execute(select(PaperTally).where(PaperTally.session_id == session_id,
                                                      PaperTally.delegation == "")
                             .order_by(PaperTally.created_at)).scalars():
        out[t.entry_no] = t
    return out


# What the vote service reads and writes -----------------------------------------------------------------------
def get_session(session: Session, session_id: str) -> VoteSession | None:
    return session.get(VoteSession, session_id)


def sessions_of(session: Session, code: str, year: int) -> list[tuple[str, str, str]]:
    """(id, title, status) of the year's sessions, oldest first."""
    rows = session.execute(select(VoteSession).where(VoteSession.jurisdiction_code == code, VoteSession.year == year)
                           .order_by(VoteSession.created_at)).scalars()
    return [(v.id, v.title, v.status) for v in rows]


def latest_session_id(session: Session, code: str, year: int | None) -> str | None:
    stmt = select(VoteSession.id).where(VoteSession.jurisdiction_code == code)
    if year is not None:
        stmt = stmt.where(VoteSession.year == year)
    return session.execute(stmt.order_by(VoteSession.created_at.desc()).limit(1)).scalar()


def live_count(session: Session, session_id: str) -> int:
    return session.execute(select(func.count()).select_from(BallotRecord).where(
        BallotRecord.session_id == session_id, BallotRecord.withdrawn.is_(False))).scalar_one()


def present_ids(session: Session, session_id: str) -> list[str]:
    from .models import Attendance

    return list(session.execute(select(Attendance.deputy_id).where(Attendance.session_id == session_id)).scalars())


def officers(session: Session, session_id: str) -> dict[str, list[str]]:
    from .models import SessionOfficer

    out: dict[str, list[str]] = {}
    for o in session.execute(select(SessionOfficer).where(SessionOfficer.session_id == session_id)).scalars():
        out.setdefault(o.role, []).append(o.deputy_id)
    return out


def add_session(session: Session, code: str, candidate_ids: list[str], **fields: Any) -> VoteSession:
    """A new session (flushed, so it has its id) over these candidates in ballot order."""
    v = VoteSession(jurisdiction_code=code, **fields)
    session.add(v)
    session.flush()
    for order, cid in enumerate(candidate_ids, start=1):
        session.add(SessionCandidate(jurisdiction_code=code, session_id=v.id, candidate_id=cid, ballot_order=order))
    return v


def set_attendance(session: Session, v: VoteSession, deputy_id: str, present: bool, late: bool) -> None:
    from .models import Attendance

    existing = session.execute(select(Attendance).where(Attendance.session_id == v.id,
                                                        Attendance.deputy_id == deputy_id)).scalars().first()
    if present and existing is None:
        session.add(Attendance(jurisdiction_code=v.jurisdiction_code, session_id=v.id, deputy_id=deputy_id, late=late))
    elif not present and existing is not None:
        session.delete(existing)


def replace_officers(session: Session, v: VoteSession, officers: dict[str, list[str]]) -> None:
    from sqlalchemy import delete

    from .models import SessionOfficer

    session.execute(delete(SessionOfficer).where(SessionOfficer.session_id == v.id))
    for role, ids in officers.items():
        for did in ids:
            session.add(SessionOfficer(jurisdiction_code=v.jurisdiction_code, session_id=v.id, deputy_id=did,
                                       role=role))


def add_paper_entry(session: Session, v: VoteSession, entry_no: int, teller: str, collected: int, invalid: int,
                    counts: dict[str, dict[str, int]]) -> None:
    session.add(PaperTally(jurisdiction_code=v.jurisdiction_code, session_id=v.id, entry_no=entry_no, teller=teller,
                           ballots_collected=collected, invalid_ballots=invalid, counts=counts))
    session.flush()


def accept_entries(entries: dict[int, PaperTally], accepted: bool) -> None:
    for t in entries.values():
        t.accepted = accepted


def withdraw(ballot: BallotRecord) -> None:
    ballot.withdrawn = True


def update_session(session: Session, v: VoteSession, **fields: Any) -> None:
    """Write these columns of the session (flushed: what is computed from it next sees them)."""
    for key, value in fields.items():
        setattr(v, key, value)
    session.flush()


def add_projects(session: Session, v: VoteSession, candidate_ids: list[str]) -> None:
    """The chosen candidates become the year's projects."""
    from . import candidate_repo
    from .models import Project

    for cid in candidate_ids:
        c = candidate_repo.required(session, cid)
        session.add(Project(jurisdiction_code=v.jurisdiction_code, year=v.year, candidate_id=c.id, session_id=v.id,
                            name=c.name, category=c.category, responsible_unit=c.responsible_unit,
                            lead_official=c.lead_official, target=c.content, deadline=c.deadline,
                            budget=c.est_investment, status=ProjectStatus.NOT_STARTED))
