"""计票结果报告单, 公告 (PDF or .docx, in the official layout) and the counts workbook for a sealed vote."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ...domain.tally import OUTCOME_LABELS
from ...domain.vote_session import result_notes
from ..vote_service import SessionInfo
from ..xlsx_io import Sheet, write_workbook
from .official import Closing, Grid, Issuer, OfficialDoc, Para, date_cn, render
from .seal_block import PrintedSeal


def _sealed(info: SessionInfo):
    if info.result is None:
        raise UserError(f"该{info.terms.vote}尚未公布结果", "the vote has no published result yet")
    return info.result


def tally_report_doc(issuer: Issuer, info: SessionInfo, officers: dict[str, list[str]], *, today: date,
                     seal: PrintedSeal | None = None) -> OfficialDoc:
    r = _sealed(info)
    t = issuer.terms
    total = info.rules.deputies_total
    head = (f"{t.expected}{total}名，实到{info.rules.deputies_present}名；发出选票{r.ballots_issued}张，"
            f"收回{r.ballots_collected}张，其中有效票{r.valid_ballots}张，无效票{r.invalid_ballots}张。"
            f"本次{t.vote}{t.status_label(r.status)}。应选{info.rules.seats}个，赞成票须达到{r.threshold}票方为通过。")
    rows = [(c.rank, c.name, c.approve, c.oppose, c.abstain, f"{c.approve / total:.1%}" if total else "",
             OUTCOME_LABELS[c.outcome]) for c in r.candidates]
    blocks: list = [Para(head)]
    if info.delegations:  # 分团计票: each delegation's box, as its tellers counted it out
        blocks.append(Para(f"本次票决分{len(info.delegations)}个代表团计票后合并：" + "；".join(
            f"{d.name}发出{d.issued}张、收回{d.collected if d.collected is not None else '—'}张"
            for d in info.delegations.values()) + "。"))
    blocks += [Grid(("名次", "候选项目", "赞成", "反对", "弃权", "赞成率", "结果"), rows,
                         (12, 76, 16, 16, 16, 18, 20), numeric=(2, 3, 4, 5), center=(0, 6))]
    blocks += [Para("注：" + note, "note") for note in result_notes(r, info.rules, t)]
    signatures = tuple((role, "、".join(officers.get(role, []))) for role in ("计票人", "监票人", "总监票人"))
    return OfficialDoc("计票结果报告单", blocks, subtitle=f"（{info.title}）", masthead=issuer.masthead(),
                       closing=Closing(issuer.body, info.held_on or today, signatures, seal), fit_one_page=True,
                       meta_title=f"{info.title} 计票结果报告单", written_on=today)


def tally_report(path: str | os.PathLike[str], issuer: Issuer, info: SessionInfo, officers: dict[str, list[str]], *,
                 today: date, seal: PrintedSeal | None = None) -> Path:
    return render(tally_report_doc(issuer, info, officers, today=today, seal=seal), path)


def announcement_doc(issuer: Issuer, info: SessionInfo, *, today: date, seal: PrintedSeal | None = None) -> OfficialDoc:
    r = _sealed(info)
    t = issuer.terms
    if r.is_void:
        raise UserError(f"本次{t.vote}无效，不能发布当选公告；请重新投票", "a void vote has no announcement")
    by_id = {c.id: c for c in r.candidates}
    held = info.held_on or today
    body = (f"{info.title}于{date_cn(held)}以无记名投票方式，对{len(r.candidates)}个民生实事候选项目进行了{t.vote}。"
            f"{t.expected}{info.rules.deputies_total}名，实到{info.rules.deputies_present}名，符合法定人数。"
            f"经{t.vote}，以下{len(r.chosen)}个项目确定为{info.year}年度民生实事项目（按得票多少排列）：")
    blocks: list = [Para(body)]
    blocks += [Para(f"{i}．{by_id[cid].name}（赞成{by_id[cid].approve}票）")
               for i, cid in enumerate(r.chosen, start=1)]
    blocks += [Para(note + "。") for note in result_notes(r, info.rules, t)[1:]]
    blocks.append(Para("现予公告。"))
    masthead = issuer.masthead()
    title = f"关于{info.year}年度民生实事项目{t.result}的公告" if masthead and masthead.red else f"{issuer.body}公告"
    return OfficialDoc(title, blocks, masthead=masthead, closing=Closing(issuer.body, held, (), seal),
                       fit_one_page=True, meta_title=f"{issuer.body}公告", written_on=today)


def announcement(path: str | os.PathLike[str], issuer: Issuer, info: SessionInfo, *, today: date,
                 seal: PrintedSeal | None = None) -> Path:
    return render(announcement_doc(issuer, info, today=today, seal=seal), path)


def counts_workbook(path: str | os.PathLike[str], info: SessionInfo) -> Path:
    r = _sealed(info)
    total = info.rules.deputies_total
    rows = [[c.rank, c.name, c.approve, c.oppose, c.abstain, c.approve / total if total else None,
             "是" if c.passed else "否", OUTCOME_LABELS[c.outcome]] for c in r.candidates]
    summary: list[list[object]] = [["会议", info.title], ["状态", info.terms.status_label(r.status)], ["应到", total],
               ["实到", info.rules.deputies_present], ["发出", r.ballots_issued], ["收回", r.ballots_collected],
               ["有效", r.valid_ballots], ["无效", r.invalid_ballots], ["通过票数", r.threshold],
               ["应选", info.rules.seats], ["当选", len(r.chosen)], ["空缺", r.unfilled]]
    return write_workbook(path, [
        Sheet("计票结果", ("名次", "候选项目", "赞成", "反对", "弃权", "赞成率", "过半数", "结果"), rows,
              [6, 40, 8, 8, 8, 10, 8, 14], title=f"{info.title}计票结果", formats={5: "percent"}),
        Sheet("概况", ("项目", "数值"), summary, [12, 40], title=f"{info.title}概况")])
