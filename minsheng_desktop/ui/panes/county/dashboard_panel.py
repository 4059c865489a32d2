"""汇总 › 看板: the county's (or city's) year at a glance — per town (or district) and summed, beside last year.

Every number in the table is a door: clicking it opens the rows behind it, read-only (``DrillDialog``). The
figures come whole from ``DashboardService.dashboard``; the panel computes nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ....domain.vocabulary import Completion, Light
from ....services.dashboard_service import LIGHT_ORDER, Dashboard, DashboardService, UnitFigures
from ...feedback import attempt
from ...models.records_table_model import RecordsTableModel
from ...widgets import BarChart, StatCard, record_table
from .dashboard_charts import ColumnChart, LightStackChart


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1%}"


Column = tuple[str, str | None, Callable[[UnitFigures], object]]
COLUMNS: list[Column] = [
    ("建议", "proposals", lambda f: f.proposals),
    ("候选", "candidates", lambda f: f.candidates),
    ("票决(场)", "votes", lambda f: f.votes_held),
    ("足法定数", "votes", lambda f: f.votes_quorum),
    ("当选项目", "projects", lambda f: f.chosen),
    ("红灯", f"light:{Light.RED}", lambda f: f.lights[Light.RED]),
    ("黄灯", f"light:{Light.YELLOW}", lambda f: f.lights[Light.YELLOW]),
    ("绿灯", f"light:{Light.GREEN}", lambda f: f.lights[Light.GREEN]),
    ("蓝灯", f"light:{Light.BLUE}", lambda f: f.lights[Light.BLUE]),
    ("已完成", f"done:{Completion.DONE}", lambda f: f.completion[Completion.DONE]),
    ("基本完成", f"done:{Completion.BASIC}", lambda f: f.completion[Completion.BASIC]),
    ("未完成", f"done:{Completion.NOT_DONE}", lambda f: f.completion[Completion.NOT_DONE]),
    ("计划投资(万元)", "investment", lambda f: round(f.planned, 2)),
    ("到位率", "investment", lambda f: _pct(f.in_place_rate)),
    ("支出率", "investment", lambda f: _pct(f.spent_rate)),
    ("满意度", "satisfaction", lambda f: _pct(f.satisfaction)),
    ("监督活动", "events", lambda f: f.events_held),
    ("逾期意见", "overdue", lambda f: f.opinions_overdue),
]


class DrillDialog(QDialog):
    """The rows behind one figure, read-only."""

    def __init__(self, title: str, headers: tuple[str, ...], rows: list[tuple], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1000, 560)
        lay = QVBoxLayout(self)
        note = QLabel(f"{title}：共 {len(rows)} 条（只读）")
        note.setObjectName("paneNote")
        lay.addWidget(note)
        self.model = RecordsTableModel(parent=self)
        self.model.set_rows(headers, rows)
        self.view = record_table(self.model)
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount()):
            self.view.setColumnWidth(c, min(self.view.columnWidth(c) + 12, 320))
        lay.addWidget(self.view, 1)


class DashboardPanel(QWidget):
    def __init__(self, dashboard: DashboardService, parent=None):
        super().__init__(parent)
        self.svc = dashboard
        self.board: Dashboard | None = None
        self.row_codes: list[list[str] | None] = []
        self.opened: DrillDialog | None = None  # the last drill-down (tests read it)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("年度"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setGroupSeparatorShown(False)
        self.year.valueChanged.connect(self._on_year)
        bar.addWidget(self.year)
        self.scope = QComboBox()
        self.scope.addItem("各乡镇", "towns")
        self.scope.addItem("各区县", "districts")
        self.scope.currentIndexChanged.connect(self._show)
        bar.addWidget(self.scope)
        self.note = QLabel()
        self.note.setObjectName("paneNote")
        bar.addWidget(self.note, 1)
        lay.addLayout(bar)
        cards = QHBoxLayout()
        self.cards = {key: StatCard(title) for key, title in (
            ("projects", "实事项目"), ("red", "红灯 / 黄灯"), ("done", "已完成 / 基本完成 / 未完成"),
            ("money", "投资到位率 / 支出率"), ("sat", "满意度"), ("sup", "监督活动 / 逾期意见"))}
        for card in self.cards.values():
            cards.addWidget(card)
        lay.addLayout(cards)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = RecordsTableModel(parent=self)
        self.view = record_table(self.model)
        self.view.setSelectionBehavior(self.view.SelectionBehavior.SelectItems)
        self.view.clicked.connect(self._on_cell)
        split.addWidget(self.view)
        split.addWidget(self._charts())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)

    def _charts(self) -> QWidget:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(6, 0, 6, 0)
        self.light_chart = LightStackChart(LIGHT_ORDER)
        self.rate_chart = BarChart("#2e7d6b")
        self.sat_chart = ColumnChart("#3d6a9e")
        for row, (title, chart) in enumerate((("各单位项目灯色", self.light_chart), ("投资支出率（%）", self.rate_chart),
                                              ("项目满意度分布（满意+基本满意率）", self.sat_chart))):
            label = QLabel(title)
            label.setObjectName("cardTitle")
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(chart, row * 2 + 1, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def set_year(self, year: int) -> None:
        if self.year.value() != year:
            self.year.setValue(year)  # → _on_year
        else:
            self.refresh()

    def _on_year(self, *_args) -> None:
        self.refresh()

    def refresh(self) -> None:
        ok, board = attempt(self, lambda: self.svc.dashboard(self.year.value()), "看板未能载入")
        if not ok or board is None:
            return
        first = self.board is None
        self.board = board
        self.scope.setVisible(bool(board.districts))
        self.scope.blockSignals(True)
        if not board.districts:
            self.scope.setCurrentIndex(0)
        elif first:  # a city opens on its districts, one level up
            self.scope.setCurrentIndex(self.scope.findData("districts"))
        self.scope.blockSignals(False)
        self._show()

    def _by_district(self) -> bool:
        b = self.board
        assert b is not None
        return bool(b.districts) and self.scope.currentData() == "districts"

    def _show(self, *_args) -> None:
        b = self.board
        if b is None:
            return
        by_district = self._by_district()
        units = b.units(by_district)  # 县本级 first, when the county has its own vote or projects
        codes_of = {d.code: [t.code for t in b.towns if t.district == d.code] for d in b.districts}
        self.row_codes = [None, *(codes_of.get(u.code, [u.code]) if by_district and u is not b.own else [u.code]
                                  for u in units)]
        rows = [(b.area + "合计", *(get(b.total) for _h, _m, get in COLUMNS)),
                *((u.name, *(get(u) for _h, _m, get in COLUMNS)) for u in units)]
        self.model.set_rows(("区县" if by_district else "乡镇（街道）", *(h for h, _m, _g in COLUMNS)), rows)
        self.view.resizeColumnsToContents()
        for col in range(self.model.columnCount()):
            self.view.setColumnWidth(col, min(self.view.columnWidth(col) + 8, 160))
        self._cards(b)
        self.light_chart.set_rows([(u.name, u.lights) for u in units])
        self.rate_chart.set_items([(u.name, round((u.spent_rate or 0) * 100, 1)) for u in units if u.planned])
        self.sat_chart.set_items(b.satisfaction_bands())
        own = f"及{b.own.name}" if b.own is not None else ""
        self.note.setText(f"{b.year} 年度，{b.total.towns} 个乡镇（街道）{'、' + str(len(b.districts)) + ' 个区县' if b.districts else ''}{own}；"
                          f"灯色按“{b.policy.mode}”规则。点击表中数字查看明细。")

    def _cards(self, b: Dashboard) -> None:
        t, last = b.total, b.last
        self.cards["projects"].set(f"{t.projects} 个", f"计划投资 {t.planned:,.0f} 万元；上年 {last.projects} 个")
        self.cards["red"].set(f"{t.lights[Light.RED]} / {t.lights[Light.YELLOW]}",
                              f"上年项目 {last.lights[Light.RED]} / {last.lights[Light.YELLOW]}")
        self.cards["done"].set(" / ".join(str(t.completion[c]) for c in Completion),
                               "上年 " + " / ".join(str(last.completion[c]) for c in Completion))
        self.cards["money"].set(f"{_pct(t.in_place_rate)} / {_pct(t.spent_rate)}",
                                f"上年 {_pct(last.in_place_rate)} / {_pct(last.spent_rate)}")
        self.cards["sat"].set(_pct(t.satisfaction), f"已测评 {len(t.rates)} 个项目；上年 {_pct(last.satisfaction)}")
        self.cards["sup"].set(f"{t.events_held} / {t.opinions_overdue}",
                              f"上年 {last.events_held} 次活动")

    def _on_cell(self, index) -> None:
        if self.board is None or index.column() == 0:
            return
        measure = COLUMNS[index.column() - 1][1]
        if measure is None:
            return
        codes = self.row_codes[index.row()]
        ok, drill = attempt(self, lambda: self.svc.drill(self.board, codes, measure), "明细未能载入")
        if ok and drill is not None:
            self.opened = DrillDialog(drill.title, drill.headers, drill.rows, self)
            self.opened.open()
