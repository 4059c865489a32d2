"""Backups and recovery: consistent copies, rotation, damaged files detected, restore round trip, portable mode."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta

from minsheng_desktop.cli import main
from minsheng_desktop.services import backup_service as B
from minsheng_desktop.storage.db import open_database


def test_backup_and_restore_round_trip_loses_nothing(demo_path, tmp_path, capsys):
    before = B.describe(demo_path)
    out = tmp_path / "U盘" / "备份.sqlite"
    assert main(["backup", "--db", str(demo_path), "--out", str(out)]) == 0
    capsys.readouterr()
    db = open_database(demo_path)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM attachment")
        conn.exec_driver_sql("UPDATE deputy SET phone = 'x'")
    db.close()
    assert main(["restore", "--db", str(demo_path), str(out)]) == 0
    saved = json.loads(capsys.readouterr().out)["previous_saved_as"]
    assert saved and os.path.exists(saved)  # the file replaced is itself kept
    assert B.describe(demo_path) == before
    assert main(["check", "--db", str(demo_path)]) == 0


def test_daily_backup_once_a_day_and_rotation(demo_path, tmp_path):
    assert B.daily_backup(demo_path) is not None
    assert B.daily_backup(demo_path) is None
    folder = B.backup_folder(demo_path)
    start = datetime(2025, 1, 1, 9, 0, 0)
    for i in range(60):  # two months of old dailies
        stamp = (start + timedelta(days=i)).strftime("%Y%m%d-%H%M%S")
        (folder / f"{demo_path.stem}.daily.{stamp}.sqlite").write_bytes(b"old")
    B.rotate(demo_path)
    daily = [b for b in B.list_backups(demo_path) if b.reason == "daily"]
    assert len(daily) == 14 + 2  # the last 14 days, plus the first of each older month kept
    assert {b.created.strftime("%Y-%m") for b in daily} >= {"2025-01", "2025-02"}


def test_damaged_files_are_detected(demo_path, tmp_path):
    assert B.check_file(demo_path).ok
    truncated = tmp_path / "cut.sqlite"
    truncated.write_bytes(demo_path.read_bytes()[: 8192])
    assert not B.check_file(truncated).ok and "不完整" in B.check_file(truncated).problem
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database", encoding="utf-8")
    assert "不是数据库" in B.check_file(junk).problem
    assert B.check_file(tmp_path / "new.sqlite").ok  # a new file is fine


def test_restore_keeps_the_damaged_file_aside(demo_path, tmp_path):
    good = B.backup_now(demo_path, "manual")
    demo_path.write_bytes(demo_path.read_bytes()[:4096])
    assert B.newest_good(demo_path).path == good
    assert B.restore(demo_path, good) is None
    assert B.check_file(demo_path).ok
    assert list(demo_path.parent.glob("demo.损坏-*.sqlite"))


def test_sealing_and_merging_take_a_backup_first(demo_db):
    from minsheng_desktop.services.merge_service import MergeService

    MergeService(demo_db).merge([])
    assert any(b.reason == "before-merge" for b in B.list_backups(demo_db.path))


def test_a_merge_right_after_a_backup_copies_nothing_and_a_changed_file_is_copied(demo_path):
    import time

    from minsheng_desktop.services.merge_service import MergeService

    daily = B.daily_backup(demo_path)
    db = open_database(demo_path)
    try:
        t = time.perf_counter()
        MergeService(db).merge([])  # nothing written since the daily backup: that backup is the safety copy
        assert time.perf_counter() - t < 0.2
        assert [b.path for b in B.list_backups(demo_path)] == [daily]
        with db.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE deputy SET phone = '13800000000'")
        time.sleep(1.1)  # backups are named to the second
        MergeService(db).merge([])
        assert any(b.reason == "before-merge" for b in B.list_backups(demo_path))
    finally:
        db.close()


def test_rotation_keeps_the_backups_within_the_disk_budget(demo_path, monkeypatch):
    monkeypatch.setattr(B, "BUDGET_FLOOR", 0)
    folder = B.backup_folder(demo_path)
    folder.mkdir(exist_ok=True)
    size = demo_path.stat().st_size
    start = datetime(2026, 11, 1, 9, 0, 0)
    for i in range(12):  # twelve full-size copies: more than the eight the budget allows
        stamp = (start + timedelta(hours=i)).strftime("%Y%m%d-%H%M%S")
        (folder / f"{demo_path.stem}.before-merge.{stamp}.sqlite").write_bytes(b"x" * size)
    B.rotate(demo_path)
    count, used, limit = B.usage(demo_path)
    assert used <= limit == 8 * size and count == 8
    assert B.list_backups(demo_path)[0].created == start + timedelta(hours=11)  # the newest stay


def test_portable_mode_keeps_data_beside_the_program(tmp_path, monkeypatch):
    from minsheng_desktop import paths

    monkeypatch.setenv("MINSHENG_PROGRAM_DIR", str(tmp_path))
    assert paths.portable_dir() is None
    (tmp_path / "portable.txt").write_text("", encoding="utf-8")
    assert paths.default_db_path() == tmp_path / "数据" / "minsheng.sqlite"
    assert (tmp_path / "数据").is_dir()
