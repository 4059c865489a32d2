"""设置 › 重复建议识别: the town's own need words and fillers on top of the defaults, and a place to try them."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....services.wording_service import WordingService
from ...events import EventBus
from ...feedback import attempt, publish_or_warn


class WordingTab(QWidget):
    def __init__(self, wording: WordingService, bus: EventBus, parent=None):
        super().__init__(parent)
        self.wording, self.bus = wording, bus
        lay = QVBoxLayout(self)
        note = QLabel(
            "识别重复建议时，程序读建议的名称和内容，把同一需求的不同说法（如“自来水、吃水、停水”都是“饮水”）归为一个需求词，"
            "需求词比其他词更重要；“建议、希望、经常、群众”等不计词不参与比较；不同村(社区)的建议从不视为重复。"
            "下面是程序自带的词表，本镇可以补充：每行一组同义词，先写需求词，再写其他说法，用空格隔开"
            "（需求词与自带的相同时即补充那一组）。")
        note.setObjectName("paneNote")
        note.setWordWrap(True)
        lay.addWidget(note)
        grid = QGridLayout()
        self.synonyms, self.fillers = QPlainTextEdit(), QPlainTextEdit()
        self.synonyms.setPlaceholderText("例：\n饮水 吃水难 水窖\n塘堰 冬水田 堰塘\n桥 漫水桥 过河桥")
        self.fillers.setPlaceholderText("例：麻烦 恳请 帮忙")
        self.defaults = QPlainTextEdit()
        self.defaults.setReadOnly(True)
        grid.addWidget(QLabel("本镇补充的同义词（每行一组）"), 0, 0)
        grid.addWidget(QLabel("本镇补充的不计词（空格隔开）"), 0, 1)
        grid.addWidget(QLabel("程序自带的词表（只读）"), 0, 2)
        grid.addWidget(self.synonyms, 1, 0)
        grid.addWidget(self.fillers, 1, 1)
        grid.addWidget(self.defaults, 1, 2)
        lay.addLayout(grid, 1)
        trial = QGroupBox("试一试：两条建议会不会被识别为重复（第一行为名称，其后为内容；按上面尚未保存的词表比较）")
        t = QHBoxLayout(trial)
        self.first, self.second = QPlainTextEdit(), QPlainTextEdit()
        for edit, text in ((self.first, "张湾村饮水管网改造"), (self.second, "张湾村自来水三天两头停水\n水管老化到处漏水")):
            edit.setPlainText(text)
            edit.setFixedHeight(64)
            t.addWidget(edit, 1)
        self.try_btn = QPushButton("比较")
        self.try_btn.clicked.connect(self._on_try)
        t.addWidget(self.try_btn)
        lay.addWidget(trial)
        self.result = QLabel()
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        self.save_btn = QPushButton("保存词表")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self._on_save)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_btn)
        lay.addLayout(row)

    def refresh(self) -> None:
        words = self.wording.load()
        self.synonyms.setPlainText(words.synonyms)
        self.fillers.setPlainText(words.fillers)
        self.defaults.setPlainText(words.default_synonyms + "\n\n不计词：\n" + words.default_fillers)

    def _on_try(self) -> None:
        ok, r = attempt(self, lambda: self.wording.trial(self.first.toPlainText(), self.second.toPlainText(),
                                                         self.synonyms.toPlainText(), self.fillers.toPlainText()),
                        "无法比较")
        if not ok:
            return
        verdict = "会提示“可能重复”" if r.flagged else "不会提示"
        self.result.setText("相似度 {s:.2f}（{t:.2f} 及以上提示）：{v}。相同的词：{w}".format(
            s=r.score, t=r.threshold, v=verdict, w=html.escape("、".join(r.shared) or "无")))

    def _on_save(self) -> None:
        publish_or_warn(self, self.bus, lambda: self.wording.save(self.synonyms.toPlainText(), self.fillers.toPlainText()),
                        "未保存")
