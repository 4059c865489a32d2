"""Proposals in and out of Excel: the intake template, import (one transaction), export of a filtered table."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..domain.errors import UserError
from ..domain.intake import (
    HEADER_ALIASES,
    TEMPLATE_HEADERS,
    ProposalInput,
    import_key,
    parse_amount,
    parse_count,
    parse_date,
    validate_proposal,
)
from ..domain.limits import check_year
from ..domain.similarity import shared_words
from ..storage import audit_repo, proposal_repo, settings_repo
from ..storage.db import Database
from ..storage.ids import new_id, utcnow
from . import lookalike
from .changes import DATA, Changes
from .intake_service import ProposalRow
from .xlsx_io import read_rows, write_workbook

EXPLAIN = [
    ("序号", "可不填；导入时按收到顺序重新编号"),
    ("项目名称", "必填。一句话说明建议做什么，如“修建王家村村道”"),
    ("建议内容", "具体情况和建议，如位置、长度、受益范围"),
    ("类别", "须与“设置 › 项目类别”一致，如 教育、交通出行、养老服务；不认识的类别按“其他”导入并提示"),
    ("来源", "群众、人大代表、政府部门、村(社区)、网络征集"),
    ("建议人", "个人姓名或单位名称"),
    ("联系电话", "用于答复建议人"),
    ("村(社区)", "建议涉及的村或社区，用于按村答复和识别重复建议"),
    ("收到日期", "2025-10-08、2025/10/8 或 2025年10月8日均可，也可用 Excel 日期格式"),
    ("估算投资(万元)", "不小于 0 的数字，单位万元，可不填"),
    ("受益人数", "不小于 0 的整数，可不填"),
]
EXPORT_HEADERS = (*TEMPLATE_HEADERS, "办理状态", "答复理由")


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    already_imported: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    possible_duplicates: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "imported": self.imported, "already_imported": self.already_imported,
                "rejected": self.rejected, "warnings": self.warnings, "possible_duplicates": self.possible_duplicates}

    def summary(self) -> str:
        text = f"共 {self.rows} 行：导入 {self.imported} 件，已导入过 {self.already_imported} 件"
        if self.rejected:
            text += f"，有问题未导入 {len(self.rejected)} 行"
        if self.possible_duplicates:
            text += f"，疑似重复 {len(self.possible_duplicates)} 件（请在列表中核对合并）"
        return text


def _label(cell: object) -> str:
    return re.sub(r"\s+", "", str(cell or "")).replace("（", "(").replace("）", ")")


def match_columns(header: list[object]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for index, cell in enumerate(header):
        label = _label(cell)
        for key, aliases in HEADER_ALIASES.items():
            if key not in cols and label in {_label(a) for a in aliases}:
                cols[key] = index
    return cols


def write_template(path: str | os.PathLike[str]) -> None:
    example = [1, "修建王家村村道", "王家村三组至五组道路为土路，雨天泥泞，建议硬化约 1.5 公里", "交通出行", "群众", "王建国",
               "13800000000", "王家村", "2025-10-08", 45, 320]
    write_workbook(path, [("建议征集表", TEMPLATE_HEADERS, [example], [6, 28, 40, 12, 10, 10, 14, 12, 12, 14, 10]),
                          ("填写说明", ("列名", "填写说明"), EXPLAIN, [16, 80])])


def export_rows(path: str | os.PathLike[str], rows: list[ProposalRow]) -> int:
    data = [[r.seq_no, r.title, r.content, r.category, r.source, r.proposer, r.contact, r.village,
             r.received_on.isoformat() if r.received_on else "", r.est_investment, r.beneficiaries, r.status,
             r.reply_reason] for r in rows]
    write_workbook(path, [("征集建议", EXPORT_HEADERS, data, [6, 28, 40, 12, 10, 10, 14, 12, 12, 14, 10, 10, 30])])
    return len(data)


class ProposalExcelService:
    def __init__(self, db: Database):
        self.db = db

    def import_file(self, path: str | os.PathLike[str], year: int, *, actor: str = "") -> ImportReport:
        """Good rows import, bad rows are reported with their row number; one transaction for the lot.

        The file is read and each row checked first, within the spreadsheet limits and without holding the
        database. The numbering, the already-imported check and the writes then happen in one write
        transaction, so two imports at once (two windows, two programs) never share a 序号 or a row."""
        year = check_year(year)
        report = ImportReport()
        rows = _read_sheet(path)
        with self.db.unit_of_work() as s:
            j = settings_repo.local_jurisdiction(s)
            if j is None:
                raise UserError("尚未设置本级信息", "no jurisdiction set up yet")
            code = j.code
            proposal_repo.lock_numbering(s, code, year)
            categories = tuple(settings_repo.get(s, code, "categories", []) or ["其他"])
            seen = proposal_repo.import_keys(s, code, year)
            index = lookalike.CachedIndex(lookalike.town_words(s, code))
            known = proposal_repo.texts_for_year(s, code, year)
            index.places.update(v for _i, _t, _c, v in known if v)
            index.places.update(d.village for _n, d in rows if isinstance(d, ProposalInput) and d.village)
            for pid, title, content, village in known:
                index.add(pid, title, village, content=content)
            seq = proposal_repo.next_seq(s, code, year)
            settings_repo.ensure_year(s, code, year)
            now = utcnow()
            batch: list[dict] = []
            for number, data in rows:
                report.rows += 1
                try:
                    if isinstance(data, UserError):
                        raise data
                    data, warnings = validate_proposal(data, categories)
                except UserError as exc:
                    report.rejected.append({"row": number, "field": exc.field or "", "reason": exc.zh})
                    continue
                key = import_key(data)
                if key in seen:
                    report.already_imported += 1
                    continue
                seen.add(key)
                report.warnings += [f"第 {number} 行：{w}" for w in warnings]
                entry = index.entry(data.title, data.village, data.content)
                matches = index.scored(entry)
                if matches:
                    report.possible_duplicates.append({
                        "row": number, "matches": [index.title(key) for key, _score in matches],
                        "shared": [list(shared_words(entry, index.indexed(key))) for key, _score in matches]})
                pid = new_id()
                index.add(pid, data.title, entry=entry)
                batch.append({"id": pid, "jurisdiction_code": code, "created_at": now, "updated_at": now,
                              "year": year, "seq_no": seq, "title": data.title, "content": data.content,
                              "category": data.category, "source": data.source, "proposer": data.proposer,
                              "contact": data.contact, "village": data.village, "received_on": data.received_on,
                              "est_investment": data.est_investment, "beneficiaries": data.beneficiaries,
                              "status": "待处理", "reply_reason": "", "merged_into_id": None, "import_key": key})
                seq += 1
                if len(batch) >= INSERT_CHUNK:
                    report.imported += _insert(s, batch)
            report.imported += _insert(s, batch)
            audit_repo.append(s, code, "proposal.imported", entity="proposal", actor=actor,
                              detail={"file": os.path.basename(os.fspath(path)), "year": year,
                                      "imported": report.imported, "already": report.already_imported,
                                      "rejected_rows": [r["row"] for r in report.rejected]})
        return report

    def changes_for(self, report: ImportReport) -> Changes:
        return Changes.of(DATA, message=report.summary())


INSERT_CHUNK = 2_000  # rows per INSERT batch: memory stays flat however long the file


def _insert(s, batch: list[dict]) -> int:
    proposal_repo.insert_many(s, batch)
    n = len(batch)
    batch.clear()
    return n


def _read_sheet(path: str | os.PathLike[str]) -> list[tuple[int, ProposalInput | UserError]]:
    """Every data row below the header as a proposal to check, or the reason it cannot be read."""
    rows = read_rows(path)
    header_no, cols = 0, {}
    for number, values in rows:
        cols = match_columns(values)
        header_no = number
        if "项目名称" in cols or number >= 5:
            break
    if "项目名称" not in cols:
        raise UserError("找不到表头“项目名称”：请使用“下载模板”得到的表格，表头在第 1 行",
                        "no '项目名称' header found in the first rows", field="项目名称")
    out: list[tuple[int, ProposalInput | UserError]] = []
    for number, values in rows:
        if number <= header_no:
            continue
        try:
            out.append((number, _row_input(values, cols)))
        except UserError as exc:
            out.append((number, exc))
    return out


def _cell(values: list[object], cols: dict[str, int], key: str) -> object:
    i = cols.get(key)
    return values[i] if i is not None and i < len(values) else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def _row_input(values: list[object], cols: dict[str, int]) -> ProposalInput:
    return ProposalInput(
        title=_text(_cell(values, cols, "项目名称")), content=_text(_cell(values, cols, "建议内容")),
        category=_text(_cell(values, cols, "类别")), source=_text(_cell(values, cols, "来源")),
        proposer=_text(_cell(values, cols, "建议人")), contact=_text(_cell(values, cols, "联系电话")),
        village=_text(_cell(values, cols, "村(社区)")), received_on=parse_date(_cell(values, cols, "收到日期")),
        est_investment=parse_amount(_cell(values, cols, "估算投资(万元)")),
        beneficiaries=parse_count(_cell(values, cols, "受益人数")),
    )
