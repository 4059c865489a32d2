"""Every table model under ui/ passes Qt's model tester, with realistic rows and through every way rows change.

``qtmodeltester.check`` runs Qt's C++ ``QAbstractItemModelTester`` (its complaints are Qt warnings, which the
``no_tester_complaints`` fixture turns into failures) and, with ``force_py``, pytest-qt's Python port, which
raises at once. Both stay connected to the model, so every later reset, insert and dataChanged is checked too.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QtMsgType
from PySide6.QtGui import QColor

from minsheng_desktop.domain.progress import LIGHT_COLOURS
from minsheng_desktop.domain.vocabulary import Light
from minsheng_desktop.services.intake_service import ProposalRow
from minsheng_desktop.ui.models import proposals_table_model, records_table_model
from minsheng_desktop.ui.models.proposals_table_model import ProposalsTableModel
from minsheng_desktop.ui.models.records_table_model import RecordsTableModel

DISPLAY, ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
PROJECT_COLUMNS = ("项目名称", "责任单位", "完成时限", "进度(%)", "投资(万元)", "受益人数", "状态")
LIGHTS = list(Light)


@pytest.fixture
def no_tester_complaints(qtlog):
    """Fails the test if Qt's C++ model tester reported anything (it reports as Qt warnings)."""
    yield
    complaints = [r.message for r in qtlog.records
                  if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
                  and ("FAIL" in r.message or "modeltest" in r.message.lower())]
    assert complaints == []


@pytest.fixture(params=["qt", "py"])
def check(request, qtmodeltester):
    """Qt's C++ tester, or pytest-qt's Python one: one at a time (each calls fetchMore inside the other's
    modelReset handling, which the other would count as rows inserted during a reset)."""

    def run(model) -> None:
        qtmodeltester.check(model, force_py=request.param == "py")

    return run


def project_rows(n: int, start: int = 0) -> list[tuple]:
    rows = []
    for i in range(start, start + n):
        rows.append((
            f"{['幸福路', '清溪村', '观音河'][i % 3]}第{i + 1}号民生实事项目：道路硬化及排水沟改造工程（含路灯安装）",
            "镇农业农村办" if i % 4 else None,
            date(2026, 1 + i % 12, 1 + i % 28),
            (i * 7) % 101,
            None if i % 5 == 0 else 12.5 * i + 0.25,
            i * 13,
            ["推进中", "滞后", "已完成", "未开工"][i % 4],
        ))
    return rows


def marks_for(n: int) -> list[QColor]:
    return [QColor(LIGHT_COLOURS[LIGHTS[i % len(LIGHTS)]]) for i in range(n)]


def proposal(i: int, **changes) -> ProposalRow:
    fields = dict(
        id=f"p{i:04d}", seq_no=i + 1, title=f"建议在{['东街', '西村', '南湾'][i % 3]}修建便民停车场（第{i}件）",
        content="群众反映停车难，建议利用闲置地块。" if i % 2 else "", category=["交通", "教育", "卫生"][i % 3],
        source="代表建议" if i % 3 else "群众来信", proposer=["王建国", "李秀英", ""][i % 3], contact="13800000000",
        village="清溪村", received_on=None if i % 7 == 0 else date(2026, 2, 1 + i % 27),
        est_investment=None if i % 4 == 0 else 35.5 + i, beneficiaries=None if i % 6 == 0 else 120 + i,
        status=["待处理", "采纳为候选", "合并", "暂缓", "不予采纳", "其他"][i % 6],
        reply_reason="与第 3 件合并办理" if i % 6 == 2 else "", merged_into_id="p0003" if i % 6 == 2 else None,
        attachments=i % 3)
    fields.update(changes)
    return ProposalRow(**fields)


# RecordsTableModel ---------------------------------------------------------------------------------------------

