"""What became of a proposal, step by step, derived from the year's records — never stored as a status string.

收到 → (合并) → 采纳为候选 / 暂缓 / 不予采纳 → 票决当选 / 未当选 → 实施中 → 已完成 (或终止) → 测评结果.
A proposal merged into another follows the main proposal from the merge on: its proposer hears of the vote, the
work and the score exactly as the main proposal's does. ``fate`` is a pure function of ``Facts``; the reply
service gathers the facts from the database, and what a proposer has been told is compared by step ``key``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .satisfaction import UNSATISFIED
from .terms import TOWN_TERMS, Terms

COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
                     "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "申屠", "呼延", "万俟", "闻人", "澹台")
UNIT_WORDS = re.compile(r"(村委会|居委会|委员会|社区|办公室|办|局|所|院|站|中心|学校|小学|中学|公司|协会|代表小组|代表团|"
                        r"联络站|政府|街道|镇|村$)")
GROUP_RE = re.compile(r"(第?[一二三四五六七八九十百零〇\d]{1,4}(?:村民)?小?组)")
SMS_LIMIT = 70  # one SMS of Chinese text


@dataclass(frozen=True)
class Step:
    key: str  # received / merged / candidate / deferred / rejected / chosen / not_chosen / started / completed …
    stage: str  # 已收到 / 合并办理 / 采纳为候选 / 票决当选 (a street's: 票选当选) …
    day: date | None
    text: str  # what the proposer reads
    short: str  # the same in a few words, for an SMS


@dataclass(frozen=True)
class Vote:
    title: str
    held_on: date | None
    chosen: bool
    approve: int | None = None


@dataclass(frozen=True)
class Work:
    name: str
    started_on: date | None  # the first progress report (or finished milestone)
    percent: int = 0
    completed_on: date | None = None
    terminated_on: date | None = None


@dataclass(frozen=True)
class Score:
    held_on: date | None
    verdict: str  # 满意 / 基本满意 / 不满意
    satisfied_rate: float | None = None
    satisfied_or_basic_rate: float | None = None
    respondents: str = "代表"


@dataclass(frozen=True)
class Facts:
    """One proposal and, for a merged one, the main proposal it follows."""
    seq_no: int
    title: str
    status: str  # 待处理 / 采纳为候选 / 合并 / 暂缓 / 不予采纳
    reason: str
    received_on: date | None
    year: int
    decided_on: date | None = None  # when the outcome (or the merge) was recorded
    merged_into: tuple[int, str] | None = None  # (序号, title) of the main proposal
    main_status: str = ""  # the main proposal's status, for a merged one
    main_reason: str = ""
    main_decided_on: date | None = None
    candidate: str = ""  # the candidate project it went into
    adopted_on: date | None = None
    vote: Vote | None = None
    work: Work | None = None
    score: Score | None = None
    terms: Terms = TOWN_TERMS  # a street's replies say 议事代表会议 and 票选


def _md(day: date | None) -> str:
    return f"{day.month}月{day.day}日" if day else ""


def _ymd(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _pct(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}%".replace(".0%", "%")


def fate(f: Facts) -> list[Step]:
    """The steps so far, oldest first, each with its date: received, then (each stage only if the one before did
    not end the story) the decision, the vote, the work, the satisfaction score."""
    steps = [Step("received", "已收到", f.received_on,
                  f"您的建议已收到，登记为第{f.seq_no}号，正在研究办理。", "已收到，正在研究办理")]
    for stage in (_decision, _vote, _work):
        if stage(f, steps):
            return steps
    _score(f, steps)
    return steps


def _decision(f: Facts, steps: list[Step]) -> bool:
    """Merged with another proposal (whose decision then counts), adopted, deferred or rejected. True: ended."""
    status, reason, decided = f.status, f.reason, f.decided_on
    if f.merged_into is not None:
        no, title = f.merged_into
        steps.append(Step("merged", "合并办理", f.decided_on,
                          f"与第{no}号建议“{title}”内容相同，合并办理，办理结果一并答复。", "与同类建议合并办理"))
        status, reason, decided = f.main_status, f.main_reason, f.main_decided_on
    if status == "采纳为候选" or f.candidate:
        name = f.candidate or "民生实事候选项目"
        t = f.terms
        steps.append(Step("candidate", "采纳为候选", f.adopted_on or decided, f"已纳入候选项目“{name}”，{t.referral}。",
                          f"已纳入候选项目，提请{t.congress_short}{t.vote}"))
        return False
    if status == "暂缓":
        steps.append(Step("deferred", "暂缓", decided, f"暂缓办理：{reason}", f"暂缓办理：{reason}"))
        return True
    if status == "不予采纳":
        steps.append(Step("rejected", "不予采纳", decided, f"未予采纳：{reason}", f"未予采纳：{reason}"))
        return True
    return False


def _vote(f: Facts, steps: list[Step]) -> bool:
    """Chosen by the congress's vote, or not (then it ends in the project reserve). True: ended."""
    v = f.vote
    if v is None:
        return False
    votes = f"（赞成{v.approve}票）" if v.approve is not None else ""
    t = f.terms
    body, short = f"{t.congress}{t.vote}", f"{t.congress_short}{t.vote}"  # 人民代表大会票决 / 议事代表会议票选
    if v.chosen:  # 票决当选 / 票选当选 (code keys on the step's key, never on its stage)
        steps.append(Step("chosen", f"{t.vote}当选", v.held_on,
                          f"{_ymd(v.held_on)}经{body}{votes}，确定为{f.year}年度民生实事项目，将组织实施。",
                          f"{_md(v.held_on)}{short}确定为{f.year}年民生实事项目"))
        return False
    steps.append(Step("not_chosen", "未当选", v.held_on,
                      f"{_ymd(v.held_on)}{body}中未当选{votes}，列入项目储备，条件成熟时优先考虑。",
                      f"{_md(v.held_on)}{short}未当选，列入项目储备"))
    return True


