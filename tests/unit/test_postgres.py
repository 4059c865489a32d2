"""The same schema, demo and check on PostgreSQL (county databases). Runs when MINSHENG_TEST_PG_URL is set,
e.g. postgresql+psycopg://postgres@127.0.0.1:55432/county_test (an empty database that may be wiped)."""

from __future__ import annotations

import os
from datetime import date

import pytest

PG_URL = os.environ.get("MINSHENG_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="set MINSHENG_TEST_PG_URL to test against PostgreSQL")


def test_demo_and_check_on_postgres():
    from sqlalchemy import create_engine, text

    from minsheng_desktop.services.check_service import check_database
    from minsheng_desktop.services.demo_service import DemoOptions, write_demo
    from minsheng_desktop.storage.db import open_database

    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    db = open_database(PG_URL)
    try:
        write_demo(db, DemoOptions(today=date(2026, 11, 21), years=1))
        report = check_database(db)
        assert report.ok and report.sealed and report.audit_entries > 0
        with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log"))
    finally:
        db.close()
