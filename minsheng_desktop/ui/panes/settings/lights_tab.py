"""设置 › 灯色规则: how a project's light is lit — by milestones (default) or by schedule lag (银川's rule)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ....domain.progress import LightPolicy
from ....domain.vocabulary import LightMode
from ....services.settings_service import SettingsService, TownSettings
from ...events import EventBus
from ...feedback import publish_or_warn

MODE_LABELS = {
    LightMode.MILESTONES: "按节点：有节点的计划日期已过而未完成为黄灯",
    LightMode.LAG: "按进度差：进度比按时间均匀推进的计划落后若干分为黄灯、红灯",
}


def _points(suffix: str = " 分") -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 100)
    box.setSuffix(suffix)
    return box


class LightsTab(QWidget):
    def __init__(self, settings: SettingsService, bus: EventBus, parent=None):
        super().__init__(parent)
        self.settings, self.bus = settings, bus
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.mode = QComboBox()
        for mode, label in MODE_LABELS.items():
            self.mode.addItem(label, str(mode))
        self.yellow, self.red, self.basic = _points(), _points(), _points(" %")
        form.addRow("灯色规则（默认：按节点）", self.mode)
        form.addRow("进度落后达到此分数为黄灯（默认 10 分）", self.yellow)
        form.addRow("进度落后超过此分数为红灯（默认 30 分）", self.red)
        form.addRow("进度达到此比例记为“基本完成”（默认 80%）", self.basic)
        lay.addLayout(form)
        note = QLabel("两种规则都是：已终止为灰灯，已完成为蓝灯，过了完成时限仍未完成为红灯，调整、延期、终止申请待决定时"
                      "至少为黄灯。按进度差时，按时间均匀推进的计划从项目年度的 1 月 1 日起算到完成时限，"
                      "例如 7 月初应完成约 50%，报告进度 30% 即落后 20 分（黄灯）。延期经决定同意后，完成时限和"
                      "未完成的节点一并顺延，不再显示为滞后。县级汇总按本级的规则为各乡镇的项目亮灯。")
        note.setWordWrap(True)
        note.setObjectName("paneNote")
        lay.addWidget(note)
        self.save_btn = QPushButton("保存灯色规则")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self._on_save)
        lay.addWidget(self.save_btn)
        lay.addStretch(1)
        self.mode.currentIndexChanged.connect(self._on_mode)

    def _on_mode(self, *_args) -> None:
        lag = self.mode.currentData() == LightMode.LAG
        self.yellow.setEnabled(lag)
        self.red.setEnabled(lag)

    def show_settings(self, s: TownSettings) -> None:
        p = s.lights
        self.mode.setCurrentIndex(self.mode.findData(str(p.mode)))
        self.yellow.setValue(p.yellow_lag)
        self.red.setValue(p.red_lag)
        self.basic.setValue(p.basic_done)
        self._on_mode()

    def policy(self) -> LightPolicy:
        return LightPolicy(LightMode(self.mode.currentData()), self.yellow.value(), self.red.value(),
                           self.basic.value())

    def _on_save(self) -> None:
        publish_or_warn(self, self.bus, lambda: self.settings.save_light_policy(self.policy()), "灯色规则未保存")
