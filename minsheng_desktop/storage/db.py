"""Opening a database: the URL, SQLite pragmas, the schema-version gate, backup-then-migrate, units of work."""

from __future__ import annotations

import logging
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..clock import SYSTEM
from ..domain.errors import UserError

log = logging.getLogger(__name__)

# Every revision this version knows, oldest first. A test checks it against the migration scripts.
KNOWN_REVISIONS = ("0001_initial", "0002_ballots_collected", "0003_adjustment_target", "0004_exchange",
                   "0005_seals", "0006_replies", "0007_council_members", "0008_agenda", "0009_campaigns",
                   "0012_phone_tokens", "0014_delegations", "0015_ballot_live_index")
HEAD_REVISION = KNOWN_REVISIONS[-1]
APPLICATION_ID = 0x4D534A43  # 'MSJC'
SQLITE_MAGIC = b"SQLite format 3\x00"


class SchemaError(UserError):
    """The file is not ours, or was written by a newer version."""


# "postgresql+psycopg://…", "sqlite:///…": a scheme of two or more letters (so "C://x" stays a Windows path).
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+://")


def is_url(target: str | os.PathLike[str]) -> bool:
    """Is this an SQLAlchemy URL (rather than a file path)?"""
    return bool(_URL_RE.match(os.fspath(target)))


def to_url(target: str | os.PathLike[str]) -> URL:
    """A plain path becomes an SQLite URL built from its parts, so every character of the path (``#``, ``?``, ``%``,
    spaces, Chinese) stays in the file name and is never read as URL syntax; an SQLAlchemy URL is parsed as given."""
    text_target = os.fspath(target)
    if is_url(text_target):
        return make_url(text_target)
    return URL.create("sqlite", database=str(Path(text_target).expanduser().resolve()))


def sqlite_uri(path: str | os.PathLike[str], mode: str = "ro") -> str:
    """An SQLite ``file:`` URI for a path, percent-escaped (a raw ``#`` or ``?`` would cut the name short and open
    a different file). Absolute, so a UNC path keeps its leading slashes instead of becoming a URI authority."""
    posix = Path(os.path.abspath(os.fspath(path))).as_posix()
    if not posix.startswith("/"):
        posix = "/" + posix  # C:/… on Windows
    return f"file://{quote(posix, safe='/:')}?mode={mode}"


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")  # a recorded ballot survives a power cut
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


