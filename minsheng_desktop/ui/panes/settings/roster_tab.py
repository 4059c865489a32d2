"""设置 › 代表名册 (a street's 议事代表名册: 议事代表 and 人大代表, with 界别/职业 and the count of each kind): add, edit,
retire, import from Excel, export."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ....domain.ordering import sort_key
from ....domain.roster import DeputyInput
from ....domain.terms import TOWN_TERMS, Terms
from ....services.changes import ROSTER, Changes
from ....services.roster_service import DeputyRow, RosterImport, RosterService
from ...dialogs.deputy_dialog import DeputyDialog
from ...events import EventBus
from ...feedback import XLSX, publish_or_warn
from ...ops import Ops
from ...tasks import TaskRunner
from ...widgets import TableWithSearch, add_buttons

COLUMNS = ("姓名", "性别", "代表小组", "界别/职业", "联系电话", "状态")
STREET_COLUMNS = ("姓名", "性别", "身份", "界别/职业", "小组", "联系电话", "状态")  # 议事代表 and 人大代表 together


class RosterTab(QWidget):
    def __init__(self, roster: RosterService, bus: EventBus, tasks: TaskRunner, parent=None):
        super().__init__(parent)
        self.roster, self.bus = roster, bus
        self.ops = Ops(self, tasks, bus)
        self.rows: list[DeputyRow] = []
        self.terms: Terms = TOWN_TERMS
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [("add", "添加代表", self._on_add), ("edit", "编辑", self._on_edit),
                                ("retire", "离任 / 恢复在任", self._on_toggle_active),
                                ("import", "从 Excel 导入…", self._on_import), ("export", "导出 Excel…", self._on_export),
                                ("template", "下载导入模板…", self._on_template)])
        self.buttons["add"].setObjectName("primary")
        bar.addStretch(1)
        self.show_retired = QCheckBox("显示已离任")
        self.show_retired.setChecked(True)
        self.show_retired.toggled.connect(self.refresh)
        bar.addWidget(self.show_retired)
        lay.addLayout(bar)
        self.counts = QLabel("")  # a street: 议事代表 45 名，人大代表 8 名，共 53 名
        self.counts.setObjectName("paneNote")
        self.counts.hide()
        lay.addWidget(self.counts)
        self.table = TableWithSearch("搜索姓名、拼音首字母（如 zs）、代表小组或电话")
        self.table.view.doubleClicked.connect(self._on_edit)
        lay.addWidget(self.table, 1)

    def refresh(self) -> None:
        made = self.roster.make_up()
        self.terms = t = made.terms
        self.rows = self.roster.deputies(include_retired=self.show_retired.isChecked())
        self.buttons["add"].setText(f"添加{t.member}")
        self.table.search.setPlaceholderText(f"搜索姓名、拼音首字母（如 zs）、{'小组' if t.has_kinds else '代表小组'}或电话")
        self.counts.setVisible(t.has_kinds)
        self.counts.setText(f"在任：{made.counts}。议事代表和人大代表一同签到、{t.vote}，法定人数按全体成员计算。")

        def state(d: DeputyRow) -> str:
            return "在任" if d.active else f"离任（{d.retired_on}）"

        if t.has_kinds:
            self.table.set_rows(STREET_COLUMNS, [(d.name, d.gender, d.kind, d.sector, d.group_name, d.phone, state(d))
                                                 for d in self.rows], [d.id for d in self.rows])
        else:
            self.table.set_rows(COLUMNS, [(d.name, d.gender, d.group_name, d.sector, d.phone, state(d))
                                          for d in self.rows], [d.id for d in self.rows])

    def _selected(self) -> DeputyRow | None:
        chosen = self.table.selected_id()
        return next((d for d in self.rows if d.id == chosen), None)

    def _groups(self) -> list[str]:
        return sorted({d.group_name for d in self.rows if d.group_name}, key=sort_key)

    def _on_add(self) -> None:
        dialog = DeputyDialog(self._groups(), parent=self, terms=self.terms)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value:
            publish_or_warn(self, self.bus, lambda: self.roster.add(dialog.value), f"未能添加{self.terms.member}")

    def _on_edit(self, *_args) -> None:
        d = self._selected()
        if d is None:
            QMessageBox.information(self, f"编辑{self.terms.member}", f"请先在表格中选中一位{self.terms.member}。")
            return
        dialog = DeputyDialog(self._groups(), DeputyInput(d.name, d.gender, d.group_name, d.phone, d.kind, d.sector),
                              parent=self, terms=self.terms)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value:
            publish_or_warn(self, self.bus, lambda: self.roster.update(d.id, dialog.value), "未能保存")

    def _on_toggle_active(self) -> None:
        d = self._selected()
        if d is None:
            QMessageBox.information(self, "离任", f"请先在表格中选中一位{self.terms.member}。")
            return
        publish_or_warn(self, self.bus, lambda: self.roster.set_active(d.id, not d.active))

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"选择{self.terms.roster}", "", "Excel 文件 (*.xlsx)")
        if not path:
            return
        self.ops.run(lambda progress: self.roster.check_import(path), label=f"正在检查{self.terms.roster}……",
                     done=lambda r: self._after_check(path, r), error_title="名册未导入")

    def _after_check(self, path: str, report: RosterImport) -> None:
        skip = bool(report.problems)
        if report.problems and not self.ask_skip_bad_rows(report):
            return
        self.ops.run(lambda progress: self.roster.import_excel(path, skip_bad=skip), label=f"正在导入{self.terms.roster}……",
                     done=self._after_import, error_title="名册未导入")

    def ask_skip_bad_rows(self, report: RosterImport) -> bool:
        """List the rows to fix; the secretary may import the good rows or cancel the whole import."""
        lines = "\n".join(p.reason for p in report.problems[:15])
        more = f"\n……另有 {len(report.problems) - 15} 行" if len(report.problems) > 15 else ""
        good = report.rows - len(report.problems)
        box = QMessageBox(QMessageBox.Icon.Warning, "名册中有问题行",
                          "以下行有问题，请在 Excel 中改正后重新导入：\n\n" + lines + more, parent=self)
        skip_btn = box.addButton(f"跳过问题行，导入其余 {good} 行", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消，不导入", QMessageBox.ButtonRole.RejectRole)
        skip_btn.setEnabled(good > 0)
        box.exec()
        return box.clickedButton() is skip_btn

    def _after_import(self, report: RosterImport) -> None:
        self.bus.publish(Changes.of(ROSTER, message=report.summary()))
        QMessageBox.information(self, "导入完成", report.summary())

    def _on_export(self) -> None:
        retired = self.show_retired.isChecked()
        t = self.terms
        self.ops.save(f"导出{t.roster}", f"{t.roster}.xlsx", XLSX,
                      lambda path: self.roster.export_excel(path, include_retired=retired),
                      lambda path, n: f"已导出 {n} 名{t.member}到 {path}")

    def _on_template(self) -> None:
        self.ops.save("保存导入模板", f"{self.terms.roster}导入模板.xlsx", XLSX, self.roster.write_template)
