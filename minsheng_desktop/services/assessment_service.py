"""乡镇考核: the county's rules (设置 › 乡镇考核), every town scored from the merged data, ranked, with each score's
evidence, and the table exported (.xlsx). The scoring itself is ``domain/assessment.py``; the rules are saved
through ``SettingsService.save_assessment_policy``."""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from pathlib import Path

from ..domain.assessment import ITEMS, AssessmentPolicy, TownEvidence, TownScore, assess
from ..domain.limits import check_year
from ..domain.rules import has_quorum
from ..storage import assessment_repo, settings_repo
from .base import DatedService

KEY = "assessment_policy"  # saved by SettingsService.save_assessment_policy (设置 › 乡镇考核)


def _sealed(rows: assessment_repo.AssessmentRows) -> dict[str, list[bool]]:
    """Per town, each sealed session: whether a quorum was present (by the rules it was counted under)."""
    sealed: dict[str, list[bool]] = defaultdict(list)
    for code, total, present, rules in rows.sessions:
        fraction = tuple((rules or {}).get("quorum_fraction") or (2, 3))
        sealed[code].append(has_quorum(total or 0, present or 0, (int(fraction[0]), int(fraction[1]))))
    return sealed


def _due(rows: assessment_repo.AssessmentRows, today: date) -> dict[str, list[bool]]:
    """Per town, each project due (deadline passed, or completed): whether it was completed by its deadline."""
    due: dict[str, list[bool]] = defaultdict(list)
    for code, deadline, done_on in rows.projects:
        if done_on is not None or (deadline is not None and deadline < today):
            due[code].append(done_on is not None and (deadline is None or done_on <= deadline))
    return due


def _first_package(rows: assessment_repo.AssessmentRows, year: int) -> dict[str, date]:
    """Per town, the first day in the year a package carrying its rows was merged."""
    sent: dict[str, date] = {}
    for merged_at, codes in rows.packages:
        day = merged_at.date()
        for code in codes or []:
            if day.year == year and (code not in sent or day < sent[code]):
                sent[code] = day
    return sent


def _evidence(rows: assessment_repo.AssessmentRows, year: int, today: date) -> list[TownEvidence]:
    proposals = {c: (n, int(r or 0)) for c, n, r in rows.proposals}
    sealed, due, sent = _sealed(rows), _due(rows, today), _first_package(rows, year)
    satisfaction = {c: float(v) for c, v in rows.satisfaction if v is not None}
    events = dict(rows.events)
    return [TownEvidence(code, name, *proposals.get(code, (0, 0)), len(sealed[code]), sum(sealed[code]),
                         len(due[code]), sum(due[code]), satisfaction.get(code), events.get(code, 0), sent.get(code))
            for code, name in rows.towns]


class AssessmentService(DatedService):

    def assess(self, year: int) -> tuple[AssessmentPolicy, list[TownScore]]:
        """Every town of the merged data scored and ranked, with the rules used."""
        check_year(year)
        with self.db.unit_of_work(read_only=True) as s:
            policy = AssessmentPolicy.from_dict(settings_repo.get(s, settings_repo.local_code(s), KEY))
            rows = assessment_repo.assessment_rows(s, year)
        return policy, assess(_evidence(rows, year, self.today), policy, year)

    def export(self, year: int, out: str | os.PathLike[str]) -> Path:
        """The ranked table with every item's score and evidence, as .xlsx."""
        from .xlsx_io import Sheet, write_workbook

        policy, scores = self.assess(year)
        heads = [label for _k, label, _p in ITEMS]
        rows = [(t.rank, t.code, t.name, t.total, *(i.score for i in t.items)) for t in scores]
        evidence = [(t.rank, t.name, i.label, i.score, i.worth, i.evidence) for t in scores for i in t.items]
        title = f"{year}年度乡镇民生实事项目票决工作考核"
        worth = "、".join(f"{label}{policy.worth(k)}分" for k, label, _p in ITEMS)
        return write_workbook(out, [
            Sheet("考核排名", ("名次", "行政区划代码", "乡镇（街道）", "总分", *heads), rows, [6, 14, 14, 8] + [12] * len(heads),
                  title=f"{title}（{worth}）"),
            Sheet("得分依据", ("名次", "乡镇（街道）", "考核项目", "得分", "分值", "依据"), evidence, [6, 14, 22, 8, 8, 48],
                  title=f"{title}得分依据")])
