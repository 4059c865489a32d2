"""New vote session, and this session's rules (editable until counting starts)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from ...clock import Clock
from ...domain.rules import BALLOT_STYLES, PASS_BASES, SHORTFALL_RULES, TIE_RULES, UNMARKED_RULES, VoteRules
from ...domain.terms import TOWN_TERMS, Terms
from .._qt_helpers import date_edit, to_date
from .common import ok_cancel


class NewSessionDialog(QDialog):
    def __init__(self, suggested: str, parent=None, *, clock: Clock, terms: Terms = TOWN_TERMS):
        super().__init__(parent)
        self.setWindowTitle(f"新建{terms.session}")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit(suggested)
        self.day = date_edit(clock.today())
        form.addRow("会议名称", self.title)
        form.addRow("会议日期", self.day)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "建立"))

    def value(self) -> tuple[str, date]:
        return self.title.text(), to_date(self.day)


class SessionRulesDialog(QDialog):
    def __init__(self, rules: VoteRules, parent=None, *, terms: Terms = TOWN_TERMS):
        super().__init__(parent)
        self.setWindowTitle(f"本次{terms.vote}规则")
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.seats = QSpinBox()
        self.seats.setRange(1, 100)
        self.seats.setValue(rules.seats)
        self.combos = {}
        for key, options, value in [("ballot_style", BALLOT_STYLES, rules.ballot_style),
                                    ("pass_base", {k: terms.pass_base_label(k) for k in PASS_BASES}, rules.pass_base),
                                    ("tie_at_cutoff", TIE_RULES, rules.tie_at_cutoff),
                                    ("shortfall", SHORTFALL_RULES, rules.shortfall),
                                    ("unmarked", UNMARKED_RULES, rules.unmarked)]:
            box = QComboBox()
            for k, label in options.items():
                box.addItem(label, k)
            box.setCurrentIndex(box.findData(value))
            self.combos[key] = box
        self.over = QCheckBox("赞成超过应选项目数的选票无效")
        self.over.setChecked(rules.over_approval_invalidates)
        form.addRow("应选项目数", self.seats)
        for key, label in [("ballot_style", "选票样式"), ("pass_base", "通过基数"), ("tie_at_cutoff", "末位得票相同"),
                           ("shortfall", "通过数不足"), ("unmarked", "未标记的项目")]:
            form.addRow(label, self.combos[key])
        form.addRow("", self.over)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "保存"))

    def changes(self) -> dict:
        return {"seats": self.seats.value(), "over_approval_invalidates": self.over.isChecked(),
                **{k: box.currentData() for k, box in self.combos.items()}}
