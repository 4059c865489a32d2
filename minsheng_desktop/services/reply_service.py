"""Every proposer hears back: each proposal's fate through the year, what its proposer was told, and the outputs
(reply slips, the village notice-board list, the SMS sheet, the 征集公告 and the paper 建议征集表).

The fate is derived (``domain.fate``) from the records: the proposal, the main proposal of a merged one, the
candidate it went into, the sealed vote, the project and its progress, the satisfaction rounds. Producing a reply
slip or an SMS sheet records, per proposal, which steps were told and when (table ``proposal_reply``)."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..domain.errors import UserError
from ..domain.fate import Facts, Score, Step, Vote, Work, fate, new_since
from ..domain.terms import terms_for
from ..storage import audit_repo, proposal_repo, reply_repo, settings_repo
from .base import DatedService
from .changes import DATA, Changes
from .intake_service import ProposalRow, to_row

DECISIONS = ("proposal.outcome", "proposal.merged", "candidate.created", "candidate.updated")


@dataclass(frozen=True)
class Told:
    day: date
    channel: str  # 回执 / 短信
    stage: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class ProposalFate:
    row: ProposalRow
    steps: list[Step]
    told: list[Told] = field(default_factory=list)

    @property
    def told_keys(self) -> set[str]:
        return {k for t in self.told for k in t.steps}

    @property
    def news(self) -> list[Step]:
        """Steps the proposer has not been told of."""
        return new_since(self.steps, self.told_keys)

    @property
    def latest(self) -> Step:
        return self.steps[-1]


def _day(stamp: str | datetime | None) -> date | None:
    if stamp is None:
        return None
    if isinstance(stamp, datetime):
        return stamp.date()
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError:
        return None


class ReplyService(DatedService):

    # Reading -------------------------------------------------------------------------------------------------
    def fates(self, year: int, ids: list[str] | None = None) -> list[ProposalFate]:
        """Every proposal of the year (or those ``ids``) with its steps and what its proposer was told."""
        with self.db.unit_of_work(read_only=True) as s:
            code = settings_repo.local_code(s)
            proposals = proposal_repo.for_year(s, code, year)
            by_id = {p.id: p for p in proposals}
            decided = self._decisions(s, set(by_id))
            cand_of, cand_name, adopted = self._candidates(s, code, year)
            votes = self._votes(s, code, year)
            works, scores = self._projects(s, code, year)
            told = self._told(s, list(by_id))
            terms = terms_for(settings_repo.local_level(s))
            out = []
            for p in proposals:
                if ids is not None and p.id not in ids:
                    continue
                main = by_id.get(p.merged_into_id) if p.merged_into_id else None
                source = main or p
                cid = cand_of.get(source.id) or cand_of.get(p.id)
                facts = Facts(
                    p.seq_no, p.title, p.status, p.reply_reason, p.received_on, year, decided.get(p.id),
                    (main.seq_no, main.title) if main else None, main.status if main else "",
                    main.reply_reason if main else "", decided.get(main.id) if main else None,
                    cand_name.get(cid, ""), adopted.get(cid), votes.get(cid), works.get(cid), scores.get(cid), terms)
                out.append(ProposalFate(to_row(p), fate(facts), told.get(p.id, [])))
            return out

    def fate(self, year: int, proposal_id: str) -> ProposalFate:
        found = self.fates(year, [proposal_id])
        if not found:
            raise UserError("该建议已不存在，请刷新列表", "proposal not found")
        return found[0]

    def _decisions(self, s, ids: set[str]) -> dict[str, date | None]:
        """When each proposal's outcome or merge was recorded (the audit log's time), the latest first kept."""
        out: dict[str, date | None] = {}
        rows = reply_repo.audit_entries(s, DECISIONS)
        for action, entity_id, at, detail in rows:
            data = json.loads(detail or "{}")
            touched = data.get("ids") or data.get("merged") or data.get("proposals") or []
            if action == "proposal.merged":
                touched = [*touched, entity_id]
            for pid in touched:
                if pid in ids:
                    out[pid] = _day(at) or out.get(pid)
        return out

    def _candidates(self, s, code: str, year: int):
        cand_of: dict[str, str] = {}
        names: dict[str, str] = {}
        adopted: dict[str, date | None] = {}
        rows = reply_repo.candidate_sources(s, code, year)
        for pid, cid, name, status, created in rows:
            if status == "撤回":
                continue
            cand_of[pid], names[cid], adopted[cid] = cid, name, _day(created)
        for cid, first in reply_repo.screening_dates(s, list(names)):
            if first and cid in adopted and (adopted[cid] is None or first < adopted[cid]):
                adopted[cid] = first
        return cand_of, names, adopted

    def _votes(self, s, code: str, year: int) -> dict[str, Vote]:
        """Per candidate: chosen in any sealed vote of the year, else the last sealed vote it stood in."""
        out: dict[str, Vote] = {}
        sessions = reply_repo.sealed_sessions(s, code, year)
        for v in sessions:
            result = v.result or {}
            chosen = set(result.get("chosen", ()))
            approvals = {c["id"]: c.get("approve") for c in result.get("candidates", ())}
            pending = set(result.get("revote", ())) | set(result.get("further_vote", ()))
            held = v.held_on or _day(v.sealed_at)
            for cid in reply_repo.session_candidate_ids(s, v.id):
                if cid in out and out[cid].chosen:
                    continue
                if cid in chosen or cid not in pending:
                    out[cid] = Vote(v.title, held, cid in chosen, approvals.get(cid))
        return out

    def _projects(self, s, code: str, year: int) -> tuple[dict[str, Work], dict[str, Score]]:
        works: dict[str, Work] = {}
        scores: dict[str, Score] = {}
        projects = reply_repo.voted_projects(s, code, year)
        ids = [p.id for p in projects]
        first: dict[str, date] = {}
        for pid, day in reply_repo.progress_dates(s, ids):
            first[pid] = min(day, first.get(pid, day))
        ended = reply_repo.terminated(s, ids)
        rounds = defaultdict(list)
        for r in reply_repo.decided_rounds(s, ids):
            rounds[r.project_id].append(r)
        for p in projects:
            if p.candidate_id is None:  # never: only projects from a candidate are read
                continue
            stop = (ended[p.id] or self.today) if p.id in ended else None
            works[p.candidate_id] = Work(p.name, first.get(p.id), p.percent, p.completed_on, stop)
            if rounds[p.id]:  # the latest decided round: a re-score after 整改 replaces the first verdict
                r = max(rounds[p.id], key=lambda r: (r.held_on or date.min, r.created_at))
                scores[p.candidate_id] = Score(r.held_on, r.verdict, r.satisfied_rate, r.satisfied_or_basic_rate,
                                               r.respondents)
        return works, scores

    def _told(self, s, ids: list[str]) -> dict[str, list[Told]]:
        out: dict[str, list[Told]] = defaultdict(list)
        if not ids:
            return out
        for r in reply_repo.replies(s, ids):
            out[r.proposal_id].append(Told(r.told_on, r.channel, r.stage, tuple(r.steps or ())))
        return out

    # Recording what was told -----------------------------------------------------------------------------------
    def record(self, fates: list[ProposalFate], channel: str, messages: dict[str, str] | None = None) -> Changes:
        """The proposers of ``fates`` were told everything so far (a slip printed, an SMS sheet made)."""
        if not fates:
            return Changes()
        with self.db.unit_of_work() as s:
            code = settings_repo.local_code(s)
            for f in fates:
                reply_repo.add_reply(s, jurisdiction_code=code, proposal_id=f.row.id, told_on=self.today,
                                     channel=channel, stage=f.latest.stage, steps=[st.key for st in f.steps],
                                     message=(messages or {}).get(f.row.id, f.latest.text))
            audit_repo.append(s, code, "proposal.replied", entity="proposal", entity_id=fates[0].row.id,
                              detail={"channel": channel, "ids": [f.row.id for f in fates]})
        return Changes.of(DATA, message=f"已记录向 {len(fates)} 位建议人{'发出短信' if channel == '短信' else '送达答复回执'}")

    def chosen(self, year: int, ids: list[str] | None = None, *, only_news: bool = True,
               village: str | None = None) -> list[ProposalFate]:
        """The proposals to reply to: with news not yet told (or all), of one village (or all)."""
        out = [f for f in self.fates(year, ids) if (not only_news or f.news)
               and (village is None or f.row.village == village)]
        return out

    # Outputs ---------------------------------------------------------------------------------------------------
    def _issuer(self):
        from .report_service import ReportService

        return ReportService(self.db, self.clock).issuer()

    def slips(self, year: int, out: str | os.PathLike[str], ids: list[str] | None = None, *, only_news: bool = True,
              village: str | None = None) -> tuple[Path, Changes]:
        """One reply slip per proposer (PDF, several to an A4 sheet with cut lines, or .docx); recorded as told."""
        from .reports import reply_slips

        fates = self.chosen(year, ids, only_news=only_news, village=village)
        if not fates:
            raise UserError("没有需要答复的建议（所选建议的进展都已告知建议人）", "nothing new to reply")
        path = reply_slips.write(out, self._issuer(), year, fates, today=self.today)
        return path, self.record(fates, "回执")

    def sms_sheet(self, year: int, out: str | os.PathLike[str], ids: list[str] | None = None, *,
                  only_news: bool = True, village: str | None = None) -> tuple[Path, Changes, int]:
        """The SMS sheet (phone, message ≤ 70 characters) for the office's own SMS platform; those with a mobile
        number are recorded as told. Returns the path, the changes and how many have no mobile number."""
        from .reports import reply_lists

        fates = self.chosen(year, ids, only_news=only_news, village=village)
        if not fates:
            raise UserError("没有需要答复的建议（所选建议的进展都已告知建议人）", "nothing new to reply")
        issuer = self._issuer()
        path, sent, messages = reply_lists.sms_workbook(out, issuer, year, fates)
        return path, self.record(sent, "短信", messages), len(fates) - len(sent)

    def notice_list(self, year: int, out: str | os.PathLike[str], village: str | None = None) -> Path:
        """The list for a village's notice board: no phone numbers, the proposer's surname and 村民小组 only."""
        from .reports import reply_lists

        fates = [f for f in self.fates(year) if village is None or f.row.village == village]
        return reply_lists.notice_list(out, self._issuer(), year, fates, village, today=self.today)

    def announcement(self, year: int, out: str | os.PathLike[str], *, deadline: date | None = None,
                     phone: str = "") -> Path:
        from .reports import intake_forms

        with self.db.unit_of_work(read_only=True) as s:
            j = settings_repo.local_jurisdiction(s)
            contact = phone or (j.contact if j else "")
            categories = tuple(settings_repo.get(s, j.code, "categories", []) or ()) if j else ()
        return intake_forms.announcement(out, self._issuer(), year, categories, deadline=deadline, phone=contact,
                                         today=self.today)

    def paper_form(self, year: int, out: str | os.PathLike[str], copies: int = 1) -> Path:
        from .reports import intake_forms

        with self.db.unit_of_work(read_only=True) as s:
            code = settings_repo.local_code(s)
            categories = tuple(settings_repo.get(s, code, "categories", []) or ())
        return intake_forms.paper_form(out, self._issuer(), year, categories, copies)
