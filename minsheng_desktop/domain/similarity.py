"""Finding proposals that ask for the same thing, however they are worded.

"张湾村饮水管网改造" (the office's title) and "张湾村自来水三天两头停水 — 水管老化到处漏水，经常停水" (a
resident's words) are one wish. Each proposal is read whole, title and content:

1. The place (the 村(社区) column, or a known place named in the text) is taken out and kept apart: two proposals
   about different places never match, however alike their words.
2. The rest is split into words. The town's lexicon (``domain.wording``: need words with the ways people say them,
   and filler words) is read first, longest word first; the words between are segmented with jieba's dictionary
   (``segmenter``).
3. A need word from the lexicon weighs most (``NEED``); other nouns weigh 1, verbs and adjectives less; fillers,
   function words, numbers and single characters not in the lexicon are not compared. A word only in the content
   weighs ``CONTENT`` of what it would in the title (a resident's story mentions much besides the need).
4. Two proposals are compared by the weight of the words they share against the weight of each (the cosine of
   their weighted word sets); ``THRESHOLD`` and above is a possible duplicate. ``explain`` says which words.

Candidates come from an inverted index kept per place, so a proposal is compared only with proposals about the
same place (or about no place in particular) that share a word — never a scan of everything.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from . import segmenter
from .wording import DEFAULT_LEXICON, Lexicon

NEED = 2.0  # a need word from the lexicon
POS_WEIGHT = {"n": 1.0, "v": 0.5, "a": 0.4, "l": 1.0, "i": 0.6, "j": 1.0}  # by the first letter of jieba's tag
PEOPLE = 1.0  # who is affected (老人, 儿童): it tells wishes apart, but a story mentions people in passing
CONTENT = 0.8  # a word met only in the content
CONTRAST = 0.5  # each title names a thing the other proposal never mentions: two different wishes
THRESHOLD = 0.5
UNPLACED = 0.2  # added to the threshold when one of the two names no place: the place could not be checked
TOWN_WIDE = ((re.compile(r"全镇|全乡|镇级|全街道|镇域|全县"), "全镇"), (re.compile(r"集镇|镇区|场镇|镇街"), "集镇"))
PLACE_SUFFIX = re.compile(r"(村民委员会|居民委员会|村委会|居委会|社区|街道|村|镇|乡|组)$")
_NOISE = re.compile(r"[\s0-9０-９a-zA-Z.．%％]+")


@dataclass(frozen=True)
class Entry:
    """A proposal as the detector reads it: its place, its words with their weights, and how each was written."""
    place: str
    weights: dict[str, float] = field(default_factory=dict)
    surfaces: dict[str, tuple[str, ...]] = field(default_factory=dict)
    named: frozenset[str] = frozenset()  # the lexicon's need words its title names

    @cached_property
    def norm(self) -> float:  # computed once: an import compares each proposal with thousands
        return math.sqrt(sum(w * w for w in self.weights.values()))

    @property
    def grams(self) -> frozenset[str]:  # the compared words (kept under the old name for callers that count them)
        return frozenset(self.weights)


@dataclass(frozen=True)
class Match:
    """Why two proposals were paired: the words they share, as each of them wrote them."""
    key: str
    score: float
    shared: tuple[str, ...]  # each shared word as both wrote it (自来水／饮水), heaviest first
    mine: tuple[str, ...]  # surface words in the new proposal's text
    theirs: tuple[str, ...]  # surface words in the other proposal's text


def find_place(text: str, places: set[str] | frozenset[str]) -> str:
    """The longest known place named in the text ('' if none), by set look-ups rather than a scan of places."""
    best = ""
    for end in range(len(text), 1, -1):
        for start in range(0, end - 1):
            piece = text[start:end]
            if len(piece) > len(best) and piece in places:
                best = piece
    return best


def place_bits(place: str) -> tuple[str, ...]:
    """The place and its short name (张湾村 → 张湾), as they are taken out of the text."""
    if not place:
        return ()
    stem = PLACE_SUFFIX.sub("", place)
    return (place, stem) if len(stem) >= 2 and stem != place else (place,)


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words)) if words else re.compile(r"(?!)")


class Reader:
    """Turns a proposal's text into an ``Entry`` with one lexicon (the defaults and the town's own words)."""

    def __init__(self, lexicon: Lexicon = DEFAULT_LEXICON):
        self.lexicon = lexicon
        self._known = _pattern(tuple(w for w in lexicon.known_words() if len(w) >= 2))

    def entry(self, title: str, content: str = "", village: str = "",
              places: set[str] | frozenset[str] = frozenset()) -> Entry:
        title, content = title or "", content or ""
        place = (village or "").strip() or find_place(_NOISE.sub("", title + "，" + content), places) \
            or next((name for pattern, name in TOWN_WIDE if pattern.search(title)), "")
        weights: dict[str, float] = {}
        surfaces: dict[str, list[str]] = defaultdict(list)
        named: set[str] = set()
        for text, factor in ((title, 1.0), (content, CONTENT)):
            for bit in place_bits(place):
                text = text.replace(bit, "，")
            for key, weight, surface in self._words(_NOISE.sub("，", text)):
                weight *= factor
                if weight > weights.get(key, 0.0):
                    weights[key] = weight
                if surface not in surfaces[key]:
                    surfaces[key].append(surface)
                if factor == 1.0 and key in self.lexicon.heads:
                    named.add(key)
        return Entry(place, weights, {k: tuple(v) for k, v in surfaces.items()}, frozenset(named))

    def _words(self, text: str):
        lex = self.lexicon
        pos = 0
        for m in self._known.finditer(text):
            yield from self._plain(text[pos:m.start()])
            word = m.group()
            if word not in lex.fillers:
                head = lex.synonyms[word]
                yield head, PEOPLE if head in lex.people else NEED, word
            pos = m.end()
        yield from self._plain(text[pos:])

    def _plain(self, text: str):
        if not text.strip("，"):
            return
        lex = self.lexicon
        for word, flag in segmenter.tag(text):
            if word in lex.fillers:
                continue
            head = lex.synonyms.get(word)
            if head is not None:
                yield head, PEOPLE if head in lex.people else NEED, word
            elif len(word) >= 2:
                weight = POS_WEIGHT.get(flag[:1], 0.0)
                if weight:
                    yield word, weight, word


class SimilarityIndex:
    """Incremental index: ``add`` proposals as they arrive, ``similar`` to flag a new one, ``explain`` why.

    Postings are kept per place, so a proposal is compared only with proposals about the same place (or about no
    place in particular); the score is the cosine of the two weighted word sets."""

    def __init__(self, threshold: float = THRESHOLD, lexicon: Lexicon = DEFAULT_LEXICON, reader: Reader | None = None):
        self.threshold = threshold
        self.reader = reader or Reader(lexicon)
        # word -> [(proposal key, the word's weight in it)], per place and over all places
        self._by_place: dict[str, dict[str, list[tuple[str, float]]]] = defaultdict(lambda: defaultdict(list))
        self._all: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self._entries: dict[str, Entry] = {}
        self._titles: dict[str, str] = {}
        self.places: set[str] = set()

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, title: str, village: str = "", content: str = "") -> Entry:
        return self.reader.entry(title, content, village, self.places)

    def add(self, key: str, title: str, village: str = "", entry: Entry | None = None, *, content: str = "") -> None:
        entry = entry or self.entry(title, village, content)
        if entry.place:
            self.places.add(entry.place)
        self._entries[key] = entry
        self._titles[key] = title
        postings = self._by_place[entry.place]
        for word, weight in entry.weights.items():
            postings[word].append((key, weight))
            self._all[word].append((key, weight))

    def title(self, key: str) -> str:
        return self._titles[key]

    def get(self, key: str) -> Entry | None:
        return self._entries.get(key)

    def similar(self, title: str, village: str = "", *, limit: int = 5, exclude: str | None = None,
                entry: Entry | None = None, content: str = "") -> list[tuple[str, float]]:
        """Keys of indexed proposals that ask for the same thing at the same place, best first."""
        return self.scored(entry or self.entry(title, village, content), limit=limit, exclude=exclude)

    def matches(self, mine: Entry, *, limit: int = 5, exclude: str | None = None) -> list[Match]:
        """The look-alikes of ``mine``, best first, each with why (the words they share, as each wrote them)."""
        return [self.explain(mine, key, score) for key, score in self.scored(mine, limit=limit, exclude=exclude)]

    def scored(self, mine: Entry, *, limit: int = 5, exclude: str | None = None) -> list[tuple[str, float]]:
        """(key, score) of the look-alikes of ``mine``, best first."""
        if not mine.weights:
            return []
        if mine.place:
            sources = [self._by_place.get(mine.place, {}), self._by_place.get("", {})]
        else:
            sources = [self._all]
        shared: dict[str, float] = {}
        get = shared.get
        cap = max(200, len(self._entries) // 10)  # a word in over 10% of proposals says little and costs O(n)
        for postings in sources:
            for word, weight in mine.weights.items():
                posting = postings.get(word)
                if posting and (mine.place or len(posting) <= cap):
                    for key, theirs_weight in posting:
                        shared[key] = get(key, 0.0) + weight * theirs_weight
        norm = mine.norm
        out = []
        entries = self._entries
        for key, dot in shared.items():
            theirs = entries[key]
            # The contrast factor only lowers a score: pairs below the line without it cannot reach it.
            floor = self.threshold + (0.0 if mine.place and theirs.place else UNPLACED)
            score = dot / (norm * theirs.norm)
            if score < floor or key == exclude:
                continue
            score *= contrast(mine, theirs)
            if score >= floor:
                out.append((key, round(score, 3)))
        out.sort(key=lambda kv: (-kv[1], kv[0]))
        return out[:limit]

    def explain(self, mine: Entry, key: str, score: float | None = None) -> Match:
        theirs = self._entries[key]
        return explain(mine, theirs, key, score)


def score(a: Entry, b: Entry) -> float:
    """The cosine of two proposals' weighted words; 0 when they are about different places."""
    if a.place and b.place and a.place != b.place:
        return 0.0
    dot = sum(w * b.weights[k] for k, w in a.weights.items() if k in b.weights)
    return dot / (a.norm * b.norm) * contrast(a, b) if dot else 0.0


