"""Screenshots of every pane of the main window on a demo town (run under Xvfb or offscreen).

Usage: python scripts/screenshots.py OUT_DIR [DB]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from minsheng_desktop.__main__ import build_window
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.storage.db import open_database
    from minsheng_desktop.ui.app import create_app
    from minsheng_desktop.ui.tasks import TaskRunner

    app = create_app(sys.argv[:1])
    if len(sys.argv) > 2:
        db = open_database(sys.argv[2])
    else:
        db = open_database(Path(tempfile.mkdtemp()) / "demo.sqlite")
        write_demo(db, DemoOptions(today=date.today()))
    window = build_window(db, tasks=TaskRunner(synchronous=True))
    window.resize(1366, 800)
    window.show()
    for row, (name, pane) in enumerate(window.panes):
        window.nav.setCurrentRow(row)
        if name == "候选项目":
            pane.view.selectRow(0)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{row:02d}-{name}.png"))
        if name == "设置":
            for i in range(pane.tabs.count()):
                pane.tabs.setCurrentIndex(i)
                for _ in range(5):
                    app.processEvents()
                window.grab().save(str(out / f"{row:02d}-{name}-{i}-{pane.tabs.tabText(i)}.png"))
    QApplication.quit()
    db.close()


if __name__ == "__main__":
    main()
