"""征集: entering proposals, flagging look-alikes, merging them, replying to every proposer, attachments."""

from __future__ import annotations

import hashlib
import mimetypes
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.errors import UserError
from ..domain.intake import ProposalInput, check_outcome, validate_proposal
from ..domain.similarity import SimilarityIndex
from ..storage import audit_repo, proposal_repo, settings_repo
from ..storage.db import Database
from . import lookalike
from .changes import DATA, Changes

MAX_ATTACHMENT = 20 * 1024 * 1024


@dataclass(frozen=True)
class ProposalRow:
    id: str
    seq_no: int
    title: str
    content: str
    category: str
    source: str
    proposer: str
    contact: str
    village: str
    received_on: date | None
    est_investment: float | None
    beneficiaries: int | None
    status: str
    reply_reason: str
    merged_into_id: str | None
    attachments: int = 0


@dataclass(frozen=True)
class Similar:
    id: str
    title: str
    score: float
    shared: tuple[str, ...] = ()  # the words both use (need words first), for "why"
    mine: tuple[str, ...] = ()  # those words as the new proposal writes them
    theirs: tuple[str, ...] = ()  # … and as this one does
    content: str = ""
    seq_no: int = 0


@dataclass
class Saved:
    id: str
    seq_no: int
    warnings: list[str] = field(default_factory=list)
    similar: list[Similar] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    owner_id: str
    filename: str
    mime_type: str
    size: int


def to_row(p, attachments: int = 0) -> ProposalRow:
    """A stored proposal (proposal_repo) as the list shows it."""
    return ProposalRow(p.id, p.seq_no, p.title, p.content, p.category, p.source, p.proposer, p.contact, p.village,
                       p.received_on, float(p.est_investment) if p.est_investment is not None else None,
                       p.beneficiaries, p.status, p.reply_reason, p.merged_into_id, attachments)


