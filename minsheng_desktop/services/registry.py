"""Every service over one open database, each built (and its module imported) the first time it is used.

The home page needs two of them; building the rest (and importing their modules, reports and all) waits
until the secretary opens their panes, so a cold start does not import eleven modules it does not show (issue 13)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..clock import SYSTEM, Clock

if TYPE_CHECKING:
    from ..storage.db import Database
    from .assessment_service import AssessmentService
    from .backup_service import BackupService
    from .dashboard_service import DashboardService
    from .intake_service import IntakeService
    from .merge_service import MergeService
    from .overview_service import OverviewService
    from .project_service import ProjectService
    from .proposal_excel import ProposalExcelService
    from .report_service import ReportService
    from .roster_service import RosterService
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
    def reports(self) -> ReportService:
        from .report_service import ReportService

        return ReportService(self.db, self.clock)

    @cached_property
    def vote(self) -> VoteService:
        from .vote_service import VoteService

        return VoteService(self.db, self.clock)

    @cached_property
    def projects(self) -> ProjectService:
        from .project_service import ProjectService

        return ProjectService(self.db, self.clock)

    @cached_property
    def supervision(self) -> SupervisionService:
        from .supervision_service import SupervisionService

        return SupervisionService(self.db, self.clock)

    @cached_property
    def scoring(self) -> ScoringService:
        from .scoring_service import ScoringService

        return ScoringService(self.db, self.clock)

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
