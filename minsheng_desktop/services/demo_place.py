"""What differs between the demo town and the demo street (重庆市涪陵区白涛街道, from the seed reports): the places,
the roster's make-up, the candidates and the supervision plan's wording. The words themselves come from
domain/terms.py; the town's values are those the demo always had."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.terms import STREET, Terms, terms_for
from . import demo_data as D

STREET_NAME, STREET_CODE = "白涛街道", "500102010"

COMMUNITIES = ["白涛社区", "麦子坪社区", "山窝社区", "中心街社区", "化工园社区", "三门子村", "麻溪村", "金子山村",
               "石佛村", "坪上村"]
STREET_GROUPS = ["产业发展和乡村振兴组", "财政和国有资产管理组", "城市建设和环境整治组", "社会管理和基层治理组"]
# 界别/职业 of 议事代表: residents' representatives and people from every walk of life (seed 002)
SECTORS = ["社区工作者", "居民代表", "企业职工", "个体工商户", "教师", "医务工作者", "退休干部", "网格员",
           "人民调解员", "村（社区）干部", "律师", "物业服务人员", "农民", "退役军人", "志愿者"]
DEPUTY_SECTORS = ["企业负责人", "社区党委书记", "教师", "医生", "街道干部", "农民", "个体工商户", "村党支部书记"]

STREET_PROPOSALS = [
    ("交通出行", "{v}增建小微停车场", "{v}车多位少，停车难，建议利用闲置空地和边角地建小微停车场{k}处", 20, 90),
    ("交通出行", "打通{v}断头路", "{v}有一段断头路，居民出行绕远，建议打通约{n}公里", 60, 300),
    ("城镇建设管理", "{v}老旧小区改造", "{v}老旧小区管网老化、外墙脱落，建议列入老旧小区改造", 80, 400),
    ("城镇建设管理", "{v}加装电梯", "{v}多层住宅老人上下楼难，建议加装电梯{k}部", 40, 160),
    ("养老服务", "{v}社区食堂（助餐点）", "{v}独居老人吃饭难，建议开办社区老年食堂", 15, 50),
    ("生态环境", "{v}雨污分流改造", "{v}下雨污水外溢，建议实施雨污分流改造", 50, 260),
    ("公共安全", "{v}增设监控和路灯", "{v}背街小巷夜间照明差，建议增设路灯和监控{k}0处", 10, 40),
    ("文化体育", "{v}新建口袋公园", "{v}居民缺少休闲健身场地，建议建设口袋公园", 30, 120),
    ("医疗卫生", "{v}社区卫生服务站提档", "{v}卫生服务站面积小，建议改扩建并增配设备", 20, 80),
    ("就业创业", "{v}建设零工驿站", "{v}灵活就业人员多，建议建零工驿站发布用工信息", 8, 30),
]

STREET_CANDIDATES = [
    ("白涛城区小微停车场建设（3处）", "交通出行", "利用闲置空地和边角地平整拓宽，建设小微停车场3个，新增停车泊位85个", 160,
     "街道财政、区级补助", "街道城市管理办公室", "分管城建副主任"),
    ("麦子坪“美丽家园”建设", "城镇建设管理", "麦子坪片区房前屋后环境整治、绿化补植、道路黑化和公共照明", 280,
     "区级城市更新资金、街道配套", "街道规划建设管理办公室", "分管城建副主任"),
    ("山窝片区“一改三提”", "城镇建设管理", "改造山窝片区老旧房屋，提升供水、排水、供电设施", 320,
     "老旧小区改造资金", "街道规划建设管理办公室", "分管城建副主任"),
    ("中心街老旧小区加装电梯（6部）", "城镇建设管理", "在中心街社区6个单元加装电梯，居民自筹与财政补助结合", 210,
     "财政补助、居民自筹", "中心街社区居委会", "分管民政副主任"),
    ("社区老年食堂（2处）", "养老服务", "在白涛社区、麦子坪社区各建一处老年食堂，提供助餐送餐", 90,
     "区养老服务资金、街道配套", "街道社会事务办公室", "分管民政副主任"),
    ("打通化工园社区断头路", "交通出行", "新建化工园社区至白涛大道连接道路0.8公里", 360,
     "区交通专项资金", "街道城市管理办公室", "分管城建副主任"),
    ("白涛社区雨污分流改造", "生态环境", "白涛社区主街及背街小巷雨污分流管网改造2.1公里", 240,
     "区生态环境专项资金", "街道生态环境保护办公室", "分管环保副主任"),
    ("背街小巷照明和监控补缺", "公共安全", "在12条背街小巷增设路灯86盏、监控探头40个", 75,
     "街道财政", "街道平安建设办公室", "分管政法副主任"),
    ("口袋公园建设（2个）", "文化体育", "在中心街、坪上村各建设一处口袋公园，配置健身器材", 120,
     "街道财政、社会捐赠", "街道公共服务办公室", "分管文体副主任"),
    ("社区卫生服务站提档升级", "医疗卫生", "麦子坪社区卫生服务站改扩建，增配全科诊疗设备", 85,
     "区卫生健康专项资金", "街道社区卫生服务中心", "分管卫健副主任"),
    ("零工驿站建设", "就业创业", "在白涛社区建设零工驿站，发布用工信息，提供技能培训", 40,
     "就业补助资金", "街道社会保障服务所", "分管社保副主任"),
    ("金子山村人行便道建设", "交通出行", "金子山村至小学人行便道硬化1.5公里，设置安全护栏", 95,
     "街道财政", "街道农业服务中心", "分管农业副主任"),
    ("石佛村饮水管网改造", "乡村建设", "更换石佛村老化供水管网6公里，新建蓄水池1座", 130,
     "区水利专项资金", "街道农业服务中心", "分管农业副主任"),
    ("三门子村便民服务中心改造", "社会保障", "改造三门子村便民服务中心，设置一站式服务窗口", 60,
     "街道财政", "街道党政办公室", "分管党建副主任"),
]


@dataclass(frozen=True)
class Place:
    """The demo's place: where proposals come from, how the roster is grouped, what is on the ballot."""
    terms: Terms
    villages: list[str]
    groups: list[str]
    proposals: list
    candidates: list
    seats: int
    on_ballot: int
    members: int  # the roster's size (the street's: council members and 人大代表 together)
    deputies_in_council: int  # 人大代表 sitting in a street council as fixed members (0 for a town)
    host: str  # who hears the plan at 年初问计划
    hall: str  # where the meetings sit

    def kind_and_sector(self, index: int, rng) -> tuple[str, str]:
        """A roster member's 身份 and 界别/职业: the street's first members are the area's 人大代表."""
        if not self.terms.has_kinds:
            return self.terms.default_kind, ""
        if index < self.deputies_in_council:
            return "人大代表", DEPUTY_SECTORS[index % len(DEPUTY_SECTORS)]
        return "议事代表", rng.choice(SECTORS)

    def group(self, index: int) -> str:
        return self.groups[index % len(self.groups)]


def place_for(level: str, deputies: int) -> Place:
    terms = terms_for(level)
    if level == STREET:
        return Place(terms, COMMUNITIES, STREET_GROUPS, STREET_PROPOSALS, STREET_CANDIDATES, 8, 12, deputies, 8,
                     "人大白涛街道工委", "街道议事代表之家")
    groups = [f"第{'一二三四五六'[i]}代表小组（{a}）" for i, a in enumerate(D.GROUP_AREAS)]
    return Place(terms, D.VILLAGES, groups, D.PROPOSAL_TEMPLATES, D.CANDIDATES, 10, 15, deputies, 0, "镇人大主席团",
                 "镇人大会议室")
