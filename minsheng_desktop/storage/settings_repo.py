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


def required_local(session: Session,
                   zh: str = "尚未设置本级信息（乡镇名称与行政区划代码），请先在“设置”中填写") -> Jurisdiction:
    """The jurisdiction this database belongs to; UserError with ``zh`` when it is not set up yet."""
    from ..domain.errors import UserError

    j = local_jurisdiction(session)
    if j is None:
        raise UserError(zh, "no jurisdiction set up yet")
    return j


def local_level(session: Session) -> str | None:
    """乡镇 / 街道 / 县区 / 市 of this database's jurisdiction (None before it is set up): domain/terms.py picks the
    words of the level from it."""
    j = local_jurisdiction(session)
    return j.level if j is not None else None


def local_code(session: Session) -> str:
    """The code of the jurisdiction this database belongs to; a clear message when it is not set up yet."""
    return required_local(session).code


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


def add_local_jurisdiction(session: Session, **fields) -> None:
    """This database's own jurisdiction (is_local)."""
    from .models import Jurisdiction

    session.add(Jurisdiction(is_local=True, **fields))
    session.flush()


def update_jurisdiction(j, **fields) -> None:
    for key, value in fields.items():
        setattr(j, key, value)
