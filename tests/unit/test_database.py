"""The database file: pragmas, the schema gate, backups, migrations matching the models, append-only audit."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from minsheng_desktop.storage import audit_repo
from minsheng_desktop.storage.db import HEAD_REVISION, KNOWN_REVISIONS, SchemaError, backup_sqlite, open_database
from minsheng_desktop.storage.models import Base


def test_wal_and_foreign_keys_are_on(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_known_revisions_match_the_migration_scripts():
    config = Config()
    config.set_main_option("script_location", "minsheng_desktop.storage:migrations")
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == HEAD_REVISION
    chain = [r.revision for r in script.walk_revisions()][::-1]
    assert tuple(chain) == KNOWN_REVISIONS


def test_migrations_produce_exactly_the_models(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_file_from_a_newer_version_is_refused_untouched(db_path):
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '0099_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaError, match="更新版本"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_foreign_file_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    with pytest.raises(SchemaError, match="不是民生实事票决数据库"):
        open_database(other)
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(SchemaError, match="不是民生实事票决数据库文件"):
        open_database(text)


def test_an_older_file_is_backed_up_then_migrated(tmp_path):
    """A file written by the first schema version (a real fixture, built by migrating only to 0001)."""
    from sqlalchemy import create_engine

    from minsheng_desktop.storage.db import run_migrations

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    run_migrations(engine, "0001_initial")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO jurisdiction (code, name, level, parent_name, is_local, congress_name, contact, "
                "updated_at) VALUES ('610999101', '清溪镇', '乡镇', '', 1, '', '', '2026-01-01')")
    con.execute("INSERT INTO vote_session (id, jurisdiction_code, created_at, updated_at, year, title, body, rules, "
                "count_mode, deputies_total, deputies_present, ballots_issued, status, result, seal_hash) VALUES "
                "('s1', '610999101', '2026-01-01', '2026-01-01', 2026, '票决', '', '{}', 'ballots', 60, 57, 57, "
                "'sealed', '{\"ballots_collected\": 56}', '')")
    con.commit()
    con.close()
    database = open_database(path)
    assert database.revision() == HEAD_REVISION
    assert database.backup_path is not None and database.backup_path.parent.name == "备份"
    con = sqlite3.connect(database.backup_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
    con.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT ballots_collected FROM vote_session").fetchone()[0] == 56
    con.close()
    database.close()


def test_backup_is_a_consistent_copy(demo_path, tmp_path):
    copy = backup_sqlite(demo_path, folder=tmp_path / "b")
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM ballot").fetchone()[0] > 50
    con.close()
    assert not list((tmp_path / "b").glob("*.part"))


def test_audit_log_is_append_only_and_chained(town_db):
    with town_db.unit_of_work() as s:
        audit_repo.append(s, "610999102", "test.one", detail={"n": 1})
        audit_repo.append(s, "610999102", "test.two", detail={"n": 2})
    with town_db.unit_of_work() as s:
        report = audit_repo.verify_chain(s)
        assert report.ok and report.entries == 3
    con = sqlite3.connect(town_db.path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM audit_log")
    con.close()


def test_rows_have_uuid_keys_and_jurisdiction_codes():
    merged = [t for t in Base.metadata.sorted_tables
              if t.name not in ("jurisdiction", "setting", "audit_log", "town_key", "package_log")]
    for table in merged:
        assert "id" in table.c and table.c.id.primary_key, table.name
        assert "jurisdiction_code" in table.c, table.name