def _work(f: Facts, steps: list[Step]) -> bool:
    """Started, terminated by the congress (the end), completed. True: ended."""
    w = f.work
    if w is None:
        return False
    if w.started_on or w.completed_on:
        steps.append(Step("started", "实施中", w.started_on or w.completed_on,
                          f"项目“{w.name}”已开工实施。", "项目已开工实施"))
    if w.terminated_on:
        steps.append(Step("terminated", "终止", w.terminated_on,
                          f"经{f.terms.congress}决定，项目终止实施。", f"经{f.terms.congress_short}决定终止实施"))
        return True
    if w.completed_on:
        steps.append(Step("completed", "已完成", w.completed_on, f"项目已于{_ymd(w.completed_on)}完成。",
                          f"项目已于{_md(w.completed_on)}完成"))
    return False


def _score(f: Facts, steps: list[Step]) -> None:
    s = f.score
    if s is None or not s.verdict:
        return
    who = "群众回访" if s.respondents == "群众" else f.terms.voters
    rate = f"，满意率{_pct(s.satisfied_rate)}" if s.satisfied_rate is not None else ""
    follow = "，政府将限期整改并再次测评" if s.verdict == UNSATISFIED else ""
    steps.append(Step("scored", "测评结果", s.held_on, f"{who}满意度测评结果为“{s.verdict}”{rate}{follow}。",
                      f"{who}满意度测评为“{s.verdict}”{rate}"))


def new_since(steps: list[Step], told: set[str]) -> list[Step]:
    """The steps the proposer has not been told of yet."""
    return [s for s in steps if s.key not in told]


def sms(town: str, title: str, steps: list[Step], limit: int = SMS_LIMIT) -> str:
    """One message of at most ``limit`` characters: who writes, which proposal, where it stands now."""
    latest = steps[-1]
    head, tail = f"【{town}人大】您提的“", f"”建议，{latest.short}。"
    room = limit - len(head) - len(tail)
    if room < 4:  # a long state: the title shrinks to nothing, the state is cut
        return (f"【{town}人大】您的建议{latest.short}")[: limit - 1] + "。"
    if len(title) > room:
        title = title[: room - 1] + "…"
    return head + title + tail


def surname(name: str) -> str:
    """王某 for a person (复姓 kept whole); a unit (村委会, 卫生院 …) stays as it is; '' for none."""
    name = re.sub(r"[（(].*?[)）]", "", name or "").strip()
    name = GROUP_RE.sub("", name).strip()
    if not name:
        return ""
    if len(name) > 4 or UNIT_WORDS.search(name):
        return name
    for compound in COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > 2:
            return compound + "某"
    return name[0] + "某"


def villager_group(*texts: str) -> str:
    """三组 / 第五村民小组 when the proposer or the 村(社区) column says it, else ''."""
    for text in texts:
        m = GROUP_RE.search(text or "")
        if m:
            return m.group(1)
    return ""


def mobile(contact: str) -> str:
    """The 11-digit mobile number in the contact column ('' when there is none: a landline cannot get an SMS)."""
    digits = re.sub(r"[\s\-－—()（）+]", "", contact or "")
    digits = digits.removeprefix("86") if len(digits) == 13 else digits
    return digits if re.fullmatch(r"1[3-9]\d{9}", digits) else ""
