"""The village notice-board list (答复公示: no phone numbers, the proposer's surname and 村民小组 only) and the
SMS sheet (phone, message of at most 70 characters) for the office's own SMS platform."""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ...domain.fate import mobile, sms, surname, villager_group
from ..xlsx_io import Sheet, write_workbook
from .official import Closing, Grid, Heading, Issuer, OfficialDoc, Para, cn_number, date_cn, doc_kind, render

NOTICE_HEADERS = ("序号", "建议人", "村民小组", "建议事项", "办理进展", "日期", "答复说明")
SMS_HEADERS = ("序号", "建议人", "手机号码", "短信内容", "字数")


def notice_list(path: str | os.PathLike[str], issuer: Issuer, year: int, fates: list, village: str | None, *,
                today: date) -> Path:
    """One section per village (or one village), every proposal with where it stands now."""
    if not fates:
        raise UserError("没有可公示的建议", "no proposals to list")
    groups: dict[str, list] = defaultdict(list)
    for f in fates:
        groups[f.row.village or "未注明村(社区)"].append(f)
    title = f"{issuer.town}{year}年度民生实事项目建议办理情况公示" + (f"（{village}）" if village else "")

    def row(f) -> tuple:
        r, step = f.row, f.latest
        return (r.seq_no, surname(r.proposer) or "—", villager_group(r.proposer, r.village) or "—", r.title,
                step.stage, date_cn(step.day), step.text)

    if doc_kind(path) == ".xlsx":
        data = [[name, *row(f)] for name, items in sorted(groups.items()) for f in items]
        return write_workbook(path, [Sheet("办理情况公示", ("村(社区)", *NOTICE_HEADERS), data,
                                           [14, 6, 10, 10, 30, 12, 16, 50], title=title)])
    blocks: list = [Para(f"共{len(fates)}件建议，涉及{len(groups)}个村(社区)。为保护建议人隐私，只公示姓氏；"
                         f"对办理情况有疑问的，请与{issuer.terms.office}联系。", "note")]
    for n, (name, items) in enumerate(sorted(groups.items()), start=1):
        if len(groups) > 1:
            blocks.append(Heading(f"{cn_number(n)}、{name}（{len(items)}件）"))
        blocks.append(Grid(NOTICE_HEADERS, [row(f) for f in items], (10, 14, 14, 44, 18, 28, 56), center=(0,)))
    return render(OfficialDoc(title, blocks, landscape=True, closing=Closing(issuer.body, today), meta_title=title),
                  path)


def sms_workbook(path: str | os.PathLike[str], issuer: Issuer, year: int, fates: list):
    """(path, the fates with a mobile number, their messages by proposal id). Those without one are listed on a
    second sheet: they get a printed slip instead."""
    if Path(path).suffix.lower() != ".xlsx":
        raise UserError("短信表请保存为 .xlsx 文件", "the SMS sheet is an .xlsx file")
    sent, messages = [], {}
    rows: list[list[object]] = []
    missing: list[list[object]] = []
    for f in fates:
        r = f.row
        phone = mobile(r.contact)
        text = sms(issuer.town, r.title, f.steps)
        if phone:
            sent.append(f)
            messages[r.id] = text
            rows.append([len(rows) + 1, r.proposer, phone, text, len(text)])
        else:
            missing.append([r.seq_no, r.proposer or "未署名", r.village, r.title, f.latest.stage])
    sheets = [Sheet("短信", SMS_HEADERS, rows, [6, 10, 14, 80, 6],
                    title=f"{issuer.town}{year}年度民生实事建议答复短信（每条不超过70字，请用本单位短信平台发送）")]
    sheets.append(Sheet("无手机号码", ("序号", "建议人", "村(社区)", "建议事项", "办理进展"), missing,
                        [6, 10, 14, 36, 12], title="以下建议人没有手机号码，请打印答复回执送达"))
    return write_workbook(path, sheets), sent, messages
