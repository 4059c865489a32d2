"""设置: the town, the vote rules, categories, the screening chain, scoring and the deputies roster."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ...domain.catalog import CHAIN_PRESETS, DEFAULT_CATEGORIES
from ...services.backup_service import BackupService
from ...services.points_service import PointsService
from ...services.roster_service import RosterService
from ...services.settings_service import SettingsService
from ...services.wording_service import WordingService
from ..events import EventBus
from ..tasks import TaskRunner
from ..widgets import pane_header
from .settings.assessment_tab import AssessmentTab
from .settings.backup_tab import BackupTab
from .settings.lights_tab import LightsTab
from .settings.list_tab import ListTab
from .settings.points_tab import PointsTab
from .settings.roster_tab import RosterTab
from .settings.rules_tab import RulesTab
from .settings.scoring_tab import ScoringTab
from .settings.town_tab import TownTab
from .settings.wording_tab import WordingTab


class SettingsPane(QWidget):
    def __init__(self, settings: SettingsService, roster: RosterService, wording: WordingService,
                 backups: BackupService, bus: EventBus, tasks: TaskRunner, parent=None, *,
                 points: PointsService):
        super().__init__(parent)
        self.setObjectName("page")
        self.settings, self.roster = settings, roster
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 18)
        header = pane_header("设置", "本级信息、票决规则、项目类别、审定流程、测评规则、履职积分、代表名册，以及备份与恢复。"
                                    "这些设置保存在数据库中，随数据一起上报。")
        self.header_note = header.findChild(QLabel, "paneNote")
        lay.addWidget(header)
        self.tabs = QTabWidget()
        self.town_tab = TownTab(settings, bus)
        self.rules_tab = RulesTab(settings, bus)
        self.categories_tab = ListTab(
            "征集建议和候选项目所用的类别，可增删、改名（双击）和调整顺序。", settings.save_categories, bus,
            {"默认类别": DEFAULT_CATEGORIES})
        self.chain_tab = ListTab(
            "候选项目须依次经过以下会议审定，最后一个环节通过后方可提请票决。", settings.save_screening_chain, bus,
            {f"{level}流程": chain for level, chain in CHAIN_PRESETS.items() if level != "市"})
        self.scoring_tab = ScoringTab(settings, bus)
        self.lights_tab = LightsTab(settings, bus)
        self.assessment_tab = AssessmentTab(settings, bus)
        self.wording_tab = WordingTab(wording, bus)
        self.points_tab = PointsTab(points, bus)
        self.roster_tab = RosterTab(roster, bus, tasks)
        self.backup_tab = BackupTab(backups, bus, tasks)
        for tab, title in [(self.town_tab, "本级信息"), (self.rules_tab, "票决规则"), (self.categories_tab, "项目类别"),
                           (self.chain_tab, "审定流程"), (self.scoring_tab, "测评规则"),
                           (self.lights_tab, "灯色规则"), (self.assessment_tab, "乡镇考核"), (self.wording_tab, "重复建议识别"),
                           (self.points_tab, "履职积分"),
                           (self.roster_tab, "代表名册"),
                           (self.backup_tab, "备份与恢复")]:
            self.tabs.addTab(tab, title)
        lay.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        s = self.settings.load()
        self.town_tab.show_settings(s)
        self.roster_tab.refresh()
        t = self.roster_tab.terms  # a street's words: 票选规则, 议事代表名册
        self.tabs.setTabText(self.tabs.indexOf(self.roster_tab), t.roster)
        self.tabs.setTabText(self.tabs.indexOf(self.rules_tab), f"{t.vote}规则")
        assesses = s.town.level in ("县区", "市")  # a county assesses its towns; a town or street has none to assess
        self.tabs.setTabVisible(self.tabs.indexOf(self.assessment_tab), assesses)
        self.header_note.setText(
            f"本级信息、{t.vote}规则、项目类别、审定流程、测评规则、灯色规则、" + ("乡镇考核、" if assesses else "")
            + f"重复建议识别、履职积分、{t.roster}，以及备份与恢复。这些设置保存在数据库中，随数据一起上报。")
        self.rules_tab.show_settings(s, sum(1 for d in self.roster_tab.rows if d.active))
        self.categories_tab.set_items(s.categories)
        self.chain_tab.set_items(s.screening_chain)
        self.scoring_tab.show_settings(s)
        self.lights_tab.show_settings(s)
        self.assessment_tab.show_settings(s)
        self.wording_tab.refresh()
        self.points_tab.refresh()
        self.backup_tab.refresh()

    def set_year(self, _year: int) -> None:
        self.refresh()

    def show_part(self, part: str) -> None:
        """Open the tab with this title (the start page's 导入代表名册 opens 代表名册)."""
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == part or (part == "代表名册" and self.tabs.widget(i) is self.roster_tab):
                self.tabs.setCurrentIndex(i)

