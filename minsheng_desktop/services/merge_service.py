"""Merging town packages into a county (or city) database: safe to send twice, out of order, or tampered with."""

from __future__ import annotations

import os
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.errors import UserError
from ..storage import audit_repo, exchange_repo, package_repo, settings_repo
from ..storage.db import Database
from ..storage.errors import CONFLICT, MALFORMED_VALUE
from ..storage.exchange_validate import RowError, row_defaults, row_validator
from . import merge_scope, merge_witness, signing
from .package_reader import PackageFile, open_package

CHUNK_ROWS = 2000  # rows written per batch: memory stays flat whatever the package's size
MALFORMED = (KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError, *MALFORMED_VALUE)

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

    def merge(self, paths: list[str | os.PathLike[str]], *, accept_new_key: AbstractSet[str] = frozenset(),
              accept_restored: AbstractSet[str] = frozenset(), progress=None) -> list[MergeResult]:
        from .backup_service import safety_backup

        safety_backup(self.db, "before-merge")
        results = []
        for i, path in enumerate(paths):
            results.append(self.merge_one(path, accept_new_key=accept_new_key, accept_restored=accept_restored))
            if progress:
                progress(i + 1, len(paths))
        return results

    def merge_one(self, path, *, accept_new_key: AbstractSet[str] = frozenset(),
                  accept_restored: AbstractSet[str] = frozenset()) -> MergeResult:
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
        except CONFLICT:
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
        package_repo.log_refusal(self.db, sender=result.code, sequence=result.sequence or 0, reason=result.reason,
                               file_name=result.file)

    def _apply(self, pkg: PackageFile, result: MergeResult, accept_new_key: AbstractSet[str],
               accept_restored: AbstractSet[str]) -> None:
        """One transaction: pin the key, order the sequence, check scope and every value, then make the sender's
        rows exactly the package's."""
        with self.db.unit_of_work() as s:  # on SQLite: BEGIN IMMEDIATE, so a second writer waits its turn
            local = settings_repo.local_jurisdiction(s)
            _check_destination(local, pkg)
            town_keys = self._pin_key(s, pkg, result, accept_new_key)
            logs = package_repo.live_logs(s, pkg.code)
            last = max(logs, key=lambda log: log.sequence, default=None)
            seq = pkg.manifest["sequence"]
            audit = merge_witness.audit_of(pkg.manifest)
            action, restored = _sequence_action(pkg, result, last, audit, accept_new_key, accept_restored)
            if action == "unchanged" and last is not None:  # "unchanged" only ever follows a package merged before
                result.status = "unchanged"
                package_repo.add_log(s, sender_code=pkg.code, sequence=seq, manifest_sha256=pkg.manifest_sha256,
                                   codes=pkg.manifest["codes"], status="unchanged", file_name=result.file,
                                   audit_length=last.audit_length, audit_head=last.audit_head)
                return
            jurisdictions = [row for _n, row in pkg.rows("jurisdiction")]
            allowed = merge_scope.allowed_codes(s, pkg.code, pkg.name, pkg.manifest["codes"], jurisdictions)
            scope = allowed | {c for log in logs for c in (log.codes or [])}
            tables = exchange_repo.synced_tables()
            keys, seals = self._read_keys(pkg, tables, allowed)
            accepting = restored or pkg.code in accept_restored or (pkg.code in accept_new_key and bool(result.new_key))
            dropped = merge_witness.check_seals(s, pkg.name, pkg.code, scope, seals, town_keys, allow_missing=accepting)
            if restored or dropped:  # the county's explicit decision: this town starts a new line of packages here
                _accept_restored(s, pkg, result, local, logs, last, dropped)
            # rows the town no longer has go first; kept: tables still holding its rows (only those need look-ups)
            deleted, kept = package_repo.delete_missing(s, tables, scope, keys)
            result.rows["deleted"] += deleted
            package_repo.write_rows(s, tables, lambda table: _filled_rows(pkg, table), scope, kept, result.rows,
                                  chunk_rows=CHUNK_ROWS)
            package_repo.add_log(s, sender_code=pkg.code, sequence=seq, manifest_sha256=pkg.manifest_sha256,
                               codes=pkg.manifest["codes"], status="merged", file_name=result.file,
                               audit_length=audit["length"] if audit else None,
                               audit_head=audit["head"] if audit else "")
            if local is not None:
                audit_repo.append(s, local.code, "package.merged", entity="jurisdiction", entity_id=pkg.code,
                                  detail={"sequence": seq, "rows": result.rows, "file": result.file})
            result.status = "merged"

    @staticmethod
    def _pin_key(s, pkg: PackageFile, result: MergeResult, accept_new_key: AbstractSet[str]) -> set[str]:
        """Pin a new sender's key (its fingerprint shown for a phone check); a changed key needs acceptance."""
        pinned = package_repo.town_key(s, pkg.code)
        fp = signing.fingerprint(pkg.manifest["public_key"])
        keys = {pkg.manifest["public_key"]}
        if pinned is None:
            package_repo.pin_key(s, pkg.code, pkg.manifest["public_key"], fp)
            result.new_key = fp
        elif pinned[0] != pkg.manifest["public_key"]:
            if pkg.code not in accept_new_key:
                raise UserError(f"{pkg.name}的签名密钥与此前不同（新指纹 {fp}，原指纹 {pinned[1]}）。"
                                f"请电话核实后选择“接受新密钥”再导入", "the town's signing key changed; accept it explicitly")
            keys.add(pinned[0])  # seals made before the change stay signed by the old key
            package_repo.pin_key(s, pkg.code, pkg.manifest["public_key"], fp)
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

    def keys(self) -> list[tuple[str, str]]:
        with self.db.unit_of_work() as s:
            return package_repo.town_keys(s)


