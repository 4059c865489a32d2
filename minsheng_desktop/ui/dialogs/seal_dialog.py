"""核对封存码: type the seal code printed on the 计票结果报告单 / 公告, or scan its QR, and see whether the file agrees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout

from .._qt_helpers import repolish


class SealDialog(QDialog):
    """``verify`` is the service call (text → verdict dict); the dialog never touches the database."""

    def __init__(self, verify: Callable[[str], dict[str, Any]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("核对封存码")
        self.setMinimumWidth(560)
        self._verify = verify
        lay = QVBoxLayout(self)
        intro = QLabel("输入结果报告单或公告上印的 20 位封存码（空格可有可无），或用扫码枪扫描旁边的二维码。"
                       "程序会按本数据文件重新计算并核对签名，确认文件中的计票结果与纸面一致。")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText("例如 6198 5082 0355 3119 8614")
        self.code.returnPressed.connect(self.check)
        row.addWidget(self.code, 1)
        self.check_btn = QPushButton("核对")
        self.check_btn.setObjectName("primary")
        self.check_btn.clicked.connect(self.check)
        row.addWidget(self.check_btn)
        lay.addLayout(row)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.hide()
        lay.addWidget(self.verdict)
        self.detail = QTextBrowser()
        self.detail.setMinimumHeight(200)
        lay.addWidget(self.detail, 1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay.addLayout(bottom)

    def check(self) -> None:
        from ...domain.errors import UserError

        try:
            v = self._verify(self.code.text())
        except UserError as exc:
            self._show(False, exc.zh, [])
            return
        if v["ok"]:
            what = "投票结果" if v["kind"] == "vote" else "测评"  # a town's 票决, a street's 票选
            head = f"相符：数据文件中的{what}“{v['title']}”与纸面封存码一致，封存后未被改动。"
        else:
            head = "不相符：" + "；".join(v["problems"])
        lines = [f"{c['item']}：{c['counts']}" for c in v["counts"]]
        self._show(v["ok"], head, lines)

    def _show(self, ok: bool, head: str, lines: list[str]) -> None:
        self.verdict.setText(head)
        self.verdict.setObjectName("ok" if ok else "error")
        repolish(self.verdict)
        self.verdict.show()
        legend = "各项计数（投票结果为 赞成.反对.弃权；测评为 满意.基本满意.不满意.弃权.无效.结论）：" if lines else ""
        self.detail.setPlainText("\n".join([legend, *lines]) if lines else "")
