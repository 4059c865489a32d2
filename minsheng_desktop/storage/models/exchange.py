"""Upward exchange bookkeeping: every package merged, and each town's pinned signing key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import CODE, UUID, Base, new_id, utcnow


class TownKey(Base):
    """The public key a town's packages are signed with, pinned on its first package."""

    __tablename__ = "town_key"
    code: Mapped[str] = mapped_column(CODE, primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw Ed25519 key
    fingerprint: Mapped[str] = mapped_column(String(40))
    pinned_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PackageLog(Base):
    """One package merged (or refused) into this database."""

    __tablename__ = "package_log"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    sender_code: Mapped[str] = mapped_column(CODE, index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    codes: Mapped[Any] = mapped_column(JSON, default=list)  # the jurisdictions whose rows it carried
    status: Mapped[str] = mapped_column(String(10))  # merged / unchanged / refused
    reason: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(200), default="")
    merged_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    audit_length: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the town's audit chain, as sent
    audit_head: Mapped[str] = mapped_column(String(64), default="")
