"""Whose rows a package may touch: the county's data belongs to the towns that sent it.

A package may carry only rows of the jurisdiction whose key signed it and of jurisdictions below it (by the
parent codes in its own jurisdiction rows: a county's towns, sent on to the city). A code that another sender
already reports to this database — a town with its own pinned key, or a town carried by another county — is
never within reach, whatever the manifest lists. Anything outside refuses the whole package.
"""

from __future__ import annotations

from typing import Any

from ..domain.errors import UserError
from ..storage import package_repo
from ..storage.package_repo import LIVE, owners

__all__ = ["LIVE", "allowed_codes", "owners"]


def allowed_codes(s, sender: str, sender_name: str, codes: list[str], jurisdictions: list[dict[str, Any]]) -> set[str]:
    """The codes this package may write, or a refusal naming the first code outside them."""
    held = package_repo.owners(s)
    if held.get(sender, sender) != sender:
        raise UserError(f"{sender_name}（{sender}）的数据已由 {held[sender]} 报送到本库，不能再直接报送，已拒绝",
                        "this jurisdiction is already reported by another sender")
    parents = {str(j.get("code")): str(j.get("parent_code") or "") for j in jurisdictions if isinstance(j, dict)}

    def below_sender(code: str) -> bool:
        seen = set()
        while code in parents and code not in seen:
            seen.add(code)
            code = parents[code]
            if code == sender:
                return True
        return False

    allowed = {sender}
    for code in codes:
        if code == sender:
            continue
        owner = held.get(code)
        if owner is not None and owner != sender:
            raise UserError(f"上报包含有行政区划 {code} 的数据，它由另一个单位（{owner}）报送，"
                            f"{sender_name}无权改动，已拒绝整个上报包", "the package reaches into another sender's rows")
        if not below_sender(code):
            said = parents.get(code)
            why = f"（包中它的上级代码是 {said}，请在该单位“设置 › 本级信息”中核对上级代码）" if said else ""
            raise UserError(f"上报包含有行政区划 {code} 的数据，但它不是{sender_name}（{sender}）的下级{why}，"
                            f"已拒绝整个上报包", "the package lists a code that is not below its sender")
        allowed.add(code)
    return allowed
