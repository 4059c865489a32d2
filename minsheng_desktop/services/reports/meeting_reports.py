"""A meeting's 测评结果 (季会, 年中会议 …): each agenda item scored, named as the subject it is (“镇司法所工作”), with the
method, the counts or the average score, the verdict and the 整改 it called for; PDF or .docx in the official layout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...domain.errors import UserError
from ..agenda_service import Agenda
from ..scoring_service import RoundRow
from .official import Closing, Grid, Issuer, OfficialDoc, Para, render

HEADERS = ("序号", "测评事项", "报告单位", "测评日期", "测评方式", "有效票", "满意", "基本满意", "不满意", "平均分",
           "满意率", "结论", "跟进", "封存码")
WIDTHS = (9, 48, 30, 20, 15, 13, 11, 16, 13, 14, 18, 16, 13, 42)


def _valid(r: RoundRow) -> object:
    if r.method == "hundred_point":
        return r.counts.get("scores", "")
    return sum(int(r.counts.get(k, 0) or 0) for k in ("satisfied", "basically", "unsatisfied", "abstain"))


def _row(n: int, r: RoundRow, reporter: str) -> tuple:
    three = r.method == "three_level"
    again = "再测评" if "再测评" in r.batch else ""
    return (n, r.project + (f"（{again}）" if again else ""), reporter,
            f"{r.held_on.month}月{r.held_on.day}日" if r.held_on else "",
            "百分制" if not three else "三档", _valid(r),
            *(r.counts.get(k, "") if three else "" for k in ("satisfied", "basically", "unsatisfied")),
            "" if three else r.counts.get("average", ""),
            "" if r.satisfied_rate is None else f"{r.satisfied_rate:.1%}", r.verdict,
            "需整改" if r.needs_follow_up else "", r.seal_code)


def meeting_scores(path, issuer: Issuer, agenda: Agenda, rounds: list[RoundRow], *, today: date) -> Path:
    """``rounds``: the decided rounds of the meeting's items (first scorings and re-scorings)."""
    items = {i.id: i for i in agenda.items}
    done = sorted((r for r in rounds if r.decided and r.agenda_item_id in items),
                  key=lambda r: (items[r.agenda_item_id or ""].seq, r.held_on or date.min))
    if not done:
        raise UserError("这次会议还没有确定结果的测评，请先录入测评结果", "no decided rounds at this meeting")
    rows = [_row(n, r, items[r.agenda_item_id or ""].reporter) for n, r in enumerate(done, start=1)]
    follow = sum(1 for r in done if r.needs_follow_up)
    lead = (f"{agenda.held_on.year}年{agenda.held_on.month}月{agenda.held_on.day}日，{issuer.body}召开{agenda.title}，"
            f"听取{len(agenda.items)}项报告，到会代表对{len({r.agenda_item_id for r in done})}项进行了满意度测评，"
            f"其中需整改{follow}项。测评结果如下：")
    notes = [Para("满意票超过有效票的一半为“满意”；否则满意与基本满意合计超过一半为“基本满意”；否则为“不满意”。"
                  "百分制评分按设置的分档折算为三档后适用同一规则。结论为“不满意”或低于整改线的，"
                  "由政府作出说明、限期整改后再次测评。", "note")]
    doc = OfficialDoc(f"{issuer.town}{agenda.title}测评结果", [Para(lead), Grid(HEADERS, rows, WIDTHS,
                      numeric=(5, 6, 7, 8, 9, 10), center=(0, 3, 4, 11, 12)), *notes],
                      masthead=issuer.masthead(), landscape=True, fit_one_page=True,
                      closing=Closing(issuer.body, agenda.held_on), written_on=today)
    return render(doc, path)
