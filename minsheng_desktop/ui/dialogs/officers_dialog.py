"""计票人、监票人、总监票人, chosen from the deputies present."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ...domain.catalog import OFFICER_ROLES
from .common import ok_cancel


class OfficersDialog(QDialog):
    def __init__(self, people: list[tuple[str, str]], current: dict[str, list[str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("计票人、监票人和总监票人")
        self.resize(760, 460)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("由大会通过的计票人、监票人和总监票人（勾选）："))
        row = QHBoxLayout()
        self.lists: dict[str, QListWidget] = {}
        for role in OFFICER_ROLES:
            col = QVBoxLayout()
            col.addWidget(QLabel(role))
            lw = QListWidget()
            for did, name in people:
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, did)
                item.setCheckState(Qt.CheckState.Checked if did in current.get(role, []) else Qt.CheckState.Unchecked)
                lw.addItem(item)
            col.addWidget(lw)
            row.addLayout(col)
            self.lists[role] = lw
        lay.addLayout(row, 1)
        lay.addWidget(ok_cancel(self, "确定"))

    def value(self) -> dict[str, list[str]]:
        return {role: [lw.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lw.count())
                       if lw.item(i).checkState() == Qt.CheckState.Checked] for role, lw in self.lists.items()}
