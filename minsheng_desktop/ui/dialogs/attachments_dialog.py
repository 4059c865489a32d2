"""附件: photos and scans of a proposal (and of the originals merged into it), kept inside the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ...domain.errors import UserError
from ...services.intake_service import IntakeService, ProposalRow
from ..feedback import show_error
from ..ops import Ops
from ..tasks import TaskRunner


class AttachmentsDialog(QDialog):
    def __init__(self, intake: IntakeService, row: ProposalRow, parent=None, tasks: TaskRunner | None = None):
        super().__init__(parent)
        self.intake, self.row = intake, row
        self.ops = Ops(self, tasks)
        self.changed = False
        self.setWindowTitle(f"附件 — 第 {row.seq_no} 号建议")
        self.setMinimumSize(560, 340)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"“{row.title}”及并入它的原始建议的附件："))
        self.list = QListWidget()
        lay.addWidget(self.list, 1)
        bar = QHBoxLayout()
        add = QPushButton("添加照片或扫描件…")
        add.clicked.connect(self._on_add)
        save = QPushButton("另存为…")
        save.clicked.connect(self._on_save)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        for b in (add, save):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(close)
        lay.addLayout(bar)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        owners = {self.row.id: f"第 {self.row.seq_no} 号"}
        owners.update({o.id: f"第 {o.seq_no} 号（{o.proposer or '未署名'}，已并入）" for o in self.intake.originals(self.row.id)})
        self.items = self.intake.attachments(list(owners))
        for a in self.items:
            self.list.addItem(QListWidgetItem(f"{a.filename}　{a.size / 1024:,.0f} KB　— {owners[a.owner_id]}"))
        if not self.items:
            self.list.addItem("（暂无附件）")

    def _on_add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择照片或扫描件", "",
                                                "图片和文档 (*.jpg *.jpeg *.png *.pdf *.tif *.tiff);;所有文件 (*)")
        if not paths:
            return
        owner = self.row.id

        def work(progress) -> tuple[int, list[str]]:  # scans can be large: read and stored in the background
            added, refused = 0, []
            for i, path in enumerate(paths):
                progress.report(i, len(paths), f"正在添加“{Path(path).name}”（{i + 1}/{len(paths)}）")
                try:
                    self.intake.add_attachment(owner, path)
                    added += 1
                except UserError as exc:
                    refused.append(exc.zh)
            return added, refused

        def done(result: tuple[int, list[str]]) -> None:
            added, refused = result
            self.changed = self.changed or added > 0
            self.refresh()
            if refused:
                show_error(self, UserError("\n".join(refused)), "附件未添加")

        self.ops.run(work, label="正在添加附件……", done=done, error_title="附件未添加")

    def _on_save(self) -> None:
        i = self.list.currentRow()
        if not 0 <= i < len(self.items):
            QMessageBox.information(self, "另存为", "请先选中一个附件。")
            return
        a = self.items[i]
        path, _ = QFileDialog.getSaveFileName(self, "另存附件", a.filename)
        if path:
            self.ops.run(lambda _progress: self.intake.save_attachment(a.id, path), label="正在保存附件……",
                         error_title="未能保存附件")
