"""履职积分 over a built database: the congress sign-in and absences, 测评 taken part in, events, opinions and
proposals counted by quarter; deputies who left during the year; the town's rules; the Excel export read back."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from openpyxl import load_workbook

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.intake import ProposalInput
from minsheng_desktop.domain.points import DEFAULT_RULES, ITEM_LABELS, PointItem
from minsheng_desktop.services.intake_service import IntakeService
from minsheng_desktop.services.points_service import PointsService
from minsheng_desktop.services.project_service import ProjectService
from minsheng_desktop.services.roster_service import RosterService
from minsheng_desktop.services.scoring_service import ScoringService
from minsheng_desktop.services.supervision_service import SupervisionService

DAY = date(2026, 11, 20)  # the day before the tests' fixed today: a 季会 with a 测评


def signed_in_2026(path) -> dict[str, int]:
    """Days each deputy signed in at a vote session in 2026, read straight from the file."""
    with sqlite3.connect(path) as con:
        rows = con.execute("select a.deputy_id, count(distinct v.held_on) from attendance a "
                           "join vote_session v on v.id = a.session_id where v.held_on like '2026-%' "
                           "and v.status in ('counting', 'sealed', 'void') group by a.deputy_id").fetchall()
    return dict(rows)


@pytest.fixture
def built(demo_db, clock):
    """The demo town plus, on DAY, a held 季会 with three deputies, a deputy's opinion (closed), a deputies' 测评
    of one project that day, and a proposal from a deputy."""
    roster = RosterService(demo_db, clock).deputies(include_retired=False)
    sup = SupervisionService(demo_db, clock)
    eid, _ = sup.save_event(2026, None, "季会", "第四季度专项工作报告会", DAY, status="已开展")
    three = [d.id for d in roster[:3]]
    sup.set_links(eid, [], three)
    sup.add_opinion(eid, "建议加快敬老院改造进度", deputy_id=three[0])
    opinion = next(o for e in sup.events(2026) if e.id == eid for o in e.opinions)
    sup.follow_up(opinion.id, "已增加施工力量", True)
    project = ProjectService(demo_db, clock).projects(2026)[0].id
    ScoringService(demo_db, clock).create_rounds(2026, [project], "四季度满意度测评", "代表", DAY)
    IntakeService(demo_db).add(2027, ProposalInput("石桥村道路硬化", source="人大代表", proposer=roster[0].name,
                                                   received_on=date(2026, 10, 9)))
    return demo_db, roster, three


def test_congress_attendance_and_absence_are_counted(built, demo_path, clock):
    db, roster, _ = built
    data = PointsService(db, clock).year_points(2026)
    signed = signed_in_2026(demo_path)
    assert sum(signed.values()) > 0
    by_id = {p.deputy_id: p.items() for p in data.points}
    for d in roster:
        assert by_id[d.id][PointItem.CONGRESS].count == signed.get(d.id, 0)
        assert by_id[d.id][PointItem.ABSENCE].count == 1 - signed.get(d.id, 0)  # one congress day in 2026
    absent = [d.id for d in roster if d.id not in signed]
    assert absent and all(by_id[i][PointItem.ABSENCE].points == -2 for i in absent)


def test_scoring_taken_part_is_counted_not_zero(built, clock):
    db, roster, three = built
    data = PointsService(db, clock).year_points(2026)
    scoring = {p.deputy_id: p.items(4)[PointItem.SCORING].count for p in data.points}
    assert all(scoring[i] >= 1 for i in three)
    assert sum(scoring.values()) >= 3
    first = next(p for p in data.points if p.deputy_id == three[0])
    q4 = first.items(4)
    assert q4[PointItem.MEETING].count >= 1
    assert q4[PointItem.OPINION].count >= 1 and q4[PointItem.OPINION_CLOSED].count >= 1
    assert q4[PointItem.PROPOSAL].count >= 1
    assert any(s.occurrence.item == PointItem.SCORING and s.occurrence.on == DAY and "季会" in s.occurrence.what
               for s in first.evidence(4))
    assert first.total() == sum(first.quarters)


def test_last_years_demo_has_scoring_from_the_year_end_meeting(demo_db, clock):
    """The demo's deputies score projects at the 年底问效果 meeting: those present took part in 测评."""
    data = PointsService(demo_db, clock).year_points(2025)
    assert sum(p.items()[PointItem.SCORING].count for p in data.points) > 0


def test_deputies_who_left_during_the_year_are_listed_and_ranked(built, clock):
    db, roster, _ = built
    svc = PointsService(db, clock)
    RosterService(db, clock).set_active(roster[5].id, False, date(2026, 8, 1))
    RosterService(db, clock).set_active(roster[6].id, False, date(2025, 12, 31))
    ids = {d.id: d for d in svc.year_points(2026).deputies}
    assert roster[5].id in ids and not ids[roster[5].id].serving
    assert roster[6].id not in ids
    ranked = svc.year_points(2026).ranked()
    assert ranked[0].rank == 1 and [line.rank for line in ranked] == sorted(line.rank for line in ranked)
    totals = [line.points.total() for line in ranked]
    assert totals == sorted(totals, reverse=True)


