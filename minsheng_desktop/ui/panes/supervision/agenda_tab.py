"""监督 › an event's 议程与测评: the reports a 季会 or 年中会议 hears (专项工作, a unit's work, the projects' progress, the
handling of 审议意见), each scored by either method and followed up 政府说明 → 整改 → 再测评 like a project; and the
审议意见 the meeting adopts, sent to the government and reported back."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ....clock import Clock
from ....domain.agenda import holds_agenda
from ....domain.vocabulary import FollowUpStage
from ....services.agenda_service import Agenda, AgendaService, ItemRow
from ....services.changes import Changes
from ....services.project_service import ProjectService
from ....services.report_service import ReportService
from ....services.scoring_service import ScoringService
from ....services.supervision_service import EventRow
from ..._qt_helpers import to_date
from ...dialogs.agenda_dialogs import AgendaItemDialog, DeliberationDialog, HandlingDialog, RoundEntryDialog
from ...dialogs.scoring_dialogs import NewRoundDialog
from ...events import EventBus
from ...feedback import PDF, PDF_OR_DOCX, attempt, confirm, publish_or_warn
from ...models.records_table_model import RecordsTableModel
from ...ops import Ops
from ...widgets import add_buttons, record_table

COLUMNS = ("序号", "类型", "测评事项", "报告单位", "测评方式", "结论", "得分", "整改跟进")
METHOD_NAMES = {"three_level": "三档", "hundred_point": "百分制"}
ASK = {FollowUpStage.EXPLAINED: "政府作出的说明：", FollowUpStage.RECTIFY: "整改情况（提交后将开启再测评）："}


class AgendaTab(QWidget):
    def __init__(self, agenda: AgendaService, scoring: ScoringService, reports: ReportService,
                 projects: ProjectService, bus: EventBus, ops: Ops, parent=None, *, clock: Clock):
        super().__init__(parent)
        self.svc, self.scoring, self.reports, self.projects = agenda, scoring, reports, projects
        self.bus, self.ops, self.clock = bus, ops, clock
        self.voters = "人大代表"  # who scores: 议事代表和人大代表 in a street (SupervisionPane.use_terms)
        self.meeting: EventRow | None = None
        self.year: int | None = None
        self.data: Agenda | None = None
        lay = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setObjectName("paneNote")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.model = RecordsTableModel(COLUMNS, self)
        self.view = record_table(self.model, single=True)
        lay.addWidget(self.view, 3)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        self.buttons = add_buttons(self, row1, [
            ("add", "添加议程…", self._on_add), ("edit", "修改…", self._on_edit), ("delete", "删除", self._on_delete),
            (None, "", None), ("score", "测评…", self._on_score), ("enter", "录入测评结果…", self._on_enter),
            ("advance", "整改跟进…", self._on_advance)])
        self.buttons["score"].setObjectName("primary")
        lay.addLayout(row1)
        lay.addWidget(QLabel("本次会议通过的审议意见（交办政府 → 报告办理情况 → 再审议并测评）："))
        self.opinions = QListWidget()
        self.opinions.setWordWrap(True)
        lay.addWidget(self.opinions, 2)
        self.buttons |= add_buttons(self, row2, [
            ("adopt", "登记审议意见…", self._on_adopt), ("handling", "交办和办理情况…", self._on_handling),
            (None, "", None), ("ballot", "打印测评表…", self._on_ballot), ("results", "测评结果…", self._on_results)])
        lay.addLayout(row2)

    # Loading ---------------------------------------------------------------------------------------------------
    def show_event(self, event: EventRow | None, year: int | None) -> None:
        self.meeting, self.year = event, year
        self.load()

    def load(self) -> None:
        held = self.meeting is not None and holds_agenda(self.meeting.kind)
        for button in self.buttons.values():
            button.setEnabled(held)
        self.data = self.svc.agenda(self.meeting.id) if held and self.meeting else None
        if self.data is None:
            self.note.setText("季会、年中会议等会议听取报告并测评；请在左侧选中一次会议，或把活动类型改为“季会”“年中会议”。")
            self.model.set_rows(COLUMNS, [])
            self.opinions.clear()
            return
        self.note.setText(f"{self.data.title}：{len(self.data.items)} 项议程。任何议程都可按三档或百分制测评，"
                          "结论“不满意”或低于整改线的，须政府说明、整改后再测评。")
        self.model.set_rows(COLUMNS, [
            (i.seq, i.kind, i.subject, i.reporter, METHOD_NAMES.get(i.method, ""),
             i.verdict or ("待录入" if i.open_round_id else ""), i.score, i.follow_up_stage)
            for i in self.data.items], [i.id for i in self.data.items])
        for col, w in enumerate((34, 64, 132, 84, 50, 58, 86, 56)):
            self.view.setColumnWidth(col, w)
        self.opinions.clear()
        subjects = {i.id: i.subject for i in self.data.items}
        for o in self.data.adopted:
            dates = "；".join(x for x in (f"交办 {o.sent_on}" if o.sent_on else "",
                                         f"报告 {o.reported_on}" if o.reported_on else "") if x)
            report = f"\n　办理情况：{o.report}" if o.report else ""
            self.opinions.addItem(f"【{o.stage}】{o.content}　— {subjects.get(o.item_id or '', '')}；"
                                  f"{o.responsible_unit}；期限 {o.due_on}{'；' + dates if dates else ''}{report}")

    def _item(self, needed: bool = True) -> ItemRow | None:
        rows = self.view.selectionModel().selectedRows()
        item = None
        if rows and self.data:
            item = next((i for i in self.data.items if i.id == self.model.row_id(rows[0].row())), None)
        if item is None and needed:
            QMessageBox.information(self, "议程", "请先选中一项议程。")
        return item

    def _publish(self, action) -> bool:
        return publish_or_warn(self, self.bus, action)

    def _projects(self) -> list[tuple[str, str]]:
        return [(p.id, p.name) for p in self.projects.projects(self.year)] if self.year else []

    # Agenda ----------------------------------------------------------------------------------------------------
    def _on_add(self) -> None:
        self._edit(None)

    def _on_edit(self) -> None:
        item = self._item()
        if item:
            self._edit(item)

    def _edit(self, item: ItemRow | None) -> None:
        if not self.data:
            return
        reviewable = [o for o in self.data.reviewable if o.reported_on or (item and o.id in item.reviewed_ids)]
        dialog = AgendaItemDialog(self._projects(), reviewable, item, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            event_id = self.data.event_id
            self._publish(lambda: self.svc.save_item(
                event_id, item.id if item else None, dialog.kind.currentText(), dialog.title.text(),
                dialog.reporter.text(), project_id=dialog.project.currentData(), notes=dialog.notes.text(),
                seq=dialog.seq.value() or None, reviews=dialog.reviewed())[1])

    def _on_delete(self) -> None:
        item = self._item()
        if item and confirm(self, "删除议程", f"删除议程“{item.subject}”？", ok="删除"):
            self._publish(lambda: self.svc.delete_item(item.id))

    # Scoring ---------------------------------------------------------------------------------------------------
    def _on_score(self) -> None:
        if not self.data or not self.data.items:
            QMessageBox.information(self, "测评", "请先添加议程。")
            return
        chosen = self._item(needed=False)
        subjects = [(i.id, i.subject) for i in self.data.items]
        checked = {chosen.id} if chosen else {i.id for i in self.data.items if not i.rounds}
        dialog = NewRoundDialog(self.data.year, subjects, self.scoring.policy().method, self, clock=self.clock,
                                subject_label="测评事项", batch=f"{self.data.title}测评", checked=checked,
                                residents=False, voters=self.voters)
        held = self.data.held_on
        dialog.day.setDate(QDate(held.year, held.month, held.day))  # scored at the meeting
        if dialog.exec() == QDialog.DialogCode.Accepted:
            ids, batch, _who, mode, day, method = dialog.values()
            self._publish(lambda: self.scoring.create_item_rounds(ids, batch, day, mode, method)[1])

    def _on_enter(self) -> None:
        item = self._item()
        if not item:
            return
        if not item.open_round_id:
            QMessageBox.information(self, "录入测评结果", "该议程没有待录入的测评：请先点“测评…”建立测评，"
                                                     "或在整改跟进中提交整改情况以开启再测评。")
            return
        round_id = item.open_round_id
        row = next((r for r in self.scoring.rounds(self.data.year) if r.id == round_id), None) if self.data else None
        entered = 2 if row is not None and "entry1" in row.counts else 1
        dialog = RoundEntryDialog(item.subject, item.method, entered, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if item.method == "hundred_point":
            self._publish(lambda: self.scoring.submit_scores(round_id, dialog.typed_scores()))
            return
        ok, diffs = attempt(self, lambda: self.scoring.submit_totals(round_id, dialog.entry_no.currentData(),
                                                                     dialog.counts()), "本次录入未被接受")
        if ok:
            if diffs:
                QMessageBox.warning(self, "两次录入不一致", "；".join(diffs) + "。请核对后重新录入。")
            self.bus.publish(Changes.of("data", message="已保存测评录入"))

    def _on_advance(self) -> None:
        item = self._item()
        if not item:
            return
        ask = ASK.get(FollowUpStage(item.follow_up_stage)) if item.follow_up_stage else None
        if ask is None or not item.follow_up_id:
            QMessageBox.information(self, "整改跟进", "该议程没有待推进的整改：只有测评结论为“不满意”或低于整改线的，"
                                                  "才需政府说明和整改；正在再测评的，请录入测评结果。")
            return
        follow_up = item.follow_up_id
        text, ok = QInputDialog.getMultiLineText(self, f"整改跟进 — {item.subject}", ask)
        if ok:
            self._publish(lambda: self.scoring.advance(follow_up, text))

    def _on_ballot(self) -> None:
        if not self.data:
            return
        waiting = [i.open_round_id for i in self.data.items if i.open_round_id]
        if not waiting:
            QMessageBox.information(self, "测评表", "没有待测评的议程：请先点“测评…”建立测评。")
            return
        year, name = self.data.year, f"{self.data.title}-测评表.pdf"
        self.ops.save("保存测评表", name, PDF, lambda path: self.reports.scoring_ballot(waiting, year, path))

    def _on_results(self) -> None:
        if not self.data:
            return
        event_id = self.data.event_id
        self.ops.save("保存测评结果", f"{self.data.title}测评结果.pdf", PDF_OR_DOCX,
                      lambda path: self.reports.meeting_scores(event_id, path))

    # 审议意见 ---------------------------------------------------------------------------------------------------
    def _on_adopt(self) -> None:
        item = self._item()
        if not item or not self.data:
            return
        dialog = DeliberationDialog(item.subject, item.reporter, self.data.held_on, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._publish(lambda: self.svc.adopt_opinion(item.id, dialog.content.toPlainText(), dialog.unit.text(),
                                                         to_date(dialog.due)))

    def _on_handling(self) -> None:
        row = self.opinions.currentRow()
        if not self.data or not 0 <= row < len(self.data.adopted):
            QMessageBox.information(self, "审议意见", "请先在下方选中一条审议意见。")
            return
        opinion = self.data.adopted[row]
        dialog = HandlingDialog(opinion, self.clock.today(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            sent, report, reported = dialog.values()
            self._publish(lambda: self.svc.record_handling(opinion.id, sent_on=sent, report=report,
                                                           reported_on=reported))
