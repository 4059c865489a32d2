"""The county as outside witness: a town's sealed results and audit chain may only move forward.

The county keeps every sealed result a town has sent (the ``seal`` rows) and where the town's audit chain stood
(length and head, in ``package_log``). A later package whose sealed result for the same vote differs, that drops
a sealed result, or whose audit chain went backwards or forked is refused — a changed count is detectable by
someone who does not trust the town's file. A town whose PC was restored from a backup (or replaced) is let
through only by an explicit, logged decision (``accept_restored``), and never with a changed sealed result.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..domain import seal as S
from ..domain.errors import UserError
from ..storage import package_repo
from . import signing


def audit_of(manifest: dict[str, Any]) -> dict[str, Any] | None:
    """The manifest's audit chain facts, checked for shape (None for packages made before they were sent)."""
    a = manifest.get("audit")
    if a is None:
        return None
    ok = (isinstance(a, dict) and isinstance(a.get("length"), int) and isinstance(a.get("head"), str)
          and isinstance(a.get("checkpoints"), list)
          and all(isinstance(c, list) and len(c) == 2 and isinstance(c[0], int) and isinstance(c[1], str)
                  for c in a["checkpoints"]))
    if not ok:
        raise UserError("上报包清单中的审计日志信息格式不对", "the manifest's audit facts are malformed")
    return a


def restored_hint(name: str, code: str) -> str:
    return (f"如果{name}的电脑由备份恢复或更换过，请电话核实后选择“接受恢复后的数据”"
            f"（命令行 --accept-restored {code}）再导入；这一决定会记入审计日志")


def check_sequence(name: str, code: str, seq: int, last: Any, same_content: bool) -> str | None:
    """'merge', 'unchanged', or a refusal (UserError) — unless the county accepted a restored town."""
    if last is None or seq > last.sequence:
        return "merge"
    if seq == last.sequence and same_content:
        return "unchanged"
    if seq == last.sequence:
        raise UserError(f"{name}序号 {seq} 的上报包内容与已合并的不同。{restored_hint(name, code)}",
                        "same sequence, different content: restored or replaced PC?")
    raise UserError(f"这是{name}较旧的上报包（序号 {seq}），县级已合并过序号 {last.sequence}，未作改动。"
                    f"{restored_hint(name, code)}；否则这只是一个旧包，无需导入",
                    "an older package after a newer one: restored or replaced PC?")


def check_chain(name: str, code: str, audit: dict[str, Any] | None, last: Any) -> None:
    """The town's audit chain must extend what the county saw last: never shorter, never forked."""
    if last is None or last.audit_length is None:
        return
    if audit is None:
        raise UserError(f"{name}的上报包没有审计日志信息（由旧版本导出），县级无法确认其数据未被改写。"
                        f"请该镇升级软件后重新导出", "the package carries no audit chain facts")
    if audit["length"] < last.audit_length:
        raise UserError(f"{name}的审计日志比上次报送时短（{audit['length']} 条，上次 {last.audit_length} 条）："
                        f"日志被截短，或数据由较早的备份恢复。{restored_hint(name, code)}",
                        "the town's audit chain went backwards")
    points = {n: h for n, h in audit["checkpoints"]}
    points[audit["length"]] = audit["head"]
    if points.get(last.audit_length) != last.audit_head:
        raise UserError(f"{name}的审计日志与上次报送时不衔接（第 {last.audit_length} 条不同）：日志被改写，"
                        f"或数据由备份恢复后又有改动。{restored_hint(name, code)}", "the town's audit chain forked")


def check_seals(s, name: str, sender: str, scope: set[str], incoming: list[dict[str, Any]], keys: set[str], *,
                allow_missing: bool = False) -> list[dict[str, str]]:
    """Every seal the county holds for these towns comes back unchanged; every new one is signed by the town.
    With ``allow_missing`` (a restore the county accepted) a seal the town no longer has is let go, and returned
    so the county's audit log keeps it; a *changed* seal is refused whatever was decided."""
    held = package_repo.seals_in(s, scope)
    seen: set[str] = set()
    for r in incoming:
        try:
            entity, statement, signature = str(r["entity_id"]), json.loads(r["statement"]), str(r["signature"])
            key = str(r["public_key"])
        except (KeyError, TypeError, ValueError) as exc:
            raise UserError(f"{name}上报包中的封存记录已损坏", "a seal row is malformed") from exc
        seen.add(entity)
        title = statement.get("title") or statement.get("project") or entity[:8]
        old = held.get(entity)
        if old is not None and (old.statement != r["statement"] or old.signature != signature):
            raise UserError(f"{name}已封存的“{title}”与此前报送的不同：封存后的计票（或测评）结果被改动。"
                            f"县级保留此前的结果，本包未合并，请与该镇核实", "a sealed result was changed")
        if r.get("jurisdiction_code") != sender and key not in keys:
            keys_ok = True  # a town's seal passed on by its county: the county checked it on merge and signs the package
        else:
            keys_ok = key in keys
        if not keys_ok:
            raise UserError(f"{name}已封存的“{title}”不是用该镇登记的密钥签名的", "a seal signed by an unknown key")
        try:
            signing.verify(key, S.canonical_bytes(statement), signature)
        except UserError as exc:
            raise UserError(f"{name}已封存的“{title}”签名校验失败：封存记录被改动", "a seal signature fails") from exc
        if S.seal_code(statement, signature) != r.get("code"):
            raise UserError(f"{name}已封存的“{title}”封存码与签名不符", "a seal code does not match")
    missing = [row for entity, row in held.items() if entity not in seen]
    if missing and allow_missing:
        return [{"entity_id": row.entity_id, "code": row.code, "jurisdiction": row.jurisdiction_code,
                 "statement_sha256": hashlib.sha256(row.statement.encode("utf-8")).hexdigest()} for row in missing]
    if missing:
        st = json.loads(missing[0].statement)
        raise UserError(f"县级保存的{name}已封存结果“{st.get('title') or st.get('project')}”在上报包中缺失："
                        f"该镇数据可能由较早的备份恢复或被删改。请该镇用包含这次封存的备份恢复后重新导出；若确已无法找回，核实后可选择“接受恢复后的数据”（将记入审计日志）",
                        "a sealed result the county holds is missing from the package")
    return []
