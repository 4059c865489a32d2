"""测评: rounds per project or all at once, entered twice or ballot by ballot; follow-ups tracked to the end."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...clock import Clock
from ...domain.satisfaction import COUNT_LABELS
from ...services.changes import Changes
from ...services.project_service import ProjectService
from ...services.report_service import ReportService
from ...services.scoring_service import RoundRow, ScoringService
from .._qt_helpers import repolish
from ..dialogs.scoring_dialogs import NewRoundDialog
from ..events import EventBus
from ..feedback import PDF, PDF_OR_XLSX, attempt
from ..models.records_table_model import RecordsTableModel
from ..tasks import TaskRunner
from ..widgets import add_buttons, pane_layout, record_table
from .vote.phone_panel import PhonePanel, score_target
from .year_pane import YearPane

COLUMNS = ("测评", "对象", "测评事项", "录入", "满意", "基本满意", "不满意", "满意率", "满意+基本满意率", "结论", "跟进")
FOLLOW_COLUMNS = ("测评事项", "阶段", "期限", "政府说明", "整改情况", "办结日期")
COUNT_KEYS = tuple(COUNT_LABELS.items())  # (field of ThreeLevelCounts, the label): one table, in domain/


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v:.1%}"


class ScoringPane(YearPane):
    def __init__(self, scoring: ScoringService, projects: ProjectService, reports: ReportService, bus: EventBus,
                 parent=None, *, clock: Clock, tasks: TaskRunner | None = None, phone=None):
        super().__init__(bus, tasks, parent)
        self.svc, self.projects, self.reports, self.clock = scoring, projects, reports, clock
        self.voters = "人大代表"  # who scores: 议事代表和人大代表 in a street (use_terms)
        self.rows: list[RoundRow] = []
        self.follow: list = []
        lay = pane_layout(self, "测评", "代表满意度测评和受益群众回访；季会、年中会议的议程在“监督”中测评，也列在这里。"
                                  "满意票超过有效票一半为“满意”；不满意或低于整改线的须说明、整改并再测评。")
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [("new", "新建测评…", self._on_new), ("ballot_pdf", "打印测评表…", self._on_ballot_pdf),
                                (None, "", None), ("results", "测评结果…", self._on_results)])
        self.buttons["new"].setObjectName("primary")
        lay.addLayout(bar)
        self.model = RecordsTableModel(COLUMNS, self)
        self.view = record_table(self.model)
        self.view.selectionModel().selectionChanged.connect(self._on_select)
        lay.addWidget(self.view, 3)
        entry = QHBoxLayout()
        lay.addLayout(entry, 2)
        totals = QGroupBox("汇总录入（选中一个项目）")
        tl = QVBoxLayout(totals)
        row, row2 = QHBoxLayout(), QHBoxLayout()
        self.entry_no = QComboBox()
        self.entry_no.addItem("第一次录入", 1)
        self.entry_no.addItem("第二次录入", 2)
        row.addWidget(self.entry_no)
        self.spins: dict[str, QSpinBox] = {}
        for i, (key, label) in enumerate(COUNT_KEYS):
            spin = QSpinBox()
            spin.setRange(0, 100000)
            spin.setPrefix(f"{label} ")
            (row if i < 3 else row2).addWidget(spin)
            self.spins[key] = spin
        row2.addStretch(1)
        tl.addLayout(row)
        tl.addLayout(row2)
        submit = QPushButton("提交本次录入")
        submit.clicked.connect(self._on_totals)
        tl.addWidget(submit)
        self.state = QLabel()
        self.state.setWordWrap(True)
        tl.addWidget(self.state)
        entry.addWidget(totals, 3)
        ballots = QGroupBox("逐张录入（选中同一测评的项目）")
        bl = QVBoxLayout(ballots)
        self.ballot_table = QTableWidget(0, 2)
        self.ballot_table.setHorizontalHeaderLabels(["测评事项", "意见 / 评分"])
        self.ballot_table.setColumnWidth(0, 220)
        bl.addWidget(self.ballot_table)
        bb = QHBoxLayout()
        self.buttons |= add_buttons(self, bb, [("ballot", "录入本张", self._on_ballot),
                                               ("finish", "完成录入并计算", self._on_finish)])
        self.ballot_count = QLabel()
        bb.addWidget(self.ballot_count, 1)
        bl.addLayout(bb)
        entry.addWidget(ballots, 2)
        follow = QGroupBox("整改跟进（政府说明 → 整改 → 再测评）")
        fl = QVBoxLayout(follow)
        self.follow_model = RecordsTableModel(FOLLOW_COLUMNS, self)
        self.follow_view = QTableView()
        self.follow_view.setModel(self.follow_model)
        self.follow_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.follow_view.verticalHeader().hide()
        fl.addWidget(self.follow_view)
        adv = QPushButton("推进所选事项…")
        adv.clicked.connect(self._on_advance)
        fl.addWidget(adv)
        self.phone = PhonePanel(phone, self.bus.publish, self.ops, word="测评") if phone is not None else None
        if self.phone is not None:  # 扫码测评: shown for undecided scorings entered ballot by ballot
            lay.addWidget(self.phone)
            self.phone.set_target(None)
        lay.addWidget(follow, 2)
        self._ballots_entered = 0
        self._ballot_rounds: list[str] = []

    def use_terms(self, t) -> None:
        """The level's words (MainWindow): who scores the projects."""
        self.voters = t.voters

    def load(self) -> None:
        self.rows = self.svc.rounds(self.year)
        self.model.set_rows(COLUMNS, [
            (r.batch, r.respondents, r.project, "汇总" if r.entry_mode == "totals" else "逐张",
             r.counts.get("satisfied", ""), r.counts.get("basically", ""), r.counts.get("unsatisfied", ""),
             _pct(r.satisfied_rate), _pct(r.satisfied_or_basic_rate), r.verdict or "待录入",
             "需整改" if r.needs_follow_up else "") for r in self.rows], [r.id for r in self.rows])
        for col, w in enumerate((220, 50, 200, 50, 50, 70, 60, 70, 120, 70, 60)):
            self.view.setColumnWidth(col, w)
        self.follow = self.svc.follow_ups(self.year)
        self.follow_model.set_rows(FOLLOW_COLUMNS, [
            (f.project, f.stage, f.due_on.isoformat() if f.due_on else "", f.explanation, f.rectification,
             f.closed_on.isoformat() if f.closed_on else "") for f in self.follow], [f.id for f in self.follow])
        self.follow_view.setColumnWidth(0, 200)

    def selected(self) -> list[RoundRow]:
        ids = {self.model.row_id(i.row()) for i in self.view.selectionModel().selectedRows()}
        return [r for r in self.rows if r.id in ids]

    def _on_select(self, *_args) -> None:
        rows = [r for r in self.selected() if not r.decided]
        self.ballot_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            self.ballot_table.setItem(i, 0, QTableWidgetItem(r.project))
            if r.method == "three_level":
                box = QComboBox()
                box.addItems(["满意", "基本满意", "不满意", "弃权", "无效"])
                self.ballot_table.setCellWidget(i, 1, box)
            else:
                spin = QSpinBox()
                spin.setRange(0, 100)
                spin.setValue(90)
                self.ballot_table.setCellWidget(i, 1, spin)
        self._ballot_rounds = [r.id for r in rows]
        if self.phone is not None:
            self.phone.set_target(score_target(self.phone.phone, self.selected()), keep_running=True)

    def _show(self, text: str, ok: bool) -> None:
        self.state.setText(text)
        self.state.setObjectName("ok" if ok else "warn")
        repolish(self.state)

    def _on_new(self) -> None:
        projects = [(p.id, p.name) for p in self.projects.projects(self.year)]
        if not projects:
            QMessageBox.information(self, "新建测评", "本年度还没有实事项目。")
            return
        dialog = NewRoundDialog(self.year, projects, self.svc.policy().method, self, clock=self.clock,
                                voters=self.voters)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            ids, batch, who, mode, day, method = dialog.values()
            ok, made = attempt(self, lambda: self.svc.create_rounds(self.year, ids, batch, who, day, mode, method),
                               "未能建立测评")
            if ok:
                self.bus.publish(made[1])

    def _on_totals(self) -> None:
        rows = self.selected()
        if len(rows) != 1:
            QMessageBox.information(self, "汇总录入", "请选中一个项目的测评。")
            return
        counts = {k: s.value() for k, s in self.spins.items()}
        ok, diffs = attempt(self, lambda: self.svc.submit_totals(rows[0].id, self.entry_no.currentData(), counts),
                            "本次录入未被接受")
        if not ok:
            return
        row = next(r for r in self.svc.rounds(self.year) if r.id == rows[0].id)
        if row.decided:
            self._show(f"结论：{row.verdict}；满意率 {_pct(row.satisfied_rate)}，"
                       f"满意+基本满意率 {_pct(row.satisfied_or_basic_rate)}", True)
        elif diffs:
            self._show("两次录入不一致：" + "；".join(diffs), False)
        else:
            self._show("已保存，请另一人进行第二次录入。", True)
            self.entry_no.setCurrentIndex(1)
        self.bus.publish(Changes.of("data"))

    def _on_ballot(self) -> None:
        rounds = self._ballot_rounds
        if not rounds:
            return
        choices = {}
        for i, rid in enumerate(rounds):
            w = self.ballot_table.cellWidget(i, 1)
            choices[rid] = w.currentText() if isinstance(w, QComboBox) else w.value()
        if not attempt(self, lambda: self.svc.record_ballot(rounds, choices))[0]:
            return
        self._ballots_entered += 1
        self.ballot_count.setText(f"本次已录入 {self._ballots_entered} 张")

    def _on_finish(self) -> None:
        rounds = self._ballot_rounds
        if rounds and self._publish(lambda: self.svc.finish_ballots(rounds)):
            self._ballots_entered = 0

    def _on_advance(self) -> None:
        rows = self.follow_view.selectionModel().selectedRows()
        if not rows:
            return
        f = next(f for f in self.follow if f.id == self.follow_model.row_id(rows[0].row()))
        label = {"政府说明": "政府作出的说明：", "整改": "整改情况（提交后将开启再测评）："}.get(f.stage)
        if label is None:
            QMessageBox.information(self, "整改跟进", "该事项正在再测评或已办结。")
            return
        text, ok = QInputDialog.getMultiLineText(self, f"整改跟进 — {f.project}", label)
        if ok:
            self._publish(lambda: self.svc.advance(f.id, text))

    def _on_ballot_pdf(self) -> None:
        rows = self.selected() or [r for r in self.rows if not r.decided]
        if not rows:
            QMessageBox.information(self, "测评表", "请先新建测评。")
            return
        batch = rows[0].batch
        ids = [r.id for r in self.rows if r.batch == batch]
        year = self.year
        self.ops.save("保存测评表", f"{batch}-测评表.pdf", PDF,
                      lambda path: self.reports.scoring_ballot(ids, year, path))

    def _on_results(self) -> None:
        year = self.year
        self.ops.save("保存测评结果", f"{year}年度满意度测评结果.pdf", PDF_OR_XLSX,
                      lambda path: self.reports.write("scores", year, path))
