"""Up to the county: packages sent twice, out of order, from a replaced PC, tampered with; county → city."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from sqlalchemy import text

from minsheng_desktop.cli import main
from minsheng_desktop.services.demo_service import DemoOptions, write_demo
from minsheng_desktop.services.export_service import export_package
from minsheng_desktop.services.merge_service import MergeService
from minsheng_desktop.services.summary_service import SummaryService
from minsheng_desktop.storage.db import open_database
from tests.conftest import CLOCK

TOWNS = [("清溪镇", "610999101"), ("蒲溪镇", "610999102"), ("涧池镇", "610999103")]


@pytest.fixture(scope="module")
def towns(tmp_path_factory):
    root = tmp_path_factory.mktemp("towns")
    out = []
    for i, (name, code) in enumerate(TOWNS):
        db = open_database(root / f"{code}.sqlite")
        write_demo(db, DemoOptions(town=name, code=code, seed=i + 1, years=2), CLOCK)
        db.close()
        out.append(root / f"{code}.sqlite")
    return out


def package(town_db, tmp_path, name):
    db = open_database(town_db)
    try:
        return export_package(db, tmp_path / name).path
    finally:
        db.close()


def figures(db_path_or_db, year=None):
    db = open_database(db_path_or_db) if not hasattr(db_path_or_db, "engine") else db_path_or_db
    try:
        return SummaryService(db).summary(year).to_dict()
    finally:
        if db is not db_path_or_db:
            db.close()


def test_any_order_and_twice_gives_the_sum_of_the_towns(towns, tmp_path):
    pkgs = [package(t, tmp_path, f"{i}.mspkg") for i, t in enumerate(towns)]
    a, b = open_database(tmp_path / "a.sqlite"), open_database(tmp_path / "b.sqlite")
    ra = MergeService(a).merge(pkgs)
    rb = MergeService(b).merge(list(reversed(pkgs)) + pkgs)
    assert [r.status for r in ra] == ["merged"] * 3
    assert [r.status for r in rb] == ["merged"] * 3 + ["unchanged"] * 3
    assert all(r.rows == {"inserted": 0, "updated": 0, "deleted": 0} for r in rb[3:])
    fa, fb = figures(a), figures(b)
    assert fa == fb
    per_town = [figures(t)["total"] for t in towns]
    for key in ("proposals", "candidates", "projects", "completed"):
        assert fa["total"][key] == sum(t[key] for t in per_town)
    assert fa["total"]["investment_planned"] == pytest.approx(sum(t["investment_planned"] for t in per_town))
    assert [t["code"] for t in fa["towns"]] == [c for _n, c in TOWNS]
    from minsheng_desktop.services.check_service import check_database

    assert check_database(a).ok  # merged sealed votes still verify against their seals
    a.close()
    b.close()


def test_newer_replaces_older_is_refused(towns, tmp_path):
    town = tmp_path / "town.sqlite"
    shutil.copy(towns[0], town)
    first = package(town, tmp_path, "1.mspkg")
    con = open_database(town)
    with con.engine.begin() as conn:
        victim = conn.execute(text("SELECT id FROM proposal WHERE status = '待处理' LIMIT 1")).scalar()
        conn.execute(text("DELETE FROM proposal WHERE id = :i"), {"i": victim})
        conn.execute(text("UPDATE deputy SET phone = '13900000000' WHERE rowid = 1"))
    con.close()
    second = package(town, tmp_path, "2.mspkg")
    county = open_database(tmp_path / "county.sqlite")
    svc = MergeService(county)
    assert svc.merge_one(first).status == "merged"
    r = svc.merge_one(second)
    assert r.status == "merged" and r.rows["deleted"] == 1 and r.rows["updated"] >= 1 and r.rows["inserted"] == 0
    old = svc.merge_one(first)
    assert old.status == "refused" and "较旧" in old.reason
    with county.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM proposal WHERE id = :i"), {"i": victim}).scalar() == 0
    county.close()


def tamper(src, dst, member, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == member else data)
    return dst


@pytest.mark.parametrize("case,needle", [
    ("checksum", "校验值不符"),
    ("signature", "签名校验失败"),
    ("schema", "更新版本"),
    ("format", "格式版本"),
    ("traversal", "不安全的路径"),
    ("not_zip", "不是民生实事票决的上报包"),
    ("no_manifest", "缺少清单"),
])
def test_refusals_change_nothing(towns, tmp_path, case, needle):
    good = package(towns[0], tmp_path, "good.mspkg")
    bad = tmp_path / "bad.mspkg"
    if case == "checksum":
        tamper(good, bad, "data/proposal.jsonl", lambda d: d.replace("王家村".encode(), "李家村".encode(), 1))
    elif case == "signature":
        tamper(good, bad, "manifest.json", lambda d: d.replace("清溪镇".encode(), "清河镇".encode(), 1))
    elif case in ("schema", "format"):
        field, value = ("schema_version", "9999_future") if case == "schema" else ("format_version", 99)
        tamper(good, bad, "manifest.json", lambda d: json.dumps({**json.loads(d), field: value}).encode())
    elif case == "traversal":
        shutil.copy(good, bad)
        with zipfile.ZipFile(bad, "a") as z:
            z.writestr("../../evil.txt", "x")
    elif case == "not_zip":
        bad.write_text("hello", encoding="utf-8")
    else:
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("data/x.jsonl", "")
    county = open_database(tmp_path / "county.sqlite")
    before = figures(county)
    r = MergeService(county).merge_one(bad)
    assert r.status == "refused" and needle in r.reason
    assert figures(county) == before
    county.close()


def test_a_new_key_for_the_same_town_needs_acceptance(towns, tmp_path):
    old_pc = package(towns[0], tmp_path, "old.mspkg")
    new_pc = tmp_path / "new.sqlite"  # a replaced PC: the same town set up again, with a new key
    db = open_database(new_pc)
    write_demo(db, DemoOptions(town="清溪镇", code="610999101", seed=9, years=1), CLOCK)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO setting (jurisdiction_code, key, value, updated_at) "
                          "VALUES ('610999101', 'export_sequence', '500', '2026-11-21')"))
    db.close()
    newer = package(new_pc, tmp_path, "new.mspkg")
    county = open_database(tmp_path / "county.sqlite")
    svc = MergeService(county)
    first = svc.merge_one(old_pc)
    assert first.status == "merged" and len(first.new_key.split()) == 8
    refused = svc.merge_one(newer)
    assert refused.status == "refused" and "签名密钥与此前不同" in refused.reason
    accepted = svc.merge_one(newer, accept_new_key={"610999101"})
    assert accepted.status == "merged", accepted.reason
    county.close()


def test_a_failure_mid_merge_leaves_the_county_as_it_was(towns, tmp_path, monkeypatch):
    import minsheng_desktop.storage.exchange_sqlite as repo  # the path SQLite takes

    pkg = package(towns[1], tmp_path, "p.mspkg")
    county = open_database(tmp_path / "county.sqlite")
    calls = []
    real = repo.upsert_rows

    def boom(cursor, table, rows, scope, **kw):
        calls.append(table.name)
        if len(calls) == 5:
            raise RuntimeError("disk unplugged")
        return real(cursor, table, rows, scope, **kw)

    monkeypatch.setattr(repo, "upsert_rows", boom)
    with pytest.raises(RuntimeError):
        MergeService(county).merge_one(pkg)
    with county.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM deputy")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM jurisdiction")).scalar() == 0
    county.close()


def test_package_is_reproducible_and_keeps_the_private_key_home(towns, tmp_path):
    a, b = package(towns[2], tmp_path, "a.mspkg"), package(towns[2], tmp_path, "b.mspkg")
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        data = [n for n in za.namelist() if n.startswith("data/")]
        assert data and all(za.read(n) == zb.read(n) for n in data)
        assert b"private" not in za.read("data/setting.jsonl")
        manifest = json.loads(za.read("manifest.json"))
        assert manifest["sequence"] + 1 == json.loads(zb.read("manifest.json"))["sequence"]


def test_town_to_county_to_city_by_cli(towns, tmp_path, capsys):
    pkgs = [package(t, tmp_path, f"{i}.mspkg") for i, t in enumerate(towns)]
    county = tmp_path / "county.sqlite"
    from minsheng_desktop.services.settings_service import SettingsService, TownInfo

    db = open_database(county)
    SettingsService(db).create_town(TownInfo("610999", "示范县", "县区", "610900", "示范市", "", ""), year=2026)
    db.close()
    assert main(["merge", "--db", str(county), *map(str, pkgs)]) == 0
    assert [r["status"] for r in json.loads(capsys.readouterr().out)] == ["merged"] * 3
    assert main(["export", "--db", str(county), "--out", str(tmp_path / "county.mspkg")]) == 0
    capsys.readouterr()
    city = tmp_path / "city.sqlite"
    assert main(["merge", "--db", str(city), str(tmp_path / "county.mspkg")]) == 0
    capsys.readouterr()
    assert main(["summary", "--db", str(city), "--year", "2026"]) == 0
    city_fig = json.loads(capsys.readouterr().out)
    assert [t["code"] for t in city_fig["towns"]] == [c for _n, c in TOWNS]  # each row keeps its town
    assert city_fig["total"] == figures(county, 2026)["total"]
    assert main(["merge", "--db", str(city), str(tmp_path / "nope.mspkg")]) == 2
