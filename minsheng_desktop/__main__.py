"""`python -m minsheng_desktop`: open the database, build the QApplication, show the main window."""

from __future__ import annotations

import logging
import sys

log = logging.getLogger("minsheng")


def _setup_logging() -> None:
    from .paths import data_dir

    try:
        handler: logging.Handler = logging.FileHandler(data_dir() / "minsheng.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def build_window(db, *, tasks=None):
    """The main window over an open database (used by the app, the tests and the startup benchmark)."""
    from .services.overview_service import OverviewService
    from .services.roster_service import RosterService
    from .services.settings_service import SettingsService
    from .ui.main_window import MainWindow, Services

    services = Services(SettingsService(db), RosterService(db), OverviewService(db))
    label = str(db.path) if db.path else db.url
    return MainWindow(services, tasks=tasks, db_label=label)


def run_gui(db: str | None = None, demo: bool = False) -> int:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from .domain.errors import UserError
    from .paths import default_db_path
    from .services.demo_service import DemoOptions, write_demo
    from .services.settings_service import SettingsService
    from .storage.db import open_database
    from .ui.app import create_app
    from .ui.dialogs.town_dialog import TownDialog

    _setup_logging()
    app = create_app(sys.argv[:1])
    target = db or str(default_db_path())
    try:
        database = open_database(target)
        if database.backup_path:
            log.info("backup before migration: %s", database.backup_path)
        settings = SettingsService(database)
        if demo and not settings.has_town():
            write_demo(database, DemoOptions())
        if not settings.has_town():
            dialog = TownDialog()
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.value is None:
                return 0
            settings.create_town(dialog.value)
    except UserError as exc:
        QMessageBox.critical(None, "无法打开数据库", f"{exc.zh}\n\n文件：{target}")
        return 2
    window = build_window(database)
    window.start()
    window.show()
    code = app.exec()
    database.close()
    return code


def main() -> None:
    from .cli import main as cli_main

    args = sys.argv[1:]
    sys.exit(cli_main(["gui", *args] if not args or args[0].startswith("-") else args))


if __name__ == "__main__":
    main()

