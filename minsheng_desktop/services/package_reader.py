"""Reading a package as a hostile file: bounded streams, the signature before anything large, hashes before trust.

Order: the zip's directory (member count, duplicate or unsafe names, declared sizes), the manifest read with a
hard cap, its format, the Ed25519 signature, then every data member streamed once through SHA-256 with its size
counted (declared sizes can lie). Rows are read later, one line at a time, and hashed again on the way, so a file
changed between the two reads fails before its transaction commits. Nothing is held whole in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.errors import UserError
from ..domain.package_format import DATA_DIR, MANIFEST, SIGNATURE, check_manifest, safe_member
from ..storage.db import KNOWN_REVISIONS
from . import signing

MB = 1024 * 1024
LIMITS = {
    "package": 1024 * MB,  # the .mspkg file itself
    "members": 200,  # zip entries
    "manifest": 4 * MB,
    "signature": 1024,
    "member": 1024 * MB,  # one table, inflated
    "total": 3 * 1024 * MB,  # every member, inflated
    "line": 48 * MB,  # one row (an attachment's photo as base64)
}
CHUNK = 1 * MB
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)  # CRC, deflate, truncation


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def loads(text: bytes | str) -> Any:
    """JSON without NaN / Infinity (Python's json accepts them by default)."""
    return _DECODER.decode(text.decode("utf-8") if isinstance(text, bytes) else text)


def _read_capped(z: zipfile.ZipFile, name: str, cap: int, what: str) -> bytes:
    with z.open(name) as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        raise UserError(f"上报包中的{what}超过 {cap // 1024} KB 的上限，已拒绝", f"the {name} member exceeds its limit")
    return data


@dataclass
class PackageFile:
    path: Path
    manifest: dict[str, Any]
    manifest_sha256: str
    sizes: dict[str, int] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.manifest["jurisdiction"]["code"]

    @property
    def name(self) -> str:
        return self.manifest["jurisdiction"]["name"]

    def has(self, table: str) -> bool:
        return f"{DATA_DIR}{table}.jsonl" in self.manifest["members"]

    def rows(self, table: str) -> Iterator[tuple[int, Any]]:
        """(line number, parsed JSON) of every row of a table, streamed in blocks; the member's hash is checked
        at its end. A line longer than the limit is refused without being held whole."""
        name = f"{DATA_DIR}{table}.jsonl"
        if name not in self.manifest["members"]:
            return
        digest, size, n, rest = hashlib.sha256(), 0, 0, b""
        with zipfile.ZipFile(self.path) as z, z.open(name) as f:
            while True:
                try:
                    block = f.read(CHUNK * 4)
                except DAMAGED as exc:
                    raise UserError(f"上报包中的“{name}”已损坏", f"{name} is damaged") from exc
                size += len(block)
                if size > LIMITS["member"]:
                    raise UserError(f"上报包中“{table}”超过上限，已拒绝", f"{name} is too large")
                digest.update(block)
                lines = (rest + block).split(b"\n")
                rest = lines.pop() if block else b""
                if len(rest) > LIMITS["line"]:
                    raise UserError(f"上报包中“{table}”的第 {n + len(lines) + 1} 行超过上限，已拒绝",
                                    f"{name} has a line over the limit")
                lines = [line for line in lines if line.strip()]
                yield from self._parse(table, name, n, lines)
                n += len(lines)
                if not block:
                    break
        if digest.hexdigest() != self.manifest["members"][name]:
            raise UserError(f"“{name}”的校验值不符：文件在读取过程中被改动", f"checksum mismatch in {name} on reading")

    @staticmethod
    def _parse(table: str, name: str, before: int, lines: list[bytes]) -> Iterator[tuple[int, Any]]:
        """Many lines in one parse (a JSON array); on any error, line by line to name the bad one."""
        if not lines:
            return
        try:
            rows = loads(b"[" + b",".join(lines) + b"]")
            if len(rows) == len(lines):
                yield from enumerate(rows, start=before + 1)
                return
        except (UnicodeDecodeError, ValueError, RecursionError):
            pass
        for i, line in enumerate(lines, start=before + 1):
            try:
                yield i, loads(line)
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                raise UserError(f"上报包中“{table}”的第 {i} 行不是有效的数据", f"{name} line {i} is not JSON") from exc


def open_package(path: str | os.PathLike[str]) -> PackageFile:
    """Check a package without trusting it: structure, caps, manifest, signature, then every member's hash."""
    p = Path(path)
    if not p.is_file():
        raise UserError(f"找不到文件“{p.name}”", f"file not found: {p}")
    if p.stat().st_size > LIMITS["package"]:
        raise UserError(f"“{p.name}”大于 {LIMITS['package'] // MB} MB 的上限，不像是上报包", "the file is too large")
    try:
        z = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError("这不是民生实事票决的上报包（无法按 zip 打开）", "not a package (not a zip file)") from exc
    try:
        with z:
            return _check(p, z)
    except DAMAGED as exc:
        raise UserError(f"上报包已损坏（{type(exc).__name__}），请让对方重新导出", "the package is damaged") from exc


def _check(p: Path, z: zipfile.ZipFile) -> PackageFile:
    names, declared = _check_directory(z.infolist())
    manifest_bytes, manifest = _read_manifest(z)
    members = manifest["members"]
    _check_listed(members, names, declared)
    sizes = _hash_members(z, members)
    return PackageFile(p, manifest, hashlib.sha256(manifest_bytes).hexdigest(), sizes)


def _check_directory(infos: list[zipfile.ZipInfo]) -> tuple[list[str], dict[str, int]]:
    """The zip's directory before anything is inflated: (member names, their declared sizes)."""
    if len(infos) > LIMITS["members"]:
        raise UserError(f"上报包含有 {len(infos)} 个文件，超过 {LIMITS['members']} 个的上限", "too many members")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise UserError(f"上报包中“{dup}”出现了不止一次，已拒绝", "duplicate zip member")
    bad = [n for n in names if not safe_member(n)]
    if bad:
        raise UserError(f"上报包含有不安全的路径“{bad[0]}”，已拒绝", "the zip holds paths outside itself")
    if MANIFEST not in names or SIGNATURE not in names:
        raise UserError("这不是民生实事票决的上报包（缺少清单或签名）", "not a package (no manifest or signature)")
    declared = {i.filename: i.file_size for i in infos}
    if any(size > LIMITS["member"] for size in declared.values()) or sum(declared.values()) > LIMITS["total"]:
        raise UserError("上报包中的文件解压后过大，已拒绝", "a member inflates past its limit")
    return names, declared


def _read_manifest(z: zipfile.ZipFile) -> tuple[bytes, dict[str, Any]]:
    """(the manifest's bytes, the manifest), read with a hard cap, its format checked and its signature verified."""
    manifest_bytes = _read_capped(z, MANIFEST, LIMITS["manifest"], "清单")
    signature = _read_capped(z, SIGNATURE, LIMITS["signature"], "签名")
    try:
        manifest = loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise UserError("上报包清单已损坏", "the manifest is not valid JSON") from exc
    check_manifest(manifest, KNOWN_REVISIONS)
    signing.verify(manifest["public_key"], manifest_bytes, signature.decode("ascii", "replace"))
    return manifest_bytes, manifest


def _check_listed(members: dict[str, Any], names: list[str], declared: dict[str, int]) -> None:
    """The manifest lists exactly the zip's data members, each with a digest, none outside the data folder."""
    for name, digest in members.items():
        if not isinstance(name, str) or not safe_member(name) or not name.startswith(DATA_DIR):
            raise UserError(f"上报包清单含有不安全的路径“{name}”", "unsafe member in manifest")
        if not isinstance(digest, str):
            raise UserError(f"上报包清单中“{name}”的校验值格式不对", "bad digest in manifest")
        if name not in declared:
            raise UserError(f"上报包缺少文件“{name}”", f"missing member {name}")
    extra = set(names) - set(members) - {MANIFEST, SIGNATURE}
    if extra:
        raise UserError(f"上报包含有清单之外的文件“{sorted(extra)[0]}”", "unlisted member")


def _hash_members(z: zipfile.ZipFile, members: dict[str, str]) -> dict[str, int]:
    """Every data member streamed once through SHA-256, its real size counted (declared sizes can lie)."""
    sizes: dict[str, int] = {}
    total = 0
    for name, digest in members.items():
        h, size = hashlib.sha256(), 0
        try:
            with z.open(name) as f:
                while chunk := f.read(CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > LIMITS["member"] or total > LIMITS["total"]:
                        raise UserError("上报包中的文件解压后过大，已拒绝", "a member inflates past its limit")
                    h.update(chunk)
        except DAMAGED as exc:
            raise UserError(f"上报包中的“{name}”已损坏（{type(exc).__name__}），请让对方重新导出",
                            f"{name} is damaged") from exc
        if h.hexdigest() != digest:
            raise UserError(f"“{name}”的校验值不符：文件在传送途中被改动或损坏", f"checksum mismatch in {name}")
        sizes[name] = size
    return sizes
