"""测评: satisfaction rounds (deputies' or residents' 回头看), their ballots, and follow-ups."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import UUID, Base, Synced


class SatisfactionRound(Synced, Base):
    """One scoring of one subject: a project (rounds for all projects at once share ``batch``) or a meeting's agenda
    item (a 专项工作, a unit's work, the handling of 审议意见); ``event_id`` is the meeting it was held at."""

    __tablename__ = "satisfaction_round"
    year: Mapped[int] = mapped_column(Integer, index=True)
    project_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("project.id"), index=True, nullable=True)
    agenda_item_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("agenda_item.id"), index=True, nullable=True)
    event_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("supervision_event.id"), index=True, nullable=True)
    batch: Mapped[str] = mapped_column(String(80), default="")
    respondents: Mapped[str] = mapped_column(String(6), default="代表")  # 代表 / 群众
    method: Mapped[str] = mapped_column(String(16), default="three_level")
    held_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    entry_mode: Mapped[str] = mapped_column(String(10), default="totals")  # ballots / totals
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    verdict: Mapped[str] = mapped_column(String(6), default="")
    satisfied_rate: Mapped[float | None] = mapped_column(Float, nullable=True)
    satisfied_or_basic_rate: Mapped[float | None] = mapped_column(Float, nullable=True)
    needs_follow_up: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class SatisfactionBallot(Synced, Base):
    __tablename__ = "satisfaction_ballot"
    round_id: Mapped[str] = mapped_column(UUID, ForeignKey("satisfaction_round.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    choice: Mapped[str] = mapped_column(String(6), default="")  # 满意 / 基本满意 / 不满意 / 弃权 / 无效
    score: Mapped[float | None] = mapped_column(Float, nullable=True)


class FollowUp(Synced, Base):
    """政府说明 → 整改 → 再测评 for a subject (a project or an agenda item) judged 不满意 or below the set rate."""

    __tablename__ = "follow_up"
    project_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("project.id"), index=True, nullable=True)
    agenda_item_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("agenda_item.id"), index=True, nullable=True)
    round_id: Mapped[str] = mapped_column(UUID, ForeignKey("satisfaction_round.id"), index=True)
    stage: Mapped[str] = mapped_column(String(6), default="政府说明")  # 政府说明 / 整改 / 再测评 / 已办结
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    explanation: Mapped[str] = mapped_column(Text, default="")
    rectification: Mapped[str] = mapped_column(Text, default="")
    rescore_round_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("satisfaction_round.id"), nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