def _check_destination(local, pkg: PackageFile) -> None:
    """Packages merge into a county's (or city's) database, never into a town's, nor into the sender's own."""
    if local is not None and local.level in ("乡镇", "街道"):
        raise UserError(f"这是{local.name}（{local.level}）自己的数据库，上报包应合并到县级或市级数据库",
                        "this is a town's own database; merge into the county's")
    if local is not None and local.code in pkg.manifest["codes"]:
        raise UserError("上报包含有本级自身的数据，不能合并到本级数据库", "the package holds this database's own rows")


def _sequence_action(pkg: PackageFile, result: MergeResult, last, audit: dict[str, Any] | None,
                     accept_new_key: AbstractSet[str], accept_restored: AbstractSet[str]) -> tuple[str | None, bool]:
    """(what to do with the package — 'merge' or 'unchanged' —, whether a restored town's package was accepted):
    the package must follow the last one merged, unless the county accepted the town's restore or its new key."""
    try:
        action = merge_witness.check_sequence(pkg.name, pkg.code, pkg.manifest["sequence"], last,
                                              last is not None and last.manifest_sha256 == pkg.manifest_sha256)
        if action == "merge":
            merge_witness.check_chain(pkg.name, pkg.code, audit, last)
    except UserError:
        if pkg.code not in accept_restored and not (pkg.code in accept_new_key and result.new_key):
            raise
        return "merge", True
    return action, False


def _accept_restored(s, pkg: PackageFile, result: MergeResult, local, logs: list, last,
                     dropped: list[dict[str, str]]) -> None:
    """The town starts a new line of packages here: its earlier logs are superseded, the decision is audited."""
    package_repo.supersede(logs)
    audit_repo.append(s, local.code if local else pkg.code, "package.accepted_restored",
                      entity="jurisdiction", entity_id=pkg.code,
                      detail={"sequence": pkg.manifest["sequence"], "file": result.file, "dropped_seals": dropped,
                              "last_sequence": last.sequence if last else None})
    result.reason = "已按县级决定接受该镇由备份恢复（或更换电脑）后的数据"


def _filled_rows(pkg: PackageFile, table):
    """The package's rows of one table for the second pass: every value was checked in the first pass; the
    defaults go in again, and a jurisdiction row is never this database's own."""
    fill = row_defaults(table)
    for _n, row in pkg.rows(table.name):
        fill(row)
        if table.name == "jurisdiction":
            row["is_local"] = False
        yield row
