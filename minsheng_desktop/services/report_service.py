"""Reports by kind: gathers the data through the services and writes PDF or .xlsx by the file's extension."""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.errors import UserError
from ..domain.rules import VotePolicy
from ..storage import settings_repo
from .base import DatedService
from .intake_service import IntakeService
from .reports import intake_reports
from .screening_service import ScreeningService

KINDS = {"county-summary": "县级汇总", "candidates": "候选项目建议名单", "replies": "建议办理答复清单", "ledger": "项目台账", "notice": "进展公示",
         "calendar": "监督工作日程", "scores": "满意度测评结果", "ballots": "选票", "tally-sheet": "计票单",
         "tally-report": "计票结果报告单", "announcement": "公告", "counts": "计票数据（.xlsx）"}
VOTE_KINDS = ("ballots", "tally-sheet", "tally-report", "announcement", "counts")


class ReportService(DatedService):
    """Reads through services built with its own clock, and dates every report by it."""

    def _town(self) -> tuple[str, VotePolicy]:
        with self.db.unit_of_work() as s:
            j = settings_repo.local_jurisdiction(s)
            if j is None:
                raise UserError("尚未设置本级信息", "no jurisdiction set up yet")
            return j.name, VotePolicy.from_dict(settings_repo.get(s, j.code, "vote_policy"))

    def write(self, kind: str, year: int, out: str | os.PathLike[str], *, village: str | None = None) -> Path:
        town, policy = self._town()
        if kind == "candidates":
            rows = ScreeningService(self.db).ballot_list(year)
            return intake_reports.candidate_list(out, town, year, rows, policy.rules.seats, today=self.today)
        if kind == "replies":
            return intake_reports.reply_list(out, town, year, IntakeService(self.db).list(year), village)
        if kind in ("ledger", "notice", "calendar", "scores"):
            return self._year_report(kind, town, year, out)
        if kind == "county-summary":
            return self.county_summary(out, year)
        raise UserError(f"未知的报表类型“{kind}”，可选：{'、'.join(KINDS)}", f"unknown report kind '{kind}'")

    def write_vote(self, kind: str, session_id: str, out: str | os.PathLike[str], *, paper: str = "auto",
                   copies: int | None = None) -> Path:
        """Ballots, the tally sheet, the tally report, the announcement or the counts workbook of one session."""
        from ..storage.models import Candidate, Deputy
        from .reports import ballot_pdf, vote_reports
        from .seal_service import printed_seal
        from .vote_service import VoteService

        town, _policy = self._town()
        info = VoteService(self.db, self.clock).info(session_id)
        with self.db.unit_of_work() as s:
            cands = {c.id: s.get(Candidate, c.id) for c in info.candidates}
            items = [ballot_pdf.BallotItem(c.name, c.content, float(c.est_investment) if c.est_investment is not None
                                           else None, f"{c.deadline.year}年{c.deadline.month}月" if c.deadline else "")
                     for c in cands.values()]
            officers = {role: [s.get(Deputy, d).name for d in ids] for role, ids in info.officers.items()}
            seal = printed_seal(s, session_id)
        ext = Path(out).suffix.lower()
        if kind == "counts":
            if ext != ".xlsx":
                raise UserError("计票数据请保存为 .xlsx 文件", "counts are written as .xlsx")
            return vote_reports.counts_workbook(out, info)
        if ext != ".pdf":
            raise UserError("请保存为 .pdf 文件", "this report is a PDF")
        if kind == "ballots":
            n = copies if copies is not None else (len(info.present) or info.rules.deputies_total)
            return ballot_pdf.ballots(out, info.title, items, info.rules.seats, info.rules.ballot_style, n, paper)
        if kind == "tally-sheet":
            return ballot_pdf.tally_sheet(out, info.title, [c.name for c in info.candidates], info.rules.ballot_style)
        if kind == "tally-report":
            return vote_reports.tally_report(out, town, info, officers, today=self.today, seal=seal)
        if kind == "announcement":
            return vote_reports.announcement(out, town, info, today=self.today, seal=seal)
        raise UserError(f"未知的报表类型“{kind}”", f"unknown report kind '{kind}'")

    def latest_session(self, year: int | None) -> str:
        from .vote_service import VoteService

        return VoteService(self.db, self.clock).latest_session_id(year)

    def _year_report(self, kind: str, town: str, year: int, out) -> Path:
        from .project_service import ProjectService
        from .reports import year_reports
        from .scoring_service import ScoringService
        from .supervision_service import SupervisionService

        projects = ProjectService(self.db, self.clock).list(year)
        if kind == "ledger":
            return year_reports.ledger(out, town, year, projects, today=self.today)
        if kind == "notice":
            if Path(out).suffix.lower() != ".pdf":
                raise UserError("公示请保存为 .pdf 文件", "the notice is a PDF")
            return year_reports.notice(out, town, year, projects, today=self.today)
        if kind == "calendar":
            return year_reports.calendar(out, town, year, SupervisionService(self.db, self.clock).events(year),
                                         {p.id: p.name for p in projects})
        return year_reports.scores(out, town, year, ScoringService(self.db, self.clock).rounds(year))

    def scoring_ballot(self, round_ids: list[str], year: int, out) -> Path:
        from .reports import year_reports
        from .scoring_service import ScoringService

        svc = ScoringService(self.db, self.clock)
        rounds = [r for r in svc.rounds(year) if r.id in set(round_ids)]
        if not rounds:
            raise UserError("请先选择测评", "no round selected")
        policy = svc.policy()
        return year_reports.scoring_ballot(out, rounds[0].batch, [r.project for r in rounds], rounds[0].method,
                                           policy.allow_abstain)

    def county_summary(self, out, year: int | None = None) -> Path:
        from .reports.county_report import county_summary
        from .summary_service import SummaryService

        with self.db.unit_of_work() as s:
            j = settings_repo.local_jurisdiction(s)
            name = j.name if j else "汇总"
        title = f"{name}{'' if year is None else f'{year}年度'}民生实事项目汇总"
        return county_summary(out, title, SummaryService(self.db).summary(year))
