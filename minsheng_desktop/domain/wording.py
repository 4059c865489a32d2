"""The words the look-alike detector knows: what a need is called (同义词) and what says nothing about it (不计词).

Residents and the office name one need in many ways: 自来水、吃水、停水 and 饮水管网 are all about the water
supply; 黑灯瞎火 and 路灯 are both about street lights. A synonym group folds such words into one need word (its
first word), and these need words weigh most when two proposals are compared. Filler words (建议、希望、经常、
到处、群众 …) and generic verbs (修建、改造、建设 …) say nothing about which need it is and are not compared.

The defaults below ship with the app; each town adds its own in 设置 › 重复建议识别 (its place names for a
stream or a hill, the local word for a pond). A town's groups are merged into the defaults: a group whose head
is a default head extends it; a word may belong to one group only (the town's choice wins).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .errors import UserError

# One group a line: the need word, then the ways people say it.
DEFAULT_SYNONYMS = """
饮水 自来水 饮用水 吃水 供水 用水 停水 断水 缺水 没水吃 吃不上水 饮水安全 水压 水源 井水 挑水 蓄水池 水池 水窖 山泉
管网 管道 水管 管子 管线 供水管 输水管
污水 脏水 废水 生活污水 下水道 化粪池 臭水 排污 洗衣水 厕所水
雨水 雨污分流 雨污 反水
道路 村道 公路 通村公路 村组道路 组道路 通组路 通组道路 马路 土路 路面 泥巴路 烂泥巴 烂泥 泥泞 石子路 路 机耕道 水泥路 巷子 小巷 背街小巷
硬化 铺水泥 打水泥
拓宽 加宽 太窄 路窄 会车 错车道
产业路 生产道路 生产路 运输 肩扛 运不出来
路灯 太阳能路灯 街灯 照明 灯 黑灯瞎火 黑咕隆咚 摸黑 不亮 手电筒
桥 便民桥 危桥 木桥 桥梁 农桥 漫水桥 桥板 桥面 过河
停车 停车位 停车场 停车难 乱停 车位 没地方停 停车棚 车棚
充电 充电桩 充电设施 飞线充电 拉电线 充电站 充电点
电梯 爬楼 上下楼 下楼 加装电梯
老人 老年人 老年 高龄老人 留守老人 独居老人 老两口 空巢老人 爷爷奶奶
儿童 孩子 娃娃 小孩 学生 幼儿 少年儿童 留守儿童
照料 照顾 照看 看护 日间照料 托老 养老服务
助餐 食堂 吃饭 老年食堂 助餐点 送餐 做饭 热饭
卫生室 村医 诊所 卫生所 看病 看个病 医务室 诊室 医疗
运动场 操场 跑道 塑胶跑道 体育课 田径场
清淤 淤泥 淤积 淤塞 疏浚 淤满
河道 河 河沟 河床 沟渠 河坎 河岸 沿河 临河 临水
河堤 堤坝 护岸 堤防 大坝
排洪 排水 排水沟 排洪沟 积水 进水 内涝 雨水排不出 灌
老旧小区 老小区 旧小区 老楼 楼房 老旧住宅
外墙 墙皮 瓷砖 外立面 墙面
候车 候车亭 公交站 站台 站牌 招呼站 等车 等公交
监控 视频监控 摄像头 雪亮工程 监控探头 探头 被偷 偷 丢东西 防盗
护栏 防护栏 防护栏杆 栏杆 波形护栏 防护 临崖 翻下去 掉下去
广场 文化广场 跳舞 广场舞 跳广场舞 活动场所
健身 健身器材 器材 锻炼 单杠 扭腰器 体育器材
幼儿园 入园 托班 私立园 幼儿学位
学位 入学 上学难 报名
学校 小学 中学 初中 中心小学 村小 校门口 学校门口
危房 土坯房 危旧房 裂缝 漏雨 提心吊胆
书屋 农家书屋 图书室 阅览室 图书 阅读 看书 新书 书
就业 找活 打零工 零工 招工 介绍工作 找工作 务工 就业服务 技能培训 培训
灌溉 浇地 浇水 浇不上水 农田 水渠 渠道 沟渠 栽秧 放水 灌不上 水利
公厕 公共厕所 上厕所 厕所
改厕 旱厕 户厕 水冲厕所 厕改
垃圾 垃圾桶 垃圾收集点 垃圾池 乱倒 清运 垃圾箱
信号 手机信号 基站 通信 没信号 打电话 网课 网络 宽带 光纤
塘堰 堰塘 山坪塘 山塘 水塘 池塘 塘 堰
冷库 冷链 保鲜 储藏 存放 放不住 仓储
广播 大喇叭 喇叭 村村响 应急广播
防火 森林防火 山火 着火 起火 防火通道 灭火 消防车 火灾
电网 电压 供电 停电 跳闸 农网 变压器 电线 用电
便民服务 办事 便民服务中心 便民服务室 服务大厅 党群服务中心
礼堂 文化礼堂 红白喜事 酒席 办酒
活动中心 活动室 活动场地 活动阵地
文化室 文化活动室 文化站
老年大学 老年学校 学唱歌 书法 老年教育
交通安全 减速带 斑马线 人行横道 车开得太快 车速快 警示标志
菜市场 农贸市场 买菜 集贸市场
"""

# Words that say nothing about which need it is: how people ask, how often, how bad, who.
DEFAULT_FILLERS = """
建议 关于 请求 希望 要求 恳请 呼吁 反映 解决 实施 项目 工程 问题 情况 事情 有关 相关 方面
修建 新建 建设 建 修 修缮 修复 维修 安装 装 增设 设置 开展 完善 提升 提档升级 升级 改造 改建 扩建 整治 治理 改善
加快 尽快 抓紧 及时 一下 一些 一个 一座 一条 一段 几个 好几 好多 很多 许多 大量 部分
经常 常常 老是 总是 三天两头 到处 都 全 又 还 也 就 太 很 非常 特别 严重 实在 根本 一直 每年 每天 年年 天天
群众 村民 居民 老百姓 大家 我们 他们 人家 家家户户 村里 村上 这边 那边 这里 那里 附近 周边 当地
困难 不便 不方便 难 麻烦 隐患 安全隐患 影响 出行 生活 需要 没有 没 有 不 能 不能 可以 只能
标准化 标准 规范化 设施 配套 配套设施 服务 中心 点 站 建设项目 工作
"""

# Need words that say who is affected or where rather than what is asked for: they weigh as ordinary nouns.
PEOPLE = frozenset({"老人", "儿童", "学校"})
MAX_WORDS = 2000  # a town's additions, all lists together
WORD_RE = re.compile(r"^[\u3400-\u9fffA-Za-z0-9（）()·]{1,12}$")


@dataclass(frozen=True)
class Lexicon:
    """Need words and fillers as the detector uses them: surface word -> need word, and the fillers."""

    synonyms: dict[str, str] = field(default_factory=dict)
    fillers: frozenset[str] = frozenset()
    people: frozenset[str] = PEOPLE

    @cached_property
    def heads(self) -> frozenset[str]:
        return frozenset(self.synonyms.values())

    def known_words(self) -> list[str]:
        """Every word the lexicon names, longest first (so 太阳能路灯 is read before 路灯)."""
        return sorted(set(self.synonyms) | set(self.fillers), key=lambda w: (-len(w), w))


def parse_groups(text: str) -> list[list[str]]:
    """Lines of words separated by spaces, commas or 、 (the first word names the need); blank lines skipped."""
    groups = []
    for line in text.splitlines():
        words = [w for w in re.split(r"[\s,，、=＝:：;；]+", line.strip()) if w]
        if words:
            groups.append(list(dict.fromkeys(words)))
    return groups


def parse_words(text: str) -> list[str]:
    return list(dict.fromkeys(w for w in re.split(r"[\s,，、;；]+", text or "") if w))


def clean_extra(synonyms: list[list[str]], fillers: list[str]) -> tuple[list[list[str]], list[str]]:
    """A town's additions, checked: words of Chinese characters, letters or digits, at most 12 characters each."""
    total = 0
    out_groups: list[list[str]] = []
    for group in synonyms:
        words = [str(w).strip() for w in group if str(w).strip()]
        for w in words:
            if not WORD_RE.match(w):
                raise UserError(f"同义词“{w}”不是一个词（只能是汉字、字母或数字，最多 12 个字）",
                                f"not a word: {w}", field="同义词")
        if len(words) >= 2:
            out_groups.append(list(dict.fromkeys(words)))
            total += len(words)
        elif words:
            raise UserError(f"“{words[0]}”这一行只有一个词：每行先写需求词，再写它的其他说法，用空格隔开",
                            "a synonym line needs at least two words", field="同义词")
    out_fillers = []
    for w in fillers:
        w = str(w).strip()
        if not w:
            continue
        if not WORD_RE.match(w):
            raise UserError(f"不计词“{w}”不是一个词（只能是汉字、字母或数字，最多 12 个字）", f"not a word: {w}",
                            field="不计词")
        out_fillers.append(w)
    total += len(out_fillers)
    if total > MAX_WORDS:
        raise UserError(f"本镇补充的词太多（{total} 个，最多 {MAX_WORDS} 个）", "too many words", field="同义词")
    return out_groups, list(dict.fromkeys(out_fillers))


def build_lexicon(extra_synonyms: Sequence[Sequence[str]] = (), extra_fillers: Sequence[str] = ()) -> Lexicon:
    """The defaults merged with a town's additions (its words win where they differ)."""
    synonyms: dict[str, str] = {}
    for group in parse_groups(DEFAULT_SYNONYMS) + [list(g) for g in extra_synonyms]:
        head = synonyms.get(group[0], group[0])  # a town's line headed by a default word extends that group
        for word in group:
            synonyms[word] = head
    fillers = set(parse_words(DEFAULT_FILLERS)) | set(extra_fillers)
    fillers -= {w for g in extra_synonyms for w in g}  # a town that lists a filler as a need word means it
    for word in fillers:
        synonyms.pop(word, None)
    return Lexicon(synonyms, frozenset(fillers))


DEFAULT_LEXICON = build_lexicon()
