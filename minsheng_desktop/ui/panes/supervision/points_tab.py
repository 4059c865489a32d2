"""监督 › 履职积分: each deputy's points for the year or a quarter, ranked; a click shows what was counted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ....domain.points import ITEM_LABELS, ITEM_UNITS, PointItem, format_points
from ....services.points_service import QUARTERS, DeputyLine, PointsService, PointsYear
from ...feedback import XLSX
from ...models.records_table_model import RecordsTableModel
from ...ops import Ops
from ...widgets import record_table

# Short headers so the eleven items fit beside the evidence at 1366×768; the evidence panel spells them out.
SHORT = {PointItem.CONGRESS: "大会", PointItem.ABSENCE: "缺席", PointItem.MEETING: "季会",
         PointItem.QUESTIONS: "三问", PointItem.INSPECTION: "视察调研", PointItem.INTERVIEW: "约见",
         PointItem.REVISIT: "回头看", PointItem.OPINION: "意见", PointItem.OPINION_CLOSED: "办结",
         PointItem.PROPOSAL: "建议", PointItem.SCORING: "测评"}
COLUMNS = ("名次", "姓名", "代表小组", *SHORT.values(), "合计")
ITEM_COLUMNS = ("积分项目", "次数", "积分")
EVIDENCE_COLUMNS = ("日期", "内容", "积分")


class PointsTab(QWidget):
    """Shown inside the 监督 pane; ``show_year`` loads a year (the pane calls it from its ``load``)."""

    def __init__(self, points: PointsService, ops: Ops, parent=None):
        super().__init__(parent)
        self.points, self.ops = points, ops
        self.data: PointsYear | None = None
        self.lines: list[DeputyLine] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("期间"))
        self.period = QComboBox()
        self.period.addItem("全年", None)
        for q, name in enumerate(QUARTERS, start=1):
            self.period.addItem(name, q)
        self.period.currentIndexChanged.connect(self._show)
        bar.addWidget(self.period)
        self.note = QLabel()
        self.note.setObjectName("paneNote")
        self.note.setWordWrap(True)
        bar.addWidget(self.note, 1)
        self.export_btn = QPushButton("导出积分表…")
        self.export_btn.clicked.connect(self._on_export)
        bar.addWidget(self.export_btn)
        lay.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = RecordsTableModel(COLUMNS, self)
        self.view = record_table(self.model, single=True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.selectionModel().selectionChanged.connect(self._on_select)
        split.addWidget(self.view)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        self.who = QLabel("点击左侧代表查看积分明细")
        self.who.setObjectName("sectionTitle")
        self.who.setWordWrap(True)
        rl.addWidget(self.who)
        self.item_model = RecordsTableModel(ITEM_COLUMNS, self)
        self.items_view = record_table(self.item_model)
        self.items_view.verticalHeader().setDefaultSectionSize(22)
        self.items_view.setFixedHeight(22 * (len(PointItem) + 1) + 6)  # every item at once, no scrolling
        rl.addWidget(self.items_view)
        self.evidence_model = RecordsTableModel(EVIDENCE_COLUMNS, self)
        self.evidence_view = record_table(self.evidence_model)
        self.evidence_view.setWordWrap(True)
        rl.addWidget(self.evidence_view, 1)
        split.addWidget(right)
        split.setSizes([690, 430])
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        self.current: str | None = None

    def show_year(self, year: int) -> None:
        self.data = self.points.year_points(year)
        self._show()

    def _quarter(self) -> int | None:
        return self.period.currentData()

    def _show(self, *_args) -> None:
        if self.data is None:
            return
        quarter = self._quarter()
        self.lines = self.data.ranked(quarter)
        rows = []
        for line in self.lines:
            items = line.points.items(quarter)
            name = line.deputy.name if line.deputy.serving else f"{line.deputy.name}（离任）"
            rows.append([line.rank, name, line.deputy.group, *(format_points(items[i].points) for i in PointItem),
                         format_points(line.points.total(quarter))])
        self.model.set_rows(COLUMNS, rows, [line.deputy.id for line in self.lines])
        for col, width in enumerate((36, 66, 122) + (34,) * len(PointItem) + (42,)):
            self.view.setColumnWidth(col, width)
        for item, width in ((PointItem.INSPECTION, 56), (PointItem.REVISIT, 46)):
            self.view.setColumnWidth(3 + list(PointItem).index(item), width)
        period = "全年" if quarter is None else QUARTERS[quarter - 1]
        self.note.setText(f"{self.data.year}年{period}，{len(self.lines)} 名代表（含年内离任）。按活动、会议的日期计入季度；"
                          "积分规则在“设置 › 履职积分”中修改。")
        ids = [line.deputy.id for line in self.lines]
        if self.current in ids:
            self.view.selectRow(ids.index(self.current))
        elif ids:
            self.view.selectRow(0)
        else:
            self._show_deputy(None)

    def _on_select(self, *_args) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.current = self.model.row_id(rows[0].row())
            self._show_deputy(next((line for line in self.lines if line.deputy.id == self.current), None))

    def _show_deputy(self, line: DeputyLine | None) -> None:
        if line is None:
            self.who.setText("本年度没有代表")
            self.item_model.set_rows(ITEM_COLUMNS, [])
            self.evidence_model.set_rows(EVIDENCE_COLUMNS, [])
            return
        quarter = self._quarter()
        p, d = line.points, line.deputy
        self.who.setText(f"{d.name}（{d.group}）　第 {line.rank} 名，合计 {format_points(p.total(quarter))} 分")
        items = p.items(quarter)
        self.item_model.set_rows(ITEM_COLUMNS, [(ITEM_LABELS[i], f"{items[i].count} {ITEM_UNITS.get(i, '次')}",
                                                 format_points(items[i].points)) for i in PointItem])
        evidence = [(s.occurrence.on.isoformat(), s.occurrence.what + ("（已达年度上限）" if s.capped else ""),
                     format_points(s.points)) for s in p.evidence(quarter)]
        self.evidence_model.set_rows(EVIDENCE_COLUMNS, evidence)
        for view, widths in ((self.items_view, (250, 60, 50)), (self.evidence_view, (84, 270, 40))):
            for col, width in enumerate(widths):
                view.setColumnWidth(col, width)
        self.evidence_view.resizeRowsToContents()

    def _on_export(self) -> None:
        if self.data is None:
            return
        year = self.data.year
        self.ops.save("导出履职积分", f"{year}年度代表履职积分.xlsx", XLSX, lambda path: self.points.export(year, path),
                      lambda path, n: f"已导出 {n} 名代表的履职积分到 {path}")
