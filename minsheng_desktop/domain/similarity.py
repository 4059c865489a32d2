"""Finding proposals that say the same thing in other words (修建王家村村道 / 王家村村道硬化).

A title is reduced to what it asks for: the place (the village/community field, or a known place named in
the title) is taken out and compared separately, generic verbs are dropped and common synonyms folded
(村道/公路/道路 → 道路). What remains is compared by character bigrams with rare-bigram weighting (a weighted
Dice coefficient). Candidates come from an inverted index, so a new title is compared only with titles that
share an informative bigram — never a scan of everything. Proposals about different places never match.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

_NOISE = re.compile(r"[\s\W_0-9a-zA-Z]+", re.UNICODE)
_SYNONYMS = (("通村公路", "道路"), ("村组道路", "道路"), ("通组路", "道路"), ("村道", "道路"), ("公路", "道路"),
             ("路面", "道路"), ("街灯", "路灯"), ("太阳能路灯", "路灯"), ("监控探头", "监控"), ("摄像头", "监控"),
             ("老年食堂", "助餐点"), ("老年人", "老人"), ("卫生所", "卫生室"))
_FILLERS = ("建议", "关于", "请求", "希望", "要求", "解决", "实施", "项目", "工程", "修建", "新建", "建设", "修缮",
            "安装", "开展", "增设", "完善", "提升", "改造", "硬化", "拓宽", "维修", "整治", "尽快", "加快", "问题", "的")
THRESHOLD = 0.6


@dataclass(frozen=True)
class Entry:
    place: str
    grams: frozenset[str]


def normalise(title: str, places: Iterable[str] = ()) -> tuple[str, str]:
    """(place named in the title or '', the rest reduced to what is asked for)."""
    text = _NOISE.sub("", title or "")
    place = ""
    for candidate in sorted(places, key=len, reverse=True):
        if candidate and candidate in text:
            place = candidate
            text = text.replace(candidate, "")
            break
    for word, same in _SYNONYMS:
        text = text.replace(word, same)
    for word in _FILLERS:
        text = text.replace(word, "")
    return place, text


def bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


class SimilarityIndex:
    """Incremental index: ``add`` proposals as they arrive, ``similar`` to flag a new one."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._postings: dict[str, list[str]] = defaultdict(list)
        self._entries: dict[str, Entry] = {}
        self._titles: dict[str, str] = {}
        self.places: set[str] = set()

    def __len__(self) -> int:
        return len(self._entries)

    def _weight(self, gram: str) -> float:
        return math.log((len(self._entries) + 2) / (len(self._postings.get(gram, ())) + 1)) + 1.0

    def _entry(self, title: str, village: str) -> Entry:
        village = (village or "").strip()
        place, rest = normalise(title, [village, *self.places] if village else self.places)
        return Entry(village or place, bigrams(rest))

    def add(self, key: str, title: str, village: str = "") -> None:
        if village:
            self.places.add(village.strip())
        entry = self._entry(title, village)
        self._entries[key] = entry
        self._titles[key] = title
        for gram in entry.grams:
            self._postings[gram].append(key)

    def title(self, key: str) -> str:
        return self._titles[key]

    def similar(self, title: str, village: str = "", *, limit: int = 5,
                exclude: str | None = None) -> list[tuple[str, float]]:
        """Keys of indexed titles that say the same thing about the same place, best first."""
        mine = self._entry(title, village)
        if not mine.grams:
            return []
        cap = max(60, len(self._entries) // 10)  # a bigram in over 10% of titles says little and costs O(n)
        shared: Counter[str] = Counter()
        for gram in mine.grams:
            posting = self._postings.get(gram)
            if posting and len(posting) <= cap:
                shared.update(posting)
        weights = {gram: self._weight(gram) for gram in mine.grams}
        total = sum(weights.values())
        out = []
        for key, _count in shared.items():
            other = self._entries[key]
            if key == exclude or (mine.place and other.place and mine.place != other.place):
                continue
            common = sum(weights[g] for g in mine.grams & other.grams)
            theirs = sum(weights.get(g) or self._weight(g) for g in other.grams)
            score = 2 * common / (total + theirs)
            if score >= self.threshold:
                out.append((key, round(score, 3)))
        out.sort(key=lambda kv: -kv[1])
        return out[:limit]
