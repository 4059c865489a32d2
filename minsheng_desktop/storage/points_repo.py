"""履职积分: what the deputies did in a span of days — congress sign-in, supervision events, opinions, proposals,
satisfaction rounds — read as plain tuples for ``services/points_service``."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..domain.points import DEPUTY_RESPONDENTS, DEPUTY_SOURCE
from ..domain.vocabulary import EventStatus, SessionStatus
from .models import (
    Attendance,
    Deputy,
    EventAttendance,
    Opinion,
    Proposal,
    SatisfactionRound,
    SupervisionEvent,
    VoteSession,
)

MET = (SessionStatus.COUNTING, SessionStatus.SEALED, SessionStatus.VOID)  # sign-in over: the meeting took place


def deputies(s: Session, code: str) -> list[tuple[str, str, str, bool, str]]:
    """(id, name, group, serving, retired on) of everyone on the roster."""
    rows = s.execute(select(Deputy.id, Deputy.name, Deputy.group_name, Deputy.active, Deputy.retired_on)
                     .where(Deputy.jurisdiction_code == code))
    return [(i, n, g, bool(a), r or "") for i, n, g, a, r in rows]


def congress_sessions(s: Session, code: str, first: date, last: date) -> list[tuple[str, date, str]]:
    """(id, day, title) of the vote sessions held between the days (sign-in closed), by day."""
    rows = s.execute(select(VoteSession.id, VoteSession.held_on, VoteSession.title)
                     .where(VoteSession.jurisdiction_code == code, VoteSession.status.in_(MET),
                            VoteSession.held_on.is_not(None), VoteSession.held_on.between(first, last))
                     .order_by(VoteSession.held_on, VoteSession.created_at))
    return [(i, d, t) for i, d, t in rows if d is not None]


def congress_sign_in(s: Session, session_ids: list[str]) -> list[tuple[str, str]]:
    """(session id, deputy id) of every sign-in at these sessions."""
    if not session_ids:
        return []
    return [(a, d) for a, d in s.execute(select(Attendance.session_id, Attendance.deputy_id)
                                         .where(Attendance.session_id.in_(session_ids)))]


def held_events(s: Session, code: str, first: date, last: date) -> list[tuple[str, str, str, date]]:
    """(id, kind, title, day) of the supervision events held (已开展) between the days."""
    rows = s.execute(select(SupervisionEvent.id, SupervisionEvent.kind, SupervisionEvent.title,
                            SupervisionEvent.held_on)
                     .where(SupervisionEvent.jurisdiction_code == code, SupervisionEvent.status == EventStatus.HELD,
                            SupervisionEvent.held_on.between(first, last))
                     .order_by(SupervisionEvent.held_on))
    return [(i, k, t, d) for i, k, t, d in rows]


def event_attendance(s: Session, event_ids: list[str]) -> list[tuple[str, str]]:
    if not event_ids:
        return []
    return [(e, d) for e, d in s.execute(select(EventAttendance.event_id, EventAttendance.deputy_id)
                                         .where(EventAttendance.event_id.in_(event_ids)))]


def deputy_opinions(s: Session, code: str, first: date, last: date) -> list[tuple[str, str, date, str, str,
                                                                                   date | None]]:
    """(deputy id, content, event day, event title, status, closed on) of the opinions a deputy raised, either at
    an event between the days or closed between them."""
    rows = s.execute(select(Opinion.deputy_id, Opinion.content, SupervisionEvent.held_on, SupervisionEvent.title,
                            Opinion.status, Opinion.closed_on)
                     .join(SupervisionEvent, SupervisionEvent.id == Opinion.event_id)
                     .where(Opinion.jurisdiction_code == code, Opinion.deputy_id.is_not(None),
                            or_(SupervisionEvent.held_on.between(first, last), Opinion.closed_on.between(first, last)))
                     .order_by(SupervisionEvent.held_on, Opinion.created_at))
    return [(d, c, h, t, st, cl) for d, c, h, t, st, cl in rows if d is not None]


def deputy_proposals(s: Session, code: str, first: date, last: date) -> list[tuple[str, str, date]]:
    """(proposer, title, day) of the proposals from deputies (source 人大代表) received between the days; one
    without a date received counts on the day it was recorded."""
    start, end = datetime.combine(first, time.min), datetime.combine(last, time.max)
    rows = s.execute(select(Proposal.proposer, Proposal.title, Proposal.received_on, Proposal.created_at)
                     .where(Proposal.jurisdiction_code == code, Proposal.source == DEPUTY_SOURCE,
                            or_(Proposal.received_on.between(first, last),
                                and_(Proposal.received_on.is_(None), Proposal.created_at.between(start, end))))
                     .order_by(Proposal.received_on, Proposal.seq_no))
    return [(p or "", t, r or c.date()) for p, t, r, c in rows]


def deputy_round_days(s: Session, code: str, first: date, last: date) -> set[date]:
    """The days on which the deputies scored in a round that names no meeting (satisfaction rounds of 代表 entered in
    the 测评 pane) between the days."""
    days = s.execute(select(SatisfactionRound.held_on).distinct()
                     .where(SatisfactionRound.jurisdiction_code == code,
                            SatisfactionRound.respondents == DEPUTY_RESPONDENTS, SatisfactionRound.event_id.is_(None),
                            SatisfactionRound.held_on.between(first, last))).scalars()
    return {d for d in days if d is not None}


def scored_meetings(s: Session, code: str, first: date, last: date) -> set[str]:
    """The meetings (supervision events) at which the deputies scored a round recorded with its meeting."""
    ids = s.execute(select(SatisfactionRound.event_id).distinct()
                    .where(SatisfactionRound.jurisdiction_code == code,
                           SatisfactionRound.respondents == DEPUTY_RESPONDENTS, SatisfactionRound.event_id.is_not(None),
                           SatisfactionRound.held_on.between(first, last))).scalars()
    return {i for i in ids if i is not None}
