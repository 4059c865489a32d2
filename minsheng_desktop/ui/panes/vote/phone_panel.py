"""扫码表决 / 扫码测评: start and stop the hall's phone server on a chosen address, print the slips, and watch
已投 / 发出. In the vote console for a session counting ballot by ballot, and in the scoring pane for a batch
entered ballot by ballot. The server stops when phone voting is closed, the result is sealed, or the app quits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ....services.changes import Changes
from ....services.hall_server.server import DEFAULT_PORT, HallServer
from ....services.phone_vote_service import PhoneVoteService, RoundFigures
from ....services.reports.seal_block import qr_matrix
from ...feedback import PDF, attempt

QR_SIDE = 84


def hall_addresses() -> list[tuple[str, str]]:
    """(label, IPv4 address) of this PC's networks that are up; loopback last (for trying it on this PC only)."""
    found, local = [], []
    for iface in QNetworkInterface.allInterfaces():
        flags = iface.flags()
        if not (flags & QNetworkInterface.InterfaceFlag.IsUp and flags & QNetworkInterface.InterfaceFlag.IsRunning):
            continue
        for entry in iface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            text = ip.toString()
            if ip.isLoopback():
                local.append((f"{text}（仅本机试用）", text))
            else:
                found.append((f"{text}（{iface.humanReadableName()}）", text))
    return found + local


def qr_pixmap(text: str, side: int = QR_SIDE) -> QPixmap:
    """The address as a QR code drawn with Qt from the encoder's module matrix (no network, no image file)."""
    matrix = qr_matrix(text)
    n = len(matrix) + 4  # a quiet zone of two modules
    pix = QPixmap(side, side)
    pix.fill(QColor("white"))
    p = QPainter(pix)
    cell = side / n
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                p.fillRect(QRectF((c + 2) * cell, (r + 2) * cell, cell + 0.3, cell + 0.3), QColor("black"))
    p.end()
    return pix


@dataclass(frozen=True)
class PhoneTarget:
    """What the phones vote on (a vote session, or a scoring batch) and the service calls that run it."""

    key: str
    open: Callable[[], Changes]
    close: Callable[[int], Changes]
    figures: Callable[[], RoundFigures]
    slips: Callable[[str, str, int], Path]  # (server address, PDF path, how many)
    count: int | None  # slips to print (the deputies present), or None to ask
    word: str = "表决"


def vote_target(phone: PhoneVoteService, info) -> PhoneTarget | None:
    """A session counting ballot by ballot whose box is not yet counted (and not by delegation: each delegation
    counts its own box of paper ballots); otherwise none."""
    if info is None or info.status != "counting" or info.count_mode != "ballots" or info.ballots_collected is not None \
            or info.delegations is not None:
        return None
    sid = info.id
    return PhoneTarget(sid, lambda: phone.open(sid), lambda left: phone.close(sid, left), lambda: phone.figures(sid),
                       lambda url, path, n: phone.issue_slips(sid, url, path, n), len(info.present))


def score_target(phone: PhoneVoteService, rows) -> PhoneTarget | None:
    """Undecided scorings entered ballot by ballot (the selected rows of the scoring pane); otherwise none."""
    ids = [r.id for r in rows if not r.decided and r.entry_mode == "ballots"]
    score = phone.score
    if not ids or len(ids) != len(rows) or score is None:
        return None
    return PhoneTarget(",".join(ids), lambda: score.open(ids), lambda left: score.close(ids, left),
                       lambda: score.figures(ids), lambda url, path, n: score.issue_slips(ids, url, path, n), None,
                       "测评")


