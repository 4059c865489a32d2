"""监督 › 代表专班: "一位常委会领导、一项重点工作、一个代表专班" — the year's groups and what each did: events held on
its projects, its members' attendance, opinions raised, closed and overdue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout

from ....domain.roster import initials
from ....services.group_service import GroupRow, GroupService
from ....services.project_service import ProjectService
from ....services.roster_service import RosterService
from ...dialogs.group_dialog import GroupDialog
from ...feedback import attempt, confirm
from ...models.records_table_model import RecordsTableModel
from ...widgets import add_buttons, record_table
from .year_tab import YearTab

COLUMNS = ("专班", "牵头领导", "重点工作", "成员", "项目", "活动（次）", "成员参加（人次）", "参加率", "意见建议",
           "已办结", "逾期")


class GroupTab(YearTab):
    def __init__(self, owner, groups: GroupService, projects: ProjectService, roster: RosterService):
        super().__init__(owner)
        self.svc, self.projects, self.roster = groups, projects, roster
        self.rows: list[GroupRow] = []
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [("new", "新建专班…", self._on_new), ("edit", "编辑…", self._on_edit),
                                               ("delete", "删除", self._on_delete), (None, "", None)])
        lay.addLayout(bar)
        note = QLabel("一位常委会（主席团）领导、一项重点工作、一个代表专班。活动和意见建议按专班负责的项目归集："
                      "本年度已开展、涉及其项目的监督活动，成员参加情况，以及对这些项目提出的意见建议。")
        note.setWordWrap(True)
        note.setObjectName("paneNote")
        lay.addWidget(note)
        self.model = RecordsTableModel(COLUMNS, self)
        self.view = record_table(self.model, single=True)
        self.view.selectionModel().selectionChanged.connect(self._on_select)
        self.view.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.view, 2)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.detail, 1)

    def load(self) -> None:
        current = self._row()
        self.rows = self.svc.groups(self.year)
        self.model.set_rows(COLUMNS, [
            (g.name, g.leader, g.focus, len(g.member_ids), len(g.project_ids), g.rollup.events,
             g.rollup.attendances, "" if g.rollup.attendance_rate is None else f"{g.rollup.attendance_rate:.0%}",
             g.rollup.raised, g.rollup.closed, g.rollup.overdue) for g in self.rows], [g.id for g in self.rows],
            ["#d32f2f" if g.rollup.overdue else "#2e7d32" for g in self.rows])
        for col, w in enumerate((150, 150, 230, 44, 44, 84, 126, 60, 70, 56, 44)):
            self.view.setColumnWidth(col, w)
        ids = [g.id for g in self.rows]
        if ids:
            self.view.selectRow(ids.index(current.id) if current and current.id in ids else 0)
        self._on_select()
        self.buttons["edit"].setEnabled(bool(ids))
        self.buttons["delete"].setEnabled(bool(ids))

    def _row(self) -> GroupRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _on_select(self, *_args) -> None:
        g = self._row()
        if g is None:
            self.detail.setText("本年度还没有代表专班，可“新建专班…”。" if not self.rows else "")
            return
        r = g.rollup
        self.detail.setText(
            f"【{g.name}】牵头领导：{g.leader}；重点工作：{g.focus}\n"
            f"成员（{len(g.members)} 名）：{'、'.join(g.members) or '—'}\n"
            f"负责项目（{len(g.projects)} 个）：{'、'.join(g.projects) or '—'}\n"
            f"本年度：开展活动 {r.events} 次，成员参加 {r.attendances} 人次；意见建议 {r.raised} 条，"
            f"已办结 {r.closed} 条，办理中 {r.open} 条，其中逾期 {r.overdue} 条。")

    def _dialog(self, g: GroupRow | None) -> GroupDialog:
        deputies = [(d.id, f"{d.name}（{d.group_name}）", initials(d.name))
                    for d in self.roster.deputies(include_retired=False)]
        projects = [(p.id, p.name) for p in self.projects.projects(self.year)]
        if g is None:
            return GroupDialog(deputies, projects, parent=self)
        return GroupDialog(deputies, projects, name=g.name, leader_name=g.leader_name, leader_title=g.leader_title,
                           focus=g.focus, member_ids=g.member_ids, project_ids=g.project_ids, parent=self)

    def _save(self, g: GroupRow | None) -> None:
        dialog = self._dialog(g)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ok, saved = attempt(self, lambda: self.svc.save_group(
            self.year, g.id if g else None, name=dialog.name.text(), leader_name=dialog.leader_name.text(),
            leader_title=dialog.leader_title.text(), focus=dialog.focus.text(), member_ids=dialog.members.checked(),
            project_ids=dialog.projects.checked()))
        if ok and saved:
            self.publish(lambda: saved[1])

    def _on_new(self) -> None:
        self._save(None)

    def _on_edit(self) -> None:
        g = self._row()
        if g is None:
            QMessageBox.information(self, "代表专班", "请先选中一个专班。")
            return
        self._save(g)

    def _on_delete(self) -> None:
        g = self._row()
        if g is not None and confirm(self, "删除专班", f"删除“{g.name}”？成员和项目的分配一并删除，活动和意见建议不受影响。",
                                     ok="删除"):
            self.publish(lambda: self.svc.delete_group(g.id))
