"""What a service changed, so the UI (and the projector) can refresh the right things."""

from __future__ import annotations

from dataclasses import dataclass, field

SETTINGS, ROSTER, YEAR, DATA = "settings", "roster", "year", "data"


@dataclass(frozen=True)
class Changes:
    topics: frozenset[str] = field(default_factory=frozenset)
    message: str = ""
    fresh: frozenset[str] = field(default_factory=frozenset)  # panes that already show this change themselves

    def shown_by(self, *panes: str) -> Changes:
        """The same change, marked as already on screen in these panes (they are not reloaded for it)."""
        return Changes(self.topics, self.message, self.fresh | frozenset(panes))

    @classmethod
    def of(cls, *topics: str, message: str = "") -> Changes:
        return cls(frozenset(topics), message)

    def touches(self, *topics: str) -> bool:
        return bool(self.topics.intersection(topics))
