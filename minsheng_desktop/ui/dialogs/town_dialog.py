"""First run: which town (or street, or county) this database belongs to."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ...domain.catalog import LEVELS
from ...domain.errors import UserError
from ...services.settings_service import TownInfo, validate_town
from .common import error_label, ok_cancel


class TownDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("首次使用：设置本级信息")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        intro = QLabel("请填写本数据库所属的乡镇（街道、县区）。行政区划代码用于向县级上报，填写后不能修改。"
                       "下一步会有一个简短的“开始使用”页面，带您导入代表名册、设定工作年度、开始征集。")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText("如 清溪镇")
        self.code = QLineEdit()
        self.code.setPlaceholderText("9 位或 12 位数字，如 610921101")
        self.code_help = QLabel("乡镇（街道）统计用区划代码，见本级公文或统计部门发布的代码，9 位或 12 位")
        self.code_help.setObjectName("paneNote")
        self.code_help.setWordWrap(True)
        self.level = QComboBox()
        self.level.addItems(LEVELS)
        self.parent_code = QLineEdit()
        self.parent_name = QLineEdit()
        for label, w in [("名称", self.name), ("行政区划代码", self.code), ("", self.code_help), ("级别", self.level),
                         ("上级行政区划代码", self.parent_code), ("上级名称", self.parent_name)]:
            form.addRow(label, w)
        lay.addLayout(form)
        self.error = error_label()
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel(self, "确定", "退出", self._on_accept))
        self.value: TownInfo | None = None

    def _on_accept(self) -> None:
        info = TownInfo(self.code.text(), self.name.text(), self.level.currentText(), self.parent_code.text(),
                        self.parent_name.text(), "", "")
        try:
            self.value = validate_town(info)
        except UserError as exc:
            self.error.setText(exc.zh)
            self.error.show()
            return
        self.accept()
