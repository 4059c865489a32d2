"""扫码表决: phone rounds (of a vote session, or of a batch of satisfaction scorings) and their one-time tokens
(stored as hashes, never linked to anyone).

Local to this computer: neither table travels upward (storage.exchange_repo.NOT_EXPORTED). What the hall did is in
the ballots themselves (entered_by 手机) and the audit log (how many slips were printed, cancelled and used)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import CODE, UUID, Base, new_id, utcnow


class PhoneRound(Base):
    """Phone voting in one vote session (kind vote: target is the session) or one scoring batch (kind score: target
    is its first satisfaction round, subjects all of them): opened, slips printed, slips not handed out, closed."""

    __tablename__ = "phone_round"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    jurisdiction_code: Mapped[str] = mapped_column(CODE, index=True)
    kind: Mapped[str] = mapped_column(String(6), default="vote")  # vote / score
    target_id: Mapped[str] = mapped_column(UUID, index=True)
    subjects: Mapped[list[Any]] = mapped_column(JSON, default=list)
    printed: Mapped[int] = mapped_column(Integer, default=0)
    cancelled: Mapped[int] = mapped_column(Integer, default=0)  # slips not handed out, counted when closing
    is_open: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PhoneToken(Base):
    """One slip's token: only its SHA-256 is kept. Used once; the receipt answers a phone that asks again."""

    __tablename__ = "phone_token"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    jurisdiction_code: Mapped[str] = mapped_column(CODE, index=True)
    round_id: Mapped[str] = mapped_column(UUID, ForeignKey("phone_round.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    nonce_hash: Mapped[str] = mapped_column(String(64), default="")  # of the page that voted with it
    receipt: Mapped[str] = mapped_column(String(16), default="")
