"""The home page kept at the last close (services/home_snapshot.py): shown only while it tells the truth."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from minsheng_desktop.services import home_snapshot
from minsheng_desktop.services.home_data import HomeData
from minsheng_desktop.services.registry import Services
from tests.conftest import CLOCK, TODAY


@pytest.fixture
def closed_demo(demo_db, demo_path):
    """The demo town's live home page, and the file after a clean close."""
    services = Services(demo_db, CLOCK)
    page = services.overview.home(services.settings.load().current_year)
    demo_db.close()
    return demo_path, page


def test_a_kept_page_comes_back_whole(closed_demo, tmp_path):
    path, page = closed_demo
    assert page.proposals_total > 0 and page.projects_by_status  # the demo has data to keep
    assert home_snapshot.save(path, page, TODAY, tmp_path)
    assert home_snapshot.load(path, TODAY, tmp_path) == page


def test_a_kept_page_is_not_shown_once_the_file_changed(closed_demo, tmp_path):
    path, page = closed_demo
    home_snapshot.save(path, page, TODAY, tmp_path)
    with path.open("r+b") as f:  # same size, one byte of the header changed: another program wrote the file
        f.seek(60)
        f.write(b"\x01")
    assert home_snapshot.load(path, TODAY, tmp_path) is None


def test_a_kept_page_is_not_shown_while_a_log_is_open_or_on_another_day(closed_demo, tmp_path):
    path, page = closed_demo
    home_snapshot.save(path, page, TODAY, tmp_path)
    assert home_snapshot.load(path, TODAY + timedelta(days=1), tmp_path) is None  # overdue and upcoming moved on
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"x" * 32)  # a write not yet folded into the file
    assert home_snapshot.load(path, TODAY, tmp_path) is None
    assert not home_snapshot.save(path, page, TODAY, tmp_path)  # nor is one kept while the file is open
    wal.unlink()
    assert home_snapshot.load(path, TODAY, tmp_path) == page


def test_a_replaced_file_is_not_taken_for_the_kept_one(closed_demo, tmp_path):
    path, page = closed_demo
    home_snapshot.save(path, page, TODAY, tmp_path)
    copy = path.with_name("copy.sqlite")
    copy.write_bytes(path.read_bytes())
    copy.replace(path)  # a restored backup: same bytes, another file
    assert home_snapshot.load(path, TODAY, tmp_path) is None


@pytest.mark.parametrize("damage", [
    lambda doc: b"{not json",
    lambda doc: b" " * (home_snapshot.MAX_BYTES + 1),
    lambda doc: json.dumps([doc]).encode(),
    lambda doc: json.dumps({**doc, "page": {**doc["page"], "town": 7}}).encode(),
    lambda doc: json.dumps({**doc, "page": {**doc["page"], "proposals_total": -3}}).encode(),
    lambda doc: json.dumps({**doc, "page": {**doc["page"], "upcoming": [["2026-11-30", "季会"]]}}).encode(),
    lambda doc: json.dumps({**doc, "page": {**doc["page"], "extra": 1}}).encode(),
    lambda doc: json.dumps({**doc, "page": {**doc["page"], "overdue_items": ["长" * 5000]}}).encode(),
    lambda doc: json.dumps({**doc, "version": "0.0.1"}).encode(),
    lambda doc: b"\xff\xfe" + json.dumps(doc).encode("utf-16-le"),
])
def test_a_damaged_or_foreign_kept_file_is_ignored(closed_demo, tmp_path, damage):
    path, page = closed_demo
    home_snapshot.save(path, page, TODAY, tmp_path)
    kept = next(tmp_path.glob("*.json"))
    kept.write_bytes(damage(json.loads(kept.read_text(encoding="utf-8"))))
    assert home_snapshot.load(path, TODAY, tmp_path) is None


def test_home_data_round_trips_through_json():
    page = HomeData(town="清溪镇", year=2026, deputies=3, proposals_total=2, proposals_by_status={"待审": 2},
                    proposals_by_category={"教育": 2}, candidates=1, candidates_approved=0, seats=10, vote_line="尚未票决",
                    projects_by_status={}, investment=(1.5, 0.0, 0.25), rounds=0, satisfied_avg=None, follow_ups=0,
                    upcoming=[("2026-11-30", "季会", "第四季度专项工作报告会")], open_opinions=0, overdue_opinions=0)
    assert HomeData.from_json(json.loads(json.dumps(page.to_json()))) == page
