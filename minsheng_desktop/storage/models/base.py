"""Declarative base, naming convention (stable names for migrations) and the synced-row mixin."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, MetaData, Numeric, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ...clock import SYSTEM

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """When a row was written: the machine's time (rows are ordered by it), whatever day the app is pinned to."""
    return SYSTEM.utcnow()


UUID = String(36)
CODE = String(12)
MONEY = Numeric(14, 2)  # 万元, two decimals


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, Decimal: MONEY}


class Synced:
    """A row that travels to the county: UUID key, owning jurisdiction, timestamps."""

    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    jurisdiction_code: Mapped[str] = mapped_column(CODE, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
