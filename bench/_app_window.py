"""The app as `minsheng gui` starts it: the window paints first, then the database opens and the home page fills.

Prints PAINTED at the main window's first paint and READY when the home page with data has painted.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from minsheng_desktop.ui.app import create_app
from minsheng_desktop.ui.main_window import MainWindow


class Paints(QObject):
    def __init__(self):
        super().__init__()
        self.first = True

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.first:
            self.first = False
            print("PAINTED", flush=True)
            QTimer.singleShot(0, attach)
        return False


def attach():
    from minsheng_desktop.__main__ import make_services
    from minsheng_desktop.storage.db import open_database

    db = open_database(sys.argv[1])
    window.attach(make_services(db))
    window.repaint()
    print("READY", flush=True)
    db.close()
    QApplication.exit(0)


app = create_app(sys.argv[:1])
window = MainWindow()
watcher = Paints()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
