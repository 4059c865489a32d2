"""How Chinese offices order lists: 第一、第二……第十、第十一代表小组 by the numeral, names by pinyin.

``sort_key`` is the one key for every list of groups and names (the roster, sign-in, attendance): a plain string,
so it serves Python's ``sorted`` and a Qt sort role alike. Ordinals (第 + a Chinese numeral) and runs of digits
count as numbers; Chinese characters compare by their pinyin with the tone (zhan < zhang, 张 zhang1 < 长 zhang3);
a name's surname is read as a surname (曾 zeng, 单 shan, 解 xie). Ties keep a stable order by the text itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇一二两三四五六七八九十百千"
# 第 + Chinese numeral, or a run of ASCII / full-width digits
NUMBER_RE = re.compile(rf"(?<=第)[{NUMERAL}]+|[0-9０-９]+")
# Surnames whose everyday reading differs from the surname's (pypinyin reads 曾 as ceng, 单 as dan)
SURNAMES = {"曾": "zeng1", "单": "shan4", "解": "xie4", "仇": "qiu2", "朴": "piao2", "查": "zha1", "区": "ou1",
            "覃": "qin2", "乐": "yue4", "缪": "miao4", "翟": "zhai2", "盖": "ge3", "秘": "bi4", "燕": "yan1",
            "种": "chong2", "员": "yun4", "尉": "yu4", "繁": "po2", "召": "shao4", "万俟": "mo4 qi2"}
NUMBER_MARK = "\x01"  # numbers sort before any text
END = "\x02"  # ends each syllable: "zhan" + END sorts before "zhang"


def chinese_number(text: str) -> int | None:
    """十一 -> 11, 二十 -> 20, 一百零五 -> 105, 三 -> 3; None if ``text`` is not a Chinese numeral."""
    if not text or any(ch not in NUMERAL for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            if digit is not None and digit != 0:  # 一二三 read digit by digit (rare in ordinals)
                total = total * 10 + digit
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def _number(text: str) -> int:
    if text.isdigit():
        return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    return chinese_number(text) or 0


def _each_char(chars: str) -> list[str]:
    """Characters without pinyin (letters, digits), one syllable each."""
    return list(chars.lower())


@lru_cache(maxsize=8192)
def _syllables(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    # pypinyin's stub types ``errors`` as Callable[[str], str], but pypinyin accepts a list back (one entry per
    # character, as its handle_no_pinyin guide documents): "ab" must give "a", "b", not "ab"
    return "".join(p + END for p in lazy_pinyin(text, style=Style.TONE3, errors=_each_char))  # type: ignore[arg-type]


@lru_cache(maxsize=8192)
def sort_key(text: str, *, person: bool = False) -> str:
    """The order Chinese offices use, as a string key. ``person``: ``text`` is a name, read its surname as one."""
    text = (text or "").strip()
    parts: list[str] = []
    rest = text
    if person:
        for surname in sorted(SURNAMES, key=len, reverse=True):
            if rest.startswith(surname):
                parts.append("".join(p + END for p in SURNAMES[surname].split()))
                rest = rest[len(surname):]
                break
    at = 0
    for m in NUMBER_RE.finditer(rest):
        parts.append(_syllables(rest[at:m.start()]))
        parts.append(f"{NUMBER_MARK}{_number(m.group()):012d}")
        at = m.end()
    parts.append(_syllables(rest[at:]))
    return "".join(parts) + "\x00" + text


def deputy_order(group: str, name: str, active: bool = True) -> tuple[bool, bool, str, str]:
    """Serving deputies first; by 代表小组 (第一、第二……, no group last), then by name in pinyin order."""
    return (not active, not group.strip(), sort_key(group), sort_key(name, person=True))
