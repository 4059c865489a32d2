"""Render the projector at 1920x1080 for each state of a demo vote (sign-in, counting, result, 30 candidates).

Usage: python scripts/projector_shots.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "projector-shots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtGui import QImage, QPainter

    from minsheng_desktop.domain.tally import Ballot, Candidate
    from minsheng_desktop.domain.vote_session import COUNTING, SIGNIN, live_view
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.services.vote_service import VoteService
    from minsheng_desktop.storage.db import open_database
    from minsheng_desktop.ui.app import create_app
    from minsheng_desktop.ui.projector.projector_painter import ProjectorPainter

    app = create_app(["shots"])
    db = open_database(Path(tempfile.mkdtemp()) / "demo.sqlite")
    write_demo(db, DemoOptions(today=date.today(), years=1))
    svc = VoteService(db)
    sid = svc.sessions(date.today().year)[0][0]
    info = svc.info(sid)
    painter = ProjectorPainter(app.font().family())
    ballots = svc.ballots(sid)
    views = {
        "1-签到": live_view(info.title, SIGNIN, info.rules, info.candidates, [], 0),
        "2-计票中": live_view(info.title, COUNTING, info.rules, info.candidates, ballots[:31], len(ballots)),
        "3-结果": svc.live(sid, info),
    }
    many = [Candidate(f"x{i}", f"第{i + 1}个候选项目：{'农村公路提档升级与安全防护' if i % 3 == 0 else '社区助餐点'}")
            for i in range(30)]
    rules = replace(info.rules, seats=20)
    views["4-三十个候选项目"] = live_view("三十个候选项目的票决", COUNTING, rules, many,
                                   [Ballot({c.id: "Y" for c in many[: (i % 20) + 5]}) for i in range(40)], 50)
    for name, view in views.items():
        img = QImage(1920, 1080, QImage.Format.Format_RGB32)
        p = QPainter(img)
        painter.paint(p, 1920, 1080, view, False, 0)
        p.end()
        img.save(str(out / f"{name}.png"))
    db.close()


if __name__ == "__main__":
    main()
