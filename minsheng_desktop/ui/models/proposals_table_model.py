"""The proposals table: all of a year's rows held as plain data, shown in batches, sorted in Python."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from ...services.intake_service import ProposalRow
from .batched import BatchedTableModel, Index

BATCH = 300
COLUMNS = ("序号", "项目名称", "类别", "来源", "建议人", "村(社区)", "收到日期", "估算投资(万元)", "受益人数", "办理状态", "附件")
STATUS_COLOURS = {"待处理": "#8a5a00", "采纳为候选": "#1e5631", "合并": "#5b6775", "暂缓": "#6b4f9e", "不予采纳": "#8c1d18"}


def _value(r: ProposalRow, col: int) -> Any:
    return (r.seq_no, r.title, r.category, r.source, r.proposer, r.village, r.received_on, r.est_investment,
            r.beneficiaries, r.status, r.attachments)[col]


class ProposalsTableModel(BatchedTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ProposalRow] = []

    def _batch(self) -> int:
        return BATCH

    def set_rows(self, rows: list[ProposalRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._end_reset()

    def rows(self) -> list[ProposalRow]:
        return self._rows

    def row_at(self, row: int) -> ProposalRow | None:
        return self._rows[row] if 0 <= row < self._shown else None

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            v = _value(r, col)
            if v is None or (col == 10 and v == 0):
                return ""
            if col == 7:
                return f"{v:,.2f}"
            if col == 9 and r.merged_into_id:
                return "已合并"
            return str(v)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 7, 8, 10):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 9:
            return QColor(STATUS_COLOURS.get(r.status, "#1d2733"))
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return f"{r.title}\n\n{r.content}" if r.content else r.title
        if role == Qt.ItemDataRole.ToolTipRole and col == 9 and r.reply_reason:
            return r.reply_reason
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        reverse = order == Qt.SortOrder.DescendingOrder

        def key(r: ProposalRow):
            v = _value(r, column)
            return (v is None, v if v is not None else 0) if not isinstance(v, str) else (False, v)

        self._rows.sort(key=key, reverse=reverse)
        self.layoutChanged.emit()
