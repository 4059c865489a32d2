"""New row ids and row timestamps for services that need one before the row exists."""

from .models.base import new_id, utcnow

__all__ = ["new_id", "utcnow"]
