"""One project's detail: what was voted, who carries it out, milestones, progress reports, adjustments."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....domain.errors import UserError
from ....domain.progress import LIGHT_MEANING
from ....services.project_service import ProjectDetail
from ...widgets import add_buttons


def _parse_day(text: str, what: str) -> date | None:
    from ....domain.intake import parse_date

    return parse_date(text.strip(), what) if text.strip() else None


class ProjectDetailView(QTabWidget):
    save_info = Signal(str, str, object)  # unit, lead, budget text
    save_milestones = Signal(object)  # list of (title, planned, actual)
    add_progress = Signal()
    request_adjustment = Signal()
    decide_adjustment = Signal(str)  # adjustment id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.detail: ProjectDetail | None = None
        info = QWidget()
        form = QFormLayout(info)
        self.name, self.target, self.deadline, self.lamp = QLabel(), QLabel(), QLabel(), QLabel()
        self.target.setWordWrap(True)
        self.unit, self.lead, self.budget = QLineEdit(), QLineEdit(), QLineEdit()
        self.budget.setPlaceholderText("万元")
        save = QPushButton("保存")
        save.clicked.connect(lambda: self.save_info.emit(self.unit.text(), self.lead.text(), self.budget.text()))
        for label, w in [("项目名称", self.name), ("目标任务", self.target), ("完成时限", self.deadline), ("亮灯", self.lamp),
                         ("责任单位", self.unit), ("牵头领导", self.lead), ("资金安排（预算）", self.budget), ("", save)]:
            form.addRow(label, w)
        note = self.rule_note = QLabel("项目名称、目标任务和完成时限由代表票决确定，只能通过“调整”页登记并经决定后改变。")
        note.setObjectName("paneNote")
        note.setWordWrap(True)
        form.addRow("", note)
        self.addTab(info, "基本情况")

        ms = QWidget()
        ml = QVBoxLayout(ms)
        self.milestones = QTableWidget(0, 3)
        self.milestones.setHorizontalHeaderLabels(["节点", "计划日期", "完成日期"])
        self.milestones.setColumnWidth(0, 180)
        ml.addWidget(self.milestones)
        bar = QHBoxLayout()
        add_buttons(self, bar, [("add", "添加节点", self._add_row), ("remove", "删除节点", self._remove_row),
                                ("save", "保存节点计划", self._emit_milestones), (None, "", None)])
        ml.addLayout(bar)
        self.addTab(ms, "节点")

        rp = QWidget()
        rl = QVBoxLayout(rp)
        self.reports = QListWidget()
        self.reports.setWordWrap(True)
        rl.addWidget(self.reports)
        b = QPushButton("登记进展…")
        b.clicked.connect(self.add_progress)
        rl.addWidget(b)
        self.addTab(rp, "进展报告")

        ad = QWidget()
        al = QVBoxLayout(ad)
        self.adjustments = QListWidget()
        self.adjustments.setWordWrap(True)
        al.addWidget(self.adjustments)
        bar = QHBoxLayout()
        req = QPushButton("登记调整 / 延期 / 终止申请…")
        req.clicked.connect(self.request_adjustment)
        dec = QPushButton("录入决定…")
        dec.clicked.connect(self._decide)
        bar.addWidget(req)
        bar.addWidget(dec)
        bar.addStretch(1)
        al.addLayout(bar)
        self.addTab(ad, "调整")

    def show_detail(self, d: ProjectDetail) -> None:
        self.detail = d
        p = d.project
        self.name.setText(p.name + ("（上年结转）" if p.carried_from_id else ""))
        self.target.setText(p.target)
        self.deadline.setText(p.deadline.isoformat() if p.deadline else "未定")
        self.lamp.setText(f"{p.light}灯：{LIGHT_MEANING[p.light]}（{p.status}，{p.percent}%）")
        self.unit.setText(p.responsible_unit)
        self.lead.setText(p.lead_official)
        self.budget.setText("" if p.budget is None else f"{p.budget:g}")
        self.milestones.setRowCount(0)
        for m in d.milestones:
            self._add_row(m.title, m.planned_on.isoformat() if m.planned_on else "",
                          m.actual_on.isoformat() if m.actual_on else "")
        self.reports.clear()
        for r in reversed(d.reports):
            self.reports.addItem(f"{r.reported_on}　{r.percent}%　{r.text}" + (f"（照片 {r.photos} 张）" if r.photos else ""))
        self.adjustments.clear()
        for a in d.adjustments:
            extra = f"，新时限 {a.new_deadline}" if a.new_deadline else (f"，调整为：{a.new_target}" if a.new_target else "")
            decided = f"{a.decided_on} {a.decision_body}决定：{a.outcome}" if a.decided_on else "待决定"
            self.adjustments.addItem(f"{a.requested_on}　{a.kind}申请：{a.reason}{extra}　— {decided}")

    def _add_row(self, title: str = "", planned: str = "", actual: str = "") -> None:
        row = self.milestones.rowCount()
        self.milestones.insertRow(row)
        for col, text in enumerate((title if isinstance(title, str) else "", planned, actual)):
            self.milestones.setItem(row, col, QTableWidgetItem(text))

    def _remove_row(self) -> None:
        if self.milestones.currentRow() >= 0:
            self.milestones.removeRow(self.milestones.currentRow())

    def milestone_values(self) -> list[tuple[str, date | None, date | None]]:
        out = []
        for r in range(self.milestones.rowCount()):
            cells = [self.milestones.item(r, c).text() if self.milestones.item(r, c) else "" for c in range(3)]
            try:
                out.append((cells[0], _parse_day(cells[1], "计划日期"), _parse_day(cells[2], "完成日期")))
            except UserError as exc:
                raise UserError(f"第 {r + 1} 个节点：{exc.zh}", exc.en, field=exc.field, row=r + 1) from exc
        return out

    def _emit_milestones(self) -> None:
        self.save_milestones.emit(self)

    def _decide(self) -> None:
        if not self.detail:
            return
        pending = [a for a in self.detail.adjustments if a.outcome == "待决定"]
        row = self.adjustments.currentRow()
        chosen = self.detail.adjustments[row] if 0 <= row < len(self.detail.adjustments) else None
        target = chosen if chosen and chosen.outcome == "待决定" else (pending[0] if pending else None)
        if target:
            self.decide_adjustment.emit(target.id)
