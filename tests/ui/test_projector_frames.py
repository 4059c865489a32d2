"""The projector repaints only what a ballot changed: after any run of ballots, what the hall sees must be exactly
the frame a full repaint draws (a stale bar, a number left from the last ballot, a clipped pass line: caught here)."""

from __future__ import annotations

import random

from PySide6.QtGui import QImage, QPainter

from minsheng_desktop.domain.vote_session import COUNTING, RESULT, LiveRow, LiveView
from minsheng_desktop.ui.events import EventBus
from minsheng_desktop.ui.projector.projector_window import ProjectorWindow


def view(counts: list[list[int]], counted: int, state: str = COUNTING, threshold: int = 61) -> LiveView:
    rows = tuple(LiveRow(f"c{i}", f"第{i + 1}个候选项目：村组道路硬化及安全防护设施建设", a, o, b,
                         ("chosen" if i < 3 else "") if state == RESULT else "", (i + 1) if state == RESULT else None)
                 for i, (a, o, b) in enumerate(counts))
    return LiveView("清溪镇第十八届人民代表大会第六次会议", state, 120, 118, 61, True, 118, counted, 0, threshold, 10,
                    rows)


def full_frame(window: ProjectorWindow) -> QImage:
    """What a fresh, whole repaint of the window's current view draws."""
    img = QImage(window.size(), QImage.Format.Format_RGB32)
    p = QPainter(img)
    window.painter.__class__(window.painter.family).paint(p, window.width(), window.height(), window.view,
                                                           window.held, window.page)
    p.end()
    return img


def shown(window: ProjectorWindow, qtbot) -> QImage:
    """The pixels the window's backing store holds (what the screen shows), not a fresh render (``grab()`` would
    repaint the whole widget and hide a stale row)."""
    qtbot.wait(1)  # let the queued partial updates paint
    pix = window.screen().grabWindow(window.winId())
    return pix.toImage().convertToFormat(QImage.Format.Format_RGB32).copy(0, 0, window.width(), window.height())


def test_partial_repaints_equal_a_full_frame(qtbot):
    bus = EventBus()
    window = ProjectorWindow(bus)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.set_held(False)
    rng = random.Random(3)
    for n_candidates in (8, 30):  # one column; two columns and two pages
        counts = [[0, 0, 0] for _ in range(n_candidates)]
        window.show_view(view(counts, 0))
        for n in range(1, 40):
            for i in rng.sample(range(n_candidates), min(n_candidates, 6)):
                counts[i][rng.choice((0, 0, 1, 2))] += 1
            threshold = 61 if n < 30 else 40  # the pass line moving redraws everything
            window.show_view(view(counts, n, threshold=threshold))
            if n % 13 == 0:
                assert shown(window, qtbot) == full_frame(window), f"{n_candidates} candidates, ballot {n}"
        window.show_view(view(counts, 39, RESULT))
        assert shown(window, qtbot) == full_frame(window)


def test_a_ballot_repaints_only_the_rows_it_changed(qtbot):
    bus = EventBus()
    window = ProjectorWindow(bus)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.set_held(False)
    counts = [[5, 1, 0] for _ in range(8)]
    before = view(counts, 6)
    counts[2][0] += 1
    after = view(counts, 7)
    rects = window.painter.dirty(before, after, 1920, 1080, 0)
    assert rects is not None and len(rects) == 2  # the figures line and the one changed row
    assert all(r.left() > 1920 * 0.4 for r in rects[1:])  # the row's counts, not its name
    assert window.painter.dirty(before, view(counts, 7, threshold=40), 1920, 1080, 0) is None


def test_delegation_progress_repaints_with_the_ballots(qtbot):
    """分团计票: the footer's delegation line changes with each ballot; partial repaints still equal a full frame."""
    from dataclasses import replace

    from minsheng_desktop.domain.vote_session import DelegationLine

    bus = EventBus()
    window = ProjectorWindow(bus)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.set_held(False)
    rng = random.Random(7)
    counts = [[0, 0, 0] for _ in range(25)]
    names = ["城关镇代表团", "涧池镇代表团", "蒲溪镇代表团", "平梁镇代表团"]
    counted = dict.fromkeys(names, 0)
    for n in range(1, 30):
        name = names[n % 4] if n < 26 else names[0]
        counted[name] = min(counted[name] + 1, 8)
        for i in rng.sample(range(25), 10):
            counts[i][0] += 1
        lines = tuple(DelegationLine(d, 8, 8, counted[d], counted[d] == 8) for d in names)
        window.show_view(replace(view(counts, n), delegations=lines))
        if n % 7 == 0:
            assert shown(window, qtbot) == full_frame(window), f"ballot {n}"
    img = full_frame(window)
    band = window.painter._band_rect(1920, 1080).toAlignedRect()
    inks = {img.pixel(x, y) for x in range(band.x(), band.right(), 3) for y in range(band.y(), band.bottom(), 3)}
    assert len(inks) > 3  # the delegation line is drawn in the footer


def test_a_long_line_is_cut_with_an_ellipsis_within_its_width(qtbot):
    from minsheng_desktop.ui.projector.projector_painter import ProjectorPainter

    painter = ProjectorPainter("WenQuanYi Micro Hei")
    line = "分团计票：3/12 个代表团已计完　" + "　".join(f"第{i}代表团 {i}/27" for i in range(1, 13))
    pieces, total = painter.fitting(line, 600, 32, 1.0)
    ellipsis = painter.fitting("…", 600, 32, 1.0)[0][0]
    assert total <= 600 and pieces[-1] is ellipsis and len(pieces) > 3
    whole, width = painter.fitting("已计 5 / 收回 9 张", 600, 32, 1.0)
    assert whole[-1] is not ellipsis and width < 600
