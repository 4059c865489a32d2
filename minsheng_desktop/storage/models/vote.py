"""票决: vote sessions, sign-in, officers, ballot-by-ballot records and paper totals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import UUID, Base, Synced, utcnow


class VoteSession(Synced, Base):
    """One vote. Its rules are frozen with it when voting starts; a sealed result is never edited."""

    __tablename__ = "vote_session"
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(40), default="乡镇人民代表大会")  # or 街道议事代表会议
    held_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    count_mode: Mapped[str] = mapped_column(String(10), default="ballots")  # ballots / totals
    deputies_total: Mapped[int] = mapped_column(Integer, default=0)
    deputies_present: Mapped[int] = mapped_column(Integer, default=0)
    ballots_issued: Mapped[int] = mapped_column(Integer, default=0)
    ballots_collected: Mapped[int | None] = mapped_column(Integer, nullable=True)  # counted from the box
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft/signin/counting/sealed/void
    previous_session_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("vote_session.id"), nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # 分团计票: delegation → {"issued": n, "collected": m or None}, in roster order; None when counted whole.
    delegations: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    sealed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    seal_hash: Mapped[str] = mapped_column(String(64), default="")


class SessionCandidate(Synced, Base):
    __tablename__ = "session_candidate"
    __table_args__ = (UniqueConstraint("session_id", "candidate_id"),)
    session_id: Mapped[str] = mapped_column(UUID, ForeignKey("vote_session.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[str] = mapped_column(UUID, ForeignKey("candidate.id"))
    ballot_order: Mapped[int] = mapped_column(Integer)


class Attendance(Synced, Base):
    """签到: a deputy present at a vote session."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "deputy_id"),)
    session_id: Mapped[str] = mapped_column(UUID, ForeignKey("vote_session.id", ondelete="CASCADE"), index=True)
    deputy_id: Mapped[str] = mapped_column(UUID, ForeignKey("deputy.id"))
    signed_in_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    late: Mapped[bool] = mapped_column(Boolean, default=False)


class SessionOfficer(Synced, Base):
    """计票人 / 监票人 / 总监票人 approved by the meeting."""

    __tablename__ = "session_officer"
    session_id: Mapped[str] = mapped_column(UUID, ForeignKey("vote_session.id", ondelete="CASCADE"), index=True)
    deputy_id: Mapped[str] = mapped_column(UUID, ForeignKey("deputy.id"))
    role: Mapped[str] = mapped_column(String(10))


class BallotRecord(Synced, Base):
    """One paper ballot as read out (唱票). Withdrawing one is a recorded act, never a delete."""

    __tablename__ = "ballot"
    # ix_ballot_live: the console counts a session's live ballots (and a delegation's) from the index alone
    __table_args__ = (UniqueConstraint("session_id", "seq"), Index("ix_ballot_live", "session_id", "withdrawn",
                                                                    "delegation"))
    session_id: Mapped[str] = mapped_column(UUID, ForeignKey("vote_session.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    marks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # candidate id -> Y/N/A
    spoiled: Mapped[bool] = mapped_column(Boolean, default=False)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    delegation: Mapped[str] = mapped_column(String(40), default="")  # 分团计票: its 代表团
    entered_by: Mapped[str] = mapped_column(String(40), default="")


class PaperTally(Synced, Base):
    """Paper totals entered by one teller; two entries must agree before they are accepted."""

    __tablename__ = "paper_tally"
    session_id: Mapped[str] = mapped_column(UUID, ForeignKey("vote_session.id"), index=True)
    entry_no: Mapped[int] = mapped_column(Integer)  # 1 or 2
    delegation: Mapped[str] = mapped_column(String(40), default="")  # 分团计票: its 代表团
    teller: Mapped[str] = mapped_column(String(40), default="")
    ballots_collected: Mapped[int] = mapped_column(Integer)
    invalid_ballots: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # candidate id -> {Y,N,A}
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
