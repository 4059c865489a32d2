"""首页: the year at a glance — proposals, candidates, the vote, projects, money, scores, what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...services.home_data import HomeData
from ..widgets import BarChart, StatCard, pane_header
from .year_pane import YearPane

if TYPE_CHECKING:  # a kept page (services/home_snapshot.py) is shown before the database layer is imported
    from ...services.overview_service import OverviewService


class HomePane(YearPane):
    scrolls_itself = True

    def __init__(self, overview: OverviewService | None, parent=None):
        super().__init__(parent=parent)
        self.setObjectName("")  # the scroll area's page below is the "page"
        self.overview = overview
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        page = QWidget()
        page.setObjectName("page")
        lay = QVBoxLayout(page)
        lay.setContentsMargins(24, 18, 24, 18)
        self.header = pane_header("本年度概况")
        self.title = self.header.findChild(QLabel, "paneTitle")
        lay.addWidget(self.header)

        grid = QGridLayout()
        grid.setSpacing(12)
        self.cards = {key: StatCard(title) for key, title in [
            ("proposals", "征集建议"), ("candidates", "候选项目"), ("vote", "代表票决"),
            ("projects", "实事项目"), ("money", "资金（万元）"), ("scores", "满意度测评"),
            ("deputies", "在任代表"), ("supervision", "监督意见"),
        ]}
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 4, i % 4)
        lay.addLayout(grid)
        reminders = QHBoxLayout()
        self.reminders: dict[str, QLabel] = {}
        for key, title in (("week", "7 天内的监督活动"), ("overdue", "逾期未办结"), ("red", "亮红灯的项目")):
            box = QGroupBox(title)
            label = QLabel()
            label.setWordWrap(True)
            QVBoxLayout(box).addWidget(label)
            reminders.addWidget(box, 1)
            self.reminders[key] = label
        lay.addLayout(reminders)

        row = QHBoxLayout()
        cat_box = QGroupBox("建议按类别")
        self.category_chart = BarChart()
        QVBoxLayout(cat_box).addWidget(self.category_chart)
        status_box = QGroupBox("项目按状态")
        self.status_chart = BarChart("#b3261e")
        QVBoxLayout(status_box).addWidget(self.status_chart)
        row.addWidget(cat_box, 3)
        row.addWidget(status_box, 2)
        lay.addLayout(row)

        up_box = QGroupBox("近 30 天的监督活动")
        self.upcoming = QLabel()
        self.upcoming.setWordWrap(True)
        QVBoxLayout(up_box).addWidget(self.upcoming)
        lay.addWidget(up_box)
        lay.addStretch(1)
        self.scroll.setWidget(page)

    def load(self) -> None:
        if self.overview is not None:
            self.show_data(self.overview.home(self.year))

    def show_data(self, d: HomeData) -> None:
        self.title.setText(f"{d.town} {d.year} 年度概况")
        t = d.terms
        self.cards["vote"].title.setText(f"{t.member}{t.vote}")  # 代表票决 / 议事代表票选
        self.cards["deputies"].title.setText(f"在任{t.member}")
        st = d.proposals_by_status
        self.cards["proposals"].set(
            f"{d.proposals_total} 件",
            "，".join(f"{k} {v}" for k, v in sorted(st.items(), key=lambda kv: -kv[1])) or "尚未收到建议")
        self.cards["candidates"].set(f"{d.candidates_approved} / {d.candidates}",
                                     f"已审定 / 全部候选项目；应选 {d.seats} 个")
        chosen = sum(d.projects_by_status.values())
        self.cards["vote"].set(f"当选 {chosen} 个" if chosen else "—", d.vote_line)
        self.cards["projects"].set(f"{d.projects_by_status.get('已完成', 0)} / {chosen} 已完成",
                                   "，".join(f"{k} {v}" for k, v in d.projects_by_status.items()) or "暂无项目")
        planned, in_place, spent = d.investment
        self.cards["money"].set(f"{planned:,.0f}",
                                f"计划 {planned:,.1f}，到位 {in_place:,.1f}，已支出 {spent:,.1f}")
        if d.rounds:
            self.cards["scores"].set(f"{d.satisfied_avg:.1%}",
                                     f"{t.member}测评 {d.rounds} 项的平均满意+基本满意率；需整改 {d.follow_ups} 项")
        else:
            self.cards["scores"].set("—", f"本年度尚未开展{t.member}满意度测评")
        self.cards["deputies"].set(f"{d.deputies} 人", f"{t.roster}中在任的{t.member}")
        self.cards["supervision"].set(f"{d.open_opinions} 条办理中",
                                      f"其中逾期未办结 {d.overdue_opinions} 条" if d.overdue_opinions else "无逾期")
        self.category_chart.set_items(list(d.proposals_by_category.items()))
        self.status_chart.set_items(list(d.projects_by_status.items()))
        self.upcoming.setText("\n".join(f"{day}　{kind}　{title}" for day, kind, title in d.upcoming)
                              or "近 30 天没有安排监督活动。")
        self.reminders["week"].setText("\n".join(f"{day}　{kind}　{title}" for day, kind, title in d.week_events)
                                       or "没有")
        self.reminders["overdue"].setText("\n".join(d.overdue_items[:8]) + (
            f"\n……共 {len(d.overdue_items)} 项" if len(d.overdue_items) > 8 else "") if d.overdue_items else "没有")
        self.reminders["red"].setText("\n".join(d.red_projects) or "没有")
        self.reminders["overdue"].setStyleSheet("color:#8c1d18;" if d.overdue_items else "")
        self.reminders["red"].setStyleSheet("color:#8c1d18;" if d.red_projects else "")
