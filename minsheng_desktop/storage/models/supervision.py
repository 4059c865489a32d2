"""监督: the supervision calendar, who took part, and opinions tracked to closure."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import UUID, Base, Synced


class SupervisionEvent(Synced, Base):
    __tablename__ = "supervision_event"
    year: Mapped[int] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(10))  # 年初问计划 / 年中问进度 / 年底问效果 / 回头看 / 季会 / 视察 ...
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(6), default="计划")  # 计划 / 已开展 / 取消
    notes: Mapped[str] = mapped_column(Text, default="")


class EventProject(Synced, Base):
    __tablename__ = "event_project"
    __table_args__ = (UniqueConstraint("event_id", "project_id"),)
    event_id: Mapped[str] = mapped_column(UUID, ForeignKey("supervision_event.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[str] = mapped_column(UUID, ForeignKey("project.id"))


class EventAttendance(Synced, Base):
    __tablename__ = "event_attendance"
    __table_args__ = (UniqueConstraint("event_id", "deputy_id"),)
    event_id: Mapped[str] = mapped_column(UUID, ForeignKey("supervision_event.id", ondelete="CASCADE"), index=True)
    deputy_id: Mapped[str] = mapped_column(UUID, ForeignKey("deputy.id"), index=True)


class AgendaItem(Synced, Base):
    """One report on a meeting's agenda (季会, 年中会议 …): a 专项工作, a unit's work, the projects' progress or the
    handling of earlier 审议意见; any item can be scored (``satisfaction_round.agenda_item_id``)."""

    __tablename__ = "agenda_item"
    event_id: Mapped[str] = mapped_column(UUID, ForeignKey("supervision_event.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[str] = mapped_column(String(10))  # 专项工作 / 单位工作 / 项目推进情况 / 审议意见办理情况
    title: Mapped[str] = mapped_column(String(200))
    reporter: Mapped[str] = mapped_column(String(120), default="")  # 报告单位或报告人
    project_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("project.id"), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Opinion(Synced, Base):
    """意见建议 raised at an event, or 审议意见 a meeting adopts on an agenda item, tracked until closed: sent to the
    government (``sent_on``), its handling reported (``feedback``, ``reported_on``), deliberated again at a later
    meeting (``review_item_id``)."""

    __tablename__ = "opinion"
    event_id: Mapped[str] = mapped_column(UUID, ForeignKey("supervision_event.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("project.id"), nullable=True)
    deputy_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("deputy.id"), nullable=True)
    content: Mapped[str] = mapped_column(Text)
    responsible_unit: Mapped[str] = mapped_column(String(120), default="")
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(6), default="办理中")  # 办理中 / 已办结
    feedback: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    kind: Mapped[str] = mapped_column(String(6), default="意见建议", server_default="意见建议")  # / 审议意见
    agenda_item_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("agenda_item.id"), nullable=True, index=True)
    sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reported_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_item_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("agenda_item.id"), nullable=True, index=True)
