"""封存: the signed statement behind every published vote and satisfaction round (travels to the county)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import UUID, Base, Synced


class Seal(Synced, Base):
    """One sealed result: the canonical statement, its Ed25519 signature, and the printed seal code."""

    __tablename__ = "seal"
    kind: Mapped[str] = mapped_column(String(8))  # vote / round
    entity_id: Mapped[str] = mapped_column(UUID, unique=True)  # vote_session.id or satisfaction_round.id
    statement: Mapped[str] = mapped_column(Text)  # canonical JSON, exactly the bytes that were signed
    signature: Mapped[str] = mapped_column(String(100))  # base64 Ed25519 signature of the statement
    public_key: Mapped[str] = mapped_column(String(64))  # base64 key it was signed with
    code: Mapped[str] = mapped_column(String(30))  # 20 digits in groups of four, printed on the reports
