"""Every value of an incoming package row checked against its column before anything is written (both engines).

SQLite would store "garbage" in a date column and "七" in an integer column, and break the county's screens
later; PostgreSQL would refuse a NUL byte mid-merge. Here both refuse the package up front with the table, row
and column named.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, LargeBinary, Numeric, String, Table, Text
from sqlalchemy.sql.schema import Column, ScalarElementColumnDefault

INT_RANGE = 2 ** 63


class RowError(ValueError):
    """(column, what is wrong) in Chinese."""

    def __init__(self, column: str, problem: str):
        super().__init__(f"{column}: {problem}")
        self.column, self.problem = column, problem


def _text(limit: int | None) -> Callable[[Any], None]:
    def check(v: Any) -> None:
        if not isinstance(v, str):
            raise ValueError("应为文字")
        if "\x00" in v:
            raise ValueError("含有空字符（NUL）")
        if limit is not None and len(v) > limit:
            raise ValueError(f"超过 {limit} 个字")
    return check


def _int(v: Any) -> None:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValueError("应为整数")
    if not -INT_RANGE <= v < INT_RANGE:
        raise ValueError("数值超出范围")


def _float(v: Any) -> None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or abs(v) > 1e15:
        raise ValueError("应为有限的数")


def _numeric(precision: int, scale: int) -> Callable[[Any], None]:
    bound = Decimal(10) ** (precision - scale)

    def check(v: Any) -> None:
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise ValueError("应为数字")
        try:
            d = Decimal(str(v))
        except InvalidOperation as exc:
            raise ValueError("不是数字") from exc
        if not d.is_finite() or abs(d) >= bound:
            raise ValueError("数值超出范围")
    return check


def _date(v: Any) -> None:
    try:
        if not isinstance(v, str) or len(v) != 10:
            raise ValueError
        date.fromisoformat(v)
    except ValueError:
        raise ValueError("应为日期（YYYY-MM-DD）") from None


def _datetime(v: Any) -> None:
    try:
        if not isinstance(v, str) or len(v) > 40:
            raise ValueError
        datetime.fromisoformat(v)
    except ValueError:
        raise ValueError("应为日期时间（YYYY-MM-DD HH:MM:SS）") from None


def _bool(v: Any) -> None:
    if not isinstance(v, bool) and v not in (0, 1):
        raise ValueError("应为是/否")


def _bytes(v: Any) -> None:
    if not isinstance(v, str):
        raise ValueError("应为 base64 文字")
    try:
        base64.b64decode(v, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("不是有效的 base64") from exc


def _json(v: Any) -> None:
    return None  # parsed already (NaN and Infinity refused by the reader)


def _checker(column) -> Callable[[Any], None]:
    t = column.type
    if isinstance(t, DateTime):
        return _datetime
    if isinstance(t, Date):
        return _date
    if isinstance(t, Boolean):
        return _bool
    if isinstance(t, Float):
        return _float
    if isinstance(t, Numeric):
        return _numeric(t.precision or 14, t.scale or 0)
    if isinstance(t, Integer):
        return _int
    if isinstance(t, LargeBinary):
        return _bytes
    if isinstance(t, JSON):
        return _json
    if isinstance(t, (String, Text)):
        return _text(getattr(t, "length", None))
    return _json


def _scalar_default(column: Column) -> ScalarElementColumnDefault | None:
    """The column's plain-value default (``default=0``), not one computed by a function or SQL."""
    return column.default if isinstance(column.default, ScalarElementColumnDefault) else None


def row_validator(table: Table) -> Callable[[Any], dict[str, Any]]:
    """A function that returns the row if every value fits its column, else raises RowError."""
    checks = {c.name: (c.nullable, _checker(c)) for c in table.columns}
    text_limits = {c.name: getattr(c.type, "length", None) for c in table.columns
                   if isinstance(c.type, (String, Text)) and not isinstance(c.type, JSON)}
    required = {c.name for c in table.columns  # no value, no default the fast path could fill: must be sent
                if not c.nullable and c.server_default is None and (c.default is None or not c.default.is_scalar)} | \
        {c.name for c in table.primary_key.columns}
    defaults = {c.name: d.arg for c in table.columns  # what the app fills in when a value is left out
                if (d := _scalar_default(c)) is not None and c.name not in required}

    def validate(row: Any) -> dict[str, Any]:
        if not isinstance(row, dict):
            raise RowError("（整行）", "不是一条记录")
        for name in required:
            if row.get(name) is None:
                raise RowError(name, "缺少必填的值")
        for name, value in defaults.items():
            if name not in row:
                row[name] = value
        for name, value in row.items():
            spec = checks.get(name)
            if spec is None:
                raise RowError(name, "不是本表的栏目")
            if value is None:
                if not spec[0]:
                    raise RowError(name, "不能为空")
                continue
            limit = text_limits.get(name, -1)
            if limit != -1 and type(value) is str and "\x00" not in value and (limit is None or len(value) <= limit):
                continue  # the common case, checked inline: plain text that fits
            try:
                spec[1](value)
            except (ValueError, TypeError, OverflowError) as exc:
                raise RowError(name, str(exc) or "格式不对") from exc
        return row

    return validate


def row_defaults(table: Table) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Fill the scalar defaults a validated row left out (the second pass of a merge, without re-checking)."""
    defaults = {c.name: d.arg for c in table.columns if (d := _scalar_default(c)) is not None and not c.primary_key}

    def fill(row: dict[str, Any]) -> dict[str, Any]:
        for name, value in defaults.items():
            if name not in row:
                row[name] = value
        return row

    return fill
