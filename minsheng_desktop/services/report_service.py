"""Reports by kind: gathers the data through the services and writes PDF, .docx or .xlsx by the file's extension.

Documents the town issues carry its 本级机关名称 and, when set, the red masthead (设置 › 本级信息) and a 文号."""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.errors import UserError
from ..domain.limits import check_year
from ..domain.rules import VotePolicy
from ..domain.terms import terms_for
from ..storage import settings_repo
from .base import DatedService
from .reports import intake_reports
from .reports.official import Issuer, doc_kind
from .screening_service import ScreeningService
from .settings_service import DocumentStyle

KINDS = {"county-summary": "县级汇总", "candidates": "候选项目建议名单", "replies": "建议办理答复清单", "ledger": "项目台账", "notice": "进展公示",
         "calendar": "监督工作日程", "scores": "满意度测评结果", "ballots": "选票", "tally-sheet": "计票单",
         "tally-report": "计票结果报告单", "announcement": "公告", "counts": "计票数据（.xlsx）"}
VOTE_KINDS = ("ballots", "tally-sheet", "tally-report", "announcement", "counts")


class ReportService(DatedService):
    """Reads through services built with its own clock, and dates every report by it."""

    def _town(self, number: str = "") -> tuple[Issuer, VotePolicy]:
        with self.db.unit_of_work() as s:
            j = settings_repo.local_jurisdiction(s)
            if j is None:
                raise UserError("尚未设置本级信息", "no jurisdiction set up yet")
            style = DocumentStyle.from_dict(settings_repo.get(s, j.code, "document_style"))
            issuer = Issuer(j.name, style.body_for(j.name, j.level), style.red_header, number.strip(),
                            terms_for(j.level))
            return issuer, VotePolicy.from_dict(settings_repo.get(s, j.code, "vote_policy"))

    def issuer(self, number: str = "") -> Issuer:
        """Who signs the town's documents, with the 文号 of the one being written."""
        return self._town(number)[0]

    def write(self, kind: str, year: int, out: str | os.PathLike[str], *, village: str | None = None,
              number: str = "") -> Path:
        """``number``: the document's 文号 (e.g. 清人主〔2026〕3号), printed under the masthead."""
        if kind == "county-summary":
            return self.county_summary(out, year, number=number)
        check_year(year)
        issuer, policy = self._town(number)
        if kind == "candidates":
            rows = ScreeningService(self.db).ballot_list(year)
            return intake_reports.candidate_list(out, issuer, year, rows, policy.rules.seats, today=self.today)
        if kind == "replies":  # for the notice board: no phone numbers, surname and 村民小组 only (reply_service)
            from .reply_service import ReplyService

            return ReplyService(self.db, self.clock).notice_list(year, out, village)
        if kind in ("ledger", "notice", "calendar", "scores"):
            return self._year_report(kind, issuer, year, out)
        raise UserError(f"未知的报表类型“{kind}”，可选：{'、'.join(KINDS)}", f"unknown report kind '{kind}'")

    def write_vote(self, kind: str, session_id: str, out: str | os.PathLike[str], *, paper: str = "auto",
                   copies: int | None = None, number: str = "") -> Path:
        """Ballots, the tally sheet, the tally report, the announcement or the counts workbook of one session."""
        from ..storage import deputy_repo
        from .ballot_source import ballot_items
        from .reports import ballot_pdf, vote_reports
        from .seal_service import printed_seal
        from .vote_service import VoteService

        issuer, _policy = self._town(number)
        info = VoteService(self.db, self.clock).info(session_id)
        with self.db.unit_of_work() as s:
            items = ballot_items(s, [c.id for c in info.candidates])
            officers = {role: [deputy_repo.name_of(s, d) for d in ids] for role, ids in info.officers.items()}
            seal = printed_seal(s, session_id)
        ext = Path(out).suffix.lower()
        if kind == "counts":
            if ext != ".xlsx":
                raise UserError("计票数据请保存为 .xlsx 文件", "counts are written as .xlsx")
            return vote_reports.counts_workbook(out, info)
        if kind in ("tally-report", "announcement"):
            doc_kind(out, (".pdf", ".docx"))
        elif ext != ".pdf":
            raise UserError("选票和计票单请保存为 .pdf 文件", "ballots and the tally sheet are PDFs")
        if kind == "ballots":
            n = copies if copies is not None else (len(info.present) or info.rules.deputies_total)
            return ballot_pdf.ballots(out, info.title, items, info.rules.seats, info.rules.ballot_style, n, paper,
                                      terms=info.terms, session_id=session_id)
        if kind == "tally-sheet":
            return ballot_pdf.tally_sheet(out, info.title, [c.name for c in info.candidates], info.rules.ballot_style,
                                          terms=info.terms)
        if kind == "tally-report":
            return vote_reports.tally_report(out, issuer, info, officers, today=self.today, seal=seal)
        if kind == "announcement":
            return vote_reports.announcement(out, issuer, info, today=self.today, seal=seal)
        raise UserError(f"未知的报表类型“{kind}”", f"unknown report kind '{kind}'")

    def latest_session(self, year: int | None) -> str:
        from .vote_service import VoteService

        if year is not None:
            check_year(year)
        return VoteService(self.db, self.clock).latest_session_id(year)

    def _year_report(self, kind: str, issuer: Issuer, year: int, out) -> Path:
        from .project_service import ProjectService
        from .reports import year_reports
        from .scoring_service import ScoringService
        from .supervision_service import SupervisionService

        projects = ProjectService(self.db, self.clock).projects(year)
        if kind == "ledger":
            return year_reports.ledger(out, issuer, year, projects, today=self.today)
        if kind == "notice":
            return year_reports.notice(out, issuer, year, projects, today=self.today)
        if kind == "calendar":
            from .settings_service import SettingsService

            system = SettingsService(self.db, self.clock).load().supervision_system
            return year_reports.calendar(out, issuer, year, SupervisionService(self.db, self.clock).events(year),
                                         {p.id: p.name for p in projects}, today=self.today, system=system)
        rounds = [r for r in ScoringService(self.db, self.clock).rounds(year) if r.project_id]  # meetings': below
        return year_reports.scores(out, issuer, year, rounds, today=self.today)

    def meeting_scores(self, event_id: str, out, *, number: str = "") -> Path:
        """A meeting's 测评结果: every agenda item scored there (and re-scored after 整改), named as its subject."""
        from .agenda_service import AgendaService
        from .reports.meeting_reports import meeting_scores
        from .scoring_service import ScoringService

        agenda = AgendaService(self.db, self.clock).agenda(event_id)
        issuer = self._town(number)[0]
        return meeting_scores(out, issuer, agenda, ScoringService(self.db, self.clock).rounds(agenda.year),
                              today=self.today)

    def scoring_ballot(self, round_ids: list[str], year: int, out) -> Path:
        from .reports import year_reports
        from .scoring_service import ScoringService

        svc = ScoringService(self.db, self.clock)
        rounds = [r for r in svc.rounds(year) if r.id in set(round_ids)]
        if not rounds:
            raise UserError("请先选择测评", "no round selected")
        policy = svc.policy()
        return year_reports.scoring_ballot(out, rounds[0].batch, [r.project for r in rounds], rounds[0].method,
                                           policy.allow_abstain, subject="项目" if rounds[0].project_id else "测评事项")

    def county_summary(self, out, year: int | None = None, *, number: str = "") -> Path:
        """Titled by the local jurisdiction (a county's, or a city's), dated today; without one, by the year alone."""
        from .reports.county_report import county_summary, summary_title
        from .summary_service import SummaryService

        with self.db.unit_of_work() as s:
            has_town = settings_repo.local_jurisdiction(s) is not None
        issuer = self._town(number)[0] if has_town else None
        title = summary_title(issuer.town if issuer else None, year)
        board = None
        if year is not None:
            from .dashboard_service import DashboardService

            board = DashboardService(self.db, self.clock).dashboard(year)
        return county_summary(out, title, SummaryService(self.db).summary(year), issuer, today=self.today,
                              board=board)
