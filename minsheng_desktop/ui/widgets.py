"""Small shared widgets: pane header, stat card, a horizontal bar chart, a table with a search box."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ._qt_helpers import repolish
from .colours import PAGE_BG
from .models.records_table_model import RecordsTableModel


def pane_layout(pane: QWidget, title: str, note: str = "") -> QVBoxLayout:
    """A pane's page: its column of content at the panes' margins, headed by the title and the note."""
    lay = QVBoxLayout(pane)
    lay.setContentsMargins(24, 14, 24, 14)
    lay.addWidget(pane_header(title, note))
    return lay


def pane_header(title: str, note: str = "") -> QWidget:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 6)
    t = QLabel(title)
    t.setObjectName("paneTitle")
    lay.addWidget(t)
    if note:
        n = QLabel(note)
        n.setObjectName("paneNote")
        n.setWordWrap(True)
        lay.addWidget(n)
    return box


class StatCard(QFrame):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.value = QLabel("—")
        self.value.setObjectName("cardValue")
        self.detail = QLabel("")
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        for w in (self.title, self.value, self.detail):
            lay.addWidget(w)
        lay.addStretch(1)

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class BarChart(QWidget):
    """Labelled horizontal bars, largest first; draws nothing but a note when empty."""

    def __init__(self, colour: str = "#3d6a9e", parent=None):
        super().__init__(parent)
        self._items: list[tuple[str, float]] = []
        self._colour = QColor(colour)
        self.setMinimumHeight(120)

    def set_items(self, items: list[tuple[str, float]]) -> None:
        self._items = sorted(items, key=lambda kv: -kv[1])
        self.setMinimumHeight(max(120, 26 * len(self._items) + 10))
        self.update()

    def items(self) -> list[tuple[str, float]]:
        return list(self._items)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._items:
            p.setPen(QColor("#7a8592"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "暂无数据")
            return
        fm = p.fontMetrics()
        label_w = max(fm.horizontalAdvance(k) for k, _ in self._items) + 12
        value_w = fm.horizontalAdvance("00000") + 8
        top = max(v for _, v in self._items) or 1
        bar_w = max(10, self.width() - label_w - value_w - 10)
        for i, (label, value) in enumerate(self._items):
            y = 5 + i * 26
            p.setPen(QColor("#1d2733"))
            p.drawText(QRectF(0, y, label_w - 8, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            w = bar_w * value / top
            p.fillRect(QRectF(label_w, y + 3, w, 14), self._colour)
            p.drawText(QRectF(label_w + w + 6, y, value_w, 20), Qt.AlignmentFlag.AlignVCenter,
                       f"{value:g}")


class TableWithSearch(QWidget):
    """A sortable, filterable read-only table over a RecordsTableModel."""

    def __init__(self, placeholder: str = "搜索（任意列包含的文字）", parent=None):
        super().__init__(parent)
        self.model = RecordsTableModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(RecordsTableModel.SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_changed)
        self.count = QLabel("")
        self.count.setObjectName("paneNote")
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the given order
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)

    def set_rows(self, columns, rows, ids=()) -> None:
        self.model.set_rows(columns, rows, ids)
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount()):
            self.view.setColumnWidth(c, min(self.view.columnWidth(c) + 12, 320))
        self._update_count()

    def _on_search_changed(self, text: str) -> None:
        while self.model.canFetchMore(self.model.index(-1, -1)) and text:
            self.model.fetchMore(self.model.index(-1, -1))  # filter over every row, not just those shown
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.total_rows()
        shown = self.proxy.rowCount() if self.search.text().strip() else total
        self.count.setText(f"共 {total} 条" if shown == total else f"找到 {shown} / {total} 条")

    def selected_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.data(rows[0], RecordsTableModel.ID_ROLE)


def add_buttons(owner: QWidget, layout: QBoxLayout, specs) -> dict[str, QPushButton]:
    """A row of buttons from (key, text, slot); a key of None puts a stretch there. Returns the buttons by key."""
    buttons: dict[str, QPushButton] = {}
    for key, text, slot in specs:
        if key is None:
            layout.addStretch(1)
            continue
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        buttons[key] = button
    return buttons


def record_table(model, *, single: bool = False) -> QTableView:
    """A read-only, row-selecting table view over a records model."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    return view


class SteadyLabel(QWidget):
    """A label whose text changes often (a running count, the last ballot) without relaying out its pane.

    A QLabel asks its parent's layout to recompute whenever its text changes; in the vote console that relaid out
    the whole ballot grid (30 wrapped names) for every ballot. Here the label sits alone in a holder of fixed
    height, so a new text repaints the label and nothing else. The holder paints the page's ground itself (it sits
    on a pane's page): a new text does not repaint the page, splitter and panel beneath it."""

    def __init__(self, lines: int = 1, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.label = QLabel(self)
        self.label.setWordWrap(lines > 1)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit_height()

    def _fit_height(self) -> None:
        self.setFixedHeight(self.label.fontMetrics().lineSpacing() * self._lines + 8)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()

    def set_state(self, name: str) -> None:
        """The label's object name (its style: "ok", "warn"); restyled only when it changes."""
        if self.label.objectName() != name:
            self.label.setObjectName(name)
            repolish(self.label)
            self._fit_height()

    def label_style(self, css: str) -> None:
        self.label.setStyleSheet(css)
        self._fit_height()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(event.rect(), QColor(PAGE_BG))
        p.end()


def clamp_lines(text: str, font: QFont, width: int, lines: int) -> list[str]:
    """``text`` wrapped to ``width`` in at most ``lines`` lines, the last cut with … when the text is longer."""
    fm, width = QFontMetrics(font), max(1, width)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    out: list[str] = []
    for i in range(lines):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if i == lines - 1 and start + length < len(text):
            out.append(fm.elidedText(text[start:], Qt.TextElideMode.ElideRight, width))
        else:
            out.append(text[start:start + length])
    layout.endLayout()
    return out


class ClampedLabel(QWidget):
    """A name wrapped to at most ``lines`` lines, the last cut with …, the whole name in its tooltip.

    For names in a tight grid (the ballot being keyed: 25-30 candidates in three columns on a 1366×768 laptop): the
    row keeps its height however long a name is, where a word-wrapped QLabel inside a scrolling pane is squeezed
    and its lines overprinted (a layout cannot pass a label's height-for-width up through a scroll area)."""

    def __init__(self, text: str, lines: int = 2, parent: QWidget | None = None):
        super().__init__(parent)
        self._text, self._lines = text, lines
        self.setToolTip(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 2)

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._text) // self._lines + 8, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("国") * 4, self.height())

    def shown_lines(self) -> list[str]:
        """The lines as drawn at the current width (the last elided when the name is longer)."""
        return clamp_lines(self._text, self.font(), self.width(), self._lines)

    def paintEvent(self, event) -> None:  # noqa: ARG002 - Qt's signature
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        fm = self.fontMetrics()
        lines = self.shown_lines()
        y = (self.height() - fm.lineSpacing() * len(lines)) / 2 + fm.ascent()
        for text in lines:
            p.drawText(QPointF(0, y), text)
            y += fm.lineSpacing()
