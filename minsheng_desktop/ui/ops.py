"""Long work never freezes the window: one helper runs it off the UI thread (modelled on Anki's CollectionOp).

``Ops(parent, tasks, bus).run(work, label=...)`` calls ``work(progress)`` on a worker thread while a progress
dialog (with 停止 where stopping is safe) keeps the window alive; the result comes back on the main thread, where
``done(result)`` may return the ``Changes`` to publish (a ``Changes`` result is published as it is); an error is
shown in Chinese and nothing else happens. ``Ops.save`` is the one save-to-file path for every report and export.
Widgets are never touched from the worker: ``work`` gets plain data, and reports progress through ``Progress``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from ..services.changes import Changes
from .feedback import show_error
from .tasks import TaskRunner


class Cancelled(Exception):
    """The secretary pressed 停止; what was finished before stays (each step is its own transaction)."""


class _Signals(QObject):
    moved = Signal(int, int, str)  # done, total, text


class Progress:
    """Handed to the work on the worker thread: say how far it got; ``check()`` raises ``Cancelled`` after 停止."""

    def __init__(self) -> None:
        self.signals = _Signals()
        self._stop = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self.signals.moved.emit(done, total, text)

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        if self._stop.is_set():
            raise Cancelled()


class _ProgressView(QObject):
    """Lives on the main thread, so progress reported from the worker arrives there (a queued connection)."""

    def __init__(self, dialog: QProgressDialog):
        super().__init__(dialog)
        self.dialog: QProgressDialog | None = dialog

    @Slot(int, int, str)
    def moved(self, done: int, total: int, text: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if text:
            dialog.setLabelText(text)
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))  # a modal progress dialog processes events here: the work may end


class Ops:
    """What a pane needs for long work: itself (to parent dialogs), the task runner, the event bus."""

    def __init__(self, parent: QWidget, tasks: TaskRunner | None, bus=None):
        self.parent, self.tasks, self.bus = parent, tasks or TaskRunner(), bus

    def run(self, work: Callable[[Progress], Any], *, label: str, done: Callable[[Any], Changes | None] | None = None,
            error_title: str = "无法完成操作", cancellable: bool = False,
            cancelled: Callable[[], Changes | None] | None = None) -> None:
        progress = Progress()
        dialog = QProgressDialog(label, "停止" if cancellable else "", 0, 0, self.parent)
        dialog.setWindowTitle("请稍候")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick work finishes before any dialog flashes up
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if cancellable:
            def stop() -> None:
                progress.stop()
                dialog.setLabelText("正在停止：当前这一步完成后停止，已完成的部分保留……")
            dialog.canceled.connect(stop)
        else:
            dialog.setCancelButton(None)
        view = _ProgressView(dialog)
        progress.signals.moved.connect(view.moved)

        def close() -> None:
            view.dialog = None
            dialog.reset()  # also stops the timer that would show it
            dialog.hide()
            dialog.deleteLater()

        def on_done(result: Any) -> None:
            close()
            changes = done(result) if done is not None else result
            self._publish(changes)

        def on_error(exc: Exception) -> None:
            close()
            if isinstance(exc, Cancelled):
                self._publish(cancelled() if cancelled is not None else Changes.of(message="已停止"))
            else:
                show_error(self.parent, exc, error_title)

        self.tasks.run(lambda: work(progress), on_done, on_error)

    def _publish(self, changes: Any) -> None:
        if isinstance(changes, Changes) and self.bus is not None:
            self.bus.publish(changes)

    def save(self, title: str, name: str, filters: str, write: Callable[[str], Any],
             message: Callable[[str, Any], str] | None = None) -> None:
        """Ask where to save, write there in the background, and say so in the pane. A refusal or an error is
        shown and nothing is left half-written (every writer renames a finished temp file into place)."""
        path, _ = QFileDialog.getSaveFileName(self.parent, title, name, filters)
        if not path:
            return

        def said(result: Any) -> Changes:
            return Changes.of(message=message(path, result) if message else f"已保存到 {path}")

        self.run(lambda _progress: write(path), label=f"正在保存“{Path(path).name}”……", done=said,
                 error_title="未能保存")
