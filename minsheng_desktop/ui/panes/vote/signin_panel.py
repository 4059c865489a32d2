"""签到 and preparation: one keystroke per deputy, live 应到/实到/法定人数, officers, rules, printing, start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....domain.rules import BALLOT_STYLES, TIE_RULES, describe_fraction, has_quorum, quorum_needed
from ....domain.terms import TOWN_TERMS
from ....domain.vocabulary import MemberKind
from ....services.delegation_service import DelegationRow
from ....services.roster_service import DeputyRow
from ....services.vote_service import SessionInfo


class SigninPanel(QWidget):
    toggled = Signal(str, bool, bool)  # deputy id, present, late
    start_requested = Signal(str, int, bool)  # mode, issued, counted by delegation
    officers_requested = Signal()
    rules_requested = Signal()
    print_requested = Signal(str)  # ballots / tally-sheet

    def __init__(self, parent=None):
        super().__init__(parent)
        self.deputies: list[DeputyRow] = []
        self.present: frozenset[str] = frozenset()
        self.terms = TOWN_TERMS
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入姓名或拼音首字母（如 wjg），回车签到第一个匹配的代表")
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._sign_first)
        self.late = QCheckBox("按迟到登记")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.late)
        left.addLayout(top)
        self.list = QListWidget()
        self.list.itemChanged.connect(self._on_item_changed)
        left.addWidget(self.list, 1)
        lay.addLayout(left, 3)

        right = QVBoxLayout()
        self.figures = QLabel()
        self.figures.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.figures.setWordWrap(True)
        right.addWidget(self.figures)
        self.quorum = QLabel()
        right.addWidget(self.quorum)
        self.by_group = QLabel()  # 分团: each delegation's 应到 / 实到 (quorum stays on the whole)
        self.by_group.setWordWrap(True)
        self.by_group.setObjectName("paneNote")
        right.addWidget(self.by_group)
        box = self.rules_box = QGroupBox("本次票决规则（开始计票后冻结）")
        bl = QVBoxLayout(box)
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        bl.addWidget(self.rules)
        self.rules_btn = QPushButton("修改本次规则…")
        self.rules_btn.clicked.connect(self.rules_requested)
        bl.addWidget(self.rules_btn)
        right.addWidget(box)
        self.officers = QLabel()
        self.officers.setWordWrap(True)
        right.addWidget(self.officers)
        self.officers_btn = QPushButton("确定计票人、监票人…")
        self.officers_btn.clicked.connect(self.officers_requested)
        right.addWidget(self.officers_btn)
        prints = QHBoxLayout()
        for kind, text in (("ballots", "打印选票…"), ("tally-sheet", "打印计票单…")):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, k=kind: self.print_requested.emit(k))
            prints.addWidget(b)
        right.addLayout(prints)
        start = QGroupBox("开始计票")
        sl = QVBoxLayout(start)
        self.mode = QComboBox()
        self.mode.addItem("逐张唱票录入", "ballots")
        self.mode.addItem("汇总票数（两名计票人分别录入）", "totals")
        self.issued = QSpinBox()
        self.issued.setRange(0, 1000)
        self.issued.setPrefix("发出选票 ")
        self.issued.setSuffix(" 张")
        self.split = QCheckBox("分团计票：各代表团分别发票、收票、计票，合并公布")
        self.split.setToolTip("按代表名册中的“代表团”分组；每个代表团的计票人录入本团选票，全部计完后合并公布、一次封存")
        self.split.toggled.connect(lambda on: self.issued.setEnabled(not on))
        self.start_btn = QPushButton("开始计票")
        self.start_btn.setObjectName("primary")
        self.start_btn.clicked.connect(lambda: self.start_requested.emit(self.mode.currentData(), self.issued.value(),
                                                                         self.split.isChecked()))
        for w in (self.mode, self.issued, self.split, self.start_btn):
            sl.addWidget(w)
        right.addWidget(start)
        right.addStretch(1)
        lay.addLayout(right, 2)

    def show_info(self, info: SessionInfo, deputies: list[DeputyRow], names: dict[str, str],
                  groups: list[DelegationRow] | None = None) -> None:
        self.deputies = [d for d in deputies if d.active]
        self.present = info.present
        r = info.rules
        need = quorum_needed(r.deputies_total, r.quorum_fraction)
        present = len(info.present)
        t = self.terms = info.terms
        self.figures.setText(f"{t.expected} {r.deputies_total} 人　实到 {present} 人　法定人数 {need} 人")
        ok = has_quorum(r.deputies_total, present, r.quorum_fraction)
        self.quorum.setText(f"已达到法定人数，可以开始{t.vote}" if ok else f"尚差 {need - present} 人达到法定人数")
        self.rules_box.setTitle(f"本次{t.vote}规则（开始计票后冻结）")
        self.search.setPlaceholderText(f"输入姓名或拼音首字母（如 wjg），回车签到第一个匹配的{t.member}")
        self.quorum.setObjectName("ok" if ok else "warn")
        self.quorum.style().unpolish(self.quorum)
        self.quorum.style().polish(self.quorum)
        self.rules.setText(
            f"应选 {r.seats} 个，候选 {len(info.candidates)} 个；{BALLOT_STYLES[r.ballot_style]}；"
            f"赞成票须{describe_fraction(r.pass_fraction)}（基数：{t.pass_base_label(r.pass_base)}）；"
            f"末位并列：{TIE_RULES[r.tie_at_cutoff]}；"
            + ("赞成超过应选数的选票无效" if r.over_approval_invalidates else "赞成超过应选数的选票仍有效"))
        self.officers.setText("；".join(f"{role}：{'、'.join(names.get(d, '?') for d in ids)}"
                                       for role, ids in info.officers.items()) or "尚未确定计票人、监票人")
        self.issued.setValue(len(info.present))
        self.start_btn.setEnabled(ok)
        groups = groups or []
        self.split.setVisible(len(groups) > 1)  # a town whose roster has no delegations counts whole
        if len(groups) <= 1:
            self.split.setChecked(False)
        self.by_group.setVisible(len(groups) > 1)
        self.by_group.setText("各代表团实到／应到：" + "　".join(f"{g.name} {g.present}/{g.members}" for g in groups))
        self._fill()

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for d in self.deputies:
            marked = "　（人大代表）" if self.terms.has_kinds and d.kind == MemberKind.DEPUTY else ""
            item = QListWidgetItem(f"{d.name}　{d.group_name}{marked}")
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setCheckState(Qt.CheckState.Checked if d.id in self.present else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._filter(self.search.text())

    def _matches(self, text: str) -> list[int]:
        from ....domain.roster import initials

        q = text.strip().lower()
        return [i for i, d in enumerate(self.deputies) if not q or q in d.name or initials(d.name).startswith(q)]

    def _filter(self, text: str) -> None:
        shown = set(self._matches(text))
        for i in range(self.list.count()):
            self.list.item(i).setHidden(i not in shown)

    def _sign_first(self) -> None:
        for i in self._matches(self.search.text()):
            if self.deputies[i].id not in self.present:
                self.toggled.emit(self.deputies[i].id, True, self.late.isChecked())
                break
        self.search.clear()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        self.toggled.emit(item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked,
                          self.late.isChecked())
