"""Dialogs of the 实施 pane: a progress report, an adjustment request, its decision."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ...clock import Clock
from ...domain.progress import ADJUST_KINDS
from ...domain.terms import TOWN_TERMS, Terms
from .._qt_helpers import date_edit
from .common import ok_cancel


class ProgressDialog(QDialog):
    def __init__(self, name: str, percent: int, funds: float | None, spent: float | None, parent=None, *,
                 clock: Clock):
        super().__init__(parent)
        self.setWindowTitle(f"登记进展 — {name}")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.day = date_edit(clock.today())
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(percent)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("本期完成的工作、存在的问题和下一步安排")
        self.funds, self.spent = QLineEdit("" if funds is None else f"{funds:g}"), QLineEdit("" if spent is None else f"{spent:g}")
        self.photos: list[str] = []
        self.photo_label = QLabel("未选择照片")
        pick = QPushButton("选择现场照片…")
        pick.clicked.connect(self._pick)
        for label, w in [("报告日期", self.day), ("累计完成", self.percent), ("进展情况", self.text),
                         ("到位资金（万元）", self.funds), ("已支出（万元）", self.spent), ("照片", pick), ("", self.photo_label)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "登记"))

    def _pick(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择照片", "", "图片 (*.jpg *.jpeg *.png)")
        self.photos = paths
        self.photo_label.setText(f"已选 {len(paths)} 张" if paths else "未选择照片")


class AdjustmentDialog(QDialog):
    def __init__(self, name: str, parent=None, *, clock: Clock, terms: Terms = TOWN_TERMS):
        super().__init__(parent)
        self.setWindowTitle(f"调整、延期或终止申请 — {name}")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        who = f"{terms.congress}" if terms.has_kinds else "人民代表大会（县级为人大常委会）"
        note = QLabel(f"{terms.vote}产生的项目须经{who}决定才能调整、延期或终止。先登记申请，决定后再录入结果。")
        note.setWordWrap(True)
        lay.addWidget(note)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.addItems(ADJUST_KINDS)
        self.day = date_edit(clock.today())
        self.reason = QPlainTextEdit()
        self.new_deadline = date_edit(clock.today())
        self.new_target = QPlainTextEdit()
        self.new_target.setFixedHeight(60)
        for label, w in [("类型", self.kind), ("申请日期", self.day), ("理由", self.reason), ("新完成时限（延期）", self.new_deadline),
                         ("调整后目标（调整）", self.new_target)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "登记申请"))


class DecisionDialog(QDialog):
    def __init__(self, what: str, body: str, parent=None, *, clock: Clock):
        super().__init__(parent)
        self.setWindowTitle("录入决定")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(what))
        form = QFormLayout()
        self.body = QLineEdit(body)
        self.day = date_edit(clock.today())
        self.outcome = QComboBox()
        self.outcome.addItems(["同意", "不同意"])
        for label, w in [("决定机关", self.body), ("决定日期", self.day), ("决定", self.outcome)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "确定"))
