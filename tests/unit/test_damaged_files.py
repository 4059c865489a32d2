"""Damaged and hostile files: an empty or malformed database is reported (with the backup to restore and the
command), never created or migrated by `check`; half-written backups an interrupted run left are removed (only the
app's own, only stale ones); an output that is a device, folder or pipe is refused, never replaced; a refused
`demo` leaves no file behind."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from minsheng_desktop.cli import main
from minsheng_desktop.services import backup_service as B
from minsheng_desktop.storage.db import HEAD_REVISION, open_database, run_migrations, to_url
from tests.conftest import REPO


def run(*args):
    return subprocess.run([sys.executable, "-m", "minsheng_desktop.cli", *args], capture_output=True, text=True,
                          cwd=REPO)


def empty(data: bytes) -> bytes:
    return b""


def truncated(data: bytes) -> bytes:
    return data[:10000]


def garbage(data: bytes) -> bytes:
    return os.urandom(len(data) // 3)


def torn_page(data: bytes) -> bytes:  # a good header, one page of a table overwritten
    return data[:40960] + b"\xff" * 4096 + data[45056:]


DAMAGE = [empty, truncated, garbage, torn_page]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_check_reports_a_damaged_file_with_the_backup_to_restore(demo_path, capsys, damage):
    good = B.backup_now(demo_path, "daily")
    demo_path.write_bytes(damage(demo_path.read_bytes()))
    before = demo_path.read_bytes()
    listing = sorted(demo_path.parent.rglob("*"))
    assert main(["check", "--db", str(demo_path)]) == 2
    err = capsys.readouterr().err
    assert "已损坏" in err and "minsheng restore --db" in err and good.name in err and "每日自动备份" in err
    assert demo_path.read_bytes() == before  # not created, migrated or "repaired"
    assert sorted(demo_path.parent.rglob("*")) == listing
    assert not B.check_file(demo_path).ok


def test_check_of_a_damaged_file_without_backups_says_so(demo_path):
    demo_path.write_bytes(demo_path.read_bytes()[:10000])
    out = run("check", "--db", str(demo_path))
    assert out.returncode == 2 and "Traceback" not in out.stderr  # was exit 1, "unexpected error"
    zh, en = out.stderr.strip().splitlines()
    assert "已损坏" in zh and "没有找到可用的备份" in zh and "damaged" in en
    assert out.stdout == ""


def test_check_does_not_migrate_an_older_file(tmp_path, capsys):
    from sqlalchemy import create_engine

    path = tmp_path / "old.sqlite"
    engine = create_engine(to_url(path))
    run_migrations(engine, "0001_initial")
    engine.dispose()
    assert main(["check", "--db", str(path)]) == 2
    assert HEAD_REVISION in capsys.readouterr().err
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
    con.close()
    assert not (tmp_path / "备份").exists()


def test_an_empty_file_is_damaged_not_new(tmp_path):
    path = tmp_path / "town.sqlite"
    assert B.check_file(path).ok  # not there yet: a first run creates it
    path.write_bytes(b"")
    health = B.check_file(path)
    assert not health.ok and health.empty and "空" in health.problem
    assert B.is_blank_new(path)  # nothing was ever in it
    (tmp_path / "备份").mkdir()
    shutil.copy(path, tmp_path / "备份" / "town.daily.20261120-090000.sqlite")
    assert not B.is_blank_new(path)  # a file with backups beside it held data once


def test_backups_of_other_files_in_the_same_folder_are_not_offered(demo_path, tmp_path):
    other = tmp_path / "other.sqlite"
    shutil.copy(demo_path, other)
    B.backup_now(other, "daily")
    demo_path.write_bytes(b"")
    assert B.list_backups(demo_path) == [] and B.newest_good(demo_path) is None
    assert len(B.list_backups(other)) == 1


# Partial backups ------------------------------------------------------------------------------------------------

def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def stale(path: Path, size: int = 1000) -> Path:
    path.write_bytes(b"x" * size)
    os.utime(path, (path.stat().st_mtime - 3600, path.stat().st_mtime - 3600))
    return path


def test_partial_backups_are_removed_before_the_next_backup(demo_path):
    folder = B.backup_folder(demo_path)
    folder.mkdir()
    pid = dead_pid()
    ours = [stale(folder / f"demo.daily.20261120-090000-1.sqlite.k3j2.minsheng-{pid}.part"),
            stale(folder / f"demo.daily.20261120-090000-1.sqlite.k3j2.minsheng-{pid}.part-journal"),
            stale(folder / "demo.daily.20261119-090000-1.sqlite.part"),  # written by an older version
            stale(demo_path.parent / "demo.sqlite.part")]  # an interrupted restore, older version
    kept = [stale(folder / "假期照片.zip.part"), stale(folder / "notes.part"),  # not ours
            stale(folder / f"demo.manual.20261120-090000-1.sqlite.a1b2.minsheng-{os.getppid()}.part"),  # alive
            folder / f"demo.manual.20261120-090000-2.sqlite.c3d4.minsheng-{pid}.part"]  # newer than this backup
    kept[-1].write_bytes(b"x")
    os.utime(kept[-1], (kept[-1].stat().st_mtime + 3600,) * 2)
    B.backup_now(demo_path, "manual")
    assert not [p for p in ours if p.exists()]
    assert all(p.exists() for p in kept)
    assert not list(folder.glob(f"*minsheng-{os.getpid()}.part*"))


KILLED_BACKUP = textwrap.dedent("""
    import os, sys
    from minsheng_desktop.services.backup_service import backup_to, daily_backup
    os.replace = lambda *a: os._exit(9)  # killed after the copy is written, before it is renamed into place
    daily_backup(sys.argv[1]) if len(sys.argv) == 2 else backup_to(sys.argv[1], sys.argv[2])
