"""季会 and 年中会议: an agenda of reports, any item scored by either method with the same verdict and 整改 → 再测评
chain as a project, the 审议意见 a meeting adopts (sent, handling reported, deliberated again, scored), the default
plan by the place's system, and the meeting's 测评结果 naming its subjects."""

from __future__ import annotations

from datetime import date

import pytest

from minsheng_desktop.domain.agenda import (
    check_dates,
    check_item,
    holds_agenda,
    opinion_stage,
    review_problem,
    subject_name,
)
from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.domain.supervision_plan import default_plan, system_of
from minsheng_desktop.domain.vocabulary import AgendaKind, FollowUpStage, SupervisionSystem
from minsheng_desktop.services.agenda_service import AgendaService
from minsheng_desktop.services.report_service import ReportService
from minsheng_desktop.services.scoring_service import ScoringService
from minsheng_desktop.services.settings_service import SettingsService
from minsheng_desktop.services.supervision_service import SupervisionService
from tests.conftest import TODAY

LOW = {"satisfied": 8, "basically": 10, "unsatisfied": 25}
GOOD = {"satisfied": 30, "basically": 10, "unsatisfied": 3}


# Domain -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind,title,name", [
    (AgendaKind.UNIT_WORK, "镇司法所", "镇司法所工作"),
    (AgendaKind.UNIT_WORK, "吴家法庭工作", "吴家法庭工作"),
    (AgendaKind.SPECIAL_WORK, "河长制工作", "河长制工作"),
    (AgendaKind.PROJECT_PROGRESS, "2026年度民生实事项目推进情况", "2026年度民生实事项目推进情况"),
    (AgendaKind.OPINION_HANDLING, "河长制工作", "河长制工作审议意见办理情况"),
    (AgendaKind.OPINION_HANDLING, "关于河长制工作审议意见的办理情况", "关于河长制工作审议意见的办理情况"),
])
def test_subject_names(kind, title, name):
    assert subject_name(kind, f" {title} ") == name


def test_items_are_checked_and_bounded():
    check_item("专项工作", "河长制工作", "镇水利站")
    with pytest.raises(UserError, match="议程类型"):
        check_item("工作汇报", "河长制工作", "")
    with pytest.raises(UserError, match="报告事项"):
        check_item("专项工作", "  ", "")
    with pytest.raises(UserError, match="过长"):
        check_item("单位工作", "镇司法所", "所" * 121)
    assert holds_agenda("季会") and holds_agenda("年中会议") and not holds_agenda("视察")


def test_opinion_stages_and_when_one_can_be_deliberated_again():
    d = date(2026, 3, 28)
    assert opinion_stage("办理中", None, None, False) == "待交办"
    assert opinion_stage("办理中", d, None, False) == "办理中"
    assert opinion_stage("办理中", d, d, False) == "已报告"
    assert opinion_stage("办理中", d, d, True) == "再审议"
    assert opinion_stage("已办结", d, d, True) == "已办结"
    assert review_problem(d, d, True) == "再审议应在通过审议意见的会议之后召开"
    assert "尚未报告" in review_problem(d, date(2026, 6, 26), False)
    assert review_problem(d, date(2026, 6, 26), True) is None
    with pytest.raises(UserError, match="交办日期"):
        check_dates(date(2026, 3, 1), None, d)
    with pytest.raises(UserError, match="请先交办"):
        check_dates(None, date(2026, 4, 1), d)
    check_dates(date(2026, 4, 1), date(2026, 5, 1), d)


def test_the_default_plan_follows_the_system():
    quarterly = default_plan(2027, "清溪镇", SupervisionSystem.QUARTERLY)
    assert [e.kind for e in quarterly].count("季会") == 4 and "年中问进度" in [e.kind for e in quarterly]
    assert [e.held_on for e in quarterly] == sorted(e.held_on for e in quarterly)
    mid = default_plan(2027, "清溪镇", SupervisionSystem.MID_YEAR)
    assert [e.kind for e in mid].count("年中会议") == 1 and "季会" not in [e.kind for e in mid]
    assert system_of(None) == SupervisionSystem.QUARTERLY and system_of("年中会议制") == SupervisionSystem.MID_YEAR
    with pytest.raises(UserError, match="监督制度"):
        system_of("半年制")


# Services -----------------------------------------------------------------------------------------------------------
def _meeting(db, clock, title="第四季度专项工作报告会", day=date(2026, 11, 20)) -> str:
    eid, _ = SupervisionService(db, clock).save_event(2026, None, "季会", title, day, status="已开展")
    return eid


