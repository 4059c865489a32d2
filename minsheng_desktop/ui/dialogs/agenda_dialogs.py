"""Dialogs of a meeting's agenda: an item (and the 审议意见 it takes up again), a round's result, a 审议意见 adopted,
and its 交办 and the government's handling report."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from ...domain.agenda import AGENDA_KINDS, REPORTER_MAX, TITLE_MAX
from ...domain.errors import UserError
from ...domain.satisfaction import COUNT_LABELS, parse_scores
from ...domain.vocabulary import AgendaKind
from ...services.agenda_service import DeliberationRow, ItemRow
from .._qt_helpers import date_edit, to_date
from .common import ok_cancel

HINTS = {  # what the secretary types as 报告事项 for each kind
    AgendaKind.SPECIAL_WORK: "如：河长制工作",
    AgendaKind.UNIT_WORK: "如：镇司法所、吴家法庭（测评时称“镇司法所工作”）",
    AgendaKind.PROJECT_PROGRESS: "如：2026年度民生实事项目推进情况",
    AgendaKind.OPINION_HANDLING: "如：河长制工作（下方勾选本次再审议的审议意见）",
}


class AgendaItemDialog(QDialog):
    def __init__(self, projects: list[tuple[str, str]], reviewable: list[DeliberationRow], item: ItemRow | None = None,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle("修改议程" if item else "添加议程")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.addItems(AGENDA_KINDS)
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX)
        self.reporter = QLineEdit()
        self.reporter.setMaxLength(REPORTER_MAX)
        self.reporter.setPlaceholderText("报告单位或报告人，如：镇水利站、镇司法所所长")
        self.project = QComboBox()
        self.project.addItem("（不针对具体项目）", None)
        for pid, name in projects:
            self.project.addItem(name, pid)
        self.seq = QSpinBox()
        self.seq.setRange(0, 99)
        self.seq.setSpecialValueText("排在最后")
        self.notes = QLineEdit()
        self.reviews = QListWidget()
        self.reviews.setWordWrap(True)
        self.reviews.setMaximumHeight(140)
        picked = set(item.reviewed_ids) if item else set()
        for o in reviewable:
            entry = QListWidgetItem(f"{o.content}（{o.meeting}；{o.stage}）")
            entry.setData(Qt.ItemDataRole.UserRole, o.id)
            entry.setCheckState(Qt.CheckState.Checked if o.id in picked else Qt.CheckState.Unchecked)
            self.reviews.addItem(entry)
        self.reviews_note = QLabel("此前会议通过、政府已报告办理情况的审议意见：" if reviewable else
                                   "此前会议没有待再审议的审议意见。")
        self.reviews_note.setObjectName("paneNote")
        for label, w in [("类型", self.kind), ("报告事项", self.title), ("报告单位", self.reporter),
                         ("涉及项目", self.project), ("议程序号", self.seq), ("备注", self.notes)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(self.reviews_note)
        lay.addWidget(self.reviews)
        self.kind.currentTextChanged.connect(self._on_kind)
        if item:
            self.kind.setCurrentText(item.kind)
            self.title.setText(item.title)
            self.reporter.setText(item.reporter)
            self.project.setCurrentIndex(max(0, self.project.findData(item.project_id)))
            self.seq.setValue(item.seq)
            self.notes.setText(item.notes)
        self._on_kind(self.kind.currentText())
        lay.addWidget(ok_cancel(self, "保存"))

    def _on_kind(self, kind: str) -> None:
        self.title.setPlaceholderText(HINTS.get(AgendaKind(kind), ""))
        reviewing = kind == AgendaKind.OPINION_HANDLING
        self.reviews.setVisible(reviewing)
        self.reviews_note.setVisible(reviewing)

    def reviewed(self) -> list[str]:
        if self.kind.currentText() != AgendaKind.OPINION_HANDLING:
            return []
        return [self.reviews.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.reviews.count())
                if self.reviews.item(i).checkState() == Qt.CheckState.Checked]


class RoundEntryDialog(QDialog):
    """One round's result: three-level totals (entered twice by two people, as in 测评), or 100-point scores."""

    def __init__(self, subject: str, method: str, entry_no: int = 1, parent=None):
        super().__init__(parent)
        self.method = method
        self.setWindowTitle(f"录入测评结果 — {subject}")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        self.spins: dict[str, QSpinBox] = {}
        self.entry_no = QComboBox()
        self.scores = QPlainTextEdit()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        if method == "three_level":
            self.entry_no.addItem("第一次录入", 1)
            self.entry_no.addItem("第二次录入（另一人）", 2)
            self.entry_no.setCurrentIndex(entry_no - 1)
            form = QFormLayout()
            form.addRow("录入", self.entry_no)
            for key, label in COUNT_LABELS.items():
                spin = QSpinBox()
                spin.setRange(0, 100000)
                form.addRow(f"{label}（票）", spin)
                self.spins[key] = spin
            lay.addLayout(form)
            self.summary.setText("两次录入一致后确定结论；满意票超过有效票一半为“满意”。")
        else:
            lay.addWidget(QLabel("每张测评票一个 0～100 的评分，用空格、逗号或换行分开："))
            self.scores.textChanged.connect(self._on_scores)
            lay.addWidget(self.scores, 1)
            self._on_scores()
        self.summary.setObjectName("paneNote")
        lay.addWidget(self.summary)
        lay.addWidget(ok_cancel(self, "提交"))

    def _on_scores(self) -> None:
        try:
            scores = parse_scores(self.scores.toPlainText())
        except UserError as exc:
            self.summary.setText(exc.zh)
            return
        average = f"，平均 {sum(scores) / len(scores):.2f} 分" if scores else ""
        self.summary.setText(f"已识别 {len(scores)} 个评分{average}。提交后即确定结论。")

    def counts(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.spins.items()}

    def typed_scores(self) -> list[float]:
        return parse_scores(self.scores.toPlainText())


