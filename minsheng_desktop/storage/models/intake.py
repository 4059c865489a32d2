"""征集 and 初选审定: proposals, candidates built from them, and each screening meeting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import UUID, Base, Synced


class Proposal(Synced, Base):
    """One proposal as it arrived (paper form, liaison station, deputy, online)."""

    __tablename__ = "proposal"
    year: Mapped[int] = mapped_column(Integer, index=True)  # the year it is proposed for
    seq_no: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20), default="其他", index=True)
    source: Mapped[str] = mapped_column(String(20), default="群众", index=True)
    proposer: Mapped[str] = mapped_column(String(60), default="")
    contact: Mapped[str] = mapped_column(String(60), default="")
    village: Mapped[str] = mapped_column(String(40), default="", index=True)
    received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    est_investment: Mapped[Decimal | None] = mapped_column(nullable=True)  # 万元
    beneficiaries: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="待处理", index=True)  # 采纳为候选/合并/暂缓/不予采纳
    reply_reason: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("proposal.id"), nullable=True)
    import_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)


class Candidate(Synced, Base):
    """候选项目: what the deputies will vote on."""

    __tablename__ = "candidate"
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, default="")  # 建设内容
    category: Mapped[str] = mapped_column(String(20), default="其他")
    est_investment: Mapped[Decimal | None] = mapped_column(nullable=True)  # 估算总投资（万元）
    fund_source: Mapped[str] = mapped_column(String(120), default="")
    responsible_unit: Mapped[str] = mapped_column(String(120), default="")
    lead_official: Mapped[str] = mapped_column(String(60), default="")
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)  # 完成时限
    ballot_order: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10), default="初选")  # 初选 / 已审定 / 未通过 / 撤回


class CandidateProposal(Synced, Base):
    """Which proposals a candidate came from."""

    __tablename__ = "candidate_proposal"
    __table_args__ = (UniqueConstraint("candidate_id", "proposal_id"),)
    candidate_id: Mapped[str] = mapped_column(UUID, ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[str] = mapped_column(UUID, ForeignKey("proposal.id"), index=True)


class ScreeningRecord(Synced, Base):
    """One meeting of the screening chain deciding on one candidate."""

    __tablename__ = "screening_record"
    candidate_id: Mapped[str] = mapped_column(UUID, ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    stage_order: Mapped[int] = mapped_column(Integer)
    stage_name: Mapped[str] = mapped_column(String(60))
    meeting_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    decision: Mapped[str] = mapped_column(String(20), default="通过")  # 通过 / 修改后通过 / 不通过
    notes: Mapped[str] = mapped_column(Text, default="")


class ProposalReply(Synced, Base):
    """What a proposer was told, and when: a reply slip printed or an SMS sheet made for the proposal."""

    __tablename__ = "proposal_reply"
    proposal_id: Mapped[str] = mapped_column(UUID, ForeignKey("proposal.id"), index=True)
    told_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(10), default="回执")  # 回执 / 短信
    stage: Mapped[str] = mapped_column(String(10), default="")  # the latest step told, e.g. 票决当选
    steps: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the keys of every step told
    message: Mapped[str] = mapped_column(Text, default="")
