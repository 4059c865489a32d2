"""设置 › 乡镇考核: what each item of the county's assessment of its towns is worth (县级、市级使用)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ....domain.assessment import ITEMS, AssessmentPolicy
from ....services.settings_service import SettingsService, TownSettings
from ...events import EventBus
from ...feedback import publish_or_warn


class AssessmentTab(QWidget):
    def __init__(self, settings: SettingsService, bus: EventBus, parent=None):
        super().__init__(parent)
        self.settings, self.bus = settings, bus
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.points: dict[str, QSpinBox] = {}
        for key, label, default in ITEMS:
            box = QSpinBox()
            box.setRange(0, 100)
            box.setSuffix(" 分")
            box.valueChanged.connect(self._on_points)
            self.points[key] = box
            form.addRow(f"{label}（默认 {default} 分）", box)
        self.events = QSpinBox()
        self.events.setRange(1, 50)
        self.events.setSuffix(" 次")
        self.due = QLineEdit()
        self.due.setPlaceholderText("月-日，如 12-31")
        self.due.setMaximumWidth(120)
        form.addRow("应开展的监督活动（默认 6 次）", self.events)
        form.addRow("上报包报送截止（默认 12-31）", self.due)
        lay.addLayout(form)
        self.sum = QLabel()
        lay.addWidget(self.sum)
        note = QLabel("县（市）人大常委会据各乡镇报送的数据为其票决工作打分（汉阴：纳入对各镇人大年度工作考核和积分制管理）："
                      "征集与答复按已答复建议的比例，票决须达到法定人数并封存，按期完成按到期项目中按期完成的比例，满意度按"
                      "满意+基本满意率，监督活动按开展次数与应开展次数之比（不超过满分），按时报送看当年 1 月 1 日至截止日"
                      "是否收到上报包。结果见“汇总 › 乡镇考核”。")
        note.setWordWrap(True)
        note.setObjectName("paneNote")
        lay.addWidget(note)
        self.save_btn = QPushButton("保存考核规则")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self._on_save)
        lay.addWidget(self.save_btn)
        lay.addStretch(1)

    def _on_points(self, *_args) -> None:
        self.sum.setText(f"合计 {sum(b.value() for b in self.points.values())} 分")

    def show_settings(self, s: TownSettings) -> None:
        p = s.assessment
        for key, box in self.points.items():
            box.setValue(p.worth(key))
        self.events.setValue(p.events_expected)
        self.due.setText(p.package_due)
        self._on_points()

    def _on_save(self) -> None:
        def save():
            policy = AssessmentPolicy.from_dict({"points": {k: b.value() for k, b in self.points.items()},
                                                 "events_expected": self.events.value(),
                                                 "package_due": self.due.text().strip()})
            return self.settings.save_assessment_policy(policy)

        publish_or_warn(self, self.bus, save, "考核规则未保存")
