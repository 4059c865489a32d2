"""Errors that carry a message for the user, in Chinese first with the English after it."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action. ``zh`` is shown to the user; ``en`` follows it on the CLI."""

    def __init__(self, zh: str, en: str = "", *, field: str | None = None, row: int | None = None):
        super().__init__(zh if not en else f"{zh} ({en})")
        self.zh = zh
        self.en = en
        self.field = field
        self.row = row

    def message(self) -> str:
        return self.zh if not self.en else f"{self.zh}\n{self.en}"
