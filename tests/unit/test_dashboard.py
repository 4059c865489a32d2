"""The county's dashboard over a merged county and a city: the figures add up, match the summary, light by the
county's chosen rule, compare with last year, group towns by district, and each figure drills to its rows."""

from __future__ import annotations

import pytest

from minsheng_desktop.domain.progress import LightPolicy
from minsheng_desktop.domain.vocabulary import Completion, Light, LightMode
from minsheng_desktop.services.dashboard_service import DashboardService
from minsheng_desktop.services.settings_service import SettingsService
from minsheng_desktop.services.summary_service import SummaryService
from minsheng_desktop.storage.db import open_database
from tests.conftest import CLOCK, TODAY
from tests.county_fixture import county_copy


@pytest.fixture
def county(tmp_path):
    db = open_database(county_copy(tmp_path, "县区"))
    yield db
    db.close()


@pytest.fixture
def city(tmp_path):
    db = open_database(county_copy(tmp_path, "市"))
    yield db
    db.close()


def test_figures_add_up_and_match_the_summary(county):
    board = DashboardService(county, CLOCK).dashboard(2026)
    # The towns, and 县本级: the county's own vote (分团计票) and projects, in the total but not a town.
    towns = [f for code, _name, f in SummaryService(county).summary(2026).towns if code in {b.code for b in board.towns}]
    t, own = board.total, board.own
    assert board.level == "县区" and len(board.towns) == 3 and not board.districts
    assert own is not None and own.name == "县本级" and own.towns == 0 and t.towns == 3
    assert board.units()[0] is own and board.units()[1:] == board.towns
    assert own.votes_held == 1 and own.votes_quorum == 1 and own.chosen > 0
    assert (t.proposals - own.proposals, t.candidates - own.candidates, t.projects - own.projects) == (
        sum(f.proposals for f in towns), sum(f.candidates for f in towns), sum(f.projects for f in towns))
    assert own.candidates == 25 and own.projects == own.chosen  # the county's vote chose its own projects
    assert t.planned - own.planned == pytest.approx(sum(f.planned for f in towns))
    assert t.spent - own.spent == pytest.approx(sum(f.spent for f in towns))
    for attr in ("proposals", "candidates", "chosen", "votes_held", "events_held", "opinions_overdue"):
        assert getattr(t, attr) == sum(getattr(f, attr) for f in board.units())
    assert sum(t.lights.values()) == sum(t.completion.values()) == len(board.projects) == t.projects
    assert t.votes_held == 4 and t.votes_quorum == 4
    assert t.chosen - own.chosen == sum(f.projects for f in board.towns)  # each town's chosen became its projects
    votes = DashboardService(county, CLOCK).drill(board, None, "votes")
    assert len(votes.rows) == 4 and "县本级" in {r[0] for r in votes.rows}
    for p in board.flagged(Light.RED):  # the milestone rule: red is a passed deadline, not completed
        assert p.deadline < TODAY and p.percent < 100
    assert t.completion[Completion.DONE] == sum(1 for p in board.projects if p.light == Light.BLUE)
    last = SummaryService(county).summary(2025).total
    assert board.last.projects == last.projects and board.last.proposals == last.proposals
    # per project (each one's latest deputies' round) rather than per round: close to the summary's figure
    assert len(board.last.rates) == board.last.projects and board.last.satisfaction == pytest.approx(
        last.satisfaction, abs=0.01)
    assert sum(n for _label, n in board.satisfaction_bands()) == len(t.rates)


def test_the_county_rule_lights_every_town(county):
    svc = DashboardService(county, CLOCK)
    before = svc.dashboard(2026).total.lights
    SettingsService(county, CLOCK).save_light_policy(LightPolicy(LightMode.LAG, 10, 30))
    board = svc.dashboard(2026)
    assert board.policy.mode == LightMode.LAG
    assert board.total.lights != before and sum(board.total.lights.values()) == sum(before.values())


