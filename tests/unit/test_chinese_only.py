"""The app is Chinese-only: its own words are plain Chinese strings, never passed through Qt's tr() or translate().

Qt's own dialogs (message box buttons, the file dialog, calendars) stay Chinese through the bundled qtbase_zh_CN
translation that ui/app.py installs; that is the only translation the app loads."""

from __future__ import annotations

import ast

from tests.conftest import REPO

UI = REPO / "minsheng_desktop" / "ui"


def _translation_calls(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ("tr", "translate"):
            found.append(f"{path.relative_to(REPO)}:{node.lineno} {ast.unparse(node)[:80]}")
    return found


def test_ui_modules_call_neither_tr_nor_translate():
    modules = sorted(UI.rglob("*.py"))
    assert len(modules) > 40  # the whole ui package is parsed, nothing skipped
    found = [call for path in modules for call in _translation_calls(path)]
    assert not found, "the app is Chinese-only; write the Chinese string itself:\n" + "\n".join(found)
