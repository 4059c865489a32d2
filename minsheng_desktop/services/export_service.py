"""Writing the town's export package (.mspkg) for the county: all years, optional attachments, signed."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..clock import SYSTEM, Clock
from ..domain.errors import UserError
from ..domain.package_format import DATA_DIR, FORMAT, FORMAT_VERSION, MANIFEST, SIGNATURE
from ..storage import audit_repo, exchange_repo, package_repo, seal_repo, settings_repo
from ..storage.db import HEAD_REVISION, Database
from . import signing

FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entry times: the same data gives the same members
NOT_EXPORTED_SETTINGS = {signing.KEY_SETTING, "export_sequence"}


@dataclass(frozen=True)
class ExportSummary:
    path: str
    town: str
    code: str
    sequence: int
    rows: dict[str, int]
    fingerprint: str

    def to_dict(self) -> dict:
        return {"out": self.path, "town": self.town, "code": self.code, "sequence": self.sequence,
                "rows": self.rows, "fingerprint": self.fingerprint}


def _jsonl(rows) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
                   for r in rows).encode("utf-8")


def export_package(db: Database, out: str | os.PathLike[str], *, attachments: bool = True,
                   clock: Clock = SYSTEM) -> ExportSummary:
    from .check_service import check_database
    from .file_targets import writable_target

    writable_target(out, "上报包")  # a device, folder or pipe is refused, never replaced by the package
    with db.unit_of_work() as s:
        settings_repo.required_local(s, "尚未设置本级信息，不能导出")
    report = check_database(db)  # a file whose counts or log were changed is not sent upward
    if not report.ok:
        raise UserError("本级数据库检查未通过，不能导出上报包：" + "；".join(report.problems[:3])
                        + "。请从“设置 › 备份与恢复”用检查前的备份恢复，或与县人大联系",
                        "the database fails its check; export refused")
    with db.unit_of_work() as s:
        j = settings_repo.required_local(s, "尚未设置本级信息，不能导出")
        private, public = signing.load_or_create(s, j.code)
        sequence = int(settings_repo.get(s, j.code, "export_sequence", 0) or 0) + 1
        settings_repo.put(s, j.code, "export_sequence", sequence)
        town = {"code": j.code, "name": j.name, "level": j.level, "parent_code": j.parent_code or ""}
        length, head = seal_repo.audit_position(s)
        audit = {"length": length, "head": head,  # the county checks the chain only ever grows from here
                 "checkpoints": [[n, seal_repo.audit_hash_at(s, n) or ""] for n in seal_repo.export_positions(s)]}
        audit_repo.append(s, j.code, "package.exported", detail={"sequence": sequence, "attachments": attachments,
                                                                 "audit_length": length, "audit_head": head})
    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    codes: set[str] = set()
    with db.unit_of_work(read_only=True) as s:
        for table, rows in package_repo.exported_rows(s, attachments=attachments):
            if table.name == "setting":
                rows = [r for r in rows if r["key"] not in NOT_EXPORTED_SETTINGS]
            if table.name == "jurisdiction":
                for r in rows:
                    r["is_local"] = False
            if table.name == "attachment" and not attachments:
                rows = []
            codes.update(r[exchange_repo.code_column(table)] for r in rows)
            members[f"{DATA_DIR}{table.name}.jsonl"] = _jsonl(rows)
            counts[table.name] = len(rows)
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": HEAD_REVISION, "app_version": __version__,
        "jurisdiction": town, "exported_at": clock.now().isoformat(timespec="seconds"), "sequence": sequence,
        "attachments": attachments, "codes": sorted(codes), "tables": counts,
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(members.items())},
        "public_key": public, "audit": audit,
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    signature = signing.sign(private, manifest_bytes).encode("ascii")
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=".mspkg", dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in [(MANIFEST, manifest_bytes), (SIGNATURE, signature), *sorted(members.items())]:
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return ExportSummary(str(target), town["name"], town["code"], sequence, counts, signing.fingerprint(public))