class PhonePanel(QGroupBox):
    def __init__(self, phone: PhoneVoteService, publish, ops, parent=None, *, word: str = "表决"):
        super().__init__(f"手机{word}（扫码）", parent)
        self.phone, self.publish, self.ops, self.word = phone, publish, ops, word
        self.target: PhoneTarget | None = None
        self.server: HallServer | None = None
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 4, 8, 4)
        col = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(QLabel("会场网络"))
        self.address = QComboBox()
        self.address.setToolTip("电脑在会场无线网络（或电脑自己的热点）中的地址：只在这个地址上提供表决页面")
        for label, ip in hall_addresses():
            self.address.addItem(label, ip)
        row.addWidget(self.address, 1)
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setPrefix("端口 ")
        row.addWidget(self.port)
        col.addLayout(row)
        row = QHBoxLayout()
        self.start_btn = QPushButton(f"开始手机{word}")
        self.start_btn.clicked.connect(self.start)
        self.print_btn = QPushButton(f"打印手机{word}票…")
        self.print_btn.setToolTip("每位实到代表一张，顺序打乱、不编号；重新打印时此前打印的票作废（已投的不变）")
        self.print_btn.clicked.connect(self.print_slips)
        self.stop_btn = QPushButton(f"结束手机{word}…")
        self.stop_btn.clicked.connect(self.finish)
        for b in (self.start_btn, self.print_btn, self.stop_btn):
            row.addWidget(b)
        self.figures = QLabel()
        self.figures.setStyleSheet("font-size: 16px; font-weight: bold;")
        row.addWidget(self.figures)
        row.addStretch(1)
        col.addLayout(row)
        self.url = QLabel()
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.url)
        outer.addLayout(col, 1)
        self.qr = QLabel()
        self.qr.setFixedSize(QR_SIDE, QR_SIDE)
        outer.addWidget(self.qr)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_server)
        # The pane can go without quitting (another database opened, a backup restored): stop with it. The slot
        # holds the running servers, not the panel, which no longer exists when it runs.
        self._running: list[HallServer] = []
        running = self._running
        self.destroyed.connect(lambda *_: [s.stop() for s in running])

    # What the pane tells it ------------------------------------------------------------------------------------
    def show_info(self, info) -> None:
        """The vote console's session: shown while it counts ballot by ballot and the box is not yet counted."""
        self.set_target(vote_target(self.phone, info))

    def set_target(self, target: PhoneTarget | None, *, keep_running: bool = False) -> None:
        """What the phones vote on now; the server stops when it changes or there is none (with ``keep_running``,
        choosing other rows while phones are scoring leaves them scoring)."""
        if keep_running and self.server is not None:
            return
        if target is None or (self.target is not None and target.key != self.target.key):
            self.stop_server()
        self.target = target
        self.setVisible(target is not None)
        if target is not None:
            self.target = target
            self.refresh()

    def refresh(self) -> None:
        if self.target is None:
            return
        f = self.target.figures()
        running = self.server is not None
        self.figures.setText(f"已投 {f.used}／发出 {f.issued}" if f.round_id else "")
        self.start_btn.setEnabled(not running and self.address.count() > 0)
        self.address.setEnabled(not running)
        self.port.setEnabled(not running)
        self.print_btn.setEnabled(running)
        self.stop_btn.setEnabled(running or f.is_open)
        if running and self.server is not None:
            self.url.setText(f"手机连接会场网络后打开 {self.server.url}　（扫{self.word}票上的二维码即可{self.word}）")
        elif f.round_id and not f.is_open:
            self.url.setText(f"手机{self.word}已结束（已投 {f.used} 张）。" + (
                "请清点票箱，在下面录入收回的纸质选票张数（不含手机票，程序自动加上）。" if self.word == "表决"
                else "请继续逐张录入纸质测评票，然后“完成录入并计算”。"))
            self.qr.clear()
        else:
            self.url.setText(f"选择电脑在会场网络中的地址，点“开始手机{self.word}”，再打印{self.word}票。")
            self.qr.clear()

    # Actions ---------------------------------------------------------------------------------------------------
    def start(self) -> None:
        target = self.target
        if target is None or self.server is not None:
            return
        ok, server = attempt(self, lambda: HallServer(self.phone, self.address.currentData(), self.port.value()))
        if not ok or server is None:
            return
        ok, changes = attempt(self, target.open)
        if not ok:
            server.stop()
            return
        self.server = server
        self._running.append(server)
        self.qr.setPixmap(qr_pixmap(server.url))
        self.timer.start()
        self.refresh()
        self.publish(changes)

    def print_slips(self) -> None:
        target, server = self.target, self.server
        if target is None or server is None:
            return
        count = target.count
        if count is None:
            count, ok = QInputDialog.getInt(self, f"打印手机{self.word}票", "实到代表人数（每人一张）：", 1, 1, 2000)
            if not ok:
                return
        url, n, word = server.url, count, self.word
        self.ops.save(f"保存手机{word}票", f"手机{word}票.pdf", PDF, lambda path: target.slips(url, path, n),
                      message=lambda path, _r: f"手机{word}票（{n} 张）已保存到 {path}；请打印后打乱顺序发给代表，并删除该文件")

    def finish(self) -> None:
        target = self.target
        if target is None:
            return
        f = target.figures()
        left, ok = QInputDialog.getInt(self, f"结束手机{self.word}", f"已打印 {f.printed} 张，已投 {f.used} 张。\n"
                                       f"请清点没有发出的手机{self.word}票张数（作废）：", max(0, f.printed - f.used), 0,
                                       max(0, f.printed - f.used))
        if not ok:
            return
        ok, changes = attempt(self, lambda: target.close(left))
        if ok:
            self.stop_server()
            self.refresh()
            self.publish(changes)

    def stop_server(self) -> None:
        self.timer.stop()
        if self.server is not None:
            server, self.server = self.server, None
            server.stop()
            self._running.remove(server)
        self.qr.clear()
