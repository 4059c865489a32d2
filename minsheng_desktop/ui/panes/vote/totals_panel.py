"""汇总票数: each teller enters the paper totals; nothing is accepted until both entries agree."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....domain.tally import Candidate, PaperTotals
from ..._qt_helpers import repolish
from .delegation_panel import DelegationChooser, DelegationTable, line_of


class TotalsPanel(QWidget):
    submitted = Signal(int, str, object)  # entry no, teller, PaperTotals

    def __init__(self, parent=None):
        super().__init__(parent)
        self.candidates: list[Candidate] = []
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.chooser = DelegationChooser()  # 分团计票 only: each delegation's two tellers enter its totals
        self.chooser.hide()
        self.chooser.changed.connect(self._on_delegation_chosen)
        self._lines: tuple = ()
        top.addWidget(self.chooser)
        self.entry = QComboBox()
        self.entry.addItem("第一位计票人录入", 1)
        self.entry.addItem("第二位计票人录入", 2)
        self.teller = QLineEdit()
        self.teller.setPlaceholderText("计票人姓名")
        self.collected, self.invalid = QSpinBox(), QSpinBox()
        for spin, prefix in ((self.collected, "收回 "), (self.invalid, "无效 ")):
            spin.setRange(0, 1000)
            spin.setPrefix(prefix)
            spin.setSuffix(" 张")
            spin.valueChanged.connect(self._update_valid)
        self.valid = QLabel()
        for w in (self.entry, self.teller, self.collected, self.invalid, self.valid):
            top.addWidget(w)
        top.addStretch(1)
        lay.addLayout(top)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["候选项目", "赞成", "反对", "弃权"])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 360)
        lay.addWidget(self.table, 1)
        self.delegation_table = DelegationTable()
        self.delegation_table.hide()
        lay.addWidget(self.delegation_table)
        bar = QHBoxLayout()
        self.submit_btn = QPushButton("提交本次录入")
        self.submit_btn.setObjectName("primary")
        self.submit_btn.clicked.connect(self._on_submit)
        bar.addWidget(self.submit_btn)
        self.state = QLabel()
        self.state.setWordWrap(True)
        bar.addWidget(self.state, 1)
        lay.addLayout(bar)

    def set_candidates(self, candidates: list[Candidate], issued: int) -> None:
        if [c.id for c in candidates] == [c.id for c in self.candidates]:
            return
        self.candidates = candidates
        self.table.setRowCount(len(candidates))
        for r, c in enumerate(candidates):
            self.table.setItem(r, 0, QTableWidgetItem(c.name))
            for col in (1, 2, 3):
                spin = QSpinBox()
                spin.setRange(0, 1000)
                self.table.setCellWidget(r, col, spin)
        self.collected.setValue(issued)

    def show_delegations(self, lines) -> None:
        """分团计票: every delegation's state (its two entries agreed or not); hidden for a session counted whole."""
        self._lines = tuple(lines)
        for w in (self.chooser, self.delegation_table):
            w.setVisible(bool(lines))
        if lines:
            self.chooser.set_names([x.name for x in lines])
            self.delegation_table.show_lines(lines)

    def delegation(self) -> str:
        return self.chooser.current() if self._lines else ""

    def _on_delegation_chosen(self, name: str) -> None:
        """Another delegation's paper: its first teller starts from empty figures."""
        self.next_entry()
        self.entry.setCurrentIndex(0)
        mine = line_of(self._lines, name)
        if mine is not None:
            self.collected.setValue(mine.issued)
        self.show_state("", True)

    def _update_valid(self) -> None:
        self.valid.setText(f"有效 {self.collected.value() - self.invalid.value()} 张")

    def totals(self) -> PaperTotals:
        counts = {c.id: {m: self.table.cellWidget(r, col).value() for col, m in ((1, "Y"), (2, "N"), (3, "A"))}
                  for r, c in enumerate(self.candidates)}
        return PaperTotals(self.collected.value(), self.invalid.value(), counts)

    def _on_submit(self) -> None:
        self.submitted.emit(self.entry.currentData(), self.teller.text(), self.totals())

    def show_state(self, text: str, ok: bool) -> None:
        self.state.setText(text)
        self.state.setObjectName("ok" if ok else "warn")
        repolish(self.state)

    def next_entry(self) -> None:
        """After the first teller: clear the numbers for the second, blind to the first."""
        self.entry.setCurrentIndex(1)
        self.teller.clear()
        for r in range(self.table.rowCount()):
            for col in (1, 2, 3):
                self.table.cellWidget(r, col).setValue(0)
