"""The county as outside witness: changed sealed results, a shortened audit chain and restored PCs."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from minsheng_desktop.cli import main
from minsheng_desktop.services.demo_service import DemoOptions, write_demo
from minsheng_desktop.services.export_service import export_package
from minsheng_desktop.services.merge_service import MergeService
from minsheng_desktop.storage.db import open_database
from tests.conftest import CLOCK
from tests.unit import forgery as F


@pytest.fixture
def town(tmp_path_factory):
    path = tmp_path_factory.mktemp("witness") / "610999101.sqlite"
    db = open_database(path)
    write_demo(db, DemoOptions(town="清溪镇", code="610999101", seed=3, years=1), CLOCK)
    db.close()
    return path


def export(path, out):
    db = open_database(path)
    try:
        return export_package(db, out, clock=CLOCK).path
    finally:
        db.close()


def merge(county, *pkgs, **kw):
    db = open_database(county)
    try:
        return MergeService(db).merge(list(pkgs), **kw)
    finally:
        db.close()


def test_packages_carry_the_seals_and_the_audit_chain(town, tmp_path):
    pkg = export(town, tmp_path / "1.mspkg")
    with zipfile.ZipFile(pkg) as z:
        manifest = json.loads(z.read("manifest.json"))
        seals = [json.loads(line) for line in z.read("data/seal.jsonl").splitlines()]
    assert manifest["audit"]["length"] > 0 and len(manifest["audit"]["head"]) == 64
    assert {s["kind"] for s in seals} == {"vote", "round"} and all(s["signature"] for s in seals)


def test_the_county_refuses_a_sealed_count_changed_after_it_was_sent(town, tmp_path):
    county = tmp_path / "county.sqlite"
    first = merge(county, export(town, tmp_path / "1.mspkg"))
    assert first[0].status == "merged" and first[0].new_key
    con = F.raw(town)
    sid = F.latest_vote(con)
    F.flip_ballots(con, sid, 25)
    con.close()
    db = open_database(town)
    F.resign_everything(db, sid)  # the file passes its own check after this …
    db.close()
    second = merge(county, export(town, tmp_path / "2.mspkg"))[0]
    assert second.status == "refused"
    assert "封存后的计票（或测评）结果被改动" in second.reason
    db = open_database(county)
    try:  # … and the county still holds the result as first sent
        with db.unit_of_work() as s:
            from minsheng_desktop.storage.models import Seal

            held = s.query(Seal).filter(Seal.entity_id == sid).one()
            assert json.loads(held.statement)["result"]["chosen"]
    finally:
        db.close()
    # accepting a "restored" town never lets a changed sealed result through
    again = merge(county, tmp_path / "2.mspkg", accept_restored={"610999101"})[0]
    assert again.status == "refused" and "被改动" in again.reason


def test_the_county_refuses_an_audit_chain_that_went_backwards(town, tmp_path):
    county = tmp_path / "county.sqlite"
    assert merge(county, export(town, tmp_path / "1.mspkg"))[0].status == "merged"
    assert merge(county, export(town, tmp_path / "2.mspkg"))[0].status == "merged"
    con = F.raw(town)
    F.drop_triggers(con)
    con.execute("DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 2)")
    con.close()
    third = merge(county, export(town, tmp_path / "3.mspkg"))[0]
    assert third.status == "refused"
    assert "审计日志比上次报送时短" in third.reason and "--accept-restored 610999101" in third.reason


def test_a_restored_town_is_accepted_only_by_an_explicit_logged_decision(town, tmp_path, capsys):
    county = tmp_path / "county.sqlite"
    backup = tmp_path / "backup.sqlite"
    assert merge(county, export(town, tmp_path / "1.mspkg"))[0].status == "merged"
    shutil.copy(town, backup)  # the PC's backup, taken here
    export(town, tmp_path / "draft.mspkg")  # work goes on after the backup (a package never sent)
    assert merge(county, export(town, tmp_path / "2.mspkg"))[0].status == "merged"
    shutil.copy(backup, town)  # the disk died; the file comes back from the backup
    restored = export(town, tmp_path / "2b.mspkg")
    refused = merge(county, restored)[0]
    assert refused.status == "refused"
    assert "由备份恢复或更换过" in refused.reason and "接受恢复后的数据" in refused.reason
    assert main(["merge", "--db", str(county), "--accept-restored", "610999101", str(restored)]) == 0
    out = json.loads(capsys.readouterr().out)[0]
    assert out["status"] == "merged" and "由备份恢复" in out["reason"]
    db = open_database(county)
    try:
        from sqlalchemy import text

        with db.engine.connect() as conn:
            logged = conn.execute(text("SELECT count(*) FROM audit_log WHERE action='package.accepted_restored'"))
            assert logged.scalar() == 1
    finally:
        db.close()
    # from here the town's packages follow on as usual
    assert merge(county, export(town, tmp_path / "3.mspkg"))[0].status == "merged"


def test_the_merge_output_shows_a_newly_pinned_fingerprint(town, tmp_path, capsys):
    pkg = export(town, tmp_path / "1.mspkg")
    assert main(["merge", "--db", str(tmp_path / "c.sqlite"), str(pkg)]) == 0
    shown = json.loads(capsys.readouterr().out)[0]["new_key_fingerprint"]
    assert len(shown.split()) == 8
