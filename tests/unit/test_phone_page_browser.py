"""The real phone page in headless Chromium (Debian's, driven by Playwright): from the slip's address to the receipt,
and the refusals a deputy can meet — the over-approval stopped on the phone, a used slip, voting closed."""

from __future__ import annotations

import pytest

from minsheng_desktop.services.hall_server.server import HallServer
from tests.tools import need_chromium
from tests.unit.phone_hall import counting_session, make_services, make_town


@pytest.fixture
def browser():
    path = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def test_token_to_receipt_and_refusals(town_db, browser):
    make_town(town_db, candidates=4, seats=2)
    services = make_services(town_db)
    sid = counting_session(services, present=8)
    services.phone.open(sid)
    server = HallServer(services.phone, "127.0.0.1", 0)
    try:
        urls = services.phone.new_slips(sid, server.url)
        page = browser.new_page(viewport={"width": 360, "height": 780}, java_script_enabled=True)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
        page.goto(urls[0])
        assert page.title() == "民生实事项目表决票" and page.locator(".c").count() == 4
        for i in (1, 2, 3):  # three 赞成 for two places: the phone stops it before sending
            page.check(f"input[name=c{i}][value=y]")
        page.check("input[name=c4][value=n]")
        assert "已选赞成 3 项" in page.inner_text("#s")
        page.click("#b")
        assert dialogs and "超过应选 2 项" in dialogs[-1] and page.title() == "民生实事项目表决票"
        page.check("input[name=c3][value=a]")
        page.click("#b")
        page.wait_for_load_state()
        assert page.title() == "核对" and "赞成" in page.inner_text("table")
        page.click("text=返回修改")  # back to the ballot, the choices kept
        page.wait_for_load_state()
        assert page.is_checked("input[name=c3][value=a]") and page.is_checked("input[name=c1][value=y]")
        page.click("#b")
        page.wait_for_load_state()
        page.click("#b")  # 确认投票
        page.wait_for_load_state()
        assert page.title() == "已投票" and len(page.inner_text(".code")) == 9
        page.reload()  # the browser sends the vote again: the same receipt, no second vote
        assert page.title() == "已投票" and len(services.vote.ballots(sid)) == 1
        page.goto(urls[0])  # the used slip
        assert page.title() == "未能投票" and "已经投过票" in page.inner_text("body")
        # With script off (an old browser), the server refuses the over-approval itself.
        plain = browser.new_page(java_script_enabled=False)
        plain.goto(urls[1])
        for i in (1, 2, 3):
            plain.check(f"input[name=c{i}][value=y]")
        plain.click("#b")
        assert plain.title() == "未能投票" and "超过应选 2 项" in plain.inner_text("body")
        late = browser.new_page()
        late.goto(urls[2])
        services.phone.close(sid, 0)  # the presiding officer closes voting while this phone is on its ballot
        late.check("input[name=c1][value=y]")
        late.click("#b")
        assert late.title() == "未能投票" and "已经结束" in late.inner_text("body")
        assert len(services.vote.ballots(sid)) == 1
    finally:
        server.stop()
