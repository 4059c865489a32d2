"""The main window: a left navigation over the panes, the working year, a status line, the start page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..domain.terms import TOWN_TERMS, terms_for
from ..services.changes import SETTINGS, YEAR, Changes
from . import screen_fit
from .events import EventBus
from .feedback import attempt, publish_or_warn
from .tasks import TaskRunner
from .toast import Toast

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window is first painted
    from ..services.home_data import HomeData
    from ..services.registry import Services
    from .panes.home_pane import HomePane


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
    return CandidatesPane(sv.screening, sv.intake, sv.reports, window.bus, clock=sv.clock, tasks=window.tasks)


def _vote(window: MainWindow) -> QWidget:
    from .panes.vote_pane import VotePane

    sv = window.services
    return VotePane(sv.vote, sv.roster, sv.reports, window.bus, clock=sv.clock, tasks=window.tasks,
                    delegations=sv.delegations, phone=sv.phone)


def _projects(window: MainWindow) -> QWidget:
    from .panes.projects_pane import ProjectsPane

    sv = window.services
    town = sv.settings.load().town
    body = terms_for(town.level).decider_of(town.name)
    return ProjectsPane(sv.projects, sv.reports, window.bus, body, clock=sv.clock, tasks=window.tasks)


def _supervision(window: MainWindow) -> QWidget:
    from .panes.supervision import add_tabs
    from .panes.supervision_pane import SupervisionPane

    sv = window.services
    pane = SupervisionPane(sv.supervision, sv.projects, sv.roster, sv.reports, window.bus, clock=sv.clock,
                           tasks=window.tasks, points=sv.points, agenda=sv.agenda, scoring=sv.scoring)
    add_tabs(pane, sv.campaigns, sv.groups, sv.supervision, sv.projects, sv.roster)
    return pane


def _scoring(window: MainWindow) -> QWidget:
    from .panes.scoring_pane import ScoringPane

    sv = window.services
    return ScoringPane(sv.scoring, sv.projects, sv.reports, window.bus, clock=sv.clock, tasks=window.tasks,
                       phone=sv.phone)


def _summary(window: MainWindow) -> QWidget:
    from .panes.summary_pane import SummaryPane

    sv = window.services
    return SummaryPane(sv.summary, sv.merge, sv.reports, window.bus, window.tasks, dashboard=sv.dashboard,
                       assessment=sv.assessment)


def _settings(window: MainWindow) -> QWidget:
    from .panes.settings_pane import SettingsPane

    sv = window.services
    return SettingsPane(sv.settings, sv.roster, sv.wording, sv.backups, window.bus, window.tasks, points=sv.points)


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


def _scrolling(pane: QWidget) -> QWidget:
    scrolls = isinstance(pane, QScrollArea) or getattr(pane, "scrolls_itself", False)
    return pane if scrolls else screen_fit.PaneScroll(pane)


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
        self.start_page = None
        self._stale: set[int] = set()
        self._kept_home: HomePane | None = None
        self._panes: dict[int, QWidget] = {}
        self.terms = TOWN_TERMS
        self._build()
        self.bus.changed.connect(self._on_changed)
        self._maximised = screen_fit.restore(self)

    @property
    def panes(self) -> list[tuple[str, QWidget]]:
        """Every pane, created on demand (tests and screenshots walk them all)."""
        return [(name, self._ensure_pane(i)) for i, name in enumerate(PANE_NAMES)]

    def current_pane(self) -> QWidget | None:
        return self._panes.get(self.stack.currentIndex())

    def _build(self) -> None:
        root = QWidget()
        row = QHBoxLayout(root)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        side = QWidget()
        side.setFixedWidth(180)
        side.setObjectName("side")
        col = QVBoxLayout(side)
        col.setContentsMargins(0, 0, 0, 10)
        col.setSpacing(0)
        brand = QLabel(APP_NAME)
        brand.setObjectName("brand")
        self.town_label = QLabel("")
        self.town_label.setObjectName("brandSub")
        self.town_label.setWordWrap(True)
        col.addWidget(brand)
        col.addWidget(self.town_label)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        for name in PANE_NAMES:
            self.nav.addItem(name)
            waiting = QLabel("正在打开数据库……")
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            waiting.setObjectName("paneNote")
            self.stack.addWidget(waiting)
        col.addWidget(self.nav, 1)
        self.start_link = QPushButton("开始使用指引")
        self.start_link.setObjectName("sideLink")
        self.start_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.start_link.clicked.connect(self.show_start_page)
        col.addWidget(self.start_link)
        year_row = QHBoxLayout()
        year_row.setContentsMargins(18, 4, 14, 0)
        label = QLabel("年度")
        label.setStyleSheet("color: #9fb0c4;")
        self.year_box = QComboBox()
        year_row.addWidget(label)
        year_row.addWidget(self.year_box, 1)
        col.addLayout(year_row)
        row.addWidget(side)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(root)
        self.toast = Toast(self.stack)
        self.db_status = QLabel()
        self.db_status.setObjectName("paneNote")
        self.statusBar().addPermanentWidget(self.db_status)
        self.nav.currentRowChanged.connect(self._on_nav_changed)
        self.year_box.activated.connect(self._on_year_chosen)
        self.setMinimumSize(screen_fit.MINIMUM)

    def show_fitted(self) -> None:
        """Show inside the screen's available area: maximised when the default size does not fit it."""
        if self._maximised:
            self.showMaximized()
        else:
            self.show()

    def show_kept_home(self, page: HomeData) -> None:
        """The home page kept at the last close (services/home_snapshot.py), shown while the database opens;
        ``attach`` replaces it with the live page."""
        from .panes.home_pane import HomePane

        pane = HomePane(None)
        old = self.stack.widget(0)
        self.stack.insertWidget(0, _scrolling(pane))
        self.stack.removeWidget(old)
        old.deleteLater()
        self._panes[0] = self._kept_home = pane
        self._stale.add(0)
        pane.show_data(page)
        self.town_label.setText(page.town)
        self.setWindowTitle(f"{APP_NAME} — {page.town}")
        self.stack.setCurrentIndex(0)
        self.statusBar().showMessage("正在打开数据库……（首页数字为上次关闭时的数据，打开后自动更新）")

    def attach(self, services: Services, db_label: str = "") -> None:
        """Bring in the open database's services, load the town and year, show the home page (or, while a new
        town has not done its first steps, the start page)."""
        db = services.settings.db
        self.services, self.db_label = services, db_label or (str(db.path) if db.path else db.url)
        self.db_status.setText(f"数据库：{Path(self.db_label).name}")
        self.db_status.setToolTip(self.db_label)
        self._show_town(services.settings.load())
        if self._kept_home is not None:  # the kept page becomes the live one below
            self._kept_home.overview = services.overview
            self._kept_home = None
            self._stale.add(0)
            self.statusBar().clearMessage()
        steps = services.settings.first_steps()
        if steps.new_town:
            self.show_start_page()
        elif self.nav.currentRow() == 0:
            self._on_nav_changed(0)
        else:
            self.nav.setCurrentRow(0)

    def _ensure_pane(self, row: int) -> QWidget:
        if row not in self._panes:
            if self.services is None:
                raise RuntimeError("attach() the services before showing a pane")
            pane = PANE_FACTORIES[PANE_NAMES[row]](self)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, _scrolling(pane))
            self.stack.removeWidget(old)
            old.deleteLater()
            self._panes[row] = pane
            self._stale.add(row)
            if hasattr(pane, "use_terms"):  # the level's words (domain/terms.py) on the pane's fixed labels
                pane.use_terms(self.terms)
        return self._panes[row]

    def pane(self, name: str) -> QWidget:
        return self._ensure_pane(PANE_NAMES.index(name))

    def go_to(self, name: str, part: str = "") -> None:
        """Open a pane (and, where it has parts, e.g. a settings tab, that part): the start page's buttons."""
        if name not in PANE_NAMES:
            return
        row = PANE_NAMES.index(name)
        pane = self._ensure_pane(row)
        if self.nav.currentRow() == row:
            self._on_nav_changed(row)
        else:
            self.nav.setCurrentRow(row)
        show_part = getattr(pane, "show_part", None)
        if show_part is not None:
            show_part(part)

    def show_start_page(self) -> None:
        """开始使用: the first steps of a new town, each ticked from the data, each a button to the right place."""
        if self.services is None:
            return
        if self.start_page is None:
            from .panes.start_page import StartPage

            self.start_page = StartPage()
            self.start_page.go.connect(self.go_to)
            self._start_area = _scrolling(self.start_page)
            self.stack.addWidget(self._start_area)
        self.start_page.show_steps(self.services.settings.first_steps(), self.terms)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(-1)
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self._start_area)

    def _show_town(self, s) -> None:
        self.town_label.setText(f"{s.town.name}（{s.town.code}）")
        self.terms = terms_for(s.town.level)
        self.nav.item(PANE_NAMES.index("票决")).setText(self.terms.vote)  # 票选 in a street council
        for pane in self._panes.values():
            if hasattr(pane, "use_terms"):
                pane.use_terms(self.terms)
        self.setWindowTitle(f"{APP_NAME} — {s.town.name}")  # the file's path is in 设置 › 备份与恢复 and the status bar
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
        if row >= 0:
            self.stack.setCurrentIndex(row)
        self._refresh_if_stale(row)

    def _refresh_if_stale(self, row: int) -> None:
        if row not in self._stale or self.year is None or row not in self._panes:
            return
        self._stale.discard(row)
        pane, year = self._panes[row], self.year
        attempt(self, lambda: pane.set_year(year), "无法显示")

    def _on_year_chosen(self, _index: int) -> None:
        if self.services is None:
            return
        settings = self.services.settings
        publish_or_warn(self, self.bus, lambda: settings.set_current_year(int(self.year_box.currentText())))

    def _on_changed(self, changes: Changes) -> None:
        if changes.message:
            self.statusBar().showMessage(changes.message.replace("\n", " "), 6000)
            self.toast.show_message(changes.message)  # where the eye is, not only down in the status bar
        if self.services is None or not changes.topics:
            return
        if changes.touches(YEAR, SETTINGS):
            self._show_town(self.services.settings.load())
        self._stale = set(range(len(PANE_NAMES))) - {PANE_NAMES.index(n) for n in changes.fresh if n in PANE_NAMES}
        self._refresh_if_stale(self.stack.currentIndex())
        if self.start_page is not None and self.nav.currentRow() < 0:
            self.start_page.show_steps(self.services.settings.first_steps(), self.terms)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.toast.isVisible():
            self.toast.place()

    def closeEvent(self, event) -> None:
        screen_fit.remember(self)
        super().closeEvent(event)
