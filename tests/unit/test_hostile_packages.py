"""Hostile packages at the county: another town's data is out of reach, malformed input is refused, memory stays flat."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minsheng_desktop.cli import main
from minsheng_desktop.services.demo_service import DemoOptions, write_demo
from minsheng_desktop.services.export_service import export_package
from minsheng_desktop.services.merge_service import MergeService
from minsheng_desktop.storage.db import open_database
from tests.conftest import CLOCK
from tests.unit.crafted import count, craft, new_key, town_key

VICTIM, ATTACKER = ("清溪镇", "610999101"), ("蒲溪镇", "610999102")


@pytest.fixture(scope="module")
def victim(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    path = root / "victim.sqlite"
    db = open_database(path)
    write_demo(db, DemoOptions(town=VICTIM[0], code=VICTIM[1], seed=2, years=1), CLOCK)
    db.close()
    pkg = root / "victim.mspkg"
    db = open_database(path)
    export_package(db, pkg, clock=CLOCK)
    db.close()
    with zipfile.ZipFile(pkg) as z:
        proposals = [json.loads(line) for line in z.read("data/proposal.jsonl").splitlines()]
    return {"db": path, "pkg": pkg, "proposals": proposals}


@pytest.fixture
def county(tmp_path, victim):
    path = tmp_path / "county.sqlite"
    db = open_database(path)
    assert MergeService(db).merge_one(victim["pkg"]).status == "merged"
    db.close()
    return path


def merge(county, *paths, **kw):
    db = open_database(county)
    try:
        return [MergeService(db).merge_one(p, **kw) for p in paths]
    finally:
        db.close()


def test_a_new_key_listing_another_towns_code_cannot_wipe_it(county, victim, tmp_path):
    pkg = craft(tmp_path / "evil.mspkg", code=ATTACKER[1], name=ATTACKER[0], codes=[ATTACKER[1], VICTIM[1]])
    r = merge(county, pkg)[0]
    assert r.status == "refused" and VICTIM[1] in r.reason and "无权改动" in r.reason
    assert count(county, "proposal", VICTIM[1]) == len(victim["proposals"])


def test_the_towns_own_key_cannot_reach_another_town_either(county, victim, tmp_path):
    """An insider with the victim's file signs a package for a made-up code that lists the victim."""
    pkg = craft(tmp_path / "evil.mspkg", code="610999177", name="假镇", codes=["610999177", VICTIM[1]],
                private=town_key(victim["db"]))
    assert merge(county, pkg)[0].status == "refused"
    assert count(county, "proposal", VICTIM[1]) == len(victim["proposals"])


def test_rows_coded_for_another_town_are_refused(county, victim, tmp_path):
    forged = dict(victim["proposals"][0], id="00000000-0000-4000-8000-000000000001", title="伪造的建议")
    pkg = craft(tmp_path / "evil.mspkg", code=ATTACKER[1], name=ATTACKER[0], tables={"proposal": [forged]})
    r = merge(county, pkg)[0]
    assert r.status == "refused" and "不是蒲溪镇可以报送的数据" in r.reason


def test_an_id_owned_by_another_town_cannot_be_rewritten(county, victim, tmp_path):
    stolen = dict(victim["proposals"][0], jurisdiction_code=ATTACKER[1], title="改写的建议")
    pkg = craft(tmp_path / "evil.mspkg", code=ATTACKER[1], name=ATTACKER[0], tables={"proposal": [stolen]})
    r = merge(county, pkg)[0]
    assert r.status == "refused" and ("已属于行政区划" in r.reason or "冲突" in r.reason)
    db = open_database(county)
    with db.engine.connect() as conn:
        from sqlalchemy import text

        title = conn.execute(text("SELECT title FROM proposal WHERE id=:i"), {"i": stolen["id"]}).scalar()
    db.close()
    assert title == victim["proposals"][0]["title"]


@pytest.mark.parametrize("column, value, needle", [
    ("received_on", "garbage", "应为日期"),
    ("seq_no", "七", "应为整数"),
    ("title", "村道\x00硬化", "空字符"),
    ("title", None, "缺少必填的值"),
    ("no_such_column", 1, "不是本表的栏目"),
])
def test_invalid_values_are_refused_before_anything_is_written(county, victim, tmp_path, column, value, needle):
    row = dict(victim["proposals"][0], id="00000000-0000-4000-8000-000000000002", jurisdiction_code=ATTACKER[1])
    row[column] = value
    pkg = craft(tmp_path / "bad.mspkg", code=ATTACKER[1], name=ATTACKER[0], tables={"proposal": [row]})
    r = merge(county, pkg)[0]
    assert r.status == "refused" and needle in r.reason, r.reason
    assert count(county, "proposal", ATTACKER[1]) == 0


def test_infinity_and_nan_are_not_numbers(county, tmp_path):
    pkg = craft(tmp_path / "inf.mspkg", code=ATTACKER[1], name=ATTACKER[0],
                raw_members={"data/jurisdiction.jsonl": b'{"code": "610999102", "x": Infinity}\n'})
    assert merge(county, pkg)[0].status == "refused"


@pytest.mark.parametrize("patch, needle", [
    ({"codes": "610999102"}, "代码列表"),
    ({"sequence": "1"}, "序号"),
    ({"tables": {"proposal": "many"}}, "行数"),
    ({"jurisdiction": {"code": 610999102, "name": "蒲溪镇"}}, "行政区划"),
    ({"audit": {"length": "x"}}, "审计日志"),
])
def test_malformed_manifests_are_refused_and_the_next_package_goes_on(county, victim, tmp_path, capsys, patch,
                                                                      needle):
    bad = craft(tmp_path / "bad.mspkg", code=ATTACKER[1], name=ATTACKER[0], manifest_patch=patch)
    good = craft(tmp_path / "good.mspkg", code="610999103", name="涧池镇")
    assert main(["merge", "--db", str(county), str(bad), str(good)]) == 2
    out = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in out] == ["refused", "merged"]
    assert needle in out[0]["reason"]


