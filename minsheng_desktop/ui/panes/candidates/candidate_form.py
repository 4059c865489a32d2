"""One candidate's fields, the proposals it came from, and its screening meetings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ....clock import Clock
from ....domain.intake import parse_amount
from ....domain.screening import CandidateInput
from ....services.screening_service import CandidateRow
from ..._qt_helpers import date_edit, to_date


class CandidateForm(QWidget):
    def __init__(self, clock: Clock, parent=None):
        super().__init__(parent)
        self.clock = clock
        self.vote_word = "票决"
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox("候选项目")
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setMinimumHeight(72)
        self.content.setMaximumHeight(96)
        self.category = QComboBox()
        self.investment = QLineEdit()
        self.investment.setPlaceholderText("万元")
        self.fund = QLineEdit()
        self.fund.setPlaceholderText("如 上级专项资金、镇级配套")
        self.unit = QLineEdit()
        self.lead = QLineEdit()
        self.has_deadline = QCheckBox("设完成时限")
        self.deadline = date_edit()
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        for label, w in [("项目名称", self.name), ("建设内容", self.content), ("类别", self.category),
                         ("估算总投资", self.investment), ("资金来源", self.fund), ("责任单位", self.unit),
                         ("牵头领导", self.lead), ("", self.has_deadline), ("完成时限", self.deadline)]:
            form.addRow(label, w)
        lay.addWidget(box)
        src_box = QGroupBox("来源建议")
        self.sources = QListWidget()
        self.sources.setMaximumHeight(96)
        QVBoxLayout(src_box).addWidget(self.sources)
        lay.addWidget(src_box)
        meet_box = QGroupBox("审定记录")
        ml = QVBoxLayout(meet_box)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.meetings = QListWidget()
        self.meetings.setMaximumHeight(110)
        ml.addWidget(self.state)
        ml.addWidget(self.meetings)
        lay.addWidget(meet_box)
        lay.addStretch(1)
        self.current: CandidateRow | None = None
        self.show_row(None)

    def set_categories(self, categories: tuple[str, ...]) -> None:
        current = self.category.currentText()
        self.category.clear()
        self.category.addItems(categories)
        self.category.setCurrentText(current)

    def show_row(self, r: CandidateRow | None, year: int | None = None) -> None:
        self.current = r
        self.name.setText(r.name if r else "")
        self.content.setPlainText(r.content if r else "")
        if r:
            self.category.setCurrentText(r.category)
        self.investment.setText("" if not r or r.est_investment is None else f"{r.est_investment:g}")
        self.fund.setText(r.fund_source if r else "")
        self.unit.setText(r.responsible_unit if r else "")
        self.lead.setText(r.lead_official if r else "")
        self.has_deadline.setChecked(bool(r and r.deadline))
        d = r.deadline if r and r.deadline else date(year or self.clock.today().year, 12, 31)
        self.deadline.setDate(QDate(d.year, d.month, d.day))
        self.deadline.setEnabled(bool(r and r.deadline))
        self.sources.clear()
        self.meetings.clear()
        if r is None:
            self.state.setText("在左侧选中一个候选项目查看和修改；或用“从建议新建”建立候选项目。")
            return
        for _pid, seq, title, proposer in r.sources:
            self.sources.addItem(f"第 {seq} 号　{title}　{proposer}")
        if not r.sources:
            self.sources.addItem("（未关联建议）")
        for m in r.meetings:
            day = m.meeting_date.isoformat() if m.meeting_date else "日期未填"
            self.meetings.addItem(f"{day}　{m.stage_name}：{m.decision}" + (f"（{m.notes}）" if m.notes else ""))
        vote = self.vote_word  # 票选 in a street (CandidatesPane.use_terms)
        text = {"已审定": f"已完成全部审定环节，可提请{vote}。", "未通过": f"审定未通过，不列入{vote}。", "撤回": "已撤回。"}
        self.state.setText(text.get(r.status, f"审定中，下一步：{r.next_stage}"))

    def value(self) -> CandidateInput:
        return CandidateInput(
            name=self.name.text(), content=self.content.toPlainText(), category=self.category.currentText(),
            est_investment=parse_amount(self.investment.text(), "估算总投资"), fund_source=self.fund.text(),
            responsible_unit=self.unit.text(), lead_official=self.lead.text(),
            deadline=to_date(self.deadline) if self.has_deadline.isChecked() else None)
