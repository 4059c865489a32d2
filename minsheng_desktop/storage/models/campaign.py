"""回头看 campaigns (a supervision event of kind 回头看 with extra data) and 代表专班 supervision groups.

A campaign's projects are the event's ``event_project`` rows (from any earlier year) and the deputies taking part
are its ``event_attendance`` rows (履职积分 counts them there); a logged visit adds its deputies to them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import UUID, Base, Synced


class Campaign(Synced, Base):
    """The 回头看 data of one supervision event: the years looked back on and the entered totals."""

    __tablename__ = "campaign"
    event_id: Mapped[str] = mapped_column(UUID, ForeignKey("supervision_event.id", ondelete="CASCADE"), unique=True)
    look_back: Mapped[list[Any]] = mapped_column(default=list)  # [2024, 2025]
    deputies: Mapped[int | None] = mapped_column(Integer, nullable=True)
    beneficiaries: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 受益群众 户（人）
    sites: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 现场查看项目
    forums: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 座谈会
    opinions: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 意见建议 collected (not all keyed)
    questionnaires: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 问卷


class CampaignVisit(Synced, Base):
    """One entry of the visit log: a 走访, a 现场查看 or a 座谈会."""

    __tablename__ = "campaign_visit"
    campaign_id: Mapped[str] = mapped_column(UUID, ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # domain.vocabulary.VisitKind
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(120), default="")
    project_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("project.id"), nullable=True)
    deputy_ids: Mapped[list[Any]] = mapped_column(default=list)
    people_met: Mapped[int] = mapped_column(Integer, default=0)
    findings: Mapped[str] = mapped_column(Text, default="")


class CampaignOpinion(Synced, Base):
    """An opinion of the campaign's 问题清单: the visit it came from and when it was handed to the government."""

    __tablename__ = "campaign_opinion"
    opinion_id: Mapped[str] = mapped_column(UUID, ForeignKey("opinion.id", ondelete="CASCADE"), unique=True)
    campaign_id: Mapped[str] = mapped_column(UUID, ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("campaign_visit.id", ondelete="SET NULL"),
                                                 nullable=True)
    handed_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class SupervisionGroup(Synced, Base):
    """代表专班: 一位常委会领导、一项重点工作、一个代表专班."""

    __tablename__ = "supervision_group"
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(60))
    leader_name: Mapped[str] = mapped_column(String(60))
    leader_title: Mapped[str] = mapped_column(String(60), default="")
    focus: Mapped[str] = mapped_column(String(200))  # 重点工作


class GroupMember(Synced, Base):
    __tablename__ = "group_member"
    __table_args__ = (UniqueConstraint("group_id", "deputy_id"),)
    group_id: Mapped[str] = mapped_column(UUID, ForeignKey("supervision_group.id", ondelete="CASCADE"), index=True)
    deputy_id: Mapped[str] = mapped_column(UUID, ForeignKey("deputy.id"))


class GroupProject(Synced, Base):
    __tablename__ = "group_project"
    __table_args__ = (UniqueConstraint("group_id", "project_id"),)
    group_id: Mapped[str] = mapped_column(UUID, ForeignKey("supervision_group.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[str] = mapped_column(UUID, ForeignKey("project.id"))
