"""票决: the presiding officer's console — sign-in, counting in either mode, the projector, publishing."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
)

from ...clock import Clock
from ...domain.terms import TOWN_TERMS, Terms
from ...domain.vocabulary import SESSION_STATUS_LABELS
from ...services.changes import Changes
from ...services.delegation_service import DelegationService
from ...services.report_service import ReportService
from ...services.roster_service import RosterService
from ...services.vote_service import SessionInfo, VoteService
from ..dialogs.officers_dialog import OfficersDialog
from ..dialogs.session_dialogs import NewSessionDialog, SessionRulesDialog
from ..events import EventBus
from ..feedback import PDF, PDF_OR_DOCX, XLSX, attempt, confirm
from ..projector.projector_window import SCREEN_KEY, ProjectorWindow
from ..tasks import TaskRunner
from ..widgets import pane_layout
from .vote.ballot_panel import BallotPanel
from .vote.phone_panel import PhonePanel
from .vote.result_panel import ResultPanel
from .vote.scan_dialog import scan_button
from .vote.signin_panel import SigninPanel
from .vote.totals_panel import TotalsPanel
from .year_pane import YearPane

STATUS_TEXT = SESSION_STATUS_LABELS


class VotePane(YearPane):
    def __init__(self, vote: VoteService, roster: RosterService, reports: ReportService, bus: EventBus, parent=None, *,
                 clock: Clock, tasks: TaskRunner | None = None, delegations: DelegationService | None = None,
                 phone=None):
        super().__init__(bus, tasks, parent)
        self.vote, self.roster, self.reports, self.clock = vote, roster, reports, clock
        self.delegations = delegations or DelegationService(vote.db, vote.clock, vote)
        self.session_id: str | None = None
        self.info: SessionInfo | None = None
        self.projector: ProjectorWindow | None = None
        self.held = True
        self.terms = TOWN_TERMS
        lay = pane_layout(self, "票决", self._note(self.terms))
        self.header_title, self.header_note = (lay.itemAt(0).widget().findChild(QLabel, name)
                                               for name in ("paneTitle", "paneNote"))
        top = QHBoxLayout()
        self.sessions = QComboBox()
        self.sessions.setMinimumWidth(320)
        self.sessions.activated.connect(self._on_session_chosen)
        self.sessions_label = QLabel("票决会议")
        top.addWidget(self.sessions_label)
        top.addWidget(self.sessions)
        self.new_btn = QPushButton("新建票决会议…")
        self.new_btn.clicked.connect(self._on_new)
        top.addWidget(self.new_btn)
        self.state = QLabel()
        self.state.setStyleSheet("font-weight: bold;")
        top.addWidget(self.state)
        top.addStretch(1)
        lay.addLayout(top)
        top = QHBoxLayout()
        top.addWidget(QLabel("投影"))
        self.screen_box = QComboBox()
        self.screen_box.setToolTip("投影显示在哪块屏幕上（本机记住选择）")
        screens = QGuiApplication.screens()
        for i, screen in enumerate(screens):
            g = screen.geometry()
            self.screen_box.addItem(f"屏幕 {i + 1}（{g.width()}×{g.height()}）", i)
        remembered = int(QSettings().value(SCREEN_KEY, len(screens) - 1))
        self.screen_box.setCurrentIndex(max(0, min(remembered, len(screens) - 1)))
        top.addWidget(self.screen_box)
        self.projector_btn = QPushButton("打开投影 (Ctrl+P)")
        self.projector_btn.clicked.connect(self.open_projector)
        self.hold_btn = QPushButton("投影：显示 (Ctrl+H)")
        self.hold_btn.clicked.connect(self.toggle_hold)
        self.publish_btn = QPushButton("公布结果 (Ctrl+Shift+Enter)")
        self.publish_btn.setObjectName("primary")
        self.publish_btn.clicked.connect(self._on_publish)
        for b in (self.projector_btn, self.hold_btn):
            top.addWidget(b)
        self.scan_btn = scan_button(self, lambda: self.session_id, lambda: self.info, self.show_session)  # 扫描计票
        top.addWidget(self.scan_btn)
        top.addStretch(1)
        top.addWidget(self.publish_btn)
        lay.addLayout(top)
        self.stack = QStackedWidget()
        self.empty = QLabel("本年度还没有票决会议。候选项目审定后，点“新建票决会议”。")
        self.empty.setObjectName("paneNote")
        self.signin, self.ballots, self.totals, self.result = SigninPanel(), BallotPanel(), TotalsPanel(), ResultPanel()
        for w in (self.empty, self.signin, self.ballots, self.totals, self.result):
            self.stack.addWidget(w)
        lay.addWidget(self.stack, 1)
        self.phone = PhonePanel(phone, self.bus.publish, self.ops) if phone is not None else None  # 扫码表决
        if self.phone is not None:
            lay.insertWidget(lay.indexOf(self.stack), self.phone)
        self.signin.toggled.connect(self._on_signin)
        self.signin.start_requested.connect(self._on_start)
        self.signin.officers_requested.connect(self._on_officers)
        self.signin.rules_requested.connect(self._on_rules)
        self.signin.print_requested.connect(self._on_print)
        self.ballots.record.connect(self._on_record)
        self.ballots.undo.connect(self._on_undo)
        self.ballots.collected.connect(self._on_collected)
        self.ballots.chooser.changed.connect(lambda _name: self._show_delegations())
        self.totals.chooser.changed.connect(lambda _name: self._show_totals_state())
        self.totals.submitted.connect(self._on_totals)
        self.result.export_requested.connect(self._on_print)
        self.result.revote_requested.connect(self._on_revote)
        self.result.verify_requested.connect(self._on_verify_seal)
        for keys, slot in [("Ctrl+P", self.open_projector), ("Ctrl+H", self.toggle_hold),
                           ("Ctrl+Shift+Return", self._on_publish), ("Ctrl+PgDown", lambda: self.bus.projector_page.emit(1)),
                           ("Ctrl+PgUp", lambda: self.bus.projector_page.emit(-1))]:
            QShortcut(QKeySequence(keys), self, activated=slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @staticmethod
    def _note(t: Terms) -> str:
        return (f"{t.body_short}现场：签到、计票、投影显示和公布结果。每张选票录入即保存；结果公布后封存，不可修改。")

    def _use_terms(self, t: Terms) -> None:
        """The level's words (票决/票选, 代表/议事代表) on the pane's own labels; the panels take theirs from the
        session."""
        self.terms = t
        self.header_title.setText(t.vote)
        self.header_note.setText(self._note(t))
        self.sessions_label.setText(t.session)
        self.new_btn.setText(f"新建{t.session}…")
        self.empty.setText(f"本年度还没有{t.session}。候选项目审定后，点“新建{t.session}”。")

    # Loading -------------------------------------------------------------------------------------------------
    def load(self) -> None:
        self._use_terms(self.vote.terms())
        sessions = self.vote.sessions(self.year)
        self.sessions.blockSignals(True)
        self.sessions.clear()
        for sid, title, status in sessions:
            self.sessions.addItem(f"{title}（{STATUS_TEXT.get(status, status)}）", sid)
        ids = [sid for sid, _t, _s in sessions]
        if self.session_id not in ids:
            self.session_id = ids[-1] if ids else None
        if self.session_id:
            self.sessions.setCurrentIndex(ids.index(self.session_id))
        self.sessions.blockSignals(False)
        self.show_session()

    def _on_session_chosen(self, index: int) -> None:
        self.session_id = self.sessions.itemData(index)
        self.show_session()

    def show_session(self) -> None:
        if not self.session_id:
            self.info = None
            if self.phone is not None:
                self.phone.show_info(None)
            self.stack.setCurrentWidget(self.empty)
            self.state.setText("")
            for b in (self.publish_btn, self.hold_btn, self.scan_btn):
                b.setEnabled(False)
            return
        info = self.info = self.vote.info(self.session_id)
        live = self.vote.live(self.session_id, info)
        if self.phone is not None:
            self.phone.show_info(info)
        self.state.setText(STATUS_TEXT.get(info.status, info.status))
        self.hold_btn.setEnabled(True)
        self.publish_btn.setEnabled(info.status == "counting")
        self.scan_btn.setEnabled(info.status == "counting" and info.count_mode == "ballots")
        if info.status in ("draft", "signin"):
            deputies = self.roster.deputies(include_retired=False)
            self.signin.show_info(info, deputies, {d.id: d.name for d in deputies},
                                  self.delegations.signin_rows(info.id))
            self.stack.setCurrentWidget(self.signin)
        elif info.status == "counting" and info.count_mode == "ballots":
            self.ballots.set_candidates(info.candidates, info.rules.ballot_style)
            self.ballots.show_progress(info.recorded, info.ballots_collected, info.ballots_issued)
            self.ballots.show_live(live)
            self.ballots.show_delegations(live, info.ballots_issued)
            self.stack.setCurrentWidget(self.ballots)
            self.ballots.setFocus()
        elif info.status == "counting":
            self.totals.set_candidates(info.candidates, info.ballots_issued)
            self.totals.show_delegations(live.delegations)
            self.stack.setCurrentWidget(self.totals)
        else:
            self.result.show_view(live, info.rules.deputies_total, self.vote.seal_code(info.id))
            self.stack.setCurrentWidget(self.result)
        self.bus.live_view.emit(live)

    # Actions -------------------------------------------------------------------------------------------------
    def _act(self, action) -> bool:
        ok, changes = attempt(self, action)
        if not ok:
            return False
        if isinstance(changes, Changes):
            self.bus.publish(changes)
        else:
            self.show_session()
        return True

    def _on_new(self) -> None:
        t = self.terms
        dialog = NewSessionDialog(f"{self.year}年度民生实事项目{t.vote}", self, clock=self.clock, terms=t)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            title, day = dialog.value()
            ok, made = attempt(self, lambda: self.vote.create(self.year, title, day), f"未能建立{t.session}")
            if ok:
                self.session_id, changes = made
                self.bus.publish(changes)

    def _on_signin(self, deputy_id: str, present: bool, late: bool) -> None:
        self._act(lambda: self.vote.sign_in(self.session_id, deputy_id, present, late))

    def _on_start(self, mode: str, issued: int, by_delegation: bool = False) -> None:
        self._act(lambda: self.vote.start(self.session_id, mode=mode, issued=issued, by_delegation=by_delegation))

    def _on_undo(self) -> None:
        delegation = self.ballots.delegation()
        self._act(lambda: self.vote.withdraw_last(self.session_id, delegation=delegation or None))

    def _on_collected(self, n: int) -> None:
        delegation = self.ballots.delegation()
        if delegation:
            self._act(lambda: self.delegations.declare_collected(self.session_id, delegation, n))
        else:
            self._act(lambda: self.vote.declare_collected(self.session_id, n))

    def _show_delegations(self) -> None:
        if self.session_id and self.info is not None and self.info.delegations is not None:
            self.ballots.show_delegations(self.vote.live(self.session_id, self.info), self.info.ballots_issued)
            self.ballots.setFocus()

    def _show_totals_state(self) -> None:
        if self.session_id and self.info is not None and self.info.delegations is not None:
            self.totals.show_delegations(self.vote.live(self.session_id, self.info).delegations)

    def _on_officers(self) -> None:
        deputies = self.roster.deputies(include_retired=False)
        present = [(d.id, d.name) for d in deputies if d.id in self.info.present] or [(d.id, d.name) for d in deputies]
        dialog = OfficersDialog(present, self.info.officers, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._act(lambda: self.vote.set_officers(self.session_id, dialog.value()))

    def _on_rules(self) -> None:
        dialog = SessionRulesDialog(self.info.rules, self, terms=self.info.terms)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._act(lambda: self.vote.set_rules(self.session_id, dialog.changes()))

    def _on_record(self, marks: dict, spoiled: bool) -> None:
        delegation = self.ballots.delegation()
        ok, problem = attempt(self, lambda: self.vote.record_ballot(self.session_id, marks, spoiled,
                                                                    delegation=delegation))
        if not ok:
            return
        info = self.info
        if info is None or info.id != self.session_id or info.status != "counting":
            info = self.vote.info(self.session_id)
        # Only what one ballot changes: the running count (kept in memory, no reload), the progress line, the
        # console's counts and the projector.
        n = self.vote.running(self.session_id, info).recorded
        self.ballots.show_last(f"第 {n} 张已录入：" + (f"无效（{problem}）" if problem else "有效"), problem is None)
        self.ballots.clear()
        if info is not self.info:
            self.show_session()
            return
        info = self.info = dataclasses.replace(info, recorded=n)
        live = self.vote.live(self.session_id, info)
        if info.delegations is None:
            self.ballots.show_progress(n, info.ballots_collected, info.ballots_issued)
        else:
            self.ballots.show_delegations(live, info.ballots_issued)
        self.ballots.show_live(live)
        self.bus.live_view.emit(live)

    def _on_totals(self, entry: int, teller: str, totals) -> None:
        delegation = self.totals.delegation()
        if delegation:
            self._on_delegation_totals(delegation, entry, teller, totals)
            return
        ok, diffs = attempt(self, lambda: self.vote.submit_totals(self.session_id, entry, totals, teller),
                            "本次录入未被接受")
        if not ok:
            return
        info = self.vote.info(self.session_id)
        if len(info.entries) < 2:
            self.totals.show_state(f"第 {entry} 次录入已保存，请另一位计票人独立录入。", True)
            self.totals.next_entry()
        elif diffs:
            self.totals.show_state("两次录入不一致，请核对后重新录入：" + "；".join(diffs), False)
        else:
            self.totals.show_state("两次录入一致，可以公布结果。", True)
        self.show_session()

    def _on_delegation_totals(self, delegation: str, entry: int, teller: str, totals) -> None:
        ok, diffs = attempt(self, lambda: self.delegations.submit_totals(self.session_id, delegation, entry, totals,
                                                                         teller), "本次录入未被接受")
        if not ok:
            return
        self.show_session()
        line = next((x for x in self.vote.live(self.session_id).delegations if x.name == delegation), None)
        if diffs:
            self.totals.show_state(f"{delegation}两次录入不一致，请核对后重新录入：" + "；".join(diffs), False)
        elif line is not None and line.done:
            self.totals.show_state(f"{delegation}两次录入一致。" + ("各代表团都已一致，可以公布结果。" if all(
                x.done for x in self.vote.live(self.session_id).delegations) else "请继续录入其他代表团。"), True)
        else:
            self.totals.show_state(f"{delegation}第 {entry} 次录入已保存，请另一位计票人独立录入。", True)
            self.totals.next_entry()

    def _on_publish(self) -> None:
        if not self.info or self.info.status != "counting":
            return
        if not confirm(self, "公布结果", "公布后结果即封存，任何人都不能再修改票数。确认公布？",
                       ok="公布并封存"):
            return
        if self._act(lambda: self.vote.publish(self.session_id)):
            self.held = False
            self.bus.projector_hold.emit(False)
            self.hold_btn.setText("投影：暂停 (Ctrl+H)")

    def _on_revote(self) -> None:
        if confirm(self, "再次投票", "新建一次与本次关联的投票？", ok="新建投票"):
            ok, made = attempt(self, lambda: self.vote.create_revote(self.session_id, f"{self.info.title}（再次投票）"))
            if ok:
                self.session_id, changes = made
                self.bus.publish(changes)

    def _on_verify_seal(self) -> None:
        from ..dialogs.seal_dialog import SealDialog

        SealDialog(self.vote.verify_seal, self).exec()

    def _on_print(self, kind: str) -> None:
        ext = "xlsx" if kind == "counts" else "pdf"
        names = {"ballots": "选票", "tally-sheet": "计票单", "tally-report": "计票结果报告单", "announcement": "公告",
                 "counts": "计票数据"}
        session_id = self.session_id
        kinds = XLSX if ext == "xlsx" else PDF_OR_DOCX if kind in ("tally-report", "announcement") else PDF
        self.ops.save("保存", f"{self.info.title}-{names[kind]}.{ext}", kinds,
                      lambda path: self.reports.write_vote(kind, session_id, path))

    # The projector ---------------------------------------------------------------------------------------------
    def open_projector(self) -> None:
        if self.projector is None:
            self.projector = ProjectorWindow(self.bus)
        self.projector.set_held(self.held)
        self.projector.open_on(self.screen_box.currentData())
        if self.session_id:
            self.bus.live_view.emit(self.vote.live(self.session_id))

    def toggle_hold(self) -> None:
        self.held = not self.held
        self.bus.projector_hold.emit(self.held)
        self.hold_btn.setText("投影：显示 (Ctrl+H)" if self.held else "投影：暂停 (Ctrl+H)")
