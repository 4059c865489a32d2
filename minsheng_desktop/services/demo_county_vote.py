"""The demo county's own vote (issue 17): ~300 county deputies in delegations, 25 candidates, 20 places, counted
by delegation (分团计票) through the same services a county's tellers use, combined and sealed once.

The candidates are modelled on 海安's 2024 list (324 deputies voted 20 of 25: 家门口就业服务站、农桥、社区助餐点、
5G 基站、共享充电桩 …). Everything is drawn from one generator seeded by ``seed``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..clock import Clock
from ..domain.roster import DeputyInput
from ..domain.rules import VotePolicy
from ..domain.screening import CandidateInput, Meeting
from ..storage.db import Database
from .registry import Services

COUNTY_CANDIDATES = (
    ("新建“家门口”就业服务站、零工驿站20个", "就业创业", 300), ("建设农桥26座", "交通出行", 2600),
    ("改造提升社区助餐点8个", "养老服务", 240), ("新改建5G基站400个", "城镇建设管理", 4000),
    ("新增新能源汽车共享充电桩100个", "交通出行", 500), ("医保经办服务事项下沉村（社区）15项", "社会保障", 60),
    ("为困难职工提供医疗救助600人次", "社会保障", 180), ("完成5个老旧小区改造", "住房保障", 3500),
    ("新建城区便民疏导点9个", "城镇建设管理", 270), ("新建、改扩建公办幼儿园3所", "教育", 4200),
    ("县人民医院急诊急救能力提升", "医疗卫生", 1800), ("农村供水管网改造120公里", "乡村建设", 2400),
    ("城区背街小巷改造30条", "城镇建设管理", 1500), ("新建城市口袋公园10个", "生态环境", 800),
    ("中小学校“明厨亮灶”全覆盖", "教育", 220), ("农村危桥改造15座", "交通出行", 1350),
    ("新增公共停车泊位1500个", "交通出行", 900), ("镇村卫生室标准化建设40个", "医疗卫生", 600),
    ("居家养老服务站提档升级20个", "养老服务", 400), ("农村生活污水治理行政村30个", "生态环境", 3000),
    ("新建全民健身场地设施50处", "文化体育", 500), ("农贸市场改造提升6个", "城镇建设管理", 1200),
    ("城乡公交站台新建改造200个", "交通出行", 300), ("残疾人康复服务项目覆盖1200人", "社会保障", 240),
    ("县城内涝点整治12处", "公共安全", 1600),
)
DEFAULT_DELEGATIONS = ("城关镇", "涧池镇", "蒲溪镇", "平梁镇", "双乳镇", "铁佛寺镇", "漩涡镇", "汉阳镇", "双河口镇",
                       "观音河镇", "龙垭镇", "驻军")
SEATS = 20


@dataclass(frozen=True)
class CountyVote:
    session_id: str
    deputies: int
    delegations: int
    ballots: int
    chosen: int


def _roster(sv: Services, rng: random.Random, deputies: int, delegations: list[str]) -> None:
    """The county's deputies, each in a delegation, with unique names."""
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
    given = "建国志强秀英海燕明军丽华文静春梅国庆晓东红梅永刚玉兰德明桂芳小平振华"
    taken: set[str] = set()
    for i in range(deputies):
        name = rng.choice(surnames) + "".join(rng.sample(given, 2))
        while name in taken:
            name = rng.choice(surnames) + "".join(rng.sample(given, 2))
        taken.add(name)
        sv.roster.add(DeputyInput(name, rng.choice("男男女"), delegations[i % len(delegations)]))


def _candidates(sv: Services, year: int) -> None:
    """The county's candidates, approved at every step of its screening chain."""
    sv.settings.save_vote_policy(VotePolicy.from_dict({"seats": SEATS, "candidates_planned": len(COUNTY_CANDIDATES)}))
    ids = [sv.screening.create(year, CandidateInput(name, f"{name}，{year}年底前完成。", category,
                                                    Decimal(amount), "县级财政和上级补助资金", "县政府有关部门"),
                               [])[0] for name, category, amount in COUNTY_CANDIDATES]
    for stage in sv.screening.chain():
        sv.screening.record_meeting(ids, Meeting(stage, "通过", date(year - 1, 12, 20)))


def _marks(rng: random.Random, popular: dict[str, float]) -> dict[str, str]:
    """One deputy's ballot: most keep to the places (the rule catches those who do not)."""
    marks = {cid: "Y" if rng.random() < p else rng.choice("NA") for cid, p in popular.items()}
    for cid in [cid for cid, m in marks.items() if m == "Y"][SEATS:]:
        if rng.random() < 0.97:
            marks[cid] = "A"
    return marks


def write_county_vote(db: Database, clock: Clock, *, year: int, held_on: date, towns: list[str] | None = None,
                      deputies: int = 300, seed: int = 1) -> CountyVote:
    """The county's roster by delegation, its approved candidates, and a vote counted by delegation to its seal."""
    rng = random.Random(seed)
    sv = Services(db, clock)
    _roster(sv, rng, deputies, [f"{t}代表团" for t in (towns or DEFAULT_DELEGATIONS)][:12])
    _candidates(sv, year)
    sid, _ = sv.vote.create(year, f"{sv.settings.load().town.name}第十八届人民代表大会第四次会议", held_on)
    roster = sv.roster.deputies()
    for d in roster:
        if rng.random() > 0.04:  # a few on leave
            sv.vote.sign_in(sid, d.id)
    sv.vote.start(sid, by_delegation=True)
    info = sv.vote.info(sid)
    popular = {c.id: rng.uniform(0.55, 0.97) for c in info.candidates}
    ballots = 0
    for name, box in (info.delegations or {}).items():
        sv.delegations.declare_collected(sid, name, box.issued)
        for _ in range(box.issued):
            spoiled = rng.random() < 0.01
            sv.vote.record_ballot(sid, {} if spoiled else _marks(rng, popular), spoiled, delegation=name)
            ballots += 1
    sv.vote.publish(sid)
    result = sv.vote.info(sid).result
    return CountyVote(sid, len(roster), len(info.delegations or {}), ballots, len(result.chosen) if result else 0)
