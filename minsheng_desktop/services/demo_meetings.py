"""The demo town's first-quarter 季会 (专项工作报告会): 河长制工作 scored by 100 points, 镇司法所 and 吴家法庭 scored
three-level (吴家法庭 below the line, with the government's 政府说明 on file), and a 审议意见 adopted on 河长制工作,
sent to the government and its handling reported (this year's waits to be deliberated again at a later meeting). Drawn from its own random stream, so the rest of the demo town is
the same with or without it."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from ..domain.satisfaction import ScoringPolicy, ThreeLevelCounts, score_hundred_point, score_three_level
from ..domain.vocabulary import AgendaKind, FollowUpStage, OpinionKind, OpinionStatus
from ..storage import demo_repo
from . import seal_service

POLICY = ScoringPolicy(follow_up_below=0.7)
ITEMS = (  # kind, title, reporter, method, share of 满意 / 基本满意 among the deputies present
    (AgendaKind.SPECIAL_WORK, "河长制工作", "镇水利站", "hundred_point", (0.7, 0.25)),
    (AgendaKind.UNIT_WORK, "镇司法所", "镇司法所", "three_level", (0.62, 0.3)),
    (AgendaKind.UNIT_WORK, "吴家法庭", "吴家法庭", "three_level", (0.22, 0.38)),
)


class QuarterlyMeeting:
    def __init__(self, s, code: str, seed: str, year: int):
        self.s, self.code = s, code
        self.rng = random.Random(f"{seed}|{code}|季会|{year}")
        self.year = year

    def _add(self, row, *, flush: bool = False):
        return demo_repo.add(self.s, row, str(uuid.UUID(int=self.rng.getrandbits(128), version=4)), self.code,
                             flush=flush)

    def build(self, event, voters: int, today: date) -> int:
        """The agenda, its rounds (sealed) and the follow-up; returns the number of rounds."""
        batch = f"{event.title}测评"
        for seq, (kind, title, reporter, method, (sat, basic)) in enumerate(ITEMS, start=1):
            item = self._add(demo_repo.row("AgendaItem", event_id=event.id, seq=seq, kind=kind, title=title,
                                           reporter=reporter, notes=""), flush=True)
            if method == "hundred_point":
                r = self._hundred(item, event, batch, voters)
            else:
                r = self._three(item, event, batch, voters, sat, basic)
            seal_service.seal_round(self.s, r, POLICY)
            if r.needs_follow_up:
                self._add(demo_repo.row("FollowUp", project_id=None, agenda_item_id=item.id, round_id=r.id,
                                        stage=FollowUpStage.RECTIFY, due_on=event.held_on + timedelta(days=60),
                                        explanation=f"{reporter}已作出书面说明：案件量大、人员不足，"
                                                    "调解和巡回审判未能覆盖全部村（社区）。"))
            if kind == AgendaKind.SPECIAL_WORK:
                sent = event.held_on + timedelta(days=7)
                reported = event.held_on + timedelta(days=75)
                closed = date(event.held_on.year, 12, 20)  # a past year's: deliberated again and closed by then
                self._add(demo_repo.row("Opinion", event_id=event.id, kind=OpinionKind.DELIBERATION,
                                        agenda_item_id=item.id, content="加强河道日常保洁，落实村级河长巡河制度",
                                        responsible_unit=reporter, due_on=event.held_on + timedelta(days=90),
                                        status=OpinionStatus.CLOSED if closed <= today else OpinionStatus.OPEN,
                                        closed_on=closed if closed <= today else None,
                                        sent_on=sent if sent <= today else None,
                                        reported_on=reported if reported <= today else None,
                                        feedback="已建立村级河长巡河台账，河道保洁实行外包" if reported <= today else ""))
        return len(ITEMS)

    def _round(self, item, event, batch: str, method: str, counts: dict, result):
        return self._add(demo_repo.row(
            "SatisfactionRound", year=self.year, project_id=None, agenda_item_id=item.id, event_id=event.id,
            batch=batch, respondents="代表", method=method, held_on=event.held_on,
            entry_mode="ballots" if method == "hundred_point" else "totals", counts=counts, verdict=result.verdict,
            satisfied_rate=result.satisfied_rate, satisfied_or_basic_rate=result.satisfied_or_basic_rate,
            needs_follow_up=result.needs_follow_up), flush=True)

    def _hundred(self, item, event, batch: str, voters: int):
        scores = [float(self.rng.choice((98, 95, 92, 90, 88, 85, 82, 80, 78, 75, 70))) for _ in range(voters)]
        result = score_hundred_point(scores, POLICY.bands, POLICY.follow_up_below)
        r = self._round(item, event, batch, "hundred_point", {"scores": len(scores), "average": result.average},
                        result)
        for seq, score in enumerate(scores, start=1):
            self._add(demo_repo.row("SatisfactionBallot", round_id=r.id, seq=seq, choice="", score=score))
        demo_repo.flush(self.s)
        return r

    def _three(self, item, event, batch: str, voters: int, sat: float, basic: float):
        satisfied = round(voters * sat)
        basically = min(voters - satisfied, round(voters * basic))
        entered = {"satisfied": satisfied, "basically": basically, "unsatisfied": voters - satisfied - basically,
                   "abstain": 0, "invalid": 0}
        result = score_three_level(ThreeLevelCounts(**entered), POLICY.follow_up_below)
        return self._round(item, event, batch, "three_level",
                           {"entry1": dict(entered), "entry2": dict(entered), **entered}, result)
