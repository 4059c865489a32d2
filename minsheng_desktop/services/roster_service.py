"""The deputies roster: add, edit, retire, reinstate, import from Excel, export to Excel."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from ..domain.errors import UserError
from ..domain.ordering import deputy_order
from ..domain.roster import ROSTER_HEADERS, DeputyInput, initials, match_headers, validate_deputy
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
    return DeputyRow(d.id, d.name, d.gender, d.group_name, d.phone, d.active, d.retired_on)


class RosterService(DatedService):

    def _code(self, s) -> str:
        return settings_repo.local_code(s)

    def deputies(self, *, include_retired: bool = True, query: str = "") -> list[DeputyRow]:
        """Serving deputies first, by 代表小组 (第一、第二……第十一) and then by name in pinyin order."""
        with self.db.unit_of_work() as s:
            code = self._code(s)
            rows = [_row(d) for d in deputy_repo.list_deputies(s, code, include_retired=include_retired,
                                                               query=query.strip())]
        return sorted(rows, key=lambda d: deputy_order(d.group_name, d.name, d.active))

    def add(self, data: DeputyInput) -> Changes:
        data = validate_deputy(data)
        with self.db.unit_of_work() as s:
            code = self._code(s)
            if deputy_repo.find(s, code, data.name, data.group_name) is not None:
                raise UserError(f"“{data.group_name or '未分组'}”中已有代表“{data.name}”", "deputy exists", field="姓名")
            new_id = deputy_repo.add(s, jurisdiction_code=code, name=data.name, gender=data.gender,
                                     group_name=data.group_name, phone=data.phone, pinyin_initials=initials(data.name))
            audit_repo.append(s, code, "deputy.added", entity="deputy", entity_id=new_id, detail=data.__dict__)
        return Changes.of(ROSTER, message=f"已添加代表 {data.name}")

    def update(self, deputy_id: str, data: DeputyInput) -> Changes:
        data = validate_deputy(data)
        with self.db.unit_of_work() as s:
            code = self._code(s)
            d = deputy_repo.get(s, deputy_id)
            if d is None:
                raise UserError("该代表已不存在，请刷新名册", "deputy not found")
            other = deputy_repo.find(s, code, data.name, data.group_name)
            if other is not None and other.id != d.id:
                raise UserError(f"“{data.group_name or '未分组'}”中已有代表“{data.name}”", "deputy exists", field="姓名")
            before = {"name": d.name, "gender": d.gender, "group_name": d.group_name, "phone": d.phone}
            deputy_repo.update(d, name=data.name, gender=data.gender, group_name=data.group_name, phone=data.phone,
                               pinyin_initials=initials(data.name))
            audit_repo.append(s, code, "deputy.updated", entity="deputy", entity_id=d.id,
                              detail={"before": before, "after": data.__dict__})
        return Changes.of(ROSTER, message=f"已保存代表 {data.name}")

    def set_active(self, deputy_id: str, active: bool, on: date | None = None) -> Changes:
        """Retire (离任) or reinstate; a deputy is never deleted, their record stays in every vote."""
        with self.db.unit_of_work() as s:
            code = self._code(s)
            d = deputy_repo.get(s, deputy_id)
            if d is None:
                raise UserError("该代表已不存在，请刷新名册", "deputy not found")
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
            raise UserError("表格是空的：第 1 行应为表头 姓名、性别、代表小组、联系电话", "the sheet is empty")
        header_no, header = rows[0]
        cols = match_headers(header)
        report = RosterImport()
        good: list[DeputyInput] = []
        seen: dict[tuple[str, str], int] = {}
        for number, values in rows[1:]:
            report.rows += 1

            def cell(key: str, values=values) -> str:
                i = cols.get(key)
                v = values[i] if i is not None and i < len(values) else None
                return "" if v is None else str(v) if key != "联系电话" else v

            try:
                data = validate_deputy(DeputyInput(cell("姓名"), cell("性别"), cell("代表小组"), cell("联系电话")),
                                       row=number)
            except UserError as exc:
                report.problems.append(RowProblem(number, exc.field or "", exc.zh))
                continue
            key = (data.name, data.group_name)
            if key in seen:
                report.problems.append(RowProblem(number, "姓名", f"第 {number} 行：与第 {seen[key]} 行重复"))
                continue
            seen[key] = number
            good.append(data)
        if not write or (report.problems and not skip_bad):
            return report
        with self.db.unit_of_work() as s:
            code = self._code(s)
            for data in good:
                d = deputy_repo.find(s, code, data.name, data.group_name)
                if d is None:
                    deputy_repo.add(s, jurisdiction_code=code, name=data.name, gender=data.gender,
                                    group_name=data.group_name, phone=data.phone, pinyin_initials=initials(data.name))
                    report.added += 1
                elif (d.gender, d.phone) != (data.gender or d.gender, data.phone or d.phone) or not d.active:
                    deputy_repo.update(d, gender=data.gender or d.gender, phone=data.phone or d.phone, active=True,
                                       retired_on="")
                    report.updated += 1
                else:
                    report.unchanged += 1
            audit_repo.append(s, code, "deputy.imported", entity="deputy",
                              detail={"file": os.path.basename(os.fspath(path)), "added": report.added,
                                      "updated": report.updated, "skipped_rows": [p.row for p in report.problems]})
        report.imported = True
        return report

    def export_excel(self, path: str | os.PathLike[str], *, include_retired: bool = True) -> int:
        deputies = self.deputies(include_retired=include_retired)
        rows = [[d.name, d.gender, d.group_name, d.phone, "在任" if d.active else f"离任 {d.retired_on}"]
                for d in deputies]
        write_table(path, "代表名册", [*ROSTER_HEADERS, "状态"], rows, widths=[12, 6, 18, 16, 16])
        return len(rows)

    @staticmethod
    def write_template(path: str | os.PathLike[str]) -> None:
        """An empty roster sheet with the four headers and one example row the secretary overwrites."""
        write_table(path, "代表名册", ROSTER_HEADERS, [["张三", "男", "第一代表小组", "13800000000"]],
                    widths=[12, 6, 18, 16])
