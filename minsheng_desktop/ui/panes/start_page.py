"""开始使用: what a new town does first — the roster, the working year, the first proposals.

Each step is ticked from the data the settings service reads (deputies on the roster, the working year against the
calendar, proposals recorded), never from a remembered flag; each button opens the place where the step is done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from ...domain.terms import TOWN_TERMS, Terms
from ...services.settings_service import FirstSteps
from .._qt_helpers import repolish
from ..widgets import pane_layout


class StartPage(QWidget):
    go = Signal(str, str)  # pane name, part of it (a settings tab's title) or ""

    STEPS = (
        ("roster", "第一步　导入代表名册", "导入代表名册…", "设置", "代表名册"),
        ("year", "第二步　设定工作年度", "设定工作年度…", "设置", "本级信息"),
        ("intake", "第三步　开始征集建议", "开始征集", "征集", ""),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("page")
        lay = pane_layout(self, "开始使用", "新建本级数据库后，请按下面三步开始全年的工作。每一步完成后自动打勾；"
                                      "以后可随时从左侧“开始使用指引”回到这里。")
        self.ticks: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.heads: dict[str, QLabel] = {}
        for key, title, button, pane, part in self.STEPS:
            frame = QFrame()
            frame.setObjectName("step")
            grid = QGridLayout(frame)
            grid.setContentsMargins(16, 12, 16, 12)
            grid.setHorizontalSpacing(14)
            tick = QLabel()
            tick.setObjectName("stepTick")
            tick.setFixedWidth(30)
            tick.setAlignment(Qt.AlignmentFlag.AlignCenter)
            head = self.heads[key] = QLabel(title)
            head.setObjectName("stepTitle")
            detail = QLabel()
            detail.setWordWrap(True)
            detail.setObjectName("paneNote")
            go = QPushButton(button)
            go.setMinimumWidth(140)
            go.clicked.connect(lambda _=False, p=pane, t=part: self.go.emit(p, t))
            grid.addWidget(tick, 0, 0, 2, 1)
            grid.addWidget(head, 0, 1)
            grid.addWidget(detail, 1, 1)
            grid.addWidget(go, 0, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
            grid.setColumnStretch(1, 1)
            lay.addWidget(frame)
            self.ticks[key], self.details[key], self.buttons[key] = tick, detail, go
        self.done_note = QLabel()
        self.done_note.setWordWrap(True)
        lay.addWidget(self.done_note)
        home = QPushButton("进入首页")
        home.clicked.connect(lambda: self.go.emit("首页", ""))
        lay.addWidget(home, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)

    def show_steps(self, steps: FirstSteps, t: Terms = TOWN_TERMS) -> None:
        """``t``: the level's words (a street's roster is its 议事代表名册, its vote 票选)."""
        done = {"roster": steps.roster_done, "year": steps.year_done, "intake": steps.intake_done}
        self.heads["roster"].setText(f"第一步　导入{t.roster}")
        self.buttons["roster"].setText(f"导入{t.roster}…")
        self.next_step = next((key for key, *_rest in self.STEPS if not done[key]), None)
        self._mark("roster", steps.roster_done,
                   f"名册中有 {steps.deputies} 名在任{t.member}。签到、监督活动和测评都从名册中选人。"
                   if steps.roster_done else
                   f"在“设置 › {t.roster}”中点“从 Excel 导入…”（可先“下载导入模板…”），或逐个“添加{t.member}”。")
        year_text = steps.year_note + " " + (
            f"当前工作年度：{steps.current_year} 年度。如需更改，在“设置 › 本级信息”中新建年度，"
            "或在左下角“年度”中选择。" if steps.year_done else
            f"当前工作年度仍是 {steps.current_year} 年度：请在“设置 › 本级信息”中新建 {steps.suggested_year} 年度，"
            "再在左下角“年度”中选择它。")
        self._mark("year", steps.year_done, year_text)
        self._mark("intake", steps.intake_done,
                   f"{steps.current_year} 年度已登记 {steps.proposals} 件建议。"
                   if steps.intake_done else
                   "在“征集”中逐件登记群众、代表和部门的建议（Enter 保存并登记下一件），或导入征集表。")
        self.done_note.setText(f"三步都已完成。以后请从左侧各栏目继续：候选项目审定 → {t.vote} → 实施 → 监督 → 测评。"
                               if steps.all_done else "")
        self.done_note.setObjectName("ok" if steps.all_done else "")
        self.done_note.setVisible(steps.all_done)
        repolish(self.done_note)

    def _mark(self, key: str, done: bool, text: str) -> None:
        self.ticks[key].setText("✓" if done else "①②③"[[k for k, *_r in self.STEPS].index(key)])
        self.ticks[key].setObjectName("stepTickDone" if done else "stepTick")
        repolish(self.ticks[key])
        self.details[key].setText(text)
        self.buttons[key].setObjectName("primary" if key == self.next_step else "")
        repolish(self.buttons[key])
