"""候选项目: build candidates from proposals, record each screening meeting, check 差额, order the ballot."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...clock import Clock
from ...domain.screening import CandidateInput
from ...domain.terms import Terms
from ...services.intake_service import IntakeService
from ...services.report_service import ReportService
from ...services.screening_service import CandidateRow, ScreeningService
from .._qt_helpers import repolish
from ..dialogs.meeting_dialog import MeetingDialog
from ..dialogs.proposal_picker_dialog import ProposalPickerDialog
from ..events import EventBus
from ..feedback import PDF_OR_XLSX, attempt
from ..models.records_table_model import RecordsTableModel
from ..tasks import TaskRunner
from ..widgets import add_buttons, pane_layout, record_table
from .candidates.candidate_form import CandidateForm
from .year_pane import YearPane

COLUMNS = ("序号", "候选项目", "状态", "审定进度", "类别", "估算总投资(万元)", "责任单位", "完成时限")


def _progress(r: CandidateRow, chain_len: int) -> str:
    if r.status == "未通过" and r.meetings:
        return f"{r.meetings[-1].stage_name}未通过"
    passed = sum(1 for m in r.meetings if m.decision != "不通过")
    return f"{passed}/{chain_len}" + (f" 待{r.next_stage}" if r.next_stage and r.status == "初选" else "")


class CandidatesPane(YearPane):
    def __init__(self, screening: ScreeningService, intake: IntakeService, reports: ReportService, bus: EventBus,
                 parent=None, *, clock: Clock, tasks: TaskRunner | None = None):
        super().__init__(bus, tasks, parent)
        self.screening, self.intake, self.reports, self.clock = screening, intake, reports, clock
        self.rows: list[CandidateRow] = []
        lay = pane_layout(self, "候选项目",
                          "从建议中形成候选项目，逐个记录审定会议；全部环节通过的候选项目按选票顺序提请人民代表大会票决。")
        self.header_note = lay.itemAt(0).widget().findChild(QLabel, "paneNote")
        self.margin = QLabel()
        lay.addWidget(self.margin)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.model = RecordsTableModel(COLUMNS, self)
        self.view = record_table(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        ll.addWidget(self.view, 1)
        order = QHBoxLayout()
        self.buttons = add_buttons(self, order, [("up", "上移", lambda: self._move(-1)), ("down", "下移", lambda: self._move(1)),
                                ("by_category", "按类别排序", self._on_by_category), (None, "", None),
                                ("pdf", "导出建议名单…", self._on_export)])
        ll.addLayout(order)
        split.addWidget(left)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        self.form = CandidateForm(clock)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        rl.addWidget(scroll, 1)
        actions = QHBoxLayout()
        self.buttons |= add_buttons(self, actions, [
            ("new", "从建议新建…", self._on_new), ("save", "保存修改", self._on_save),
            ("meeting", "记录审定会议…", self._on_meeting), ("withdraw", "撤回…", self._on_withdraw)])
        self.buttons["new"].setObjectName("primary")
        rl.addLayout(actions)
        split.addWidget(right)
        split.setSizes([800, 420])
        lay.addWidget(split, 1)

    def use_terms(self, t: Terms) -> None:
        """A street's words (MainWindow): 提请议事代表会议票选."""
        self.form.vote_word = t.vote
        self.header_note.setText(f"从建议中形成候选项目，逐个记录审定会议；全部环节通过的候选项目按选票顺序{t.referral}。")

    def load(self) -> None:
        keep = {r.id for r in self.selected()}
        self.rows = self.screening.candidates(self.year)
        self.form.set_categories(self.intake.categories())
        chain_len = len(self.screening.chain())
        self.model.set_rows(COLUMNS, [
            (r.ballot_order, r.name, r.status, _progress(r, chain_len), r.category, r.est_investment, r.responsible_unit,
             r.deadline.isoformat() if r.deadline else "") for r in self.rows], [r.id for r in self.rows])
        for col, width in enumerate((40, 210, 60, 110, 80, 104, 104, 86)):
            self.view.setColumnWidth(col, width)
        for i, r in enumerate(self.rows):
            if r.id in keep:
                self.view.selectRow(i)
        m = self.screening.margin(self.year)
        self.margin.setText(m.message + ("；选票顺序见左表“序号”列" if m.approved else ""))
        self.margin.setObjectName({"ok": "ok", "warn": "warn", "error": "error"}[m.level])
        repolish(self.margin)
        if not self.selected():
            self.form.show_row(None, self.year)

    def selected(self) -> list[CandidateRow]:
        ids = {self.model.row_id(i.row()) for i in self.view.selectionModel().selectedRows()}
        return [r for r in self.rows if r.id in ids]

    def _on_selection(self, *_args) -> None:
        rows = self.selected()
        self.form.show_row(rows[0] if len(rows) == 1 else None, self.year)

    def _on_new(self) -> None:
        dialog = ProposalPickerDialog(self.intake.proposals(self.year), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        first = chosen[0]
        total = sum((Decimal(str(r.est_investment)) for r in chosen if r.est_investment is not None), Decimal(0))
        data = CandidateInput(first.title, "\n".join(r.content for r in chosen if r.content)[:1000], first.category,
                              total or None)
        ok, made = attempt(self, lambda: self.screening.create(self.year, data, [r.id for r in chosen]), "未能新建候选项目")
        if not ok:
            return
        self.bus.publish(made[1])
        for i, r in enumerate(self.rows):
            if r.name == data.name and not r.meetings:
                self.view.selectRow(i)

    def _on_save(self) -> None:
        r = self.form.current
        if r is None:
            QMessageBox.information(self, "保存", "请先在左侧选中一个候选项目。")
            return
        self._publish(lambda: self.screening.update(r.id, self.form.value()))

    def _on_meeting(self) -> None:
        rows = self.selected()
        if not rows:
            QMessageBox.information(self, "审定", "请先选中要审定的候选项目（可多选：一次会议审定多个项目）。")
            return
        dialog = MeetingDialog(self.screening.chain(), rows[0].next_stage, [r.name for r in rows], self,
                              clock=self.clock)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._publish(lambda: self.screening.record_meeting([r.id for r in rows], dialog.meeting()))

    def _on_withdraw(self) -> None:
        rows = self.selected()
        if not rows:
            return
        reason, ok = QInputDialog.getText(self, "撤回候选项目", f"撤回“{rows[0].name}”的理由：")
        if ok:
            self._publish(lambda: self.screening.withdraw(rows[0].id, reason))

    def _move(self, step: int) -> None:
        rows = self.selected()
        if rows:
            self._publish(lambda: self.screening.move(self.year, rows[0].id, step))

    def _on_by_category(self) -> None:
        self._publish(lambda: self.screening.order_by_category(self.year))

    def _on_export(self) -> None:
        year = self.year
        self.ops.save("导出候选项目建议名单", f"{year}年度民生实事候选项目建议名单.pdf", PDF_OR_XLSX,
                      lambda path: self.reports.write("candidates", year, path))
