"""Deputies roster rules: what a valid row is, and the keys used to recognise a deputy again."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UserError
from .vocabulary import MemberKind

GENDERS = ("男", "女")
PHONE_RE = re.compile(r"^[0-9+\-() ]{5,20}$")
ROSTER_HEADERS = ("姓名", "性别", "代表小组", "联系电话")
OPTIONAL_HEADERS = ("身份", "界别/职业")  # a street's roster: 议事代表 or 人大代表; both optional, older files lack them
HEADER_ALIASES = {
    "姓名": ("姓名", "代表姓名", "名字"),
    "性别": ("性别",),
    "代表小组": ("代表小组", "代表团", "小组", "所属代表小组"),
    "联系电话": ("联系电话", "电话", "手机", "手机号", "联系方式"),
    "身份": ("身份", "代表身份", "代表类别", "类别"),
    "界别/职业": ("界别/职业", "界别", "职业", "界别（职业）", "界别(职业)", "所属界别", "职业/界别"),
}
KIND_WORDS = tuple(MemberKind)


def read_kind(value: object, default: str) -> str | None:
    """议事代表 or 人大代表 as a secretary writes it (区人大代表, 市人大代表 … are 人大代表); blank is ``default``;
    anything else is None."""
    text = re.sub(r"\s+", "", str(value or ""))
    if not text:
        return default
    if text in ("议事代表", "街道议事代表", "议事"):
        return MemberKind.COUNCIL
    if text.endswith("人大代表") or text in ("人大", "代表"):
        return MemberKind.DEPUTY
    return None


@dataclass(frozen=True)
class DeputyInput:
    name: str
    gender: str = ""
    group_name: str = ""
    phone: str = ""
    kind: str = ""  # 议事代表 / 人大代表; blank: the level's default (validate_deputy)
    sector: str = ""  # 界别/职业, optional


def normalise_phone(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores 13800000000 as a number
    return str(value).strip()


def validate_deputy(data: DeputyInput, row: int | None = None, default_kind: str = MemberKind.DEPUTY) -> DeputyInput:
    """Trimmed and checked; the error names the row (if any) and the field to fix. A blank 身份 is
    ``default_kind`` (a street's members are 议事代表 unless marked 人大代表; a town's are all 人大代表)."""
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
    kind = read_kind(data.kind, default_kind)
    if kind is None:
        raise UserError(f"{where}“身份”应为“议事代表”或“人大代表”，而不是“{str(data.kind).strip()[:20]}”",
                        "kind must be 议事代表 or 人大代表", field="身份", row=row)
    if kind == MemberKind.COUNCIL and default_kind != MemberKind.COUNCIL:  # only a street council has 议事代表
        raise UserError(f"{where}乡镇和县区的代表都是人大代表，“身份”不能是“议事代表”（街道议事代表会议才有议事代表）",
                        "only a street council has 议事代表", field="身份", row=row)
    sector = re.sub(r"\s+", " ", str(data.sector or "")).strip()
    if len(sector) > 40:
        raise UserError(f"{where}“界别/职业”过长（最多 40 字）", "sector is too long", field="界别/职业", row=row)
    return DeputyInput(name=name, gender=gender, group_name=group, phone=phone, kind=kind, sector=sector)


def kind_counts(kinds: list[str]) -> str:
    """“议事代表 45 名，人大代表 8 名，共 53 名” — a street roster's make-up."""
    council = sum(1 for k in kinds if k == MemberKind.COUNCIL)
    deputies = sum(1 for k in kinds if k == MemberKind.DEPUTY)
    return f"议事代表 {council} 名，人大代表 {deputies} 名，共 {council + deputies} 名"


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