class Database:
    """One open database. Services use ``unit_of_work()``; nothing else holds a session."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.backup_path: Path | None = None
        if engine.dialect.name == "sqlite":
            _take_over_sqlite_transactions(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path | None:
        if self.engine.dialect.name != "sqlite":
            return None
        return Path(self.engine.url.database or "")

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def unit_of_work(self, *, read_only: bool = False) -> Iterator[Session]:
        """One transaction per user action: committed on success, rolled back on any error.

        On SQLite a unit that may write begins with ``BEGIN IMMEDIATE``: it holds the file's write lock from its
        first read, so what it reads before writing (the next 序号, the rows already imported, the audit chain's
        head) cannot change under it in another window or program until it commits. A second writer waits up to
        ``WRITE_WAIT_SECONDS`` and is then told the file is in use. ``read_only=True`` units begin a plain
        (deferred) transaction: one consistent snapshot, no lock, never waiting for a writer (WAL).
        """
        session = self._sessions()
        try:
            with session.begin():
                if not read_only and self.is_sqlite:
                    session.connection(execution_options={BEGIN_MODE: "IMMEDIATE"})
                yield session
        finally:
            session.close()

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return _current_revision(conn)

    def close(self) -> None:
        self.engine.dispose()

    def sqlite_checks(self) -> tuple[list[str], int]:
        """SQLite only: (``PRAGMA integrity_check``'s lines, the number of dangling references)."""
        with self.engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            return rows, len(list(conn.execute(text("PRAGMA foreign_key_check"))))


BEGIN_MODE = "minsheng_sqlite_begin"  # execution option: "IMMEDIATE" for a unit of work that may write
WRITE_WAIT_SECONDS = 30.0  # how long a write waits for another window or program to finish its own


def _take_over_sqlite_transactions(engine: Engine) -> None:
    """SQLAlchemy's recipe (SQLite dialect docs, "Enabling Non-Legacy SQLite Transactional Modes"): pysqlite by
    itself begins a transaction only at the first INSERT/UPDATE/DELETE, so the reads before it ran outside any
    transaction and two programs could both take the same next 序号. Here every transaction starts with our own
    BEGIN (IMMEDIATE for units of work that may write), and "database is locked" becomes a message."""
    if engine.dialect.name != "sqlite" or event.contains(engine, "begin", _sqlite_begin):
        return
    event.listen(engine, "connect", _sqlite_driver_leaves_transactions_to_us)
    event.listen(engine, "begin", _sqlite_begin)
    event.listen(engine, "handle_error", _sqlite_locked_is_in_use)


def _sqlite_driver_leaves_transactions_to_us(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # sqlite3 still COMMITs and ROLLs BACK what we BEGIN


def _sqlite_begin(conn) -> None:
    """BEGIN, or BEGIN IMMEDIATE waiting up to WRITE_WAIT_SECONDS for another writer (the begin event runs before
    SQLAlchemy's own error handling, so errors are wrapped here as SQLAlchemy would)."""
    immediate = conn.get_execution_options().get(BEGIN_MODE) == "IMMEDIATE"
    statement = "BEGIN IMMEDIATE" if immediate else "BEGIN"
    raw = conn.connection.driver_connection
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    while True:  # each attempt itself waits up to the connection's busy_timeout
        try:
            raw.execute(statement)
            return
        except sqlite3.Error as exc:
            if _is_locked(exc) and time.monotonic() < deadline:
                continue
            if _is_locked(exc):
                raise _in_use() from exc
            raise DBAPIError.instance(statement, None, exc, sqlite3.Error) from exc


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc) for word in ("database is locked", "database table is locked", "database is busy"))


def _sqlite_locked_is_in_use(context) -> UserError | None:
    return _in_use() if _is_locked(context.original_exception) else None


def _in_use() -> UserError:
    return UserError("数据库文件正被另一个程序（或另一个窗口）使用，本次操作没有保存：请稍后再试，"
                     "或关闭另一个打开了同一文件的“民生实事票决”",
                     "the database file is in use by another program or window; nothing was saved, try again")


def open_database(target: str | os.PathLike[str], *, migrate: bool = True) -> Database:
    """Open (creating if needed) and bring the schema to this version, backing the file up first."""
    url = to_url(target)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        _check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _on_sqlite_connect)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    db = Database(engine)
    try:
        _gate_and_migrate(db, migrate)
    except Exception:
        engine.dispose()
        raise
    return db


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise SchemaError(f"“{path}”是一个文件夹，请指定数据库文件", f"{path} is a folder, not a database file")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                raise SchemaError(
                    f"“{path.name}”不是民生实事票决数据库文件", f"{path.name} is not a Minsheng database file"
                )


def _current_revision(conn) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _gate_and_migrate(db: Database, migrate: bool) -> None:
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = _current_revision(conn)
        app_id = conn.exec_driver_sql("PRAGMA application_id").scalar() if db.is_sqlite else APPLICATION_ID
    if revision == HEAD_REVISION:
        return
    if revision is None and tables:
        raise SchemaError(
            "此文件不是民生实事票决数据库（缺少架构版本信息），为防止误改，已拒绝打开",
            "this file is not a Minsheng database (no schema version); refused to open it",
        )
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise SchemaError(
            f"此数据库由更新版本的软件写入（架构版本 {revision}），当前软件只认识到 {HEAD_REVISION}。"
            "请先升级本软件再打开，文件未作任何改动。",
            f"this database was written by a newer version (schema {revision}); please upgrade the app",
        )
    if revision is not None and db.is_sqlite and app_id not in (0, APPLICATION_ID):
        raise SchemaError("此文件不是民生实事票决数据库", "this file is not a Minsheng database")
    if not migrate:
        raise SchemaError(
            f"数据库架构版本 {revision or '（空）'} 需要升级到 {HEAD_REVISION}",
            f"the database schema {revision} needs an upgrade to {HEAD_REVISION}",
        )
    if revision is not None and db.path is not None:
        db.backup_path = backup_sqlite(db.path, tag=f"before-{HEAD_REVISION}")
        log.info("backed up %s to %s before migrating", db.path, db.backup_path)
    run_migrations(db.engine)


