"""The deputies roster: add, edit, retire, reinstate, import from Excel, export to Excel."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from ..domain.errors import UserError
from ..domain.ordering import deputy_order
from ..domain.roster import (
    OPTIONAL_HEADERS,
    ROSTER_HEADERS,
    DeputyInput,
    initials,
    kind_counts,
    match_headers,
    validate_deputy,
)
from ..domain.terms import Terms, terms_for
from ..storage import audit_repo, deputy_repo, settings_repo
from .base import DatedService
from .changes import ROSTER, Changes
from .xlsx_io import read_rows, write_table


@dataclass(frozen=True)
class DeputyRow:
    id: str
    name: str
    gender: str
    group_name: str
    phone: str
    active: bool
    retired_on: str
    kind: str = "人大代表"  # 议事代表 / 人大代表
    sector: str = ""  # 界别/职业


@dataclass(frozen=True)
class RosterMakeUp:
    """A roster's words and, for a street, how many of each kind serve (设置 › 名册 shows it)."""
    terms: Terms
    serving: int
    counts: str  # "议事代表 45 名，人大代表 8 名，共 53 名" for a street, "" for a town


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    reason: str


@dataclass
class RosterImport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    imported: bool = False

    def summary(self) -> str:
        text = f"共 {self.rows} 行：新增 {self.added} 人，更新 {self.updated} 人，无变化 {self.unchanged} 人"
        if self.problems:
            text += f"，有问题 {len(self.problems)} 行"
        return text


def _row(d) -> DeputyRow:
    return DeputyRow(d.id, d.name, d.gender, d.group_name, d.phone, d.active, d.retired_on, d.kind, d.sector)


def _fields(data: DeputyInput) -> dict:
    return {"name": data.name, "gender": data.gender, "group_name": data.group_name, "phone": data.phone,
            "kind": data.kind, "sector": data.sector}


