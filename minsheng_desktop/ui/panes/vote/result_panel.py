"""结果: the sealed result — ranks, counts, chosen, what the rules did with ties and unfilled places."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ....domain.tally import OUTCOME_LABELS
from ....domain.vote_session import LiveView
from ..._qt_helpers import repolish
from ...models.records_table_model import RecordsTableModel
from ...widgets import add_buttons

COLUMNS = ("名次", "候选项目", "赞成", "反对", "弃权", "赞成率", "过半数", "结果")


class ResultPanel(QWidget):
    export_requested = Signal(str)  # tally-report / announcement / counts
    revote_requested = Signal()
    verify_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.model = RecordsTableModel(COLUMNS, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        lay.addWidget(self.view, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        lay.addWidget(self.notes)
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [
            (key, text, lambda _=False, k=key: self.export_requested.emit(k))
            for key, text in [("tally-report", "计票结果报告单…"), ("announcement", "公告…"), ("counts", "计票数据 Excel…")]
        ] + [(None, "", None)])
        self.verify_btn = QPushButton("核对封存码…")
        self.verify_btn.setToolTip("用结果报告单上印的封存码或二维码核对本文件中的计票结果")
        self.verify_btn.clicked.connect(self.verify_requested)
        bar.addWidget(self.verify_btn)
        self.revote_btn = QPushButton("再次投票…")
        self.revote_btn.clicked.connect(self.revote_requested)
        bar.addWidget(self.revote_btn)
        lay.addLayout(bar)

    def show_view(self, view: LiveView, total: int, seal_code: str = "") -> None:
        r = view.result
        if r is None:
            return
        sealed = f"结果已封存，封存码 {seal_code}（印在计票结果报告单和公告上），不可修改。" if seal_code else "结果已封存，不可修改。"
        self.status.setText(
            f"{view.terms.status_label(r.status)}：发出 {r.ballots_issued} 张，收回 {r.ballots_collected} 张，"
            f"有效 {r.valid_ballots} 张，无效 {r.invalid_ballots} 张；通过需 {r.threshold} 票。{sealed}")
        self.status.setObjectName("error" if r.is_void else "ok")
        repolish(self.status)
        self.model.set_rows(COLUMNS, [
            (c.rank, c.name, c.approve, c.oppose, c.abstain, f"{c.approve / total:.1%}" if total else "",
             "是" if c.passed else "否", OUTCOME_LABELS[c.outcome]) for c in r.candidates])
        self.view.setColumnWidth(1, 320)
        self.notes.setText("；".join(view.notes))
        self.revote_btn.setEnabled(bool(r.is_void or r.revote or r.unfilled))