def run_migrations(engine: Engine, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    # A plain folder path works the same from source and from a PyInstaller bundle (which ships it as data).
    config.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


# A copy being written: "<target name>.<random>.minsheng-<pid>.part" (plus SQLite's own "-journal" while it runs).
TEMP_RE = re.compile(r"\.minsheng-(?P<pid>\d+)\.part(?:-journal|-wal|-shm)?$")
_SIDE_FILES = ("-journal", "-wal", "-shm")
_WRITING: set[str] = set()  # temp files this process is writing now (another thread's copy is not stale)


def copy_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy by SQLite's online backup API (safe with WAL and while the app runs), written to a
    temp file beside the target and renamed into place, so a half-written copy never exists under its name.
    Copies left half-written by an earlier, interrupted run are removed from the folder first."""
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f"{target.name}.{secrets.token_hex(4)}.minsheng-{os.getpid()}.part")
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # a new file's usual permissions
    _WRITING.add(temp.name)
    try:
        # Older than this copy: the temp file just made is the reference, in the folder's own clock.
        remove_stale_temps(target.parent, before=temp.stat().st_mtime, legacy=lambda name: name == target.name)
        src = sqlite3.connect(sqlite_uri(source, "ro"), uri=True)
        try:
            dst = sqlite3.connect(sqlite_uri(temp, "rw"), uri=True)
            try:
                src.backup(dst)
                # One self-contained file: reading a backup (a check, a restore offer) leaves no -wal/-shm beside
                # it. The app turns WAL back on when it opens a restored file.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(temp, target)
    except BaseException:
        for name in (temp, *(Path(str(temp) + side) for side in _SIDE_FILES)):
            name.unlink(missing_ok=True)
        raise
    finally:
        _WRITING.discard(temp.name)
    return target


def remove_stale_temps(folder: Path, *, before: float, legacy: Callable[[str], bool] | None = None) -> list[Path]:
    """Remove copies an interrupted run left half-written in ``folder``: only files named as this app names its
    temp files (``TEMP_RE``, or ``<name>.part`` where ``legacy(name)`` says an older version wrote it), last
    written before ``before`` (a timestamp), and not belonging to another process that is still running."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = TEMP_RE.search(entry.name)
        if match:
            pid = int(match["pid"])
            if re.sub(r"-(?:journal|wal|shm)$", "", entry.name) in _WRITING or (
                    pid != os.getpid() and _process_alive(pid)):
                continue
        else:
            base = re.sub(r"\.part(?:-journal)?$", "", entry.name)
            if base == entry.name or legacy is None or not legacy(base):
                continue
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_mtime >= before:
                continue
            os.unlink(entry.path)  # on Windows a file still open elsewhere cannot be removed: it is skipped
        except OSError:
            continue
        removed.append(Path(entry.path))
        log.info("removed a partial copy left by an interrupted run: %s", entry.path)
    return removed


def _process_alive(pid: int) -> bool:
    """Is this process still running? (Only asked on POSIX: on Windows, os.kill would end it; there a temp file
    still being written is open, and so cannot be removed anyway.)"""
    if os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. another user's process
    return True


def backup_sqlite(path: Path, *, tag: str = "backup", folder: Path | None = None) -> Path:
    """A dated backup in the 备份 folder beside the database (or the given folder)."""
    folder = folder or path.parent / "备份"
    stamp = SYSTEM.now().strftime("%Y%m%d-%H%M%S-%f")
    return copy_sqlite(path, folder / f"{path.stem}.{tag}.{stamp}{path.suffix or '.sqlite'}")
