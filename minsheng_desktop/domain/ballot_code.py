"""The 2-D code printed on every ballot page (选票机读码): which session, which layout, which page — the same on
every copy, nothing that could tell one voter's sheet from another's.

Text (QR alphanumeric mode, so it stays a small code with large modules, version 2):
``MSB1:<session id's first 16 hex digits>:<A4|A3>:<layout>:<page>:<pages>``
where ``layout`` is a short fingerprint of every box position (see services/reports/ballot_marks.layout_version):
a ballot printed before the candidates or the paper changed is refused rather than read against the wrong boxes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UserError

PREFIX = "MSB1"
_PATTERN = re.compile(r"^MSB1:([0-9A-F]{16}):(A4|A3):([0-9A-F]{6}):(\d{1,2}):(\d{1,2})$")


@dataclass(frozen=True)
class BallotCode:
    session_id: str  # as stored (lower-case UUID with dashes); parse() gives its first 18 characters (16 digits)
    paper: str
    layout: str
    page: int  # 1-based
    pages: int

    def text(self) -> str:
        return f"{PREFIX}:{self.session_id.replace('-', '')[:16].upper()}:{self.paper}:{self.layout}:{self.page}:{self.pages}"


def parse(text: str) -> BallotCode:
    """The code read off a sheet; UserError when it is not one of this app's ballot codes."""
    m = _PATTERN.match(text.strip())
    if m is None:
        raise UserError("这张纸上的二维码不是本程序印制的选票", "not a ballot code of this app")
    hex_id, paper, layout, page, pages = m.groups()
    h = hex_id.lower()
    session = f"{h[:8]}-{h[8:12]}-{h[12:16]}"  # the session's id starts so (64 bits: unique within a file)
    if not 1 <= int(page) <= int(pages):
        raise UserError("选票二维码中的页码不正确", "page number out of range")
    return BallotCode(session, paper, layout, int(page), int(pages))
