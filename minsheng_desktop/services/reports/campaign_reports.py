"""The 回头看 问题清单 handed to the government, and the 专题调研报告 skeleton with the figures filled in.

Both are ``OfficialDoc``s (PDF or .docx). In the report, what only the secretary can write is left as a marked
place ``【待填写：……】``; in Word those places are highlighted in yellow so none is missed before printing."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ...domain import campaigns as C
from ...domain.errors import UserError
from ..atomic_file import replacing
from .official import Closing, Grid, Heading, Issuer, OfficialDoc, Para, cn_number, date_cn, doc_kind, render

TO_FILL = "【待填写："


def _fill(what: str) -> Para:
    return Para(f"{TO_FILL}{what}】")


def _handling(o) -> str:
    """办理情况 as the government reported it."""
    if o.stage == C.HandOverStage.CLOSED:
        when = f"（{o.closed_on.isoformat()}）" if o.closed_on else ""
        return f"已办结{when}：{o.feedback}" if o.feedback else f"已办结{when}"
    if o.feedback:
        return f"{o.stage}：{o.feedback}"
    return "" if o.stage == C.HandOverStage.NOT_HANDED else o.stage


def _grouped(detail) -> list[tuple[str, list]]:
    return C.grouped_by_project(detail.opinions, lambda o: o.project, [p.name for p in detail.projects])


def problem_list(path: str | os.PathLike[str], issuer: Issuer, detail, *, today: date) -> Path:
    """The numbered table as handed over: 项目, 问题/意见, 责任单位, 办理时限, 办理情况, grouped by project."""
    doc_kind(path, (".pdf", ".docx"))
    if not detail.opinions:
        raise UserError("这次回头看还没有登记意见建议，问题清单无内容", "no opinions yet")
    rows: list[tuple] = []
    n = 0
    for project, items in _grouped(detail):
        for i, o in enumerate(items):
            n += 1
            rows.append((n, project if i == 0 else "", o.content, o.responsible_unit,
                         o.due_on.isoformat() if o.due_on else "", _handling(o)))
    grid = Grid(("序号", "项目", "问题/意见", "责任单位", "办理时限", "办理情况"), rows, (10, 40, 78, 30, 22, 48),
                center=(0, 4))
    handed = detail.handed_on
    lead = (f"{date_cn(detail.held_on)}，{issuer.body}组织开展“{detail.title}”，"
            f"对{C.years_text(detail.look_back)}年度民生实事项目实施质效进行“回头看”，共梳理问题和意见建议{n}条。"
            f"现将问题清单交{issuer.town}人民政府，请责任单位在办理时限内落实整改并书面反馈办理情况。")
    doc = OfficialDoc(f"{issuer.town}民生实事项目“回头看”问题清单", [Para(lead), grid],
                      subtitle=f"（{detail.title}　{date_cn(detail.held_on)}）", masthead=issuer.masthead(),
                      landscape=True, closing=Closing(issuer.body, handed or today), written_on=today)
    return render(doc, path)


def survey_blocks(issuer: Issuer, detail) -> list:
    figures = C.used(detail.lines)
    names = "、".join(f"“{p.name}”" for p in detail.projects) or "（项目）"
    years = C.years_text(detail.look_back)
    blocks: list = [Heading("一、基本情况"), Para(
        f"为了解{years}年度民生实事项目建成后的运行管理和群众受益情况，{date_cn(detail.held_on)}，{issuer.body}"
        f"开展民生实事项目“回头看”活动，选取{names}共{len(detail.projects)}个项目，"
        + C.summary_sentence(figures)), _fill("活动的组织方式、时间安排和参加人员等情况")]
    blocks += [Heading("二、主要成效"), _fill("项目建成后发挥的作用、群众受益和满意情况，可按项目分述"),
               Heading("三、存在问题")]
    groups = _grouped(detail)
    if not groups:
        blocks.append(_fill("回头看中发现的问题"))
    for i, (project, items) in enumerate(groups, start=1):
        blocks.append(Para(f"（{cn_number(i)}）{project}。" + "".join(
            f"{j}.{o.content.rstrip('。')}。" for j, o in enumerate(items, start=1))))
    blocks += [_fill("对上述问题的归纳分析（质量效果、作用发挥、长效管理等方面）"),
               Heading("四、意见建议"), _fill("针对存在问题提出的意见建议，可附问题清单交政府办理"),
               Para(f"附件：{issuer.town}民生实事项目“回头看”问题清单", "note"),
               Para("注：“【待填写：……】”处由人大办公室根据实际情况填写，定稿前删除该标记。", "note")]
    return blocks


def survey_report(path: str | os.PathLike[str], issuer: Issuer, detail, *, today: date) -> Path:
    """关于XXXX年度民生实事项目“回头看”情况的调研报告: 基本情况 (figures filled in), 主要成效, 存在问题 (the opinions
    grouped), 意见建议."""
    ext = doc_kind(path, (".pdf", ".docx"))
    doc = OfficialDoc(C.report_title(detail.look_back), survey_blocks(issuer, detail),
                      closing=Closing(issuer.body, today), written_on=today)
    if ext == ".pdf":
        return render(doc, path)
    from .docx_base import build_document
    from .pdf_official import choose_density

    document = build_document(doc, choose_density(doc))
    _highlight_places(document)
    with replacing(path, ".docx") as temp:
        document.save(str(temp))
    return Path(path)


def _highlight_places(document) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    for p in document.paragraphs:
        if TO_FILL in p.text:
            for run in p.runs:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
