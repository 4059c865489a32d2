"""扫码表决 over HTTP on loopback: slips to receipt, every refusal with no effect, the lost answer, mixed with paper."""

from __future__ import annotations

import json
import threading

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.phone_ballot import PHONE_ENTRY, token_hash
from minsheng_desktop.services.hall_server.app import RateLimit
from minsheng_desktop.services.hall_server.server import HallServer, check_host
from minsheng_desktop.storage import audit_repo
from tests.unit.phone_hall import Phone, counting_session, make_services, make_town, receipt_of


@pytest.fixture
def hall(town_db):
    make_town(town_db)
    services = make_services(town_db)
    sid = counting_session(services, present=8)
    services.phone.open(sid)
    server = HallServer(services.phone, "127.0.0.1", 0)
    urls = services.phone.new_slips(sid, server.url)
    yield services, sid, server, urls
    server.stop()


def ballots(services, sid):
    return services.vote.ballots(sid)


def test_a_phone_votes_once_and_gets_a_receipt(hall):
    services, sid, server, urls = hall
    assert len(urls) == 8 and len(set(urls)) == 8 and all(u.startswith(server.url + "/v/") for u in urls)
    phone = Phone(urls[0])
    status, html = phone.open()
    assert status == 200 and "项目0" in html and "赞成" in html and 'name="nonce"' in html
    status, html = phone.request({"nonce": phone.nonce, "step": "check", "c1": "y", "c2": "n", "c3": "a"})
    assert status == 200 and "请核对您的选择" in html and "确认投票" in html and not ballots(services, sid)
    status, html = phone.request({"nonce": phone.nonce, "step": "cast", "c1": "y", "c2": "n", "c3": "a"})
    code = receipt_of(html)
    assert status == 200 and "已投票" in html and len(code) == 9
    stored = ballots(services, sid)
    cands = [c.id for c in services.vote.info(sid).candidates]
    assert [b.marks for b in stored] == [{cands[0]: "Y", cands[1]: "N", cands[2]: "A"}]
    # The answer was lost and the phone sends again: its receipt, not a second vote.
    status, again = phone.request({"nonce": phone.nonce, "step": "cast", "c1": "y", "c2": "n", "c3": "a"})
    assert status == 200 and receipt_of(again) == code and len(ballots(services, sid)) == 1
    # Anyone else with the slip (another page): refused.
    other = Phone(urls[0])
    status, html = other.open()
    assert status == 409 and "已经投过票" in html
    status, html = other.request({"nonce": "A" * 22, "step": "cast", "c1": "y"})
    assert status == 409 and "已经投过票" in html and len(ballots(services, sid)) == 1
    assert services.phone.figures(sid).used == 1
    # The hall sees how many voted, never the running count.
    view = services.vote.live(sid)
    assert view.notes == ("手机投票　已投 1／发出 8",) and all(r.approve == 0 for r in view.rows)
    # The ballot went through the keyed path: its audit entry, entered by 手机.
    with services.db.unit_of_work() as s:
        entries = audit_repo.entries_for(s, sid, "ballot.recorded")
    assert json.loads(entries[-1].detail)["channel"] == "phone"


def test_refusals_have_no_effect(hall):
    services, sid, server, urls = hall
    base = server.url
    forged = Phone(f"{base}/v/{'A' * 22}")
    assert forged.open()[0] == 409 and "不是本次会议" in forged.open()[1]
    assert Phone(f"{base}/v/short").open()[0] == 400
    assert Phone(f"{base}/v/{'x' * 70}").open()[0] == 404
    assert Phone(f"{base}/etc/passwd").open()[0] == 404
    phone = Phone(urls[1])
    phone.open()
    over = {"nonce": phone.nonce, "step": "cast", "c1": "y", "c2": "y", "c3": "y"}  # 3 approvals, 2 places
    status, html = phone.request(over)
    assert status == 409 and "超过应选 2 项" in html
    for bad in ({"nonce": phone.nonce, "step": "cast", "c9": "y"}, {"nonce": phone.nonce, "step": "cast", "c1": "q"},
                {"nonce": phone.nonce, "step": "cast", "x": "1"}, {"nonce": "bad", "step": "cast", "c1": "y"},
                {"nonce": phone.nonce, "step": "jump"}):
        assert phone.request(bad)[0] == 400, bad
    assert phone.request(raw=b"c1=y&c1=n&step=cast&nonce=" + phone.nonce.encode())[0] == 400  # a mark twice
    assert phone.request(raw=b"\xff\xfe")[0] == 400
    assert phone.request(raw=b"{}", ctype="application/json")[0] == 415
    assert phone.request(raw=b"c1=" + b"y" * 5000)[0] == 413
    assert phone.request(raw=b"c1=y", url=f"{base}/")[0] == 404  # POST to the home page
    assert not ballots(services, sid) and services.phone.figures(sid).used == 0
    # The slip still works after all that.
    assert phone.vote({"c1": "y", "c2": "y", "c3": "n"})[0] == 200


