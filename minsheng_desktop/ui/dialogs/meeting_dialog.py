"""记录审定会议: one meeting deciding the selected candidates at their current stage."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from ...clock import Clock
from ...domain.screening import DECISIONS, Meeting
from .common import ok_cancel


class MeetingDialog(QDialog):
    def __init__(self, chain: tuple[str, ...], stage: str | None, names: list[str], parent=None, *, clock: Clock):
        super().__init__(parent)
        self.setWindowTitle("记录审定会议")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        listing = "、".join(names[:6]) + (f" 等 {len(names)} 个" if len(names) > 6 else "")
        note = QLabel(f"审定：{listing}")
        note.setWordWrap(True)
        lay.addWidget(note)
        form = QFormLayout()
        self.stage = QComboBox()
        self.stage.addItems(chain)
        if stage:
            self.stage.setCurrentText(stage)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = clock.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.decision = QComboBox()
        self.decision.addItems(DECISIONS)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        for label, w in [("审定环节", self.stage), ("会议日期", self.day), ("审定结果", self.decision), ("意见", self.notes)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "记录"))

    def meeting(self) -> Meeting:
        d = self.day.date()
        return Meeting(self.stage.currentText(), self.decision.currentText(), date(d.year(), d.month(), d.day()),
                       self.notes.toPlainText())
