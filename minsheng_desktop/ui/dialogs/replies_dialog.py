"""答复与公告: reply slips, the SMS sheet and the notice-board list for the proposals with news (or all), the
征集公告 and the paper 建议征集表."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from ...services.reply_service import ReplyService
from .._qt_helpers import date_edit, to_date
from ..ops import Ops
from ..widgets import add_buttons

ALL = "全部村(社区)"
DOCS = "PDF (*.pdf);;Word (*.docx)"


class RepliesDialog(QDialog):
    def __init__(self, replies: ReplyService, year: int, ops: Ops, bus, villages: list[str],
                 selected: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.replies, self.year, self.ops, self.bus = replies, year, ops, bus
        self.selected = selected or []
        self.setWindowTitle("答复与公告")
        self.setMinimumWidth(620)
        lay = QVBoxLayout(self)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        lay.addWidget(self.counts)
        box = QGroupBox("答复建议人")
        form = QFormLayout(box)
        self.village = QComboBox()
        self.village.addItems([ALL, *villages])
        self.only_news = QCheckBox("只含有新进展、尚未告知的建议（生成后记为已告知）")
        self.only_news.setChecked(True)
        self.only_selected = QCheckBox(f"只含列表中选中的 {len(self.selected)} 件")
        self.only_selected.setEnabled(bool(self.selected))
        self.only_selected.setChecked(bool(self.selected))
        form.addRow("村(社区)", self.village)
        form.addRow("", self.only_news)
        form.addRow("", self.only_selected)
        row = QVBoxLayout()
        form.addRow(row)
        bar = QHBoxLayout()
        self.buttons = add_buttons(self, bar, [("slips", "答复回执（PDF/Word）…", self._on_slips),
                                               ("sms", "短信表（Excel）…", self._on_sms),
                                               ("notice", "村务公开栏公示…", self._on_notice)])
        row.addLayout(bar)
        lay.addWidget(box)
        box2 = QGroupBox("征集")
        form2 = QFormLayout(box2)
        self.deadline = date_edit()
        day = replies.today
        self.deadline.setDate(QDate(day.year, day.month, day.day).addDays(30))
        self.copies = QSpinBox()
        self.copies.setRange(1, 500)
        self.copies.setValue(20)
        form2.addRow("征集截止日期", self.deadline)
        form2.addRow("纸质征集表份数", self.copies)
        bar2 = QHBoxLayout()
        self.buttons.update(add_buttons(self, bar2, [("announce", "征集公告（PDF/Word）…", self._on_announce),
                                                     ("form", "纸质建议征集表（PDF）…", self._on_form)]))
        form2.addRow(bar2)
        lay.addWidget(box2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        lay.addWidget(close)
        self.refresh_counts()

    def refresh_counts(self) -> None:
        fates = self.replies.fates(self.year)
        news = sum(1 for f in fates if f.news)
        never = sum(1 for f in fates if not f.told)
        self.counts.setText(f"{self.year} 年度共 {len(fates)} 件建议：{news} 件有新进展尚未告知建议人"
                            f"（其中 {never} 件从未答复）。")

    def _scope(self) -> dict:
        village = self.village.currentText()
        return {"ids": self.selected if self.only_selected.isChecked() else None,
                "only_news": self.only_news.isChecked(), "village": None if village == ALL else village}

    def _name(self, stem: str) -> str:
        village = self._scope()["village"]
        return f"{self.year}年度{stem}{'-' + village if village else ''}"

    def _told(self, path: str, result) -> str:
        self.bus.publish(result[1])
        self.refresh_counts()
        extra = f"；{result[2]} 人没有手机号码，见表中“无手机号码”一页" if len(result) > 2 and result[2] else ""
        return f"已保存到 {path}，并记为已告知{extra}"

    def _on_slips(self) -> None:
        scope, year = self._scope(), self.year
        self.ops.save("保存答复回执", self._name("建议办理答复回执") + ".pdf", DOCS,
                      lambda path: self.replies.slips(year, path, **scope), self._told)

    def _on_sms(self) -> None:
        scope, year = self._scope(), self.year
        self.ops.save("保存短信表", self._name("建议答复短信") + ".xlsx", "Excel (*.xlsx)",
                      lambda path: self.replies.sms_sheet(year, path, **scope), self._told)

    def _on_notice(self) -> None:
        village, year = self._scope()["village"], self.year
        self.ops.save("保存公示清单", self._name("建议办理情况公示") + ".pdf",
                      "PDF (*.pdf);;Word (*.docx);;Excel (*.xlsx)",
                      lambda path: self.replies.notice_list(year, path, village))

    def _on_announce(self) -> None:
        deadline, year = to_date(self.deadline), self.year
        self.ops.save("保存征集公告", f"关于征集{year}年度民生实事项目建议的公告.pdf", DOCS,
                      lambda path: self.replies.announcement(year, path, deadline=deadline))

    def _on_form(self) -> None:
        copies, year = self.copies.value(), self.year
        self.ops.save("保存纸质征集表", f"{year}年度民生实事项目建议征集表.pdf", "PDF (*.pdf)",
                      lambda path: self.replies.paper_form(year, path, copies))
