"""记录审定会议: one meeting deciding the selected candidates at their current stage."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from ...clock import Clock
from ...domain.screening import DECISIONS, Meeting
from .._qt_helpers import date_edit, to_date
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
        self.day = date_edit(clock.today())
        self.decision = QComboBox()
        self.decision.addItems(DECISIONS)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        for label, w in [("审定环节", self.stage), ("会议日期", self.day), ("审定结果", self.decision), ("意见", self.notes)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "记录"))

    def meeting(self) -> Meeting:
        return Meeting(self.stage.currentText(), self.decision.currentText(), to_date(self.day),
                       self.notes.toPlainText())
