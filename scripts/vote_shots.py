"""Screenshots of the vote console and the projector window through a whole session (Xvfb or offscreen).

Usage: python scripts/vote_shots.py OUT_DIR
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date
from pathlib import Path


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "vote-shots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from minsheng_desktop.__main__ import build_window
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.storage.db import open_database
    from minsheng_desktop.ui import feedback
    from minsheng_desktop.ui.app import create_app
    from minsheng_desktop.ui.tasks import TaskRunner

    app = create_app(sys.argv[:1])
    db = open_database(Path(tempfile.mkdtemp()) / "demo.sqlite")
    write_demo(db, DemoOptions(today=date.today(), years=1))
    window = build_window(db, tasks=TaskRunner(synchronous=True))
    window.resize(1366, 820)
    window.show()
    window.nav.setCurrentRow(3)
    pane = window.pane("票决")

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"console-{name}.png"))
        if pane.projector is not None:
            pane.projector.resize(1920, 1080)
            pane.projector.grab().save(str(out / f"projector-{name}.png"))

    sid, changes = pane.vote.create(date.today().year, "清溪镇第十八届人民代表大会第六次会议")
    pane.session_id = sid
    window.bus.publish(changes)
    rng = random.Random(3)
    deputies = pane.roster.deputies(include_retired=False)
    for d in deputies[:52]:
        pane.vote.sign_in(sid, d.id)
    pane.refresh()
    pane.open_projector()
    pane.toggle_hold()
    shot("1-签到")
    pane._on_start("ballots", 52)
    pane._act(lambda: pane.vote.declare_collected(sid, 52))
    info = pane.vote.info(sid)
    for _ in range(30):
        marks = {c.id: rng.choice("YYYNA") for c in info.candidates[: rng.randint(6, 10)]}
        pane.vote.record_ballot(sid, marks)
    pane.refresh()
    pane.ballots.setFocus()
    for key in "1113QW":
        QTest.keyClick(pane.ballots, key)
    shot("2-计票中")
    for _ in range(22):
        pane.vote.record_ballot(sid, {c.id: rng.choice("YYYYN") for c in info.candidates[:9]})
    feedback.confirm = lambda *a, **k: True
    import minsheng_desktop.ui.panes.vote_pane as vp

    vp.confirm = lambda *a, **k: True
    pane.refresh()
    pane._on_publish()
    shot("3-结果")
    QTest.keyClick(pane, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    db.close()


if __name__ == "__main__":
    main()
