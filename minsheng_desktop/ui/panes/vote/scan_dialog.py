"""扫描计票: the tellers confirm scanned ballots. Uncertain ballots come first; each shows its straightened image
beside the marks read off it, and the tellers confirm or correct with the same keys as keyboard entry (a key per
candidate cycles the mark, Enter records, F2 spoiled, Esc back to what was read). Recording goes through the same
path as keyed ballots; a ballot the reader was sure of may be confirmed the same way, or all of them at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ....domain.mark_reading import columns
from ....domain.tally import Candidate
from ....domain.vocabulary import SHEET_STATUS_LABELS, SheetStatus
from ....domain.vote_session import MARK_LABELS, press_key
from ....services.scan.sources import EXTENSIONS
from ....services.scan_service import ScannedBallot, ScanService
from ...feedback import attempt
from ...ops import Ops
from .ballot_panel import KEYS
from .mark_cell import MarkCell

ORDER = {SheetStatus.UNCERTAIN: 0, SheetStatus.READ: 1, SheetStatus.REJECTED: 2}
FILTER = "扫描文件 (" + " ".join(f"*{e}" for e in EXTENSIONS) + ")"


def scan_button(pane, session_id: Callable[[], str | None], info: Callable[[], object],
                refresh: Callable[[], None]) -> QPushButton:
    """The vote pane's 扫描计票 button: choose scanned files or a folder of them for the open session."""
    from PySide6.QtWidgets import QMenu

    button = QPushButton("扫描计票…")
    button.setToolTip("识别用扫描仪或复印机扫描的选票（PDF、PNG、JPEG、TIFF），逐张核对后录入")
    menu = QMenu(button)
    holder: list[ScanService] = []

    def start(folder: bool) -> None:
        sid, current = session_id(), info()
        if not sid or current is None:
            return
        if not holder:
            holder.append(ScanService(pane.vote.db, pane.clock, votes=pane.vote))
        holder[0].delegation = pane.ballots.delegation()  # 分团计票: the sheets of this desk's delegation
        choose_and_read(pane, pane.ops, holder[0], sid, current.candidates, current.rules.ballot_style, refresh,
                        folder=folder)

    menu.addAction("选择扫描文件…", lambda: start(False))
    menu.addAction("选择文件夹…", lambda: start(True))
    button.setMenu(menu)
    return button


def choose_and_read(parent: QWidget, ops: Ops, scan: ScanService, session_id: str, candidates: list[Candidate],
                    style: str, recorded: Callable[[], None], *, folder: bool = False) -> None:
    """Ask for files (or a folder), read them in the background with a progress bar and 停止, then confirm."""
    if folder:
        chosen = QFileDialog.getExistingDirectory(parent, "选择扫描文件所在的文件夹")
        files = [chosen] if chosen else []
    else:
        files, _ = QFileDialog.getOpenFileNames(parent, "选择扫描的选票", "", FILTER)
    if files:
        read_files(parent, ops, scan, session_id, files, candidates, style, recorded)


def read_files(parent: QWidget, ops: Ops, scan: ScanService, session_id: str, files: list[str],
               candidates: list[Candidate], style: str, recorded: Callable[[], None]) -> None:
    def work(progress):
        total = scan.count_pages(files)
        progress.report(0, total, f"正在识别 {total} 页扫描……")
        sheets = scan.read(files, session_id, progress=lambda n: progress.report(n, total, f"已识别 {n} / {total} 页"),
                           cancelled=lambda: progress.stopped)
        return scan.ballots(sheets)

    def done(ballots):
        ScanDialog(scan, session_id, ballots, candidates, style, recorded, parent).exec()

    ops.run(work, label="正在识别扫描的选票……", done=done, error_title="未能识别扫描文件", cancellable=True)