def test_a_quarterly_meeting_scores_special_work_by_100_points_and_a_unit_three_level(demo_db, clock, tmp_path):
    agenda, scoring = AgendaService(demo_db, clock), ScoringService(demo_db, clock)
    eid = _meeting(demo_db, clock)
    river, _ = agenda.save_item(eid, None, "专项工作", "河长制工作", "镇水利站")
    office, _ = agenda.save_item(eid, None, "单位工作", "镇司法所", "镇司法所所长")
    assert [(i.seq, i.subject) for i in agenda.agenda(eid).items] == [(1, "河长制工作"), (2, "镇司法所工作")]
    (r100,), _ = scoring.create_item_rounds([river], "第四季度专项工作报告会测评", method="hundred_point",
                                            entry_mode="ballots")
    (r3,), _ = scoring.create_item_rounds([office], "第四季度专项工作报告会测评", method="three_level")
    scoring.submit_scores(r100, [92, 85, 78, 88, 95, 60])
    assert scoring.submit_totals(r3, 1, LOW) == [] and scoring.submit_totals(r3, 2, LOW) == []
    rows = {r.id: r for r in scoring.rounds(2026)}
    assert rows[r100].verdict == "满意" and rows[r100].counts["average"] == 83.0
    assert rows[r100].event_id == eid and rows[r100].subject_kind == "专项工作" and rows[r100].project == "河长制工作"
    assert rows[r3].verdict == "不满意" and rows[r3].needs_follow_up and rows[r3].project == "镇司法所工作"
    item = {i.id: i for i in agenda.agenda(eid).items}[office]
    assert item.follow_up_stage == FollowUpStage.EXPLAINED and item.verdict == "不满意"
    # 政府说明 → 整改 → 再测评 → 已办结, exactly as for a project
    scoring.advance(item.follow_up_id, "人员不足，调解案件积压")
    scoring.advance(item.follow_up_id, "增配两名调解员，积压案件已清零")
    item = {i.id: i for i in agenda.agenda(eid).items}[office]
    assert item.follow_up_stage == FollowUpStage.RESCORE and item.open_round_id
    scoring.submit_totals(item.open_round_id, 1, GOOD)
    scoring.submit_totals(item.open_round_id, 2, GOOD)
    item = {i.id: i for i in agenda.agenda(eid).items}[office]
    assert item.follow_up_stage == FollowUpStage.CLOSED and item.verdict == "满意" and item.rounds == 2
    fu = next(f for f in scoring.follow_ups(2026) if f.agenda_item_id == office)
    assert fu.project == "镇司法所工作" and fu.subject_kind == "单位工作" and fu.closed_on == TODAY
    # the meeting's 测评结果 names its subjects; the year's project results stay about projects
    reports = ReportService(demo_db, clock)
    for ext in ("pdf", "docx"):
        out = reports.meeting_scores(eid, tmp_path / f"测评结果.{ext}")
        assert out.stat().st_size > 5000
    from docx import Document

    text = "\n".join(c.text for t in Document(str(tmp_path / "测评结果.docx")).tables for r in t.rows for c in r.cells)
    assert "镇司法所工作" in text and "河长制工作" in text and "再测评" in text
    from openpyxl import load_workbook

    ws = load_workbook(reports.write("scores", 2026, tmp_path / "年度.xlsx")).active
    assert not any("司法所" in str(c.value) for row in ws.iter_rows() for c in row)
    ballot = reports.scoring_ballot([r3], 2026, tmp_path / "测评表.pdf")
    assert ballot.read_bytes().startswith(b"%PDF")


def test_scores_are_checked_and_a_decided_round_is_final(demo_db, clock):
    agenda, scoring = AgendaService(demo_db, clock), ScoringService(demo_db, clock)
    eid = _meeting(demo_db, clock)
    item, _ = agenda.save_item(eid, None, "单位工作", "吴家法庭")
    (rid,), _ = scoring.create_item_rounds([item], "测评", method="hundred_point")
    with pytest.raises(UserError, match="0-100"):
        scoring.submit_scores(rid, [90, 101])
    with pytest.raises(UserError, match="请填写评分"):
        scoring.submit_scores(rid, [])
    assert not next(r for r in scoring.rounds(2026) if r.id == rid).decided  # nothing half-written
    scoring.submit_scores(rid, [50, 55, 90])
    with pytest.raises(UserError, match="已确定"):
        scoring.submit_scores(rid, [90])
    with pytest.raises(UserError, match="已测评"):
        agenda.delete_item(item)
    other, _ = agenda.save_item(eid, None, "项目推进情况", "民生实事项目推进情况")
    agenda.delete_item(other)
    assert [i.id for i in agenda.agenda(eid).items] == [item]
    visit, _ = SupervisionService(demo_db, clock).save_event(2026, None, "视察", "视察", date(2026, 11, 1))
    with pytest.raises(UserError, match="不安排议程"):
        agenda.save_item(visit, None, "单位工作", "吴家法庭")


