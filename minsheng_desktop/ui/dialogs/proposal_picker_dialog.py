"""Choosing the proposals a new candidate is built from (searchable, several at once)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
)

from ...services.intake_service import ProposalRow
from ...services.proposal_query import ProposalFilter, ProposalSearch
from ..models.proposals_table_model import ProposalsTableModel
from .common import ok_cancel


class ProposalPickerDialog(QDialog):
    def __init__(self, rows: list[ProposalRow], parent=None):
        super().__init__(parent)
        self.setWindowTitle("从建议新建候选项目")
        self.resize(960, 560)
        self.search = ProposalSearch([r for r in rows if not r.merged_into_id])
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("选中一件或多件建议（按住 Ctrl 多选），它们将作为新候选项目的来源并答复为“采纳为候选”："))
        self.text = QLineEdit()
        self.text.setPlaceholderText("搜索项目名称和建议内容")
        self.text.textChanged.connect(self._on_search)
        lay.addWidget(self.text)
        self.model = ProposalsTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setColumnWidth(1, 300)
        lay.addWidget(self.view, 1)
        lay.addWidget(ok_cancel(self, "用所选建议新建", on_ok=self._on_accept))
        self._on_search("")

    def _on_search(self, text: str) -> None:
        self.model.set_rows(self.search.apply(ProposalFilter(text=text)))

    def chosen(self) -> list[ProposalRow]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    def _on_accept(self) -> None:
        if not self.chosen():
            QMessageBox.information(self, "新建候选项目", "请至少选中一件建议。")
            return
        self.accept()
