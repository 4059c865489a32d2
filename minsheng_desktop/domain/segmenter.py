"""Chinese word segmentation for the look-alike detector: jieba's dictionary through rjieba (jieba-rs).

Why rjieba: it is jieba — the same 349,000-word dictionary and the same algorithm (a word graph over the
dictionary, the most probable path, an HMM for words the dictionary lacks) — in Rust, maintained, with the
dictionary compiled into the extension module. Nothing is downloaded or written at run time (jieba 0.42 builds a
cache file in the temp folder on first use), the PyInstaller bundle has no data file to forget, and it segments
about 30 times faster than jieba 0.42 (10,000 proposals in about 0.3 s instead of 4 s), which keeps an import of
10,000 proposals within its time budget.

Loaded on first use (about 0.3 s), never at start-up. Without rjieba (a broken install) the detector still works on
the lexicon's words and character pairs, less well; ``available()`` says which.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_tag = None


def _load():
    global _tag
    with _lock:
        if _tag is None:
            try:
                import rjieba

                _tag = rjieba.tag
            except ImportError:  # pragma: no cover - a broken install; the fallback keeps intake working
                _tag = _pairs
    return _tag


def _pairs(text: str, hmm: bool = True) -> list[tuple[str, str]]:
    """Character pairs tagged as nouns: a crude stand-in when the segmenter is missing."""
    out = []
    run = ""
    for ch in text + "，":
        if "\u3400" <= ch <= "\u9fff":
            run += ch
            continue
        out += [(run[i:i + 2], "n") for i in range(max(len(run) - 1, 0))]
        run = ""
    return out


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech tag) pairs, jieba's tag set (n noun, v verb, a adjective, d adverb, x punctuation …)."""
    return (_tag or _load())(text, True)


def available() -> bool:
    return _load() is not _pairs


def warm_up() -> None:
    """Load the dictionary now (a background thread may call this so the first keystroke does not wait)."""
    tag("预热")
