"""设置 › 重复建议识别: the town's own need words and fillers, added to the defaults the app ships."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.similarity import Reader, explain
from ..domain.wording import DEFAULT_FILLERS, DEFAULT_SYNONYMS, clean_extra, parse_groups, parse_words
from ..storage import audit_repo, settings_repo
from ..storage.db import Database
from . import lookalike
from .changes import SETTINGS, Changes

PLACE_AT_START = re.compile(r"^([\u4e00-\u9fff]{1,6}?(?:村|社区|居委会))")


@dataclass(frozen=True)
class TownWords:
    synonyms: str  # the town's lines: 需求词 其他说法 …
    fillers: str  # the town's filler words, separated by spaces
    default_synonyms: str
    default_fillers: str


@dataclass(frozen=True)
class Trial:
    """Two proposals compared as the detector would: the score, the threshold and the shared words."""
    score: float
    threshold: float
    shared: tuple[str, ...]
    same_place: bool

    @property
    def flagged(self) -> bool:
        return self.same_place and self.score >= self.threshold


class WordingService:
    def __init__(self, db: Database):
        self.db = db

    def load(self) -> TownWords:
        with self.db.unit_of_work(read_only=True) as s:
            words = lookalike.town_words(s, settings_repo.local_code(s))
        return TownWords("\n".join(" ".join(g) for g in words["synonyms"]), " ".join(words["fillers"]),
                         DEFAULT_SYNONYMS.strip(), " ".join(DEFAULT_FILLERS.split()))

    def words(self) -> dict:
        with self.db.unit_of_work(read_only=True) as s:
            return lookalike.town_words(s, settings_repo.local_code(s))

    def save(self, synonyms: str, fillers: str) -> Changes:
        groups, words = clean_extra(parse_groups(synonyms), parse_words(fillers))
        value = {"synonyms": groups, "fillers": words}
        with self.db.unit_of_work() as s:
            code = settings_repo.local_code(s)
            before = settings_repo.get(s, code, lookalike.SETTING)
            settings_repo.put(s, code, lookalike.SETTING, value)
            audit_repo.append(s, code, "settings.lookalike_words", entity="setting", entity_id=lookalike.SETTING,
                              detail={"before": before, "after": value})
        return Changes.of(SETTINGS, message=f"重复建议识别用词已保存（同义词 {len(groups)} 组，不计词 {len(words)} 个）")

    def trial(self, first: str, second: str, synonyms: str | None = None, fillers: str | None = None) -> Trial:
        """Compare two texts (title, then content after a line break) with the saved or the typed words."""
        from ..domain.similarity import THRESHOLD
        from ..domain.wording import build_lexicon

        if synonyms is None or fillers is None:
            words = self.words()
        else:
            groups, extra = clean_extra(parse_groups(synonyms), parse_words(fillers))
            words = {"synonyms": groups, "fillers": extra}
        reader = Reader(build_lexicon(words["synonyms"], words["fillers"]))

        def read(text: str):
            title, content = (text.strip().split("\n", 1) + [""])[:2]
            place = PLACE_AT_START.match(title)  # 张湾村… : the place, kept apart as in the year's index
            return reader.entry(title, content, place.group(1) if place else "")

        a, b = read(first), read(second)
        match = explain(a, b)
        return Trial(match.score, THRESHOLD, match.shared, not (a.place and b.place and a.place != b.place))
