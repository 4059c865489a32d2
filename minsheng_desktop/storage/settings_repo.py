"""Settings rows (per-town policy as JSON) and the local jurisdiction."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Jurisdiction, Setting, Year


def get(session: Session, code: str, key: str, default: Any = None) -> Any:
    row = session.get(Setting, (code, key))
    return default if row is None else json.loads(row.value)


def put(session: Session, code: str, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    row = session.get(Setting, (code, key))
    if row is None:
        session.add(Setting(jurisdiction_code=code, key=key, value=text))
        session.flush()  # a second get() in the same unit of work must find it (the signing key is read twice)
    else:
        row.value = text


def local_jurisdiction(session: Session) -> Jurisdiction | None:
    return session.execute(select(Jurisdiction).where(Jurisdiction.is_local.is_(True))).scalars().first()


def local_code(session: Session) -> str:
    """The code of the jurisdiction this database belongs to; a clear message when it is not set up yet."""
    from ..domain.errors import UserError

    j = local_jurisdiction(session)
    if j is None:
        raise UserError("尚未设置本级信息（乡镇名称与行政区划代码），请先在“设置”中填写", "no jurisdiction set up yet")
    return j.code


def years(session: Session, code: str) -> list[int]:
    return list(
        session.execute(select(Year.year).where(Year.jurisdiction_code == code).order_by(Year.year)).scalars()
    )


def ensure_year(session: Session, code: str, year: int) -> Year:
    row = session.execute(
        select(Year).where(Year.jurisdiction_code == code, Year.year == year)
    ).scalars().first()
    if row is None:
        row = Year(jurisdiction_code=code, year=year, title=f"{year}年度民生实事项目")
        session.add(row)
        session.flush()
    return row