class RosterService(DatedService):

    def _code(self, s) -> str:
        return settings_repo.local_code(s)

    @staticmethod
    def _terms(s) -> Terms:
        return terms_for(settings_repo.local_level(s))

    def make_up(self) -> RosterMakeUp:
        """The level's words for the roster, and the serving members of each kind."""
        with self.db.unit_of_work() as s:
            terms = self._terms(s)
            kinds = [d.kind for d in deputy_repo.list_deputies(s, self._code(s), include_retired=False)]
        return RosterMakeUp(terms, len(kinds), kind_counts(kinds) if terms.has_kinds else "")

    def deputies(self, *, include_retired: bool = True, query: str = "") -> list[DeputyRow]:
        """Serving deputies first, by 代表小组 (第一、第二……第十一) and then by name in pinyin order."""
        with self.db.unit_of_work() as s:
            code = self._code(s)
            rows = [_row(d) for d in deputy_repo.list_deputies(s, code, include_retired=include_retired,
                                                               query=query.strip())]
        return sorted(rows, key=lambda d: deputy_order(d.group_name, d.name, d.active))

    def add(self, data: DeputyInput) -> Changes:
        with self.db.unit_of_work() as s:
            code, member = self._code(s), self._terms(s).member
            data = validate_deputy(data, default_kind=self._terms(s).default_kind)
            if deputy_repo.find(s, code, data.name, data.group_name) is not None:
                raise UserError(f"“{data.group_name or '未分组'}”中已有{member}“{data.name}”", "deputy exists",
                                field="姓名")
            new_id = deputy_repo.add(s, jurisdiction_code=code, **_fields(data), pinyin_initials=initials(data.name))
            audit_repo.append(s, code, "deputy.added", entity="deputy", entity_id=new_id, detail=data.__dict__)
        return Changes.of(ROSTER, message=f"已添加{member} {data.name}")

    def update(self, deputy_id: str, data: DeputyInput) -> Changes:
        with self.db.unit_of_work() as s:
            code, member = self._code(s), self._terms(s).member
            data = validate_deputy(data, default_kind=self._terms(s).default_kind)
            d = deputy_repo.get(s, deputy_id)
            if d is None:
                raise UserError(f"该{member}已不存在，请刷新名册", "deputy not found")
            other = deputy_repo.find(s, code, data.name, data.group_name)
            if other is not None and other.id != d.id:
                raise UserError(f"“{data.group_name or '未分组'}”中已有{member}“{data.name}”", "deputy exists",
                                field="姓名")
            before = {"name": d.name, "gender": d.gender, "group_name": d.group_name, "phone": d.phone,
                      "kind": d.kind, "sector": d.sector}
            deputy_repo.update(d, **_fields(data), pinyin_initials=initials(data.name))
            audit_repo.append(s, code, "deputy.updated", entity="deputy", entity_id=d.id,
                              detail={"before": before, "after": data.__dict__})
        return Changes.of(ROSTER, message=f"已保存{member} {data.name}")

    def set_active(self, deputy_id: str, active: bool, on: date | None = None) -> Changes:
        """Retire (离任) or reinstate; a deputy is never deleted, their record stays in every vote."""
        with self.db.unit_of_work() as s:
            code = self._code(s)
            d = deputy_repo.get(s, deputy_id)
            if d is None:
                raise UserError(f"该{self._terms(s).member}已不存在，请刷新名册", "deputy not found")
            deputy_repo.update(d, active=active, retired_on="" if active else (on or self.today).isoformat())
            audit_repo.append(s, code, "deputy.reinstated" if active else "deputy.retired", entity="deputy",
                              entity_id=d.id, detail={"name": d.name, "on": d.retired_on})
            name = d.name
        return Changes.of(ROSTER, message=f"{name} 已{'恢复在任' if active else '标记为离任'}")

    def check_import(self, path: str | os.PathLike[str]) -> RosterImport:
        """Read and validate a roster sheet without writing anything."""
        return self._import(path, write=False, skip_bad=False)

    def import_excel(self, path: str | os.PathLike[str], *, skip_bad: bool = False) -> RosterImport:
        """Import in one transaction. With problems and ``skip_bad`` off, nothing at all is written."""
        return self._import(path, write=True, skip_bad=skip_bad)

    def _import(self, path, *, write: bool, skip_bad: bool) -> RosterImport:
        rows = list(read_rows(path))
        if not rows:
            raise UserError("表格是空的：第 1 行应为表头 姓名、性别、代表小组、联系电话（可加 身份、界别/职业）",
                            "the sheet is empty")
        with self.db.unit_of_work(read_only=True) as s:
            default_kind = self._terms(s).default_kind
        report, good, given = self._read(rows, default_kind)
        if not write or (report.problems and not skip_bad):
            return report
        with self.db.unit_of_work() as s:
            code = self._code(s)
            for data in good:
                self._merge_row(s, code, data, given, report)
            audit_repo.append(s, code, "deputy.imported", entity="deputy",
                              detail={"file": os.path.basename(os.fspath(path)), "added": report.added,
                                      "updated": report.updated, "skipped_rows": [p.row for p in report.problems]})
        report.imported = True
        return report

    @staticmethod
    def _read(rows, default_kind: str) -> tuple[RosterImport, list[DeputyInput], set[str]]:
        """Every data row checked; ``given``: the optional columns (身份, 界别/职业) the sheet has. An older sheet
        without them imports as before: new members get the level's default kind."""
        _header_no, header = rows[0]
        cols = match_headers(header)
        given = {h for h in OPTIONAL_HEADERS if h in cols}
        report = RosterImport()
        good: list[DeputyInput] = []
        seen: dict[tuple[str, str], int] = {}
        for number, values in rows[1:]:
            report.rows += 1

            def cell(key: str, values=values):
                i = cols.get(key)
                v = values[i] if i is not None and i < len(values) else None
                return "" if v is None else str(v) if key != "联系电话" else v

            try:
                data = validate_deputy(DeputyInput(cell("姓名"), cell("性别"), cell("代表小组"), cell("联系电话"),
                                                   cell("身份"), cell("界别/职业")), row=number,
                                       default_kind=default_kind)
            except UserError as exc:
                report.problems.append(RowProblem(number, exc.field or "", exc.zh))
                continue
            key = (data.name, data.group_name)
            if key in seen:
                report.problems.append(RowProblem(number, "姓名", f"第 {number} 行：与第 {seen[key]} 行重复"))
                continue
            seen[key] = number
            good.append(data)
        return report, good, given

    @staticmethod
    def _merge_row(s, code: str, data: DeputyInput, given: set[str], report: RosterImport) -> None:
        """A new member is added; a known one takes the sheet's non-blank values (身份 and 界别/职业 only when the
        sheet has those columns) and is reinstated."""
        d = deputy_repo.find(s, code, data.name, data.group_name)
        if d is None:
            deputy_repo.add(s, jurisdiction_code=code, **_fields(data), pinyin_initials=initials(data.name))
            report.added += 1
            return
        after = {"gender": data.gender or d.gender, "phone": data.phone or d.phone,
                 "kind": data.kind if "身份" in given else d.kind,
                 "sector": data.sector or d.sector if "界别/职业" in given else d.sector}
        if any(getattr(d, k) != v for k, v in after.items()) or not d.active:
            deputy_repo.update(d, **after, active=True, retired_on="")
            report.updated += 1
        else:
            report.unchanged += 1

    def _headers(self) -> tuple[Terms, list[str], list[int]]:
        """The sheet's columns and widths: 身份 only where the roster mixes kinds (a street); 界别/职业 everywhere."""
        terms = self.make_up().terms
        kinds = terms.has_kinds
        return (terms, [*ROSTER_HEADERS, *(OPTIONAL_HEADERS if kinds else OPTIONAL_HEADERS[1:])],
                [12, 6, 18, 16, *([10] if kinds else []), 18])

    def export_excel(self, path: str | os.PathLike[str], *, include_retired: bool = True) -> int:
        """The roster as the import reads it back (a street's with 身份; 界别/职业 for all)."""
        terms, headers, widths = self._headers()
        rows = [[d.name, d.gender, d.group_name, d.phone, *([d.kind] if terms.has_kinds else []), d.sector,
                 "在任" if d.active else f"离任 {d.retired_on}"] for d in self.deputies(include_retired=include_retired)]
        write_table(path, terms.roster, [*headers, "状态"], rows, widths=[*widths, 16])
        return len(rows)

    def write_template(self, path: str | os.PathLike[str]) -> None:
        """An empty roster sheet with its headers and example rows the secretary overwrites (a street's shows one
        议事代表 and one 人大代表)."""
        terms, headers, widths = self._headers()
        if terms.has_kinds:
            example = [["张三", "男", "第一议事小组", "13800000000", "议事代表", "社区工作者"],
                       ["李四", "女", "第一议事小组", "13900000000", "人大代表", "教师"]]
        else:
            example = [["张三", "男", "第一代表小组", "13800000000", "农业"]]
        write_table(path, terms.roster, headers, example, widths=widths)
