"""Scores the look-alike detector on the labelled set: every proposal in one year's index, as an import sees it.

A same-wish or look-alike pair is flagged when either proposal lists the other among its look-alikes; a distinct
proposal is flagged when it lists any other proposal at all. ``python -m tests.lookalike.evaluate`` prints the
figures and the misses."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from minsheng_desktop.domain.similarity import SimilarityIndex

from .distinct import distinct
from .pairs import LOOK_ALIKE, SAME_WISH


@dataclass
class Figures:
    same: int = 0
    same_flagged: int = 0
    alike: int = 0
    alike_flagged: int = 0
    distinct: int = 0
    distinct_flagged: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    wrongly_paired: list[tuple[str, str]] = field(default_factory=list)
    distinct_hits: list[tuple[str, str]] = field(default_factory=list)

    def rates(self) -> tuple[float, float, float]:
        return self.same_flagged / self.same, self.alike_flagged / self.alike, self.distinct_flagged / self.distinct

    def line(self) -> str:
        s, a, d = self.rates()
        return (f"same wish flagged {self.same_flagged}/{self.same} ({s:.0%}); look-alikes flagged "
                f"{self.alike_flagged}/{self.alike} ({a:.0%}); distinct flagged {self.distinct_flagged}/"
                f"{self.distinct} ({d:.1%})")


def proposals(seed: int = 7) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str]], list[tuple[str, str]],
                                      list[str]]:
    """(key, village, title, content) of every proposal in a shuffled order; the pairs' and the distinct keys."""
    rows, same, alike, single = [], [], [], []
    for n, (village, (_need, t1, c1), (t2, c2)) in enumerate(SAME_WISH):
        rows += [(f"s{n}a", village, t1, c1), (f"s{n}b", village, t2, c2)]
        same.append((f"s{n}a", f"s{n}b"))
    for n, (village, (_n1, t1, c1), (_n2, t2, c2)) in enumerate(LOOK_ALIKE):
        rows += [(f"l{n}a", village, t1, c1), (f"l{n}b", village, t2, c2)]
        alike.append((f"l{n}a", f"l{n}b"))
    for n, (village, title, content) in enumerate(distinct()):
        rows.append((f"d{n}", village, title, content))
        single.append(f"d{n}")
    random.Random(seed).shuffle(rows)
    return rows, same, alike, single


def evaluate(make_index=SimilarityIndex) -> Figures:
    rows, same, alike, single = proposals()
    index = make_index()
    index.places.update(v for _k, v, _t, _c in rows if v)  # the year's villages are known before any is read
    text = {}
    for key, village, title, content in rows:
        index.add(key, title, village, content=content)
        text[key] = title + ("：" + content if content else "")
    found = {key: {k for k, _ in index.similar(title, village, content=content, exclude=key, limit=50)}
             for key, village, title, content in rows}
    f = Figures(len(same), 0, len(alike), 0, len(single), 0)
    for a, b in same:
        if b in found[a] or a in found[b]:
            f.same_flagged += 1
        else:
            f.missed.append((text[a], text[b]))
    for a, b in alike:
        if b in found[a] or a in found[b]:
            f.alike_flagged += 1
            f.wrongly_paired.append((text[a], text[b]))
    for key in single:
        hits = found[key] | {k for k, v in found.items() if key in v}
        if hits:
            f.distinct_flagged += 1
            f.distinct_hits.append((text[key], text[sorted(hits)[0]]))
    return f


if __name__ == "__main__":
    fig = evaluate()
    print(fig.line())
    for title, items in (("missed", fig.missed), ("look-alikes paired", fig.wrongly_paired),
                         ("distinct paired", fig.distinct_hits)):
        print(f"-- {title}")
        for a, b in items:
            print(f"   {a}  ||  {b}")


def evaluate_heldout(make_index=SimilarityIndex) -> Figures:
    """The pairs in heldout.py among the same 300 distinct proposals."""
    from . import heldout, pairs

    saved = pairs.SAME_WISH[:], pairs.LOOK_ALIKE[:]
    try:
        pairs.SAME_WISH[:], pairs.LOOK_ALIKE[:] = heldout.SAME_WISH, heldout.LOOK_ALIKE
        return evaluate(make_index)
    finally:
        pairs.SAME_WISH[:], pairs.LOOK_ALIKE[:] = saved
