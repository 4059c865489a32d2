"""Add or edit one deputy."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout

from ...domain.errors import UserError
from ...domain.roster import DeputyInput, validate_deputy
from .common import error_label, ok_cancel


class DeputyDialog(QDialog):
    def __init__(self, groups: list[str], current: DeputyInput | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("编辑代表" if current else "添加代表")
        self.setMinimumWidth(380)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.gender = QComboBox()
        self.gender.addItems(["", "男", "女"])
        self.group = QComboBox()
        self.group.setEditable(True)
        self.group.addItems(groups)
        self.group.setCurrentText("")
        self.phone = QLineEdit()
        form.addRow("姓名", self.name)
        form.addRow("性别", self.gender)
        form.addRow("代表小组", self.group)
        form.addRow("联系电话", self.phone)
        lay.addLayout(form)
        self.error = error_label()
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel(self, "保存", "取消", self._on_accept))
        if current:
            self.name.setText(current.name)
            self.gender.setCurrentText(current.gender)
            self.group.setCurrentText(current.group_name)
            self.phone.setText(current.phone)
        self.value: DeputyInput | None = None

    def _on_accept(self) -> None:
        try:
            self.value = validate_deputy(DeputyInput(self.name.text(), self.gender.currentText(),
                                                     self.group.currentText(), self.phone.text()))
        except UserError as exc:
            self.error.setText(exc.zh)
            self.error.show()
            return
        self.accept()
