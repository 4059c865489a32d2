"""选票扫描计票: read a stack of scanned ballots of one session, and record the ones read for certain.

Reading (no writes): every page is found, straightened and measured (scan/sheet_image), its code checked against
the session and the layout the session prints today (scan/geometry), each row decided (domain/mark_reading) and the
ballot judged by the session's rules. Pages of a multi-page ballot are taken in order (page 1, 2, … of one copy).
Recording goes through VoteService.record_ballot — the same durable path as a ballot keyed in by the tellers —
with each sheet's image and its hash kept with the ballot and in the audit log."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..domain import ballot_code
from ..domain.errors import UserError
from ..domain.mark_reading import BallotReading, RowReading, columns, read_ballot, read_row
from ..domain.tally import Ballot, ballot_problem
from ..domain.vocabulary import SheetStatus
from ..storage import scan_repo
from .ballot_record import SheetEvidence
from .ballot_source import ballot_items
from .base import DatedService
from .reports import ballot_layout, ballot_marks
from .scan import geometry as G
from .scan import sheet_image as S
from .scan.sources import PageImage, expand, page_count, prefetch
from .vote_service import SessionInfo, VoteService

_NO_PIXELS = np.zeros((0, 0), np.uint8)


@dataclass
class Sheet:
    """One scanned page and what was read on it."""

    file: str
    page: int  # within its file
    status: str  # SheetStatus
    reason: str = ""
    session_id: str = ""
    ballot_page: int = 0  # the page of the ballot this sheet is (1-based), 0 when unknown
    ballot_pages: int = 0
    marks: dict[str, str] = field(default_factory=dict)  # candidate id → Y/N/A/"" for the rows on this sheet
    scores: dict[str, list[float]] = field(default_factory=dict)  # candidate id → each box's score, left to right
    rows: dict[str, RowReading] = field(default_factory=dict)
    upside_down: bool = False
    paper: str = ""
    image: PageImage | None = None  # the page as scanned (its pixels dropped once read; the evidence kept)
    preview: bytes = b""  # the page straightened and upright, as a small JPEG for the person confirming it


@dataclass
class ScannedBallot:
    """The sheets of one ballot copy (one, or every page of a multi-page ballot) and the ballot they make."""

    sheets: list[Sheet]
    reading: BallotReading

    @property
    def status(self) -> str:
        return self.reading.status


@dataclass
class _Plan:
    info: SessionInfo
    layout: ballot_layout.Layout
    version: str
    spots: list[list[G.Spot]]


class ScanService(DatedService):

    def __init__(self, db, clock=None, votes: VoteService | None = None):
        super().__init__(db, clock)
        # The console's own vote service when there is one: its running count takes the scanned ballots too.
        self.votes = votes or VoteService(db, clock)
        self._plans: dict[tuple[str, str], _Plan] = {}
        self._sessions: dict[str, str] = {}  # code prefix → session id
        self.delegation = ""  # 分团计票: the delegation whose box the sheets came from (the console's 本台录入)

    def _plan(self, session_id: str, paper: str) -> _Plan:
        key = (session_id, paper)
        if key not in self._plans:
            info = self.votes.info(session_id)
            with self.db.unit_of_work(read_only=True) as s:
                items = ballot_items(s, [c.id for c in info.candidates])
            lay = ballot_layout.plan_ballot(info.title, items, info.rules.seats, info.rules.ballot_style, paper)
            self._plans[key] = _Plan(info, lay, ballot_marks.layout_version(lay), G.page_spots(lay))
        return self._plans[key]

    def _session_of(self, prefix: str) -> str:
        if prefix not in self._sessions:
            with self.db.unit_of_work(read_only=True) as s:
                found = scan_repo.sessions_starting(s, prefix)
            self._sessions[prefix] = found[0] if len(found) == 1 else ""
        return self._sessions[prefix]

    # Reading ---------------------------------------------------------------------------------------------------
    def count_pages(self, files: list[str | Path]) -> int:
        return sum(page_count(p) for p in expand(files))

    def read_page(self, image: PageImage, session_id: str | None) -> Sheet:
        sheet = Sheet(image.file, image.page, SheetStatus.REJECTED, image=image)
        try:
            found = S.locate(image.grey, G.GEOMETRIES)
            code = ballot_code.parse(found.text)
        except S.SheetRefused as e:
            sheet.reason = e.reason
            return sheet
        except UserError as e:
            sheet.reason = e.zh
            return sheet
        sheet.ballot_page, sheet.ballot_pages = code.page, code.pages
        sheet.upside_down, sheet.paper = found.upside_down, code.paper
        if session_id and not session_id.startswith(code.session_id):
            sheet.reason = "这张选票属于另一次票决，不能计入本次票决"
            return sheet
        full = session_id or self._session_of(code.session_id)
        if not full:
            sheet.reason = "这张选票所属的票决不在本数据文件中"
            return sheet
        sheet.session_id = full
        plan = self._plan(full, code.paper)
        if code.layout != plan.version or code.pages != plan.layout.page_count:
            sheet.reason = "这张选票印制后，候选项目或选票版式已有改动，不能按现在的版式识别，请人工唱票"
            return sheet
        return self._measure(sheet, image, found, plan, code.page)

    def _measure(self, sheet: Sheet, image: PageImage, found: S.Located, plan: _Plan, page: int) -> Sheet:
        upright = S.straighten(image.grey, found, G.GEOMETRIES[found.paper])
        sheet.preview = S.preview(upright)
        spots = plan.spots[page - 1]
        measures = S.measure_boxes(upright, [(sp.box, sp.cell) for sp in spots])
        borders = sorted(m.border for m in measures)
        if borders and borders[len(borders) // 2] < 0.35:
            sheet.reason = "选票上的方框对不准（页面变形、折叠或扫描不完整），请人工唱票"
            return sheet
        cols = columns(plan.info.rules.ballot_style)
        ids = [c.id for c in plan.info.candidates]
        by_row: dict[int, list[float]] = {}
        for sp, m in zip(spots, measures, strict=True):
            by_row.setdefault(sp.row, [0.0] * len(cols))[sp.column] = m.score
        for row, scores in sorted(by_row.items()):
            cid = ids[row]
            reading = read_row(row + 1, scores, cols)
            sheet.rows[cid], sheet.scores[cid] = reading, scores
            sheet.marks[cid] = reading.mark if reading.certain else ""
        uncertain = [r.reason for r in sheet.rows.values() if not r.certain]
        sheet.status = SheetStatus.UNCERTAIN if uncertain else SheetStatus.READ
        sheet.reason = "；".join(uncertain)
        return sheet

    def read(self, files: Iterable[str | Path], session_id: str | None = None,
             progress: Callable[[int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> list[Sheet]:
        """Every page of every file, in order. The first sheet with a code names the session when none is given;
        sheets of other sessions are then refused."""
        out: list[Sheet] = []
        for image in prefetch(expand(list(files))):
            if cancelled is not None and cancelled():
                return out
            sheet = self.read_page(image, session_id)
            sheet.image = dataclasses.replace(image, grey=_NO_PIXELS)
            if session_id is None and sheet.session_id and sheet.status != SheetStatus.REJECTED:
                session_id = sheet.session_id
            out.append(sheet)
            if progress is not None:
                progress(len(out))
        return out

    def scan_files(self, files: list[str | Path], session_id: str | None, *, record: bool, by: str = "扫描") -> dict:
        """Read (and, with ``record``, record the certain ballots of) a stack of scans: what `minsheng scan`
        prints. Uncertain and refused sheets are left for a person."""
        sheets = self.read(files, session_id)
        entries: list[dict] = []
        summary = {str(k): 0 for k in SheetStatus} | {"recorded": 0}
        for ballot in self.ballots(sheets):
            cols = columns(self._plan(ballot.sheets[0].session_id, ballot.sheets[0].paper).info.rules.ballot_style) \
                if ballot.status != SheetStatus.REJECTED else ()
            outcome: dict = {"ballot_status": str(ballot.status), "invalid": ballot.reading.problem}
            if ballot.status == SheetStatus.UNCERTAIN:
                outcome["why"] = "；".join(ballot.reading.reasons)
            if record and ballot.status == SheetStatus.READ:
                try:
                    self.record(ballot.sheets[0].session_id, ballot, by=by)
                    outcome["recorded"] = True
                    summary["recorded"] += 1
                except UserError as e:
                    outcome["recorded"], outcome["not_recorded_why"] = False, e.zh
            for sh in ballot.sheets:
                summary[str(sh.status)] += 1
                entries.append(sheet_entry(sh, cols) | outcome)
        found = next((sh.session_id for sh in sheets if sh.session_id), session_id)
        return {"session": found, "sheets": entries, "summary": summary}

    def ballots(self, sheets: list[Sheet]) -> list[ScannedBallot]:
        """Sheets grouped into ballot copies (pages in order) and each judged by its session's rules."""
        return [self._judge(group) for group in _groups(sheets)]

    def _judge(self, group: list[Sheet]) -> ScannedBallot:
        first = group[0]
        if first.status == SheetStatus.REJECTED:
            return ScannedBallot(group, BallotReading(SheetStatus.REJECTED, {}, [first.reason]))
        info = self._plan(first.session_id, first.paper).info
        rows = {cid: r for sh in group for cid, r in sh.rows.items()}
        reading = read_ballot(rows, info.rules, [c.id for c in info.candidates])
        pages_seen = [sh.ballot_page for sh in group]
        if pages_seen != list(range(1, first.ballot_pages + 1)):
            why = f"这张选票共 {first.ballot_pages} 页，扫描到的是第 {'、'.join(map(str, pages_seen))} 页"
            reading = BallotReading(SheetStatus.UNCERTAIN, reading.marks, [why, *reading.reasons], reading.problem)
        return ScannedBallot(group, reading)

    # Recording -------------------------------------------------------------------------------------------------
    def record(self, session_id: str, ballot: ScannedBallot, marks: dict[str, str] | None = None,
               by: str = "扫描", spoiled: bool = False) -> str | None:
        """Record one ballot through the vote service (as if keyed), with its sheets' images and hashes.
        ``marks`` is what a person confirmed (None: as read, which must then be certain)."""
        if marks is None and not spoiled and ballot.status != SheetStatus.READ:
            raise UserError("这张选票有不确定的标记，须由计票人确认后录入", "an uncertain ballot needs a person")
        final = dict(ballot.reading.marks if marks is None else marks)
        evidence = [SheetEvidence(f"{sh.file}#{sh.page}", sh.image.mime, sh.image.evidence, sh.image.sha256,
                                  {cid: sh.scores[cid] for cid in sh.scores}) for sh in ballot.sheets
                    if sh.image is not None]
        return self.votes.record_ballot(session_id, final, spoiled, by=by, evidence=evidence,
                                        delegation=self.delegation)


