"""Showing errors and outcomes to the secretary: Chinese first, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import UserError

log = logging.getLogger(__name__)
T = TypeVar("T")
FAILED = "无法完成操作"


def show_error(parent: QWidget | None, exc: Exception, title: str = FAILED) -> None:
    if isinstance(exc, UserError):
        text = exc.zh
    elif isinstance(exc, OSError) and exc.filename:  # most often: the file is open in Excel or a PDF reader
        text = (f"无法写入或读取文件：\n{exc.filename}\n\n文件可能正在被其他程序（如 Excel、PDF 阅读器）打开，"
                "或该文件夹不允许写入。请关闭该文件或换一个位置后重试。")
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


def attempt(parent: QWidget | None, fn: Callable[[], T], failed_title: str | None = None) -> tuple[bool, T | None]:
    """Run a short service call on the main thread: ``(True, result)``, or ``(False, None)`` once a refusal or an
    error has been shown under ``failed_title`` (long work goes through ``ops.Ops`` instead)."""
    try:
        return True, fn()
    except Exception as exc:
        show_error(parent, exc, failed_title or FAILED)
        return False, None


def publish_or_warn(parent: QWidget, bus, action: Callable[[], Any], failed_title: str | None = None) -> bool:
    """Run a service action and publish what it changed; a refusal or an error is shown, nothing else happens."""
    return attempt(parent, lambda: bus.publish(action()), failed_title)[0]


PDF_OR_XLSX = "PDF (*.pdf);;Word (*.docx);;Excel (*.xlsx)"  # the writers pick the format by extension
XLSX = "Excel (*.xlsx)"
PDF = "PDF (*.pdf)"
PDF_OR_DOCX = "PDF (*.pdf);;Word (*.docx)"  # official documents the secretary may reword in WPS/Word first
