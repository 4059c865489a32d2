"""Hand-made packages for the hostile-input tests: signed by any key, with any manifest, rows and members."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from minsheng_desktop.storage.db import HEAD_REVISION


def new_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                                      serialization.NoEncryption())


def town_key(db_path) -> bytes:
    """The private key a town's file holds (what an insider with the file can sign with)."""
    con = sqlite3.connect(db_path)
    try:
        value = con.execute("SELECT value FROM setting WHERE key='signing_key'").fetchone()[0]
    finally:
        con.close()
    return base64.b64decode(json.loads(value)["private"])


def public_of(private: bytes) -> str:
    key = Ed25519PrivateKey.from_private_bytes(private).public_key()
    return base64.b64encode(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()


def jsonl(rows: list[Any]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def craft(path: Path, *, code: str, name: str, tables: dict[str, list[Any]] | None = None,
          codes: list[str] | None = None, private: bytes | None = None, sequence: int = 1,
          manifest_patch: dict[str, Any] | None = None, raw_members: dict[str, bytes] | None = None,
          extra_members: list[tuple[str, bytes]] | None = None, raw_manifest: bytes | None = None,
          data: dict[str, bytes] | None = None, stored: bool = False) -> Path:
    """A signed package. ``tables`` are rows per table; ``raw_members`` replace a member's bytes after the
    manifest was hashed (a bad checksum); ``extra_members`` are written as well (duplicates, unlisted)."""
    private = private or new_key()
    members = {f"data/{t}.jsonl": jsonl(rows) for t, rows in (tables or {}).items()}
    members.update(data or {})  # exact member bytes, hashed into the manifest like any other
    if "data/jurisdiction.jsonl" not in members:
        members["data/jurisdiction.jsonl"] = jsonl([{"code": code, "name": name, "level": "乡镇",
                                                    "parent_code": "610999", "is_local": False,
                                                    "updated_at": "2026-01-01 00:00:00.000000"}])
    manifest = {"format": "minsheng-package", "format_version": 1, "schema_version": HEAD_REVISION,
                "app_version": "0.1.0", "jurisdiction": {"code": code, "name": name, "level": "乡镇",
                                                         "parent_code": "610999"},
                "exported_at": "2026-11-21T09:00:00", "sequence": sequence, "attachments": False,
                "codes": codes if codes is not None else [code],
                "tables": {t[5:-6]: d.count(b"\n") for t, d in members.items()},
                "members": {n: hashlib.sha256(d).hexdigest() for n, d in members.items()},
                "public_key": public_of(private)}
    manifest.update(manifest_patch or {})
    manifest_bytes = raw_manifest or json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    signature = base64.b64encode(Ed25519PrivateKey.from_private_bytes(private).sign(manifest_bytes))
    members.update(raw_members or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", manifest_bytes)
        z.writestr("manifest.sig", signature)
        for n, d in members.items():
            z.writestr(n, d)
        for n, d in extra_members or []:
            z.writestr(n, d)
    return path


def rows_of(db_path, table: str, code: str, limit: int = 1) -> list[dict[str, Any]]:
    """Rows of a table as a package would carry them (to copy and alter)."""
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(f"SELECT * FROM {table} WHERE jurisdiction_code=? LIMIT ?",
                                             (code, limit))]
    finally:
        con.close()


def count(db_path, table: str, code: str) -> int:
    con = sqlite3.connect(db_path)
    try:
        return con.execute(f"SELECT count(*) FROM {table} WHERE jurisdiction_code=?", (code,)).fetchone()[0]
    finally:
        con.close()
