"""Deputies roster rules: what a valid row is, and the keys used to recognise a deputy again."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UserError

GENDERS = ("男", "女")
PHONE_RE = re.compile(r"^[0-9+\-() ]{5,20}$")
ROSTER_HEADERS = ("姓名", "性别", "代表小组", "联系电话")
HEADER_ALIASES = {
    "姓名": ("姓名", "代表姓名", "名字"),
    "性别": ("性别",),
    "代表小组": ("代表小组", "代表团", "小组", "所属代表小组"),
    "联系电话": ("联系电话", "电话", "手机", "手机号", "联系方式"),
}


@dataclass(frozen=True)
class DeputyInput:
    name: str
    gender: str = ""
    group_name: str = ""
    phone: str = ""


def normalise_phone(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores 13800000000 as a number
    return str(value).strip()


def validate_deputy(data: DeputyInput, row: int | None = None) -> DeputyInput:
    """Trimmed and checked; the error names the row (if any) and the field to fix."""
    where = f"第 {row} 行：" if row is not None else ""
    name = re.sub(r"\s+", "", data.name or "")
    if not name:
        raise UserError(f"{where}“姓名”不能为空", "name is required", field="姓名", row=row)
    if len(name) > 20:
        raise UserError(f"{where}“姓名”过长（最多 20 字）", "name is too long", field="姓名", row=row)
    gender = (data.gender or "").strip()
    if gender in ("男性", "M", "m"):
        gender = "男"
    elif gender in ("女性", "F", "f"):
        gender = "女"
    if gender and gender not in GENDERS:
        raise UserError(f"{where}“性别”应为“男”或“女”，而不是“{gender}”", "gender must be 男 or 女", field="性别", row=row)
    phone = normalise_phone(data.phone)
    if phone and not PHONE_RE.match(phone):
        raise UserError(f"{where}“联系电话”格式不对：“{phone}”", "phone number is malformed", field="联系电话", row=row)
    group = (data.group_name or "").strip()
    if len(group) > 40:
        raise UserError(f"{where}“代表小组”过长（最多 40 字）", "group name is too long", field="代表小组", row=row)
    return DeputyInput(name=name, gender=gender, group_name=group, phone=phone)


def match_headers(header_row: list[object]) -> dict[str, int]:
    """Map the four roster headers (or their aliases) to column indexes; all four are required."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header_row):
        label = re.sub(r"\s+", "", str(cell or ""))
        for key, aliases in HEADER_ALIASES.items():
            if label in aliases and key not in found:
                found[key] = index
    missing = [h for h in ROSTER_HEADERS if h not in found]
    if missing:
        raise UserError(
            f"第 1 行表头缺少：{'、'.join(missing)}。请使用表头 {'、'.join(ROSTER_HEADERS)}",
            f"header row is missing: {', '.join(missing)}",
            field=missing[0],
            row=1,
        )
    return found


def initials(name: str) -> str:
    """Pinyin initials for quick search (张三丰 -> zsf); falls back to the name itself."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return name.lower()
    return "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p).lower()
