"""The main window: a left navigation over the panes, the working year, and a status line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..clock import Clock
from ..services.changes import SETTINGS, YEAR, Changes
from .events import EventBus
from .feedback import show_error
from .tasks import TaskRunner

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window is first painted
    from ..services.intake_service import IntakeService
    from ..services.merge_service import MergeService
    from ..services.overview_service import OverviewService
    from ..services.project_service import ProjectService
    from ..services.proposal_excel import ProposalExcelService
    from ..services.report_service import ReportService
    from ..services.roster_service import RosterService
    from ..services.scoring_service import ScoringService
    from ..services.screening_service import ScreeningService
    from ..services.settings_service import SettingsService
    from ..services.summary_service import SummaryService
    from ..services.supervision_service import SupervisionService
    from ..services.vote_service import VoteService


@dataclass(frozen=True)
class Services:
    settings: SettingsService
    roster: RosterService
    overview: OverviewService
    intake: IntakeService
    excel: ProposalExcelService
    screening: ScreeningService
    reports: ReportService
    vote: VoteService
    projects: ProjectService
    supervision: SupervisionService
    scoring: ScoringService
    summary: SummaryService
    merge: MergeService
    clock: Clock  # the one every service above was built with; panes and dialogs take their dates from it


PANE_NAMES = ("首页", "征集", "候选项目", "票决", "实施", "监督", "测评", "汇总", "设置")


def _home(window: MainWindow) -> QWidget:
    from .panes.home_pane import HomePane

    return HomePane(window.services.overview)


def _intake(window: MainWindow) -> QWidget:
    from .panes.intake_pane import IntakePane

    sv = window.services
    return IntakePane(sv.intake, sv.excel, sv.reports, window.bus, window.tasks, clock=sv.clock)


def _candidates(window: MainWindow) -> QWidget:
    from .panes.candidates_pane import CandidatesPane

    sv = window.services
    return CandidatesPane(sv.screening, sv.intake, sv.reports, window.bus, clock=sv.clock)


def _vote(window: MainWindow) -> QWidget:
    from .panes.vote_pane import VotePane

    sv = window.services
    return VotePane(sv.vote, sv.roster, sv.reports, window.bus, clock=sv.clock)


def _projects(window: MainWindow) -> QWidget:
    from .panes.projects_pane import ProjectsPane

    sv = window.services
    town = sv.settings.load().town
    body = f"{town.name}人大常委会" if town.level in ("县区", "市") else f"{town.name}人民代表大会"
    return ProjectsPane(sv.projects, sv.reports, window.bus, body, clock=sv.clock)


def _supervision(window: MainWindow) -> QWidget:
    from .panes.supervision_pane import SupervisionPane

    sv = window.services
    return SupervisionPane(sv.supervision, sv.projects, sv.roster, sv.reports, window.bus, clock=sv.clock)


def _scoring(window: MainWindow) -> QWidget:
    from .panes.scoring_pane import ScoringPane

    sv = window.services
    return ScoringPane(sv.scoring, sv.projects, sv.reports, window.bus, clock=sv.clock)


def _summary(window: MainWindow) -> QWidget:
    from .panes.summary_pane import SummaryPane

    sv = window.services
    return SummaryPane(sv.summary, sv.merge, sv.reports, sv.summary.db, window.bus, window.tasks)


def _settings(window: MainWindow) -> QWidget:
    from .panes.settings_pane import SettingsPane

    return SettingsPane(window.services.settings, window.services.roster, window.bus, window.tasks)


PANE_FACTORIES: dict[str, Callable[[MainWindow], QWidget]] = {
    "首页": _home,
    "征集": _intake,
    "候选项目": _candidates,
    "票决": _vote,
    "实施": _projects,
    "监督": _supervision,
    "测评": _scoring,
    "汇总": _summary,
    "设置": _settings,
}


class MainWindow(QMainWindow):
    """Built and painted before the database opens; ``attach`` then brings in the services and the panes.

    Each pane is created the first time it is shown, and refreshed only when shown after a change.
    """

    def __init__(self, bus: EventBus | None = None, tasks: TaskRunner | None = None):
        super().__init__()
        self.bus = bus or EventBus(self)
        self.tasks = tasks or TaskRunner()
        self.services: Services | None = None
        self.db_label = ""
        self.year: int | None = None
        self._stale: set[int] = set()
        self._panes: dict[int, QWidget] = {}
        self._build()
        self.bus.changed.connect(self._on_changed)
        self._restore_geometry()

    @property
    def panes(self) -> list[tuple[str, QWidget]]:
        """Every pane, created on demand (tests and screenshots walk them all)."""
        return [(name, self._ensure_pane(i)) for i, name in enumerate(PANE_NAMES)]

    def _build(self) -> None:
        root = QWidget()
        row = QHBoxLayout(root)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        side = QWidget()
        side.setFixedWidth(200)
        side.setObjectName("side")
        col = QVBoxLayout(side)
        col.setContentsMargins(0, 0, 0, 10)
        col.setSpacing(0)
        brand = QLabel(APP_NAME)
        brand.setObjectName("brand")
        self.town_label = QLabel("")
        self.town_label.setObjectName("brandSub")
        col.addWidget(brand)
        col.addWidget(self.town_label)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        for name in PANE_NAMES:
            self.nav.addItem(self.tr(name))
            waiting = QLabel(self.tr("正在打开数据库……"))
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            waiting.setObjectName("paneNote")
            self.stack.addWidget(waiting)
        col.addWidget(self.nav, 1)
        year_row = QHBoxLayout()
        year_row.setContentsMargins(18, 0, 14, 0)
        label = QLabel(self.tr("年度"))
        label.setStyleSheet("color: #9fb0c4;")
        self.year_box = QComboBox()
        year_row.addWidget(label)
        year_row.addWidget(self.year_box, 1)
        col.addLayout(year_row)
        row.addWidget(side)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(root)
        self.nav.currentRowChanged.connect(self._on_nav_changed)
        self.year_box.activated.connect(self._on_year_chosen)
        self.resize(1280, 800)

    def attach(self, services: Services, db_label: str = "") -> None:
        """Bring in the open database's services, load the town and year, show the home page."""
        self.services, self.db_label = services, db_label
        self._show_town(services.settings.load())
        if self.nav.currentRow() == 0:
            self._on_nav_changed(0)
        else:
            self.nav.setCurrentRow(0)

    def _ensure_pane(self, row: int) -> QWidget:
        if row not in self._panes:
            if self.services is None:
                raise RuntimeError("attach() the services before showing a pane")
            pane = PANE_FACTORIES[PANE_NAMES[row]](self)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, pane)
            self.stack.removeWidget(old)
            old.deleteLater()
            self._panes[row] = pane
            self._stale.add(row)
        return self._panes[row]

    def pane(self, name: str) -> QWidget:
        return self._ensure_pane(PANE_NAMES.index(name))

    def _show_town(self, s) -> None:
        self.town_label.setText(f"{s.town.name}（{s.town.code}）")
        self.setWindowTitle(f"{APP_NAME} — {s.town.name}" + (f" — {self.db_label}" if self.db_label else ""))
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItems([str(y) for y in s.years])
        self.year_box.setCurrentText(str(s.current_year))
        self.year_box.blockSignals(False)
        if self.year != s.current_year:
            self.year = s.current_year
            self._stale = set(range(len(PANE_NAMES)))
            self.bus.year_selected.emit(self.year)

    def _on_nav_changed(self, row: int) -> None:
        if self.services is not None and row >= 0:
            self._ensure_pane(row)
        self.stack.setCurrentIndex(row)
        self._refresh_if_stale(row)

    def _refresh_if_stale(self, row: int) -> None:
        if row not in self._stale or self.year is None or row not in self._panes:
            return
        self._stale.discard(row)
        try:
            self._panes[row].set_year(self.year)
        except Exception as exc:
            show_error(self, exc, self.tr("无法显示"))

    def _on_year_chosen(self, _index: int) -> None:
        if self.services is None:
            return
        try:
            self.bus.publish(self.services.settings.set_current_year(int(self.year_box.currentText())))
        except Exception as exc:
            show_error(self, exc)

    def _on_changed(self, changes: Changes) -> None:
        if changes.message:
            self.statusBar().showMessage(changes.message, 6000)
        if self.services is None:
            return
        if changes.touches(YEAR, SETTINGS):
            self._show_town(self.services.settings.load())
        self._stale = set(range(len(PANE_NAMES)))
        self._refresh_if_stale(self.stack.currentIndex())

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
