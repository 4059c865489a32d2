"""Showing errors and outcomes to the secretary: Chinese first, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import UserError

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: Exception, title: str = "无法完成操作") -> None:
    if isinstance(exc, UserError):
        text = exc.zh
    else:
        log.exception("unexpected error", exc_info=exc)
        text = f"发生意外错误，操作未完成，数据未作改动。\n\n技术信息：{type(exc).__name__}: {exc}"
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def publish_or_warn(parent: QWidget, bus, action) -> bool:
    """Run a service action and publish what it changed; a refusal or an error is shown, nothing else happens."""
    try:
        bus.publish(action())
    except Exception as exc:
        show_error(parent, exc)
        return False
    return True
