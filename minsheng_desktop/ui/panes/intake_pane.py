"""征集: keyboard entry, a filterable table of the year's proposals, Excel in and out, merging, replies."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ...clock import Clock
from ...domain.catalog import SOURCES
from ...domain.intake import STATUSES, ProposalInput
from ...domain.terms import Terms
from ...services.changes import DATA, Changes
from ...services.intake_service import IntakeService, ProposalRow
from ...services.proposal_excel import ImportReport, ProposalExcelService, export_rows, write_template
from ...services.proposal_query import ProposalFilter, ProposalSearch, counts
from ...services.reply_service import ReplyService
from ...services.report_service import ReportService
from .._qt_helpers import calendar_popup
from ..dialogs.attachments_dialog import AttachmentsDialog
from ..dialogs.fate_dialog import FateDialog
from ..dialogs.merge_dialog import MergeDialog
from ..dialogs.replies_dialog import RepliesDialog
from ..dialogs.reply_dialog import ReplyDialog
from ..events import EventBus
from ..feedback import PDF_OR_XLSX, XLSX, show_error
from ..models.proposals_table_model import ProposalsTableModel
from ..tasks import TaskRunner
from ..widgets import add_buttons, pane_layout
from .intake.intake_form import IntakeForm
from .intake.lookalike_text import hint_html, why_html
from .year_pane import YearPane

ALL = "全部"


class IntakePane(YearPane):
    def __init__(self, intake: IntakeService, excel: ProposalExcelService, reports: ReportService, bus: EventBus,
                 tasks: TaskRunner, parent=None, *, clock: Clock):
        super().__init__(bus, tasks, parent)
        self.referral = "提请人民代表大会票决"  # a street: 提请议事代表会议票选 (use_terms)
        self.intake, self.excel, self.reports = intake, excel, reports
        self.replies = ReplyService(intake.db, clock)
        self.search = ProposalSearch([])
        lay = pane_layout(self, "征集", "登记群众、代表、部门和网络征集的建议；识别并合并重复建议；逐件答复建议人。")
        self.form = IntakeForm(clock)
        self.form.submitted.connect(self._on_submitted)
        self.form.title_changed.connect(self._on_title_changed)
        lay.addWidget(self.form)
        self.summary = QLabel()
        self.summary.setObjectName("paneNote")
        self.summary.setWordWrap(True)
        lay.addLayout(self._filters())
        self.model = ProposalsTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.doubleClicked.connect(self._on_edit)
        for col, width in enumerate((56, 260, 90, 80, 80, 96, 96, 110, 80, 90, 50)):
            self.view.setColumnWidth(col, width)
        lay.addWidget(self.view, 1)
        lay.addLayout(self._actions())

    def _filters(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        bar = QHBoxLayout()
        second = QHBoxLayout()
        self.text = QLineEdit()
        self.text.setPlaceholderText("搜索项目名称和建议内容")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(220)
        self.category, self.source, self.village, self.status = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        self.source.addItems([ALL, *SOURCES])
        self.status.addItems([ALL, *STATUSES])
        for combo in (self.category, self.source, self.village, self.status):
            combo.setMaximumWidth(120)
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit in (self.date_from, self.date_to):
            calendar_popup(edit)
            edit.setSpecialValueText("不限")
            edit.setMinimumDate(QDate(2000, 1, 1))
            edit.setDate(edit.minimumDate())
        bar.addWidget(self.text, 2)
        for label, w in [("类别", self.category), ("来源", self.source), ("村(社区)", self.village), ("状态", self.status)]:
            bar.addWidget(QLabel(label))
            bar.addWidget(w)
        for label, w in [("收到日期", self.date_from), ("至", self.date_to)]:
            second.addWidget(QLabel(label))
            second.addWidget(w)
        reset = QPushButton("清除筛选")
        reset.clicked.connect(self._on_reset_filters)
        second.addWidget(reset)
        second.addWidget(self.summary, 1)
        rows.addLayout(bar)
        rows.addLayout(second)
        self.text.textChanged.connect(self.apply_filter)
        for combo in (self.category, self.source, self.village, self.status):
            combo.currentIndexChanged.connect(self.apply_filter)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.apply_filter)
        return rows

    def _actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [
            ("edit", "编辑", self._on_edit), ("reply", "答复…", self._on_reply), ("fate", "答复进程…", self._on_fate),
            ("answers", "答复与公告…", self._on_answers), ("merge", "合并重复…", self._on_merge),
            ("unmerge", "取消合并", self._on_unmerge), ("attach", "附件…", self._on_attachments), (None, None, None),
            ("import", "导入 Excel…", self._on_import), ("template", "模板…", self._on_template),
            ("export", "导出…", self._on_export), ("replies", "答复清单…", self._on_reply_list)])
        return bar

    # Loading and filtering ------------------------------------------------------------------------------------
    def show_part(self, _part: str = "") -> None:
        """The start page's 开始征集: ready to type the first proposal."""
        self.form.title_edit.setFocus()

    def use_terms(self, t: Terms) -> None:
        """A street's words (MainWindow): an adopted proposal goes to its 议事代表会议 for 票选."""
        self.referral = t.referral

    def load(self) -> None:
        rows = self.intake.proposals(self.year)
        self.search = ProposalSearch(rows)
        villages = sorted({r.village for r in rows if r.village})
        self.form.set_choices(self.intake.categories(), villages)
        for combo, items in ((self.category, self.intake.categories()), (self.village, villages)):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([ALL, *items])
            combo.setCurrentText(current if current in items else ALL)
            combo.blockSignals(False)
        self.apply_filter()

    def current_filter(self) -> ProposalFilter:
        def pick(combo: QComboBox) -> str:
            return "" if combo.currentText() == ALL else combo.currentText()

        def day(edit: QDateEdit) -> date | None:
            d = edit.date()
            return None if d == edit.minimumDate() else date(d.year(), d.month(), d.day())

        return ProposalFilter(self.text.text(), pick(self.category), pick(self.source), pick(self.village),
                              pick(self.status), day(self.date_from), day(self.date_to))

    def apply_filter(self, *_args) -> None:
        rows = self.search.apply(self.current_filter())
        self.model.set_rows(rows)
        by_cat, by_src = counts(rows)
        self.summary.setText(
            "显示 {n} / {total} 件。按类别：{cats}。按来源：{srcs}。".format(
                n=len(rows), total=len(self.search.rows),
                cats="，".join(f"{k} {v}" for k, v in by_cat.most_common()) or "—",
                srcs="，".join(f"{k} {v}" for k, v in by_src.most_common()) or "—"))

    def _on_reset_filters(self) -> None:
        self.text.clear()
        for combo in (self.category, self.source, self.village, self.status):
            combo.setCurrentIndex(0)
        for edit in (self.date_from, self.date_to):
            edit.setDate(edit.minimumDate())

    def selected(self) -> list[ProposalRow]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    # Entry --------------------------------------------------------------------------------------------------
    def _on_submitted(self, data: ProposalInput, editing_id: str) -> None:
        try:
            saved = self.intake.update(editing_id, data) if editing_id else self.intake.add(self.year, data)
        except Exception as exc:
            if hasattr(exc, "zh"):
                self.form.show_message(exc.zh, "error")
            else:
                show_error(self, exc, "建议未保存")
            return
        text = saved.changes.message
        if saved.warnings:
            text += "；" + "；".join(saved.warnings)
        if saved.similar:
            text = hint_html(text + "。可能与以下建议重复：", saved.similar, suffix="（可用“合并重复”合并）")
        self.form.show_message(text, "warn" if saved.similar or saved.warnings else "ok")
        self.form.start_new()
        if editing_id:
            self.bus.publish(saved.changes)
            return
        # a new proposal: added to the list in place (no reload of the year: Enter to table stays fast at 20,000)
        row = self.intake.row(saved.id)
        if row.village and self.village.findText(row.village) < 0:
            self.bus.publish(saved.changes)  # a village not seen before: the filter lists need it, reload once
            return
        self.search.add(row)
        self.apply_filter()
        self.bus.publish(saved.changes.shown_by("征集"))

    def _on_title_changed(self, title: str, village: str) -> None:
        content = self.form.content.toPlainText()
        if self.year is None or len(title.strip() + content.strip()) < 4:
            return
        similar = self.intake.similar(self.year, title, village, exclude=self.form.editing_id or None, content=content)
        if similar:
            self.form.show_message(hint_html("可能重复：", similar), "warn")
        else:
            self.form.show_message("")

    def _on_edit(self, *_args) -> None:
        rows = self.selected()
        if rows:
            self.form.edit(rows[0])

    # Replies and merging -----------------------------------------------------------------------------------
    def _need_selection(self, title: str) -> list[ProposalRow] | None:
        rows = self.selected()
        if not rows:
            QMessageBox.information(self, title, "请先在列表中选中建议（可按住 Ctrl 或 Shift 多选）。")
            return None
        return rows

    def _on_reply(self) -> None:
        rows = self._need_selection("答复")
        if not rows:
            return
        dialog = ReplyDialog(len(rows), self, referral=self.referral)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        outcome, reason = dialog.values()
        self._publish(lambda: self.intake.set_outcome([r.id for r in rows], outcome, reason), "未能答复")

    def _on_fate(self) -> None:
        rows = self._need_selection("答复进程")
        if rows:
            FateDialog(self.replies.fate(self.year, rows[0].id), self).exec()

    def _on_answers(self) -> None:
        villages = sorted({r.village for r in self.search.rows if r.village})
        RepliesDialog(self.replies, self.year, self.ops, self.bus, villages, [r.id for r in self.selected()],
                      self).exec()

    def _on_merge(self) -> None:
        rows = self._need_selection("合并重复建议")
        if not rows:
            return
        why: dict[str, str] = {}
        if len(rows) == 1:  # one selected: offer its look-alikes
            by_id = {r.id: r for r in self.search.rows}
            similar = self.intake.similar(self.year, rows[0].title, rows[0].village, exclude=rows[0].id,
                                          content=rows[0].content)
            rows += [by_id[s.id] for s in similar if s.id in by_id and not by_id[s.id].merged_into_id]
            why = {s.id: why_html(rows[0].title, rows[0].content, s) for s in similar}
            if len(rows) == 1:
                QMessageBox.information(self, "合并重复建议", "没有找到与它相似的建议；也可以多选几件后再合并。")
                return
        dialog = MergeDialog(rows, self, why=why)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        primary, others, reason = dialog.choice()
        self._publish(lambda: self.intake.merge(primary, others, reason), "未能合并")

    def _on_unmerge(self) -> None:
        rows = self._need_selection("取消合并")
        if rows:
            self._publish(lambda: self.intake.unmerge(rows[0].id))

    def _on_attachments(self) -> None:
        rows = self._need_selection("附件")
        if rows:
            dialog = AttachmentsDialog(self.intake, rows[0], self, tasks=self.ops.tasks)
            dialog.exec()
            if dialog.changed:
                self.bus.publish(Changes.of(DATA, message="附件已更新"))

    # Excel and reports ---------------------------------------------------------------------------------------
    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择建议征集表", "", "Excel 文件 (*.xlsx)")
        if not path:
            return
        year = self.year
        self.ops.run(lambda progress: self.excel.import_file(path, year), label="正在导入建议征集表……",
                     done=self._after_import, error_title="建议未导入")

    def _after_import(self, report: ImportReport) -> None:
        self.bus.publish(self.excel.changes_for(report))
        details = [report.summary()]
        if report.rejected:
            details.append("\n未导入的行（请改正后重新导入，已导入的行不会重复）：")
            details += [f"第 {r['row']} 行：{r['reason']}" for r in report.rejected[:20]]
        if report.warnings:
            details.append("\n提示：")
            details += report.warnings[:10]
        if report.possible_duplicates:
            details.append("\n疑似重复（可在列表中选中后“合并重复”）：")
            details += [f"第 {d['row']} 行 ≈ {'；'.join(d['matches'][:2])}（相同：{'、'.join(d.get('shared', [[]])[0][:4])}）"
                        for d in report.possible_duplicates[:10]]
        QMessageBox.information(self, "导入完成", "\n".join(details))

    def _on_template(self) -> None:
        self.ops.save("保存征集模板", "民生实事建议征集表.xlsx", XLSX, write_template)

    def _on_export(self) -> None:
        rows = self.model.rows()  # read on the main thread; the worker only writes
        self.ops.save("导出当前列表", f"{self.year}年度征集建议.xlsx", XLSX, lambda path: export_rows(path, rows),
                      lambda path, n: f"已导出 {n} 件建议到 {path}")

    def _on_reply_list(self) -> None:
        village = self.current_filter().village or None
        name = f"{self.year}年度建议办理答复清单{'-' + village if village else ''}.pdf"
        year = self.year
        self.ops.save("保存答复清单", name, PDF_OR_XLSX,
                      lambda path: self.reports.write("replies", year, path, village=village))
