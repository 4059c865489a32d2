"""The demo town's 回头看 campaign on last year's projects (figures, a few visits, opinions handed to the government:
some answered, one overdue) and this year's two 代表专班. Drawn from its own random stream, after the rest of the
demo, so the other demo data stay as they were."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from ..domain.vocabulary import EventStatus, OpinionStatus, VisitKind
from ..storage import campaign_repo, demo_repo

VISITS = [  # kind, place, people met, findings
    (VisitKind.HOUSEHOLDS, "张湾村", 46, "群众普遍反映项目建成后用着方便，个别设施维护不及时"),
    (VisitKind.SITE, "项目现场", 0, "主体设施运行正常，部分标识牌褪色、个别器材损坏"),
    (VisitKind.FORUM, "镇人大会议室", 18, "邀请受益群众、村干部和责任单位座谈，听取对长效管护的意见"),
    (VisitKind.HOUSEHOLDS, "李庄村", 62, "老年群众希望延长开放时间，增加服务项目"),
]
OPINIONS = [  # content, feedback, closed, days from hand-over to the deadline
    ("文化广场夜间照明不足，群众晚间活动不便，建议增设照明设施", "已增设太阳能路灯8盏，群众反映良好", True, 30),
    ("部分健身器材损坏后无人维修，建议明确管护责任和维修经费", "已明确由村委会负责日常管护，维修经费纳入镇级预算", True, 30),
    ("受益群众反映服务时间偏短，建议周末和节假日照常开放", "已与运营单位协商，拟于明年起周末开放", False, 240),
    ("项目公示牌内容不全，建议补充投资、工期和管护责任人信息", "", False, 45),
]
GROUPS = [  # name, leader, title, focus
    ("基础设施代表专班", "李明华", "镇人大主席", "农村道路、饮水和照明等基础设施项目"),
    ("民生服务代表专班", "陈秀英", "镇人大副主席", "养老、医疗、教育等公共服务项目"),
]


def add(s, code: str, today: date, seed: int, deputies: list, supervised: dict[int, list]) -> None:
    rng = random.Random(f"{seed}|{code}|回头看")

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    active = [d for d in deputies if d.active]
    last = supervised.get(today.year - 1, [])
    look_back = next(((ev, covered) for ev, covered in last
                      if ev.kind == campaign_repo.KIND and ev.status == EventStatus.HELD and covered), None)
    if look_back is not None:
        _campaign(s, code, today, rng, uid, active, *look_back)
    this_year = supervised.get(today.year, [])
    projects: list = max((covered for _ev, covered in this_year), key=len, default=[])
    if len(projects) >= 2 and len(active) >= 12:
        members = rng.sample(active, 12)
        half = len(projects) // 2
        for i, (name, leader, title, focus) in enumerate(GROUPS):
            g = demo_repo.add(s, demo_repo.row("SupervisionGroup", year=today.year, name=name, leader_name=leader,
                                               leader_title=title, focus=focus), uid(), code, flush=True)
            for d in members[i * 6:(i + 1) * 6]:
                demo_repo.add(s, demo_repo.row("GroupMember", group_id=g.id, deputy_id=d.id), uid(), code)
            for p in (projects[:half] if i == 0 else projects[half:]):
                demo_repo.add(s, demo_repo.row("GroupProject", group_id=g.id, project_id=p.id), uid(), code)


def _campaign(s, code: str, today: date, rng: random.Random, uid, active: list, ev, covered: list) -> None:
    held = ev.held_on
    c = demo_repo.add(s, demo_repo.row("Campaign", event_id=ev.id, look_back=[ev.year], deputies=42,
                                       beneficiaries=386, sites=len(covered) + 2, forums=2, opinions=19,
                                       questionnaires=150), uid(), code, flush=True)
    visits = []
    for i, (kind, place, met, findings) in enumerate(VISITS):
        who = rng.sample(active, 4)
        v = demo_repo.add(s, demo_repo.row(
            "CampaignVisit", campaign_id=c.id, kind=str(kind), held_on=held + timedelta(days=i), place=place,
            project_id=covered[i % len(covered)].id, deputy_ids=[d.id for d in who], people_met=met,
            findings=findings), uid(), code, flush=True)
        came = set(campaign_repo.attendee_ids(s, ev.id))
        for d in who:
            if d.id not in came:
                demo_repo.add(s, demo_repo.row("EventAttendance", event_id=ev.id, deputy_id=d.id), uid(), code,
                              flush=True)
        visits.append(v)
    handed = held + timedelta(days=10)
    for o, _co in campaign_repo.opinions(s, ev.id):  # raised at the event itself: on the list too
        demo_repo.add(s, demo_repo.row("CampaignOpinion", opinion_id=o.id, campaign_id=c.id, handed_on=handed),
                      uid(), code)
    for i, (content, feedback, closed, days) in enumerate(OPINIONS):
        v, p = visits[i % len(visits)], covered[i % len(covered)]
        o = demo_repo.add(s, demo_repo.row(
            "Opinion", event_id=ev.id, project_id=p.id, deputy_id=v.deputy_ids[0], content=content,
            responsible_unit=p.responsible_unit, due_on=handed + timedelta(days=days),
            status=OpinionStatus.CLOSED if closed else OpinionStatus.OPEN, feedback=feedback,
            closed_on=handed + timedelta(days=days - 5) if closed else None), uid(), code, flush=True)
        demo_repo.add(s, demo_repo.row("CampaignOpinion", opinion_id=o.id, campaign_id=c.id, visit_id=v.id,
                                       handed_on=handed), uid(), code)
