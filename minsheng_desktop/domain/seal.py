"""封存: what a sealed vote or scoring result states, its short seal code, and the QR text printed with it.

A seal is a *statement* (canonical JSON of everything the result rests on: who voted on what, the counts, the
names, the rules, a digest of the ballots, and where the audit chain stood) signed with the town's Ed25519 key.
The **seal code** (20 digits in five groups, read aloud and signed for on paper) and the **QR text** (the
session, the counts and the signature) go on the printed 计票结果报告单 and 公告: whoever holds the paper can
later show that the file still says what was announced, even against someone who rewrote the file.
Pure functions only: the services gather the facts and keep the key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from .errors import UserError

VERSION = 1
QR_PREFIX = "MSSEAL"
CODE_DIGITS = 20


def canonical_bytes(statement: dict[str, Any]) -> bytes:
    return json.dumps(statement, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode("utf-8")


def evidence_digest(ballots: list[list[Any]], totals: list[list[Any]]) -> str:
    """SHA-256 of the ballots as read out and the paper totals as entered (the raw facts behind the counts)."""
    return hashlib.sha256(canonical_bytes({"ballots": ballots, "totals": totals})).hexdigest()


def vote_statement(*, session_id: str, code: str, year: int, title: str, held_on: str, rules: dict[str, Any],
                   deputies_total: int, deputies_present: int, ballots_issued: int,
                   candidates: list[tuple[str, str, int]], result: dict[str, Any], evidence: str,
                   audit: tuple[int, str]) -> dict[str, Any]:
    """The statement a sealed vote stands on. ``candidates`` are (id, name, ballot order)."""
    return {
        "v": VERSION, "kind": "vote", "id": session_id, "code": code, "year": year, "title": title,
        "held_on": held_on, "rules": rules, "deputies_total": deputies_total, "deputies_present": deputies_present,
        "ballots_issued": ballots_issued, "candidates": [[c, n, o] for c, n, o in candidates], "result": result,
        "evidence": evidence, "audit": [audit[0], audit[1]],
    }


def round_statement(*, round_id: str, code: str, year: int, project: str, batch: str, respondents: str,
                    method: str, held_on: str, counts: dict[str, Any], result: dict[str, Any],
                    policy: dict[str, Any], evidence: str, audit: tuple[int, str]) -> dict[str, Any]:
    """The statement a published satisfaction round (测评) stands on."""
    return {
        "v": VERSION, "kind": "round", "id": round_id, "code": code, "year": year, "project": project,
        "batch": batch, "respondents": respondents, "method": method, "held_on": held_on, "counts": counts,
        "result": result, "policy": policy, "evidence": evidence, "audit": [audit[0], audit[1]],
    }


def seal_code(statement: dict[str, Any], signature_b64: str) -> str:
    """20 decimal digits in groups of four, bound to the statement and its signature (easy to read aloud)."""
    digest = hashlib.sha256(canonical_bytes(statement) + b"|" + signature_b64.encode("ascii")).digest()
    digits = str(int.from_bytes(digest[:12], "big") % 10 ** CODE_DIGITS).zfill(CODE_DIGITS)
    return " ".join(digits[i:i + 4] for i in range(0, CODE_DIGITS, 4))


def normalise_code(text: str) -> str | None:
    """A seal code as typed or read aloud (spaces, dashes, full-width digits allowed), or None if it is not one."""
    digits = re.sub(r"[\s\-—－·.]", "", text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if not re.fullmatch(rf"\d{{{CODE_DIGITS}}}", digits):
        return None
    return " ".join(digits[i:i + 4] for i in range(0, CODE_DIGITS, 4))


def counts_of(statement: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, counts) for each line of the result: per candidate 赞成.反对.弃权, or the round's counts."""
    if statement["kind"] == "vote":
        return [(c["name"], f"{c['approve']}.{c['oppose']}.{c['abstain']}")
                for c in statement["result"].get("candidates", [])]
    r = statement["result"]
    c = statement["counts"]
    if statement["method"] == "three_level":
        line = ".".join(str(int(c.get(k, 0))) for k in ("satisfied", "basically", "unsatisfied", "abstain", "invalid"))
    else:
        line = f"{c.get('scores', 0)}.{c.get('average', '')}"
    return [(statement["project"], f"{line}.{r.get('verdict', '')}")]


def qr_text(statement: dict[str, Any], signature_b64: str) -> str:
    """What the printed QR code carries: kind, id, town code, the counts and the signature (one line of text)."""
    sig = base64.urlsafe_b64encode(base64.b64decode(signature_b64)).decode("ascii").rstrip("=")
    counts = ",".join(line for _label, line in counts_of(statement))
    return "|".join([QR_PREFIX, str(VERSION), statement["kind"], statement["id"], statement["code"], counts, sig])


@dataclass(frozen=True)
class QrSeal:
    kind: str
    entity_id: str
    code: str
    counts: list[str]
    signature_b64: str


def parse_qr(text: str) -> QrSeal:
    parts = text.strip().split("|")
    if len(parts) != 7 or parts[0] != QR_PREFIX:
        raise UserError("这不是民生实事票决的封存二维码内容", "not a seal QR text")
    if parts[1] != str(VERSION) or parts[2] not in ("vote", "round"):
        raise UserError("封存二维码的版本或类型无法识别", "unknown seal QR version or kind")
    try:
        raw = base64.urlsafe_b64decode(parts[6] + "=" * (-len(parts[6]) % 4))
    except (ValueError, TypeError) as exc:
        raise UserError("封存二维码中的签名已损坏", "the QR signature is damaged") from exc
    if len(raw) != 64:
        raise UserError("封存二维码中的签名长度不对", "the QR signature has the wrong length")
    return QrSeal(parts[2], parts[3], parts[4], parts[5].split(",") if parts[5] else [],
                  base64.b64encode(raw).decode("ascii"))


def count_differences(statement: dict[str, Any], printed: list[str]) -> list[str]:
    """Lines where the file's counts differ from the printed ones (Chinese, for the user)."""
    mine = counts_of(statement)
    if len(mine) != len(printed):
        return [f"候选项目数不同：文件中 {len(mine)} 个，二维码中 {len(printed)} 个"]
    return [f"“{label}”：文件中 {line}，二维码中 {other}" for (label, line), other in zip(mine, printed, strict=True)
            if line != other]
