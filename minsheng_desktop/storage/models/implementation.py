"""实施: the chosen projects, their milestones, progress reports and recorded adjustments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import UUID, Base, Synced


class Project(Synced, Base):
    __tablename__ = "project"
    year: Mapped[int] = mapped_column(Integer, index=True)
    candidate_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("candidate.id"), nullable=True)
    session_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("vote_session.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20), default="其他")
    responsible_unit: Mapped[str] = mapped_column(String(120), default="")
    lead_official: Mapped[str] = mapped_column(String(60), default="")
    target: Mapped[str] = mapped_column(Text, default="")  # 目标任务
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    budget: Mapped[Decimal | None] = mapped_column(nullable=True)  # 万元
    funds_in_place: Mapped[Decimal | None] = mapped_column(nullable=True)
    spent: Mapped[Decimal | None] = mapped_column(nullable=True)
    status: Mapped[str] = mapped_column(String(6), default="未开工")  # 未开工/推进中/已完成/滞后/调整/终止
    percent: Mapped[int] = mapped_column(Integer, default=0)
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    carried_from_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("project.id"), nullable=True)


class Milestone(Synced, Base):
    __tablename__ = "milestone"
    project_id: Mapped[str] = mapped_column(UUID, ForeignKey("project.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(120))
    planned_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    actual_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class ProgressReport(Synced, Base):
    __tablename__ = "progress_report"
    project_id: Mapped[str] = mapped_column(UUID, ForeignKey("project.id", ondelete="CASCADE"), index=True)
    reported_on: Mapped[date] = mapped_column(Date)
    percent: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    reporter: Mapped[str] = mapped_column(String(60), default="")


class Adjustment(Synced, Base):
    """调整 / 延期 / 终止 of a voted project: changed only through a recorded decision."""

    __tablename__ = "adjustment"
    project_id: Mapped[str] = mapped_column(UUID, ForeignKey("project.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(4))
    requested_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    decision_body: Mapped[str] = mapped_column(String(60), default="")
    decided_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[str] = mapped_column(String(20), default="待决定")  # 待决定 / 同意 / 不同意
    new_deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    new_target: Mapped[str] = mapped_column(Text, default="")  # 调整: the target as adjusted
