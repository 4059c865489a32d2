"""Reports by kind: gathers the data through the services and writes PDF or .xlsx by the file's extension."""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.errors import UserError
from ..domain.rules import VotePolicy
from ..storage import settings_repo
from ..storage.db import Database
from .intake_service import IntakeService
from .reports import intake_reports
from .screening_service import ScreeningService

KINDS = {"candidates": "候选项目建议名单", "replies": "建议办理答复清单"}


class ReportService:
    def __init__(self, db: Database):
        self.db = db

    def _town(self) -> tuple[str, VotePolicy]:
        with self.db.unit_of_work() as s:
            j = settings_repo.local_jurisdiction(s)
            if j is None:
                raise UserError("尚未设置本级信息", "no jurisdiction set up yet")
            return j.name, VotePolicy.from_dict(settings_repo.get(s, j.code, "vote_policy"))

    def write(self, kind: str, year: int, out: str | os.PathLike[str], *, village: str | None = None) -> Path:
        town, policy = self._town()
        if kind == "candidates":
            rows = ScreeningService(self.db).ballot_list(year)
            return intake_reports.candidate_list(out, town, year, rows, policy.rules.seats)
        if kind == "replies":
            return intake_reports.reply_list(out, town, year, IntakeService(self.db).list(year), village)
        raise UserError(f"未知的报表类型“{kind}”，可选：{'、'.join(KINDS)}", f"unknown report kind '{kind}'")
