"""The main window: a left navigation over the panes, the working year, and a status line."""

from __future__ import annotations

from dataclasses import dataclass

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
from ..services.changes import SETTINGS, YEAR, Changes
from ..services.overview_service import OverviewService
from ..services.roster_service import RosterService
from ..services.settings_service import SettingsService
from .events import EventBus
from .feedback import show_error
from .panes.home_pane import HomePane
from .panes.records_pane import RecordsPane
from .panes.settings_pane import SettingsPane
from .tasks import TaskRunner


@dataclass(frozen=True)
class Services:
    settings: SettingsService
    roster: RosterService
    overview: OverviewService


READ_ONLY = "（只读：显示数据库中已有的记录）"


class MainWindow(QMainWindow):
    def __init__(self, services: Services, bus: EventBus | None = None, tasks: TaskRunner | None = None,
                 db_label: str = ""):
        super().__init__()
        self.services = services
        self.bus = bus or EventBus(self)
        self.tasks = tasks or TaskRunner()
        self.db_label = db_label
        self.year: int | None = None
        self._stale: set[int] = set()
        ov = services.overview
        self.panes: list[tuple[str, QWidget]] = [
            ("首页", HomePane(ov)),
            ("征集", RecordsPane("征集", "本年度收到的群众、代表、部门和网络建议" + READ_ONLY, ov.proposals)),
            ("候选项目", RecordsPane("候选项目", "经初选和审定会议形成的候选项目" + READ_ONLY, ov.candidates)),
            ("票决", RecordsPane("票决", "人代会票决的计票结果，已公布的结果已封存、不可修改" + READ_ONLY, ov.votes)),
            ("实施", RecordsPane("实施", "票决产生的民生实事项目及其进度和资金" + READ_ONLY, ov.projects)),
            ("监督", RecordsPane("监督", "年初问计划、年中问进度、年底问效果等监督活动" + READ_ONLY, ov.events)),
            ("测评", RecordsPane("测评", "代表满意度测评和群众回访（回头看）" + READ_ONLY, ov.rounds)),
            ("汇总", RecordsPane("汇总", "按类别汇总建议、候选项目、实事项目和投资" + READ_ONLY, ov.summary)),
            ("设置", SettingsPane(services.settings, services.roster, self.bus, self.tasks)),
        ]
        self._build()
        self.bus.changed.connect(self._on_changed)
        self._restore_geometry()

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
        for name, pane in self.panes:
            self.nav.addItem(self.tr(name))
            self.stack.addWidget(pane)
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

    def start(self) -> None:
        """Load the town and year, show the home page (called once the window exists)."""
        s = self.services.settings.load()
        self._show_town(s)
        self.nav.setCurrentRow(0)

    def pane(self, name: str) -> QWidget:
        return dict(self.panes)[name]

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
            self._stale = set(range(len(self.panes)))
            self.bus.year_selected.emit(self.year)

    def _on_nav_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self._refresh_if_stale(row)

    def _refresh_if_stale(self, row: int) -> None:
        if row not in self._stale or self.year is None:
            return
        self._stale.discard(row)
        try:
            self.panes[row][1].set_year(self.year)
        except Exception as exc:
            show_error(self, exc, self.tr("无法显示"))

    def _on_year_chosen(self, _index: int) -> None:
        try:
            self.bus.publish(self.services.settings.set_current_year(int(self.year_box.currentText())))
        except Exception as exc:
            show_error(self, exc)

    def _on_changed(self, changes: Changes) -> None:
        if changes.message:
            self.statusBar().showMessage(changes.message, 6000)
        if changes.touches(YEAR, SETTINGS):
            self._show_town(self.services.settings.load())
        self._stale = set(range(len(self.panes)))
        self._refresh_if_stale(self.stack.currentIndex())

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
