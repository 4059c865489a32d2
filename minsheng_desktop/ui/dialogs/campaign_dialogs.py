"""Dialogs of the 回头看 tab: the campaign and its figures, the projects picked, a visit, an opinion, the hand-over."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from ...clock import Clock
from ...domain.campaigns import FIGURE_LABELS, FIGURES, MAX_FIGURE, MAX_LOOK_BACK, Figures
from ...domain.vocabulary import EventStatus, VisitKind
from .._qt_helpers import date_edit
from .check_list import CheckList
from .common import ok_cancel

NOT_ENTERED = "未填"


def _figure_box(value: int | None) -> QSpinBox:
    box = QSpinBox()
    box.setRange(-1, MAX_FIGURE)
    box.setSpecialValueText(NOT_ENTERED)  # -1: nothing entered, the log's count is used
    box.setValue(-1 if value is None else value)
    box.setGroupSeparatorShown(True)
    box.setMinimumWidth(110)
    return box


class CampaignDialog(QDialog):
    """New campaign (``figures`` None) or its fields and entered totals."""

    def __init__(self, *, title: str, held_on: date, place: str = "", status: str = EventStatus.PLANNED,
                 look_back: list[int], figures: Figures | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("回头看活动" if figures is not None else "新建回头看活动")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.title, self.place = QLineEdit(title), QLineEdit(place)
        self.day = date_edit(held_on)
        self.status = QComboBox()
        self.status.addItems(list(EventStatus))
        self.status.setCurrentText(status)
        first = min([held_on.year - MAX_LOOK_BACK + 1, *look_back])
        years = [(str(y), f"{y}年度", "") for y in range(held_on.year, first - 1, -1)]
        self.years = CheckList(years, {str(y) for y in look_back}, "个年度", placeholder="输入年份筛选")
        self.years.setFixedHeight(150)
        for label, w in [("活动名称", self.title), ("开展日期", self.day), ("地点", self.place), ("状态", self.status),
                         ("回头看年度", self.years)]:
            form.addRow(label, w)
        lay.addLayout(form)
        self.figures: dict[str, QSpinBox] = {}
        if figures is not None:
            box = QGroupBox("活动数字（按各村、各代表小组报来的总数填写；“未填”则按走访记录统计）")
            grid = QGridLayout(box)
            for i, key in enumerate(FIGURES):
                label, unit = FIGURE_LABELS[key]
                self.figures[key] = _figure_box(figures.get(key))
                row, col = divmod(i, 2)
                grid.addWidget(QLabel(label), row, col * 3)
                grid.addWidget(self.figures[key], row, col * 3 + 1)
                grid.addWidget(QLabel(unit), row, col * 3 + 2)
            lay.addWidget(box)
        lay.addWidget(ok_cancel(self, "保存"))

    def look_back(self) -> list[int]:
        return [int(y) for y in self.years.checked()]

    def entered(self) -> Figures:
        return Figures(**{k: (None if box.value() < 0 else box.value()) for k, box in self.figures.items()})


class ProjectPickDialog(QDialog):
    def __init__(self, projects: list[tuple[str, int, str]], checked: set[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("选择回头看的项目")
        self.setMinimumSize(520, 460)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("可选回头看年度的全部实事项目（含往年结转项目）："))
        self.list = CheckList([(pid, f"{year}年度　{name}", "") for pid, year, name in projects], checked, "个项目",
                              placeholder="输入项目名称筛选")
        lay.addWidget(self.list, 1)
        lay.addWidget(ok_cancel(self, "确定"))


class VisitDialog(QDialog):
    """A 走访, 现场查看 or 座谈会: when, where, which project, which deputies, how many people, what was found."""

    def __init__(self, projects: list[tuple[str, str]], deputies: list[tuple[str, str, str]], *, day: date,
                 kind: str = VisitKind.HOUSEHOLDS, place: str = "", project_id: str | None = None,
                 deputy_ids: list[str] = (), people_met: int = 0, findings: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("走访与座谈记录")
        self.setMinimumWidth(720)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        form = QFormLayout()
        self.kind, self.project = QComboBox(), QComboBox()
        self.kind.addItems(list(VisitKind))
        self.kind.setCurrentText(kind)
        self.day = date_edit(day)
        self.place = QLineEdit(place)
        self.place.setPlaceholderText("村（社区）、项目现场或会议地点")
        self.project.addItem("（不针对具体项目）", None)
        for pid, name in projects:
            self.project.addItem(name, pid)
        if project_id is not None:
            self.project.setCurrentIndex(max(0, self.project.findData(project_id)))
        self.people = QSpinBox()
        self.people.setRange(0, 100_000)
        self.people.setValue(people_met)
        self.findings = QPlainTextEdit(findings)
        self.findings.setPlaceholderText("了解到的情况、群众的评价")
        for label, w in [("类型", self.kind), ("日期", self.day), ("地点", self.place), ("项目", self.project),
                         ("走访/参会群众（人）", self.people), ("了解到的情况", self.findings)]:
            form.addRow(label, w)
        top.addLayout(form, 3)
        self.deputies = CheckList(deputies, set(deputy_ids), "名代表")
        top.addWidget(self.deputies, 2)
        lay.addLayout(top)
        lay.addWidget(ok_cancel(self, "保存"))


class CampaignOpinionDialog(QDialog):
    def __init__(self, projects: list[tuple[str, str]], visits: list[tuple[str, str]], deputies: list[tuple[str, str]],
                 *, clock: Clock, parent=None):
        super().__init__(parent)
        self.setWindowTitle("登记意见建议")
        self.setMinimumWidth(540)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.content = QPlainTextEdit()
        self.project, self.visit, self.deputy = QComboBox(), QComboBox(), QComboBox()
        for combo, none, items in ((self.project, "（不针对具体项目）", projects), (self.visit, "（活动中提出）", visits),
                                   (self.deputy, "（未署名）", deputies)):
            combo.addItem(none, None)
            for key, label in items:
                combo.addItem(label, key)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("不填则为所涉项目的责任单位")
        self.due = date_edit(clock.today() + timedelta(days=30))
        for label, w in [("问题/意见", self.content), ("涉及项目", self.project), ("来自", self.visit),
                         ("提出代表", self.deputy), ("责任单位", self.unit), ("办理时限", self.due)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "登记"))


class HandOverDialog(QDialog):
    def __init__(self, count: int, *, clock: Clock, parent=None):
        super().__init__(parent)
        self.setWindowTitle("交办政府")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"把选中的 {count} 条意见建议列入问题清单交政府办理。\n"
                             "交办后按办理时限跟踪到办结，逾期未办结的以红字标出。"))
        form = QFormLayout()
        self.day = date_edit(clock.today())
        form.addRow("交办日期", self.day)
        lay.addLayout(form)
        lay.addWidget(ok_cancel(self, "交办"))
