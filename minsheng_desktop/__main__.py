"""`python -m minsheng_desktop`: open the database, build the QApplication, show the main window."""

from __future__ import annotations

import gc
import logging
import os
import sys

log = logging.getLogger("minsheng")


def _setup_logging() -> None:
    from .paths import data_dir

    try:  # the log lives with the data (in portable mode, on the stick)
        handler: logging.Handler = logging.FileHandler(data_dir() / "minsheng.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for existing in root.handlers:  # the console keeps to warnings; the log file gets the detail
        existing.setLevel(logging.WARNING)
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def make_services(db, clock=None):
    """Every service over one database, all with one clock (the machine's unless given), which the window's
    panes and dialogs use too; each is built the first time it is used."""
    from .services.registry import Services

    return Services(db, clock)


def build_window(db, *, tasks=None, clock=None):
    """The main window attached to an open database (used by the tests, screenshots and benchmarks)."""
    from .ui.main_window import MainWindow

    window = MainWindow(tasks=tasks)
    window.attach(make_services(db, clock), str(db.path) if db.path else db.url)
    return window


def open_for_gui(target: str, demo: bool, clock=None):
    """Open (and, with ``demo``, fill) the database; ask for the town on first run. None if the user quits."""
    from PySide6.QtWidgets import QDialog

    from .clock import SYSTEM
    from .services.settings_service import SettingsService
    from .storage.db import is_url, open_database
    from .ui.dialogs.town_dialog import TownDialog

    if not is_url(target):
        from .services.backup_service import remove_leftovers

        remove_leftovers(target, SYSTEM.now().timestamp())  # partial backups from an interrupted earlier run
        _recover_if_damaged(target)
    database = open_database(target)
    if database.path is not None:
        from .services.backup_service import daily_backup

        daily_backup(database.path)
    if database.backup_path:
        log.info("backup before migration: %s", database.backup_path)
    settings = SettingsService(database, clock)
    if demo and not settings.has_town():
        from .services.demo_service import DemoOptions, write_demo  # only for --demo: it is a big import

        write_demo(database, DemoOptions(), clock or SYSTEM)
    if not settings.has_town():
        dialog = TownDialog()
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.value is None:
            database.close()
            return None
        settings.create_town(dialog.value)
    return database


def _recover_if_damaged(target: str) -> None:
    """A damaged file (not a database, truncated, failing its check) is met with the newest good backup."""
    from .domain.errors import UserError
    from .services import backup_service
    from .ui import feedback

    health = backup_service.check_file(target)
    if health.ok or (health.empty and backup_service.is_blank_new(target)):
        return  # an empty file that never held anything (a first run cut short) is a first run
    good = backup_service.newest_good(target)
    if good is None:
        raise UserError(f"数据库文件已损坏（{health.problem}），且没有找到可用的备份。请联系技术人员，不要删除该文件。",
                        "the database file is damaged and no good backup was found")
    if not feedback.confirm(
            None, "数据库文件已损坏",
            f"数据库文件已损坏：{health.problem}。\n\n找到最近的可用备份：{good.created:%Y-%m-%d %H:%M}（{good.label}）。\n"
            "是否用该备份恢复？损坏的文件会改名保留，不会删除。", ok="用该备份恢复", cancel="不恢复，退出"):
        raise UserError("数据库文件已损坏，未恢复", "the database file is damaged and was not restored")
    backup_service.restore(target, good.path)


def _after_first_paint(window, then) -> None:
    """Run ``then`` once the window has painted (so the secretary sees the app before the database opens); a
    timer makes sure it runs even if no paint ever comes (a window started minimised)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    done = []

    def go() -> None:
        if not done:
            done.append(True)
            window.removeEventFilter(watcher)
            then()

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not done:
                if os.environ.get("MINSHENG_STARTUP_PROBE"):
                    print("PAINTED", flush=True)
                QTimer.singleShot(0, go)
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    QTimer.singleShot(1000, go)


def run_gui(db: str | None = None, demo: bool = False) -> int:
    """Paint the window first, then open the database: the secretary sees the app at once."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .clock import from_env
    from .domain.errors import UserError
    from .paths import default_db_path
    from .ui.app import create_app
    from .ui.main_window import MainWindow

    clock = from_env()  # the machine's, unless MINSHENG_TODAY pins the day
    gc.disable()  # no collections while a cold start builds its objects (~50 ms saved) ...
    _setup_logging()
    app = create_app(sys.argv[:1])
    target = db or str(default_db_path())
    window = MainWindow()
    window.show_fitted()  # inside the screen's available area, or where it was last time if that still fits
    opened = []

    def open_database_now() -> None:
        if not demo:  # the home page as the app last closed it, if nothing changed since (home_snapshot.py)
            from .services import home_snapshot

            kept = home_snapshot.load(target, clock.today())
            if kept is not None:
                window.show_kept_home(kept)
                if os.environ.get("MINSHENG_STARTUP_PROBE"):  # bench/startup_bench.py: the kept home is painted
                    window.repaint()
                    print("HOME", flush=True)
        try:
            database = open_for_gui(target, demo, clock)
        except UserError as exc:
            QMessageBox.critical(window, "无法打开数据库", f"{exc.zh}\n\n文件：{target}")
            app.exit(2)
            return
        except Exception as exc:
            log.exception("cannot open %s", target)
            QMessageBox.critical(window, "无法打开数据库", f"打开数据库时发生意外错误：{exc}\n\n文件：{target}")
            app.exit(1)
            return
        if database is None:
            QApplication.quit()
            return
        opened.append(database)
        window.attach(make_services(database, clock), str(database.path) if database.path else database.url)
        gc.freeze()  # ... then what startup built (Qt wrappers, SQLAlchemy's mappers) is set aside for good,
        gc.enable()  # so later collections (e.g. during the vote count) do not walk it again
        if os.environ.get("MINSHENG_STARTUP_PROBE"):  # bench/startup_bench.py: the home page with data is painted
            window.repaint()
            print("READY", flush=True)
            QTimer.singleShot(0, app.quit)
        if os.environ.get("MINSHENG_SMOKE_TEST"):  # the bundle test: prove the window came up, then leave
            print("MAIN WINDOW SHOWN:", window.windowTitle(), flush=True)
            print("QT TRANSLATION:", app.property("qt_translation") or "missing", flush=True)
            QTimer.singleShot(200, app.quit)

    _after_first_paint(window, open_database_now)
    code = app.exec()
    for database in opened:
        _close_keeping_home(window, database, target, clock)
    return code


def _close_keeping_home(window, database, target: str, clock) -> None:
    """Close the database, then keep the home page as it now stands for the next start (home_snapshot.py)."""
    from .services import home_snapshot

    page = None
    if database.path is not None and window.services is not None and window.year is not None:
        try:
            page = window.services.overview.home(window.year)
        except Exception:  # the page is a convenience: never let it stop the app from closing
            log.exception("could not read the home page to keep it")
    database.close()
    if page is not None:
        home_snapshot.save(target, page, clock.today())


def main() -> None:
    from .cli import main as cli_main

    args = sys.argv[1:]
    sys.exit(cli_main(["gui", *args] if not args or args[0].startswith("-") else args))


if __name__ == "__main__":
    main()

