"""Dialogs of the 监督 pane: an opinion raised at an event, and its 整改反馈."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ...domain.vocabulary import OpinionStatus
from .._qt_helpers import date_edit
from .common import ok_cancel


class OpinionDialog(QDialog):
    def __init__(self, projects: list[tuple[str, str]], deputies: list[tuple[str, str]], held_on, parent=None):
        super().__init__(parent)
        self.setWindowTitle("登记意见建议")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.content = QPlainTextEdit()
        self.project, self.deputy = QComboBox(), QComboBox()
        self.project.addItem("（不针对具体项目）", None)
        for pid, name in projects:
            self.project.addItem(name, pid)
        self.deputy.addItem("（未署名）", None)
        for did, name in deputies:
            self.deputy.addItem(name, did)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("不填则为所涉项目的责任单位")
        self.due = date_edit(held_on + timedelta(days=30))
        for label, w in [("意见建议", self.content), ("涉及项目", self.project), ("提出代表", self.deputy),
                         ("责任单位", self.unit), ("办理期限", self.due)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "登记"))


class FeedbackDialog(QDialog):
    def __init__(self, content: str, feedback: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("整改反馈")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        shown = QPlainTextEdit(content)
        shown.setReadOnly(True)
        shown.setFixedHeight(60)
        self.feedback = QPlainTextEdit(feedback)
        self.close_it = QCheckBox(OpinionStatus.CLOSED)
        for label, w in [("意见建议", shown), ("整改反馈", self.feedback), ("", self.close_it)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "保存"))