class ScanDialog(QDialog):
    def __init__(self, scan: ScanService, session_id: str, ballots: list[ScannedBallot], candidates: list[Candidate],
                 style: str, recorded: Callable[[], None], parent=None):
        super().__init__(parent)
        self.setWindowTitle("扫描计票：核对并录入")
        self.scan, self.session_id, self.recorded = scan, session_id, recorded
        self.candidates, self.style, self.cols = candidates, style, columns(style)
        self.ballots = sorted(ballots, key=lambda b: ORDER[SheetStatus(b.status)])
        self.done_rows: dict[int, str] = {}  # ballot index → what became of it
        self.marks: dict[str, str] = {}
        self.current = -1
        area = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1320, area.width() - 40), min(680, area.height() - 60))  # 1366×768 less the taskbar
        lay = QHBoxLayout(self)
        self.list = QListWidget()
        self.list.setFixedWidth(230)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.currentRowChanged.connect(self.show_ballot)
        lay.addWidget(self.list)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(430)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lay.addWidget(scroll, 3)
        lay.addWidget(self._right(), 2)
        self._fill_list()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if self.ballots:
            self.list.setCurrentRow(0)

    def _right(self) -> QWidget:
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        rl.addWidget(self.summary)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setStyleSheet("color:#8c1d18;")
        rl.addWidget(self.why)
        self.box = QGroupBox("识别的标记（按键更正）")
        self.grid = QGridLayout(self.box)
        self.grid.setVerticalSpacing(2)
        self.labels: dict[str, MarkCell] = {}
        self.names: dict[str, QLabel] = {}
        for i, c in enumerate(self.candidates):
            key = QLabel(KEYS[i] if i < len(KEYS) else "")
            key.setStyleSheet("font-weight:bold; border:1px solid #9aa5b1; border-radius:3px; padding:1px 5px;")
            key.setFixedWidth(28)
            key.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name = QLabel(c.name)
            name.setToolTip(c.name)
            mark = MarkCell(70)
            self.grid.addWidget(key, i, 0)
            self.grid.addWidget(name, i, 1)
            self.grid.addWidget(mark, i, 2)
            self.labels[c.id], self.names[c.id] = mark, name
        rl.addWidget(self.box, 1)
        help_text = QLabel("按候选项目前的键切换 赞成 → 反对 → 弃权 → 未标记；Enter 确认并录入本张；F2 录为废票；"
                           "Esc 恢复识别结果；PgDn 跳过。")
        help_text.setWordWrap(True)
        help_text.setObjectName("paneNote")
        rl.addWidget(help_text)
        self.last = QLabel()
        self.last.setWordWrap(True)
        rl.addWidget(self.last)
        row = QHBoxLayout()
        self.confirm_btn = QPushButton("确认录入 (Enter)")
        self.confirm_btn.setObjectName("primary")
        self.confirm_btn.clicked.connect(lambda: self.record_current(False))
        self.all_btn = QPushButton("录入全部已识别的选票")
        self.all_btn.clicked.connect(self.confirm_all_read)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        for b in (self.confirm_btn, self.all_btn, close):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(b)
        rl.addLayout(row)
        return right

    # The list ---------------------------------------------------------------------------------------------------
    def _label(self, i: int) -> str:
        b = self.ballots[i]
        where = "、".join(f"{s.file} 第{s.page}页" for s in b.sheets)
        state = self.done_rows.get(i) or SHEET_STATUS_LABELS[b.status]
        return f"{state}｜{where}"

    def _fill_list(self) -> None:
        self.list.clear()
        for i in range(len(self.ballots)):
            item = QListWidgetItem(self._label(i))
            item.setToolTip(self._label(i))
            self.list.addItem(item)
        self._summarise()

    def _summarise(self) -> None:
        counts = {k: sum(1 for b in self.ballots if b.status == k) for k in SheetStatus}
        self.summary.setText(f"共 {len(self.ballots)} 张：待人工确认 {counts[SheetStatus.UNCERTAIN]} 张，"
                             f"已识别 {counts[SheetStatus.READ]} 张，不能识别 {counts[SheetStatus.REJECTED]} 张；"
                             f"本次已录入 {sum(1 for v in self.done_rows.values() if v.startswith('已录入'))} 张")
        waiting = [i for i, b in enumerate(self.ballots) if b.status == SheetStatus.READ and i not in self.done_rows]
        self.all_btn.setText(f"录入全部已识别的选票（{len(waiting)} 张）")
        self.all_btn.setEnabled(bool(waiting))

    def show_ballot(self, index: int) -> None:
        self.current = index
        if index < 0:
            return
        b = self.ballots[index]
        pix = QPixmap()
        previews = [s.preview for s in b.sheets if s.preview]
        if previews and pix.loadFromData(previews[0]):
            self.image.setPixmap(pix.scaledToHeight(max(300, self.height() - 40),
                                                    Qt.TransformationMode.SmoothTransformation))
        else:
            self.image.setPixmap(QPixmap())
            self.image.setText("（没有可显示的图像）")
        self.why.setText("；".join(b.reading.reasons) if b.status != SheetStatus.READ else
                         (f"按本次规则为无效票：{b.reading.problem}" if b.reading.problem else ""))
        self.marks = dict(b.reading.marks)
        self.box.setEnabled(b.status != SheetStatus.REJECTED and index not in self.done_rows)
        self.confirm_btn.setEnabled(self.box.isEnabled())
        self._paint()

    def _paint(self) -> None:
        b = self.ballots[self.current] if self.current >= 0 else None
        scores = {cid: v for sh in (b.sheets if b else []) for cid, v in sh.scores.items()}
        unsure = {cid for sh in (b.sheets if b else []) for cid, r in sh.rows.items() if not r.certain}
        for cid, name in self.names.items():  # the rows the reader was unsure of, for the tellers to look at
            name.setStyleSheet("color:#8c1d18; font-weight:bold;" if cid in unsure else "")
        for cid, label in self.labels.items():
            label.set_mark(self.marks.get(cid), self.style)
            if cid in scores:
                label.setToolTip("识别得分：" + "，".join(f"{MARK_LABELS[c]} {s:.2f}"
                                                      for c, s in zip(self.cols, scores[cid], strict=True)))

    # Recording --------------------------------------------------------------------------------------------------
    def record_current(self, spoiled: bool) -> None:
        i = self.current
        if i < 0 or not self.box.isEnabled():
            return
        ok, problem = attempt(self, lambda: self.scan.record(self.session_id, self.ballots[i], dict(self.marks),
                                                             spoiled=spoiled), "这张选票未能录入")
        if not ok:
            return
        self._recorded(i, problem, spoiled)
        self._next()

    def _recorded(self, i: int, problem: str | None, spoiled: bool) -> None:
        self.done_rows[i] = "已录入（废票）" if spoiled else f"已录入（无效：{problem}）" if problem else "已录入"
        self.list.item(i).setText(self._label(i))
        self.last.setText(f"{self._label(i)}")
        self.recorded()
        self._summarise()

    def confirm_all_read(self) -> None:
        for i, b in enumerate(self.ballots):
            if b.status != SheetStatus.READ or i in self.done_rows:
                continue
            ok, problem = attempt(self, lambda b=b: self.scan.record(self.session_id, b), "这张选票未能录入")
            if not ok:
                break
            self._recorded(i, problem, False)
        self.show_ballot(self.current)

    def _next(self) -> None:
        for i in list(range(self.current + 1, len(self.ballots))) + list(range(0, self.current + 1)):
            if i not in self.done_rows and self.ballots[i].status != SheetStatus.REJECTED:
                self.list.setCurrentRow(i)
                return
        self.show_ballot(self.current)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.record_current(False)
        elif key == Qt.Key.Key_F2:
            self.record_current(True)
        elif key == Qt.Key.Key_Escape:
            self.show_ballot(self.current)
        elif key == Qt.Key.Key_PageDown:
            self.list.setCurrentRow(min(self.current + 1, len(self.ballots) - 1))
        elif key == Qt.Key.Key_PageUp:
            self.list.setCurrentRow(max(self.current - 1, 0))
        else:
            ids = [c.id for c in self.candidates]
            if self.box.isEnabled() and press_key(self.marks, ids, event.text(), self.style):
                self._paint()
            else:
                super().keyPressEvent(event)
