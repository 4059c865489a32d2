"""汇总: per town, per category, per year — the county view; export a package upward, merge towns' packages."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.assessment_service import AssessmentService
from ...services.changes import DATA, Changes
from ...services.dashboard_service import DashboardService
from ...services.merge_service import MergeResult, MergeService
from ...services.report_service import ReportService
from ...services.summary_service import Figures, SummaryService
from ..events import EventBus
from ..feedback import PDF_OR_XLSX, confirm
from ..models.records_table_model import RecordsTableModel
from ..ops import Ops
from ..tasks import TaskRunner
from ..widgets import BarChart, add_buttons, pane_layout, record_table
from .county.assessment_panel import AssessmentPanel
from .county.dashboard_panel import DashboardPanel

HEAD = ("建议", "候选", "项目", "已完成", "完成率", "计划投资(万元)", "到位(万元)", "已支出(万元)", "满意度")
STATUS = {"merged": "已合并", "unchanged": "无变化（已合并过）", "refused": "已拒绝"}


def _cells(f: Figures) -> tuple:
    d = f.to_dict()
    return (d["proposals"], d["candidates"], d["projects"], d["completed"],
            "" if d["completion_rate"] is None else f"{d['completion_rate']:.1%}", d["investment_planned"],
            d["investment_in_place"], d["investment_spent"],
            "" if d["satisfaction"] is None else f"{d['satisfaction']:.1%}")


class TownDialog(QDialog):
    """Drill-down into one town: its projects and votes, read-only."""

    def __init__(self, summary: SummaryService, code: str, year: int | None, parent=None):
        super().__init__(parent)
        d = summary.town_detail(code, year)
        self.setWindowTitle(f"{d.name}（{code}）")
        self.resize(900, 560)
        lay = QVBoxLayout(self)
        tabs = QTabWidget()
        pm = RecordsTableModel(parent=self)
        pm.set_rows(("年度", "项目", "类别", "状态", "预算(万元)", "已支出(万元)", "完成日期"), d.projects)
        vm = RecordsTableModel(parent=self)
        vm.set_rows(("年度", "票决会议", "日期", "状态", "实到/应到", "当选"), d.votes)
        for model, title in ((pm, "实事项目"), (vm, "票决")):
            view = record_table(model)
            view.setColumnWidth(1, 300)
            tabs.addTab(view, title)
        lay.addWidget(tabs)


class SummaryPane(QWidget):
    def __init__(self, summary: SummaryService, merge: MergeService, reports: ReportService, bus: EventBus,
                 tasks: TaskRunner, parent=None, dashboard: DashboardService | None = None,
                 assessment: AssessmentService | None = None):
        """``_unused``: the database the main window still passes; the pane works through its services only."""
        super().__init__(parent)
        self.setObjectName("page")
        self.svc, self.merger, self.reports, self.bus = summary, merge, reports, bus
        self.ops = Ops(self, tasks, bus)
        self.year: int | None = None
        self.codes: list[str] = []
        lay = pane_layout(self, "汇总", "按乡镇、类别、年度汇总。乡镇用“导出上报包”把数据报送县人大；县级用“合并上报包”汇总各乡镇（重复或先后颠倒的上报包都可放心导入）。")
        bar = QHBoxLayout()
        self.all_years = QCheckBox("全部年度")
        self.all_years.toggled.connect(self.refresh)
        bar.addWidget(self.all_years)
        self.total = QLabel()
        self.total.setObjectName("paneNote")
        bar.addWidget(self.total, 1)
        self.buttons = add_buttons(self, bar, [("export", "导出上报包…", self._on_export), ("merge", "合并上报包…", self._on_merge),
                                ("report", "汇总报表…", self._on_report)])
        lay.addLayout(bar)
        self.tabs = QTabWidget()
        self.town_model, self.cat_model, self.year_model = (RecordsTableModel(parent=self) for _ in range(3))
        town_page = QWidget()
        tl = QHBoxLayout(town_page)
        self.town_view = record_table(self.town_model)
        self.town_view.doubleClicked.connect(self._on_drill)
        tl.addWidget(self.town_view, 3)
        side = QVBoxLayout()
        side.addWidget(QLabel("计划投资（万元）"))
        self.chart = BarChart("#3d6a9e")
        side.addWidget(self.chart, 1)
        tl.addLayout(side, 1)
        self.tabs.addTab(town_page, "按乡镇（双击查看）")
        self.tabs.addTab(record_table(self.cat_model), "按类别")
        self.tabs.addTab(record_table(self.year_model), "按年度")
        self.board = DashboardPanel(dashboard) if dashboard is not None else None
        if self.board is not None:
            self.tabs.insertTab(0, self.board, "看板")
            self.tabs.setCurrentIndex(0)
        self.assessment = AssessmentPanel(assessment, self.ops) if assessment is not None else None
        if self.assessment is not None:
            self.tabs.addTab(self.assessment, "乡镇考核")
        lay.addWidget(self.tabs, 1)

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()
        for panel in (self.board, self.assessment):
            if panel is not None:
                panel.set_year(year)


    def _year(self) -> int | None:
        return None if self.all_years.isChecked() else self.year

    def refresh(self, *_args) -> None:
        s = self.svc.summary(self._year())
        self.codes = [c for c, _n, _f in s.towns]
        self.town_model.set_rows(("代码", "乡镇（街道）", *HEAD), [(c, n, *_cells(f)) for c, n, f in s.towns],
                                 self.codes)
        self.cat_model.set_rows(("类别", *HEAD), [(c, *_cells(f)) for c, f in s.categories])
        self.year_model.set_rows(("年度", *HEAD), [(y, *_cells(f)) for y, f in s.years])
        self.chart.set_items([(n, round(f.planned)) for _c, n, f in s.towns if f.planned])
        for col, width in enumerate((90, 90, 56, 56, 56, 56, 64, 104, 90, 96, 64)):
            self.town_view.setColumnWidth(col, width)
        d = s.total.to_dict()
        self.total.setText("{n} 个乡镇{own}；实事项目 {p} 个，已完成 {c} 个；计划投资 {m:,.2f} 万元".format(
            n=s.town_count, own="及" + next(n for c, n, _f in s.towns if c == s.own) if s.own else "",
            p=d["projects"], c=d["completed"], m=d["investment_planned"]))

    def _on_drill(self, index) -> None:
        code = self.town_model.row_id(index.row())
        if code:
            TownDialog(self.svc, code, self._year(), self).exec()

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "导出上报包", "上报包.mspkg",
                                              "上报包 (*.mspkg)")
        if not path:
            return
        self.ops.run(lambda progress: self.svc.export_package(path), label="正在导出上报包……",
                     done=self._after_export, error_title="未能导出")

    def _after_export(self, summary) -> Changes:
        QMessageBox.information(self, "已导出", f"已导出第 {summary.sequence} 号上报包：\n{summary.path}\n\n本级签名指纹（县级首次导入时电话核对）：\n{summary.fingerprint}")
        return Changes.of(message=f"已导出第 {summary.sequence} 号上报包")

    def _on_merge(self, *_args, accept: frozenset[str] = frozenset(), restored: frozenset[str] = frozenset(),
                  paths: list[str] | None = None) -> None:
        """The same path as the command line: ``MergeService.merge`` backs the database up once, then merges one
        package at a time, each in its own transaction, so 停止 between packages keeps those already merged."""
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, "选择上报包", "", "上报包 (*.mspkg)")
        if not paths:
            return
        finished = [0]

        def work(progress) -> list[MergeResult]:
            def step(done: int, total: int) -> None:
                finished[0] = done
                progress.report(done, total, f"已合并 {done}/{total} 个上报包……")
                if done < total:
                    progress.check()

            progress.report(0, len(paths), f"正在备份县级数据库，然后逐个合并 {len(paths)} 个上报包……")
            return self.merger.merge(paths, accept_new_key=set(accept), accept_restored=set(restored), progress=step)

        def stopped() -> Changes:
            return Changes.of(DATA, message=f"已停止：已处理 {finished[0]} 个上报包，其余 {len(paths) - finished[0]} 个未导入")

        self.ops.run(work, label="正在合并上报包……", done=lambda results: self._after_merge(paths, results),
                     error_title="未能合并", cancellable=True, cancelled=stopped)

    def _after_merge(self, paths: list[str], results: list[MergeResult]) -> None:
        self.bus.publish(Changes.of(DATA, message=f"已处理 {len(results)} 个上报包"))
        lines = []
        for r in results:
            line = f"{r.file}：{r.town or ''} 第 {r.sequence or '-'} 号 — {STATUS[r.status]}"
            if r.status == "merged":
                line += f"（新增 {r.rows['inserted']}，更新 {r.rows['updated']}，删除 {r.rows['deleted']}）"
            if r.reason:
                line += f"\n　{r.reason}"
            if r.new_key:
                line += f"\n　已登记该乡镇的签名指纹：{r.new_key}（请电话与乡镇核对）"
            lines.append(line)
        QMessageBox.information(self, "合并结果", "\n".join(lines))
        changed = [(p, r) for p, r in zip(paths, results, strict=True) if "签名密钥与此前不同" in r.reason]
        for path, r in changed:
            if confirm(self, "接受新密钥", (f"{r.town}的签名密钥已更换（如更换了电脑）。\n已电话核实新指纹无误，"
                                                          "接受新密钥并导入吗？"), ok="接受并导入"):
                self._on_merge(accept=frozenset({r.code}), paths=[path])
        restored = [(p, r) for p, r in zip(paths, results, strict=True) if "接受恢复后的数据" in r.reason]
        for path, r in restored:
            if confirm(self, "接受恢复后的数据", (f"{r.town}的上报包与县级已合并的记录不衔接：该镇电脑可能由备份恢复或更换过。\n"
                    "已电话核实确属这种情况，接受该镇恢复后的数据并导入吗？（这一决定会记入审计日志；"
                    "已封存的票决和测评结果仍须与此前报送的一致）"), ok="接受并导入"):
                self._on_merge(restored=frozenset({r.code}), paths=[path])

    def _on_report(self) -> None:
        year = self._year()
        self.ops.save("保存汇总报表", "民生实事项目汇总.pdf", PDF_OR_XLSX,
                      lambda path: self.reports.county_summary(path, year))
