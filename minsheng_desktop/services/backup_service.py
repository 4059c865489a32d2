"""Backups and recovery: a daily backup on open, before every migration, merge and seal; rotation; restore;
detecting a damaged file. Uses SQLite's online backup API, so a backup is consistent even while the app runs."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..clock import SYSTEM
from ..domain.errors import UserError
from ..storage.db import SQLITE_MAGIC, backup_sqlite, copy_sqlite

NAME_RE = re.compile(r"^(?P<stem>.+)\.(?P<tag>[a-z0-9_\-]+)\.(?P<stamp>\d{8}-\d{6}(?:-\d+)?)\.sqlite$")
KEEP_DAILY, KEEP_MONTHLY, KEEP_OTHER = 14, 12, 30
REASONS = {"daily": "每日自动备份", "manual": "手动备份", "before-restore": "恢复前自动备份", "before-merge": "合并上报包前",
           "before-seal": "公布票决结果前"}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int

    @property
    def label(self) -> str:
        if self.reason.startswith("before-0"):
            return "升级数据库前"
        return REASONS.get(self.reason, self.reason)


@dataclass(frozen=True)
class Health:
    ok: bool
    problem: str = ""


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "备份"


def check_file(path: str | os.PathLike[str]) -> Health:
    """Is this a readable, intact SQLite file? (A missing or empty file is fine: it will be created.)"""
    p = Path(path)
    if not p.exists() or p.stat().st_size == 0:
        return Health(True)
    with p.open("rb") as fh:
        head = fh.read(100)
    if head[:16] != SQLITE_MAGIC:
        return Health(False, "文件不是数据库或已严重损坏")
    page_size = int.from_bytes(head[16:18], "big") or 65536
    pages = int.from_bytes(head[28:32], "big")
    if pages and p.stat().st_size < page_size * pages:
        return Health(False, "文件不完整（可能在复制或断电时被截断）")
    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return Health(False, f"数据库无法读取：{exc}")
    return Health(result == "ok", "" if result == "ok" else f"完整性检查未通过：{result}")


def list_backups(db_path: str | os.PathLike[str]) -> list[BackupInfo]:
    folder = backup_folder(Path(db_path))
    out = []
    for f in folder.glob("*.sqlite") if folder.is_dir() else ():
        m = NAME_RE.match(f.name)
        if not m:
            continue
        stamp = m["stamp"][:15]
        out.append(BackupInfo(f, datetime.strptime(stamp, "%Y%m%d-%H%M%S"), m["tag"], f.stat().st_size))
    return sorted(out, key=lambda b: b.created, reverse=True)


def backup_now(db_path: str | os.PathLike[str], reason: str = "manual", folder: str | os.PathLike[str] | None = None) -> Path:
    p = Path(db_path)
    if not p.is_file():
        raise UserError(f"找不到数据库文件“{p}”", f"database file not found: {p}")
    target = backup_sqlite(p, tag=reason, folder=Path(folder) if folder else backup_folder(p))
    if folder is None:
        rotate(p)
    return target


def backup_to(db_path: str | os.PathLike[str], out: str | os.PathLike[str]) -> Path:
    """A consistent copy written to exactly ``out`` (e.g. on a USB stick), via a temp file renamed into place."""
    p, target = Path(db_path), Path(out)
    if not p.is_file():
        raise UserError(f"找不到数据库文件“{p}”", f"database file not found: {p}")
    if target.resolve() == p.resolve():
        raise UserError("备份文件不能与数据库是同一个文件", "the backup must be another file")
    copy_sqlite(p, target)
    return target


def safety_backup(db, reason: str) -> Path | None:
    """Before a merge or a seal: a backup of an SQLite file (PostgreSQL databases are backed up by their server)."""
    path = getattr(db, "path", None)
    if path is None or not Path(path).is_file():
        return None
    return backup_now(path, reason)


def daily_backup(db_path: str | os.PathLike[str]) -> Path | None:
    """At most one automatic backup a day, taken on open. Backups are named by the machine's time, so "today"
    here is the machine's date too (not the app's clock, which a reproducible run may pin)."""
    p = Path(db_path)
    if not p.is_file() or p.stat().st_size == 0:
        return None
    today = SYSTEM.now().date()
    if any(b.reason == "daily" and b.created.date() == today for b in list_backups(p)):
        return None
    return backup_now(p, "daily")


def rotate(db_path: Path) -> list[Path]:
    """Keep the last 14 daily backups, the first of each of the last 12 months, and the last 30 of other kinds."""
    backups = list_backups(db_path)
    daily = [b for b in backups if b.reason == "daily"]
    keep = {b.path for b in daily[:KEEP_DAILY]}
    months: dict[str, BackupInfo] = {}
    for b in sorted(daily, key=lambda b: b.created):
        months.setdefault(b.created.strftime("%Y-%m"), b)
    keep |= {b.path for b in sorted(months.values(), key=lambda b: b.created, reverse=True)[:KEEP_MONTHLY]}
    keep |= {b.path for b in [b for b in backups if b.reason != "daily"][:KEEP_OTHER]}
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_good(db_path: str | os.PathLike[str]) -> BackupInfo | None:
    for b in list_backups(db_path):
        if check_file(b.path).ok:
            return b
    return None


def restore(db_path: str | os.PathLike[str], backup: str | os.PathLike[str]) -> Path | None:
    """Put a backup in place. The current file is backed up first when it can be read. Returns that safety copy."""
    p, src = Path(db_path), Path(backup)
    health = check_file(src)
    if not src.is_file() or not health.ok:
        raise UserError(f"备份文件不能使用：{health.problem or '找不到文件'}", "the backup cannot be used")
    safety = None
    if p.is_file() and check_file(p).ok and p.stat().st_size > 0:
        safety = backup_sqlite(p, tag="before-restore", folder=backup_folder(p))
    elif p.exists():
        damaged = p.with_name(f"{p.stem}.损坏-{SYSTEM.now():%Y%m%d-%H%M%S}{p.suffix}")
        os.replace(p, damaged)  # keep the damaged file for a specialist, out of the way
    for suffix in ("-wal", "-shm"):
        Path(str(p) + suffix).unlink(missing_ok=True)
    copy_sqlite(src, p)
    return safety


def describe(path: str | os.PathLike[str]) -> dict[str, int | str]:
    """What a backup holds, read-only: jurisdiction, years and counts."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        def one(sql: str):
            try:
                return con.execute(sql).fetchone()[0]
            except sqlite3.DatabaseError:
                return 0

        return {"town": one("SELECT name FROM jurisdiction WHERE is_local = 1") or "", "years":
                one("SELECT group_concat(year, '、') FROM (SELECT year FROM year ORDER BY year)") or "",
                "proposals": one("SELECT count(*) FROM proposal"), "candidates": one("SELECT count(*) FROM candidate"),
                "votes": one("SELECT count(*) FROM vote_session"), "ballots": one("SELECT count(*) FROM ballot"),
                "projects": one("SELECT count(*) FROM project"), "deputies": one("SELECT count(*) FROM deputy")}
    finally:
        con.close()