def sheet_entry(sheet: Sheet, cols: tuple[str, ...]) -> dict:
    """One sheet as the CLI prints it."""
    return {"file": sheet.file, "page": sheet.page, "session": sheet.session_id or None,
            "ballot_page": sheet.ballot_page or None, "ballot_pages": sheet.ballot_pages or None,
            "upside_down": sheet.upside_down, "status": str(sheet.status), "why": sheet.reason,
            "marks": dict(sheet.marks),
            "scores": {cid: dict(zip(cols, values, strict=True)) for cid, values in sheet.scores.items()},
            "sha256": sheet.image.sha256 if sheet.image is not None else None}


def _groups(sheets: list[Sheet]) -> Iterator[list[Sheet]]:
    """Consecutive pages 1..n of one copy make a ballot; a rejected sheet stands alone."""
    group: list[Sheet] = []
    for sh in sheets:
        joins = (group and sh.status != SheetStatus.REJECTED and sh.ballot_page > 1
                 and sh.session_id == group[-1].session_id and sh.ballot_page == group[-1].ballot_page + 1)
        if not joins and group:
            yield group
            group = []
        group.append(sh)
        if sh.status == SheetStatus.REJECTED or sh.ballot_page == sh.ballot_pages:
            yield group
            group = []
    if group:
        yield group


def problem_of(info: SessionInfo, marks: dict[str, str]) -> str | None:
    return ballot_problem(Ballot(marks), info.rules, [c.id for c in info.candidates])
