"""分团计票 in the console: which delegation this desk is entering, and every delegation's 发出 / 收回 / 已计.

Shown only for a session counted by delegation; the ballot and totals panels embed it. The table updates in place
(only changed cells repaint), so a ballot does not relay out the console."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QWidget

from ....domain.vote_session import DelegationLine
from ...models.records_table_model import RecordsTableModel

COLUMNS = ("代表团", "发出", "收回", "已计", "状态")


def _state(line: DelegationLine) -> str:
    if line.done:
        return "✔ 已计完"
    return "未清点票箱" if line.collected is None else "计票中"


class DelegationChooser(QWidget):
    """本台录入: the delegation whose ballots (or totals) this desk is entering."""

    changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("本台录入"))
        self.box = QComboBox()
        self.box.setMinimumWidth(150)
        self.box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the keyboard belongs to the ballot being keyed
        self.box.currentIndexChanged.connect(lambda _i: self.changed.emit(self.current()))
        row.addWidget(self.box)

    def set_names(self, names: Sequence[str]) -> None:
        if [self.box.itemText(i) for i in range(self.box.count())] == list(names):
            return
        keep = self.current()
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItems(list(names))
        if keep in names:
            self.box.setCurrentText(keep)
        self.box.blockSignals(False)

    def current(self) -> str:
        return self.box.currentText()


class DelegationTable(QTableView):
    """Every delegation's box: 发出, 收回 (once its tellers counted it out), 已计, and whether it is counted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model_ = RecordsTableModel(COLUMNS, self)
        self.setModel(self.model_)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setMaximumHeight(170)
        # Its cells are laid on their own white ground: a ballot's changed 已计 cell then repaints alone, not the
        # group box, splitter and page beneath it.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        ground = QPainter(self.viewport())
        ground.fillRect(event.rect(), QColor("white"))  # the table's ground (the style sheet's), laid by the view
        ground.end()
        super().paintEvent(event)

    def show_lines(self, lines: Sequence[DelegationLine]) -> None:
        rows = [(x.name, x.issued, "—" if x.collected is None else x.collected, x.counted, _state(x)) for x in lines]
        m = self.model_
        if m.total_rows() == len(rows) and all(m._rows[i][0] == r[0] for i, r in enumerate(rows)):
            m.update_rows(rows)
            return
        m.set_rows(COLUMNS, rows)
        for col, width in ((1, 44), (2, 44), (3, 44), (4, 84)):
            self.setColumnWidth(col, width)


def line_of(lines: Sequence[DelegationLine], name: str) -> DelegationLine | None:
    return next((x for x in lines if x.name == name), None)