class DeliberationDialog(QDialog):
    """A 审议意见 the meeting adopts on the selected report."""

    def __init__(self, subject: str, unit: str, held_on: date, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"登记审议意见 — {subject}")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.content = QPlainTextEdit()
        self.unit = QLineEdit(unit)
        self.due = date_edit(held_on + timedelta(days=90))
        for label, w in [("审议意见", self.content), ("承办单位", self.unit), ("办理期限", self.due)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "登记"))


class HandlingDialog(QDialog):
    """交办 (sent to the government on a day) and the government's report on how it was handled."""

    def __init__(self, opinion: DeliberationRow, today: date, parent=None):
        super().__init__(parent)
        self.setWindowTitle("审议意见交办和办理情况")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        shown = QPlainTextEdit(opinion.content)
        shown.setReadOnly(True)
        shown.setFixedHeight(56)
        self.sent = QCheckBox("已交办政府")
        self.sent.setChecked(opinion.sent_on is not None)
        self.sent_on = date_edit(opinion.sent_on or today)
        self.reported = QCheckBox("政府已报告办理情况")
        self.reported.setChecked(opinion.reported_on is not None)
        self.reported_on = date_edit(opinion.reported_on or today)
        self.report = QPlainTextEdit(opinion.report)
        self.report.setPlaceholderText("政府（承办单位）报告的办理情况")
        sent_row, report_row = QHBoxLayout(), QHBoxLayout()
        for row, box, day in ((sent_row, self.sent, self.sent_on), (report_row, self.reported, self.reported_on)):
            row.addWidget(box)
            row.addWidget(day)
            row.addStretch(1)
            box.toggled.connect(day.setEnabled)
            day.setEnabled(box.isChecked())
        for label, w in [("审议意见", shown), ("交办", sent_row), ("办理情况报告", report_row), ("", self.report)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "保存"))

    def values(self) -> tuple[date | None, str, date | None]:
        return (to_date(self.sent_on) if self.sent.isChecked() else None, self.report.toPlainText(),
                to_date(self.reported_on) if self.reported.isChecked() else None)