""")


def test_an_automatic_backup_killed_midway_is_cleaned_up_by_the_next(demo_path):
    killed = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(demo_path)], cwd=REPO)
    assert killed.returncode == 9
    folder = B.backup_folder(demo_path)
    (left,) = list(folder.glob("*.part"))
    assert left.stat().st_size > 100_000 and B.list_backups(demo_path) == []
    assert B.daily_backup(demo_path) is not None
    assert not left.exists() and [p.name for p in folder.iterdir()] == [B.list_backups(demo_path)[0].path.name]


def test_a_backup_to_a_stick_killed_midway_is_cleaned_up_by_the_next(demo_path, tmp_path):
    out = tmp_path / "U盘" / "备份.sqlite"
    killed = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(demo_path), str(out)], cwd=REPO)
    assert killed.returncode == 9
    (left,) = list(out.parent.glob("*.part"))
    assert left.stat().st_size > 100_000 and not out.exists()
    assert main(["backup", "--db", str(demo_path), "--out", str(out)]) == 0
    assert not left.exists() and sorted(p.name for p in out.parent.iterdir()) == ["备份.sqlite"]


def test_a_failed_copy_leaves_no_part_file(demo_path, tmp_path):
    demo_path.write_bytes(demo_path.read_bytes()[:10000])
    with pytest.raises(sqlite3.DatabaseError):
        B.copy_sqlite(demo_path, tmp_path / "out" / "copy.sqlite")
    assert list((tmp_path / "out").iterdir()) == []


# Outputs that are not regular files -----------------------------------------------------------------------------

def special_targets(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    device = tmp_path / "null"  # a link to a device: what /dev/null itself would do, without risking it
    device.symlink_to(os.devnull)
    broken = tmp_path / "broken"
    broken.symlink_to(tmp_path / "nowhere")
    return {"fifo": fifo, "folder": folder, "device": device, "broken": broken}


def kind(path: Path) -> tuple:
    return (path.is_symlink() and os.readlink(path), stat.S_IFMT(path.lstat().st_mode))


@pytest.mark.parametrize("which", ["fifo", "folder", "device", "broken"])
def test_export_backup_and_restore_refuse_an_output_that_is_not_a_regular_file(demo_path, tmp_path, capsys, which):
    target = special_targets(tmp_path)[which]
    before = kind(target), sorted(tmp_path.iterdir())
    for args in (["export", "--db", str(demo_path), "--out", str(target)],
                 ["backup", "--db", str(demo_path), "--out", str(target)],
                 ["restore", "--db", str(target), str(demo_path)]):
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert "不是普通文件" in err or "文件夹" in err
        assert (kind(target), sorted(tmp_path.iterdir())) == before  # not replaced, no temp file left
    if which == "folder":
        assert list(target.iterdir()) == []
    assert os.path.exists(os.devnull) and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_export_refuses_a_folder_that_is_a_file(demo_path, tmp_path, capsys):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["export", "--db", str(demo_path), "--out", str(tmp_path / "file" / "x.mspkg")]) == 2
    assert "不是文件夹" in capsys.readouterr().err


# A refused demo --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--code", "12"], ["--code", "610999"], ["--years", "0"], ["--years", "11"],
                                  ["--town", ""], ["--town", "   "], ["--code", "六一〇"]])
def test_a_refused_demo_leaves_no_file(tmp_path, capsys, args):
    target = tmp_path / "新建" / "demo.sqlite"
    assert main(["demo", "--db", str(target), *args]) == 2
    assert capsys.readouterr().out == ""
    assert list(tmp_path.iterdir()) == []


def test_a_demo_failing_midway_removes_what_it_created(tmp_path, capsys, monkeypatch):
    from minsheng_desktop.domain.errors import UserError
    from minsheng_desktop.services import demo_service

    def fail(self):
        raise UserError("写入中途失败", "failed midway")

    monkeypatch.setattr(demo_service._Builder, "build", fail)
    target = tmp_path / "a" / "b" / "demo.sqlite"
    assert main(["demo", "--db", str(target)]) == 2
    assert list(tmp_path.iterdir()) == []
    existing = tmp_path / "kept.sqlite"
    existing.write_bytes(b"")  # an empty file the user made is theirs: left as it was
    assert main(["demo", "--db", str(existing)]) == 2
    assert existing.exists()


def test_demo_still_writes_a_town(tmp_path, capsys):
    target = tmp_path / "新 建#1" / "demo.sqlite"
    assert main(["demo", "--db", str(target), "--town", " 蒲溪镇 ", "--years", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["town"] == "蒲溪镇"
    db = open_database(target)
    db.close()
