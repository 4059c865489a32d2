"""设置 › 履职积分: the points each item earns (or deducts) per occurrence, and an optional cap per year."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....domain.points import (
    CAP_LIMIT,
    DEDUCTIONS,
    DEFAULT_RULES,
    POINTS_LIMIT,
    RULES_NOTE,
    PointRule,
    format_points,
)
from ....services.points_service import PointsService
from ...events import EventBus
from ...feedback import attempt, confirm, publish_or_warn

HEADERS = ("积分项目", "每次分值", "年度上限（0 为不设上限）", "默认")


def _spin(low: float, high: float, suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setSuffix(suffix)
    return box


class PointsTab(QWidget):
    def __init__(self, points: PointsService, bus: EventBus, parent=None):
        super().__init__(parent)
        self.points, self.bus = points, bus
        self.rules: tuple[PointRule, ...] = DEFAULT_RULES
        lay = QVBoxLayout(self)
        note = QLabel("代表履职积分按下列项目计算：每发生一次记一次分，扣分项为负数；设了年度上限的项目，"
                      "一年内加（扣）到上限后不再计分。分值可为整数或半分（如 0.5）。活动、会议按日期计入季度和年度，"
                      "在“监督 › 履职积分”中查看排名和明细并导出。" + RULES_NOTE)
        note.setObjectName("paneNote")
        note.setWordWrap(True)
        lay.addWidget(note)
        self.table = QTableWidget(len(DEFAULT_RULES), len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setDefaultSectionSize(30)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 120), (2, 200), (3, 150)):
            self.table.setColumnWidth(col, width)
        self.point_spins: list[QDoubleSpinBox] = []
        self.cap_spins: list[QDoubleSpinBox] = []
        for row, rule in enumerate(DEFAULT_RULES):
            self.table.setItem(row, 0, QTableWidgetItem(rule.label))
            points = _spin(-POINTS_LIMIT, POINTS_LIMIT, " 分")
            cap = _spin(0, CAP_LIMIT, " 分")
            cap.setSpecialValueText("不设上限")
            self.table.setCellWidget(row, 1, points)
            self.table.setCellWidget(row, 2, cap)
            default = f"{format_points(rule.points)} 分" + (f"，上限 {format_points(rule.cap)} 分" if rule.cap else "")
            default += "（扣分项）" if rule.item in DEDUCTIONS else ""
            self.table.setItem(row, 3, QTableWidgetItem(default))
            self.point_spins.append(points)
            self.cap_spins.append(cap)
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.save_btn = QPushButton("保存积分规则")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self._on_save)
        self.defaults_btn = QPushButton("恢复默认")
        self.defaults_btn.clicked.connect(self._on_defaults)
        buttons.addWidget(self.save_btn)
        buttons.addWidget(self.defaults_btn)
        buttons.addStretch(1)
        lay.addLayout(buttons)

    def refresh(self) -> None:
        ok, rules = attempt(self, self.points.rules, "无法读取履职积分规则")
        if ok and rules:
            self.show_rules(rules)

    def show_rules(self, rules: tuple[PointRule, ...]) -> None:
        self.rules = rules
        by_item = {r.item: r for r in rules}
        for row, default in enumerate(DEFAULT_RULES):
            rule = by_item.get(default.item, default)
            self.point_spins[row].setValue(rule.points)
            self.cap_spins[row].setValue(rule.cap or 0)

    def entered(self) -> list[tuple[str, float, float | None]]:
        """(item, points, cap or None) as typed, for the service to check."""
        return [(str(rule.item), self.point_spins[row].value(), self.cap_spins[row].value() or None)
                for row, rule in enumerate(DEFAULT_RULES)]

    def _on_save(self) -> None:
        if publish_or_warn(self, self.bus, lambda: self.points.save_rules(self.entered()), "履职积分规则未保存"):
            self.refresh()

    def _on_defaults(self) -> None:
        if not confirm(self, "恢复默认", "把履职积分规则恢复为默认的 11 项分值和上限？", ok="恢复默认"):
            return
        if publish_or_warn(self, self.bus, self.points.restore_defaults, "履职积分规则未恢复"):
            self.refresh()
