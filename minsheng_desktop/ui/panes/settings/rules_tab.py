"""设置 › 票决规则: every vote setting of DOMAIN.md with its default, and what it means for this town."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....domain.rules import (
    BALLOT_STYLES,
    PASS_BASES,
    SHORTFALL_RULES,
    TIE_RULES,
    UNMARKED_RULES,
    SecondCondition,
    VotePolicy,
    margin_check,
    quorum_needed,
    strictly_more_than,
)
from ....domain.terms import TOWN_TERMS, terms_for
from ....services.settings_service import SettingsService, TownSettings
from ..._qt_helpers import repolish
from ...events import EventBus
from ...feedback import publish_or_warn

DEFAULT = VotePolicy()


def _combo(options: dict[str, str]) -> QComboBox:
    box = QComboBox()
    for key, label in options.items():
        box.addItem(label, key)
    return box


class FractionEdit(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.num, self.den = QSpinBox(), QSpinBox()
        self.num.setRange(0, 99)
        self.den.setRange(1, 99)
        lay.addWidget(self.num)
        lay.addWidget(QLabel("/"))
        lay.addWidget(self.den)
        lay.addStretch(1)

    def value(self) -> tuple[int, int]:
        return self.num.value(), self.den.value()

    def set_value(self, f: tuple[int, int]) -> None:
        self.num.setValue(f[0])
        self.den.setValue(f[1])


class RulesTab(QWidget):
    """The settings scroll when the window is small; the save row below them stays in view."""

    def __init__(self, settings: SettingsService, bus: EventBus, parent=None):
        super().__init__(parent)
        self.settings, self.bus = settings, bus
        self.terms = TOWN_TERMS
        self.deputies_total = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        lay = QVBoxLayout(page)

        seats_box = QGroupBox("差额")
        f1 = QFormLayout(seats_box)
        self.seats, self.planned = QSpinBox(), QSpinBox()
        self.seats.setRange(1, 100)
        self.planned.setRange(1, 200)
        for box in (self.seats, self.planned):
            box.setMaximumWidth(120)
        self.margin = QLabel()
        f1.addRow(self._label("应选项目数 N", DEFAULT.rules.seats), self.seats)
        f1.addRow(self._label("候选项目数 C", DEFAULT.candidates_planned), self.planned)
        f1.addRow("", self.margin)
        lay.addWidget(seats_box)

        ballot_box = QGroupBox("选票与有效性")
        f2 = QFormLayout(ballot_box)
        self.style = _combo(BALLOT_STYLES)
        self.over = QCheckBox("赞成超过应选项目数的选票无效")
        self.unmarked = _combo(UNMARKED_RULES)
        f2.addRow(self._label("选票样式", BALLOT_STYLES[DEFAULT.rules.ballot_style]), self.style)
        f2.addRow(self._label("超额赞成", "无效"), self.over)
        f2.addRow(self._label("未标记的项目", UNMARKED_RULES[DEFAULT.rules.unmarked]), self.unmarked)
        lay.addWidget(ballot_box)

        pass_box = QGroupBox("法定人数与通过")
        f3 = QFormLayout(pass_box)
        self.quorum = FractionEdit()
        self.base = _combo(PASS_BASES)
        self.fraction = FractionEdit()
        self.second_on = QCheckBox("另设第二个通过条件")
        self.second_base = _combo(PASS_BASES)
        self.second_fraction = FractionEdit()
        f3.addRow(self._label("法定人数（出席不少于应到的）", "2/3"), self.quorum)
        f3.addRow(self._label("通过基数", PASS_BASES[DEFAULT.rules.pass_base]), self.base)
        f3.addRow(self._label("赞成票须超过基数的", "1/2（过半数）"), self.fraction)
        f3.addRow(self._label("第二条件", "不设"), self.second_on)
        f3.addRow("　第二条件基数", self.second_base)
        f3.addRow("　赞成票须超过其", self.second_fraction)
        lay.addWidget(pass_box)

        rank_box = QGroupBox("排序与名额")
        f4 = QFormLayout(rank_box)
        self.tie = _combo(TIE_RULES)
        self.shortfall = _combo(SHORTFALL_RULES)
        f4.addRow(self._label("末位得票相同", TIE_RULES[DEFAULT.rules.tie_at_cutoff]), self.tie)
        f4.addRow(self._label("通过数不足 N", SHORTFALL_RULES[DEFAULT.rules.shortfall]), self.shortfall)
        lay.addWidget(rank_box)

        self.example = QLabel()
        self.example.setObjectName("ok")
        self.example.setWordWrap(True)
        lay.addWidget(self.example)
        buttons = QHBoxLayout()
        self.save_btn = QPushButton("保存票决规则")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self._on_save)
        self.reset_btn = QPushButton("恢复默认")
        self.reset_btn.clicked.connect(lambda: self._show(DEFAULT))
        buttons.addWidget(self.save_btn)
        buttons.addWidget(self.reset_btn)
        buttons.addStretch(1)
        buttons.setContentsMargins(9, 0, 9, 0)
        lay.addStretch(1)
        scroll.setWidget(page)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        for w in (self.seats, self.planned, self.quorum.num, self.quorum.den, self.fraction.num, self.fraction.den,
                  self.second_fraction.num, self.second_fraction.den):
            w.valueChanged.connect(self._update_hints)
        for c in (self.base, self.second_base):
            c.currentIndexChanged.connect(self._update_hints)
        self.second_on.toggled.connect(self._update_hints)

    def _label(self, text: str, default) -> QLabel:
        label = QLabel(f"{text}<br><span style='color:#7a8592;font-size:12px'>默认：{default}</span>")
        return label

    def show_settings(self, s: TownSettings, deputies_total: int) -> None:
        self.deputies_total = deputies_total
        self.terms = t = terms_for(s.town.level)
        self.save_btn.setText(f"保存{t.vote}规则")
        for box in (self.base, self.second_base):  # 全体议事代表（应到人数） in a street
            for i in range(box.count()):
                box.setItemText(i, t.pass_base_label(box.itemData(i)))
        self._show(s.vote_policy)

    def _show(self, p: VotePolicy) -> None:
        r = p.rules
        self.seats.setValue(r.seats)
        self.planned.setValue(p.candidates_planned)
        self.style.setCurrentIndex(self.style.findData(r.ballot_style))
        self.over.setChecked(r.over_approval_invalidates)
        self.unmarked.setCurrentIndex(self.unmarked.findData(r.unmarked))
        self.quorum.set_value(r.quorum_fraction)
        self.base.setCurrentIndex(self.base.findData(r.pass_base))
        self.fraction.set_value(r.pass_fraction)
        self.second_on.setChecked(r.second_condition is not None)
        second = r.second_condition or SecondCondition()
        self.second_base.setCurrentIndex(self.second_base.findData(second.base))
        self.second_fraction.set_value(second.fraction)
        self.tie.setCurrentIndex(self.tie.findData(r.tie_at_cutoff))
        self.shortfall.setCurrentIndex(self.shortfall.findData(r.shortfall))
        self._update_hints()

    def policy(self) -> VotePolicy:
        return VotePolicy.from_dict({
            "seats": self.seats.value(), "candidates_planned": self.planned.value(),
            "ballot_style": self.style.currentData(), "over_approval_invalidates": self.over.isChecked(),
            "unmarked": self.unmarked.currentData(), "pass_base": self.base.currentData(),
            "pass_fraction": list(self.fraction.value()), "tie_at_cutoff": self.tie.currentData(),
            "shortfall": self.shortfall.currentData(), "quorum_fraction": list(self.quorum.value()),
            "second_condition": {"base": self.second_base.currentData(), "fraction": list(self.second_fraction.value())}
            if self.second_on.isChecked() else None,
        })

    def _update_hints(self) -> None:
        for w in (self.second_base, self.second_fraction):
            w.setEnabled(self.second_on.isChecked())
        level, text = margin_check(self.planned.value(), self.seats.value(), self.terms.vote)
        self.margin.setText(text)
        self.margin.setObjectName({"ok": "ok", "warn": "warn", "error": "error"}[level])
        repolish(self.margin)  # re-polish: the object name picks the colour
        total = self.deputies_total
        if total <= 0:
            t = self.terms
            self.example.setText(f"{t.roster}为空：添加{t.member}后，这里会按本{'街道' if t.has_kinds else '镇'}人数说明法定人数和通过票数。")
            return
        q = quorum_needed(total, self.quorum.value())
        base = self.base.currentData()
        if base == "all_deputies":
            need = f"赞成票须达到 {strictly_more_than(total, self.fraction.value())} 票"
        else:
            need = f"赞成票须超过{self.base.currentText()}的 {self.fraction.num.value()}/{self.fraction.den.value()}"
        self.example.setText(
            f"按现有 {total} 名在任{self.terms.member}：至少 {q} 人出席方可{self.terms.vote}；{need}；"
            f"从 {self.planned.value()} 个候选项目中按得票多少选出 {self.seats.value()} 个。"
        )

    def _on_save(self) -> None:
        publish_or_warn(self, self.bus, lambda: self.settings.save_vote_policy(self.policy()), f"{self.terms.vote}规则未保存")

