"""The town's own details and policy: jurisdiction, years, vote rules, categories, chain, scoring."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.assessment import AssessmentPolicy
from ..domain.catalog import CHAIN_PRESETS, DEFAULT_CATEGORIES, LEVELS, clean_list
from ..domain.errors import UserError
from ..domain.progress import LightPolicy
from ..domain.rules import VotePolicy
from ..domain.satisfaction import ScoringPolicy
from ..domain.supervision_plan import system_of
from ..domain.terms import terms_for
from ..domain.vocabulary import SupervisionSystem
from ..domain.work_year import working_year, working_year_note
from ..storage import audit_repo, deputy_repo, overview_repo, settings_repo
from .base import DatedService
from .changes import SETTINGS, YEAR, Changes

CODE_RE = re.compile(r"^\d{6,12}$")


@dataclass(frozen=True)
class TownInfo:
    code: str
    name: str
    level: str
    parent_code: str
    parent_name: str
    congress_name: str
    contact: str


@dataclass(frozen=True)
class DocumentStyle:
    """How the town's documents are issued (公告, 计票结果报告单, 进展公示 …): 本级机关名称 signs them and heads the
    red masthead; 是否套红 prints that masthead and its rule in red (off: plain paper, or paper with a printed head)."""
    issuing_body: str = ""  # empty: the default for the level, e.g. 清溪镇人民代表大会主席团
    red_header: bool = False

    def to_dict(self) -> dict:
        return {"issuing_body": self.issuing_body, "red_header": self.red_header}

    @classmethod
    def from_dict(cls, data: dict | None) -> DocumentStyle:
        data = data or {}
        return cls(str(data.get("issuing_body", "") or "").strip(), bool(data.get("red_header", False)))

    def body_for(self, name: str, level: str) -> str:
        return self.issuing_body or default_issuing_body(name, level)


def default_issuing_body(name: str, level: str) -> str:
    """清溪镇人民代表大会主席团 / 人大白涛街道工作委员会 / 示范县人民代表大会常务委员会 (domain/terms.py)."""
    return terms_for(level).issuer_of(name)


def validate_document_style(style: DocumentStyle) -> DocumentStyle:
    style = DocumentStyle.from_dict(style.to_dict())
    if len(style.issuing_body) > 40:
        raise UserError("“本级机关名称”过长（不超过 40 字），例如“清溪镇人民代表大会主席团”",
                        "the issuing body's name is too long", field="本级机关名称")
    return style


@dataclass(frozen=True)
class TownSettings:
    town: TownInfo
    years: tuple[int, ...]
    current_year: int
    vote_policy: VotePolicy
    categories: tuple[str, ...]
    screening_chain: tuple[str, ...]
    scoring: ScoringPolicy
    documents: DocumentStyle = field(default_factory=DocumentStyle)
    supervision_system: str = SupervisionSystem.QUARTERLY  # 季会制 / 年中会议制: the default supervision plan
    lights: LightPolicy = field(default_factory=LightPolicy)
    assessment: AssessmentPolicy = field(default_factory=AssessmentPolicy)


@dataclass(frozen=True)
class FirstSteps:
    """What a new town does first, each judged from the data (never from a remembered "done" flag)."""

    applies: bool  # a town or street; a county or city database gathers others' data instead
    deputies: int  # serving deputies on the roster
    current_year: int
    suggested_year: int  # by the calendar (domain.work_year)
    year_note: str
    proposals: int  # proposals recorded in the current year
    proposals_any_year: int = 0

    @property
    def roster_done(self) -> bool:
        return self.deputies > 0

    @property
    def year_done(self) -> bool:
        return self.current_year >= self.suggested_year

    @property
    def intake_done(self) -> bool:
        return self.proposals > 0

    @property
    def all_done(self) -> bool:
        return self.roster_done and self.year_done and self.intake_done

    @property
    def new_town(self) -> bool:
        """No deputies or no proposal in any year yet: the app opens on the start page, not the home page."""
        return self.applies and (self.deputies == 0 or self.proposals_any_year == 0)


class NoTownError(UserError):
    pass


def validate_town(info: TownInfo) -> TownInfo:
    name = info.name.strip()
    if not name:
        raise UserError("“名称”不能为空，例如“清溪镇”", "name is required", field="名称")
    code = info.code.strip()
    if not CODE_RE.match(code):
        raise UserError("“行政区划代码”应为 6～12 位数字，例如 610921101", "code must be 6-12 digits", field="行政区划代码")
    if info.level not in LEVELS:
        raise UserError(f"“级别”应为 {'、'.join(LEVELS)} 之一", "unknown level", field="级别")
    parent = info.parent_code.strip()
    if parent and not CODE_RE.match(parent):
        raise UserError("“上级行政区划代码”应为 6～12 位数字或留空", "parent code must be digits", field="上级代码")
    if parent == code:
        raise UserError("上级代码不能与本级代码相同", "parent code equals own code", field="上级代码")
    return TownInfo(code, name, info.level, parent, info.parent_name.strip(), info.congress_name.strip(),
                    info.contact.strip())


def init_town(s, info: TownInfo, year: int) -> None:
    """Write the local jurisdiction with the default policy for its level (inside the caller's unit of work)."""
    info = validate_town(info)
    if settings_repo.local_jurisdiction(s) is not None:
        raise UserError("本数据库已设置本级信息", "this database already has its jurisdiction")
    settings_repo.add_local_jurisdiction(s, code=info.code, name=info.name, level=info.level,
                                         parent_code=info.parent_code or None, parent_name=info.parent_name,
                                         congress_name=info.congress_name, contact=info.contact)
    settings_repo.put(s, info.code, "vote_policy", VotePolicy().to_dict())
    settings_repo.put(s, info.code, "categories", list(DEFAULT_CATEGORIES))
    settings_repo.put(s, info.code, "screening_chain", list(CHAIN_PRESETS[info.level]))
    settings_repo.put(s, info.code, "scoring_policy", ScoringPolicy().to_dict())
    settings_repo.put(s, info.code, "current_year", year)
    settings_repo.ensure_year(s, info.code, year)
    audit_repo.append(s, info.code, "town.created", entity="jurisdiction", entity_id=info.code, detail=info.__dict__)


class SettingsService(DatedService):

    def has_town(self) -> bool:
        with self.db.unit_of_work() as s:
            return settings_repo.local_jurisdiction(s) is not None

    def create_town(self, info: TownInfo, *, year: int | None = None) -> Changes:
        """First run: the jurisdiction this file belongs to, with default policy for its level. The working year
        follows the calendar unless given: from September on, intake is for next year (domain.work_year)."""
        info = validate_town(info)
        year = year or working_year(self.today)
        with self.db.unit_of_work() as s:
            init_town(s, info, year)
        return Changes.of(SETTINGS, YEAR, message="已建立本级信息")

    def load(self) -> TownSettings:
        with self.db.unit_of_work() as s:
            j = settings_repo.local_jurisdiction(s)
            if j is None:
                raise NoTownError("尚未设置本级信息（乡镇名称与行政区划代码）", "no jurisdiction set up yet")
            code = j.code
            years = settings_repo.years(s, code)
            current = settings_repo.get(s, code, "current_year", years[-1] if years else self.today.year)
            return TownSettings(
                town=TownInfo(j.code, j.name, j.level, j.parent_code or "", j.parent_name, j.congress_name, j.contact),
                years=tuple(years),
                current_year=int(current),
                vote_policy=VotePolicy.from_dict(settings_repo.get(s, code, "vote_policy")),
                categories=tuple(settings_repo.get(s, code, "categories", list(DEFAULT_CATEGORIES))),
                screening_chain=tuple(settings_repo.get(s, code, "screening_chain", list(CHAIN_PRESETS[j.level]))),
                scoring=ScoringPolicy.from_dict(settings_repo.get(s, code, "scoring_policy")),
                documents=DocumentStyle.from_dict(settings_repo.get(s, code, "document_style")),
                supervision_system=system_of(settings_repo.get(s, code, "supervision_system")),
                lights=LightPolicy.from_dict(settings_repo.get(s, code, "light_policy")),
                assessment=AssessmentPolicy.from_dict(settings_repo.get(s, code, "assessment_policy")),
            )

    def first_steps(self) -> FirstSteps:
        """The start page's three steps: the roster imported, the working year set, intake begun."""
        with self.db.unit_of_work() as s:
            j = settings_repo.local_jurisdiction(s)
            if j is None:
                raise NoTownError("尚未设置本级信息（乡镇名称与行政区划代码）", "no jurisdiction set up yet")
            years = settings_repo.years(s, j.code)
            current = int(settings_repo.get(s, j.code, "current_year", years[-1] if years else self.today.year))
            proposals = sum(overview_repo.proposals_by_status(s, j.code, current).values())
            ever = overview_repo.proposals_ever(s, j.code)
            return FirstSteps(j.level in ("乡镇", "街道"), deputy_repo.count_active(s, j.code), current,
                              working_year(self.today), working_year_note(self.today), proposals, ever)

    def _code(self, s) -> str:
        return settings_repo.local_code(s)

    def save_town(self, info: TownInfo) -> Changes:
        """Name, level, parent and contact may change; the code is the town's identity and does not."""
        info = validate_town(info)
        with self.db.unit_of_work() as s:
            j = settings_repo.local_jurisdiction(s)
            if j is None:
                raise NoTownError("尚未设置本级信息", "no jurisdiction set up yet")
            if info.code != j.code:
                raise UserError("行政区划代码是本级数据的身份标识，建立后不能修改", "the code cannot change")
            before = {"name": j.name, "level": j.level, "parent_code": j.parent_code, "parent_name": j.parent_name,
                      "congress_name": j.congress_name, "contact": j.contact}
            settings_repo.update_jurisdiction(j, name=info.name, level=info.level, parent_code=info.parent_code or None,
                                              parent_name=info.parent_name, congress_name=info.congress_name,
                                              contact=info.contact)
            audit_repo.append(s, j.code, "town.updated", entity="jurisdiction", entity_id=j.code,
                              detail={"before": before, "after": info.__dict__})
        return Changes.of(SETTINGS, message="本级信息已保存")

    def add_year(self, year: int) -> Changes:
        if not 2000 <= year <= 2100:
            raise UserError("年度应在 2000～2100 之间", "year must be between 2000 and 2100", field="年度")
        with self.db.unit_of_work() as s:
            code = self._code(s)
            if year in settings_repo.years(s, code):
                raise UserError(f"{year} 年度已存在", f"year {year} exists", field="年度")
            settings_repo.ensure_year(s, code, year)
            audit_repo.append(s, code, "year.added", entity="year", entity_id=str(year))
        return Changes.of(YEAR, message=f"已新建 {year} 年度")

    def set_current_year(self, year: int) -> Changes:
        with self.db.unit_of_work() as s:
            code = self._code(s)
            if year not in settings_repo.years(s, code):
                raise UserError(f"没有 {year} 年度，请先新建", f"no year {year}", field="年度")
            settings_repo.put(s, code, "current_year", year)
        return Changes.of(YEAR, message=f"当前年度：{year}")

    def _save(self, key: str, value, action: str, message: str) -> Changes:
        with self.db.unit_of_work() as s:
            code = self._code(s)
            before = settings_repo.get(s, code, key)
            settings_repo.put(s, code, key, value)
            audit_repo.append(s, code, action, entity="setting", entity_id=key,
                              detail={"before": before, "after": value})
        return Changes.of(SETTINGS, message=message)

    def save_vote_policy(self, policy: VotePolicy) -> Changes:
        data = VotePolicy.from_dict(policy.to_dict()).to_dict()  # validates every field
        if policy.candidates_planned < policy.rules.seats:
            raise UserError(
                f"候选项目数 {policy.candidates_planned} 不能少于应选项目数 {policy.rules.seats}",
                "planned candidates must not be fewer than seats", field="候选项目数",
            )
        return self._save("vote_policy", data, "settings.vote_policy", "票决规则已保存")

    def save_categories(self, categories: list[str]) -> Changes:
        return self._save("categories", clean_list(categories, "类别"), "settings.categories", "项目类别已保存")

    def save_screening_chain(self, stages: list[str]) -> Changes:
        return self._save("screening_chain", clean_list(stages, "审定环节"), "settings.screening_chain", "审定流程已保存")

    def save_scoring_policy(self, policy: ScoringPolicy) -> Changes:
        data = ScoringPolicy.from_dict(policy.to_dict()).to_dict()
        return self._save("scoring_policy", data, "settings.scoring_policy", "测评规则已保存")

    def save_supervision_system(self, system: str) -> Changes:
        """季会制 (four 季会 a year) or 年中会议制 (one 年中会议): the default supervision plan follows it."""
        return self._save("supervision_system", str(system_of(system)), "settings.supervision_system",
                          f"监督制度已保存：{system}")

    def save_document_style(self, style: DocumentStyle) -> Changes:
        """本级机关名称 (blank: the default for the level) and 是否套红, for every document the town issues."""
        style = validate_document_style(style)
        return self._save("document_style", style.to_dict(), "settings.document_style", "公文格式已保存")

    def save_light_policy(self, policy: LightPolicy) -> Changes:
        """灯色规则: by milestones (default) or by schedule lag with its two thresholds, and 基本完成's percent."""
        data = LightPolicy.from_dict(policy.to_dict()).to_dict()  # validates every field
        return self._save("light_policy", data, "settings.light_policy", "灯色规则已保存")

    def save_assessment_policy(self, policy: AssessmentPolicy) -> Changes:
        """乡镇考核: each item's points, the supervision events expected and the package's due day."""
        data = AssessmentPolicy.from_dict(policy.to_dict()).to_dict()  # validates every field
        return self._save("assessment_policy", data, "settings.assessment_policy", "乡镇考核规则已保存")
