"""The same schema, demo and check on PostgreSQL (county databases). Needs MINSHENG_TEST_PG_URL, e.g.
postgresql+psycopg://postgres@127.0.0.1:55432/county_test (an empty database that may be wiped), which
scripts/with-postgres.sh provides; without it these tests skip on a developer's machine and fail under CI."""

from __future__ import annotations

import pytest

from tests.conftest import CLOCK
from tests.tools import need_postgres


@pytest.fixture
def pg_url() -> str:
    return need_postgres()


def test_demo_and_check_on_postgres(pg_url):
    from sqlalchemy import text

    from minsheng_desktop.services.check_service import check_database
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.storage.db import open_database

    _fresh_pg(pg_url)
    db = open_database(pg_url)
    try:
        write_demo(db, DemoOptions(years=1), CLOCK)
        report = check_database(db)
        assert report.ok and report.sealed and report.audit_entries > 0
        with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log"))
    finally:
        db.close()


def _fresh_pg(url: str):
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def test_merge_and_summary_on_postgres_match_sqlite(pg_url, tmp_path):
    import json
    import zipfile

    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.services.export_service import export_package
    from minsheng_desktop.services.merge_service import MergeService
    from minsheng_desktop.services.summary_service import SummaryService
    from minsheng_desktop.storage.db import open_database

    pkgs = []
    for i, code in enumerate(("610999301", "610999302", "610999303")):
        town = open_database(tmp_path / f"{code}.sqlite")
        write_demo(town, DemoOptions(town=f"第{i + 1}镇", code=code, seed=i + 3, years=2), CLOCK)
        pkgs.append(export_package(town, tmp_path / f"{code}.mspkg").path)
        town.close()
    lite = open_database(tmp_path / "county.sqlite")
    MergeService(lite).merge(pkgs)
    expected = SummaryService(lite).summary().to_dict()
    lite.close()
    _fresh_pg(pg_url)
    pg = open_database(pg_url)
    try:
        results = MergeService(pg).merge(list(reversed(pkgs)) + pkgs)
        assert [r.status for r in results] == ["merged"] * 3 + ["unchanged"] * 3
        assert SummaryService(pg).summary().to_dict() == expected
        bad = tmp_path / "bad.mspkg"
        with zipfile.ZipFile(pkgs[0]) as zin, zipfile.ZipFile(bad, "w") as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == "manifest.json":
                    data = json.dumps({**json.loads(data), "sequence": 99}).encode()
                zout.writestr(info, data)
        assert MergeService(pg).merge_one(bad).status == "refused"
        assert SummaryService(pg).summary().to_dict() == expected
        # the same town sent again with nothing changed: merged, and not one row rewritten
        town = open_database(tmp_path / "610999301.sqlite")
        again = export_package(town, tmp_path / "again.mspkg").path
        town.close()
        same = MergeService(pg).merge_one(again)
        assert same.status == "merged" and same.rows == {"inserted": 0, "updated": 0, "deleted": 0}, same.rows
        # hostile packages are refused the same way as on SQLite: another town's code, a NUL byte
        from tests.unit.crafted import craft

        evil = craft(tmp_path / "evil.mspkg", code="610999399", name="假镇", codes=["610999399", "610999302"])
        nul = craft(tmp_path / "nul.mspkg", code="610999398", name="空\x00镇")
        assert [MergeService(pg).merge_one(p).status for p in (evil, nul)] == ["refused", "refused"]
        assert SummaryService(pg).summary().to_dict() == expected
    finally:
        pg.close()