def test_drill_down_shows_the_rows_behind_each_figure(county):
    svc = DashboardService(county, CLOCK)
    board = svc.dashboard(2026)
    town = board.towns[1]
    for measure, expected in [("proposals", town.proposals), ("candidates", town.candidates),
                              ("votes", town.votes_held), ("events", town.events_held),
                              ("overdue", town.opinions_overdue), ("projects", town.projects),
                              (f"light:{Light.RED}", town.lights[Light.RED]),
                              (f"done:{Completion.BASIC}", town.completion[Completion.BASIC])]:
        drill = svc.drill(board, [town.code], measure)
        assert len(drill.rows) == expected, measure
        assert all(r[0] == town.name for r in drill.rows) and town.name in drill.title
    red = svc.drill(board, None, f"light:{Light.RED}")
    assert red.title.startswith("全县") and len(red.rows) == board.total.lights[Light.RED]
    assert {r[1] for r in red.rows} == {p.name for p in board.flagged(Light.RED)}
    with pytest.raises(ValueError):
        svc.drill(board, None, "nonsense")


def test_city_groups_towns_under_their_districts(city):
    board = DashboardService(city, CLOCK).dashboard(2026)
    assert board.level == "市" and [d.name for d in board.districts] == ["东川区", "示范县"]
    assert len(board.towns) == 2 and all(d.towns == 1 for d in board.districts)
    for attr in ("proposals", "projects", "events_held"):
        assert sum(getattr(d, attr) for d in board.districts) == getattr(board.total, attr)
    drill = DashboardService(city, CLOCK).drill(board, None, "proposals")
    assert drill.title.startswith("全市") and len(drill.rows) == board.total.proposals
    assert board.to_dict()["districts"][0]["name"] == "东川区"


def test_demo_level_refuses_bad_arguments_and_leaves_nothing(tmp_path, capsys):
    from minsheng_desktop.cli import main

    out = tmp_path / "县.sqlite"
    assert main(["demo", "--db", str(out), "--level", "县区", "--towns", "99"]) == 2
    assert "演示乡镇数应在" in capsys.readouterr().err and not out.exists()
    out.write_bytes(b"x")
    assert main(["demo", "--db", str(out), "--level", "市"]) == 2
    assert "已存在" in capsys.readouterr().err


def test_dashboard_on_postgres_matches_sqlite(tmp_path):
    from sqlalchemy import create_engine, text

    from minsheng_desktop.services.export_service import export_package
    from minsheng_desktop.services.merge_service import MergeService
    from tests.tools import need_postgres

    url = need_postgres()
    county = open_database(county_copy(tmp_path, "县区"))
    try:
        pkg = export_package(county, tmp_path / "县.mspkg").path
    finally:
        county.close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    boards = []
    for target in (str(tmp_path / "市.sqlite"), url):
        db = open_database(target)
        try:
            assert [r.status for r in MergeService(db).merge([pkg])] == ["merged"]
            boards.append(DashboardService(db, CLOCK).dashboard(2026).to_dict())
        finally:
            db.close()
    assert boards[0] == boards[1] and boards[0]["total"]["projects"] > 0


def test_the_dashboard_reads_in_one_read_transaction(county, monkeypatch):
    opened = []
    real = county.unit_of_work

    def counting(*args, **kw):
        opened.append(kw.get("read_only", False))
        return real(*args, **kw)

    monkeypatch.setattr(county, "unit_of_work", counting)
    DashboardService(county, CLOCK).dashboard(2026)
    assert opened == [True]


def test_the_summary_names_the_county_s_own_row_and_counts_only_towns(county):
    summary = SummaryService(county).summary(2026)
    board = DashboardService(county, CLOCK).dashboard(2026)
    assert summary.own == board.own.code and summary.towns[0][:2] == (board.own.code, "县本级")
    assert summary.town_count == len(board.towns) == 3 and len(summary.towns) == 4
    assert summary.total.projects == board.total.projects  # paper and screen agree, 县本级 included