class IntakeService:
    def __init__(self, db: Database):
        self.db = db
        self._index: dict[int, SimilarityIndex] = {}
        self._rows: dict[int, dict[str, ProposalRow]] = {}

    def _code(self, s) -> str:
        return settings_repo.local_code(s)

    def categories(self) -> tuple[str, ...]:
        with self.db.unit_of_work(read_only=True) as s:
            return tuple(settings_repo.get(s, self._code(s), "categories", []) or ["其他"])

    def proposals(self, year: int) -> list[ProposalRow]:
        """Every proposal of the year (merged ones too); rebuilds the look-alike index as a side effect."""
        with self.db.unit_of_work(read_only=True) as s:
            code = self._code(s)
            rows = proposal_repo.for_year(s, code, year)
            counts = proposal_repo.attachment_counts(s, [p.id for p in rows])
            out = [to_row(p, counts.get(p.id, 0)) for p in rows]
            words = lookalike.town_words(s, code)
        self._index[year] = lookalike.build_index(out, words)
        self._rows[year] = {r.id: r for r in out}
        return out

    def row(self, proposal_id: str) -> ProposalRow:
        """One proposal as the list shows it (after keyboard entry: the pane adds it without reloading the year)."""
        with self.db.unit_of_work(read_only=True) as s:
            p = proposal_repo.get(s, proposal_id)
            if p is None:
                raise UserError("该建议已不存在", "proposal not found")
            row = to_row(p, proposal_repo.attachment_counts(s, [p.id]).get(p.id, 0))
        if p.year in self._rows:
            self._rows[p.year][row.id] = row
        return row

    def index(self, year: int) -> SimilarityIndex:
        if year not in self._index:
            self.proposals(year)
        return self._index[year]

    def similar(self, year: int, title: str, village: str = "", exclude: str | None = None, *,
                content: str = "") -> list[Similar]:
        """Look-alikes of this text in the year, best first, each with the words that paired them."""
        idx = self.index(year)
        rows = self._rows.get(year, {})
        out = []
        for m in idx.matches(idx.entry(title, village, content), exclude=exclude):
            r = rows.get(m.key)
            out.append(Similar(m.key, idx.title(m.key), m.score, m.shared, m.mine, m.theirs,
                               r.content if r else "", r.seq_no if r else 0))
        return out

    def add(self, year: int, data: ProposalInput) -> Saved:
        data, warnings = validate_proposal(data, self.categories())
        similar = self.similar(year, data.title, data.village, content=data.content)
        with self.db.unit_of_work() as s:
            code = self._code(s)
            proposal_repo.lock_numbering(s, code, year)
            settings_repo.ensure_year(s, code, year)
            p = proposal_repo.add(s, jurisdiction_code=code, year=year, seq_no=proposal_repo.next_seq(s, code, year),
                                  **_fields(data))
            audit_repo.append(s, code, "proposal.added", entity="proposal", entity_id=p.id,
                              detail={"title": p.title, "year": year})
            saved = Saved(p.id, p.seq_no, warnings, similar, Changes.of(DATA, message=f"已登记第 {p.seq_no} 号建议"))
        self.index(year).add(saved.id, data.title, data.village, content=data.content)
        return saved

    def update(self, proposal_id: str, data: ProposalInput) -> Saved:
        data, warnings = validate_proposal(data, self.categories())
        with self.db.unit_of_work() as s:
            code = self._code(s)
            p = self._get(s, proposal_id)
            before = {k: str(getattr(p, k)) for k in _fields(data)}
            proposal_repo.update(p, **_fields(data))
            audit_repo.append(s, code, "proposal.updated", entity="proposal", entity_id=p.id,
                              detail={"before": before})
            year, seq = p.year, p.seq_no
        self._index.pop(year, None)
        return Saved(proposal_id, seq, warnings, self.similar(year, data.title, data.village, exclude=proposal_id,
                                                              content=data.content),
                     Changes.of(DATA, message=f"已保存第 {seq} 号建议"))

    def _get(self, s, proposal_id: str):
        p = proposal_repo.get(s, proposal_id)
        if p is None:
            raise UserError("该建议已不存在，请刷新列表", "proposal not found")
        return p

    def set_outcome(self, ids: list[str], outcome: str, reason: str) -> Changes:
        """采纳为候选 / 暂缓 / 不予采纳 with the reason the proposer will read. 合并 goes through ``merge``."""
        if outcome == "合并":
            raise UserError("“合并”请使用“合并重复建议”，以便保留每一件原始建议", "use merge for 合并")
        reason = check_outcome(outcome, reason)
        if not ids:
            raise UserError("请先选中要答复的建议", "no proposal selected")
        with self.db.unit_of_work() as s:
            code = self._code(s)
            for pid in ids:
                p = self._get(s, pid)
                proposal_repo.update(p, status=outcome, reply_reason=reason, merged_into_id=None)
            audit_repo.append(s, code, "proposal.outcome", entity="proposal", entity_id=ids[0],
                              detail={"ids": ids, "outcome": outcome, "reason": reason})
        return Changes.of(DATA, message=f"已将 {len(ids)} 件建议答复为“{outcome}”")

    def merge(self, primary_id: str, other_ids: list[str], reason: str = "") -> Changes:
        """Fold look-alikes into one proposal; each original keeps its proposer and attachments."""
        others = [i for i in dict.fromkeys(other_ids) if i != primary_id]
        if not others:
            raise UserError("请至少选择两件建议进行合并", "choose at least two proposals")
        with self.db.unit_of_work() as s:
            code = self._code(s)
            primary = self._get(s, primary_id)
            if primary.merged_into_id:
                raise UserError("主建议本身已被合并到其他建议，请选另一件作为主建议", "primary is itself merged")
            text = (reason or "").strip() or f"与第 {primary.seq_no} 号建议“{primary.title}”合并办理"
            for pid in others:
                p = self._get(s, pid)
                for child in proposal_repo.merged_into(s, p.id):
                    proposal_repo.update(child, merged_into_id=primary.id)  # a merged cluster stays one level deep
                proposal_repo.update(p, status="合并", reply_reason=text, merged_into_id=primary.id)
            audit_repo.append(s, code, "proposal.merged", entity="proposal", entity_id=primary.id,
                              detail={"merged": others})
        return Changes.of(DATA, message=f"已将 {len(others)} 件建议合并到第 {primary.seq_no} 号")

    def unmerge(self, proposal_id: str) -> Changes:
        with self.db.unit_of_work() as s:
            code = self._code(s)
            p = self._get(s, proposal_id)
            if not p.merged_into_id:
                raise UserError("这件建议没有被合并", "not merged")
            proposal_repo.update(p, merged_into_id=None, status="待处理", reply_reason="")
            audit_repo.append(s, code, "proposal.unmerged", entity="proposal", entity_id=p.id)
        return Changes.of(DATA, message="已取消合并")

    def clusters(self, year: int) -> list[list[str]]:
        """Groups of open (待处理) proposals that look alike, largest first — for the merge dialog."""
        rows = [r for r in self.proposals(year) if r.status == "待处理"]
        idx = self.index(year)
        parent = {r.id: r.id for r in rows}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for r in rows:
            for key, _score in idx.similar(r.title, r.village, exclude=r.id, content=r.content):
                if key in parent:
                    parent[find(key)] = find(r.id)
        groups: dict[str, list[str]] = {}
        for r in rows:
            groups.setdefault(find(r.id), []).append(r.id)
        return sorted((g for g in groups.values() if len(g) > 1), key=len, reverse=True)

    # Attachments -------------------------------------------------------------------------------------------
    def add_attachment(self, owner_id: str, path: str | os.PathLike[str], owner_type: str = "proposal") -> Changes:
        file = read_attachment(path)
        with self.db.unit_of_work() as s:
            attach(s, self._code(s), owner_type, owner_id, file)
        return Changes.of(DATA, message=f"已添加附件 {file.name}")

    def attachments(self, owner_ids: list[str]) -> list[AttachmentInfo]:
        with self.db.unit_of_work(read_only=True) as s:
            return [AttachmentInfo(*row) for row in proposal_repo.attachment_list(s, owner_ids)]

    def save_attachment(self, attachment_id: str, target: str | os.PathLike[str]) -> Path:
        with self.db.unit_of_work(read_only=True) as s:
            data = proposal_repo.attachment_data(s, attachment_id)
            if data is None:
                raise UserError("附件已不存在", "attachment not found")
        out = Path(target)
        temp = out.with_name(out.name + ".part")
        temp.write_bytes(data)
        os.replace(temp, out)
        return out

    def originals(self, primary_id: str) -> list[ProposalRow]:
        """The proposals merged into this one, each with its own proposer."""
        with self.db.unit_of_work(read_only=True) as s:
            return [to_row(p) for p in proposal_repo.merged_into(s, primary_id, ordered=True)]


