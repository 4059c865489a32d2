"""回头看 campaigns and 代表专班: the figures (entered beside the log), the 问题清单's hand-over and the overdue rule,
the roll-up per group, and the 问题清单 / 专题调研报告 documents with the figures in them."""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta

import pytest

from minsheng_desktop.domain import campaigns as C
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.groups import EventFacts, OpinionFacts, check_group, rollup
from minsheng_desktop.domain.vocabulary import EventStatus, HandOverStage, OpinionStatus, VisitKind
from minsheng_desktop.services.campaign_service import CampaignService
from minsheng_desktop.services.group_service import GroupService
from minsheng_desktop.services.project_service import ProjectService
from minsheng_desktop.services.roster_service import RosterService
from minsheng_desktop.services.supervision_service import SupervisionService
from tests.conftest import TODAY
from tests.tools import need_poppler


def _pdf_text(path) -> str:
    return subprocess.run([need_poppler("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _docx_text(path) -> str:
    from docx import Document

    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


# The rules ------------------------------------------------------------------------------------------------------
def test_figures_use_the_entered_total_else_the_log_and_flag_a_log_above_it():
    visits = [C.VisitFacts(VisitKind.HOUSEHOLDS, "p1", ("a", "b"), 40), C.VisitFacts(VisitKind.HOUSEHOLDS, "p2", ("c",), 2),
              C.VisitFacts(VisitKind.SITE, "p1", ("a",), 0), C.VisitFacts(VisitKind.SITE, "p1", (), 0),
              C.VisitFacts(VisitKind.FORUM, None, ("d",), 15)]
    logged = C.logged_figures(["a", "e"], visits, 7)
    assert logged == C.Figures(deputies=5, beneficiaries=42, sites=1, forums=1, opinions=7, questionnaires=None)
    lines = {x.key: x for x in C.figure_lines(C.Figures(deputies=823, beneficiaries=8033, forums=0), logged)}
    assert (lines["deputies"].used, lines["deputies"].note) == (823, "按填报数")
    assert lines["beneficiaries"].used == 8033
    assert (lines["sites"].entered, lines["sites"].used, lines["sites"].note) == (None, 1, "按记录")
    assert lines["forums"].used == 0 and "多于填报数" in lines["forums"].note  # 0 entered, 1 logged: one is wrong
    assert (lines["questionnaires"].used, lines["questionnaires"].note) == (0, "")
    text = C.summary_sentence(C.used(lines.values()))
    assert text == "组织823名代表走访受益群众8033户（人）、现场查看项目1个、召开座谈会0场，收集意见建议7条。"
    assert "发放问卷150份" in C.summary_sentence({**C.used(lines.values()), "questionnaires": 150})


def test_figures_and_years_are_bounded():
    with pytest.raises(UserError, match="走访受益群众"):
        C.check_figures(C.Figures(beneficiaries=-1))
    with pytest.raises(UserError, match="参加代表"):
        C.check_figures(C.Figures(deputies=C.MAX_FIGURE + 1))
    assert C.check_look_back([2025, 2024, 2025], date(2026, 5, 1)) == [2024, 2025]
    with pytest.raises(UserError, match="至少选择"):
        C.check_look_back([], date(2026, 5, 1))
    with pytest.raises(UserError, match="不能晚于"):
        C.check_look_back([2027], date(2026, 5, 1))
    with pytest.raises(UserError, match="最多"):
        C.check_look_back(range(2010, 2026), date(2026, 5, 1))
    assert C.report_title([2025]) == "关于2025年度民生实事项目“回头看”情况的调研报告"
    assert C.years_text([2025, 2023, 2024]) == "2023—2025" and C.years_text([2022, 2025]) == "2022、2025"


def test_an_opinion_is_overdue_by_the_one_rule_once_handed_over():
    day = date(2026, 6, 1)
    assert C.opinion_stage(None, OpinionStatus.OPEN, day - timedelta(days=9), day) == HandOverStage.NOT_HANDED
    assert C.opinion_stage(day, OpinionStatus.OPEN, day, day) == HandOverStage.OPEN  # due today: not yet late
    assert C.opinion_stage(day, OpinionStatus.OPEN, day - timedelta(days=1), day) == HandOverStage.OVERDUE
    assert C.opinion_stage(day, OpinionStatus.CLOSED, day - timedelta(days=1), day) == HandOverStage.CLOSED
    assert C.missing_for_hand_over(" ", None) == ["责任单位", "办理时限"]


def test_a_group_rolls_up_its_projects_events_and_members():
    events = [EventFacts(True, frozenset({"p1", "x"}), frozenset({"m1", "m2", "o"})),
              EventFacts(True, frozenset({"p2"}), frozenset({"m1"})),
              EventFacts(False, frozenset({"p1"}), frozenset({"m1", "m2"})),  # planned: not counted
              EventFacts(True, frozenset({"x"}), frozenset({"m1", "m2"}))]  # not the group's project
    day = date(2026, 6, 1)
    opinions = [OpinionFacts("p1", OpinionStatus.CLOSED, day - timedelta(days=5)),
                OpinionFacts("p2", OpinionStatus.OPEN, day - timedelta(days=1)),
                OpinionFacts("p2", OpinionStatus.OPEN, day), OpinionFacts("x", OpinionStatus.OPEN, None)]
    r = rollup(["m1", "m2", "m3"], ["p1", "p2"], events, opinions, day)
    assert (r.events, r.attendances, r.possible, r.raised, r.closed, r.open, r.overdue) == (2, 3, 6, 3, 1, 2, 1)
    assert r.attendance_rate == pytest.approx(0.5)
    assert rollup([], [], [], [], day).attendance_rate is None
    with pytest.raises(UserError, match="牵头领导"):
        check_group("交通专班", " ", "道路")


# The services ---------------------------------------------------------------------------------------------------
def test_the_demo_campaign_has_figures_visits_and_one_overdue_opinion(demo_db, clock):
    svc = CampaignService(demo_db, clock)
    demo = next(r for r in svc.campaigns(2026) if r.status == EventStatus.HELD)
    assert demo.look_back == [2025] and demo.visits == 4 and demo.overdue == 1 and demo.closed >= 2
    d = svc.detail(demo.id)
    lines = {x.key: x for x in d.lines}
    assert (lines["deputies"].entered, lines["beneficiaries"].used) == (42, 386)
    assert lines["deputies"].logged == len(d.attendee_ids)
    assert all(o.handed_on for o in d.opinions)
    assert any(o.feedback and o.stage == HandOverStage.OPEN for o in d.opinions)  # answered, not yet closed
    assert [g.name for g in GroupService(demo_db, clock).groups(2026)] == ["基础设施代表专班", "民生服务代表专班"]


def test_a_campaign_from_creation_to_its_hand_over(demo_db, clock):
    svc = CampaignService(demo_db, clock)
    deputies = RosterService(demo_db, clock).deputies(include_retired=False)
    held = TODAY - timedelta(days=20)
    with pytest.raises(UserError, match="不能晚于"):
        svc.create(2026, "回头看", held, [2027])
    eid, _ = svc.create(2026, "2025年度民生实事项目质效“回头看”", held, [2025], "各村")
    picked = svc.candidate_projects([2025])
    assert {p.year for p in picked} == {2025}
    svc.set_projects(eid, [p.id for p in picked[:3]])
    svc.save(eid, title="2025年度民生实事项目质效“回头看”", held_on=held, place="各村", status=EventStatus.HELD,
             look_back=[2025], figures=C.Figures(deputies=30, beneficiaries=500, questionnaires=80))
    with pytest.raises(UserError, match="先把该项目"):
        svc.save_visit(eid, None, kind=VisitKind.SITE, held_on=held, project_id=picked[4].id)
    svc.save_visit(eid, None, kind=VisitKind.HOUSEHOLDS, held_on=held, place="张湾村", project_id=picked[0].id,
                   deputy_ids=[deputies[0].id, deputies[1].id], people_met=35, findings="水压偏低")
    svc.save_visit(eid, None, kind=VisitKind.FORUM, held_on=held, place="镇人大会议室", deputy_ids=[deputies[2].id],
                   people_met=12)
    d = svc.detail(eid)
    # the visits' deputies take part in the campaign: the event's attendance, where 履职积分 counts them
    event = next(e for e in SupervisionService(demo_db, clock).events(2026) if e.id == eid)
    assert set(event.attendee_ids) == {deputies[0].id, deputies[1].id, deputies[2].id}
    lines = {x.key: x for x in d.lines}
    assert (lines["deputies"].used, lines["deputies"].logged) == (30, 3)
    assert (lines["forums"].used, lines["sites"].used, lines["beneficiaries"].logged) == (1, 0, 35)
    svc.add_opinion(eid, "管网末端水压不足，建议加装增压设备", project_id=picked[0].id, visit_id=d.visits[0].id,
                    due_on=TODAY - timedelta(days=1))
    svc.add_opinion(eid, "建议建立长效管护机制")  # no project, no unit yet
    d = svc.detail(eid)
    assert [o.stage for o in d.opinions] == [HandOverStage.NOT_HANDED] * 2
    assert d.opinions[0].responsible_unit == picked[0].responsible_unit and d.opinions[0].visit.endswith("张湾村")
    with pytest.raises(UserError, match="缺责任单位"):
        svc.hand_over(eid, [o.id for o in d.opinions], TODAY)
    svc.hand_over(eid, [d.opinions[0].id], TODAY - timedelta(days=3))
    d = svc.detail(eid)
    assert d.opinions[0].stage == HandOverStage.OVERDUE and d.handed_on == TODAY - timedelta(days=3)
    SupervisionService(demo_db, clock).follow_up(d.opinions[0].id, "已加装增压泵两台", close=True)
    row = next(r for r in svc.campaigns(2026) if r.id == eid)
    assert (row.projects, row.visits, row.opinions, row.not_handed, row.overdue, row.closed) == (3, 2, 2, 1, 0, 1)


def test_groups_roll_up_and_refuse_what_they_must(demo_db, clock):
    svc = GroupService(demo_db, clock)
    projects = ProjectService(demo_db, clock).projects(2026)
    deputies = RosterService(demo_db, clock).deputies(include_retired=False)
    gid, _ = svc.save_group(2026, None, name="饮水安全专班", leader_name="王建国", leader_title="镇人大主席",
                            focus="农村饮水安全", member_ids=[d.id for d in deputies[:4]],
                            project_ids=[p.id for p in projects[:2]])
    with pytest.raises(UserError, match="已有名为"):
        svc.save_group(2026, None, name="饮水安全专班", leader_name="李", focus="x", member_ids=[], project_ids=[])
    with pytest.raises(UserError, match="重点工作"):
        svc.save_group(2026, gid, name="饮水安全专班", leader_name="李", focus=" ", member_ids=[], project_ids=[])
    g = next(g for g in svc.groups(2026) if g.id == gid)
    assert g.leader == "镇人大主席王建国" and len(g.members) == 4
    # the same numbers counted independently from the calendar
    events = [e for e in SupervisionService(demo_db, clock).events(2026)
              if e.status == EventStatus.HELD and set(e.project_ids) & set(g.project_ids)]
    raised = [o for e in SupervisionService(demo_db, clock).events(2026) for o in e.opinions
              if o.project_id in g.project_ids]
    assert g.rollup.events == len(events)
    assert g.rollup.attendances == sum(len(set(e.attendee_ids) & set(g.member_ids)) for e in events)
    assert g.rollup.raised == len(raised) and g.rollup.closed == sum(o.status == OpinionStatus.CLOSED for o in raised)
    svc.delete_group(gid)
    assert gid not in [x.id for x in svc.groups(2026)]


# The documents --------------------------------------------------------------------------------------------------
def test_the_problem_list_and_the_report_carry_the_figures(demo_db, clock, tmp_path):
    svc = CampaignService(demo_db, clock)
    demo = next(r for r in svc.campaigns(2026) if r.status == EventStatus.HELD)
    d = svc.detail(demo.id)
    for ext in ("pdf", "docx"):
        listing = svc.write_problem_list(demo.id, tmp_path / f"问题清单.{ext}")
        text = _pdf_text(listing) if ext == "pdf" else _docx_text(listing)
        flat = re.sub(r"\s+", "", text)
        assert "“回头看”问题清单" in flat and d.title in flat
        for o in d.opinions:
            assert re.sub(r"\s+", "", o.content) in flat and o.responsible_unit in flat
        assert "逾期未办结" in flat
        report = svc.write_report(demo.id, tmp_path / f"调研报告.{ext}")
        flat = re.sub(r"\s+", "", _pdf_text(report) if ext == "pdf" else _docx_text(report))
        assert "关于2025年度民生实事项目“回头看”情况的调研报告" in flat
        assert f"组织42名代表走访受益群众386户（人）、现场查看项目{len(d.projects) + 2}个、召开座谈会2场，收集意见建议19条" \
            in flat
        for heading in ("一、基本情况", "二、主要成效", "三、存在问题", "四、意见建议", "【待填写："):
            assert heading in flat
    from docx import Document

    marked = [r for p in Document(str(tmp_path / "调研报告.docx")).paragraphs if "【待填写：" in p.text for r in p.runs]
    assert marked and all(r.font.highlight_color is not None for r in marked)  # the secretary sees where to write
    with pytest.raises(UserError, match="以 .pdf 或 .docx 结尾"):
        svc.write_problem_list(demo.id, tmp_path / "问题清单.xlsx")
    empty, _ = svc.create(2026, "新的回头看", TODAY, [2025])
    with pytest.raises(UserError, match="还没有登记意见建议"):
        svc.write_problem_list(empty, tmp_path / "空.pdf")


def test_saving_the_calendar_links_keeps_a_campaigns_past_projects(demo_db, clock):
    svc = CampaignService(demo_db, clock)
    eid, _ = svc.create(2026, "往年项目回头看", TODAY, [2025])
    past = svc.candidate_projects([2025])[:2]
    svc.set_projects(eid, [p.id for p in past])
    this_year = ProjectService(demo_db, clock).projects(2026)[:1]
    SupervisionService(demo_db, clock).set_links(eid, [p.id for p in this_year], [])  # the 日程 tab's 涉及项目
    assert {p.id for p in svc.detail(eid).projects} == {p.id for p in past + this_year}
    SupervisionService(demo_db, clock).set_links(eid, [], [])
    assert {p.id for p in svc.detail(eid).projects} == {p.id for p in past}
