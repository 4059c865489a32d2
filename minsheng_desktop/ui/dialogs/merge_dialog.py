"""合并重复建议: pick which proposal carries the cluster; the others stay attached to it, visible."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
)

from ...services.intake_service import ProposalRow
from .common import ok_cancel


class MergeDialog(QDialog):
    def __init__(self, rows: list[ProposalRow], parent=None, why: dict[str, str] | None = None):
        super().__init__(parent)
        self.setWindowTitle("合并重复建议")
        self.setMinimumSize(620, 380)
        self.rows = rows
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("勾选要合并的建议，并选中一件作为“主建议”（其余建议并入它，原件、建议人和附件都保留）："))
        self.list = QListWidget()
        for r in rows:
            item = QListWidgetItem(f"第 {r.seq_no} 号　{r.title}　（{r.proposer or '未署名'}，{r.village or '未注明村'}）")
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        lay.addWidget(self.list, 1)
        self.why, self.why_view = why or {}, QTextBrowser()
        if self.why:  # why each look-alike was offered: the shared words marked in both texts
            self.why_view.setMaximumHeight(130)
            lay.addWidget(self.why_view)
            self.list.currentRowChanged.connect(self._show_why)
            self._show_why(1 if len(rows) > 1 else 0)
        lay.addWidget(QLabel("答复说明（可不填，默认“与第 N 号建议合并办理”）："))
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(50)
        lay.addWidget(self.reason)
        lay.addWidget(ok_cancel(self, "合并到选中的主建议", on_ok=self._on_accept))

    def _show_why(self, row: int) -> None:
        key = self.rows[row].id if 0 <= row < len(self.rows) else ""
        self.why_view.setHtml(self.why.get(key) or next(iter(self.why.values()), ""))

    def choice(self) -> tuple[str, list[str], str]:
        primary = self.rows[max(0, self.list.currentRow())].id
        checked = [r.id for i, r in enumerate(self.rows)
                   if self.list.item(i).checkState() == Qt.CheckState.Checked and r.id != primary]
        return primary, checked, self.reason.toPlainText()

    def _on_accept(self) -> None:
        if not self.choice()[1]:
            QMessageBox.information(self, "合并", "请至少勾选一件要并入主建议的建议。")
            return
        self.accept()