def contrast(a: Entry, b: Entry) -> float:
    """``CONTRAST`` when each title names something the other proposal never mentions (老年活动中心 / 儿童活动中心,
    幼儿园学位 / 小学学位): two wishes that share the rest of their words. 1 otherwise."""
    if any(k not in b.weights for k in a.named) and any(k not in a.weights for k in b.named):
        return CONTRAST
    return 1.0


def _common(mine: Entry, theirs: Entry) -> list[str]:
    mw, tw = mine.weights, theirs.weights
    return sorted(mw.keys() & tw.keys(), key=lambda k: (-(mw[k] * tw[k]), k))


def shared_words(mine: Entry, theirs: Entry, common: list[str] | None = None) -> tuple[str, ...]:
    """Each word two proposals share, as both wrote it (自来水／饮水), heaviest first."""
    ms, ts = mine.surfaces, theirs.surfaces
    return tuple("／".join(dict.fromkeys(ms.get(k, ()) + ts.get(k, ())[:2])) or k
                 for k in (common if common is not None else _common(mine, theirs)))


def explain(mine: Entry, theirs: Entry, key: str = "", value: float | None = None) -> Match:
    common = _common(mine, theirs)
    return Match(key, round(score(mine, theirs), 3) if value is None else value, shared_words(mine, theirs, common),
                 tuple(w for k in common for w in mine.surfaces.get(k, ())),
                 tuple(w for k in common for w in theirs.surfaces.get(k, ())))


# The character-bigram reading the detector used before: the demo town still picks a candidate's source proposals
# by it (a rough "shares words with its name").
_SYNONYMS_OLD = (("通村公路", "道路"), ("村道", "道路"), ("公路", "道路"), ("太阳能路灯", "路灯"))
_FILLERS_OLD = ("建议", "关于", "修建", "新建", "建设", "安装", "改造", "硬化", "的")


def normalise(title: str, village: str = "", places: set[str] | frozenset[str] = frozenset()) -> tuple[str, str]:
    text = re.sub(r"[\s\W_0-9a-zA-Z]+", "", title or "")
    place = (village or "").strip() or find_place(text, places)
    if place:
        text = text.replace(place, "")
    for word, same in _SYNONYMS_OLD:
        text = text.replace(word, same)
    for word in _FILLERS_OLD:
        text = text.replace(word, "")
    return place, text


def bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))
