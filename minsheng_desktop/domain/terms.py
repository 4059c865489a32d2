"""The words that differ by the jurisdiction's level, decided once here and used by every screen and document.

A town (乡镇) holds its 人民代表大会 and its 代表 票决 the projects; a street (街道) has no people's congress: its
议事代表会议 — 议事代表 plus the area's 人大代表 as fixed members — 票选 them, and its notices are issued by the
人大街道工作委员会 (街道人大工委). A county or city congress votes like a town, and its standing committee issues.
Town wording is the default everywhere, so a caller that does not know the level says what it always said.
"""

from __future__ import annotations

from dataclasses import dataclass

from .rules import PASS_BASES
from .tally import STATUS_LABELS
from .vocabulary import MemberKind, TallyStatus

TOWN, STREET, COUNTY, CITY = "乡镇", "街道", "县区", "市"


@dataclass(frozen=True)
class Terms:
    """Every word of a level that is not the same for all levels."""

    level: str
    body: str  # the voting body, generic: 乡镇人民代表大会 / 街道议事代表会议
    body_short: str  # as the secretaries say it: 人代会 / 议事代表会议
    member: str  # 代表 / 议事代表
    vote: str  # 票决 / 票选
    meeting: str  # 大会 / 会议
    issuer_generic: str  # who issues notices: 主席团 / 街道人大工委 / 常委会
    # The words of the intake notice and the replies to proposers (town values: what those documents always said)
    system: str = "民生实事项目人大代表票决制"  # / 民生实事项目票选制
    area: str = "全镇"  # / 全街道
    office: str = "镇人大办公室"  # where a proposal is handed in: / 人大街道工委办公室
    government: str = "镇人民政府"  # who screens: / 街道办事处
    screener: str = "镇人大主席团"  # who deliberates the list: / 人大街道工委
    assembly: str = "镇人民代表大会"  # who votes, as a town's notice names it: / 街道议事代表会议
    voters: str = "人大代表"  # who scores the projects: / 议事代表和人大代表

    # Derived words ------------------------------------------------------------------------------------------
    @property
    def expected(self) -> str:
        return f"应到{self.member}"

    @property
    def present(self) -> str:
        return f"实到{self.member}"

    @property
    def attending(self) -> str:
        """出席代表 / 出席议事代表 (those present)."""
        return f"出席{self.member}"

    @property
    def ballot(self) -> str:
        """The ballot's name: 票决票 / 票选票."""
        return f"{self.vote}票"

    @property
    def result(self) -> str:
        return f"{self.vote}结果"

    @property
    def session(self) -> str:
        """票决会议 / 票选会议."""
        return f"{self.vote}会议"

    @property
    def roster(self) -> str:
        """代表名册 / 议事代表名册."""
        return f"{self.member}名册"

    @property
    def ballot_heading(self) -> str:
        """The line under a ballot's title: 民生实事项目票决票 / 民生实事项目票选票."""
        return f"民生实事项目{self.ballot}"

    @property
    def tally_heading(self) -> str:
        return f"民生实事项目{self.vote}计票单"

    @property
    def congress(self) -> str:
        """The voting body as a reply to a proposer names it: 人民代表大会 / 议事代表会议."""
        return "议事代表会议" if self.level == STREET else "人民代表大会"

    @property
    def congress_short(self) -> str:
        """The same in an SMS: 人代会 / 议事代表会议."""
        return "议事代表会议" if self.level == STREET else "人代会"

    @property
    def referral(self) -> str:
        """What becomes of an adopted proposal: 提请人民代表大会票决 / 提请议事代表会议票选."""
        return f"提请{self.congress}{self.vote}"

    @property
    def default_kind(self) -> str:
        """The kind a new roster member gets: a street's are 议事代表, everyone else's 人大代表."""
        return MemberKind.COUNCIL if self.level == STREET else MemberKind.DEPUTY

    @property
    def has_kinds(self) -> bool:
        """Whether the roster mixes 议事代表 and 人大代表 (a street) or holds 人大代表 only."""
        return self.level == STREET

    # Words that carry the place's name ----------------------------------------------------------------------
    def body_of(self, name: str) -> str:
        """清溪镇人民代表大会 / 白涛街道议事代表会议 / 示范县人民代表大会."""
        if self.level == STREET:
            return f"{name}议事代表会议"
        return f"{name}人民代表大会"

    def issuer_of(self, name: str) -> str:
        """The default 本级机关名称: 清溪镇人民代表大会主席团 / 人大白涛街道工作委员会 / 示范县人民代表大会常务委员会."""
        if self.level == STREET:
            return f"人大{name}工作委员会"
        if self.level in (COUNTY, CITY):
            return f"{name}人民代表大会常务委员会"
        return f"{name}人民代表大会主席团"

    def decider_of(self, name: str) -> str:
        """Who decides an adjustment, postponement or termination of a voted project."""
        if self.level in (COUNTY, CITY):
            return f"{name}人大常委会"
        return self.body_of(name)

    def session_title(self, name: str, year: int) -> str:
        """A new session's suggested title: 清溪镇2026年度民生实事项目票决."""
        return f"{name}{year}年度民生实事项目{self.vote}"

    def status_label(self, status: str) -> str:
        """有效 / 无效（出席议事代表不足法定人数） / 无效（收回票数多于发出票数）."""
        if status == TallyStatus.VOID_NO_QUORUM:
            return f"无效（{self.attending}不足法定人数）"
        return STATUS_LABELS[status]

    def pass_base_label(self, base: str) -> str:
        """全体议事代表（应到人数） for a street; the settings' own words elsewhere."""
        return PASS_BASES[base].replace("代表", self.member, 1)

    def quorum_line(self, reached: bool) -> str:
        """The projector's and the console's line about the quorum."""
        if reached:
            return f"{self.attending}已超过法定人数，可以进行{self.vote}"
        return f"{self.attending}尚未达到法定人数"


_TERMS = {
    TOWN: Terms(TOWN, "乡镇人民代表大会", "人代会", "代表", "票决", "大会", "主席团"),
    STREET: Terms(STREET, "街道议事代表会议", "议事代表会议", "议事代表", "票选", "会议", "街道人大工委",
                  "民生实事项目票选制", "全街道", "人大街道工委办公室", "街道办事处", "人大街道工委", "街道议事代表会议",
                  "议事代表和人大代表"),
    COUNTY: Terms(COUNTY, "县人民代表大会", "人代会", "代表", "票决", "大会", "常委会"),
    CITY: Terms(CITY, "市人民代表大会", "人代会", "代表", "票决", "大会", "常委会"),
}
TOWN_TERMS = _TERMS[TOWN]
STREET_TERMS = _TERMS[STREET]


def terms_for(level: str | None) -> Terms:
    """The words of a level (乡镇/街道/县区/市); an unknown or missing level reads as a town."""
    return _TERMS.get(level or TOWN, TOWN_TERMS)
