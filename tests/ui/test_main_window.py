"""The main window over the demo town: navigation, every pane shows the year's data, year switching."""

from __future__ import annotations

from minsheng_desktop.ui.models.records_table_model import RecordsTableModel

PANES = ["首页", "征集", "候选项目", "票决", "实施", "监督", "测评", "汇总", "设置"]


def test_navigation_lists_every_pane_in_chinese(window):
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == PANES
    assert window.windowTitle().startswith("民生实事票决 — 清溪镇")


def test_home_page_shows_the_year_at_a_glance(window):
    home = window.pane("首页")
    assert home.title.text() == "清溪镇 2026 年度概况"
    assert home.cards["proposals"].value.text().endswith("件") and home.cards["proposals"].value.text() != "0 件"
    assert home.cards["deputies"].value.text() == "58 人"
    assert "票决" in home.cards["vote"].detail.text()
    assert home.category_chart.items() and home.status_chart.items()


def test_every_pane_opens_on_the_demo_year(window):
    for row, name in enumerate(PANES):
        window.nav.setCurrentRow(row)
        assert window.current_pane() is window.pane(name)
        assert window.pane(name).isVisible()  # inside its scroll area, the page shown
    assert window.pane("实施").model.total_rows() == 10
    assert window.pane("监督").model.total_rows() == 7
    assert window.pane("汇总").town_model.total_rows() == 1


def test_search_filters_across_all_rows(window):
    window.nav.setCurrentRow(PANES.index("设置"))
    table = window.pane("设置").roster_tab.table
    total = table.model.total_rows()
    table.search.setText("第一代表小组")
    assert 0 < table.proxy.rowCount() < total
    assert "找到" in table.count.text()


def test_switching_year_refreshes_the_panes(window):
    window.nav.setCurrentRow(0)
    window.year_box.setCurrentText("2025")
    window.year_box.activated.emit(window.year_box.currentIndex())
    assert window.year == 2025
    assert window.pane("首页").title.text() == "清溪镇 2025 年度概况"
    assert window.pane("首页").cards["scores"].value.text().endswith("%")  # 2025 was scored in January 2026


def test_records_model_passes_the_model_tester(qtmodeltester):
    model = RecordsTableModel()
    model.set_rows(["名称", "投资"], [(f"项目{i}", float(i)) for i in range(450)], [str(i) for i in range(450)])
    assert model.rowCount() == 200 and model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 450 and model.data(model.index(3, 1)) == "3.00"
    assert not model.canFetchMore(model.index(-1, -1))
    qtmodeltester.check(model)


def test_gui_demo_fills_an_empty_file_and_opens_it(tmp_path, clock):
    from minsheng_desktop.__main__ import open_for_gui

    database = open_for_gui(str(tmp_path / "新.sqlite"), demo=True, clock=clock)
    try:
        from minsheng_desktop.services.settings_service import SettingsService

        assert SettingsService(database, clock).load().town.name == "清溪镇"
    finally:
        database.close()


def test_a_pane_is_built_only_when_first_shown(qtbot, demo_db, clock):
    from minsheng_desktop.__main__ import make_services
    from minsheng_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(make_services(demo_db, clock))
    assert set(window._panes) == {0}
    window.nav.setCurrentRow(8)
    assert set(window._panes) == {0, 8}


def test_services_are_built_when_first_used(demo_db, clock):
    """The home page needs two services; the others (and their modules) wait until their panes open."""
    from minsheng_desktop.__main__ import make_services

    sv = make_services(demo_db, clock)
    assert "vote" not in vars(sv)
    first = sv.vote
    assert sv.vote is first and first.clock is clock and first.db is demo_db
