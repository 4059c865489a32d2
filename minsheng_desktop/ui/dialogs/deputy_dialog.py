"""Add or edit one roster member: a deputy, or in a street council a 议事代表 or 人大代表 with 界别/职业."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout

from ...domain.errors import UserError
from ...domain.roster import DeputyInput, validate_deputy
from ...domain.terms import TOWN_TERMS, Terms
from ...domain.vocabulary import MemberKind
from .common import error_label, ok_cancel


class DeputyDialog(QDialog):
    def __init__(self, groups: list[str], current: DeputyInput | None = None, parent=None, *,
                 terms: Terms = TOWN_TERMS):
        super().__init__(parent)
        self.terms = terms
        self.setWindowTitle(f"编辑{terms.member}" if current else f"添加{terms.member}")
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
        self.kind = QComboBox()
        self.kind.addItems(list(MemberKind))
        self.kind.setCurrentText(terms.default_kind)
        self.sector = QLineEdit()
        self.sector.setPlaceholderText("可不填，如 社区工作者、教师、个体工商户")
        form.addRow("姓名", self.name)
        form.addRow("性别", self.gender)
        if terms.has_kinds:  # a town's members are all 人大代表
            form.addRow("身份", self.kind)
        form.addRow("界别/职业", self.sector)
        form.addRow("小组" if terms.has_kinds else "代表小组", self.group)
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
            self.kind.setCurrentText(current.kind or terms.default_kind)
            self.sector.setText(current.sector)
        self.value: DeputyInput | None = None

    def _on_accept(self) -> None:
        try:
            kind = self.kind.currentText() if self.terms.has_kinds else self.terms.default_kind
            self.value = validate_deputy(DeputyInput(self.name.text(), self.gender.currentText(),
                                                     self.group.currentText(), self.phone.text(), kind,
                                                     self.sector.text()), default_kind=self.terms.default_kind)
        except UserError as exc:
            self.error.setText(exc.zh)
            self.error.show()
            return
        self.accept()
