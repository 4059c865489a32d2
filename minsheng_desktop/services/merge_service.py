"""Merging town packages into a county (or city) database: safe to send twice, out of order, or tampered with."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from ..domain.errors import UserError
from ..domain.package_format import DATA_DIR, MANIFEST, SIGNATURE, check_manifest, safe_member
from ..storage import audit_repo, exchange_repo, exchange_sqlite, settings_repo
from ..storage.db import KNOWN_REVISIONS, Database
from ..storage.models import PackageLog, TownKey
from . import merge_witness, signing

MAX_MEMBER = 2 * 1024 ** 3  # refuse zip bombs: no member may inflate past 2 GB


@dataclass
class Package:
    manifest: dict[str, Any]
    manifest_sha256: str
    members: dict[str, bytes]

    @property
    def code(self) -> str:
        return self.manifest["jurisdiction"]["code"]

    def rows(self, table: str) -> list[dict[str, Any]]:
        data = self.members.get(f"{DATA_DIR}{table}.jsonl", b"").strip()
        if not data:
            return []
        try:  # one JSON array parse instead of one per line (raw newlines only separate rows)
            return json.loads(b"[" + data.replace(b"\n", b",") + b"]")
        except json.JSONDecodeError as exc:
            raise UserError(f"上报包中的“{table}”数据已损坏", f"{table} data is not valid JSON lines") from exc


@dataclass
class MergeResult:
    file: str
    town: str = ""
    code: str = ""
    sequence: int | None = None
    status: str = "refused"
    reason: str = ""
    rows: dict[str, int] = field(default_factory=lambda: {"inserted": 0, "updated": 0, "deleted": 0})
    new_key: str = ""  # fingerprint when a town's key was pinned now (to confirm by phone)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "town": self.town, "code": self.code, "sequence": self.sequence,
                "status": self.status, "reason": self.reason, "rows": self.rows,
                "new_key_fingerprint": self.new_key}


def read_package(path: str | os.PathLike[str]) -> Package:
    """Open and check a package: a real zip, safe member names, a known format, hashes and signature intact."""
    p = Path(path)
    if not p.is_file():
        raise UserError(f"找不到文件“{p.name}”", f"file not found: {p}")
    try:
        z = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError("这不是民生实事票决的上报包（无法按 zip 打开）", "not a package (not a zip file)") from exc
    with z:
        names = z.namelist()
        bad = [n for n in names if not safe_member(n)]
        if bad:
            raise UserError(f"上报包含有不安全的路径“{bad[0]}”，已拒绝", "the zip holds paths outside itself")
        if MANIFEST not in names or SIGNATURE not in names:
            raise UserError("这不是民生实事票决的上报包（缺少清单或签名）", "not a package (no manifest or signature)")
        if any(i.file_size > MAX_MEMBER for i in z.infolist()):
            raise UserError("上报包中的文件过大，已拒绝", "a member is too large")
        manifest_bytes = z.read(MANIFEST)
        try:
            manifest = json.loads(manifest_bytes.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UserError("上报包清单已损坏", "the manifest is not valid JSON") from exc
        check_manifest(manifest, KNOWN_REVISIONS)
        signing.verify(manifest["public_key"], manifest_bytes, z.read(SIGNATURE).decode("ascii", "replace"))
        members = {}
        for name, digest in manifest["members"].items():
            if not safe_member(name) or not name.startswith(DATA_DIR):
                raise UserError(f"上报包清单含有不安全的路径“{name}”", "unsafe member in manifest")
            if name not in names:
                raise UserError(f"上报包缺少文件“{name}”", f"missing member {name}")
            data = z.read(name)
            if hashlib.sha256(data).hexdigest() != digest:
                raise UserError(f"“{name}”的校验值不符：文件在传送途中被改动或损坏", f"checksum mismatch in {name}")
            members[name] = data
        extra = set(names) - set(manifest["members"]) - {MANIFEST, SIGNATURE}
        if extra:
            raise UserError(f"上报包含有清单之外的文件“{sorted(extra)[0]}”", "unlisted member")
    return Package(manifest, hashlib.sha256(manifest_bytes).hexdigest(), members)


class MergeService:
    def __init__(self, db: Database):
        self.db = db

    def merge(self, paths: list[str | os.PathLike[str]], *, accept_new_key: set[str] = frozenset(),
              accept_restored: set[str] = frozenset(), progress=None) -> list[MergeResult]:
        from .backup_service import safety_backup

        safety_backup(self.db, "before-merge")
        results = []
        for i, path in enumerate(paths):
            results.append(self.merge_one(path, accept_new_key=accept_new_key, accept_restored=accept_restored))
            if progress:
                progress(i + 1, len(paths))
        return results

    def merge_one(self, path, *, accept_new_key: set[str] = frozenset(),
                  accept_restored: set[str] = frozenset()) -> MergeResult:
        result = MergeResult(file=Path(path).name)
        try:
            pkg = read_package(path)
            j = pkg.manifest["jurisdiction"]
            result.town, result.code, result.sequence = j["name"], j["code"], pkg.manifest["sequence"]
            self._apply(pkg, result, accept_new_key, accept_restored)
        except UserError as exc:
            result.status, result.reason = "refused", exc.zh
            self._log_refusal(result)
        return result

    def _log_refusal(self, result: MergeResult) -> None:
        if not result.code:
            return
        with self.db.engine.begin() as conn:
            conn.execute(insert(PackageLog), [{"id": _uuid(), "sender_code": result.code, "sequence": result.sequence or 0,
                                              "manifest_sha256": "", "codes": [], "status": "refused",
                                              "reason": result.reason, "file_name": result.file}])

    def _apply(self, pkg: Package, result: MergeResult, accept_new_key: set[str], accept_restored: set[str]) -> None:
        """One transaction: pin the key, order the sequence, then make the sender's rows exactly the package's."""
        from sqlalchemy.orm import Session

        with Session(self.db.engine) as s, s.begin():
            local = settings_repo.local_jurisdiction(s)
            if local is not None and local.code in pkg.manifest["codes"]:
                raise UserError("上报包含有本级自身的数据，不能合并到本级数据库", "the package holds this database's own rows")
            pinned = s.get(TownKey, pkg.code)
            fp = signing.fingerprint(pkg.manifest["public_key"])
            name = pkg.manifest["jurisdiction"]["name"]
            town_keys = {pkg.manifest["public_key"]}
            if pinned is None:
                s.add(TownKey(code=pkg.code, public_key=pkg.manifest["public_key"], fingerprint=fp))
                result.new_key = fp
            elif pinned.public_key != pkg.manifest["public_key"]:
                if pkg.code not in accept_new_key:
                    raise UserError(f"{name}的签名密钥与此前不同（新指纹 {fp}，原指纹 "
                                    f"{pinned.fingerprint}）。请电话核实后选择“接受新密钥”再导入",
                                    "the town's signing key changed; accept it explicitly")
                town_keys.add(pinned.public_key)  # seals made before the change stay signed by the old key
                pinned.public_key, pinned.fingerprint = pkg.manifest["public_key"], fp
                result.new_key = fp
            logs = list(s.execute(select(PackageLog).where(PackageLog.sender_code == pkg.code,
                                                           PackageLog.status.in_(("merged", "unchanged")))).scalars())
            last = max(logs, key=lambda log: log.sequence, default=None)
            seq = pkg.manifest["sequence"]
            audit = merge_witness.audit_of(pkg.manifest)
            restored = False
            try:
                action = merge_witness.check_sequence(name, pkg.code, seq, last,
                                                      last is not None and last.manifest_sha256 == pkg.manifest_sha256)
                if action == "merge":
                    merge_witness.check_chain(name, pkg.code, audit, last)
            except UserError:
                if pkg.code not in accept_restored and not (pkg.code in accept_new_key and result.new_key):
                    raise
                action, restored = "merge", True
            if action == "unchanged":
                result.status = "unchanged"
                s.add(PackageLog(sender_code=pkg.code, sequence=seq, manifest_sha256=pkg.manifest_sha256,
                                 codes=pkg.manifest["codes"], status="unchanged", file_name=result.file,
                                 audit_length=last.audit_length, audit_head=last.audit_head))
                return
            scope = set(pkg.manifest["codes"]) | {c for log in logs for c in (log.codes or [])} | {pkg.code}
            conn = s.connection()
            fast = conn.dialect.name == "sqlite"
            tables = exchange_repo.synced_tables()
            incoming: dict[str, list[dict]] = {}
            gone = []
            for table in tables:
                rows = pkg.rows(table.name)
                if not fast:
                    decode = exchange_repo.decoder(table)
                    rows = [decode(r) for r in rows]
                if table.name == "jurisdiction":
                    for r in rows:
                        r["is_local"] = False
                incoming[table.name] = rows
                names = exchange_repo.key_columns(table)
                keys = {(r[names[0]],) for r in rows} if len(names) == 1 else {tuple(r[k] for k in names) for r in rows}
                gone.append((table, exchange_repo.existing_keys(conn, table, scope) - keys))
            for table, keys in reversed(gone):  # rows the town no longer has go first, children before parents
                exchange_repo.delete_keys(conn, table, keys)
                result.rows["deleted"] += len(keys)
            merge_witness.check_seals(s, name, pkg.code, scope, incoming.get("seal", []), town_keys)
            if restored:  # the county's explicit decision: this town starts a new line of packages from here
                for log in logs:
                    log.status = "superseded"
                audit_repo.append(s, local.code if local else pkg.code, "package.accepted_restored",
                                  entity="jurisdiction", entity_id=pkg.code,
                                  detail={"sequence": seq, "file": result.file,
                                          "last_sequence": last.sequence if last else None})
                result.reason = "已按县级决定接受该镇由备份恢复（或更换电脑）后的数据"
            cursor = conn.connection.dbapi_connection.cursor() if fast else None
            for table in tables:  # then parents before children: new rows in, changed rows updated
                if fast:
                    ins, upd = exchange_sqlite.replace_town_rows(cursor, table, scope, incoming[table.name])
                else:
                    ins, upd, _gone = exchange_repo.replace_town_rows(conn, table, scope, incoming[table.name])
                result.rows["inserted"] += ins
                result.rows["updated"] += upd
            s.add(PackageLog(sender_code=pkg.code, sequence=seq, manifest_sha256=pkg.manifest_sha256,
                             codes=pkg.manifest["codes"], status="merged", file_name=result.file,
                             audit_length=audit["length"] if audit else None,
                             audit_head=audit["head"] if audit else ""))
            if local is not None:
                audit_repo.append(s, local.code, "package.merged", entity="jurisdiction", entity_id=pkg.code,
                                  detail={"sequence": seq, "rows": result.rows, "file": result.file})
            result.status = "merged"

    def keys(self) -> list[tuple[str, str]]:
        with self.db.unit_of_work() as s:
            return [(k.code, k.fingerprint) for k in s.execute(select(TownKey).order_by(TownKey.code)).scalars()]


def _uuid() -> str:
    from ..storage.models import new_id

    return new_id()
