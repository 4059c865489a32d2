"""Backups and recovery: a daily backup on open, before every migration, merge and seal; rotation; restore;
detecting a damaged file. Uses SQLite's online backup API, so a backup is consistent even while the app runs."""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..clock import SYSTEM
from ..domain.errors import UserError
from ..storage.db import SQLITE_MAGIC, backup_sqlite, copy_sqlite, remove_stale_temps, sqlite_uri
from .file_targets import writable_target

# "<db stem>.<reason>.<stamp><db suffix, or .sqlite>" (storage.db.backup_sqlite)
NAME_RE = re.compile(r"^(?P<stem>.+)\.(?P<tag>[a-z0-9_\-]+)\.(?P<stamp>\d{8}-\d{6}(?:-\d+)?)(?P<suffix>\.[^.]+)$")
KEEP_DAILY, KEEP_MONTHLY, KEEP_OTHER = 14, 12, 30
BUDGET_COPIES, BUDGET_FLOOR = 8, 1024 ** 3  # the backups of one database take at most 8 of its size (>= 1 GB)
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
    empty: bool = False  # 0 bytes: no database in it at all


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "备份"


def check_file(path: str | os.PathLike[str]) -> Health:
    """Is this a readable, intact SQLite file? A missing file is fine (it will be created); an empty (0-byte) one
    is not: the app never leaves its database empty, so it was cut short (a failed copy, a full disk)."""
    p = Path(path)
    if not p.exists():
        return Health(True)
    if p.stat().st_size == 0:
        return Health(False, "文件是空的（0 字节），数据已丢失", empty=True)
    with p.open("rb") as fh:
        head = fh.read(100)
    if head[:16] != SQLITE_MAGIC:
        return Health(False, "文件不是数据库或已严重损坏")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    if pages and p.stat().st_size < page_size * pages:
        return Health(False, "文件不完整（可能在复制或断电时被截断）")
    try:
        con = sqlite3.connect(sqlite_uri(p, "ro"), uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return Health(False, f"数据库无法读取：{exc}")
    return Health(result == "ok", "" if result == "ok" else f"完整性检查未通过：{result}")


def list_backups(db_path: str | os.PathLike[str]) -> list[BackupInfo]:
    """This database's backups, newest first (other files' backups in a shared 备份 folder are not its own)."""
    p = Path(db_path)
    folder = backup_folder(p)
    out = []
    for f in folder.iterdir() if folder.is_dir() else ():
        m = NAME_RE.match(f.name)
        if not m or m["stem"] != p.stem or m["suffix"] != (p.suffix or ".sqlite") or not f.is_file():
            continue
        stamp = m["stamp"][:15]
        out.append(BackupInfo(f, datetime.strptime(stamp, "%Y%m%d-%H%M%S"), m["tag"], f.stat().st_size))
    return sorted(out, key=lambda b: b.created, reverse=True)


def is_blank_new(db_path: str | os.PathLike[str]) -> bool:
    """An empty file that never held anything: no backups beside it and no write-ahead log. (Opening it is a first
    run; an empty file with backups beside it lost its data, and is offered a restore instead.)"""
    p = Path(db_path)
    wal = Path(str(p) + "-wal")
    return (p.is_file() and p.stat().st_size == 0 and not list_backups(p)
            and not (wal.is_file() and wal.stat().st_size > 0))


def remove_leftovers(db_path: str | os.PathLike[str], before: float | None = None) -> list[Path]:
    """Partial copies an interrupted backup or restore left beside the database and in its 备份 folder (a backup
    of a large town is hundreds of MB): only files named as this app names them, older than ``before`` (by default
    now, by the machine's clock: the start of the operation calling this)."""
    p = Path(db_path)
    before = SYSTEM.now().timestamp() if before is None else before
    return (remove_stale_temps(backup_folder(p), before=before, legacy=lambda name: bool(NAME_RE.match(name)))
            + remove_stale_temps(p.parent, before=before, legacy=lambda name: name == p.name))


def backup_now(db_path: str | os.PathLike[str], reason: str = "manual", folder: str | os.PathLike[str] | None = None) -> Path:
    p = Path(db_path)
    if not p.is_file():
        raise UserError(f"找不到数据库文件“{p}”", f"database file not found: {p}")
    remove_leftovers(p)
    target = backup_sqlite(p, tag=reason, folder=Path(folder) if folder else backup_folder(p))
    if folder is None:
        rotate(p)
    return target


def backup_to(db_path: str | os.PathLike[str], out: str | os.PathLike[str]) -> Path:
    """A consistent copy written to exactly ``out`` (e.g. on a USB stick), via a temp file renamed into place."""
    p, target = Path(db_path), writable_target(out, "备份文件")
    if not p.is_file():
        raise UserError(f"找不到数据库文件“{p}”", f"database file not found: {p}")
    if target.resolve() == p.resolve():
        raise UserError("备份文件不能与数据库是同一个文件", "the backup must be another file")
    health = check_file(p)
    if not health.ok:
        raise damaged_error(p, health.problem, "不能备份（如需交给技术人员，请直接复制该文件）")
    copy_sqlite(p, target)
    return target


def _changed_since(p: Path, when: float) -> bool:
    """Whether the database (or its write-ahead log) was written after ``when`` (seconds since the epoch)."""
    return any(f.exists() and f.stat().st_mtime >= when for f in (p, p.with_name(p.name + "-wal")))


def safety_backup(db, reason: str) -> Path | None:
    """Before a merge or a seal: a backup of an SQLite file (PostgreSQL databases are backed up by their server).
    If the newest backup was taken after the file last changed, it already holds exactly this state and is
    used as is: the day's first merge into a city database, right after the backup taken on opening it, copies
    nothing; later batches copy once each."""
    path = getattr(db, "path", None)
    if path is None or not Path(path).is_file():
        return None
    p = Path(path)
    newest = next(iter(list_backups(p)), None)
    if newest is not None and not _changed_since(p, newest.path.stat().st_mtime):
        return newest.path
    return backup_now(path, reason)


def budget(db_path: str | os.PathLike[str]) -> int:
    """Bytes the backups of one database may take: eight copies of it, and never less than 1 GB."""
    p = Path(db_path)
    return max(BUDGET_FLOOR, BUDGET_COPIES * (p.stat().st_size if p.is_file() else 0))


def usage(db_path: str | os.PathLike[str]) -> tuple[int, int, int]:
    """(number of backups, bytes they take, the budget) for 设置 › 备份与恢复."""
    backups = list_backups(db_path)
    return len(backups), sum(b.size for b in backups), budget(db_path)


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
    """Keep the last 14 daily backups, the first of each of the last 12 months, and the last 30 of other kinds,
    within the disk budget (``budget``): past it, the oldest go first, event backups before daily ones."""
    backups = list_backups(db_path)
    daily = [b for b in backups if b.reason == "daily"]
    keep = {b.path for b in daily[:KEEP_DAILY]}
    months: dict[str, BackupInfo] = {}
    for b in sorted(daily, key=lambda b: b.created):
        months.setdefault(b.created.strftime("%Y-%m"), b)
    keep |= {b.path for b in sorted(months.values(), key=lambda b: b.created, reverse=True)[:KEEP_MONTHLY]}
    keep |= {b.path for b in [b for b in backups if b.reason != "daily"][:KEEP_OTHER]}
    removed = [b.path for b in backups if b.path not in keep]
    # then the disk budget: oldest first, event backups before daily ones, the newest three always kept
    kept = [b for b in backups if b.path in keep]
    total, limit = sum(b.size for b in kept), budget(db_path)
    for b in sorted(kept[3:], key=lambda b: (b.reason == "daily", b.created)):
        if total <= limit:
            break
        removed.append(b.path)
        total -= b.size
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
    p, src = writable_target(db_path, "数据库文件"), Path(backup)
    health = check_file(src)
    if not src.is_file() or not health.ok:
        raise UserError(f"备份文件不能使用：{health.problem or '找不到文件'}", "the backup cannot be used")
    remove_leftovers(p)
    safety = None
    if p.is_file() and check_file(p).ok:
        safety = backup_sqlite(p, tag="before-restore", folder=backup_folder(p))
    elif p.exists():
        damaged = p.with_name(f"{p.stem}.损坏-{SYSTEM.now():%Y%m%d-%H%M%S}{p.suffix}")
        os.replace(p, damaged)  # keep the damaged file (and its log, which may hold data) for a specialist
        if Path(str(p) + "-wal").is_file():
            os.replace(str(p) + "-wal", str(damaged) + "-wal")
    for suffix in ("-wal", "-shm"):
        Path(str(p) + suffix).unlink(missing_ok=True)
    copy_sqlite(src, p)
    return safety


def describe(path: str | os.PathLike[str]) -> dict[str, int | str]:
    """What a backup holds, read-only: jurisdiction, years and counts."""
    con = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
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


def restore_command(db_path: str | os.PathLike[str], backup: str | os.PathLike[str]) -> str:
    """The command line that puts ``backup`` in place, quoted for this system's shell."""
    args = ["minsheng", "restore", "--db", os.fspath(db_path), os.fspath(backup)]
    return subprocess.list2cmdline(args) if os.name == "nt" else shlex.join(args)


def damaged_error(db_path: str | os.PathLike[str], problem: str, action: str = "") -> UserError:
    """A damaged database, with what to do: the newest good backup and the command that restores it."""
    good = newest_good(db_path)
    said = f"数据库文件“{db_path}”已损坏：{problem}" + (f"，{action}" if action else "") + "。"
    if good is None:
        return UserError(said + "没有找到可用的备份。请联系技术人员，不要删除该文件。",
                         "the database file is damaged and no good backup was found; keep the file and ask for help")
    command = restore_command(db_path, good.path)
    return UserError(said + f"最近的可用备份是 {good.created:%Y-%m-%d %H:%M}（{good.label}）“{good.path}”，"
                     f"恢复命令：{command}（或直接启动本程序，按提示恢复）。损坏的文件会改名保留。",
                     f"the database file is damaged; restore the newest good backup: {command}")


def is_damage(exc: BaseException) -> bool:
    """Did SQLite fail because the file is damaged (rather than, say, locked)?"""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, sqlite3.DatabaseError) and any(
                words in str(seen).lower() for words in ("malformed", "not a database")):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__
    return False


class BackupService:
    """设置 › 备份与恢复 over one open database: the pane holds this, never the database itself."""

    def __init__(self, db):
        self.db = db

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a PostgreSQL database (its server keeps the backups)."""
        return self.db.path

    @property
    def location(self) -> str:
        """Where the data lives, to show: the file, or the server's address."""
        return str(self.db.path) if self.db.path is not None else str(getattr(self.db, "url", ""))

    def folder(self) -> Path:
        return backup_folder(Path(self.db.path))

    def usage(self) -> tuple[int, int, int]:
        return usage(self.db.path)

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.db.path)

    def backup_to(self, out: str | os.PathLike[str]) -> Path:
        return backup_to(self.db.path, out)

    def describe(self, backup: str | os.PathLike[str]) -> dict[str, int | str]:
        return describe(backup)

    def restore(self, backup: str | os.PathLike[str]) -> Path | None:
        """Put a backup in place of the open file. Every connection is closed first; the database opens again
        on its next use (the same engine hands out fresh connections to the restored file)."""
        self.db.close()
        return restore(self.db.path, backup)