def test_records_model_empty_then_filled_then_updated(check, no_tester_complaints):
    model = RecordsTableModel()
    check(model)
    assert (model.rowCount(), model.columnCount()) == (0, 0)

    rows = project_rows(12)
    model.set_rows(PROJECT_COLUMNS, rows, [f"proj-{i}" for i in range(12)], marks_for(12))
    assert (model.rowCount(), model.columnCount()) == (12, len(PROJECT_COLUMNS))
    assert model.headerData(0, Qt.Orientation.Horizontal) == "项目名称"
    assert model.headerData(99, Qt.Orientation.Horizontal) is None
    assert model.headerData(4, Qt.Orientation.Vertical) == 5
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    first, second = model.index(0, 0), model.index(1, 4)
    assert model.data(model.index(0, 1)) == ""  # None shows blank
    assert model.data(model.index(0, 4)) == ""
    assert model.data(second) == "12.75" and model.data(second, ALIGN) == RIGHT
    assert model.data(model.index(0, 2)) == "2026-01-01"
    assert model.data(first, ALIGN) is None  # text stays left
    assert model.data(first, Qt.ItemDataRole.ToolTipRole) == rows[0][0]  # long text has its tooltip
    assert model.data(first, Qt.ItemDataRole.DecorationRole) == QColor(LIGHT_COLOURS[Light.GREEN])
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DecorationRole) is None  # the dot is on column 0 only
    assert model.data(first, RecordsTableModel.ID_ROLE) == "proj-0" and model.row_id(11) == "proj-11"
    assert model.row_id(12) is None
    assert model.data(model.index(0, 4), RecordsTableModel.SORT_ROLE) == ""
    assert model.data(second, RecordsTableModel.SORT_ROLE) == 12.75
    assert model.data(first, Qt.ItemDataRole.FontRole) is None

    changed = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), a.column(), b.row(), b.column())))
    new = list(rows)
    new[3] = (*rows[3][:3], 100, rows[3][4], rows[3][5], "已完成")
    model.update_rows(new)  # same rows, new values: only the changed cells
    assert changed == [(3, 3, 3, 6)]
    assert model.data(model.index(3, 6)) == "已完成" and model.rowCount() == 12
    model.update_rows(new)  # nothing changed: nothing repaints
    assert len(changed) == 1

    model.update_rows(project_rows(5))  # a different number of rows: a reset, ids and marks kept
    assert model.rowCount() == 5 and model.row_id(4) == "proj-4"


def test_records_model_fetches_in_batches(check, no_tester_complaints, monkeypatch):
    monkeypatch.setattr(records_table_model, "BATCH", 8)  # batches of 8, not 200: the testers check every cell
    total = records_table_model.BATCH * 2 + 5
    model = RecordsTableModel(PROJECT_COLUMNS)
    check(model)
    model.set_rows(PROJECT_COLUMNS, project_rows(total), [f"id{i}" for i in range(total)], marks_for(total))
    assert model.rowCount() == records_table_model.BATCH and model.total_rows() == total
    assert model.canFetchMore(QModelIndex())
    assert not model.canFetchMore(model.index(0, 0))
    model.fetchMore(model.index(0, 0))  # a child of a row: nothing to fetch
    assert model.rowCount() == records_table_model.BATCH
    model.update_rows(project_rows(total, start=1))  # not all shown yet: a reset, back to one batch
    assert model.rowCount() == records_table_model.BATCH
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total and not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # nothing more: no change
    assert model.rowCount() == total
    assert model.data(model.index(total - 1, 0)) == project_rows(1, start=total)[0][0]
    assert model.data(model.index(total - 1, 0), RecordsTableModel.ID_ROLE) == f"id{total - 1}"
    model.update_rows(project_rows(total, start=2))  # all shown now: in place
    assert model.rowCount() == total
    model.set_rows(PROJECT_COLUMNS, [])
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_live_count_model_as_the_ballot_panel_drives_it(check, no_tester_complaints):
    """The console's 当前计票 table: a row per candidate, counts changing ballot by ballot."""
    columns = ("候选项目", "赞成", "反对", "弃权", "过线")
    names = ["村道硬化", "饮水安全提升", "老年食堂", "学校门口护栏"]
    model = RecordsTableModel(columns)
    check(model)
    model.set_rows(columns, [(n, 0, 0, 0, "") for n in names])
    for ballot in range(1, 6):
        model.update_rows([(n, ballot if i % 2 == 0 else 0, 0 if i % 2 == 0 else ballot, 0, "✔" if ballot >= 3 and
                            i % 2 == 0 else "") for i, n in enumerate(names)])
    assert model.data(model.index(0, 1)) == "5" and model.data(model.index(0, 4)) == "✔"
    assert model.data(model.index(1, 4)) == "" and model.data(model.index(1, 2), ALIGN) == RIGHT


