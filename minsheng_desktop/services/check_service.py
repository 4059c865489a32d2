"""`minsheng check`: file integrity, schema version, the audit chain, and every seal (signature, recount, position)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..storage import audit_repo, settings_repo, vote_repo
from ..storage.db import HEAD_REVISION, Database
from . import seal_service


@dataclass
class CheckReport:
    integrity: str = "ok"
    foreign_keys: int = 0
    schema_revision: str | None = None
    schema_expected: str = HEAD_REVISION
    audit_entries: int = 0
    audit_broken_at: int | None = None
    sealed: list[dict[str, Any]] = field(default_factory=list)
    seals: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "integrity": self.integrity,
            "foreign_key_violations": self.foreign_keys,
            "schema": {"revision": self.schema_revision, "expected": self.schema_expected},
            "audit": {"entries": self.audit_entries, "ok": self.audit_broken_at is None,
                      "broken_at": self.audit_broken_at},
            "sealed_sessions": self.sealed,
            "seals": self.seals,
            "problems": self.problems,
        }


def check_database(db: Database) -> CheckReport:
    report = CheckReport(schema_revision=db.revision())
    if report.schema_revision != HEAD_REVISION:
        report.problems.append(f"架构版本为 {report.schema_revision}，应为 {HEAD_REVISION}")
    if db.is_sqlite:
        _check_file(db, report)
    with db.unit_of_work() as s:
        chain = audit_repo.verify_chain(s)
        report.audit_entries = chain.entries
        report.audit_broken_at = chain.broken_at
        if not chain.ok:
            report.problems.append(f"审计日志在第 {chain.broken_at} 条处断裂：{chain.reason}")
        local = settings_repo.local_jurisdiction(s)
        signed = _check_seals(s, report)
        for vote in vote_repo.sealed_sessions(s):
            if vote.id in signed:
                report.sealed.append({"id": vote.id, "title": vote.title, "ok": True})
            else:
                _check_unsigned_seal(s, report, vote, local)
    return report


def _check_file(db: Database, report: CheckReport) -> None:
    """SQLite's own integrity and foreign-key checks of the file."""
    rows, report.foreign_keys = db.sqlite_checks()
    report.integrity = "ok" if rows == ["ok"] else "; ".join(rows[:5])
    if report.integrity != "ok":
        report.problems.append(f"文件完整性检查未通过：{report.integrity}")
    if report.foreign_keys:
        report.problems.append(f"有 {report.foreign_keys} 处引用指向不存在的记录")


def _check_seals(s, report: CheckReport) -> set[str]:
    """Every signed seal (signature, recount, position); returns the ids of the sealed entities."""
    seals, unsealed = seal_service.check_all(s)
    report.seals = [c.to_dict() for c in seals]
    report.problems.extend(unsealed)
    for c in seals:
        what = "票决" if c.kind == "vote" else "测评"
        report.problems.extend(f"已封存的{what}“{c.title}”校验失败：{p}" for p in c.problems)
    return {c.entity_id for c in seals}


def _check_unsigned_seal(s, report: CheckReport, vote, local) -> None:
    """A vote sealed before seals were signed (version 0.1): the hash and its audit entry are what there is."""
    digest = vote_repo.seal_digest(s, vote)
    logged = {e.detail for e in audit_repo.entries_for(s, vote.id, "vote.sealed")}
    merged = local is None or vote.jurisdiction_code != local.code  # its log stays with its town
    in_log = merged or any(f'"seal":"{vote.seal_hash}"' in d for d in logged)
    ok = digest == vote.seal_hash and in_log
    report.sealed.append({"id": vote.id, "title": vote.title, "ok": ok})
    if not ok:
        why = "选票或票数在封存后被改动" if digest != vote.seal_hash else "审计日志中找不到封存记录"
        report.problems.append(f"已封存的票决“{vote.title}”校验失败：{why}")