def test_deliberation_opinions_are_sent_reported_deliberated_again_and_scored(demo_db, clock):
    agenda, scoring = AgendaService(demo_db, clock), ScoringService(demo_db, clock)
    first = _meeting(demo_db, clock, "第一季度专项工作报告会", date(2026, 3, 28))
    river, _ = agenda.save_item(first, None, "专项工作", "河长制工作", "镇水利站")
    agenda.adopt_opinion(river, "加强河道日常保洁，落实村级河长巡河制度")
    (op,) = agenda.agenda(first).adopted
    assert op.stage == "待交办" and op.responsible_unit == "镇水利站" and op.due_on == date(2026, 6, 26)
    second = _meeting(demo_db, clock, "第二季度专项工作报告会", date(2026, 6, 26))
    with pytest.raises(UserError, match="尚未报告"):
        agenda.save_item(second, None, "审议意见办理情况", "河长制工作", "镇政府", reviews=[op.id])
    with pytest.raises(UserError, match="交办日期"):
        agenda.record_handling(op.id, sent_on=date(2026, 3, 1))
    agenda.record_handling(op.id, sent_on=date(2026, 4, 2), report="已建立村级河长巡河台账，河道保洁外包",
                           reported_on=date(2026, 6, 10))
    assert op.id in [o.id for o in agenda.agenda(second).reviewable]  # (with the demo 季会's, adopted in April)
    assert op.id not in [o.id for o in agenda.agenda(first).reviewable]  # not at the meeting that adopted it
    review, _ = agenda.save_item(second, None, "审议意见办理情况", "河长制工作", "镇政府", reviews=[op.id])
    item = agenda.agenda(second).items[0]
    assert item.subject == "河长制工作审议意见办理情况" and item.reviewed_ids == [op.id]
    assert agenda.agenda(first).adopted[0].stage == "再审议"
    third = _meeting(demo_db, clock, "第三季度专项工作报告会", date(2026, 9, 26))
    with pytest.raises(UserError, match="已在其他议程再审议"):
        agenda.save_item(third, None, "审议意见办理情况", "河长制工作", "镇政府", reviews=[op.id])
    with pytest.raises(UserError, match="只有“审议意见办理情况”"):
        agenda.save_item(second, review, "专项工作", "河长制工作", "镇政府", reviews=[op.id])
    agenda.save_item(second, review, "专项工作", "河长制工作", "镇政府")  # no longer about the opinions: let go
    assert agenda.agenda(first).adopted[0].stage == "已报告"
    agenda.save_item(second, review, "审议意见办理情况", "河长制工作", "镇政府", reviews=[op.id])
    (rid,), _ = scoring.create_item_rounds([review], "第二季度专项工作报告会测评")
    scoring.submit_totals(rid, 1, GOOD)
    scoring.submit_totals(rid, 2, GOOD)
    assert agenda.agenda(first).adopted[0].stage == "已办结"  # handled well: the opinion is closed


def test_the_plan_follows_the_setting(demo_db, clock):
    settings, svc = SettingsService(demo_db, clock), SupervisionService(demo_db, clock)
    assert settings.load().supervision_system == "季会制"
    with pytest.raises(UserError, match="监督制度"):
        settings.save_supervision_system("半年制")
    settings.save_supervision_system("年中会议制")
    assert settings.load().supervision_system == "年中会议制"
    svc.generate_plan(2028)
    kinds = [e.kind for e in svc.events(2028)]
    assert "年中会议" in kinds and "季会" not in kinds


def test_typed_scores_are_parsed_and_checked():
    from minsheng_desktop.domain.satisfaction import parse_scores

    assert parse_scores("95 88，72\n６０、100;0") == [95, 88, 72, 60, 100, 0]
    assert parse_scores("  ") == []
    with pytest.raises(UserError, match="第 2 个评分“九十”"):
        parse_scores("95 九十")
    for bad in ("101", "-1", "nan", "inf"):
        with pytest.raises(UserError, match="第 1 个评分"):
            parse_scores(bad)
    with pytest.raises(UserError, match="超过"):
        parse_scores("90 " * 2001)
