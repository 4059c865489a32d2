"""The fate of a proposal (a pure function of the records), the SMS text, the notice board's privacy, and the
documents: reply slips (PDF, .docx), the 征集公告 and the paper 建议征集表."""

from __future__ import annotations

from datetime import date

from minsheng_desktop.domain.fate import (
    Facts,
    Score,
    Vote,
    Work,
    fate,
    mobile,
    new_since,
    sms,
    surname,
    villager_group,
)
from minsheng_desktop.domain.intake import TEMPLATE_HEADERS, ProposalInput
from minsheng_desktop.services.intake_service import IntakeService
from minsheng_desktop.services.reply_service import ReplyService
from tests.conftest import CLOCK

FULL = Facts(7, "张湾村自来水三天两头停水", "合并", "", date(2025, 10, 9), 2026, date(2025, 11, 2), (3, "张湾村饮水管网改造"),
             "采纳为候选", "", None, "张湾村饮水安全巩固提升", date(2025, 12, 5), Vote("第七次会议", date(2026, 1, 16), True, 52),
             Work("张湾村饮水安全巩固提升", date(2026, 3, 28), 100, date(2026, 10, 30)),
             Score(date(2026, 11, 11), "满意", 0.912, 0.98))


def test_a_merged_proposal_follows_the_main_one_to_its_score():
    steps = fate(FULL)
    assert [(s.stage, s.day) for s in steps] == [
        ("已收到", date(2025, 10, 9)), ("合并办理", date(2025, 11, 2)), ("采纳为候选", date(2025, 12, 5)),
        ("票决当选", date(2026, 1, 16)), ("实施中", date(2026, 3, 28)), ("已完成", date(2026, 10, 30)),
        ("测评结果", date(2026, 11, 11))]
    assert "第3号建议“张湾村饮水管网改造”" in steps[1].text and "赞成52票" in steps[3].text
    assert "满意率91.2%" in steps[-1].text
    assert [s.key for s in new_since(steps, {"received", "merged", "candidate"})] == [
        "chosen", "started", "completed", "scored"]


def test_other_fates_end_where_they_end():
    base = Facts(1, "t", "不予采纳", "属于部门日常工作职责", date(2025, 10, 9), 2026, date(2025, 11, 1))
    assert [s.stage for s in fate(base)] == ["已收到", "不予采纳"] and "部门日常工作职责" in fate(base)[-1].text
    lost = Facts(1, "t", "采纳为候选", "", None, 2026, candidate="c", vote=Vote("v", date(2026, 1, 16), False, 20))
    assert [s.stage for s in fate(lost)] == ["已收到", "采纳为候选", "未当选"]
    assert [s.stage for s in fate(Facts(1, "t", "待处理", "", None, 2026))] == ["已收到"]


def test_sms_fits_one_message_and_personal_data_stays_off_the_notice_board():
    for title in ("张湾村饮水管网改造", "关于尽快解决张湾村三组至五组村民长期以来饮水困难和管网老化漏水问题的建议" * 2):
        text = sms("观音河镇", title, fate(FULL))
        assert len(text) <= 70 and text.startswith("【观音河镇人大】") and "满意" in text
    assert surname("王建国") == "王某" and surname("欧阳秀英（五组）") == "欧阳某" and surname("") == ""
    assert surname("王家村村民委员会") == "王家村村民委员会"  # a unit is not a person
    assert villager_group("李秀英（三组）", "张湾村") == "三组" and villager_group("王五", "石桥村第五村民小组") == "第五村民小组"
    assert mobile("138 0000 1111") == "13800001111" and mobile("0915-5212345") == "" and mobile("+8613800001111")


def test_documents_are_written(town_db, tmp_path):
    intake = IntakeService(town_db)
    for title, who in (("石桥村安装太阳能路灯", "王建国"), ("石桥村晚上黑灯瞎火的", "李秀英")):
        intake.add(2026, ProposalInput(title, village="石桥村", proposer=who, contact="13800001111"))
    replies = ReplyService(town_db, CLOCK)
    for name in ("回执.pdf", "回执.docx"):
        path, _changes = replies.slips(2026, tmp_path / name, only_news=False)
        assert path.stat().st_size > 1000
    assert not replies.chosen(2026)  # both told: nothing new until something changes
    from docx import Document

    text = "\n".join(c.text for t in Document(tmp_path / "回执.docx").tables for c in t._cells)
    assert "王建国：" in text and "石桥村安装太阳能路灯" in text and "13800001111" not in text
    for name in ("公告.pdf", "公告.docx"):
        assert replies.announcement(2027, tmp_path / name, deadline=date(2026, 12, 20)).stat().st_size > 1000
    form = replies.paper_form(2027, tmp_path / "征集表.pdf", 2)
    import subprocess

    shown = subprocess.run(["pdftotext", str(form), "-"], capture_output=True, text=True).stdout
    pos = 0
    for header in TEMPLATE_HEADERS:  # the boxes follow the template's columns, in order
        pos = shown.find(header, pos)
        assert pos >= 0, header
