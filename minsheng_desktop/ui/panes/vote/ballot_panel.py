"""唱票: keyboard-first entry — one key per candidate cycles the mark, Enter records, F2 spoiled, Ctrl+Z undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ....domain.tally import Candidate
from ....domain.vote_session import BALLOT_KEYS, LiveView, press_key
from ...widgets import SteadyLabel
from .ballot_grid import BallotGrid
from .delegation_panel import DelegationChooser, DelegationTable, line_of
from .live_counts import LiveCounts

KEYS = BALLOT_KEYS


class BallotPanel(QWidget):
    """Emits what the teller keys in; the pane records it through the service."""

    record = Signal(object, bool)  # marks, spoiled
    undo = Signal()
    collected = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.candidates: list[Candidate] = []
        self.style = "approve_oppose_abstain"
        self.marks: dict[str, str] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        top = QHBoxLayout()
        self.chooser = DelegationChooser()  # 分团计票 only: which delegation's ballots this desk enters
        self.chooser.hide()
        self._by_delegation = False
        top.addWidget(self.chooser)
        self.collected_spin = QSpinBox()
        self.collected_spin.setRange(0, 1000)
        self.collected_spin.setPrefix("收回选票 ")
        self.collected_spin.setSuffix(" 张")
        self.collected_btn = QPushButton("确认收回票数")
        self.collected_btn.clicked.connect(lambda: self.collected.emit(self.collected_spin.value()))
        self.progress = SteadyLabel(1)  # changes with every ballot: must not relay out the ballot grid
        self.progress.label_style("font-size: 18px; font-weight: bold;")
        top.addWidget(self.collected_spin)
        top.addWidget(self.collected_btn)
        top.addSpacing(20)
        top.addWidget(self.progress, 1)
        lay.addLayout(top)
        help_text = QLabel("按候选项目前的键切换 赞成 → 反对 → 弃权 → 未标记；Enter 录入本张；F2 录为废票；"
                           "Esc 清空本张；Ctrl+Z 撤销上一张（留有记录）。")
        help_text.setObjectName("paneNote")
        help_text.setWordWrap(True)
        lay.addWidget(help_text)
        # The ballot being keyed and the running counts side by side: both stay in view on a 1366×768 laptop.
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 6, 0)
        self.box = QGroupBox("当前选票")
        self.grid = BallotGrid(62)
        QVBoxLayout(self.box).addWidget(self.grid)
        ll.addWidget(self.box)
        self.last = SteadyLabel(2)
        ll.addWidget(self.last)
        ll.addStretch(1)
        left.setMinimumWidth(420)
        split.addWidget(left)
        live_box = QGroupBox("当前计票（与投影一致）")
        self.live_view = LiveCounts()
        QVBoxLayout(live_box).addWidget(self.live_view)
        live_box.setMinimumWidth(340)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        self.delegation_box = QGroupBox("各代表团计票进度")  # 分团计票 only
        self.delegation_table = DelegationTable()
        self.delegation_sum = SteadyLabel(1)  # changes with every ballot: must not relay out the console
        box_lay = QVBoxLayout(self.delegation_box)
        box_lay.addWidget(self.delegation_sum)
        box_lay.addWidget(self.delegation_table)
        self.delegation_box.hide()
        rl.addWidget(self.delegation_box)
        rl.addWidget(live_box, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([620, 440])  # the ballot gets the room it needs; the tally's names may wrap less
        lay.addWidget(split, 1)
        buttons = QHBoxLayout()
        for text, slot in [("录入本张 (Enter)", lambda: self._emit(False)), ("废票 (F2)", lambda: self._emit(True)),
                           ("清空本张 (Esc)", self.clear), ("撤销上一张 (Ctrl+Z)", self.undo.emit)]:
            b = QPushButton(text)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)

    def set_candidates(self, candidates: list[Candidate], style: str) -> None:
        if [c.id for c in candidates] == [c.id for c in self.candidates] and style == self.style:
            return
        self.candidates, self.style = candidates, style
        self.grid.set_candidates(candidates, list(KEYS[:len(candidates)]), style)
        self.clear()

    def show_progress(self, recorded: int, collected: int | None, issued: int) -> None:
        declared = collected is not None
        self.collected_spin.setEnabled(not declared)
        self.collected_btn.setEnabled(not declared)
        shown = issued if not declared else collected
        if self.collected_spin.value() != shown:
            self.collected_spin.setValue(shown)
        if not declared:
            self.progress.setText(f"发出 {issued} 张。请先清点票箱，录入收回票数。")
        else:
            self.progress.setText(f"已录入 {recorded} / 收回 {collected} 张（发出 {issued} 张）")
        self.box.setEnabled(declared and recorded < (collected or 0))

    def show_delegations(self, view: LiveView, issued: int) -> None:
        """分团计票: the chosen delegation's box drives the collected field, the progress line and the keyboard; the
        table shows every delegation. (A session counted whole hides both.)"""
        lines = view.delegations
        self._by_delegation = bool(lines)
        for w in (self.chooser, self.delegation_box):
            w.setVisible(bool(lines))
        if not lines:
            return
        self.chooser.set_names([x.name for x in lines])
        self.delegation_table.show_lines(lines)
        mine = line_of(lines, self.chooser.current())
        if mine is None:
            return
        declared = mine.collected is not None
        self.collected_spin.setEnabled(not declared)
        self.collected_btn.setEnabled(not declared)
        shown = mine.collected if declared else mine.issued
        if self.collected_spin.value() != shown:
            self.collected_spin.setValue(shown or 0)
        done = sum(1 for x in lines if x.done)
        if not declared:
            self.progress.setText(f"本团发出 {mine.issued} 张，请先清点本团票箱，录入收回票数。")
        else:
            self.progress.setText(f"本团已录入 {mine.counted} / 收回 {mine.collected} 张")
        self.delegation_sum.setText(f"{done}/{len(lines)} 团计完，全体已计 {view.ballots_counted} / 发出 {issued} 张")
        self.box.setEnabled(declared and mine.counted < (mine.collected or 0))

    def delegation(self) -> str:
        """The delegation this desk enters ("" when the session is counted whole)."""
        return self.chooser.current() if self._by_delegation else ""

    def show_live(self, view: LiveView) -> None:
        """The running counts from the same LiveView the projector draws (过线 by the count's own rule)."""
        rows = [(r.name, r.approve, r.oppose, r.abstain, "✔" if view.passed(r) else "")
                for r in view.rows]
        self.live_view.show_rows(rows)

    def show_last(self, text: str, ok: bool) -> None:
        self.last.setText(text)
        self.last.set_state("ok" if ok else "warn")

    def clear(self) -> None:
        self.marks = {}
        self._paint()

    def _paint(self) -> None:
        self.grid.set_marks(self.marks)

    def _emit(self, spoiled: bool) -> None:
        if self.box.isEnabled():
            self.record.emit({} if spoiled else dict(self.marks), spoiled)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo.emit()
            return
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._emit(False)
        elif key == Qt.Key.Key_F2:
            self._emit(True)
        elif key == Qt.Key.Key_Escape:
            self.clear()
        else:
            ids = [c.id for c in self.candidates]
            if self.box.isEnabled() and press_key(self.marks, ids, event.text(), self.style):
                self._paint()
            else:
                super().keyPressEvent(event)
