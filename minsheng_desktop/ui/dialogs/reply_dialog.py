"""答复: the outcome and the reason every proposer will read."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from .common import ok_cancel

COMMON_REASONS = {
    "采纳为候选": ["已纳入年度民生实事候选项目，提请人民代表大会票决"],
    "暂缓": ["受年度财力限制，列入项目储备库，待条件成熟时实施", "需进一步论证，列入下一年度统筹考虑"],
    "不予采纳": ["属于部门日常工作职责，已转交相关部门办理", "不符合民生实事项目公益普惠原则",
              "已列入上级部门计划，不再重复安排"],
}


class ReplyDialog(QDialog):
    def __init__(self, count: int, parent=None, *, referral: str = "提请人民代表大会票决"):
        super().__init__(parent)
        self.reasons = {**COMMON_REASONS, "采纳为候选": [f"已纳入年度民生实事候选项目，{referral}"]}  # a street: 票选
        self.setWindowTitle("答复建议")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"为选中的 {count} 件建议填写办理结果和答复理由："))
        form = QFormLayout()
        self.outcome = QComboBox()
        self.outcome.addItems(list(COMMON_REASONS))
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(80)
        form.addRow("办理结果", self.outcome)
        form.addRow("答复理由", self.reason)
        lay.addLayout(form)
        self.quick = QHBoxLayout()
        lay.addLayout(self.quick)
        lay.addWidget(ok_cancel(self, "确定"))
        self.outcome.currentTextChanged.connect(self._fill_quick)
        self._fill_quick(self.outcome.currentText())

    def _fill_quick(self, outcome: str) -> None:
        while self.quick.count():
            item = self.quick.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for text in self.reasons.get(outcome, []):
            b = QPushButton(text[:14] + ("…" if len(text) > 14 else ""))
            b.setToolTip(text)
            b.clicked.connect(lambda _=False, t=text: self.reason.setPlainText(t))
            self.quick.addWidget(b)
        self.quick.addStretch(1)

    def values(self) -> tuple[str, str]:
        return self.outcome.currentText(), self.reason.toPlainText()
