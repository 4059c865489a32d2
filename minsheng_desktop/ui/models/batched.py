"""What the table models share: rows held as plain data and handed to the views in batches, fetched on scroll."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex


class BatchedTableModel(QAbstractTableModel):
    """Shows ``_rows`` ``_batch()`` at a time. A subclass sets ``_rows`` between ``beginResetModel`` and
    ``_end_reset`` and answers ``columnCount`` and ``data``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._shown = 0
        self._announcing = False  # a reset or an insert is being announced to the views: no fetching meanwhile

    def _batch(self) -> int:
        raise NotImplementedError

    def _end_reset(self) -> None:
        """After ``_rows`` changed: show the first batch and tell the views."""
        self._shown = min(self._batch(), len(self._rows))
        self._announce(self.endResetModel)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._announcing and self._shown < len(self._rows)

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        more = min(self._batch(), len(self._rows) - self._shown)
        self._announce(lambda: self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1))
        self._shown += more
        self._announce(self.endInsertRows)

    def _announce(self, emit) -> None:
        """Runs ``emit`` (an end…/begin… call that signals the views) with fetching held off: a listener that asks
        for more rows while a reset or an insert is being announced (a view, a proxy, Qt's model tester) would
        otherwise start a second insert inside the first, or insert rows in the middle of a reset."""
        self._announcing = True
        try:
            emit()
        finally:
            self._announcing = False
