"""Screenshots of every pane and every dialog at the screens the app meets in town offices (run under Xvfb).

Usage:
    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshots.py OUT_DIR [--size WxH ...] [--docs DIR]

Sizes (the window's whole area) default to 1366x728 — a 1366×768 laptop with a 40 px taskbar — and 1280x720 —
1920×1080 at 150 % scaling; each gets a folder of PNGs. The script prints every button a pane shows that is cut
off, and every dialog larger than the screen, and exits 1 if there is any. ``--docs DIR`` also writes the
README's pictures (home.png, intake.png, …, county.png from a county database merging four towns) at 1366x728.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
DOCS = {"首页": "home", "征集": "intake", "候选项目": "candidates", "票决-计票中": "vote-console",
        "实施": "projects", "监督": "supervision", "设置-票决规则": "settings-rules", "设置-代表名册": "settings-roster"}


def settle(app, rounds: int = 6) -> None:
    for _ in range(rounds):
        app.processEvents()


class Shooter:
    def __init__(self, app, window, out: Path, size: tuple[int, int]):
        self.app, self.window, self.out, self.size = app, window, out, size
        self.problems: list[str] = []
        self.names: list[str] = []

    def shot(self, name: str, messages: bool = False) -> None:
        from minsheng_desktop.ui.screen_fit import clipped

        settle(self.app)
        if not messages:  # what the setup said would linger in the picture
            self.window.statusBar().clearMessage()
            self.window.toast.hide()
        self.window.grab().save(str(self.out / f"{len(self.names):02d}-{name}.png"))
        self.names.append(name)
        self.problems += [f"{name}: {what}" for what in clipped(self.window)]

    def panes(self) -> None:
        w = self.window
        w.show_start_page()
        self.shot("开始使用")
        for row, (name, pane) in enumerate(w.panes):
            w.nav.setCurrentRow(row)
            if name == "候选项目":
                pane.view.selectRow(0)
            if name == "监督":
                pane.view.selectRow(0)
            self.shot(name)
            if name == "票决":
                self.vote_states(pane)
            if name == "监督":
                pane.details.setCurrentIndex(2)
                self.shot("监督-意见建议")
                pane.details.setCurrentIndex(0)
                pane.tabs.setCurrentIndex(1)
                self.shot("监督-履职积分")
                pane.tabs.setCurrentIndex(0)
            if name == "设置":
                for i in range(pane.tabs.count()):
                    pane.tabs.setCurrentIndex(i)
                    self.shot(f"设置-{pane.tabs.tabText(i)}")
                pane.tabs.setCurrentIndex(1)
                from minsheng_desktop.services.changes import Changes

                w.bus.publish(Changes.of(message="票决规则已保存"))
                self.shot("提示-已保存", messages=True)

    def vote_states(self, pane) -> None:
        vote, roster = pane.vote, pane.roster
        year = self.window.year
        deputies = roster.deputies(include_retired=False)
        sid, changes = vote.create(year, f"{year}年度民生实事项目票决（截图）")
        pane.session_id = sid
        self.window.bus.publish(changes)
        for d in deputies[:45]:
            vote.sign_in(sid, d.id)
        pane.refresh()
        self.shot("票决-签到")
        pane._on_start("ballots", 45)
        pane._act(lambda: vote.declare_collected(sid, 45))
        info = vote.info(sid)
        for i in range(20):
            vote.record_ballot(sid, {c.id: "YYNA"[(i + j) % 4] for j, c in enumerate(info.candidates[:10])})
        pane.refresh()
        pane.ballots.setFocus()
        from PySide6.QtTest import QTest

        for key in "1113QW":
            QTest.keyClick(pane.ballots, key)
        self.shot("票决-计票中")
        sid2, changes = vote.create(year, f"{year}年度民生实事项目票决（汇总录入截图）")
        pane.session_id = sid2
        self.window.bus.publish(changes)
        for d in deputies[:45]:
            vote.sign_in(sid2, d.id)
        pane._on_start("totals", 45)
        self.shot("票决-汇总录入")

    def dialogs(self) -> None:
        from shot_dialogs import dialogs

        width, height = self.size
        for name, dialog in dialogs(self.window):
            dialog.show()
            settle(self.app)
            frame = dialog.frameGeometry()
            if frame.width() > width or frame.height() > height:
                self.problems.append(f"对话框 {name}: {frame.width()}×{frame.height()} 大于屏幕 {width}×{height}")
            dialog.grab().save(str(self.out / f"对话框-{name}.png"))
            dialog.close()
            dialog.deleteLater()
            settle(self.app, 2)


def window_over(path: Path, size: tuple[int, int]):
    from minsheng_desktop.__main__ import build_window
    from minsheng_desktop.storage.db import open_database
    from minsheng_desktop.ui.tasks import TaskRunner

    db = open_database(path)
    window = build_window(db, tasks=TaskRunner(synchronous=True), clock=_clock())
    window.setGeometry(0, 0, *size)
    window.show()
    return db, window


def _clock():
    from minsheng_desktop.clock import from_env

    return from_env()


def demo(path: Path, **options) -> Path:
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.storage.db import open_database

    db = open_database(path)
    write_demo(db, DemoOptions(**options), _clock())
    db.close()
    return path


def new_town(path: Path) -> Path:
    """A town that has just filled in the first-run dialog."""
    from minsheng_desktop.services.settings_service import SettingsService, TownInfo
    from minsheng_desktop.storage.db import open_database

    db = open_database(path)
    SettingsService(db, _clock()).create_town(TownInfo("610999105", "新河镇", "乡镇", "610999", "示范县", "", ""))
    db.close()
    return path


def county(folder: Path) -> Path:
    """A county database with four towns' packages merged, as the county's office would have it."""
    from minsheng_desktop.services.export_service import export_package
    from minsheng_desktop.services.merge_service import MergeService
    from minsheng_desktop.services.settings_service import SettingsService, TownInfo
    from minsheng_desktop.storage.db import open_database

    packages = []
    for i, (name, code) in enumerate([("清溪镇", "610999101"), ("蒲溪镇", "610999102"), ("涧池镇", "610999103"),
                                      ("平梁镇", "610999104")]):
        town = open_database(demo(folder / f"{code}.sqlite", town=name, code=code, seed=i + 1, years=1))
        packages.append(export_package(town, folder / f"{code}.mspkg", clock=_clock()).path)
        town.close()
    db = open_database(folder / "示范县.sqlite")
    SettingsService(db, _clock()).create_town(TownInfo("610999", "示范县", "县区", "", "", "", ""),
                                              year=_clock().today().year)
    MergeService(db).merge(packages)
    db.close()
    return folder / "示范县.sqlite"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", action="append", default=[])
    parser.add_argument("--docs", type=Path)
    args = parser.parse_args()
    sizes = [tuple(int(v) for v in s.split("x")) for s in (args.size or ["1366x728", "1280x720"])]
    from minsheng_desktop.ui.app import create_app

    app = create_app(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="minsheng-shots-"))
    template = demo(work / "template.sqlite", today=_clock().today())
    problems: list[str] = []
    for size in sizes:
        out = args.out / f"{size[0]}x{size[1]}"
        out.mkdir(parents=True, exist_ok=True)
        path = work / f"demo-{size[0]}x{size[1]}.sqlite"
        shutil.copy(template, path)
        db, window = window_over(path, size)
        shooter = Shooter(app, window, out, size)
        shooter.panes()
        shooter.dialogs()
        problems += [f"{size[0]}×{size[1]} {p}" for p in shooter.problems]
        if args.docs and size == (1366, 728):
            args.docs.mkdir(parents=True, exist_ok=True)
            for i, name in enumerate(shooter.names):
                if name in DOCS:
                    shutil.copy(out / f"{i:02d}-{name}.png", args.docs / f"{DOCS[name]}.png")
        window.close()
        db.close()
        print(f"{size[0]}×{size[1]}: {len(shooter.names)} 个界面和对话框 → {out}")
    if args.docs:
        db, window = window_over(new_town(work / "新河镇.sqlite"), (1366, 728))
        settle(app)  # a town just set up opens on the start page
        window.grab().save(str(args.docs / "start.png"))
        window.close()
        db.close()
        db, window = window_over(county(work / "county"), (1366, 728))
        window.nav.setCurrentRow(7)
        settle(app)
        window.grab().save(str(args.docs / "county.png"))
        window.close()
        db.close()
    for p in problems:
        print("问题:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
