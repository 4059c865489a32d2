"""Every service over one open database, each built (and its module imported) the first time it is used.

The home page needs two of them; building the rest (and importing their modules, reports and all) waits
until the secretary opens their panes, so a cold start does not import eleven modules it does not show (issue 13)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..clock import SYSTEM, Clock

if TYPE_CHECKING:
    from ..storage.db import Database
    from .agenda_service import AgendaService
    from .assessment_service import AssessmentService
    from .backup_service import BackupService
    from .campaign_service import CampaignService
    from .dashboard_service import DashboardService
    from .delegation_service import DelegationService
    from .group_service import GroupService
    from .intake_service import IntakeService
    from .merge_service import MergeService
    from .overview_service import OverviewService
    from .phone_vote_service import PhoneVoteService
    from .points_service import PointsService
    from .project_service import ProjectService
    from .proposal_excel import ProposalExcelService
    from .report_service import ReportService
    from .roster_service import RosterService
    from .scan_service import ScanService
    from .scoring_service import ScoringService
    from .screening_service import ScreeningService
    from .settings_service import SettingsService
    from .summary_service import SummaryService
    from .supervision_service import SupervisionService
    from .vote_service import VoteService
    from .wording_service import WordingService


class Services:
    """The services of one database, all on one clock (the panes and dialogs take their dates from it too)."""

    def __init__(self, db: Database, clock: Clock | None = None):
        self.db = db
        self.clock = clock or SYSTEM

    @cached_property
    def settings(self) -> SettingsService:
        from .settings_service import SettingsService

        return SettingsService(self.db, self.clock)

    @cached_property
    def roster(self) -> RosterService:
        from .roster_service import RosterService

        return RosterService(self.db, self.clock)

    @cached_property
    def overview(self) -> OverviewService:
        from .overview_service import OverviewService

        return OverviewService(self.db, self.clock)

    @cached_property
    def intake(self) -> IntakeService:
        from .intake_service import IntakeService

        return IntakeService(self.db)

    @cached_property
    def excel(self) -> ProposalExcelService:
        from .proposal_excel import ProposalExcelService

        return ProposalExcelService(self.db)

    @cached_property
    def screening(self) -> ScreeningService:
        from .screening_service import ScreeningService

        return ScreeningService(self.db)

    @cached_property
    def scan(self) -> ScanService:
        """选票扫描计票 over the same vote service as the console (one running count)."""
        from .scan_service import ScanService

        return ScanService(self.db, self.clock, votes=self.vote)

    @cached_property
    def reports(self) -> ReportService:
        from .report_service import ReportService

        return ReportService(self.db, self.clock)

    @cached_property
    def vote(self) -> VoteService:
        from .vote_service import VoteService

        return VoteService(self.db, self.clock)

    @cached_property
    def delegations(self) -> DelegationService:
        from .delegation_service import DelegationService

        return DelegationService(self.db, self.clock, self.vote)

    @cached_property
    def phone(self) -> PhoneVoteService:
        from .phone_score_service import PhoneScoreService
        from .phone_vote_service import PhoneVoteService

        return PhoneVoteService(self.db, self.vote, PhoneScoreService(self.db, self.scoring))

    @cached_property
    def projects(self) -> ProjectService:
        from .project_service import ProjectService

        return ProjectService(self.db, self.clock)

    @cached_property
    def supervision(self) -> SupervisionService:
        from .supervision_service import SupervisionService

        return SupervisionService(self.db, self.clock)

    @cached_property
    def points(self) -> PointsService:
        from .points_service import PointsService

        return PointsService(self.db, self.clock)

    @cached_property
    def campaigns(self) -> CampaignService:
        from .campaign_service import CampaignService

        return CampaignService(self.db, self.clock)

    @cached_property
    def groups(self) -> GroupService:
        from .group_service import GroupService

        return GroupService(self.db, self.clock)

    @cached_property
    def scoring(self) -> ScoringService:
        from .scoring_service import ScoringService

        return ScoringService(self.db, self.clock)

    @cached_property
    def agenda(self) -> AgendaService:
        from .agenda_service import AgendaService

        return AgendaService(self.db, self.clock)

    @cached_property
    def summary(self) -> SummaryService:
        from .summary_service import SummaryService

        return SummaryService(self.db)

    @cached_property
    def dashboard(self) -> DashboardService:
        from .dashboard_service import DashboardService

        return DashboardService(self.db, self.clock)

    @cached_property
    def assessment(self) -> AssessmentService:
        from .assessment_service import AssessmentService

        return AssessmentService(self.db, self.clock)

    @cached_property
    def merge(self) -> MergeService:
        from .merge_service import MergeService

        return MergeService(self.db)

    @cached_property
    def wording(self) -> WordingService:
        from .wording_service import WordingService

        return WordingService(self.db)

    @cached_property
    def backups(self) -> BackupService:
        from .backup_service import BackupService

        return BackupService(self.db)


SERVICE_NAMES = tuple(name for name, value in vars(Services).items() if isinstance(value, cached_property))
