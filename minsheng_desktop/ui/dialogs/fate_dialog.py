"""答复进程: one proposal's fate through the year, each step dated, and what its proposer has been told."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from ...services.reply_service import ProposalFate


def _day(d) -> str:
    return d.isoformat() if d else "—"


class FateDialog(QDialog):
    def __init__(self, fate: ProposalFate, parent=None):
        super().__init__(parent)
        r = fate.row
        self.fate = fate
        self.setWindowTitle(f"答复进程 — 第 {r.seq_no} 号")
        self.setMinimumSize(760, 420)
        lay = QVBoxLayout(self)
        head = QLabel("第 {n} 号“{t}”　建议人：{p}　{v}".format(
            n=r.seq_no, t=r.title, p=r.proposer or "未署名", v=r.village or "未注明村(社区)"))
        head.setWordWrap(True)
        lay.addWidget(head)
        told = {k: t for t in fate.told for k in t.steps}  # the first time each step was told
        for t in reversed(fate.told):
            for k in t.steps:
                told[k] = t
        self.table = QTableWidget(len(fate.steps), 4)
        self.table.setHorizontalHeaderLabels(["日期", "进展", "答复内容", "是否已告知"])
        for i, step in enumerate(fate.steps):
            t = told.get(step.key)
            said = f"已告知（{t.day.isoformat()}，{t.channel}）" if t else "新进展，尚未告知"
            for col, text in enumerate((_day(step.day), step.stage, step.text, said)):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, 380)
        self.table.verticalHeader().hide()
        lay.addWidget(self.table, 1)
        news = fate.news
        last = fate.told[-1] if fate.told else None
        summary = (f"上次告知：{last.day.isoformat()}（{last.channel}，当时进展“{last.stage}”）。"
                   if last else "尚未向建议人发出过回执或短信。")
        summary += ("此后新的进展：{s}。".format(s="、".join(s.stage for s in news)) if news and last
                    else "没有尚未告知的进展。" if not news else "")
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.table.item(i, c).text() for c in range(4)) for i in range(self.table.rowCount())]