def test_the_towns_rules_are_kept_checked_and_restored(built, clock):
    db, _, three = built
    svc = PointsService(db, clock)
    assert svc.rules() == DEFAULT_RULES
    before = {p.deputy_id: p.total() for p in svc.year_points(2026).points}
    rows = [(str(r.item), 0 if r.item == PointItem.SCORING else r.points, r.cap) for r in DEFAULT_RULES]
    assert "已保存" in svc.save_rules(rows).message
    after = {p.deputy_id: p.total() for p in svc.year_points(2026).points}
    assert after[three[0]] < before[three[0]]
    with pytest.raises(UserError, match="扣分项"):
        svc.save_rules([(k, 1 if k == PointItem.ABSENCE else p, c) for k, p, c in rows])
    assert svc.rules()[-1].points == 0  # the refused save changed nothing
    svc.restore_defaults()
    assert svc.rules() == DEFAULT_RULES
    with pytest.raises(UserError, match="年度"):
        svc.year_points(1900)


def test_export_reads_back_with_chinese_headers_widths_and_the_rules(built, clock, tmp_path):
    db, _, three = built
    svc = PointsService(db, clock)
    out = tmp_path / "积分.xlsx"
    assert svc.export(2026, out) == len(svc.year_points(2026).deputies)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]  # the temp file was renamed into place
    wb = load_workbook(out)
    assert wb.sheetnames == ["履职积分", "积分规则", "积分明细"]
    ws = wb["履职积分"]
    assert ws["A1"].value == "2026年度代表履职积分"
    headers = [c.value for c in ws[2]]
    assert headers[:4] == ["名次", "姓名", "代表小组", "状态"]
    assert f"{ITEM_LABELS[PointItem.CONGRESS]}（次）" in headers and f"{ITEM_LABELS[PointItem.SCORING]}（分）" in headers
    assert headers[-5:] == ["第一季度（分）", "第二季度（分）", "第三季度（分）", "第四季度（分）", "全年合计（分）"]
    assert all(ws.column_dimensions[letter].width >= 6 for letter in "ABCD")
    assert ws.column_dimensions["C"].width >= 20  # 代表小组 names are long
    data = {row[1]: row for row in ws.iter_rows(min_row=3, values_only=True)}
    assert len(data) == svc.export(2026, out)
    first = next(p for p in svc.year_points(2026).points if p.deputy_id == three[0])
    name = next(d.name for d in svc.year_points(2026).deputies if d.id == three[0])
    row = data[name]
    assert row[-1] == first.total() and list(row[-5:-1]) == list(first.quarters)
    assert row[headers.index(f"{ITEM_LABELS[PointItem.SCORING]}（次）")] >= 1
    ranks = [r[0] for r in data.values()]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    rules = [r for r in wb["积分规则"].iter_rows(min_row=3, values_only=True)]
    assert [r[1] for r in rules[:11]] == [r.label for r in DEFAULT_RULES]
    assert rules[9][2:] == (3, 15) and rules[0][3] == "不设上限" and rules[1][2] == -2
    evidence = list(wb["积分明细"].iter_rows(min_row=3, values_only=True))
    assert any(r[0] == name and r[4] == ITEM_LABELS[PointItem.SCORING] for r in evidence)


def test_scoring_counts_at_the_meeting_the_round_was_recorded_at():
    """A round recorded at a meeting (satisfaction_round.event_id) counts for those present at that meeting only; a
    round entered in the 测评 pane without a meeting counts for the meetings held on its day."""
    from minsheng_desktop.services.points_service import scoring_taken_part

    day = date(2026, 3, 28)
    events = [("e1", "季会", "第一季度专项工作报告会", day), ("e2", "视察", "视察项目现场", day),
              ("e3", "年底问效果", "听取完成情况报告", date(2026, 12, 10))]
    attendance = [("e1", "d1"), ("e2", "d2"), ("e3", "d3")]
    got = scoring_taken_part(events, attendance, [], set(), {"e1"})
    assert [(o.deputy_id, o.on) for o in got] == [("d1", day)]  # e2 the same day scored nothing
    got = scoring_taken_part(events, attendance, [], {date(2026, 12, 10)}, {"e1"})
    assert sorted(o.deputy_id for o in got) == ["d1", "d3"]


def test_the_demo_s_first_quarter_meeting_scored_its_agenda(demo_db, clock):
    data = PointsService(demo_db, clock).year_points(2026)
    assert any(s.occurrence.item == PointItem.SCORING and "季会" in s.occurrence.what
               for p in data.points for q in (1, 2, 3, 4) for s in p.evidence(q))
