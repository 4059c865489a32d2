"""Two copies of the app on one database: imports at the same moment never share a 序号 and never import the same
file twice (measured before: 20,000 duplicate 序号 in 2 × 20,000 rows; the same file imported twice in 1 of 3 runs,
because the "already imported" check and the numbering were read outside the writing transaction)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select, text

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services.settings_service import SettingsService, TownInfo
from minsheng_desktop.storage import db as db_module
from minsheng_desktop.storage.db import open_database
from minsheng_desktop.storage.models import Proposal
from tests.conftest import CLOCK, REPO
from tests.tools import need_postgres
from tests.unit import xlsx_craft as X

ROWS = 4_000
CHILD = """
import json, os, sys, time
from minsheng_desktop.services.proposal_excel import ProposalExcelService
from minsheng_desktop.storage.db import open_database
db = open_database(sys.argv[1])
print("ready", flush=True)
while not os.path.exists(sys.argv[3]):
    time.sleep(0.002)
report = ProposalExcelService(db).import_file(sys.argv[2], 2026)
print(json.dumps({"imported": report.imported, "already": report.already_imported}), flush=True)
db.close()
"""
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
THINGS = ("村道硬化", "路灯安装", "饮水提升", "文化广场", "卫生室改造", "公厕新建", "桥梁维修", "河堤加固", "幼儿园扩建",
          "养老服务站", "垃圾转运站", "排水沟渠", "停车场", "健身器材", "通村公路", "电网改造", "网络覆盖", "农贸市场")


def proposals(path: Path, who: str) -> Path:
    def rows():
        for i in range(ROWS):
            village = f"{SURNAMES[i % len(SURNAMES)]}家村"
            yield X.row(i + 2, [f"{village}{THINGS[(i // len(SURNAMES)) % len(THINGS)]}", village, i % 90 + 1, 100 + i,
                                f"{who}{i}"])
    header = X.row(1, ["项目名称", "村(社区)", "估算投资(万元)", "受益人数", "建议人"])
    return X.write(path, [header, *rows()])


def import_at_once(target: str, files: list[Path], go: Path) -> list[dict]:
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, target, str(f), str(go)], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    for p in procs:  # both have opened the database before either starts
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    go.touch()
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=180)
        assert p.returncode == 0, stderr[-3000:]
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path) -> str:
    if request.param == "sqlite":
        url = str(tmp_path / "town.sqlite")
    else:
        url = need_postgres()
        from sqlalchemy import create_engine

        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    database = open_database(url)
    SettingsService(database, CLOCK).create_town(
        TownInfo("610999102", "测试镇", "乡镇", "610999", "示范县", "测试镇第十八届人民代表大会", ""), year=2026)
    database.close()
    return url


def numbers(url: str) -> list[int]:
    database = open_database(url)
    try:
        with database.unit_of_work(read_only=True) as s:
            return list(s.execute(select(Proposal.seq_no).where(Proposal.year == 2026)).scalars())
    finally:
        database.close()


def test_two_imports_at_once_never_share_a_number(target, tmp_path):
    a, b = proposals(tmp_path / "甲.xlsx", "甲"), proposals(tmp_path / "乙.xlsx", "乙")
    reports = import_at_once(target, [a, b], tmp_path / "go")
    assert [r["imported"] for r in reports] == [ROWS, ROWS]
    seq = numbers(target)
    assert [n for n, k in Counter(seq).items() if k > 1] == []
    assert sorted(seq) == list(range(1, 2 * ROWS + 1))


def test_the_same_file_imported_twice_at_once_is_imported_once(target, tmp_path):
    a = proposals(tmp_path / "甲.xlsx", "甲")
    reports = import_at_once(target, [a, a], tmp_path / "go")
    assert sorted(r["imported"] for r in reports) == [0, ROWS]
    assert sorted(r["already"] for r in reports) == [0, ROWS]
    assert sorted(numbers(target)) == list(range(1, ROWS + 1))


def test_a_writer_waits_then_is_told_the_file_is_in_use_while_readers_never_wait(town_db, db_path, monkeypatch):
    monkeypatch.setattr(db_module, "WRITE_WAIT_SECONDS", 0.3)
    with town_db.engine.connect() as conn:  # the pool's one connection: shorten SQLite's own wait as well
        conn.exec_driver_sql("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
        start = time.perf_counter()
        with town_db.unit_of_work(read_only=True) as s:
            assert s.execute(text("SELECT count(*) FROM jurisdiction")).scalar() == 1
        assert time.perf_counter() - start < 0.5
        with pytest.raises(UserError, match="正被另一个程序"), town_db.unit_of_work() as s:
            s.execute(text("SELECT count(*) FROM proposal")).scalar()
        other.execute("ROLLBACK")
        with town_db.unit_of_work() as s:  # free again
            s.execute(text("SELECT count(*) FROM proposal")).scalar()
    finally:
        other.close()


def test_a_write_unit_reads_and_writes_in_one_transaction(town_db, db_path):
    """While a unit of work that may write is open, another program can read but not write."""
    other = sqlite3.connect(db_path, isolation_level=None, timeout=0.1)
    try:
        with town_db.unit_of_work() as s:
            s.execute(text("SELECT count(*) FROM proposal")).scalar()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            assert other.execute("SELECT count(*) FROM jurisdiction").fetchone() == (1,)
    finally:
        other.close()
