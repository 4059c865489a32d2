"""监督: the year's calendar (month and list), each event's projects, attendance and opinions, 履职记录."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...clock import Clock
from ...domain.catalog import EVENT_KINDS
from ...services.project_service import ProjectService
from ...services.report_service import ReportService
from ...services.roster_service import RosterService
from ...services.supervision_service import EVENT_STATUSES, EventRow, SupervisionService
from ..dialogs.event_dialogs import FeedbackDialog, OpinionDialog
from ..dialogs.project_dialogs import to_date
from ..events import EventBus
from ..feedback import PDF_OR_XLSX, XLSX, publish_or_warn, save_to_file, show_error
from ..models.records_table_model import RecordsTableModel
from ..widgets import add_buttons, pane_header, record_table

COLUMNS = ("日期", "类型", "活动", "状态", "参加代表", "意见建议", "已办结")
RECORD_COLUMNS = ("姓名", "代表小组", "参加监督活动", "提出意见建议", "参加满意度测评")


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


class SupervisionPane(QWidget):
    def __init__(self, supervision: SupervisionService, projects: ProjectService, roster: RosterService,
                 reports: ReportService, bus: EventBus, parent=None, *, clock: Clock):
        super().__init__(parent)
        self.setObjectName("page")
        self.svc, self.projects, self.roster, self.reports, self.bus = supervision, projects, roster, reports, bus
        self.clock = clock
        self.year: int | None = None
        self.events: list[EventRow] = []
        self.current: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 14, 24, 14)
        lay.addWidget(pane_header(self.tr("监督"), self.tr(
            "年初问计划、年中问进度、年底问效果、回头看，季会、视察、调研、专题询问、代表约见；意见建议跟踪到办结。")))
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [("plan", "生成年度监督计划", self._on_plan), ("new", "新建活动", self._on_new), (None, "", None),
                                ("calendar", "监督日程…", self._on_calendar), ("record", "导出履职记录…", self._on_record)])
        lay.addLayout(bar)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        self.tabs.addTab(self._calendar_tab(), self.tr("日程"))
        self.record_model = RecordsTableModel(RECORD_COLUMNS, self)
        record_view = QTableView()
        record_view.setModel(self.record_model)
        record_view.verticalHeader().hide()
        record_view.setSortingEnabled(False)
        self.tabs.addTab(record_view, self.tr("代表履职记录"))

    def _calendar_tab(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.calendar = QCalendarWidget()
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
        form = QFormLayout()
        self.kind, self.status = QComboBox(), QComboBox()
        self.kind.addItems(EVENT_KINDS)
        self.status.addItems(EVENT_STATUSES)
        self.title, self.place = QLineEdit(), QLineEdit()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.notes = QLineEdit()
        for label, w in [("类型", self.kind), ("活动", self.title), ("日期", self.day), ("地点", self.place),
                         ("状态", self.status), ("备注", self.notes)]:
            form.addRow(self.tr(label), w)
        rl.addLayout(form)
        save = QPushButton(self.tr("保存活动"))
        save.clicked.connect(self._on_save)
        rl.addWidget(save)
        lists = QHBoxLayout()
        self.project_list, self.people_list = QListWidget(), QListWidget()
        for title, w in ((self.tr("涉及项目"), self.project_list), (self.tr("参加代表（签到）"), self.people_list)):
            col = QVBoxLayout()
            col.addWidget(QLabel(title))
            col.addWidget(w)
            lists.addLayout(col)
        rl.addLayout(lists, 1)
        links = QPushButton(self.tr("保存项目和参加代表"))
        links.clicked.connect(self._on_links)
        rl.addWidget(links)
        rl.addWidget(QLabel(self.tr("意见建议及整改反馈")))
        self.opinions = QListWidget()
        self.opinions.setWordWrap(True)
        rl.addWidget(self.opinions, 1)
        ob = QHBoxLayout()
        for text, slot in [("登记意见建议…", self._on_opinion), ("整改反馈 / 办结…", self._on_feedback)]:
            b = QPushButton(self.tr(text))
            b.clicked.connect(slot)
            ob.addWidget(b)
        ob.addStretch(1)
        rl.addLayout(ob)
        split.addWidget(right)
        split.setSizes([620, 600])
        return split

    # Loading ---------------------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        today = self.clock.today()
        self.calendar.setSelectedDate(QDate(year, today.month, 1) if year == today.year else QDate(year, 1, 1))
        self.refresh()


    def refresh(self) -> None:
        if self.year is None:
            return
        self.events = self.svc.events(self.year)
        self.model.set_rows(COLUMNS, [(e.held_on.isoformat(), e.kind, e.title, e.status, len(e.attendee_ids),
                                       len(e.opinions), sum(1 for o in e.opinions if o.status == "已办结"))
                                      for e in self.events], [e.id for e in self.events])
        for col, w in enumerate((92, 86, 240, 60, 70, 70, 56)):
            self.view.setColumnWidth(col, w)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#dbe7f5"))
        fmt.setFontWeight(700)
        for e in self.events:
            self.calendar.setDateTextFormat(QDate(e.held_on.year, e.held_on.month, e.held_on.day), fmt)
        self.record_model.set_rows(RECORD_COLUMNS, self.svc.deputy_record(self.year))
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
        _checklist([(p.id, p.name) for p in self.projects.list(self.year)], set(e.project_ids), self.project_list)
        _checklist([(d.id, f"{d.name}（{d.group_name}）") for d in self.roster.list(include_retired=False)],
                   set(e.attendee_ids), self.people_list)
        self.opinions.clear()
        for o in e.opinions:
            head = f"【{o.status}】{o.content}"
            tail = f"　— {o.deputy or '未署名'}；{o.responsible_unit}；期限 {o.due_on}"
            fb = f"\n　反馈：{o.feedback}" if o.feedback else ""
            self.opinions.addItem(head + tail + fb)

    # Actions ---------------------------------------------------------------------------------------------------
    def _publish(self, action) -> bool:
        return publish_or_warn(self, self.bus, action)

    def _on_plan(self) -> None:
        self._publish(lambda: self.svc.generate_plan(self.year))

    def _on_new(self) -> None:
        sel = self.calendar.selectedDate()
        try:
            self.current, changes = self.svc.save_event(self.year, None, "视察", self.tr("新的监督活动"),
                                                        date(sel.year(), sel.month(), sel.day()))
        except Exception as exc:
            show_error(self, exc)
            return
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
        projects = [(p.id, p.name) for p in self.projects.list(self.year)]
        people = [(d.id, d.name) for d in self.roster.list(include_retired=False) if d.id in set(e.attendee_ids)]
        dialog = OpinionDialog(projects, people, e.held_on, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._publish(lambda: self.svc.add_opinion(
                e.id, dialog.content.toPlainText(), project_id=dialog.project.currentData(),
                deputy_id=dialog.deputy.currentData(), responsible_unit=dialog.unit.text(), due_on=to_date(dialog.due)))

    def _on_feedback(self) -> None:
        e = self._event()
        row = self.opinions.currentRow()
        if not e or not 0 <= row < len(e.opinions):
            QMessageBox.information(self, self.tr("整改反馈"), self.tr("请先选中一条意见建议。"))
            return
        o = e.opinions[row]
        dialog = FeedbackDialog(o.content, o.feedback, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._publish(lambda: self.svc.follow_up(o.id, dialog.feedback.toPlainText(), dialog.close_it.isChecked()))

    def _on_calendar(self) -> None:
        save_to_file(self, self.tr("保存监督日程"), f"{self.year}年度监督工作日程.pdf", PDF_OR_XLSX,
                     lambda path: self.reports.write("calendar", self.year, path))

    def _on_record(self) -> None:
        save_to_file(self, self.tr("导出履职记录"), f"{self.year}年度代表履职记录.xlsx", XLSX,
                     lambda path: self.svc.export_deputy_record(self.year, path),
                     lambda path, n: self.tr("已导出 {n} 名代表的履职记录到\n{p}").format(n=n, p=path))
