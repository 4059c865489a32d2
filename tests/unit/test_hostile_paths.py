"""Paths with any characters: a '#', '?' or '%' in a folder name once cut the SQLite URI short, so `backup` wrote
an empty database (and a stray file "d"), `restore` emptied the live database and `check` opened and migrated a
different, new file. Every command and every automatic backup (daily, before a migration, a merge, a seal) is run
here in folders named with such characters, and must touch exactly the files named."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from minsheng_desktop.cli import main
from minsheng_desktop.domain.roster import DeputyInput
from minsheng_desktop.domain.rules import VotePolicy
from minsheng_desktop.domain.screening import CandidateInput, Meeting
from minsheng_desktop.services import backup_service as B
from minsheng_desktop.services.roster_service import RosterService
from minsheng_desktop.services.screening_service import ScreeningService
from minsheng_desktop.services.settings_service import SettingsService, TownInfo
from minsheng_desktop.storage.db import HEAD_REVISION, open_database, run_migrations, to_url
from tests.conftest import CLOCK
from tests.unit.test_vote_service import started

# '#' and '?' end an unescaped URI's path; '%41' is an escape ("A") and a lone '%' an invalid one.
NAMES = ["d#1", "q?x", "50%", "x%41", "a b", "清溪 镇#?%", "?#"]


SOME = ["d#1", "q?x", "x%41", "清溪 镇#?%"]  # for the slower tests: every kind of character still appears


def _ids(name: str) -> str:
    return name.encode("unicode_escape").decode()


@pytest.fixture(params=NAMES, ids=_ids)
def folder(tmp_path, request) -> Path:
    path = tmp_path / request.param
    path.mkdir()
    return path


@pytest.fixture(params=SOME, ids=_ids)
def some_folder(tmp_path, request) -> Path:
    path = tmp_path / request.param
    path.mkdir()
    return path


def files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def assert_nothing_stray(root: Path, before: set[str], *owned: Path) -> None:
    """Every file that appeared lies inside one of the folders ``owned`` (no "d", "q" or "50" beside them)."""
    inside = {str(o.relative_to(root)) for o in owned}
    stray = {f for f in files(root) - before if not any(f == o or f.startswith(o + "/") for o in inside)}
    assert not stray, stray


def counts(path: Path) -> dict:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    return B.describe(path)


def test_the_url_keeps_every_character(folder):
    path = folder / "镇#1?.sqlite"
    assert to_url(path).database == str(path.resolve())
    db = open_database(path)
    try:
        assert db.path == path.resolve() and path.is_file()
    finally:
        db.close()
    assert [p.name for p in folder.iterdir() if p.suffix == ".sqlite"] == [path.name]


def test_backup_command_copies_the_named_file(folder, demo_path, tmp_path, capsys):
    src = folder / "town.sqlite"
    shutil.copy(demo_path, src)
    out_dir = tmp_path / f"U{folder.name}"
    expected = counts(demo_path)
    before = files(tmp_path)
    out = out_dir / f"备份{folder.name}.sqlite"
    assert main(["backup", "--db", str(src), "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["backup"] == str(out)
    assert counts(out) == expected and expected["ballots"] > 50  # not an empty database
    assert_nothing_stray(tmp_path, before, folder, out_dir)


def test_restore_command_puts_the_named_backup_in_place(folder, demo_path, tmp_path, capsys):
    good = folder / "good.sqlite"
    shutil.copy(demo_path, good)
    db = open_database(demo_path)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM attachment")
    db.close()
    before = files(tmp_path)
    assert main(["restore", "--db", str(demo_path), str(good)]) == 0
    capsys.readouterr()
    assert counts(demo_path) == counts(good) and counts(demo_path)["deputies"] == 60  # not emptied
    assert_nothing_stray(tmp_path, before, folder, demo_path, demo_path.parent / "备份",
                         Path(f"{demo_path}-wal"), Path(f"{demo_path}-shm"))


def test_check_reads_the_named_file_and_creates_nothing(folder, demo_path, tmp_path, capsys):
    path = folder / "t.sqlite"
    shutil.copy(demo_path, path)
    before = files(tmp_path)
    assert main(["check", "--db", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["schema"]["revision"] == HEAD_REVISION and report["audit"]["entries"] > 10
    assert report["sealed_sessions"]  # the demo town's votes: this is the file named, not a new empty one
    assert_nothing_stray(tmp_path, before, folder)


def test_daily_backup(folder, demo_path, tmp_path):
    path = folder / "town.sqlite"
    shutil.copy(demo_path, path)
    expected = counts(demo_path)
    before = files(tmp_path)
    backup = B.daily_backup(path)
    assert backup is not None and backup.parent == folder / "备份"
    assert counts(backup) == expected
    assert [b.path for b in B.list_backups(path)] == [backup]
    assert_nothing_stray(tmp_path, before, folder)


def test_backup_before_a_migration(some_folder, tmp_path):
    from sqlalchemy import create_engine

    path = some_folder / "old.sqlite"
    engine = create_engine(to_url(path))
    run_migrations(engine, "0001_initial")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO jurisdiction (code, name, level, parent_name, is_local, congress_name, contact, "
                "updated_at) VALUES ('610999101', '清溪镇', '乡镇', '', 1, '', '', '2026-01-01')")
    con.commit()
    con.close()
    before = files(tmp_path)
    db = open_database(path)
    try:
        assert db.revision() == HEAD_REVISION
        backup = db.backup_path
    finally:
        db.close()
    assert backup is not None and backup.parent == some_folder / "备份"
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
    assert con.execute("SELECT name FROM jurisdiction").fetchone()[0] == "清溪镇"
    con.close()
    assert_nothing_stray(tmp_path, before, some_folder)


def test_backup_before_a_merge(folder, demo_path, tmp_path):
    from minsheng_desktop.services.merge_service import MergeService

    path = folder / "county.sqlite"
    shutil.copy(demo_path, path)
    expected = counts(demo_path)
    before = files(tmp_path)
    db = open_database(path)
    try:
        MergeService(db).merge([])
    finally:
        db.close()
    (backup,) = [b.path for b in B.list_backups(path) if b.reason == "before-merge"]
    assert counts(backup) == expected
    assert_nothing_stray(tmp_path, before, folder)


def test_backup_before_a_seal(some_folder, _template_db, tmp_path):
    path = some_folder / "town.sqlite"
    shutil.copy(_template_db, path)
    db = open_database(path)
    try:
        SettingsService(db, CLOCK).create_town(
            TownInfo("610999102", "测试镇", "乡镇", "610999", "示范县", "测试镇第十八届人民代表大会", ""), year=2026)
        for i in range(9):
            RosterService(db).add(DeputyInput(f"代表{i}", "男", "一组"))
        SettingsService(db).save_vote_policy(VotePolicy.from_dict({"seats": 2, "candidates_planned": 3}))
        screening = ScreeningService(db)
        ids = [screening.create(2026, CandidateInput(f"项目{c}", category="教育"), [])[0] for c in "ABC"]
        for stage in screening.chain():
            screening.record_meeting(ids, Meeting(stage, "通过", date(2025, 12, 1)))
        svc, sid = started(db)
        svc.declare_collected(sid, 6)
        a, b, _ = (c.id for c in svc.info(sid).candidates)
        for _ in range(6):
            svc.record_ballot(sid, {a: "Y", b: "Y"})
        before = files(tmp_path)
        svc.publish(sid)
        assert svc.info(sid).status == "sealed"
    finally:
        db.close()
    (backup,) = [b.path for b in B.list_backups(path) if b.reason == "before-seal"]
    con = sqlite3.connect(backup)  # taken just before sealing: all six ballots, no seal yet
    assert con.execute("SELECT count(*) FROM ballot").fetchone()[0] == 6
    assert con.execute("SELECT status FROM vote_session").fetchone()[0] == "counting"
    con.close()
    assert_nothing_stray(tmp_path, before, some_folder)