def test_records_model_behind_the_search_proxy(check, no_tester_complaints):
    """TableWithSearch's sort/filter proxy over the records model."""
    model = RecordsTableModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(RecordsTableModel.SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    check(proxy)
    model.set_rows(PROJECT_COLUMNS, project_rows(30), [f"id{i}" for i in range(30)], marks_for(30))
    proxy.sort(4, Qt.SortOrder.DescendingOrder)
    assert proxy.data(proxy.index(0, 4)) == "362.75"
    proxy.setFilterFixedString("清溪村")
    assert proxy.rowCount() == 10
    proxy.setFilterFixedString("")
    model.update_rows(project_rows(30, start=3))
    assert proxy.rowCount() == 30


# ProposalsTableModel -------------------------------------------------------------------------------------------

def test_proposals_model_rows_roles_and_sorting(check, no_tester_complaints):
    model = ProposalsTableModel()
    check(model)
    assert (model.rowCount(), model.columnCount()) == (0, len(proposals_table_model.COLUMNS))
    rows = [proposal(i) for i in range(12)]
    model.set_rows(rows)
    assert model.rowCount() == 12 and model.rows() == rows
    assert model.headerData(1, Qt.Orientation.Horizontal) == "项目名称"
    assert model.headerData(1, Qt.Orientation.Vertical) is None
    assert model.data(model.index(1, 7)) == "36.50" and model.data(model.index(0, 7)) == ""  # None: blank
    assert model.data(model.index(0, 10)) == ""  # no attachment shows blank, not 0
    assert model.data(model.index(1, 10)) == "1" and model.data(model.index(1, 10), ALIGN) == RIGHT
    assert model.data(model.index(2, 9)) == "已合并"
    assert model.data(model.index(2, 9), Qt.ItemDataRole.ToolTipRole) == "与第 3 件合并办理"
    assert model.data(model.index(1, 9), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(model.index(1, 9), Qt.ItemDataRole.ForegroundRole) == QColor("#1e5631")
    assert model.data(model.index(5, 9), Qt.ItemDataRole.ForegroundRole) == QColor("#1d2733")  # unknown status
    assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole).endswith("建议利用闲置地块。")
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) == rows[0].title
    assert model.data(model.index(0, 1), ALIGN) is None
    assert model.row_at(3) == rows[3] and model.row_at(12) is None and model.row_at(-1) is None

    model.sort(7, Qt.SortOrder.DescendingOrder)  # investment: blanks sort after figures, so first when descending
    assert [model.data(model.index(i, 7)) for i in range(4)] == ["", "", "", "46.50"]
    model.sort(6)  # dates with None
    assert model.row_at(11).received_on is None
    model.sort(1)  # text
    assert model.rows() == sorted(rows, key=lambda r: r.title)


def test_proposals_model_fetches_in_batches(check, no_tester_complaints, monkeypatch):
    monkeypatch.setattr(proposals_table_model, "BATCH", 10)
    total = proposals_table_model.BATCH + 5
    model = ProposalsTableModel()
    check(model)
    model.set_rows([proposal(i) for i in range(total)])
    assert model.rowCount() == proposals_table_model.BATCH and model.canFetchMore(QModelIndex())
    assert not model.canFetchMore(model.index(0, 0))
    model.fetchMore(model.index(0, 0))
    assert model.rowCount() == proposals_table_model.BATCH
    assert model.data(model.index(proposals_table_model.BATCH, 1)) is None  # not fetched yet
    model.fetchMore(QModelIndex())
    assert model.rowCount() == total and not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    model.sort(8, Qt.SortOrder.AscendingOrder)
    assert model.row_at(0).beneficiaries == 121 and model.row_at(total - 1).beneficiaries is None
    model.set_rows([proposal(1, title="只剩一件")])
    assert model.rowCount() == 1 and model.data(model.index(0, 1)) == "只剩一件"
