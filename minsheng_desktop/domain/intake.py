"""Proposal intake rules: fields, validation, the date and number formats secretaries type, the import key."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from .catalog import SOURCES
from .errors import UserError
from .limits import INTAKE_MAX_AMOUNT, INTAKE_MAX_COUNT, shown_number

OUTCOMES = ("采纳为候选", "合并", "暂缓", "不予采纳")
STATUSES = ("待处理", *OUTCOMES)
TEMPLATE_HEADERS = ("序号", "项目名称", "建议内容", "类别", "来源", "建议人", "联系电话", "村(社区)", "收到日期",
                    "估算投资(万元)", "受益人数")
HEADER_ALIASES = {
    "序号": ("序号", "编号"),
    "项目名称": ("项目名称", "建议名称", "名称", "标题", "建议标题"),
    "建议内容": ("建议内容", "内容", "具体内容", "建议事项"),
    "类别": ("类别", "分类", "项目类别"),
    "来源": ("来源", "建议来源"),
    "建议人": ("建议人", "提出人", "姓名"),
    "联系电话": ("联系电话", "电话", "联系方式"),
    "村(社区)": ("村(社区)", "村（社区）", "村", "社区", "村社区", "所在村(社区)"),
    "收到日期": ("收到日期", "日期", "征集日期", "提出日期"),
    "估算投资(万元)": ("估算投资(万元)", "估算投资（万元）", "估算投资", "投资(万元)", "投资（万元）", "投资"),
    "受益人数": ("受益人数", "受益群众", "受益人口"),
}
DATE_RE = re.compile(r"^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?\s*$")
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class ProposalInput:
    title: str
    content: str = ""
    category: str = "其他"
    source: str = "群众"
    proposer: str = ""
    contact: str = ""
    village: str = ""
    received_on: date | None = None
    est_investment: Decimal | None = None
    beneficiaries: int | None = None


def parse_date(value: object, field: str = "收到日期") -> date | None:
    """Excel dates, 2025-10-08, 2025/10/8, 2025.10.8 and 2025年10月8日; blank is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return EXCEL_EPOCH + timedelta(days=int(value))  # an Excel serial number typed as text
    m = DATE_RE.match(str(value))
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise UserError(f"“{field}”无法识别为日期：“{value}”，请写成 2025-10-08、2025/10/8 或 2025年10月8日",
                    f"'{field}' is not a date: {value}", field=field)


def parse_amount(value: object, field: str = "估算投资(万元)") -> Decimal | None:
    """万元 with two decimals, from 0 to INTAKE_MAX_AMOUNT; anything else (1e30, inf, NaN, -5, text) is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    amount = _decimal(value, ("万元", "万"))
    if amount is None or amount < 0:
        raise UserError(f"“{field}”应为不小于 0 的数字（万元），而不是“{shown_number(value)}”", f"'{field}' must be a non-negative number",
                        field=field)
    if amount > INTAKE_MAX_AMOUNT:
        raise UserError(f"“{field}”超出范围：“{shown_number(value)}”大于 {INTAKE_MAX_AMOUNT} 万元，请核对单位（万元）",
                        f"'{field}' is out of range (at most {INTAKE_MAX_AMOUNT})", field=field)
    return amount.quantize(Decimal("0.01"))


def _decimal(value: object, suffixes: tuple[str, ...]) -> Decimal | None:
    """A finite Decimal from a number or typed text, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    try:
        text = str(value).strip().replace(",", "").replace("，", "")
        for suffix in suffixes:
            text = text.removesuffix(suffix)
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def parse_count(value: object, field: str = "受益人数") -> int | None:
    """A whole number from 0 to INTAKE_MAX_COUNT; anything else is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _decimal(value, ("人",))
    if number is None or number < 0 or number != number.to_integral():
        raise UserError(f"“{field}”应为不小于 0 的整数，而不是“{shown_number(value)}”", f"'{field}' must be a non-negative whole number",
                        field=field)
    if number > INTAKE_MAX_COUNT:
        raise UserError(f"“{field}”超出范围：“{shown_number(value)}”大于 {INTAKE_MAX_COUNT}", f"'{field}' is out of range "
                        f"(at most {INTAKE_MAX_COUNT})", field=field)
    return int(number)


def clean_text(value: object, limit: int) -> str:
    text = "" if value is None else str(value).strip()
    return text[:limit]


def validate_proposal(p: ProposalInput, categories: tuple[str, ...] | list[str]) -> tuple[ProposalInput, list[str]]:
    """Trimmed and checked; returns the proposal and warnings (e.g. an unknown category becomes 其他)."""
    title = re.sub(r"\s+", " ", p.title or "").strip()
    if not title:
        raise UserError("“项目名称”不能为空", "项目名称 (title) is required", field="项目名称")
    if len(title) > 200:
        raise UserError("“项目名称”过长（最多 200 字）", "title is too long", field="项目名称")
    warnings: list[str] = []
    category = (p.category or "").strip()
    if category not in categories:
        if category:
            warnings.append(f"类别“{category}”不在类别设置中，已归入“其他”")
        category = "其他"
    source = (p.source or "").strip() or "群众"
    if source not in SOURCES:
        warnings.append(f"来源“{source}”不在 {'/'.join(SOURCES)} 中，已按原文保存")
    return replace(p, title=title, content=(p.content or "").strip(), category=category, source=source[:20],
                   proposer=clean_text(p.proposer, 60), contact=clean_text(p.contact, 60),
                   village=clean_text(p.village, 40)), warnings


def import_key(p: ProposalInput) -> str:
    """Recognises a row imported before: the same title, content, proposer, contact, village and date."""
    parts = [p.title, p.content, p.proposer, p.contact, p.village, p.received_on.isoformat() if p.received_on else ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def check_outcome(outcome: str, reason: str) -> str:
    if outcome not in OUTCOMES:
        raise UserError(f"办理结果应为 {'、'.join(OUTCOMES)} 之一", "unknown outcome", field="办理结果")
    reason = (reason or "").strip()
    if outcome in ("暂缓", "不予采纳") and not reason:
        raise UserError(f"“{outcome}”须写明理由，以便答复建议人", "a reason is required", field="理由")
    return reason