@dataclass(frozen=True)
class AttachmentFile:
    """A file read and checked before its unit of work begins: a refused file leaves nothing written."""

    name: str
    data: bytes


def read_attachment(path: str | os.PathLike[str]) -> AttachmentFile:
    source = Path(path)
    if not source.is_file():
        raise UserError(f"找不到文件“{source}”", f"file not found: {source}")
    data = source.read_bytes()
    if len(data) > MAX_ATTACHMENT:
        raise UserError(f"“{source.name}”超过 20 MB，请先压缩图片或扫描件", "attachment over 20 MB")
    return AttachmentFile(source.name, data)


def attach(s, code: str, owner_type: str, owner_id: str, file: AttachmentFile) -> None:
    """Store the file and its audit entry inside the caller's unit of work."""
    sha = hashlib.sha256(file.data).hexdigest()
    proposal_repo.add_attachment(s, code, owner_type, owner_id, file.name,
                                 mimetypes.guess_type(file.name)[0] or "application/octet-stream", file.data, sha)
    audit_repo.append(s, code, "attachment.added", entity=owner_type, entity_id=owner_id,
                      detail={"file": file.name, "sha256": sha})


def build_index(rows: list[ProposalRow], words: dict | None = None) -> SimilarityIndex:
    return lookalike.build_index(rows, words or {"synonyms": [], "fillers": []})


def _fields(data: ProposalInput) -> dict:
    return {"title": data.title, "content": data.content, "category": data.category, "source": data.source,
            "proposer": data.proposer, "contact": data.contact, "village": data.village,
            "received_on": data.received_on, "est_investment": data.est_investment,
            "beneficiaries": data.beneficiaries}
