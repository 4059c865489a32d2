"""Intake: dates and numbers as typed, look-alike detection, entry, outcomes, merging, attachments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.intake import ProposalInput, parse_amount, parse_count, parse_date, validate_proposal
from minsheng_desktop.domain.similarity import SimilarityIndex
from minsheng_desktop.services.intake_service import IntakeService


@pytest.mark.parametrize("value", ["2025-10-08", "2025/10/8", "2025年10月8日", " 2025.10.08 ", datetime(2025, 10, 8),
                                   date(2025, 10, 8), 45938])
def test_dates_as_secretaries_type_them(value):
    assert parse_date(value) == date(2025, 10, 8)


@pytest.mark.parametrize("value", ["2025-13-01", "十月八日", "2025-10"])
def test_bad_dates_say_how_to_write_them(value):
    with pytest.raises(UserError, match="2025年10月8日"):
        parse_date(value)


def test_amounts_and_counts():
    assert parse_amount("1,250.5") == Decimal("1250.50") and parse_amount("30万元") == Decimal("30.00")
    assert parse_amount(None) is None and parse_count(" ") is None and parse_count(320.0) == 320
    for bad in ("-3", "abc", True):
        with pytest.raises(UserError, match="不小于 0"):
            parse_amount(bad)
    with pytest.raises(UserError, match="整数"):
        parse_count("12.5")


def test_unknown_category_becomes_other_with_a_warning():
    p, warnings = validate_proposal(ProposalInput(" 修建 王家村 村道 ", category="水利"), ("教育", "其他"))
    assert p.category == "其他" and p.title == "修建 王家村 村道" and "水利" in warnings[0]
    with pytest.raises(UserError, match="项目名称"):
        validate_proposal(ProposalInput("  "), ("其他",))


def test_look_alikes_are_found_and_places_kept_apart():
    idx = SimilarityIndex()
    for key, title, village in [("a", "修建王家村村道", "王家村"), ("b", "石桥村村道硬化", "石桥村"),
                                ("c", "王家村安装太阳能路灯", "王家村"), ("d", "花园社区老旧小区改造", "花园社区")]:
        idx.add(key, title, village)
    assert [k for k, _ in idx.similar("王家村村道硬化", "王家村")] == ["a"]
    assert [k for k, _ in idx.similar("关于王家村道路硬化的建议")] == ["a"]  # place found in the title
    assert [k for k, _ in idx.similar("王家村路灯安装")] == ["c"]
    assert idx.similar("石桥村新建文化广场") == []
    assert idx.similar("新街社区老旧小区改造", "新街社区") == []  # same ask, another place


def test_entry_flags_look_alikes_and_numbers_in_order(town_db):
    svc = IntakeService(town_db)
    first = svc.add(2026, ProposalInput("修建王家村村道", village="王家村", category="交通出行"))
    second = svc.add(2026, ProposalInput("王家村村道硬化", village="王家村", received_on=date(2025, 10, 9)))
    assert (first.seq_no, second.seq_no) == (1, 2)
    assert [s.title for s in second.similar] == ["修建王家村村道"]
    assert [r.title for r in svc.proposals(2026)] == ["修建王家村村道", "王家村村道硬化"]


def test_outcomes_need_reasons_and_merge_keeps_originals(town_db, tmp_path):
    svc = IntakeService(town_db)
    a = svc.add(2026, ProposalInput("修建王家村村道", village="王家村", proposer="王建国")).id
    b = svc.add(2026, ProposalInput("王家村村道硬化", village="王家村", proposer="李秀英")).id
    c = svc.add(2026, ProposalInput("石桥村文化广场", village="石桥村")).id
    assert svc.clusters(2026) == [[a, b]]
    with pytest.raises(UserError, match="须写明理由"):
        svc.set_outcome([c], "暂缓", "")
    svc.set_outcome([c], "暂缓", "受年度财力限制，列入储备库")
    svc.merge(a, [b])
    rows = {r.id: r for r in svc.proposals(2026)}
    assert rows[b].status == "合并" and rows[b].merged_into_id == a and "第 1 号" in rows[b].reply_reason
    assert [o.proposer for o in svc.originals(a)] == ["李秀英"]
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8jpeg")
    svc.add_attachment(b, photo)
    info = svc.attachments([a, b])
    assert [(i.owner_id, i.filename, i.mime_type) for i in info] == [(b, "现场照片.jpg", "image/jpeg")]
    out = svc.save_attachment(info[0].id, tmp_path / "copy.jpg")
    assert out.read_bytes() == b"\xff\xd8jpeg"
    svc.unmerge(b)
    assert {r.id: r for r in svc.proposals(2026)}[b].status == "待处理"
