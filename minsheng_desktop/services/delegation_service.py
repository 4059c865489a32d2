"""分团计票: a session counted per 代表团 and combined (issue 17; the rules are in domain/delegations.py).

Each delegation's tellers declare what they took out of its box and record its ballots (or enter its paper totals
twice); the console and the hall show each delegation's 已计/收回; the combined result is published and sealed
once by ``VoteService.publish``. Recording a ballot goes through ``VoteService.record_ballot`` (the same durable
path) with the delegation it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import delegations as deleg
from ..domain.errors import UserError
from ..domain.tally import PaperTotals
from ..domain.vocabulary import SessionStatus
from ..domain.vote_session import DelegationLine, totals_differences, validate_totals
from ..storage import audit_repo, delegation_repo, settings_repo, vote_repo
from .base import DatedService
from .changes import Changes
from .vote_service import VOTE, SessionInfo, VoteService, paper_totals


@dataclass(frozen=True)
class DelegationRow:
    """A line of the sign-in table: a delegation's deputies in office and those signed in."""

    name: str
    members: int
    present: int


def delegation_lines(vote: VoteService, info: SessionInfo) -> tuple[DelegationLine, ...]:
    """Each delegation's progress: ballots from the running count in memory (no query per ballot), paper totals from
    the tellers' entries."""
    boxes = info.delegations or {}
    if info.count_mode == "totals":
        with vote.db.unit_of_work(read_only=True) as s:
            entries = _entries(s, info.id)
        agreed = deleg.agreed_totals(entries)
        return deleg.progress(deleg.with_agreed_totals(boxes, entries),
                              {name: t.ballots_collected for name, t in agreed.items()}, agreed)
    return deleg.progress(boxes, vote.running(info.id, info).by_delegation)


def _entries(s, session_id: str) -> dict[str, dict[int, PaperTotals]]:
    return {name: {n: paper_totals(t) for n, t in e.items()} for name, e in delegation_repo.entries(s, session_id).items()}


class DelegationService(DatedService):

    def __init__(self, db, clock=None, vote: VoteService | None = None):
        super().__init__(db, clock)
        self.vote = vote or VoteService(db, clock)

    def signin_rows(self, session_id: str) -> list[DelegationRow]:
        """Every delegation of the roster with its deputies in office and signed in (quorum is on the whole); none
        where delegations are not how the congress votes (a town, a street)."""
        with self.db.unit_of_work(read_only=True) as s:
            local = settings_repo.local_jurisdiction(s)
            if local is None or not deleg.offered(local.level):
                return []
            members = delegation_repo.roster_by_group(s, local.code)
            present = delegation_repo.present_by_group(s, session_id)
        names = {deleg.delegation_of(g) for g in (*members, *present)}
        by_name: dict[str, list[int]] = {n: [0, 0] for n in deleg.in_office_order(names)}
        for g, n in members.items():
            by_name[deleg.delegation_of(g)][0] += n
        for g, n in present.items():
            by_name[deleg.delegation_of(g)][1] += n
        return [DelegationRow(name, m, p) for name, (m, p) in by_name.items()]

    def declare_collected(self, session_id: str, delegation: str, collected: int) -> Changes:
        """A delegation's tellers declare the ballots taken out of its box; more than it was issued voids the
        whole vote at once (sealed as void, to be taken again)."""
        info = self.vote.info(session_id)
        boxes = self._boxes(info)
        voids = isinstance(collected, int) and collected > deleg.known(boxes, delegation).issued
        if voids:
            from .backup_service import safety_backup

            safety_backup(self.db, "before-seal")
        with self.db.unit_of_work() as s:
            v = self.vote._get(s, session_id, editable=(SessionStatus.COUNTING,))
            counted = delegation_repo.counted(s, v.id).get(delegation, 0)
            boxes = deleg.declare(deleg.from_stored(v.delegations), delegation, collected, counted)
            vote_repo.update_session(s, v, delegations=deleg.to_stored(boxes),
                                     ballots_collected=deleg.collected_so_far(boxes))
            audit_repo.append(s, v.jurisdiction_code, "vote.collected", entity="vote_session", entity_id=v.id,
                              detail={"delegation": delegation, "collected": collected,
                                      "issued": boxes[delegation].issued})
            if deleg.over_collected(boxes):
                return self.vote.seal_within(s, v)
        return Changes.of(VOTE, message=f"{delegation}收回选票 {collected} 张")

    def submit_totals(self, session_id: str, delegation: str, entry_no: int, totals: PaperTotals,
                      teller: str = "") -> list[str]:
        """One teller's paper totals for one delegation. Returns the differences from the other teller's entry for
        that delegation (empty = agreed)."""
        if entry_no not in (1, 2):
            raise UserError("录入次序应为 1 或 2", "entry must be 1 or 2")
        boxes = self._boxes(self.vote.info(session_id))
        deleg.known(boxes, delegation)
        with self.db.unit_of_work() as s:
            v = self.vote._get(s, session_id, editable=(SessionStatus.COUNTING,))
            if v.count_mode != "totals":
                raise UserError("本次采用逐张唱票方式计票", "this session counts ballot by ballot")
            cands = vote_repo.session_candidates(s, v.id)
            validate_totals(totals, [cid for cid, _n, _o in cands])
            delegation_repo.add_entry(s, v.jurisdiction_code, v.id, delegation, entry_no, teller,
                                      totals.ballots_collected, totals.invalid_ballots,
                                      {k: dict(c) for k, c in totals.counts.items()})
            stored = delegation_repo.entries(s, v.id)
            mine = stored.get(delegation, {})
            diffs: list[str] = []
            if len(mine) == 2:
                diffs = totals_differences(paper_totals(mine[1]), paper_totals(mine[2]),
                                           {cid: name for cid, name, _o in cands})
                vote_repo.accept_entries(mine, not diffs)
                boxes = deleg.with_agreed_totals(  # a box's collected is what its agreeing entries say
                    {n: deleg.Delegation(n, d.issued) for n, d in deleg.from_stored(v.delegations).items()},
                    _entries(s, v.id))
                vote_repo.update_session(s, v, delegations=deleg.to_stored(boxes),
                                         ballots_collected=deleg.collected_so_far(boxes))
            audit_repo.append(s, v.jurisdiction_code, "totals.entered", entity="vote_session", entity_id=v.id,
                              detail={"delegation": delegation, "entry": entry_no, "teller": teller,
                                      "collected": totals.ballots_collected, "invalid": totals.invalid_ballots,
                                      "counts": dict(totals.counts), "agreed": len(mine) == 2 and not diffs})
            return diffs

    @staticmethod
    def _boxes(info: SessionInfo) -> dict[str, deleg.Delegation]:
        if info.delegations is None:
            raise UserError("本次票决不分团计票", "this session is counted whole")
        return info.delegations
