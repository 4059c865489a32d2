"""Building the QApplication: the CJK font loaded explicitly, Qt's own dialogs in Chinese, the house style."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, __version__
from ..fonts import NoCjkFontError, find_cjk_font
from .colours import PAGE_BG

log = logging.getLogger(__name__)

ACCENT = "#b3261e"
NAV_BG = "#22344d"
STYLE = f"""
QMainWindow, QWidget#page {{ background: {PAGE_BG}; }}
QWidget#side {{ background: {NAV_BG}; }}
QListWidget#nav {{ background: {NAV_BG}; color: #e8edf3; border: none; font-size: 15px; outline: 0; }}
QListWidget#nav::item {{ padding: 11px 18px; border-left: 4px solid transparent; }}
QListWidget#nav::item:selected {{ background: #2f4866; color: white; border-left: 4px solid {ACCENT}; }}
QListWidget#nav::item:hover:!selected {{ background: #2a3f5c; }}
QLabel#brand {{ background: {NAV_BG}; color: white; font-size: 17px; font-weight: bold; padding: 16px 14px 6px 18px; }}
QLabel#brandSub {{ background: {NAV_BG}; color: #9fb0c4; font-size: 12px; padding: 0 14px 14px 18px; }}
QLabel#paneTitle {{ font-size: 20px; font-weight: bold; color: #1d2733; }}
QLabel#paneNote {{ color: #5b6775; }}
QFrame#card {{ background: white; border: 1px solid #dde1e6; border-radius: 6px; }}
QLabel#cardTitle {{ color: #5b6775; font-size: 13px; }}
QLabel#cardValue {{ color: #1d2733; font-size: 26px; font-weight: bold; }}
QLabel#cardDetail {{ color: #5b6775; font-size: 12px; }}
QLabel#warn {{ color: #8a5a00; background: #fff4d6; border: 1px solid #f0d58a; border-radius: 4px; padding: 6px 10px; }}
QLabel#error {{ color: #8c1d18; background: #fde8e6; border: 1px solid #f2b8b3; border-radius: 4px; padding: 6px 10px; }}
QLabel#ok {{ color: #1e5631; background: #e6f4ea; border: 1px solid #a8d5b5; border-radius: 4px; padding: 6px 10px; }}
QPushButton {{ padding: 5px 14px; }}
QListWidget#editList {{ background: white; font-size: 14px; }}
QListWidget#editList::item {{ padding: 7px 8px; border-bottom: 1px solid #eef0f3; }}
QListWidget#editList::item:selected {{ background: #dbe7f5; color: #1d2733; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid #8f1e18; border-radius: 4px; padding: 6px 18px; }}
QPushButton#primary:hover {{ background: #c62d24; }}
QPushButton#primary:disabled {{ background: #d9a19d; }}
QTableView {{ background: white; gridline-color: #e3e6ea; selection-background-color: #dbe7f5; selection-color: #1d2733; }}
QHeaderView::section {{ background: #eef1f5; padding: 5px; border: none; border-right: 1px solid #dde1e6;
  border-bottom: 1px solid #dde1e6; font-weight: bold; }}
QTabWidget::pane {{ border: 1px solid #dde1e6; background: white; top: -1px; }}
QTabBar::tab {{ padding: 8px 18px; background: #e9ecf0; border: 1px solid #dde1e6; border-bottom: none; margin-right: 2px; }}
QTabBar::tab:selected {{ background: white; font-weight: bold; }}
QGroupBox {{ font-weight: bold; border: 1px solid #dde1e6; border-radius: 4px; margin-top: 14px; padding: 12px 8px 8px 8px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; }}
QLabel#toast {{ color: #1e5631; background: #e6f4ea; border: 1px solid #7cc192; border-radius: 5px; padding: 7px 16px;
  font-weight: bold; }}
QScrollArea#paneScroll, QScrollArea#paneScroll > QWidget > QWidget#page {{ background: {PAGE_BG}; border: none; }}
QFrame#step {{ background: white; border: 1px solid #dde1e6; border-radius: 6px; }}
QLabel#stepTick {{ font-size: 22px; font-weight: bold; color: #9aa5b1; }}
QLabel#stepTickDone {{ font-size: 22px; font-weight: bold; color: #1e7d3a; }}
QLabel#stepTitle {{ font-size: 16px; font-weight: bold; color: #1d2733; }}
QPushButton#sideLink {{ background: transparent; color: #c9d4e1; border: none; text-align: left; padding: 6px 18px; }}
QPushButton#sideLink:hover {{ color: white; text-decoration: underline; }}
"""
QT_TRANSLATION = "qtbase_zh_CN"


class _Supplement(QTranslator):
    """What Qt's own zh_CN file lacks for this Qt version: the (non-native) file dialog's two labels."""

    WORDS = {("QFileDialog", "&Look in:"): "查找范围(&L)：", ("QFileDialog", "Files of &type:"): "文件类型(&T)："}

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
        return self.WORDS.get((context, source))  # None, not "": an empty string would blank every other text

    def isEmpty(self) -> bool:
        return False


def _translation_dirs() -> Iterator[str]:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # the PyInstaller bundle: installer/minsheng.spec copies the file to qt_translations/
        yield str(Path(bundle) / "qt_translations")
    yield QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    import PySide6

    root = Path(PySide6.__file__).resolve().parent
    yield str(root / "Qt" / "translations")  # the Linux and macOS wheels
    yield str(root / "translations")  # the Windows wheel


def install_chinese(app: QApplication) -> str | None:
    """Qt's own words in Simplified Chinese: message box and file dialog buttons, calendar month and weekday names,
    context menus. Returns the folder the translation came from, or None (then Qt's words stay in English)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    supplement = _Supplement(app)
    app.installTranslator(supplement)  # installed first, so asked last: only for what qtbase lacks
    translator = QTranslator(app)
    app._minsheng_translators = (supplement, translator)  # kept alive with the application
    for folder in _translation_dirs():
        if folder and translator.load(QT_TRANSLATION, folder):
            app.installTranslator(translator)
            app.setProperty("qt_translation", folder)
            return folder
    log.warning("Qt's Chinese translation (%s.qm) was not found; standard dialogs stay in English", QT_TRANSLATION)
    return None


def load_cjk_font(app: QApplication) -> str | None:
    """Load the same CJK font reportlab uses, so text looks the same on every PC and in screenshots."""
    try:
        font = find_cjk_font()
    except NoCjkFontError as exc:
        log.warning("%s", exc.message())
        return None
    font_id = QFontDatabase.addApplicationFont(str(font.path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    base = QFont(families[0])
    base.setPointSizeF(10.5)
    app.setFont(base)
    return families[0]


def create_app(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtCore import QSettings

    from ..paths import portable_dir

    portable = portable_dir()
    if portable is not None:  # portable mode: preferences live beside the data, nothing is written elsewhere
        portable.mkdir(parents=True, exist_ok=True)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(portable))
    app = QApplication.instance() or QApplication(argv or [APP_ID])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    load_cjk_font(app)
    install_chinese(app)
    icon = Path(__file__).resolve().parent.parent / "resources" / "minsheng.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyle("Fusion")  # Qt's own: a Python style would be called for every widget (calendars: _qt_helpers)
    app.setStyleSheet(STYLE)
    return app
