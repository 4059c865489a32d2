"""The look-alike index for a year, read with the town's lexicon (设置 › 重复建议识别).

Reading a proposal (segmenting its title and content) is the costly part, so readings are kept per lexicon: the
list is rebuilt after every save, but a proposal whose text did not change is not read again."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable

from ..domain.similarity import Entry, Reader, SimilarityIndex
from ..domain.wording import Lexicon, build_lexicon
from ..storage import settings_repo

SETTING = "lookalike_words"
CACHE_LIMIT = 60_000  # readings kept per lexicon (a few MB), cleared when exceeded

_lock = threading.Lock()
_readers: dict[str, tuple[Reader, dict[tuple[str, str, str], Entry]]] = {}


def town_words(s, code: str) -> dict:
    """The town's own additions: {"synonyms": [[need word, other words …] …], "fillers": [words …]}."""
    data = settings_repo.get(s, code, SETTING) or {}
    return {"synonyms": [list(g) for g in data.get("synonyms", []) if g], "fillers": list(data.get("fillers", []))}


def lexicon_key(words: dict) -> str:
    return json.dumps(words, ensure_ascii=False, sort_keys=True)


def lexicon_for(words: dict) -> Lexicon:
    return _reader(words)[0].lexicon


def _reader(words: dict) -> tuple[Reader, dict[tuple[str, str, str], Entry]]:
    key = lexicon_key(words)
    with _lock:
        found = _readers.get(key)
        if found is None:
            found = (Reader(build_lexicon(words["synonyms"], words["fillers"])), {})
            _readers.clear()  # one town's lexicon at a time
            _readers[key] = found
        return found


class CachedIndex(SimilarityIndex):
    """A ``SimilarityIndex`` whose readings are remembered across rebuilds (same lexicon, same text)."""

    def __init__(self, words: dict):
        reader, self._cache = _reader(words)
        super().__init__(reader=reader)

    def entry(self, title: str, village: str = "", content: str = "") -> Entry:
        if village:  # with a village the reading does not depend on the places known so far
            key = (title, content, village)
            found = self._cache.get(key)
            if found is None:
                if len(self._cache) > CACHE_LIMIT:
                    self._cache.clear()
                found = self._cache[key] = super().entry(title, village, content)
            return found
        return super().entry(title, village, content)

    def indexed(self, key: str) -> Entry:
        """The reading of a proposal already in the index (a key ``scored`` returned)."""
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found


def build_index(rows: Iterable, words: dict) -> CachedIndex:
    """An index of rows with ``id``, ``title``, ``content`` and ``village``; every village is known before any
    proposal is read, so a proposal naming its village only in the text is still placed."""
    rows = list(rows)
    index = CachedIndex(words)
    index.places.update(r.village for r in rows if r.village)
    for r in rows:
        index.add(r.id, r.title, r.village, content=r.content)
    return index