def test_damaged_members_duplicates_and_unlisted_members_are_refused(county, tmp_path):
    crc = craft(tmp_path / "crc.mspkg", code=ATTACKER[1], name=ATTACKER[0], stored=True)
    raw = crc.read_bytes()
    at = raw.find("蒲溪镇".encode(), raw.find(b"data/jurisdiction.jsonl"))  # inside the stored member's bytes
    crc.write_bytes(raw[:at] + "李".encode() + raw[at + 3:])  # same length, wrong CRC
    dup = craft(tmp_path / "dup.mspkg", code=ATTACKER[1], name=ATTACKER[0],
                extra_members=[("data/jurisdiction.jsonl", b"")])
    extra = craft(tmp_path / "extra.mspkg", code=ATTACKER[1], name=ATTACKER[0],
                  extra_members=[("data/evil.jsonl", b"{}\n")])
    results = merge(county, crc, dup, extra)
    assert [r.status for r in results] == ["refused"] * 3
    assert "损坏" in results[0].reason or "校验值不符" in results[0].reason
    assert "不止一次" in results[1].reason and "清单之外" in results[2].reason


def test_merging_into_a_towns_own_database_is_refused(victim, tmp_path):
    other = craft(tmp_path / "x.mspkg", code=ATTACKER[1], name=ATTACKER[0])
    db = open_database(victim["db"])
    try:
        r = MergeService(db).merge_one(other)
    finally:
        db.close()
    assert r.status == "refused" and "自己的数据库" in r.reason


def test_the_merge_output_names_the_pinned_fingerprint(county, tmp_path, capsys):
    pkg = craft(tmp_path / "new.mspkg", code="610999104", name="新镇")
    assert main(["merge", "--db", str(county), str(pkg)]) == 0
    assert len(json.loads(capsys.readouterr().out)[0]["new_key_fingerprint"].split()) == 8


PEAK = textwrap.dedent("""
    import sys
    from minsheng_desktop.services.merge_service import MergeService
    from minsheng_desktop.storage.db import open_database
    db = open_database(sys.argv[1])
    r = MergeService(db).merge_one(sys.argv[2])
    db.close()
    # VmHWM: this process's own peak (ru_maxrss would carry the forking test process's peak across exec)
    hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
    print(r.status, int(hwm.split()[1]) // 1024, r.reason)
""")


def _peak(county, pkg) -> tuple[str, int, str]:
    out = subprocess.run([sys.executable, "-c", PEAK, str(county), str(pkg)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "PYTHONPATH": os.getcwd()})
    status, mb, reason = out.stdout.strip().split(" ", 2)
    return status, int(mb), reason


def test_an_inflating_unsigned_manifest_is_refused_in_bounded_memory(county, tmp_path):
    bomb = b"{" + b" " * (64 * 1024 * 1024) + b"}"  # 64 KB on disk, 64 MB inflated: over the 4 MB cap
    pkg = craft(tmp_path / "bomb.mspkg", code=ATTACKER[1], name=ATTACKER[0], raw_manifest=bomb)
    assert pkg.stat().st_size < 1024 * 1024
    status, mb, reason = _peak(county, pkg)
    assert status == "refused" and "上限" in reason and mb < 500


def test_a_signed_package_with_a_huge_row_stays_under_500_mb(county, tmp_path):
    huge = b"[" + b" " * (200 * 1024 * 1024) + b"]\n"  # signed, hashed, and one 200 MB "row"
    pkg = craft(tmp_path / "big.mspkg", code=ATTACKER[1], name=ATTACKER[0], data={"data/proposal.jsonl": huge})
    status, mb, reason = _peak(county, pkg)
    assert status == "refused" and "上限" in reason and mb < 500, (status, mb, reason)


JUNK = st.recursive(st.none() | st.booleans() | st.integers(-10 ** 20, 10 ** 20) | st.floats(allow_nan=False)
                    | st.text(max_size=20), lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
KEYS = ["format", "format_version", "schema_version", "jurisdiction", "sequence", "codes", "tables", "members",
        "public_key", "audit", "attachments", "exported_at"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(st.sampled_from(KEYS), JUNK, min_size=1, max_size=3),
       dropped=st.lists(st.sampled_from(KEYS), max_size=2))
def test_fuzzed_manifests_give_exit_0_or_2_never_1(tmp_path_factory, changes, dropped, capsys):
    """A signed package whose manifest is mangled: refused with a reason (or merged if still sound), never a crash."""
    work = tmp_path_factory.mktemp("fuzz")
    private = new_key()
    pkg = craft(work / "f.mspkg", code=ATTACKER[1], name=ATTACKER[0], manifest_patch=changes, private=private)
    if dropped:
        with zipfile.ZipFile(pkg) as z:
            manifest = json.loads(z.read("manifest.json"))
        for key in dropped:
            manifest.pop(key, None)
        craft(pkg, code=ATTACKER[1], name=ATTACKER[0], raw_manifest=json.dumps(manifest).encode(), private=private)
    code = main(["merge", "--db", str(work / "county.sqlite"), str(pkg)])
    out, err = capsys.readouterr()
    assert code in (0, 2), err
    assert "Traceback" not in err and json.loads(out)[0]["status"] in ("merged", "refused")
