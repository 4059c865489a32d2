"""What a session's ballot prints (one source for the printer and the scanner: the same items give the same boxes)."""

from __future__ import annotations

from ..storage import candidate_repo
from .reports.ballot_layout import BallotItem


def ballot_items(s, candidate_ids: list[str]) -> list[BallotItem]:
    """Inside the caller's unit of work: each candidate as the ballot shows it, in ballot order."""
    cands = [candidate_repo.required(s, cid) for cid in candidate_ids]
    return [BallotItem(c.name, c.content, float(c.est_investment) if c.est_investment is not None else None,
                       f"{c.deadline.year}年{c.deadline.month}月" if c.deadline else "") for c in cands]
