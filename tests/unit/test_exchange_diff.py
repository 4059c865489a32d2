"""The merge's shared key and diff logic (storage/exchange_diff.py), the same for dict rows (package form, the
SQLAlchemy path) and tuple rows (stored form, SQLite's fast path)."""

from __future__ import annotations

from operator import ne

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.storage.exchange_diff import (
    CHUNK,
    Shape,
    diff_rows,
    find_stored,
    key_getter,
    self_ref_columns,
)
from minsheng_desktop.storage.models import Base

TABLE = Base.metadata.tables["proposal"]


def test_keys_are_always_tuples():
    assert key_getter(["id"])({"id": "a", "x": 1}) == ("a",)
    assert key_getter([0])(("a", 1)) == ("a",)
    assert key_getter(["jurisdiction_code", "key"])({"jurisdiction_code": "61", "key": "k"}) == ("61", "k")
    assert key_getter([2, 0])(("a", 1, "c")) == ("c", "a")


def test_self_references():
    assert self_ref_columns(TABLE) == ["merged_into_id"]
    assert self_ref_columns(Base.metadata.tables["deputy"]) == []


@pytest.mark.parametrize("form", ["dict", "tuple"])
def test_rows_sort_into_new_changed_and_unchanged(form):
    def row(key, code, value):
        return {"id": key, "code": code, "v": value} if form == "dict" else (key, code, value)

    shape = Shape.of(["id"], "code") if form == "dict" else Shape.of([0], 1)
    stored = {("a",): row("a", "T1", 1), ("b",): row("b", "T2", 2)}
    diff = diff_rows(TABLE, [row("a", "T1", 1), row("b", "T2", 3), row("c", "T1", 4)], stored, shape,
                     {"T1", "T2"}, ne)
    assert (diff.new, diff.changed, diff.unchanged) == ([row("c", "T1", 4)], [row("b", "T2", 3)], 1)
    with pytest.raises(UserError, match="已属于行政区划 T2"):
        diff_rows(TABLE, [row("b", "T1", 2)], stored, shape, {"T1"}, ne)
    assert diff_rows(TABLE, [row("x", "T9", 0)], {}, shape, set(), ne).new == [row("x", "T9", 0)]  # no look-up


def test_single_keys_are_looked_up_a_chunk_at_a_time():
    rows = [(f"id{i:05d}", "T1") for i in range(CHUNK * 2 + 1)]
    calls = []

    def fetch(by_key, values):
        calls.append((by_key, len(values)))
        return [r for r in rows if r[0] in set(values) and r[0] != "id00000"]

    found = find_stored(rows, Shape.of([0], 1), fetch)
    assert calls == [(True, CHUNK), (True, CHUNK), (True, 1)]
    assert len(found) == len(rows) - 1 and found[("id00001",)] == ("id00001", "T1")


def test_composite_keys_are_looked_up_by_owner_and_kept_only_when_asked_for():
    shape = Shape.of(["jurisdiction_code", "key"], "jurisdiction_code")
    stored = [{"jurisdiction_code": "T1", "key": "a"}, {"jurisdiction_code": "T1", "key": "b"},
              {"jurisdiction_code": "T2", "key": "a"}]
    calls = []

    def fetch(by_key, values):
        calls.append((by_key, list(values)))
        return [r for r in stored if r["jurisdiction_code"] in values]

    found = find_stored([{"jurisdiction_code": "T2", "key": "a"}, {"jurisdiction_code": "T1", "key": "a"}],
                        shape, fetch)
    assert calls == [(False, ["T1", "T2"])]
    assert set(found) == {("T1", "a"), ("T2", "a")}
