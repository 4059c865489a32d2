"""Searching and filtering 20,000 proposals in the 征集 pane: keystroke to updated table (offscreen).

Baseline in the same run: a bare QStandardItemModel + QSortFilterProxyModel filtering the same titles.
Target (issue 3): under 100 ms. Run: python bench/intake_search_bench.py [ROWS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Timing, report  # noqa: E402
from bench.intake_import_bench import make_file  # noqa: E402

QUERIES = ["王家村", "村道", "老旧小区", "石桥村卫生室", "不存在的文字", "路灯", "幼儿园", ""]


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from minsheng_desktop.__main__ import make_services
    from minsheng_desktop.services.proposal_excel import ProposalExcelService
    from minsheng_desktop.services.settings_service import SettingsService, TownInfo
    from minsheng_desktop.storage.db import open_database
    from minsheng_desktop.ui.app import create_app
    from minsheng_desktop.ui.main_window import MainWindow

    app = create_app(["bench"])
    work = Path(tempfile.mkdtemp())
    xlsx = work / "p.xlsx"
    make_file(xlsx, rows)
    db = open_database(work / "t.sqlite")
    SettingsService(db).create_town(TownInfo("610999101", "清溪镇", "乡镇", "", "", "", ""), year=2026)
    ProposalExcelService(db).import_file(xlsx, 2026)
    window = MainWindow()
    window.resize(1366, 800)
    window.show()
    window.attach(make_services(db))
    window.nav.setCurrentRow(1)
    pane = window.pane("征集")
    app.processEvents()
    print(f"{len(pane.search.rows)} proposals in the pane")

    titles = [r.title for r in pane.search.rows]
    model = QStandardItemModel()
    for t in titles:
        model.appendRow([QStandardItem(t)])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    bare = QTableView()
    bare.setModel(proxy)
    bare.show()

    base, subject = [], []
    for _ in range(3):
        for q in QUERIES:
            t = time.perf_counter()
            proxy.setFilterFixedString(q)
            app.processEvents()
            base.append(time.perf_counter() - t)
            t = time.perf_counter()
            pane.text.setText(q)
            app.processEvents()
            subject.append(time.perf_counter() - t)
    pane.category.setCurrentText("交通出行")
    t = time.perf_counter()
    pane.village.setCurrentText("王家村")
    app.processEvents()
    combined = time.perf_counter() - t
    print(f"text + category + village filter: {combined * 1000:.0f} ms; slowest keystroke "
          f"{max(subject) * 1000:.0f} ms, median {statistics.median(subject) * 1000:.0f} ms")
    ok = report(f"search {len(titles)} proposals: keystroke → table updated",
                Timing("bare Qt proxy filter", base), Timing("Minsheng 征集 pane", subject),
                target_ratio=None, target_seconds=0.1)
    window.close()
    db.close()
    QApplication.quit()
    return 0 if ok and max(subject) < 0.1 else 1


if __name__ == "__main__":
    sys.exit(main())
