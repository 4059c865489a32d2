"""Run a function off the UI thread and deliver its result (or its error) back on the main thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication


class _Relay(QObject):
    done = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.fn, self.relay = fn, relay

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the caller's on_error on the main thread
            self.relay.done.emit(None, exc)
        else:
            self.relay.done.emit(result, None)


class TaskRunner:
    """``run(fn, on_done, on_error)``; tests pass ``synchronous=True`` to run everything inline."""

    def __init__(self, synchronous: bool = False):
        self.synchronous = synchronous
        self._relays: set[_Relay] = set()

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None]) -> None:
        if self.synchronous:
            try:
                result = fn()
            except Exception as exc:
                on_error(exc)
            else:
                on_done(result)
            return
        relay = _Relay()
        self._relays.add(relay)

        def finish(result, exc, relay=relay):
            self._relays.discard(relay)
            QApplication.restoreOverrideCursor()
            if exc is not None:
                on_error(exc)
            else:
                on_done(result)

        relay.done.connect(finish, Qt.ConnectionType.QueuedConnection)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QThreadPool.globalInstance().start(_Job(fn, relay))
