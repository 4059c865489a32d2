"""设置 › 项目类别 / 审定流程: an ordered list the secretary edits, with presets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ....services.changes import Changes
from ...events import EventBus
from ...feedback import publish_or_warn
from ...widgets import add_buttons


class ListTab(QWidget):
    def __init__(self, note: str, save: Callable[[list[str]], Changes], bus: EventBus,
                 presets: dict[str, tuple[str, ...]], parent=None):
        super().__init__(parent)
        self.save, self.bus, self.presets = save, bus, presets
        lay = QVBoxLayout(self)
        label = QLabel(note)
        label.setObjectName("paneNote")
        label.setWordWrap(True)
        lay.addWidget(label)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("editList")
        self.list.setMaximumWidth(520)
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        row.addWidget(self.list, 1)
        side = QVBoxLayout()
        self.buttons = add_buttons(self, side, [("add", "添加", self._on_add), ("remove", "删除", self._on_remove),
                                ("up", "上移", lambda: self._move(-1)), ("down", "下移", lambda: self._move(1))])
        side.addSpacing(16)
        self.buttons |= add_buttons(self, side, [(name, f"恢复为：{name}", lambda _=False, items=items: self.set_items(items))
                                                 for name, items in presets.items()])
        side.addStretch(1)
        self.save_btn = QPushButton("保存")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self._on_save)
        side.addWidget(self.save_btn)
        row.addLayout(side)
        row.addStretch(1)
        lay.addLayout(row, 1)

    def set_items(self, items) -> None:
        self.list.clear()
        for text in items:
            self._append(text)

    def items(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _append(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)
        return item

    def _on_add(self) -> None:
        item = self._append("新项目")
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def _on_remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def _on_save(self) -> None:
        publish_or_warn(self, self.bus, lambda: self.save(self.items()), "未保存")
