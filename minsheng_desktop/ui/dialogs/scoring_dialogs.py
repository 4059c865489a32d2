"""New satisfaction round(s): which subjects (the year's projects, or a meeting's agenda items), who answers, how it
is entered."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ...clock import Clock
from ...domain.satisfaction import METHODS
from .._qt_helpers import date_edit, to_date
from .common import ok_cancel


class NewRoundDialog(QDialog):
    def __init__(self, year: int, projects: list[tuple[str, str]], method: str, parent=None, *,
                 clock: Clock, subject_label: str = "测评项目", batch: str | None = None,
                 checked: set[str] | None = None, residents: bool = True, voters: str = "人大代表"):
        """``projects``: (id, name) of the subjects to choose from; ``checked``: those ticked (all when None);
        ``residents``: offer 受益群众 (回头看) as respondents (a meeting's items are scored by deputies only)."""
        super().__init__(parent)
        self.setWindowTitle("新建满意度测评")
        self.resize(560, 520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.batch = QLineEdit(batch or f"{year}年度民生实事项目满意度测评")
        self.respondents = QComboBox()
        self.respondents.addItem(f"{voters}（无记名测评）", "代表")  # a street: 议事代表和人大代表
        if residents:
            self.respondents.addItem("受益群众（回头看回访）", "群众")
        self.respondents.currentIndexChanged.connect(self._on_respondents)
        self.method = QComboBox()
        for key, label in METHODS.items():
            self.method.addItem(label, key)
        self.method.setCurrentIndex(self.method.findData(method))
        self.entry = QComboBox()
        self.entry.addItem("汇总票数（两人分别录入，一致方可确定）", "totals")
        self.entry.addItem("逐张录入测评票", "ballots")
        self.day = date_edit(clock.today())
        self.projects = QListWidget()
        for pid, name in projects:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setCheckState(Qt.CheckState.Checked if checked is None or pid in checked else Qt.CheckState.Unchecked)
            self.projects.addItem(item)
        for label, w in [("测评名称", self.batch), ("测评对象", self.respondents), ("测评方式", self.method),
                         ("录入方式", self.entry), ("测评日期", self.day), (subject_label, self.projects)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "建立"))

    def _on_respondents(self) -> None:
        if self.respondents.currentData() == "群众":
            self.batch.setText(self.batch.text().replace("满意度测评", "受益群众回访（回头看）"))

    def values(self) -> tuple[list[str], str, str, str, date, str]:
        ids = [self.projects.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.projects.count())
               if self.projects.item(i).checkState() == Qt.CheckState.Checked]
        return (ids, self.batch.text(), self.respondents.currentData(), self.entry.currentData(),
                to_date(self.day), self.method.currentData())
