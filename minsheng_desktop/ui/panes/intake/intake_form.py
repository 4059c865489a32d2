"""The keyboard-first entry form: Tab through the fields, Enter saves and starts the next proposal."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from ....clock import Clock
from ....domain.catalog import SOURCES
from ....domain.errors import UserError
from ....domain.intake import ProposalInput, parse_amount, parse_count
from ....services.intake_service import ProposalRow
from ..._qt_helpers import date_edit, repolish, to_date


class IntakeForm(QGroupBox):
    """Emits ``submitted(ProposalInput, id or '')``; the pane saves it through the service."""

    submitted = Signal(object, str)
    title_changed = Signal(str, str)  # title, village: the pane looks for look-alikes

    def __init__(self, clock: Clock, parent=None):
        super().__init__(parent)
        self.setTitle("登记建议（Tab 切换栏目，Enter 保存并登记下一件）")
        self.editing_id = ""
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("必填，如：修建王家村村道")
        self.category = QComboBox()  # blank until chosen: no proposal is filed under a category nobody picked
        self.category.setPlaceholderText("请选择")
        self.category.setMinimumWidth(110)
        self.source = QComboBox()
        self.source.addItems(SOURCES)
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText("具体情况和建议（Shift+Enter 换行）")
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(54)
        for field in (self.content, self.category, self.source):
            field.installEventFilter(self)
        self.proposer, self.contact = QLineEdit(), QLineEdit()
        self.village = QComboBox()
        self.village.setEditable(True)
        self.village.setMinimumWidth(130)
        self.received = date_edit()
        self.received.installEventFilter(self)
        today = clock.today()
        self.received.setDate(QDate(today.year, today.month, today.day))
        self.investment, self.beneficiaries = QLineEdit(), QLineEdit()
        self.investment.setPlaceholderText("万元")
        self.beneficiaries.setPlaceholderText("人")
        rows = [
            [("项目名称", self.title_edit, 5), ("类别", self.category, 1), ("来源", self.source, 1)],
            [("建议内容", self.content, 9)],
            [("建议人", self.proposer, 1), ("联系电话", self.contact, 1), ("村(社区)", self.village, 1),
             ("收到日期", self.received, 1), ("估算投资", self.investment, 1)],
            [("受益人数", self.beneficiaries, 1)],
        ]
        for r, row in enumerate(rows):
            col = 0
            for label, widget, span in row:
                grid.addWidget(QLabel(label), r, col)
                grid.addWidget(widget, r, col + 1, 1, span)
                col += span + 1
        buttons = QHBoxLayout()
        self.save_btn = QPushButton("保存并登记下一件")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self.submit)
        self.clear_btn = QPushButton("清空")
        self.clear_btn.clicked.connect(self.start_new)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        buttons.addWidget(self.save_btn)
        buttons.addWidget(self.clear_btn)
        buttons.addWidget(self.hint, 1)
        grid.addLayout(buttons, 3, 2, 1, 12)
        for edit in (self.title_edit, self.proposer, self.contact, self.investment, self.beneficiaries):
            edit.returnPressed.connect(self.submit)
        self.village.lineEdit().returnPressed.connect(self.submit)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(20)  # look-alikes appear within 50 ms of a keystroke (bench/lookalike_typing_bench.py)
        self._debounce.timeout.connect(lambda: self.title_changed.emit(self.title_edit.text(), self.village.currentText()))
        self.title_edit.textEdited.connect(lambda _t: self._debounce.start())
        self.content.textChanged.connect(self._debounce.start)  # the content is read too

    def eventFilter(self, obj, event) -> bool:
        """Enter saves from the content box (Shift+Enter: a new line) and from the 类别, 来源 and date fields too."""
        if obj in (self.content, self.category, self.source, self.received) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submit()
            return True
        return super().eventFilter(obj, event)

    def set_choices(self, categories: tuple[str, ...], villages: list[str]) -> None:
        current = self.category.currentText()
        self.category.clear()
        self.category.addItems(categories)
        self.category.setCurrentIndex(categories.index(current) if current in categories else -1)
        village = self.village.currentText()
        self.village.clear()
        self.village.addItems(villages)
        self.village.setCurrentText(village)

    def value(self) -> ProposalInput:
        if self.title_edit.text().strip() and self.category.currentIndex() < 0:
            raise UserError("请选择“类别”：类别不会自动填写，请在“类别”中选定后再按 Enter",
                            "choose a category", field="类别")
        return ProposalInput(
            title=self.title_edit.text(), content=self.content.toPlainText(), category=self.category.currentText(),
            source=self.source.currentText(), proposer=self.proposer.text(), contact=self.contact.text(),
            village=self.village.currentText(), received_on=to_date(self.received),
            est_investment=parse_amount(self.investment.text()), beneficiaries=parse_count(self.beneficiaries.text()))

    def submit(self) -> None:
        try:
            self.submitted.emit(self.value(), self.editing_id)
        except UserError as exc:
            self.show_message(exc.zh, "error")
            if exc.field == "类别":
                self.category.setFocus()

    def show_message(self, text: str, kind: str = "ok") -> None:
        self.hint.setText(text)
        self.hint.setObjectName(kind)
        repolish(self.hint)

    def start_new(self) -> None:
        """Clear what differs between forms; keep category, source, village and date for the next paper form."""
        self.editing_id = ""
        self.save_btn.setText("保存并登记下一件")
        for edit in (self.title_edit, self.proposer, self.contact, self.investment, self.beneficiaries):
            edit.clear()
        self.content.clear()
        self.title_edit.setFocus()

    def edit(self, r: ProposalRow) -> None:
        self.editing_id = r.id
        self.save_btn.setText(f"保存修改（第 {r.seq_no} 号）")
        self.title_edit.setText(r.title)
        self.content.setPlainText(r.content)
        self.category.setCurrentText(r.category)
        self.source.setCurrentText(r.source)
        self.proposer.setText(r.proposer)
        self.contact.setText(r.contact)
        self.village.setCurrentText(r.village)
        if r.received_on:
            self.received.setDate(QDate(r.received_on.year, r.received_on.month, r.received_on.day))
        self.investment.setText("" if r.est_investment is None else f"{r.est_investment:g}")
        self.beneficiaries.setText("" if r.beneficiaries is None else str(r.beneficiaries))
        self.title_edit.setFocus()
