"""汇总 › 乡镇考核: every town scored by the county's rules (设置 › 乡镇考核), ranked; a town's row shows the evidence
behind each score; the table can be saved as .xlsx. Scores come whole from ``AssessmentService``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QSplitter, QVBoxLayout, QWidget

from ....domain.assessment import ITEMS, TownScore
from ....services.assessment_service import AssessmentService
from ...feedback import attempt
from ...models.records_table_model import RecordsTableModel
from ...ops import Ops
from ...widgets import record_table


class AssessmentPanel(QWidget):
    def __init__(self, assessment: AssessmentService, ops: Ops, parent=None):
        super().__init__(parent)
        self.svc, self.ops = assessment, ops
        self.scores: list[TownScore] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("考核年度"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setGroupSeparatorShown(False)
        self.year.valueChanged.connect(self.refresh)
        bar.addWidget(self.year)
        self.note = QLabel()
        self.note.setObjectName("paneNote")
        self.note.setWordWrap(True)
        bar.addWidget(self.note, 1)
        self.export_btn = QPushButton("导出考核表…")
        self.export_btn.clicked.connect(self._on_export)
        bar.addWidget(self.export_btn)
        lay.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = RecordsTableModel(parent=self)
        self.view = record_table(self.model, single=True)
        self.view.selectionModel().currentRowChanged.connect(self._on_row)
        split.addWidget(self.view)
        self.evidence_model = RecordsTableModel(parent=self)
        self.evidence = record_table(self.evidence_model)
        split.addWidget(self.evidence)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)

    def set_year(self, year: int) -> None:
        if self.year.value() != year:
            self.year.setValue(year)  # → refresh
        else:
            self.refresh()

    def refresh(self, *_args) -> None:
        ok, result = attempt(self, lambda: self.svc.assess(self.year.value()), "考核结果未能载入")
        if not ok or result is None:
            return
        policy, self.scores = result
        heads = [f"{label}({policy.worth(k)})" for k, label, _p in ITEMS]
        self.model.set_rows(("名次", "乡镇（街道）", "总分", *heads),
                            [(t.rank, t.name, t.total, *(i.score for i in t.items)) for t in self.scores],
                            [t.code for t in self.scores])
        self.view.resizeColumnsToContents()
        self.note.setText(f"{len(self.scores)} 个乡镇（街道），按“设置 › 乡镇考核”的规则打分，满分 "
                          f"{sum(v for _k, v in policy.points)} 分。选中一行查看各项得分的依据。")
        self.evidence_model.set_rows(("考核项目", "得分", "分值", "依据"), [])
        if self.scores:
            self.view.selectRow(0)

    def _on_row(self, current, _previous) -> None:
        if not current.isValid() or current.row() >= len(self.scores):
            return
        t = self.scores[current.row()]
        self.evidence_model.set_rows(("考核项目", "得分", "分值", "依据"),
                                     [(i.label, i.score, i.worth, i.evidence) for i in t.items])
        self.evidence.resizeColumnsToContents()

    def _on_export(self) -> None:
        year = self.year.value()
        self.ops.save("导出考核表", f"{year}年度乡镇票决工作考核.xlsx", "Excel 表格 (*.xlsx)",
                      lambda path: self.svc.export(year, path))
