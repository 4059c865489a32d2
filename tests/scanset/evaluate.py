"""Accuracy of the ballot reader on generated scans (issue 18 targets): every clear mark read right, no mark read
wrong without being flagged, at most 3% of sheets sent to a person.

    PYTHONPATH=. python -m tests.scanset.evaluate --sheets 300   # prints the confusion figures (README)"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import cv2

from minsheng_desktop.domain.mark_reading import columns
from minsheng_desktop.domain.vocabulary import SheetStatus
from minsheng_desktop.services.report_service import ReportService
from minsheng_desktop.services.scan_service import ScanService

from . import generator as gen

LABEL = {"Y": "赞成", "N": "反对", "A": "弃权", "": "未标记", "?": "待确认"}


@dataclass
class Figures:
    sheets: int = 0
    flagged: int = 0  # sheets sent to a person
    rejected: int = 0
    wrong_unflagged: int = 0  # rows read wrong on a sheet not sent to a person
    rows: Counter = field(default_factory=Counter)  # (truth, read) → rows; read "?" when the row was uncertain
    by_kind: Counter = field(default_factory=Counter)  # (kind, right/wrong/flagged) → rows
    flagged_why: list[str] = field(default_factory=list)
    scores: dict = field(default_factory=dict)  # how a box was marked → (lowest, highest) score seen

    def saw(self, kind: str, value: float) -> None:
        lo, hi = self.scores.get(kind, (1.0, 0.0))
        self.scores[kind] = (min(lo, value), max(hi, value))

    def table(self) -> str:
        reads = ["Y", "N", "A", "", "?"]
        lines = ["| 实际 \\ 读出 | " + " | ".join(LABEL[r] for r in reads) + " |",
                 "| --- |" + " --- |" * len(reads)]
        for t in ["Y", "N", "A", ""]:
            lines.append(f"| {LABEL[t]} | " + " | ".join(str(self.rows[(t, r)]) for r in reads) + " |")
        return "\n".join(lines)


def make_set(db, session_id: str, sheets: int, seed: int, folder: Path, clock=None) -> list[tuple[Path, list]]:
    """Generated scan files and, per file, the truth of each sheet in it (in page order)."""
    rng = random.Random(seed)
    reports, scan = ReportService(db, clock), ScanService(db, clock)
    sources = {}
    for paper in ("A4", "A3"):
        pdf = reports.write_vote("ballots", session_id, folder / f"print-{paper}.pdf", copies=1, paper=paper)
        plan = scan._plan(session_id, paper)
        sources[paper] = (gen.render(pdf), plan.spots, plan)
    files: list[tuple[Path, list]] = []
    feeder: list[tuple[bytes, tuple[float, float], gen.Truth]] = []
    for n in range(sheets):
        paper = "A4" if rng.random() < 0.75 else "A3"
        pages, spots, plan = sources[paper]
        cols = "".join(columns(plan.info.rules.ballot_style))
        all_rows = [sp.row for page in spots for sp in page if sp.column == 0]
        chosen, truth = gen.random_ballot(all_rows, cols, plan.info.rules.seats, rng)
        noise = gen.stray(all_rows, len(cols), chosen, rng, rng.choice((0, 0, 1, 2, 3)))
        truth.noise = noise
        dpi = rng.choice((150, 300))
        for p, (page, page_spots) in enumerate(zip(pages, spots, strict=True)):
            rows = {sp.row for sp in page_spots}
            marked = gen.mark_page(page, page_spots, {r: v for r, v in chosen.items() if r in rows}, rng,
                                   [x for x in noise if x[0] in rows])
            img, how = gen.distort(marked, rng, dpi)
            page_truth = gen.Truth({r: m for r, m in truth.marks.items() if r in rows},
                                   {r: k for r, k in truth.kinds.items() if r in rows}, truth.noise, how)
            kind = rng.choice(("png", "jpeg", "pdf"))
            if kind == "pdf":
                size = plan.layout.size
                feeder.append((gen.jpeg(img, rng.randint(60, 90)), (size[0] / 2.8346 + 16, size[1] / 2.8346 + 16),
                               page_truth))
                continue
            path = folder / f"sheet-{n:04d}-{p + 1}.{ 'png' if kind == 'png' else 'jpg'}"
            if kind == "png":
                cv2.imwrite(str(path), img)
            else:
                path.write_bytes(gen.jpeg(img, rng.randint(55, 90)))
            files.append((path, [page_truth]))
    if feeder:
        pdf = gen.pdf_of([d for d, _s, _t in feeder], [s for _d, s, _t in feeder], folder / "feeder.pdf")
        files.append((pdf, [t for _d, _s, t in feeder]))
    return files


def evaluate(db, session_id: str, files: list[tuple[Path, list]], clock=None) -> Figures:
    scan = ScanService(db, clock)
    fig = Figures()
    info = scan._plan(session_id, "A4").info
    ids, cols = [c.id for c in info.candidates], columns(info.rules.ballot_style)
    for path, truths in files:
        sheets = scan.read([path], session_id)
        assert len(sheets) == len(truths), path
        for sheet, truth in zip(sheets, truths, strict=True):
            fig.sheets += 1
            if sheet.status != SheetStatus.READ:
                fig.flagged += 1
                fig.rejected += sheet.status == SheetStatus.REJECTED
                fig.flagged_why.append(f"{path.name}#{sheet.page} {truth.distortion}: {sheet.reason}")
            for cid, reading in sheet.rows.items():
                row = ids.index(cid)
                want = truth.marks.get(row, "")
                for col, value in enumerate(sheet.scores[cid]):
                    marked = want and cols.index(want) == col
                    stray = [k for r, c, k in truth.noise if (r, c) == (row, col)]
                    fig.saw(truth.kinds.get(row, "blank") if marked else (stray[0] if stray else "blank"), value)
                got = reading.mark if reading.certain else "?"
                fig.rows[(want, got)] += 1
                kind = truth.kinds.get(row, "blank")
                verdict = "flagged" if got == "?" else ("right" if got == want else "wrong")
                fig.by_kind[(kind, verdict)] += 1
                if sheet.status == SheetStatus.READ and got != want:
                    fig.wrong_unflagged += 1
                    fig.flagged_why.append(f"误读 {path.name}#{sheet.page} {truth.distortion}: 第 {row + 1} 项 {kind} "
                                           f"应为“{LABEL[want]}”，读为“{LABEL[got]}”，得分 {sheet.scores[cid]}")
    return fig


def main() -> None:
    from minsheng_desktop.clock import FixedClock
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.storage.db import open_database

    ap = argparse.ArgumentParser()
    ap.add_argument("--sheets", type=int, default=200)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--keep", help="folder to keep the generated scans in")
    args = ap.parse_args()
    from datetime import date

    clock = FixedClock(date(2026, 11, 21))
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="scanset-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(folder / "demo.sqlite")
    write_demo(db, DemoOptions(), clock)
    sid = counting_session(db, clock)
    files = make_set(db, sid, args.sheets, args.seed, folder, clock)
    fig = evaluate(db, sid, files, clock)
    report(fig)
    db.close()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


def counting_session(db, clock) -> str:
    """A new session over the demo's 15 candidates, signed in and counting (the demo's own vote is sealed)."""
    from minsheng_desktop.services.roster_service import RosterService
    from minsheng_desktop.services.vote_service import VoteService

    svc = VoteService(db, clock)
    old = svc.info(svc.latest_session_id(2026))
    sid, _ = svc.create(2026, "清溪镇第十八届人民代表大会第七次会议", candidate_ids=[c.id for c in old.candidates],
                        seats=old.rules.seats)
    for d in RosterService(db).deputies()[:58]:
        svc.sign_in(sid, d.id)
    svc.start(sid)
    return sid


def report(fig: Figures) -> None:
    print(f"选票 {fig.sheets} 张；送人工确认 {fig.flagged} 张（{fig.flagged / max(1, fig.sheets):.1%}），"
          f"其中不能识别 {fig.rejected} 张；未标出的误读 {fig.wrong_unflagged} 项")
    print(fig.table())
    kinds = sorted({k for k, _v in fig.by_kind})
    for k in kinds:
        print(f"  {k}: " + "  ".join(f"{v} {fig.by_kind[(k, v)]}" for v in ("right", "wrong", "flagged")))
    for kind, (lo, hi) in sorted(fig.scores.items()):
        print(f"  {kind} 得分 {lo:.2f}～{hi:.2f}")
    for why in fig.flagged_why:
        print("  送人工：", why)


if __name__ == "__main__":
    main()
