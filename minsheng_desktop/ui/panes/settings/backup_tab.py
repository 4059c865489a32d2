"""设置 › 备份与恢复: the automatic backups, backing up to any folder (a USB stick), looking, restoring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ....services import backup_service
from ....services.changes import DATA, SETTINGS, YEAR, Changes
from ...events import EventBus
from ...feedback import confirm, show_error
from ...models.records_table_model import RecordsTableModel
from ...ops import Ops
from ...tasks import TaskRunner
from ...widgets import add_buttons, record_table

COLUMNS = ("时间", "类型", "大小", "文件")


def _size(n: int) -> str:
    return f"{n / 1024 ** 3:.1f} GB" if n >= 1024 ** 3 else f"{n / 1024 ** 2:,.0f} MB" if n >= 1024 ** 2 else f"{n / 1024:,.0f} KB"


class BackupTab(QWidget):
    def __init__(self, backups: backup_service.BackupService, bus: EventBus, tasks: TaskRunner | None = None,
                 parent=None):
        super().__init__(parent)
        self.backups, self.bus = backups, bus
        self.ops = Ops(self, tasks, bus)
        self.items: list[backup_service.BackupInfo] = []
        lay = QVBoxLayout(self)
        note = QLabel("每天第一次打开时、升级数据库前、合并上报包前和公布票决（票选）结果前都会自动备份；保留最近 14 天的每日备份和"
                              "最近 12 个月每月一份。恢复前会先把当前文件再备份一次。")
        note.setWordWrap(True)
        note.setObjectName("paneNote")
        lay.addWidget(note)
        path_row = QHBoxLayout()
        path_row.addWidget(QLabel("数据库文件"))
        self.path = QLineEdit()  # read-only: which file this window works on (the title bar keeps to the town)
        self.path.setReadOnly(True)
        self.path.setToolTip("本窗口正在使用的数据库文件（可选中复制）")
        path_row.addWidget(self.path, 1)
        lay.addLayout(path_row)
        self.where = QLabel()
        self.where.setObjectName("paneNote")
        self.where.setWordWrap(True)
        lay.addWidget(self.where)
        self.model = RecordsTableModel(COLUMNS, self)
        self.view = record_table(self.model, single=True)
        self.view.horizontalHeader().setStretchLastSection(True)  # the file name takes the rest of the width
        lay.addWidget(self.view, 1)
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [("now", "立即备份到…", self._on_backup), ("look", "查看所选备份", self._on_look),
                                ("restore", "用所选备份恢复…", self._on_restore)])
        bar.addStretch(1)
        lay.addLayout(bar)

    def refresh(self) -> None:
        if self.backups.path is None:
            self.path.setText(self.backups.location)
            self.where.setText("本数据库为 PostgreSQL，请由数据库服务器负责备份。")
            for b in self.buttons.values():
                b.setEnabled(False)
            return
        self.path.setText(self.backups.location)
        count, used, budget = self.backups.usage()
        self.where.setText(f"备份文件夹：{self.backups.folder()}　　现有 {count} 份，共占 {_size(used)}，上限 {_size(budget)}（数据库大小的 8 倍，至少 1 GB；"
                                   "超出时先删最早的事件备份，最近 3 份始终保留）")
        self.items = self.backups.backups()
        self.model.set_rows(COLUMNS, [(b.created.strftime("%Y-%m-%d %H:%M:%S"), b.label, f"{b.size / 1024:,.0f} KB",
                                       b.path.name) for b in self.items], [str(b.path) for b in self.items])
        for col, w in enumerate((150, 140, 90)):
            self.view.setColumnWidth(col, w)

    def _selected(self) -> backup_service.BackupInfo | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, "备份", "请先在列表中选中一个备份。")
            return None
        return self.items[rows[0].row()]

    def _on_backup(self) -> None:
        stem = Path(self.backups.path).stem
        path, _ = QFileDialog.getSaveFileName(self, "备份到", f"{stem}-备份.sqlite",
                                              "数据库文件 (*.sqlite)")
        if path:
            self.ops.run(lambda progress: self.backups.backup_to(path), label="正在备份……",
                         done=lambda _r: Changes.of(message=f"已备份到 {path}"),
                         error_title="备份失败")

    def _on_look(self) -> None:
        b = self._selected()
        if b:
            d = self.backups.describe(b.path)
            QMessageBox.information(self, "备份内容（只读查看）", "{t}　年度：{y}\n代表 {dep} 人，建议 {p} 件，候选项目 {c} 个，票决（票选） {v} 次（选票 {bl} 张），实事项目 {pr} 个".format(
                t=d["town"], y=d["years"], dep=d["deputies"], p=d["proposals"], c=d["candidates"], v=d["votes"],
                bl=d["ballots"], pr=d["projects"]))

    def _on_restore(self) -> None:
        b = self._selected()
        if not b or not confirm(self, "恢复", "用 {t} 的备份替换当前数据库？当前文件会先自动备份，可随时再恢复回来。".format(t=b.created.strftime("%Y-%m-%d %H:%M")),
                ok="恢复"):
            return
        try:
            self.backups.restore(b.path)  # every connection closed before the file is replaced
        except Exception as exc:
            show_error(self, exc, "恢复失败")
            return
        self.bus.publish(Changes.of(DATA, SETTINGS, YEAR, message="已用备份恢复数据库"))
