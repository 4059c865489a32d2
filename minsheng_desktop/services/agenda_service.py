"""A meeting's agenda (季会, 年中会议 …): the reports heard, how each was scored and followed up, and the 审议意见
the meeting adopts — sent to the government, its handling reported, deliberated again at a later meeting and scored.

Scoring itself is ``ScoringService`` (a round on an agenda item is a round like any other)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.agenda import (
    OPINION_MAX,
    check_dates,
    check_item,
    holds_agenda,
    opinion_stage,
    review_problem,
    subject_name,
)
from ..domain.errors import UserError
from ..domain.vocabulary import AgendaKind, OpinionKind, OpinionStatus
from ..storage import agenda_repo, audit_repo, supervision_repo
from .base import DatedService
from .changes import DATA, Changes


@dataclass(frozen=True)
class DeliberationRow:
    """A 审议意见: adopted at a meeting on an item, sent, its handling reported and deliberated again."""

    id: str
    content: str
    responsible_unit: str
    due_on: date | None
    sent_on: date | None
    reported_on: date | None
    report: str
    stage: str  # domain.agenda.opinion_stage
    item_id: str | None  # the item it was adopted on
    review_item_id: str | None
    meeting: str = ""  # the meeting that adopted it (for the list of opinions a later meeting can take up)


@dataclass(frozen=True)
class ItemRow:
    id: str
    seq: int
    kind: str
    title: str
    subject: str  # as the scoring documents name it (“镇司法所工作”)
    reporter: str
    project_id: str | None
    notes: str
    rounds: int = 0
    open_round_id: str | None = None  # the round waiting for its result (the first scoring, or a re-scoring)
    method: str = ""
    verdict: str = ""  # the latest decided round's
    score: str = ""  # 满意率 or the average score, as shown
    follow_up_id: str | None = None
    follow_up_stage: str = ""
    reviewed_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Agenda:
    event_id: str
    year: int
    kind: str
    title: str
    held_on: date
    items: list[ItemRow]
    adopted: list[DeliberationRow]  # the 审议意见 adopted at this meeting
    reviewable: list[DeliberationRow]  # earlier meetings' open 审议意见 this meeting may deliberate again


def _score_text(r) -> str:
    if r.method == "hundred_point":
        return f"平均 {r.counts.get('average', '')} 分" if r.verdict else ""
    return f"满意率 {r.satisfied_rate:.1%}" if r.satisfied_rate is not None else ""


def _deliberation(o, meeting: str = "") -> DeliberationRow:
    return DeliberationRow(o.id, o.content, o.responsible_unit, o.due_on, o.sent_on, o.reported_on, o.feedback,
                           opinion_stage(o.status, o.sent_on, o.reported_on, o.review_item_id is not None),
                           o.agenda_item_id, o.review_item_id, meeting)


class AgendaService(DatedService):

    def _event(self, s, event_id: str):
        e = supervision_repo.get_event(s, event_id)
        if e is None:
            raise UserError("该活动已不存在，请刷新", "event not found")
        if not holds_agenda(e.kind):
            raise UserError(f"“{e.kind}”不安排议程；季会、年中会议等会议才听取报告并测评", "no agenda for this kind")
        return e

    def agenda(self, event_id: str) -> Agenda:
        with self.db.unit_of_work() as s:
            e = self._event(s, event_id)
            items = agenda_repo.items_of(s, e.id)
            ids = [i.id for i in items]
            rounds = agenda_repo.rounds_of_items(s, ids) if ids else []
            follow = agenda_repo.follow_ups_of_items(s, ids) if ids else []
            opinions = agenda_repo.opinions_on(s, ids) if ids else []
            rows = [self._item_row(i, [r for r in rounds if r.agenda_item_id == i.id],
                                   [f for f in follow if f.agenda_item_id == i.id],
                                   [o.id for o in opinions if o.review_item_id == i.id]) for i in items]
            adopted = [_deliberation(o) for o in opinions if o.agenda_item_id in set(ids)]
            reviewable = [_deliberation(o, f"{held.isoformat()} {title}")
                          for o, held, title in agenda_repo.open_deliberations(s, e.jurisdiction_code, e.held_on)]
            return Agenda(e.id, e.year, e.kind, e.title, e.held_on, rows, adopted, reviewable)

    @staticmethod
    def _item_row(i, rounds: list, follow: list, reviewed: list[str]) -> ItemRow:
        decided = [r for r in rounds if r.verdict]
        waiting = next((r for r in reversed(rounds) if not r.verdict), None)
        last = decided[-1] if decided else None
        f = follow[-1] if follow else None
        shown = waiting or last
        return ItemRow(i.id, i.seq, i.kind, i.title, subject_name(i.kind, i.title), i.reporter, i.project_id, i.notes,
                       len(rounds), waiting.id if waiting else None, shown.method if shown else "",
                       last.verdict if last else "", _score_text(last) if last else "",
                       f.id if f else None, f.stage if f else "", reviewed)

    def save_item(self, event_id: str, item_id: str | None, kind: str, title: str, reporter: str = "", *,
                  project_id: str | None = None, notes: str = "", seq: int | None = None,
                  reviews: list[str] | None = None) -> tuple[str, Changes]:
        """Add or change an agenda item; an item on the handling of 审议意见 names the opinions it takes up."""
        check_item(kind, title, reporter, notes)
        if seq is not None and not 1 <= seq <= 99:
            raise UserError("议程序号应为 1～99", "seq out of range", field="序号")
        with self.db.unit_of_work() as s:
            e = self._event(s, event_id)
            existing = agenda_repo.get_item(s, item_id) if item_id else None
            if item_id and (existing is None or existing.event_id != e.id):
                raise UserError("该议程事项已不存在或不属于这次会议，请刷新", "item not found")
            item = agenda_repo.save_item(s, item_id, e.jurisdiction_code, e.id, kind=kind, title=title.strip(),
                                         reporter=reporter.strip(), project_id=project_id or None, notes=notes.strip(),
                                         seq=seq or (existing.seq if existing else agenda_repo.next_seq(s, e.id)))
            if reviews and kind != AgendaKind.OPINION_HANDLING:
                raise UserError("只有“审议意见办理情况”议程才能选择要再审议的审议意见", "reviews need that kind")
            self._check_reviews(s, e, item.id, reviews or [])
            agenda_repo.set_reviewed(s, item.id, reviews or [])  # none when the item is no longer of that kind
            audit_repo.append(s, e.jurisdiction_code, "agenda.saved", entity="agenda_item", entity_id=item.id,
                              detail={"kind": kind, "title": item.title, "reviews": len(reviews or [])})
            return item.id, Changes.of(DATA, message=f"已保存议程“{item.title}”")

    @staticmethod
    def _check_reviews(s, e, item_id: str, reviews: list[str]) -> None:
        for oid in reviews:
            o = agenda_repo.get_opinion(s, oid)
            if o is None or o.kind != OpinionKind.DELIBERATION:
                raise UserError("所选审议意见已不存在，请刷新", "opinion not found")
            if o.review_item_id not in (None, item_id) or o.status == OpinionStatus.CLOSED:
                raise UserError(f"“{o.content[:20]}”已在其他议程再审议或已办结，请刷新后重选", "already reviewed")
            problem = review_problem(agenda_repo.event_day(s, o.event_id) or e.held_on, e.held_on,
                                     o.reported_on is not None)
            if problem:
                raise UserError(f"“{o.content[:20]}”：{problem}", "cannot review this opinion")

    def delete_item(self, item_id: str) -> Changes:
        with self.db.unit_of_work() as s:
            item = agenda_repo.get_item(s, item_id)
            if item is None:
                raise UserError("该议程事项已不存在，请刷新", "item not found")
            if agenda_repo.rounds_of_items(s, [item.id]) or agenda_repo.opinions_on(s, [item.id]):
                raise UserError("该议程已测评或已通过审议意见，不能删除", "item has rounds or opinions")
            agenda_repo.delete_item(s, item)
            audit_repo.append(s, item.jurisdiction_code, "agenda.deleted", entity="agenda_item", entity_id=item_id,
                              detail={"title": item.title})
            return Changes.of(DATA, message=f"已删除议程“{item.title}”")

    def adopt_opinion(self, item_id: str, content: str, responsible_unit: str = "",
                      due_on: date | None = None) -> Changes:
        """A 审议意见 the meeting adopts on this report; the reporting unit answers for it unless another is named."""
        if not content.strip():
            raise UserError("请填写审议意见内容", "content required", field="审议意见")
        if len(content.strip()) > OPINION_MAX:
            raise UserError(f"审议意见过长（最多 {OPINION_MAX} 字），请分条登记", "too long", field="审议意见")
        with self.db.unit_of_work() as s:
            item = agenda_repo.get_item(s, item_id)
            if item is None:
                raise UserError("该议程事项已不存在，请刷新", "item not found")
            e = self._event(s, item.event_id)
            if due_on is not None and due_on < e.held_on:
                raise UserError("办理期限不能早于会议日期", "due before the meeting", field="办理期限")
            o = agenda_repo.add_opinion(s, jurisdiction_code=e.jurisdiction_code, event_id=e.id, kind=OpinionKind.DELIBERATION,
                                        agenda_item_id=item.id, project_id=item.project_id, content=content.strip(),
                                        responsible_unit=(responsible_unit or item.reporter).strip()[:120],
                                        due_on=due_on or e.held_on + timedelta(days=90))
            audit_repo.append(s, e.jurisdiction_code, "deliberation.adopted", entity="opinion", entity_id=o.id,
                              detail={"item": item.title, "content": content.strip()[:80]})
            return Changes.of(DATA, message="已登记审议意见")

    def record_handling(self, opinion_id: str, *, sent_on: date | None, report: str = "",
                        reported_on: date | None = None) -> Changes:
        """交办 (sent to the government on a day) and the government's report on its handling."""
        if reported_on is not None and not report.strip():
            raise UserError("请填写政府的办理情况报告", "report required", field="办理情况")
        if len(report.strip()) > OPINION_MAX:
            raise UserError(f"办理情况过长（最多 {OPINION_MAX} 字）", "too long", field="办理情况")
        with self.db.unit_of_work() as s:
            o = agenda_repo.get_opinion(s, opinion_id)
            if o is None or o.kind != OpinionKind.DELIBERATION:
                raise UserError("该审议意见已不存在，请刷新", "opinion not found")
            check_dates(sent_on, reported_on, agenda_repo.event_day(s, o.event_id) or date.min)
            if (reported_on or sent_on or date.min) > self.today:
                raise UserError("日期不能晚于今天", "date in the future", field="日期")
            agenda_repo.update(o, sent_on=sent_on, reported_on=reported_on, feedback=report.strip())
            audit_repo.append(s, o.jurisdiction_code, "deliberation.handled", entity="opinion", entity_id=o.id,
                              detail={"sent_on": str(sent_on), "reported_on": str(reported_on)})
            return Changes.of(DATA, message="已保存审议意见的交办和办理情况")
