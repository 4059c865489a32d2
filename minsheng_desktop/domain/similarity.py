"""Finding proposals that say the same thing in other words (修建王家村村道 / 王家村村道硬化).

A title is reduced to what it asks for: the place (the village/community field, or a known place named in
the title) is taken out and compared separately, generic verbs are dropped and common synonyms folded
(村道/公路/道路 → 道路). What remains is compared by character bigrams (the Dice coefficient). Candidates come
from an inverted index kept per place, so a new title is compared only with titles about the same place that
share a bigram — never a scan of everything. Proposals about different places never match.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
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


def find_place(text: str, places: set[str] | frozenset[str]) -> str:
    """The longest known place named in the text ('' if none), by set look-ups rather than a scan of places."""
    best = ""
    for end in range(len(text), 1, -1):
        for start in range(0, end - 1):
            piece = text[start:end]
            if len(piece) > len(best) and piece in places:
                best = piece
    return best


def normalise(title: str, village: str = "", places: set[str] | frozenset[str] = frozenset()) -> tuple[str, str]:
    """(the place: the village field or a known place named in the title, the rest reduced to what is asked)."""
    text = _NOISE.sub("", title or "")
    place = (village or "").strip() or find_place(text, places)
    if place:
        text = text.replace(place, "")
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
    """Incremental index: ``add`` proposals as they arrive, ``similar`` to flag a new one.

    Postings are kept per place, so a title is compared only with titles about the same place (or about no
    place in particular); the score is the Dice coefficient of the reduced titles' bigrams.
    """

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._by_place: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._all: dict[str, list[str]] = defaultdict(list)
        self._entries: dict[str, Entry] = {}
        self._titles: dict[str, str] = {}
        self.places: set[str] = set()

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, title: str, village: str = "") -> Entry:
        place, rest = normalise(title, village, self.places)
        return Entry(place, bigrams(rest))

    def add(self, key: str, title: str, village: str = "", entry: Entry | None = None) -> None:
        entry = entry or self.entry(title, village)
        if entry.place:
            self.places.add(entry.place)
        self._entries[key] = entry
        self._titles[key] = title
        postings = self._by_place[entry.place]
        for gram in entry.grams:
            postings[gram].append(key)
            self._all[gram].append(key)

    def title(self, key: str) -> str:
        return self._titles[key]

    def similar(self, title: str, village: str = "", *, limit: int = 5, exclude: str | None = None,
                entry: Entry | None = None) -> list[tuple[str, float]]:
        """Keys of indexed titles that ask for the same thing at the same place, best first."""
        mine = entry or self.entry(title, village)
        if not mine.grams:
            return []
        if mine.place:
            sources = [self._by_place.get(mine.place, {}), self._by_place.get("", {})]
        else:
            sources = [self._all]
        shared: Counter[str] = Counter()
        cap = max(200, len(self._entries) // 10)  # a bigram in over 10% of titles says little and costs O(n)
        for postings in sources:
            for gram in mine.grams:
                posting = postings.get(gram)
                if posting and (mine.place or len(posting) <= cap):
                    shared.update(posting)
        size = len(mine.grams)
        need = math.ceil(self.threshold * size / 2)  # fewer shared bigrams cannot reach the threshold
        out = []
        for key, common in shared.items():
            if common < need or key == exclude:
                continue
            score = 2 * common / (size + len(self._entries[key].grams))
            if score >= self.threshold:
                out.append((key, round(score, 3)))
        out.sort(key=lambda kv: -kv[1])
        return out[:limit]
