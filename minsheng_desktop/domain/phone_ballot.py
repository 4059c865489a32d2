"""扫码表决: the rules of a phone ballot — tokens, what a submitted form may hold, the receipt.

A token is 128 random bits (22 URL-safe characters) printed once as a QR code on a slip; only its SHA-256 is
stored, so the file cannot print a slip again and nothing links a slip to the deputy who drew it."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping, Sequence

from .errors import UserError
from .rules import VoteRules
from .tally import ABSTAIN, APPROVE, OPPOSE, Ballot, ballot_problem
from .vocabulary import Satisfaction

TOKEN_BYTES = 16  # 128 bits
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{22}$")
NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{22}$")
PHONE_ENTRY = "手机"  # entered_by of a ballot cast from a phone
FORM_MARKS = {"y": APPROVE, "n": OPPOSE, "a": ABSTAIN}
MAX_SLIPS = 2000


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def is_token(text: str) -> bool:
    return bool(TOKEN_RE.match(text))


def new_receipt() -> str:
    """Eight digits in two groups: says the vote was taken, nothing about how it was cast."""
    n = secrets.randbelow(10 ** 8)
    return f"{n // 10 ** 4:04d}-{n % 10 ** 4:04d}"


class BadForm(UserError):
    """A request the phone page never sends: refused with no effect."""


def form_marks(form: Mapping[str, str], candidate_ids: Sequence[str], ballot_style: str) -> dict[str, str]:
    """The marks a submitted form holds: ``c<n>`` (the n-th candidate on the ballot, from 1) → y/n/a, or ``c<n>=y``
    for a tick when choosing up to N. Anything else (unknown fields, a candidate twice, another mark) is refused."""
    marks: dict[str, str] = {}
    allowed = ("y",) if ballot_style == "choose_up_to_n" else tuple(FORM_MARKS)
    for key, value in form.items():
        if key in ("nonce", "step"):
            continue
        m = re.fullmatch(r"c([1-9][0-9]{0,2})", key)
        if m is None or int(m.group(1)) > len(candidate_ids) or value not in allowed:
            raise BadForm("表决内容格式有误，请重新扫码", "malformed form")
        marks[candidate_ids[int(m.group(1)) - 1]] = FORM_MARKS[value]
    return marks


def phone_problem(marks: Mapping[str, str], rules: VoteRules, candidate_ids: Sequence[str]) -> str | None:
    """Why the phone refuses to submit these marks (the ballot would be invalid): the same rule as paper, and on a
    phone an unmarked candidate is asked for rather than counted, when the rules make it invalid."""
    problem = ballot_problem(Ballot(dict(marks), False), rules, candidate_ids)
    if problem is None:
        return None
    if "超过应选" in problem:
        return f"{problem}，请减少“赞成”后再提交"
    return f"{problem}，请逐项选择后再提交"


def check_unissued(printed: int, cancelled: int, used: int, slip: str = "表决票") -> None:
    """Closing phone voting (表决票) or scoring (测评票): the slips not handed out lie between 0 and those printed,
    and no more slips were used than handed out (issued vs used, as issued vs collected: more used than handed out
    means a cancelled slip voted)."""
    if not 0 <= cancelled <= printed:
        raise UserError(f"未发出的{slip}应在 0～{printed} 张之间", "cancelled out of range", field="未发出")
    issued = printed - cancelled
    if used > issued:
        raise UserError(f"已投 {used} 张，多于发出的 {issued} 张{slip}：请重新清点未发出的{slip}",
                        "more used than issued", field="未发出")


SCORE_FORM = {"s": Satisfaction.SATISFIED, "b": Satisfaction.BASIC, "u": Satisfaction.UNSATISFIED,
              "a": Satisfaction.ABSTAIN}
SCORE_RE = re.compile(r"^(100|[1-9]?[0-9])(\.[0-9])?$")


def score_options(method: str, allow_abstain: bool) -> tuple[tuple[str, str], ...]:
    """(form value, word) a phone offers per subject; empty for 百分制 (a number is typed)."""
    if method != "three_level":
        return ()
    return tuple((v, str(c)) for v, c in SCORE_FORM.items() if c != Satisfaction.ABSTAIN or allow_abstain)


def form_scores(form: Mapping[str, str], round_ids: Sequence[str], method: str,
                allow_abstain: bool) -> dict[str, object]:
    """A phone's scoring ballot: round id → 满意/基本满意/不满意(/弃权), or a 0–100 score (one decimal at most).
    Every subject must be answered (a phone asks rather than counting a blank); anything else is refused."""
    allowed = dict(score_options(method, allow_abstain))
    out: dict[str, object] = {}
    for key, value in form.items():
        if key in ("nonce", "step"):
            continue
        m = re.fullmatch(r"c([1-9][0-9]{0,2})", key)
        if m is None or int(m.group(1)) > len(round_ids):
            raise BadForm("测评内容格式有误，请重新扫码", "malformed form")
        rid = round_ids[int(m.group(1)) - 1]
        if method == "three_level":
            if value not in allowed:
                raise BadForm("测评内容格式有误，请重新扫码", "malformed form")
            out[rid] = SCORE_FORM[value]
        else:
            if not SCORE_RE.match(value.strip()):
                raise UserError(f"第 {m.group(1)} 项的评分应为 0～100 的数", "score must be 0-100")
            out[rid] = float(value)
    missing = [str(i) for i, rid in enumerate(round_ids, start=1) if rid not in out]
    if missing:
        raise UserError(f"第 {'、'.join(missing)} 项还没有测评，请逐项测评后再提交", "unanswered subjects")
    return out
