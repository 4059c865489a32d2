"""Opening a database: the URL, SQLite pragmas, the schema-version gate, backup-then-migrate, units of work."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from ..clock import SYSTEM
from ..domain.errors import UserError

log = logging.getLogger(__name__)

# Every revision this version knows, oldest first. A test checks it against the migration scripts.
KNOWN_REVISIONS = ("0001_initial", "0002_ballots_collected", "0003_adjustment_target", "0004_exchange",
                   "0005_seals")
HEAD_REVISION = KNOWN_REVISIONS[-1]
APPLICATION_ID = 0x4D534A43  # 'MSJC'
SQLITE_MAGIC = b"SQLite format 3\x00"


class SchemaError(UserError):
    """The file is not ours, or was written by a newer version."""


def to_url(target: str | os.PathLike[str]) -> str:
    """A plain path becomes an SQLite URL; anything with '://' is taken as an SQLAlchemy URL."""
    text_target = os.fspath(target)
    if "://" in text_target:
        return text_target
    return "sqlite:///" + str(Path(text_target).expanduser().resolve())


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
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction per user action: committed on success, rolled back on any error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return _current_revision(conn)

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: str | os.PathLike[str], *, migrate: bool = True) -> Database:
    """Open (creating if needed) and bring the schema to this version, backing the file up first."""
    url = to_url(target)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
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


def copy_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy by SQLite's online backup API (safe with WAL and while the app runs), written to a
    temp file beside the target and renamed into place, so a half-written copy never exists under its name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(temp))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(temp, target)
    return target


def backup_sqlite(path: Path, *, tag: str = "backup", folder: Path | None = None) -> Path:
    """A dated backup in the 备份 folder beside the database (or the given folder)."""
    folder = folder or path.parent / "备份"
    stamp = SYSTEM.now().strftime("%Y%m%d-%H%M%S-%f")
    return copy_sqlite(path, folder / f"{path.stem}.{tag}.{stamp}{path.suffix or '.sqlite'}")
