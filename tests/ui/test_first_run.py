"""First run: the town dialog says where the code comes from; a start page walks a new town through its first
steps — roster, working year, intake — each a button to the right place, each ticked from the data."""

from __future__ import annotations

from minsheng_desktop.domain.intake import ProposalInput
from minsheng_desktop.domain.roster import DeputyInput
from minsheng_desktop.ui.dialogs.town_dialog import TownDialog
from tests.ui.conftest import make_window


def test_town_dialog_says_where_to_find_the_code(qtbot):
    dialog = TownDialog()
    qtbot.addWidget(dialog)
    assert "统计用区划代码" in dialog.code_help.text() and "9 位或 12 位" in dialog.code_help.text()
    assert "9 位或 12 位" in dialog.code.placeholderText()


def ticks(window) -> dict[str, str]:
    return {key: label.text() for key, label in window.start_page.ticks.items()}


def test_new_town_is_walked_through_its_first_steps(qtbot, town_db):
    window = make_window(qtbot, town_db)  # 测试镇: no deputies, no proposals, working on 2026 on 2026-11-21
    assert window.start_page is not None and window.stack.currentWidget().widget() is window.start_page
    assert window.nav.currentRow() == -1
    assert ticks(window) == {"roster": "①", "year": "②", "intake": "③"}
    assert "9 月起" in window.start_page.details["year"].text() and "2027" in window.start_page.details["year"].text()
    assert window.start_page.buttons["roster"].objectName() == "primary"  # the next thing to do stands out

    window.start_page.buttons["roster"].click()
    settings = window.pane("设置")
    assert window.current_pane() is settings and settings.tabs.currentWidget() is settings.roster_tab
    window.bus.publish(window.services.roster.add(DeputyInput("张伟", group_name="第一代表小组")))
    window.start_link.click()
    assert ticks(window)["roster"] == "✓" and "1 名在任代表" in window.start_page.details["roster"].text()

    window.start_page.buttons["year"].click()
    assert settings.tabs.currentWidget() is settings.town_tab
    window.bus.publish(window.services.settings.add_year(2027))
    window.bus.publish(window.services.settings.set_current_year(2027))
    window.start_link.click()
    assert ticks(window)["year"] == "✓"

    window.start_page.buttons["intake"].click()
    intake = window.pane("征集")
    assert window.current_pane() is intake and window.focusWidget() is intake.form.title_edit
    window.bus.publish(window.services.intake.add(2027, ProposalInput("修建新河村便民桥", category="交通出行")).changes)
    window.start_link.click()
    assert ticks(window) == {"roster": "✓", "year": "✓", "intake": "✓"}
    assert window.start_page.done_note.isVisibleTo(window)
    window.start_page.findChildren(type(window.start_page.buttons["roster"]))[-1].click()  # 进入首页
    assert window.nav.currentRow() == 0


def test_an_established_town_opens_on_its_home_page(window):
    assert window.nav.currentRow() == 0 and window.current_pane() is window.pane("首页")
