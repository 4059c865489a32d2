"""Showing errors and outcomes to the secretary: Chinese first, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..domain.errors import UserError

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: Exception, title: str = "无法完成操作") -> None:
    if isinstance(exc, UserError):
        text = exc.zh
    else:
        log.exception("unexpected error", exc_info=exc)
        text = f"发生意外错误，操作未完成，数据未作改动。\n\n技术信息：{type(exc).__name__}: {exc}"
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, ok: str = "确定", cancel: str = "取消") -> bool:
    """Ask before an action; the buttons name it (公布并封存 / 取消), and the safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(ok)
    box.button(QMessageBox.StandardButton.No).setText(cancel)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def publish_or_warn(parent: QWidget, bus, action) -> bool:
    """Run a service action and publish what it changed; a refusal or an error is shown, nothing else happens."""
    try:
        bus.publish(action())
    except Exception as exc:
        show_error(parent, exc)
        return False
    return True


PDF_OR_XLSX = "PDF (*.pdf);;Excel (*.xlsx)"
XLSX = "Excel (*.xlsx)"
PDF = "PDF (*.pdf)"


def save_to_file(parent: QWidget, title: str, name: str, filters: str, write: Callable[[str], Any],
                 message: Callable[[str, Any], str] | None = None) -> str | None:
    """Ask where to save, write there, and say so; a refusal or an error is shown and nothing is left half-written
    (every writer renames a finished temp file into place). Returns the path written, or None."""
    path, _ = QFileDialog.getSaveFileName(parent, title, name, filters)
    if not path:
        return None
    try:
        result = write(path)
    except Exception as exc:
        show_error(parent, exc, "未能保存")
        return None
    QMessageBox.information(parent, "已保存", message(path, result) if message else f"已保存到\n{path}")
    return path
