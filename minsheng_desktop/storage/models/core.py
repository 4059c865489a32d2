"""Jurisdiction, settings, years, the deputies roster, attachments and the append-only audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import CODE, UUID, Base, Synced, utcnow


class Jurisdiction(Base):
    """A town, street or county. ``is_local`` marks the one this database file belongs to."""

    __tablename__ = "jurisdiction"
    code: Mapped[str] = mapped_column(CODE, primary_key=True)  # 行政区划代码
    name: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(8))  # 乡镇 / 街道 / 县区 / 市
    parent_code: Mapped[str | None] = mapped_column(CODE, nullable=True)
    parent_name: Mapped[str] = mapped_column(String(60), default="")
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    congress_name: Mapped[str] = mapped_column(String(80), default="")  # e.g. 清溪镇第十八届人民代表大会
    contact: Mapped[str] = mapped_column(String(80), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Setting(Base):
    """Per-town policy (vote rules, categories, screening chain...), stored as JSON so it travels."""

    __tablename__ = "setting"
    jurisdiction_code: Mapped[str] = mapped_column(CODE, ForeignKey("jurisdiction.code"), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[Any] = mapped_column(Text)  # JSON text, read by settings_repo
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Year(Synced, Base):
    """One working year (the year the projects are carried out)."""

    __tablename__ = "year"
    __table_args__ = (UniqueConstraint("jurisdiction_code", "year"),)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(80), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Deputy(Synced, Base):
    """代表名册: one deputy, or a member of a street council (议事代表, or a 人大代表 sitting as a fixed member)."""

    __tablename__ = "deputy"
    name: Mapped[str] = mapped_column(String(40), index=True)
    gender: Mapped[str] = mapped_column(String(2), default="")  # 男 / 女
    group_name: Mapped[str] = mapped_column(String(40), default="")  # 代表小组 / 代表团
    phone: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(8), default="人大代表", server_default="人大代表")  # domain MemberKind
    sector: Mapped[str] = mapped_column(String(40), default="", server_default="")  # 界别/职业, where given
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # 在任
    retired_on: Mapped[str] = mapped_column(String(10), default="")
    pinyin_initials: Mapped[str] = mapped_column(String(20), default="", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Attachment(Synced, Base):
    """A photo or scan kept inside the database file so the file stays portable."""

    __tablename__ = "attachment"
    owner_type: Mapped[str] = mapped_column(String(30), index=True)  # proposal / progress_report / ...
    owner_id: Mapped[str] = mapped_column(UUID, index=True)
    filename: Mapped[str] = mapped_column(String(200))
    mime_type: Mapped[str] = mapped_column(String(80), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AuditEntry(Base):
    """Append-only, hash-chained log of every change that matters (database triggers refuse edits)."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(UUID, unique=True)
    jurisdiction_code: Mapped[str] = mapped_column(CODE, index=True)
    at: Mapped[str] = mapped_column(String(32))  # ISO timestamp, part of the hash
    actor: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
