"""The ballot's hot path on SQLite (``storage/sqlite_hot``) writes exactly what SQLAlchemy's Core path writes: the
same stored types and forms, read back the same by the ORM, the same audit chain; and it is part of the unit of
work (a refused ballot leaves nothing)."""

from __future__ import annotations

import sqlite3

import pytest

from minsheng_desktop.storage import audit_repo, sqlite_hot
from tests.unit.test_vote_service import started, town  # noqa: F401 - the fixture


def stored_row(path, seq: int) -> dict:
    con = sqlite3.connect(path)
    cols = [r[1] for r in con.execute("PRAGMA table_info(ballot)")]
    row = con.execute(f"SELECT {', '.join(f'typeof({c}), {c}' for c in cols)} FROM ballot WHERE seq = ?",
                      (seq,)).fetchone()
    con.close()
    return {c: (row[2 * i], row[2 * i + 1]) for i, c in enumerate(cols)}


def test_the_hot_path_stores_what_the_core_path_stores(town, monkeypatch):  # noqa: F811 - the fixture
    svc, sid = started(town)
    svc.declare_collected(sid, 6)
    first = svc.info(sid).candidates[0].id
    marks = {first: "Y"}
    svc.record_ballot(sid, marks, by="甲")  # on SQLite: the unit's own cursor
    monkeypatch.setattr(sqlite_hot, "cursor_of", lambda _session: None)  # as on PostgreSQL: Core statements
    svc.record_ballot(sid, marks, by="甲")
    monkeypatch.undo()
    hot, core = stored_row(town.path, 1), stored_row(town.path, 2)
    assert hot.keys() == core.keys()
    for column in hot:
        assert hot[column][0] == core[column][0], column  # the same SQLite type in every column
    for column in ("marks", "spoiled", "withdrawn", "delegation", "entered_by", "jurisdiction_code", "session_id"):
        assert hot[column] == core[column], column  # and the same stored value
    assert len(hot["created_at"][1]) == len(core["created_at"][1]) == 26  # YYYY-MM-DD HH:MM:SS.ffffff
    assert hot["created_at"][1][10] == core["created_at"][1][10] == " "
    read = svc.ballots(sid)
    assert [(b.marks, b.spoiled) for b in read] == [(marks, False), (marks, False)]
    with town.unit_of_work(read_only=True) as s:
        chain = audit_repo.verify_chain(s)
    assert chain.ok and chain.entries > 2


def test_a_ballot_written_on_the_hot_path_rolls_back_with_its_unit(town, monkeypatch):  # noqa: F811 - the fixture
    """The ballot row is written on the unit's own cursor; when its audit entry then fails, the row goes too."""
    from minsheng_desktop.services import ballot_record

    svc, sid = started(town)
    svc.declare_collected(sid, 3)
    first = svc.info(sid).candidates[0].id
    svc.record_ballot(sid, {first: "Y"})
    with town.unit_of_work(read_only=True) as s:
        entries = audit_repo.verify_chain(s).entries

    def failing(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(ballot_record.audit_repo, "append", failing)
    with pytest.raises(OSError):
        svc.record_ballot(sid, {first: "N"})
    monkeypatch.undo()
    assert svc.info(sid).recorded == 1 and len(svc.ballots(sid)) == 1
    with town.unit_of_work(read_only=True) as s:
        assert audit_repo.verify_chain(s).entries == entries
    svc.record_ballot(sid, {first: "A"})  # and the next ballot takes the next number
    assert [b.marks for b in svc.ballots(sid)] == [{first: "Y"}, {first: "A"}]


def test_a_session_that_goes_on_after_its_transaction_takes_a_new_cursor(town):  # noqa: F811 - the fixture
    """The cursor is kept for one transaction only: after it ends, the next statements run on the connection the
    session then holds (never on a connection another transaction has taken)."""
    from sqlalchemy import text

    session = town._sessions()
    try:
        with session.begin():
            first = sqlite_hot.cursor_of(session)
            assert first is not None and sqlite_hot.cursor_of(session) is first
        assert sqlite_hot.CURSOR_KEY not in session.info
        with session.begin():
            second = sqlite_hot.cursor_of(session)
            assert second is not first
            assert second.connection is session.connection().connection.driver_connection
            assert session.execute(text("SELECT 1")).scalar() == 1
    finally:
        session.close()
