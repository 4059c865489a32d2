"""监督: the year's calendar (month and list), each event's projects, attendance and opinions, 履职积分."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...clock import Clock
from ...domain.catalog import EVENT_KINDS
from ...domain.roster import initials
from ...domain.vocabulary import OpinionKind, OpinionStatus
from ...services.agenda_service import AgendaService
from ...services.points_service import PointsService
from ...services.project_service import ProjectService
from ...services.report_service import ReportService
from ...services.roster_service import RosterService
from ...services.scoring_service import ScoringService
from ...services.supervision_service import EVENT_STATUSES, EventRow, SupervisionService
from .._qt_helpers import date_edit, plain_calendar, to_date
from ..dialogs.event_dialogs import FeedbackDialog, OpinionDialog
from ..events import EventBus
from ..feedback import PDF_OR_XLSX, attempt
from ..models.records_table_model import RecordsTableModel
from ..tasks import TaskRunner
from ..widgets import add_buttons, pane_layout, record_table
from .supervision.agenda_tab import AgendaTab
from .supervision.points_tab import PointsTab
from .year_pane import YearPane

COLUMNS = ("日期", "类型", "活动", "状态", "参加代表", "意见建议", "已办结")
INITIALS = Qt.ItemDataRole.UserRole + 1


def _checklist(items: list[tuple[str, str]], checked: set[str], widget: QListWidget) -> None:
    widget.clear()
    for key, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


def _checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


class SupervisionPane(YearPane):
    def __init__(self, supervision: SupervisionService, projects: ProjectService, roster: RosterService,
                 reports: ReportService, bus: EventBus, parent=None, *, clock: Clock,
                 tasks: TaskRunner | None = None, points: PointsService, agenda: AgendaService,
                 scoring: ScoringService):
        super().__init__(bus, tasks, parent)
        self.svc, self.projects, self.roster, self.reports = supervision, projects, roster, reports
        self.agenda, self.scoring = agenda, scoring
        self.clock = clock
        self.events: list[EventRow] = []
        self.current: str | None = None
        lay = pane_layout(self, "监督",
                          "年初问计划、年中问进度、年底问效果、回头看，季会、视察、调研、专题询问、代表约见；意见建议跟踪到办结。")
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [("plan", "生成年度监督计划", self._on_plan), ("new", "新建活动", self._on_new), (None, "", None),
                                ("calendar", "监督日程…", self._on_calendar)])
        lay.addLayout(bar)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        self.tabs.addTab(self._calendar_tab(), "日程")
        self.points_tab = PointsTab(points, self.ops)
        self.tabs.addTab(self.points_tab, "履职积分")
        self.year_tabs: list = []  # 回头看, 代表专班 (ui/panes/supervision/), loaded with the year

    def use_terms(self, t) -> None:
        """The level's words (MainWindow): 参加议事代表, and who scores a meeting's agenda."""
        self.details.setTabText(self.details.indexOf(self.people_tab), f"参加{t.member}（签到）")
        self.agenda_tab.voters = t.voters

    def _calendar_tab(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.calendar = plain_calendar(QCalendarWidget())
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._on_day)
        ll.addWidget(self.calendar)
        self.model = RecordsTableModel(COLUMNS, self)
        self.view = record_table(self.model, single=True)
        self.view.selectionModel().selectionChanged.connect(self._on_select)
        ll.addWidget(self.view, 1)
        split.addWidget(left)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        form = QGridLayout()  # compact, so the attendance list below has room for 30 people at once
        self.kind, self.status = QComboBox(), QComboBox()
        self.kind.addItems(EVENT_KINDS)
        self.status.addItems(EVENT_STATUSES)
        self.title, self.place = QLineEdit(), QLineEdit()
        self.day = date_edit()
        self.notes = QLineEdit()
        save = QPushButton("保存活动")
        save.clicked.connect(self._on_save)
        for r, row in enumerate([[("类型", self.kind, 1), ("日期", self.day, 1), ("状态", self.status, 1)],
                                 [("活动", self.title, 5)], [("地点", self.place, 1), ("备注", self.notes, 3)]]):
            col = 0
            for label, w, span in row:
                form.addWidget(QLabel(label), r, col)
                form.addWidget(w, r, col + 1, 1, span)
                col += span + 1
        form.addWidget(save, 2, 6)
        for c in (1, 3, 5):
            form.setColumnStretch(c, 1)
        rl.addLayout(form)
        self.details = QTabWidget()
        people = QWidget()
        pl = QVBoxLayout(people)
        top = QHBoxLayout()
        self.people_filter = QLineEdit()
        self.people_filter.setPlaceholderText("输入姓名或拼音首字母，回车签到第一个匹配的代表")
        self.people_filter.setClearButtonEnabled(True)
        self.people_filter.textChanged.connect(self._filter_people)
        self.people_filter.returnPressed.connect(self._sign_first)
        self.people_count = QLabel()
        self.people_count.setObjectName("paneNote")
        top.addWidget(self.people_filter, 1)
        top.addWidget(self.people_count)
        pl.addLayout(top)
        self.people_list, self.project_list = QListWidget(), QListWidget()
        self.people_list.itemChanged.connect(self._count_people)
        pl.addWidget(self.people_list, 1)
        self.people_tab = people
        self.details.addTab(people, "参加代表（签到）")
        self.details.addTab(self.project_list, "涉及项目")
        opinions = QWidget()
        ol = QVBoxLayout(opinions)
        self.opinions = QListWidget()
        self.opinions.setWordWrap(True)
        ol.addWidget(self.opinions, 1)
        ob = QHBoxLayout()
        self.buttons |= add_buttons(self, ob, [("opinion", "登记意见建议…", self._on_opinion),
                                               ("feedback", "整改反馈 / 办结…", self._on_feedback), (None, "", None)])
        ol.addLayout(ob)
        self.details.addTab(opinions, "意见建议及整改反馈")
        self.agenda_tab = AgendaTab(self.agenda, self.scoring, self.reports, self.projects, self.bus,
                                    self.ops, clock=self.clock)
        self.details.addTab(self.agenda_tab, "议程与测评")  # 季会, 年中会议: reports heard and scored
        rl.addWidget(self.details, 1)
        links = QHBoxLayout()
        self.links_btn = QPushButton("保存参加代表和涉及项目")
        self.links_btn.setObjectName("primary")
        self.links_btn.clicked.connect(self._on_links)
        links.addWidget(self.links_btn)
        self.details.currentChanged.connect(lambda i: self.links_btn.setVisible(i < 2))  # not under the opinions
        links.addStretch(1)
        rl.addLayout(links)
        split.addWidget(right)
        split.setSizes([520, 600])
        split.setChildrenCollapsible(False)
        return split

    def _filter_people(self, text: str) -> None:
        q = text.strip().lower()
        for i in range(self.people_list.count()):
            item = self.people_list.item(i)
            item.setHidden(bool(q) and q not in item.text() and not item.data(INITIALS).startswith(q))

    def _sign_first(self) -> None:
        for i in range(self.people_list.count()):
            item = self.people_list.item(i)
            if not item.isHidden() and item.checkState() != Qt.CheckState.Checked:
                item.setCheckState(Qt.CheckState.Checked)
                break
        self.people_filter.clear()

    def _count_people(self, *_args) -> None:
        self.people_count.setText(f"已勾选 {len(_checked(self.people_list))} / {self.people_list.count()} 人")

    # Loading ---------------------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        today = self.clock.today()
        self.calendar.setSelectedDate(QDate(year, today.month, 1) if year == today.year else QDate(year, 1, 1))
        super().set_year(year)

    def load(self) -> None:
        self.events = self.svc.events(self.year)
        self.model.set_rows(COLUMNS, [(e.held_on.isoformat(), e.kind, e.title, e.status, len(e.attendee_ids),
                                       len(e.opinions), sum(1 for o in e.opinions if o.status == OpinionStatus.CLOSED))
                                      for e in self.events], [e.id for e in self.events])
        for col, w in enumerate((92, 86, 240, 60, 70, 70, 56)):
            self.view.setColumnWidth(col, w)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#dbe7f5"))
        fmt.setFontWeight(700)
        for e in self.events:
            self.calendar.setDateTextFormat(QDate(e.held_on.year, e.held_on.month, e.held_on.day), fmt)
        self.points_tab.show_year(self.year)
        for tab in self.year_tabs:
            tab.set_year(self.year)
        ids = [e.id for e in self.events]
        if self.current in ids:
            self.view.selectRow(ids.index(self.current))
        elif ids:
            self.view.selectRow(0)

    def _on_day(self, qd: QDate) -> None:
        day = date(qd.year(), qd.month(), qd.day())
        for i, e in enumerate(self.events):
            if e.held_on == day:
                self.view.selectRow(i)
                return

    def _event(self) -> EventRow | None:
        return next((e for e in self.events if e.id == self.current), None)

    def _on_select(self, *_args) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        self.current = self.model.row_id(rows[0].row())
        e = self._event()
        self.kind.setCurrentText(e.kind)
        self.title.setText(e.title)
        self.day.setDate(QDate(e.held_on.year, e.held_on.month, e.held_on.day))
        self.place.setText(e.place)
        self.status.setCurrentText(e.status)
        self.notes.setText(e.notes)
        _checklist([(p.id, p.name) for p in self.projects.projects(self.year)], set(e.project_ids), self.project_list)
        deputies = self.roster.deputies(include_retired=False)  # by 代表小组 第一、第二…, then by name in pinyin order
        self.people_list.blockSignals(True)
        _checklist([(d.id, f"{d.name}（{d.group_name}）") for d in deputies], set(e.attendee_ids), self.people_list)
        for i, d in enumerate(deputies):
            self.people_list.item(i).setData(INITIALS, initials(d.name))
        self.people_list.blockSignals(False)
        self._filter_people(self.people_filter.text())
        self._count_people()
        self.opinions.clear()
        for o in e.opinions:
            adopted = o.kind == OpinionKind.DELIBERATION  # the meeting's, not one deputy's
            head = f"【{o.status}】" + ("〔审议意见〕" if adopted else "") + o.content
            tail = f"　— {o.deputy or ('会议审议通过' if adopted else '未署名')}；{o.responsible_unit}；期限 {o.due_on}"
            fb = f"\n　反馈：{o.feedback}" if o.feedback else ""
            self.opinions.addItem(head + tail + fb)
        self.agenda_tab.show_event(e, self.year)

    # Actions ---------------------------------------------------------------------------------------------------
    def _on_plan(self) -> None:
        self._publish(lambda: self.svc.generate_plan(self.year))

    def _on_new(self) -> None:
        sel = self.calendar.selectedDate()
        ok, saved = attempt(self, lambda: self.svc.save_event(self.year, None, "视察", "新的监督活动",
                                                              date(sel.year(), sel.month(), sel.day())))
        if ok:
            self.current, changes = saved
            self.bus.publish(changes)

    def _on_save(self) -> None:
        if not self.current:
            return
        self._publish(lambda: self.svc.save_event(self.year, self.current, self.kind.currentText(), self.title.text(),
                                                  to_date(self.day), self.place.text(), self.status.currentText(),
                                                  self.notes.text())[1])

    def _on_links(self) -> None:
        if self.current:
            self._publish(lambda: self.svc.set_links(self.current, _checked(self.project_list), _checked(self.people_list)))

    def _on_opinion(self) -> None:
        e = self._event()
        if not e:
            return
        projects = [(p.id, p.name) for p in self.projects.projects(self.year)]
        people = [(d.id, d.name) for d in self.roster.deputies(include_retired=False) if d.id in set(e.attendee_ids)]
        dialog = OpinionDialog(projects, people, e.held_on, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._publish(lambda: self.svc.add_opinion(
                e.id, dialog.content.toPlainText(), project_id=dialog.project.currentData(),
                deputy_id=dialog.deputy.currentData(), responsible_unit=dialog.unit.text(), due_on=to_date(dialog.due)))

    def _on_feedback(self) -> None:
        e = self._event()
        row = self.opinions.currentRow()
        if not e or not 0 <= row < len(e.opinions):
            QMessageBox.information(self, "整改反馈", "请先选中一条意见建议。")
            return
        o = e.opinions[row]
        dialog = FeedbackDialog(o.content, o.feedback, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._publish(lambda: self.svc.follow_up(o.id, dialog.feedback.toPlainText(), dialog.close_it.isChecked()))

    def _on_calendar(self) -> None:
        year = self.year
        self.ops.save("保存监督日程", f"{year}年度监督工作日程.pdf", PDF_OR_XLSX,
                      lambda path: self.reports.write("calendar", year, path))
