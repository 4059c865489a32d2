"""The schema for the whole year. Every row that is merged upward has a UUID key and its jurisdiction code."""

from .base import Base, new_id
from .campaign import Campaign, CampaignOpinion, CampaignVisit, GroupMember, GroupProject, SupervisionGroup
from .core import Attachment, AuditEntry, Deputy, Jurisdiction, Setting, Year
from .exchange import PackageLog, TownKey
from .implementation import Adjustment, Milestone, ProgressReport, Project
from .intake import Candidate, CandidateProposal, Proposal, ProposalReply, ScreeningRecord
from .phone import PhoneRound, PhoneToken
from .scoring import FollowUp, SatisfactionBallot, SatisfactionRound
from .seal import Seal
from .supervision import AgendaItem, EventAttendance, EventProject, Opinion, SupervisionEvent
from .vote import Attendance, BallotRecord, PaperTally, SessionCandidate, SessionOfficer, VoteSession

__all__ = [
    "Adjustment", "AgendaItem", "Attachment", "Attendance", "AuditEntry", "BallotRecord", "Base", "Campaign",
    "CampaignOpinion", "CampaignVisit", "Candidate", "GroupMember", "GroupProject", "SupervisionGroup",
    "CandidateProposal", "Deputy", "EventAttendance", "EventProject", "FollowUp", "Jurisdiction", "Milestone",
    "Opinion", "PaperTally", "ProgressReport", "Project", "Proposal", "ProposalReply", "SatisfactionBallot", "SatisfactionRound",
    "ScreeningRecord", "SessionCandidate", "SessionOfficer", "Setting", "SupervisionEvent", "VoteSession", "Year",
    "new_id", "PackageLog", "PhoneRound", "PhoneToken", "Seal", "TownKey",
]
