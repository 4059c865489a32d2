"""计票结果报告单, 公告 and the counts workbook for a sealed vote."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ...domain.tally import OUTCOME_LABELS, STATUS_LABELS
from ...domain.vote_session import result_notes
from ..vote_service import SessionInfo
from ..xlsx_io import write_workbook
from . import pdf_base as P
from .seal_block import PrintedSeal, seal_block


def _sealed(info: SessionInfo):
    if info.result is None:
        raise UserError("该票决尚未公布结果", "the vote has no published result yet")
    return info.result


def _day(d: date | None, today: date) -> str:
    return P.today_cn(d or today)


def tally_report(path: str | os.PathLike[str], town: str, info: SessionInfo, officers: dict[str, list[str]], *,
                 today: date, seal: PrintedSeal | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    r = _sealed(info)
    st = P.styles()
    total = info.rules.deputies_total
    head = (f"应到代表 {total} 名，实到 {info.rules.deputies_present} 名；发出选票 {r.ballots_issued} 张，"
            f"收回 {r.ballots_collected} 张，其中有效票 {r.valid_ballots} 张，无效票 {r.invalid_ballots} 张。"
            f"本次票决{STATUS_LABELS[r.status]}。应选 {info.rules.seats} 个，赞成票须达到 {r.threshold} 票方为通过。")
    rows = [(c.rank, c.name, c.approve, c.oppose, c.abstain, f"{c.approve / total:.1%}" if total else "",
             OUTCOME_LABELS[c.outcome]) for c in r.candidates]
    story = [Paragraph(P.esc(info.title), st["title"]), Paragraph("计票结果报告单", st["subtitle"]),
             Paragraph(P.esc(head), st["body"]), Spacer(1, 4 * mm),
             P.table(("名次", "候选项目", "赞成", "反对", "弃权", "赞成率", "结果"), rows,
                     [12 * mm, 76 * mm, 16 * mm, 16 * mm, 16 * mm, 18 * mm, 20 * mm], numeric=(2, 3, 4, 5))]
    for note in result_notes(r, info.rules):
        story.append(Paragraph(P.esc("注：" + note), st["body"]))
    signs: list = []
    for role in ("计票人", "监票人", "总监票人"):
        names = "、".join(officers.get(role, []))
        signs += [Paragraph(P.esc(f"{role}（签名）：{names}"), st["body"]),
                  Paragraph("＿＿＿＿＿＿＿＿＿＿＿＿＿＿", st["body"]), Spacer(1, 1.5 * mm)]
    if seal is not None:  # the signatures and the seal they vouch for share one box
        tail: list = [Spacer(1, 5 * mm), seal_block(seal, 174 * mm, left=signs)]
    else:
        tail = [Spacer(1, 8 * mm), *signs]
    tail += [Spacer(1, 4 * mm), Paragraph(P.esc(f"{town}　{_day(info.held_on, today)}"), st["sign"])]
    story.append(KeepTogether(tail))
    return P.build(path, story, footer=f"{info.title} 计票结果报告单")


def announcement(path: str | os.PathLike[str], town: str, info: SessionInfo, *, today: date,
                 seal: PrintedSeal | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    r = _sealed(info)
    if r.is_void:
        raise UserError("本次票决无效，不能发布当选公告；请重新投票", "a void vote has no announcement")
    st = P.styles()
    by_id = {c.id: c for c in r.candidates}
    body = (f"{info.title}于{_day(info.held_on, today)}以无记名投票方式，对{len(r.candidates)}个民生实事候选项目进行了票决。"
            f"应到代表{info.rules.deputies_total}名，实到{info.rules.deputies_present}名，符合法定人数。"
            f"经票决，以下{len(r.chosen)}个项目确定为{info.year}年度民生实事项目（按得票多少排列）：")
    story = [Paragraph(P.esc(f"{town}人民代表大会主席团公告"), st["title"]), Spacer(1, 6 * mm),
             Paragraph(P.esc(body), st["body"]), Spacer(1, 3 * mm)]
    for i, cid in enumerate(r.chosen, start=1):
        story.append(Paragraph(P.esc(f"{i}．{by_id[cid].name}（赞成 {by_id[cid].approve} 票）"), st["body"]))
    for note in result_notes(r, info.rules)[1:]:
        story.append(Paragraph(P.esc(note + "。"), st["body"]))
    story += [Spacer(1, 4 * mm), Paragraph("现予公告。", st["body"]), Spacer(1, 16 * mm),
              Paragraph(P.esc(f"{town}人民代表大会主席团"), st["sign"]),
              Paragraph(P.esc(_day(info.held_on, today)), st["sign"])]
    if seal is not None:
        story += [Spacer(1, 10 * mm), seal_block(seal, 174 * mm)]
    return P.build(path, story, footer=f"{town}人民代表大会主席团公告")


def counts_workbook(path: str | os.PathLike[str], info: SessionInfo) -> Path:
    r = _sealed(info)
    total = info.rules.deputies_total
    rows = [[c.rank, c.name, c.approve, c.oppose, c.abstain, round(c.approve / total, 4) if total else None,
             "是" if c.passed else "否", OUTCOME_LABELS[c.outcome]] for c in r.candidates]
    summary = [["会议", info.title], ["状态", STATUS_LABELS[r.status]], ["应到", total],
               ["实到", info.rules.deputies_present], ["发出", r.ballots_issued], ["收回", r.ballots_collected],
               ["有效", r.valid_ballots], ["无效", r.invalid_ballots], ["通过票数", r.threshold],
               ["应选", info.rules.seats], ["当选", len(r.chosen)], ["空缺", r.unfilled]]
    return write_workbook(path, [("计票结果", ("名次", "候选项目", "赞成", "反对", "弃权", "赞成率", "过半数", "结果"), rows,
                                  [6, 40, 8, 8, 8, 10, 8, 14]),
                                 ("概况", ("项目", "数值"), summary, [12, 40])])