def test_closing_stops_the_phones_and_paper_joins_the_count(hall):
    services, sid, server, urls = hall
    for url in urls[:5]:
        assert Phone(url).vote({"c1": "y", "c2": "n", "c3": "y"})[0] == 200
    late = Phone(urls[5])
    late.open()
    with pytest.raises(UserError, match="手机投票尚未结束"):
        services.vote.declare_collected(sid, 3)
    with pytest.raises(UserError, match="多于发出的 2 张"):
        services.phone.close(sid, 6)  # 5 used: at most 3 slips can be left over
    services.phone.close(sid, 2)  # 8 printed, 2 not handed out: 6 issued, 5 used
    status, html = late.request({"nonce": late.nonce, "step": "cast", "c1": "y"})
    assert status == 409 and "已经结束" in html
    assert Phone(urls[6]).open()[0] == 409
    services.vote.declare_collected(sid, 3)  # the box: 3 paper ballots (8 present, 5 by phone)
    info = services.vote.info(sid)
    assert info.ballots_collected == 8 and info.recorded == 5
    cands = [c.id for c in info.candidates]
    for _ in range(3):
        services.vote.record_ballot(sid, {cands[0]: "Y", cands[1]: "Y", cands[2]: "N"})
    with pytest.raises(UserError, match="收回的 8 张选票已全部录入"):
        services.vote.record_ballot(sid, {})
    services.vote.withdraw_last(sid)
    services.vote.withdraw_last(sid)
    services.vote.withdraw_last(sid)
    with pytest.raises(UserError, match="手机投出的表决票，不能撤销"):
        services.vote.withdraw_last(sid)
    for _ in range(3):
        services.vote.record_ballot(sid, {cands[0]: "Y", cands[1]: "Y", cands[2]: "N"})
    services.vote.publish(sid)
    result = services.vote.info(sid).result
    assert result.ballots_collected == 8 and result.candidates[0].approve == 8
    assert {c.id: c.approve for c in result.candidates}[cands[2]] == 5
    assert Phone(urls[7]).open()[0] == 409  # sealed
    with services.db.unit_of_work() as s:
        from minsheng_desktop.storage import phone_repo

        assert phone_repo.find_token(s, token_hash(urls[0].rsplit("/", 1)[1])).used
    with pytest.raises(UserError):
        services.phone.open(sid)


def test_two_requests_with_one_slip_vote_once(hall):
    services, sid, server, urls = hall
    phones = [Phone(urls[0]) for _ in range(6)]
    for p in phones:
        p.open()
    results: list[int] = []
    threads = [threading.Thread(target=lambda p=p: results.append(
        p.request({"nonce": p.nonce, "step": "cast", "c1": "y"})[0])) for p in phones]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200] + [409] * 5
    assert len(ballots(services, sid)) == 1
    assert [b.marks for b in ballots(services, sid)][0] and services.vote.info(sid).recorded == 1


def test_requests_are_rate_limited(town_db):
    make_town(town_db)
    services = make_services(town_db)
    server = HallServer(services.phone, "127.0.0.1", 0, limit=RateLimit(5, 60))
    try:
        codes = [Phone(server.url + "/").open()[0] for _ in range(7)]
    finally:
        server.stop()
    assert codes == [200] * 5 + [429] * 2
    assert not server.running


def test_only_a_chosen_address():
    for bad in ("0.0.0.0", "", "::", "localhost", "224.0.0.1"):
        with pytest.raises(UserError):
            check_host(bad)
    assert check_host("192.168.1.10") == "192.168.1.10"


def test_slips_pdf(hall, tmp_path):
    services, sid, server, _urls = hall
    pdf = services.phone.issue_slips(sid, server.url, tmp_path / "表决票.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and services.phone.figures(sid).printed == 8
    assert PHONE_ENTRY == "手机"


def test_a_vote_that_fails_to_store_leaves_the_slip_unused(hall, monkeypatch):
    services, sid, server, urls = hall
    import minsheng_desktop.services.vote_service as vote_service

    real = vote_service.audit_repo.append

    def failing(s, code, action, **kw):
        if action == "ballot.recorded":
            raise OSError("disk full")
        return real(s, code, action, **kw)

    monkeypatch.setattr(vote_service.audit_repo, "append", failing)
    phone = Phone(urls[0])
    status, html = phone.vote({"c1": "y"})
    assert status == 500 and "电脑处理出错" in html and "Traceback" not in html
    assert not ballots(services, sid) and services.phone.figures(sid).used == 0
    monkeypatch.setattr(vote_service.audit_repo, "append", real)
    assert phone.request({"nonce": phone.nonce, "step": "cast", "c1": "y"})[0] == 200  # the same page, again
    assert len(ballots(services, sid)) == 1


def test_closing_names_the_slips_it_counts():
    """One rule for closing phone voting and phone scoring; each names its own slips (测评 used to say 表决票)."""
    from minsheng_desktop.domain.phone_ballot import check_unissued

    check_unissued(10, 2, 8)
    with pytest.raises(UserError, match="多于发出的 7 张测评票：请重新清点未发出的测评票"):
        check_unissued(10, 3, 8, "测评票")
    with pytest.raises(UserError, match="未发出的表决票应在 0～10 张之间"):
        check_unissued(10, 11, 0)
