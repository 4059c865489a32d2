"""A list to tick items in (deputies, projects), with a filter by name or pinyin initials and a running count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

KEY = Qt.ItemDataRole.UserRole
INITIALS = Qt.ItemDataRole.UserRole + 1


class CheckList(QWidget):
    def __init__(self, items: list[tuple[str, str, str]], checked: set[str] | list[str], noun: str,
                 placeholder: str = "输入名称或拼音首字母筛选", parent=None):
        """``items``: (key, label, pinyin initials or "")."""
        super().__init__(parent)
        self.noun = noun
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.list = QListWidget()
        self.count = QLabel()
        self.count.setObjectName("paneNote")
        chosen = set(checked)
        for key, label, initials in items:
            item = QListWidgetItem(label)
            item.setData(KEY, key)
            item.setData(INITIALS, initials.lower())
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(self._on_count)
        for w in (self.filter, self.list, self.count):
            lay.addWidget(w)
        lay.setStretch(1, 1)
        self._on_count()

    def _on_filter(self, text: str) -> None:
        q = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(q) and q not in item.text().lower() and not item.data(INITIALS).startswith(q))

    def _on_count(self, *_args) -> None:
        self.count.setText(f"已选 {len(self.checked())} / {self.list.count()} {self.noun}")

    def checked(self) -> list[str]:
        return [self.list.item(i).data(KEY) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, keys: set[str]) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(KEY) in keys else Qt.CheckState.Unchecked)
