"""A read-only table model over plain rows, fetched into the view in batches (smooth with many rows)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from .batched import BatchedTableModel, Index

BATCH = 200


class RecordsTableModel(BatchedTableModel):
    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, columns: Sequence[str] = (), parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[tuple[Any, ...]] = []
        self._ids: list[str] = []
        self._marks: list[Any] = []

    def _batch(self) -> int:
        return BATCH

    def set_rows(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], ids: Sequence[str] = (),
                 marks: Sequence[Any] = ()) -> None:
        """``marks``: an optional colour per row, drawn as a dot before the first column (e.g. a project's light)."""
        self.beginResetModel()
        self._columns = list(columns)
        self._rows = [tuple(r) for r in rows]
        self._ids = list(ids)
        self._marks = list(marks)
        self._end_reset()

    def update_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        """The same rows with new values: only the cells that changed are repainted (no reset, no relayout)."""
        rows = [tuple(r) for r in rows]
        if len(rows) != len(self._rows) or self._shown != len(self._rows):
            self.set_rows(self._columns, rows, self._ids, self._marks)
            return
        old, self._rows = self._rows, rows
        for i, (a, b) in enumerate(zip(old, rows, strict=True)):
            if a != b:
                cols = [c for c in range(len(b)) if c >= len(a) or a[c] != b[c]]
                self.dataChanged.emit(self.index(i, min(cols)), self.index(i, max(cols)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per visible cell on every repaint: the roles this model has no answer for
        # leave at once, and roles are compared as plain ints (the vote console repaints on every ballot).
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if row >= self._shown:
            return None
        value = self._rows[row][index.column()]
        if role == _DISPLAY:
            if isinstance(value, float):
                return f"{value:,.2f}"
            return "" if value is None else str(value)
        if role == _ALIGN:
            return _RIGHT if isinstance(value, (int, float)) else None
        if role == _SORT:
            if value is None:
                return ""
            return value if isinstance(value, (int, float)) else str(value)
        if role == _DECORATION:
            return self._marks[row] if index.column() == 0 and row < len(self._marks) else None
        if role == _ID:
            return self._ids[row] if row < len(self._ids) else None
        if role == _TOOLTIP and isinstance(value, str) and len(value) > 20:
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section] if section < len(self._columns) else None
        return section + 1

    def total_rows(self) -> int:
        return len(self._rows)

    def row_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None


_DISPLAY, _ALIGN = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION, _TOOLTIP = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.ToolTipRole)
_ID, _SORT = int(RecordsTableModel.ID_ROLE), int(RecordsTableModel.SORT_ROLE)
_ROLES = frozenset((_DISPLAY, _ALIGN, _DECORATION, _TOOLTIP, _ID, _SORT))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
