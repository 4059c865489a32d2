"""Per-place settings that are lists: categories, sources, screening chains, levels (DOMAIN.md)."""

from __future__ import annotations

DEFAULT_CATEGORIES = (
    "教育", "医疗卫生", "就业创业", "社会保障", "养老服务", "交通出行", "文化体育", "住房保障",
    "城镇建设管理", "乡村建设", "生态环境", "公共安全", "其他",
)
SOURCES = ("群众", "人大代表", "政府部门", "村(社区)", "网络征集")
LEVELS = ("乡镇", "街道", "县区", "市")
TOWN_CHAIN = ("镇政府办公会", "镇人大主席团会议", "镇党委会", "主席团提请大会")
STREET_CHAIN = ("街道办事处主任办公会", "街道党工委会", "人大街道工委会议", "提请议事代表会议")
COUNTY_CHAIN = ("县政府常务会", "人大常委会主任会议", "县委常委会", "人大常委会会议", "人民代表大会")
CHAIN_PRESETS = {"乡镇": TOWN_CHAIN, "街道": STREET_CHAIN, "县区": COUNTY_CHAIN, "市": COUNTY_CHAIN}
REPLY_OUTCOMES = ("采纳为候选", "合并", "暂缓", "不予采纳")
PROJECT_STATUSES = ("未开工", "推进中", "已完成", "滞后", "调整", "终止")
EVENT_KINDS = (
    "年初问计划", "年中问进度", "年底问效果", "回头看", "季会", "年中会议", "视察", "调研", "专项报告", "专题询问",
    "代表约见",
)
OFFICER_ROLES = ("计票人", "监票人", "总监票人")


def clean_list(items: list[str] | tuple[str, ...], what: str) -> list[str]:
    """Trim, drop blanks, refuse duplicates; keeps the order the secretary gave."""
    from .errors import UserError

    out: list[str] = []
    for raw in items:
        item = str(raw).strip()
        if not item:
            continue
        if item in out:
            raise UserError(f"{what}“{item}”重复，请删除其中一个", f"duplicate {what}: {item}")
        if len(item) > 20:
            raise UserError(f"{what}“{item}”过长（最多 20 字）", f"{what} '{item}' is longer than 20 characters")
        out.append(item)
    if not out:
        raise UserError(f"{what}不能为空，至少保留一项", f"the {what} list must not be empty")
    return out
