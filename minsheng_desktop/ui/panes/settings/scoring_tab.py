"""设置 › 测评规则: how satisfaction is scored and when a subject must be rectified; and the place's supervision
system (季会制 / 年中会议制), which the default supervision plan follows."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....domain.satisfaction import METHODS, HundredPointBands, ScoringPolicy
from ....domain.vocabulary import SupervisionSystem
from ....services.settings_service import SettingsService, TownSettings
from ...events import EventBus
from ...feedback import publish_or_warn


class ScoringTab(QWidget):
    def __init__(self, settings: SettingsService, bus: EventBus, parent=None):
        super().__init__(parent)
        self.settings, self.bus = settings, bus
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.method = QComboBox()
        for key, label in METHODS.items():
            self.method.addItem(label, key)
        self.abstain = QCheckBox("测评表设“弃权”选项")
        self.follow_on = QCheckBox("满意+基本满意率低于此比例时要求整改")
        self.follow = QSpinBox()
        self.follow.setRange(0, 100)
        self.follow.setSuffix(" %")
        self.sat_band, self.basic_band = QDoubleSpinBox(), QDoubleSpinBox()
        for box in (self.sat_band, self.basic_band):
            box.setRange(0, 100)
            box.setDecimals(0)
            box.setSuffix(" 分")
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setSuffix(" 天")
        form.addRow("测评方式（默认：满意／基本满意／不满意）", self.method)
        form.addRow("弃权（默认：不设）", self.abstain)
        form.addRow("整改线（默认：70%）", self.follow_on)
        form.addRow("", self.follow)
        form.addRow("百分制：满意不低于（默认 80 分）", self.sat_band)
        form.addRow("百分制：基本满意不低于（默认 60 分）", self.basic_band)
        form.addRow("整改期限（默认 60 天）", self.days)
        self.system = QComboBox()
        self.system.addItems(list(SupervisionSystem))
        self.system_btn = QPushButton("保存监督制度")
        self.system_btn.clicked.connect(self._on_system)
        form.addRow("监督制度（生成年度监督计划时使用；默认：季会制）", self.system)
        form.addRow("", self.system_btn)
        lay.addLayout(form)
        rule = QLabel("结论规则：满意票超过有效票的一半为“满意”；否则满意与基本满意合计超过一半为“基本满意”；"
                      "否则为“不满意”（恰好一半不算超过）。结论为“不满意”或低于整改线的项目，"
                      "须由政府说明、限期整改并再次测评。")
        rule.setWordWrap(True)
        rule.setObjectName("paneNote")
        lay.addWidget(rule)
        self.save_btn = QPushButton("保存测评规则")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self._on_save)
        lay.addWidget(self.save_btn)
        lay.addStretch(1)
        self.follow_on.toggled.connect(self.follow.setEnabled)

    def show_settings(self, s: TownSettings) -> None:
        self.system.setCurrentText(s.supervision_system)
        p = s.scoring
        self.method.setCurrentIndex(self.method.findData(p.method))
        self.abstain.setChecked(p.allow_abstain)
        self.follow_on.setChecked(p.follow_up_below is not None)
        self.follow.setValue(round((p.follow_up_below or 0.7) * 100))
        self.follow.setEnabled(p.follow_up_below is not None)
        self.sat_band.setValue(p.bands.satisfied)
        self.basic_band.setValue(p.bands.basic)
        self.days.setValue(p.rectify_days)

    def _on_save(self) -> None:
        policy = ScoringPolicy(self.method.currentData(), self.abstain.isChecked(),
                               self.follow.value() / 100 if self.follow_on.isChecked() else None,
                               HundredPointBands(self.sat_band.value(), self.basic_band.value()), self.days.value())
        publish_or_warn(self, self.bus, lambda: self.settings.save_scoring_policy(policy), "测评规则未保存")

    def _on_system(self) -> None:
        """季会制: four 季会 a year; 年中会议制: one 年中会议 (the 监督 pane's default plan follows it)."""
        system = self.system.currentText()
        publish_or_warn(self, self.bus, lambda: self.settings.save_supervision_system(system), "监督制度未保存")
