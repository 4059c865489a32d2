"""扫码测评: a batch of satisfaction scorings by phone — slips to receipt, every subject answered, paper ballots keyed
into the same rounds, the batch decided from both, and nothing counted before the phones are closed."""

from __future__ import annotations

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services.hall_server.server import HallServer
from minsheng_desktop.services.project_service import ProjectService
from tests.conftest import TODAY
from tests.unit.phone_hall import Phone, make_services, receipt_of


@pytest.fixture
def scoring(demo_db, clock):
    services = make_services(demo_db)
    pids = [p.id for p in ProjectService(demo_db, clock).projects(2026)[:3]]
    ids, _ = services.scoring.create_rounds(2026, pids, "手机测评", "代表", TODAY, entry_mode="ballots")
    server = HallServer(services.phone, "127.0.0.1", 0)
    yield services, ids, server
    server.stop()


def test_a_batch_scored_by_phones_and_paper(scoring):
    services, ids, server = scoring
    score = services.phone.score
    with pytest.raises(UserError, match="请先开始手机测评"):
        score.new_slips(ids, server.url, 5)
    score.open(ids)
    urls = score.new_slips(ids, server.url, 5)
    phone = Phone(urls[0])
    status, html = phone.open()
    assert status == 200 and "满意度测评票" in html and "基本满意" in html and html.count('class="c"') == 3
    status, html = phone.request({"nonce": phone.nonce, "step": "check", "c1": "s", "c2": "b"})
    assert status == 409 and "第 3 项还没有测评" in html  # every subject answered on a phone
    status, html = phone.request({"nonce": phone.nonce, "step": "cast", "c1": "s", "c2": "b", "c3": "x"})
    assert status == 400
    status, html = phone.request({"nonce": phone.nonce, "step": "check", "c1": "s", "c2": "b", "c3": "u"})
    assert status == 200 and "基本满意" in html and "不满意" in html
    status, html = phone.request({"nonce": phone.nonce, "step": "cast", "c1": "s", "c2": "b", "c3": "u"})
    code = receipt_of(html)
    assert status == 200 and code
    assert receipt_of(phone.request({"nonce": phone.nonce, "step": "cast", "c1": "s", "c2": "s", "c3": "s"})[1]) == code
    for url in urls[1:4]:
        assert Phone(url).vote({"c1": "s", "c2": "s", "c3": "s"})[0] == 200
    assert score.figures(ids).used == 4
    with pytest.raises(UserError, match="手机测评尚未结束"):
        services.scoring.finish_ballots(ids)
    services.scoring.record_ballot(ids, {ids[0]: "不满意", ids[1]: "满意", ids[2]: "满意"})  # a paper ballot keyed
    score.close(ids, 1)
    assert Phone(urls[4]).open()[0] == 409
    services.scoring.finish_ballots(ids)
    rows = {r.id: r for r in services.scoring.rounds(2026)}
    assert rows[ids[0]].counts["satisfied"] == 4 and rows[ids[0]].counts["unsatisfied"] == 1
    assert rows[ids[1]].counts["basically"] == 1 and rows[ids[2]].counts["unsatisfied"] == 1
    assert rows[ids[0]].verdict == "满意"
    with pytest.raises(UserError):
        score.open(ids)  # decided


def test_hundred_points_by_phone(demo_db, clock):
    services = make_services(demo_db)
    pid = ProjectService(demo_db, clock).projects(2026)[0].id
    ids, _ = services.scoring.create_rounds(2026, [pid], "百分制", "代表", TODAY, entry_mode="ballots",
                                            method="hundred_point")
    server = HallServer(services.phone, "127.0.0.1", 0)
    try:
        services.phone.score.open(ids)
        urls = services.phone.score.new_slips(ids, server.url, 3)
        status, html = Phone(urls[0]).open()
        assert status == 200 and 'type="number"' in html
        assert Phone(urls[0]).vote({"c1": "101"})[0] == 409
        assert Phone(urls[0]).vote({"c1": "1e3"})[0] == 409
        assert Phone(urls[0]).vote({"c1": "85.5"})[0] == 200
        assert Phone(urls[1]).vote({"c1": "70"})[0] == 200
        services.phone.score.close(ids, 1)
        services.scoring.finish_ballots(ids)
        row = next(r for r in services.scoring.rounds(2026) if r.id == ids[0])
        assert row.counts["scores"] == 2 and row.counts["average"] == pytest.approx(77.75)
    finally:
        server.stop()


def test_totals_rounds_are_not_for_phones(demo_db, clock):
    services = make_services(demo_db)
    pid = ProjectService(demo_db, clock).projects(2026)[0].id
    ids, _ = services.scoring.create_rounds(2026, [pid], "汇总", "代表", TODAY)
    # The pane offers phones only for scorings entered ballot by ballot; the service takes what it is given.
    from minsheng_desktop.ui.panes.vote.phone_panel import score_target

    rows = [r for r in services.scoring.rounds(2026) if r.id in ids]
    assert score_target(services.phone, rows) is None
