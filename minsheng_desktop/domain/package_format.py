"""The export package (.mspkg) format: a zip with a signed manifest and one JSON-lines file per table.

See docs/package-format.md. Pure checks only: no zip, database or crypto here.
"""

from __future__ import annotations

import posixpath
from typing import Any

from .errors import UserError

FORMAT = "minsheng-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DATA_DIR = "data/"


def safe_member(name: str) -> bool:
    """Only plain relative paths inside the package: no absolute paths, no '..', no backslashes, no drive letters."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or ":" in name:
        return False
    norm = posixpath.normpath(name)
    return norm == name and not norm.startswith("..") and "/../" not in f"/{norm}/"


def check_manifest(m: Any, known_schemas: tuple[str, ...]) -> dict[str, Any]:
    """The manifest if it is one this app can read and every field has its shape, else UserError (the first
    problem found, in this order)."""
    _check_format(m, known_schemas)
    _check_sender(m)
    _check_contents(m)
    return m


def _check_format(m: Any, known_schemas: tuple[str, ...]) -> None:
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise UserError("这不是民生实事票决的上报包", "not a Minsheng export package")
    version = m.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise UserError(f"上报包格式版本 {version} 比本软件新，请升级软件后再导入", "package format is newer than the app")
    if m.get("schema_version") not in known_schemas:
        raise UserError(f"上报包由更新版本的软件导出（架构版本 {m.get('schema_version')}），请升级软件后再导入",
                        "package schema is newer than the app")


def _check_sender(m: dict[str, Any]) -> None:
    j = m.get("jurisdiction")
    if not isinstance(j, dict) or not j.get("code") or not j.get("name"):
        raise UserError("上报包缺少行政区划信息", "package manifest has no jurisdiction")
    if not isinstance(m.get("sequence"), int) or m["sequence"] < 1:
        raise UserError("上报包缺少导出序号", "package manifest has no sequence")
    if not isinstance(m.get("members"), dict) or not isinstance(m.get("tables"), dict):
        raise UserError("上报包清单不完整", "package manifest is incomplete")
    if not isinstance(m.get("public_key"), str) or len(m["public_key"]) != 44:
        raise UserError("上报包缺少签名公钥", "package manifest has no public key")
    if not all(isinstance(j.get(k, ""), str) for k in ("code", "name", "level", "parent_code")):
        raise UserError("上报包清单中的行政区划信息格式不对", "the manifest's jurisdiction is malformed")


def _check_contents(m: dict[str, Any]) -> None:
    codes = m.get("codes")
    if not isinstance(codes, list) or not all(isinstance(c, str) and 0 < len(c) <= 12 for c in codes):
        raise UserError("上报包清单中的行政区划代码列表格式不对", "the manifest's codes are malformed")
    if not all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in m["tables"].items()):
        raise UserError("上报包清单中的行数格式不对", "the manifest's table counts are malformed")
    if not isinstance(m.get("attachments", True), bool):
        raise UserError("上报包清单格式不对（attachments）", "the manifest's attachments flag is malformed")
    if m["sequence"] > 10 ** 9 or isinstance(m["sequence"], bool):
        raise UserError("上报包的导出序号不合理", "the package sequence is out of range")
