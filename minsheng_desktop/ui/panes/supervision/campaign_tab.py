"""监督 › 回头看: a campaign on past years' projects — its figures (entered and from the log), the projects picked,
the visit log, and the opinions of its 问题清单 handed to the government and followed to the end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....domain.vocabulary import HandOverStage
from ....services.campaign_service import CampaignDetail, CampaignService, default_look_back
from ....services.roster_service import RosterService
from ....services.supervision_service import SupervisionService
from ..._qt_helpers import to_date
from ...dialogs.campaign_dialogs import (
    CampaignDialog,
    CampaignOpinionDialog,
    HandOverDialog,
    ProjectPickDialog,
    VisitDialog,
)
from ...dialogs.event_dialogs import FeedbackDialog
from ...feedback import PDF_OR_DOCX, attempt
from ...models.records_table_model import RecordsTableModel
from ...widgets import add_buttons, record_table
from .year_tab import YearTab

LIST_COLUMNS = ("开展日期", "回头看活动", "回头看年度", "状态", "项目", "意见建议", "未交办", "逾期", "已办结")
FIGURE_COLUMNS = ("数字", "填报", "记录", "采用", "说明")
VISIT_COLUMNS = ("日期", "类型", "地点", "项目", "参加代表", "群众（人）", "了解到的情况")
OPINION_COLUMNS = ("项目", "问题/意见", "责任单位", "办理时限", "交办日期", "办理情况", "反馈")
STAGE_COLOURS = {HandOverStage.NOT_HANDED: "#9aa0a6", HandOverStage.OPEN: "#2e7d32",
                 HandOverStage.OVERDUE: "#d32f2f", HandOverStage.CLOSED: "#1565c0"}


class CampaignTab(YearTab):
    def __init__(self, owner, campaigns: CampaignService, supervision: SupervisionService, roster: RosterService):
        super().__init__(owner)
        self.svc, self.supervision, self.roster = campaigns, supervision, roster
        self.detail: CampaignDetail | None = None
        self.current: str | None = None
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [
            ("new", "新建回头看…", self._on_new), ("edit", "活动和数字…", self._on_edit),
            ("projects", "选择项目…", self._on_projects), (None, "", None),
            ("list", "问题清单…", self._on_problem_list), ("report", "调研报告…", self._on_report)])
        lay.addLayout(bar)
        self.list_model = RecordsTableModel(LIST_COLUMNS, self)
        self.list_view = record_table(self.list_model, single=True)
        self.list_view.setMaximumHeight(112)
        self.list_view.selectionModel().selectionChanged.connect(self._on_select)
        lay.addWidget(self.list_view)
        split = QSplitter()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.figure_model = RecordsTableModel(FIGURE_COLUMNS, self)
        self.figure_view = record_table(self.figure_model)
        self.figure_view.horizontalHeader().setStretchLastSection(True)
        self.figure_view.setMinimumHeight(6 * 30 + 34)  # the six figures without scrolling
        self.figure_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("paneNote")
        self.projects = QListWidget()
        ll.addWidget(QLabel("活动数字（文件中用“采用”一列）"))
        ll.addWidget(self.figure_view)
        ll.addWidget(self.summary)
        ll.addWidget(QLabel("回头看项目"))
        ll.addWidget(self.projects, 1)
        split.addWidget(left)
        self.details = QTabWidget()
        self.visit_model = RecordsTableModel(VISIT_COLUMNS, self)
        self.visit_view = record_table(self.visit_model, single=True)
        self.visit_view.horizontalHeader().setStretchLastSection(True)
        self.details.addTab(self._with_buttons(self.visit_view, [
            ("visit", "记录走访/座谈…", self._on_visit), ("edit_visit", "修改…", self._on_edit_visit),
            ("delete_visit", "删除", self._on_delete_visit)]), "走访与座谈记录")
        self.opinion_model = RecordsTableModel(OPINION_COLUMNS, self)
        self.opinion_view = record_table(self.opinion_model)
        self.opinion_view.horizontalHeader().setStretchLastSection(True)
        self.details.addTab(self._with_buttons(self.opinion_view, [
            ("opinion", "登记意见建议…", self._on_opinion), ("hand_over", "交办政府…", self._on_hand_over),
            ("reply", "办理反馈 / 办结…", self._on_reply)]), "问题清单（意见建议）")
        split.addWidget(self.details)
        split.setSizes([380, 850])
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)

    def _with_buttons(self, view, specs) -> QWidget:
        box = QWidget()
        bl = QVBoxLayout(box)
        bl.addWidget(view, 1)
        row = QHBoxLayout()
        self.buttons |= add_buttons(self, row, [*specs, (None, "", None)])
        bl.addLayout(row)
        return box

    # Loading ---------------------------------------------------------------------------------------------------
    def load(self) -> None:
        rows = self.svc.campaigns(self.year)
        self.list_model.set_rows(LIST_COLUMNS, [
            (r.held_on.isoformat(), r.title, "、".join(map(str, r.look_back)), r.status, r.projects, r.opinions,
             r.not_handed, r.overdue, r.closed) for r in rows], [r.id for r in rows])
        for col, w in enumerate((86, 330, 90, 60, 44, 66, 56, 44, 56)):
            self.list_view.setColumnWidth(col, w)
        ids = [r.id for r in rows]
        if self.current not in ids:
            self.current = ids[0] if ids else None
        if self.current:
            self.list_view.selectRow(ids.index(self.current))
        self._show()

    def _on_select(self, *_args) -> None:
        rows = self.list_view.selectionModel().selectedRows()
        if rows and self.list_model.row_id(rows[0].row()) != self.current:
            self.current = self.list_model.row_id(rows[0].row())
            self._show()

    def _show(self) -> None:
        self.detail = d = self.svc.detail(self.current) if self.current else None
        for key in ("edit", "projects", "list", "report", "visit", "edit_visit", "delete_visit", "opinion",
                    "hand_over", "reply"):
            self.buttons[key].setEnabled(d is not None)
        lines = d.lines if d else []
        self.figure_model.set_rows(FIGURE_COLUMNS, [
            (x.label, "" if x.entered is None else x.entered, "" if x.logged is None else x.logged,
             x.used, x.note) for x in lines])
        for col, w in enumerate((116, 44, 44, 44)):
            self.figure_view.setColumnWidth(col, w)
        self.summary.setText(f"问题清单交办：{d.handed_on.isoformat()}" if d and d.handed_on else
                             "问题清单尚未交办" if d else "本年度还没有回头看活动，可“新建回头看…”，"
                             "或在“日程”中生成年度监督计划。")
        self.projects.clear()
        for p in d.projects if d else []:
            self.projects.addItem(f"{p.year}年度　{p.name}（{p.responsible_unit}）")
        visits = d.visits if d else []
        self.visit_model.set_rows(VISIT_COLUMNS, [
            (v.held_on.isoformat(), v.kind, v.place, v.project, "、".join(v.deputies), v.people_met, v.findings)
            for v in visits], [v.id for v in visits])
        for col, w in enumerate((84, 66, 84, 130, 140, 80)):
            self.visit_view.setColumnWidth(col, w)
        ops = d.opinions if d else []
        self.opinion_model.set_rows(OPINION_COLUMNS, [
            (o.project, o.content, o.responsible_unit, o.due_on.isoformat() if o.due_on else "",
             o.handed_on.isoformat() if o.handed_on else "", o.stage, o.feedback) for o in ops],
            [o.id for o in ops], [STAGE_COLOURS[HandOverStage(o.stage)] for o in ops])
        for col, w in enumerate((112, 196, 90, 84, 84, 84)):
            self.opinion_view.setColumnWidth(col, w)

    # Actions ---------------------------------------------------------------------------------------------------
    def _on_new(self) -> None:
        today = self.clock.today()
        last = today.year - 1 if self.year >= today.year else self.year
        dialog = CampaignDialog(title=f"{last}年度民生实事项目“回头看”", held_on=today,
                                look_back=default_look_back(self.year, today), parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ok, saved = attempt(self, lambda: self.svc.create(self.year, dialog.title.text(), to_date(dialog.day),
                                                          dialog.look_back(), dialog.place.text()))
        if ok and saved:
            self.current = saved[0]
            self.publish(lambda: saved[1])

    def _on_edit(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = CampaignDialog(title=d.title, held_on=d.held_on, place=d.place, status=d.status,
                                look_back=d.look_back, figures=d.entered, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.publish(lambda: self.svc.save(d.id, title=dialog.title.text(), held_on=to_date(dialog.day),
                                               place=dialog.place.text(), status=dialog.status.currentText(),
                                               look_back=dialog.look_back(), figures=dialog.entered()))

    def _on_projects(self) -> None:
        d = self.detail
        if d is None:
            return
        ok, found = attempt(self, lambda: self.svc.candidate_projects(d.look_back))
        if not ok or found is None:
            return
        dialog = ProjectPickDialog([(p.id, p.year, p.name) for p in found] + [
            (p.id, p.year, p.name) for p in d.projects if p.year not in d.look_back], {p.id for p in d.projects}, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.publish(lambda: self.svc.set_projects(d.id, dialog.list.checked()))

    def _deputies(self) -> list[tuple[str, str, str]]:
        from ....domain.roster import initials

        return [(x.id, f"{x.name}（{x.group_name}）", initials(x.name))
                for x in self.roster.deputies(include_retired=False)]

    def _visit(self):
        row = self.visit_view.selectionModel().selectedRows()
        if not self.detail or not row:
            QMessageBox.information(self, "走访与座谈记录", "请先选中一条记录。")
            return None
        return self.detail.visits[row[0].row()]

    def _visit_dialog(self, visit=None) -> None:
        d = self.detail
        if d is None:
            return
        projects = [(p.id, f"{p.year}年度 {p.name}") for p in d.projects]
        if visit is None:
            dialog = VisitDialog(projects, self._deputies(), day=min(self.clock.today(), d.held_on),
                                 parent=self)
        else:
            dialog = VisitDialog(projects, self._deputies(), day=visit.held_on, kind=visit.kind, place=visit.place,
                                 project_id=visit.project_id, deputy_ids=visit.deputy_ids,
                                 people_met=visit.people_met, findings=visit.findings, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.publish(lambda: self.svc.save_visit(
                d.id, visit.id if visit else None, kind=dialog.kind.currentText(), held_on=to_date(dialog.day),
                place=dialog.place.text(), project_id=dialog.project.currentData(),
                deputy_ids=dialog.deputies.checked(), people_met=dialog.people.value(),
                findings=dialog.findings.toPlainText()))

    def _on_visit(self) -> None:
        self._visit_dialog()

    def _on_edit_visit(self) -> None:
        visit = self._visit()
        if visit is not None:
            self._visit_dialog(visit)

    def _on_delete_visit(self) -> None:
        visit = self._visit()
        if visit is not None:
            self.publish(lambda: self.svc.delete_visit(visit.id))

    def _on_opinion(self) -> None:
        d = self.detail
        if d is None:
            return
        names = dict((x.id, x.name) for x in self.roster.deputies(include_retired=True))
        dialog = CampaignOpinionDialog([(p.id, p.name) for p in d.projects], [(v.id, v.label) for v in d.visits],
                                       [(i, names.get(i, "")) for i in d.attendee_ids], clock=self.clock, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.publish(lambda: self.svc.add_opinion(
                d.id, dialog.content.toPlainText(), project_id=dialog.project.currentData(),
                visit_id=dialog.visit.currentData(), deputy_id=dialog.deputy.currentData(),
                responsible_unit=dialog.unit.text(), due_on=to_date(dialog.due)))

    def _selected_opinions(self) -> list:
        d = self.detail
        rows = sorted(i.row() for i in self.opinion_view.selectionModel().selectedRows())
        return [d.opinions[r] for r in rows] if d else []

    def _on_hand_over(self) -> None:
        d = self.detail
        if d is None:
            return
        chosen = self._selected_opinions() or [o for o in d.opinions if o.stage == HandOverStage.NOT_HANDED]
        if not chosen:
            QMessageBox.information(self, "交办政府", "没有未交办的意见建议；要重新交办，请先选中。")
            return
        dialog = HandOverDialog(len(chosen), clock=self.clock, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.publish(lambda: self.svc.hand_over(d.id, [o.id for o in chosen], to_date(dialog.day)))

    def _on_reply(self) -> None:
        chosen = self._selected_opinions()
        if len(chosen) != 1:
            QMessageBox.information(self, "办理反馈", "请先选中一条意见建议。")
            return
        o = chosen[0]
        dialog = FeedbackDialog(o.content, o.feedback, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.publish(lambda: self.supervision.follow_up(o.id, dialog.feedback.toPlainText(),
                                                            dialog.close_it.isChecked()))

    def _on_problem_list(self) -> None:
        d = self.detail
        if d is not None:
            self.ops.save("保存问题清单", f"{d.title}问题清单.pdf", PDF_OR_DOCX,
                          lambda path: self.svc.write_problem_list(d.id, path))

    def _on_report(self) -> None:
        d = self.detail
        if d is not None:
            self.ops.save("保存调研报告", f"{d.title}调研报告.docx", PDF_OR_DOCX,
                          lambda path: self.svc.write_report(d.id, path))

