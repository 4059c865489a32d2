"""Merging town packages into a county (or city) database: safe to send twice, out of order, or tampered with."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from ..domain.errors import UserError
from ..storage import audit_repo, exchange_repo, exchange_sqlite, settings_repo
from ..storage.db import Database
from ..storage.exchange_validate import RowError, row_defaults, row_validator
from ..storage.models import PackageLog, TownKey
from . import merge_scope, merge_witness, signing
from .package_reader import PackageFile, open_package

CHUNK_ROWS = 2000  # rows written per batch: memory stays flat whatever the package's size
MALFORMED = (KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError, DataError, StatementError,
             sqlite3.DataError, sqlite3.InterfaceError)

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
        """One package, one transaction. Any refusal — a bad signature, a malformed row, a reach into another
        town's rows — leaves the database as it was and is reported in the result; the next package goes on."""
        result = MergeResult(file=Path(path).name)
        try:
            pkg = open_package(path)
            j = pkg.manifest["jurisdiction"]
            result.town, result.code, result.sequence = j["name"], j["code"], pkg.manifest["sequence"]
            self._apply(pkg, result, accept_new_key, accept_restored)
        except UserError as exc:
            result.status, result.reason = "refused", exc.zh
            self._log_refusal(result)
        except (IntegrityError, sqlite3.IntegrityError):
            result.status = "refused"
            result.reason = "上报包中的记录与本库已有的记录冲突（编号重复或引用了不存在的记录），未作改动"
            self._log_refusal(result)
        except MALFORMED as exc:
            result.status = "refused"
            result.reason = f"上报包的内容格式有误（{type(exc).__name__}），未作改动；请让对方用正式版本重新导出"
            self._log_refusal(result)
        return result

    def _log_refusal(self, result: MergeResult) -> None:
        if not result.code:
            return
        with self.db.engine.begin() as conn:
            conn.execute(insert(PackageLog), [{"id": _uuid(), "sender_code": result.code, "sequence": result.sequence or 0,
                                              "manifest_sha256": "", "codes": [], "status": "refused",
                                              "reason": result.reason, "file_name": result.file}])

    def _apply(self, pkg: PackageFile, result: MergeResult, accept_new_key: set[str],
               accept_restored: set[str]) -> None:
        """One transaction: pin the key, order the sequence, check scope and every value, then make the sender's
        rows exactly the package's."""
        with self.db.unit_of_work() as s:  # on SQLite: BEGIN IMMEDIATE, so a second writer waits its turn
            local = settings_repo.local_jurisdiction(s)
            if local is not None and local.level in ("乡镇", "街道"):
                raise UserError(f"这是{local.name}（{local.level}）自己的数据库，上报包应合并到县级或市级数据库",
                                "this is a town's own database; merge into the county's")
            if local is not None and local.code in pkg.manifest["codes"]:
                raise UserError("上报包含有本级自身的数据，不能合并到本级数据库", "the package holds this database's own rows")
            town_keys = self._pin_key(s, pkg, result, accept_new_key)
            logs = list(s.execute(select(PackageLog).where(PackageLog.sender_code == pkg.code,
                                                           PackageLog.status.in_(merge_scope.LIVE))).scalars())
            last = max(logs, key=lambda log: log.sequence, default=None)
            seq = pkg.manifest["sequence"]
            audit = merge_witness.audit_of(pkg.manifest)
            restored = False
            try:
                action = merge_witness.check_sequence(pkg.name, pkg.code, seq, last,
                                                      last is not None and last.manifest_sha256 == pkg.manifest_sha256)
                if action == "merge":
                    merge_witness.check_chain(pkg.name, pkg.code, audit, last)
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
            jurisdictions = [row for _n, row in pkg.rows("jurisdiction")]
            allowed = merge_scope.allowed_codes(s, pkg.code, pkg.name, pkg.manifest["codes"], jurisdictions)
            scope = allowed | {c for log in logs for c in (log.codes or [])}
            conn = s.connection()
            tables = exchange_repo.synced_tables()
            keys, seals = self._read_keys(pkg, tables, allowed)
            accepting = restored or pkg.code in accept_restored or (pkg.code in accept_new_key and bool(result.new_key))
            dropped = merge_witness.check_seals(s, pkg.name, pkg.code, scope, seals, town_keys, allow_missing=accepting)
            if restored or dropped:  # the county's explicit decision: this town starts a new line of packages here
                for log in logs:
                    log.status = "superseded"
                audit_repo.append(s, local.code if local else pkg.code, "package.accepted_restored",
                                  entity="jurisdiction", entity_id=pkg.code,
                                  detail={"sequence": seq, "file": result.file, "dropped_seals": dropped,
                                          "last_sequence": last.sequence if last else None})
                result.reason = "已按县级决定接受该镇由备份恢复（或更换电脑）后的数据"
            kept: set[str] = set()  # tables still holding rows of the sender: only those need look-ups
            for table in reversed(tables):  # rows the town no longer has go first, children before parents
                existing = exchange_repo.existing_keys(conn, table, scope)
                gone = existing - keys[table.name]
                exchange_repo.delete_keys(conn, table, gone)
                result.rows["deleted"] += len(gone)
                if existing - gone:
                    kept.add(table.name)
            self._write_rows(conn, pkg, tables, scope, kept, result)
            s.add(PackageLog(sender_code=pkg.code, sequence=seq, manifest_sha256=pkg.manifest_sha256,
                             codes=pkg.manifest["codes"], status="merged", file_name=result.file,
                             audit_length=audit["length"] if audit else None,
                             audit_head=audit["head"] if audit else ""))
            if local is not None:
                audit_repo.append(s, local.code, "package.merged", entity="jurisdiction", entity_id=pkg.code,
                                  detail={"sequence": seq, "rows": result.rows, "file": result.file})
            result.status = "merged"

    @staticmethod
    def _pin_key(s, pkg: PackageFile, result: MergeResult, accept_new_key: set[str]) -> set[str]:
        """Pin a new sender's key (its fingerprint shown for a phone check); a changed key needs acceptance."""
        pinned = s.get(TownKey, pkg.code)
        fp = signing.fingerprint(pkg.manifest["public_key"])
        keys = {pkg.manifest["public_key"]}
        if pinned is None:
            s.add(TownKey(code=pkg.code, public_key=pkg.manifest["public_key"], fingerprint=fp))
            result.new_key = fp
        elif pinned.public_key != pkg.manifest["public_key"]:
            if pkg.code not in accept_new_key:
                raise UserError(f"{pkg.name}的签名密钥与此前不同（新指纹 {fp}，原指纹 {pinned.fingerprint}）。"
                                f"请电话核实后选择“接受新密钥”再导入", "the town's signing key changed; accept it explicitly")
            keys.add(pinned.public_key)  # seals made before the change stay signed by the old key
            pinned.public_key, pinned.fingerprint = pkg.manifest["public_key"], fp
            result.new_key = fp
        return keys

    @staticmethod
    def _read_keys(pkg: PackageFile, tables, allowed: set[str]) -> tuple[dict[str, set[tuple]], list[dict]]:
        """First pass, nothing written: every row checked against its columns and the allowed codes; the keys
        of every table (for deletions) and the seal rows (for the witness) kept, nothing else."""
        keys: dict[str, set[tuple]] = {}
        seals: list[dict] = []
        for table in tables:
            validate, code_col = row_validator(table), exchange_repo.code_column(table)
            names = exchange_repo.key_columns(table)
            found: set[tuple] = set()
            for n, row in pkg.rows(table.name):
                try:
                    validate(row)
                except RowError as exc:
                    raise UserError(f"上报包“{table.name}”第 {n} 行的“{exc.column}”{exc.problem}，已拒绝整个上报包",
                                    f"{table.name} line {n}: {exc.column} is invalid") from exc
                if row[code_col] not in allowed:
                    raise UserError(f"上报包“{table.name}”第 {n} 行属于行政区划 {row[code_col]}，不是{pkg.name}"
                                    f"可以报送的数据，已拒绝整个上报包", "a row outside the sender's jurisdictions")
                found.add(tuple(row[k] for k in names))
                if table.name == "seal":
                    seals.append(row)
            if len(found) != pkg.manifest["tables"].get(table.name, len(found)):
                raise UserError(f"上报包“{table.name}”的行数与清单不符", f"{table.name} row count differs from the manifest")
            keys[table.name] = found
        return keys, seals

    @staticmethod
    def _write_rows(conn, pkg: PackageFile, tables, scope: set[str], kept: set[str], result: MergeResult) -> None:
        """Second pass, parents before children, a chunk at a time: new rows in, changed rows updated. A table
        with none of the sender's rows left skips the look-ups (a key held elsewhere then fails on insert)."""
        fast = conn.dialect.name == "sqlite"
        cursor = conn.connection.dbapi_connection.cursor() if fast else None
        for table in tables:
            links: list = []
            chunk: list[dict[str, Any]] = []

            def flush(rows: list[dict[str, Any]], table=table, links=links) -> None:
                lookup = table.name in kept
                if fast:
                    ins, upd, more = exchange_sqlite.upsert_rows(cursor, table, rows, scope, lookup=lookup)
                else:
                    ins, upd, more = exchange_repo.upsert_rows(conn, table, rows, scope, lookup=lookup)
                links.extend(more)
                result.rows["inserted"] += ins
                result.rows["updated"] += upd

            fill = row_defaults(table)  # every value was checked in the first pass; the defaults go in again
            for _n, row in pkg.rows(table.name):
                fill(row)
                if table.name == "jurisdiction":
                    row["is_local"] = False
                chunk.append(row)
                if len(chunk) >= CHUNK_ROWS:
                    flush(chunk)
                    chunk = []
            if chunk:
                flush(chunk)
            if links:
                (exchange_sqlite.set_links(cursor, table, links) if fast
                 else exchange_repo.set_links(conn, table, links))

    def keys(self) -> list[tuple[str, str]]:
        with self.db.unit_of_work() as s:
            return [(k.code, k.fingerprint) for k in s.execute(select(TownKey).order_by(TownKey.code)).scalars()]


def _uuid() -> str:
    from ..storage.models import new_id

    return new_id()
