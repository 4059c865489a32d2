"""Tiny Qt helpers shared by panes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after the object name (which picks the colour) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
