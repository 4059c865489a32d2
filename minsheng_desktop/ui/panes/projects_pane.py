"""实施: every chosen project with its light, milestones, progress, funds and recorded adjustments."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
)

from ...clock import Clock
from ...domain.intake import parse_amount
from ...domain.progress import LIGHT_COLOURS, LIGHT_MEANING
from ...domain.terms import TOWN_TERMS, Terms
from ...services.project_service import ProjectRow, ProjectService
from ...services.report_service import ReportService
from .._qt_helpers import to_date
from ..dialogs.project_dialogs import AdjustmentDialog, DecisionDialog, ProgressDialog
from ..events import EventBus
from ..feedback import PDF_OR_DOCX, PDF_OR_XLSX, confirm
from ..models.records_table_model import RecordsTableModel
from ..tasks import TaskRunner
from ..widgets import add_buttons, pane_layout, record_table
from .projects.project_detail import ProjectDetailView
from .year_pane import YearPane

COLUMNS = ("项目名称", "责任单位", "完成时限", "进度", "状态", "预算(万元)", "到位(万元)", "已支出(万元)")


class ProjectsPane(YearPane):
    def __init__(self, projects: ProjectService, reports: ReportService, bus: EventBus, town_body: str = "", parent=None,
                 *, clock: Clock, tasks: TaskRunner | None = None):
        super().__init__(bus, tasks, parent)
        self.projects, self.reports, self.clock = projects, reports, clock
        self.rows: list[ProjectRow] = []
        self.current: str | None = None
        self.terms = TOWN_TERMS
        lay = pane_layout(self, "实施", "票决产生的民生实事项目：节点、进展、资金和调整。")
        self.header_note = lay.itemAt(0).widget().findChild(QLabel, "paneNote")
        legend = "　".join(f"<span style='color:{LIGHT_COLOURS[k]}'>●</span> {k}：{v}" for k, v in LIGHT_MEANING.items())
        self.legend = QLabel(legend)
        lay.addWidget(self.legend)
        self.summary = QLabel()
        self.summary.setObjectName("paneNote")
        lay.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = RecordsTableModel(COLUMNS, self)
        self.view = record_table(self.model, single=True)
        self.view.selectionModel().selectionChanged.connect(self._on_select)
        split.addWidget(self.view)
        self.detail = ProjectDetailView()
        split.addWidget(self.detail)
        split.setSizes([700, 520])
        lay.addWidget(split, 1)
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [("carry", "结转到下一年度…", self._on_carry), (None, "", None),
                                ("notice", "进展公示…", lambda: self._report("notice", "pdf")),
                                ("ledger", "项目台账…", lambda: self._report("ledger", "xlsx"))])
        lay.addLayout(bar)
        d = self.detail
        d.save_info.connect(self._on_save_info)
        d.save_milestones.connect(self._on_save_milestones)
        d.add_progress.connect(self._on_progress)
        d.request_adjustment.connect(self._on_request)
        d.decide_adjustment.connect(self._on_decide)
        self.town_body = town_body or "乡镇人民代表大会"

    def use_terms(self, t: Terms) -> None:
        """A street's words (MainWindow): 票选产生的项目, decided by its 议事代表会议."""
        self.terms = t
        self.header_note.setText(f"{t.vote}产生的民生实事项目：节点、进展、资金和调整。")
        self.detail.rule_note.setText(f"项目名称、目标任务和完成时限由{t.member}{t.vote}确定，只能通过“调整”页登记并经决定后改变。")

    def load(self) -> None:
        self.rows = self.projects.projects(self.year)
        self.model.set_rows(COLUMNS, [(r.name, r.responsible_unit, r.deadline.isoformat() if r.deadline else "",
                                       f"{r.percent}%", r.status, r.budget, r.funds_in_place, r.spent) for r in self.rows],
                            [r.id for r in self.rows], [QColor(LIGHT_COLOURS[r.light]) for r in self.rows])
        for col, w in enumerate((230, 110, 90, 56, 60, 86, 86, 90)):
            self.view.setColumnWidth(col, w)
        lights = {k: sum(1 for r in self.rows if r.light == k) for k in LIGHT_MEANING}
        self.summary.setText(f"{self.year} 年度项目 {len(self.rows)} 个：" + "，".join(f"{k}灯 {v}" for k, v in lights.items() if v))
        ids = [r.id for r in self.rows]
        if self.current in ids:
            self.view.selectRow(ids.index(self.current))
        elif ids:
            self.view.selectRow(0)

    def _on_select(self, *_args) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.current = self.model.row_id(rows[0].row())
            self.detail.show_detail(self.projects.detail(self.current))

    def _on_save_info(self, unit: str, lead: str, budget: str) -> None:
        self._publish(lambda: self.projects.update_info(self.current, unit, lead, parse_amount(budget, "预算")))

    def _on_save_milestones(self, view) -> None:
        self._publish(lambda: self.projects.set_milestones(self.current, view.milestone_values()))

    def _on_progress(self) -> None:
        if not self.current:
            return
        p = self.detail.detail.project
        dialog = ProgressDialog(p.name, p.percent, p.funds_in_place, p.spent, self, clock=self.clock)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        # read on the main thread; the photos (often large) are read and stored in the background
        project_id, day, percent, text = self.current, to_date(dialog.day), dialog.percent.value(), dialog.text.toPlainText()
        funds, spent, photos = dialog.funds.text(), dialog.spent.text(), list(dialog.photos)
        self.ops.run(lambda _progress: self.projects.add_progress(
            project_id, day, percent, text, funds_in_place=parse_amount(funds, "到位资金"),
            spent=parse_amount(spent, "已支出"), photos=photos),
            label="正在登记进展和照片……", error_title="进展未登记")

    def _on_request(self) -> None:
        if not self.current:
            return
        dialog = AdjustmentDialog(self.detail.detail.project.name, self, clock=self.clock, terms=self.terms)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            kind = dialog.kind.currentText()
            self._publish(lambda: self.projects.request_adjustment(
                self.current, kind, dialog.reason.toPlainText(), to_date(dialog.day),
                to_date(dialog.new_deadline) if kind == "延期" else None,
                dialog.new_target.toPlainText() if kind == "调整" else ""))

    def _on_decide(self, adjustment_id: str) -> None:
        a = next(a for a in self.detail.detail.adjustments if a.id == adjustment_id)
        dialog = DecisionDialog(f"{a.kind}申请：{a.reason}", self.town_body, self, clock=self.clock)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._publish(lambda: self.projects.decide_adjustment(adjustment_id, dialog.body.text(), to_date(dialog.day),
                                                                  dialog.outcome.currentText()))

    def _on_carry(self) -> None:
        if self.current and confirm(self, "结转", "将该未完成项目结转到下一年度继续实施？原项目及其记录保留。",
                                       ok="结转"):
            self._publish(lambda: self.projects.carry_over(self.current))

    def _report(self, kind: str, ext: str) -> None:
        names = {"notice": "民生实事项目进展公示", "ledger": "民生实事项目台账"}
        year = self.year
        self.ops.save("保存", f"{year}年度{names[kind]}.{ext}", PDF_OR_DOCX if ext == "pdf" else PDF_OR_XLSX,
                      lambda path: self.reports.write(kind, year, path))


